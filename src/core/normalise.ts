import { stemmer } from 'stemmer';
import { builtInTopic, type Topic } from '../knowledge/topic.ts';
import { descriptionReader } from './descriptions.ts';
import { CONTRACTED, FILLER_PHRASES, KOREAN_SUFFIXES, MONTHS, SINGLE_SIOT, STOPWORDS, WORD_START_ONLY } from './lexicon.ts';
import { escapeRegExp } from './regexp.ts';
import type { Lang } from './reply.ts';

const HANGUL = /[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/;
const HANGUL_WORD = /^[\uac00-\ud7a3]+$/;
/** Control characters, zero-width and bidi marks: invisible, and a way to dodge filters. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

const PLAIN_TEXT = /^[\x20-\x7e\uac00-\ud7a3]*$/;
const APOSTROPHE = /['’`´]/;

/** Remove invisible characters and fold compatibility forms (full-width letters, ①) to plain ones. */
export function cleanText(text: string): string {
  // printable ASCII and Hangul syllables are their own NFKC form and hold nothing invisible: only spaces to fold
  if (PLAIN_TEXT.test(text)) return (text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text).trim();
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\t\n\r]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Hangul anywhere means Korean. */
export function detectLang(text: string): Lang {
  return HANGUL.test(text) ? 'ko' : 'en';
}

// ---- aliases -------------------------------------------------------------

const INFLECTION = '(?:s|es|ed|d|ing)';
const PHRASE_INFLECTION = `${INFLECTION}?`;
const PHRASE_INFLECTION_END = new RegExp(`${INFLECTION}$`);
const PARTICLE_AFTER_SHORT_NAME = '(?=$|[^가-힣]|[은는이가을를의도와과랑한께][^가-힣]|[은는이가을를의도와과랑한께]$)';

/** Words of a phrase may be run together or hyphenated ("rocket-company", "오픈 AI"). */
const aliasBody = (form: string) => escapeRegExp(form).replace(/ /g, '[\\s-]*');

function hangulAliasPattern(forms: string[]): RegExp {
  return new RegExp(
    forms
      .sort((a, b) => b.length - a.length)
      .map((form) => {
        const body = aliasBody(form);
        const syllables = form.replace(/[^가-힣]/g, '').length;
        // A one-syllable Korean name (샘) only as its own word, else 샘플 would become Altman.
        if (syllables <= 1) return `(?<![가-힣a-z0-9])${body}${PARTICLE_AFTER_SHORT_NAME}`;
        // short words that also sit inside common words (준비하는 is not 비하, 대화가 is not 화가)
        if (WORD_START_ONLY.has(form)) return `(?<![가-힣])${body}`;
        // a Korean name may follow Latin letters with no space ("오픈AI인수제안"); a Latin start may not
        return /^[a-z0-9]/.test(form) ? `(?<![a-z0-9])${body}` : body;
      })
      .join('|') || '(?!)',
    'g',
  );
}

/**
 * Whole words only; phrases first, so "sam altman" is taken before "sam". The last word of a phrase
 * may be inflected ("trash talking"). One word-boundary check outside the alternatives keeps it fast.
 */
function latinAliasPattern(forms: string[]): RegExp {
  const byLength = [...forms].sort((a, b) => b.length - a.length);
  const phrases = byLength.filter((f) => f.includes(' ')).map(aliasBody);
  const words = byLength.filter((f) => !f.includes(' ')).map(aliasBody);
  return new RegExp(`(?<![a-z0-9])(?:(?:${phrases.join('|') || '(?!)'})${PHRASE_INFLECTION}|${words.join('|') || '(?!)'})(?![a-z0-9])`, 'g');
}

/** "they", "두 사람", "둘이": whole words in English; Korean phrases anywhere, a one-syllable one with at most a particle after it. */
function pairPattern(phrases: Topic['pair']['phrases']): RegExp {
  const en = phrases.en.map((p) => aliasBody(p.toLowerCase()));
  const ko = phrases.ko.map((p) => (p.replace(/\s/g, '').length <= 1 ? `(?<![가-힣])${aliasBody(p)}[이은의다도]?(?![가-힣])` : aliasBody(p)));
  return new RegExp([`(?<![a-z])(?:${en.join('|') || '(?!)'})(?![a-z])`, ...ko].join('|'));
}

const FILLER = new RegExp(`(?<![a-z0-9])(?:${FILLER_PHRASES.map(escapeRegExp).join('|')})(?![a-z0-9])`, 'g');

// ---- numbers and dates ----------------------------------------------------

const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  천: 1e3,
  만: 1e4,
  억: 1e8,
  조: 1e12,
};

