import type { Lang, Reply, Suggestion } from '../core/reply.ts';

export type Platform = 'discord' | 'slack' | 'console';

/** One thing a user said to the bot, as an adapter hands it over. */
export interface Incoming {
  platform: Platform;
  channelId: string;
  /** Used only for cooldowns in memory; never stored. */
  userId: string;
  /** The command text after `/feud`, or the message with the bot mention removed. */
  text: string;
  /** command: `/feud …`; mention: @bot …; listen: a plain message in an opted-in channel; button: a did-you-mean click. */
  via: 'command' | 'mention' | 'listen' | 'button';
  /** The user's platform locale ("ko", "en-US"), when the platform says. */
  locale?: string;
  /** The server/workspace time zone, when the platform says. */
  defaultTimeZone?: string;
  /** The workspace it came from, for an app installed in many (Slack OAuth); channelId and userId are scoped by it already. */
  workspace?: string;
  /** Whether this user may change the channel's settings (listen, daily). Asked only when needed. */
  canManageChannel?: () => Promise<boolean>;
}

export interface Conversation {
  /** The reply to send, or null to stay silent (listen mode, not confident or rate-limited). */
  handle(msg: Incoming): Promise<Reply | null>;
  /** Questions for autocomplete as the user types; Korean also matched by initial consonants. */
  autocomplete(typed: string, lang: Lang, limit?: number): Suggestion[];
  /** 👍/👎 under an answer (in `workspace`, for an app installed in many). */
  feedback(factId: string, helpful: boolean, platform: Platform, workspace?: string): void;
}
