/**
 * Bookkeeping written behind the reply: `add()` only queues (no I/O, never throws), and a
 * background loop writes the queue in batches, retrying with backoff while the store is locked,
 * full or unreachable. The queue is bounded: past maxQueued the oldest entries are dropped and
 * counted, so a long outage costs some statistics, never memory or a reply.
 */

import type { Logger } from '../log.ts';
import { isStoreError } from './errors.ts';

export interface WriteBehindOptions<T> {
  /** What the queue is for, in log lines ("curation", "rate limits"). */
  name: string;
  /** Write one batch, all or nothing. */
  write(batch: T[]): Promise<void>;
  logger: Logger;
  /** Most entries waiting; the oldest go first beyond it (default 10,000). */
  maxQueued?: number;
  /** Most entries written in one batch (default 500). */
  maxBatch?: number;
  /** How long an entry waits for others to share its batch (default 20 ms). */
  batchDelayMs?: number;
  /** First wait after a failed batch; doubled each time up to maxRetryDelayMs (defaults 100 ms, 5 s). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Called once per failed batch (the errors metric). */
  onError?(err: unknown): void;
}

export interface WriteBehind<T> {
  add(entry: T): void;
  /** Resolves once everything queued before the call is written (waiting out failures), or the queue is closed. */
  flush(): Promise<void>;
  /** Write what is queued within deadlineMs, then stop; what could not be written is logged. */
  close(deadlineMs?: number): Promise<void>;
  readonly pending: number;
  readonly dropped: number;
}

export function createWriteBehind<T>(options: WriteBehindOptions<T>): WriteBehind<T> {
  const { logger, name } = options;
  const maxQueued = options.maxQueued ?? 10_000;
  const maxBatch = options.maxBatch ?? 500;
  const batchDelayMs = options.batchDelayMs ?? 20;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;

  const queue: T[] = [];
  /** Entries written since creation + entries dropped: a position in the stream of adds. */
  let done = 0;
  let dropped = 0;
  let dropWarned = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failures = 0;
  let inFlight = 0;
  let closed = false;
  const waiters: Array<{ upTo: number; resolve: () => void }> = [];

  const settle = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (closed || done >= waiters[i]!.upTo) {
        waiters[i]!.resolve();
        waiters.splice(i, 1);
      }
    }
  };

  const schedule = (delay: number) => {
    if (timer || running || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = drain().finally(() => {
        running = undefined;
        if (queue.length > 0) schedule(failures > 0 ? Math.min(retryDelayMs * 2 ** (failures - 1), maxRetryDelayMs) : 0);
      });
    }, delay);
  };

  /** Drop the oldest queued entries beyond the bound; each counts as done for flush(). */
  const trim = () => {
    while (queue.length + inFlight > maxQueued && queue.length > 0) {
      queue.shift();
      dropped++;
      done++;
      if (!dropWarned) {
        dropWarned = true;
        logger.error({ maxQueued }, `too many ${name} waiting for the store; dropping the oldest`);
      }
    }
  };

  const drain = async (): Promise<void> => {
    while (queue.length > 0 && !closed) {
      const batch = queue.splice(0, maxBatch);
      inFlight = batch.length;
      try {
        await options.write(batch);
      } catch (err) {
        inFlight = 0;
        queue.unshift(...batch);
        trim();
        failures++;
        options.onError?.(err);
        if (failures === 1) {
          if (isStoreError(err, 'full'))
            logger.error(
              { err: (err as Error).message, pending: queue.length },
              `the disk is full: ${name} are kept in memory and retried until there is space`,
            );
          else logger.warn({ err: (err as Error).message, pending: queue.length }, `could not write ${name}; retrying in the background`);
        }
        return;
      }
      inFlight = 0;
      done += batch.length;
      if (failures > 0) logger.info({ tries: failures + 1 }, `${name} written again after the store recovered`);
      failures = 0;
      dropWarned = false;
      settle();
    }
  };

  return {
    add(entry) {
      if (closed) return;
      queue.push(entry);
      trim();
      settle();
      schedule(batchDelayMs);
    },
    flush() {
      if (queue.length === 0 && inFlight === 0) return Promise.resolve();
      const upTo = done + queue.length + inFlight;
      return new Promise<void>((resolve) => {
        waiters.push({ upTo, resolve });
        if (timer) {
          clearTimeout(timer);
          timer = undefined;
        }
        schedule(0);
      });
    },
    async close(deadlineMs = 2000) {
      if (closed) return;
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([this.flush(), new Promise<void>((resolve) => (deadline = setTimeout(resolve, deadlineMs)))]);
      clearTimeout(deadline);
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
      if (queue.length > 0) logger.error({ lost: queue.length }, `${name} not written before shutdown`);
      settle();
    },
    get pending() {
      return queue.length;
    },
    get dropped() {
      return dropped;
    },
  };
}
