import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseEncryptionKey } from './store/token-cipher.ts';

/** Raised for missing or wrong variables: one line per variable, each naming it. */
export class ConfigError extends Error {
  readonly lines: string[];
  constructor(lines: string | string[]) {
    const all = typeof lines === 'string' ? [lines] : lines;
    super(all.join('\n'));
    this.name = 'ConfigError';
    this.lines = all;
  }
}

/** A value as it may appear in an error: quoted and cut short, so a 100,000-character line is never echoed. Never use it on a secret. */
export function excerpt(value: string, max = 40): string {
  const shown = JSON.stringify(value.length > max ? value.slice(0, max) : value);
  return value.length > max ? `${shown.slice(0, -1)}…" (${value.length.toLocaleString('en-US')} characters)` : shown;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = (schema: z.ZodString) => z.preprocess(blankToUndefined, schema.optional());
const url = optionalString(z.string().url('expected a URL such as http://127.0.0.1:8080/api'));
const PORT_MESSAGE = 'expected a port number 1-65535';
const port = (fallback?: number) =>
  z.preprocess(blankToUndefined, z.coerce.number(PORT_MESSAGE).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE).optional()).transform((v) => v ?? fallback);
/** A whole number in [min, max]; the message says the range, so 0 where 0 means nothing is refused with a reason. */
const wholeNumber = (fallback: number, min: number, max: number, unit: string) => {
  const message = `expected a whole number of ${unit} from ${min} to ${max.toLocaleString('en-US')}`;
  return z.preprocess(blankToUndefined, z.coerce.number(message).int(message).min(min, message).max(max, message).optional()).transform((v) => v ?? fallback);
};
/** Longest path most file systems take (PATH_MAX), and the longest single name (NAME_MAX). */
const PATH_MAX = 4096;
const NAME_MAX = 255;
const filePath = (what: string) =>
  z.string().superRefine((path, ctx) => {
    const reason = path.includes('\0')
      ? 'contains a NUL character'
      : path.length > PATH_MAX
        ? `is longer than ${PATH_MAX.toLocaleString('en-US')} characters`
        : path.split(/[\\/]/).some((part) => Buffer.byteLength(part) > NAME_MAX)
          ? `has a folder or file name longer than ${NAME_MAX} bytes`
          : undefined;
    if (reason) ctx.addIssue({ code: 'custom', message: `expected ${what}; ${excerpt(path)} ${reason}` });
  });
/** An IP address or a host name (RFC 1123 labels): `-1` or `http://…` is neither. */
const HOST_NAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?$/i;
const isHost = (host: string) => isIP(host) !== 0 || HOST_NAME.test(host);
const metricsHost = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('0.0.0.0')
    .superRefine((host, ctx) => {
      if (!isHost(host)) ctx.addIssue({ code: 'custom', message: `expected an address to listen on, such as 0.0.0.0 or 127.0.0.1; got ${excerpt(host)}` });
    }),
);
const knowledgeDir = z.preprocess(
  blankToUndefined,
  filePath('a folder of *.json fact files')
    .superRefine((dir, ctx) => {
      const problem = folderProblem(dir);
      if (problem) ctx.addIssue({ code: 'custom', message: `expected a folder of *.json fact files; ${excerpt(dir)} ${problem}` });
    })
    .optional(),
);
/** A secret that is required to have a shape: the message says what is expected, never the value. */
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
const MAX_SHARDS = 65_535;
const shardCount = (what: string) =>
  z.preprocess(blankToUndefined, z.coerce.number(`expected ${what}`).int(`expected ${what}`).min(1, `expected ${what}`).max(MAX_SHARDS, `expected ${what}`).optional());
