/**
 * The decision model is fitted, not hand-tuned: the weights committed in src/core/decision-model.ts are
 * exactly what `npm run fit` produces from the fact base in knowledge/. Editing facts without refitting,
 * or editing the weights by hand, fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitDecisionModel, modelSource } from '../../bench/fit-decision.ts';
import { loadFacts } from '../../src/knowledge/load.ts';

describe('the decision model', () => {
  it('is the one the fitter produces from the committed facts', () => {
    const { model } = fitDecisionModel(loadFacts());
    expect(readFileSync('src/core/decision-model.ts', 'utf8')).toBe(modelSource(model));
  }, 120_000);
});
