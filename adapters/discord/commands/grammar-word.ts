import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { localeLang, type DiscordContext } from '../context.ts';
import { COMMAND_WORDS } from '../../../src/core/commands.ts';
import type { Lang } from '../../../src/core/reply.ts';

/**
 * A command with no options that stands for one word of the core grammar (`/feud-help` → "help").
 * The word is sent in the user's language, so the reply comes in it too.
 */
export function grammarWordCommand(spec: { name: string; description: Record<Lang, string>; command: keyof typeof COMMAND_WORDS }) {
  const definition = {
    name: spec.name,
    description: spec.description.en,
    description_localizations: { ko: spec.description.ko },
  } satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
  const execute = async (interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> => {
    await ctx.answer(interaction, COMMAND_WORDS[spec.command][localeLang(interaction.locale)], 'command');
  };
  return { definition, execute };
}
