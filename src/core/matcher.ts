import { disassemble } from 'es-hangul';
import type { Fact } from '../knowledge/schema.ts';
import { dateTerms } from './dates.ts';
import { ALIASES } from './lexicon.ts';
import { isEnglishWord } from './english-words.ts';
import { SpellingIndex, type SpellingWork } from './spelling.ts';
import { cleanText, isHangulWord, normalise, termsOf } from './normalise.ts';

/**
 * Picks the fact a question is about, and says how sure it is.
 *
 * 1. Both the question and every fact go through the same normaliser (aliases, stems, Korean endings).
 * 2. Words the fact base has never seen are corrected against its vocabulary (src/core/spelling.ts) (typos: "stargte", "콜로서수").
 * 3. An inverted index finds the facts sharing a term and scores each by coverage: the share of the question's
 *    terms (weighted by rarity, idf) that the fact contains. Words no fact knows weigh most, so "Altman's net worth"
 *    or "when was Tesla founded" cover little of any fact and the bot abstains.
 * 4. The leading facts are re-ranked by how closely the question's terms match one of the fact's own
 *    question variants (Jaccard), which separates neighbours such as the four single insults.
 * (fuse.js re-ranking was measured here too: no accuracy gain at ten times the latency, so fuse.js
 * serves autocomplete instead, where fuzzy prefix matching of partial input is what users need.)
 */

const PREFILTER = 20;
const SHORTLIST = 6;
/** Questions are short; past this many words the rest adds cost, not meaning. */
export const MAX_WORDS = 24;
const CORRECTION_CACHE = 5000;
/** Words longer than this (in syllables) are not tried as two words run together: each cut costs two normalisations. */
export const MAX_SPLIT_SYLLABLES = 16;
const SINGLE_WORD_FACTOR = 0.8;
/** From this many terms on, each further term moves the score this much from similarity to coverage, up to a cap. */
const LONG_QUESTION_TERMS = 6;
const LONG_QUESTION_STEP = 0.1;
const LONG_QUESTION_MAX_SHARE = 0.85;
/** Fewer common words than this ("what is it") are too generic to look up as a quote. */
const QUOTE_MIN_WORDS = 4;
/** Questions with more topic words than this are matched the usual way. */
const QUOTE_MAX_CONTENT_WORDS = 2;

/** The tuning knobs; defaults are what `npm run eval` was tuned with. */
export interface MatcherWeights {
  /** How much a term counts when it comes from each part of a fact. */
  questions: number;
  keywords: number;
  summary: number;
  answer: number;
  /** A word no fact knows weighs like a term found in this many facts (smaller: weighs more). */
  unknownDocumentFrequency: number;
  /** Share of the score from coverage; the rest from similarity to the fact's closest own question. */
  coverageShare: number;
}

export const DEFAULT_WEIGHTS: MatcherWeights = {
  questions: 1,
  keywords: 1,
  summary: 0.9,
  answer: 0.45,
  unknownDocumentFrequency: 2,
  coverageShare: 0.4,
};

export interface MatchCandidate {
  fact: Fact;
  /** 0..1: the final confidence. */
  score: number;
  coverage: number;
  similarity: number;
}

export interface MatchResult {
  /** Best first; empty when nothing shares a term with the question. */
  candidates: MatchCandidate[];
  /** The question's words after normalisation, for logs and the curation loop. */
  words: string[];
}

export interface MatcherOptions {
  weights?: Partial<MatcherWeights>;
}

interface Posting {
  fact: number;
  weight: number;
}

export class Matcher {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  /** Each fact's question variants as term sets, to prefer the fact whose own questions look most like this one. */
  private readonly variantTerms: Set<string>[][];
  private readonly latinSpelling: SpellingIndex<string>;
  private readonly hangulSpelling: SpellingIndex<string>;
  private readonly knownWords = new Set<string>();
  private readonly weights: MatcherWeights;
  private readonly phraseTexts: string[];
  /** Word → the facts whose summary, answer or quote has it, so a quote is looked for only where it can be. */
  private readonly phraseWords = new Map<string, number[]>();

