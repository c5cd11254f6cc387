/** Discord's mention syntax, which means nothing to the core: the adapter takes it out of questions. */

/** <@123>, <@!123> (users), <@&123> (roles), <#123> (channels), @everyone, @here. */
const MENTION_MARKUP = /<@!?\d+>|<@&\d+>|<#\d+>|@everyone\b|@here\b/g;

/** The question without mentions of anyone: "<@1> @everyone who founded OpenAI" → "who founded OpenAI". */
export function withoutMentions(text: string): string {
  return text.replace(MENTION_MARKUP, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether the message addresses the bot: its user mention, or its managed role ("@Bot" can resolve to either). */
export function mentionsBot(content: string, botUserId: string, botRoleId: string | undefined): boolean {
  return content.includes(`<@${botUserId}>`) || content.includes(`<@!${botUserId}>`) || (botRoleId !== undefined && content.includes(`<@&${botRoleId}>`));
}
