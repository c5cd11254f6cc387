/**
 * The operator's port: GET /healthz for load balancers and orchestrators, GET /metrics for Prometheus.
 * Plain node:http: two routes do not need a framework, and nothing here may take the bot down.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { excerpt } from '../config.ts';
import type { Metrics } from './metrics.ts';

/** Listen errors that mean the host, not the port, is wrong. */
const BAD_HOST_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EAI_NONAME']);

export interface HealthStatus {
  store: boolean;
  adapters: Record<string, boolean>;
  /** Why each unhealthy part is down ("SLACK_BOT_TOKEN was rejected by Slack (token_revoked)"). */
  problems?: Record<string, string>;
  /** Each gateway shard of an adapter that shards (Discord), by shard id. */
  shards?: Record<string, Record<string, { status: string; guilds: number; latencyMs?: number }>>;
}

export interface OpsServerOptions {
  port: number;
  /** 0.0.0.0 by default so a container's health checks reach it; tests pass 127.0.0.1. */
  host?: string;
  metrics: Pick<Metrics, 'registry'>;
  health: () => HealthStatus;
}

export interface OpsServer {
  /** The bound port (the real one when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

export function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { metrics, health } = options;
  const host = options.host ?? '0.0.0.0';

  const send = (req: IncomingMessage, res: ServerResponse, status: number, contentType: string, body: string, extraHeaders: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...extraHeaders });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const healthz = (req: IncomingMessage, res: ServerResponse) => {
    let status: HealthStatus;
    try {
      status = health();
    } catch (err) {
      send(req, res, 503, 'application/json; charset=utf-8', JSON.stringify({ status: 'unavailable', error: (err as Error).message }));
      return;
    }
    const ok = status.store && Object.values(status.adapters).every(Boolean);
    const problems = status.problems && Object.keys(status.problems).length > 0 ? { problems: status.problems } : {};
    const shards = status.shards && Object.keys(status.shards).length > 0 ? { shards: status.shards } : {};
    send(
      req,
      res,
      ok ? 200 : 503,
      'application/json; charset=utf-8',
      JSON.stringify({ status: ok ? 'ok' : 'unavailable', store: status.store, adapters: status.adapters, ...shards, ...problems }),
    );
  };

  const metricsText = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      send(req, res, 200, metrics.registry.contentType, await metrics.registry.metrics());
    } catch (err) {
      send(req, res, 500, 'text/plain; charset=utf-8', `could not collect metrics: ${(err as Error).message}\n`);
    }
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>> = { '/healthz': healthz, '/metrics': metricsText };

  const server = createServer((req, res) => {
    // the path only: a query string (?probe=1) or an absolute-form URL must not matter
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://ops.invalid').pathname;
    } catch {
      send(req, res, 400, 'text/plain; charset=utf-8', 'bad request\n');
      return;
    }
    const route = routes[path];
    if (!route) {
      send(req, res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    void Promise.resolve(route(req, res)).catch(() => {
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  // malformed HTTP gets a 400 and a closed socket, never an exception
  server.on('clientError', (_err: Error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  return new Promise((resolve, reject) => {
    const onListenError = (err: NodeJS.ErrnoException) => {
      const shownHost = excerpt(host);
      if (err.code === 'EADDRINUSE') reject(new Error(`METRICS_PORT ${options.port} is already in use on ${shownHost}`));
      else if (err.code && BAD_HOST_CODES.has(err.code))
        reject(new Error(`METRICS_HOST ${shownHost} is not an address of this machine (${err.code}); use 0.0.0.0, 127.0.0.1 or one of its own addresses`));
      else reject(new Error(`could not open the metrics port ${options.port} on ${shownHost} (${err.code ?? 'error'}); check METRICS_PORT and METRICS_HOST`));
    };
    server.once('error', onListenError);
    server.listen(options.port, host, () => {
      server.off('error', onListenError);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // idle keep-alive connections from a scraper would otherwise hold close() open
            server.closeAllConnections();
          }),
      });
    });
  });
}
