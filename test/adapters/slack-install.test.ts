/**
 * The Slack app installed in any workspace (HTTP mode): the real Bolt App and its own
 * InstallProvider, the real conversation, a SQLite file, against a fake Slack (oauth.v2.access
 * and the Web API) on 127.0.0.1. What a person installing it, a user in each workspace and an
 * operator reading the database file would notice.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/adapter.ts';
import { BOT_SCOPES } from '../../adapters/slack/scopes.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import { createFeud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { createDailyCommandHandler } from '../../src/schedule/daily-commands.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { type CurationEntry, type Store, workspaceScoped } from '../../src/store/store.ts';
import { createWriteBehind } from '../../src/store/write-behind.ts';
import {
  eventPayload,
  type FakeSlack,
  type FakeWorkspace,
  postSigned,
  type RecordedRequest,
  slashCommandFields,
  slashCommandPayload,
  startFakeSlack,
  startFakeSocketMode,
} from '../fakes/slack.ts';

const SIGNING_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'c11e47a5ec2e7c11e47a5ec2e7c11e47';
const STATE_SECRET = 'state-secret-for-the-install-tests';
const ADMIN = 'U0ADMIN';

const feud = createFeud(loadFacts());
let fake: FakeSlack;
let dir: string;
let dbPath: string;
let store: Store;
let adapter: SlackAdapter;
let base: string;
let alpha: FakeWorkspace;
let beta: FakeWorkspace;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  alpha = fake.addWorkspace({ teamId: 'T0ALPHA', name: 'Alpha Co', botToken: `xoxb-alpha-${randomBytes(8).toString('hex')}` });
  beta = fake.addWorkspace({ teamId: 'T0BETA', name: 'Beta Inc', botToken: `xoxb-beta-${randomBytes(8).toString('hex')}` });
  fake.setUser(ADMIN, { isAdmin: true, tz: 'Asia/Seoul' });
  dir = mkdtempSync(join(tmpdir(), 'feud-install-'));
  dbPath = join(dir, 'feud.db');
  store = await openSqliteStore(dbPath);
  const curation = createWriteBehind<CurationEntry>({
    name: 'curation entries',
    write: (batch) => store.recordCuration(batch),
    logger: silentLogger,
    batchDelayMs: 0,
  });
  const conversation = createConversation({
    feud,
    store,
    curation,
    logger: silentLogger,
    limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0, listenIntervalMinutes: 1 },
    daily: createDailyCommandHandler({ store, defaultTimeZone: 'Asia/Seoul' }),
  });
  // trace: everything Bolt, the WebClient and the InstallProvider write, to look for tokens in
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write: (chunk: Buffer, _e, done) => {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  adapter = createSlackAdapter({
    config: {
      install: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET, encryptionKey: randomBytes(32) },
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      adminUserIds: [],
    },
    conversation,
    feud,
    logger,
    host: '127.0.0.1',
    installations: store,
  });
  await adapter.start();
  base = `http://127.0.0.1:${adapter.port()}`;
});

afterAll(async () => {
  await adapter?.stop();
  await store?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What a browser gets at /slack/install: the page, the authorize link and the state cookie. */
async function openInstallPage() {
  const res = await fetch(`${base}/slack/install`, { signal: AbortSignal.timeout(5000) });
  const html = await res.text();
  const href = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  const cookie = /^slack-app-oauth-state=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { res, html, authorize: href ? new URL(href) : undefined, cookie, setCookie: res.headers.get('set-cookie') ?? '' };
}

