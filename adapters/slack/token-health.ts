/**
 * Whether Slack still takes the bot token. A token revoked mid-run (the app uninstalled, the
 * token rotated) fails every post while the socket or HTTP listener stays up; this is what lets
 * /healthz say so instead of staying green.
 */
import { webApi } from '@slack/bolt';

/** Slack's answers that mean the token itself is dead, not that Slack is unreachable or the channel is gone. */
export const BAD_TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

export class TokenHealth {
  private rejectedWith: string | undefined;

  /** Note the outcome of a Web API call made with the bot token. */
  observe(outcome: { ok: true } | { ok: false; err: unknown }): void {
    if (outcome.ok) {
      this.rejectedWith = undefined;
      return;
    }
    const code = platformErrorCode(outcome.err);
    if (code && BAD_TOKEN_ERRORS.has(code)) this.rejectedWith = code;
  }

  /** Why the bot cannot work, for /healthz; undefined while the token is accepted. */
  problem(): string | undefined {
    return this.rejectedWith && `SLACK_BOT_TOKEN was rejected by Slack (${this.rejectedWith})`;
  }
}

/** The `error` of a Slack platform error ("channel_not_found"), if that is what `err` is. */
export function platformErrorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && (err as { code?: unknown }).code === webApi.ErrorCode.PlatformError) {
    const data = (err as webApi.WebAPIPlatformError).data;
    return typeof data?.error === 'string' ? data.error : undefined;
  }
  return undefined;
}
