import { disassemble } from 'es-hangul';
import type { Fact } from '../knowledge/schema.ts';
import { builtInTopic, type Topic } from '../knowledge/topic.ts';
import { dateTerms } from './dates.ts';
import { isEnglishWord } from './english-words.ts';
import { STOPWORDS } from './lexicon.ts';
import { approximateForms, cleanText, isHangulWord, Normaliser } from './normalise.ts';
import { askedKind, type QuestionShape, refersBack, shapeOf } from './question.ts';
import { SpellingIndex, type SpellingWork } from './spelling.ts';
import { type PackedTermSets, Postings, SharedWeights, type VariantSets, VariantSetsBuilder } from './term-index.ts';

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
/** From this many terms on, each further term moves the score this much from similarity to coverage, up to a cap. */
const LONG_QUESTION_TERMS = 6;
const LONG_QUESTION_STEP = 0.1;
const LONG_QUESTION_MAX_SHARE = 0.85;
/**
 * Names and numbers of the context around the question count this much; its other words, and words no fact knows, not at all.
 * A question sentence with fewer than two words of its own that some fact knows ("who led it?"), or one that points
 * back at what was said before it ("Who posted that?"), leans on its context fully, and is compared with the facts'
 * questions with its context's terms too.
 */
const CONTEXT_WEIGHT = 0.25;
const FOCUS_KNOWN_TERMS_ALONE = 2;
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
  /** 0..1: how well the question's words fit this fact (the ranking score). */
  score: number;
  /** Share of the question's terms (weighted by rarity) that this fact contains. */
  coverage: number;
  /** The same share counting only terms some fact knows: words no fact knows do not lower it. */
  knownCoverage: number;
  /** Jaccard similarity of the question's focus with the closest of the fact's own questions. */
  similarity: number;
  /** The same with the closest curated near miss of any fact (a question the article does not answer); 0 when there are none. */
  nearMissSimilarity: number;
  /**
   * Share of the focus's weight in words this fact lacks but near misses use ("located", "won", "이름"):
   * the words people use to ask for what the article does not hold.
   */
  nearMissWordShare: number;
  /** How many of the focus's terms this fact does not contain. */
  uncoveredTerms: number;
  /** The focus names a person or company ("xAI", "the WSJ") this fact never mentions. */
  actorMissing: boolean;
  /**
   * Share of the focus's weight (known terms) in terms the fact states, in its answer, summary or quote, rather than only
   * in the questions curated for it: a near miss shares the topic's words but asks for one the fact never states.
   */
  statedCoverage: number;
  /** This fact's share of the question's nearest neighbours (see neighbourVotes). */
  neighbourShare: number;
  /** The curated near misses' share of the same neighbours. */
  nearMissNeighbourShare: number;
  /** Mean similarity of the fact's three closest questions: several moderately close ones count for more than one. */
  similarityTop3: number;
}

export interface MatchResult {
  /** Best first; empty when nothing shares a term with the question. */
  candidates: MatchCandidate[];
  /** The question's words after normalisation, for logs and the curation loop. */
  words: string[];
  /** Which sentence is the question, and what it asks for. */
  shape: QuestionShape;
  /** Share of the focus's weight in words no fact knows (0..1). */
  unknownShare: number;
  /** Content terms in the focus. */
  termCount: number;
  /** True when a remembered line of the article matched word for word. */
  quoted: boolean;
  /** The focus names something no fact knows ("Claude", "GPT-4o", "Microsoft"): likely a question the article cannot answer. */
  unknownName: boolean;
  /** The focus is one ordinary word: not a name, an alias, a number or a fact's keyword ("crazy", "미쳤다"). */
  ordinaryWordOnly: boolean;
}

export interface MatcherOptions {
  weights?: Partial<MatcherWeights>;
  /** What the facts are about: names, synonyms, actors (knowledge/topic.json); the built-in topic by default. */
  topic?: Topic;
  /** These facts already read with this topic and these weights (readFacts), as a build stores them: skips reading them again. */
  reading?: FactReading;
}

/** Terms with their ids (undefined for a term no fact has) and weights, in the question's order, and their total weight. */
interface WeighedTerms {
  terms: readonly string[];
  ids: (number | undefined)[];
  weights: number[];
  total: number;
}

/** The near misses: each one's total term weight, and term → its place, whose near misses are sets[starts[place]..starts[place + 1]). */
interface WeightedSets {
  weights: Float64Array;
  placeOf: Map<string, number>;
  starts: Int32Array;
  sets: Int32Array;
}

/**
 * The near misses' index, straight from the reading's flat list with typed arrays (counting sort): a Map entry per
 * distinct term, not an array per term and a push per (term, near miss) pair. Each one's weight sums its terms in their order.
 */