/** Slack sending the browser back after "Allow" (or `error=access_denied`). */
function redirect(params: Record<string, string>, cookie?: string) {
  return fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(params)}`, {
    headers: cookie ? { cookie: `slack-app-oauth-state=${cookie}` } : {},
    redirect: 'manual',
    signal: AbortSignal.timeout(5000),
  });
}

async function install(workspace: FakeWorkspace): Promise<{ status: number; html: string }> {
  const page = await openInstallPage();
  const state = page.authorize!.searchParams.get('state')!;
  const res = await redirect({ code: fake.authorizationCode(workspace.teamId), state }, page.cookie);
  return { status: res.status, html: await res.text() };
}

const send = (payload: Parameters<typeof postSigned>[1]) => postSigned(`${base}/slack/events`, payload, { signingSecret: SIGNING_SECRET });
const bearer = (r: RecordedRequest) => r.headers.authorization;

/** A signed /feud in a workspace; resolves with what arrived at its response_url. */
async function feudIn(workspace: FakeWorkspace, text: string, channelId = 'C0GENERAL', userId = 'U0ASKER') {
  const responseUrl = fake.responseUrl();
  expect((await send(slashCommandPayload({ text, responseUrl, channelId, userId, teamId: workspace.teamId }))).status).toBe(200);
  return fake.waitFor((r) => r.method === 'response_url' && r.path === new URL(responseUrl).pathname);
}

async function mentionIn(workspace: FakeWorkspace, ts: string, channel = 'C0GENERAL') {
  const event = eventPayload(
    { type: 'app_mention', user: 'U0ASKER', text: `<@${workspace.botUserId}> who founded OpenAI`, ts, channel },
    { teamId: workspace.teamId },
  );
  expect((await send(event)).status).toBe(200);
  return fake.waitFor((r) => r.method === 'chat.postMessage' && r.body.thread_ts === ts);
}

describe('the install page', () => {
  it("links to Slack's authorize page with the manifest's scopes, the client id and a signed state that the browser also holds in a cookie", async () => {
    const page = await openInstallPage();
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.html).toContain('Add Feud Bot to Slack');
    expect(page.html).toContain('퓨드봇을 Slack에 추가');
    expect(page.authorize?.origin + page.authorize!.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(page.authorize!.searchParams.get('scope')!.split(',')).toEqual([...BOT_SCOPES]);
    expect(page.authorize!.searchParams.get('client_id')).toBe(CLIENT_ID);
    const state = page.authorize!.searchParams.get('state');
    expect(state).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(page.cookie).toBe(state);
    expect(page.setCookie).toMatch(/HttpOnly/);
    expect(page.setCookie).toMatch(/Max-Age=600/);
  });
});

describe('installed in two workspaces', () => {
  beforeAll(async () => {
    for (const workspace of [alpha, beta]) {
      const done = await install(workspace);
      expect(done.status).toBe(200);
      expect(done.html).toContain(`Feud Bot was added to ${workspace.name}`);
      expect(done.html).toContain('<code>/feud help</code>');
    }
  });

  it('exchanged each code once with the app’s credentials, and keeps one installation per workspace', async () => {
    const exchanges = fake.calls('oauth.v2.access');
    expect(exchanges).toHaveLength(2);
    for (const call of exchanges) expect(call.body).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(await store.countInstallations('slack')).toBe(2);
    expect((await store.listInstallations('slack', 10)).map((i) => i.workspace)).toEqual(['T0ALPHA', 'T0BETA']);
    expect(logLines.filter((l) => l.includes('Slack app installed in a workspace'))).toHaveLength(2);
  });

  it('answers /feud from each, and every Web API call for a workspace carries that workspace’s own token', async () => {
    for (const workspace of [alpha, beta]) {
      const answer = await feudIn(workspace, 'who founded OpenAI');
      expect(answer.body.response_type).toBe('in_channel');
      expect(JSON.stringify(answer.body.blocks)).toMatch(/Altman/);
      // /feud answers on its response_url (no token by Slack's design); the rest is Web API calls
      const lookups = fake.calls('users.info').length;
      await feudIn(workspace, 'listen on', `C0LISTEN${workspace.teamId}`, ADMIN);
      const lookup = fake.calls('users.info').slice(lookups);
      expect(lookup.length).toBeGreaterThan(0);
      for (const call of lookup) expect(bearer(call)).toBe(`Bearer ${workspace.botToken}`);
      const reply = await mentionIn(workspace, `1700000000.${workspace.teamId === 'T0ALPHA' ? '100001' : '100002'}`);
      expect(bearer(reply)).toBe(`Bearer ${workspace.botToken}`);
    }
  });

  it('posts a daily fact with the token of the workspace whose channel it is', async () => {
    for (const workspace of [alpha, beta]) {
      await adapter.postToChannel(workspaceScoped(workspace.teamId, 'C0DAILY'), feud.dailyFact(feud.factIds()[0]!, 'en'));
      const post = fake.calls('chat.postMessage').at(-1)!;
      expect(post.body.channel).toBe('C0DAILY');
      expect(bearer(post)).toBe(`Bearer ${workspace.botToken}`);
    }
  });

  it('keeps each workspace’s channel settings and subscriptions apart, even for the same channel id', async () => {
    await feudIn(alpha, 'daily on 08:30 UTC en', 'C0SHARED', ADMIN);
    const inAlpha = await feudIn(alpha, 'daily status', 'C0SHARED');
    const inBeta = await feudIn(beta, 'daily status', 'C0SHARED');
    expect(JSON.stringify(inAlpha.body.blocks)).toMatch(/08:30/);
    expect(JSON.stringify(inBeta.body.blocks)).not.toMatch(/08:30/);
    expect(await store.getSubscription({ platform: 'slack', channelId: 'T0ALPHA:C0SHARED' })).toMatchObject({ time: '08:30', enabled: true });
    expect(await store.getSubscription({ platform: 'slack', channelId: 'T0BETA:C0SHARED' })).toBeUndefined();
    // listen mode is on in alpha's C0LISTEN… only (turned on above), under alpha's key
    expect((await store.getSettings({ platform: 'slack', channelId: 'T0ALPHA:C0LISTENT0ALPHA' })).listen).toBe(true);
    expect((await store.getSettings({ platform: 'slack', channelId: 'T0BETA:C0LISTENT0ALPHA' })).listen).toBe(false);
  });

  it('keeps no plaintext token in the database file', async () => {
    // the file and its write-ahead log, as they are on disk while the bot runs
    const bytes = [dbPath, `${dbPath}-wal`].filter(existsSync).map((p) => readFileSync(p));
    const all = Buffer.concat(bytes);
    // the installations are in what was read (their workspace ids are plain), their tokens are not
    expect(all.includes(Buffer.from('T0ALPHA'))).toBe(true);
    for (const token of [alpha.botToken, beta.botToken]) {
      expect(all.includes(Buffer.from(token))).toBe(false);
      expect(all.includes(Buffer.from(token.slice(5)))).toBe(false);
    }
    expect(all.includes(Buffer.from('xoxb-'))).toBe(false);
    expect(all.includes(Buffer.from(CLIENT_SECRET))).toBe(false);
    expect((await store.getInstallation('slack', 'T0ALPHA'))?.sealed).toMatch(/^v1\./);
  });

  it('never writes a token or the client secret to the log, even at trace level', () => {
    const log = logLines.join('');
    expect(log).toContain('oauth.v2.access');
    for (const secret of [alpha.botToken, beta.botToken, CLIENT_SECRET, STATE_SECRET]) expect(log).not.toContain(secret);
  });
});

describe('a state that is not this browser’s', () => {
  /** A state as Bolt's ClearStateStore makes it (an HS256 JWT of the install options and the time). */
  const stateAt = (secret: string, at: Date) => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ installOptions: { scopes: [...BOT_SCOPES] }, now: at.toJSON(), random: 1 })}`;
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  };

  it.each([
    ['forged (signed with another secret)', () => stateAt('someone-elses-secret-value', new Date())],
    ['expired (made 11 minutes ago)', () => stateAt(STATE_SECRET, new Date(Date.now() - 11 * 60_000))],
  ])('refuses a %s state with a page that says to start again, and exchanges no code', async (_what, make) => {
    const state = make();
    const logged = logLines.length;
    const exchanges = fake.calls('oauth.v2.access').length;
    const before = await store.countInstallations('slack');
    const res = await redirect({ code: fake.authorizationCode('T0GAMMA'), state }, state);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('This install link has expired or was opened in another browser');
    expect(html).toContain('href="/slack/install"');
    expect(fake.calls('oauth.v2.access')).toHaveLength(exchanges);
    expect(await store.countInstallations('slack')).toBe(before);
    // a visitor's stale link is one warning, not an error with a stack that alerts the operator
    const lines = logLines.slice(logged).map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual(['a Slack install did not complete']);
  });

  it('refuses a genuine state that arrives without its cookie (another browser)', async () => {
    const page = await openInstallPage();
    const logged = logLines.length;
    const res = await redirect({ code: fake.authorizationCode('T0GAMMA'), state: page.authorize!.searchParams.get('state')! });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('expired or was opened in another browser');
    const lines = logLines.slice(logged).map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  });

  it('says so plainly when the install was cancelled in Slack', async () => {
    const page = await openInstallPage();
    const res = await redirect({ error: 'access_denied', state: page.authorize!.searchParams.get('state')! }, page.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('The install was cancelled in Slack, so nothing was added');
    expect(html).toContain('Slack에서 설치를 취소하여 아무것도 추가되지 않았습니다');
  });
});