/** 97.4 billion, $97.4B and 974억 all become "97.4b"; 100,000 and 10만 become "100k". */
export function magnitudeTerm(value: number): string {
  const fmt = (v: number) => String(Math.round(v * 1000) / 1000);
  if (value >= 1e12) return `${fmt(value / 1e12)}t`;
  if (value >= 1e9) return `${fmt(value / 1e9)}b`;
  if (value >= 1e6) return `${fmt(value / 1e6)}m`;
  if (value >= 1e4) return `${fmt(value / 1e3)}k`;
  return fmt(value);
}

const KOREAN_DIGIT: Record<string, number> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 칠: 7, 팔: 8, 구: 9 };
const KOREAN_SMALL_UNIT: Record<string, number> = { 십: 10, 백: 100, 천: 1000 };
/** 5천만, 오천만, 천만, 3백억: a digit or Korean numeral, 십/백/천, then 만/억/조. */
const KOREAN_COMPOUND = /(?<![가-힣])(\d+(?:\.\d+)?|[일이삼사오육칠팔구])?\s*(십|백|천)\s*(만|억|조)(?:\s*(?:달러|원|개|명|불))?/g;

const ENGLISH_NUMBER: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  half: 0.5,
};
/** "a million", "fifty million", "five hundred billion", "half a trillion". */
const ENGLISH_AMOUNT =
  /(?<![a-z0-9])(?:(half)\s+an?|(a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(hundred))?)\s+(thousand|million|billion|trillion)(?![a-z])/g;

const NO_FORMS: readonly string[] = [];

/**
 * The rounder ways people say a fact's figure: 97.4b is also "97 billion" and "about 100 billion".
 * Indexed on the fact's side only, so a question's exact figure still prefers the exact fact.
 */
export function approximateForms(term: string): readonly string[] {
  const first = term.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return NO_FORMS; // most terms are words, not figures
  const m = /^(\d+(?:\.\d+)?)([kmbt])$/.exec(term);
  if (!m) return [];
  const value = Number(m[1]);
  const unit = m[2]!;
  const significant = (digits: number) => Number(value.toPrecision(digits));
  const forms = new Set([Math.trunc(value), significant(2), significant(1)].map((v) => `${v}${unit}`));
  forms.delete(term);
  return [...forms];
}