function nearMissIndex(read: FactReading, weightOf: (term: string) => number): WeightedSets {
  const { terms, nearMisses: flat } = read;
  const counts = new Int32Array(terms.length + 1);
  const weightOfPlace = new Float64Array(terms.length).fill(Number.NaN);
  const weights: number[] = [];
  for (let at = 0; at < flat.length; at += 1 + flat[at]!) {
    let weight = 0;
    for (let k = at + 1, end = at + 1 + flat[at]!; k < end; k++) {
      const place = flat[k]!;
      counts[place + 1]!++;
      if (Number.isNaN(weightOfPlace[place]!)) weightOfPlace[place] = weightOf(terms[place]!);
      weight += weightOfPlace[place]!;
    }
    weights.push(weight);
  }
  const starts = counts;
  for (let p = 0; p < terms.length; p++) starts[p + 1]! += starts[p]!;
  const next = starts.slice(0, terms.length);
  const sets = new Int32Array(starts[terms.length]!);
  for (let at = 0, set = 0; at < flat.length; at += 1 + flat[at]!, set++)
    for (let k = at + 1, end = at + 1 + flat[at]!; k < end; k++) sets[next[flat[k]!]!++] = set;
  const placeOf = new Map<string, number>();
  for (let p = 0; p < terms.length; p++) if (starts[p + 1]! > starts[p]!) placeOf.set(terms[p]!, p);
  return { weights: Float64Array.from(weights), placeOf, starts, sets };
}

export class Matcher {
  private readonly postings: Postings;
  private readonly unknownIdf: number;
  /**
   * Each fact's question variants (and summaries) as term sets, to prefer the fact whose own questions look most like this one:
   * packed with their weights on the first question that shortlists the fact (see variantTermsOf), from `variantSets`.
   * Not at construction, even for the built-in base: a start would pay ~25 ms of cold code for it (Node 20), and a first
   * question packs only the facts it shortlists; a running bot's later questions find them packed.
   */
  private readonly variantTerms: (PackedTermSets | undefined)[];
  private readonly variantSets: VariantSets;
  /** Every fact's near misses together: a question the article cannot answer is a near miss whichever fact it lands on. */
  private readonly allNearMisses: WeightedSets;
  /** Scratch for summing a question's weight per variant or near miss (match is synchronous, so one serves every question). */
  private readonly shared = new SharedWeights();
  /** Built on the first word that needs mending, so start-up does not pay for typo correction. */
  private latinSpellingIndex?: SpellingIndex<string>;
  private nameSpellingIndex?: SpellingIndex<string>;
  private hangulSpellingIndex?: SpellingIndex<string>;
  /** The facts' words as typed (Latin) and as read (Hangul), the vocabulary typos are mended to: distinct already, and read only by the spelling indexes (built on first need), so no sets at start. */
  private readonly spellingWords: { latin: readonly string[]; hangul: readonly string[] };
  private readonly knownWords = new Set<string>();
  /** Facts' one-word keywords, as [normalised word, as typed]; sorted into topic words on first need (see topicWord). */
  private readonly oneWordKeywords: [word: string, surface: string][] = [];
  private topicWords?: Set<string>;
  private namePartSet?: Set<string>;
  private readonly weights: MatcherWeights;
  /** Reads questions and facts with the topic's names and synonyms. */
  readonly normaliser: Normaliser;
  /** Built on the first question that could be a quote (see quoteMatch). */
  private quoteIndex?: QuoteIndex;
  /** Each fact's stated terms (FactTerms.stated) as sorted term ids. */
  private readonly statedTermIds: Int32Array[] = [];

  constructor(
    readonly facts: readonly Fact[],
    options: MatcherOptions = {},
  ) {
    const W = (this.weights = { ...DEFAULT_WEIGHTS, ...options.weights });
    this.normaliser = new Normaliser(options.topic ?? builtInTopic());
    const read = options.reading ?? readFacts(facts, this.normaliser, W);
    if (read.facts.length !== facts.length || !sameWeights(read.weights, W))
      throw new Error(`a reading of ${read.facts.length} facts with other weights or other facts cannot index these ${facts.length}`);
    const { terms } = read;
    // sized from the reading, so neither grows by copies (at 10,000 facts they hold millions of numbers)
    let pairs = 0;
    let flatSets = 0;
    for (const fact of read.facts) {
      pairs += fact.terms.length;
      flatSets += Math.max(1, fact.variants.length);
    }
    const postings = Postings.builder(pairs);
    const variants = new VariantSetsBuilder(flatSets);
    facts.forEach((_, index) => {
      const fact = read.facts[index]!;
      const ids = postings.addNumbered(index, fact.terms, fact.weights, terms);
      variants.addFlat(fact.variants, ids);
      const stated = new Int32Array(fact.stated.length);
      for (let k = 0; k < stated.length; k++) stated[k] = ids[fact.stated[k]!]!;
      this.statedTermIds.push(stated.sort());
    });
    for (const w of read.knownWords) this.knownWords.add(w);
    this.oneWordKeywords.push(...read.oneWordKeywords);
    this.postings = postings.build(facts.length);
    this.unknownIdf = Math.log(1 + Math.max(facts.length, 1) / W.unknownDocumentFrequency);
    this.variantSets = variants.build();
    this.variantTerms = new Array(facts.length);
    this.allNearMisses = nearMissIndex(read, (term) => this.termWeight(term));
    this.spellingWords = { latin: read.latinWords, hangul: read.hangulWords };
  }

  /** The facts' spellings for English typos, question words first (see correct). */
  private latinSpellingEntries(): [string, string][] {
    const latin = new Set(this.spellingWords.latin);
    for (const [canonical, forms] of this.normaliser.aliasForms()) {
      latin.add(canonical);
      // each word of "falling out" too, so "faling out" can be retyped and read as the phrase
      for (const form of forms) if (/^[a-z ]+$/.test(form)) for (const word of form.split(' ')) latin.add(word);
    }
    // question words and fillers first, so a typo of one ("mutch", "meny") is mended to it rather than to a topic word
    const questionWords = [...STOPWORDS].filter((w) => /^[a-z]{4,}$/.test(w));
    return [...questionWords, ...[...latin].filter((surface) => surface.length >= 4)].map((surface): [string, string] => [surface, surface]);
  }

