import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelGoneError, DeliveryUnknownError } from '../../src/bot/adapter.ts';
import { createFeud } from '../../src/core/feud.ts';
import type { Reply } from '../../src/core/reply.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { createDailyScheduler, type DailySchedulerDeps } from '../../src/schedule/daily-scheduler.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { ChannelKey, Store, SubscriptionInput } from '../../src/store/store.ts';
import { runTsx } from '../helpers/spawn.ts';

/** A small fixed fact base through the real loader and core, so these tests do not move when knowledge/ grows. */
const feud = createFeud(loadFacts(fileURLToPath(new URL('./fixtures/knowledge/', import.meta.url))));
const utc = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

const seoul: SubscriptionInput = { platform: 'slack', channelId: 'C-SEOUL', time: '09:00', timeZone: 'Asia/Seoul', lang: 'ko' };
const newYork: SubscriptionInput = { platform: 'discord', channelId: 'D-NY', time: '09:00', timeZone: 'America/New_York', lang: 'en' };

interface Sent {
  channel: ChannelKey;
  reply: Reply;
  at: number;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feud-daily-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'feud.db');
}

async function openTracked(path: string): Promise<Store> {
  const store = await openSqliteStore(path);
  cleanups.push(() => store.close());
  return store;
}

/** A bot on a store: scheduler with a clock the test moves, and a post that records what went out. */
function bot(store: Store, overrides: Partial<DailySchedulerDeps> & { start?: number } = {}) {
  const clock = { t: overrides.start ?? 0, now: () => clock.t };
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const scheduler = createDailyScheduler({
    store,
    feud,
    clock,
    logger: silentLogger,
    random: seededRandom(1),
    sleep: async (ms) => void sleeps.push(ms),
    post: async (channel, reply) => void sent.push({ channel: { platform: channel.platform, channelId: channel.channelId }, reply, at: clock.t }),
    ...overrides,
  });
  cleanups.push(() => scheduler.stop());
  const tickAt = async (iso: string | number) => {
    clock.t = typeof iso === 'number' ? iso : utc(iso);
    await scheduler.tick();
  };
  return { scheduler, clock, sent, sleeps, tickAt };
}

describe('daily posts at local time', () => {
  it('posts Seoul 09:00 and New York 09:00 each once, at their own local time on the same UTC day', async () => {
    const store = await openTracked(':memory:');
    // turned on after New York's 30 Nov slot, so its first post is 1 Dec
    await store.upsertSubscription(seoul, utc('2026-11-30T20:00:00Z'));
    await store.upsertSubscription(newYork, utc('2026-11-30T20:00:00Z'));
    const { sent, tickAt } = bot(store);

    await tickAt('2026-11-30T23:59:00Z'); // 08:59 in Seoul
    expect(sent).toHaveLength(0);
    await tickAt('2026-12-01T00:00:00Z'); // 09:00 in Seoul, 19:00 the day before in New York
    expect(sent.map((s) => s.channel.channelId)).toEqual(['C-SEOUL']);
    expect(sent[0]!.reply).toMatchObject({ kind: 'fact', lang: 'ko', title: '오늘의 머스크 vs 올트먼 팩트', visibility: 'public' });
    for (const minute of [1, 2, 30, 13 * 60 + 59]) await tickAt(utc('2026-12-01T00:00:00Z') + minute * MINUTE);
    expect(sent).toHaveLength(1);
    await tickAt('2026-12-01T14:00:00Z'); // 09:00 in New York
    expect(sent.map((s) => s.channel.channelId)).toEqual(['C-SEOUL', 'D-NY']);
    expect(sent[1]!.reply).toMatchObject({ kind: 'fact', lang: 'en', title: 'Feud fact of the day' });
    expect(sent[1]!.reply.fact?.id).toBe((await store.getPost(newYork, '2026-12-01'))?.factId);
    await tickAt('2026-12-01T23:59:00Z');
    expect(sent).toHaveLength(2);
    expect(await store.getPost(seoul, '2026-12-01')).toMatchObject({ status: 'sent', attempts: 1, sentAt: utc('2026-12-01T00:00:00Z') });
  });

  it("does not post at once when turned on after today's slot; starts the next day", async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, utc('2026-12-01T01:00:00Z')); // 10:00 in Seoul
    const { sent, tickAt } = bot(store);
    await tickAt('2026-12-01T01:01:00Z');
    expect(sent).toHaveLength(0);
    await tickAt('2026-12-02T00:00:00Z');
    expect(sent).toHaveLength(1);
  });

  it('posts a new fact each day: a full deck without repeats, then a reshuffle that does not repeat the last one', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    const { sent, tickAt } = bot(store);
    const n = feud.factIds().length;
    for (let day = 0; day < 2 * n; day++) await tickAt(utc('2026-01-01T00:00:00Z') + day * 24 * 60 * MINUTE);
    const ids = sent.map((s) => s.reply.fact!.id);
    expect(ids).toHaveLength(2 * n);
    expect(new Set(ids.slice(0, n)).size).toBe(n);
    expect(new Set(ids.slice(n)).size).toBe(n);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).not.toBe(ids[i - 1]);
  });

  it('skips a subscription it cannot read (bad zone in the database) and still posts the others', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription({ ...seoul, channelId: 'C-BROKEN', timeZone: 'Mars/Olympus' }, 0);
    await store.upsertSubscription(seoul, 0);
    const { sent, tickAt } = bot(store);
    await tickAt('2026-12-01T00:00:00Z');
    expect(sent.map((s) => s.channel.channelId)).toEqual(['C-SEOUL']);
  });

  it('does not post for a disabled subscription', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    await store.disableSubscription(seoul, 'turned off');
    const { sent, tickAt } = bot(store);
    await tickAt('2026-12-01T00:00:00Z');
    expect(sent).toHaveLength(0);
  });
});

