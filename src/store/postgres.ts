/**
 * The Store on PostgreSQL (node-postgres, a bounded pool), for several instances on one database.
 * - Migrations: versioned SQL, all pending ones in one transaction under an advisory lock, so
 *   instances starting together migrate once; a database from a newer bot refuses to start.
 * - Daily claims: one row per (channel, local day) that only one transaction can insert; a
 *   per-channel advisory lock, tried and never waited for, makes a second instance skip a
 *   channel another is claiming right now (as FOR UPDATE SKIP LOCKED would).
 * - A lost connection is a log line and isHealthy() false (so /healthz says 503); the pool
 *   reconnects on the next query, and a ping every few seconds notices when it is back.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../log.ts';
import { maskUrl, StoreError, StoreOpenError, StoreVersionError, shorten } from './errors.ts';
import { MAX_TAKEOVERS, parseDeck, RATE_WINDOW_RETENTION_MS } from './rules.ts';
import { toInstallation, toPost, toSubscription, toUnanswered, workspacePrefix } from './sqlite.ts';
import type { ChannelKey, FactStats, PostRecord, RateWindow, Store, UnansweredQuestion } from './store.ts';

/** Entry i moves the schema from version i to i + 1. Append only. */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE channel_settings (
    platform   text NOT NULL,
    channel_id text NOT NULL,
    listen     boolean NOT NULL DEFAULT false,
    lang       text CHECK (lang IN ('en', 'ko')),
    PRIMARY KEY (platform, channel_id)
  );
  CREATE TABLE subscriptions (
    platform        text NOT NULL,
    channel_id      text NOT NULL,
    time            text NOT NULL,
    time_zone       text NOT NULL,
    lang            text NOT NULL CHECK (lang IN ('en', 'ko', 'both')),
    enabled         boolean NOT NULL,
    since           bigint NOT NULL,
    disabled_reason text,
    PRIMARY KEY (platform, channel_id)
  );
  CREATE TABLE daily_decks (
    platform   text NOT NULL,
    channel_id text NOT NULL,
    state      text NOT NULL,
    updated_at bigint NOT NULL,
    PRIMARY KEY (platform, channel_id)
  );
  -- One row per channel and local day: the primary key is what stops a second post.
  CREATE TABLE daily_posts (
    platform    text NOT NULL,
    channel_id  text NOT NULL,
    local_date  text NOT NULL,
    fact_id     text NOT NULL,
    status      text NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
    attempts    integer NOT NULL DEFAULT 0,
    claimed_at  bigint NOT NULL,
    lease_until bigint NOT NULL,
    takeovers   integer NOT NULL DEFAULT 0,
    sent_at     bigint,
    last_try_at bigint,
    error       text,
    PRIMARY KEY (platform, channel_id, local_date)
  );
  -- No user ids, anywhere.
  CREATE TABLE unanswered_questions (
    id         bigserial PRIMARY KEY,
    text       text NOT NULL,
    normalised text NOT NULL,
    lang       text NOT NULL,
    platform   text NOT NULL,
    at         bigint NOT NULL
  );
  CREATE INDEX unanswered_questions_at ON unanswered_questions (at);
  CREATE TABLE fact_counts (
    fact_id    text NOT NULL,
    platform   text NOT NULL,
    answers    integer NOT NULL DEFAULT 0,
    helpful    integer NOT NULL DEFAULT 0,
    unhelpful  integer NOT NULL DEFAULT 0,
    updated_at bigint NOT NULL,
    PRIMARY KEY (fact_id, platform)
  );
  CREATE TABLE meta (
    name  text PRIMARY KEY,
    value text NOT NULL
  );
  CREATE TABLE seen_events (
    key        text PRIMARY KEY,
    expires_at bigint NOT NULL
  );
  CREATE INDEX seen_events_expires ON seen_events (expires_at);
  CREATE TABLE rate_windows (
    key          text PRIMARY KEY,
    window_start bigint NOT NULL,
    count        integer NOT NULL
  );
  CREATE TABLE scheduler_peers (
    instance_id text PRIMARY KEY,
    alive_until bigint NOT NULL
  );
  `,
  `
  -- The app installed in many workspaces (Slack OAuth): one row per workspace, or per enterprise
  -- for an org-wide install. sealed is the installation encrypted with FEUD_ENCRYPTION_KEY.
  CREATE TABLE installations (
    platform              text NOT NULL,
    workspace_id          text NOT NULL,
    enterprise_id         text,
    team_id               text,
    is_enterprise_install boolean NOT NULL,
    sealed                text NOT NULL,
    installed_at          bigint NOT NULL,
    updated_at            bigint NOT NULL,
    PRIMARY KEY (platform, workspace_id)
  );
  -- Stats per workspace ('' where the bot serves one workspace, or on Discord).
  ALTER TABLE unanswered_questions ADD COLUMN workspace_id text NOT NULL DEFAULT '';
  ALTER TABLE fact_counts ADD COLUMN workspace_id text NOT NULL DEFAULT '';
  ALTER TABLE fact_counts DROP CONSTRAINT fact_counts_pkey;
  ALTER TABLE fact_counts ADD PRIMARY KEY (fact_id, platform, workspace_id);
  `,
];

export interface OpenPostgresOptions {
  url: string;
  /** Most connections this instance holds (default 10). */
  poolSize?: number;
  /** Work in this schema (search_path); tests give each suite its own. Created if missing. */
  schema?: string;
  /** Only check the schema version (reports): no migration. */
  migrate?: boolean;
  logger?: Logger;
  /** How often a lost connection is re-tried for health (default 5 s). */
  pingEveryMs?: number;
  /** The migrations to run (tests append one). */
  migrations?: readonly string[];
}

const SWEEP_EVERY_MS = 60_000;
/** Postgres's SQLSTATE for "disk full". */
const DISK_FULL = '53100';
/** Connection-level failures: the server went away or cannot be reached. */
const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE|57P01|57P02|57P03|08\d\d\d)$/;

type PgError = Error & { code?: string };
const codeOf = (err: unknown) => String((err as PgError)?.code ?? '');
const isConnectionError = (err: unknown) =>
  CONNECTION_CODES.test(codeOf(err)) || /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test((err as Error)?.message ?? '');

/** bigint (oid 20) as a number: epoch ms and counts fit in 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function openPostgresStore(options: OpenPostgresOptions): Promise<Store> {
  const where = `DATABASE_URL=${maskUrl(options.url)}`;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {}),
  });
  // an idle client losing its server emits here; without a listener that would crash the process
  let healthy = true;
  const logger = options.logger;
  const lost = (err: unknown) => {
    if (healthy) logger?.error({ err: (err as Error)?.message }, 'PostgreSQL connection lost; reconnecting');
    healthy = false;
  };
  pool.on('error', lost);
  try {
    const migrations = options.migrations ?? PG_MIGRATIONS;
    if (options.migrate === false) await checkVersion(pool, migrations.length);
    else await migratePostgres(pool, migrations, options.schema);
    await pool.query("INSERT INTO meta (name, value) VALUES ('key_salt', $1) ON CONFLICT (name) DO NOTHING", [randomBytes(16).toString('hex')]);
    const salt = (await pool.query<{ value: string }>("SELECT value FROM meta WHERE name = 'key_salt'")).rows[0]!.value;
    return createPostgresStore(pool, salt, {
      lost,
      setHealthy: (h) => (healthy = h),
      isHealthy: () => healthy,
      logger,
      pingEveryMs: options.pingEveryMs ?? 5000,
      where,
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw describeOpenFailure(where, err);
  }
}

/** All pending migrations in one transaction, under an advisory lock held until it commits. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly string[] = PG_MIGRATIONS, schema?: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('feud-bot migrations ' || coalesce($1, current_schema()), 0))", [schema ?? null]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const row = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const current = row?.version ?? 0;
    if (current > migrations.length) throw new StoreVersionError(current, migrations.length);
    for (let v = current; v < migrations.length; v++) await client.query(migrations[v]!);
    if (!row) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [migrations.length]);
    else if (current !== migrations.length) await client.query('UPDATE schema_version SET version = $1', [migrations.length]);
    await client.query('COMMIT');
    return migrations.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function checkVersion(pool: pg.Pool, known: number): Promise<void> {
  const found = await pool.query<{ version: number }>('SELECT version FROM schema_version').then(
    (r) => r.rows[0]?.version ?? 0,
    () => 0,
  );
  if (found > known) throw new StoreVersionError(found, known);
  if (found < known) throw new Error(`the database has schema version ${found}, older than this bot's ${known}; start the bot once to upgrade it`);
}

