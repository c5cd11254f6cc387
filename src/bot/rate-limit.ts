/**
 * A fixed-window counter per key: at most `limit` takes per `windowMs`.
 * Time is passed in, so tests control it; old keys are dropped as they expire.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds until `key` may take again; 0 when it may now. */
  check(key: string, now: number): number {
    if (this.limit <= 0 || this.windowMs <= 0) return 0;
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) return 0;
    return w.count < this.limit ? 0 : w.start + this.windowMs - now;
  }

  take(key: string, now: number): void {
    if (this.limit <= 0 || this.windowMs <= 0) return;
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      this.windows.set(key, { start: now, count: 1 });
    } else {
      w.count++;
    }
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
    // still full of live keys: forget the oldest rather than grow without bound
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
  }
}
