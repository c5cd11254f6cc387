import { SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { SlackTransport } from './transport.ts';

export interface SocketTransportOptions {
  /** App-level token (xapp-…) with connections:write. */
  appToken: string;
  /** Where apps.connections.open is called; Slack's own API unless set (tests). */
  slackApiUrl?: string;
  logger: BoltLogger;
}

/** Socket Mode: the app dials out to Slack over a WebSocket, so no public URL is needed. */
export function createSocketTransport(options: SocketTransportOptions): SlackTransport {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(options.slackApiUrl ? { installerOptions: { clientOptions: { slackApiUrl: options.slackApiUrl } } } : {}),
  });
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
      await receiver.start();
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await receiver.stop();
      connected = false;
    },
    isConnected: () => connected,
    port: () => undefined,
  };
}
