/**
 * Who was mentioned is nobody's business but the channel's: questions are stored (the
 * unanswered-questions log) and lines are logged only after mentions and user ids are masked.
 */

/** A Slack user id (U…/W…, 9–13 characters with a digit), wherever it stands. */
const SLACK_USER_ID = /\b[UW](?=[A-Z]*\d)[A-Z0-9]{8,12}\b/g;

/** Mention markup: Slack `<@U…|name>`, `<!subteam^S…|@team>`; Discord `<@123>`, `<@!123>`, `<@&123>`. */
const MENTION_MARKUP = /<@[!&]?[A-Z0-9]+(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>/gi;

/**
 * A typed or unwrapped mention: `@U0123ABCD`, `@123456789012345678`, `@alice`. Not an e-mail
 * address (a word character before the @), and not @everyone/@here/@channel, which name nobody.
 */
const BARE_MENTION = /(?<![\w.@])@(?!(?:everyone|here|channel)\b)[\p{L}\p{N}._-]+/gu;

export const MASKED_MENTION = '@someone';
export const MASKED_USER_ID = '[user]';

/** The question as it may be stored: every mention of a person becomes "@someone". */
export function maskMentions(text: string): string {
  return text.replace(MENTION_MARKUP, MASKED_MENTION).replace(BARE_MENTION, MASKED_MENTION);
}

/** A log line without Slack user ids (request bodies, warnings): each becomes "[user]". */
export function maskUserIds(text: string): string {
  return text.replace(SLACK_USER_ID, MASKED_USER_ID);
}
