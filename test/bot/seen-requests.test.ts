import { describe, expect, it } from 'vitest';
import { MemorySeenRequests } from '../../src/bot/seen-requests.ts';

describe('MemorySeenRequests (replayed signatures, re-delivered events)', () => {
  it('lets a key through once until it expires, and again after', () => {
    let now = 0;
    const seen = new MemorySeenRequests({ clock: { now: () => now } });
    expect(seen.firstSeen('Ev1', 1000)).toBe(true);
    expect(seen.firstSeen('Ev1', 1000)).toBe(false);
    now = 999;
    expect(seen.firstSeen('Ev1', 2000)).toBe(false);
    now = 1000;
    expect(seen.firstSeen('Ev1', 2000)).toBe(true);
  });

  it('keeps at most maxKeys, forgetting the oldest, and drops expired keys as it goes', () => {
    let now = 0;
    const seen = new MemorySeenRequests({ maxKeys: 3, clock: { now: () => now } });
    for (const key of ['a', 'b', 'c', 'd']) expect(seen.firstSeen(key, 10_000)).toBe(true);
    expect(seen.size).toBe(3);
    expect(seen.firstSeen('d', 10_000)).toBe(false);
    expect(seen.firstSeen('a', 10_000)).toBe(true);
    now = 20_000;
    expect(seen.firstSeen('e', 30_000)).toBe(true);
    expect(seen.size).toBe(1);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const seen = new MemorySeenRequests({ maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) seen.firstSeen(`k${i}`, Date.now() + 60_000);
    expect(seen.size).toBe(100);
  });
});
