/** Discord in the adapter registry: its variables, secrets and limits; discord.js is loaded only by create(). */
import * as z from 'zod';
import { type ChatAdapter, defineAdapter } from '../../src/bot/adapter.ts';
import { blankToUndefined, bool, ConfigError, optionalString, url } from '../../src/env-fields.ts';

/** The gateway shards this process opens: these ids of `count` in all. */
export interface DiscordShards {
  ids: number[];
  count: number;
}

export interface DiscordConfig {
  token: string;
  appId: string;
  guildId?: string;
  apiUrl?: string;
  messageContent: boolean;
  /** Unset: as many as Discord recommends (GET /gateway/bot), all in this process. */
  shards?: DiscordShards;
}

const MAX_SHARDS = 65_535;
const shardCount = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number(`expected ${what}`).int(`expected ${what}`).min(1, `expected ${what}`).max(MAX_SHARDS, `expected ${what}`).optional(),
  );
const shardIds = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$/, 'expected shard ids separated by commas, such as 0,1')
    .transform((v) => [...new Set(v.split(',').map((id) => Number(id.trim())))].sort((a, b) => a - b))
    .optional(),
);

/** DISCORD_SHARDS (auto: undefined, or a count, all in this process), or DISCORD_SHARD_IDS of DISCORD_SHARD_COUNT (this process's part). */
function discordShards(env: {
  DISCORD_SHARDS: 'auto' | number | undefined;
  DISCORD_SHARD_IDS?: number[] | undefined;
  DISCORD_SHARD_COUNT?: number | undefined;
}): DiscordShards | undefined {
  const fixed = env.DISCORD_SHARDS === 'auto' ? undefined : env.DISCORD_SHARDS;
  const count = env.DISCORD_SHARD_COUNT ?? fixed;
  if (fixed !== undefined && env.DISCORD_SHARD_COUNT !== undefined && fixed !== env.DISCORD_SHARD_COUNT)
    throw new ConfigError(`DISCORD_SHARD_COUNT: ${env.DISCORD_SHARD_COUNT} disagrees with DISCORD_SHARDS=${fixed}; set one of them`);
  if (env.DISCORD_SHARD_IDS) {
    if (count === undefined)
      throw new ConfigError(
        'DISCORD_SHARD_COUNT: missing (DISCORD_SHARD_IDS is set; say how many shards there are across every process, e.g. DISCORD_SHARD_COUNT=4)',
      );
    const outside = env.DISCORD_SHARD_IDS.filter((id) => id >= count);
    if (outside.length > 0)
      throw new ConfigError(`DISCORD_SHARD_IDS: ${outside.join(',')} is not below DISCORD_SHARD_COUNT=${count} (shard ids run from 0 to ${count - 1})`);
    return { ids: env.DISCORD_SHARD_IDS, count };
  }
  if (count === undefined) return undefined;
  return { ids: Array.from({ length: count }, (_, i) => i), count };
}

export const discord = defineAdapter({
  name: 'discord',
  label: 'Discord',
  env: {
    DISCORD_TOKEN: optionalString(
      z.string().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'expected a Discord bot token (three dot-separated parts, from the Developer Portal, Bot tab)'),
    ),
    DISCORD_APP_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected the numeric application id from the Developer Portal')),
    DISCORD_GUILD_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected a numeric server (guild) id')),
    DISCORD_API_URL: url,
    DISCORD_MESSAGE_CONTENT: bool(false),
    DISCORD_SHARDS: z.preprocess(
      blankToUndefined,
      z
        .union(
          [z.literal('auto'), shardCount(`auto, or a number of shards from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`)],
          `expected auto, or a number of shards from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`,
        )
        .default('auto'),
    ),
    DISCORD_SHARD_IDS: shardIds,
    DISCORD_SHARD_COUNT: shardCount(`the total number of shards across every process, from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`),
  },
  secretKeys: ['DISCORD_TOKEN', 'token'],
  configure(env): DiscordConfig | undefined {
    if (!env.DISCORD_TOKEN && !env.DISCORD_APP_ID) return undefined;
    if (!env.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN: missing (DISCORD_APP_ID is set; set the bot token too, or neither)');
    if (!env.DISCORD_APP_ID) throw new ConfigError('DISCORD_APP_ID: missing (DISCORD_TOKEN is set; copy the Application ID from the Developer Portal)');
    return {
      token: env.DISCORD_TOKEN,
      appId: env.DISCORD_APP_ID,
      guildId: env.DISCORD_GUILD_ID,
      apiUrl: env.DISCORD_API_URL,
      messageContent: env.DISCORD_MESSAGE_CONTENT,
      shards: discordShards(env),
    };
  },
  // https://discord.com/developers/docs/resources/message#embed-object-embed-limits; interactions are answered within 3 s
  limits: { title: 256, body: 4096, choice: 100, ackDeadlineMs: 3000 },
  async create(deps): Promise<ChatAdapter> {
    const { createDiscordAdapter } = await import('./adapter.ts');
    return createDiscordAdapter(deps);
  },
});
