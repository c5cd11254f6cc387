/**
 * "Have we seen this before?" for platform retries and replays, asked of the store so that a
 * repeat reaching another instance is recognised too. A store that fails or is slow must not
 * silence the bot: the answer then comes from this instance's memory, so a repeat to the same
 * instance is still caught and only a repeat to another one could be answered twice.
 */
import type { Logger } from '../log.ts';
import { MemoryEventDedupe } from '../store/memory.ts';
import type { EventDedupeStore } from '../store/store.ts';
import type { SeenRequests } from './seen-requests.ts';

/** The store-backed SeenRequests: the same answer on every instance. */
export interface SeenEvents extends SeenRequests {
  firstSeen(key: string, expiresAtMs: number): Promise<boolean>;
}

export interface SeenEventsOptions {
  logger: Logger;
  clock?: { now(): number };
  /** Longest the store may take before memory decides (default 500 ms). */
  timeoutMs?: number;
}

export function createSeenEvents(store: EventDedupeStore | undefined, options: SeenEventsOptions): SeenEvents {
  const clock = options.clock ?? { now: () => Date.now() };
  const timeoutMs = options.timeoutMs ?? 500;
  const memory = new MemoryEventDedupe();
  let lastWarning = 0;
  return {
    async firstSeen(key, expiresAtMs) {
      const now = clock.now();
      // memory first: a repeat to this same instance is answered without a round trip
      const here = memory.firstSeenNow(key, expiresAtMs, now);
      if (!here || !store) return here;
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          store.firstSeen(key, expiresAtMs, now),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
        ]);
      } catch (err) {
        if (now - lastWarning > 60_000) {
          lastWarning = now;
          options.logger.warn({ err: (err as Error).message }, 'could not check for a repeated event in the store; deciding from this instance’s memory');
        }
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
