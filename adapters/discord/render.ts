/**
 * Reply → Discord message: one embed, plus buttons for did-you-mean and 👍/👎.
 * Produces API JSON, which discord.js sends as is and raw REST calls post unchanged.
 */
import {
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  MessageFlags,
  type MessageMentionOptions,
} from 'discord.js';
import { type MessageKey, t } from '../../src/core/catalog.ts';
import { factCredits } from '../../src/core/credits.ts';
import { hasFact, type Lang, type Reply, type Suggestion } from '../../src/core/reply.ts';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
} as const;

/** Nothing the bot sends may ping anyone: no @everyone, no users, no roles, no reply ping. */
export const NO_MENTIONS = { parse: [], repliedUser: false } satisfies MessageMentionOptions;
/** The same for raw REST bodies (no reply there, so no replied_user). */
export const NO_MENTIONS_API = { parse: [] } satisfies APIAllowedMentions;

const COLOURS: Record<Reply['kind'], number> = {
  answer: 0x5865f2,
  fact: 0x5865f2,
  abstain: 0x99aab5,
  timeline: 0xfee75c,
  help: 0x57f287,
  about: 0x57f287,
  notice: 0x99aab5,
  error: 0xed4245,
};

export interface RenderedMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** MessageFlags.Ephemeral for private replies, where the reply can be ephemeral (interactions). */
  flags?: number;
}

// ---- custom ids: what a button click carries back ----------------------------

export type ButtonAction = { type: 'ask'; factId: string } | { type: 'feedback'; factId: string; helpful: boolean };

export const askButtonId = (factId: string) => `ask:${factId}`;
export const feedbackButtonId = (factId: string, helpful: boolean) => `fb:${factId}:${helpful ? 1 : 0}`;

export function parseButtonId(customId: string): ButtonAction | undefined {
  const ask = /^ask:([a-z0-9-]{1,95})$/.exec(customId);
  if (ask) return { type: 'ask', factId: ask[1]! };
  const feedback = /^fb:([a-z0-9-]{1,95}):([01])$/.exec(customId);
  if (feedback) return { type: 'feedback', factId: feedback[1]!, helpful: feedback[2] === '1' };
  return undefined;
}

// ---- rendering --------------------------------------------------------------

export function renderReply(reply: Reply): RenderedMessage {
  const { lang } = reply;
  const embed: APIEmbed = {
    // titles render markdown too, and can echo the user's words ("timeline (…)")
    title: truncate(escapeText(reply.title), LIMITS.title),
    description: truncateLines(escapeText(reply.body), LIMITS.description),
    color: COLOURS[reply.kind],
  };

  const fields: APIEmbedField[] = [];
  const fact = reply.fact;
  if (hasFact(reply)) {
    const credits = factCredits(reply, escapeText);
    fields.push({ name: credits.source.label, value: truncate(credits.source.value, LIMITS.fieldValue) });
    for (const detail of credits.details) fields.push({ name: detail.label, value: truncate(detail.value, LIMITS.fieldValue), inline: true });
  }
  if (fields.length > 0) embed.fields = fields;
  // footers show text as typed (no markdown), so the user's words need no escaping there
  if (reply.question) embed.footer = { text: truncate(`${t(lang, 'label.question')}: ${reply.question}`, LIMITS.footer) };

  const components: RenderedMessage['components'] = [];
  if (reply.kind === 'answer' && fact && feedbackButtonId(fact.id, true).length <= LIMITS.customId) {
    components.push(
      row([
        button(feedbackButtonId(fact.id, true), t(lang, 'button.helpful'), '👍'),
        button(feedbackButtonId(fact.id, false), t(lang, 'button.notHelpful'), '👎'),
      ]),
    );
  }
  // did-you-mean under an abstain, related questions under an answer: one click asks it
  const suggestions = reply.alternatives.filter((s) => askButtonId(s.factId).length <= LIMITS.customId).slice(0, LIMITS.buttonsPerRow);
  if (suggestions.length > 0 && (reply.kind === 'abstain' || reply.kind === 'answer')) {
    components.push(row(suggestions.map(suggestionButton)));
  }

  return { embeds: [embed], components, ...(reply.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** A short ephemeral acknowledgement (feedback, stale buttons), as an embed like every other reply. */
export function renderNotice(lang: Lang, key: MessageKey): RenderedMessage {
  return { embeds: [{ description: escapeText(t(lang, key)), color: COLOURS.notice }], components: [], flags: MessageFlags.Ephemeral };
}

function suggestionButton(s: Suggestion): APIButtonComponentWithCustomId {
  return button(askButtonId(s.factId), s.label.trim() || s.question);
}

function button(customId: string, label: string, emoji?: string): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId,
    label: truncate(label, LIMITS.buttonLabel),
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}

function row(buttons: APIButtonComponentWithCustomId[]): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return { type: ComponentType.ActionRow, components: buttons };
}

/**
 * Reply text is plain; escape what Discord would read as markdown (the user's words can be in it)
 * but keep `inline code`, which the bot's own help texts use for commands.
 */
export function escapeText(text: string): string {
  return escapeMarkdown(text, { inlineCode: false, inlineCodeContent: false, heading: true, numberedList: true, bulletedList: true, maskedLink: true });
}

/** Discord counts UTF-16 units; cut below `max` without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Cut long lists (timelines) at a line break rather than mid-entry. */
function truncateLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let length = 2; // room for "\n…"
  for (const line of lines) {
    const size = line.length + 1;
    if (length + size > max) break;
    kept.push(line);
    length += size;
  }
  return kept.length > 0 ? `${kept.join('\n')}\n…` : truncate(text, max);
}
