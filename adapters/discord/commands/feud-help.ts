import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { localeLang, type DiscordContext } from '../context.ts';

export const definition = {
  name: 'feud-help',
  description: 'How to use the feud bot',
  description_localizations: { ko: '피드봇 사용법' },
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  await ctx.answer(interaction, localeLang(interaction.locale) === 'ko' ? '도움말' : 'help', 'command');
}