describe('daylight saving time (America/New_York)', () => {
  /** Tick every minute across a night and return when posts went out. */
  async function night(time: string, fromIso: string, hours: number) {
    const store = await openTracked(':memory:');
    await store.upsertSubscription({ ...newYork, time }, utc(fromIso));
    const { sent, tickAt } = bot(store);
    for (let m = 0; m <= hours * 60; m++) await tickAt(utc(fromIso) + m * MINUTE);
    return sent.map((s) => new Date(s.at).toISOString());
  }

  it('posts a 02:30 slot once at 03:00 EDT on the spring-forward night (2026-03-08), when 02:30 does not exist', async () => {
    expect(await night('02:30', '2026-03-08T04:00:00Z', 6)).toEqual(['2026-03-08T07:00:00.000Z']);
  });

  it('posts a 01:30 slot once, at the first 01:30 (EDT), on the fall-back night (2026-11-01)', async () => {
    expect(await night('01:30', '2026-11-01T03:00:00Z', 6)).toEqual(['2026-11-01T05:30:00.000Z']);
  });
});

describe('restarts', () => {
  it('a restart before the slot posts at the slot; restarts after it never post that day again', async () => {
    const path = tempDb();
    const first = await openSqliteStore(path);
    await first.upsertSubscription(seoul, utc('2026-11-01T00:00:00Z'));
    const a = bot(first);
    await a.tickAt('2026-11-30T23:30:00Z'); // 08:30 in Seoul
    await a.scheduler.stop();
    await first.close();

    const second = await openTracked(path);
    const b = bot(second);
    await b.tickAt('2026-11-30T23:59:00Z');
    await b.tickAt('2026-12-01T00:00:00Z');
    expect(b.sent).toHaveLength(1);
    await b.scheduler.stop();
    await second.close();

    for (const iso of ['2026-12-01T00:01:00Z', '2026-12-01T05:00:00Z', '2026-12-01T14:59:00Z']) {
      const again = await openTracked(path);
      const c = bot(again);
      await c.tickAt(iso);
      expect(c.sent, `restart at ${iso}`).toHaveLength(0);
      await c.scheduler.stop();
      await again.close();
    }
    const check = await openTracked(path);
    expect(await check.getPost(seoul, '2026-12-01')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a post missed while the bot was down goes out once on return the same day, with no backlog of earlier days', async () => {
    const path = tempDb();
    const store = await openTracked(path);
    await store.upsertSubscription(seoul, utc('2026-11-01T00:00:00Z'));
    const down = bot(store);
    await down.tickAt('2026-11-28T00:00:00Z'); // posted 28 Nov, then the bot is down until 1 Dec, 15:00 Seoul
    expect(down.sent).toHaveLength(1);

    const back = bot(store);
    await back.tickAt('2026-12-01T06:00:00Z');
    await back.tickAt('2026-12-01T06:01:00Z');
    expect(back.sent).toHaveLength(1);
    expect(back.sent[0]!.at).toBe(utc('2026-12-01T06:00:00Z'));
    for (const skipped of ['2026-11-29', '2026-11-30']) expect(await store.getPost(seoul, skipped)).toBeUndefined();
    expect((await store.getPost(seoul, '2026-12-01'))?.status).toBe('sent');
  });

  it('a crash between claim and send: the next tick after the lease takes over and sends the same fact once', async () => {
    const path = tempDb();
    const setup = await openSqliteStore(path);
    await setup.upsertSubscription(seoul, utc('2026-11-01T00:00:00Z'));
    await setup.close();

    // a real process claims the 1 Dec slot, then dies (SIGKILL) inside the send
    const crashed = await runTsx('test/schedule/fixtures/scheduler-process.ts', [path, '2026-12-01T00:00:00Z', 'crash'], { timeoutMs: 10_000 });
    expect(crashed.code).toBe(128 + 9); // tsx reports its child's SIGKILL
    expect(crashed.stdout).toBe('');

    const store = await openTracked(path);
    const claimed = (await store.getPost(seoul, '2026-12-01'))!;
    expect(claimed).toMatchObject({ status: 'claimed', attempts: 0, takeovers: 0 });

    const restarted = bot(store);
    await restarted.tickAt('2026-12-01T00:01:00Z'); // lease (2 min) still held: maybe the sender is only slow
    expect(restarted.sent).toHaveLength(0);
    await restarted.tickAt('2026-12-01T00:02:00Z'); // lease ran out
    expect(restarted.sent.map((s) => s.reply.fact?.id)).toEqual([claimed.factId]);
    await restarted.tickAt('2026-12-01T00:03:00Z');
    await restarted.tickAt('2026-12-01T10:00:00Z');
    expect(restarted.sent).toHaveLength(1);
    expect(await store.getPost(seoul, '2026-12-01')).toMatchObject({ status: 'sent', takeovers: 1, attempts: 1 });
    // and the deck moved on: the next day is a different fact
    await restarted.tickAt('2026-12-02T00:00:00Z');
    expect(restarted.sent[1]!.reply.fact?.id).not.toBe(claimed.factId);
  });

  it('stop() during a retry wait returns at once and leaves the claim for the next run to finish', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    let calls = 0;
    const failing = bot(store, {
      retry: { attempts: 5, baseDelayMs: 60 * MINUTE },
      sleep: undefined, // the real, abortable sleep
      post: async () => {
        calls++;
        throw new Error('502 Bad Gateway');
      },
    });
    failing.clock.t = utc('2026-12-01T00:00:00Z');
    const ticking = failing.scheduler.tick();
    await vi.waitFor(() => expect(calls).toBe(1));
    const started = Date.now();
    await failing.scheduler.stop();
    await ticking;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBe(1);
    const record = (await store.getPost(seoul, '2026-12-01'))!;
    expect(record).toMatchObject({ status: 'claimed', attempts: 1, error: '502 Bad Gateway' });

    const next = bot(store);
    await next.tickAt(record.leaseUntil);
    expect(next.sent.map((s) => s.reply.fact?.id)).toEqual([record.factId]);
  });

  it('stop() waits for a send in flight, which is then recorded', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    let release!: () => void;
    const slow = bot(store, { post: () => new Promise<void>((resolve) => (release = resolve)) });
    slow.clock.t = utc('2026-12-01T00:00:00Z');
    void slow.scheduler.tick();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    let stopped = false;
    const stopping = slow.scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await store.getPost(seoul, '2026-12-01'))?.status).toBe('sent');
  });
});

