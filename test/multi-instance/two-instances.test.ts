/**
 * Two real bot processes (`tsx src/main.ts`) on one PostgreSQL database, in Slack HTTP mode
 * against the loopback fake Slack: what users would see of a two-instance deployment.
 * - 200 channels subscribed to one slot are each posted exactly once, the work shared;
 * - one instance is SIGKILLed mid-run: the posts it had claimed are re-sent once, by the other,
 *   after the lease, and the channels it had not reached are posted by the other;
 * - a Slack retry of an event, sent to the other instance, is not answered again.
 * Every wait is bounded; the lease and tick are shortened by configuration (3 s, 1 s).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.ts';
import type { Store } from '../../src/store/store.ts';
import { eventPayload, type FakeSlack, postSigned, signSlackRequest, slashCommandPayload, startFakeSlack } from '../fakes/slack.ts';
import { describePostgres, dropSchema, uniqueSchema, urlWithSchema } from '../helpers/postgres.ts';
import { freePort, spawnBot, waitUntil } from '../helpers/processes.ts';

const REPO = resolve(import.meta.dirname, '../..');
const SIGNING_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const CHANNELS = 200;
const LEASE_SECONDS = 3;

interface Bot {
  name: string;
  child: ChildProcessWithoutNullStreams;
  eventsUrl: string;
  healthUrl: string;
  stderr(): string;
  exited: Promise<void>;
}

describePostgres('two bot instances on one PostgreSQL database (Slack HTTP mode)', (url) => {
  const schema = uniqueSchema('feud_two');
  const databaseUrl = urlWithSchema(url, schema);
  let fake: FakeSlack;
  let store: Store;
  let sql: pg.Client;
  const bots: Bot[] = [];

  async function startBot(name: string): Promise<Bot> {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const { child, stderr, exited } = spawnBot(REPO, {
      SLACK_BOT_TOKEN: 'xoxb-0000-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.instanceApiUrl(name),
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      METRICS_PORT: String(metricsPort),
      METRICS_HOST: '127.0.0.1',
      FEUD_DAILY_TICK_SECONDS: '1',
      FEUD_DAILY_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: 'info',
    });
    const bot: Bot = {
      name,
      child,
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      healthUrl: `http://127.0.0.1:${metricsPort}/healthz`,
      stderr,
      exited,
    };
    bots.push(bot);
    return bot;
  }

  const posts = (instance?: string) =>
    fake.calls('chat.postMessage').filter((r) => (instance ? r.instance === instance : true) && r.body.thread_ts === undefined);

  beforeAll(async () => {
    fake = await startFakeSlack();
    // the test's own connection creates the schema and reads the result; the bots migrate it again (a no-op)
    store = await openPostgresStore({ url, schema, poolSize: 2 });
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    const [a, b] = await Promise.all([startBot('A'), startBot('B')]);
    for (const bot of [a!, b!]) {
      await waitUntil(`instance ${bot.name} to be healthy`, 30_000, async () => (await fetch(bot.healthUrl)).status === 200 || undefined, bot.stderr);
    }
    // both have ticked once, so each knows the other before there is any work
    await waitUntil(
      'both instances in scheduler_peers',
      10_000,
      async () => (await sql.query('SELECT count(*)::int AS n FROM scheduler_peers')).rows[0].n === 2 || undefined,
    );
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
    await Promise.race([Promise.all(bots.map((b) => b.exited)), new Promise((r) => setTimeout(r, 8000))]);
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await sql?.end();
    await store?.close();
    await fake?.close();
    await dropSchema(url, schema);
  }, 30_000);

  it('a Slack retry of an event sent to the other instance is not answered again', async () => {
    const [a, b] = bots;
    const ts = '1700000000.000777';
    const mention = eventPayload(
      { type: 'app_mention', user: 'U0ASKER', text: `<@${fake.botUserId}> who founded OpenAI`, ts, channel: 'C-RETRY' },
      { eventId: 'EvRETRY0001' },
    );
    expect((await postSigned(a!.eventsUrl, mention, { signingSecret: SIGNING_SECRET })).status).toBe(200);
    await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.thread_ts === ts, 10_000);
    // Slack's retry of the same event (it did not see the ack in time) lands on B
    // (Slack signs each delivery anew: a retry has its own timestamp and signature)
    const retry = await postSigned(b!.eventsUrl, mention, {
      signingSecret: SIGNING_SECRET,
      timestampSec: Math.floor(Date.now() / 1000) + 1,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    // B answering a later mention proves it has handled the retry by then
    const later = eventPayload({
      type: 'app_mention',
      user: 'U0OTHER',
      text: `<@${fake.botUserId}> why did Musk sue OpenAI`,
      ts: '1700000000.000888',
      channel: 'C-RETRY',
    });
    await postSigned(b!.eventsUrl, later, { signingSecret: SIGNING_SECRET });
    await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.thread_ts === '1700000000.000888' && r.instance === 'B', 10_000);
    expect(
      fake
        .calls('chat.postMessage')
        .filter((r) => r.body.thread_ts === ts)
        .map((r) => r.instance),
    ).toEqual(['A']);
  }, 30_000);

  it('a signed request replayed byte for byte to the other instance is refused and not answered again', async () => {
    const [a, b] = bots;
    const responseUrl = fake.responseUrl();
    const command = slashCommandPayload({ text: 'who founded OpenAI', responseUrl, channelId: 'C-REPLAY' });
    const headers = signSlackRequest(SIGNING_SECRET, command.body);
    const send = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': command.contentType, ...headers }, body: command.body, signal: AbortSignal.timeout(5000) });
    expect((await send(a!.eventsUrl)).status).toBe(200);
    await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(responseUrl).pathname, 10_000);
    // the same bytes and signature, captured and sent to B within the 5 minutes
    expect((await send(b!.eventsUrl)).status).toBe(401);
    // B still answers fresh requests, and the replay never reached the response_url again
    const fresh = fake.responseUrl();
    expect(
      (
        await postSigned(b!.eventsUrl, slashCommandPayload({ text: 'who founded OpenAI', responseUrl: fresh, channelId: 'C-REPLAY' }), {
          signingSecret: SIGNING_SECRET,
        })
      ).status,
    ).toBe(200);
    await fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(fresh).pathname, 10_000);
    expect(fake.calls('response_url').filter((r) => r.path === new URL(responseUrl).pathname)).toHaveLength(1);
  }, 30_000);

  it('posts 200 subscribed channels exactly once between them, and recovers once the claims of an instance killed mid-run', async () => {
    const [a, b] = bots;
    // A delivers a few posts, then Slack stops answering it: its workers hang on claimed posts
    fake.holdPostsFrom('A', 10);
    const now = Date.now();
    const channels = Array.from({ length: CHANNELS }, (_, i) => `CDAILY${String(i).padStart(3, '0')}`);
    // a slot earlier today (00:00 UTC) not yet posted: due at the next tick of either instance
    for (const channelId of channels)
      await store.upsertSubscription({ platform: 'slack', channelId, time: '00:00', timeZone: 'UTC', lang: 'en' }, now - 2 * 86_400_000);

    await waitUntil(
      'A to hang on held posts',
      30_000,
      () => fake.heldPosts().held >= 1 || undefined,
      () => `held ${JSON.stringify(fake.heldPosts())}, posts ${posts().length}\n${a!.stderr()}`,
    );
    // let A's other workers reach Slack too, so no post is between "delivered" and "recorded"
    await new Promise((r) => setTimeout(r, 500));
    const heldAtKill = fake.heldPosts().held;
    const deliveredByA = posts('A').length;
    a!.child.kill('SIGKILL');
    await a!.exited;
    expect(deliveredByA).toBe(10);

    await waitUntil(
      `all ${CHANNELS} channels posted`,
      60_000,
      () => new Set(posts().map((r) => r.body.channel)).size === CHANNELS || undefined,
      () => `${posts().length} posts, held ${JSON.stringify(fake.heldPosts())}\n${b!.stderr().slice(-3000)}`,
    );
    // a few more ticks: nothing more goes out
    await new Promise((r) => setTimeout(r, 2 * LEASE_SECONDS * 1000));

    const perChannel = new Map<string, number>();
    for (const r of posts()) perChannel.set(String(r.body.channel), (perChannel.get(String(r.body.channel)) ?? 0) + 1);
    expect([...perChannel.keys()].sort()).toEqual(channels);
    expect([...perChannel.values()].filter((n) => n !== 1)).toEqual([]);
    // the held posts were never processed by Slack (A went away) and were re-sent once, by B
    expect(fake.heldPosts()).toEqual({ held: 0, dropped: heldAtKill });
    const rows = (await sql.query("SELECT status, takeovers FROM daily_posts WHERE channel_id LIKE 'CDAILY%'")).rows as Array<{
      status: string;
      takeovers: number;
    }>;
    expect(rows).toHaveLength(CHANNELS);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.filter((r) => r.takeovers === 1)).toHaveLength(heldAtKill);
    expect(b!.stderr()).toMatch(/re-sending a daily post whose sender stopped before recording it/);
    // both did a share of the work before the kill
    expect(deliveredByA).toBeGreaterThan(0);
    expect(posts('B').length).toBe(CHANNELS - deliveredByA);
  }, 120_000);
});
