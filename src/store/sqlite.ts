/**
 * The Store on SQLite (better-sqlite3), the embedded default: one file, WAL so readers run beside
 * the writer. better-sqlite3 is synchronous and its busy handler sleeps on the event loop, so the
 * busy timeout is 0 and a locked database is waited for here, asynchronously, a few ms at a
 * time: a backup or a second process holding the lock delays that one write, never the bot.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { StoreError, StoreOpenError, StoreVersionError, shorten } from './errors.ts';
import { countHit, MAX_TAKEOVERS, parseDeck, RATE_WINDOW_RETENTION_MS } from './rules.ts';
import { openConnection } from './sqlite-connection.ts';
import type {
  ChannelKey,
  CurationEntry,
  DailyLang,
  DrawFact,
  FactStats,
  PostRecord,
  PostStatus,
  RateWindow,
  Store,
  StoredInstallation,
  Subscription,
  SubscriptionInput,
  UnansweredQuestion,
} from './store.ts';
import { workspaceScoped } from './store.ts';

export { StoreVersionError } from './errors.ts';

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
  `
  -- Shared between instances on this file: event dedupe, rate limits, who shares the daily work.
  CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE seen_events (
    key        TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX seen_events_expires ON seen_events (expires_at);

  -- Keys are salted hashes for users, never raw user ids.
  CREATE TABLE rate_windows (
    key          TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE scheduler_peers (
    instance_id TEXT PRIMARY KEY,
    alive_until INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- The app installed in many workspaces (Slack OAuth): one row per workspace, or per enterprise
  -- for an org-wide install. \`sealed\` is the installation encrypted with FEUD_ENCRYPTION_KEY.
  CREATE TABLE installations (
    platform              TEXT NOT NULL,
    workspace_id          TEXT NOT NULL,
    enterprise_id         TEXT,
    team_id               TEXT,
    is_enterprise_install INTEGER NOT NULL,
    sealed                TEXT NOT NULL,
    installed_at          INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    PRIMARY KEY (platform, workspace_id)
  ) WITHOUT ROWID;

  -- Stats per workspace ('' where the bot serves one workspace, or on Discord).
  ALTER TABLE unanswered_questions ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '';
  CREATE TABLE fact_counts_by_workspace (
    fact_id      TEXT NOT NULL,
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL DEFAULT '',
    answers      INTEGER NOT NULL DEFAULT 0,
    helpful      INTEGER NOT NULL DEFAULT 0,
    unhelpful    INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (fact_id, platform, workspace_id)
  ) WITHOUT ROWID;
  INSERT INTO fact_counts_by_workspace (fact_id, platform, workspace_id, answers, helpful, unhelpful, updated_at)
    SELECT fact_id, platform, '', answers, helpful, unhelpful, updated_at FROM fact_counts;
  DROP TABLE fact_counts;
  ALTER TABLE fact_counts_by_workspace RENAME TO fact_counts;
  `,
];

export interface OpenSqliteOptions {
  /**
   * For reports (`npm run feud -- stats`) beside a running bot: the file must exist and be
   * fully migrated; nothing is created, migrated or written.
   */
  readonly?: boolean;
  /** How long startup waits for a lock held by another process (default 30 s). */
  lockWaitMs?: number;
  /** How long one write waits for the lock before it fails as busy (default 15 s). */
  writeWaitMs?: number;
  /** Extra pragmas for this connection, e.g. 'max_page_count = 40' (tests use it to fill the "disk"). */
  pragmas?: readonly string[];
}

const DEFAULT_LOCK_WAIT_MS = 30_000;
const DEFAULT_WRITE_WAIT_MS = 15_000;
const SWEEP_EVERY_MS = 60_000;

type SqliteError = Error & { code?: string };
const codeOf = (err: unknown): string => String((err as SqliteError)?.code ?? '');
const isBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(codeOf(err));
const isFull = (err: unknown) => codeOf(err) === 'SQLITE_FULL';

/** Wait for the lock without blocking the event loop: short sleeps, growing to 100 ms. */
async function whileBusy<T>(op: () => T, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    try {
      return op();
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
    }
    await sleep(pause);
  }
}

