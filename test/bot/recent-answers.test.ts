import { describe, expect, it } from 'vitest';
import { RecentAnswers } from '../../src/bot/recent-answers.ts';

describe('RecentAnswers', () => {
  it('keeps at most its capacity, dropping the oldest asker first', () => {
    const recent = new RecentAnswers(60_000, 3);
    for (let i = 0; i < 10; i++) recent.remember(`asker-${i}`, `fact-${i}`, 0);
    expect(recent.size).toBe(3);
    expect(recent.recall('asker-0', 0)).toBeUndefined();
    expect(recent.recall('asker-9', 0)).toBe('fact-9');
  });

  it('forgets an answer after its time', () => {
    const recent = new RecentAnswers(1000, 10);
    recent.remember('a', 'f', 0);
    expect(recent.recall('a', 999)).toBe('f');
    expect(recent.recall('a', 1001)).toBeUndefined();
  });
});