describe('uninstalling one workspace', () => {
  it('forgets it (installation, subscriptions, settings) and ignores its later events with one log line; the other keeps working', async () => {
    await feudIn(alpha, 'daily on 07:00 UTC en', 'C0GONE', ADMIN);
    expect(await store.getSubscription({ platform: 'slack', channelId: 'T0ALPHA:C0GONE' })).toBeDefined();
    expect((await send(eventPayload({ type: 'app_uninstalled' }, { teamId: alpha.teamId }))).status).toBe(200);
    await expect.poll(() => store.getInstallation('slack', 'T0ALPHA'), { timeout: 5000 }).toBeUndefined();
    expect(await store.getSubscription({ platform: 'slack', channelId: 'T0ALPHA:C0GONE' })).toBeUndefined();
    expect(await store.getSubscription({ platform: 'slack', channelId: 'T0ALPHA:C0SHARED' })).toBeUndefined();
    expect((await store.getSettings({ platform: 'slack', channelId: 'T0ALPHA:C0LISTENT0ALPHA' })).listen).toBe(false);

    // a late /feud from the uninstalled workspace: acknowledged, never answered, one line
    const linesBefore = logLines.length;
    const responseUrl = fake.responseUrl();
    expect((await send(slashCommandPayload({ text: 'who founded OpenAI', responseUrl, teamId: alpha.teamId }))).status).toBe(200);
    // the other workspace is answered (with its own token) after it, so the late one was handled by then
    await feudIn(beta, 'who founded OpenAI');
    const reply = await mentionIn(beta, '1700000000.200002');
    expect(bearer(reply)).toBe(`Bearer ${beta.botToken}`);
    expect(fake.calls('response_url').filter((r) => r.path === new URL(responseUrl).pathname)).toHaveLength(0);
    const said = logLines.slice(linesBefore).filter((l) => JSON.parse(l).level >= 30);
    expect(said.filter((l) => /not installed|did not succeed|listener failed/i.test(l))).toEqual([
      expect.stringContaining('ignoring a Slack event from a workspace the app is not installed in'),
    ]);
    await expect(adapter.postToChannel(workspaceScoped(alpha.teamId, 'C0DAILY'), feud.dailyFact(feud.factIds()[0]!, 'en'))).rejects.toThrow(
      /not installed in that workspace/,
    );
  });

  it('forgets a workspace whose bot token was revoked (tokens_revoked), not one whose user tokens were', async () => {
    await send(eventPayload({ type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } }, { teamId: beta.teamId }));
    await feudIn(beta, 'who founded OpenAI');
    expect(await store.getInstallation('slack', 'T0BETA')).toBeDefined();
    expect((await send(eventPayload({ type: 'tokens_revoked', tokens: { bot: [beta.botUserId] } }, { teamId: beta.teamId }))).status).toBe(200);
    await expect.poll(() => store.countInstallations('slack'), { timeout: 5000 }).toBe(0);
  });
});

