import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeckState, drawNext, shuffle } from '../../src/core/deck.ts';
import { seededRandom as seeded } from '../../src/core/seeded-random.ts';

function drawMany(n: number, ids: readonly string[], random: () => number, start?: DeckState): { draws: string[]; deck: DeckState | undefined } {
  let deck = start;
  const draws: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = drawNext(deck, ids, random);
    draws.push(next.factId);
    deck = next.deck;
  }
  return { draws, deck };
}

const IDS = ['founding', 'nonprofit', 'lawsuit', 'bid', 'tesla-merger', 'capped-profit', 'board'];

describe('drawNext', () => {
  it('over three full decks: every window of N draws is a permutation and no day repeats the day before', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { draws } = drawMany(IDS.length * 3, IDS, seeded(seed));
      for (let d = 0; d < 3; d++) {
        expect([...draws.slice(d * IDS.length, (d + 1) * IDS.length)].sort()).toEqual([...IDS].sort());
      }
      for (let i = 1; i < draws.length; i++) expect(draws[i], `seed ${seed}, draw ${i}`).not.toBe(draws[i - 1]);
    }
  });

  it('never repeats at a reshuffle even when the shuffle puts the last fact first', () => {
    // random() ≈ 1 makes Fisher–Yates keep the given order, so the new deck would start with 'b', posted yesterday
    const keepOrder = () => 0.999999;
    const endOfDeck: DeckState = { order: ['a', 'b', 'c'], position: 3, last: 'c' };
    const next = drawNext(endOfDeck, ['c', 'a', 'b'], keepOrder);
    expect(next.factId).not.toBe('c');
    expect([...next.deck.order].sort()).toEqual(['a', 'b', 'c']);
    expect(next.deck).toMatchObject({ position: 1, last: next.factId });
  });

  it('property: any fact list, any randomness — no repeats within a deck, none back to back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 12 }), fc.integer(), (ids, seed) => {
        const { draws } = drawMany(ids.length * 3, ids, seeded(seed));
        for (let d = 0; d < 3; d++) expect(new Set(draws.slice(d * ids.length, (d + 1) * ids.length)).size).toBe(ids.length);
        for (let i = 1; i < draws.length; i++) expect(draws[i]).not.toBe(draws[i - 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('skips a fact removed from the base and adds a new fact at the next reshuffle, not before', () => {
    const random = seeded(7);
    const first = drawMany(2, IDS, random);
    const remaining = first.deck!.order.slice(2);
    const removed = remaining[0]!;
    const base = [...IDS.filter((id) => id !== removed), 'new-fact'];

    const rest = drawMany(remaining.length - 1, base, random, first.deck);
    expect(rest.draws).toEqual(remaining.slice(1));
    expect(rest.draws).not.toContain('new-fact');

    const nextDeck = drawMany(base.length, base, random, rest.deck);
    expect([...nextDeck.draws].sort()).toEqual([...base].sort());
    expect(nextDeck.draws).not.toContain(removed);
  });

  it('keeps posting with a single fact and refuses an empty base with a clear error', () => {
    expect(drawMany(3, ['only'], seeded(1)).draws).toEqual(['only', 'only', 'only']);
    expect(() => drawNext(undefined, [], Math.random)).toThrow('the fact base is empty');
  });

  it('treats duplicate ids as one fact', () => {
    const { draws } = drawMany(3, ['a', 'a', 'b', 'c'], seeded(3));
    expect([...draws].sort()).toEqual(['a', 'b', 'c']);
  });

  it('is deterministic for a given random source (the scheduler passes one in)', () => {
    expect(drawMany(20, IDS, seeded(42)).draws).toEqual(drawMany(20, IDS, seeded(42)).draws);
    expect(drawMany(20, IDS, seeded(42)).draws).not.toEqual(drawMany(20, IDS, seeded(43)).draws);
  });
});

describe('shuffle', () => {
  it('spreads each item over every position (no fixed first fact)', () => {
    const random = seeded(11);
    const firsts = new Map<string, number>();
    for (let i = 0; i < 7000; i++) {
      const first = shuffle(IDS, random)[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // 1000 expected each; a biased shuffle is far outside ±25 %
    for (const id of IDS) expect(firsts.get(id)).toBeGreaterThan(750);
    for (const id of IDS) expect(firsts.get(id)).toBeLessThan(1250);
  });
});
