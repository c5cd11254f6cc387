/** What the bot asks Discord for: gateway intents and the permissions in its invite link. */
import { GatewayIntentBits, OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * The fewest intents that work: Guilds (channels, roles, interactions' context) and
 * GuildMessages (messages that mention the bot; Discord sends their content without the
 * privileged MessageContent intent). MessageContent only for listen mode.
 */
export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  return [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, ...(messageContent ? [GatewayIntentBits.MessageContent] : [])];
}

/** Read the channel, answer in it and in threads, show answers as embeds, reply to messages. */
export const INVITE_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
]).freeze();

/** Discord's documented authorization page for bot invites. */
const AUTHORIZE_URL = 'https://discord.com/oauth2/authorize';

export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The one link a server admin opens to add the bot with its commands. */
export function inviteUrl(appId: string): string {
  const params = new URLSearchParams({ client_id: appId, scope: INVITE_SCOPES.join(' '), permissions: INVITE_PERMISSIONS.bitfield.toString() });
  return `${AUTHORIZE_URL}?${params.toString()}`;
}
