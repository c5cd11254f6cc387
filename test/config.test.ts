import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../adapters/index.ts';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../src/config.ts';
import { createMetrics } from '../src/ops/metrics.ts';
import { startOpsServer } from '../src/ops/server.ts';
import { runTsx } from './helpers/spawn.ts';

/** Shaped like real credentials, but not anyone's. */
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
const DISCORD_APP_ID = '123456789012345678';
const SLACK_BOT_TOKEN = 'xoxb-1111-2222-abcdefABCDEF';
const SLACK_SIGNING_SECRET = '0123456789abcdef0123456789abcdef';
const SLACK_APP_TOKEN = 'xapp-1-A111-222-abcdef';
const SLACK_CLIENT_ID = '1111111111.2222222222';
const SLACK_CLIENT_SECRET = 'abcdef0123456789abcdef0123456789';
const SLACK_STATE_SECRET = 'a-state-secret-of-some-length';
const FEUD_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
const INSTALL = { SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET, FEUD_ENCRYPTION_KEY };
const without = (env: Record<string, string>, name: string) => Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it.each([
    ['DISCORD_TOKEN', { DISCORD_TOKEN: 'not-a-token', DISCORD_APP_ID }],
    ['DISCORD_APP_ID', { DISCORD_TOKEN }],
    ['DISCORD_APP_ID', { DISCORD_TOKEN, DISCORD_APP_ID: 'my-bot' }],
    ['DISCORD_TOKEN', { DISCORD_APP_ID }],
    ['DISCORD_GUILD_ID', { DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_GUILD_ID: 'general' }],
    ['DISCORD_API_URL', { DISCORD_API_URL: 'localhost' }],
    ['DISCORD_MESSAGE_CONTENT', { DISCORD_MESSAGE_CONTENT: 'sometimes' }],
    ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'xoxp-1111-2222-abcdef', SLACK_SIGNING_SECRET }],
    ['SLACK_BOT_TOKEN', { SLACK_SIGNING_SECRET }],
    ['SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN }],
    ['SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: 'not hex!' }],
    ['SLACK_APP_TOKEN', { SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }],
    ['SLACK_API_URL', { SLACK_API_URL: '::nope' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '80.5' }],
    ['METRICS_PORT', { METRICS_PORT: 'abc' }],
    ['METRICS_HOST', { METRICS_HOST: 'http://0.0.0.0/' }],
    ['FEUD_DEFAULT_TIMEZONE', { FEUD_DEFAULT_TIMEZONE: 'Mars/Olympus' }],
    ['FEUD_LOG_QUESTIONS', { FEUD_LOG_QUESTIONS: 'maybe' }],
    ['FEUD_USER_COOLDOWN_SECONDS', { FEUD_USER_COOLDOWN_SECONDS: '-1' }],
    ['FEUD_CHANNEL_ANSWERS_PER_MINUTE', { FEUD_CHANNEL_ANSWERS_PER_MINUTE: 'lots' }],
    ['FEUD_LISTEN_INTERVAL_MINUTES', { FEUD_LISTEN_INTERVAL_MINUTES: '2.5' }],
    ['FEUD_MAX_QUESTION_LENGTH', { FEUD_MAX_QUESTION_LENGTH: 'long' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['DISCORD_SHARDS', { DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_SHARDS: 'many' }],
    ['DISCORD_SHARDS', { DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_SHARDS: '0' }],
    ['DISCORD_SHARD_IDS', { DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_SHARD_IDS: 'first', DISCORD_SHARD_COUNT: '2' }],
    ['DISCORD_SHARD_IDS', { DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_SHARD_IDS: '0,2', DISCORD_SHARD_COUNT: '2' }],
    ['DISCORD_SHARD_COUNT', { DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_SHARD_IDS: '0' }],
    ['DISCORD_SHARD_COUNT', { DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_SHARDS: '4', DISCORD_SHARD_COUNT: '2' }],
    ['SLACK_CLIENT_ID', { ...INSTALL, SLACK_CLIENT_ID: 'my-app' }],
    ['SLACK_CLIENT_ID', without(INSTALL, 'SLACK_CLIENT_ID')],
    ['SLACK_CLIENT_SECRET', without(INSTALL, 'SLACK_CLIENT_SECRET')],
    ['SLACK_STATE_SECRET', { ...INSTALL, SLACK_STATE_SECRET: 'short' }],
    ['SLACK_STATE_SECRET', without(INSTALL, 'SLACK_STATE_SECRET')],
    ['SLACK_REDIRECT_URI', { ...INSTALL, SLACK_REDIRECT_URI: 'bot.example.com/slack/oauth_redirect' }],
    ['FEUD_ENCRYPTION_KEY', without(INSTALL, 'FEUD_ENCRYPTION_KEY')],
    ['FEUD_ENCRYPTION_KEY', { ...INSTALL, FEUD_ENCRYPTION_KEY: Buffer.alloc(16, 7).toString('base64') }],
    ['FEUD_ENCRYPTION_KEY', { ...INSTALL, FEUD_ENCRYPTION_KEY: 'not a key at all!' }],
    ['SLACK_BOT_TOKEN', { ...INSTALL, SLACK_BOT_TOKEN }],
    ['SLACK_SIGNING_SECRET', without(INSTALL, 'SLACK_SIGNING_SECRET')],
  ])('names %s in one line when it is wrong (%j)', (variable, env) => {
    const message = configError(env);
    expect(message.startsWith(`${variable}: `)).toBe(true);
    expect(message).not.toContain('\n');
    // the operator learns what was expected, not just that something failed
    expect(message.length).toBeGreaterThan(variable.length + 10);
    expect(message).not.toMatch(/NaN|Invalid (input|option)|received/);
  });

  it.each([
    ['FEUD_MAX_QUESTION_LENGTH', '0'],
    ['FEUD_MAX_QUESTION_LENGTH', '-5'],
    ['FEUD_MAX_QUESTION_LENGTH', '1000000'],
    ['FEUD_LISTEN_INTERVAL_MINUTES', '0'],
    ['FEUD_USER_COOLDOWN_SECONDS', '-1'],
    ['FEUD_CHANNEL_ANSWERS_PER_MINUTE', '-3'],
  ])('refuses the limit %s=%s, which would leave the bot useless, and says the range', (variable, value) => {
    const message = configError({ [variable]: value });
    expect(message).toMatch(new RegExp(`^${variable}: expected a whole number of \\w+ from \\d+ to [\\d,]+$`));
  });

  it('keeps 0 where 0 is documented to turn a limit off', () => {
    expect(loadConfig({ FEUD_USER_COOLDOWN_SECONDS: '0', FEUD_CHANNEL_ANSWERS_PER_MINUTE: '0' })).toMatchObject({
      FEUD_USER_COOLDOWN_SECONDS: 0,
      FEUD_CHANNEL_ANSWERS_PER_MINUTE: 0,
    });
  });

  it.each([
    ['METRICS_HOST', '-1'],
    ['FEUD_KNOWLEDGE_DIR', '-1'],
    ['FEUD_KNOWLEDGE_DIR', '/nonexistent/feud-facts'],
    ['FEUD_DB_PATH', `./data/${'x'.repeat(300)}.db`],
  ])('names %s and shows the bad value %j in short', (variable, value) => {
    const message = configError({ [variable]: value });
    expect(message.startsWith(`${variable}: expected `)).toBe(true);
    expect(message).toContain(JSON.stringify(value.slice(0, 40)).slice(0, -1));
    expect(message.length).toBeLessThan(220);
  });

  it.each(['METRICS_HOST', 'FEUD_KNOWLEDGE_DIR', 'FEUD_DB_PATH'])('never echoes a 100,000-character %s', (variable) => {
    const huge = `a${'b'.repeat(99_999)}`;
    const message = configError({ [variable]: huge });
    expect(message.startsWith(`${variable}: `)).toBe(true);
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(220);
    expect(message).toContain('100,000 characters');
  });

  it('refuses a file where the fact folder should be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-config-'));
    const file = join(dir, 'facts.json');
    writeFileSync(file, '[]');
    expect(configError({ FEUD_KNOWLEDGE_DIR: file })).toMatch(/^FEUD_KNOWLEDGE_DIR: expected a folder of \*\.json fact files; ".*" is not a folder$/);
  });

  it('gives every bad value its own line naming its variable', () => {
    let lines: string[] = [];
    try {
      loadConfig({ FEUD_MAX_QUESTION_LENGTH: '0', METRICS_HOST: '-1', LOG_LEVEL: 'loud', PORT: 'x' });
    } catch (err) {
      lines = (err as ConfigError).lines;
    }
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(['FEUD_MAX_QUESTION_LENGTH', 'LOG_LEVEL', 'METRICS_HOST', 'PORT']);
  });

  it('accepts host names and addresses for METRICS_HOST', () => {
    for (const host of ['0.0.0.0', '127.0.0.1', '::', '::1', 'localhost', 'metrics.internal', 'host-1.example.com'])
      expect(loadConfig({ METRICS_HOST: host }).METRICS_HOST).toBe(host);
  });

  it('npm start with several bad values prints one line for each, naming it, and exits 1', async () => {
    const { code, stderr } = await runTsx('src/main.ts', [], {
      env: { FEUD_KNOWLEDGE_DIR: '-1', METRICS_HOST: '-1', FEUD_MAX_QUESTION_LENGTH: '0', FEUD_DB_PATH: 'z'.repeat(100_000) },
    });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines.map((l) => /^feud-bot: configuration error: ([A-Z_]+): /.exec(l)?.[1]).sort()).toEqual([
      'FEUD_DB_PATH',
      'FEUD_KNOWLEDGE_DIR',
      'FEUD_MAX_QUESTION_LENGTH',
      'METRICS_HOST',
    ]);
    expect(stderr.length).toBeLessThan(1000);
  }, 20_000);

  it("names METRICS_HOST when the address is not one of this machine's", async () => {
    // 192.0.2.1 is TEST-NET-1: never assigned to a local interface, and no DNS is asked
    const start = startOpsServer({ port: 0, host: '192.0.2.1', metrics: createMetrics(), health: () => ({ store: true, adapters: {} }) });
    await expect(start).rejects.toThrow(/^METRICS_HOST "192\.0\.2\.1" is not an address of this machine \(EADDRNOTAVAIL\)/);
  });

  it('never echoes a malformed token back into the error message', () => {
    const leaked = 'xoxp-9999-secret-user-token';
    expect(configError({ SLACK_BOT_TOKEN: leaked, SLACK_SIGNING_SECRET })).not.toContain(leaked);
    const badDiscord = 'abc.def.ghi-but-too-short';
    expect(configError({ DISCORD_TOKEN: badDiscord, DISCORD_APP_ID })).not.toContain(badDiscord);
  });

  it('treats blank and whitespace-only values as unset', () => {
    const config = loadConfig({
      DISCORD_TOKEN: '',
      DISCORD_APP_ID: '  ',
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: ' ',
      PORT: '',
      METRICS_PORT: ' ',
      FEUD_DB_PATH: '',
      FEUD_DEFAULT_TIMEZONE: '',
      FEUD_LOG_QUESTIONS: '',
      LOG_LEVEL: '',
    });
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.METRICS_PORT).toBeUndefined();
    expect(config.FEUD_DB_PATH).toBe('./data/feud.db');
    expect(config.FEUD_DEFAULT_TIMEZONE).toBe('Asia/Seoul');
    expect(config.FEUD_LOG_QUESTIONS).toBe(true);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('has the documented defaults with an empty environment: console mode, no metrics port', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      FEUD_DB_PATH: './data/feud.db',
      FEUD_DEFAULT_TIMEZONE: 'Asia/Seoul',
      FEUD_LOG_QUESTIONS: true,
      FEUD_USER_COOLDOWN_SECONDS: 3,
      FEUD_CHANNEL_ANSWERS_PER_MINUTE: 20,
      FEUD_LISTEN_INTERVAL_MINUTES: 10,
      FEUD_MAX_QUESTION_LENGTH: 500,
      LOG_LEVEL: 'info',
      DISCORD_MESSAGE_CONTENT: false,
      SLACK_ADMIN_USER_IDS: [],
    });
    expect(config.METRICS_PORT).toBeUndefined();
    expect(config.METRICS_HOST).toBe('0.0.0.0');
    expect(config.FEUD_KNOWLEDGE_DIR).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
  });

  it('builds the Discord section when the token and application id are both set', () => {
    const config = loadConfig({ DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_MESSAGE_CONTENT: 'yes' });
    expect(config.discord).toEqual({ token: DISCORD_TOKEN, appId: DISCORD_APP_ID, guildId: undefined, apiUrl: undefined, messageContent: true });
  });

  it('accepts Slack in HTTP mode (signing secret) and in Socket Mode (app token), on the configured port', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, PORT: '8080' }).slack).toMatchObject({
      botToken: SLACK_BOT_TOKEN,
      signingSecret: SLACK_SIGNING_SECRET,
      port: 8080,
    });
    expect(loadConfig({ SLACK_BOT_TOKEN, SLACK_APP_TOKEN }).slack).toMatchObject({ botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN });
    expect(loadConfig({ SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_ADMIN_USER_IDS: ' U1, U2 ,,' }).slack?.adminUserIds).toEqual(['U1', 'U2']);
  });

  it('parses numbers, booleans and zones it is given', () => {
    const config = loadConfig({
      METRICS_PORT: '9464',
      METRICS_HOST: '127.0.0.1',
      FEUD_DEFAULT_TIMEZONE: 'America/New_York',
      FEUD_LOG_QUESTIONS: 'no',
      FEUD_USER_COOLDOWN_SECONDS: '0',
      FEUD_MAX_QUESTION_LENGTH: '300',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_HOST: '127.0.0.1',
      FEUD_DEFAULT_TIMEZONE: 'America/New_York',
      FEUD_LOG_QUESTIONS: false,
      FEUD_USER_COOLDOWN_SECONDS: 0,
      FEUD_MAX_QUESTION_LENGTH: 300,
      LOG_LEVEL: 'debug',
    });
  });
});

