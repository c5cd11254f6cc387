/**
 * The Slack adapter end to end: the real Bolt App with its HTTP receiver on 127.0.0.1,
 * the real conversation and fact base, and a fake Slack Web API / response_url server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/adapter.ts';
import { escapeMrkdwn } from '../../adapters/slack/mrkdwn.ts';
import { ChannelGoneError } from '../../src/bot/adapter.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import type { Conversation } from '../../src/bot/incoming.ts';
import { createFeud, type Feud } from '../../src/core/feud.ts';
import * as texts from '../../src/core/texts.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import type { Store } from '../../src/store/store.ts';
import {
  blockActionsPayload,
  eventPayload,
  type FakeSlack,
  postSigned,
  type RecordedRequest,
  type SlackPayload,
  slashCommandFields,
  slashCommandPayload,
  startFakeSlack,
  startFakeSocketMode,
  urlVerificationPayload,
} from '../fakes/slack.ts';
import { freePort, waitUntil } from '../helpers/processes.ts';
import { type TestState, testState } from '../helpers/state.ts';

const SIGNING_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const BOT_TOKEN = 'xoxb-0000-test-token';
const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';

let fake: FakeSlack;
let feud: Feud;
let store: Store;
let state: TestState;
let adapter: SlackAdapter;
let eventsUrl: string;
const feedbackCalls: Array<[string, boolean, string]> = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.setUser(ADMIN, { isAdmin: true, tz: 'America/New_York' });
  fake.setUser(MEMBER, { tz: 'Asia/Seoul' });
  feud = createFeud(loadFacts());
  state = testState();
  store = state.store;
  const real = createConversation({
    feud,
    ...state,
    logger: silentLogger,
    // every test asks from its own channel; cooldowns are the conversation's business, tested there
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0 },
    // the daily scheduler is tested on its own; here it only shows which time zone the adapter passed
    daily: async (command, msg, lang) => texts.info(lang, 'Daily', `${command.action} in ${(await msg.timeZone?.()) ?? 'no zone'}`),
  });
  const conversation: Conversation = {
    ...real,
    feedback: (factId, helpful, platform) => {
      feedbackCalls.push([factId, helpful, platform]);
      real.feedback(factId, helpful, platform);
    },
  };
  adapter = createSlackAdapter({
    // no trailing slash: the adapter must add the one Bolt's WebClient needs
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl.replace(/\/$/, ''), port: 0, adminUserIds: [] },
    conversation,
    feud,
    logger: silentLogger,
    host: '127.0.0.1',
  });
  await adapter.start();
  eventsUrl = `http://127.0.0.1:${adapter.port()}/slack/events`;
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await store?.close();
});

const send = (payload: SlackPayload, options: { headers?: Record<string, string>; timestampSec?: number; signature?: string } = {}) =>
  postSigned(eventsUrl, payload, { signingSecret: SIGNING_SECRET, ...options });

/** Everything a person could read in a posted message (text + blocks), as one string. */
const said = (r: RecordedRequest) => `${String(r.body.text ?? '')}\n${JSON.stringify(r.body.blocks ?? [])}`;

const responseTo = (responseUrl: string, timeoutMs = 5000) =>
  fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(responseUrl).pathname, timeoutMs);

let tsSeq = 0;
const nextTs = () => `17000${String(++tsSeq).padStart(5, '0')}.000100`;

async function slash(text: string, options: { channelId?: string; userId?: string } = {}): Promise<RecordedRequest> {
  const responseUrl = fake.responseUrl();
  const res = await send(slashCommandPayload({ text, responseUrl, ...options }));
  // acknowledged at once with an empty 200; the answer follows through the response_url
  expect(res.status).toBe(200);
  return responseTo(responseUrl);
}

function mention(text: string, channel: string, extra: Record<string, unknown> = {}, eventId?: string) {
  const ts = nextTs();
  const payload = eventPayload({ type: 'app_mention', user: MEMBER, text, ts, channel, ...extra }, eventId ? { eventId } : {});
  return { ts, payload };
}

const postsIn = (channel: string) => fake.calls('chat.postMessage').filter((r) => r.body.channel === channel);

