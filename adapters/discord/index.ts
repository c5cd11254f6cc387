/** Discord in the adapter registry: its variables, secrets and limits; discord.js is loaded only by create(). */
import { z } from 'zod';
import { defineAdapter, type ChatAdapter } from '../../src/bot/adapter.ts';
import { bool, ConfigError, optionalString, url } from '../../src/env-fields.ts';

export interface DiscordConfig {
  token: string;
  appId: string;
  guildId?: string;
  apiUrl?: string;
  messageContent: boolean;
}

export const discord = defineAdapter({
  name: 'discord',
  label: 'Discord',
  env: {
    DISCORD_TOKEN: optionalString(z.string().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'expected a Discord bot token (three dot-separated parts, from the Developer Portal, Bot tab)')),
    DISCORD_APP_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected the numeric application id from the Developer Portal')),
    DISCORD_GUILD_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected a numeric server (guild) id')),
    DISCORD_API_URL: url,
    DISCORD_MESSAGE_CONTENT: bool(false),
  },
  secretKeys: ['DISCORD_TOKEN', 'token'],
  configure(env): DiscordConfig | undefined {
    if (!env.DISCORD_TOKEN && !env.DISCORD_APP_ID) return undefined;
    if (!env.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN: missing (DISCORD_APP_ID is set; set the bot token too, or neither)');
    if (!env.DISCORD_APP_ID) throw new ConfigError('DISCORD_APP_ID: missing (DISCORD_TOKEN is set; copy the Application ID from the Developer Portal)');
    return { token: env.DISCORD_TOKEN, appId: env.DISCORD_APP_ID, guildId: env.DISCORD_GUILD_ID, apiUrl: env.DISCORD_API_URL, messageContent: env.DISCORD_MESSAGE_CONTENT };
  },
  // https://discord.com/developers/docs/resources/message#embed-object-embed-limits; interactions are answered within 3 s
  limits: { title: 256, body: 4096, choice: 100, ackDeadlineMs: 3000 },
  async create(deps): Promise<ChatAdapter> {
    const { createDiscordAdapter } = await import('./adapter.ts');
    return createDiscordAdapter(deps);
  },
});
