/**
 * The Telegram adapter: grammY's Bot, on long polling (the default) or a webhook (webhook.ts),
 * turning messages and button clicks into Conversation calls and Replies into HTML messages.
 * - `/feud <question>` and `/feud@BotName …` anywhere; in a private chat any message is a question;
 *   in a group, a mention of the bot or a reply to one of its messages; other group messages are
 *   listen mode, which the conversation keeps silent unless the group turned it on.
 * - Private replies (help, errors, rate limits) asked for in a group go to the asker's private chat,
 *   or, when the user never started one with the bot, into the group as a reply. Under a click
 *   they are the click's answer, which only the clicker sees.
 * - Updates are handed on without waiting for the reply, so one slow send never holds up the next
 *   update, and a webhook call is answered at once.
 */
import { Bot, type Context, GrammyError, HttpError } from 'grammy';
import { type AdapterDeps, ChannelGoneError, type ChatAdapter, DeliveryUnknownError } from '../../src/bot/adapter.ts';
import type { Incoming } from '../../src/bot/incoming.ts';
import { MemorySeenRequests } from '../../src/bot/seen-requests.ts';
import { langOfLocale, t } from '../../src/core/catalog.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { TelegramConfig } from './index.ts';
import { callbackNotice, parseButtonData, renderReply, type TelegramMessage } from './render.ts';
import { startWebhookServer, type WebhookServer } from './webhook.ts';

export interface TelegramAdapterOptions extends AdapterDeps<TelegramConfig> {
  /** Webhook mode: the interface to bind (all when unset; tests use 127.0.0.1). */
  host?: string;
  /** Long polling: how long one getUpdates waits for news, in seconds (Telegram allows up to 50). */
  pollTimeoutSeconds?: number;
  /** How long start() waits for getMe before saying Telegram cannot be reached. */
  startTimeoutMs?: number;
  /** How long stop() lets replies in flight finish. */
  stopGraceMs?: number;
}

export interface TelegramAdapter extends ChatAdapter {
  readonly platform: 'telegram';
  readonly mode: 'polling' | 'webhook';
  /** Webhook mode: the port actually bound (useful with port 0). */
  port(): number | undefined;
}

/** Updates the bot acts on; everything else (edits, joins, reactions) is never sent to it. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** Telegram's answers that mean the chat is gone or closed to the bot for good (its 404 is a "chat not found" 400). */
const CHAT_GONE =
  /chat not found|bot was kicked|bot was blocked|not a member|group chat was (upgraded|deactivated)|have no rights to send|not enough rights|CHAT_WRITE_FORBIDDEN|chat_restricted/i;
const MAX_REMEMBERED_VOTES = 10_000;
const VOTE_MEMORY_MS = 30 * 24 * 60 * 60_000;
/** Telegram re-sends an unanswered webhook update for a while; its id is remembered for a day. */
const UPDATE_MEMORY_MS = 24 * 60 * 60_000;

type MessageContext = Context & { message: NonNullable<Context['message']> };