  /** The facts' Korean words by their jamo, and the names' Korean spellings: "스타개이트" → stargate. */
  private hangulSpellingEntries(): [string, string][] {
    const entries = this.spellingWords.hangul.filter((w) => w.length >= 2).map((word): [string, string] => [disassemble(word), word]);
    for (const [canonical, forms] of this.normaliser.aliasForms()) {
      for (const form of forms) if (!/^[a-z ]+$/.test(form) && /^[가-힣]{2,}$/.test(form)) entries.push([disassemble(form), canonical]);
    }
    return entries;
  }

  /** The topic's own names in Latin letters, one word at a time ("altman", "stargate"), for typos the facts contain too. */
  private get nameSpelling(): SpellingIndex<string> {
    if (!this.nameSpellingIndex) {
      const names = new Set<string>();
      for (const [canonical, forms] of this.normaliser.aliasForms())
        if (this.normaliser.isName(canonical)) for (const form of forms) if (/^[a-z]{4,}$/.test(form)) names.add(form);
      this.nameSpellingIndex = new SpellingIndex([...names].map((n): [string, string] => [n, n]));
    }
    return this.nameSpellingIndex;
  }

  private get latinSpelling(): SpellingIndex<string> {
    return (this.latinSpellingIndex ??= new SpellingIndex(this.latinSpellingEntries()));
  }

  private get hangulSpelling(): SpellingIndex<string> {
    return (this.hangulSpellingIndex ??= new SpellingIndex(this.hangulSpellingEntries()));
  }

  /**
   * `earlier`: what the conversation was about just before (a follow-up's "그거 언제였어" leans on it), read
   * as context around the question.
   */
  match(question: string, earlier?: string): MatchResult {
    let shape = shapeOf(question, this.normaliser);
    if (earlier) shape = { ...shape, context: shape.context ? `${earlier} ${shape.context}` : earlier };
    let words = this.readQuestion(shape.focus);
    // a question sentence with nothing of its own to go on ("What does the article say?") is read with its context
    if (shape.context && this.normaliser.termsOf(words).length === 0) {
      shape = { ...shape, focus: `${shape.context} ${shape.focus}`, context: '' };
      words = this.readQuestion(shape.focus);
    }
    // what the question asks for is one of its terms: "who are Altman and Musk" is not "what did Altman say to Musk"
    const focusTerms = [...new Set([...this.normaliser.termsOf(words), ...askTerms(shape.focus)])];
    const unknownName = this.namesSomethingUnknown(shape.focus);
    const result = (candidates: MatchCandidate[], extra: Partial<MatchResult> = {}): MatchResult => ({
      candidates,
      words,
      shape,
      unknownShare: 0,
      termCount: focusTerms.length,
      quoted: false,
      unknownName,
      ordinaryWordOnly: words.length === 1 && !this.isNameOrNumber(words[0]!) && !this.isTopicWord(words[0]!),
      ...extra,
    });
    // a line remembered word for word ("how did I not know") says more than its few plain words
    const quoted = words.length <= QUOTE_MAX_CONTENT_WORDS ? this.quoteMatch(shape.focus) : undefined;
    if (quoted) return result([quoted], { quoted: true });
    if (words.length === 0) return result([]);

    // the question's terms with their weight: the focus in full; context only where some fact knows the word
    const weighted = new Map<string, number>(focusTerms.map((t) => [t, 1]));
    const focusSet = new Set(focusTerms);
    const focusActors = focusTerms.filter((t) => this.normaliser.actors.has(t));
    // the terms the question is compared with variants and near misses by: the focus's, and the context's when the focus leans on it
    let comparedTerms = focusTerms;
    let leansOnContext = false;
    if (shape.context) {
      const alone = focusTerms.filter((t) => this.postings.idf(t) !== undefined).length >= FOCUS_KNOWN_TERMS_ALONE && !refersBack(shape.focus);
      for (const t of this.normaliser.termsOf(this.readQuestion(shape.context))) {
        if (weighted.has(t) || this.postings.idf(t) === undefined) continue;
        // beside a question that stands alone, context says what it is about by its names and numbers; its other
        // words ("work", "post", "발표") only add noise
        if (!alone) weighted.set(t, 1);
        else if (this.isNameOrNumber(t)) weighted.set(t, CONTEXT_WEIGHT);
      }
      if (!alone) comparedTerms = [...weighted.keys()];
      leansOnContext = !alone;
    }
    let totalIdf = 0;
    let knownIdf = 0;
    let unknownFocusIdf = 0;
    let focusIdf = 0;
    const covered = new Map<number, number>();
    /** Per fact, the focus weight of its terms that are also near-miss words (subtracted below). */
    const nearMissCovered = new Map<number, number>();
    /** Per fact, how many focus terms it contains. */
    const focusHits = new Map<number, number>();
    let nearMissFocusIdf = 0;
    for (const [term, w] of weighted) {
      const known = this.postings.idf(term);
      const idf = (known ?? this.unknownIdf) * w;
      totalIdf += idf;
      if (known !== undefined) knownIdf += idf;
      const inFocus = focusSet.has(term);
      const nearMissWord = inFocus && this.allNearMisses.placeOf.has(term);
      if (inFocus) {
        focusIdf += idf;
        if (known === undefined) unknownFocusIdf += idf;
        if (nearMissWord) nearMissFocusIdf += idf;
      }
      this.postings.forEach(term, (fact, weight) => {
        covered.set(fact, (covered.get(fact) ?? 0) + idf * weight);
        if (nearMissWord) nearMissCovered.set(fact, (nearMissCovered.get(fact) ?? 0) + idf);
        if (inFocus) focusHits.set(fact, (focusHits.get(fact) ?? 0) + 1);
      });
    }
    // cheap first: coverage for every fact sharing a term; then closer looks at the best few
    const byCoverage = [...covered].map(([fact, sum]) => ({ fact, sum, coverage: sum / totalIdf }));
    byCoverage.sort((a, b) => b.coverage - a.coverage || a.fact - b.fact);
    const compared = this.weighed(comparedTerms);
    const shortlist = byCoverage
      .slice(0, PREFILTER)
      .map((c) => {
        const nearest = this.variantOverlap(this.variantTermsOf(c.fact), compared);
        return { fact: c.fact, sum: c.sum, coverage: c.coverage, overlap: nearest[0] ?? 0, nearest };
      })
      .sort((a, b) => b.coverage + 0.3 * b.overlap - (a.coverage + 0.3 * a.overlap) || a.fact - b.fact)
      .slice(0, SHORTLIST);

    // a long question shares few terms with any one short variant, so past a few terms coverage counts more
    const base = this.weights.coverageShare;
    const share = Math.min(Math.max(base, LONG_QUESTION_MAX_SHARE), base + LONG_QUESTION_STEP * Math.max(0, focusTerms.length - LONG_QUESTION_TERMS));
    const nearMisses = this.nearMissOverlap(compared);
    const nearestNearMiss = nearMisses[0] ?? 0;
    const votes = neighbourVotes(
      shortlist.map((c) => c.nearest),
      nearMisses,
    );
    const candidates = shortlist
      .map(({ fact, sum, coverage, overlap: similarity, nearest }, i): MatchCandidate => {
        const score = share * coverage + (1 - share) * similarity * Math.min(1, coverage * 1.5);
        return {
          fact: this.facts[fact]!,
          score: clamp01(score),
          coverage,
          knownCoverage: knownIdf > 0 ? Math.min(1, sum / knownIdf) : 0,
          similarity,
          nearMissSimilarity: nearestNearMiss,
          nearMissWordShare: focusIdf > 0 ? (nearMissFocusIdf - (nearMissCovered.get(fact) ?? 0)) / focusIdf : 0,
          uncoveredTerms: focusTerms.length - (focusHits.get(fact) ?? 0),
          actorMissing: focusActors.some((a) => !this.postings.has(a, fact)),
          statedCoverage: this.statedShare(fact, focusTerms),
          neighbourShare: votes.shares[i]!,
          nearMissNeighbourShare: votes.nearMissShare,
          similarityTop3: nearest.slice(0, 3).reduce((a, b) => a + b, 0) / 3,
        };
      })
      .sort((a, b) => b.score - a.score);
    // one plain word is too little to go on, unless it is a question about what was said before it ("Who posted that?")
    return result(candidates, { unknownShare: focusIdf > 0 ? unknownFocusIdf / focusIdf : 0, ...(leansOnContext ? { ordinaryWordOnly: false } : {}) });
  }

