import type { Server } from 'node:http';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { SlackTransport } from './transport.ts';

export interface HttpTransportOptions {
  signingSecret: string;
  /** 0 picks a free port (tests); read it back with port(). */
  port: number;
  /** Interface to bind; all interfaces when unset. */
  host?: string;
  logger: BoltLogger;
}

/** Grace period for open keep-alive connections before stop() cuts them. */
const CLOSE_GRACE_MS = 2000;

/**
 * Bolt's built-in HTTPReceiver at its default path `/slack/events`. It verifies every request's
 * `x-slack-signature` against the signing secret and rejects timestamps more than 5 minutes off
 * (replays) with 401, before any listener runs.
 */
export function createHttpTransport(options: HttpTransportOptions): SlackTransport {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    logger: options.logger,
    // ack first, work after: Slack wants an answer within 3 s
    processBeforeResponse: false,
  });
  let server: Server | undefined;

  return {
    mode: 'http',
    receiver,
    async start() {
      const listen = options.host === undefined ? { port: options.port } : { port: options.port, host: options.host };
      const started = await receiver.start(listen);
      server = started;
      started.once('close', () => {
        if (server === started) server = undefined;
      });
    },
    async stop() {
      const running = server;
      if (!running) return;
      const cut = setTimeout(() => running.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await receiver.stop();
      } finally {
        clearTimeout(cut);
        server = undefined;
      }
    },
    isConnected: () => server?.listening === true,
    port() {
      const address = server?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
  };
}
