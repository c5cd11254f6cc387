/**
 * A fake of Discord on 127.0.0.1 for integration tests: the REST API the bot calls and a
 * gateway WebSocket that speaks the v10 JSON protocol (no compression), so the real
 * discord.js Client can log in, receive events, and answer — with every outgoing call recorded.
 *
 * Point the client at it with `rest: { api: fake.apiUrl }`; discord.js then asks
 * `GET /gateway/bot` there and connects to the WebSocket URL it is given.
 *
 * Sharding: `shards: n` makes GET /gateway/bot recommend n shards and gives the fake one server
 * (guild) per shard, guild k on shard k by Discord's rule (guild_id >> 22) % shard_count. Each
 * connection gets READY and GUILD_CREATE for the guilds of the shard it identified as, and events
 * of a guild go only to the connection holding its shard. `requireShards` closes an IDENTIFY with
 * fewer shards with 4011 (sharding required), as Discord does for a bot in too many servers.
 * `instanceApiUrl(name)` records REST calls as coming from that bot process.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIInteractionDataOptionBase,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { type WebSocket, WebSocketServer } from 'ws';

// ---- what the fake records -------------------------------------------------

export interface RecordedRequest {
  /** When it arrived (ms, monotonic): to see how far apart retries come. */
  at: number;
  /** Which bot process called, when it used instanceApiUrl(name). */
  instance?: string;
  method: string;
  /** Path without the /api/v10 prefix and without the query: "/channels/1/messages". */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** The message fields a bot sends, in API (snake_case) form. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  flags?: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  message_reference?: { message_id: string; channel_id?: string; guild_id?: string; fail_if_not_exists?: boolean };
}

export interface InteractionCallback {
  interactionId: string;
  token: string;
  /** 4 message, 5 deferred message, 6 deferred update, 7 update message, 8 autocomplete result. */
  type: number;
  data: MessageBody & { choices?: APIApplicationCommandOptionChoice[] };
}

export interface PostedMessage {
  id: string;
  channelId: string;
  body: MessageBody;
  /** Which bot process sent it, when it used instanceApiUrl(name). */
  instance?: string;
}

/** A follow-up or an edit of an interaction's original response (webhook routes). */
export interface WebhookMessage {
  token: string;
  kind: 'followup' | 'edit-original' | 'delete-original';
  body: MessageBody;
}

export interface Identify {
  token: string;
  intents: number;
}

export interface Resume {
  /** The shard whose session was resumed. */
  shard: number;
  sessionId: string;
  seq: number;
}

/** A server of the fake, and the shard that holds it when the bot uses the recommended count. */
export interface FakeGuild {
  id: string;
  channelId: string;
  shard: number;
}

export interface RegisteredCommands {
  /** 'global' or the guild id. */
  scope: string;
  /** As sent; this bot registers slash (chat input) commands only. */
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

// ---- what a test sends ------------------------------------------------------

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface InteractionOptions {
  locale?: string;
  user?: FakeUser;
  /** A channel of any of the fake's guilds (default: the first guild's); the interaction comes from its guild and shard. */
  channelId?: string;
  /** The member's permissions in the channel, as Discord computes them (bitfield string). */
  memberPermissions?: string;
}

export interface SlashCommandOptions extends InteractionOptions {
  name: string;
  /** Top-level options, or a subcommand (group) tree as Discord sends it. */
  options?: APIInteractionDataOptionBase<number, unknown>[] | unknown[];
}

/** Permission bits the fake hands out; kept here so the fake does not depend on discord.js at run time. */
export const PERMISSIONS = {
  /** View Channel, Send Messages, Read Message History, Use Application Commands. */
  member: ((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n)).toString(),
  /** The same plus Manage Channels. */
  channelManager: ((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n) | (1n << 4n)).toString(),
};

export interface FakeDiscord {
  /** REST base for discord.js' `rest.api` option: http://127.0.0.1:PORT/api */
  readonly apiUrl: string;
  /** The same API, with calls recorded as coming from this bot process (several bots on one fake). */
  instanceApiUrl(name: string): string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly appId: string;
  readonly botUser: FakeUser;
  /** The first guild (on shard 0) and its channel. */
  readonly guildId: string;
  readonly channelId: string;
  /** Every guild: one per recommended shard. */
  readonly guilds: readonly FakeGuild[];
  /** The bot's managed role in the guild (what "@Bot" sometimes resolves to). */
  readonly botRoleId: string;
  /** The server owner: every permission in every channel. */
  readonly owner: FakeUser;
  readonly requests: RecordedRequest[];
  readonly callbacks: InteractionCallback[];
  readonly messages: PostedMessage[];
  readonly webhookMessages: WebhookMessage[];
  readonly identifies: Identify[];
  /** The `shard` ([shard_id, num_shards]) of each IDENTIFY, in the same order; [0, 1] when it had none. */
  readonly identifiedShards: Array<[number, number]>;
  readonly resumes: Resume[];
  /** Every bulk overwrite of commands, in order. */
  readonly registrations: RegisteredCommands[];