function normaliseNumbers(text: string): string {
  if (/[십백천][만억조]|million|billion|trillion|thousand/.test(text)) {
    text = text
      .replace(KOREAN_COMPOUND, (_, n: string | undefined, small: string, big: string) => {
        const head = n === undefined ? 1 : (KOREAN_DIGIT[n] ?? Number(n));
        return ` ${magnitudeTerm(head * KOREAN_SMALL_UNIT[small]! * SCALE[big]!)} `;
      })
      .replace(ENGLISH_AMOUNT, (_, half: string | undefined, n: string | undefined, hundred: string | undefined, unit: string) => {
        const head = half ? 0.5 : ENGLISH_NUMBER[n!]! * (hundred ? 100 : 1);
        return ` ${magnitudeTerm(head * SCALE[unit]!)} `;
      });
  }
  if (!/\d|ten/.test(text)) return text;
  return (
    text
      .replace(/(\d),(?=\d{3}\b)/g, '$1')
      // Korean compound amounts: 5000억달러, 139조원, 10만개
      .replace(/(\d+(?:\.\d+)?)\s*(조|억|만|천)\s*(?:달러|원|개|명|불)?/g, (_, n: string, unit: string) => ` ${magnitudeTerm(Number(n) * SCALE[unit]!)} `)
      .replace(
        /\$?\s*(\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|mn|bn|tn|k|m|b)(?![a-z])/g,
        (_, n: string, unit: string) => ` ${magnitudeTerm(Number(n) * SCALE[unit]!)} `,
      )
      .replace(/(?<![\d.])(\d{5,})(?![\d.])/g, (_, n: string) => ` ${magnitudeTerm(Number(n))} `)
      .replace(/(\d{4})\s*년/g, ' $1 ')
      .replace(/(\d{1,2})\s*월/g, ' m$1 ')
      .replace(/(\d{1,2})\s*일(?![가-힣])/g, ' d$1 ')
      .replace(/(\d{1,2})\s*일(?=[가-힣])/g, ' d$1 ')
      .replace(/(\d+)\s*(?:배|x|times|fold)(?![a-z])/g, ' $1x ')
      .replace(/\btenfold\b|\bten times\b/g, ' 10x ')
      .replace(/(\d{1,2})(?:st|nd|rd|th)\b/g, ' d$1 ')
  );
}

// ---- Korean words ----------------------------------------------------------

const EMBEDDED_QUESTION_WORD = /어떻게|어째서|얼마나|언제|누가|누구|무슨|어디서|어디|얼마|뭐라고|왜/;

/** A word that is nothing but a particle or ending, left alone when a name before it was aliased ("오픈AI 는"). */
const SUFFIX_SET = new Set(KOREAN_SUFFIXES);

const LEADING_QUESTION_WORDS = ['누가', '누구', '언제', '어디서', '어디', '어떻게', '무슨', '얼마나', '얼마', '왜', '뭐', '뭘', '몇'];

/** Korean suffixes by length, longest first: a word's ending is looked up, not searched for. */
const SUFFIXES_BY_LENGTH = [...new Set(KOREAN_SUFFIXES.map((s) => s.length))]
  .sort((a, b) => b - a)
  .map((length) => ({ length, set: new Set(KOREAN_SUFFIXES.filter((s) => s.length === length)) }));

function longestSuffix(stem: string): string | undefined {
  for (const { length, set } of SUFFIXES_BY_LENGTH) {
    if (stem.length <= length) continue;
    const end = stem.slice(-length);
    if (set.has(end)) return end;
  }
  return undefined;
}

/** 설립했어 → 설립, 올트먼이 → 올트먼 (names are aliased earlier), 누가만들었어 → 만들. A known alias form keeps its ending. */
export function koreanStem(word: string, isAliasForm: (form: string) => boolean = () => false): string {
  let stem = word;
  for (const q of LEADING_QUESTION_WORDS) {
    if (stem.startsWith(q) && stem.length - q.length >= 2) {
      stem = stem.slice(q.length);
      break;
    }
  }
  for (let round = 0; round < 3; round++) {
    if (STOPWORDS.has(stem) || isAliasForm(stem)) break;
    const suffix = longestSuffix(stem);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return undoContraction(dropPastTense(stem));
}

const SYLLABLE_BASE = 0xac00;
const JONG_SSANGSIOT = 20;

const TYPO_SYLLABLES = new RegExp(`[${Object.keys(SINGLE_SIOT).join('')}업됬]`);
/** What may follow a verb stem: endings such as 어, 음, 다, 는, 고, 지, 니, 냐, 나, 던, 을. */
const ENDING_START = /^[어음다는고지니냐나던을더엇었았]/;

/**
 * The chat typos a phone keyboard makes most: a single ㅅ for ㅆ (했엇어, 냇어, 하겟다), ㅂ for ㅄ
 * (돈업다고), and the common misspelling 됬. Only before an ending or at a word's end (ㅂ: only
 * before an ending, so 사업 keeps its spelling).
 */
export function fixKoreanTypos(word: string): string {
  if (!TYPO_SYLLABLES.test(word)) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    const rest = word.slice(i + 1);
    const beforeEnding = ENDING_START.test(rest);
    if (ch === '됬') out += '됐';
    else if (SINGLE_SIOT[ch] && (beforeEnding || rest === '')) out += SINGLE_SIOT[ch];
    else if (ch === '업' && beforeEnding) out += '없';
    else out += ch;
  }
  return out;
}

