/**
 * Start-up cost grows gently with the fact base: what only some questions need is built when one does,
 * and the index holds a counted number of items per word of the facts' text. Counted, not timed
 * (`npm run bench` prints the clock and the memory).
 */
import { disassemble } from 'es-hangul';
import { describe, expect, it } from 'vitest';
import { syntheticFacts } from '../../bench/synthetic-facts.ts';
import { Autocomplete } from '../../src/core/autocomplete.ts';
import { Matcher } from '../../src/core/matcher.ts';
import { builtInNormaliser, WORD_CACHE } from '../../src/core/normalise.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { editDistance, SpellingIndex } from '../../src/core/spelling.ts';
import { MAX_FACTS, PackedTermSets, Postings, SharedWeights, VariantSetsBuilder } from '../../src/core/term-index.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import type { Fact } from '../../src/knowledge/schema.ts';

/** The sets a round touched, in the order first touched, with their weights. */
function touchedOf(shared: SharedWeights): [number, number][] {
  return [...shared.touched().subarray(0, shared.touchedCount)].map((set) => [set, shared.weightOf(set)]);
}

/** Words in the texts a fact is indexed by: its questions, keywords, summaries and answers. */
function wordsOf(facts: readonly Fact[]): number {
  const texts = facts.flatMap((f) => [
    ...f.questions.en,
    ...f.questions.ko,
    ...f.keywords.en,
    ...f.keywords.ko,
    f.summary.en,
    f.summary.ko,
    f.answer.en,
    f.answer.ko,
  ]);
  return texts.reduce((sum, t) => sum + t.split(/\s+/).length, 0);
}

describe('what only some questions need is built on first need', () => {
  it('the quote lookup and the spelling indexes wait for a question that needs them', () => {
    const matcher = new Matcher(loadFacts());
    expect(matcher.lazyIndexes()).toEqual({ quotes: false, latinSpelling: false, hangulSpelling: false });
    matcher.match('who founded OpenAI');
    expect(matcher.lazyIndexes()).toEqual({ quotes: false, latinSpelling: false, hangulSpelling: false });
    // few topic words in a line of four or more: it may be a quote
    expect(matcher.match('how did I not know').quoted).toBe(true);
    expect(matcher.lazyIndexes().quotes).toBe(true);
    // a typo that none of the facts' own variants contains (else it is a known word, and nothing is mended)
    expect(JSON.stringify(loadFacts()), 'pick another typo: the fact base now contains this one').not.toContain('stargatr');
    expect(matcher.match('stargatr').candidates[0]?.fact.id).toMatch(/^stargate/);
    expect(matcher.lazyIndexes().latinSpelling).toBe(true);
    expect(matcher.lazyIndexes().hangulSpelling).toBe(false);
    expect(matcher.match('콜로서수 확장').candidates[0]?.fact.id).toBe('colossus-expansion');
    expect(matcher.lazyIndexes().hangulSpelling).toBe(true);
  });

  it('the autocomplete list is built on the first keystroke, not at start-up', () => {
    const facts = loadFacts();
    const autocomplete = new Autocomplete(facts, new Matcher(facts));
    expect(autocomplete.isBuilt).toBe(false);
    expect(autocomplete.suggest('star', 'en', 5).length).toBeGreaterThan(0);
    expect(autocomplete.isBuilt).toBe(true);
  });
});

describe('the index grows with the text, not with objects per variant', () => {
  it('holds at most a few postings and variant memberships per word of the facts, at 26 and at 1,000 facts', () => {
    const builtIn = loadFacts();
    for (const facts of [builtIn, [...builtIn, ...syntheticFacts(1000 - builtIn.length, seededRandom(42))]]) {
      const { postings, variantMemberships } = new Matcher(facts).indexSize();
      const words = wordsOf(facts);
      // a Korean word is indexed as its syllable pairs, so a little over one item per word
      expect(postings).toBeLessThanOrEqual(2 * words);
      expect(variantMemberships).toBeLessThanOrEqual(2 * words);
    }
  });

  it('remembers at most WORD_CACHE words however many distinct words are read', () => {
    const normaliser = builtInNormaliser();
    for (let i = 0; i < WORD_CACHE + 100; i++) normaliser.normalise(`word${i}x`);
    expect(normaliser.cachedWords).toBeLessThanOrEqual(WORD_CACHE);
  });

  it('reads a word that depends on the one before it in place, not from the cache', () => {
    const normaliser = builtInNormaliser();
    expect(normaliser.normalise('5').words).toEqual(['5']);
    expect(normaliser.normalise('march 5').words).toEqual(['m3', 'd5']);
    expect(normaliser.normalise('됐어').words).toEqual([]);
    expect(normaliser.normalise('CEO가 됐어').words).toContain('become');
  });
});