/** Open (creating the file and its folder on first run) and migrate. `':memory:'` for tests. */
export async function openSqliteStore(path: string, options: OpenSqliteOptions = {}): Promise<Store> {
  const lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  let db: Database.Database | undefined;
  try {
    db = await whileBusy(() => {
      const opened = options.readonly ? openReadonly(path) : openWritable(path, options.pragmas ?? []);
      try {
        if (!options.readonly) migrate(opened);
        return opened;
      } catch (err) {
        opened.close();
        throw err;
      }
    }, lockWaitMs);
    const salt = options.readonly ? readSalt(db) : await whileBusy(() => ensureSalt(db!), lockWaitMs);
    return createSqliteStore(db, path, salt, options.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS);
  } catch (err) {
    throw describeOpenFailure(path, err, lockWaitMs);
  }
}

function openWritable(path: string, pragmas: readonly string[]): Database.Database {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = openConnection(path, { timeout: 0 });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit
    db.pragma('synchronous = NORMAL');
    for (const pragma of pragmas) db.pragma(pragma);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function openReadonly(path: string): Database.Database {
  const db = openConnection(path, { readonly: true, fileMustExist: true, timeout: 0 });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new StoreVersionError(version, MIGRATIONS.length);
    if (version < MIGRATIONS.length)
      throw new Error(`the database has schema version ${version}, older than this bot's ${MIGRATIONS.length}; start the bot once to upgrade it`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
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

function ensureSalt(db: Database.Database): string {
  db.prepare("INSERT INTO meta (name, value) VALUES ('key_salt', ?) ON CONFLICT (name) DO NOTHING").run(randomBytes(16).toString('hex'));
  return readSalt(db);
}

function readSalt(db: Database.Database): string {
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE name = 'key_salt'").get();
  // a report opened read-only never keys a cooldown, so any salt does there
  return row?.value ?? randomBytes(16).toString('hex');
}

/** One line for the operator: the variable, the path, what went wrong and what to do. */
function describeOpenFailure(path: string, err: unknown, lockWaitMs: number): Error {
  const where = `FEUD_DB_PATH=${shorten(path)}`;
  const code = codeOf(err);
  const message = (err as Error)?.message ?? String(err);
  if (err instanceof StoreVersionError || code === '') return new StoreOpenError(`${where}: ${message}`, { cause: err });
  if (isBusy(err))
    return new StoreOpenError(
      `${where}: the database stayed locked by another process for ${Math.round(lockWaitMs / 1000)} s; stop whatever holds it (a backup, sqlite3 at a prompt, another bot on this file) and start again`,
      { cause: err },
    );
  if (isFull(err)) return new StoreOpenError(`${where}: the disk is full; free some space and start again`, { cause: err });
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return new StoreOpenError(
      `${where}: this file is not a SQLite database, or it is damaged; restore it from a backup, or move it away and the bot starts a new, empty one`,
      { cause: err },
    );
  if (isDirectory(path))
    return new StoreOpenError(`${where}: this is a folder, not a database file; set FEUD_DB_PATH to a file, such as ${shorten(path, 80)}/feud.db`, {
      cause: err,
    });
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    /^E(ACCES|PERM|ROFS|NOTDIR|EXIST|NOENT)$/.test(code)
  )
    return new StoreOpenError(
      `${where}: cannot create or open the database file (${shorten(message, 80)}); make its folder writable by the bot's user, or set FEUD_DB_PATH to a writable place such as ./data/feud.db`,
      { cause: err },
    );
  return new StoreOpenError(`${where}: could not open the database (${shorten(message, 80)})`, { cause: err });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
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

export const toSubscription = (r: SubscriptionRow): Subscription => ({
  platform: r.platform,
  channelId: r.channel_id,
  time: r.time,
  timeZone: r.time_zone,
  lang: r.lang,
  enabled: Boolean(r.enabled),
  since: Number(r.since),
  ...(r.disabled_reason !== null ? { disabledReason: r.disabled_reason } : {}),
});

export interface InstallationRow {
  platform: string;
  workspace_id: string;
  enterprise_id: string | null;
  team_id: string | null;
  is_enterprise_install: number | boolean;
  sealed: string;
  installed_at: number;
  updated_at: number;
}

export const toInstallation = (r: InstallationRow): StoredInstallation => ({
  platform: r.platform,
  workspace: r.workspace_id,
  ...(r.enterprise_id !== null ? { enterpriseId: r.enterprise_id } : {}),
  ...(r.team_id !== null ? { teamId: r.team_id } : {}),
  isEnterpriseInstall: Boolean(r.is_enterprise_install),
  sealed: r.sealed,
  installedAt: Number(r.installed_at),
  updatedAt: Number(r.updated_at),
});

/** An unanswered question as the store returns it: the workspace only where there is one. */
export const toUnanswered = (r: UnansweredQuestion & { workspace_id?: string }): UnansweredQuestion => {
  const { workspace_id: workspace, ...question } = r;
  return { ...question, at: Number(question.at), ...(workspace ? { workspace } : {}) };
};

/** The prefix of a workspace's scoped channel ids, and its length: `substr(channel_id, 1, n) = prefix` in SQL. */
export const workspacePrefix = (workspace: string) => {
  const prefix = workspaceScoped(workspace, '');
  return { prefix, length: prefix.length };
};

export const toPost = (r: PostRow): PostRecord => ({
  platform: r.platform,
  channelId: r.channel_id,
  localDate: r.local_date,
  factId: r.fact_id,
  status: r.status,
  attempts: Number(r.attempts),
  claimedAt: Number(r.claimed_at),
  leaseUntil: Number(r.lease_until),
  takeovers: Number(r.takeovers),
  ...(r.sent_at !== null ? { sentAt: Number(r.sent_at) } : {}),
  ...(r.last_try_at !== null ? { lastTryAt: Number(r.last_try_at) } : {}),
  ...(r.error !== null ? { error: r.error } : {}),
});

function createSqliteStore(db: Database.Database, path: string, keySalt: string, writeWaitMs: number): Store {
  const key = (k: ChannelKey) => ({ platform: k.platform, channel_id: k.channelId });
  const readonly = db.readonly;

  const q = readonly
    ? undefined
    : {
        setListen: db.prepare(
          `INSERT INTO channel_settings (platform, channel_id, listen) VALUES (@platform, @channel_id, @listen)
           ON CONFLICT (platform, channel_id) DO UPDATE SET listen = excluded.listen`,
        ),
        upsertSubscription: db.prepare(
          `INSERT INTO subscriptions (platform, channel_id, time, time_zone, lang, enabled, since, disabled_reason)
           VALUES (@platform, @channel_id, @time, @time_zone, @lang, 1, @since, NULL)
           ON CONFLICT (platform, channel_id) DO UPDATE SET
             time = excluded.time, time_zone = excluded.time_zone, lang = excluded.lang,
             enabled = 1, since = excluded.since, disabled_reason = NULL`,
        ),
        disableSubscription: db.prepare(
          'UPDATE subscriptions SET enabled = 0, disabled_reason = @reason WHERE platform = @platform AND channel_id = @channel_id',
        ),
        saveDeck: db.prepare(
          `INSERT INTO daily_decks (platform, channel_id, state, updated_at) VALUES (@platform, @channel_id, @state, @now)
           ON CONFLICT (platform, channel_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        ),
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
        heartbeat: db.prepare(
          'INSERT INTO scheduler_peers (instance_id, alive_until) VALUES (?, ?) ON CONFLICT (instance_id) DO UPDATE SET alive_until = excluded.alive_until',
        ),
        dropPeers: db.prepare('DELETE FROM scheduler_peers WHERE alive_until <= ?'),
        leave: db.prepare('DELETE FROM scheduler_peers WHERE instance_id = ?'),
        recordUnanswered: db.prepare(
          'INSERT INTO unanswered_questions (text, normalised, lang, platform, at, workspace_id) VALUES (@text, @normalised, @lang, @platform, @at, @workspace)',
        ),
        countFact: db.prepare(
          `INSERT INTO fact_counts (fact_id, platform, workspace_id, answers, helpful, unhelpful, updated_at) VALUES (@fact_id, @platform, @workspace, @answers, @helpful, @unhelpful, @now)
           ON CONFLICT (fact_id, platform, workspace_id) DO UPDATE SET
             answers = answers + excluded.answers, helpful = helpful + excluded.helpful,
             unhelpful = unhelpful + excluded.unhelpful, updated_at = excluded.updated_at`,
        ),
        firstSeen: db.prepare(
          `INSERT INTO seen_events (key, expires_at) VALUES (@key, @expires_at)
           ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= @now`,
        ),
        rateWindow: db.prepare<[string], { window_start: number; count: number }>('SELECT window_start, count FROM rate_windows WHERE key = ?'),
        saveRateWindow: db.prepare(
          `INSERT INTO rate_windows (key, window_start, count) VALUES (@key, @start, @count)
           ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`,
        ),
        saveInstallation: db.prepare(
          `INSERT INTO installations (platform, workspace_id, enterprise_id, team_id, is_enterprise_install, sealed, installed_at, updated_at)
           VALUES (@platform, @workspace, @enterprise_id, @team_id, @is_enterprise_install, @sealed, @installed_at, @updated_at)
           ON CONFLICT (platform, workspace_id) DO UPDATE SET
             enterprise_id = excluded.enterprise_id, team_id = excluded.team_id, is_enterprise_install = excluded.is_enterprise_install,
             sealed = excluded.sealed, updated_at = excluded.updated_at`,
        ),
        forgetWorkspace: [
          'DELETE FROM channel_settings WHERE platform = @platform AND substr(channel_id, 1, @length) = @prefix',
          'DELETE FROM subscriptions WHERE platform = @platform AND substr(channel_id, 1, @length) = @prefix',
          'DELETE FROM daily_decks WHERE platform = @platform AND substr(channel_id, 1, @length) = @prefix',
          'DELETE FROM daily_posts WHERE platform = @platform AND substr(channel_id, 1, @length) = @prefix',
          'DELETE FROM fact_counts WHERE platform = @platform AND workspace_id = @workspace',
          'DELETE FROM unanswered_questions WHERE platform = @platform AND workspace_id = @workspace',
        ].map((sql) => db.prepare(sql)),
        deleteInstallation: db.prepare('DELETE FROM installations WHERE platform = @platform AND workspace_id = @workspace'),
        sweepSeen: db.prepare('DELETE FROM seen_events WHERE expires_at <= ?'),
        sweepRate: db.prepare('DELETE FROM rate_windows WHERE window_start < ?'),
      };
  const writes = () => {
    if (!q) throw new Error('this store was opened read-only');
    return q;
  };

  const r = {
    getSettings: db.prepare<[string, string], { listen: number }>('SELECT listen FROM channel_settings WHERE platform = ? AND channel_id = ?'),
    getSubscription: db.prepare<[string, string], SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?'),
    listSubscriptions: db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, channel_id'),
    getDeck: db.prepare<[string, string], { state: string }>('SELECT state FROM daily_decks WHERE platform = ? AND channel_id = ?'),
    getPost: db.prepare<[string, string, string], PostRow>('SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? AND local_date = ?'),
    lastPost: db.prepare<[string, string], PostRow>('SELECT * FROM daily_posts WHERE platform = ? AND channel_id = ? ORDER BY local_date DESC LIMIT 1'),
    peers: db.prepare<[number], { instance_id: string }>('SELECT instance_id FROM scheduler_peers WHERE alive_until > ? ORDER BY instance_id'),
    listUnanswered: db.prepare<[number, string | null, string | null], UnansweredQuestion & { workspace_id: string }>(
      'SELECT text, normalised, lang, platform, at, workspace_id FROM unanswered_questions WHERE at >= ? AND (? IS NULL OR workspace_id = ?) ORDER BY at, id',
    ),
    factStats: db.prepare<[string | null, string | null], FactStats>(
      `SELECT fact_id AS factId, SUM(answers) AS answers, SUM(helpful) AS helpful, SUM(unhelpful) AS unhelpful
       FROM fact_counts WHERE (? IS NULL OR workspace_id = ?) GROUP BY fact_id ORDER BY answers DESC, fact_id`,
    ),
    getInstallation: db.prepare<[string, string], InstallationRow>('SELECT * FROM installations WHERE platform = ? AND workspace_id = ?'),
    listInstallations: db.prepare<[string, number], InstallationRow>('SELECT * FROM installations WHERE platform = ? ORDER BY workspace_id LIMIT ?'),
    countInstallations: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM installations WHERE platform = ?'),
  };

  /** Every operation: waits out a lock asynchronously; a full disk and a lock held too long become StoreErrors. */
  const run = async <T>(op: () => T): Promise<T> => {
    try {
      return await whileBusy(op, writeWaitMs);
    } catch (err) {
      if (isFull(err)) throw new StoreError('full', `the disk is full: could not write FEUD_DB_PATH=${shorten(path)}`, { cause: err });
      if (isBusy(err))
        throw new StoreError('busy', `FEUD_DB_PATH=${shorten(path)} stayed locked by another process for ${Math.round(writeWaitMs / 1000)} s`, { cause: err });
      throw err;
    }
  };

  // IMMEDIATE: take the write lock before reading, so two processes cannot both see "no post yet"
  const claim = readonly
    ? undefined
    : db.transaction((k: ChannelKey, localDate: string, drawFact: DrawFact, now: number, leaseMs: number): PostRecord | undefined => {
        const w = writes();
        const where = { ...key(k), local_date: localDate };
        const existing = r.getPost.get(k.platform, k.channelId, localDate);
        if (existing) {
          const taken = w.takeOverPost.run({ ...where, now, lease_until: now + leaseMs, max_takeovers: MAX_TAKEOVERS });
          return taken.changes === 1 ? toPost(r.getPost.get(k.platform, k.channelId, localDate)!) : undefined;
        }
        const { factId, deck } = drawFact(parseDeck(r.getDeck.get(k.platform, k.channelId)?.state));
        w.saveDeck.run({ ...key(k), state: JSON.stringify(deck), now });
        w.insertPost.run({ ...where, fact_id: factId, now, lease_until: now + leaseMs });
        return toPost(r.getPost.get(k.platform, k.channelId, localDate)!);
      });

  const curation = db.transaction((entries: readonly CurationEntry[]) => {
    const w = writes();
    for (const e of entries) {
      if (e.type === 'unanswered') {
        const { text, normalised, lang, platform, at } = e.question;
        w.recordUnanswered.run({ text, normalised, lang, platform, at, workspace: e.question.workspace ?? '' });
      } else {
        const counts =
          e.type === 'answer'
            ? { answers: 1, helpful: 0, unhelpful: 0 }
            : e.helpful
              ? { answers: 0, helpful: 1, unhelpful: 0 }
              : { answers: 0, helpful: 0, unhelpful: 1 };
        w.countFact.run({ fact_id: e.factId, platform: e.platform, workspace: e.workspace ?? '', ...counts, now: e.at });
      }
    }
  });

  const rateHits = db.transaction((hits: readonly { key: string; at: number; windowMs: number }[]) => {
    const w = writes();
    for (const hit of hits) {
      const row = w.rateWindow.get(hit.key);
      const next = countHit(row && { start: row.window_start, count: row.count }, hit);
      w.saveRateWindow.run({ key: hit.key, start: next.start, count: next.count });
    }
  });

  const forgetWorkspace = db.transaction((platform: string, workspace: string): boolean => {
    const w = writes();
    const where = { platform, workspace, ...workspacePrefix(workspace) };
    for (const statement of w.forgetWorkspace) statement.run(where);
    return w.deleteInstallation.run({ platform, workspace }).changes === 1;
  });

  const heartbeat = db.transaction((instanceId: string, now: number, leaseMs: number) => {
    const w = writes();
    w.heartbeat.run(instanceId, now + leaseMs);
    w.dropPeers.run(now);
    return r.peers.all(now).map((p) => p.instance_id);
  });

  // expired dedupe keys and old rate windows: swept now and then, never on a reply's path
  const sweeper = readonly
    ? undefined
    : setInterval(() => {
        const now = Date.now();
        void run(() => {
          writes().sweepSeen.run(now);
          writes().sweepRate.run(now - RATE_WINDOW_RETENTION_MS);
        }).catch(() => undefined);
      }, SWEEP_EVERY_MS);
  sweeper?.unref();

  return {
    kind: 'sqlite',
    keySalt,

    getSettings: (k) =>
      run(() => {
        const row = r.getSettings.get(k.platform, k.channelId);
        return { platform: k.platform, channelId: k.channelId, listen: row?.listen === 1 };
      }),
    setListen: (k, listen) => run(() => void writes().setListen.run({ ...key(k), listen: listen ? 1 : 0 })),

    getSubscription: (k) =>
      run(() => {
        const row = r.getSubscription.get(k.platform, k.channelId);
        return row && toSubscription(row);
      }),
    listSubscriptions: () => run(() => r.listSubscriptions.all().map(toSubscription)),
    upsertSubscription: (sub: SubscriptionInput, now: number) =>
      run(() => {
        writes().upsertSubscription.run({ ...key(sub), time: sub.time, time_zone: sub.timeZone, lang: sub.lang, since: now });
        return toSubscription(r.getSubscription.get(sub.platform, sub.channelId)!);
      }),
    disableSubscription: (k, reason) => run(() => void writes().disableSubscription.run({ ...key(k), reason })),

    getDeck: (k) => run(() => parseDeck(r.getDeck.get(k.platform, k.channelId)?.state)),

    claimDailyPost: (k, localDate, drawFact, now, leaseMs) => run(() => claim!.immediate(k, localDate, drawFact, now, leaseMs)),
    markPostSent: (k, localDate, now) => run(() => void writes().markSent.run({ ...key(k), local_date: localDate, now })),
    recordPostRetry: (k, localDate, error, now, leaseUntil) =>
      run(() => void writes().recordRetry.run({ ...key(k), local_date: localDate, error, now, lease_until: leaseUntil })),
    markPostFailed: (k, localDate, error, now) => run(() => void writes().markFailed.run({ ...key(k), local_date: localDate, error, now })),
    getPost: (k, localDate) =>
      run(() => {
        const row = r.getPost.get(k.platform, k.channelId, localDate);
        return row && toPost(row);
      }),
    lastPost: (k) =>
      run(() => {
        const row = r.lastPost.get(k.platform, k.channelId);
        return row && toPost(row);
      }),

    heartbeat: (instanceId, now, leaseMs) => run(() => heartbeat.immediate(instanceId, now, leaseMs)),
    leave: (instanceId) => run(() => void writes().leave.run(instanceId)),

    recordCuration: (entries) => run(() => curation.immediate(entries)),
    listUnanswered: (sinceMs, workspace) => run(() => r.listUnanswered.all(sinceMs, workspace ?? null, workspace ?? null).map(toUnanswered)),
    factStats: (workspace) => run(() => r.factStats.all(workspace ?? null, workspace ?? null)),

    saveInstallation: (i) =>
      run(
        () =>
          void writes().saveInstallation.run({
            platform: i.platform,
            workspace: i.workspace,
            enterprise_id: i.enterpriseId ?? null,
            team_id: i.teamId ?? null,
            is_enterprise_install: i.isEnterpriseInstall ? 1 : 0,
            sealed: i.sealed,
            installed_at: i.installedAt,
            updated_at: i.updatedAt,
          }),
      ),
    getInstallation: (platform, workspace) =>
      run(() => {
        const row = r.getInstallation.get(platform, workspace);
        return row && toInstallation(row);
      }),
    listInstallations: (platform, limit) => run(() => r.listInstallations.all(platform, limit).map(toInstallation)),
    countInstallations: (platform) => run(() => r.countInstallations.get(platform)!.n),
    deleteWorkspace: (platform, workspace) => run(() => forgetWorkspace.immediate(platform, workspace)),

    firstSeen: (k, expiresAtMs, now) => run(() => writes().firstSeen.run({ key: k, expires_at: expiresAtMs, now }).changes === 1),

    rateWindows: (keys) =>
      run(() => {
        const found = new Map<string, RateWindow>();
        for (const k of keys) {
          const row = writes().rateWindow.get(k);
          if (row) found.set(k, { start: row.window_start, count: row.count });
        }
        return found;
      }),
    addRateHits: (hits) => run(() => rateHits.immediate(hits)),

    isHealthy: () => db.open,
    async close() {
      if (sweeper) clearInterval(sweeper);
      if (db.open) db.close();
    },
  };
}
