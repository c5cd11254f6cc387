import type { Fact } from '../knowledge/schema.ts';
import { builtInTopic, type Topic } from '../knowledge/topic.ts';
import type { DailyLang } from '../store/store.ts';
import { ARTICLE } from './article.ts';
import { Autocomplete } from './autocomplete.ts';
import { helpBody } from './commands/index.ts';
import { type DateSpan, dateLabel, dateSpan, PeriodError, parseDateRange, spansOverlap } from './dates.ts';
import { type Decision, type DecisionModel, decide } from './decision.ts';
import { DECISION_MODEL } from './decision-model.ts';
import { type FactReading, Matcher } from './matcher.ts';
import { cleanText, detectLang } from './normalise.ts';
import { refersBack, theQuestionSentence } from './question.ts';
import type { AnswerReply, FactReply, FactView, Lang, Reply, Suggestion, TimelineEntry } from './reply.ts';
import * as texts from './texts.ts';

export interface AskOptions {
  /** Force the reply language; by default Hangul in the question means Korean. */
  lang?: Lang;
  /**
   * The fact this asker was just answered with: a follow-up that points back at it ("그거 언제였어?",
   * "when was that?") and is not answered alone is read with that fact's topic as context.
   */
  previousFactId?: string;
}

/** The Q&A core: pure functions over one loaded fact base. */
export interface Feud {
  ask(question: string, options?: AskOptions): Reply;
  randomFact(lang: Lang, random?: () => number): Reply;
  /** The answer for one fact by id (a did-you-mean click); undefined for an unknown id. */
  answerFact(factId: string, lang: Lang): Reply | undefined;
  /** "Feud fact of the day" for one fact; 'both' puts English and Korean in one reply. */
  dailyFact(factId: string, lang: DailyLang): Reply;
  /** Dated facts in order; range "2024", "2024-11..2025-02", or a question like "what happened in 2024". */
  timeline(range: string | undefined, lang: Lang): Reply;
  help(lang: Lang): Reply;
  about(lang: Lang): Reply;
  /** Autocomplete: questions matching what the user has typed so far (initial consonants too). */
  suggest(typed: string, lang: Lang, limit?: number): Suggestion[];
  detectLang(text: string): Lang;
  /** A question's words as the matcher reads them ("who founded OpenAI" → "found openai"): how the curation log groups questions. */
  normalisedForm(text: string): string;
  /** The fact a question's words come closest to, answered or not: where a curator would add it. */
  nearestFact(question: string): string | undefined;
  factIds(): string[];
}

// ---- implementation ------------------------------------------------------

export interface FeudOptions {
  /** What the facts are about (knowledge/topic.json): names, synonyms, claimants, categories. The built-in topic by default. */
  topic?: Topic;
  /** The decision model (src/core/decision-model.ts, fitted by `npm run fit`); another one for experiments. */
  decisionModel?: DecisionModel;
  /** Match score (0..1) at or above which a fact is offered as "did you mean" under a declined question. */
  suggestThreshold?: number;
  /** Longest question looked at; the rest is ignored (the conversation layer rejects longer ones politely). */
  maxQuestionChars?: number;
  /** These facts as the matcher reads them, prepared by the build (src/knowledge/prepared.ts): a quicker start. */
  reading?: FactReading;
}

export const DEFAULT_SUGGEST_THRESHOLD = 0.22;
/** A declined question covering at least this share of a fact's words is about that fact's topic: a near miss. */
const NEAR_MISS_COVERAGE = 0.4;
/** Why a message may have been declined whole for its context: its one question sentence is then read alone. */
const READ_ALONE_AFTER: ReadonlySet<Decision['declined']> = new Set(['unsure', 'tie', 'near-miss']);