/** The facts' distinct words as the spelling indexes take them: Latin ones of four letters or more, Korean ones in jamo. */
function wordsList(facts: readonly Fact[]): { latin: string[]; jamo: string[] } {
  const words = new Set(
    facts.flatMap((f) => [...f.questions.en, ...f.questions.ko, f.answer.en, f.answer.ko]).flatMap((t) => t.toLowerCase().split(/[^a-z가-힣]+/)),
  );
  return {
    latin: [...words].filter((w) => /^[a-z]{4,}$/.test(w)),
    jamo: [...words].filter((w) => /^[가-힣]{2,}$/.test(w)).map((w) => disassemble(w)),
  };
}

/** The spelling index as a Map from each deletion string to its entries: what SpellingIndex must find, by its own rule. */
function mapSpelling(entries: [string, string][]): (word: string) => string | undefined {
  const first = new Map<string, string>();
  for (const [k, v] of entries) if (!first.has(k)) first.set(k, v);
  const keys = [...first.keys()];
  const edits = (w: string) => (w.length >= 8 ? 2 : 1);
  const deletionsOf = (w: string, n: number) => {
    const out = new Set([w]);
    let frontier = [w];
    for (let e = 0; e < n; e++) {
      const next: string[] = [];
      for (const f of frontier)
        for (let i = 0; i < f.length; i++) {
          const d = f.slice(0, i) + f.slice(i + 1);
          if (out.has(d)) continue;
          out.add(d);
          next.push(d);
        }
      frontier = next;
    }
    return out;
  };
  const byDeletion = new Map<string, number[]>();
  keys.forEach((key, entry) => {
    for (const d of deletionsOf(key, edits(key))) byDeletion.set(d, [...(byDeletion.get(d) ?? []), entry]);
  });
  return (word) => {
    const allowed = edits(word);
    let best: { distance: number; value: string } | undefined;
    const seen = new Set<string>();
    for (const d of deletionsOf(word, allowed))
      for (const entry of byDeletion.get(d) ?? []) {
        const key = keys[entry]!;
        if (seen.has(key)) continue;
        if (seen.size >= 200) return best?.value;
        seen.add(key);
        const distance = editDistance(word, key);
        if (distance <= allowed && (!best || distance < best.distance)) best = { distance, value: first.get(key)! };
      }
    return best?.value;
  };
}

describe('the spelling index, one number per deletion where it can', () => {
  it('mends every typo as a Map of the deletions themselves would, over a real vocabulary in Latin letters and in jamo', () => {
    const random = seededRandom(3);
    const words = wordsList(loadFacts());
    for (const vocabulary of [words.latin, words.jamo]) {
      const entries = vocabulary.map((w): [string, string] => [w, w]);
      const index = new SpellingIndex(entries);
      const reference = mapSpelling(entries);
      let mended = 0;
      for (let i = 0; i < 600; i++) {
        const word = vocabulary[Math.floor(random() * vocabulary.length)]!;
        const at = Math.floor(random() * word.length);
        const typo = [word.slice(0, at) + word.slice(at + 1), word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2), `${word}x`][i % 3]!;
        const got = index.lookup(typo);
        expect(got, typo).toBe(reference(typo));
        if (got !== undefined) mended++;
      }
      expect(mended).toBeGreaterThan(300);
    }
  });

  it('keeps its deletions as numbers in typed arrays: a few bytes each, not a string and a Map entry', () => {
    const words = wordsList([...loadFacts(), ...syntheticFacts(1000, seededRandom(42))]);
    const index = new SpellingIndex(words.jamo.map((w): [string, string] => [w, w]));
    const { deletions, bytes } = index.size();
    expect(deletions).toBeGreaterThan(10 * words.jamo.length);
    // a hash, an entry and a start per deletion at most
    expect(bytes).toBeLessThanOrEqual(12 * deletions);
  });

  it('still finds each of several words that share deletions, and gives ties to the first entry', () => {
    const index = new SpellingIndex([
      ['stargate', 'stargate'],
      ['stargaze', 'stargaze'],
      ['stargats', 'first'],
      ['stargats', 'second'],
    ]);
    expect(index.lookup('stargte')).toBe('stargate');
    expect(index.lookup('stargze')).toBe('stargaze');
    expect(index.lookup('stargatz')).toBe('stargate');
    expect(index.lookup('stargts')).toBe('first');
    expect(index.lookup('zzzz')).toBeUndefined();
  });
});

