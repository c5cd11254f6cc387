import type { Server } from 'node:http';
import { type Logger as BoltLogger, SocketModeReceiver } from '@slack/bolt';
import { type InstallFlow, receiverInstallOptions, type SlackTransport } from './transport.ts';

export interface SocketTransportOptions {
  /** App-level token (xapp-…) with connections:write. */
  appToken: string;
  /** Where apps.connections.open is called; Slack's own API unless set (tests). */
  slackApiUrl?: string;
  logger: BoltLogger;
  /**
   * Serve the install flow (an app installed in many workspaces): Bolt's receiver opens a small
   * HTTP server of its own on this port for /slack/install and /slack/oauth_redirect, while every
   * workspace's events come over the one socket.
   */
  install?: InstallFlow & { port: number };
}

/** Socket Mode: the app dials out to Slack over a WebSocket, so no public URL is needed. */
export function createSocketTransport(options: SocketTransportOptions): SlackTransport {
  const clientOptions = options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : undefined;
  const install = options.install && receiverInstallOptions(options.install);
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(install ?? {}),
    // the socket client and the InstallProvider both take their Web API options from here
    installerOptions: {
      ...(install?.installerOptions ?? {}),
      ...(clientOptions ? { clientOptions: { ...install?.installerOptions.clientOptions, ...clientOptions } } : {}),
      ...(options.install ? { port: options.install.port } : {}),
    },
  });
  /** Bolt keeps its install server private; it is read only to wait for it and to report its port. */
  const installServer = () => (receiver as unknown as { httpServer?: Server }).httpServer;
  let connected = false;
  receiver.client.on('connected', () => {
    connected = true;
  });
  for (const state of ['reconnecting', 'disconnecting', 'disconnected']) {
    receiver.client.on(state, () => {
      connected = false;
    });
  }
  let started = false;

  return {
    mode: 'socket',
    receiver,
    async start() {
      const server = installServer();
      // Bolt starts listening without waiting: a port in use would otherwise be an uncaught error later
      const listening = server
        ? new Promise<void>((resolve, reject) => {
            server.once('listening', resolve);
            server.once('error', (err: NodeJS.ErrnoException) =>
              reject(
                new Error(`PORT ${options.install?.port}: the install pages could not listen (${err.code ?? err.message}); choose a free port`, { cause: err }),
              ),
            );
          })
        : Promise.resolve();
      await Promise.all([receiver.start(), listening]);
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await receiver.stop();
      connected = false;
    },
    isConnected: () => connected && (installServer()?.listening ?? true),
    port() {
      const address = installServer()?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
  };
}
