/**
 * A fake of the Telegram Bot API on 127.0.0.1: the methods the bot calls (getMe, getUpdates,
 * deleteWebhook, setWebhook, sendMessage, answerCallbackQuery, getChatMember), each recorded, with
 * helpers that queue what users do (messages, commands, mentions, button clicks). getUpdates is a
 * real long poll: it answers as soon as an update is queued, or after its timeout (bounded here).
 * Point grammY at it with `client: { apiRoot: fake.apiRoot }`.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  is_bot?: boolean;
  language_code?: string;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
}

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export interface SentMessage {
  message_id: number;
  chat_id: number | string;
  text: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  link_preview_options?: { is_disabled?: boolean };
  reply_parameters?: { message_id: number };
}

export interface FakeTelegram {
  readonly apiRoot: string;
  readonly token: string;
  readonly bot: FakeUser;
  readonly calls: ApiCall[];
  readonly sent: SentMessage[];
  /** Queue a text message from a user; returns its message id. */
  message(text: string, options?: { from?: FakeUser; chat?: FakeChat; replyTo?: { message_id: number; from: FakeUser }; entities?: unknown[] }): number;
  /** `/feud …` (or `/feud@name …`) with its bot_command entity. */
  command(text: string, options?: { from?: FakeUser; chat?: FakeChat }): number;
  /** Click a button of a message the bot sent; returns the callback query id. */
  click(message: SentMessage, callbackData: string, options?: { from?: FakeUser }): string;
  /** The update a helper queued, for delivering it by webhook instead of long polling. */
  lastUpdate(): Record<string, unknown>;
  /** Queue updates for getUpdates (long polling) or keep them for a webhook test (`hold`). */
  setHoldUpdates(hold: boolean): void;
  setAdmin(chatId: number, userId: number): void;
  /** sendMessage to this chat fails as Telegram answers it: 403 (kicked, blocked) or 400 (chat not found). */
  failChat(chatId: number | string, code: 400 | 403, description: string): void;
  /** sendMessage to this chat works again. */
  restoreChat(chatId: number | string): void;
  /** The next `times` calls to `method` fail with this code. */
  failMethod(method: string, code: number, description: string, times?: number): void;
  revokeToken(): void;
  waitFor<T>(what: string, find: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** The bot's reply in this chat to this message. */
  replyTo(chatId: number, messageId: number, timeoutMs?: number): Promise<SentMessage>;
  close(): Promise<void>;
}

