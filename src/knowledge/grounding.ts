import { createFeud } from '../core/feud.ts';
import type { Lang } from '../core/reply.ts';
import { renderText } from '../core/render-text.ts';
import type { Fact } from './schema.ts';

/** Platform limits every rendered reply must fit (Discord embeds and autocomplete, Slack sections). */
export const LIMITS = {
  discordEmbedDescription: 4096,
  discordEmbedTitle: 256,
  discordChoiceName: 100,
  slackSectionText: 3000,
} as const;

/** Lines of the article that are page furniture, not reporting: no fact may quote them. */
const FURNITURE = [/무단전재/, /랭킹을 초기화/, /^AFP연합뉴스$/, /왼쪽\)와 .* 회장\. AFP연합뉴스$/];

/** Everything wrong with a fact base against its source article; empty when it is grounded. */
export function checkGrounding(facts: readonly Fact[], article: string): string[] {
  const problems: string[] = [];
  const articleText = article.normalize('NFC');
  const furniture = articleText.split('\n').filter((line) => FURNITURE.some((re) => re.test(line.trim())));
  const ids = new Set<string>();
  for (const fact of facts) {
    const where = `fact "${fact.id}"`;
    if (ids.has(fact.id)) problems.push(`${where}: id is used twice`);
    ids.add(fact.id);
    const quote = fact.quote.normalize('NFC');
    if (!articleText.includes(quote)) problems.push(`${where}: field quote is not verbatim in the article: "${fact.quote}"`);
    if (furniture.some((line) => line.includes(quote))) problems.push(`${where}: field quote comes from page furniture (caption or notice), not the reporting`);
    for (const lang of ['en', 'ko'] as const) {
      if (!fact.answer[lang].trim()) problems.push(`${where}: field answer.${lang} is empty`);
      for (const q of fact.questions[lang]) {
        if (q.length > LIMITS.discordChoiceName) problems.push(`${where}: a ${lang} question is longer than ${LIMITS.discordChoiceName} characters (Discord autocomplete): "${q}"`);
      }
    }
  }
  const feud = createFeud(facts);
  for (const fact of facts) {
    for (const lang of ['en', 'ko', 'both'] as const) {
      const replies = lang === 'both' ? [feud.dailyFact(fact.id, 'both')] : [feud.answerFact(fact.id, lang)!, feud.dailyFact(fact.id, lang)];
      for (const reply of replies) {
        const text = renderText(reply);
        if (reply.body.length > LIMITS.discordEmbedDescription) problems.push(`fact "${fact.id}" (${lang}): answer exceeds Discord's embed description limit`);
        if (reply.title.length > LIMITS.discordEmbedTitle) problems.push(`fact "${fact.id}" (${lang}): title exceeds Discord's embed title limit`);
        if (text.length > LIMITS.slackSectionText) problems.push(`fact "${fact.id}" (${lang}): rendered reply (${text.length} chars) exceeds Slack's section limit`);
      }
    }
  }
  for (const lang of ['en', 'ko'] as Lang[]) {
    const timeline = renderText(feud.timeline(undefined, lang));
    if (timeline.length > LIMITS.discordEmbedDescription) problems.push(`the ${lang} timeline (${timeline.length} chars) exceeds Discord's embed description limit`);
  }
  return problems;
}
