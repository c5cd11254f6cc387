/**
 * Reply → Block Kit. Pure: the same Reply always gives the same message, and nothing here
 * talks to Slack. Every piece of text from the Reply is escaped (& < >) and sent with
 * `verbatim: true`, so an echoed `<!channel>` or `<@U123>` shows as text and pings no one.
 */
import type { types } from '@slack/bolt';
import { t } from '../../src/core/catalog.ts';
import { detailsLine, factCredits } from '../../src/core/credits.ts';
import { renderText } from '../../src/core/render-text.ts';
import { hasFact, type Lang, type Reply, type Suggestion, type TimelineEntry } from '../../src/core/reply.ts';
import { escapeMrkdwn, truncate, truncateEscaped } from './mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;
type MrkdwnElement = types.MrkdwnElement;

/** Block Kit's limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
} as const;

/** Fallback text stays short: it is what notifications and screen readers show. */
const FALLBACK_TEXT_MAX = 3000;

/** Did-you-mean buttons: `ask:<factId>`; the value carries the reply language and the fact. */
export const ASK_ACTION_PREFIX = 'ask:';
export const FEEDBACK_UP_ACTION = 'feedback:up';
export const FEEDBACK_DOWN_ACTION = 'feedback:down';

export interface SlackMessage {
  /** Notification/fallback text, escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** 👍/👎 under answers and facts (default true). */
  feedback?: boolean;
}

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const { lang } = reply;
  const blocks: KnownBlock[] = [];
  const framed = reply.kind !== 'notice' && reply.kind !== 'error';

  if (framed) {
    blocks.push({ type: 'header', text: plainText(reply.title, BLOCK_KIT_LIMITS.headerText) });
  }

  // in a channel, readers see the answer without the command that asked for it
  if (reply.question && reply.kind === 'answer') {
    blocks.push(context([`${t(lang, 'label.question')}: ${escapeMrkdwn(reply.question)}`]));
  }

  if (reply.kind === 'timeline' && reply.entries && reply.entries.length > 0) {
    // leave room for the header and one "…and N more" line
    blocks.push(...timelineSections(reply.entries, reply.lang, BLOCK_KIT_LIMITS.blocksPerMessage - blocks.length));
  } else {
    const body = framed ? escapeMrkdwn(reply.body) : `*${escapeMrkdwn(reply.title)}*\n${escapeMrkdwn(reply.body)}`;
    if (body.trim() !== '') blocks.push(section(body));
  }

  const fact = reply.fact;
  if (hasFact(reply)) {
    const credits = factCredits(reply, escapeMrkdwn);
    blocks.push(context([`${credits.source.label}: ${credits.source.value}`, detailsLine(credits.details)]));
  }

  if (reply.alternatives.length > 0) {
    // an abstention's body has just asked "did you mean one of these?"; an answer's related questions get a heading
    if (reply.kind !== 'abstain') blocks.push(section(`*${t(lang, 'label.related')}:*`));
    blocks.push({ type: 'actions', block_id: 'did-you-mean', elements: reply.alternatives.slice(0, 5).map((s) => suggestionButton(s, reply.lang)) });
  }

  if (fact && options.feedback !== false && (reply.kind === 'answer' || reply.kind === 'fact')) {
    const value = encodeButtonValue(fact.id, reply.lang);
    blocks.push({
      type: 'actions',
      block_id: 'feedback',
      elements: [
        { type: 'button', action_id: FEEDBACK_UP_ACTION, text: plainText(`👍 ${t(lang, 'button.helpful')}`, BLOCK_KIT_LIMITS.buttonText), value },
        { type: 'button', action_id: FEEDBACK_DOWN_ACTION, text: plainText(`👎 ${t(lang, 'button.notHelpful')}`, BLOCK_KIT_LIMITS.buttonText), value },
      ],
    });
  }

  return { text: fallbackText(reply), blocks: blocks.slice(0, BLOCK_KIT_LIMITS.blocksPerMessage) };
}

/** The plain-text rendering, escaped and cut: what a notification or an old client shows. */
export function fallbackText(reply: Reply): string {
  return truncateEscaped(escapeMrkdwn(renderText(reply)), FALLBACK_TEXT_MAX);
}

/** Button values carry the language so a click answers in the language the user was reading. */
export function encodeButtonValue(factId: string, lang: Lang): string {
  return `${lang}:${factId}`.slice(0, BLOCK_KIT_LIMITS.buttonValue);
}

export function decodeButtonValue(value: string | undefined): { factId: string; lang: Lang } | undefined {
  const match = /^(en|ko):(.+)$/.exec(value ?? '');
  return match ? { lang: match[1] as Lang, factId: match[2]! } : undefined;
}

function suggestionButton(s: Suggestion, lang: Lang): Button {
  return {
    type: 'button',
    action_id: `${ASK_ACTION_PREFIX}${s.factId}`.slice(0, BLOCK_KIT_LIMITS.actionId),
    text: plainText(s.label || s.question, BLOCK_KIT_LIMITS.buttonText),
    value: encodeButtonValue(s.factId, lang),
  };
}

function section(escapedMrkdwn: string): KnownBlock {
  return { type: 'section', text: mrkdwn(truncateEscaped(escapedMrkdwn, BLOCK_KIT_LIMITS.sectionText)) };
}

function context(escapedLines: string[]): KnownBlock {
  return { type: 'context', elements: escapedLines.slice(0, 10).map((line) => mrkdwn(truncateEscaped(line, BLOCK_KIT_LIMITS.contextText))) };
}

/**
 * plain_text never parses mentions, but it shows `&lt;` literally, so instead of escaping, angle
 * brackets become look-alikes: nothing that reads as `<!channel>` leaves the bot.
 */
function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text.replace(/</g, '‹').replace(/>/g, '›'), max), emoji: true };
}

/** verbatim: Slack must not turn names, channels or URLs in our text into links or mentions. */
function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** Timeline lines packed into sections of at most 3,000 characters, within `maxBlocks`. */
function timelineSections(entries: TimelineEntry[], lang: Lang, maxBlocks: number): KnownBlock[] {
  const lines = entries.map((e) => `• *${escapeMrkdwn(e.dateLabel)}* — ${escapeMrkdwn(e.summary)}`);
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const line of lines) {
    const fitted = truncateEscaped(line, BLOCK_KIT_LIMITS.sectionText);
    if (current.length > 0 && length + 1 + fitted.length > BLOCK_KIT_LIMITS.sectionText) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(fitted);
    length += (current.length > 1 ? 1 : 0) + fitted.length;
  }
  if (current.length > 0) chunks.push(current);

  // keep blocks for the context/feedback that may follow and for the "…and N more" line
  const room = Math.max(1, maxBlocks - 4);
  if (chunks.length <= room) return chunks.map((c) => section(c.join('\n')));
  const shown = chunks.slice(0, room - 1);
  const hidden = entries.length - shown.reduce((n, c) => n + c.length, 0);
  return [...shown.map((c) => section(c.join('\n'))), section(t(lang, 'timeline.more', { count: hidden }))];
}
