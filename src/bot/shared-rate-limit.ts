/**
 * A rate limit that holds across instances: this instance's own takes are counted in memory at
 * once, and every take is also written (behind the reply, batched) to the store, where the other
 * instances read it. A check reads the shared window with a short timeout; a slow or broken
 * store never delays or refuses an answer, it only leaves the limit to this instance's memory.
 * Two takes on two instances within one batch delay (~20 ms) may both pass: a cooldown is for
 * people typing, not a lock.
 */
import { createHmac } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { RateHit, RateLimitStore } from '../store/store.ts';
import type { WriteBehind } from '../store/write-behind.ts';
import { RateLimiter, waitFor } from './rate-limit.ts';

export interface SharedRateLimitDeps {
  store: RateLimitStore;
  /** Where takes go to be written to the store. */
  hits: WriteBehind<RateHit>;
  /** The store's salt: keys are HMAC'd with it, so no user id reaches the database. */
  salt: string;
  logger: Logger;
  /** Longest a check waits for the store before deciding from memory alone (default 100 ms). */
  readTimeoutMs?: number;
}

export interface SharedRateLimit {
  /** Milliseconds until `key` may take again, over all instances; 0 when it may now. */
  check(key: string, now: number): Promise<number>;
  take(key: string, now: number): void;
}

export function createSharedRateLimit(name: string, limit: number, windowMs: number, deps?: SharedRateLimitDeps): SharedRateLimit {
  const local = new RateLimiter(limit, windowMs);
  if (limit <= 0 || windowMs <= 0) return { check: async () => 0, take: () => undefined };
  if (!deps) return { check: async (key, now) => local.check(key, now), take: (key, now) => local.take(key, now) };
  const { store, hits, salt, logger } = deps;
  const readTimeoutMs = deps.readTimeoutMs ?? 100;
  const storeKey = (key: string) => createHmac('sha256', salt).update(`${name}\u0000${key}`).digest('base64url').slice(0, 24);
  let lastWarning = 0;

  const shared = async (key: string, now: number): Promise<number> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const windows = await Promise.race([
        store.rateWindows([key]),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${readTimeoutMs} ms`)), readTimeoutMs))),
      ]);
      return waitFor(windows.get(key), limit, windowMs, now);
    } catch (err) {
      if (now - lastWarning > 60_000) {
        lastWarning = now;
        logger.warn({ err: (err as Error).message, limit: name }, 'could not read a shared rate limit; using this instance’s own count');
      }
      return 0;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async check(key, now) {
      const mine = local.check(key, now);
      if (mine > 0) return mine;
      return shared(storeKey(key), now);
    },
    take(key, now) {
      local.take(key, now);
      hits.add({ key: storeKey(key), at: now, windowMs });
    },
  };
}
