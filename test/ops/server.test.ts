import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/bot/conversation.ts';
import { createFeud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { type HealthStatus, type OpsServer, startOpsServer } from '../../src/ops/server.ts';
import { createMemoryStore } from '../../src/store/memory.ts';
import type { Store } from '../../src/store/store.ts';
import { sample } from '../helpers/prometheus.ts';
import { testState } from '../helpers/state.ts';

const HOST = '127.0.0.1';
const servers: OpsServer[] = [];
const stores: Store[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const s of stores.splice(0)) await s.close();
});

async function start(health: () => HealthStatus, metrics = createMetrics()): Promise<string> {
  const server = await startOpsServer({ port: 0, host: HOST, metrics, health });
  servers.push(server);
  expect(server.port).toBeGreaterThan(0);
  return `http://${HOST}:${server.port}`;
}

/** Raw bytes over TCP: what a broken client or a port scanner sends. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, HOST, () => socket.write(bytes));
    let received = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (d) => (received += d.toString()));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('ops server /healthz', () => {
  it('is 200 with the detail when the store is open and every adapter is connected', async () => {
    const store = createMemoryStore();
    stores.push(store);
    const base = await start(() => ({ store: store.isHealthy(), adapters: { discord: true, slack: true } }));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', store: true, adapters: { discord: true, slack: true } });
  });

  it('is 503 naming the adapter that is down', async () => {
    const base = await start(() => ({ store: true, adapters: { discord: true, slack: false } }));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', store: true, adapters: { discord: true, slack: false } });
  });

  it('turns 503 once the store is closed', async () => {
    const store = createMemoryStore();
    stores.push(store);
    const base = await start(() => ({ store: store.isHealthy(), adapters: { console: true } }));
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await store.close();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', store: false });
  });

  it('is 503, not a crash, when the health check itself throws', async () => {
    const base = await start(() => {
      throw new Error('adapter state unknown');
    });
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', error: 'adapter state unknown' });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('answers HEAD with the status and headers but no body, and ignores a query string', async () => {
    let up = true;
    const base = await start(() => ({ store: true, adapters: { discord: up } }));
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
    up = false;
    expect((await fetch(`${base}/healthz?probe=liveness`, { method: 'HEAD' })).status).toBe(503);
  });
});

describe('ops server /metrics', () => {
  it('serves Prometheus text with the question counters after a conversation answered and abstained', async () => {
    const metrics = createMetrics();
    const state = testState();
    stores.push(state.store);
    const conversation = createConversation({ feud: createFeud(loadFacts()), ...state, logger: silentLogger, events: metrics.conversationEvents });
    const ask = (text: string, userId: string) => conversation.handle({ platform: 'discord', channelId: 'D1', userId, text, via: 'command' });
    expect((await ask('who founded OpenAI', 'A'))?.kind).toBe('answer');
    expect((await ask('what is the capital of Peru', 'B'))?.kind).toBe('abstain');
    metrics.dailyEvents.posted('discord');

    const base = await start(() => ({ store: true, adapters: {} }), metrics);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.registry.contentType);
    const text = await res.text();
    expect(sample(text, 'feud_questions_total', { platform: 'discord', lang: 'en', outcome: 'answered' })).toBe(1);
    expect(sample(text, 'feud_questions_total', { platform: 'discord', lang: 'en', outcome: 'abstained' })).toBe(1);
    expect(sample(text, 'feud_answer_seconds_count', { platform: 'discord' })).toBe(2);
    expect(sample(text, 'feud_daily_posts_total', { platform: 'discord', status: 'sent' })).toBe(1);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);

    const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('ops server robustness', () => {
  it('is 404 for other paths and 405 for other methods', async () => {
    const base = await start(() => ({ store: true, adapters: {} }));
    for (const path of ['/', '/favicon.ico', '/healthz/extra', '/METRICS']) expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    const server = await startOpsServer({ port: 0, host: HOST, metrics: createMetrics(), health: () => ({ store: true, adapters: {} }) });
    servers.push(server);
    expect(await rawExchange(server.port, 'THIS IS NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawExchange(server.port, 'GET //[::1 HTTP/1.1\r\nHost: \u0000\r\n\r\n')).toMatch(/^HTTP\/1\.1 (400|404)/);
    expect((await fetch(`http://${HOST}:${server.port}/healthz`)).status).toBe(200);
  });

  it('closes promptly even while a scraper holds a keep-alive connection', async () => {
    const server = await startOpsServer({ port: 0, host: HOST, metrics: createMetrics(), health: () => ({ store: true, adapters: {} }) });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: HOST, port: server.port, path: '/metrics', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    agent.destroy();
  });

  it('rejects with the port named when the port is taken', async () => {
    const first = await startOpsServer({ port: 0, host: HOST, metrics: createMetrics(), health: () => ({ store: true, adapters: {} }) });
    servers.push(first);
    await expect(startOpsServer({ port: first.port, host: HOST, metrics: createMetrics(), health: () => ({ store: true, adapters: {} }) })).rejects.toThrow(
      `METRICS_PORT ${first.port} is already in use`,
    );
  });
});
