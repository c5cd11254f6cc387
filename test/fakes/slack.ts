/**
 * A fake Slack for tests, all on 127.0.0.1:
 * - the Web API methods the bot calls (auth.test, chat.postMessage, chat.postEphemeral, users.info),
 *   and oauth.v2.access for the install flow: workspaces added with addWorkspace() each have their
 *   own bot token, and auth.test answers for the workspace whose token it is given,
 * - response_url endpoints for slash commands and button clicks,
 * - a signer and payload builders to send Slack-shaped, correctly signed requests to the bot.
 * Every request is recorded with its parsed body (form-encoded or JSON).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface RecordedRequest {
  /** Web API method ("chat.postMessage") or "response_url". */
  method: string;
  /** Which bot instance called, when it used instanceApiUrl(name). */
  instance?: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed body; form fields holding JSON (blocks) are parsed too. */
  body: Record<string, unknown>;
  rawBody: string;
  /** The HTTP status the fake answered with (set once it has answered). */
  status?: number;
}

export interface FakeUser {
  isAdmin?: boolean;
  isOwner?: boolean;
  tz?: string;
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** The app's credentials oauth.v2.access accepts (the install flow). */
  clientId?: string;
  clientSecret?: string;
}

/** A workspace that can install the app: oauth.v2.access hands out its bot token. */
export interface FakeWorkspace {
  teamId: string;
  name: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** An Enterprise Grid org-wide install: the installation is the enterprise's. */
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL / clientOptions.slackApiUrl (ends with a slash). */
  readonly apiUrl: string;
  /** The same API, with calls recorded as coming from this bot instance (several bots on one fake). */
  instanceApiUrl(name: string): string;
  /**
   * After `afterDelivered` more posts from this instance, hold its chat.postMessage calls
   * unanswered: they are not delivered (not in requests). One whose caller goes away while held
   * counts as dropped, as a post Slack never processed.
   */
  holdPostsFrom(instance: string, afterDelivered: number): void;
  /** Posts held now, and posts whose caller went away while held. */
  heldPosts(): { held: number; dropped: number };
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly requests: RecordedRequest[];
  /** A fresh response_url on the fake (what Slack hands a slash command or a button click). */
  responseUrl(): string;
  /** Requests for one method ("chat.postMessage", "response_url", …). */
  calls(method: string): RecordedRequest[];
  /** Wait (bounded) for a request matching the predicate; rejects with what did arrive on timeout. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  setUser(userId: string, user: FakeUser): void;
  /** Make every post to this channel fail with a Slack error code ("channel_not_found"). */
  failChannel(channelId: string, error: string): void;
  /** Answer the next `times` calls of a Web API method with a Slack error (a passing outage). */
  failMethod(method: string, error: string, times?: number): void;
  /** Answer every Web API call made with this token with a Slack error (a revoked token): invalid_auth unless told. */
  rejectToken(token: string, error?: string): void;
  /**
   * Hold the answer to the next `times` calls of a Web API method for `ms` (a slow Slack). The
   * request is recorded, and a post is made, on arrival, as Slack would, whether or not the
   * client waits for the answer.
   */
  delayMethod(method: string, ms: number, times?: number): void;
  /** Answer the next `times` posts to this channel with 429 and Retry-After: `retryAfterSec`. */
  rateLimitChannel(channelId: string, retryAfterSec: number, times?: number): void;
  /** Where apps.connections.open sends Socket Mode clients (a FakeSocketMode's url). */
  setSocketModeUrl(url: string): void;
  /** A workspace the app can be installed in (each with its own bot token). */
  addWorkspace(workspace: Omit<FakeWorkspace, 'botUserId' | 'botId' | 'name'> & Partial<Pick<FakeWorkspace, 'botUserId' | 'botId' | 'name'>>): FakeWorkspace;
  /** What Slack's authorize page hands back after "Allow" in that workspace: a one-time code for oauth.v2.access. */
  authorizationCode(teamId: string): string;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? 'UFEUDBOT';
  const botId = options.botId ?? 'BFEUDBOT';
  const teamId = options.teamId ?? 'T0TEST';
  const requests: RecordedRequest[] = [];
  const users = new Map<string, FakeUser>();
  const failingChannels = new Map<string, string>();
  const waiters = new Set<() => void>();
  let tsCounter = 0;
  let socketModeUrl: string | undefined;
  const rejectedTokens = new Map<string, string>();
  const failingMethods = new Map<string, { error: string; times: number }>();
  const holds = new Map<string, number>();
  let held = 0;
  let dropped = 0;
  const delayedMethods = new Map<string, { ms: number; times: number }>();
  const limitedChannels = new Map<string, { retryAfterSec: number; times: number }>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  const workspaces = new Map<string, FakeWorkspace>();
  const codes = new Map<string, string>();
  const workspaceByToken = (token: string) => [...workspaces.values()].find((w) => w.botToken === token);

  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  const answer = (method: string, body: Record<string, unknown>, token: string): Record<string, unknown> => {
    switch (method) {
      case 'auth.test': {
        const w = workspaceByToken(token);
        if (w) {
          return {
            ok: true,
            url: `https://${w.teamId.toLowerCase()}.slack.example/`,
            team: w.name,
            user: 'feud-bot',
            team_id: w.teamId,
            user_id: w.botUserId,
            bot_id: w.botId,
            ...(w.enterpriseId ? { enterprise_id: w.enterpriseId } : {}),
            is_enterprise_install: w.isEnterpriseInstall === true,
          };
        }
        if (workspaces.size > 0) return { ok: false, error: 'invalid_auth' };
        return { ok: true, url: 'https://test.slack.example/', team: 'Test', user: 'feud-bot', team_id: teamId, user_id: botUserId, bot_id: botId };
      }
      case 'oauth.v2.access': {
        if ((options.clientId && body.client_id !== options.clientId) || (options.clientSecret && body.client_secret !== options.clientSecret))
          return { ok: false, error: 'invalid_client_id' };
        const team = codes.get(String(body.code ?? ''));
        codes.delete(String(body.code ?? ''));
        const w = team === undefined ? undefined : workspaces.get(team);
        if (!w) return { ok: false, error: 'invalid_code' };
        return {
          ok: true,
          app_id: 'A0FEUD',
          authed_user: { id: 'U0INSTALLER' },
          scope: 'commands,chat:write,app_mentions:read,channels:history,groups:history,users:read',
          token_type: 'bot',
          access_token: w.botToken,
          bot_user_id: w.botUserId,
          team: w.isEnterpriseInstall ? null : { id: w.teamId, name: w.name },
          enterprise: w.enterpriseId ? { id: w.enterpriseId, name: `${w.name} Org` } : null,
          is_enterprise_install: w.isEnterpriseInstall === true,
        };
      }
      case 'chat.postMessage': {
        const channel = String(body.channel ?? '');
        const error = failingChannels.get(channel);
        if (error) return { ok: false, error };
        const ts = nextTs();
        return { ok: true, channel, ts, message: { type: 'message', text: body.text, user: botUserId, bot_id: botId, ts } };
      }
      case 'chat.postEphemeral': {
        const error = failingChannels.get(String(body.channel ?? ''));
        return error ? { ok: false, error } : { ok: true, message_ts: nextTs() };
      }
      case 'apps.connections.open':
        return socketModeUrl ? { ok: true, url: socketModeUrl } : { ok: false, error: 'invalid_auth' };
      case 'users.info': {
        const id = String(body.user ?? '');
        const user = users.get(id) ?? {};
        return {
          ok: true,
          user: {
            id,
            team_id: teamId,
            name: id.toLowerCase(),
            is_admin: user.isAdmin === true,
            is_owner: user.isOwner === true,
            is_bot: false,
            ...(user.tz ? { tz: user.tz } : {}),
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const body = parseBody(rawBody, req.headers['content-type']);
      const apiPath = /^(?:\/i\/([\w-]+))?\/api\/([\w.]+)$/.exec(path);
      const instance = apiPath?.[1];
      const apiMethod = apiPath?.[2];
      const method = apiMethod ?? (path.startsWith('/response/') ? 'response_url' : path);
      const deliverBeforeHold = instance === undefined || method !== 'chat.postMessage' ? undefined : holds.get(instance);
      if (deliverBeforeHold !== undefined) {
        if (deliverBeforeHold <= 0) {
          held++;
          res.on('close', () => {
            held--;
            dropped++;
          });
          return;
        }
        holds.set(instance!, deliverBeforeHold - 1);
      }
      const recorded: RecordedRequest = { method, path, headers: req.headers, body, rawBody, ...(instance ? { instance } : {}) };
      requests.push(recorded);
      const reply = (status: number, text: string, headers: Record<string, string> = {}) => {
        const send = () => {
          recorded.status = status;
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(text);
          for (const wake of [...waiters]) wake();
        };
        const delay = apiMethod ? delayedMethods.get(apiMethod) : undefined;
        if (delay && delay.times-- > 0) {
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            send();
          }, delay.ms);
          pendingTimers.add(timer);
        } else send();
      };
      for (const wake of [...waiters]) wake();
      if (method === 'response_url') {
        // Slack answers response_url posts with a plain "ok"
        reply(200, 'ok');
      } else if (apiMethod) {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? String(body.token ?? '');
        const failure = failingMethods.get(apiMethod);
        const limited = apiMethod === 'chat.postMessage' ? limitedChannels.get(String(body.channel ?? '')) : undefined;
        const revoked = rejectedTokens.get(token);
        if (limited && limited.times-- > 0) reply(429, JSON.stringify({ ok: false, error: 'ratelimited' }), { 'retry-after': String(limited.retryAfterSec) });
        else if (failure && failure.times-- > 0) reply(200, JSON.stringify({ ok: false, error: failure.error }));
        else reply(200, JSON.stringify(revoked ? { ok: false, error: revoked } : answer(apiMethod, body, token)));
      } else {
        reply(404, JSON.stringify({ ok: false, error: 'not_found' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    instanceApiUrl: (name) => `${base}/i/${name}/api/`,
    holdPostsFrom: (instance, afterDelivered) => void holds.set(instance, afterDelivered),
    heldPosts: () => ({ held, dropped }),
    botUserId,
    botId,
    teamId,
    requests,
    responseUrl: () => `${base}/response/${randomUUID()}`,
    calls: (method) => requests.filter((r) => r.method === method),
    waitFor(predicate, timeoutMs = 5000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = requests.find(predicate);
          if (!hit) return;
          done();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`fake Slack: no matching request within ${timeoutMs} ms; got ${requests.map((r) => r.method).join(', ') || 'nothing'}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    setUser: (userId, user) => void users.set(userId, user),
    failChannel: (channelId, error) => void failingChannels.set(channelId, error),
    setSocketModeUrl: (url) => void (socketModeUrl = url),
    addWorkspace(w) {
      const full: FakeWorkspace = { name: `Workspace ${w.teamId}`, botUserId: `UBOT${w.teamId}`, botId: `BBOT${w.teamId}`, ...w };
      workspaces.set(full.teamId, full);
      return full;
    },
    authorizationCode(team) {
      const code = `code-${team}-${randomUUID()}`;
      codes.set(code, team);
      return code;
    },
    rejectToken: (token, error = 'invalid_auth') => void rejectedTokens.set(token, error),
    delayMethod: (method, ms, times = 1) => void delayedMethods.set(method, { ms, times }),
    rateLimitChannel: (channelId, retryAfterSec, times = 1) => void limitedChannels.set(channelId, { retryAfterSec, times }),
    failMethod: (method, error, times = 1) => void failingMethods.set(method, { error, times }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pendingTimers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed };
    } catch {
      return { unparsed: raw };
    }
  }
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // the WebClient form-encodes objects and arrays (blocks, attachments) as JSON strings
    body[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return body;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

// ---- Socket Mode ------------------------------------------------------------

export interface SocketEnvelope {
  envelope_id: string;
  type: 'slash_commands' | 'events_api' | 'interactive';
  payload: Record<string, unknown>;
  accepts_response_payload?: boolean;
  retry_attempt?: number;
}

export interface FakeSocketMode {
  /** The wss-like URL to hand out from apps.connections.open. */
  readonly url: string;
  /** Acknowledgements the app sent back: { envelope_id, payload? }. */
  readonly acks: Array<{ envelope_id: string; payload?: unknown }>;
  /** Send an envelope to every connected client. */
  send(envelope: SocketEnvelope): void;
  connectionCount(): number;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Slack's Socket Mode side: says hello on connect, pushes envelopes, records acks. */
export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const sockets = new Set<WebSocket>();
  const acks: Array<{ envelope_id: string; payload?: unknown }> = [];
  const waiters = new Set<() => void>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      try {
        acks.push(JSON.parse(String(data)) as { envelope_id: string });
      } catch {
        acks.push({ envelope_id: 'unparsable', payload: String(data) });
      }
      for (const wake of [...waiters]) wake();
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0FEUD' },
      }),
    );
  });
  return {
    url: `ws://127.0.0.1:${port}/link`,
    acks,
    send(envelope) {
      for (const socket of sockets) socket.send(JSON.stringify(envelope));
    },
    connectionCount: () => sockets.size,
    waitForAck(envelopeId, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!acks.some((a) => a.envelope_id === envelopeId)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`fake Socket Mode: no ack for ${envelopeId} within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

/** The fields of a slash command as an object (Socket Mode sends them as JSON, not a form). */
export function slashCommandFields(f: SlashCommandFields): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(slashCommandPayload(f).body));
}

// ---- signing and payloads -------------------------------------------------

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function signSlackRequest(signingSecret: string, rawBody: string, timestampSec = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSec) };
}

export interface SignedPost {
  /** Defaults to signing with the right secret and the current time. */
  signingSecret: string;
  timestampSec?: number;
  /** Replace the computed signature (to test rejection). */
  signature?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** POST a Slack-shaped body to the bot's /slack/events, signed; returns the HTTP status and body. */
export async function postSigned(url: string, payload: SlackPayload, options: SignedPost): Promise<{ status: number; body: string }> {
  const signed = signSlackRequest(options.signingSecret, payload.body, options.timestampSec);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': payload.contentType,
      ...signed,
      ...(options.signature ? { 'x-slack-signature': options.signature } : {}),
      ...options.headers,
    },
    body: payload.body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
  });
  return { status: res.status, body: await res.text() };
}

export interface SlackPayload {
  contentType: string;
  body: string;
}

export interface SlashCommandFields {
  text: string;
  responseUrl: string;
  channelId?: string;
  userId?: string;
  command?: string;
  teamId?: string;
}

/** A slash command as Slack sends it: form-encoded. */
export function slashCommandPayload(f: SlashCommandFields): SlackPayload {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: f.teamId ?? 'T0TEST',
    team_domain: 'test',
    channel_id: f.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: f.userId ?? 'U0ASKER',
    user_name: 'asker',
    command: f.command ?? '/feud',
    text: f.text,
    api_app_id: 'A0FEUD',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: `${Date.now()}.trigger`,
  });
  return { contentType: 'application/x-www-form-urlencoded', body: form.toString() };
}

/** An Events API callback: JSON. */
export function eventPayload(event: Record<string, unknown>, options: { eventId?: string; teamId?: string } = {}): SlackPayload {
  const body = {
    token: 'legacy-verification-token',
    team_id: options.teamId ?? 'T0TEST',
    api_app_id: 'A0FEUD',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: options.teamId ?? 'T0TEST', user_id: 'UFEUDBOT', is_bot: true, is_enterprise_install: false }],
  };
  return { contentType: 'application/json', body: JSON.stringify(body) };
}

export function urlVerificationPayload(challenge: string): SlackPayload {
  return { contentType: 'application/json', body: JSON.stringify({ token: 'legacy-verification-token', challenge, type: 'url_verification' }) };
}

export interface ButtonClickFields {
  actionId: string;
  value: string;
  responseUrl: string;
  channelId?: string;
  userId?: string;
  messageTs?: string;
  threadTs?: string;
}

/** A block_actions interaction: form-encoded with one `payload` field of JSON. */
export function blockActionsPayload(f: ButtonClickFields): SlackPayload {
  const messageTs = f.messageTs ?? '1700000000.000100';
  const payload = {
    type: 'block_actions',
    user: { id: f.userId ?? 'U0ASKER', username: 'asker', name: 'asker', team_id: 'T0TEST' },
    api_app_id: 'A0FEUD',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: f.channelId ?? 'C0GENERAL',
      is_ephemeral: false,
      ...(f.threadTs ? { thread_ts: f.threadTs } : {}),
    },
    trigger_id: `${Date.now()}.trigger`,
    team: { id: 'T0TEST', domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: f.channelId ?? 'C0GENERAL', name: 'general' },
    message: { type: 'message', ts: messageTs, user: 'UFEUDBOT', bot_id: 'BFEUDBOT', text: 'an earlier answer' },
    response_url: f.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: f.actionId,
        block_id: 'did-you-mean',
        text: { type: 'plain_text', text: 'a button' },
        value: f.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
}
