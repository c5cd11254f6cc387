import { ADAPTERS } from '../../adapters/index.ts';
import type { PlatformLimits } from '../bot/adapter.ts';
import { dateSpan } from '../core/dates.ts';
import { createFeud } from '../core/feud.ts';
import { registerProblems } from '../core/register.ts';
import { renderText } from '../core/render-text.ts';
import type { Lang } from '../core/reply.ts';
import type { AnswerKind, Fact } from './schema.ts';
import { builtInTopic, type Topic } from './topic.ts';

/** A platform whose limits every rendered reply must fit: each adapter in the registry declares its own. */
export interface Platform {
  label: string;
  limits: PlatformLimits;
}

const REGISTERED: readonly Platform[] = ADAPTERS.map((a) => ({ label: a.label, limits: a.limits }));

/** Lines of the article that are page furniture, not reporting: no fact may quote them. */
const FURNITURE = [/무단전재/, /랭킹을 초기화/, /^AFP연합뉴스$/, /왼쪽\)와 .* 회장\. AFP연합뉴스$/];

/** A quote is shown inside quote marks; one that starts or ends with its own would show doubled (""…""). */
const QUOTE_MARK_AT_EDGE = /^["'“”‘’「」『』]|["'“”‘’「」『』]$/;
/** Words an English answer puts in double quotes: the article's Korean, translated, unless the article has them in English. */
const QUOTED_EN = /"([^"]+)"/g;

/**
 * A fact's declared holds must be in its answers: a question asking for an amount is answered only by a
 * fact that "holds" one, so a declared amount the answer does not state would answer what it cannot.
 */
