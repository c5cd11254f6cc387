import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { localeLang, type DiscordContext } from '../context.ts';

export const definition = {
  name: 'feud-fact',
  description: 'A random fact about the Musk vs Altman feud',
  description_localizations: { ko: '머스크 vs 올트먼 랜덤 팩트' },
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  // the grammar word in the user's language, so the reply comes in it too
  await ctx.answer(interaction, localeLang(interaction.locale) === 'ko' ? '오늘의 사실' : 'fact', 'command');
}
