/**
 * Everything the bot keeps across restarts and shares between instances, split by concern into
 * small async interfaces (like the Chat SDK's StateAdapter). Three implementations run one
 * contract suite (test/store/contract.ts): memory (tests), SQLite (the default, one file) and
 * PostgreSQL (several instances on one database).
 *
 * Installations (a Slack app installed in many workspaces through OAuth) are one concern like the
 * others: InstallationStore, one migration per engine, one member of Store.
 */
import type { Lang } from '../core/reply.ts';

/** Where a channel lives: the platform and its own channel id. */
export interface ChannelKey {
  platform: string; // a Platform: the adapter registry's names (adapters/index.ts)
  channelId: string;
}

export type DailyLang = Lang | 'both';

export interface Subscription extends ChannelKey {
  /** "HH:MM", local to timeZone. */
  time: string;
  /** IANA zone name, e.g. "Asia/Seoul". */
  timeZone: string;
  lang: DailyLang;
  enabled: boolean;
  /**
   * When it was last turned on or changed (epoch ms). A slot earlier than this is never
   * posted, so `daily on 09:00` said at 10:00 starts tomorrow instead of posting at once.
   */
  since: number;
  /** Why it was disabled (channel deleted, bot removed, turned off), if it was. */
  disabledReason?: string;
}

/** What `daily on` stores; enabled, since and disabledReason are set by the store. */
export type SubscriptionInput = Omit<Subscription, 'enabled' | 'since' | 'disabledReason'>;

export interface ChannelSettings extends ChannelKey {
  listen: boolean;
}

/** claimed: someone is sending it; sent: it went out; failed: gave up for that day. */
export type PostStatus = 'claimed' | 'sent' | 'failed';

export interface PostRecord extends ChannelKey {
  /** Local calendar date of the slot, YYYY-MM-DD in the subscription's zone. */
  localDate: string;
  factId: string;
  status: PostStatus;
  /** Send attempts made so far (successful or not). */
  attempts: number;
  claimedAt: number;
  /** A 'claimed' post whose lease has run out was abandoned (crash) and may be taken over. */
  leaseUntil: number;
  /** How many times an abandoned claim was taken over (at most once). */
  takeovers: number;
  sentAt?: number;
  /** When the last send attempt ended (sent, retried or given up). */
  lastTryAt?: number;
  /** The last send error, kept after a successful retry too. */
  error?: string;
}

export interface UnansweredQuestion {
  text: string;
  normalised: string;
  lang: Lang;
  platform: string;
  at: number;
  /** The workspace asked in, for an app installed in many (Slack OAuth); absent otherwise. */
  workspace?: string;
}

/** How one fact fared with users, summed over platforms. */
export interface FactStats {
  factId: string;
  answers: number;
  helpful: number;
  unhelpful: number;
}

/** A channel's shuffled order of fact ids and how far it has got. */
export interface DeckState {
  order: string[];
  position: number;
  /** The last fact posted, so a reshuffle never starts with it. */
  last?: string;
}

export type DrawFact = (deckState: DeckState | undefined) => { factId: string; deck: DeckState };

/** One piece of bookkeeping about a question; written in batches, off the reply path. */
export type CurationEntry =
  | { type: 'answer'; factId: string; platform: string; at: number; workspace?: string }
  | { type: 'feedback'; factId: string; helpful: boolean; platform: string; at: number; workspace?: string }
  | { type: 'unanswered'; question: UnansweredQuestion };

/** A rate-limit window as the limiter keeps it: started at `start`, `count` takes so far. */
export interface RateWindow {
  start: number;
  count: number;
}

/** One take of a rate limit: counted into the key's window, or starts a new one after windowMs. */
export interface RateHit {
  key: string;
  at: number;
  windowMs: number;
}

/** Channel settings (listen mode) and daily subscriptions. */
export interface ChannelStore {
  getSettings(key: ChannelKey): Promise<ChannelSettings>;
  setListen(key: ChannelKey, listen: boolean): Promise<void>;

  getSubscription(key: ChannelKey): Promise<Subscription | undefined>;
  /** Every subscription, enabled or not. */
  listSubscriptions(): Promise<Subscription[]>;
  /** Turn on (or change) a channel's daily post; enables it and sets `since` to now. */
  upsertSubscription(sub: SubscriptionInput, now: number): Promise<Subscription>;
  /** Stop posting; the reason is kept for `daily status` ("turned off", "channel deleted"). */
  disableSubscription(key: ChannelKey, reason: string): Promise<void>;
}

/** The order in which a channel gets its facts of the day. Written only by claimDailyPost. */
export interface DeckStore {
  getDeck(key: ChannelKey): Promise<DeckState | undefined>;
}

