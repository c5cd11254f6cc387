/**
 * The Store on SQLite (better-sqlite3): one synchronous connection per process is the
 * one writer; WAL lets readers run beside it, and busy_timeout makes a second process on
 * the same file wait for the lock instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type {
  ChannelKey,
  DailyLang,
  DeckState,
  DrawFact,
  FactStats,
  PostRecord,
  PostStatus,
  Store,
  Subscription,
  SubscriptionInput,
  UnansweredQuestion,
} from './store.ts';
import { openConnection } from './sqlite-connection.ts';

/** How long another process waits for the write lock before giving up (ms). */
const BUSY_TIMEOUT_MS = 5000;

/** A claim that crashed mid-send is taken over this many times at most. */
const MAX_TAKEOVERS = 1;

/**
 * Schema history: entry i moves the database from user_version i to i + 1.
 * Append only; never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE channel_settings (
    platform   TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    listen     INTEGER NOT NULL DEFAULT 0,
    lang       TEXT CHECK (lang IN ('en', 'ko')),
    PRIMARY KEY (platform, channel_id)
  ) WITHOUT ROWID;

  CREATE TABLE subscriptions (
    platform        TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    time            TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    lang            TEXT NOT NULL CHECK (lang IN ('en', 'ko', 'both')),
    enabled         INTEGER NOT NULL,
    since           INTEGER NOT NULL,
    disabled_reason TEXT,
    PRIMARY KEY (platform, channel_id)
  ) WITHOUT ROWID;

  CREATE TABLE daily_decks (
    platform   TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    state      TEXT NOT NULL, -- JSON DeckState
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (platform, channel_id)
  ) WITHOUT ROWID;

  -- One row per channel and local day: the primary key is what stops a second post.
  CREATE TABLE daily_posts (
    platform    TEXT NOT NULL,
    channel_id  TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    fact_id     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    claimed_at  INTEGER NOT NULL,
    lease_until INTEGER NOT NULL,
    takeovers   INTEGER NOT NULL DEFAULT 0,
    sent_at     INTEGER,
    last_try_at INTEGER,
    error       TEXT,
    PRIMARY KEY (platform, channel_id, local_date)
  ) WITHOUT ROWID;

  -- For the curation loop: what people asked that the fact base could not answer. No user ids.
  CREATE TABLE unanswered_questions (
    id         INTEGER PRIMARY KEY,
    text       TEXT NOT NULL,
    normalised TEXT NOT NULL,
    lang       TEXT NOT NULL,
    platform   TEXT NOT NULL,
    at         INTEGER NOT NULL
  );
  CREATE INDEX unanswered_questions_at ON unanswered_questions (at);

  CREATE TABLE fact_counts (
    fact_id    TEXT NOT NULL,
    platform   TEXT NOT NULL,
    answers    INTEGER NOT NULL DEFAULT 0,
    helpful    INTEGER NOT NULL DEFAULT 0,
    unhelpful  INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (fact_id, platform)
  ) WITHOUT ROWID;
  `,
];

/** The database was written by a newer version of the bot (a rolled-back deploy). */
export class StoreVersionError extends Error {
  constructor(found: number, known: number) {
    super(`the database has schema version ${found} but this bot only knows up to ${known}; run the newer bot or restore a backup`);
    this.name = 'StoreVersionError';
  }
}

export interface OpenStoreOptions {
  /**
   * For reports (`npm run feud -- stats`) beside a running bot: the file must exist and be
   * fully migrated; nothing is created, migrated or written.
   */
  readonly?: boolean;
}

/** Open (creating the file and its folder on first run) and migrate. `':memory:'` for tests. */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (options.readonly) return openReadonlyStore(path);
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = openConnection(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return createSqliteStore(db);
}

function openReadonlyStore(path: string): Store {
  const db = openConnection(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new StoreVersionError(version, MIGRATIONS.length);
    if (version < MIGRATIONS.length) throw new Error(`the database has schema version ${version}, older than this bot's ${MIGRATIONS.length}; start the bot once to upgrade it`);
  } catch (err) {
    db.close();
    throw err;
  }
  return createSqliteStore(db);
}

