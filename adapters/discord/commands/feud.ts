import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Lang } from '../../../src/core/reply.ts';
import { localeLang, type DiscordContext } from '../context.ts';
import { withoutMentions } from '../mentions.ts';
import { truncate } from '../render.ts';

/** Discord shows at most 25 choices, each name and value at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

export const definition = {
  name: 'feud',
  description: 'Ask about the Musk vs Altman fight over OpenAI (or: help, fact, timeline, about)',
  description_localizations: { ko: '머스크와 올트먼의 오픈AI 다툼에 대해 질문하기 (또는: 도움말, 랜덤 팩트, 연표, 출처)' },
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      name_localizations: { ko: '질문' },
      description: 'Your question, e.g. who founded OpenAI',
      description_localizations: { ko: '질문, 예: 오픈AI는 누가 설립했어?' },
      required: true,
      autocomplete: true,
      max_length: 500,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void> {
  // the core decides whether this is a question or a word like "help" or "timeline 2024"
  await ctx.answer(interaction, withoutMentions(interaction.options.getString('question', true)), 'command');
}

/** Suggested questions as the user types; must answer well inside Discord's 3 s. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: DiscordContext): Promise<void> {
  const typed = String(interaction.options.getFocused());
  const hasHangul = ctx.feud.detectLang(typed) === 'ko';
  const lang: Lang = hasHangul || localeLang(interaction.locale) === 'ko' ? 'ko' : 'en';
  let suggestions = ctx.feud.suggest(typed, lang, MAX_CHOICES);
  // a Korean-locale user typing English words still gets English questions
  if (suggestions.length === 0 && lang === 'ko' && !hasHangul && /[a-z]/i.test(typed)) suggestions = ctx.feud.suggest(typed, 'en', MAX_CHOICES);
  // the chosen value is sent back as the question, so name and value are the same text
  const questions = [...new Set(suggestions.map((s) => truncate(s.question, MAX_CHOICE_LENGTH)))].filter((q) => q.length > 0);
  await interaction.respond(questions.slice(0, MAX_CHOICES).map((q) => ({ name: q, value: q })));
}