  /** Dispatch INTERACTION_CREATE for a slash command; returns its interaction id. */
  slashCommand(options: SlashCommandOptions): string;
  /** Dispatch an autocomplete interaction (type 4); the focused option must be marked `focused: true`. */
  autocomplete(options: SlashCommandOptions): string;
  /** Dispatch a button click (type 3) on a message the bot posted earlier. */
  clickButton(customId: string, options?: InteractionOptions & { messageId?: string }): string;
  /** Dispatch MESSAGE_CREATE in the guild; `mentions` are the users the content mentions. */
  userMessage(
    content: string,
    options?: { author?: FakeUser; channelId?: string; mentions?: FakeUser[]; mentionEveryone?: boolean; mentionRoles?: string[] },
  ): string;
  /** Any other dispatch (op 0) to every identified connection. */
  dispatch(event: string, data: unknown): void;

  /** Make posts to this channel fail as Discord does once it is deleted (404, code 10003). */
  deleteChannel(channelId: string): void;
  /** Make posts to this channel fail as when the bot lost access (403, code 50001). */
  revokeAccess(channelId: string): void;
  /** The bot token stops working on REST (401), as when it is reset in the Developer Portal; the gateway stays up. */
  revokeToken(): void;
  /**
   * Answer matching requests with `status` (a 5xx) while the rule lasts: `times` requests, or
   * for `forMs` from now. With `afterHandling`, the request is carried out first (a message is
   * made) and only the answer is lost, as when Discord fails after doing the work.
   */
  failRequests(rule: { method: string; path: RegExp; status: number; times?: number; forMs?: number; afterHandling?: boolean }): void;
  /** Close every gateway connection (or only the one of `shard`) with this close code (4000: "unknown error", resumable). */
  dropConnections(code?: number, shard?: number): void;
  /** Number of open, identified gateway connections. */
  openConnections(): number;
  /** The shards of the open, identified connections, as [id, count], sorted. */
  connectedShards(): Array<[number, number]>;
  /** While stalled, a RESUME of this shard is left unanswered (a gateway slow to take it back); unstalling answers it. */
  stallShard(shard: number, stalled: boolean): void;

  /**
   * Resolve with the first non-undefined value of `find`, checked now and after each recorded
   * event; reject after `timeoutMs` naming `what` was awaited.
   */
  waitFor<T>(what: string, find: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** The callback for one interaction, once it arrives. */
  callbackFor(interactionId: string, timeoutMs?: number): Promise<InteractionCallback>;
  close(): Promise<void>;
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts; others get 401 on REST and close 4004 on the gateway. */
  token?: string;
  /** Gateway heartbeat interval announced in HELLO. */
  heartbeatIntervalMs?: number;
  /** False: the MessageContent intent is not enabled in the "Developer Portal", so IDENTIFY with it closes 4014. */
  allowMessageContent?: boolean;
  /** Shards GET /gateway/bot recommends, and guilds the fake has (one per shard). Default 1. */
  shards?: number;
  /** IDENTIFY with fewer shards than this is closed with 4011 (sharding required). */
  requireShards?: number;
}

const MESSAGE_CONTENT_INTENT = 1n << 15n;
const DISCORD_EPOCH = 1420070400000n;
const DEFAULT_TOKEN = `${Buffer.from('123456789012345678').toString('base64url')}.GfakeX.${'f'.repeat(38)}`;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? DEFAULT_TOKEN;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const changed = () => events.emit('changed');

