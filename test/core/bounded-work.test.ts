/**
 * One question's work is bounded by design: whatever is typed (one 500-syllable Korean word, a run of
 * one syllable, particles with no spaces, 500 random letters), typo correction and word splitting try at
 * most a fixed number of candidates; so does an autocomplete keystroke's fuzzy pass. The bound is on work
 * counted, not on the clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ODD_INPUT_PIECES } from '../../bench/odd-inputs.ts';
import { syntheticFacts } from '../../bench/synthetic-facts.ts';
import { Autocomplete, fuzzyPool, MAX_CHOICE, MAX_FUZZY_PATTERN, MAX_FUZZY_QUESTIONS, MAX_TYPED } from '../../src/core/autocomplete.ts';
import { MAX_SPLIT_SYLLABLES, MAX_WORDS, Matcher } from '../../src/core/matcher.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { MAX_COMPARISONS, MAX_DELETIONS, SpellingIndex } from '../../src/core/spelling.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

const matcher = new Matcher(loadFacts());

/** Each of a question's words may be looked up once as English and once as Korean. */
const MAX_LOOKUPS = 2 * MAX_WORDS;
const bound = {
  lookups: MAX_LOOKUPS,
  deletions: MAX_LOOKUPS * MAX_DELETIONS,
  comparisons: MAX_LOOKUPS * MAX_COMPARISONS,
  cutsTried: MAX_WORDS * MAX_SPLIT_SYLLABLES,
};

function workOf(question: string) {
  const before = matcher.work();
  const result = matcher.match(question);
  const after = matcher.work();
  return {
    result,
    lookups: after.lookups - before.lookups,
    deletions: after.deletions - before.deletions,
    comparisons: after.comparisons - before.comparisons,
    cutsTried: after.cutsTried - before.cutsTried,
  };
}

const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
const PARTICLES = ['가', '이', '는', '을', '를', '에서', '한테', '했어요', '했다며', '인가요', '누가', '언제', '왜'];
const NAMES = ['머스크', '올트먼', '오픈AI', '스타게이트', '소송', '그록', '콜로서스'];
const latinLetter = fc.integer({ min: 97, max: 122 }).map((c) => String.fromCharCode(c));

const longShapes = fc.oneof(
  // one long Korean word, syllables spread over the whole Hangul block
  fc.string({ unit: syllable, minLength: 40, maxLength: 500 }),
  // a long run of one syllable
  fc.tuple(syllable, fc.integer({ min: 40, max: 500 })).map(([s, n]) => s.repeat(n)),
  // names and particles typed with no spaces
  fc.array(fc.constantFrom(...NAMES, ...PARTICLES), { minLength: 20, maxLength: 120 }).map((parts) => parts.join('').slice(0, 500)),
  // one long Latin word
  fc.string({ unit: latinLetter, minLength: 40, maxLength: 500 }),
  // 500-character mixes of all of these, with and without spaces
  fc
    .array(
      fc.oneof(
        fc.string({ unit: syllable, minLength: 1, maxLength: 60 }),
        fc.string({ unit: latinLetter, minLength: 1, maxLength: 60 }),
        fc.constantFrom(...NAMES, ...PARTICLES, ' ', '?'),
      ),
      { minLength: 5, maxLength: 60 },
    )
    .map((parts) => parts.join('').slice(0, 500)),
);

