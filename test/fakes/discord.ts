/**
 * A fake of Discord on 127.0.0.1 for integration tests: the REST API the bot calls and a
 * gateway WebSocket that speaks the v10 JSON protocol (no compression), so the real
 * discord.js Client can log in, receive events, and answer — with every outgoing call recorded.
 *
 * Point the client at it with `rest: { api: fake.apiUrl }`; discord.js then asks
 * `GET /gateway/bot` there and connects to the WebSocket URL it is given.
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
import { WebSocketServer, type WebSocket } from 'ws';

// ---- what the fake records -------------------------------------------------

export interface RecordedRequest {
  /** When it arrived (ms, monotonic): to see how far apart retries come. */
  at: number;
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
  readonly gatewayUrl: string;
  readonly token: string;
  readonly appId: string;
  readonly botUser: FakeUser;
  readonly guildId: string;
  readonly channelId: string;
  /** The bot's managed role in the guild (what "@Bot" sometimes resolves to). */
  readonly botRoleId: string;
  /** The server owner: every permission in every channel. */
  readonly owner: FakeUser;
  readonly requests: RecordedRequest[];
  readonly callbacks: InteractionCallback[];
  readonly messages: PostedMessage[];
  readonly webhookMessages: WebhookMessage[];
  readonly identifies: Identify[];
  /** Every bulk overwrite of commands, in order. */
  readonly registrations: RegisteredCommands[];

  /** Dispatch INTERACTION_CREATE for a slash command; returns its interaction id. */
  slashCommand(options: SlashCommandOptions): string;
  /** Dispatch an autocomplete interaction (type 4); the focused option must be marked `focused: true`. */
  autocomplete(options: SlashCommandOptions): string;
  /** Dispatch a button click (type 3) on a message the bot posted earlier. */
  clickButton(customId: string, options?: InteractionOptions & { messageId?: string }): string;
  /** Dispatch MESSAGE_CREATE in the guild; `mentions` are the users the content mentions. */
  userMessage(content: string, options?: { author?: FakeUser; channelId?: string; mentions?: FakeUser[]; mentionEveryone?: boolean; mentionRoles?: string[] }): string;
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
  /** Close every gateway connection with this close code (4000: "unknown error", resumable). */
  dropConnections(code?: number): void;
  /** Number of open gateway connections. */
  openConnections(): number;

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
}

