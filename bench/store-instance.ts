/**
 * One bot instance for `npm run bench:store`'s fan-out: its own store connection and daily
 * scheduler, posting with a simulated send of SEND_MS (a chat.postMessage round trip). Before
 * `startAt` its clock reads one minute before the slot (a tick then only says it is alive);
 * from `startAt` on it reads the slot, and it ticks until a tick posts nothing. Each post is
 * one JSON line on stdout.
 *
 *   tsx bench/store-instance.ts <sqlite path | postgres url> <startAt epoch ms> [schema]
 */
import { createFeud } from '../src/core/feud.ts';
import { loadFacts } from '../src/knowledge/load.ts';
import { silentLogger } from '../src/log.ts';
import { createDailyScheduler } from '../src/schedule/daily-scheduler.ts';
import { openPostgresStore } from '../src/store/postgres.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';

export const SLOT = Date.parse('2026-12-01T09:00:00Z');
const SEND_MS = 20;

const [where, startAtArg, schema] = process.argv.slice(2);
if (!where || !startAtArg) {
  console.error('usage: store-instance.ts <sqlite path | postgres url> <startAt epoch ms> [schema]');
  process.exit(2);
}
const startAt = Number(startAtArg);
const store = where.startsWith('postgres') ? await openPostgresStore({ url: where, ...(schema ? { schema } : {}) }) : await openSqliteStore(where);
let posted = 0;
const scheduler = createDailyScheduler({
  store,
  feud: createFeud(loadFacts()),
  clock: { now: () => (Date.now() < startAt ? SLOT - 60_000 : SLOT + (Date.now() - startAt)) },
  logger: silentLogger,
  post: async (channel) => {
    await new Promise((resolve) => setTimeout(resolve, SEND_MS));
    posted++;
    process.stdout.write(`${JSON.stringify({ channelId: channel.channelId, at: Date.now() })}\n`);
  },
});
await scheduler.tick(); // says it is alive; nothing is due yet
const wait = startAt - Date.now();
if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
for (let before = -1; before !== posted; ) {
  before = posted;
  await scheduler.tick();
}
await scheduler.stop();
await store.close();
