import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Raised for a missing or wrong variable; its message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = (schema: z.ZodString) => z.preprocess(blankToUndefined, schema.optional());
const url = optionalString(z.string().url('expected a URL such as http://127.0.0.1:8080/api'));
const PORT_MESSAGE = 'expected a port number 1-65535';
const port = (fallback?: number) =>
  z.preprocess(blankToUndefined, z.coerce.number(PORT_MESSAGE).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE).optional()).transform((v) => v ?? fallback);
const positiveInt = (fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number('expected a whole number').int('expected a whole number').min(0, 'expected 0 or more').optional()).transform((v) => v ?? fallback);
const bool = (fallback: boolean) =>
  z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no'], 'expected true or false (also 1/0, yes/no)').optional()).transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const EnvSchema = z.object({
  DISCORD_TOKEN: optionalString(z.string().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'expected a Discord bot token (three dot-separated parts, from the Developer Portal, Bot tab)')),
  DISCORD_APP_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected the numeric application id from the Developer Portal')),
  DISCORD_GUILD_ID: optionalString(z.string().regex(/^\d{15,22}$/, 'expected a numeric server (guild) id')),
  DISCORD_API_URL: url,
  DISCORD_MESSAGE_CONTENT: bool(false),
  SLACK_BOT_TOKEN: optionalString(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: optionalString(z.string().regex(/^[0-9a-f]{16,}$/i, 'expected the hex signing secret from Basic Information')),
  SLACK_APP_TOKEN: optionalString(z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-')),
  SLACK_API_URL: url,
  SLACK_ADMIN_USER_IDS: z.preprocess(blankToUndefined, z.string().optional()).transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
  PORT: port(3000),
  METRICS_PORT: port(),
  METRICS_HOST: z.preprocess(blankToUndefined, z.string().regex(/^[\w.:-]+$/, 'expected an address to listen on, such as 0.0.0.0 or 127.0.0.1').default('0.0.0.0')),
  FEUD_DB_PATH: z.preprocess(blankToUndefined, z.string().default('./data/feud.db')),
  DATABASE_URL: optionalString(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected a PostgreSQL URL such as postgres://user:password@host:5432/feud')),
  FEUD_DB_POOL_SIZE: z.preprocess(blankToUndefined, z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 or more').max(100, 'expected at most 100').default(10)),
  FEUD_DAILY_LEASE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 or more').default(120)),
  FEUD_DAILY_TICK_SECONDS: z.preprocess(blankToUndefined, z.coerce.number('expected a whole number').int('expected a whole number').min(1, 'expected 1 to 60').max(60, 'expected 1 to 60').default(60)),
  FEUD_KNOWLEDGE_DIR: z.preprocess(blankToUndefined, z.string().optional()),
  FEUD_DEFAULT_TIMEZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('Asia/Seoul')
      .refine((tz) => isTimeZone(tz), 'expected an IANA time zone such as Asia/Seoul or America/New_York'),
  ),
  FEUD_LOG_QUESTIONS: bool(true),
  FEUD_USER_COOLDOWN_SECONDS: positiveInt(3),
  FEUD_CHANNEL_ANSWERS_PER_MINUTE: positiveInt(20),
  FEUD_LISTEN_INTERVAL_MINUTES: positiveInt(10),
  FEUD_MAX_QUESTION_LENGTH: positiveInt(500),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'expected one of fatal, error, warn, info, debug, trace, silent').default('info')),
});

export type Config = z.infer<typeof EnvSchema> & {
  discord?: { token: string; appId: string; guildId?: string; apiUrl?: string; messageContent: boolean };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string; port: number; adminUserIds: string[] };
};

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parse the environment. Throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0])}: ${issue.message}`);
  }
  const c = parsed.data;
  const config: Config = { ...c };
  if (c.DISCORD_TOKEN || c.DISCORD_APP_ID) {
    if (!c.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN: missing (DISCORD_APP_ID is set; set the bot token too, or neither)');
    if (!c.DISCORD_APP_ID) throw new ConfigError('DISCORD_APP_ID: missing (DISCORD_TOKEN is set; copy the Application ID from the Developer Portal)');
    config.discord = { token: c.DISCORD_TOKEN, appId: c.DISCORD_APP_ID, guildId: c.DISCORD_GUILD_ID, apiUrl: c.DISCORD_API_URL, messageContent: c.DISCORD_MESSAGE_CONTENT };
  }
  if (c.SLACK_BOT_TOKEN || c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) {
    if (!c.SLACK_BOT_TOKEN) throw new ConfigError('SLACK_BOT_TOKEN: missing (other SLACK_ variables are set; add the xoxb- bot token from OAuth & Permissions)');
    if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
      throw new ConfigError('SLACK_SIGNING_SECRET: missing (needed in HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)');
    config.slack = {
      botToken: c.SLACK_BOT_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      appToken: c.SLACK_APP_TOKEN,
      apiUrl: c.SLACK_API_URL,
      port: c.PORT!,
      adminUserIds: c.SLACK_ADMIN_USER_IDS,
    };
  }
  return config;
}

/**
 * Read a .env file into process.env when present; real environment variables win.
 * FEUD_ENV_FILE names another file, or none when set empty (tests, so a developer's own .env is never read).
 */
export function loadDotEnv(path = process.env.FEUD_ENV_FILE ?? '.env'): void {
  if (path !== '' && existsSync(path)) process.loadEnvFile(path);
}

/** `.env` then the environment, parsed; a bad value prints one line `<program>: configuration error: …` and exits 1. */
export function loadConfigOrExit(program: string): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    console.error(`${program}: configuration error: ${(err as Error).message}`);
    process.exit(1);
  }
}
