/**
 * Webhook mode: an HTTP server at the path of TELEGRAM_WEBHOOK_URL that hands Telegram's POSTs to
 * grammY's webhookCallback, which refuses any request whose X-Telegram-Bot-Api-Secret-Token is not
 * TELEGRAM_WEBHOOK_SECRET (401) before reading it. Bodies over 1 MB are refused, a body that is
 * not an update gets 400.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Bot, webhookCallback } from 'grammy';
import type { Logger } from '../../src/log.ts';
import type { TelegramConfig } from './index.ts';

export interface WebhookServer {
  readonly path: string;
  port(): number | undefined;
  listening(): boolean;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;

export async function startWebhookServer(options: {
  bot: Bot;
  config: NonNullable<TelegramConfig['webhook']>;
  logger: Logger;
  host?: string;
}): Promise<WebhookServer> {
  const { bot, config, logger } = options;
  const path = new URL(config.url).pathname;
  // the update's own handling is quick (replies are sent after it returns), so grammY's timeout is a backstop
  const handle = webhookCallback(bot, 'http', { secretToken: config.secret, onTimeout: 'return', timeoutMilliseconds: 10_000 });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || requestPath !== path) return void res.writeHead(404).end();
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return void res.writeHead(413).end();
    handle(req, res).catch((err: unknown) => {
      // a body that is not JSON, or an update grammY could not read
      logger.warn({ err: (err as Error).message }, 'refused a Telegram webhook request');
      if (!res.headersSent) res.writeHead(400).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    path,
    port: () => (server.listening ? (server.address() as AddressInfo).port : undefined),
    listening: () => server.listening,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
