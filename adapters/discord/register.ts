/**
 * `npm run discord:register`: bulk-overwrite the bot's slash commands without starting the bot
 * (the bot also does this at startup). With DISCORD_GUILD_ID, in that one server only.
 */
import { REST } from 'discord.js';
import { loadConfigOrExit } from '../../src/config.ts';
import { registerCommands } from './commands/index.ts';
import { inviteUrl } from './invite.ts';

async function main(): Promise<number> {
  const config = loadConfigOrExit('discord:register');
  if (!config.discord) {
    console.error('discord:register: set DISCORD_TOKEN and DISCORD_APP_ID (Developer Portal → your application) first');
    return 1;
  }
  const { token, appId, guildId, apiUrl } = config.discord;
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  try {
    const count = await registerCommands(rest, appId, guildId);
    console.log(`Registered ${count} slash commands ${guildId ? `in server ${guildId}` : 'globally'}.`);
    console.log(`Invite link: ${inviteUrl(appId)}`);
    return 0;
  } catch (err) {
    console.error(`discord:register: Discord refused the commands: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