describe('installed in two workspaces over Socket Mode', () => {
  it('serves the install pages on PORT and both workspaces’ events over the one socket, each answered with its own token', async () => {
    const socketFake = await startFakeSlack({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const one = socketFake.addWorkspace({ teamId: 'T0ONE', name: 'One', botToken: `xoxb-one-${randomBytes(8).toString('hex')}` });
    const two = socketFake.addWorkspace({ teamId: 'T0TWO', name: 'Two', botToken: `xoxb-two-${randomBytes(8).toString('hex')}` });
    const socket = await startFakeSocketMode();
    socketFake.setSocketModeUrl(socket.url);
    const own = await openSqliteStore(':memory:');
    const curation = createWriteBehind<CurationEntry>({
      name: 'curation entries',
      write: (batch) => own.recordCuration(batch),
      logger: silentLogger,
      batchDelayMs: 0,
    });
    const socketAdapter = createSlackAdapter({
      config: {
        install: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET, encryptionKey: randomBytes(32) },
        appToken: 'xapp-1-A0FEUD-test',
        apiUrl: socketFake.apiUrl,
        port: 0,
        adminUserIds: [],
      },
      conversation: createConversation({ feud, store: own, curation, logger: silentLogger, limits: { userCooldownSeconds: 0, channelAnswersPerMinute: 0 } }),
      feud,
      logger: silentLogger,
      installations: own,
    });
    try {
      expect(socketAdapter.mode).toBe('socket');
      await socketAdapter.start();
      expect(socketAdapter.isConnected()).toBe(true);
      const pages = `http://127.0.0.1:${socketAdapter.port()}`;
      for (const workspace of [one, two]) {
        const page = await fetch(`${pages}/slack/install`, { signal: AbortSignal.timeout(5000) });
        const html = await page.text();
        const state = new URL(/href="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&')).searchParams.get('state')!;
        const cookie = /^slack-app-oauth-state=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
        const done = await fetch(`${pages}/slack/oauth_redirect?${new URLSearchParams({ code: socketFake.authorizationCode(workspace.teamId), state })}`, {
          headers: { cookie: `slack-app-oauth-state=${cookie}` },
          signal: AbortSignal.timeout(5000),
        });
        expect(done.status).toBe(200);
        expect(await done.text()).toContain(`Feud Bot was added to ${workspace.name}`);
      }
      expect(await own.countInstallations('slack')).toBe(2);

      for (const [i, workspace] of [one, two].entries()) {
        const responseUrl = socketFake.responseUrl();
        socket.send({
          envelope_id: `env-slash-${i}`,
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: slashCommandFields({ text: 'who founded OpenAI', responseUrl, teamId: workspace.teamId }),
        });
        await socket.waitForAck(`env-slash-${i}`);
        const answer = await socketFake.waitFor((r) => r.method === 'response_url' && r.path === new URL(responseUrl).pathname);
        expect(JSON.stringify(answer.body.blocks)).toMatch(/Altman/);
        const ts = `1700000000.30000${i}`;
        const body = JSON.parse(
          eventPayload(
            { type: 'app_mention', user: 'U0ASKER', text: `<@${workspace.botUserId}> who founded OpenAI`, ts, channel: 'C0SOCKET' },
            { teamId: workspace.teamId },
          ).body,
        ) as Record<string, unknown>;
        socket.send({ envelope_id: `env-event-${i}`, type: 'events_api', accepts_response_payload: false, payload: body });
        const post = await socketFake.waitFor((r) => r.method === 'chat.postMessage' && r.body.thread_ts === ts);
        expect(bearer(post)).toBe(`Bearer ${workspace.botToken}`);
      }
      // one socket for every workspace: the app-level token opened it, once
      expect(socket.connectionCount()).toBe(1);
    } finally {
      await socketAdapter.stop();
      await curation.close();
      await own.close();
      await socket.close();
      await socketFake.close();
    }
  });
});

describe('a changed FEUD_ENCRYPTION_KEY', () => {
  it('stops the start with one line naming it, rather than failing every workspace’s events', async () => {
    const own = await openSqliteStore(':memory:');
    const config = (encryptionKey: Buffer) => ({
      install: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET, encryptionKey },
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      adminUserIds: [],
    });
    const conversation = createConversation({
      feud,
      store: own,
      curation: createWriteBehind<CurationEntry>({ name: 'c', write: async () => undefined, logger: silentLogger }),
      logger: silentLogger,
    });
    const first = randomBytes(32);
    const { createSlackInstallations } = await import('../../adapters/slack/installations.ts');
    const { createTokenCipher } = await import('../../src/store/token-cipher.ts');
    await createSlackInstallations(own, createTokenCipher(first)).storeInstallation({
      team: { id: 'T0KEY' },
      enterprise: undefined,
      user: { id: 'U1', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-key-test', id: 'B1', userId: 'U2', scopes: [] },
    });
    const wrong = createSlackAdapter({ config: config(randomBytes(32)), conversation, feud, logger: silentLogger, host: '127.0.0.1', installations: own });
    await expect(wrong.start()).rejects.toThrow(/^FEUD_ENCRYPTION_KEY does not open the Slack installations already stored \(was the key changed\?\)/);
    const right = createSlackAdapter({ config: config(first), conversation, feud, logger: silentLogger, host: '127.0.0.1', installations: own });
    await right.start();
    await right.stop();
    await own.close();
  });
});