const API_PREFIX = '/api/v10';
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
  const snowflake = () => ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | (sequence++ & 0xfffn)).toString();

  const appId = '123456789012345678';
  const botUser: FakeUser = { id: appId, username: 'FeudBot', bot: true };
  const guildId = snowflake();
  const channelId = snowflake();
  const botRoleId = snowflake();
  const owner: FakeUser = { id: snowflake(), username: 'server-owner' };
  const ownerId = owner.id;
  const defaultUser: FakeUser = { id: snowflake(), username: 'asker' };

  const requests: RecordedRequest[] = [];
  const callbacks: InteractionCallback[] = [];
  const messages: PostedMessage[] = [];
  const webhookMessages: WebhookMessage[] = [];
  const identifies: Identify[] = [];
  const registrations: RegisteredCommands[] = [];
  const deletedChannels = new Set<string>();
  const forbiddenChannels = new Set<string>();
  const sentMessages = new Map<string, Record<string, unknown>>();
  const messagesByNonce = new Map<string, Record<string, unknown>>();
  let tokenRevoked = false;
  const failureRules: Array<{ method: string; path: RegExp; status: number; times: number; until: number; afterHandling: boolean }> = [];

  const apiUser = (u: FakeUser) => ({ id: u.id, username: u.username, discriminator: '0', global_name: u.username, avatar: null, bot: u.bot ?? false });
  const apiChannel = (id: string) => ({ id, type: 0, guild_id: guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, parent_id: null, flags: 0 });

  const messageObject = (id: string, channel: string, author: FakeUser, body: MessageBody, extra: Record<string, unknown> = {}) => ({
    id,
    channel_id: channel,
    guild_id: guildId,
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
    ...(body.message_reference ? { message_reference: { ...body.message_reference, channel_id: channel, guild_id: guildId } } : {}),
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

  function matchingFailure(req: IncomingMessage) {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(API_PREFIX.length);
    const now = performance.now();
    const rule = failureRules.find((r) => r.method === req.method && r.path.test(path) && (r.times > 0 || r.until > now));
    if (rule && rule.times > 0) rule.times--;
    return rule;
  }

  function record(req: IncomingMessage, raw: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ at: performance.now(), method: req.method ?? 'GET', path: url.pathname.slice(API_PREFIX.length), query: url.searchParams, body: parseBody(req, raw) });
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
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith(API_PREFIX)) return json(res, 404, { message: '404: Not Found', code: 0 });
    const path = url.pathname.slice(API_PREFIX.length);
    const method = req.method ?? 'GET';
    const body = parseBody(req, raw);
    requests.push({ at: performance.now(), method, path, query: url.searchParams, body });
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
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return json(res, 200, apiUser(botUser));
    if (method === 'GET' && path === '/applications/@me') return json(res, 200, { id: appId, name: 'Feud Bot', flags: 0, bot_public: true, bot_require_code_grant: false, description: '', icon: null });

    // PUT /applications/{app}/commands and /applications/{app}/guilds/{guild}/commands
    if (method === 'PUT' && segments[0] === 'applications' && segments[1] === appId && segments.at(-1) === 'commands') {
      const scope = segments[2] === 'guilds' ? segments[3]! : 'global';
      const commands = (body ?? []) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
      registrations.push({ scope, commands });
      changed();
      return json(
        res,
        200,
        commands.map((c) => ({ ...c, id: snowflake(), application_id: appId, version: snowflake(), type: c.type ?? 1, ...(scope === 'global' ? {} : { guild_id: scope }) })),
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
      messages.push({ id, channelId: target, body: messageBody });
      changed();
      return json(res, 200, message);
    }
    if (segments[0] === 'channels' && method === 'GET' && segments.length === 2) {
      const target = segments[1]!;
      if (deletedChannels.has(target) || target !== channelId) return json(res, 404, { message: 'Unknown Channel', code: 10003 });
      return json(res, 200, apiChannel(target));
    }

    return json(res, 404, { message: `fake discord has no route ${method} ${path}`, code: 0 });
  }

  // ---- gateway ---------------------------------------------------------------

  const wss = new WebSocketServer({ noServer: true });
  const identified = new Map<WebSocket, { seq: number }>();
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
          const d = payload.d as { token: string; intents: number };
          identifies.push({ token: d.token, intents: d.intents });
          changed();
          if (d.token !== token) {
            ws.close(4004, 'Authentication failed.');
            return;
          }
          if (options.allowMessageContent === false && (BigInt(d.intents) & MESSAGE_CONTENT_INTENT) !== 0n) {
            ws.close(4014, 'Disallowed intent(s).');
            return;
          }
          identified.set(ws, { seq: 0 });
          dispatchTo(ws, 'READY', {
            v: 10,
            user: { ...apiUser(botUser), verified: true, mfa_enabled: false, flags: 0 },
            guilds: [{ id: guildId, unavailable: true }],
            session_id: randomBytes(16).toString('hex'),
            resume_gateway_url: gatewayUrl,
            shard: [0, 1],
            application: { id: appId, flags: 0 },
          });
          dispatchTo(ws, 'GUILD_CREATE', guildCreate());
          break;
        }
        case 6: {
          // resume: this fake keeps no backlog, so just confirm
          identified.set(ws, { seq: (payload.d as { seq: number }).seq ?? 0 });
          dispatchTo(ws, 'RESUMED', {});
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

  function guildCreate() {
    const everyone = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n);
    return {
      id: guildId,
      name: 'Feud Test Server',
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
        { id: guildId, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: everyone.toString(), managed: false, mentionable: false, flags: 0 },
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
      channels: [apiChannel(channelId)],
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
      guild_id: guildId,
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
      authorizing_integration_owners: { '0': guildId },
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
    get gatewayUrl() {
      return gatewayUrl;
    },
    token,
    appId,
    botUser,
    guildId,
    channelId,
    botRoleId,
    owner,
    requests,
    callbacks,
    messages,
    webhookMessages,
    identifies,
    registrations,

    slashCommand(opts) {
      const interaction = { ...interactionBase(2, opts), data: commandData(opts) };
      dispatch('INTERACTION_CREATE', interaction);
      return interaction.id;
    },

    autocomplete(opts) {
      const interaction = { ...interactionBase(4, opts), data: commandData(opts) };
      dispatch('INTERACTION_CREATE', interaction);
      return interaction.id;
    },

    clickButton(customId, opts = {}) {
      const base = interactionBase(3, opts);
      const message = (opts.messageId && sentMessages.get(opts.messageId)) || messageObject(opts.messageId ?? snowflake(), base.channel_id, botUser, {});
      const interaction = { ...base, message, data: { custom_id: customId, component_type: 2 } };
      dispatch('INTERACTION_CREATE', interaction);
      return interaction.id;
    },

    userMessage(content, opts = {}) {
      const author = opts.author ?? defaultUser;
      const id = snowflake();
      dispatch(
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
      failureRules.unshift({ method: rule.method, path: rule.path, status: rule.status, times: rule.times ?? 0, until: rule.forMs !== undefined ? performance.now() + rule.forMs : 0, afterHandling: rule.afterHandling ?? false });
    },
    dropConnections(code = 4000) {
      for (const ws of wss.clients) ws.close(code, 'fake discord dropped the connection');
    },
    openConnections() {
      return identified.size;
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
