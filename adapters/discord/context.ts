import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Conversation } from '../../src/bot/incoming.ts';
import type { Feud } from '../../src/core/feud.ts';
import type { Lang } from '../../src/core/reply.ts';
import type { Logger } from '../../src/log.ts';

/** What every Discord event handler gets: the core, the log and a way to answer. */
export interface DiscordContext {
  conversation: Conversation;
  feud: Feud;
  logger: Logger;
  /** MessageContent is on: plain messages go to the conversation as listen mode. */
  listen: boolean;
  /** Acknowledge a slow command with "thinking…" after this long (Discord allows 3 s). */
  deferAfterMs: number;
  /** Run `text` through the conversation as this interaction's user, and send the reply. */
  /** True the first time a user votes 👍/👎 on a message (bounded memory). */
  firstVote(key: string): boolean;
  answer(interaction: ChatInputCommandInteraction | ButtonInteraction, text: string, via: 'command' | 'button'): Promise<void>;
}

/** One slash command: its JSON definition and its handlers (the discord.js guide's habit). */
export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: DiscordContext): Promise<void>;
}

/** The language the user's Discord client is set to. */
export const localeLang = (locale: string | null | undefined): Lang => (locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en');
