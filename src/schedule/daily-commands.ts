/** `daily on|off|status`: turn a channel's fact of the day on and off, and say when it comes next. */
import type { DailyCommandHandler } from '../bot/conversation.ts';
import type { Lang, Reply } from '../core/reply.ts';
import * as texts from '../core/texts.ts';
import type { ChannelKey, ChannelStore, DailyLang, DailyPostStore, Subscription } from '../store/store.ts';
import { formatLocal, nextPostAt, parseDailyTime, parseTimeZone } from './local-time.ts';

export const DEFAULT_DAILY_TIME = '09:00';

export interface DailyCommandDeps {
  store: ChannelStore & Pick<DailyPostStore, 'lastPost'>;
  /** Used when neither the command nor the platform names a zone. */
  defaultTimeZone: string;
  clock?: { now(): number };
}

const LANG_NAMES: Record<Lang, Record<DailyLang, string>> = {
  en: { en: 'English', ko: 'Korean', both: 'English and Korean' },
  ko: { en: '영어', ko: '한국어', both: '영어와 한국어' },
};

export function createDailyCommandHandler(deps: DailyCommandDeps): DailyCommandHandler {
  const clock = deps.clock ?? { now: () => Date.now() };
  const title = (lang: Lang) => (lang === 'ko' ? '오늘의 팩트' : 'Daily fact');

  const describe = async (sub: Subscription, key: ChannelKey, lang: Lang): Promise<string> => {
    const next = nextPostAt(sub, clock.now(), (await deps.store.lastPost(key))?.localDate);
    const langName = LANG_NAMES[lang][sub.lang];
    return lang === 'ko'
      ? `매일 ${sub.time} (${sub.timeZone})에 ${langName}로 올려요. 다음 게시: ${formatLocal(next, sub.timeZone, 'ko')}`
      : `Every day at ${sub.time} (${sub.timeZone}), in ${langName}. Next post: ${formatLocal(next, sub.timeZone, 'en')}.`;
  };

  return async (command, msg, lang): Promise<Reply> => {
    const key: ChannelKey = { platform: msg.platform, channelId: msg.channelId };
    const existing = await deps.store.getSubscription(key);

    if (command.action === 'status') {
      if (existing?.enabled) return texts.info(lang, title(lang), await describe(existing, key, lang));
      const reason = existing?.disabledReason ? (lang === 'ko' ? ` (사유: ${existing.disabledReason})` : ` (${existing.disabledReason})`) : '';
      return texts.info(
        lang,
        title(lang),
        lang === 'ko'
          ? `이 채널의 매일 팩트는 꺼져 있어요${reason}. 켜려면: \`/feud daily on 09:00 Asia/Seoul ko\``
          : `Daily facts are off in this channel${reason}. Turn them on with \`/feud daily on 09:00 Asia/Seoul en\`.`,
      );
    }

    if (command.action === 'off') {
      if (!existing?.enabled) return texts.info(lang, title(lang), lang === 'ko' ? '이미 꺼져 있어요.' : 'Daily facts are already off here.');
      await deps.store.disableSubscription(key, 'turned off');
      return texts.info(lang, title(lang), lang === 'ko' ? '이 채널의 매일 팩트를 껐어요.' : 'Daily facts are off for this channel.');
    }

    if (command.action !== 'on') return texts.error(lang, `unknown daily action`);
    const time = parseDailyTime(command.time ?? existing?.time ?? DEFAULT_DAILY_TIME);
    if (!time.ok) return texts.error(lang, lang === 'ko' ? `시각은 24시간 HH:MM 형식으로 적어 주세요 (예: 09:00, 21:30). ${time.error}` : time.error);
    const zoneInput = command.timeZone ?? existing?.timeZone ?? msg.defaultTimeZone ?? deps.defaultTimeZone;
    let zone = parseTimeZone(zoneInput);
    // a platform-reported zone we don't know is no reason to refuse: fall back to the default
    if (!zone.ok && !command.timeZone) zone = parseTimeZone(deps.defaultTimeZone);
    if (!zone.ok) return texts.error(lang, lang === 'ko' ? `시간대는 IANA 이름으로 적어 주세요 (예: Asia/Seoul, America/New_York). ${zone.error}` : zone.error);
    const sub = await deps.store.upsertSubscription(
      { platform: msg.platform, channelId: msg.channelId, time: time.value, timeZone: zone.value, lang: command.lang ?? existing?.lang ?? lang },
      clock.now(),
    );
    return texts.info(lang, title(lang), `${lang === 'ko' ? '매일 팩트를 켰어요. ' : 'Daily facts are on. '}${await describe(sub, key, lang)}`);
  };
}
