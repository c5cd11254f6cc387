import * as z from 'zod';
import type { Topic } from './topic.ts';

/**
 * The kinds of thing an answer can hold, and a question can ask for: "who" asks for a person or an
 * organisation, "when" for a date, "how much" for an amount, "where" for a place, "what is it called" for a name.
 * "plan" is a plan or an expectation (what someone said would happen), the only kind of answer to "when will…".
 */
export const ANSWER_KINDS = [
  'person',
  'organisation',
  'date',
  'amount',
  'count',
  'place',
  'name',
  'reason',
  'quote',
  'event',
  'comparison',
  'description',
  'plan',
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** A fact's id: kebab-case. */
export const FACT_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const DAY_PART = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** "2015", "2015-12", "2025-01-20", or a range "2017..2018". Precision follows from the form. */
export const FactDate = z.string().refine(isFactDate, {
  message: 'expected YYYY, YYYY-MM, YYYY-MM-DD or a range FROM..TO of those, naming a real date',
});

/** What FactDate accepts. */
export function isFactDate(s: string): boolean {
  const parts = s.split('..');
  return parts.length <= 2 && parts.every((part) => DAY_PART.test(part) && isRealDate(part));
}

function isRealDate(part: string): boolean {
  const [y, m = 1, d = 1] = part.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const bilingual = (max: number) => z.strictObject({ en: text(max), ko: text(max) });
/** Longest question variant or near miss: a chat message of a sentence or two of context and its question. */
export const QUESTION_MAX_CHARS = 240;
const variants = z.strictObject({
  en: z.array(text(QUESTION_MAX_CHARS)).min(4),
  ko: z.array(text(QUESTION_MAX_CHARS)).min(4),
});

/** A fact, whatever its topic; factSchemaFor() checks its category and claimant against the topic's lists. */
export const FactSchema = z.strictObject({
  id: z.string().regex(FACT_ID, 'expected a kebab-case id such as "openai-founding"'),
  /** One of the topic's categories (knowledge/topic.json). */
  category: z.string(),
  /** Absolute date the fact is about, where it has one. */
  date: FactDate.optional(),
  /** True when the article gives the date only loosely ("early 2010s"). */
  approximate: z.boolean().optional(),
  /** Who makes the claim: one of the topic's claimants. A feud's facts are attributed, never stated as one side's truth. */
  claimant: z.string(),
  answer: bilingual(600),
  /** A short headline for lists and the timeline. */
  summary: bilingual(90),
  questions: variants,
  keywords: z.strictObject({ en: z.array(text(60)).min(1), ko: z.array(text(60)).min(1) }),
  /** A short verbatim quote from the article: the fact's source. */
  quote: text(200),
  /** Facts a reader of this one should be offered next (an overview's parts; two sides of one remark). */
  related: z.array(z.string()).max(3).optional(),
  /** What the answer states (a date, an amount, a person…); a question asking for something else is not answered by this fact. */
  holds: z.array(z.enum(ANSWER_KINDS)).min(1).optional(),
  /**
   * Questions about this fact's topic that it does not answer ("who won the lawsuit"), so that they are
   * declined rather than answered with it: the curator's list of this fact's near misses.
   */
  nearMisses: z.strictObject({ en: z.array(text(QUESTION_MAX_CHARS)), ko: z.array(text(QUESTION_MAX_CHARS)) }).optional(),
});
export type Fact = z.infer<typeof FactSchema>;

/** The fact schema for one topic: its category and claimant must be the topic's own. */
export function factSchemaFor(topic: Topic) {
  const oneOf = (values: string[]) => z.string().refine((v) => values.includes(v), { message: `expected one of ${values.map((v) => `"${v}"`).join(', ')}` });
  return FactSchema.extend({ category: oneOf(topic.categories), claimant: oneOf(Object.keys(topic.claimants)) });
}

export const FactFileSchema = z.strictObject({
  facts: z.array(z.unknown()).min(1),
});
