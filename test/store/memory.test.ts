import { describe, expect, it } from 'vitest';
import { createMemoryStore, MemoryEventDedupe } from '../../src/store/memory.ts';
import { storeContract } from './contract.ts';

storeContract({
  name: 'memory',
  async create() {
    const store = createMemoryStore();
    return { store, connect: async () => store, destroy: () => store.close() };
  },
});

describe('MemoryEventDedupe', () => {
  it('keeps at most maxKeys, forgetting the oldest', () => {
    const seen = new MemoryEventDedupe(3);
    for (const id of ['a', 'b', 'c', 'd']) expect(seen.firstSeenNow(id, 1000, 0)).toBe(true);
    expect(seen.size).toBe(3);
    expect(seen.firstSeenNow('d', 1000, 1)).toBe(false);
    expect(seen.firstSeenNow('a', 1000, 1)).toBe(true);
  });
});
