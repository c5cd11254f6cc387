/**
 * Posts each subscribed channel's fact of the day at its local time.
 *
 * Rules (what users would notice if broken):
 * - Once per channel and local day: the (platform, channel, local date) row in the store is
 *   claimed atomically before sending, so restarts and other instances on the same store
 *   never post twice.
 * - Several instances share the work: each tick, an instance says it is alive (PeerStore) and
 *   takes only the channels that hash to it among the live instances (rendezvous hashing, so
 *   when one stops only its channels move). An instance that dies stops renewing; after
 *   peerLeaseMs the others take its channels, and its claims after their lease.
 * - A platform split between processes (Discord shards: ChannelPartitions) is shared per part:
 *   an instance says it is alive for each part it holds (`discord#shard1of2`), and a channel goes
 *   to the live instances holding its part only, so a post is sent by a process holding the
 *   channel's server. Nobody holds it: it waits (late, not never) until someone does.
 * - Late, not never: a slot missed while the bot was down is posted once when it comes back
 *   the same local day; earlier days are never caught up.
 * - Crash between claim and send: the claim carries a lease (default 2 min). A claim still
 *   unsent after its lease is taken over by a later tick, once, and re-sent. The only way
 *   to post twice is a crash in the instant after the platform accepted the message and
 *   before the store recorded it; the alternative (never re-send) would silently skip the day.
 * - A failed send is retried with exponential backoff; after `retry.attempts` tries the day
 *   is given up (recorded as failed). A send that may have gone out (DeliveryUnknownError: a
 *   timeout or 5xx after the request reached the platform) is not retried: that could post twice. A channel that is gone (ChannelGoneError: 404/403)
 *   disables its subscription at once, with the reason, and is not retried.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ChannelPartitions } from '../bot/adapter.ts';
import { ChannelGoneError, DeliveryUnknownError } from '../bot/adapter.ts';
import { sleepUnlessAborted } from '../bot/sleep.ts';
import { drawNext } from '../core/deck.ts';
import type { Feud } from '../core/feud.ts';
import type { Reply } from '../core/reply.ts';
import type { Logger } from '../log.ts';
import type { ChannelKey, ChannelStore, DailyPostStore, PeerStore, PostRecord, Subscription } from '../store/store.ts';
import { localDate, nextPostAt } from './local-time.ts';

export interface RetryPolicy {
  /** Send attempts per day, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubled each time after. */
  baseDelayMs: number;
}

/** Counters for metrics; same shape as DailyPostEvents in src/ops/metrics.ts. */
export interface DailySchedulerEvents {
  posted(platform: string): void;
  failed(platform: string): void;
  /** The scheduler itself failed ('store': subscriptions unreadable; 'daily-post': a claim or a record). */
  error?(source: string): void;
}

export interface DailySchedulerDeps {
  store: Pick<ChannelStore, 'listSubscriptions' | 'disableSubscription'> & DailyPostStore & PeerStore;
  feud: Pick<Feud, 'dailyFact' | 'factIds'>;
  post: (channel: ChannelKey, reply: Reply) => Promise<void>;
  clock: { now(): number };
  logger: Logger;
  random?: () => number;
  retry?: RetryPolicy;
  /** How long a claim is held before a later tick may take it over (must outlast one send). */
  leaseMs?: number;
  /** Seconds between ticks when started (1-60; default 60, on the minute). */
  tickSeconds?: number;
  /**
   * The platforms this instance can post to (its adapters). It shares only their channels, with
   * the instances that post there too; default: every platform.
   */
  platforms?: readonly string[];
  /** Platforms whose channels are split between processes (Discord shards), by platform. */
  partitions?: Readonly<Record<string, ChannelPartitions>>;
  /** This instance's name among its peers (default: random). */
  instanceId?: string;
  /** How long a peer counts as alive after its last tick (default: 3 ticks, at most leaseMs). */
  peerLeaseMs?: number;
  /** Posts sent at once (default 4). */
  concurrency?: number;
  /** Resolves after ms, or early when the signal aborts (stop()). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  events?: DailySchedulerEvents;
}

export interface DailyScheduler {
  readonly instanceId: string;
  /** Tick every tickSeconds (every minute, on the minute, by default). A second start() is a no-op. */
  start(): void;
  /**
   * Cancel the job, cut short any retry wait (that post is left claimed and is re-sent by
   * the next run once its lease expires), and resolve when the tick in flight has finished.
   * A stopped scheduler stays stopped.
   */
  stop(): Promise<void>;
  /** Post whatever is due now. Concurrent calls share one run. */
  tick(): Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 2000 };