describe('two instances on one database file', () => {
  it('two schedulers on separate connections ticking at the same instant post once', async () => {
    const path = tempDb();
    const storeA = await openTracked(path);
    const storeB = await openTracked(path);
    await storeA.upsertSubscription(seoul, 0);
    await storeA.upsertSubscription(newYork, 0);
    const a = bot(storeA);
    const b = bot(storeB);
    a.clock.t = b.clock.t = utc('2026-12-01T14:00:00Z');
    await Promise.all([a.scheduler.tick(), b.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);
    const all = [...a.sent, ...b.sent].map((s) => s.channel.channelId).sort();
    expect(all).toEqual(['C-SEOUL', 'D-NY']);
  });

  it('two bot processes racing on one file post every channel exactly once between them', async () => {
    const path = tempDb();
    const setup = await openSqliteStore(path);
    const channels = Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    for (const channelId of channels) setup.upsertSubscription({ ...seoul, channelId }, 0);
    await setup.close();

    const startAt = String(Date.now() + 2500);
    const args = [path, '2026-12-01T00:00:00Z', 'post', startAt];
    const [one, two] = await Promise.all([
      runTsx('test/schedule/fixtures/scheduler-process.ts', args, { timeoutMs: 10_000 }),
      runTsx('test/schedule/fixtures/scheduler-process.ts', args, { timeoutMs: 10_000 }),
    ]);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    const posts = `${one.stdout}${two.stdout}`
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { channelId: string; factId: string });
    expect(posts.map((p) => p.channelId).sort()).toEqual(channels);

    const store = await openTracked(path);
    for (const p of posts)
      expect(await store.getPost({ platform: 'slack', channelId: p.channelId }, '2026-12-01')).toMatchObject({ status: 'sent', factId: p.factId });
  });
});

