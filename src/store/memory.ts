/**
 * The Store in this process's memory: for unit tests, and as the fallback for event dedupe when
 * the real store cannot answer. Nothing survives a restart, and no other instance sees it.
 * Every operation runs to completion without awaiting, so each is atomic as the contract asks.
 */
import { randomBytes } from 'node:crypto';
import { countHit, MAX_TAKEOVERS, RATE_WINDOW_RETENTION_MS } from './rules.ts';
import type {
  ChannelKey,
  ChannelSettings,
  CurationEntry,
  DeckState,
  EventDedupeStore,
  FactStats,
  PostRecord,
  RateWindow,
  Store,
  Subscription,
  UnansweredQuestion,
} from './store.ts';

const id = (k: ChannelKey) => `${k.platform}\u0000${k.channelId}`;
const copy = <T>(value: T): T => structuredClone(value);

/** Seen keys with their expiry, bounded in count: the oldest go first. */
export class MemoryEventDedupe implements EventDedupeStore {
  private readonly expiresAt = new Map<string, number>();

  constructor(private readonly maxKeys = 10_000) {}

  async firstSeen(key: string, expiresAtMs: number, now: number): Promise<boolean> {
    return this.firstSeenNow(key, expiresAtMs, now);
  }

  firstSeenNow(key: string, expiresAtMs: number, now: number): boolean {
    const known = this.expiresAt.get(key);
    if (known !== undefined && known > now) return false;
    this.expiresAt.delete(key);
    // Map keeps insertion order: drop expired keys from the front, then any over the cap
    for (const [k, at] of this.expiresAt) {
      if (at > now && this.expiresAt.size < this.maxKeys) break;
      this.expiresAt.delete(k);
    }
    this.expiresAt.set(key, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.expiresAt.size;
  }
}

export function createMemoryStore(): Store {
  const settings = new Map<string, ChannelSettings>();
  const subscriptions = new Map<string, Subscription>();
  const decks = new Map<string, DeckState>();
  const posts = new Map<string, Map<string, PostRecord>>();
  const unanswered: UnansweredQuestion[] = [];
  const factCounts = new Map<string, Map<string, FactStats>>();
  const peers = new Map<string, number>();
  const rate = new Map<string, RateWindow>();
  const dedupe = new MemoryEventDedupe();
  let open = true;

  const postsOf = (k: ChannelKey) => {
    let byDate = posts.get(id(k));
    if (!byDate) posts.set(id(k), (byDate = new Map()));
    return byDate;
  };
  const update = (k: ChannelKey, localDate: string, change: (p: PostRecord) => void) => {
    const post = posts.get(id(k))?.get(localDate);
    if (post) change(post);
  };
  const count = (factId: string, platform: string, field: 'answers' | 'helpful' | 'unhelpful') => {
    let byPlatform = factCounts.get(factId);
    if (!byPlatform) factCounts.set(factId, (byPlatform = new Map()));
    const row = byPlatform.get(platform) ?? { factId, answers: 0, helpful: 0, unhelpful: 0 };
    row[field]++;
    byPlatform.set(platform, row);
  };

  return {
    kind: 'memory',
    keySalt: randomBytes(16).toString('hex'),

    async getSettings(k) {
      const s = settings.get(id(k));
      return { platform: k.platform, channelId: k.channelId, listen: s?.listen ?? false };
    },
    async setListen(k, listen) {
      settings.set(id(k), { platform: k.platform, channelId: k.channelId, listen });
    },

    async getSubscription(k) {
      const s = subscriptions.get(id(k));
      return s && copy(s);
    },
    async listSubscriptions() {
      return [...subscriptions.values()].sort((a, b) => a.platform.localeCompare(b.platform) || (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : 0)).map(copy);
    },
    async upsertSubscription(sub, now) {
      const saved: Subscription = { platform: sub.platform, channelId: sub.channelId, time: sub.time, timeZone: sub.timeZone, lang: sub.lang, enabled: true, since: now };
      subscriptions.set(id(sub), saved);
      return copy(saved);
    },
    async disableSubscription(k, reason) {
      const s = subscriptions.get(id(k));
      if (s) subscriptions.set(id(k), { ...s, enabled: false, disabledReason: reason });
    },

    async getDeck(k) {
      const d = decks.get(id(k));
      return d && copy(d);
    },

    async claimDailyPost(k, localDate, drawFact, now, leaseMs) {
      const byDate = postsOf(k);
      const existing = byDate.get(localDate);
      if (existing) {
        if (existing.status !== 'claimed' || existing.leaseUntil > now || existing.takeovers >= MAX_TAKEOVERS) return undefined;
        existing.leaseUntil = now + leaseMs;
        existing.takeovers++;
        return copy(existing);
      }
      // the draw may throw (empty fact base): nothing is saved then
      const { factId, deck } = drawFact(copy(decks.get(id(k))));
      decks.set(id(k), copy(deck));
      const record: PostRecord = { platform: k.platform, channelId: k.channelId, localDate, factId, status: 'claimed', attempts: 0, claimedAt: now, leaseUntil: now + leaseMs, takeovers: 0 };
      byDate.set(localDate, record);
      return copy(record);
    },
    async markPostSent(k, localDate, now) {
      update(k, localDate, (p) => Object.assign(p, { status: 'sent', attempts: p.attempts + 1, sentAt: now, lastTryAt: now }));
    },
    async recordPostRetry(k, localDate, error, now, leaseUntil) {
      update(k, localDate, (p) => {
        if (p.status === 'claimed') Object.assign(p, { attempts: p.attempts + 1, error, leaseUntil, lastTryAt: now });
      });
    },
    async markPostFailed(k, localDate, error, now) {
      update(k, localDate, (p) => {
        if (p.status !== 'sent') Object.assign(p, { status: 'failed', attempts: p.attempts + 1, error, lastTryAt: now });
      });
    },
    async getPost(k, localDate) {
      const p = posts.get(id(k))?.get(localDate);
      return p && copy(p);
    },
    async lastPost(k) {
      const dates = [...(posts.get(id(k))?.keys() ?? [])].sort();
      const last = dates.at(-1);
      return last === undefined ? undefined : copy(posts.get(id(k))!.get(last)!);
    },

    async heartbeat(instanceId, now, leaseMs) {
      peers.set(instanceId, now + leaseMs);
      for (const [peer, until] of peers) if (until <= now) peers.delete(peer);
      return [...peers.keys()].sort();
    },
    async leave(instanceId) {
      peers.delete(instanceId);
    },

    async recordCuration(entries: readonly CurationEntry[]) {
      for (const e of entries) {
        if (e.type === 'unanswered') unanswered.push({ ...e.question });
        else if (e.type === 'answer') count(e.factId, e.platform, 'answers');
        else count(e.factId, e.platform, e.helpful ? 'helpful' : 'unhelpful');
      }
    },
    async listUnanswered(sinceMs) {
      // stable sort keeps insertion order for equal times, as the SQL stores do by id
      return unanswered.filter((q) => q.at >= sinceMs).sort((a, b) => a.at - b.at).map(copy);
    },
    async factStats() {
      const rows = [...factCounts.entries()].map(([factId, byPlatform]) => {
        const sum = { factId, answers: 0, helpful: 0, unhelpful: 0 };
        for (const r of byPlatform.values()) {
          sum.answers += r.answers;
          sum.helpful += r.helpful;
          sum.unhelpful += r.unhelpful;
        }
        return sum;
      });
      return rows.sort((a, b) => b.answers - a.answers || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0));
    },

    firstSeen: (key, expiresAtMs, now) => dedupe.firstSeen(key, expiresAtMs, now),

    async rateWindows(keys) {
      const found = new Map<string, RateWindow>();
      for (const key of keys) {
        const w = rate.get(key);
        if (w) found.set(key, { ...w });
      }
      return found;
    },
    async addRateHits(hits) {
      for (const hit of hits) {
        rate.set(hit.key, countHit(rate.get(hit.key), hit));
        if (rate.size > 50_000) for (const [key, w] of rate) if (w.start < hit.at - RATE_WINDOW_RETENTION_MS) rate.delete(key);
      }
    },

    isHealthy: () => open,
    async close() {
      open = false;
    },
  };
}
