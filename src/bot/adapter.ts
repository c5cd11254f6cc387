import type { Reply } from '../core/reply.ts';

/** Thrown by an adapter's post when the channel is gone or the bot was removed (404/403). */
export class ChannelGoneError extends Error {
  constructor(
    readonly channelId: string,
    reason: string,
  ) {
    super(`channel ${channelId} is gone: ${reason}`);
    this.name = 'ChannelGoneError';
  }
}

/**
 * Thrown by a post whose request may have reached the platform (a timeout, a 5xx): it may have
 * been posted, so sending it again could post it twice. Nobody retries it.
 */
export class DeliveryUnknownError extends Error {
  constructor(
    readonly channelId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`a post to ${channelId} may or may not have gone out (${reason}); not sent again, to avoid a double post`, options);
    this.name = 'DeliveryUnknownError';
  }
}

/** Counts what failed a user or a post, by where it happened (feud_errors_total{source}). */
export interface ErrorCounter {
  inc(labels: { source: string }): void;
}

/**
 * What main.ts needs of a chat platform adapter. Adapters turn platform events into
 * Conversation calls and Replies into platform messages; nothing else.
 */
export interface ChatAdapter {
  readonly platform: 'discord' | 'slack' | 'console';
  start(): Promise<void>;
  /** Stop taking new events, let in-flight replies finish, close connections. */
  stop(): Promise<void>;
  /** True while connected (gateway up, socket open, HTTP server listening). */
  isConnected(): boolean;
  /** Why the adapter cannot serve users even though it is connected (a revoked token), if it knows. */
  problem?(): string | undefined;
  /** Post a reply to a channel unprompted (the daily fact). Throws ChannelGoneError on 404/403, DeliveryUnknownError when it cannot tell. */
  postToChannel(channelId: string, reply: Reply): Promise<void>;
}