const HELD_IN_ANSWER: Partial<Record<AnswerKind, { en: RegExp; ko: RegExp; what: string }>> = {
  amount: {
    en: /\$\d|\d+(?:\.\d+)? (?:billion|million|trillion)|billions? of dollars/,
    ko: /\d+(?:\.\d+)?\s*(?:억|조|만)?\s*(?:달러|원)|수십억/,
    what: 'an amount of money',
  },
  count: { en: /\d/, ko: /\d/, what: 'a number' },
  date: { en: /\b(?:19|20)\d\d\b/, ko: /(?:19|20)\d\d년/, what: 'a year' },
  quote: {
    en: /["“”]|\b(?:said|says|wrote|writes|called|reported|answered|agreed|concluded|according to)\b/,
    ko: /["“”']|라고|다고|다며|따르면|보도|결론/,
    what: 'words someone said',
  },
  plan: {
    en: /\b(?:will|would|plan|plans|planning|pledged|expects?|set to)\b/,
    ko: /(?:하겠|키우겠|늘리겠|계획|구상|예상|전망|것으로|보입니다)/,
    what: 'a plan or an expectation',
  },
};

function holdsProblems(fact: Fact): string[] {
  const problems: string[] = [];
  for (const kind of fact.holds ?? []) {
    const check = HELD_IN_ANSWER[kind];
    if (!check) continue;
    if (kind === 'date' && fact.date) continue;
    for (const lang of ['en', 'ko'] as const) {
      if (!check[lang].test(fact.answer[lang])) problems.push(`"${kind}" is declared, but answer.${lang} states none (${check.what})`);
    }
  }
  return problems;
}

/** Everything wrong with a fact base against its source article; empty when it is grounded. */
export function checkGrounding(facts: readonly Fact[], article: string, topic: Topic = builtInTopic(), platforms: readonly Platform[] = REGISTERED): string[] {
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
    problems.push(...holdsProblems(fact).map((p) => `${where}: field holds: ${p}`));
    if (QUOTE_MARK_AT_EDGE.test(fact.quote))
      problems.push(`${where}: field quote starts or ends with a quotation mark, so replies would show it doubled: ${fact.quote}`);
    for (const field of ['answer', 'summary'] as const) {
      for (const problem of registerProblems(fact[field].ko)) problems.push(`${where}: field ${field}.ko is not in the bot's register (합니다체): ${problem}`);
    }
    const untranslated = [...fact.answer.en.matchAll(QUOTED_EN)].map((m) => m[1]!).filter((words) => !articleText.toLowerCase().includes(words.toLowerCase()));
    if (untranslated.length > 0 && !/translat/i.test(fact.answer.en)) {
      problems.push(`${where}: field answer.en quotes words the article gives only in Korean ("${untranslated[0]}") without saying they are a translation`);
    }
    for (const lang of ['en', 'ko'] as const) {
      if (!fact.answer[lang].trim()) problems.push(`${where}: field answer.${lang} is empty`);
      // the first question is the one a did-you-mean button offers; autocomplete offers only the variants that fit
      const offered = fact.questions[lang][0] ?? '';
      for (const { label, limits } of platforms) {
        if (limits.choice !== undefined && offered.length > limits.choice)
          problems.push(`${where}: the first ${lang} question (offered as a did-you-mean) is longer than ${limits.choice} characters (${label}): "${offered}"`);
      }
    }
  }
  const feud = createFeud(facts, { topic });
  for (const fact of facts) {
    for (const lang of ['en', 'ko', 'both'] as const) {
      const replies = lang === 'both' ? [feud.dailyFact(fact.id, 'both')] : [feud.answerFact(fact.id, lang)!, feud.dailyFact(fact.id, lang)];
      for (const reply of replies) {
        const text = renderText(reply);
        for (const { label, limits } of platforms) {
          const over = (limit: number | undefined, length: number) => limit !== undefined && length > limit;
          if (over(limits.body, reply.body.length))
            problems.push(`fact "${fact.id}" (${lang}): answer (${reply.body.length} chars) exceeds ${label}'s limit of ${limits.body}`);
          if (over(limits.title, reply.title.length))
            problems.push(`fact "${fact.id}" (${lang}): title (${reply.title.length} chars) exceeds ${label}'s limit of ${limits.title}`);
          if (over(limits.text, text.length))
            problems.push(`fact "${fact.id}" (${lang}): rendered reply (${text.length} chars) exceeds ${label}'s limit of ${limits.text}`);
        }
      }
    }
  }
  problems.push(...timelineProblems(facts, feud.timeline(undefined, 'en').entries ?? [], topic));
  for (const lang of ['en', 'ko'] as Lang[]) {
    const timeline = feud.timeline(undefined, lang).body;
    for (const { label, limits } of platforms) {
      if (limits.body !== undefined && timeline.length > limits.body)
        problems.push(`the ${lang} timeline (${timeline.length} chars) exceeds ${label}'s limit of ${limits.body}`);
    }
  }
  return problems;
}

/**
 * The timeline lists events, not the source, and never puts an event known only to its month (or year)
 * before an event dated within that month: "January 2025" must not come before "20 January 2025".
 */
export function timelineProblems(facts: readonly Fact[], entries: readonly { factId: string; date: string }[], topic: Topic = builtInTopic()): string[] {
  const sourceCategories = new Set(topic.sourceCategories);
  const problems: string[] = [];
  const byId = new Map(facts.map((f) => [f.id, f]));
  for (const entry of entries) {
    if (sourceCategories.has(byId.get(entry.factId)!.category))
      problems.push(`timeline: fact "${entry.factId}" is about the source, not an event, but is listed`);
  }
  entries.forEach((earlier, i) => {
    const wide = dateSpan(earlier.date);
    for (const later of entries.slice(i + 1)) {
      const narrow = dateSpan(later.date);
      const inside = wide.from <= narrow.from && narrow.to <= wide.to && (wide.from !== narrow.from || wide.to !== narrow.to);
      if (inside) problems.push(`timeline: "${earlier.factId}" (${earlier.date}) is listed before "${later.factId}" (${later.date}), which is dated within it`);
    }
  });
  return problems;
}