  let sequence = 0n;
  const snowflake = () => (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (sequence++ & 0xfffn)).toString();

  const appId = '123456789012345678';
  const botUser: FakeUser = { id: appId, username: 'FeudBot', bot: true };
  const shardCount = options.shards ?? 1;
  // guild k's id has k as its timestamp part modulo the shard count: it lands on shard k
  const base = (BigInt(Date.now()) - DISCORD_EPOCH) / BigInt(shardCount);
  const guilds: FakeGuild[] = Array.from({ length: shardCount }, (_, k) => ({
    id: (((base - 1000n) * BigInt(shardCount) + BigInt(k)) << 22n).toString(),
    channelId: snowflake(),
    shard: k,
  }));
  const guildId = guilds[0]!.id;
  const channelId = guilds[0]!.channelId;
  const shardOf = (guild: string, count: number) => Number((BigInt(guild) >> 22n) % BigInt(count));
  const guildOfChannel = (channel: string) => guilds.find((g) => g.channelId === channel)?.id ?? guildId;
  const botRoleId = snowflake();
  const owner: FakeUser = { id: snowflake(), username: 'server-owner' };
  const ownerId = owner.id;
  const defaultUser: FakeUser = { id: snowflake(), username: 'asker' };

  const requests: RecordedRequest[] = [];
  const callbacks: InteractionCallback[] = [];
  const messages: PostedMessage[] = [];
  const webhookMessages: WebhookMessage[] = [];
  const identifies: Identify[] = [];
  const resumes: Resume[] = [];
  const identifiedShards: Array<[number, number]> = [];
  const registrations: RegisteredCommands[] = [];
  const deletedChannels = new Set<string>();
  const forbiddenChannels = new Set<string>();
  const sentMessages = new Map<string, Record<string, unknown>>();
  const messagesByNonce = new Map<string, Record<string, unknown>>();
  let tokenRevoked = false;
  const failureRules: Array<{ method: string; path: RegExp; status: number; times: number; until: number; afterHandling: boolean }> = [];

  const apiUser = (u: FakeUser) => ({ id: u.id, username: u.username, discriminator: '0', global_name: u.username, avatar: null, bot: u.bot ?? false });
  const apiChannel = (id: string) => ({
    id,
    type: 0,
    guild_id: guildOfChannel(id),
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  });

  const messageObject = (id: string, channel: string, author: FakeUser, body: MessageBody, extra: Record<string, unknown> = {}) => ({
    id,
    channel_id: channel,
    guild_id: guildOfChannel(channel),
    author: apiUser(author),
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    pinned: false,
    type: body.message_reference ? 19 : 0,
    flags: body.flags ?? 0,
    ...(body.message_reference ? { message_reference: { ...body.message_reference, channel_id: channel, guild_id: guildOfChannel(channel) } } : {}),
    ...extra,
  });