describe('sharing the work between instances', () => {
  it('splits one slot’s channels between the live instances, each posted once; a platform goes only to instances that serve it', async () => {
    const store = createMemoryStore();
    const slack = Array.from({ length: 40 }, (_, i) => `S${i}`);
    // every channel's slot is 14:00 UTC (09:00 in New York)
    for (const channelId of slack) await store.upsertSubscription({ ...newYork, platform: 'slack', channelId }, 0);
    for (let i = 0; i < 10; i++) await store.upsertSubscription({ ...newYork, channelId: `D${i}` }, 0);
    const both = bot(store, { instanceId: 'both', platforms: ['slack', 'discord'], start: utc('2026-12-01T13:59:00Z') });
    const slackOnly = bot(store, { instanceId: 'slack-only', platforms: ['slack'], start: utc('2026-12-01T13:59:00Z') });
    // a tick before the slot: each says it is alive, nothing is due
    await both.scheduler.tick();
    await slackOnly.scheduler.tick();
    await Promise.all([both.tickAt('2026-12-01T14:00:00Z'), slackOnly.tickAt('2026-12-01T14:00:00Z')]);
    const ids = (b: typeof both) => b.sent.map((s) => s.channel.channelId);
    expect([...ids(both), ...ids(slackOnly)].sort()).toEqual([...slack, ...Array.from({ length: 10 }, (_, i) => `D${i}`)].sort());
    expect(ids(slackOnly).every((id) => id.startsWith('S'))).toBe(true);
    // rendezvous hashing gives each a share (a 40-channel split this uneven would be a bug)
    expect(ids(slackOnly).length).toBeGreaterThan(5);
    expect(ids(both).filter((id) => id.startsWith('S')).length).toBeGreaterThan(5);
  });

  it('takes over the channels of an instance that stopped saying it is alive', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 20; i++) await store.upsertSubscription({ ...seoul, channelId: `S${i}` }, 0);
    const gone = bot(store, { instanceId: 'gone', start: utc('2026-11-30T23:59:00Z'), peerLeaseMs: 90_000 });
    const alive = bot(store, { instanceId: 'alive', start: utc('2026-11-30T23:59:00Z'), peerLeaseMs: 90_000 });
    await gone.scheduler.tick();
    await alive.tickAt('2026-12-01T00:00:00Z');
    const first = alive.sent.length;
    expect(first).toBeLessThan(20);
    // "gone" never ticks again; once its heartbeat runs out, "alive" posts the rest
    await alive.tickAt('2026-12-01T00:00:20Z');
    expect(alive.sent.length).toBe(first);
    await alive.tickAt('2026-12-01T00:01:00Z');
    expect(alive.sent.map((s) => s.channel.channelId).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `S${i}`).sort());
  });
});

