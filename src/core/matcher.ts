import Fuse from 'fuse.js';
import { disassemble } from 'es-hangul';
import type { Fact } from '../knowledge/schema.ts';
import { dateTerms } from './dates.ts';
import { isHangulWord, normalise, termsOf } from './normalise.ts';

/**
 * Picks the fact a question is about, and says how sure it is.
 *
 * 1. Both the question and every fact go through the same normaliser (aliases, stems, Korean endings).
 * 2. Words the fact base has never seen are corrected with fuse.js against its vocabulary (typos: "stargte", "콜로서수").
 * 3. An inverted index finds the facts sharing a term and scores each by coverage: the share of the question's
 *    terms (weighted by rarity, idf) that the fact contains. Words no fact knows weigh most, so "Altman's net worth"
 *    or "when was Tesla founded" cover little of any fact and the bot abstains.
 * 4. fuse.js then compares the question with each leading fact's own question variants, to rank close calls.
 */

/** How much a term counts when it comes from each part of a fact. */
const FIELD_WEIGHT = { questions: 1, keywords: 1, date: 1, summary: 0.9, answer: 0.45 } as const;
const SHORTLIST = 6;
const COVERAGE_SHARE = 0.75;

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
  /** Whether to correct unknown words with fuse.js (on by default). */
  correctTypos?: boolean;
}

interface Posting {
  fact: number;
  weight: number;
}

export class Matcher {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly variantIndexes: Fuse<string>[];
  private readonly latinVocabulary: Fuse<string>;
  private readonly hangulVocabulary: Fuse<{ word: string; jamo: string }>;
  private readonly knownWords = new Set<string>();

  constructor(
    readonly facts: readonly Fact[],
    private readonly options: MatcherOptions = {},
  ) {
    const latin = new Set<string>();
    const hangul = new Set<string>();
    this.variantIndexes = facts.map((fact, index) => {
      const weights = new Map<string, number>();
      const add = (texts: readonly string[], weight: number) => {
        for (const text of texts) {
          const { words } = normalise(text);
          for (const w of words) {
            this.knownWords.add(w);
            (isHangulWord(w) ? hangul : latin).add(w);
          }
          for (const t of termsOf(words)) weights.set(t, Math.max(weights.get(t) ?? 0, weight));
        }
      };
      add([...fact.questions.en, ...fact.questions.ko], FIELD_WEIGHT.questions);
      add([...fact.keywords.en, ...fact.keywords.ko], FIELD_WEIGHT.keywords);
      add([fact.summary.en, fact.summary.ko], FIELD_WEIGHT.summary);
      add([fact.answer.en, fact.answer.ko], FIELD_WEIGHT.answer);
      for (const t of dateTerms(fact.date)) weights.set(t, FIELD_WEIGHT.date);
      for (const [term, weight] of weights) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ fact: index, weight });
      }
      const variants = [...fact.questions.en, ...fact.questions.ko, fact.summary.en, fact.summary.ko].map((q) => normalise(q).words.join(' '));
      return new Fuse(variants, { includeScore: true, ignoreLocation: true, threshold: 1 });
    });
    const n = Math.max(facts.length, 1);
    for (const [term, list] of this.postings) this.idf.set(term, Math.log(1 + n / list.length));
    this.unknownIdf = Math.log(1 + 2 * n);
    this.latinVocabulary = new Fuse([...latin].filter((w) => w.length >= 3), { includeScore: true, threshold: 0.34, ignoreLocation: true });
    this.hangulVocabulary = new Fuse(
      [...hangul].filter((w) => w.length >= 2).map((word) => ({ word, jamo: disassemble(word) })),
      { includeScore: true, threshold: 0.3, ignoreLocation: true, keys: ['jamo'] },
    );
  }

  match(question: string): MatchResult {
    const { words: raw } = normalise(question);
    const words = this.options.correctTypos === false ? raw : raw.map((w) => this.correct(w));
    const terms = [...new Set(termsOf(words))];
    if (terms.length === 0) return { candidates: [], words };

    let totalIdf = 0;
    const covered = new Map<number, number>();
    for (const term of terms) {
      const idf = this.idf.get(term) ?? this.unknownIdf;
      totalIdf += idf;
      for (const { fact, weight } of this.postings.get(term) ?? []) covered.set(fact, (covered.get(fact) ?? 0) + idf * weight);
    }
    const shortlist = [...covered]
      .map(([fact, sum]) => ({ fact, coverage: sum / totalIdf }))
      .sort((a, b) => b.coverage - a.coverage || a.fact - b.fact)
      .slice(0, SHORTLIST);

    const query = words.join(' ');
    const candidates = shortlist
      .map(({ fact, coverage }) => {
        const best = this.variantIndexes[fact]!.search(query, { limit: 1 })[0];
        const similarity = best ? 1 - (best.score ?? 1) : 0;
        const score = COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * similarity * Math.min(1, coverage * 1.5);
        return { fact: this.facts[fact]!, score: clamp01(score), coverage, similarity };
      })
      .sort((a, b) => b.score - a.score);
    return { candidates, words };
  }

  /** Replace a word no fact contains with the closest known one, when one is close. */
  private correct(word: string): string {
    if (this.knownWords.has(word) || /^[\d.]+[a-z]?$|^[md]\d+$/.test(word)) return word;
    if (isHangulWord(word)) {
      if (word.length < 2 || termsOf([word]).every((t) => this.idf.has(t))) return word;
      const hit = this.hangulVocabulary.search(disassemble(word), { limit: 1 })[0];
      return hit ? hit.item.word : word;
    }
    if (word.length < 4) return word;
    const hit = this.latinVocabulary.search(word, { limit: 1 })[0];
    return hit ? hit.item : word;
  }
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
