import type * as z from 'zod';
import type { Reply } from '../core/reply.ts';
import type { Logger } from '../log.ts';
import type { InstallationStore } from '../store/store.ts';
import type { Conversation } from './incoming.ts';
import type { SeenRequests } from './seen-requests.ts';

/** Thrown by an adapter's post when the channel is gone or the bot was removed (404/403). */
export class ChannelGoneError extends Error {
  constructor(
    readonly channelId: string,
    reason: string,
  ) {
    super(`channel ${channelId} is gone: ${reason}`);
    this.name = 'ChannelGoneError';
  }

  /** Whether a stored reason (a subscription turned off) is this error's message. */
  static isMessage(text: string): boolean {
    return /^channel .* is gone: /s.test(text);
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
  readonly platform: string;
  start(): Promise<void>;
  /** Stop taking new events, let in-flight replies finish, close connections. */
  stop(): Promise<void>;
  /** True while connected (gateway up, socket open, HTTP server listening). */
  isConnected(): boolean;
  /** Why the adapter cannot serve users even though it is connected (a revoked token), if it knows. */
  problem?(): string | undefined;
  /** Post a reply to a channel unprompted (the daily fact). Throws ChannelGoneError on 404/403, DeliveryUnknownError when it cannot tell. */
  postToChannel(channelId: string, reply: Reply): Promise<void>;
  /** Resolves when there is nobody left to serve (the console's input ended): the bot then shuts down. */
  readonly ended?: Promise<void>;
  /** Its gateway shards (an adapter that shards). */
  shards?(): ShardState[];
  /** How its channels are split between processes (an adapter that shards). */
  readonly partitions?: ChannelPartitions;
}

/**
 * The sizes a platform shows, checked against every fact's replies by the grounding check
 * (`npm run facts:check`); the adapter's renderer cuts anything longer.
 */
export interface PlatformLimits {
  /** A reply's title (Discord: an embed title). */
  title?: number;
  /** A reply's body, the answer itself (Discord: an embed description). */
  body?: number;
  /** The whole reply as text, credits included (Slack: a section; Telegram: a message). */
  text?: number;
  /** A question offered as the user types (Discord: an autocomplete choice). */
  choice?: number;
  /** How long the platform waits for the bot to acknowledge a command or click, in ms. */
  ackDeadlineMs?: number;
}

/** What main.ts hands every adapter it starts. */
export interface AdapterDeps<Config> {
  /** The adapter's own section of the configuration (its descriptor's `configure`). */
  config: Config;
  conversation: Conversation;
  logger: Logger;
  /** Counts send and listener failures (feud_errors_total{source=<platform>}). */
  errors?: ErrorCounter;
  /** FEUD_DEFAULT_TIMEZONE, for platforms that know no user's zone. */
  defaultTimeZone: string;
  /** Requests and events seen by any instance on the store (Slack's retries, Telegram's re-sent updates); this process's memory when absent. */
  seen?: SeenRequests;
  /** Where installations in many workspaces are kept (Slack's install flow): the bot's Store. */
  installations?: InstallationStore;
  /** Counts gateway events by the shard they came on (an adapter that shards). */
  shardEvents?: ShardEventCounter;
}

/** Counts gateway events by shard (feud_gateway_events_total{shard,kind}). */
export interface ShardEventCounter {
  event(shard: number, kind: 'interaction' | 'message'): void;
}

/**
 * One chat platform, as the registry (adapters/index.ts) lists it: hubot's `use(robot)` and the
 * Chat SDK's `adapters: {…}`. Everything the rest of the bot needs to know about a platform is here:
 * its name, the variables that turn it on, which of them are secrets, its size limits, and how to
 * start it. The SDK is loaded only by `create`, so a bot without that platform never loads it.
 */
export interface AdapterDescriptor<Name extends string = string, Env extends z.core.$ZodShape = z.core.$ZodShape, Config = unknown> {
  readonly name: Name;
  /** How operators read its name: "Discord". */
  readonly label: string;
  /** Its environment variables, parsed (and each wrong one reported) with all the others. */
  readonly env: Env;
  /** Variable names and config fields whose values are secrets: never written to a log. */
  readonly secretKeys: readonly string[];
  /**
   * Its configuration when the variables turn it on, undefined when they leave it off. Throws a
   * ConfigError naming the variable when it is half set up (a token without its application id).
   */
  configure(env: z.output<z.ZodObject<Env>>): Config | undefined;
  readonly limits: PlatformLimits;
  /** Started only when no other adapter is configured: the console. */
  readonly fallback?: boolean;
  create(deps: AdapterDeps<Config>): Promise<ChatAdapter>;
}

/** A descriptor with its types checked, kept as narrow as written (the registry infers `Platform` from the names). */
export const defineAdapter = <const Name extends string, Env extends z.core.$ZodShape, Config>(d: AdapterDescriptor<Name, Env, Config>) => d;
