/**
 * The bot's gateway shards, with discord.js's own sharding: every shard of this process in one
 * Client (internal sharding); several processes each open their own ids (DISCORD_SHARD_IDS of
 * DISCORD_SHARD_COUNT). Here: the Client's options for that, each shard's state for /healthz and
 * /metrics, and which shard a channel's server is on, so daily posts go out from the process
 * holding it.
 */
import { type Client, type ClientOptions, DiscordAPIError, Routes, ShardClientUtil, Status } from 'discord.js';
import type { ChannelPartitions, ShardState } from '../../src/bot/adapter.ts';
import type { DiscordShards } from './index.ts';

/** Close code 4011: the bot is in too many servers for its shard count. */
export const SHARDING_REQUIRED = 4011;
/** How discord.js words the error it raises on close 4011. */
export const SHARDING_REQUIRED_ERROR = /sharding is required/i;
export const SHARDING_REQUIRED_MESSAGE =
  'Discord requires more shards for this bot (gateway close 4011, sharding required: it is in too many servers for its shard count); set DISCORD_SHARDS=auto, or a larger DISCORD_SHARDS or DISCORD_SHARD_COUNT';

/** Unset: as many as Discord recommends (discord.js reads GET /gateway/bot); else these ids of count. */
export function shardOptions(shards: DiscordShards | undefined): Pick<ClientOptions, 'shards' | 'shardCount'> {
  return shards ? { shards: shards.ids, shardCount: shards.count } : { shards: 'auto' };
}

const STATUS_NAMES: Record<number, string> = {
  [Status.Ready]: 'ready',
  [Status.Connecting]: 'connecting',
  [Status.Reconnecting]: 'reconnecting',
  [Status.Idle]: 'idle',
  [Status.Nearly]: 'nearly ready',
  [Status.Disconnected]: 'disconnected',
  [Status.WaitingForGuilds]: 'waiting for servers',
  [Status.Identifying]: 'identifying',
  [Status.Resuming]: 'resuming',
};

/** Shards in all, once the client knows (after login with auto). */
export const shardCountOf = (client: Client): number => client.options.shardCount ?? 1;

export function shardStates(client: Client): ShardState[] {
  const count = shardCountOf(client);
  const guilds = new Map<number, number>();
  for (const guild of client.guilds.cache.values()) guilds.set(guild.shardId, (guilds.get(guild.shardId) ?? 0) + 1);
  return [...client.ws.shards.values()]
    .map((shard) => ({
      id: shard.id,
      count,
      status: STATUS_NAMES[shard.status] ?? String(shard.status),
      guilds: guilds.get(shard.id) ?? 0,
      ...(shard.ping >= 0 ? { latencyMs: shard.ping } : {}),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Why the shards are not all up, for /healthz: "shard 1 of 2 is resuming"; undefined while they are. */
export function shardsProblem(states: readonly ShardState[]): string | undefined {
  const down = states.filter((s) => s.status !== 'ready');
  return down.length === 0 ? undefined : down.map((s) => `shard ${s.id} of ${s.count} is ${s.status}`).join('; ');
}

export const partitionName = (shard: number, count: number) => `shard${shard}of${count}`;

const MAX_REMEMBERED_CHANNELS = 50_000;

/**
 * Which shard a channel's server is on (Discord's rule: (guild_id >> 22) % shard_count). The
 * server is known from the cache for this process's own shards; another shard's channel is looked
 * up once (GET /channels/{id}) and remembered, as a channel never changes servers. A channel that
 * is gone goes to shard 0, whose process then finds it gone and turns its posts off.
 */
export function shardPartitions(client: Client): ChannelPartitions {
  const guildOf = new Map<string, string | null>();
  const remember = (channelId: string, guildId: string | null) => {
    if (guildOf.size >= MAX_REMEMBERED_CHANNELS) guildOf.delete(guildOf.keys().next().value!);
    guildOf.set(channelId, guildId);
  };
  const lookUp = async (channelId: string): Promise<string | null | undefined> => {
    const cached = client.channels.cache.get(channelId);
    if (cached) return 'guildId' in cached ? cached.guildId : null;
    if (guildOf.has(channelId)) return guildOf.get(channelId);
    try {
      const channel = (await client.rest.get(Routes.channel(channelId))) as { guild_id?: string };
      remember(channelId, channel.guild_id ?? null);
      return channel.guild_id ?? null;
    } catch (err) {
      if (err instanceof DiscordAPIError && (err.status === 404 || err.status === 403)) return null;
      // Discord unreachable: ask again next tick
      return undefined;
    }
  };
  return {
    held() {
      const count = shardCountOf(client);
      if (count <= 1) return undefined;
      return [...client.ws.shards.keys()].sort((a, b) => a - b).map((id) => partitionName(id, count));
    },
    async of(channelId) {
      const count = shardCountOf(client);
      const guildId = await lookUp(channelId);
      if (guildId === undefined) return undefined;
      // a DM, or a channel gone: shard 0 (where Discord sends DMs)
      return partitionName(guildId === null ? 0 : ShardClientUtil.shardIdForGuildId(guildId, count), count);
    },
  };
}
