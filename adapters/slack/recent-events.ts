/**
 * Slack re-sends an event it thinks was not acknowledged (x-slack-retry-num 1..3, within minutes).
 * Remembering recent event ids, bounded in count and age, lets a retry pass without a second reply.
 */
export interface RecentEventsOptions {
  /** How long an id is remembered (Slack's retries come within ~5 minutes). */
  ttlMs?: number;
  /** The most ids kept; the oldest go first. */
  maxIds?: number;
  clock?: { now(): number };
}

export class RecentEvents {
  private readonly seenAt = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxIds: number;
  private readonly clock: { now(): number };

  constructor(options: RecentEventsOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxIds = options.maxIds ?? 10_000;
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  /** True the first time an id is offered (within the TTL); false for a repeat. */
  firstTime(id: string): boolean {
    const now = this.clock.now();
    this.evict(now);
    const at = this.seenAt.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seenAt.delete(id);
    this.seenAt.set(id, now);
    return true;
  }

  get size(): number {
    return this.seenAt.size;
  }

  /** Map keeps insertion order, so the oldest ids are first: drop expired ones, then any over the cap. */
  private evict(now: number): void {
    for (const [id, at] of this.seenAt) {
      if (now - at < this.ttlMs && this.seenAt.size < this.maxIds) break;
      this.seenAt.delete(id);
    }
  }
}
