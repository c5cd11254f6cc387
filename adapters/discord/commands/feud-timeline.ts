import { ApplicationCommandOptionType, type ChatInputCommandInteraction, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { COMMAND_WORDS } from '../../../src/core/commands.ts';
import { localeLang, type DiscordContext } from '../context.ts';

export const definition = {
  name: 'feud-timeline',
  description: 'What happened when in the Musk vs Altman feud',
  description_localizations: { ko: '머스크 vs 올트먼 다툼의 시간순 사건' },
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'range',
      name_localizations: { ko: '기간' },
      description: 'A year or a period, e.g. 2024 or 2024-11..2025-02',
      description_localizations: { ko: '연도나 기간, 예: 2024 또는 2024-11..2025-02' },
      required: false,
      max_length: 40,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  const range = interaction.options.getString('range')?.trim();
  const word = COMMAND_WORDS.timeline[localeLang(interaction.locale)];
  await ctx.answer(interaction, range ? `${word} ${range}` : word, 'command');
}