describe('work per question is bounded', () => {
  it('long words, runs, joined particles and 500-character mixes stay within the per-question caps', () => {
    fc.assert(
      fc.property(longShapes, (question) => {
        const w = workOf(question);
        expect(w.lookups).toBeLessThanOrEqual(bound.lookups);
        expect(w.deletions).toBeLessThanOrEqual(bound.deletions);
        expect(w.comparisons).toBeLessThanOrEqual(bound.comparisons);
        expect(w.cutsTried).toBeLessThanOrEqual(bound.cutsTried);
        expect(w.result.words.length).toBeLessThanOrEqual(2 * MAX_WORDS);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('a word longer than every word the facts know is not looked up as a typo at all', () => {
    let word = '';
    for (let i = 0; i < 500; i++) word += String.fromCharCode(0xac00 + ((i * 7919) % 11172));
    const w = workOf(word);
    // looked up, but generates no deletions: it is too long to be a typo of any known word
    expect(w.deletions).toBe(0);
    expect(w.cutsTried).toBe(0);
  });

  it('the spelling index caps one lookup whatever the length of the word', () => {
    const index = new SpellingIndex([['x'.repeat(600), 'long']]);
    index.lookup('y'.repeat(600));
    expect(index.work.deletions).toBeLessThanOrEqual(MAX_DELETIONS);
    expect(index.work.comparisons).toBeLessThanOrEqual(MAX_COMPARISONS);
  });

  it('still mends ordinary typos (the caps leave real words alone)', () => {
    expect(matcher.match('stargte announcment').candidates[0]?.fact.id).toMatch(/^stargate/);
    expect(matcher.match('콜로서수 확장').candidates[0]?.fact.id).toBe('colossus-expansion');
  });
});

describe('work per autocomplete keystroke is bounded', () => {
  const facts = loadFacts();
  const autocomplete = new Autocomplete(facts, new Matcher(facts));
  /** The fuzzy pass's work: at most MAX_FUZZY_PATTERN characters over at most MAX_FUZZY_QUESTIONS questions. */
  const MAX_FUZZY_WORK = MAX_FUZZY_PATTERN * MAX_FUZZY_QUESTIONS;

  const PIECES = ODD_INPUT_PIECES;
  const oddTyping = fc.oneof(
    longShapes,
    fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 2500 }).map((parts) => parts.join('')),
  );

  function keystroke(typed: string, lang: 'en' | 'ko') {
    const before = autocomplete.work();
    const suggestions = autocomplete.suggest(typed, lang, 25);
    const after = autocomplete.work();
    return {
      suggestions,
      typedChars: after.typedChars - before.typedChars,
      fuzzy: after.fuzzyPatternQuestions - before.fuzzyPatternQuestions,
      matches: after.matches - before.matches,
    };
  }

  it('up to 10,000 characters of long words, mentions, markup and control characters stay within the caps', () => {
    fc.assert(
      fc.property(oddTyping, fc.constantFrom('en' as const, 'ko' as const), (typed, lang) => {
        const w = keystroke(typed, lang);
        expect(w.typedChars).toBeLessThanOrEqual(MAX_TYPED);
        expect(w.fuzzy).toBeLessThanOrEqual(MAX_FUZZY_WORK);
        expect(w.matches).toBeLessThanOrEqual(1);
        expect(w.suggestions.length).toBeLessThanOrEqual(25);
      }),
      { numRuns: 120, seed: 5 },
    );
    expect(keystroke('a'.repeat(10_000), 'en').typedChars).toBe(MAX_TYPED);
  });

  it('searches at most MAX_FUZZY_QUESTIONS questions fuzzily, however large the base', () => {
    const big = [...facts, ...syntheticFacts(1000 - facts.length, seededRandom(3))];
    const large = new Autocomplete(big, new Matcher(big));
    large.suggest('qzxv kalo mine', 'en', 25);
    expect(large.work().fuzzyPatternQuestions).toBeLessThanOrEqual(MAX_FUZZY_PATTERN * MAX_FUZZY_QUESTIONS);
    expect(large.work().fuzzyPatternQuestions).toBeGreaterThan(0);
  });

  it('skips the fuzzy pass and the matcher when the plain passes already filled the list', () => {
    const w = keystroke('openai', 'en');
    expect(w.suggestions).toHaveLength(25);
    expect(w.fuzzy).toBe(0);
    expect(w.matches).toBe(0);
  });

  it('offers only questions that fit a Discord choice, never a long chat-message variant cut short', () => {
    const long = facts.flatMap((f) => f.questions.en).find((q) => q.length > MAX_CHOICE);
    expect(long, 'the fact base has a variant longer than a choice').toBeDefined();
    const offered = autocomplete.suggest(long!.slice(0, 40), 'en', 25);
    expect(offered.length).toBeGreaterThan(0);
    for (const s of offered) expect(s.question.length).toBeLessThanOrEqual(MAX_CHOICE);
    expect(offered.map((s) => s.question)).not.toContain(long!.slice(0, MAX_CHOICE));
  });

  it("searches fuzzily an equal share of every fact's questions, however large the base", () => {
    const big = [...facts, ...syntheticFacts(1000 - facts.length, seededRandom(3))].flatMap((f) =>
      f.questions.en.map((question) => ({ factId: f.id, question })),
    );
    expect(big.length).toBeGreaterThan(MAX_FUZZY_QUESTIONS);
    const pool = fuzzyPool(big);
    expect(pool.length).toBeLessThanOrEqual(MAX_FUZZY_QUESTIONS);
    expect(new Set(pool.map((e) => e.factId)).size).toBe(new Set(big.map((e) => e.factId)).size);
  });

  it('still offers ordinary partial questions and typos', () => {
    expect(autocomplete.suggest('stargte', 'en', 5).some((s) => s.factId.startsWith('stargate'))).toBe(true);
    expect(autocomplete.suggest('who founded', 'en', 5).length).toBeGreaterThan(0);
    expect(autocomplete.suggest('스타게', 'ko', 5).some((s) => s.factId.startsWith('stargate'))).toBe(true);
    expect(autocomplete.suggest('ㅅㅌㄱ', 'ko', 5).length).toBeGreaterThan(0);
  });
});
