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
  StoredInstallation,
  Subscription,
  UnansweredQuestion,
} from './store.ts';
import { WORKSPACE_SEPARATOR } from './store.ts';

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
  /** fact id → `${platform}\u0000${workspace}` → counts */
  const factCounts = new Map<string, Map<string, FactStats & { platform: string; workspace: string }>>();
  const installations = new Map<string, StoredInstallation>();
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
  const count = (factId: string, platform: string, workspace: string, field: 'answers' | 'helpful' | 'unhelpful') => {
    let byPlatform = factCounts.get(factId);
    if (!byPlatform) factCounts.set(factId, (byPlatform = new Map()));
    const where = `${platform}\u0000${workspace}`;
    const row = byPlatform.get(where) ?? { factId, platform, workspace, answers: 0, helpful: 0, unhelpful: 0 };
    row[field]++;
    byPlatform.set(where, row);
  };
  const inWorkspace = (k: ChannelKey, platform: string, workspace: string) =>
    k.platform === platform && k.channelId.startsWith(`${workspace}${WORKSPACE_SEPARATOR}`);

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
      return [...subscriptions.values()]
        .sort((a, b) => a.platform.localeCompare(b.platform) || (a.channelId < b.channelId ? -1 : a.channelId > b.channelId ? 1 : 0))
        .map(copy);
    },
    async upsertSubscription(sub, now) {
      const saved: Subscription = {
        platform: sub.platform,
        channelId: sub.channelId,
        time: sub.time,
        timeZone: sub.timeZone,
        lang: sub.lang,
        enabled: true,
        since: now,
      };
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
      const record: PostRecord = {
        platform: k.platform,
        channelId: k.channelId,
        localDate,
        factId,
        status: 'claimed',
        attempts: 0,
        claimedAt: now,
        leaseUntil: now + leaseMs,
        takeovers: 0,
      };
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
        else if (e.type === 'answer') count(e.factId, e.platform, e.workspace ?? '', 'answers');
        else count(e.factId, e.platform, e.workspace ?? '', e.helpful ? 'helpful' : 'unhelpful');
      }
    },
    async listUnanswered(sinceMs, workspace) {
      // stable sort keeps insertion order for equal times, as the SQL stores do by id
      return unanswered
        .filter((q) => q.at >= sinceMs && (workspace === undefined || q.workspace === workspace))
        .sort((a, b) => a.at - b.at)
        .map(copy);
    },
    async factStats(workspace) {
      const rows = [...factCounts.entries()].flatMap(([factId, byPlatform]) => {
        const sum = { factId, answers: 0, helpful: 0, unhelpful: 0 };
        const counted = [...byPlatform.values()].filter((r) => workspace === undefined || r.workspace === workspace);
        if (counted.length === 0) return [];
        for (const r of counted) {
          sum.answers += r.answers;
          sum.helpful += r.helpful;
          sum.unhelpful += r.unhelpful;
        }
        return [sum];
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

    async saveInstallation(installation) {
      const key = id({ platform: installation.platform, channelId: installation.workspace });
      const earlier = installations.get(key);
      installations.set(key, copy({ ...installation, installedAt: earlier?.installedAt ?? installation.installedAt }));
    },
    async getInstallation(platform, workspace) {
      const found = installations.get(id({ platform, channelId: workspace }));
      return found && copy(found);
    },
    async listInstallations(platform, limit) {
      return [...installations.values()]
        .filter((i) => i.platform === platform)
        .sort((a, b) => (a.workspace < b.workspace ? -1 : a.workspace > b.workspace ? 1 : 0))
        .slice(0, limit)
        .map(copy);
    },
    async countInstallations(platform) {
      return [...installations.values()].filter((i) => i.platform === platform).length;
    },
    async deleteWorkspace(platform, workspace) {
      for (const map of [settings, subscriptions, decks, posts] as Map<string, unknown>[]) {
        for (const key of map.keys()) {
          const [keyPlatform, channelId] = key.split('\u0000') as [string, string];
          if (inWorkspace({ platform: keyPlatform, channelId }, platform, workspace)) map.delete(key);
        }
      }
      for (const byPlatform of factCounts.values())
        for (const [where, row] of byPlatform) if (row.platform === platform && row.workspace === workspace) byPlatform.delete(where);
      for (const [fact, byPlatform] of factCounts) if (byPlatform.size === 0) factCounts.delete(fact);
      for (let i = unanswered.length - 1; i >= 0; i--)
        if (unanswered[i]!.platform === platform && unanswered[i]!.workspace === workspace) unanswered.splice(i, 1);
      return installations.delete(id({ platform, channelId: workspace }));
    },

    isHealthy: () => open,
    async close() {
      open = false;
    },
  };
}
