import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConnection } from '../../src/store/sqlite-connection.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, StoreVersionError, migrate, openStore } from '../../src/store/sqlite.ts';
import type { DeckState, Store } from '../../src/store/store.ts';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempPath(...parts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'feud-store-'));
  dirs.push(dir);
  return join(dir, ...parts);
}

function open(path: string): Store {
  const store = openStore(path);
  stores.push(store);
  return store;
}

const chan = { platform: 'slack', channelId: 'C1' };
const T0 = Date.UTC(2026, 11, 1, 0, 0);
const firstFact = (factId: string) => () => ({ factId, deck: { order: [factId], position: 1, last: factId } });

describe('openStore on a file', () => {
  it('creates the parent folder, migrates a fresh file, and keeps data across a re-open', () => {
    const path = tempPath('nested', 'data', 'feud.db');
    const first = open(path);
    expect(existsSync(path)).toBe(true);
    first.setListen(chan, true);
    first.upsertSubscription({ ...chan, time: '09:00', timeZone: 'Asia/Seoul', lang: 'ko' }, T0);
    first.claimDailyPost(chan, '2026-12-01', firstFact('founding'), T0, 60_000);
    first.markPostSent(chan, '2026-12-01', T0 + 500);
    first.recordFeedback('founding', true, 'slack', T0);
    first.close();
    expect(first.isOpen()).toBe(false);

    const again = open(path);
    expect(again.getSettings(chan).listen).toBe(true);
    expect(again.getSubscription(chan)).toMatchObject({ time: '09:00', timeZone: 'Asia/Seoul', lang: 'ko', enabled: true, since: T0 });
    expect(again.getPost(chan, '2026-12-01')).toMatchObject({ factId: 'founding', status: 'sent', attempts: 1, sentAt: T0 + 500 });
    expect(again.factStats()).toEqual([{ factId: 'founding', answers: 0, helpful: 1, unhelpful: 0 }]);
    again.close();

    const raw = openConnection(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a database written by a newer bot instead of corrupting it', () => {
    const path = tempPath('feud.db');
    open(path).close();
    const raw = openConnection(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openStore(path)).toThrow(StoreVersionError);
    expect(() => openStore(path)).toThrow(`schema version ${MIGRATIONS.length + 1} but this bot only knows up to ${MIGRATIONS.length}`);
  });

  it('runs only the migrations a database has not had yet, in order, keeping its rows', () => {
    const path = tempPath('feud.db');
    open(path).setListen({ platform: 'discord', channelId: 'D1' }, true);
    stores.pop()!.close();

    const raw = openConnection(path);
    // a later release appends a migration; re-running the first one would fail ("table already exists")
    const later = [...MIGRATIONS, "ALTER TABLE channel_settings ADD COLUMN note TEXT NOT NULL DEFAULT 'none'"];
    expect(migrate(raw, later)).toBe(MIGRATIONS.length + 1);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(raw.prepare("SELECT listen, note FROM channel_settings WHERE channel_id = 'D1'").get()).toEqual({ listen: 1, note: 'none' });
    // and a second start changes nothing
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
});

describe('channel settings', () => {
  it('defaults to not listening, and keeps a channel listening once set', () => {
    const store = open(':memory:');
    expect(store.getSettings(chan)).toEqual({ ...chan, listen: false });
    store.setListen(chan, true);
    expect(store.getSettings(chan)).toEqual({ ...chan, listen: true });
    store.setListen(chan, false);
    expect(store.getSettings(chan)).toEqual({ ...chan, listen: false });
    // same channel id on another platform is another channel
    expect(store.getSettings({ platform: 'discord', channelId: 'C1' }).listen).toBe(false);
  });
});

describe('subscriptions', () => {
  it('turns on, changes, is disabled with a reason, and re-enables clearing the reason', () => {
    const store = open(':memory:');
    store.upsertSubscription({ ...chan, time: '09:00', timeZone: 'Asia/Seoul', lang: 'en' }, T0);
    const changed = store.upsertSubscription({ ...chan, time: '07:30', timeZone: 'America/New_York', lang: 'both' }, T0 + 1000);
    expect(changed).toEqual({ ...chan, time: '07:30', timeZone: 'America/New_York', lang: 'both', enabled: true, since: T0 + 1000 });
    store.disableSubscription(chan, 'channel C1 is gone: 404 Not Found');
    expect(store.getSubscription(chan)).toMatchObject({ enabled: false, disabledReason: 'channel C1 is gone: 404 Not Found' });
    expect(store.listSubscriptions()).toHaveLength(1);
    const back = store.upsertSubscription({ ...chan, time: '08:00', timeZone: 'Asia/Seoul', lang: 'ko' }, T0 + 2000);
    expect(back.enabled).toBe(true);
    expect(back.disabledReason).toBeUndefined();
    expect(store.getSubscription({ platform: 'discord', channelId: 'C1' })).toBeUndefined();
  });
});

describe('daily post claims', () => {
  it('claims a slot once, saving the deck the draw returned', () => {
    const store = open(':memory:');
    const seen: (DeckState | undefined)[] = [];
    const draw = (deck: DeckState | undefined) => {
      seen.push(deck);
      const position = (deck?.position ?? 0) + 1;
      return { factId: `f${position}`, deck: { order: ['f1', 'f2', 'f3'], position, last: `f${position}` } };
    };
    expect(store.claimDailyPost(chan, '2026-12-01', draw, T0, 60_000)).toMatchObject({ factId: 'f1', status: 'claimed', attempts: 0, leaseUntil: T0 + 60_000, takeovers: 0 });
    // same day again: no second claim, and the deck does not move
    expect(store.claimDailyPost(chan, '2026-12-01', draw, T0 + 1, 60_000)).toBeUndefined();
    store.markPostSent(chan, '2026-12-01', T0 + 10);
    expect(store.claimDailyPost(chan, '2026-12-02', draw, T0 + 86_400_000, 60_000)?.factId).toBe('f2');
    expect(seen).toEqual([undefined, { order: ['f1', 'f2', 'f3'], position: 1, last: 'f1' }]);
    expect(store.lastPost(chan)).toMatchObject({ localDate: '2026-12-02', factId: 'f2' });
  });

  it('rolls back when the draw throws, leaving no claim behind', () => {
    const store = open(':memory:');
    expect(() =>
      store.claimDailyPost(chan, '2026-12-01', () => {
        throw new Error('the fact base is empty');
      }, T0, 60_000),
    ).toThrow(/empty/);
    expect(store.getPost(chan, '2026-12-01')).toBeUndefined();
  });

  it('lets an abandoned claim be taken over once, after its lease, with the same fact', () => {
    const store = open(':memory:');
    store.claimDailyPost(chan, '2026-12-01', firstFact('founding'), T0, 60_000);
    const neverDraw = () => {
      throw new Error('a takeover must not draw a new fact');
    };
    expect(store.claimDailyPost(chan, '2026-12-01', neverDraw, T0 + 59_999, 60_000)).toBeUndefined();
    const taken = store.claimDailyPost(chan, '2026-12-01', neverDraw, T0 + 60_000, 60_000);
    expect(taken).toMatchObject({ factId: 'founding', status: 'claimed', takeovers: 1, leaseUntil: T0 + 120_000 });
    // the takeover crashed too: nobody re-sends a third time
    expect(store.claimDailyPost(chan, '2026-12-01', neverDraw, T0 + 10 * 60_000, 60_000)).toBeUndefined();
  });

  it('records retries (extending the lease), then a final failure, and never un-sends a sent post', () => {
    const store = open(':memory:');
    store.claimDailyPost(chan, '2026-12-01', firstFact('founding'), T0, 60_000);
    store.recordPostRetry(chan, '2026-12-01', 'socket hang up', T0 + 100, T0 + 500_000);
    expect(store.getPost(chan, '2026-12-01')).toMatchObject({ status: 'claimed', attempts: 1, error: 'socket hang up', leaseUntil: T0 + 500_000, lastTryAt: T0 + 100 });
    store.markPostFailed(chan, '2026-12-01', '503 Service Unavailable', T0 + 200);
    expect(store.getPost(chan, '2026-12-01')).toMatchObject({ status: 'failed', attempts: 2, error: '503 Service Unavailable' });
    // a failed day is not claimable again
    expect(store.claimDailyPost(chan, '2026-12-01', firstFact('other'), T0 + 999_999, 60_000)).toBeUndefined();

    store.claimDailyPost(chan, '2026-12-02', firstFact('founding'), T0, 60_000);
    store.markPostSent(chan, '2026-12-02', T0);
    store.markPostFailed(chan, '2026-12-02', 'late error', T0 + 1);
    expect(store.getPost(chan, '2026-12-02')?.status).toBe('sent');
  });

  it('starts a fresh deck when the saved one is unreadable', () => {
    const path = tempPath('feud.db');
    const store = open(path);
    store.claimDailyPost(chan, '2026-12-01', firstFact('a'), T0, 60_000);
    const raw = openConnection(path);
    raw.prepare("UPDATE daily_decks SET state = '{\"order\": 5}'").run();
    raw.close();
    const seen: (DeckState | undefined)[] = [];
    store.claimDailyPost(chan, '2026-12-02', (deck) => (seen.push(deck), { factId: 'b', deck: { order: ['b'], position: 1 } }), T0, 60_000);
    expect(seen).toEqual([undefined]);
  });
});

describe('operations tables', () => {
  it('lists unanswered questions since a time, oldest first, without user ids', () => {
    const store = open(':memory:');
    store.recordUnanswered({ text: 'weather?', normalised: 'weather', lang: 'en', platform: 'slack', at: T0 });
    store.recordUnanswered({ text: '날씨 어때?', normalised: '날씨 어때', lang: 'ko', platform: 'discord', at: T0 + 2000 });
    store.recordUnanswered({ text: 'lunch?', normalised: 'lunch', lang: 'en', platform: 'slack', at: T0 + 1000 });
    expect(store.listUnanswered(T0 + 1000)).toEqual([
      { text: 'lunch?', normalised: 'lunch', lang: 'en', platform: 'slack', at: T0 + 1000 },
      { text: '날씨 어때?', normalised: '날씨 어때', lang: 'ko', platform: 'discord', at: T0 + 2000 },
    ]);
    expect(store.listUnanswered(0)).toHaveLength(3);
  });

  it('sums answers and feedback per fact across platforms, most answered first', () => {
    const store = open(':memory:');
    store.recordAnswer('founding', true, 'slack', 'en', T0);
    store.recordAnswer('founding', true, 'discord', 'ko', T0);
    store.recordAnswer('lawsuit', true, 'slack', 'en', T0);
    store.recordAnswer(undefined, false, 'slack', 'en', T0);
    store.recordFeedback('founding', true, 'slack', T0);
    store.recordFeedback('founding', false, 'discord', T0);
    store.recordFeedback('lawsuit', false, 'slack', T0);
    store.recordFeedback('lawsuit', false, 'slack', T0);
    expect(store.factStats()).toEqual([
      { factId: 'founding', answers: 2, helpful: 1, unhelpful: 1 },
      { factId: 'lawsuit', answers: 1, helpful: 0, unhelpful: 2 },
    ]);
  });
});
