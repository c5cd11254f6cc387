import type { AdapterName } from '../../adapters/index.ts';
import type { Command } from '../core/commands/index.ts';
import type { Reply, Suggestion } from '../core/reply.ts';

/** A chat platform, as the adapter registry (adapters/index.ts) names it. */
export type Platform = AdapterName;

/** Who said it, where, and what the platform can tell about them when asked. */
interface From {
  platform: Platform;
  channelId: string;
  /** Used only for cooldowns; never stored. */
  userId: string;
  /** The user's platform locale ("ko", "en-US"), asked only when the words do not say which language. */
  locale?: () => Promise<string | undefined>;
  /** The user's (or server's) time zone, asked only when `daily on` names none. */
  timeZone?: () => Promise<string | undefined>;
  /** The workspace it came from, for an app installed in many (Slack OAuth); channelId and userId are scoped by it already. */
  workspace?: string;
  /** Whether this user may change the channel's settings (listen, daily). Asked only when needed. */
  canManageChannel?: () => Promise<boolean>;
  /** One person at their own terminal (the console): no cooldown and no channel cap. */
  unthrottled?: boolean;
}

/** One thing a user said to the bot, as an adapter hands it over, by how it arrived. */
export type Incoming = From &
  (
    | {
        /** command: `/feud …`; mention: @bot …; listen: a plain message in an opted-in channel. */
        via: 'command' | 'mention' | 'listen';
        /** The text after `/feud`, or the message with the bot mention removed: the core parses it. */
        text: string;
      }
    | {
        /** A typed command whose options the platform split out (Discord's `/feud-settings daily on time:09:00`). */
        via: 'option';
        command: Command;
      }
    | {
        /** A did-you-mean click. */
        via: 'button';
        factId: string;
        /** The words on the button clicked: the answer comes in their language. */
        label?: string;
      }
  );

export interface AutocompleteRequest {
  /** What the user has typed so far. */
  typed: string;
  /** The user's locale: a Korean client gets Korean questions unless the typing is English. */
  locale?: string;
  limit?: number;
}

export interface Conversation {
  /** The reply to send, or null to stay silent (listen mode, not confident or rate-limited). */
  handle(msg: Incoming): Promise<Reply | null>;
  /** Questions for autocomplete as the user types, in the language they are typing or reading; Korean also by initial consonants. */
  autocomplete(request: AutocompleteRequest): Suggestion[];
  /** 👍/👎 under an answer (in `workspace`, for an app installed in many). */
  feedback(factId: string, helpful: boolean, platform: Platform, workspace?: string): void;
}
