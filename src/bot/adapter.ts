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

/** One gateway connection of an adapter that shards (Discord), as /healthz and /metrics show it. */
export interface ShardState {
  id: number;
  /** Shards in all, across every process. */
  count: number;
  /** 'ready', 'resuming', 'reconnecting', … */
  status: string;
  /** Servers this shard holds. */
  guilds: number;
  /** The last heartbeat's round trip, once there was one. */
  latencyMs?: number;
}

/**
 * How a platform's channels are split between the processes that serve it (Discord: by the shard
 * holding the channel's server), so each daily post is sent by a process holding it.
 */
export interface ChannelPartitions {
  /** The partitions this process holds now ("shard0of2"); undefined when the platform is not split (one shard). */
  held(): string[] | undefined;
  /** The partition a channel is in; undefined when that cannot be told now (asked again next time). */
  of(channelId: string): Promise<string | undefined>;
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
  /** Its gateway shards (an adapter that shards). */
  shards?(): ShardState[];
  /** How its channels are split between processes (an adapter that shards). */
  readonly partitions?: ChannelPartitions;
}
