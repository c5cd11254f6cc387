/**
 * The Slack adapter: a Bolt App on one transport (Socket Mode when an app-level token is set,
 * signed HTTP otherwise), listeners that hand everything to the conversation, and Block Kit
 * rendering of the replies.
 */
import { App, webApi } from '@slack/bolt';
import { ChannelGoneError, type ChatAdapter, type ErrorCounter } from '../../src/bot/adapter.ts';
import type { Conversation } from '../../src/bot/incoming.ts';
import { MemorySeenRequests, type SeenRequests } from '../../src/bot/seen-requests.ts';
import type { Feud } from '../../src/core/feud.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Logger } from '../../src/log.ts';
import { boltLogger } from './bolt-logger.ts';
import { createHttpTransport } from './http-transport.ts';
import { registerListeners } from './listeners.ts';
import { createSlackPoster, postingClientOptions } from './poster.ts';
import { renderReply } from './render.ts';
import { createSocketTransport } from './socket-transport.ts';
import { BAD_TOKEN_ERRORS, platformErrorCode, TokenHealth } from './token-health.ts';
import type { SlackTransport } from './transport.ts';
import { createUserDirectory } from './users.ts';

import type { SlackConfig } from './index.ts';

export type { SlackConfig };

export interface SlackAdapterOptions {
  config: SlackConfig;
  conversation: Conversation;
  /** Not used by the Slack adapter today (no autocomplete in Slack's slash commands); kept for a uniform signature. */
  feud?: Feud;
  logger: Logger;
  /** HTTP mode: the interface to bind (all when unset; tests use 127.0.0.1). */
  host?: string;
  /** How long stop() waits for replies already under way. */
  drainMs?: number;
  /** Counts listener and post failures (feud_errors_total{source="slack"}). */
  errors?: ErrorCounter;
  /** Signatures and event ids already handled; in memory unless shared (several instances). */
  seen?: SeenRequests;
  /** Web API timeout (tests shorten it); a post that times out is not sent again. */
  apiTimeoutMs?: number;
  /** The longest a post waits out its channel's 429 Retry-After. */
  maxRateLimitWaitMs?: number;
}

export interface SlackAdapter extends ChatAdapter {
  readonly platform: 'slack';
  readonly mode: 'http' | 'socket';
  /** HTTP mode: the port actually bound (useful with port 0). */
  port(): number | undefined;
}

/** Slack errors that mean the bot can no longer post in that channel (account_inactive is the token's, not the channel's). */
const CHANNEL_GONE_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