  /** Share of the focus's known terms' weight that the fact states (see statedCoverage). */
  private statedShare(fact: number, focusTerms: readonly string[]): number {
    const stated = this.statedTermIds[fact]!;
    let known = 0;
    let hit = 0;
    for (const t of focusTerms) {
      const id = this.postings.id(t);
      if (id === undefined || t.startsWith('?')) continue;
      const idf = this.postings.idfOfId(id);
      known += idf;
      if (hasSorted(stated, id)) hit += idf;
    }
    return known > 0 ? hit / known : 1;
  }

  /**
   * A fact's one-word keyword that is a topic's own word ("권력투쟁", "bromance"), not an everyday one
   * that a keyword happens to be ("crazy"). Sorted on first need: the English word list loads then.
   */
  /** A name ("musk", "xai") or a number or date ("97.4b", "m2"): a word that says which event is meant. */
  private isNameOrNumber(word: string): boolean {
    return this.normaliser.isName(word) || /\d/.test(word);
  }

  /** Each word of the topic's names of several words ("Larry" of "larry ellison", "Masayoshi" of "masayoshi son"): a known name's part. */
  private get nameParts(): ReadonlySet<string> {
    this.namePartSet ??= new Set(
      this.normaliser.aliasForms().flatMap(([, forms]) => forms.filter((f) => /^[a-z]+(?: [a-z]+)+$/.test(f)).flatMap((f) => f.split(' '))),
    );
    return this.namePartSet;
  }

  private isTopicWord(word: string): boolean {
    this.topicWords ??= new Set(
      this.oneWordKeywords.filter(([, surface]) => /^[가-힣]{3,}$/.test(surface) || (/^[a-z]+$/.test(surface) && !isEnglishWord(surface))).map(([w]) => w),
    );
    return this.topicWords.has(word);
  }