/** 만났 → 만나, 생겼 → 생겨: the past-tense ㅆ under the last syllable says nothing about the topic. */
function dropPastTense(stem: string): string {
  const code = stem.charCodeAt(stem.length - 1) - SYLLABLE_BASE;
  if (stem.length < 2 || code < 0 || code > 11171 || code % 28 !== JONG_SSANGSIOT) return stem;
  return stem.slice(0, -1) + String.fromCharCode(SYLLABLE_BASE + code - JONG_SSANGSIOT);
}

function undoContraction(stem: string): string {
  const last = stem.at(-1);
  return stem.length >= 2 && last && CONTRACTED[last] ? stem.slice(0, -1) + CONTRACTED[last] : stem;
}

/** Overlapping syllable pairs: robust to missing spaces and to endings we did not strip. */
export function hangulBigrams(stem: string): string[] {
  if (stem.length <= 2) return [stem];
  const grams: string[] = [];
  for (let i = 0; i + 2 <= stem.length; i++) grams.push(stem.slice(i, i + 2));
  return grams;
}

/** 되다 after a subject particle: 됐어, 되었나요, 된 거야, 될까. */
const BECOME = /^(?:되|됐|된|될|됨|됩|됬)/;

// ---- the pipeline ----------------------------------------------------------

/** Distinct words remembered with how they read; past this the memory is dropped and refilled (questions bring new words forever). */
export const WORD_CACHE = 50_000;

export interface NormalisedText {
  /** Whole words after aliasing, stop words removed: canonical names, English stems, Korean stems. */
  words: string[];
  /** Each word as it was typed (lower-cased, before stemming), for typo correction. */
  surfaces: string[];
  lang: Lang;
}

/**
 * Folds questions and facts' texts into comparable words, with one topic's names and synonyms:
 * NFKC, case, punctuation, numbers and dates, name aliases, English stems, Korean particles and endings.
 */
export class Normaliser {
  /** Canonical term → its forms: the topic's names and synonym groups together, for aliasing. */
  private readonly aliases: Record<string, readonly string[]>;
  private readonly aliasToCanonical = new Map<string, string>();
  private readonly names: ReadonlySet<string>;
  readonly actors: ReadonlySet<string>;
  private readonly pairMembers: readonly [string, string];
  private readonly pair: RegExp;
  /** Two smaller patterns: most texts are in one script, and each pattern is only run where it can match. */
  private readonly latinAliases: RegExp;
  private readonly hangulAliases: RegExp;
  /** The canonical terms (the keys of `aliases`), for a lookup per word. */
  private readonly terms: ReadonlySet<string>;
  /** Piece of text → how it reads (see readWordOnce). */
  private readonly wordCache = new Map<string, readonly string[]>();
  private readonly isAliasForm = (form: string) => this.aliasToCanonical.has(form);
  /** "the Tesla boss" → musk (src/core/descriptions.ts). */
  private readonly readDescriptions: (folded: string) => string;

  constructor(topic: Topic) {
    this.aliases = { ...topic.synonyms, ...topic.names };
    for (const [canonical, forms] of Object.entries(this.aliases)) {
      for (const form of forms) this.aliasToCanonical.set(form.toLowerCase(), canonical);
    }
    this.terms = new Set(Object.keys(this.aliases));
    this.names = new Set(Object.keys(topic.names));
    this.actors = new Set(topic.actors);
    this.pairMembers = topic.pair.members;
    this.pair = pairPattern(topic.pair.phrases);
    const allForms = [...this.aliasToCanonical.keys()];
    this.latinAliases = latinAliasPattern(allForms.filter((f) => !HANGUL.test(f)));
    this.hangulAliases = hangulAliasPattern(allForms.filter((f) => HANGUL.test(f)));
    this.readDescriptions = descriptionReader(topic);
  }

