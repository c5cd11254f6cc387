/**
 * The usual case of fact validation, checked by hand: a fact that is plainly valid (every field of the
 * right type and size, every text already trimmed, no key the schema lacks) is taken as is, in a few
 * microseconds, where zod's generic walk over its schema costs tens. Anything else, every broken fact
 * included, is left to zod (see load.ts), so every error message is zod's own. The result is what zod's
 * parse gives for the same input: the schema's keys in its order, fresh arrays
 * (test/knowledge/plain-fact.test.ts compares the two).
 */
import { ANSWER_KINDS, type AnswerKind, FACT_ID, type Fact, isFactDate, QUESTION_MAX_CHARS } from './schema.ts';
import type { Topic } from './topic.ts';

const KINDS: ReadonlySet<unknown> = new Set(ANSWER_KINDS);
/** The keys FactSchema knows; a fact with any other is not plain. */
const KEYS: ReadonlySet<string> = new Set([
  'id',
  'category',
  'date',
  'approximate',
  'claimant',
  'answer',
  'summary',
  'questions',
  'keywords',
  'quote',
  'related',
  'holds',
  'nearMisses',
]);

type Texts = { en: string[]; ko: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOnly = (v: Record<string, unknown>, keys: readonly string[]) => {
  for (const key in v) if (!keys.includes(key)) return false;
  return true;
};
/** What `z.string().trim().min(1).max(max)` accepts and gives back unchanged. */
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max && v.trim() === v;
/** Every element, holes included (which `every` would skip and zod would refuse). */
function all(v: unknown, test: (element: unknown) => boolean): v is unknown[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!test(v[i])) return false;
  return true;
}
const isTexts = (v: unknown, max: number, min: number): v is string[] => all(v, (t) => isText(t, max)) && v.length >= min;
const isBilingual = (v: unknown, max: number): v is { en: string; ko: string } =>
  isObject(v) && hasOnly(v, ['en', 'ko']) && isText(v.en, max) && isText(v.ko, max);
const isBilingualTexts = (v: unknown, max: number, min: number): v is Texts =>
  isObject(v) && hasOnly(v, ['en', 'ko']) && isTexts(v.en, max, min) && isTexts(v.ko, max, min);
const copyTexts = (v: Texts): Texts => ({ en: [...v.en], ko: [...v.ko] });

/** The fact as zod would give it back, or undefined when it is not plainly valid (zod then says why, or accepts it). */
export function plainFact(raw: unknown, topic: Topic): Fact | undefined {
  if (!isObject(raw)) return undefined;
  for (const key in raw) if (!KEYS.has(key) || raw[key] === undefined) return undefined;
  const { id, category, date, approximate, claimant, answer, summary, questions, keywords, quote, related, holds, nearMisses } = raw;
  const plain =
    typeof id === 'string' &&
    FACT_ID.test(id) &&
    typeof category === 'string' &&
    topic.categories.includes(category) &&
    (date === undefined || (typeof date === 'string' && isFactDate(date))) &&
    (approximate === undefined || typeof approximate === 'boolean') &&
    typeof claimant === 'string' &&
    Object.hasOwn(topic.claimants, claimant) &&
    isBilingual(answer, 600) &&
    isBilingual(summary, 90) &&
    isBilingualTexts(questions, QUESTION_MAX_CHARS, 4) &&
    isBilingualTexts(keywords, 60, 1) &&
    isText(quote, 200) &&
    (related === undefined || (all(related, (r) => typeof r === 'string') && related.length <= 3)) &&
    (holds === undefined || (all(holds, (k) => KINDS.has(k)) && holds.length >= 1)) &&
    (nearMisses === undefined || isBilingualTexts(nearMisses, QUESTION_MAX_CHARS, 0));
  if (!plain) return undefined;
  return {
    id,
    category,
    ...(date !== undefined && { date: date as string }),
    ...(approximate !== undefined && { approximate: approximate as boolean }),
    claimant,
    answer: { en: answer.en, ko: answer.ko },
    summary: { en: summary.en, ko: summary.ko },
    questions: copyTexts(questions),
    keywords: copyTexts(keywords),
    quote,
    ...(related !== undefined && { related: [...(related as string[])] }),
    ...(holds !== undefined && { holds: [...(holds as AnswerKind[])] }),
    ...(nearMisses !== undefined && { nearMisses: copyTexts(nearMisses as Texts) }),
  };
}
