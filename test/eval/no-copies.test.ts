/**
 * No question of an evaluation set the bot may be tuned on is in the fact base word for word, as a
 * question variant or a near miss: a copied question makes that set measure memory, not understanding.
 * (The sets that are never tuned on are not read here: they are looked at only through `npm run eval`.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVAL_SETS } from '../../bench/eval.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

/** Case, spacing and punctuation do not make a question another one. */
const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s?!.,'"~]+/g, ' ')
    .trim();

describe('the fact base and the tuning sets', () => {
  const inFacts = new Map<string, string>();
  for (const fact of loadFacts()) {
    for (const [field, byLang] of [
      ['question', fact.questions],
      ['near miss', fact.nearMisses],
    ] as const) {
      for (const text of Object.values(byLang ?? {}).flat()) inFacts.set(plain(text), `${fact.id} (${field})`);
    }
  }

  it.each(EVAL_SETS.filter((set) => !set.sealed).map((set) => [set.path]))('%s shares no question with knowledge/', (path) => {
    const questions = (JSON.parse(readFileSync(path, 'utf8')) as { q: string }[]).map((e) => e.q);
    const copied = questions.filter((q) => inFacts.has(plain(q))).map((q) => `${q} → ${inFacts.get(plain(q))}`);
    expect(copied).toEqual([]);
  });
});
