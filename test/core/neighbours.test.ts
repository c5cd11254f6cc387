/**
 * The neighbour vote the decision reads: of the questions nearest a message (the leading facts' own variants and the
 * curated near misses), which fact's they are. A message many of one fact's variants come near belongs to that fact.
 */
import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

const facts = loadFacts();
const matcher = new Matcher(facts);

describe('the neighbour vote', () => {
  it('gives a fact its own questions: the asked fact holds the largest share, and the shares add up to at most one', () => {
    for (const fact of facts.slice(0, 10)) {
      const question = fact.questions.en[0]!;
      const { candidates } = matcher.match(question);
      const own = candidates.find((c) => c.fact.id === fact.id)!;
      expect(own, question).toBeDefined();
      expect(Math.max(...candidates.map((c) => c.neighbourShare)), question).toBe(own.neighbourShare);
      const total = candidates.reduce((s, c) => s + c.neighbourShare, 0) + (candidates[0]?.nearMissNeighbourShare ?? 0);
      expect(total).toBeLessThanOrEqual(1 + 1e-9);
      expect(own.similarityTop3).toBeGreaterThan(0);
      expect(own.similarityTop3).toBeLessThanOrEqual(own.similarity);
    }
  });

  it('counts a curated near miss among the neighbours of a question that is one', () => {
    const withNearMisses = facts.filter((f) => (f.nearMisses?.en.length ?? 0) > 0).slice(0, 10);
    expect(withNearMisses.length).toBeGreaterThan(0);
    for (const fact of withNearMisses) {
      const nearMiss = fact.nearMisses!.en[0]!;
      const [best] = matcher.match(nearMiss).candidates;
      if (best) expect(best.nearMissNeighbourShare, nearMiss).toBeGreaterThan(0);
    }
  });
});