  /**
   * A capitalised word or a model-like token ("Claude", "GPT-4o") that is neither an English word nor
   * anything the facts know: the question is about someone or something the article never mentions.
   */
  private namesSomethingUnknown(focus: string): boolean {
    // a model the article names, with a version it does not ("Gemini 2.0", "그록 3")
    // (a version the facts know is one alias: "grok 2" → grok2, "gpt-4 turbo" → gpt4turbo; "grok 3" stays two words)
    for (const version of cleanText(focus)
      .toLowerCase()
      .match(/(?:grok|gemini|gpt|chatgpt|claude|llama|그록|제미나이|제미니)\s*-?\s*\d+(?:\.\d+)?[a-z]?(?:\s*(?:turbo|터보|pro|프로)(?:\s*\d+(?:\.\d+)?)?)?/g) ??
      []) {
      if (this.normaliser.normalise(version).words.length > 1) return true;
    }
    const tokens = cleanText(focus).match(/(?<![\p{L}\p{N}])(?:[A-Z][a-z]{2,}|[A-Za-z]+-?\d+[A-Za-z]+|[A-Za-z]{2,}-\d+[a-z]?)(?![\p{L}\p{N}])/gu) ?? [];
    return tokens.slice(0, MAX_WORDS).some((token) => {
      const lower = token.toLowerCase();
      if (isEnglishWord(lower) || this.nameParts.has(lower)) return false;
      const { words } = this.normaliser.normalise(token);
      return words.length > 0 && words.some((w) => !this.knownWords.has(w) && !this.normaliser.isTerm(w));
    });
  }

  /**
   * A question of few plain words can still be a line someone remembers ("how did I not know"):
   * it is that fact when, word for word, it appears in exactly one fact's summary, answer or quote.
   */
  private quoteMatch(question: string): MatchCandidate | undefined {
    const phrase = phraseText(question);
    const phraseWords = phrase.split(' ');
    if (phraseWords.length < QUOTE_MIN_WORDS) return undefined;
    const index = (this.quoteIndex ??= quoteIndexOf(this.facts));
    const lists = [...new Set(phraseWords)].map((w) => index.factsWith.get(w) ?? []).sort((a, b) => a.length - b.length);
    const hits = lists[0]!.filter((i) => lists.every((list) => list.includes(i)) && index.texts[i]!.includes(` ${phrase} `));
    return hits.length === 1
      ? {
          fact: this.facts[hits[0]!]!,
          score: 1,
          coverage: 1,
          knownCoverage: 1,
          similarity: 1,
          nearMissSimilarity: 0,
          nearMissWordShare: 0,
          uncoveredTerms: 0,
          actorMissing: false,
          statedCoverage: 1,
          neighbourShare: 1,
          nearMissNeighbourShare: 0,
          similarityTop3: 1,
        }
      : undefined;
  }

  /**
   * The question's words, typos mended. An English typo is retyped in the question, which is then read
   * again, so a mended word can still join a phrase ("grock 2" → grok-2, "faling out" → a falling-out).
   */
  private readQuestion(question: string): string[] {
    let normalised = this.normaliser.normalise(question);
    const retyped = new Map<string, string>();
    for (const [i, surface] of normalised.surfaces.slice(0, MAX_WORDS).entries()) {
      if (!/^[a-z]{4,}$/.test(surface)) continue;
      // a typo of a name that the fact base's own typo variants happen to contain ("altmn") is still that name's
      if (this.knownWords.has(normalised.words[i]!)) {
        if (this.normaliser.isTerm(normalised.words[i]!)) continue;
        const name = this.cached(`name\u0000${surface}`, () => {
          const near = this.nameSpelling.lookup(surface);
          return near === undefined || near === surface || isEnglishWord(surface) ? surface : near;
        });
        if (name !== surface) retyped.set(surface, name);
        continue;
      }
      // the dictionary is the slow check (a few ms), so it is asked only about a word that has a near match
      const fix = this.cached(`latin\u0000${surface}`, () => {
        const near = this.latinSpelling.lookup(surface);
        return near === undefined || isEnglishWord(surface) ? surface : near;
      });
      if (fix !== surface) retyped.set(surface, fix);
    }
    if (retyped.size > 0) {
      const pattern = new RegExp(`(?<![a-z0-9])(?:${[...retyped.keys()].join('|')})(?![a-z0-9])`, 'g');
      normalised = this.normaliser.normalise(
        cleanText(question)
          .toLowerCase()
          .replace(pattern, (typed) => retyped.get(typed)!),
      );
    }
    return normalised.words.slice(0, MAX_WORDS).flatMap((w) => this.cached(`word\u0000${w}`, () => this.correct(w)));
  }

  private readonly corrections = new Map<string, string | string[]>();
  private cutsTried = 0;

  /** What typo correction and word splitting have cost so far, summed over questions (tests and the bench bound it). */
  work(): SpellingWork & { cutsTried: number } {
    const none = { lookups: 0, deletions: 0, comparisons: 0 };
    const all = [this.latinSpellingIndex, this.nameSpellingIndex, this.hangulSpellingIndex].map((index) => index?.work ?? none);
    const sum = (key: keyof SpellingWork) => all.reduce((total, work) => total + work[key], 0);
    return { lookups: sum('lookups'), deletions: sum('deletions'), comparisons: sum('comparisons'), cutsTried: this.cutsTried };
  }