describe('packed postings', () => {
  it('give back each fact and weight in fact order, and the idf of each term', () => {
    const builder = Postings.builder();
    expect(builder.addFact(0, ['musk', 'suit'], [1, 0.45])).toEqual([0, 1]);
    expect(builder.addFact(2, ['musk'], [0.9])).toEqual([0]);
    const postings = builder.build(4);
    const seen: [number, number][] = [];
    postings.forEach('musk', (fact, weight) => seen.push([fact, weight]));
    expect(seen).toEqual([
      [0, 1],
      [2, 0.9],
    ]);
    expect(postings.idf('musk')).toBe(Math.log(1 + 4 / 2));
    expect(postings.idf('altman')).toBeUndefined();
    expect(postings.has('suit', 0)).toBe(true);
    expect(postings.has('suit', 2)).toBe(false);
    expect(postings.size).toBe(3);
  });

  it('number terms given by their place in one list as they number the same terms given as text', () => {
    const terms = ['suit', 'musk', 'altman'];
    const byText = Postings.builder();
    const byPlace = Postings.builder();
    const facts: [number[], number[]][] = [
      [
        [1, 0],
        [1, 0.45],
      ],
      [
        [2, 1],
        [0.9, 1],
      ],
      [[0], [0.45]],
    ];
    facts.forEach(([places, weights], fact) => {
      const text = places.map((p) => terms[p]!);
      expect(byPlace.addNumbered(fact, places, weights, terms)).toEqual(byText.addFact(fact, text, weights));
    });
    const [a, b] = [byText.build(3), byPlace.build(3)];
    for (const term of terms) {
      expect(b.id(term)).toBe(a.id(term));
      const seen = (p: Postings) => {
        const out: [number, number][] = [];
        p.forEach(term, (fact, weight) => out.push([fact, weight]));
        return out;
      };
      expect(seen(b)).toEqual(seen(a));
    }
    expect(() => Postings.builder().addNumbered(0, [3], [1], terms)).toThrow(RangeError);
  });

  it('refuse facts out of order or past what a posting can hold, with a clear message', () => {
    const builder = Postings.builder();
    builder.addFact(1, ['a'], [1]);
    expect(() => builder.addFact(1, ['a'], [1])).toThrow(/in order/);
    expect(() => builder.addFact(MAX_FACTS, ['a'], [1])).toThrow(RangeError);
  });

  it('packed term sets find the sets with a term and keep each set’s weight', () => {
    const sets = PackedTermSets.of([[3, 1], [1], []], (id) => id * 10);
    expect([...sets.weights]).toEqual([40, 10, 0]);
    const shared = new SharedWeights().reset(3);
    sets.addTo(shared, 1, 0.5);
    sets.addTo(shared, 3, 2);
    sets.addTo(shared, 2, 7);
    expect(touchedOf(shared)).toEqual([
      [0, 2.5],
      [1, 0.5],
    ]);
    expect(sets.memberships).toBe(3);
  });

  it('shared weights start each round at zero and list only the sets touched, growing when asked for more sets', () => {
    const shared = new SharedWeights().reset(2);
    shared.add(1, 1);
    shared.add(1, 2);
    expect(touchedOf(shared)).toEqual([[1, 3]]);
    shared.reset(2);
    expect(touchedOf(shared)).toEqual([]);
    shared.add(0, 4);
    expect(touchedOf(shared)).toEqual([[0, 4]]);
    shared.reset(1000);
    shared.add(999, 1);
    shared.add(1, 1);
    expect(touchedOf(shared)).toEqual([
      [999, 1],
      [1, 1],
    ]);
  });

  it('variant sets of many facts in one flat array give back each fact’s sets, as term ids', () => {
    const builder = new VariantSetsBuilder();
    // positions into each fact's own term ids
    builder.addFact([[0, 1], [1], []], [7, 3]);
    builder.addFact([], []);
    for (let fact = 2; fact < 600; fact++) builder.addFact([[2, 0]], [fact, fact + 1, fact + 2]);
    const sets = builder.build();
    expect(sets.of(0)).toEqual([[7, 3], [3], []]);
    expect(sets.of(1)).toEqual([]);
    expect(sets.of(599)).toEqual([[601, 599]]);
    expect(sets.memberships).toBe(3 + 2 * 598);
    // packed straight from the flat array, the same as packing the unpacked sets
    const weightOf = (id: number) => 1 + id / 7;
    for (const fact of [0, 1, 2, 599]) {
      const direct = sets.pack(fact, weightOf);
      const viaSets = PackedTermSets.of(sets.of(fact), weightOf);
      expect([...direct.weights]).toEqual([...viaSets.weights]);
      expect(direct.memberships).toBe(viaSets.memberships);
      for (const id of [1, 3, 7, fact, fact + 1, fact + 2]) {
        const one = new SharedWeights().reset(4);
        const other = new SharedWeights().reset(4);
        direct.addTo(one, id, 1);
        viaSets.addTo(other, id, 1);
        expect(touchedOf(one)).toEqual(touchedOf(other));
      }
    }
    expect(() => new VariantSetsBuilder().addFact([[2]], [1])).toThrow(/term 2 of a fact with 1/);
  });
});

describe('variant sets are packed only for the facts a question shortlists', () => {
  it('packs none at start-up and a few per question, at 1,000 facts', () => {
    const builtIn = loadFacts();
    const matcher = new Matcher([...builtIn, ...syntheticFacts(1000 - builtIn.length, seededRandom(42))]);
    expect(matcher.packedVariantFacts()).toBe(0);
    matcher.match('who founded OpenAI');
    const afterOne = matcher.packedVariantFacts();
    expect(afterOne).toBeGreaterThan(0);
    expect(afterOne).toBeLessThanOrEqual(20);
  });
});