describe('a platform split between processes (Discord shards)', () => {
  /** Channels D0…D9 are on shard 0 of 2, E0…E9 on shard 1: as a Discord adapter's partitions would say. */
  const partOf = async (channelId: string) => (channelId.startsWith('D') ? 'shard0of2' : 'shard1of2');
  const holding = (...parts: string[]) => ({ held: () => parts, of: partOf });

  it('each channel is posted once, by an instance holding its shard; two holding one shard share it', async () => {
    const store = createMemoryStore();
    const onShard0 = Array.from({ length: 10 }, (_, i) => `D${i}`);
    const onShard1 = Array.from({ length: 30 }, (_, i) => `E${i}`);
    for (const channelId of [...onShard0, ...onShard1]) await store.upsertSubscription({ ...newYork, channelId }, 0);
    const start = utc('2026-12-01T13:59:00Z');
    const shard0 = bot(store, { instanceId: 'p0', platforms: ['discord'], partitions: { discord: holding('shard0of2') }, start });
    const shard1 = bot(store, { instanceId: 'p1', platforms: ['discord'], partitions: { discord: holding('shard1of2') }, start });
    // a rolling deploy: a second process holds shard 1 too
    const shard1Again = bot(store, { instanceId: 'p1-new', platforms: ['discord'], partitions: { discord: holding('shard1of2') }, start });
    for (const b of [shard0, shard1, shard1Again]) await b.scheduler.tick();
    await Promise.all([shard0, shard1, shard1Again].map((b) => b.tickAt('2026-12-01T14:00:00Z')));
    const ids = (b: typeof shard0) => b.sent.map((s) => s.channel.channelId).sort();
    expect(ids(shard0)).toEqual([...onShard0].sort());
    expect([...ids(shard1), ...ids(shard1Again)].sort()).toEqual([...onShard1].sort());
    expect(ids(shard1).length).toBeGreaterThan(3);
    expect(ids(shard1Again).length).toBeGreaterThan(3);
  });

  it('a shard nobody holds waits, and its posts go out once a process holding it returns the same day', async () => {
    const store = createMemoryStore();
    await store.upsertSubscription({ ...newYork, channelId: 'D0' }, 0);
    await store.upsertSubscription({ ...newYork, channelId: 'E0' }, 0);
    const shard0 = bot(store, { instanceId: 'p0', platforms: ['discord'], partitions: { discord: holding('shard0of2') }, start: utc('2026-12-01T14:00:00Z') });
    await shard0.scheduler.tick();
    await shard0.tickAt('2026-12-01T15:00:00Z');
    expect(shard0.sent.map((s) => s.channel.channelId)).toEqual(['D0']);
    const shard1 = bot(store, { instanceId: 'p1', platforms: ['discord'], partitions: { discord: holding('shard1of2') }, start: utc('2026-12-01T16:00:00Z') });
    await shard1.scheduler.tick();
    expect(shard1.sent.map((s) => s.channel.channelId)).toEqual(['E0']);
  });

  it('a channel whose shard cannot be told now is left for the next tick, not posted by a guess', async () => {
    const store = createMemoryStore();
    await store.upsertSubscription({ ...newYork, channelId: 'D0' }, 0);
    let known = false;
    const p = bot(store, {
      instanceId: 'p0',
      platforms: ['discord'],
      partitions: { discord: { held: () => ['shard0of2'], of: async () => (known ? 'shard0of2' : undefined) } },
      start: utc('2026-12-01T14:00:00Z'),
    });
    await p.scheduler.tick();
    expect(p.sent).toEqual([]);
    known = true;
    await p.tickAt('2026-12-01T14:01:00Z');
    expect(p.sent.map((s) => s.channel.channelId)).toEqual(['D0']);
  });
});

