/** Messages in channels: a mention of the bot is a question; in listen mode, so may be any message. */
import { type Message, PermissionFlagsBits } from 'discord.js';
import type { DiscordContext } from './context.ts';
import { mentionsBot, withoutMentions } from './mentions.ts';
import { NO_MENTIONS, renderReply } from './render.ts';

export async function onMessage(message: Message, ctx: DiscordContext): Promise<void> {
  // never talk to bots (ourselves included), webhooks or system notices
  if (message.author.bot || message.webhookId || message.system || !message.inGuild()) return;
  const me = message.client.user;
  // "@Bot" can arrive as a mention of the bot's user or of its managed role
  const botRoleId = message.guild.roles.botRoleFor(me)?.id;

  let via: 'mention' | 'listen';
  let text: string;
  if (mentionsBot(message.content, me.id, botRoleId)) {
    via = 'mention';
    text = withoutMentions(message.content);
  } else if (ctx.listen && message.content.trim() !== '') {
    via = 'listen';
    text = withoutMentions(message.content);
  } else {
    return;
  }

  const reply = await ctx.conversation.handle({
    platform: 'discord',
    channelId: message.channelId,
    userId: message.author.id,
    text,
    via,
    // Discord does not tell a message author's locale; the server's language is the best guess
    locale: async () => message.guild.preferredLocale,
    canManageChannel: async () => {
      const member = message.member;
      return member ? (message.channel.permissionsFor(member)?.has(PermissionFlagsBits.ManageChannels) ?? false) : false;
    },
  });
  if (!reply) return;
  const { embeds, components } = renderReply(reply);
  // a message reply cannot be ephemeral; private replies (help, errors) are simply shown here
  await message.reply({ embeds, components, allowedMentions: NO_MENTIONS, failIfNotExists: false });
}