/** Bring the schema up to date, in one write transaction so two processes starting together migrate once. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > migrations.length) throw new StoreVersionError(current, migrations.length);
    for (let v = current; v < migrations.length; v++) db.exec(migrations[v]!);
    // pragmas cannot take bound parameters; the value is our own integer
    if (current !== migrations.length) db.pragma(`user_version = ${migrations.length}`);
    return migrations.length;
  });
  return run.immediate();
}

// ---- rows ------------------------------------------------------------------

interface SubscriptionRow {
  platform: string;
  channel_id: string;
  time: string;
  time_zone: string;
  lang: DailyLang;
  enabled: number;
  since: number;
  disabled_reason: string | null;
}

interface PostRow {
  platform: string;
  channel_id: string;
  local_date: string;
  fact_id: string;
  status: PostStatus;
  attempts: number;
  claimed_at: number;
  lease_until: number;
  takeovers: number;
  sent_at: number | null;
  last_try_at: number | null;
  error: string | null;
}

const DeckStateSchema = z.object({
  order: z.array(z.string()),
  position: z.number().int().min(0),
  last: z.string().optional(),
});

const toSubscription = (r: SubscriptionRow): Subscription => ({
  platform: r.platform,
  channelId: r.channel_id,
  time: r.time,
  timeZone: r.time_zone,
  lang: r.lang,
  enabled: r.enabled === 1,
  since: r.since,
  ...(r.disabled_reason !== null ? { disabledReason: r.disabled_reason } : {}),
});

const toPost = (r: PostRow): PostRecord => ({
  platform: r.platform,
  channelId: r.channel_id,
  localDate: r.local_date,
  factId: r.fact_id,
  status: r.status,
  attempts: r.attempts,
  claimedAt: r.claimed_at,
  leaseUntil: r.lease_until,
  takeovers: r.takeovers,
  ...(r.sent_at !== null ? { sentAt: r.sent_at } : {}),
  ...(r.last_try_at !== null ? { lastTryAt: r.last_try_at } : {}),
  ...(r.error !== null ? { error: r.error } : {}),
});

/** A deck saved by an older or broken build starts over rather than stopping the posts. */
function parseDeck(json: string | undefined): DeckState | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed = DeckStateSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return undefined;
    const { order, position, last } = parsed.data;
    return last === undefined ? { order, position } : { order, position, last };
  } catch {
    return undefined;
  }
}