describe('failed sends', () => {
  it('a channel that is gone disables its subscription with the reason and is not retried', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    let calls = 0;
    const events = { posted: vi.fn(), failed: vi.fn() };
    const { sleeps, tickAt } = bot(store, {
      events,
      post: async (channel) => {
        calls++;
        throw new ChannelGoneError(channel.channelId, '404 Unknown Channel');
      },
    });
    await tickAt('2026-12-01T00:00:00Z');
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
    expect(await store.getSubscription(seoul)).toMatchObject({ enabled: false, disabledReason: 'channel C-SEOUL is gone: 404 Unknown Channel' });
    expect(await store.getPost(seoul, '2026-12-01')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(events.failed).toHaveBeenCalledWith('slack');
    await tickAt('2026-12-01T00:05:00Z');
    await tickAt('2026-12-02T00:00:00Z');
    expect(calls).toBe(1);
  });

  it('a transient failure is retried with exponential backoff, then sent once', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    const delivered: string[] = [];
    let calls = 0;
    const events = { posted: vi.fn(), failed: vi.fn() };
    const { sleeps, tickAt } = bot(store, {
      events,
      retry: { attempts: 4, baseDelayMs: 1000 },
      post: async (_channel, reply) => {
        calls++;
        if (calls <= 2) throw new Error(calls === 1 ? 'ECONNRESET' : '503 Service Unavailable');
        delivered.push(reply.fact!.id);
      },
    });
    await tickAt('2026-12-01T00:00:00Z');
    expect(sleeps).toEqual([1000, 2000]);
    expect(delivered).toHaveLength(1);
    expect(await store.getPost(seoul, '2026-12-01')).toMatchObject({ status: 'sent', attempts: 3, error: '503 Service Unavailable', factId: delivered[0] });
    expect(events.posted).toHaveBeenCalledTimes(1);
    expect(events.failed).not.toHaveBeenCalled();
    await tickAt('2026-12-01T00:10:00Z');
    expect(calls).toBe(3);
  });

  it('never re-sends a post that may have gone out (a timeout after the platform got it): one attempt, recorded as failed', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    let calls = 0;
    const events = { posted: vi.fn(), failed: vi.fn() };
    const { sleeps, tickAt } = bot(store, {
      events,
      post: async (channel) => {
        calls++;
        throw new DeliveryUnknownError(channel.channelId, 'Slack did not answer in time');
      },
    });
    await tickAt('2026-12-01T00:00:00Z');
    await tickAt('2026-12-01T00:10:00Z');
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
    expect(await store.getPost(seoul, '2026-12-01')).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await store.getPost(seoul, '2026-12-01'))?.error).toMatch(/may or may not have gone out/);
    expect(events.failed).toHaveBeenCalledTimes(1);
    expect((await store.getSubscription(seoul))?.enabled).toBe(true);
  });

  it('gives up for the day after the last attempt, keeps the subscription, and posts again the next day', async () => {
    const store = await openTracked(':memory:');
    await store.upsertSubscription(seoul, 0);
    let down = true;
    let calls = 0;
    const events = { posted: vi.fn(), failed: vi.fn() };
    const { sent, sleeps, tickAt } = bot(store, {
      events,
      retry: { attempts: 3, baseDelayMs: 500 },
      post: async () => {
        calls++;
        if (down) throw new Error('timeout');
      },
    });
    await tickAt('2026-12-01T00:00:00Z');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(await store.getPost(seoul, '2026-12-01')).toMatchObject({ status: 'failed', attempts: 3, error: 'timeout' });
    expect(events.failed).toHaveBeenCalledTimes(1);
    await tickAt('2026-12-01T00:30:00Z');
    expect(calls).toBe(3);
    expect((await store.getSubscription(seoul))?.enabled).toBe(true);
    down = false;
    await tickAt('2026-12-02T00:00:00Z');
    expect(calls).toBe(4);
    expect(sent).toHaveLength(0); // the override replaced the recording post
    expect((await store.getPost(seoul, '2026-12-02'))?.status).toBe('sent');
  });
});

describe('the cron job', () => {
  it('ticks every minute on its own once started, and stops ticking after stop()', async () => {
    vi.useFakeTimers({ now: utc('2026-12-01T00:58:30Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    cleanups.push(() => void vi.useRealTimers());
    const store = await openTracked(':memory:');
    await store.upsertSubscription({ ...seoul, time: '10:00' }, 0); // 01:00 UTC
    await store.upsertSubscription({ ...seoul, channelId: 'C-LATER', time: '10:02' }, 0);
    const sent: string[] = [];
    const scheduler = createDailyScheduler({
      store,
      feud,
      clock: { now: () => Date.now() },
      logger: silentLogger,
      post: async (channel) => void sent.push(channel.channelId),
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000); // 00:59:30
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000); // past 01:00
    expect(sent).toEqual(['C-SEOUL']);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000); // past 01:02, but stopped
    expect(sent).toEqual(['C-SEOUL']);
  });
});