export function createFeud(facts: readonly Fact[], options: FeudOptions = {}): Feud {
  const model = options.decisionModel ?? DECISION_MODEL;
  const suggestThreshold = options.suggestThreshold ?? DEFAULT_SUGGEST_THRESHOLD;
  const maxChars = options.maxQuestionChars ?? 2000;
  const topic = options.topic ?? builtInTopic();
  const matcher = new Matcher(facts, { topic, reading: options.reading });
  const sourceCategories = new Set(topic.sourceCategories);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const autocomplete = new Autocomplete(facts, matcher);

  /** A declined question about a topic the article covers: what it did not say, and the closest fact. */
  const nearMissOf = (decision: Decision, lang: Lang): Parameters<typeof texts.abstain>[4] => {
    const closest = decision.judged[0];
    if (!closest || closest.candidate.coverage < NEAR_MISS_COVERAGE) return undefined;
    const shape = decision.shape;
    let notSaid: texts.NotSaid | undefined;
    if (closest.lacksWhatIsAsked) notSaid = shape.asksDay ? 'day' : texts.isNotSaid(shape.asks) ? shape.asks : shape.future ? 'future' : 'any';
    else if (decision.declined === 'near-miss') notSaid = 'any';
    if (!notSaid) return undefined;
    const fact = closest.candidate.fact;
    return { notSaid, closest: { ...suggestionFor(fact, lang), summary: fact.summary[lang] } };
  };

  const suggestionFor = (fact: Fact, lang: Lang): Suggestion => ({
    factId: fact.id,
    question: fact.questions[lang][0]!,
    label: truncate(fact.summary[lang], 75),
  });

  const feud: Feud = {
    ask(question, askOptions = {}) {
      const cleaned = cleanText(question).slice(0, maxChars);
      const lang = askOptions.lang ?? detectLang(cleaned);
      if (cleaned.length === 0) return texts.emptyQuestion(lang);
      const whole = matcher.match(cleaned);
      let decision = decide(whole, model);
      const previous = askOptions.previousFactId ? byId.get(askOptions.previousFactId) : undefined;
      if (!decision.answer && previous && refersBack(cleaned)) {
        const followUp = decide(matcher.match(cleaned, `${previous.summary.en}. ${previous.summary.ko}.`), model);
        if (followUp.answer) decision = followUp;
      }
      // a message of several sentences with one question among them, not answered whole for being unsure or
      // near a near miss: the question read on its own (context around it must not sink it)
      const sentence = !decision.answer && !whole.unknownName && READ_ALONE_AFTER.has(decision.declined!) ? theQuestionSentence(cleaned) : undefined;
      if (sentence) {
        const alone = decide(matcher.match(sentence), model);
        if (alone.answer) decision = alone;
      }
      const shown = truncate(cleaned, 200);
      const answer = decision.answer;
      if (answer) {
        // the fact's own related facts first (an overview's parts), then the next most likely facts
        const related = (answer.candidate.fact.related ?? []).map((id) => byId.get(id)!);
        const close = decision.judged
          .filter((j) => j !== answer && j.probability >= Math.max(suggestThreshold, answer.probability / 2))
          .map((j) => j.candidate.fact);
        const alternatives = [...new Set([...related, ...close])].slice(0, 3).map((f) => suggestionFor(f, lang));
        return answerReply(answer.candidate.fact, lang, topic, { confidence: round(answer.probability), alternatives, question: shown });
      }
      // what to offer instead: the facts the question's words fit, most likely first
      const best = Math.max(0, ...decision.judged.map((j) => j.candidate.score));
      const alternatives = decision.judged
        .filter((j) => j.candidate.score >= Math.max(suggestThreshold, best * 0.6))
        .slice(0, 3)
        .map((j) => suggestionFor(j.candidate.fact, lang));
      return texts.abstain(lang, shown, alternatives, round(decision.judged[0]?.probability ?? 0), nearMissOf(decision, lang));
    },

    randomFact(lang, random = Math.random) {
      const fact = facts[Math.floor(random() * facts.length) % facts.length]!;
      return factReply(fact, lang, topic, texts.randomFactTitle(lang));
    },

    answerFact(factId, lang) {
      const fact = byId.get(factId);
      return fact && answerReply(fact, lang, topic, { confidence: 1, alternatives: (fact.related ?? []).map((id) => suggestionFor(byId.get(id)!, lang)) });
    },

    dailyFact(factId, lang) {
      const fact = byId.get(factId);
      if (!fact) throw new Error(`unknown fact id "${factId}"`);
      if (lang !== 'both') return factReply(fact, lang, topic, texts.dailyTitle(lang));
      // both languages in one post: English first, and the credits in both (credits.ts)
      const reply = factReply(fact, 'en', topic, `${texts.dailyTitle('en')} · ${texts.dailyTitle('ko')}`);
      return { ...reply, body: `${fact.answer.en}\n\n${fact.answer.ko}`, also: factView(fact, 'ko', topic) };
    },

    timeline(rawRange, lang) {
      const range = rawRange === undefined ? undefined : cleanText(rawRange).slice(0, 100);
      let span: DateSpan | undefined;
      try {
        span = range ? parseDateRange(range) : undefined;
      } catch (err) {
        if (!(err instanceof PeriodError)) throw err;
        return texts.badRange(lang, range!, err);
      }
      if (range && !span && range.trim() !== '') return texts.badRange(lang, range);
      const entries: TimelineEntry[] = facts
        .filter((f): f is Fact & { date: string } => f.date !== undefined && !sourceCategories.has(f.category))
        .map((f) => ({ fact: f, span: dateSpan(f.date) }))
        .filter(({ span: s }) => !span || spansOverlap(s, span))
        .sort(timelineOrder)
        .map(({ fact }) => ({ factId: fact.id, date: fact.date, dateLabel: dateLabel(fact.date, lang, fact.approximate), summary: fact.summary[lang] }));
      return texts.timeline(lang, range?.trim() || undefined, entries);
    },

    help: (lang) => texts.help(lang, helpBody(lang)),
    about: (lang) => texts.about(lang, facts.length),

    suggest: (typed, lang, limit = 25) => autocomplete.suggest(typed, lang, limit),
    detectLang,
    normalisedForm: (text) => matcher.normaliser.normalise(text).words.join(' '),
    nearestFact: (question) => matcher.match(cleanText(question).slice(0, maxChars)).candidates[0]?.fact.id,
    factIds: () => facts.map((f) => f.id),
  };
  return feud;
}

