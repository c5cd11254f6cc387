import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Logger as BoltLogger, ErrorCode, HTTPReceiver } from '@slack/bolt';
import type { SeenRequests } from '../../src/bot/seen-requests.ts';
import { type InstallFlow, receiverInstallOptions, type SlackTransport } from './transport.ts';
import { verifySlackRequest } from './verify-request.ts';

export interface HttpTransportOptions {
  signingSecret: string;
  /** 0 picks a free port (tests); read it back with port(). */
  port: number;
  /** Interface to bind; all interfaces when unset. */
  host?: string;
  logger: BoltLogger;
  /** Signatures already accepted (replay check). */
  seen: SeenRequests;
  clock?: { now(): number };
  /** Serve the install flow too (GET /slack/install and /slack/oauth_redirect), for an app installed in many workspaces. */
  install?: InstallFlow;
}

/** Bolt's default path, and its default body limit. */
const EVENTS_PATH = '/slack/events';
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Grace period for open keep-alive connections before stop() cuts them. */
const CLOSE_GRACE_MS = 2000;

class BodyTooLarge extends Error {}

/**
 * Events, commands and interactions over signed HTTP at `/slack/events`. Every request there
 * passes verify-request.ts first (signature, timestamp both ways, replay, body shape) and is
 * refused with 401 or 400 before any listener runs; the rest is Bolt's HTTPReceiver, which is
 * handed the body already read. With an install flow, the receiver's own InstallProvider serves
 * GET /slack/install and /slack/oauth_redirect on the same port.
 */
export function createHttpTransport(options: HttpTransportOptions): SlackTransport {
  const clock = options.clock ?? { now: () => Date.now() };
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    logger: options.logger,
    // ack first, work after: Slack wants an answer within 3 s
    processBeforeResponse: false,
    ...(options.install ? receiverInstallOptions(options.install) : {}),
  });
  let server: Server | undefined;

  const refuse = (res: ServerResponse, status: number, reason: string) => {
    options.logger.warn(`refused a request to ${EVENTS_PATH} with ${status}: ${reason}`);
    // a body too large is not read to its end: close the connection instead of draining it
    res.writeHead(status, { 'content-length': 0, ...(status === 413 ? { connection: 'close' } : {}) });
    res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://slack.invalid').pathname;
    if (req.method === 'POST' && path === EVENTS_PATH) {
      let rawBody: Buffer;
      try {
        rawBody = await readBody(req, BODY_LIMIT_BYTES);
      } catch (err) {
        return refuse(
          res,
          err instanceof BodyTooLarge ? 413 : 400,
          err instanceof BodyTooLarge ? `body over ${BODY_LIMIT_BYTES} bytes` : 'body could not be read',
        );
      }
      const verdict = await verifySlackRequest(
        {
          rawBody: rawBody.toString('utf8'),
          contentType: req.headers['content-type'],
          signature: req.headers['x-slack-signature'],
          timestamp: req.headers['x-slack-request-timestamp'],
        },
        { signingSecret: options.signingSecret, nowMs: clock.now(), seen: options.seen },
      );
      if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
      // Bolt reads a body already buffered here instead of the (consumed) stream
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
    }
    try {
      receiver.requestListener(req, res);
    } catch (err) {
      const unknownPath = (err as { code?: unknown }).code === ErrorCode.HTTPReceiverDeferredRequestError;
      if (!res.headersSent) res.writeHead(unknownPath ? 404 : 500, { 'content-length': 0 });
      res.end();
    }
  };

  return {
    mode: 'http',
    receiver,
    async start() {
      const started = createServer((req, res) => {
        handle(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500, { 'content-length': 0 });
          res.end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        started.once('error', reject);
        const ready = () => {
          started.off('error', reject);
          resolve();
        };
        if (options.host === undefined) started.listen(options.port, ready);
        else started.listen(options.port, options.host, ready);
      });
      server = started;
    },
    async stop() {
      const running = server;
      if (!running) return;
      server = undefined;
      const cut = setTimeout(() => running.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await new Promise<void>((resolve) => running.close(() => resolve()));
      } finally {
        clearTimeout(cut);
      }
    },
    isConnected: () => server?.listening === true,
    port() {
      const address = server?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
  };
}

/** The whole body, or BodyTooLarge as soon as it passes `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
