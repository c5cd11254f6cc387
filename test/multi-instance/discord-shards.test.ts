/**
 * Two real bot processes (`node --import tsx src/main.ts`) splitting the Discord bot's 2 shards:
 * DISCORD_SHARD_IDS=0 and =1 of DISCORD_SHARD_COUNT=2, on one SQLite file, against the loopback
 * fake gateway. Each holds its own shard (its /healthz says which), answers its own server, and
 * sends the daily post of its own server's channel, once. Every wait is bounded.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { freePort, spawnBot, waitUntil } from '../helpers/processes.ts';

const _REPO = resolve(import.meta.dirname, '../..');

interface Bot {
  name: string;
  shard: number;
  child: ChildProcessWithoutNullStreams;
  healthUrl: string;
  stderr(): string;
  exited: Promise<void>;
}

describe('two processes, DISCORD_SHARD_IDS=0 and =1 of DISCORD_SHARD_COUNT=2', () => {
  let fake: FakeDiscord;
  let dir: string;
  let store: Store;
  const bots: Bot[] = [];

  async function startBot(shard: number): Promise<Bot> {
    const name = `p${shard}`;
    const metricsPort = await freePort();
    const { child, stderr, exited } = spawnBot(dir, {
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_API_URL: fake.instanceApiUrl(name),
      DISCORD_SHARD_IDS: String(shard),
      DISCORD_SHARD_COUNT: '2',
      FEUD_DB_PATH: join(dir, 'feud.db'),
      METRICS_PORT: String(metricsPort),
      METRICS_HOST: '127.0.0.1',
      FEUD_DAILY_TICK_SECONDS: '1',
      LOG_LEVEL: 'info',
    });
    const bot: Bot = { name, shard, child, healthUrl: `http://127.0.0.1:${metricsPort}/healthz`, stderr, exited };
    bots.push(bot);
    return bot;
  }

  const health = async (bot: Bot) => {
    const res = await fetch(bot.healthUrl, { signal: AbortSignal.timeout(2000) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    fake = await startFakeDiscord({ shards: 2 });
    dir = mkdtempSync(join(tmpdir(), 'feud-shards-'));
    // the test's own connection creates the file; the bots open it too
    store = await openSqliteStore(join(dir, 'feud.db'));
    await Promise.all([startBot(0), startBot(1)]);
    for (const bot of bots) await waitUntil(`${bot.name} to be healthy`, 30_000, async () => (await health(bot)).status === 200 || undefined, bot.stderr);
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
    await Promise.race([Promise.all(bots.map((b) => b.exited)), new Promise((r) => setTimeout(r, 8000))]);
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await store?.close();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('each holds one shard: two connections, IDENTIFY [0, 2] and [1, 2], and each /healthz shows its own', async () => {
    expect(fake.connectedShards()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const bot of bots) {
      const reported = await health(bot);
      // the shard's heartbeat latency shows once the fake's first heartbeat is acknowledged, which may or may not be yet
      expect(reported).toMatchObject({
        status: 200,
        body: { status: 'ok', store: true, adapters: { discord: true }, shards: { discord: { [String(bot.shard)]: { status: 'ready', guilds: 1 } } } },
      });
      const shards = (reported.body.shards as { discord: Record<string, { latencyMs?: number }> }).discord;
      expect(Object.keys(shards)).toEqual([String(bot.shard)]);
      const latency = shards[String(bot.shard)]!.latencyMs;
      if (latency !== undefined) expect(latency).toBeGreaterThanOrEqual(0);
      expect(bot.stderr()).toContain('Discord shards connected');
    }
    // the bulk overwrite of commands comes from the process holding shard 0 only
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
    expect(puts.map((r) => r.instance)).toEqual(['p0']);
  });

  it("answers each server's interactions from the process holding its shard", async () => {
    for (const guild of fake.guilds) {
      const id = fake.slashCommand({ name: 'feud', channelId: guild.channelId, options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] });
      expect((await fake.callbackFor(id, 10_000)).type).toBe(4);
      const answeredBy = fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`)).map((r) => r.instance);
      expect(answeredBy).toEqual([`p${guild.shard}`]);
    }
  }, 30_000);

  it("sends each server's daily post from the process holding its shard, once", async () => {
    const now = Date.now();
    // a slot earlier today (00:00 UTC) not yet posted: due at the next tick
    for (const guild of fake.guilds)
      await store.upsertSubscription({ platform: 'discord', channelId: guild.channelId, time: '00:00', timeZone: 'UTC', lang: 'en' }, now - 2 * 86_400_000);
    const posts = (channelId: string) => fake.messages.filter((m) => m.channelId === channelId && m.body.message_reference === undefined);
    await waitUntil(
      'both daily posts',
      30_000,
      () => fake.guilds.every((g) => posts(g.channelId).length > 0) || undefined,
      () => bots.map((b) => b.stderr().slice(-2000)).join('\n---\n'),
    );
    // a few more ticks of both: nothing more goes out
    await new Promise((r) => setTimeout(r, 3000));
    for (const guild of fake.guilds) expect(posts(guild.channelId).map((m) => m.instance)).toEqual([`p${guild.shard}`]);
  }, 60_000);
});