const shardIds = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*$/, 'expected shard ids separated by commas, such as 0,1')
    .transform((v) => [...new Set(v.split(',').map((id) => Number(id.trim())))].sort((a, b) => a - b))
    .optional(),
);
const bool = (fallback: boolean) =>
  z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no'], 'expected true or false (also 1/0, yes/no)').optional()).transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const EnvSchema = z.object({
  DISCORD_TOKEN: optionalString(z.string().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'expected a Discord bot token (three dot-separated parts, from the Developer Portal, Bot tab)')),
  DISCORD_APP_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected the numeric application id from the Developer Portal')),
  DISCORD_GUILD_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected a numeric server (guild) id')),
  DISCORD_API_URL: url,
  DISCORD_MESSAGE_CONTENT: bool(false),
  DISCORD_SHARDS: z.preprocess(blankToUndefined, z.union([z.literal('auto'), shardCount(`auto, or a number of shards from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`)], `expected auto, or a number of shards from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`).default('auto')),
  DISCORD_SHARD_IDS: shardIds,
  DISCORD_SHARD_COUNT: shardCount(`the total number of shards across every process, from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`),
  SLACK_BOT_TOKEN: optionalString(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: optionalString(z.string().regex(/^[0-9a-f]{16,}$/i, 'expected the hex signing secret from Basic Information')),
  SLACK_APP_TOKEN: optionalString(z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-')),
  SLACK_API_URL: url,
  SLACK_CLIENT_ID: optionalString(z.string().regex(/^\d+\.\d+$/, 'expected the Client ID from Basic Information → App Credentials (digits, a dot, digits)')),
  SLACK_CLIENT_SECRET: optionalString(z.string().regex(/^[0-9a-f]{16,}$/i, 'expected the hex Client Secret from Basic Information → App Credentials')),
  SLACK_STATE_SECRET: optionalString(z.string().min(16, 'expected a random string of 16 characters or more that you choose, such as `openssl rand -hex 16` prints')),
  SLACK_REDIRECT_URI: optionalString(z.string().regex(/^https?:\/\/\S+$/, 'expected the Redirect URL set in OAuth & Permissions, such as https://bot.example.com/slack/oauth_redirect')),
  FEUD_ENCRYPTION_KEY: encryptionKey,
  SLACK_ADMIN_USER_IDS: z.preprocess(blankToUndefined, z.string().optional()).transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  PORT: port(3000),
  METRICS_PORT: port(),
  METRICS_HOST: metricsHost,
  FEUD_DB_PATH: z.preprocess(blankToUndefined, filePath('a path to the SQLite file, such as ./data/feud.db').default('./data/feud.db')),
  DATABASE_URL: optionalString(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected a PostgreSQL URL such as postgres://user:password@host:5432/feud')),
  FEUD_DB_POOL_SIZE: z.preprocess(blankToUndefined, z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 or more').max(100, 'expected at most 100').default(10)),
  FEUD_DAILY_LEASE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 or more').default(120)),
  FEUD_DAILY_TICK_SECONDS: z.preprocess(blankToUndefined, z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 to 60').max(60, 'expected 1 to 60').default(60)),
  FEUD_KNOWLEDGE_DIR: knowledgeDir,
  FEUD_DEFAULT_TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('Asia/Seoul')
      .refine((tz) => isTimeZone(tz), 'expected an IANA time zone such as Asia/Seoul or America/New_York'),
  ),
  FEUD_LOG_QUESTIONS: bool(true),
  // 0 turns these two off (documented)
  FEUD_USER_COOLDOWN_SECONDS: wholeNumber(3, 0, 86_400, 'seconds'),
  FEUD_CHANNEL_ANSWERS_PER_MINUTE: wholeNumber(20, 0, 10_000, 'answers'),
  // 0 would make listen mode answer every message: no spacing at all
  FEUD_LISTEN_INTERVAL_MINUTES: wholeNumber(10, 1, 10_080, 'minutes'),
  // 0 would refuse every question; Discord's longest message is 2,000 characters
  FEUD_MAX_QUESTION_LENGTH: wholeNumber(500, 1, 2000, 'characters'),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'expected one of fatal, error, warn, info, debug, trace, silent').default('info')),
});

/** The gateway shards this process opens: these ids of `count` in all. */
export interface DiscordShards {
  ids: number[];
  count: number;
}

export interface DiscordConfig {
  token: string;
  appId: string;
  guildId?: string;
  apiUrl?: string;
  messageContent: boolean;
  /** Unset: as many as Discord recommends (GET /gateway/bot), all in this process. */
  shards?: DiscordShards;
}

/** The Slack app installed in any workspace through OAuth (Bolt's InstallProvider), instead of one workspace's bot token. */
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

export type Config = z.infer<typeof EnvSchema> & {
  discord?: DiscordConfig;
  slack?: SlackConfig;
};

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Why `dir` cannot be the fact folder, or undefined when it can be. */
function folderProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'is not a folder';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
  }
}

