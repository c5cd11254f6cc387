/**
 * A fixed-window counter per key: at most `limit` takes per `windowMs`.
 * Time is passed in, so tests control it; old keys are dropped as they expire.
 */
import type { RateWindow } from '../store/store.ts';

/** Milliseconds until a key with this window may take again; 0 when it may now. */
export function waitFor(window: RateWindow | undefined, limit: number, windowMs: number, now: number): number {
  if (limit <= 0 || windowMs <= 0) return 0;
  if (!window || now - window.start >= windowMs) return 0;
  return window.count < limit ? 0 : window.start + windowMs - now;
}

export class RateLimiter {
  private readonly windows = new Map<string, RateWindow>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds until `key` may take again; 0 when it may now. */
  check(key: string, now: number): number {
    return waitFor(this.windows.get(key), this.limit, this.windowMs, now);
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