const TOKEN = '123456789:AAFakeTelegramTokenForTests_0123456789';
/** The longest a getUpdates is held here, whatever timeout it asks for: tests stay bounded. */
const MAX_POLL_MS = 2000;

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const changed = () => events.emit('changed');
  const bot: FakeUser = { id: 7000001, first_name: 'Feud Bot', username: 'FeudBot', is_bot: true };
  const asker = ASKER;
  const calls: ApiCall[] = [];
  const sent: SentMessage[] = [];
  const queue: Record<string, unknown>[] = [];
  let held: Record<string, unknown> | undefined;
  let hold = false;
  let updateId = 100;
  let messageId = 1;
  let tokenRevoked = false;
  const admins = new Set<string>();
  const failingChats = new Map<string, { code: number; description: string }>();
  const failingMethods: Array<{ method: string; code: number; description: string; times: number }> = [];

  const enqueue = (update: Record<string, unknown>) => {
    held = update;
    if (!hold) queue.push(update);
    events.emit('queued');
    changed();
  };
  const privateChat = (user: FakeUser): FakeChat => ({ id: user.id, type: 'private' });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      const reply = (status: number, body: unknown) => {
        if (!res.writableEnded) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const fail = (code: number, description: string, extra: Record<string, unknown> = {}) =>
        reply(code, { ok: false, error_code: code, description, ...extra });
      if (!match) return fail(404, 'Not Found');
      const [, token, method] = match as unknown as [string, string, string];
      if (token !== TOKEN || tokenRevoked) return fail(401, 'Unauthorized');
      const raw = Buffer.concat(chunks).toString('utf8');
      const params = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      calls.push({ method, params, at: performance.now() });
      changed();
      const rule = failingMethods.find((r) => r.method === method && r.times > 0);
      if (rule) {
        rule.times--;
        return fail(rule.code, rule.description);
      }
      const ok = (result: unknown) => reply(200, { ok: true, result });
      switch (method) {
        case 'getMe':
          return ok({ ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
        case 'deleteWebhook':
        case 'setWebhook':
        case 'answerCallbackQuery':
          return ok(true);
        case 'getChatMember':
          return ok({
            status: admins.has(`${params.chat_id}:${params.user_id}`) ? 'administrator' : 'member',
            user: { id: params.user_id, first_name: 'someone', is_bot: false },
          });
        case 'sendMessage': {
          const gone = failingChats.get(String(params.chat_id));
          if (gone) return fail(gone.code, gone.description);
          const message: SentMessage = { message_id: messageId++, ...(params as Omit<SentMessage, 'message_id'>) };
          sent.push(message);
          changed();
          return ok({
            message_id: message.message_id,
            date: Math.floor(Date.now() / 1000),
            chat: { id: params.chat_id, type: 'private' },
            from: bot,
            text: params.text,
          });
        }
        case 'getUpdates': {
          const offset = Number(params.offset ?? 0);
          // updates before the offset are confirmed: Telegram forgets them
          while (queue.length > 0 && Number(queue[0]!.update_id) < offset) queue.shift();
          const limit = Number(params.limit ?? 100);
          const answer = () => ok(queue.slice(0, limit));
          if (queue.length > 0 || !params.timeout) return answer();
          const timer = setTimeout(done, Math.min(Number(params.timeout) * 1000, MAX_POLL_MS));
          function done() {
            clearTimeout(timer);
            events.off('queued', done);
            answer();
          }
          events.on('queued', done);
          req.socket.once('close', () => {
            clearTimeout(timer);
            events.off('queued', done);
          });
          return;
        }
        default:
          return fail(404, `Not Found: method ${method} is not in the fake`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const messageUpdate = (text: string, from: FakeUser, chat: FakeChat, extra: Record<string, unknown> = {}) => {
    const id = messageId++;
    enqueue({ update_id: updateId++, message: { message_id: id, date: Math.floor(Date.now() / 1000), chat, from, text, ...extra } });
    return id;
  };

  const waitFor = <T>(what: string, find: () => T | undefined, timeoutMs = 5000): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return false;
        clearTimeout(timer);
        events.off('changed', check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        events.off('changed', check);
        reject(new Error(`fake Telegram: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      if (!check()) events.on('changed', check);
    });

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token: TOKEN,
    bot,
    calls,
    sent,
    message(text, options = {}) {
      const from = options.from ?? asker;
      return messageUpdate(text, from, options.chat ?? privateChat(from), {
        ...(options.entities ? { entities: options.entities } : {}),
        ...(options.replyTo
          ? {
              reply_to_message: {
                message_id: options.replyTo.message_id,
                date: 0,
                chat: options.chat ?? privateChat(from),
                from: options.replyTo.from,
                text: '…',
              },
            }
          : {}),
      });
    },
    command(text, options = {}) {
      const from = options.from ?? asker;
      const length = /^\/\S+/.exec(text)?.[0].length ?? 0;
      return messageUpdate(text, from, options.chat ?? privateChat(from), { entities: [{ type: 'bot_command', offset: 0, length }] });
    },
    click(message, callbackData, options = {}) {
      const from = options.from ?? asker;
      const id = String(updateId * 10);
      enqueue({
        update_id: updateId++,
        callback_query: {
          id,
          from,
          chat_instance: 'ci',
          data: callbackData,
          message: {
            message_id: message.message_id,
            date: 0,
            chat: { id: Number(message.chat_id), type: Number(message.chat_id) < 0 ? 'group' : 'private' },
            from: bot,
            text: message.text,
          },
        },
      });
      return id;
    },
    lastUpdate: () => held!,
    setHoldUpdates(value) {
      hold = value;
    },
    setAdmin(chatId, userId) {
      admins.add(`${chatId}:${userId}`);
    },
    failChat(chatId, code, description) {
      failingChats.set(String(chatId), { code, description });
    },
    restoreChat(chatId) {
      failingChats.delete(String(chatId));
    },
    failMethod(method, code, description, times = 1) {
      failingMethods.push({ method, code, description, times });
    },
    revokeToken() {
      tokenRevoked = true;
    },
    waitFor,
    replyTo: (chatId, id, timeoutMs) =>
      waitFor(
        `the reply to message ${id} in chat ${chatId}`,
        () => sent.find((m) => Number(m.chat_id) === chatId && m.reply_parameters?.message_id === id),
        timeoutMs,
      ),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Who sends a message when a test names no one: a user in a private chat with the bot. */
export const ASKER: FakeUser = { id: 5550001, first_name: 'Asker', username: 'asker', language_code: 'en' };
/** A group and its people, for group tests. */
export const GROUP: FakeChat = { id: -100200300, type: 'supergroup', title: 'feud fans' };
export const MEMBER: FakeUser = { id: 5550002, first_name: 'Member', username: 'member', language_code: 'en' };
export const KOREAN_USER: FakeUser = { id: 5550003, first_name: '민지', language_code: 'ko' };