/** Parse the environment. Throws ConfigError with one line per wrong variable, each naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // the first problem of each variable, in the schema's order
    const lines = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      if (!lines.has(name)) lines.set(name, `${name}: ${issue.message}`);
    }
    throw new ConfigError([...lines.values()]);
  }
  const c = parsed.data;
  const config: Config = { ...c };
  if (c.DISCORD_TOKEN || c.DISCORD_APP_ID) {
    if (!c.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN: missing (DISCORD_APP_ID is set; set the bot token too, or neither)');
    if (!c.DISCORD_APP_ID) throw new ConfigError('DISCORD_APP_ID: missing (DISCORD_TOKEN is set; copy the Application ID from the Developer Portal)');
    config.discord = {
      token: c.DISCORD_TOKEN,
      appId: c.DISCORD_APP_ID,
      guildId: c.DISCORD_GUILD_ID,
      apiUrl: c.DISCORD_API_URL,
      messageContent: c.DISCORD_MESSAGE_CONTENT,
      shards: discordShards(c),
    };
  }
  const installVariables = c.SLACK_CLIENT_ID || c.SLACK_CLIENT_SECRET || c.SLACK_STATE_SECRET;
  if (c.SLACK_BOT_TOKEN || c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET || installVariables) {
    const common: SlackCommonConfig = { signingSecret: c.SLACK_SIGNING_SECRET, appToken: c.SLACK_APP_TOKEN, apiUrl: c.SLACK_API_URL, port: c.PORT!, adminUserIds: c.SLACK_ADMIN_USER_IDS };
    const transport = () => {
      if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) throw new ConfigError('SLACK_SIGNING_SECRET: missing (needed in HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)');
    };
    if (installVariables) {
      config.slack = { ...common, install: slackInstall(c) };
      transport();
    } else {
      if (!c.SLACK_BOT_TOKEN)
        throw new ConfigError('SLACK_BOT_TOKEN: missing (other SLACK_ variables are set; add the xoxb- bot token from OAuth & Permissions, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install the app in any workspace)');
      transport();
      config.slack = { ...common, botToken: c.SLACK_BOT_TOKEN };
    }
  }
  return config;
}

type Env = z.infer<typeof EnvSchema>;

/** DISCORD_SHARDS (auto: undefined, or a count, all in this process), or DISCORD_SHARD_IDS of DISCORD_SHARD_COUNT (this process's part). */
function discordShards(c: Env): DiscordShards | undefined {
  const count = c.DISCORD_SHARD_COUNT ?? (c.DISCORD_SHARDS === 'auto' ? undefined : c.DISCORD_SHARDS);
  if (c.DISCORD_SHARDS !== 'auto' && c.DISCORD_SHARD_COUNT !== undefined && c.DISCORD_SHARDS !== c.DISCORD_SHARD_COUNT)
    throw new ConfigError(`DISCORD_SHARD_COUNT: ${c.DISCORD_SHARD_COUNT} disagrees with DISCORD_SHARDS=${c.DISCORD_SHARDS}; set one of them`);
  if (c.DISCORD_SHARD_IDS) {
    if (count === undefined) throw new ConfigError('DISCORD_SHARD_COUNT: missing (DISCORD_SHARD_IDS is set; say how many shards there are across every process, e.g. DISCORD_SHARD_COUNT=4)');
    const outside = c.DISCORD_SHARD_IDS.filter((id) => id >= count);
    if (outside.length > 0) throw new ConfigError(`DISCORD_SHARD_IDS: ${outside.join(',')} is not below DISCORD_SHARD_COUNT=${count} (shard ids run from 0 to ${count - 1})`);
    return { ids: c.DISCORD_SHARD_IDS, count };
  }
  if (count === undefined) return undefined;
  return { ids: Array.from({ length: count }, (_, i) => i), count };
}

/** The install flow's variables, each missing one named on its own line. */
function slackInstall(c: Env): SlackInstallConfig {
  const lines: string[] = [];
  if (c.SLACK_BOT_TOKEN)
    lines.push('SLACK_BOT_TOKEN: set together with SLACK_CLIENT_ID; a bot token serves one workspace, the install flow any workspace: unset SLACK_BOT_TOKEN, or the SLACK_CLIENT_ variables');
  if (!c.SLACK_CLIENT_ID) lines.push('SLACK_CLIENT_ID: missing (needed to install the app in any workspace; Basic Information → App Credentials)');
  if (!c.SLACK_CLIENT_SECRET) lines.push('SLACK_CLIENT_SECRET: missing (needed to install the app in any workspace; Basic Information → App Credentials)');
  if (!c.SLACK_STATE_SECRET) lines.push('SLACK_STATE_SECRET: missing (signs the install link’s state; any random string of 16 characters or more, e.g. `openssl rand -hex 16`)');
  if (!c.FEUD_ENCRYPTION_KEY)
    lines.push('FEUD_ENCRYPTION_KEY: missing (the workspaces’ bot tokens are kept encrypted with it; set it to 32 random bytes in base64: `openssl rand -base64 32`)');
  if (lines.length > 0) throw new ConfigError(lines);
  return {
    clientId: c.SLACK_CLIENT_ID!,
    clientSecret: c.SLACK_CLIENT_SECRET!,
    stateSecret: c.SLACK_STATE_SECRET!,
    ...(c.SLACK_REDIRECT_URI ? { redirectUri: c.SLACK_REDIRECT_URI } : {}),
    encryptionKey: c.FEUD_ENCRYPTION_KEY!,
  };
}

/**
 * Read a .env file into process.env when present; real environment variables win.
 * FEUD_ENV_FILE names another file, or none when set empty (tests, so a developer's own .env is never read).
 */
export function loadDotEnv(path = process.env.FEUD_ENV_FILE ?? '.env'): void {
  if (path !== '' && existsSync(path)) process.loadEnvFile(path);
}

/** The lines to print for a configuration error: `<program>: configuration error: …`, one per variable. */
export function configErrorLines(program: string, err: unknown): string[] {
  const lines = err instanceof ConfigError ? err.lines : [(err as Error).message];
  return lines.map((line) => `${program}: configuration error: ${line}`);
}

/** `.env` then the environment, parsed; each bad value prints one line `<program>: configuration error: …`, then exit 1. */
export function loadConfigOrExit(program: string): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    for (const line of configErrorLines(program, err)) console.error(line);
    process.exit(1);
  }
}