  /** Which of the structures only some questions need have been built so far (they are built on first need). */
  lazyIndexes(): { quotes: boolean; latinSpelling: boolean; hangulSpelling: boolean } {
    return {
      quotes: this.quoteIndex !== undefined,
      latinSpelling: this.latinSpellingIndex !== undefined,
      hangulSpelling: this.hangulSpellingIndex !== undefined,
    };
  }

  /** What the eager index holds, counted: (term, fact) postings and (term, question variant) memberships. */
  indexSize(): { postings: number; variantMemberships: number } {
    return { postings: this.postings.size, variantMemberships: this.variantSets.memberships };
  }

  /** How many facts' variant sets have been packed so far: only those of facts some question shortlisted. */
  packedVariantFacts(): number {
    return this.variantTerms.reduce((n, sets) => n + (sets ? 1 : 0), 0);
  }

  /** A fact's variant sets with each set's weight (summed once, for the weighted Jaccard of every question). */
  private variantTermsOf(fact: number): PackedTermSets {
    return (this.variantTerms[fact] ??= this.variantSets.pack(fact, (id) => this.postings.idfOfId(id)));
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

  private termWeight(term: string): number {
    return this.postings.idf(term) ?? this.unknownIdf;
  }

  /** The terms a question is compared with variants and near misses by, each with its id and weight (looked up once, not per fact). */
  private weighed(terms: readonly string[]): WeighedTerms {
    let total = 0;
    const ids: (number | undefined)[] = [];
    const weights: number[] = [];
    for (const t of terms) {
      const w = this.termWeight(t);
      total += w;
      ids.push(this.postings.id(t));
      weights.push(w);
    }
    return { terms, ids, weights, total };
  }

  /** Similarities of the fact's closest questions to the terms (at most NEIGHBOURS), closest first. */
  private variantOverlap(candidate: PackedTermSets, terms: WeighedTerms): number[] {
    const shared = this.shared.reset(candidate.weights.length);
    terms.ids.forEach((id, k) => {
      if (id !== undefined) candidate.addTo(shared, id, terms.weights[k]!);
    });
    return shared.bestRatios(candidate.weights, terms.total, NEIGHBOURS);
  }

  /** Similarities of the closest curated near misses to the terms (at most NEIGHBOURS), closest first. */
  private nearMissOverlap(terms: WeighedTerms): number[] {
    // weighted by rarity, so "who won the lawsuit" is nearest the near miss that shares "won", not every lawsuit question
    const shared = this.shared.reset(this.allNearMisses.weights.length);
    terms.terms.forEach((t, k) => {
      const { placeOf, starts, sets } = this.allNearMisses;
      const place = placeOf.get(t);
      if (place !== undefined) shared.addEach(sets, starts[place]!, starts[place + 1]!, terms.weights[k]!);
    });
    return shared.bestRatios(this.allNearMisses.weights, terms.total, NEIGHBOURS);
  }

  /**
   * Replace a Korean word no fact contains with the closest known one, when one is close (one jamo
   * edit, two for long words), or split it into two known words. English typos are mended earlier,
   * on what was typed, before stemming bent it ("stargte" is not "stargt"): one edit for short words,
   * two for long ones, none under four letters, and never to a real English word ("joke" stays "joke").
   */
  private correct(word: string): string[] {
    if (!isHangulWord(word) || this.knownWords.has(word) || word.length < 2) return [word];
    if (this.normaliser.termsOf([word]).every((t) => this.postings.idf(t) !== undefined)) return [word];
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
    // two syllables are one word far more often than two one-syllable words (주말 is not 주 + 말)
    if (word.length < 3) return undefined;
    for (let cut = word.length - 1; cut >= 1; cut--) {
      this.cutsTried++;
      const head = this.normaliser.normalise(word.slice(0, cut)).words;
      if (head.length !== 1 || !this.knownWords.has(head[0]!)) continue;
      const tail = this.normaliser.normalise(word.slice(cut)).words;
      if (tail.every((w) => this.knownWords.has(w))) return [...head, ...tail];
    }
    return undefined;
  }
}

/** Whether a sorted array holds the value (halving). */
function hasSorted(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const askTerm = (kind: string) => `?${kind}`;

/** The terms for what a question asks, if its words say ("who" → ?person, "how did…" → ?how). */
function askTerms(question: string): string[] {
  const text = cleanText(question);
  const kind = askedKind(text);
  return [...(kind ? [askTerm(kind)] : []), ...(ASKS_HOW.test(text) ? [askTerm('how')] : [])];
}

/** A question's terms: its words' terms and what it asks for. */
function questionTerms(normaliser: Normaliser, question: string, words: readonly string[]): string[] {
  return [...normaliser.termsOf(words), ...askTerms(question)];
}

/** "how did he become CEO", "어떻게 됐어": a question about the way something happened (a term, not a kind of answer). */
const ASKS_HOW = /\bhow\b(?! much| many| old| long| big| large)|어떻게|어케|어떡/i;

/** Each fact's summary, answer and quote as compared with a quote, and word → the facts whose text has it, so a quote is looked for only where it can be. */
interface QuoteIndex {
  texts: string[];
  factsWith: Map<string, number[]>;
}

function quoteIndexOf(facts: readonly Fact[]): QuoteIndex {
  const factsWith = new Map<string, number[]>();
  const texts = facts.map((f, i) => {
    const text = [f.summary.en, f.summary.ko, f.answer.en, f.answer.ko, f.quote].map(phraseText).join(' | ');
    for (const word of new Set(text.split(' '))) {
      const list = factsWith.get(word);
      if (list) list.push(i);
      else factsWith.set(word, [i]);
    }
    return ` ${text} `;
  });
  return { texts, factsWith };
}

/** Lower case, words only, single spaces: how quoted lines are compared. */
function phraseText(text: string): string {
  return cleanText(text)
    .toLowerCase()
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** How many nearest questions (of the shortlisted facts and the near misses together) vote on a question. */
export const NEIGHBOURS = 12;

/**
 * The vote is shared out of at least this much similarity, as if two exact questions of nobody's were among the
 * neighbours: one weak neighbour ("weather in Seoul" near one "soul" variant) is not a majority.
 */
const NEIGHBOUR_MASS_FLOOR = 2;

/**
 * A vote of the question's nearest neighbours: of the NEIGHBOURS questions closest to it, among the shortlisted
 * facts' own questions and every curated near miss, each fact's share (weighted by similarity), and the near misses'.
 * A question many of one fact's variants come near is that fact's, even when none of them is very near.
 */
function neighbourVotes(perFact: readonly (readonly number[])[], nearMisses: readonly number[]): { shares: number[]; nearMissShare: number } {
  // the NEIGHBOURS closest, closest first (ties: lower fact first, the near misses, -1, before any), kept as they come:
  // no pool of pairs to sort, and every sum below is taken in that order, as a sort of the whole pool would give it
  const ratio = new Float64Array(NEIGHBOURS);
  const owner = new Int32Array(NEIGHBOURS);
  let kept = 0;
  const offer = (r: number, o: number) => {
    if (kept === NEIGHBOURS && !(r > ratio[kept - 1]! || (r === ratio[kept - 1]! && o < owner[kept - 1]!))) return;
    let at = kept < NEIGHBOURS ? kept++ : NEIGHBOURS - 1;
    while (at > 0 && (r > ratio[at - 1]! || (r === ratio[at - 1]! && o < owner[at - 1]!))) {
      ratio[at] = ratio[at - 1]!;
      owner[at] = owner[at - 1]!;
      at--;
    }
    ratio[at] = r;
    owner[at] = o;
  };
  perFact.forEach((ratios, fact) => {
    for (const r of ratios) offer(r, fact);
  });
  for (const r of nearMisses) offer(r, -1);
  const massOf = (o: number) => {
    let sum = 0;
    for (let k = 0; k < kept; k++) if (owner[k] === o) sum += ratio[k]!;
    return sum;
  };
  let mass = 0;
  for (let k = 0; k < kept; k++) mass += ratio[k]!;
  const total = Math.max(NEIGHBOUR_MASS_FLOOR, mass);
  const shares = perFact.map((_, fact) => (total > 0 ? massOf(fact) / total : 0));
  const nearMissShare = total > 0 ? massOf(-1) / total : 0;
  return { shares, nearMissShare };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * What a matcher reads from a fact base before it indexes it: every text of every fact through the
 * normaliser, which is nearly all of a matcher's build (thousands of texts) and a pure function of the
 * facts, the topic and the weights. So a build can store it as JSON (src/knowledge/prepared.ts) and a
 * start hand it back (MatcherOptions.reading) instead of reading every text again.
 */
export interface FactReading {
  /** The weights the facts' terms were weighed with. */
  weights: MatcherWeights;
  /** Every distinct term of the facts and their near misses, once: the numbers below name a term by its place here. */
  terms: string[];
  /** Per fact, in the facts' order. */
  facts: FactTerms[];
  /** Every fact's near misses, in order, in one flat list (thousands of them: one array each would be parse work and garbage): each one's count of distinct terms, then those terms. */
  nearMisses: number[];
  /** Every word of the facts' texts, normalised. */
  knownWords: string[];
  /** The facts' words as typed (Latin) and as read (Hangul): the vocabulary typos are mended to. */
  latinWords: string[];
  hangulWords: string[];
  /** Facts' one-word keywords, as [normalised word, as typed]. */
  oneWordKeywords: [word: string, surface: string][];
}

interface FactTerms {
  /** The fact's terms (places in FactReading.terms) with the weight of the part they count most in, in the order first read. */
  terms: number[];
  weights: number[];
  /** Its question variants' and summaries' distinct terms, flat: the count of sets, then each set's length and its terms as indexes into `terms`. */
  variants: number[];
  /** The terms its answer, summary and keywords state (not only its curated questions), as indexes into `terms`. */
  stated: number[];
}

/** One fact's terms as FactReader reads them, before they are numbered. */
interface ReadTerms {
  terms: string[];
  weights: number[];
  variants: number[][];
  stated: number[];
}

/** Reads facts one at a time (see FactReading), gathering the vocabulary of all of them. */
class FactReader {
  /** Every word read so far, and whether it is Korean. */
  private readonly knownWords = new Map<string, boolean>();
  private readonly latin = new Set<string>();
  private readonly hangul = new Set<string>();
  private readonly oneWordKeywords: [string, string][] = [];

  constructor(
    private readonly normaliser: Normaliser,
    private readonly W: MatcherWeights,
  ) {}

  /** Every fact's near misses, each as its distinct terms. */
  nearMisses(facts: readonly Fact[]): string[][] {
    const n = this.normaliser;
    return facts.flatMap((fact) =>
      [...(fact.nearMisses?.en ?? []), ...(fact.nearMisses?.ko ?? [])].map((q) => [...new Set(questionTerms(n, q, n.normalise(q).words))]),
    );
  }

  fact(fact: Fact): ReadTerms {
    const { normaliser, W } = this;
    // a fact's questions are read twice below (terms, variant sets); each of its texts is read once
    const read = new Map<string, { words: string[]; terms: string[]; asks?: string[] }>();
    const readOnce = (text: string) => {
      let r = read.get(text);
      if (!r) {
        const { words, surfaces } = normaliser.normalise(text);
        words.forEach((w, i) => {
          // a word already known is already sorted into Hangul or not
          let hangul = this.knownWords.get(w);
          if (hangul === undefined) {
            this.knownWords.set(w, (hangul = isHangulWord(w)));
            if (hangul) this.hangul.add(w);
          }
          if (!hangul && !this.latin.has(surfaces[i]!) && /^[a-z]+$/.test(surfaces[i]!)) this.latin.add(surfaces[i]!);
        });
        read.set(text, (r = { words, terms: normaliser.termsOf(words) }));
      }
      return r;
    };
    const asksOf = (text: string) => (readOnce(text).asks ??= askTerms(text));
    const weights = new Map<string, number>();
    /** A term weighs what the heaviest part it is in weighs (and at least 0). */
    const raise = (term: string, weight: number) => {
      const old = weights.get(term);
      if (old === undefined) weights.set(term, Math.max(0, weight));
      else if (weight > old) weights.set(term, weight);
    };
    const add = (texts: readonly string[], weight: number, asked = false) => {
      for (const text of texts) {
        const { terms } = readOnce(text);
        if (asked) for (const t of asksOf(text)) raise(t, weight);
        for (const t of terms) {
          raise(t, weight);
          // "97 billion" and "about 100 billion" are the 97.4b of the answer
          for (const approx of approximateForms(t)) raise(approx, weight);
        }
      }
    };
    const questions = [...fact.questions.en, ...fact.questions.ko];
    const keywords = [...fact.keywords.en, ...fact.keywords.ko];
    const summaries = [fact.summary.en, fact.summary.ko];
    add(questions, W.questions, true);
    add(keywords, W.keywords);
    for (const keyword of keywords) {
      const { words } = readOnce(keyword);
      if (words.length === 1) this.oneWordKeywords.push([words[0]!, keyword.toLowerCase()]);
    }
    add(summaries, W.summary);
    add([fact.answer.en, fact.answer.ko], W.answer);
    for (const t of dateTerms(fact.date)) weights.set(t, W.keywords);
    const terms: string[] = [];
    const termWeights: number[] = [];
    const position = new Map<string, number>();
    for (const [t, w] of weights) {
      position.set(t, terms.length);
      terms.push(t);
      termWeights.push(w);
    }
    // each set's distinct terms in the order first met; `seen` marks a position with the set it was last taken in
    const seen = new Int32Array(terms.length).fill(-1);
    const variants: number[][] = [];
    const take = (set: number[], termsOfSet: readonly string[]) => {
      for (const t of termsOfSet) {
        const at = position.get(t)!;
        if (seen[at] === variants.length) continue;
        seen[at] = variants.length;
        set.push(at);
      }
    };
    for (const q of questions) {
      const set: number[] = [];
      take(set, readOnce(q).terms);
      take(set, asksOf(q));
      variants.push(set);
    }
    for (const summary of summaries) {
      const set: number[] = [];
      take(set, readOnce(summary).terms);
      variants.push(set);
    }
    const stated = [
      ...new Set([...keywords, ...summaries, fact.answer.en, fact.answer.ko].flatMap((text) => readOnce(text).terms).map((t) => position.get(t)!)),
    ];
    return { terms, weights: termWeights, variants, stated };
  }

  /** The words of every fact read so far. */
  vocabulary(): Pick<FactReading, 'knownWords' | 'latinWords' | 'hangulWords' | 'oneWordKeywords'> {
    return { knownWords: [...this.knownWords.keys()], latinWords: [...this.latin], hangulWords: [...this.hangul], oneWordKeywords: this.oneWordKeywords };
  }
}

/** Read every fact's texts once (see FactReading). */
export function readFacts(facts: readonly Fact[], normaliser: Normaliser, W: MatcherWeights): FactReading {
  const reader = new FactReader(normaliser, W);
  const terms: string[] = [];
  const places = new Map<string, number>();
  const place = (term: string) => {
    let at = places.get(term);
    if (at === undefined) places.set(term, (at = terms.push(term) - 1));
    return at;
  };
  const nearMisses: number[] = [];
  for (const set of reader.nearMisses(facts)) nearMisses.push(set.length, ...set.map(place));
  const factTerms = facts.map((fact): FactTerms => {
    const read = reader.fact(fact);
    const variants = [read.variants.length];
    for (const set of read.variants) variants.push(set.length, ...set);
    return { terms: read.terms.map(place), weights: read.weights, variants, stated: read.stated };
  });
  return { weights: W, terms, facts: factTerms, nearMisses, ...reader.vocabulary() };
}

function sameWeights(a: MatcherWeights, b: MatcherWeights): boolean {
  return (Object.keys(DEFAULT_WEIGHTS) as (keyof MatcherWeights)[]).every((k) => a[k] === b[k]);
}