  /** A canonical term of the topic (a name or a synonym group): "openai", "lawsuit". */
  isTerm(word: string): boolean {
    return this.terms.has(word);
  }

  /** A name (a person, a company, a thing), not a synonym group: a lone name is enough to go on. */
  isName(word: string): boolean {
    return this.names.has(word);
  }

  /** Every canonical term and its forms: the typo index knows the names' spellings too. */
  aliasForms(): ReadonlyArray<[canonical: string, forms: readonly string[]]> {
    return Object.entries(this.aliases);
  }

  private replaceAliases(text: string): string {
    const canonicalOf = (match: string) =>
      this.aliasToCanonical.get(match.replace(/\s+/g, ' ')) ??
      this.aliasToCanonical.get(match.replace(/\s+/g, '')) ??
      this.aliasToCanonical.get(match.replace(/[\s-]+/g, ' '));
    const replace = (match: string) => ` ${canonicalOf(match) ?? canonicalOf(match.replace(PHRASE_INFLECTION_END, '')) ?? match} `;
    // Korean (and mixed: 스페이스x, 오픈ai) first, so a Latin part of a longer mixed name is not taken alone
    const out = /[가-힣]/.test(text) ? text.replace(this.hangulAliases, replace) : text;
    return /[a-z]/.test(out) ? out.replace(this.latinAliases, replace) : out;
  }