/** Lookups (auth.test, users.info) are safe to repeat; keep the retries short: a reply minutes late helps no one. */
const LOOKUP_RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3000, randomize: true };
const API_TIMEOUT_MS = 10_000;

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, conversation, logger } = options;
  const drainMs = options.drainMs ?? 3000;
  const boltLog = boltLogger(logger);
  const slackApiUrl = config.apiUrl ? withTrailingSlash(config.apiUrl) : undefined;

  const timeout = options.apiTimeoutMs ?? API_TIMEOUT_MS;
  const baseOptions = { ...(slackApiUrl ? { slackApiUrl } : {}), logger: boltLog };
  /** The bot's own client for lookups outside a listener; posts go through the poster's. */
  const client = new webApi.WebClient(config.botToken, { ...baseOptions, retryConfig: LOOKUP_RETRY_CONFIG, timeout });
  const tokenHealth = new TokenHealth();
  const poster = createSlackPoster({
    client: new webApi.WebClient(config.botToken, { ...baseOptions, ...postingClientOptions(timeout) }),
    tokenHealth,
    ...(options.maxRateLimitWaitMs !== undefined ? { maxRateLimitWaitMs: options.maxRateLimitWaitMs } : {}),
  });
  const identity = botIdentity(client, tokenHealth);
  const seen = options.seen ?? new MemorySeenRequests();

  const transport: SlackTransport = config.appToken
    ? createSocketTransport({ appToken: config.appToken, logger: boltLog, ...(slackApiUrl ? { slackApiUrl } : {}) })
    : createHttpTransport({
        signingSecret: requireSigningSecret(config),
        port: config.port,
        logger: boltLog,
        seen,
        ...(options.host !== undefined ? { host: options.host } : {}),
      });

  const app = new App({
    // Bolt given a plain `token` calls auth.test in its constructor and keeps a failure forever
    // (a Slack hiccup at boot would deny every later event); this authorize retries instead
    authorize: async () => ({ botToken: config.botToken, ...(await identity.get()) }),
    receiver: transport.receiver,
    logger: boltLog,
    // listeners post through the poster; a listener's own client, if ever used, must not double-post either
    clientOptions: { ...baseOptions, ...postingClientOptions(timeout) },
    // the conversation keeps what state there is; Bolt's per-conversation store would only hold memory
    convoStore: false,
  });

  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  };

  registerListeners(app, {
    conversation,
    users: createUserDirectory({ client, adminUserIds: config.adminUserIds, logger, tokenHealth }),
    seen,
    poster,
    logger,
    track,
    ...(options.errors ? { errors: options.errors } : {}),
  });

  return {
    platform: 'slack',
    mode: transport.mode,
    async start() {
      await checkBotToken(identity, logger);
      await transport.start();
      logger.info(transport.mode === 'http' ? { mode: 'http', port: transport.port(), path: '/slack/events' } : { mode: 'socket' }, 'Slack adapter listening');
    },
    async stop() {
      await transport.stop();
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)));
        await Promise.race([Promise.allSettled([...inFlight]), deadline]);
        clearTimeout(timer);
      }
      // a post still waiting out a rate limit gives up now
      poster.stop();
    },
    isConnected: () => transport.isConnected(),
    problem: () => tokenHealth.problem(),
    port: () => transport.port(),
    async postToChannel(channelId: string, reply: Reply) {
      try {
        await poster.postMessage({ channel: channelId, ...renderReply(reply) });
      } catch (err) {
        options.errors?.inc({ source: 'slack' });
        const code = platformErrorCode(err);
        if (code && CHANNEL_GONE_ERRORS.has(code)) throw new ChannelGoneError(channelId, code);
        throw err;
      }
    },
  };
}

interface BotIdentity {
  /** The bot's user and bot ids (auth.test), fetched once; a failure is not remembered, so the next call retries. */
  get(): Promise<{ botUserId: string; botId: string }>;
}

function botIdentity(client: webApi.WebClient, tokenHealth: TokenHealth): BotIdentity {
  let pending: Promise<{ botUserId: string; botId: string }> | undefined;
  return {
    get() {
      pending ??= client.auth.test().then(
        (auth) => {
          tokenHealth.observe({ ok: true });
          return { botUserId: auth.user_id ?? '', botId: auth.bot_id ?? '' };
        },
        (err: unknown) => {
          pending = undefined;
          tokenHealth.observe({ ok: false, err });
          throw err;
        },
      );
      return pending;
    },
  };
}

/**
 * A wrong token would otherwise only show up as silence on the first question. Fail at startup
 * with the variable's name; if Slack is merely unreachable, start anyway (the next event retries).
 */
async function checkBotToken(identity: BotIdentity, logger: Logger): Promise<void> {
  try {
    const { botUserId } = await identity.get();
    logger.info({ botUserId }, 'Slack bot token accepted');
  } catch (err) {
    const code = platformErrorCode(err);
    if (code && BAD_TOKEN_ERRORS.has(code)) throw new Error(`SLACK_BOT_TOKEN was rejected by Slack (${code}); copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions`);
    logger.warn({ err }, 'could not reach Slack to check the bot token; starting anyway');
  }
}

function requireSigningSecret(config: SlackConfig): string {
  if (!config.signingSecret) throw new Error('SLACK_SIGNING_SECRET is needed for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  return config.signingSecret;
}

/** Bolt's WebClient appends method names to the base URL, so it must end with a slash. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
