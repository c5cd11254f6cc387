import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { localeLang, type DiscordContext } from '../context.ts';

export const definition = {
  name: 'feud-about',
  description: 'Where the feud bot’s facts come from',
  description_localizations: { ko: '피드봇 팩트의 출처' },
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  await ctx.answer(interaction, localeLang(interaction.locale) === 'ko' ? '출처' : 'about', 'command');
}
