/**
 * Slack's text conventions, both ways: what users type arrives as Slack markup
 * (`<@U123>`, `<!channel>`, `<https://x|label>`, `&amp;`), and what the bot sends
 * must escape `&`, `<` and `>` so nothing echoed back becomes a mention or a link.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */

/** Escape the three characters Slack treats as markup, so the text renders literally and pings no one. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cut to at most `max` characters (code points kept whole), with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Cut escaped text to `max` characters without splitting an `&amp;`-style entity. */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** A mention of a user (`<@U123>`, `<@W123|name>`). */
const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;

/** Remove mentions of the bot itself (the `@Feud Bot` in an app_mention) and tidy the spaces left behind. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId
    ? text.replace(USER_MENTION, (whole, id: string) => (id === botUserId ? ' ' : whole))
    : // without the bot's id, the mention that triggered an app_mention is the leading one
      text.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, ' ');
  return withoutBot.replace(/\s+/g, ' ').trim();
}

/**
 * Slack markup → the plain text a person typed: `<!channel>` → "@channel", `<#C1|general>` → "#general",
 * `<https://x|label>` → "label", `&lt;` → "<". The core sees words, never Slack syntax.
 */
export function plainFromSlack(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = splitLabel(inner);
      if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
      if (target.startsWith('#')) return label ? `#${label}` : target;
      if (target.startsWith('!')) {
        const special = target.slice(1);
        if (special.startsWith('subteam^')) return label ? `@${label.replace(/^@/, '')}` : '@group';
        if (special.startsWith('date^')) return label ?? '';
        return label ?? `@${special}`;
      }
      return label ?? target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