  normalise(text: string): NormalisedText {
    const lang = detectLang(text);
    let s = cleanText(text).toLowerCase();
    // each pass only where it can change something: most texts have no apostrophe, and few a full stop
    if (APOSTROPHE.test(s)) s = s.replace(/['’`´]s\b/g, ' ').replace(/['’`´]/g, '');
    s = s.replace(FILLER, ' ');
    s = normaliseNumbers(s);
    s = this.readDescriptions(this.replaceAliases(s));
    s = s.replace(/[^a-z0-9가-힣.]+/g, ' ');
    if (s.includes('.')) s = s.replace(/(?<!\d)\.|\.(?!\d)/g, ' ');
    const words: string[] = [];
    const surfaces: string[] = [];
    let previous: string | undefined;
    for (const part of s.split(' ')) {
      if (part === '') continue;
      // only a number after a month or 되다 after a subject depends on the word before (such a word is never in the
      // cache); every other word reads the same wherever it is
      const read = this.wordCache.get(part) ?? (/^\d{1,2}$/.test(part) || BECOME.test(part) ? this.readWord(part, previous) : this.readWordOnce(part));
      for (let k = 0; k < read.length; k += 2) {
        words.push(read[k]!);
        surfaces.push(read[k + 1]!);
      }
      previous = part;
    }
    // the topic is about two people: "they", "their", "두 사람" mean them when neither is named
    const [first, second] = this.pairMembers;
    if (this.pair.test(s) && !words.includes(first) && !words.includes(second)) {
      words.unshift(first, second);
      surfaces.unshift(first, second);
    }
    return { words, surfaces, lang };
  }

  /** Korean word → its syllable pairs, made once: the same few thousand words come back in every text. */
  private readonly bigramCache = new Map<string, readonly string[]>();

  private bigramsOf(word: string): readonly string[] {
    let grams = this.bigramCache.get(word);
    if (grams === undefined) {
      grams = hangulBigrams(word);
      if (this.bigramCache.size >= WORD_CACHE) this.bigramCache.clear();
      this.bigramCache.set(word, grams);
    }
    return grams;
  }

  /** Distinct words remembered with how they read (at most WORD_CACHE). */
  get cachedWords(): number {
    return this.wordCache.size;
  }

  /** Words repeat across texts far more than texts do: each is read once (up to a cap), not once per text. */
  private readWordOnce(part: string): readonly string[] {
    let read = this.wordCache.get(part);
    if (read === undefined) {
      read = this.readWord(part, undefined);
      if (this.wordCache.size >= WORD_CACHE) this.wordCache.clear();
      this.wordCache.set(part, read);
    }
    return read;
  }

  /** One space-separated piece of a text being normalised, as [word, surface, word, surface, …]; `previous` is the piece before it. */
  private readWord(part: string, previous: string | undefined): readonly string[] {
    const out: string[] = [];
    const keep = (word: string, surface: string) => {
      out.push(word, surface);
      return out;
    };
    const keepAll = (inner: NormalisedText) => inner.words.forEach((w, k) => keep(w, inner.surfaces[k]!));
    const surface = part;
    if (this.aliasToCanonical.has(part) && !this.isTerm(part)) part = this.aliasToCanonical.get(part)!;
    if (this.isTerm(part)) return keep(part, surface);
    if (MONTHS[part] !== undefined) return keep(`m${MONTHS[part]}`, surface);
    if (/^\d{1,2}$/.test(part) && previous !== undefined && MONTHS[previous] !== undefined) return keep(`d${Number(part)}`, surface);
    if (/^[\d.]+[a-z]?$/.test(part) || /^[md]\d{1,2}$/.test(part)) return keep(part, surface);
    // "CEO가 됐어" is "became CEO" (되다 is otherwise an empty auxiliary)
    if (BECOME.test(part) && previous !== undefined && /[가이]$/.test(previous)) return keep('become', surface);
    if (HANGUL_WORD.test(part)) {
      if (STOPWORDS.has(part) || SUFFIX_SET.has(part)) return out;
      // words run together ("처음에어떻게만났어", "어디꺼야"): split at a question word, then go again
      // (most question words are stop words and vanish; 어디 asks for a place and stays)
      const embedded = part.length >= 4 ? EMBEDDED_QUESTION_WORD.exec(part) : null;
      if (embedded && (embedded.index > 0 || part.length - embedded[0].length >= 2)) {
        const after = embedded.index + embedded[0].length;
        for (const piece of [part.slice(0, embedded.index), embedded[0], part.slice(after)].filter(Boolean)) keepAll(this.normalise(piece));
        return out;
      }
      const stem = koreanStem(fixKoreanTypos(part), this.isAliasForm);
      if (stem && !STOPWORDS.has(stem) && !SUFFIX_SET.has(stem)) keep(this.aliasToCanonical.get(stem) ?? stem, surface);
      return out;
    }
    if (STOPWORDS.has(part)) return out;
    if (/[가-힣]/.test(part)) {
      // mixed script left over (e.g. "ai는"): split scripts and go again
      for (const piece of part.split(/(?<=[a-z0-9])(?=[가-힣])|(?<=[가-힣])(?=[a-z0-9])/)) keepAll(this.normalise(piece));
      return out;
    }
    const stemmed = stemmer(part);
    if (stemmed.length > 0 && !STOPWORDS.has(stemmed)) keep(stemmed, surface);
    return out;
  }

  /**
   * The terms a matcher indexes: Latin words whole, Korean words as syllable pairs, and the order of
   * the first two actors named ("openai>musk"), so "did OpenAI sue Musk" differs from "did Musk sue OpenAI".
   */
  termsOf(words: readonly string[]): string[] {
    const terms: string[] = [];
    const actors: string[] = [];
    for (const w of words) {
      if (HANGUL_WORD.test(w)) for (const gram of this.bigramsOf(w)) terms.push(gram);
      else terms.push(w);
      if (this.actors.has(w) && actors.length < 2 && !actors.includes(w)) actors.push(w);
    }
    if (actors.length === 2) terms.push(`${actors[0]}>${actors[1]}`);
    return terms;
  }
}

let builtIn: Normaliser | undefined;

/** The normaliser of the built-in topic (knowledge/topic.json), made on first use. */
export function builtInNormaliser(): Normaliser {
  return (builtIn ??= new Normaliser(builtInTopic()));
}

export function isHangulWord(word: string): boolean {
  return HANGUL_WORD.test(word);
}
