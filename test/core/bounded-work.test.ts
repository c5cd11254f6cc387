/**
 * One question's work is bounded by design: whatever is typed (one 500-syllable Korean word, a run of
 * one syllable, particles with no spaces, 500 random letters), typo correction and word splitting try at
 * most a fixed number of candidates. The bound is on work counted, not on the clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SPLIT_SYLLABLES, MAX_WORDS, Matcher } from '../../src/core/matcher.ts';
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