function createSqliteStore(db: Database.Database): Store {
  const key = (k: ChannelKey) => ({ platform: k.platform, channel_id: k.channelId });

  const q = {
    getSettings: db.prepare<[string, string], { listen: number }>('SELECT listen FROM channel_settings WHERE platform = ? AND channel_id = ?'),
    setListen: db.prepare(
      `INSERT INTO channel_settings (platform, channel_id, listen) VALUES (@platform, @channel_id, @listen)
       ON CONFLICT (platform, channel_id) DO UPDATE SET listen = excluded.listen`,
    ),
    getSubscription: db.prepare<[string, string], SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?'),
    listSubscriptions: db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, channel_id'),
    upsertSubscription: db.prepare(
      `INSERT INTO subscriptions (platform, channel_id, time, time_zone, lang, enabled, since, disabled_reason)
       VALUES (@platform, @channel_id, @time, @time_zone, @lang, 1, @since, NULL)
       ON CONFLICT (platform, channel_id) DO UPDATE SET
         time = excluded.time, time_zone = excluded.time_zone, lang = excluded.lang,
         enabled = 1, since = excluded.since, disabled_reason = NULL`,
    ),
    disableSubscription: db.prepare('UPDATE subscriptions SET enabled = 0, disabled_reason = @reason WHERE platform = @platform AND channel_id = @channel_id'),
    getDeck: db.prepare<[string, string], { state: string }>('SELECT state FROM daily_decks WHERE platform = ? AND channel_id = ?'),
    saveDeck: db.prepare(
      `INSERT INTO daily_decks (platform, channel_id, state, updated_at) VALUES (@platform, @channel_id, @state, @now)
       ON CONFLICT (platform, channel_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    ),
    getPost: db.prepare<[string, string, string], PostRow>('SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? AND local_date = ?'),
    lastPost: db.prepare<[string, string], PostRow>('SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? ORDER BY local_date DESC LIMIT 1'),
    insertPost: db.prepare(
      `INSERT INTO daily_posts (platform, channel_id, local_date, fact_id, status, attempts, claimed_at, lease_until, takeovers)
       VALUES (@platform, @channel_id, @local_date, @fact_id, 'claimed', 0, @now, @lease_until, 0)`,
    ),
    takeOverPost: db.prepare(
      `UPDATE daily_posts SET lease_until = @lease_until, takeovers = takeovers + 1
       WHERE platform = @platform AND channel_id = @channel_id AND local_date = @local_date
         AND status = 'claimed' AND lease_until <= @now AND takeovers < @max_takeovers`,
    ),
    markSent: db.prepare(
      `UPDATE daily_posts SET status = 'sent', attempts = attempts + 1, sent_at = @now, last_try_at = @now
       WHERE platform = @platform AND channel_id = @channel_id AND local_date = @local_date`,
    ),
    recordRetry: db.prepare(
      `UPDATE daily_posts SET attempts = attempts + 1, error = @error, lease_until = @lease_until, last_try_at = @now
       WHERE platform = @platform AND channel_id = @channel_id AND local_date = @local_date AND status = 'claimed'`,
    ),
    markFailed: db.prepare(
      `UPDATE daily_posts SET status = 'failed', attempts = attempts + 1, error = @error, last_try_at = @now
       WHERE platform = @platform AND channel_id = @channel_id AND local_date = @local_date AND status <> 'sent'`,
    ),
    recordUnanswered: db.prepare('INSERT INTO unanswered_questions (text, normalised, lang, platform, at) VALUES (@text, @normalised, @lang, @platform, @at)'),
    listUnanswered: db.prepare<[number], UnansweredQuestion>('SELECT text, normalised, lang, platform, at FROM unanswered_questions WHERE at >= ? ORDER BY at, id'),
    countFact: db.prepare(
      `INSERT INTO fact_counts (fact_id, platform, answers, helpful, unhelpful, updated_at) VALUES (@fact_id, @platform, @answers, @helpful, @unhelpful, @now)
       ON CONFLICT (fact_id, platform) DO UPDATE SET
         answers = answers + excluded.answers, helpful = helpful + excluded.helpful,
         unhelpful = unhelpful + excluded.unhelpful, updated_at = excluded.updated_at`,
    ),
    factStats: db.prepare<[], FactStats>(
      `SELECT fact_id AS factId, SUM(answers) AS answers, SUM(helpful) AS helpful, SUM(unhelpful) AS unhelpful
       FROM fact_counts GROUP BY fact_id ORDER BY answers DESC, fact_id`,
    ),
  };

  const claim = db.transaction((k: ChannelKey, localDate: string, drawFact: DrawFact, now: number, leaseMs: number): PostRecord | undefined => {
    const where = { ...key(k), local_date: localDate };
    const existing = q.getPost.get(k.platform, k.channelId, localDate);
    if (existing) {
      const taken = q.takeOverPost.run({ ...where, now, lease_until: now + leaseMs, max_takeovers: MAX_TAKEOVERS });
      return taken.changes === 1 ? toPost(q.getPost.get(k.platform, k.channelId, localDate)!) : undefined;
    }
    const { factId, deck } = drawFact(parseDeck(q.getDeck.get(k.platform, k.channelId)?.state));
    q.saveDeck.run({ ...key(k), state: JSON.stringify(deck), now });
    q.insertPost.run({ ...where, fact_id: factId, now, lease_until: now + leaseMs });
    return toPost(q.getPost.get(k.platform, k.channelId, localDate)!);
  });

  const countFact = (factId: string, platform: string, now: number, counts: { answers?: number; helpful?: number; unhelpful?: number }) =>
    q.countFact.run({ fact_id: factId, platform, answers: counts.answers ?? 0, helpful: counts.helpful ?? 0, unhelpful: counts.unhelpful ?? 0, now });

  return {
    getSettings(k) {
      const row = q.getSettings.get(k.platform, k.channelId);
      return { platform: k.platform, channelId: k.channelId, listen: row?.listen === 1 };
    },
    setListen(k, listen) {
      q.setListen.run({ ...key(k), listen: listen ? 1 : 0 });
    },

    getSubscription(k) {
      const row = q.getSubscription.get(k.platform, k.channelId);
      return row && toSubscription(row);
    },
    listSubscriptions: () => q.listSubscriptions.all().map(toSubscription),
    upsertSubscription(sub: SubscriptionInput, now: number) {
      q.upsertSubscription.run({ ...key(sub), time: sub.time, time_zone: sub.timeZone, lang: sub.lang, since: now });
      return toSubscription(q.getSubscription.get(sub.platform, sub.channelId)!);
    },
    disableSubscription(k, reason) {
      q.disableSubscription.run({ ...key(k), reason });
    },

    // IMMEDIATE: take the write lock before reading, so two processes cannot both see "no post yet"
    claimDailyPost: (k, localDate, drawFact, now, leaseMs) => claim.immediate(k, localDate, drawFact, now, leaseMs),
    markPostSent(k, localDate, now) {
      q.markSent.run({ ...key(k), local_date: localDate, now });
    },
    recordPostRetry(k, localDate, error, now, leaseUntil) {
      q.recordRetry.run({ ...key(k), local_date: localDate, error, now, lease_until: leaseUntil });
    },
    markPostFailed(k, localDate, error, now) {
      q.markFailed.run({ ...key(k), local_date: localDate, error, now });
    },
    getPost(k, localDate) {
      const row = q.getPost.get(k.platform, k.channelId, localDate);
      return row && toPost(row);
    },
    lastPost(k) {
      const row = q.lastPost.get(k.platform, k.channelId);
      return row && toPost(row);
    },

    recordUnanswered(question) {
      q.recordUnanswered.run({ ...question });
    },
    listUnanswered: (sinceMs) => q.listUnanswered.all(sinceMs),
    recordFeedback(factId, helpful, platform, now) {
      countFact(factId, platform, now, helpful ? { helpful: 1 } : { unhelpful: 1 });
    },
    recordAnswer(factId, answered, platform, _lang, now) {
      // abstentions have no fact; they are kept (text only) by recordUnanswered
      if (factId !== undefined && answered) countFact(factId, platform, now, { answers: 1 });
    },
    factStats: () => q.factStats.all(),

    isOpen: () => db.open,
    close() {
      if (db.open) db.close();
    },
  };
}