export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const { config, conversation, logger } = options;
  const bot = new Bot(config.token, { client: { ...(config.apiUrl ? { apiRoot: config.apiUrl.replace(/\/+$/, '') } : {}), timeoutSeconds: 60 } });
  const mode = config.webhook ? 'webhook' : 'polling';
  const votes = new MemorySeenRequests({ maxKeys: MAX_REMEMBERED_VOTES });
  const seenUpdates = options.seen ?? new MemorySeenRequests();
  const inFlight = new Set<Promise<void>>();
  let accepting = false;
  let tokenProblem: string | undefined;
  let webhook: WebhookServer | undefined;
  let polling: Promise<void> | undefined;

  const failed = (err: unknown, what: string) => {
    options.errors?.inc({ source: 'telegram' });
    if (err instanceof GrammyError && err.error_code === 401) tokenProblem = 'TELEGRAM_BOT_TOKEN was rejected by Telegram (401 Unauthorized)';
    logger.error({ err: describeError(err) }, what);
  };

  /** Run a handler so stop() can wait for it; the update itself is done at once. */
  const track = (work: () => Promise<void>) => {
    if (!accepting) return;
    const running: Promise<void> = work()
      .catch((err: unknown) => failed(err, 'failed to answer a Telegram update'))
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };

  const send = async (chatId: number | string, message: TelegramMessage, replyTo?: { message_id: number; thread?: number }) => {
    await bot.api.sendMessage(chatId, message.text, {
      parse_mode: message.parse_mode,
      link_preview_options: message.link_preview_options,
      ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
      ...(replyTo ? { reply_parameters: { message_id: replyTo.message_id, allow_sending_without_reply: true } } : {}),
      ...(replyTo?.thread !== undefined ? { message_thread_id: replyTo.thread } : {}),
    });
  };

  /** What the conversation needs to know of whoever sent this update. */
  const from = (ctx: Context): Omit<Incoming, 'via' | 'text' | 'command' | 'factId' | 'label'> => {
    const chat = ctx.chat!;
    const user = ctx.from!;
    return {
      platform: 'telegram',
      channelId: String(chat.id),
      userId: String(user.id),
      locale: async () => user.language_code,
      // in a private chat the user owns it; in a group, its creator and administrators manage it
      canManageChannel: async () => {
        if (chat.type === 'private') return true;
        const member = await bot.api.getChatMember(chat.id, user.id);
        return member.status === 'creator' || member.status === 'administrator';
      },
    };
  };

  /** Answer a message: in its chat as a reply; a private reply from a group goes to the asker's own chat when it can. */
  const answerMessage = async (ctx: MessageContext, reply: Reply) => {
    const message = renderReply(reply);
    const { chat } = ctx.message;
    const here = { message_id: ctx.message.message_id, ...(ctx.message.is_topic_message ? { thread: ctx.message.message_thread_id } : {}) };
    if (reply.visibility === 'private' && chat.type !== 'private' && ctx.from) {
      try {
        await send(ctx.from.id, message);
        return;
      } catch (err) {
        // 403: the user never opened a chat with the bot, so it cannot write to them first
        if (!(err instanceof GrammyError && err.error_code === 403)) throw err;
      }
    }
    await send(chat.id, message, here);
  };

  const ask = (
    ctx: MessageContext,
    said: { via: 'command' | 'mention' | 'listen'; text: string } | { via: 'option'; command: Extract<Incoming, { via: 'option' }>['command'] },
  ) =>
    track(async () => {
      const reply = await conversation.handle({ ...from(ctx), ...said } as Incoming);
      if (reply) await answerMessage(ctx, reply);
    });

  // ---- events -----------------------------------------------------------------------------

  // a webhook update Telegram sends again (our answer to it was lost) is answered once, by whichever instance got it
  bot.use(async (ctx, next) => {
    if (config.webhook && !(await seenUpdates.firstSeen(`telegram-update:${ctx.update.update_id}`, Date.now() + UPDATE_MEMORY_MS))) {
      logger.debug({ updateId: ctx.update.update_id }, 'ignoring an update Telegram sent again');
      return;
    }
    await next();
  });

  // never talk to bots, ourselves included
  bot.use(async (ctx, next) => {
    if (!ctx.from || ctx.from.is_bot || ctx.from.id === ctx.me.id || !ctx.chat) return;
    await next();
  });

  // /feud <question> and /feud@BotName <question> (grammY checks that the name is this bot's)
  bot.command('feud', (ctx) => (ctx.message ? ask(ctx as MessageContext, { via: 'command', text: ctx.match }) : undefined));
  // what Telegram sends when someone opens a chat with the bot, and the usual help command
  bot.command(['start', 'help'], (ctx) => (ctx.message ? ask(ctx as MessageContext, { via: 'option', command: { type: 'help' } }) : undefined));

  bot.on('message:text', (ctx) => {
    const { text, chat, entities = [], reply_to_message: repliedTo } = ctx.message;
    if (chat.type === 'private') return ask(ctx, { via: 'command', text });
    const name = `@${ctx.me.username}`.toLowerCase();
    const mentions = entities.filter((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === name);
    if (mentions.length > 0) {
      const question = mentions.reduceRight((rest, e) => `${rest.slice(0, e.offset)} ${rest.slice(e.offset + e.length)}`, text);
      return ask(ctx, { via: 'mention', text: question.replace(/\s+/g, ' ').trim() });
    }
    if (repliedTo?.from?.id === ctx.me.id) return ask(ctx, { via: 'mention', text });
    return ask(ctx, { via: 'listen', text });
  });

  bot.on('callback_query:data', (ctx) =>
    track(async () => {
      const action = parseButtonData(ctx.callbackQuery.data);
      const lang = action?.lang ?? langOfLocale(ctx.from.language_code);
      if (!action) {
        await ctx.answerCallbackQuery({ text: callbackNotice(t(lang, 'notice.staleButton')) });
        return;
      }
      if (action.type === 'feedback') {
        // one vote per user per message: clicking again is acknowledged but not counted twice
        const key = `${ctx.from.id}:${ctx.callbackQuery.message?.message_id ?? ctx.callbackQuery.id}`;
        if (votes.firstSeen(key, Date.now() + VOTE_MEMORY_MS)) conversation.feedback(action.factId, action.helpful, 'telegram');
        await ctx.answerCallbackQuery({ text: callbackNotice(t(lang, action.helpful ? 'feedback.helpful' : 'feedback.notHelpful')) });
        return;
      }
      // the button's data names the language the user was reading
      const reply = await conversation.handle({ ...from(ctx), locale: async () => action.lang, via: 'button', factId: action.factId });
      if (!reply || reply.visibility === 'private') {
        await ctx.answerCallbackQuery(reply ? { text: callbackNotice(`${reply.title}: ${reply.body}`), show_alert: true } : {});
        return;
      }
      await ctx.answerCallbackQuery();
      const under = ctx.callbackQuery.message;
      await send(ctx.chat!.id, renderReply(reply), under ? { message_id: under.message_id } : undefined);
    }),
  );

  bot.catch((err) => failed(err.error, 'a Telegram handler failed'));

  return {
    platform: 'telegram',
    mode,

    async start() {
      accepting = true;
      const signal = AbortSignal.timeout(options.startTimeoutMs ?? 15_000);
      try {
        await bot.init(signal as Parameters<typeof bot.init>[0]);
      } catch (err) {
        if (err instanceof GrammyError && err.error_code === 401)
          throw new Error('TELEGRAM_BOT_TOKEN was rejected by Telegram (401 Unauthorized); copy the token again from @BotFather', { cause: err });
        if (signal.aborted)
          throw new Error(`could not reach the Telegram Bot API (getMe) within ${options.startTimeoutMs ?? 15_000} ms; check the network or TELEGRAM_API_URL`, {
            cause: err,
          });
        throw err;
      }
      if (config.webhook) {
        webhook = await startWebhookServer({ bot, config: config.webhook, logger, ...(options.host !== undefined ? { host: options.host } : {}) });
        await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
        logger.info({ mode, port: webhook.port(), path: webhook.path, bot: usernameOf(bot) }, 'Telegram adapter listening');
        return;
      }
      await new Promise<void>((resolve, reject) => {
        polling = bot
          .start({ allowed_updates: [...ALLOWED_UPDATES], timeout: options.pollTimeoutSeconds ?? 30, onStart: () => resolve() })
          .catch((err: unknown) => {
            // 401: the token stopped working; 409: another instance or a webhook takes the updates
            failed(err, 'Telegram long polling stopped');
            if (err instanceof GrammyError && err.error_code === 409)
              tokenProblem = 'another bot instance or a webhook is taking this bot’s updates (409 Conflict)';
            reject(err instanceof Error ? err : new Error(String(err)));
          });
      });
      logger.info({ mode, bot: usernameOf(bot) }, 'Telegram adapter polling');
    },

    async stop() {
      accepting = false;
      if (bot.isRunning()) await bot.stop().catch((err: unknown) => logger.warn({ err: describeError(err) }, 'could not confirm the last Telegram update'));
      await polling?.catch(() => undefined);
      await webhook?.close();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.stopGraceMs ?? 3000)));
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
    },

    isConnected: () => (config.webhook ? webhook?.listening() === true : bot.isRunning()),
    problem: () => tokenProblem,
    port: () => webhook?.port(),

    async postToChannel(channelId: string, reply: Reply) {
      try {
        await send(channelId, renderReply(reply));
      } catch (err) {
        options.errors?.inc({ source: 'telegram' });
        if (err instanceof GrammyError) {
          if (err.error_code === 401) tokenProblem = 'TELEGRAM_BOT_TOKEN was rejected by Telegram (401 Unauthorized)';
          if (err.error_code === 403 || err.error_code === 404 || (err.error_code === 400 && CHAT_GONE.test(err.description))) {
            throw new ChannelGoneError(channelId, `${err.error_code} ${err.description}`);
          }
          if (err.error_code >= 500) throw new DeliveryUnknownError(channelId, `${err.error_code} ${err.description}`, { cause: err });
        }
        // a request that may have reached Telegram (a timeout, a reset) is not sent again; one refused before it left is
        if (err instanceof HttpError && !refusedBeforeSending(err)) throw new DeliveryUnknownError(channelId, err.message, { cause: err });
        throw err;
      }
    },
  };
}

/** The connection was refused or the host unknown: nothing reached Telegram, so trying again cannot post twice. */
function refusedBeforeSending(err: HttpError): boolean {
  const code = (err.error as { code?: unknown } | undefined)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/** grammY errors carry the request payload (a chat's message text): log what went wrong, not what was said. */
function describeError(err: unknown): unknown {
  if (err instanceof GrammyError) return { name: err.name, method: err.method, code: err.error_code, description: err.description };
  if (err instanceof HttpError) return { name: err.name, message: err.message };
  return err;
}

const usernameOf = (bot: Bot) => (bot.isInited() ? bot.botInfo.username : undefined);
