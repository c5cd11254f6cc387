/**
 * Reply → a Telegram message in HTML parse mode, with an inline keyboard for did-you-mean and
 * 👍/👎. Pure. Every piece of text is escaped (& < >), so nothing a user typed can become markup or
 * a link; every @ is followed by a word joiner, so no @name is read as a mention that notifies.
 */
import { t } from '../../src/core/catalog.ts';
import { detailsLine, factCredits } from '../../src/core/credits.ts';
import { hasFact, type Lang, type Reply, type Suggestion } from '../../src/core/reply.ts';

/** https://core.telegram.org/bots/api#sendmessage and #inlinekeyboardbutton */
export const TELEGRAM_LIMITS = { text: 4096, callbackData: 64, callbackAnswer: 200, buttonsPerKeyboard: 5 } as const;

export interface InlineButton {
  text: string;
  callback_data: string;
}

export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  /** No previews: a link in a fact or a question never unfolds into a card. */
  link_preview_options: { is_disabled: true };
  reply_markup?: { inline_keyboard: InlineButton[][] };
}

/** What a button click carries back: a did-you-mean (`a:<lang>:<fact>`) or a vote (`f:<1|0>:<lang>:<fact>`). */
export type ButtonAction = { type: 'ask'; factId: string; lang: Lang } | { type: 'feedback'; factId: string; lang: Lang; helpful: boolean };

export const askData = (factId: string, lang: Lang) => `a:${lang}:${factId}`;
export const feedbackData = (factId: string, lang: Lang, helpful: boolean) => `f:${helpful ? 1 : 0}:${lang}:${factId}`;

export function parseButtonData(data: string): ButtonAction | undefined {
  const ask = /^a:(en|ko):([a-z0-9-]{1,58})$/.exec(data);
  if (ask) return { type: 'ask', lang: ask[1] as Lang, factId: ask[2]! };
  const vote = /^f:([01]):(en|ko):([a-z0-9-]{1,56})$/.exec(data);
  if (vote) return { type: 'feedback', helpful: vote[1] === '1', lang: vote[2] as Lang, factId: vote[3]! };
  return undefined;
}

/** Telegram's HTML needs only these three escaped; the word joiner after @ keeps "@name" from mentioning anyone. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '@\u2060');
}

/** The bot's own texts mark commands with `backticks`: shown as code (inside code nothing is read as a link or mention). */
const withCode = (escaped: string) => escaped.replace(/`([^`\n]+)`/g, '<code>$1</code>');

/** Plain text cut so that it fits `max` once escaped, without splitting a surrogate pair. */
function fitEscaped(plain: string, max: number): string {
  let text = plain;
  for (let escaped = withCode(escapeHtml(text)); escaped.length > max; escaped = withCode(escapeHtml(text))) {
    let cut = text.slice(0, Math.max(0, text.length - (escaped.length - max) - 1));
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    text = `${cut}…`;
    if (cut.length === 0) return '…';
  }
  return withCode(escapeHtml(text));
}

export function renderReply(reply: Reply): TelegramMessage {
  const { lang } = reply;
  const framed = reply.kind !== 'notice' && reply.kind !== 'error';
  const tail: string[] = [];
  if (hasFact(reply)) {
    const credits = factCredits(reply, escapeHtml);
    tail.push(
      `<b>${escapeHtml(credits.source.label)}</b>: ${credits.source.value}`,
      detailsLine(credits.details.map((d) => ({ label: `<b>${escapeHtml(d.label)}</b>`, value: d.value }))),
    );
  }
  // the user's own words, as code: never a link or a mention
  if (reply.kind === 'answer' && reply.question) tail.push(`${escapeHtml(t(lang, 'label.question'))}: <code>${escapeHtml(reply.question)}</code>`);
  if (reply.alternatives.length > 0 && reply.kind !== 'abstain') tail.push(`<i>${escapeHtml(t(lang, 'label.related'))}:</i>`);

  const head = `<b>${escapeHtml(reply.title)}</b>${framed ? '\n\n' : '\n'}`;
  const rest = tail.length > 0 ? `\n\n${tail.join('\n')}` : '';
  const room = TELEGRAM_LIMITS.text - head.length - rest.length;
  const body = reply.kind === 'timeline' ? timelineBody(reply.entries, lang, room) : fitEscaped(reply.body, room);
  const keyboard = keyboardOf(reply);
  return {
    text: `${head}${body}${rest}`,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {}),
  };
}

/** Timeline lines up to the room left; when they do not all fit, the last line says how many more there are. */
function timelineBody(entries: Extract<Reply, { kind: 'timeline' }>['entries'], lang: Lang, room: number): string {
  const lines = entries.map((e) => `• <b>${escapeHtml(e.dateLabel)}</b> — ${escapeHtml(e.summary)}`);
  const more = (count: number) => withCode(escapeHtml(t(lang, 'timeline.more', { count })));
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const last = i === lines.length - 1;
    // room for this line and, unless it is the last, for the "…and N more" line after it
    if (length + line.length + (last ? 0 : 1 + more(lines.length - i - 1).length) > room) {
      kept.push(more(lines.length - i));
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

function keyboardOf(reply: Reply): InlineButton[][] {
  const rows: InlineButton[][] = [];
  // did-you-mean under an abstention, related questions under an answer: one per row, as they are long
  if (reply.kind === 'abstain' || reply.kind === 'answer') {
    for (const s of reply.alternatives.slice(0, TELEGRAM_LIMITS.buttonsPerKeyboard)) {
      const data = askData(s.factId, reply.lang);
      if (byteLength(data) <= TELEGRAM_LIMITS.callbackData) rows.push([{ text: buttonText(s), callback_data: data }]);
    }
  }
  if (hasFact(reply)) {
    const up = feedbackData(reply.fact.id, reply.lang, true);
    const down = feedbackData(reply.fact.id, reply.lang, false);
    if (byteLength(up) <= TELEGRAM_LIMITS.callbackData) {
      rows.push([
        { text: `👍 ${t(reply.lang, 'button.helpful')}`, callback_data: up },
        { text: `👎 ${t(reply.lang, 'button.notHelpful')}`, callback_data: down },
      ]);
    }
  }
  return rows;
}

/** Button labels are plain text (no parse mode): shown as written. */
const buttonText = (s: Suggestion) => (s.label.trim() || s.question).slice(0, 64);
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

/** A short notice shown as a click's answer (a toast; no markup there), cut to Telegram's 200 characters. */
export function callbackNotice(text: string): string {
  return text.length <= TELEGRAM_LIMITS.callbackAnswer ? text : `${text.slice(0, TELEGRAM_LIMITS.callbackAnswer - 1)}…`;
}