/** A reply to a later, answerable mention in the same channel proves earlier events were processed. */
async function settle(channel: string): Promise<void> {
  const { ts, payload } = mention(`<@${fake.botUserId}> who founded OpenAI`, channel);
  await send(payload);
  await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === channel && r.body.thread_ts === ts);
}

describe('Slack adapter over HTTP (real Bolt, fake Slack)', () => {
  it('echoes the url_verification challenge', async () => {
    const res = await send(urlVerificationPayload('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
    expect(res.status).toBe(200);
    expect(res.body).toContain('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('answers /feud who founded OpenAI in the channel, with the source', async () => {
    const started = Date.now();
    const response = await slash('who founded OpenAI', { channelId: 'C0SLASH' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.body.response_type).toBe('in_channel');
    const text = said(response);
    expect(text).toMatch(/Altman/);
    expect(text).toMatch(/Musk/);
    expect(text).toMatch(/2015/);
    expect(text).toMatch(/Source: “/);
    expect(response.body).toMatchObject({ parse: 'none', link_names: false });
  });

  it('answers a Korean question in Korean', async () => {
    const response = await slash('오픈AI는 누가 설립했어?', { channelId: 'C0SLASHKO' });
    expect(response.body.response_type).toBe('in_channel');
    const text = said(response);
    expect(text).toMatch(/올트먼/);
    expect(text).toMatch(/머스크/);
    expect(text).toMatch(/2015년/);
    expect(text).toMatch(/출처/);
  });

  it('posts the timeline in the channel as Block Kit sections within Slack limits', async () => {
    const response = await slash('timeline', { channelId: 'C0TIMELINE' });
    expect(response.body.response_type).toBe('in_channel');
    const blocks = response.body.blocks as Array<{ type: string; text?: { text: string } }>;
    expect(blocks.length).toBeLessThanOrEqual(50);
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) expect(s.text!.text.length).toBeLessThanOrEqual(3000);
    expect(sections[0]!.text!.text).toMatch(/^• \*[^*]+\* — /);
  });

  it('shows help only to the asker', async () => {
    const response = await slash('help');
    expect(response.body.response_type).toBe('ephemeral');
    expect(said(response)).toMatch(/\/feud timeline/);
  });

  it('passes the asker’s Slack time zone to `daily on`', async () => {
    const response = await slash('daily on 09:00', { userId: ADMIN });
    expect(said(response)).toMatch(/on in America\/New_York/);
    expect(fake.calls('users.info').map((r) => r.body.user)).toContain(ADMIN);
  });

  it('does not look the asker up for a plain question', async () => {
    const before = fake.calls('users.info').length;
    await slash('who founded OpenAI', { userId: 'U0CURIOUS' });
    expect(fake.calls('users.info').length).toBe(before);
  });

  it('answers a did-you-mean click in place, in the language of the message', async () => {
    const factId = feud.factIds()[1]!;
    for (const lang of ['en', 'ko'] as const) {
      const responseUrl = fake.responseUrl();
      const res = await send(blockActionsPayload({ actionId: `ask:${factId}`, value: `${lang}:${factId}`, responseUrl }));
      expect(res.status).toBe(200);
      const response = await responseTo(responseUrl);
      expect(response.body.replace_original).toBe(true);
      expect(said(response)).toContain(escapeMrkdwn(feud.answerFact(factId, lang)!.body));
    }
  });

  it('records 👍 and thanks only the clicker', async () => {
    const factId = feud.factIds()[0]!;
    const responseUrl = fake.responseUrl();
    await send(blockActionsPayload({ actionId: 'feedback:up', value: `en:${factId}`, responseUrl }));
    const response = await responseTo(responseUrl);
    expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(said(response)).toMatch(/Thanks/);
    expect(feedbackCalls).toContainEqual([factId, true, 'slack']);
  });

  it('replies to an @-mention in a thread under it', async () => {
    const { ts, payload } = mention(`<@${fake.botUserId}> who founded OpenAI`, 'C0MENTION');
    expect((await send(payload)).status).toBe(200);
    const post = await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'C0MENTION');
    expect(post.body.thread_ts).toBe(ts);
    expect(said(post)).toMatch(/Altman/);
    expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.body).toMatchObject({ parse: 'none', link_names: 'false' });
  });

  it('keeps a mention inside a thread in that thread', async () => {
    const parent = '1690000000.000200';
    const { payload } = mention(`<@${fake.botUserId}> 오픈AI는 누가 설립했어?`, 'C0THREAD', { thread_ts: parent });
    await send(payload);
    const post = await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'C0THREAD');
    expect(post.body.thread_ts).toBe(parent);
    expect(said(post)).toMatch(/올트먼/);
  });

  it('answers a retried event only once', async () => {
    const { ts, payload } = mention(`<@${fake.botUserId}> who founded OpenAI`, 'C0RETRY', {}, 'Ev0RETRY0001');
    await send(payload);
    await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.thread_ts === ts);
    // Slack signs each retry afresh, with the time it was sent
    for (const n of [1, 2]) {
      const res = await send(payload, {
        timestampSec: Math.floor(Date.now() / 1000) + n,
        headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(res.status).toBe(200);
    }
    await settle('C0RETRY');
    expect(postsIn('C0RETRY').filter((r) => r.body.thread_ts === ts)).toHaveLength(1);
  });

  it('rejects a bad signature and a stale timestamp with 401, and answers neither', async () => {
    const forged = fake.responseUrl();
    const badSig = await send(slashCommandPayload({ text: 'who founded OpenAI', responseUrl: forged }), { signature: `v0=${'0'.repeat(64)}` });
    expect(badSig.status).toBe(401);
    const replayed = fake.responseUrl();
    const stale = await send(slashCommandPayload({ text: 'who founded OpenAI', responseUrl: replayed }), {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await slash('who founded OpenAI'); // a valid one gets through and is answered
    const paths = new Set(fake.calls('response_url').map((r) => r.path));
    expect(paths.has(new URL(forged).pathname)).toBe(false);
    expect(paths.has(new URL(replayed).pathname)).toBe(false);
  });

  it('never pings: <!channel> in a question comes back as plain text', async () => {
    const response = await slash('<!channel> who founded OpenAI');
    expect(response.rawBody).not.toContain('<!channel>');
    expect(said(response)).toMatch(/Altman/);

    const { payload } = mention(`<@${fake.botUserId}> <!here> <!subteam^S0DEVS|@devs> who founded OpenAI <@U0OTHER>`, 'C0PING');
    await send(payload);
    const post = await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'C0PING');
    for (const ping of ['<!here>', '<!subteam^', '<@U0OTHER>', '<!channel>']) expect(post.rawBody).not.toContain(encodeURIComponent(ping));
    for (const ping of ['<!here>', '<!subteam^', '<@U0OTHER>']) expect(said(post)).not.toContain(ping);
    expect(post.body).toMatchObject({ parse: 'none', link_names: 'false' });
  });

  describe('listen mode', () => {
    const channel = 'C0LISTEN';
    const message = (text: string, extra: Record<string, unknown> = {}) => {
      const ts = nextTs();
      return { ts, payload: eventPayload({ type: 'message', channel, channel_type: 'channel', user: MEMBER, text, ts, ...extra }) };
    };

    it('lets only channel managers turn it on', async () => {
      const denied = await slash('listen on', { channelId: channel, userId: MEMBER });
      expect(denied.body.response_type).toBe('ephemeral');
      expect(said(denied)).toMatch(/Only members who can manage/);
      const allowed = await slash('listen on', { channelId: channel, userId: ADMIN });
      expect(allowed.body.response_type).toBe('ephemeral');
      expect(said(allowed)).toMatch(/answer questions in this channel/);
    });

    it('stays silent on chatter, bots, itself, edits and mentions, then answers a confident question in a thread', async () => {
      const ignored = [
        message("lol what's for lunch"),
        message('who founded OpenAI?', { subtype: 'bot_message', bot_id: 'B0OTHER', user: undefined }),
        message('who founded OpenAI?', { bot_id: 'B0OTHER', user: 'U0OTHERBOT' }),
        message('who founded OpenAI?', { user: fake.botUserId }),
        message('who founded OpenAI?', { subtype: 'message_changed' }),
        message('who founded OpenAI?', { thread_ts: '1690000000.000900', parent_user_id: fake.botUserId }),
        // a mention also arrives as app_mention and is answered there, not twice
        message(`<@${fake.botUserId}> who founded OpenAI?`),
      ];
      for (const m of ignored) expect((await send(m.payload)).status).toBe(200);
      // listen mode answers at most once per interval, so had any of those been answered, this would not be
      const question = message('who founded OpenAI?');
      await send(question.payload);
      const post = await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === channel);
      expect(post.body.thread_ts).toBe(question.ts);
      expect(said(post)).toMatch(/Altman/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(postsIn(channel)).toHaveLength(1);
    });

    it('says nothing in a channel that has not opted in', async () => {
      const ts = nextTs();
      await send(eventPayload({ type: 'message', channel: 'C0QUIET', channel_type: 'channel', user: MEMBER, text: 'who founded OpenAI?', ts }));
      await settle('C0QUIET');
      expect(postsIn('C0QUIET').filter((r) => r.body.thread_ts === ts)).toHaveLength(0);
    });
  });

  describe('daily post (postToChannel)', () => {
    it('posts the reply to the channel without pings', async () => {
      await adapter.postToChannel('C0DAILY', feud.dailyFact(feud.factIds()[0]!, 'both'));
      const post = await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'C0DAILY');
      expect(said(post)).toMatch(/Feud fact of the day/);
      expect(post.body).toMatchObject({ parse: 'none', link_names: 'false' });
      expect(post.body.thread_ts).toBeUndefined();
    });

    // account_inactive is the bot's own account (its token), not the channel: see slack-health.test.ts
    it.each(['channel_not_found', 'not_in_channel', 'is_archived'])('reports %s as ChannelGoneError', async (error) => {
      const channel = `C0GONE${error.length}${error[0]}`;
      fake.failChannel(channel, error);
      const attempt = adapter.postToChannel(channel, feud.dailyFact(feud.factIds()[0]!, 'en'));
      await expect(attempt).rejects.toBeInstanceOf(ChannelGoneError);
      await expect(attempt).rejects.toThrow(error);
    });

    it('passes other Slack errors through as they are', async () => {
      fake.failChannel('C0BROKEN', 'invalid_blocks');
      const attempt = adapter.postToChannel('C0BROKEN', feud.dailyFact(feud.factIds()[0]!, 'en'));
      await expect(attempt).rejects.toThrow(/invalid_blocks/);
      await expect(attempt).rejects.not.toBeInstanceOf(ChannelGoneError);
    });
  });
});

describe('Slack adapter lifecycle', () => {
  it('is connected while listening and stops cleanly', async () => {
    const conversation = createConversation({ feud, ...state, logger: silentLogger });
    const own = createSlackAdapter({
      config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, adminUserIds: [] },
      conversation,
      feud,
      logger: silentLogger,
      host: '127.0.0.1',
    });
    expect(own.isConnected()).toBe(false);
    await own.start();
    expect(own.isConnected()).toBe(true);
    const port = own.port()!;
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, urlVerificationPayload('ping'), { signingSecret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    await own.stop();
    expect(own.isConnected()).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('starts through a Slack hiccup at boot and answers once Slack is back', async () => {
    fake.failMethod('auth.test', 'internal_error', 1);
    const own = createSlackAdapter({
      config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, adminUserIds: [] },
      conversation: createConversation({ feud, ...state, logger: silentLogger }),
      feud,
      logger: silentLogger,
      host: '127.0.0.1',
    });
    await own.start();
    try {
      const ts = nextTs();
      const payload = eventPayload({ type: 'app_mention', user: MEMBER, text: `<@${fake.botUserId}> who founded OpenAI`, ts, channel: 'C0HICCUP' });
      await postSigned(`http://127.0.0.1:${own.port()}/slack/events`, payload, { signingSecret: SIGNING_SECRET });
      const post = await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'C0HICCUP');
      expect(post.body.thread_ts).toBe(ts);
    } finally {
      await own.stop();
    }
  });

  it('refuses to start with a revoked bot token, naming the variable', async () => {
    fake.rejectToken('xoxb-revoked');
    const own = createSlackAdapter({
      config: { botToken: 'xoxb-revoked', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, adminUserIds: [] },
      conversation: createConversation({ feud, ...state, logger: silentLogger }),
      feud,
      logger: silentLogger,
      host: '127.0.0.1',
    });
    await expect(own.start()).rejects.toThrow(/SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
    expect(own.isConnected()).toBe(false);
  });
});

describe('Slack adapter over Socket Mode (real Bolt, fake Slack)', () => {
  it('connects with the app token, answers /feud and a mention, and disconnects on stop', async () => {
    const socket = await startFakeSocketMode();
    fake.setSocketModeUrl(socket.url);
    const own = createSlackAdapter({
      config: { botToken: BOT_TOKEN, appToken: 'xapp-1-A0FEUD-test', apiUrl: fake.apiUrl, port: 0, adminUserIds: [] },
      conversation: createConversation({ feud, ...state, logger: silentLogger, limits: { userCooldownSeconds: 0 } }),
      feud,
      logger: silentLogger,
    });
    try {
      expect(own.mode).toBe('socket');
      await own.start();
      expect(own.isConnected()).toBe(true);
      const open = fake.calls('apps.connections.open').at(-1)!;
      expect(open.headers.authorization).toBe('Bearer xapp-1-A0FEUD-test');

      const responseUrl = fake.responseUrl();
      socket.send({
        envelope_id: 'env-slash-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: slashCommandFields({ text: 'who founded OpenAI', responseUrl, channelId: 'C0SOCKET' }),
      });
      await socket.waitForAck('env-slash-1');
      const response = await responseTo(responseUrl);
      expect(response.body.response_type).toBe('in_channel');
      expect(said(response)).toMatch(/Altman/);

      const ts = nextTs();
      const body = JSON.parse(
        eventPayload({ type: 'app_mention', user: MEMBER, text: `<@${fake.botUserId}> who founded OpenAI`, ts, channel: 'C0SOCKET' }).body,
      ) as Record<string, unknown>;
      socket.send({ envelope_id: 'env-event-1', type: 'events_api', accepts_response_payload: false, payload: body });
      const post = await fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.channel === 'C0SOCKET');
      expect(post.body.thread_ts).toBe(ts);
      expect(said(post)).toMatch(/2015/);
    } finally {
      await own.stop();
      await socket.close();
    }
    expect(own.isConnected()).toBe(false);
  });
});

/** main.ts is the lead's; until every module it imports has landed, `npm start` cannot run. */
function entryPointReady(): boolean {
  if (!existsSync('src/main.ts')) return false;
  const source = readFileSync('src/main.ts', 'utf8');
  const imports = [...source.matchAll(/(?:from\s+|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => resolve('src', m[1]!));
  return imports.every((path) => existsSync(path));
}

describe('npm start with Slack variables', () => {
  it.skipIf(!entryPointReady())(
    'answers a signed /feud from the real entry point',
    async () => {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), 'feud-slack-'));
      const child = spawn('node_modules/.bin/tsx', ['src/main.ts'], {
        env: {
          FEUD_ENV_FILE: '',
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
          PORT: String(port),
          FEUD_DB_PATH: join(dir, 'feud.db'),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      try {
        const url = `http://127.0.0.1:${port}/slack/events`;
        await waitUntil(
          'the bot to answer url_verification',
          10_000,
          async () =>
            (await postSigned(url, urlVerificationPayload('up'), { signingSecret: SIGNING_SECRET, timeoutMs: 500 }).catch(() => undefined))?.status === 200,
          () => output,
        );
        const responseUrl = fake.responseUrl();
        const res = await postSigned(url, slashCommandPayload({ text: 'who founded OpenAI', responseUrl }), { signingSecret: SIGNING_SECRET });
        expect(res.status).toBe(200);
        const response = await responseTo(responseUrl, 8000);
        expect(response.body.response_type).toBe('in_channel');
        expect(said(response)).toMatch(/Altman/);
        expect(said(response)).toMatch(/2015/);
      } finally {
        await stopChild(child);
      }
    },
    30_000,
  );
});

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
