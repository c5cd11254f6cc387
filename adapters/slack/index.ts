/** Slack in the adapter registry: its variables, secrets and limits; Bolt is loaded only by create(). */
import * as z from 'zod';
import { type ChatAdapter, defineAdapter } from '../../src/bot/adapter.ts';
import { blankToUndefined, ConfigError, optionalString, port, url } from '../../src/env-fields.ts';
import { parseEncryptionKey } from '../../src/store/token-cipher.ts';

/** The app installed in any workspace through OAuth (Bolt's InstallProvider), instead of one workspace's bot token. */
export interface SlackInstallConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  redirectUri?: string;
  /** AES-256-GCM key for the installations' tokens at rest. */
  encryptionKey: Buffer;
}

interface SlackCommonConfig {
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  port: number;
  adminUserIds: string[];
}

/** One workspace (its bot token), or any workspace that installs the app. */
export type SlackConfig = SlackCommonConfig & ({ botToken: string; install?: undefined } | { botToken?: undefined; install: SlackInstallConfig });

/** A secret that must have a shape: the message says what is expected, never the value. */
const encryptionKey = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((text, ctx) => {
      const parsed = parseEncryptionKey(text);
      if (parsed.ok) return parsed.key;
      ctx.addIssue({ code: 'custom', message: parsed.reason });
      return z.NEVER;
    })
    .optional(),
);

interface InstallEnv {
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_STATE_SECRET?: string | undefined;
  SLACK_REDIRECT_URI?: string | undefined;
  FEUD_ENCRYPTION_KEY?: Buffer | undefined;
}

/** The install flow's variables, each missing one named on its own line. */
function slackInstall(env: InstallEnv): SlackInstallConfig {
  const lines: string[] = [];
  if (env.SLACK_BOT_TOKEN)
    lines.push(
      'SLACK_BOT_TOKEN: set together with SLACK_CLIENT_ID; a bot token serves one workspace, the install flow any workspace: unset SLACK_BOT_TOKEN, or the SLACK_CLIENT_ variables',
    );
  if (!env.SLACK_CLIENT_ID) lines.push('SLACK_CLIENT_ID: missing (needed to install the app in any workspace; Basic Information → App Credentials)');
  if (!env.SLACK_CLIENT_SECRET) lines.push('SLACK_CLIENT_SECRET: missing (needed to install the app in any workspace; Basic Information → App Credentials)');
  if (!env.SLACK_STATE_SECRET)
    lines.push('SLACK_STATE_SECRET: missing (signs the install link’s state; any random string of 16 characters or more, e.g. `openssl rand -hex 16`)');
  if (!env.FEUD_ENCRYPTION_KEY)
    lines.push(
      'FEUD_ENCRYPTION_KEY: missing (the workspaces’ bot tokens are kept encrypted with it; set it to 32 random bytes in base64: `openssl rand -base64 32`)',
    );
  if (lines.length > 0) throw new ConfigError(lines);
  return {
    clientId: env.SLACK_CLIENT_ID!,
    clientSecret: env.SLACK_CLIENT_SECRET!,
    stateSecret: env.SLACK_STATE_SECRET!,
    ...(env.SLACK_REDIRECT_URI ? { redirectUri: env.SLACK_REDIRECT_URI } : {}),
    encryptionKey: env.FEUD_ENCRYPTION_KEY!,
  };
}

export const slack = defineAdapter({
  name: 'slack',
  label: 'Slack',
  env: {
    SLACK_BOT_TOKEN: optionalString(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-')),
    SLACK_SIGNING_SECRET: optionalString(z.string().regex(/^[0-9a-f]{16,}$/i, 'expected the hex signing secret from Basic Information')),
    SLACK_APP_TOKEN: optionalString(z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-')),
    SLACK_API_URL: url,
    SLACK_CLIENT_ID: optionalString(z.string().regex(/^\d+\.\d+$/, 'expected the Client ID from Basic Information → App Credentials (digits, a dot, digits)')),
    SLACK_CLIENT_SECRET: optionalString(z.string().regex(/^[0-9a-f]{16,}$/i, 'expected the hex Client Secret from Basic Information → App Credentials')),
    SLACK_STATE_SECRET: optionalString(
      z.string().min(16, 'expected a random string of 16 characters or more that you choose, such as `openssl rand -hex 16` prints'),
    ),
    SLACK_REDIRECT_URI: optionalString(
      z.string().regex(/^https?:\/\/\S+$/, 'expected the Redirect URL set in OAuth & Permissions, such as https://bot.example.com/slack/oauth_redirect'),
    ),
    FEUD_ENCRYPTION_KEY: encryptionKey,
    SLACK_ADMIN_USER_IDS: z.preprocess(blankToUndefined, z.string().optional()).transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
    PORT: port(3000),
  },
  secretKeys: [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_CLIENT_SECRET',
    'SLACK_STATE_SECRET',
    'FEUD_ENCRYPTION_KEY',
    'botToken',
    'appToken',
    'signingSecret',
    'clientSecret',
    'stateSecret',
    'encryptionKey',
    // what oauth.v2.access sends and answers
    'client_secret',
    'access_token',
    'refresh_token',
  ],
  configure(env): SlackConfig | undefined {
    const installVariables = env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET || env.SLACK_STATE_SECRET;
    if (!env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET && !installVariables) return undefined;
    const transport = () => {
      if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
        throw new ConfigError('SLACK_SIGNING_SECRET: missing (needed in HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)');
    };
    const common: SlackCommonConfig = {
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      port: env.PORT!,
      adminUserIds: env.SLACK_ADMIN_USER_IDS,
    };
    if (installVariables) {
      const install = slackInstall(env);
      transport();
      return { ...common, install };
    }
    if (!env.SLACK_BOT_TOKEN)
      throw new ConfigError(
        'SLACK_BOT_TOKEN: missing (other SLACK_ variables are set; add the xoxb- bot token from OAuth & Permissions, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install the app in any workspace)',
      );
    transport();
    return { ...common, botToken: env.SLACK_BOT_TOKEN };
  },
  // a section's text (https://docs.slack.dev/reference/block-kit/blocks); a slash command or click is acknowledged within 3 s
  limits: { text: 3000, ackDeadlineMs: 3000 },
  async create(deps): Promise<ChatAdapter> {
    const { createSlackAdapter } = await import('./adapter.ts');
    return createSlackAdapter(deps);
  },
});
