/**
 * The Slack adapter: a Bolt App on one transport (Socket Mode when an app-level token is set,
 * signed HTTP otherwise), listeners that hand everything to the conversation, and Block Kit
 * rendering of the replies. It serves one workspace (SLACK_BOT_TOKEN), or any workspace that
 * installs the app (the install flow: Bolt's own InstallProvider, installations in the Store).
 */
import { App, webApi } from '@slack/bolt';
import { ChannelGoneError, type ChatAdapter, type ErrorCounter } from '../../src/bot/adapter.ts';
import type { Conversation } from '../../src/bot/incoming.ts';
import { MemorySeenRequests, type SeenRequests } from '../../src/bot/seen-requests.ts';
import type { Feud } from '../../src/core/feud.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Logger } from '../../src/log.ts';
import { type InstallationStore, WORKSPACE_SEPARATOR } from '../../src/store/store.ts';
import { createTokenCipher } from '../../src/store/token-cipher.ts';
import { boltLogger } from './bolt-logger.ts';
import { createHttpTransport } from './http-transport.ts';
import type { SlackConfig, SlackInstallConfig } from './index.ts';
import { installCallbacks, renderInstallPage } from './install-pages.ts';
import { createSlackInstallations, type SlackInstallations } from './installations.ts';
import { registerListeners } from './listeners.ts';
import { createSlackPoster, postingClientOptions } from './poster.ts';
import { renderReply } from './render.ts';
import { BOT_SCOPES } from './scopes.ts';
import { createSocketTransport } from './socket-transport.ts';
import { BAD_TOKEN_ERRORS, platformErrorCode, TokenHealth } from './token-health.ts';
import { INSTALL_PATH, type InstallFlow, REDIRECT_PATH, type SlackTransport } from './transport.ts';
import { registerUninstall } from './uninstall.ts';
import { createUserDirectory } from './users.ts';

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
  /** Where the workspaces' installations are kept (the bot's Store); needed with config.install. */
  installations?: InstallationStore;
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
  // one workspace: the clients carry its token; many: each call carries its workspace's token
  const ownToken = config.botToken;
  /** The bot's own client for lookups outside a listener; posts go through the poster's. */
  const client = new webApi.WebClient(ownToken, { ...baseOptions, retryConfig: LOOKUP_RETRY_CONFIG, timeout });
  const tokenHealth = new TokenHealth();
  const poster = createSlackPoster({
    client: new webApi.WebClient(ownToken, { ...baseOptions, ...postingClientOptions(timeout) }),
    tokenHealth,
    ...(options.maxRateLimitWaitMs !== undefined ? { maxRateLimitWaitMs: options.maxRateLimitWaitMs } : {}),
  });
  const identity = ownToken === undefined ? undefined : botIdentity(client, tokenHealth);
  const seen = options.seen ?? new MemorySeenRequests();
  const installations = config.install ? slackInstallations(config.install, options.installations) : undefined;
  const install = config.install && installations ? installFlow(config.install, installations, slackApiUrl, logger) : undefined;

  const transport: SlackTransport = config.appToken
    ? createSocketTransport({
        appToken: config.appToken,
        logger: boltLog,
        ...(slackApiUrl ? { slackApiUrl } : {}),
        ...(install ? { install: { ...install, port: config.port } } : {}),
      })
    : createHttpTransport({
        signingSecret: requireSigningSecret(config),
        port: config.port,
        logger: boltLog,
        seen,
        ...(options.host !== undefined ? { host: options.host } : {}),
        ...(install ? { install } : {}),
      });

  const app = new App({
    // Bolt given a plain `token` calls auth.test in its constructor and keeps a failure forever
    // (a Slack hiccup at boot would deny every later event); this authorize retries instead.
    // Installed in many workspaces: the receiver's InstallProvider authorizes from the Store.
    ...(identity ? { authorize: async () => ({ botToken: ownToken, ...(await identity.get()) }) } : {}),
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
    multiWorkspace: installations !== undefined,
    ...(options.errors ? { errors: options.errors } : {}),
  });
  if (installations) registerUninstall(app, installations, logger);

  /** The token for a daily post: the one workspace's, or the installed workspace's its channel key names. */
  const destination = async (channelId: string): Promise<{ channel: string; token?: string }> => {
    if (!installations) return { channel: channelId };
    const at = channelId.indexOf(WORKSPACE_SEPARATOR);
    const workspace = channelId.slice(0, Math.max(at, 0));
    const bot = at > 0 ? await installations.botFor(workspace) : undefined;
    if (!bot) throw new ChannelGoneError(channelId, 'the app is not installed in that workspace any more');
    return { channel: channelId.slice(at + 1), token: bot.botToken };
  };

  return {
    platform: 'slack',
    mode: transport.mode,
    async start() {
      if (identity) await checkBotToken(identity, logger);
      if (installations) await installations.checkKey();
      await transport.start();
      const where = transport.mode === 'http' ? { mode: 'http', port: transport.port(), path: '/slack/events' } : { mode: 'socket' };
      logger.info(where, 'Slack adapter listening');
      if (installations) {
        logger.info(
          { installPath: INSTALL_PATH, redirectPath: REDIRECT_PATH, port: transport.port(), workspaces: await installations.count() },
          'Slack install flow open: send people to /slack/install',
        );
      }
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
    // one workspace's dead token is that workspace's (it is forgotten on tokens_revoked), not the app's
    problem: () => (installations ? undefined : tokenHealth.problem()),
    port: () => transport.port(),
    async postToChannel(channelId: string, reply: Reply) {
      const target = await destination(channelId);
      try {
        await poster.postMessage({ ...target, ...renderReply(reply) });
      } catch (err) {
        options.errors?.inc({ source: 'slack' });
        const code = platformErrorCode(err);
        if (code && CHANNEL_GONE_ERRORS.has(code)) throw new ChannelGoneError(channelId, code);
        throw err;
      }
    },
  };
}

function slackInstallations(install: SlackInstallConfig, store: InstallationStore | undefined): SlackInstallations {
  if (!store) throw new Error('the Slack install flow needs the store to keep installations in');
  return createSlackInstallations(store, createTokenCipher(install.encryptionKey));
}

/** Bolt's install flow with our pages, the Store's installations and SLACK_API_URL for oauth.v2.access. */
function installFlow(install: SlackInstallConfig, installations: SlackInstallations, slackApiUrl: string | undefined, logger: Logger): InstallFlow {
  return {
    clientId: install.clientId,
    clientSecret: install.clientSecret,
    stateSecret: install.stateSecret,
    scopes: [...BOT_SCOPES],
    ...(install.redirectUri ? { redirectUri: install.redirectUri } : {}),
    installationStore: installations,
    installerOptions: {
      ...(slackApiUrl ? { clientOptions: { slackApiUrl } } : {}),
      renderHtmlForInstallPath: renderInstallPage,
      callbackOptions: installCallbacks(INSTALL_PATH, (outcome) => {
        if (outcome.ok) logger.info({ workspace: outcome.workspace }, 'Slack app installed in a workspace');
        else logger.warn({ reason: outcome.reason, code: outcome.code }, 'a Slack install did not complete');
      }),
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
    if (code && BAD_TOKEN_ERRORS.has(code))
      throw new Error(`SLACK_BOT_TOKEN was rejected by Slack (${code}); copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions`);
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