/** Who sends each day's post, exactly once across every instance on the store. */
export interface DailyPostStore {
  /**
   * Atomically decide who sends the (channel, localDate) post:
   * - no post yet: draw the channel's next deck fact, save the deck, record a 'claimed'
   *   post with a lease of leaseMs, and return it;
   * - a 'claimed' post whose lease has expired and was never taken over (its sender
   *   crashed): take it over once (same fact, new lease, takeovers + 1) and return it;
   * - otherwise (sent, failed, being sent or claimed this instant by another instance,
   *   already taken over): undefined.
   * Two instances on one store never both get a record for the same slot.
   */
  claimDailyPost(key: ChannelKey, localDate: string, drawFact: DrawFact, now: number, leaseMs: number): Promise<PostRecord | undefined>;
  /** The send went through. */
  markPostSent(key: ChannelKey, localDate: string, now: number): Promise<void>;
  /** One send attempt failed and will be retried: count it, keep the error, extend the lease. */
  recordPostRetry(key: ChannelKey, localDate: string, error: string, now: number, leaseUntil: number): Promise<void>;
  /** Gave up for that day (attempts used up, channel gone). */
  markPostFailed(key: ChannelKey, localDate: string, error: string, now: number): Promise<void>;
  getPost(key: ChannelKey, localDate: string): Promise<PostRecord | undefined>;
  /** The channel's most recent post by local date, whatever its status. */
  lastPost(key: ChannelKey): Promise<PostRecord | undefined>;
}

/** The instances sharing the daily work: each says it is alive; the scheduler splits channels between the live ones. */
export interface PeerStore {
  /** Record that `instanceId` is alive until now + leaseMs; returns every live instance id, sorted. */
  heartbeat(instanceId: string, now: number, leaseMs: number): Promise<string[]>;
  /** A clean stop: the others take over this instance's share at their next tick. */
  leave(instanceId: string): Promise<void>;
}

/** The curation loop: answers, 👍/👎 and unanswered questions (never who asked). */
export interface CurationStore {
  /** Write a batch in one transaction: all of it or none. */
  recordCuration(entries: readonly CurationEntry[]): Promise<void>;
  /** Unanswered questions at or after sinceMs, oldest first; only one workspace's when given. */
  listUnanswered(sinceMs: number, workspace?: string): Promise<UnansweredQuestion[]>;
  /** Per fact answered at least once or rated: answers, 👍 and 👎; most answered first; only one workspace's when given. */
  factStats(workspace?: string): Promise<FactStats[]>;
}

/** Requests and events seen by any instance: a retry or replay that reaches another instance is recognised. */
export interface EventDedupeStore {
  /** True the first time `key` is offered (or once its earlier sighting expired); false for a repeat. */
  firstSeen(key: string, expiresAtMs: number, now: number): Promise<boolean>;
}

/** Cooldowns and channel caps shared by every instance. Keys are pseudonymous (see keySalt). */
export interface RateLimitStore {
  /** The current windows of these keys (missing: never taken, or expired and swept). */
  rateWindows(keys: readonly string[]): Promise<Map<string, RateWindow>>;
  /** Count takes, in order, each into its key's window (a new one when the old is windowMs old). */
  addRateHits(hits: readonly RateHit[]): Promise<void>;
}

/**
 * A chat app installed in one workspace through OAuth (Slack): one per workspace, or per
 * enterprise for an org-wide Enterprise Grid install. Its tokens are sealed (AES-256-GCM,
 * token-cipher.ts) before they reach the store, so the database never holds one in plaintext.
 */
export interface StoredInstallation {
  platform: string;
  /** What the installation is for and what its channel keys are scoped by: the team id, or the enterprise id of an org-wide install. */
  workspace: string;
  enterpriseId?: string;
  teamId?: string;
  isEnterpriseInstall: boolean;
  /** The installation (tokens included), encrypted. */
  sealed: string;
  /** The first install (epoch ms); a re-install keeps it. */
  installedAt: number;
  /** The last install or token change. */
  updatedAt: number;
}

/**
 * Channel ids of an app installed in many workspaces are scoped by the workspace
 * (`T0123:C0456`), so two workspaces never share a channel's settings, subscription or deck,
 * even for a channel shared between them (Slack Connect), and uninstalling one forgets its own.
 */
export const WORKSPACE_SEPARATOR = ':';
export const workspaceScoped = (workspace: string, id: string): string => `${workspace}${WORKSPACE_SEPARATOR}${id}`;

/** Installations of the app in many workspaces (Slack OAuth). */
export interface InstallationStore {
  /** Insert, or replace a workspace's installation (a re-install, new scopes); installedAt of the first is kept. */
  saveInstallation(installation: StoredInstallation): Promise<void>;
  getInstallation(platform: string, workspace: string): Promise<StoredInstallation | undefined>;
  /** The first `limit` installations by workspace id. */
  listInstallations(platform: string, limit: number): Promise<StoredInstallation[]>;
  countInstallations(platform: string): Promise<number>;
  /**
   * Forget a workspace (the app was uninstalled, its token revoked): its installation, and what was
   * kept for it: channel settings, subscriptions, decks and posts of its scoped channels, its
   * answers, ratings and unanswered questions. True if it had an installation.
   */
  deleteWorkspace(platform: string, workspace: string): Promise<boolean>;
}

export type StoreKind = 'memory' | 'sqlite' | 'postgres';

export interface Store extends ChannelStore, DeckStore, DailyPostStore, PeerStore, CurationStore, EventDedupeStore, RateLimitStore, InstallationStore {
  readonly kind: StoreKind;
  /**
   * A random secret made once per database and shared by every instance on it: user ids are
   * hashed with it before they key a cooldown, so no user id is ever stored.
   */
  readonly keySalt: string;
  /** False while the database is unreachable (connection lost) or after close(). */
  isHealthy(): boolean;
  /** Finish what is under way and close; a second call is a no-op. */
  close(): Promise<void>;
}
