/**
 * The slash commands: what they are (definitions.ts, from the core's registry), what each does
 * when used, and their registration with Discord. Nothing here reads the grammar: the main command
 * hands its text to the conversation, and every other command hands over its options, already parsed.
 */
import { type AutocompleteInteraction, type ChatInputCommandInteraction, type REST, Routes } from 'discord.js';
import { type CommandModule, type TypedValues, typedCommands } from '../../../src/core/commands/index.ts';
import type { DiscordContext, SlashCommand } from '../context.ts';
import { withoutMentions } from '../mentions.ts';
import { truncate } from '../render.ts';
import { commandDefinitions, MAIN_COMMAND, SETTINGS_COMMAND, slashNameOf } from './definitions.ts';

export { commandDefinitions };

/** Discord shows at most 25 choices, each name and value at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** `/feud question:…`: the core decides whether this is a question or a word like "help" or "timeline 2024". */
const main: SlashCommand = {
  async execute(interaction, ctx) {
    await ctx.answer(interaction, { via: 'command', text: withoutMentions(interaction.options.getString('question', true)) });
  },
  /** Suggested questions as the user types; must answer well inside Discord's 3 s. */
  async autocomplete(interaction: AutocompleteInteraction, ctx: DiscordContext) {
    const suggestions = ctx.conversation.autocomplete({ typed: String(interaction.options.getFocused()), locale: interaction.locale, limit: MAX_CHOICES });
    // the chosen value is sent back as the question, so name and value are the same text
    const questions = [...new Set(suggestions.map((s) => truncate(s.question, MAX_CHOICE_LENGTH)))].filter((q) => q.length > 0);
    await interaction.respond(questions.slice(0, MAX_CHOICES).map((q) => ({ name: q, value: q })));
  },
};

/** A typed command's option values, as the module declared them. */
function valuesOf(interaction: ChatInputCommandInteraction, module: CommandModule, action?: string): TypedValues {
  const declared = action ? module.typed?.actions?.find((a) => a.name === action)?.options : module.typed?.options;
  const options: TypedValues['options'] = {};
  for (const o of declared ?? []) {
    const value = interaction.options.getString(o.name);
    if (value !== null) options[o.name] = value;
  }
  return { ...(action ? { action } : {}), options };
}

const optionCommand = (module: CommandModule): SlashCommand => ({
  async execute(interaction, ctx) {
    await ctx.answer(interaction, { via: 'option', command: module.fromTyped!(valuesOf(interaction, module)) });
  },
});

/** `/feud-settings listen mode:on`, `/feud-settings daily on time:09:00 …`. */
const settings: SlashCommand = {
  async execute(interaction, ctx) {
    const group = interaction.options.getSubcommandGroup(false);
    const sub = interaction.options.getSubcommand(true);
    const module = typedCommands().find((m) => m.typed.settings && m.words?.en[0] === (group ?? sub));
    if (!module?.fromTyped) throw new Error(`no settings command "${group ?? sub}"`);
    await ctx.answer(interaction, { via: 'option', command: module.fromTyped(valuesOf(interaction, module, group ? sub : undefined)) });
  },
};

export const commandsByName: ReadonlyMap<string, SlashCommand> = new Map<string, SlashCommand>([
  [MAIN_COMMAND, main],
  ...typedCommands()
    .filter((m) => !m.typed.main && !m.typed.settings && m.fromTyped)
    .map((m): [string, SlashCommand] => [slashNameOf(m), optionCommand(m)]),
  [SETTINGS_COMMAND, settings],
]);

/**
 * Bulk-overwrite the bot's commands: in one server when `guildId` is given (changes show at
 * once, handy while developing), otherwise globally. Returns the number registered.
 */
export async function registerCommands(rest: REST, appId: string, guildId?: string): Promise<number> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const registered = (await rest.put(route, { body: commandDefinitions() })) as unknown[];
  return registered.length;
}
