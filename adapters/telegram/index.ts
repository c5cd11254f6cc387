/** Telegram in the adapter registry: its variables, secrets and limits; grammY is loaded only by create(). */
import * as z from 'zod';
import { type ChatAdapter, defineAdapter } from '../../src/bot/adapter.ts';
import { ConfigError, optionalString, port, url } from '../../src/env-fields.ts';

export interface TelegramConfig {
  token: string;
  /** Another Bot API base (grammY's apiRoot): a local Bot API server, or the tests' fake. */
  apiUrl?: string;
  /** Webhook mode: Telegram posts updates to this public HTTPS URL; long polling when unset. */
  webhook?: { url: string; secret: string; port: number };
}

export const telegram = defineAdapter({
  name: 'telegram',
  label: 'Telegram',
  env: {
    TELEGRAM_BOT_TOKEN: optionalString(
      z.string().regex(/^\d{3,20}:[\w-]{30,60}$/, 'expected a bot token from @BotFather (digits, a colon, then about 35 letters, digits, - or _)'),
    ),
    TELEGRAM_API_URL: url,
    TELEGRAM_WEBHOOK_URL: optionalString(
      z.string().url('expected the public HTTPS URL Telegram should post updates to, such as https://bot.example.com/telegram'),
    ),
    TELEGRAM_WEBHOOK_SECRET: optionalString(
      z.string().regex(/^[\w-]{16,256}$/, 'expected 16 to 256 letters, digits, - or _ (Telegram sends it back in X-Telegram-Bot-Api-Secret-Token)'),
    ),
    TELEGRAM_WEBHOOK_PORT: port(8443),
  },
  secretKeys: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'token', 'secret'],
  configure(env): TelegramConfig | undefined {
    if (!env.TELEGRAM_BOT_TOKEN && !env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) return undefined;
    if (!env.TELEGRAM_BOT_TOKEN) throw new ConfigError('TELEGRAM_BOT_TOKEN: missing (other TELEGRAM_ variables are set; ask @BotFather for the token)');
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET)
      throw new ConfigError('TELEGRAM_WEBHOOK_SECRET: missing (needed with TELEGRAM_WEBHOOK_URL, so the bot can tell Telegram’s requests from anyone else’s)');
    if (env.TELEGRAM_WEBHOOK_SECRET && !env.TELEGRAM_WEBHOOK_URL)
      throw new ConfigError('TELEGRAM_WEBHOOK_URL: missing (TELEGRAM_WEBHOOK_SECRET is set; set the public URL too, or neither for long polling)');
    return {
      token: env.TELEGRAM_BOT_TOKEN,
      ...(env.TELEGRAM_API_URL ? { apiUrl: env.TELEGRAM_API_URL } : {}),
      ...(env.TELEGRAM_WEBHOOK_URL
        ? { webhook: { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET!, port: env.TELEGRAM_WEBHOOK_PORT! } }
        : {}),
    };
  },
  // a message's text (https://core.telegram.org/bots/api#sendmessage); grammY gives up on a webhook call after 10 s, and Telegram sends the update again
  limits: { text: 4096, ackDeadlineMs: 10_000 },
  async create(deps): Promise<ChatAdapter> {
    const { createTelegramAdapter } = await import('./adapter.ts');
    return createTelegramAdapter(deps);
  },
});