describe('loadConfig: publishing the bot', () => {
  it('runs Discord on the shards Discord recommends by default, on a number of them, or on this process’s part of them', () => {
    const base = { DISCORD_TOKEN, DISCORD_APP_ID };
    // unset: as many as Discord recommends, all here
    expect(loadConfig(base).discord?.shards).toBeUndefined();
    expect(loadConfig({ ...base, DISCORD_SHARDS: 'auto' }).discord?.shards).toBeUndefined();
    expect(loadConfig({ ...base, DISCORD_SHARDS: '3' }).discord?.shards).toEqual({ ids: [0, 1, 2], count: 3 });
    expect(loadConfig({ ...base, DISCORD_SHARD_COUNT: '2' }).discord?.shards).toEqual({ ids: [0, 1], count: 2 });
    expect(loadConfig({ ...base, DISCORD_SHARD_IDS: ' 3, 1,1', DISCORD_SHARD_COUNT: '4' }).discord?.shards).toEqual({ ids: [1, 3], count: 4 });
    expect(loadConfig({ ...base, DISCORD_SHARD_IDS: '1', DISCORD_SHARDS: '2' }).discord?.shards).toEqual({ ids: [1], count: 2 });
  });

  it('installs the Slack app in any workspace with the client id, secret, state secret and key, instead of a bot token', () => {
    const slack = loadConfig(INSTALL).slack!;
    expect(slack.botToken).toBeUndefined();
    expect(slack.install).toEqual({
      clientId: SLACK_CLIENT_ID,
      clientSecret: SLACK_CLIENT_SECRET,
      stateSecret: SLACK_STATE_SECRET,
      encryptionKey: Buffer.alloc(32, 7),
    });
    expect(loadConfig({ ...without(INSTALL, 'SLACK_SIGNING_SECRET'), SLACK_APP_TOKEN }).slack?.appToken).toBe(SLACK_APP_TOKEN);
  });

  it('names every missing install variable, one line each, and never prints a key or secret it was given', () => {
    const message = configError({ SLACK_CLIENT_ID, SLACK_SIGNING_SECRET, FEUD_ENCRYPTION_KEY });
    expect(message.split('\n').map((l) => l.split(':')[0])).toEqual(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
    const badKey = configError({ ...INSTALL, FEUD_ENCRYPTION_KEY: 'c2VjcmV0LWJ1dC10b28tc2hvcnQ=' });
    expect(badKey).toMatch(/^FEUD_ENCRYPTION_KEY: expected 32 random bytes in base64, as `openssl rand -base64 32` prints them; this is 20 bytes$/);
    expect(badKey).not.toContain('c2VjcmV0');
  });
});

describe('.env.example', () => {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const lines = example.split('\n');
  // the core's variables and every registered adapter's
  const variablesRead = [...ENV_VARIABLES];

  it('lists every variable the bot reads, once, each under a comment', () => {
    expect(variablesRead.length).toBeGreaterThan(15);
    const listed = lines.filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l)).map((l) => l.split('=')[0]!);
    expect([...listed].sort()).toEqual([...variablesRead].sort());
    for (const name of listed) {
      const i = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(lines[i - 1], `${name} has no comment above it`).toMatch(/^# .*Default/);
    }
  });

  it('keeps every secret blank and, as it stands, starts the bot in console mode', () => {
    const values = parseEnv(example);
    // every variable an adapter names as a secret
    const secrets = ADAPTERS.flatMap((a) => a.secretKeys).filter((k) => /^[A-Z][A-Z0-9_]+$/.test(k));
    expect(secrets).toEqual(
      expect.arrayContaining([
        'DISCORD_TOKEN',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'SLACK_APP_TOKEN',
        'SLACK_CLIENT_SECRET',
        'SLACK_STATE_SECRET',
        'FEUD_ENCRYPTION_KEY',
      ]),
    );
    for (const secret of secrets) expect(values[secret], secret).toBe('');
    const config = loadConfig(values);
    for (const adapter of ADAPTERS.filter((a) => !a.fallback)) expect(config[adapter.name], adapter.name).toBeUndefined();
    // the values it shows are the real defaults
    expect(config).toMatchObject(loadConfig({}));
  });
});
