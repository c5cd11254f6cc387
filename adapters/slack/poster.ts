/**
 * Every message the bot posts to Slack (answers to mentions, listen mode, daily facts) goes
 * through here, so three rules hold everywhere:
 * - Never twice. chat.postMessage is not idempotent: a request that timed out or got a 5xx may
 *   have been posted, so it is not sent again (DeliveryUnknownError). Only a request that
 *   provably never reached Slack (no connection) is retried, a little later.
 * - One channel's rate limit is that channel's. The Web API client would pause its whole queue
 *   on a 429 (every channel waits out the Retry-After); here the client rejects rate-limited
 *   calls and only the limited channel waits, up to `maxRateLimitWaitMs`.
 * - Nothing pings: mention parsing and unfurling are off on every post.
 */
import { webApi } from '@slack/bolt';
import { DeliveryUnknownError } from '../../src/bot/adapter.ts';
import { sleepUnlessAborted } from '../../src/bot/sleep.ts';
import type { SlackMessage } from './render.ts';
import type { TokenHealth } from './token-health.ts';

/** Every message the bot sends: Slack must not turn any text into a mention or a link preview. */
export const NO_PINGS = { parse: 'none', link_names: false, unfurl_links: false, unfurl_media: false } as const;

/** Connection errors from before a request was sent: Slack never saw it, so sending again is safe. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** What the bot posts: a rendered reply (render.ts) to a channel, maybe in a thread. */
export interface PostMessage extends SlackMessage {
  channel: string;
  thread_ts?: string;
  /** The workspace's bot token, for an app installed in many; else the client's own. */
  token?: string;
}
/** Seen only by `user`. */
export interface PostEphemeral extends PostMessage {
  user: string;
}

export interface SlackPoster {
  postMessage(message: PostMessage): Promise<void>;
  postEphemeral(message: PostEphemeral): Promise<void>;
  /** Cut short any wait (rate limit, retry); the posts waiting reject. */
  stop(): void;
}

export interface SlackPosterOptions {
  /** A client made with `postingClientOptions`: no retries of its own, 429s rejected. */
  client: webApi.WebClient;
  tokenHealth: TokenHealth;
  /** The longest a post waits for its channel's rate limit; a longer Retry-After gives up at once. */
  maxRateLimitWaitMs?: number;
  /** Tries per post, the first included. */
  attempts?: number;
  /** Wait before retrying a post that never reached Slack; doubled each time. */
  retryDelayMs?: number;
  clock?: { now(): number };
  /** The most channels whose rate limit is remembered at once. */
  maxChannels?: number;
}

/** The posting client's own options: no queue-wide pause, no blind retries (the poster decides). */
export function postingClientOptions(timeoutMs: number): Pick<webApi.WebClientOptions, 'retryConfig' | 'rejectRateLimitedCalls' | 'timeout'> {
  return { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: timeoutMs };
}

export function createSlackPoster(options: SlackPosterOptions): SlackPoster {
  const { client, tokenHealth } = options;
  const maxWaitMs = options.maxRateLimitWaitMs ?? 30_000;
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const clock = options.clock ?? { now: () => Date.now() };
  const maxChannels = options.maxChannels ?? 10_000;
  const stopping = new AbortController();
  /** Channel → when Slack lets us post there again. */
  const limitedUntil = new Map<string, number>();

  const waitFor = async (ms: number): Promise<void> => {
    await sleepUnlessAborted(ms, stopping.signal);
    if (stopping.signal.aborted) throw new Error('the Slack adapter is stopping');
  };

  const limit = (channel: string, untilMs: number) => {
    limitedUntil.delete(channel);
    limitedUntil.set(channel, untilMs);
    for (const [key, until] of limitedUntil) {
      if (limitedUntil.size <= maxChannels && until > clock.now()) break;
      limitedUntil.delete(key);
    }
  };

  const send = async (channel: string, call: () => Promise<unknown>): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const wait = (limitedUntil.get(channel) ?? 0) - clock.now();
      if (wait > maxWaitMs) throw new Error(`Slack rate-limits channel ${channel} for another ${Math.ceil(wait / 1000)} s; not waiting that long`);
      if (wait > 0) await waitFor(wait);
      try {
        await call();
        tokenHealth.observe({ ok: true });
        return;
      } catch (err) {
        tokenHealth.observe({ ok: false, err });
        const retryAfterMs = rateLimitedFor(err);
        if (retryAfterMs !== undefined) {
          limit(channel, clock.now() + retryAfterMs);
          if (attempt < attempts && retryAfterMs <= maxWaitMs) continue;
          throw err;
        }
        if (neverReachedSlack(err)) {
          if (attempt >= attempts) throw err;
          await waitFor(retryDelayMs * 2 ** (attempt - 1));
          continue;
        }
        const unknown = outcomeUnknown(err);
        if (unknown) throw new DeliveryUnknownError(channel, unknown, { cause: err });
        throw err;
      }
    }
  };

  return {
    postMessage: (message) => send(message.channel, () => client.chat.postMessage({ ...message, ...NO_PINGS })),
    postEphemeral: (message) => send(message.channel, () => client.chat.postEphemeral({ ...message, ...NO_PINGS })),
    stop: () => stopping.abort(),
  };
}

/** Milliseconds Slack asked us to wait (a 429 with Retry-After), or undefined for any other error. */
function rateLimitedFor(err: unknown): number | undefined {
  if ((err as { code?: unknown })?.code !== webApi.ErrorCode.RateLimitedError) return undefined;
  const seconds = (err as webApi.WebAPIRateLimitedError).retryAfter;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

function neverReachedSlack(err: unknown): boolean {
  if ((err as { code?: unknown })?.code !== webApi.ErrorCode.RequestError) return false;
  const cause = ((err as webApi.WebAPIRequestError).original as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && NEVER_SENT_CODES.has(cause.code);
}

/** Why Slack may have posted a message although the call failed, or undefined if the failure is definite. */
function outcomeUnknown(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  if (code === webApi.ErrorCode.RequestError) {
    const original = (err as webApi.WebAPIRequestError).original;
    return original?.name === 'TimeoutError' ? 'Slack did not answer in time' : `the connection failed mid-request: ${original?.message ?? 'unknown'}`;
  }
  if (code === webApi.ErrorCode.HTTPError) {
    const status = (err as webApi.WebAPIHTTPError).statusCode;
    if (status >= 500) return `Slack answered HTTP ${status}`;
  }
  return undefined;
}
