/** Every slash command the bot has, and their registration with Discord. */
import { Routes, type REST, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from '../context.ts';
import * as feud from './feud.ts';
import * as feudAbout from './feud-about.ts';
import * as feudFact from './feud-fact.ts';
import * as feudHelp from './feud-help.ts';
import * as feudSettings from './feud-settings.ts';
import * as feudTimeline from './feud-timeline.ts';

export const COMMANDS: readonly SlashCommand[] = [feud, feudFact, feudTimeline, feudHelp, feudAbout, feudSettings] satisfies SlashCommand[];

export const commandsByName: ReadonlyMap<string, SlashCommand> = new Map(COMMANDS.map((c) => [c.definition.name, c]));

export const commandDefinitions = (): RESTPutAPIApplicationCommandsJSONBody => COMMANDS.map((c) => c.definition);

/**
 * Bulk-overwrite the bot's commands: in one server when `guildId` is given (changes show at
 * once, handy while developing), otherwise globally. Returns the number registered.
 */
export async function registerCommands(rest: REST, appId: string, guildId?: string): Promise<number> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const registered = (await rest.put(route, { body: commandDefinitions() })) as unknown[];
  return registered.length;
}