function describeOpenFailure(where: string, err: unknown): Error {
  const message = (err as Error)?.message ?? String(err);
  const code = codeOf(err);
  if (err instanceof StoreVersionError) return new StoreOpenError(`${where}: ${message}`, { cause: err });
  if (isConnectionError(err) || code === '' || code.startsWith('E'))
    return new StoreOpenError(
      `${where}: cannot connect to PostgreSQL (${shorten(message, 80)}); check that the server is running and reachable and that the URL's host, port and database are right`,
      { cause: err },
    );
  if (code === '28P01' || code === '28000')
    return new StoreOpenError(`${where}: PostgreSQL refused the login (${shorten(message, 80)}); check the user and password in DATABASE_URL`, { cause: err });
  if (code === '3D000')
    return new StoreOpenError(`${where}: the database does not exist (${shorten(message, 80)}); create it (createdb) or fix its name in DATABASE_URL`, {
      cause: err,
    });
  if (code === DISK_FULL) return new StoreOpenError(`${where}: the database server's disk is full; free some space and start again`, { cause: err });
  return new StoreOpenError(`${where}: could not open the database (${shorten(message, 80)})`, { cause: err });
}

interface Health {
  lost(err: unknown): void;
  setHealthy(healthy: boolean): void;
  isHealthy(): boolean;
  logger: Logger | undefined;
  pingEveryMs: number;
  where: string;
}