  // ---- REST ------------------------------------------------------------------

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const rule = matchingFailure(req);
        if (!rule) return route(req, res, Buffer.concat(chunks));
        if (rule.afterHandling) route(req, { writeHead: () => undefined, end: () => undefined } as unknown as ServerResponse, Buffer.concat(chunks));
        else record(req, Buffer.concat(chunks));
        json(res, rule.status, { message: `${rule.status}: fake server error`, code: 0 });
      } catch (err) {
        json(res, 500, { message: `fake discord: ${(err as Error).message}`, code: 0 });
      }
    });
  });

  /** The request's path under /api/v10, and the bot process that called (its /i/<name> prefix). */
  function located(req: IncomingMessage): { url: URL; path: string | undefined; instance?: string } {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^(?:\/i\/([\w-]+))?(\/api\/v10)(\/.*)?$/.exec(url.pathname);
    return { url, path: match ? (match[3] ?? '') : undefined, ...(match?.[1] ? { instance: match[1] } : {}) };
  }

  function matchingFailure(req: IncomingMessage) {
    const path = located(req).path ?? '';
    const now = performance.now();
    const rule = failureRules.find((r) => r.method === req.method && r.path.test(path) && (r.times > 0 || r.until > now));
    if (rule && rule.times > 0) rule.times--;
    return rule;
  }

  function record(req: IncomingMessage, raw: Buffer): void {
    const { url, path, instance } = located(req);
    requests.push({
      at: performance.now(),
      method: req.method ?? 'GET',
      path: path ?? url.pathname,
      query: url.searchParams,
      body: parseBody(req, raw),
      ...(instance ? { instance } : {}),
    });
    changed();
  }

  function json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** Discord answers interaction callbacks with 204 and no body (and no JSON content type). */
  function noContent(res: ServerResponse): void {
    res.writeHead(204);
    res.end();
  }

  function parseBody(req: IncomingMessage, raw: Buffer): unknown {
    if (raw.length === 0) return undefined;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) return JSON.parse(raw.toString('utf8'));
    if (type.startsWith('multipart/form-data')) {
      // discord.js sends files as multipart with the JSON in a "payload_json" part
      const match = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw.toString('utf8'));
      return match ? JSON.parse(match[1]!) : undefined;
    }
    return raw.toString('utf8');
  }

  function route(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const { url, path, instance } = located(req);
    if (path === undefined) return json(res, 404, { message: '404: Not Found', code: 0 });
    const method = req.method ?? 'GET';
    const body = parseBody(req, raw);
    requests.push({ at: performance.now(), method, path, query: url.searchParams, body, ...(instance ? { instance } : {}) });
    changed();

    const segments = path.split('/').filter(Boolean);
    const authorized = !tokenRevoked && req.headers.authorization === `Bot ${token}`;
    // interaction callbacks and webhooks authenticate with the interaction token in the path
    const tokenRoute = segments[0] === 'interactions' || segments[0] === 'webhooks';
    if (!tokenRoute && !authorized) return json(res, 401, { message: '401: Unauthorized', code: 0 });

    // GET /gateway/bot
    if (method === 'GET' && path === '/gateway/bot') {
      return json(res, 200, {
        url: gatewayUrl,
        shards: shardCount,
        // every shard may identify at once (a large bot's bucket), so tests do not wait out discord.js's 5 s spacing
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: shardCount },
      });
    }
    if (method === 'GET' && path === '/users/@me') return json(res, 200, apiUser(botUser));
    if (method === 'GET' && path === '/applications/@me')
      return json(res, 200, { id: appId, name: 'Feud Bot', flags: 0, bot_public: true, bot_require_code_grant: false, description: '', icon: null });

    // PUT /applications/{app}/commands and /applications/{app}/guilds/{guild}/commands
    if (method === 'PUT' && segments[0] === 'applications' && segments[1] === appId && segments.at(-1) === 'commands') {
      const scope = segments[2] === 'guilds' ? segments[3]! : 'global';
      const commands = (body ?? []) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
      registrations.push({ scope, commands });
      changed();
      return json(
        res,
        200,
        commands.map((c) => ({
          ...c,
          id: snowflake(),
          application_id: appId,
          version: snowflake(),
          type: c.type ?? 1,
          ...(scope === 'global' ? {} : { guild_id: scope }),
        })),
      );
    }

    // POST /interactions/{id}/{token}/callback
    if (method === 'POST' && segments[0] === 'interactions' && segments[3] === 'callback') {
      const callback = body as { type: number; data?: InteractionCallback['data'] };
      callbacks.push({ interactionId: segments[1]!, token: segments[2]!, type: callback.type, data: callback.data ?? {} });
      changed();
      if (url.searchParams.get('with_response') === 'true') {
        return json(res, 200, { interaction: { id: segments[1], type: 2 }, resource: { type: callback.type } });
      }
      return noContent(res);
    }

    // webhooks/{app}/{token}: follow-ups and the original response
    if (segments[0] === 'webhooks' && segments[1] === appId) {
      const interactionToken = segments[2]!;
      const messageBody = (body ?? {}) as MessageBody;
      if (method === 'POST' && segments.length === 3) {
        webhookMessages.push({ token: interactionToken, kind: 'followup', body: messageBody });
        changed();
        return json(res, 200, messageObject(snowflake(), channelId, botUser, messageBody, { webhook_id: appId, application_id: appId }));
      }
      if (method === 'PATCH' && segments[3] === 'messages') {
        webhookMessages.push({ token: interactionToken, kind: 'edit-original', body: messageBody });
        changed();
        return json(res, 200, messageObject(snowflake(), channelId, botUser, messageBody, { webhook_id: appId, application_id: appId }));
      }
      if (method === 'DELETE' && segments[3] === 'messages') {
        webhookMessages.push({ token: interactionToken, kind: 'delete-original', body: {} });
        changed();
        return noContent(res);
      }
      if (method === 'GET' && segments[3] === 'messages') return json(res, 200, messageObject(snowflake(), channelId, botUser, {}, { webhook_id: appId }));
    }

    // POST /channels/{id}/messages
    if (segments[0] === 'channels' && segments[2] === 'messages' && method === 'POST' && segments.length === 3) {
      const target = segments[1]!;
      if (deletedChannels.has(target)) return json(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (forbiddenChannels.has(target)) return json(res, 403, { message: 'Missing Access', code: 50001 });
      const messageBody = (body ?? {}) as MessageBody & { nonce?: string; enforce_nonce?: boolean };
      // enforce_nonce: the same nonce again (a retry) gets the message already made, not a new one
      const nonceKey = messageBody.enforce_nonce && messageBody.nonce ? `${target}:${messageBody.nonce}` : undefined;
      const earlier = nonceKey ? messagesByNonce.get(nonceKey) : undefined;
      if (earlier) return json(res, 200, earlier);
      const id = snowflake();
      const message = messageObject(id, target, botUser, messageBody);
      if (nonceKey) messagesByNonce.set(nonceKey, message);
      sentMessages.set(id, message);
      messages.push({ id, channelId: target, body: messageBody, ...(instance ? { instance } : {}) });
      changed();
      return json(res, 200, message);
    }
    if (segments[0] === 'channels' && method === 'GET' && segments.length === 2) {
      const target = segments[1]!;
      if (deletedChannels.has(target) || !guilds.some((g) => g.channelId === target)) return json(res, 404, { message: 'Unknown Channel', code: 10003 });
      return json(res, 200, apiChannel(target));
    }

    return json(res, 404, { message: `fake discord has no route ${method} ${path}`, code: 0 });
  }

  // ---- gateway ---------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  const identified = new Map<WebSocket, { seq: number; shard: [number, number]; sessionId: string }>();
  /** Sessions by id, so a RESUME on a new connection continues its shard. */
  const sessions = new Map<string, [number, number]>();
  const stalled = new Set<number>();
  const stalledResumes: Array<{ shard: number; resume: () => void }> = [];
  const heartbeatAcks = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // discord.js asks for ?v=10&encoding=json; anything else is a client this fake cannot speak to
    if (url.searchParams.get('encoding') !== 'json' || url.searchParams.has('compress')) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', () => undefined);
    send(ws, { op: 10, d: { heartbeat_interval: heartbeatIntervalMs } });
    ws.on('message', (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      switch (payload.op) {
        case 1: // heartbeat
          heartbeatAcks.add(ws);
          send(ws, { op: 11 });
          break;
        case 2: {
          // identify
          const d = payload.d as { token: string; intents: number; shard?: [number, number] };
          identifies.push({ token: d.token, intents: d.intents });
          identifiedShards.push(d.shard ?? [0, 1]);
          changed();
          if (d.token !== token) {
            ws.close(4004, 'Authentication failed.');
            return;
          }
          if (options.allowMessageContent === false && (BigInt(d.intents) & MESSAGE_CONTENT_INTENT) !== 0n) {
            ws.close(4014, 'Disallowed intent(s).');
            return;
          }
          const shard: [number, number] = d.shard ?? [0, 1];
          if (options.requireShards !== undefined && shard[1] < options.requireShards) {
            ws.close(4011, 'Sharding required.');
            return;
          }
          if (shard[0] >= shard[1]) {
            ws.close(4010, 'Invalid shard.');
            return;
          }
          const sessionId = randomBytes(16).toString('hex');
          sessions.set(sessionId, shard);
          identified.set(ws, { seq: 0, shard, sessionId });
          const mine = guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
          dispatchTo(ws, 'READY', {
            v: 10,
            user: { ...apiUser(botUser), verified: true, mfa_enabled: false, flags: 0 },
            guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
            session_id: sessionId,
            resume_gateway_url: gatewayUrl,
            shard,
            application: { id: appId, flags: 0 },
          });
          for (const g of mine) dispatchTo(ws, 'GUILD_CREATE', guildCreate(g));
          changed();
          break;
        }
        case 6: {
          // resume: this fake keeps no backlog, so just confirm
          const d = payload.d as { seq: number; session_id: string };
          const shard = sessions.get(d.session_id);
          if (!shard) {
            send(ws, { op: 9, d: false });
            return;
          }
          resumes.push({ shard: shard[0], sessionId: d.session_id, seq: d.seq ?? 0 });
          const resume = () => {
            identified.set(ws, { seq: d.seq ?? 0, shard, sessionId: d.session_id });
            dispatchTo(ws, 'RESUMED', {});
            changed();
          };
          if (stalled.has(shard[0])) stalledResumes.push({ shard: shard[0], resume });
          else resume();
          changed();
          break;
        }
        default:
          break;
      }
    });
    ws.on('close', () => {
      identified.delete(ws);
      changed();
    });
  });

  function send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  function dispatchTo(ws: WebSocket, t: string, d: unknown): void {
    const state = identified.get(ws);
    if (!state) return;
    state.seq += 1;
    send(ws, { op: 0, t, s: state.seq, d });
  }

  function dispatch(t: string, d: unknown): void {
    for (const ws of identified.keys()) dispatchTo(ws, t, d);
  }

  /** An event of one guild: only to the connection whose shard holds it, as Discord does. */
  function dispatchInGuild(guild: string, t: string, d: unknown): void {
    for (const [ws, state] of identified) if (shardOf(guild, state.shard[1]) === state.shard[0]) dispatchTo(ws, t, d);
  }

  function guildCreate(guild: FakeGuild) {
    const everyone = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n);
    return {
      id: guild.id,
      name: guild.shard === 0 ? 'Feud Test Server' : `Feud Test Server ${guild.shard}`,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: guild.id,
          name: '@everyone',
          color: 0,
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: everyone.toString(),
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: botRoleId,
          name: 'FeudBot',
          color: 0,
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 1,
          permissions: (everyone | (1n << 14n)).toString(),
          managed: true,
          mentionable: false,
          flags: 0,
          tags: { bot_id: botUser.id },
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [{ user: apiUser(botUser), roles: [botRoleId], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
      channels: [apiChannel(guild.channelId)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---- interactions and messages a test sends --------------------------------

  function interactionBase(type: number, opts: InteractionOptions) {
    const user = opts.user ?? defaultUser;
    const channel = opts.channelId ?? channelId;
    return {
      id: snowflake(),
      application_id: appId,
      type,
      token: `itoken-${randomBytes(12).toString('hex')}`,
      version: 1,
      guild_id: guildOfChannel(channel),
      channel_id: channel,
      channel: apiChannel(channel),
      member: {
        user: apiUser(user),
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        permissions: opts.memberPermissions ?? PERMISSIONS.member,
      },
      locale: opts.locale ?? 'en-US',
      guild_locale: 'en-US',
      app_permissions: ((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 38n)).toString(),
      entitlements: [],
      authorizing_integration_owners: { '0': guildOfChannel(channel) },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
  }

  function commandData(opts: SlashCommandOptions) {
    const registered = registrations.at(-1)?.commands.find((c) => c.name === opts.name) as { id?: string } | undefined;
    return { id: registered?.id ?? snowflake(), name: opts.name, type: 1, ...(opts.options ? { options: opts.options } : {}) };
  }

  const fake: FakeDiscord = {
    get apiUrl() {
      return apiUrl;
    },
    instanceApiUrl: (name) => apiUrl.replace(/\/api$/, `/i/${name}/api`),
    get gatewayUrl() {
      return gatewayUrl;
    },
    token,
    appId,
    botUser,
    guildId,
    channelId,
    guilds,
    botRoleId,
    owner,
    requests,
    callbacks,
    messages,
    webhookMessages,
    identifies,
    identifiedShards,
    resumes,
    registrations,

    slashCommand(opts) {
      const interaction = { ...interactionBase(2, opts), data: commandData(opts) };
      dispatchInGuild(interaction.guild_id, 'INTERACTION_CREATE', interaction);
      return interaction.id;
    },

    autocomplete(opts) {
      const interaction = { ...interactionBase(4, opts), data: commandData(opts) };
      dispatchInGuild(interaction.guild_id, 'INTERACTION_CREATE', interaction);
      return interaction.id;
    },

    clickButton(customId, opts = {}) {
      const base = interactionBase(3, opts);
      const message = (opts.messageId && sentMessages.get(opts.messageId)) || messageObject(opts.messageId ?? snowflake(), base.channel_id, botUser, {});
      const interaction = { ...base, message, data: { custom_id: customId, component_type: 2 } };
      dispatchInGuild(interaction.guild_id, 'INTERACTION_CREATE', interaction);
      return interaction.id;
    },

    userMessage(content, opts = {}) {
      const author = opts.author ?? defaultUser;
      const id = snowflake();
      dispatchInGuild(
        guildOfChannel(opts.channelId ?? channelId),
        'MESSAGE_CREATE',
        messageObject(
          id,
          opts.channelId ?? channelId,
          author,
          { content },
          {
            member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
            mentions: (opts.mentions ?? []).map(apiUser),
            mention_roles: opts.mentionRoles ?? [],
            mention_everyone: opts.mentionEveryone ?? false,
          },
        ),
      );
      return id;
    },

    dispatch,

    deleteChannel(id) {
      deletedChannels.add(id);
    },
    revokeAccess(id) {
      forbiddenChannels.add(id);
    },
    revokeToken() {
      tokenRevoked = true;
    },
    failRequests(rule) {
      failureRules.unshift({
        method: rule.method,
        path: rule.path,
        status: rule.status,
        times: rule.times ?? 0,
        until: rule.forMs !== undefined ? performance.now() + rule.forMs : 0,
        afterHandling: rule.afterHandling ?? false,
      });
    },
    dropConnections(code = 4000, shard) {
      for (const ws of wss.clients) if (shard === undefined || identified.get(ws)?.shard[0] === shard) ws.close(code, 'fake discord dropped the connection');
    },
    openConnections() {
      return identified.size;
    },
    stallShard(shard, on) {
      if (on) stalled.add(shard);
      else {
        stalled.delete(shard);
        const due = stalledResumes.filter((r) => r.shard === shard);
        stalledResumes.splice(0, stalledResumes.length, ...stalledResumes.filter((r) => r.shard !== shard));
        for (const r of due) r.resume();
      }
    },
    connectedShards() {
      return [...identified.values()].map((s) => s.shard).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    },

    waitFor(what, find, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        // re-check on every recorded event, and every 20 ms for state outside the fake (logs, client status)
        const poll = setInterval(() => check(), 20);
        const check = () => {
          let found: ReturnType<typeof find>;
          try {
            found = find();
          } catch (err) {
            done();
            reject(err as Error);
            return;
          }
          if (found !== undefined) {
            done();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          clearInterval(poll);
          events.off('changed', check);
        };
        events.on('changed', check);
        check();
      });
    },

    callbackFor(interactionId, timeoutMs) {
      return fake.waitFor(`the callback for interaction ${interactionId}`, () => callbacks.find((c) => c.interactionId === interactionId), timeoutMs);
    },

    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      events.removeAllListeners();
    },
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const apiUrl = `http://127.0.0.1:${port}/api`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  return fake;
}
