/**
 * The Discord adapter: a discord.js Client that turns gateway events into Conversation calls
 * and Replies into embeds. It parses nothing the core parses. It opens the gateway shards
 * Discord recommends, or this process's share of them (shards.ts).
 */
import { randomBytes } from 'node:crypto';
import { Client, DiscordAPIError, Events, GatewayDispatchEvents, RESTEvents, RESTJSONErrorCodes, Routes, Status } from 'discord.js';
import {
  ChannelGoneError,
  type ChannelPartitions,
  type ChatAdapter,
  type ErrorCounter,
  type ShardEventCounter,
  type ShardState,
} from '../../src/bot/adapter.ts';
import type { Conversation } from '../../src/bot/incoming.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Logger } from '../../src/log.ts';
import { registerCommands } from './commands/index.ts';
import type { DiscordContext } from './context.ts';
import { registerEvents } from './events.ts';
import type { DiscordConfig } from './index.ts';
import { answerInteraction } from './interactions.ts';
import { intentsFor, inviteUrl } from './invite.ts';
import { NO_MENTIONS, NO_MENTIONS_API, renderReply } from './render.ts';
import { restOptions } from './rest-retry.ts';
import { SHARDING_REQUIRED, SHARDING_REQUIRED_ERROR, SHARDING_REQUIRED_MESSAGE, shardOptions, shardPartitions, shardStates, shardsProblem } from './shards.ts';

export interface DiscordAdapterDeps {
  config: DiscordConfig;
  conversation: Conversation;
  logger: Logger;
  /** Send "thinking…" when a reply takes longer than this (Discord drops interactions unanswered after 3 s). */
  deferAfterMs?: number;
  /** How long stop() lets replies in flight finish before closing. */
  stopGraceMs?: number;
  /** Counts handler and post failures (feud_errors_total{source="discord"}). */
  errors?: ErrorCounter;
  /** Counts interactions and messages per shard. */
  shardEvents?: ShardEventCounter;
}

export interface DiscordAdapter extends ChatAdapter {
  readonly platform: 'discord';
  /** The underlying client, for tests and diagnostics. */
  readonly client: Client;
  shards(): ShardState[];
  readonly partitions: ChannelPartitions;
}

/** Discord's answers that mean the channel is gone or closed to the bot for good. */
const CHANNEL_GONE_CODES = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);
const MAX_REMEMBERED_VOTES = 10_000;
/** Gateway close code for a token Discord no longer accepts. */
const AUTHENTICATION_FAILED = 4004;

/** Login errors an operator can fix, said in their terms. */
function explainLoginFailure(err: unknown, messageContent: boolean): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/disallowed intents/i.test(message) && messageContent) {
    return new Error(
      'Discord refused the Message Content intent: enable it in the Developer Portal (Bot → Privileged Gateway Intents), or set DISCORD_MESSAGE_CONTENT=false',
      { cause: err },
    );
  }
  if (/invalid token|401|authentication failed/i.test(message)) {
    return new Error('Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer Portal (Bot → Reset Token)', { cause: err });
  }
  if (SHARDING_REQUIRED_ERROR.test(message)) return new Error(SHARDING_REQUIRED_MESSAGE, { cause: err });
  if (/invalid shard/i.test(message)) {
    return new Error(
      'Discord refused a shard id (gateway close 4010, invalid shard): every DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT, the same count in every process',
      { cause: err },
    );
  }
  return err instanceof Error ? err : new Error(message);
}

