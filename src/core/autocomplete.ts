import { getChoseong } from 'es-hangul';
import Fuse from 'fuse.js';
import type { Fact } from '../knowledge/schema.ts';
import type { Matcher } from './matcher.ts';
import { cleanText } from './normalise.ts';
import { escapeRegExp } from './regexp.ts';
import type { Lang, Suggestion } from './reply.ts';

const CHOSEONG_ONLY = /^[\u3131-\u314e\s]+$/;
/** Longest text a Discord autocomplete choice holds. */
export const MAX_CHOICE = 100;
const fitsChoice = (question: string) => question.length <= MAX_CHOICE;

/**
 * One keystroke's work is bounded by design, whatever is typed (see test/core/bounded-work.test.ts):
 * - at most MAX_TYPED characters are read (Discord's autocomplete value is at most 100);
 * - the prefix and substring passes read each question once;
 * - the fuzzy pass (fuse.js's bitap, the costly one: its work grows with the pattern's length times the
 *   questions' text) runs only while the list has room, on at most MAX_FUZZY_PATTERN characters, over at most
 *   MAX_FUZZY_QUESTIONS questions, an equal share of each fact's (the built-in base has about 3,000 a language);
 * - the matcher then runs once, on the same MAX_TYPED characters, within ask's own bounds.
 */
export const MAX_TYPED = 100;
export const MAX_FUZZY_PATTERN = 16;
export const MAX_FUZZY_QUESTIONS = 2000;

/** What autocomplete has done so far, summed over keystrokes (tests bound it per keystroke). */
export interface AutocompleteWork {
  keystrokes: number;
  /** Characters of typed text read after cleaning. */
  typedChars: number;
  /** Questions the fuzzy pass searched, each weighted by the pattern's length: fuse.js's work grows with both. */
  fuzzyPatternQuestions: number;
  /** Times the matcher was asked what the text is about. */
  matches: number;
}

interface Entry {
  factId: string;
  question: string;
  lower: string;
  /** Initial consonants without spaces: 스타게이트 → ㅅㅌㄱㅇㅌ. */
  choseong: string;
  label: string;
  /** The fact's keywords, lower-cased: the words it is known by. */
  keywords: string[];
}

/**
 * The questions the fuzzy pass searches: every fact's first ones, an equal share each, at most
 * MAX_FUZZY_QUESTIONS in all (the first of the list alone would leave the last facts out of a large base).
 */
export function fuzzyPool<E extends { factId: string }>(entries: readonly E[]): E[] {
  const facts = new Set(entries.map((e) => e.factId)).size;
  const share = Math.max(1, Math.floor(MAX_FUZZY_QUESTIONS / Math.max(1, facts)));
  const taken = new Map<string, number>();
  return entries.filter((e) => {
    const n = taken.get(e.factId) ?? 0;
    taken.set(e.factId, n + 1);
    return n < share;
  });
}

/** Questions to offer while the user is still typing (Discord autocomplete). */
export class Autocomplete {
  /** Built on first use, like `fuzzy`: a bot that never autocompletes does not hold a copy of every question variant. */
  private built?: Record<Lang, Entry[]>;
  /** Built on first use, so startup stays fast for bots that never autocomplete (Slack, console). */
  private fuzzy?: Record<Lang, Fuse<Entry>>;

  constructor(
    private readonly facts: readonly Fact[],
    private readonly matcher: Matcher,
  ) {}

  private get entries(): Record<Lang, Entry[]> {
    if (this.built) return this.built;
    const keywordsOf = new Map(this.facts.map((f) => [f, [...f.keywords.en, ...f.keywords.ko].map((k) => k.toLowerCase())]));
    // a variant longer than a choice holds (a chat message with its context) is for the matcher, not to be offered
    const build = (lang: Lang) =>
      this.facts.flatMap((f) =>
        f.questions[lang].filter(fitsChoice).map((question) => ({
          factId: f.id,
          question,
          lower: question.toLowerCase(),
          choseong: lang === 'ko' ? getChoseong(question).replace(/\s/g, '') : '',
          label: f.summary[lang],
          // one list per fact, shared by its questions
          keywords: keywordsOf.get(f)!,
        })),
      );
    return (this.built = { en: build('en'), ko: build('ko') });
  }

  /** Whether the question list has been built (it is not until someone autocompletes). */
  get isBuilt(): boolean {
    return this.built !== undefined;
  }

  private readonly counted: AutocompleteWork = { keystrokes: 0, typedChars: 0, fuzzyPatternQuestions: 0, matches: 0 };

  /** What the keystrokes so far have cost, counted (see the bounds above). */
  work(): Readonly<AutocompleteWork> {
    return { ...this.counted };
  }

  suggest(typed: string, lang: Lang, limit: number): Suggestion[] {
    // past what an autocomplete box holds (and what cleaning can shrink it to) the rest is not read
    const head = typed.slice(0, 4 * MAX_TYPED);
    // initial consonants first: NFKC (in cleanText) would turn ㅅ into a conjoining jamo
    const consonants = head.replace(/\s/g, '');
    const text = cleanText(head).slice(0, MAX_TYPED);
    this.counted.keystrokes++;
    this.counted.typedChars += text.length;
    const out: Suggestion[] = [];
    const seenQuestions = new Set<string>();
    const perFact = new Map<string, number>();
    const push = (e: Entry) => {
      if (out.length >= limit || seenQuestions.has(e.question)) return;
      // at most two phrasings of one fact, so the list shows many facts
      const count = perFact.get(e.factId) ?? 0;
      if (count >= 2) return;
      perFact.set(e.factId, count + 1);
      seenQuestions.add(e.question);
      out.push({ factId: e.factId, question: e.question, label: e.label });
    };
    const entries = this.entries[lang];
    if (text === '') {
      for (const f of this.facts) {
        const e = entries.find((x) => x.factId === f.id);
        if (e) push(e);
      }
      return out;
    }
    if (consonants !== '' && CHOSEONG_ONLY.test(consonants)) {
      for (const e of this.entries.ko) if (e.choseong.includes(consonants)) push(e);
      return out;
    }
    const lower = text.toLowerCase();
    // words that start with what was typed first ("star" → Stargate before "start"), then anywhere
    const atWordStart = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(lower)}`, 'u');
    for (const e of entries) if (e.keywords.some((k) => k.startsWith(lower))) push(e);
    for (const e of entries) if (atWordStart.test(e.lower)) push(e);
    for (const e of entries) if (e.lower.includes(lower)) push(e);
    // a full list stays as it is: what follows could only be left out
    if (out.length >= limit) return out;
    // then fuzzy matches of the partial text (typos, other word order), then what the matcher thinks it is about
    const fuzzyOver = (lang: Lang) => new Fuse(fuzzyPool(this.entries[lang]), { keys: ['lower'], ignoreLocation: true, threshold: 0.4 });
    this.fuzzy ??= { en: fuzzyOver('en'), ko: fuzzyOver('ko') };
    const pattern = lower.slice(0, MAX_FUZZY_PATTERN);
    this.counted.fuzzyPatternQuestions += pattern.length * Math.min(entries.length, MAX_FUZZY_QUESTIONS);
    for (const hit of this.fuzzy[lang].search(pattern, { limit: limit * 2 })) push(hit.item);
    if (out.length >= limit) return out;
    this.counted.matches++;
    for (const c of this.matcher.match(text).candidates) {
      for (const e of entries) if (e.factId === c.fact.id) push(e);
    }
    return out;
  }
}
