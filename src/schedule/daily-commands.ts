/** `daily on|off|status`: turn a channel's fact of the day on and off, and say when it comes next. */
import { ChannelGoneError } from '../bot/adapter.ts';
import type { DailyCommandHandler } from '../bot/conversation.ts';
import { t } from '../core/catalog.ts';
import type { Lang, Reply } from '../core/reply.ts';
import * as texts from '../core/texts.ts';
import type { ChannelKey, ChannelStore, DailyPostStore, Subscription } from '../store/store.ts';
import { formatLocal, nextPostAt, parseDailyTime, parseTimeZone } from './local-time.ts';

export const DEFAULT_DAILY_TIME = '09:00';

export interface DailyCommandDeps {
  store: ChannelStore & Pick<DailyPostStore, 'lastPost'>;
  /** Used when neither the command nor the platform names a zone. */
  defaultTimeZone: string;
  clock?: { now(): number };
}

/** The reason `daily off` stores; shown in the reader's language, unlike a platform's error text. */
const TURNED_OFF = 'turned off';

/** Why a subscription is off, in the reader's language; a reason this version did not write is shown as stored. */
function reasonText(stored: string, lang: Lang): string {
  if (stored === TURNED_OFF) return t(lang, 'daily.reason.turnedOff');
  if (ChannelGoneError.isMessage(stored)) return t(lang, 'daily.reason.channelGone');
  return stored;
}

export function createDailyCommandHandler(deps: DailyCommandDeps): DailyCommandHandler {
  const clock = deps.clock ?? { now: () => Date.now() };
  const title = (lang: Lang) => t(lang, 'daily.title');
  const notice = (lang: Lang, body: string) => texts.info(lang, title(lang), body);

  const describe = async (sub: Subscription, key: ChannelKey, lang: Lang): Promise<string> => {
    const next = nextPostAt(sub, clock.now(), (await deps.store.lastPost(key))?.localDate);
    const language = t(lang, `daily.language.${sub.lang}` as const);
    return t(lang, 'daily.schedule', { time: sub.time, zone: sub.timeZone, language, next: formatLocal(next, sub.timeZone, lang) });
  };

  return async (command, msg, lang): Promise<Reply> => {
    const key: ChannelKey = { platform: msg.platform, channelId: msg.channelId };
    const existing = await deps.store.getSubscription(key);

    if (command.action === 'status') {
      if (existing?.enabled) return notice(lang, await describe(existing, key, lang));
      const why = existing?.disabledReason;
      const reason = why ? t(lang, 'daily.reason', { reason: reasonText(why, lang) }) : '';
      return notice(lang, t(lang, 'daily.isOff', { reason }));
    }

    if (command.action === 'off') {
      if (!existing?.enabled) return notice(lang, t(lang, 'daily.alreadyOff'));
      await deps.store.disableSubscription(key, TURNED_OFF);
      return notice(lang, t(lang, 'daily.turnedOff'));
    }

    if (command.action !== 'on') return texts.errorMessage(lang, 'error.failed'); // never: status and off returned above
    const timeInput = command.time ?? existing?.time ?? DEFAULT_DAILY_TIME;
    const time = parseDailyTime(timeInput);
    if (!time.ok) return texts.errorMessage(lang, 'daily.badTime', { input: timeInput });
    // the platform's zone for the user costs a lookup (Slack's users.info): asked only when nothing else names one
    const zoneInput = command.timeZone ?? existing?.timeZone ?? (await msg.timeZone?.().catch(() => undefined)) ?? deps.defaultTimeZone;
    let zone = parseTimeZone(zoneInput);
    // a platform-reported zone we don't know is no reason to refuse: fall back to the default
    if (!zone.ok && !command.timeZone) zone = parseTimeZone(deps.defaultTimeZone);
    if (!zone.ok) return texts.errorMessage(lang, 'daily.badZone', { input: zoneInput });
    const sub = await deps.store.upsertSubscription(
      { platform: msg.platform, channelId: msg.channelId, time: time.value, timeZone: zone.value, lang: command.lang ?? existing?.lang ?? lang },
      clock.now(),
    );
    return notice(lang, t(lang, 'daily.turnedOn', { schedule: await describe(sub, key, lang) }));
  };
}
