import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Conversation, Incoming } from '../../src/bot/incoming.ts';
import { langOfLocale } from '../../src/core/catalog.ts';
import type { Logger } from '../../src/log.ts';

/** What a Discord interaction carries to the conversation; who, where and which locale are added from the interaction. */
export type Said =
  | { via: 'command'; text: string }
  | { via: 'option'; command: Extract<Incoming, { via: 'option' }>['command'] }
  | { via: 'button'; factId: string; label?: string };

/** What every Discord event handler gets: the conversation, the log and a way to answer. */
export interface DiscordContext {
  conversation: Conversation;
  logger: Logger;
  /** MessageContent is on: plain messages go to the conversation as listen mode. */
  listen: boolean;
  /** Acknowledge a slow command with "thinking…" after this long (Discord allows 3 s). */
  deferAfterMs: number;
  /** True the first time a user votes 👍/👎 on a message (bounded memory). */
  firstVote(key: string): boolean;
  /** Hand what the user said to the conversation as this interaction's user, and send the reply. */
  answer(interaction: ChatInputCommandInteraction | ButtonInteraction, said: Said): Promise<void>;
}

/** A slash command's handlers. */
export interface SlashCommand {
  execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: DiscordContext): Promise<void>;
}

/** The catalog for the user's Discord client language (notices the conversation does not write). */
export const localeLang = langOfLocale;
