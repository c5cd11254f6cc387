import { Writable } from 'node:stream';
import pino from 'pino';
/**
 * The Discord bot on two gateway shards, with the real discord.js (its own internal sharding)
 * against the loopback fake gateway recommending 2 shards: what a server on either shard and an
 * operator watching /healthz and /metrics would notice. Every wait is bounded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/adapter.ts';
import type { DiscordShards } from '../../adapters/discord/index.ts';
import { SHARDING_REQUIRED_MESSAGE } from '../../adapters/discord/shards.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import { createFeud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import type { Logger } from '../../src/log.ts';
import { silentLogger } from '../../src/log.ts';
import { healthOf } from '../../src/ops/health.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { startOpsServer } from '../../src/ops/server.ts';
import { type FakeDiscord, type MessageBody, PERMISSIONS, startFakeDiscord } from '../fakes/discord.ts';
import { sample } from '../helpers/prometheus.ts';
import { testState } from '../helpers/state.ts';

const feud = createFeud(loadFacts());
const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

const text = (body: MessageBody) => (body.embeds ?? []).map((e) => [e.title, e.description].join('\n')).join('\n');

async function startSharded(options: { shards?: DiscordShards; messageContent?: boolean; fake?: FakeDiscord; logger?: Logger } = {}) {
  const fake = options.fake ?? (await startFakeDiscord({ shards: 2 }));
  const state = testState();
  const metrics = createMetrics();
  const conversation = createConversation({
    feud,
    ...state,
    logger: silentLogger,
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0, listenIntervalMinutes: 1 },
  });
  const adapter: DiscordAdapter = createDiscordAdapter({
    config: {
      token: fake.token,
      appId: fake.appId,
      apiUrl: fake.apiUrl,
      messageContent: options.messageContent ?? false,
      ...(options.shards ? { shards: options.shards } : {}),
    },
    conversation,
    logger: options.logger ?? silentLogger,
    errors: metrics.errors,
    shardEvents: metrics.shardEvents,
  });
  metrics.observeShards('discord', () => adapter.shards());
  running.push(async () => {
    await adapter.stop();
    if (!options.fake) await fake.close();
    await state.store.close();
  });
  return { fake, adapter, metrics, store: state.store };
}

describe('DISCORD_SHARDS=auto (the default) with Discord recommending 2 shards', () => {
  it('reads the count from GET /gateway/bot and identifies shard [0, 2] and [1, 2] on two connections', async () => {
    const { fake, adapter } = await startSharded();
    await adapter.start();
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === '/gateway/bot').length).toBeGreaterThan(0);
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.connectedShards()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(adapter.isConnected()).toBe(true);
    expect(adapter.shards()).toEqual([
      { id: 0, count: 2, status: 'ready', guilds: 1 },
      { id: 1, count: 2, status: 'ready', guilds: 1 },
    ]);
    // both servers are known, each on its own shard
    expect(fake.guilds.map((g) => adapter.client.guilds.cache.get(g.id)?.shardId)).toEqual([0, 1]);
  });

  it('answers slash commands, mentions and listen mode in the servers of both shards', async () => {
    const { fake, adapter } = await startSharded({ messageContent: true });
    await adapter.start();
    for (const guild of fake.guilds) {
      const id = fake.slashCommand({ name: 'feud', channelId: guild.channelId, options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] });
      expect(text((await fake.callbackFor(id)).data)).toMatch(/Altman/);

      const mention = fake.userMessage(`<@${fake.appId}> why did Musk sue OpenAI`, { channelId: guild.channelId, mentions: [fake.botUser] });
      const reply = await fake.waitFor(`the reply to the mention on shard ${guild.shard}`, () =>
        fake.messages.find((m) => m.body.message_reference?.message_id === mention),
      );
      expect(reply.channelId).toBe(guild.channelId);

      const on = fake.slashCommand({
        name: 'feud-settings',
        channelId: guild.channelId,
        memberPermissions: PERMISSIONS.channelManager,
        options: [{ name: 'listen', type: 1, options: [{ name: 'mode', type: 3, value: 'on' }] }],
      });
      await fake.callbackFor(on);
      const asked = fake.userMessage('who founded OpenAI?', { channelId: guild.channelId });
      await fake.waitFor(`the listen-mode answer on shard ${guild.shard}`, () => fake.messages.find((m) => m.body.message_reference?.message_id === asked));
    }
  });

  it('resumes only the shard whose connection dropped; the other stays connected and answering', async () => {
    const { fake, adapter } = await startSharded();
    await adapter.start();
    const identifiesBefore = fake.identifiedShards.length;
    fake.dropConnections(4000, 1);
    await fake.waitFor('shard 1 to resume', () => (fake.resumes.some((r) => r.shard === 1) && adapter.isConnected() ? true : undefined), 10_000);
    expect(fake.resumes.map((r) => r.shard)).toEqual([1]);
    // no new session for either shard: shard 0 was never touched, shard 1 continued its own
    expect(fake.identifiedShards).toHaveLength(identifiesBefore);
    for (const guild of fake.guilds) {
      const id = fake.slashCommand({ name: 'feud', channelId: guild.channelId, options: [{ name: 'question', type: 3, value: 'what is Stargate' }] });
      expect((await fake.callbackFor(id)).type).toBe(4);
    }
  }, 20_000);
});

describe('/healthz and /metrics per shard', () => {
  it('reports each shard, turns 503 naming the shard that is down, and labels the metrics by shard', async () => {
    const { fake, adapter, metrics, store } = await startSharded();
    await adapter.start();
    const ops = await startOpsServer({ port: 0, host: '127.0.0.1', metrics, health: () => healthOf(store, [adapter]) });
    running.push(() => ops.close());
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${ops.port}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const scrape = async () => (await fetch(`http://127.0.0.1:${ops.port}/metrics`)).text();

    expect(await healthz()).toEqual({
      status: 200,
      body: {
        status: 'ok',
        store: true,
        adapters: { discord: true },
        shards: { discord: { '0': { status: 'ready', guilds: 1 }, '1': { status: 'ready', guilds: 1 } } },
      },
    });
    for (const guild of fake.guilds)
      await fake.callbackFor(
        fake.slashCommand({ name: 'feud', channelId: guild.channelId, options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] }),
      );
    let text = await scrape();
    for (const shard of ['0', '1']) {
      expect(sample(text, 'feud_gateway_shard_up', { platform: 'discord', shard })).toBe(1);
      expect(sample(text, 'feud_gateway_shard_guilds', { platform: 'discord', shard })).toBe(1);
      expect(sample(text, 'feud_gateway_events_total', { platform: 'discord', shard, kind: 'interaction' })).toBe(1);
    }

    // shard 1's connection drops and the gateway is slow to take it back
    fake.stallShard(1, true);
    fake.dropConnections(4000, 1);
    await fake.waitFor('shard 1 to try to resume', () => (fake.resumes.some((r) => r.shard === 1) ? true : undefined), 10_000);
    const down = await healthz();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      adapters: { discord: false },
      problems: { discord: 'shard 1 of 2 is resuming' },
      shards: { discord: { '0': { status: 'ready' }, '1': { status: 'resuming' } } },
    });
    text = await scrape();
    expect(sample(text, 'feud_gateway_shard_up', { platform: 'discord', shard: '0' })).toBe(1);
    expect(sample(text, 'feud_gateway_shard_up', { platform: 'discord', shard: '1' })).toBe(0);

    fake.stallShard(1, false);
    await fake.waitFor('shard 1 to be ready again', () => (adapter.isConnected() ? true : undefined), 10_000);
    expect((await healthz()).status).toBe(200);
  }, 20_000);
});

describe('shards fixed by configuration', () => {
  it('a process holding shard 0 of 2 opens only that shard, and tells the other shard’s channels apart for daily posts', async () => {
    const { fake, adapter } = await startSharded({ shards: { ids: [0], count: 2 } });
    await adapter.start();
    expect(fake.identifiedShards).toEqual([[0, 2]]);
    expect(adapter.shards().map((s) => [s.id, s.count, s.status])).toEqual([[0, 2, 'ready']]);
    expect(adapter.partitions.held()).toEqual(['shard0of2']);
    expect(await adapter.partitions.of(fake.guilds[0]!.channelId)).toBe('shard0of2');
    // the other shard's server is not in this process: asked of Discord once, then remembered
    expect(await adapter.partitions.of(fake.guilds[1]!.channelId)).toBe('shard1of2');
    expect(await adapter.partitions.of(fake.guilds[1]!.channelId)).toBe('shard1of2');
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${fake.guilds[1]!.channelId}`)).toHaveLength(1);
    // a channel that is gone goes to shard 0, whose process then finds it gone
    expect(await adapter.partitions.of('999999999999999999')).toBe('shard0of2');
    // commands are registered by the process holding shard 0
    expect(fake.registrations).toHaveLength(1);
  });

  it('one shard (the single connection) is not split at all', async () => {
    const { adapter } = await startSharded({ fake: await startFakeDiscord(), shards: undefined });
    await adapter.start();
    expect(adapter.shards().map((s) => [s.id, s.count])).toEqual([[0, 1]]);
    expect(adapter.partitions.held()).toBeUndefined();
  });

  it('close code 4011 (sharding required) stops the start with a message naming the variables', async () => {
    const fake = await startFakeDiscord({ shards: 2, requireShards: 2 });
    running.push(() => fake.close());
    const lines: { level: number; msg: string }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk: Buffer, _e, done) => {
          lines.push(JSON.parse(chunk.toString()));
          done();
        },
      }),
    );
    const { adapter } = await startSharded({ fake, shards: { ids: [0], count: 1 }, logger });
    await expect(adapter.start()).rejects.toThrow(SHARDING_REQUIRED_MESSAGE);
    expect(SHARDING_REQUIRED_MESSAGE).toMatch(/4011.*DISCORD_SHARDS=auto.*DISCORD_SHARD_COUNT/);
    expect(adapter.problem?.()).toBe(SHARDING_REQUIRED_MESSAGE);
    // what to set is the one error in the log, not buried under discord.js's close line and stack
    expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([SHARDING_REQUIRED_MESSAGE]);
  });
});