/** A question answered with a fact (or a clicked fact, with no question). */
function answerReply(fact: Fact, lang: Lang, topic: Topic, extra: { confidence: number; alternatives: Suggestion[]; question?: string }): AnswerReply {
  return {
    kind: 'answer',
    lang,
    title: fact.summary[lang],
    body: fact.answer[lang],
    fact: factView(fact, lang, topic),
    confidence: extra.confidence,
    alternatives: extra.alternatives,
    visibility: 'public',
    ...(extra.question !== undefined ? { question: extra.question } : {}),
  };
}

/** A fact shown unasked (random, of the day) under its own title. */
function factReply(fact: Fact, lang: Lang, topic: Topic, title: string): FactReply {
  return { kind: 'fact', lang, title, body: fact.answer[lang], fact: factView(fact, lang, topic), alternatives: [], visibility: 'public' };
}

export function factView(fact: Fact, lang: Lang, topic: Topic = builtInTopic()): FactView {
  const claimant = topic.claimants[fact.claimant]!;
  return {
    id: fact.id,
    category: fact.category,
    answer: fact.answer[lang],
    summary: fact.summary[lang],
    ...(fact.date ? { date: fact.date, dateLabel: dateLabel(fact.date, lang, fact.approximate) } : {}),
    claimant: claimant[lang],
    claimantRole: claimant.role,
    quote: fact.quote,
    attribution: ARTICLE.attribution[lang],
  };
}

/**
 * Each event at the last day it can have happened: one known only to its month (or year) comes after
 * the events dated within that month, never before them. Then the earlier start; events with the same
 * date keep the order of the fact files, which follow the article (the sort is stable).
 */
export function timelineOrder(a: { span: DateSpan }, b: { span: DateSpan }): number {
  return a.span.to.localeCompare(b.span.to) || a.span.from.localeCompare(b.span.from);
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