  constructor(
    readonly facts: readonly Fact[],
    options: MatcherOptions = {},
  ) {
    const W = (this.weights = { ...DEFAULT_WEIGHTS, ...options.weights });
    this.phraseTexts = facts.map((f, i) => {
      const text = [f.summary.en, f.summary.ko, f.answer.en, f.answer.ko, f.quote].map(phraseText).join(' | ');
      for (const word of new Set(text.split(' '))) {
        const list = this.phraseWords.get(word);
        if (list) list.push(i);
        else this.phraseWords.set(word, [i]);
      }
      return ` ${text} `;
    });
    // each question is read twice below (terms, variant sets); normalise it once
    const seen = new Map<string, ReturnType<typeof normalise>>();
    const normaliseOnce = (text: string) => {
      let n = seen.get(text);
      if (!n) seen.set(text, (n = normalise(text)));
      return n;
    };
    const variantTerms: Set<string>[][] = (this.variantTerms = []);
    const latin = new Set<string>();
    const hangul = new Set<string>();
    facts.forEach((fact, index) => {
      const weights = new Map<string, number>();
      const add = (texts: readonly string[], weight: number) => {
        for (const text of texts) {
          const { words, surfaces } = normaliseOnce(text);
          words.forEach((w, i) => {
            this.knownWords.add(w);
            if (isHangulWord(w)) hangul.add(w);
            else if (/^[a-z]+$/.test(surfaces[i]!)) latin.add(surfaces[i]!);
          });
          for (const t of termsOf(words)) weights.set(t, Math.max(weights.get(t) ?? 0, weight));
        }
      };
      add([...fact.questions.en, ...fact.questions.ko], W.questions);
      add([...fact.keywords.en, ...fact.keywords.ko], W.keywords);
      add([fact.summary.en, fact.summary.ko], W.summary);
      add([fact.answer.en, fact.answer.ko], W.answer);
      for (const t of dateTerms(fact.date)) weights.set(t, W.keywords);
      for (const [term, weight] of weights) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ fact: index, weight });
      }
      const normalisedVariants = [...fact.questions.en, ...fact.questions.ko, fact.summary.en, fact.summary.ko].map((q) => normaliseOnce(q).words);
      variantTerms.push(normalisedVariants.map((words) => new Set(termsOf(words))));
    });
    const n = Math.max(facts.length, 1);
    for (const [term, list] of this.postings) this.idf.set(term, Math.log(1 + n / list.length));
    this.unknownIdf = Math.log(1 + n / W.unknownDocumentFrequency);
    // the names and their spellings are vocabulary too: "insluts" → insult, "스타개이트" → stargate
    const hangulEntries = [...hangul].filter((w) => w.length >= 2).map((word): [string, string] => [disassemble(word), word]);
    for (const [canonical, forms] of Object.entries(ALIASES)) {
      latin.add(canonical);
      for (const form of forms) {
        // each word of "falling out" too, so "faling out" can be retyped and read as the phrase
        if (/^[a-z ]+$/.test(form)) for (const word of form.split(' ')) latin.add(word);
        else if (/^[가-힣]{2,}$/.test(form)) hangulEntries.push([disassemble(form), canonical]);
      }
    }
    this.latinSpelling = new SpellingIndex([...latin].filter((surface) => surface.length >= 4).map((surface): [string, string] => [surface, surface]));
    this.hangulSpelling = new SpellingIndex(hangulEntries);
  }

  match(question: string): MatchResult {
    const words = this.readQuestion(question);
    const terms = [...new Set(termsOf(words))];
    // a line remembered word for word ("how did I not know") says more than its few plain words
    const quoted = words.length <= QUOTE_MAX_CONTENT_WORDS ? this.quoteMatch(question) : undefined;
    if (quoted) return { candidates: [quoted], words };
    if (terms.length === 0) return { candidates: [], words };

    let totalIdf = 0;
    const covered = new Map<number, number>();
    for (const term of terms) {
      const idf = this.idf.get(term) ?? this.unknownIdf;
      totalIdf += idf;
      for (const { fact, weight } of this.postings.get(term) ?? []) covered.set(fact, (covered.get(fact) ?? 0) + idf * weight);
    }
    // cheap first: coverage for every fact sharing a term; then closer looks at the best few
    const byCoverage = [...covered].map(([fact, sum]) => ({ fact, coverage: sum / totalIdf }));
    byCoverage.sort((a, b) => b.coverage - a.coverage || a.fact - b.fact);
    const shortlist = byCoverage
      .slice(0, PREFILTER)
      .map((c) => ({ ...c, overlap: this.bestOverlap(c.fact, terms) }))
      .sort((a, b) => b.coverage + 0.3 * b.overlap - (a.coverage + 0.3 * a.overlap) || a.fact - b.fact)
      .slice(0, SHORTLIST);

    // a long question shares few terms with any one short variant, so past a few terms coverage counts more
    const base = this.weights.coverageShare;
    const share = Math.min(Math.max(base, LONG_QUESTION_MAX_SHARE), base + LONG_QUESTION_STEP * Math.max(0, terms.length - LONG_QUESTION_TERMS));
    const candidates = shortlist
      .map(({ fact, coverage, overlap: similarity }) => {
        let score = share * coverage + (1 - share) * similarity * Math.min(1, coverage * 1.5);
        // one ordinary word ("crazy", "미쳤다") is too little to go on; a name or number alone is enough
        if (words.length === 1 && !ALIASES[words[0]!] && !/\d/.test(words[0]!)) score *= SINGLE_WORD_FACTOR;
        return { fact: this.facts[fact]!, score: clamp01(score), coverage, similarity };
      })
      .sort((a, b) => b.score - a.score);
    return { candidates, words };
  }

  /**
   * A question of few plain words can still be a line someone remembers ("how did I not know"):
   * it is that fact when, word for word, it appears in exactly one fact's summary, answer or quote.
   */
  private quoteMatch(question: string): MatchCandidate | undefined {
    const phrase = phraseText(question);
    const phraseWords = phrase.split(' ');
    if (phraseWords.length < QUOTE_MIN_WORDS) return undefined;
    const lists = [...new Set(phraseWords)].map((w) => this.phraseWords.get(w) ?? []).sort((a, b) => a.length - b.length);
    const hits = lists[0]!.filter((i) => lists.every((list) => list.includes(i)) && this.phraseTexts[i]!.includes(` ${phrase} `));
    return hits.length === 1 ? { fact: this.facts[hits[0]!]!, score: 1, coverage: 1, similarity: 1 } : undefined;
  }

  /**
   * The question's words, typos mended. An English typo is retyped in the question, which is then read
   * again, so a mended word can still join a phrase ("grock 2" → grok-2, "faling out" → a falling-out).
   */
  private readQuestion(question: string): string[] {
    let normalised = normalise(question);
    const retyped = new Map<string, string>();
    for (const [i, surface] of normalised.surfaces.slice(0, MAX_WORDS).entries()) {
      if (this.knownWords.has(normalised.words[i]!) || !/^[a-z]{4,}$/.test(surface)) continue;
      // the dictionary is the slow check (a few ms), so it is asked only about a word that has a near match
      const fix = this.cached(`latin\u0000${surface}`, () => {
        const near = this.latinSpelling.lookup(surface);
        return near === undefined || isEnglishWord(surface) ? surface : near;
      });
      if (fix !== surface) retyped.set(surface, fix);
    }
    if (retyped.size > 0) {
      const pattern = new RegExp(`(?<![a-z0-9])(?:${[...retyped.keys()].join('|')})(?![a-z0-9])`, 'g');
      normalised = normalise(cleanText(question).toLowerCase().replace(pattern, (typed) => retyped.get(typed)!));
    }
    return normalised.words.slice(0, MAX_WORDS).flatMap((w) => this.cached(`hangul\u0000${w}`, () => this.correct(w)));
  }

  private readonly corrections = new Map<string, string | string[]>();
  private cutsTried = 0;

  /** What typo correction and word splitting have cost so far, summed over questions (tests and the bench bound it). */
  work(): SpellingWork & { cutsTried: number } {
    const a = this.latinSpelling.work;
    const b = this.hangulSpelling.work;
    return { lookups: a.lookups + b.lookups, deletions: a.deletions + b.deletions, comparisons: a.comparisons + b.comparisons, cutsTried: this.cutsTried };
  }

  private cached<T extends string | string[]>(key: string, compute: () => T): T {
    let hit = this.corrections.get(key) as T | undefined;
    if (hit === undefined) {
      hit = compute();
      if (this.corrections.size >= CORRECTION_CACHE) this.corrections.clear();
      this.corrections.set(key, hit);
    }
    return hit;
  }

  /** Jaccard similarity of the question's terms with the closest of the fact's own questions. */
  private bestOverlap(fact: number, terms: readonly string[]): number {
    let best = 0;
    for (const variant of this.variantTerms[fact]!) {
      let shared = 0;
      for (const t of terms) if (variant.has(t)) shared++;
      const union = variant.size + terms.length - shared;
      if (union > 0) best = Math.max(best, shared / union);
    }
    return best;
  }

  /**
   * Replace a Korean word no fact contains with the closest known one, when one is close (one jamo
   * edit, two for long words), or split it into two known words. English typos are mended earlier,
   * on what was typed, before stemming bent it ("stargte" is not "stargt"): one edit for short words,
   * two for long ones, none under four letters, and never to a real English word ("joke" stays "joke").
   */
  private correct(word: string): string[] {
    if (!isHangulWord(word) || this.knownWords.has(word) || word.length < 2) return [word];
    if (termsOf([word]).every((t) => this.idf.has(t))) return [word];
    // one jamo off a two-syllable word is usually another real word (그래 is not 거래), so only split those
    const corrected = word.length >= 3 ? this.hangulSpelling.lookup(disassemble(word)) : undefined;
    return corrected ? [corrected] : (this.splitRunTogether(word) ?? [word]);
  }

  /**
   * Two words typed without the space between them (띄어쓰기): 정치적판돈 → 정치적 판돈, 돈없다고 → money.
   * Taken only when the first part is a word the facts know and the rest is a known word or just an ending.
   */
  private splitRunTogether(word: string): string[] | undefined {
    if (word.length > MAX_SPLIT_SYLLABLES) return undefined;
    for (let cut = word.length - 1; cut >= 1; cut--) {
      this.cutsTried++;
      const head = normalise(word.slice(0, cut)).words;
      if (head.length !== 1 || !this.knownWords.has(head[0]!)) continue;
      const tail = normalise(word.slice(cut)).words;
      if (tail.every((w) => this.knownWords.has(w))) return [...head, ...tail];
    }
    return undefined;
  }
}

/** Lower case, words only, single spaces: how quoted lines are compared. */
function phraseText(text: string): string {
  return cleanText(text).toLowerCase().replace(/['’`´]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
