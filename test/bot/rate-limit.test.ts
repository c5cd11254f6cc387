import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/bot/rate-limit.ts';

describe('RateLimiter', () => {
  it('allows `limit` takes per window, then says how long to wait', () => {
    const limiter = new RateLimiter(2, 60_000);
    limiter.take('c', 0);
    expect(limiter.check('c', 1)).toBe(0);
    limiter.take('c', 1);
    expect(limiter.check('c', 10_000)).toBe(50_000);
    expect(limiter.check('other', 10_000)).toBe(0);
    expect(limiter.check('c', 60_000)).toBe(0);
  });

  it('does not grow without bound', () => {
    const limiter = new RateLimiter(1, 1000, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`k${i}`, 0);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});
