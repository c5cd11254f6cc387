/**
 * The hand check of plainly valid facts (src/knowledge/plain-fact.ts) takes nothing zod refuses, and
 * gives back exactly what zod's parse gives: on every built-in fact, on synthetic ones, and on
 * thousands of facts with one field broken or bent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticFacts } from '../../bench/synthetic-facts.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { checkFact, parseFactFile } from '../../src/knowledge/load.ts';
import { plainFact } from '../../src/knowledge/plain-fact.ts';
import { factSchemaFor } from '../../src/knowledge/schema.ts';
import { builtInTopic, TOPIC_FILE } from '../../src/knowledge/topic.ts';

const schema = factSchemaFor(builtInTopic());
const rawBuiltIn = readdirSync('knowledge')
  .filter((f) => f.endsWith('.json') && f !== TOPIC_FILE)
  .flatMap((f) => (JSON.parse(readFileSync(`knowledge/${f}`, 'utf8')) as { facts: Record<string, unknown>[] }).facts);

/** The same keys in the same order, the same values. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('plainly valid facts are checked by hand', () => {
  it('every built-in fact and 2,000 synthetic ones are plain, and come back as zod gives them', () => {
    const raw = [...rawBuiltIn, ...syntheticFacts(2000, seededRandom(3))];
    expect(rawBuiltIn.length).toBeGreaterThan(20);
    for (const fact of raw) {
      const plain = plainFact(fact, builtInTopic());
      expect(plain, String(fact.id)).toBeDefined();
      expect(same(plain, schema.parse(fact)), String(fact.id)).toBe(true);
    }
  });

  it('takes nothing zod refuses, and when it takes a fact zod gives back the same', () => {
    const base = rawBuiltIn.find((f) => f.date !== undefined && f.holds !== undefined && f.nearMisses !== undefined && f.related !== undefined)!;
    const odd = fc.constantFrom<unknown>(
      undefined,
      null,
      '',
      ' ',
      ' padded ',
      'x',
      'X'.repeat(61),
      'x'.repeat(101),
      'x'.repeat(601),
      'Bad-Id',
      'a--b',
      '2024-02-30',
      '2024-13',
      '2015..2017-06',
      '2015..2016..2017',
      'person',
      'nonsense',
      'article',
      'musk',
      0,
      true,
      [],
      ['x'],
      ['x', 'y', 'z', 'w'],
      ['x', 'y', 'z', 'w', 'v'],
      ['person', 'nonsense'],
      [' x'],
      {},
      { en: 'x', ko: 'y' },
      { en: ['a', 'b', 'c', 'd'], ko: ['a', 'b', 'c', 'd'] },
      { en: [], ko: [] },
      { en: 'x', ko: 'y', extra: 1 },
    );
    const keys = [...Object.keys(base), 'extra', 'approximate'];
    const innerKeys = ['en', 'ko', 'extra'];
    const bent = fc
      .tuple(fc.constantFrom(...keys), fc.option(fc.constantFrom(...innerKeys), { nil: undefined }), fc.option(fc.nat(5), { nil: undefined }), odd)
      .map(([key, inner, index, value]) => {
        const fact = structuredClone(base) as Record<string, unknown>;
        const field = fact[key];
        if (inner !== undefined && typeof field === 'object' && field !== null && !Array.isArray(field)) {
          const part = (field as Record<string, unknown>)[inner];
          if (index !== undefined && Array.isArray(part)) part[index] = value;
          else (field as Record<string, unknown>)[inner] = value;
        } else if (index !== undefined && Array.isArray(field)) field[index] = value;
        else fact[key] = value;
        return fact;
      });
    fc.assert(
      fc.property(bent, (fact) => {
        const plain = plainFact(fact, builtInTopic());
        const parsed = schema.safeParse(fact);
        return plain === undefined || (parsed.success && same(plain, parsed.data));
      }),
      { numRuns: 5000 },
    );
  });

  it('a broken fact still gets zod’s message, with its file, id and field', () => {
    const broken: Record<string, unknown> = { ...rawBuiltIn[0]!, summary: { en: ' ', ko: '요약' } };
    expect(checkFact(broken, builtInTopic())).toEqual({ field: 'summary.en', message: schema.safeParse(broken).error!.issues[0]!.message });
    expect(() => parseFactFile('f.json', JSON.stringify({ facts: [broken] }))).toThrow(`f.json: fact "${String(broken.id)}": field summary.en: `);
  });
});
