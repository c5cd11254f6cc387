/**
 * "Have I seen this before?" for keys that matter only for a while: replayed Slack requests
 * (by signature) and re-delivered events (by event id). Behind an interface so several bot
 * instances can share one memory (a store-backed implementation); this one is in memory.
 */
export interface SeenRequests {
  /** True the first time `key` is offered before `expiresAtMs`; false for a repeat while it is remembered. */
  firstSeen(key: string, expiresAtMs: number): boolean | Promise<boolean>;
}

export interface MemorySeenRequestsOptions {
  /** The most keys kept; beyond it the oldest are forgotten first. */
  maxKeys?: number;
  clock?: { now(): number };
}

/** In memory, bounded in count; each key is forgotten once it expires. */
export class MemorySeenRequests implements SeenRequests {
  private readonly expiresAt = new Map<string, number>();
  private readonly maxKeys: number;
  private readonly clock: { now(): number };

  constructor(options: MemorySeenRequestsOptions = {}) {
    this.maxKeys = options.maxKeys ?? 10_000;
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  firstSeen(key: string, expiresAtMs: number): boolean {
    const now = this.clock.now();
    const known = this.expiresAt.get(key);
    if (known !== undefined && known > now) return false;
    this.expiresAt.delete(key);
    this.evict(now);
    this.expiresAt.set(key, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.expiresAt.size;
  }

  /** Insertion order is roughly expiry order: drop expired keys from the front, then any over the cap. */
  private evict(now: number): void {
    for (const [key, at] of this.expiresAt) {
      if (at > now && this.expiresAt.size < this.maxKeys) break;
      this.expiresAt.delete(key);
    }
  }
}
