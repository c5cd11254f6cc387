/**
 * Discord's faults, with the real discord.js against the fake: a 5xx blip on an interaction
 * callback is ridden out with a backoff (not 4 tries in a few ms), a retried message create
 * never doubles a post, and a token revoked mid-run shows on /healthz and in feud_errors_total.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/adapter.ts';
import { SERVER_ERROR_BACKOFF_MS, safeToRepeat, withServerErrorBackoff } from '../../adapters/discord/rest-retry.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import { createFeud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { healthOf } from '../../src/ops/health.ts';
import { createMetrics, type Metrics } from '../../src/ops/metrics.ts';
import { type OpsServer, startOpsServer } from '../../src/ops/server.ts';
import type { Store } from '../../src/store/store.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord.ts';
import { sample } from '../helpers/prometheus.ts';
import { testState } from '../helpers/state.ts';

const feud = createFeud(loadFacts());

interface Stack {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  store: Store;
  metrics: Metrics;
}
const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

async function startStack(): Promise<Stack> {
  const fake = await startFakeDiscord();
  const state = testState();
  const { store } = state;
  const metrics = createMetrics();
  const conversation = createConversation({
    feud,
    ...state,
    logger: silentLogger,
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0 },
    events: metrics.conversationEvents,
  });
  const adapter = createDiscordAdapter({
    config: { token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl, messageContent: false },
    conversation,
    logger: silentLogger,
    errors: metrics.errors,
  });
  await adapter.start();
  await fake.waitFor('the client to be ready', () => (adapter.isConnected() ? true : undefined));
  running.push(async () => {
    await adapter.stop();
    await fake.close();
    await store.close();
  });
  return { fake, adapter, store, metrics };
}

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

describe('Discord 5xx', () => {
  it('a 5xx blip on an interaction callback is retried with a growing wait, and the user gets the answer', async () => {
    const { fake } = await startStack();
    // a 300 ms outage: discord.js's immediate retries (4 tries within a few ms) all land inside it
    fake.failRequests({ method: 'POST', path: CALLBACK, status: 502, forMs: 300 });
    const id = fake.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] });
    const callback = await fake.callbackFor(id, 8000);
    expect(callback.type).toBe(4);
    const tries = fake.requests.filter((r) => r.method === 'POST' && CALLBACK.test(r.path) && r.path.includes(id));
    expect(tries.length).toBeGreaterThan(1);
    expect(tries.length).toBeLessThanOrEqual(1 + SERVER_ERROR_BACKOFF_MS.length);
    // each wait at least the backoff step (a lower bound a timer guarantees)
    tries.slice(1).forEach((t, i) => expect(t.at - tries[i]!.at).toBeGreaterThanOrEqual(SERVER_ERROR_BACKOFF_MS[i]! - 5));
  }, 15_000);

  it('a daily post whose answer was lost in a 500 after Discord made it is retried and still appears once', async () => {
    const { fake, adapter } = await startStack();
    fake.failRequests({ method: 'POST', path: /^\/channels\/[^/]+\/messages$/, status: 500, times: 1, afterHandling: true });
    await adapter.postToChannel(fake.channelId, feud.dailyFact(feud.factIds()[0]!, 'en'));
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`)).toHaveLength(2);
    expect(fake.messages.filter((m) => m.channelId === fake.channelId)).toHaveLength(1);
  }, 10_000);

  it('repeats only what cannot act twice', () => {
    expect(safeToRepeat('http://x/api/v10/channels/1/messages', { method: 'GET' })).toBe(true);
    expect(safeToRepeat('http://x/api/v10/interactions/123/tok/callback?with_response=false', { method: 'POST', body: '{}' })).toBe(true);
    expect(safeToRepeat('http://x/api/v10/channels/1/messages', { method: 'POST', body: '{"nonce":"abc","enforce_nonce":true}' })).toBe(true);
    // a follow-up webhook or a message create without an enforced nonce could appear twice
    expect(safeToRepeat('http://x/api/v10/webhooks/1/tok', { method: 'POST', body: '{"content":"hi"}' })).toBe(false);
    expect(safeToRepeat('http://x/api/v10/channels/1/messages', { method: 'POST', body: '{"content":"hi"}' })).toBe(false);
  });

  it('gives up after the last wait and returns the 5xx to discord.js', async () => {
    let calls = 0;
    const waits: number[] = [];
    const makeRequest = withServerErrorBackoff(
      async () => {
        calls++;
        return new Response('{"message":"boom"}', { status: 503 }) as never;
      },
      async (ms) => void waits.push(ms),
    );
    const res = await makeRequest('http://x/api/v10/channels/1', { method: 'GET' });
    expect(res.status).toBe(503);
    expect(calls).toBe(1 + SERVER_ERROR_BACKOFF_MS.length);
    expect(waits).toEqual([...SERVER_ERROR_BACKOFF_MS]);
  });
});

describe('a Discord token revoked mid-run', () => {
  it('fails the posts, counts the errors and turns /healthz 503 with the reason', async () => {
    const { fake, adapter, store, metrics } = await startStack();
    const ops: OpsServer = await startOpsServer({ port: 0, host: '127.0.0.1', metrics, health: () => healthOf(store, [adapter]) });
    running.push(() => ops.close());
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${ops.port}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect((await healthz()).status).toBe(200);

    fake.revokeToken();
    await expect(adapter.postToChannel(fake.channelId, feud.dailyFact(feud.factIds()[0]!, 'en'))).rejects.toThrow();
    const health = await healthz();
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      status: 'unavailable',
      adapters: { discord: false },
      problems: { discord: expect.stringMatching(/DISCORD_TOKEN was rejected by Discord \(401/) },
    });
    const text = await (await fetch(`http://127.0.0.1:${ops.port}/metrics`)).text();
    expect(sample(text, 'feud_errors_total', { source: 'discord' })).toBeGreaterThan(0);
  }, 15_000);
});
