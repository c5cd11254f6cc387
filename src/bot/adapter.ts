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
  /** Post a reply to a channel unprompted (the daily fact). Throws ChannelGoneError on 404/403. */
  postToChannel(channelId: string, reply: Reply): Promise<void>;
}
