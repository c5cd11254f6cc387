import { describe, expect, it } from 'vitest';
import { builtInNormaliser } from '../../src/core/normalise.ts';

const normalise = (text: string) => builtInNormaliser().normalise(text);

describe('names run together with other words', () => {
  it('finds a Korean name right after Latin letters with no space', () => {
    expect(normalise('머스크오픈AI인수제안금액').words).toEqual(['musk', 'openai', 'takeover', '금액']);
    expect(normalise('오픈AI에스엔에스').words).toEqual(['openai', 'sns']);
  });

  it('still does not take a Latin name out of a longer Latin word', () => {
    expect(normalise('muskrat').words).not.toContain('musk');
    expect(normalise('스페이스X 공장').words).toEqual(['spacex', '공장']);
  });
});
