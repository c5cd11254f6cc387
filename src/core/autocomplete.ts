import { getChoseong } from 'es-hangul';
import Fuse from 'fuse.js';
import type { Fact } from '../knowledge/schema.ts';
import type { Matcher } from './matcher.ts';
import { cleanText } from './normalise.ts';
import type { Lang, Suggestion } from './reply.ts';

const CHOSEONG_ONLY = /^[\u3131-\u314e\s]+$/;
const MAX_CHOICE = 100;

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
    const build = (lang: Lang) =>
      this.facts.flatMap((f) =>
        f.questions[lang].map((question) => ({
          factId: f.id,
          question: question.slice(0, MAX_CHOICE),
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

  suggest(typed: string, lang: Lang, limit: number): Suggestion[] {
    // initial consonants first: NFKC (in cleanText) would turn ㅅ into a conjoining jamo
    const consonants = typed.replace(/\s/g, '');
    const text = cleanText(typed).slice(0, 200);
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
    const atWordStart = new RegExp(`(^|[^\\p{L}\\p{N}])${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
    for (const e of entries) if (e.keywords.some((k) => k.startsWith(lower))) push(e);
    for (const e of entries) if (atWordStart.test(e.lower)) push(e);
    for (const e of entries) if (e.lower.includes(lower)) push(e);
    // then fuzzy matches of the partial text (typos, other word order), then what the matcher thinks it is about
    this.fuzzy ??= {
      en: new Fuse(this.entries.en, { keys: ['lower'], ignoreLocation: true, threshold: 0.4 }),
      ko: new Fuse(this.entries.ko, { keys: ['lower'], ignoreLocation: true, threshold: 0.4 }),
    };
    for (const hit of this.fuzzy[lang].search(lower.slice(0, 32), { limit: limit * 2 })) push(hit.item);
    for (const c of this.matcher.match(text).candidates) {
      for (const e of entries) if (e.factId === c.fact.id) push(e);
    }
    return out;
  }
}
