/**
 * `npm run bench:store`: the store under the two loads that matter.
 * - Daily fan-out: 1,000 channels subscribed to one slot, posted by 1 and by 2 bot processes on
 *   SQLite and on PostgreSQL (each send simulated as a 20 ms round trip, 4 at a time per
 *   instance): time until all are posted, posts per second, duplicates (must be 0).
 * - The ask path: what a question costs in store I/O on each store (memory, SQLite, PostgreSQL):
 *   the shared cooldown read it waits for, the bookkeeping enqueue it does instead of writing,
 *   and for comparison the write it used to wait for (one curation row, written through).
 * PostgreSQL runs when FEUD_BENCH_DATABASE_URL (or FEUD_TEST_DATABASE_URL) is set.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSharedRateLimit } from '../src/bot/shared-rate-limit.ts';
import { silentLogger } from '../src/log.ts';
import { createMemoryStore } from '../src/store/memory.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { CurationEntry, RateHit, Store } from '../src/store/store.ts';
import { createWriteBehind } from '../src/store/write-behind.ts';

const CHANNELS = 1000;
const PG_URL = process.env.FEUD_BENCH_DATABASE_URL || process.env.FEUD_TEST_DATABASE_URL || undefined;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function runInstance(where: string, startAt: number, schema?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['bench/store-instance.ts', where, String(startAt), ...(schema ? [schema] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`instance exited with ${code}: ${err}`));
    });
  });
}

async function fanOut(name: string, store: Store, where: string, instances: number, schema?: string) {
  for (let i = 0; i < CHANNELS; i++)
    await store.upsertSubscription({ platform: 'slack', channelId: `C${String(i).padStart(4, '0')}`, time: '09:00', timeZone: 'UTC', lang: 'en' }, 0);
  // time for every instance to start and say it is alive before the slot
  const startAt = Date.now() + 4000;
  const outputs = await Promise.all(Array.from({ length: instances }, () => runInstance(where, startAt, schema)));
  const posts = outputs.flatMap((o) =>
    o
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { channelId: string; at: number }),
  );
  const seconds = (Math.max(...posts.map((p) => p.at)) - startAt) / 1000;
  const distinct = new Set(posts.map((p) => p.channelId)).size;
  const shares = outputs.map((o) => o.split('\n').filter(Boolean).length);
  return {
    store: name,
    instances,
    posted: distinct,
    duplicates: posts.length - distinct,
    seconds: Number(seconds.toFixed(2)),
    posts_per_s: Math.round(distinct / seconds),
    shares,
  };
}

async function askPath(name: string, store: Store) {
  const N = 2000;
  const hits = createWriteBehind<RateHit>({ name: 'rate-limit counts', write: (b) => store.addRateHits(b), logger: silentLogger });
  const curation = createWriteBehind<CurationEntry>({ name: 'curation entries', write: (b) => store.recordCuration(b), logger: silentLogger });
  const cooldown = createSharedRateLimit('user-cooldown', 1, 3000, { store, hits, salt: store.keySalt, logger: silentLogger, readTimeoutMs: 1000 });
  const read: number[] = [];
  const enqueue: number[] = [];
  const writeThrough: number[] = [];
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    await cooldown.check(`slack:U${i}`, Date.now());
    cooldown.take(`slack:U${i}`, Date.now());
    read.push(performance.now() - t);
    t = performance.now();
    curation.add({ type: 'answer', factId: 'openai-founding', platform: 'slack', at: Date.now() });
    enqueue.push(performance.now() - t);
    t = performance.now();
    await store.recordCuration([
      { type: 'unanswered', question: { text: `question ${i}`, normalised: `question ${i}`, lang: 'en', platform: 'slack', at: Date.now() } },
    ]);
    writeThrough.push(performance.now() - t);
  }
  const t = performance.now();
  await Promise.all([hits.flush(), curation.flush()]);
  const drain = performance.now() - t;
  await Promise.all([hits.close(), curation.close()]);
  const ms = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `p50 ${percentile(s, 50).toFixed(3)} / p99 ${percentile(s, 99).toFixed(3)} ms`;
  };
  return {
    store: name,
    cooldown_read: ms(read),
    bookkeeping_enqueue: ms(enqueue),
    write_through_per_row: ms(writeThrough),
    drain_backlog_ms: Math.round(drain),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'feud-bench-store-'));
  const fanouts = [];
  const asks = [];
  try {
    for (const instances of [1, 2]) {
      const path = join(dir, `fanout-${instances}.db`);
      const store = await openSqliteStore(path);
      fanouts.push(await fanOut('sqlite', store, path, instances));
      await store.close();
    }
    if (PG_URL) {
      for (const instances of [1, 2]) {
        const schema = `feud_bench_${Date.now()}_${instances}`;
        const store = await openPostgresStore({ url: PG_URL, schema });
        try {
          fanouts.push(await fanOut('postgres', store, PG_URL, instances, schema));
        } finally {
          await store.close();
          await dropSchema(PG_URL, schema);
        }
      }
    } else {
      console.log('PostgreSQL skipped: set FEUD_BENCH_DATABASE_URL=postgres://… to include it');
    }
    console.log(`\ndaily fan-out, ${CHANNELS} channels at one slot (send = 20 ms, 4 at a time per instance)`);
    console.table(fanouts);

    asks.push(await askPath('memory', createMemoryStore()));
    const sqlite = await openSqliteStore(join(dir, 'ask.db'));
    asks.push(await askPath('sqlite', sqlite));
    await sqlite.close();
    if (PG_URL) {
      const schema = `feud_bench_ask_${Date.now()}`;
      const store = await openPostgresStore({ url: PG_URL, schema });
      asks.push(await askPath('postgres', store));
      await store.close();
      await dropSchema(PG_URL, schema);
    }
    console.log('\nask path, 2,000 questions: what a reply waits for (cooldown read, enqueue) vs. the write it no longer waits for');
    console.table(asks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const duplicates = fanouts.reduce((n, f) => n + f.duplicates, 0);
  if (duplicates > 0 || fanouts.some((f) => f.posted !== CHANNELS)) {
    console.error(`FAILED: ${duplicates} duplicate posts, or channels left unposted`);
    process.exitCode = 1;
  }
}

async function dropSchema(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

await main();
