import type { Receiver } from '@slack/bolt';

/**
 * How Slack's events reach the app. One transport per file, like bolt-js's receivers:
 * `http-transport.ts` (Events API over HTTPS, signed requests) and `socket-transport.ts`
 * (Socket Mode, no public URL). The rest of the adapter does not know which one runs.
 */
export interface SlackTransport {
  readonly mode: 'http' | 'socket';
  readonly receiver: Receiver;
  start(): Promise<void>;
  stop(): Promise<void>;
  isConnected(): boolean;
  /** The bound HTTP port (HTTP mode, after start). */
  port(): number | undefined;
}
