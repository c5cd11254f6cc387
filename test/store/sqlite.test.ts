import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openSqliteStore } from '../../src/store/sqlite.ts';
import { openConnection } from '../../src/store/sqlite-connection.ts';
import type { DeckState, Store } from '../../src/store/store.ts';
import { storeContract } from './contract.ts';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempPath(...parts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'feud-store-'));
  dirs.push(dir);
  return join(dir, ...parts);
}

async function open(path: string): Promise<Store> {
  const store = await openSqliteStore(path);
  stores.push(store);
  return store;
}

storeContract({
  name: 'sqlite',
  async create() {
    const path = tempPath('feud.db');
    const store = await openSqliteStore(path);
    const connections: Store[] = [store];
    return {
      store,
      async connect() {
        const other = await openSqliteStore(path);
        connections.push(other);
        return other;
      },
      async bumpSchemaVersion() {
        const raw = openConnection(path);
        raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
        raw.close();
      },
      async destroy() {
        for (const c of connections) await c.close();
      },
    };
  },
  async createConcurrently(n) {
    const path = tempPath('feud.db');
    const [store, ...others] = await Promise.all(Array.from({ length: n }, () => openSqliteStore(path)));
    return {
      store: store!,
      others,
      connect: () => openSqliteStore(path),
      destroy: async () => void (await Promise.all([store!, ...others].map((s) => s.close()))),
    };
  },
});

const chan = { platform: 'slack', channelId: 'C1' };
const T0 = Date.UTC(2026, 11, 1, 0, 0);

describe('openSqliteStore on a file', () => {
  it('creates the parent folder, uses WAL, and records the schema version', async () => {
    const path = tempPath('nested', 'data', 'feud.db');
    const store = await open(path);
    expect(existsSync(path)).toBe(true);
    await store.setListen(chan, true);
    const raw = openConnection(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('upgrades a database of the first release in place, keeping its rows', async () => {
    const path = tempPath('feud.db');
    const raw = openConnection(path);
    migrate(raw, MIGRATIONS.slice(0, 1));
    raw.prepare("INSERT INTO channel_settings (platform, channel_id, listen) VALUES ('discord', 'D1', 1)").run();
    raw.close();
    const store = await open(path);
    expect((await store.getSettings({ platform: 'discord', channelId: 'D1' })).listen).toBe(true);
    expect(await store.firstSeen('k', T0 + 1, T0)).toBe(true);
  });

  it('moves the stats of a database from before installations to workspace-less rows, keeping every count', async () => {
    const path = tempPath('feud.db');
    const raw = openConnection(path);
    migrate(raw, MIGRATIONS.slice(0, 2));
    raw.prepare("INSERT INTO fact_counts (fact_id, platform, answers, helpful, unhelpful, updated_at) VALUES ('founding', 'slack', 3, 2, 1, 0)").run();
    raw.prepare("INSERT INTO unanswered_questions (text, normalised, lang, platform, at) VALUES ('weather?', 'weather', 'en', 'slack', 5)").run();
    raw.close();
    const store = await open(path);
    expect(await store.factStats()).toEqual([{ factId: 'founding', answers: 3, helpful: 2, unhelpful: 1 }]);
    expect(await store.listUnanswered(0)).toEqual([{ text: 'weather?', normalised: 'weather', lang: 'en', platform: 'slack', at: 5 }]);
    // and the next answer counts into the same row
    await store.recordCuration([{ type: 'answer', factId: 'founding', platform: 'slack', at: 9 }]);
    expect((await store.factStats())[0]!.answers).toBe(4);
  });

  it('runs only the migrations a database has not had yet, in order, keeping its rows', async () => {
    const path = tempPath('feud.db');
    await (await open(path)).setListen({ platform: 'discord', channelId: 'D1' }, true);
    await stores.pop()!.close();

    const raw = openConnection(path);
    // a later release appends a migration; re-running the first one would fail ("table already exists")
    const later = [...MIGRATIONS, "ALTER TABLE channel_settings ADD COLUMN note TEXT NOT NULL DEFAULT 'none'"];
    expect(migrate(raw, later)).toBe(MIGRATIONS.length + 1);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(raw.prepare("SELECT listen, note FROM channel_settings WHERE channel_id = 'D1'").get()).toEqual({ listen: 1, note: 'none' });
    expect(migrate(raw, later)).toBe(MIGRATIONS.length + 1);
    raw.close();
  });

  it('leaves the database untouched when a migration fails', () => {
    const raw = openConnection(':memory:');
    expect(() => migrate(raw, [...MIGRATIONS, 'CREATE TABLE broken (x'])).toThrow();
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'subscriptions'").get()).toBeUndefined();
    raw.close();
  });

  it('starts a fresh deck when the saved one is unreadable', async () => {
    const path = tempPath('feud.db');
    const store = await open(path);
    await store.claimDailyPost(chan, '2026-12-01', () => ({ factId: 'a', deck: { order: ['a'], position: 1 } }), T0, 60_000);
    const raw = openConnection(path);
    raw.prepare('UPDATE daily_decks SET state = \'{"order": 5}\'').run();
    raw.close();
    const seen: (DeckState | undefined)[] = [];
    await store.claimDailyPost(
      chan,
      '2026-12-02',
      (deck) => {
        seen.push(deck);
        return { factId: 'b', deck: { order: ['b'], position: 1 } };
      },
      T0,
      60_000,
    );
    expect(seen).toEqual([undefined]);
  });
});