function createPostgresStore(pool: pg.Pool, keySalt: string, health: Health): Store {
  let closed = false;

  /** Every query: a lost connection marks the store unhealthy; a full disk becomes a StoreError. */
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      if (!health.isHealthy()) {
        health.setHealthy(true);
        health.logger?.info('PostgreSQL connection is back');
      }
      return result;
    } catch (err) {
      if (codeOf(err) === DISK_FULL) throw new StoreError('full', `the disk is full: the database server at ${health.where} could not write`, { cause: err });
      if (isConnectionError(err)) {
        health.lost(err);
        throw new StoreError('unavailable', `PostgreSQL is unreachable (${shorten((err as Error).message, 80)})`, { cause: err });
      }
      throw err;
    }
  };
  const query = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []) => guard(() => pool.query<R>(text, values));
  const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> =>
    guard(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    });

  const ping = setInterval(() => {
    if (closed) return;
    void query('SELECT 1').catch(() => undefined);
  }, health.pingEveryMs);
  ping.unref();
  const sweeper = setInterval(() => {
    const now = Date.now();
    void query('DELETE FROM seen_events WHERE expires_at <= $1', [now])
      .then(() => query('DELETE FROM rate_windows WHERE window_start < $1', [now - RATE_WINDOW_RETENTION_MS]))
      .catch(() => undefined);
  }, SWEEP_EVERY_MS);
  sweeper.unref();

  const postWhere = 'platform = $1 AND channel_id = $2 AND local_date = $3';
  const keyArgs = (k: ChannelKey) => [k.platform, k.channelId];

  return {
    kind: 'postgres',
    keySalt,

    async getSettings(k) {
      const row = (await query<{ listen: boolean }>('SELECT listen FROM channel_settings WHERE platform = $1 AND channel_id = $2', keyArgs(k))).rows[0];
      return { platform: k.platform, channelId: k.channelId, listen: row?.listen ?? false };
    },
    async setListen(k, listen) {
      await query(
        `INSERT INTO channel_settings (platform, channel_id, listen) VALUES ($1, $2, $3)
         ON CONFLICT (platform, channel_id) DO UPDATE SET listen = EXCLUDED.listen`,
        [...keyArgs(k), listen],
      );
    },

    async getSubscription(k) {
      const row = (await query('SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2', keyArgs(k))).rows[0];
      return row && toSubscription(row as never);
    },
    async listSubscriptions() {
      // COLLATE "C": the same byte order SQLite and the memory store use
      return (await query('SELECT * FROM subscriptions ORDER BY platform COLLATE "C", channel_id COLLATE "C"')).rows.map((row) => toSubscription(row as never));
    },
    async upsertSubscription(sub, now) {
      const row = (
        await query(
          `INSERT INTO subscriptions (platform, channel_id, time, time_zone, lang, enabled, since, disabled_reason)
           VALUES ($1, $2, $3, $4, $5, true, $6, NULL)
           ON CONFLICT (platform, channel_id) DO UPDATE SET
             time = EXCLUDED.time, time_zone = EXCLUDED.time_zone, lang = EXCLUDED.lang,
             enabled = true, since = EXCLUDED.since, disabled_reason = NULL
           RETURNING *`,
          [...keyArgs(sub), sub.time, sub.timeZone, sub.lang, now],
        )
      ).rows[0];
      return toSubscription(row as never);
    },
    async disableSubscription(k, reason) {
      await query('UPDATE subscriptions SET enabled = false, disabled_reason = $3 WHERE platform = $1 AND channel_id = $2', [...keyArgs(k), reason]);
    },

    async getDeck(k) {
      const row = (await query<{ state: string }>('SELECT state FROM daily_decks WHERE platform = $1 AND channel_id = $2', keyArgs(k))).rows[0];
      return parseDeck(row?.state);
    },

    claimDailyPost: (k, localDate, drawFact, now, leaseMs) =>
      transaction(async (client): Promise<PostRecord | undefined> => {
        // another instance claiming this channel right now: leave it to them rather than wait
        const locked = await client.query<{ ok: boolean }>(
          "SELECT pg_try_advisory_xact_lock(hashtextextended('feud-bot claim ' || $1 || ' ' || $2, 0)) AS ok",
          keyArgs(k),
        );
        if (!locked.rows[0]?.ok) return undefined;
        const args = [...keyArgs(k), localDate];
        const existing = (await client.query(`SELECT * FROM daily_posts WHERE ${postWhere}`, args)).rows[0];
        if (existing) {
          const taken = await client.query(
            `UPDATE daily_posts SET lease_until = $4, takeovers = takeovers + 1
             WHERE ${postWhere} AND status = 'claimed' AND lease_until <= $5 AND takeovers < $6 RETURNING *`,
            [...args, now + leaseMs, now, MAX_TAKEOVERS],
          );
          return taken.rows[0] ? toPost(taken.rows[0] as never) : undefined;
        }
        const deckRow = (await client.query<{ state: string }>('SELECT state FROM daily_decks WHERE platform = $1 AND channel_id = $2', keyArgs(k))).rows[0];
        const { factId, deck } = drawFact(parseDeck(deckRow?.state));
        await client.query(
          `INSERT INTO daily_decks (platform, channel_id, state, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (platform, channel_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
          [...keyArgs(k), JSON.stringify(deck), now],
        );
        const inserted = await client.query(
          `INSERT INTO daily_posts (platform, channel_id, local_date, fact_id, status, attempts, claimed_at, lease_until, takeovers)
           VALUES ($1, $2, $3, $4, 'claimed', 0, $5, $6, 0) ON CONFLICT DO NOTHING RETURNING *`,
          [...args, factId, now, now + leaseMs],
        );
        if (!inserted.rows[0]) throw new Error('daily post claimed concurrently despite the channel lock');
        return toPost(inserted.rows[0] as never);
      }),
    async markPostSent(k, localDate, now) {
      await query(`UPDATE daily_posts SET status = 'sent', attempts = attempts + 1, sent_at = $4, last_try_at = $4 WHERE ${postWhere}`, [
        ...keyArgs(k),
        localDate,
        now,
      ]);
    },
    async recordPostRetry(k, localDate, error, now, leaseUntil) {
      await query(`UPDATE daily_posts SET attempts = attempts + 1, error = $4, lease_until = $5, last_try_at = $6 WHERE ${postWhere} AND status = 'claimed'`, [
        ...keyArgs(k),
        localDate,
        error,
        leaseUntil,
        now,
      ]);
    },
    async markPostFailed(k, localDate, error, now) {
      await query(`UPDATE daily_posts SET status = 'failed', attempts = attempts + 1, error = $4, last_try_at = $5 WHERE ${postWhere} AND status <> 'sent'`, [
        ...keyArgs(k),
        localDate,
        error,
        now,
      ]);
    },
    async getPost(k, localDate) {
      const row = (await query(`SELECT * FROM daily_posts WHERE ${postWhere}`, [...keyArgs(k), localDate])).rows[0];
      return row && toPost(row as never);
    },
    async lastPost(k) {
      const row = (await query('SELECT * FROM daily_posts WHERE platform = $1 AND channel_id = $2 ORDER BY local_date DESC LIMIT 1', keyArgs(k))).rows[0];
      return row && toPost(row as never);
    },

    heartbeat: (instanceId, now, leaseMs) =>
      transaction(async (client) => {
        await client.query(
          'INSERT INTO scheduler_peers (instance_id, alive_until) VALUES ($1, $2) ON CONFLICT (instance_id) DO UPDATE SET alive_until = EXCLUDED.alive_until',
          [instanceId, now + leaseMs],
        );
        await client.query('DELETE FROM scheduler_peers WHERE alive_until <= $1', [now]);
        return (
          await client.query<{ instance_id: string }>('SELECT instance_id FROM scheduler_peers WHERE alive_until > $1 ORDER BY instance_id COLLATE "C"', [now])
        ).rows.map((r) => r.instance_id);
      }),
    async leave(instanceId) {
      await query('DELETE FROM scheduler_peers WHERE instance_id = $1', [instanceId]);
    },

    recordCuration: (entries) =>
      transaction(async (client) => {
        for (const e of entries) {
          if (e.type === 'unanswered') {
            const q = e.question;
            await client.query('INSERT INTO unanswered_questions (text, normalised, lang, platform, at, workspace_id) VALUES ($1, $2, $3, $4, $5, $6)', [
              q.text,
              q.normalised,
              q.lang,
              q.platform,
              q.at,
              q.workspace ?? '',
            ]);
          } else {
            const [answers, helpful, unhelpful] = e.type === 'answer' ? [1, 0, 0] : e.helpful ? [0, 1, 0] : [0, 0, 1];
            await client.query(
              `INSERT INTO fact_counts (fact_id, platform, workspace_id, answers, helpful, unhelpful, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (fact_id, platform, workspace_id) DO UPDATE SET
                 answers = fact_counts.answers + EXCLUDED.answers, helpful = fact_counts.helpful + EXCLUDED.helpful,
                 unhelpful = fact_counts.unhelpful + EXCLUDED.unhelpful, updated_at = EXCLUDED.updated_at`,
              [e.factId, e.platform, e.workspace ?? '', answers, helpful, unhelpful, e.at],
            );
          }
        }
      }),
    async listUnanswered(sinceMs, workspace) {
      const rows = await query<UnansweredQuestion & { workspace_id: string }>(
        'SELECT text, normalised, lang, platform, at, workspace_id FROM unanswered_questions WHERE at >= $1 AND ($2::text IS NULL OR workspace_id = $2) ORDER BY at, id',
        [sinceMs, workspace ?? null],
      );
      return rows.rows.map(toUnanswered);
    },
    async factStats(workspace) {
      return (
        await query<FactStats>(
          `SELECT fact_id AS "factId", SUM(answers)::bigint AS answers, SUM(helpful)::bigint AS helpful, SUM(unhelpful)::bigint AS unhelpful
           FROM fact_counts WHERE ($1::text IS NULL OR workspace_id = $1) GROUP BY fact_id ORDER BY answers DESC, fact_id COLLATE "C"`,
          [workspace ?? null],
        )
      ).rows;
    },

    async saveInstallation(i) {
      await query(
        `INSERT INTO installations (platform, workspace_id, enterprise_id, team_id, is_enterprise_install, sealed, installed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (platform, workspace_id) DO UPDATE SET
           enterprise_id = EXCLUDED.enterprise_id, team_id = EXCLUDED.team_id, is_enterprise_install = EXCLUDED.is_enterprise_install,
           sealed = EXCLUDED.sealed, updated_at = EXCLUDED.updated_at`,
        [i.platform, i.workspace, i.enterpriseId ?? null, i.teamId ?? null, i.isEnterpriseInstall, i.sealed, i.installedAt, i.updatedAt],
      );
    },
    async getInstallation(platform, workspace) {
      const row = (await query('SELECT * FROM installations WHERE platform = $1 AND workspace_id = $2', [platform, workspace])).rows[0];
      return row && toInstallation(row as never);
    },
    async listInstallations(platform, limit) {
      return (await query('SELECT * FROM installations WHERE platform = $1 ORDER BY workspace_id COLLATE "C" LIMIT $2', [platform, limit])).rows.map((row) =>
        toInstallation(row as never),
      );
    },
    async countInstallations(platform) {
      return Number((await query<{ n: string }>('SELECT count(*) AS n FROM installations WHERE platform = $1', [platform])).rows[0]!.n);
    },
    deleteWorkspace: (platform, workspace) =>
      transaction(async (client) => {
        const { prefix, length } = workspacePrefix(workspace);
        for (const table of ['channel_settings', 'subscriptions', 'daily_decks', 'daily_posts']) {
          await client.query(`DELETE FROM ${table} WHERE platform = $1 AND substr(channel_id, 1, $2) = $3`, [platform, length, prefix]);
        }
        for (const table of ['fact_counts', 'unanswered_questions'])
          await client.query(`DELETE FROM ${table} WHERE platform = $1 AND workspace_id = $2`, [platform, workspace]);
        return (await client.query('DELETE FROM installations WHERE platform = $1 AND workspace_id = $2', [platform, workspace])).rowCount === 1;
      }),

    async firstSeen(key, expiresAtMs, now) {
      const result = await query(
        `INSERT INTO seen_events (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE seen_events.expires_at <= $3
         RETURNING key`,
        [key, expiresAtMs, now],
      );
      return result.rowCount === 1;
    },

    async rateWindows(keys) {
      const found = new Map<string, RateWindow>();
      if (keys.length === 0) return found;
      const rows = (
        await query<{ key: string; window_start: number; count: number }>('SELECT key, window_start, count FROM rate_windows WHERE key = ANY($1)', [keys])
      ).rows;
      for (const row of rows) found.set(row.key, { start: row.window_start, count: row.count });
      return found;
    },
    addRateHits: (hits) =>
      transaction(async (client) => {
        // one atomic upsert per hit, so hits from several instances at once all count (the rule of countHit)
        for (const hit of hits) {
          await client.query(
            `INSERT INTO rate_windows (key, window_start, count) VALUES ($1, $2, 1)
             ON CONFLICT (key) DO UPDATE SET
               window_start = CASE WHEN $2 - rate_windows.window_start >= $3 THEN $2 ELSE rate_windows.window_start END,
               count = CASE WHEN $2 - rate_windows.window_start >= $3 THEN 1 ELSE rate_windows.count + 1 END`,
            [hit.key, hit.at, hit.windowMs],
          );
        }
      }),

    isHealthy: () => !closed && health.isHealthy(),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ping);
      clearInterval(sweeper);
      await pool.end();
    },
  };
}