export const DEFAULT_LEASE_MS = 2 * 60_000;

/** Which live instance sends this channel's posts: the highest hash of (instance, channel) wins. */
export function ownerOf(channel: ChannelKey, peers: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = '';
  for (const peer of peers) {
    const score = createHash('sha256').update(`${peer}\u0000${channel.platform}\u0000${channel.channelId}`).digest('hex');
    if (best === undefined || score > bestScore) {
      best = peer;
      bestScore = score;
    }
  }
  return best;
}

export function createDailyScheduler(deps: DailySchedulerDeps): DailyScheduler {
  const { store, feud, clock, logger } = deps;
  const random = deps.random ?? Math.random;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const sleep = deps.sleep ?? sleepUnlessAborted;
  const tickSeconds = deps.tickSeconds ?? 60;
  const instanceId = deps.instanceId ?? randomUUID();
  // a dead instance's channels move no later than its claims do, so one restart recovers both at once
  const peerLeaseMs = deps.peerLeaseMs ?? Math.min(Math.max(3 * tickSeconds * 1000, 3000), leaseMs);
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const serves = (platform: string) => deps.platforms === undefined || deps.platforms.includes(platform);
  const partitionsOf = (platform: string) => deps.partitions?.[platform];
  /** What this instance says it is alive for: each platform it serves, or each part of a split one. */
  const memberships = (): string[] => {
    if (deps.platforms === undefined) return [`*/${instanceId}`];
    return deps.platforms.flatMap((p) => {
      const held = partitionsOf(p)?.held();
      return held === undefined ? [`${p}/${instanceId}`] : held.map((part) => `${p}#${part}/${instanceId}`);
    });
  };
  let joinedAs: string[] = [];
  const stopping = new AbortController();
  let job: Cron | undefined;
  let inFlight: Promise<void> | undefined;
  let joined = false;

  /** Today's post for this subscription, if it is due now and nobody else has it. */
  const claimIfDue = async (sub: Subscription): Promise<{ date: string; record: PostRecord } | undefined> => {
    const now = clock.now();
    const date = localDate(now, sub.timeZone);
    const existing = await store.getPost(sub, date);
    if (existing) {
      // only an abandoned claim (sender crashed) is worth asking about
      if (existing.status !== 'claimed' || existing.leaseUntil > now) return undefined;
    } else if (nextPostAt(sub, now) > now) {
      return undefined;
    }
    const record = await store.claimDailyPost(sub, date, (deck) => drawNext(deck, feud.factIds(), random), now, leaseMs);
    return record && { date, record };
  };

  const send = async (sub: Subscription, date: string, record: PostRecord): Promise<void> => {
    const log = logger.child({ platform: sub.platform, channelId: sub.channelId, localDate: date, factId: record.factId });
    if (record.takeovers > 0) log.warn('re-sending a daily post whose sender stopped before recording it');
    let reply: Reply;
    try {
      reply = feud.dailyFact(record.factId, sub.lang);
    } catch (err) {
      // e.g. the fact left the base between a crash and the takeover
      await store.markPostFailed(sub, date, String((err as Error).message), clock.now());
      deps.events?.failed(sub.platform);
      log.error({ err }, 'could not build the daily fact');
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.post(sub, reply);
        await store.markPostSent(sub, date, clock.now());
        deps.events?.posted(sub.platform);
        log.info({ attempt }, 'daily fact posted');
        return;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (err instanceof ChannelGoneError) {
          await store.markPostFailed(sub, date, message, clock.now());
          await store.disableSubscription(sub, message);
          deps.events?.failed(sub.platform);
          log.warn({ err: message }, 'channel is gone; daily posts turned off for it');
          return;
        }
        if (attempt >= retry.attempts || err instanceof DeliveryUnknownError) {
          await store.markPostFailed(sub, date, message, clock.now());
          deps.events?.failed(sub.platform);
          log.error({ err: message, attempt }, 'daily fact not posted; giving up for today');
          return;
        }
        const delay = retry.baseDelayMs * 2 ** (attempt - 1);
        const now = clock.now();
        // the lease must outlast the wait and the next try, or another tick would take over
        await store.recordPostRetry(sub, date, message, now, now + delay + leaseMs);
        log.warn({ err: message, attempt, retryInMs: delay }, 'daily fact post failed; will retry');
        await sleep(delay, stopping.signal);
        if (stopping.signal.aborted) {
          // leave the claim: once its lease runs out, the next run takes it over and sends it
          log.info('stopping; the daily post will be retried after restart');
          return;
        }
      }
    }
  };

  const run = async (): Promise<void> => {
    let subs: Subscription[];
    let live: string[];
    const names = memberships();
    try {
      // one heartbeat per platform (or part of one) served: `${platform}/${instanceId}`, `${platform}#${part}/${instanceId}`, or `*/${instanceId}` for all
      live = [];
      for (const name of names) live = await store.heartbeat(name, clock.now(), peerLeaseMs);
      joined = true;
      joinedAs = names;
      subs = (await store.listSubscriptions()).filter((s) => s.enabled);
    } catch (err) {
      deps.events?.error?.('store');
      logger.error({ err }, 'could not read daily subscriptions');
      return;
    }
    const peersFor = new Map<string, string[]>();
    /** The live instances sharing a group: a platform, or a part of a split one (`discord#shard1of2`). */
    const peersOf = (group: string, includingMe: boolean) => {
      let peers = peersFor.get(group);
      if (!peers) {
        const wholePlatform = !group.includes('#');
        const serving = live.filter((m) => m.startsWith(`${group}/`) || (wholePlatform && m.startsWith('*/'))).map((m) => m.slice(m.indexOf('/') + 1));
        peers = [...new Set([...serving, ...(includingMe ? [instanceId] : [])])];
        peersFor.set(group, peers);
      }
      return peers;
    };
    const isMine = async (sub: Subscription): Promise<boolean> => {
      if (!serves(sub.platform)) return false;
      const partitions = partitionsOf(sub.platform);
      const held = partitions?.held();
      if (!partitions || held === undefined) return ownerOf(sub, peersOf(sub.platform, true)) === instanceId;
      const part = await partitions.of(sub.channelId);
      if (part === undefined || !held.includes(part)) return false;
      return ownerOf(sub, peersOf(`${sub.platform}#${part}`, true)) === instanceId;
    };
    const mine: Subscription[] = [];
    for (const sub of subs) {
      try {
        if (await isMine(sub)) mine.push(sub);
      } catch (err) {
        deps.events?.error?.('daily-post');
        logger.error({ err, platform: sub.platform, channelId: sub.channelId }, 'could not tell which process posts to this channel');
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < mine.length && !stopping.signal.aborted) {
        const sub = mine[next++]!;
        try {
          const claimed = await claimIfDue(sub);
          if (claimed) await send(sub, claimed.date, claimed.record);
        } catch (err) {
          // one bad subscription (bad zone in the db, store error) must not stop the others
          deps.events?.error?.('daily-post');
          logger.error({ err, platform: sub.platform, channelId: sub.channelId }, 'daily post failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, mine.length) }, worker));
  };

  const tick = (): Promise<void> => {
    if (!inFlight) inFlight = run().finally(() => (inFlight = undefined));
    return inFlight;
  };

  return {
    instanceId,
    start() {
      if (job || stopping.signal.aborted) return;
      const pattern = tickSeconds >= 60 ? '* * * * *' : `*/${tickSeconds} * * * * *`;
      // protect: a slow tick (retries) makes the next run skip instead of overlapping
      job = new Cron(pattern, { protect: true, catch: (err) => logger.error({ err }, 'daily tick failed') }, () => tick());
    },
    async stop() {
      job?.stop();
      job = undefined;
      stopping.abort();
      await inFlight;
      // let the others take this instance's channels at their next tick instead of after the peer lease
      if (joined) await Promise.all(joinedAs.map((name) => store.leave(name))).catch((err: unknown) => logger.warn({ err }, 'could not leave the daily peers'));
    },
    tick,
  };
}