export function createDiscordAdapter(deps: DiscordAdapterDeps): DiscordAdapter {
  const { config, logger } = deps;
  const client = new Client({
    intents: intentsFor(config.messageContent),
    // the default for everything discord.js sends; each send also says so explicitly
    allowedMentions: NO_MENTIONS,
    // 5xx retried with a backoff, and only where a retry cannot post twice (rest-retry.ts)
    rest: restOptions(config.apiUrl),
    // every message send carries a nonce Discord enforces, so a retried send returns the first message
    enforceNonce: true,
    // discord.js's own sharding: these shards in this one Client
    ...shardOptions(config.shards),
  });

  // a token revoked while running: REST answers 401 (or the gateway closes with 4004) while the bot still looks connected
  let tokenProblem: string | undefined;
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (request.data.auth === false) return; // interaction tokens, not the bot's
    if (response.status === 401) tokenProblem = 'DISCORD_TOKEN was rejected by Discord (401 Unauthorized)';
    else if (response.status < 400) tokenProblem = undefined;
  });
  // the bot outgrew its shard count while running (close 4011): every shard is refused until restarted with more
  let shardingProblem: string | undefined;
  client.on(Events.ShardDisconnect, (event) => {
    if (event.code === AUTHENTICATION_FAILED) tokenProblem = 'DISCORD_TOKEN was rejected by Discord (gateway 4004 Authentication failed)';
    if (event.code === SHARDING_REQUIRED) {
      shardingProblem = SHARDING_REQUIRED_MESSAGE;
      logger.error(SHARDING_REQUIRED_MESSAGE);
    }
  });
  if (deps.shardEvents) {
    const counter = deps.shardEvents;
    client.ws.on(GatewayDispatchEvents.InteractionCreate, (_data: unknown, shard: number) => counter.event(shard, 'interaction'));
    client.ws.on(GatewayDispatchEvents.MessageCreate, (_data: unknown, shard: number) => counter.event(shard, 'message'));
  }

  const votes = new Set<string>();
  const ctx: DiscordContext = {
    conversation: deps.conversation,
    logger,
    listen: config.messageContent,
    deferAfterMs: deps.deferAfterMs ?? 1500,
    firstVote(key) {
      if (votes.has(key)) return false;
      if (votes.size >= MAX_REMEMBERED_VOTES) votes.clear();
      votes.add(key);
      return true;
    },
    answer: (interaction, said) => answerInteraction(interaction, said, ctx),
  };

  const inFlight = new Set<Promise<void>>();
  let accepting = false;
  let stopping = false;
  registerEvents(client, ctx, {
    stopping: () => stopping,
    failed: () => deps.errors?.inc({ source: 'discord' }),
    track(work) {
      if (!accepting) return;
      const running: Promise<void> = work()
        .catch((err: unknown) => {
          deps.errors?.inc({ source: 'discord' });
          logger.error({ err }, 'discord event handler failed');
        })
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    },
  });

  return {
    platform: 'discord',
    client,

    async start() {
      accepting = true;
      stopping = false;
      try {
        await client.login(config.token);
      } catch (err) {
        throw explainLoginFailure(err, config.messageContent);
      }
      const shards = shardStates(client);
      logger.info({ shards: shards.map((s) => s.id), shardCount: shards[0]?.count ?? 1, guilds: client.guilds.cache.size }, 'Discord shards connected');
      // one process registers the commands (a bulk overwrite is the same from each): the one holding shard 0
      if (client.ws.shards.has(0)) {
        try {
          const count = await registerCommands(client.rest, config.appId, config.guildId);
          logger.info({ commands: count, scope: config.guildId ? `server ${config.guildId}` : 'global' }, 'slash commands registered');
        } catch (err) {
          // the commands registered last time keep working; `npm run discord:register` retries
          logger.error({ err }, 'could not register slash commands');
        }
      }
      logger.info({ url: inviteUrl(config.appId) }, 'invite the bot to a Discord server with this link');
    },

    async stop() {
      accepting = false;
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deps.stopGraceMs ?? 3000);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      await client.destroy();
    },

    isConnected() {
      return client.isReady() && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready);
    },

    problem: () => tokenProblem ?? shardingProblem ?? (client.isReady() ? shardsProblem(shardStates(client)) : undefined),

    shards: () => shardStates(client),
    partitions: shardPartitions(client),

    async postToChannel(channelId: string, reply: Reply) {
      const { embeds, components } = renderReply(reply);
      try {
        // the nonce makes a retry after a 5xx safe: Discord hands back the message it already made
        const nonce = randomBytes(12).toString('base64url');
        await client.rest.post(Routes.channelMessages(channelId), {
          body: { embeds, components, allowed_mentions: NO_MENTIONS_API, nonce, enforce_nonce: true },
        });
      } catch (err) {
        deps.errors?.inc({ source: 'discord' });
        if (err instanceof DiscordAPIError && (err.status === 404 || err.status === 403 || CHANNEL_GONE_CODES.has(Number(err.code)))) {
          throw new ChannelGoneError(channelId, `${err.status} ${err.message} (code ${err.code})`);
        }
        throw err;
      }
    },
  };
}
