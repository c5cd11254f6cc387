import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { runTsx } from './helpers/spawn.ts';

const SLACK_BOT_TOKEN = 'xoxb-4242-4242-ThisIsTheSecretBotToken';
const SLACK_APP_TOKEN = 'xapp-1-A42-4242-ThisIsTheSecretAppToken';
const SLACK_SIGNING_SECRET = 'feedfacefeedfacefeedfacefeedface';
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.ThisIsTheSecretDiscordToken0123';
const SECRETS = [SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN];

function captureLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('trace', false, sink), lines };
}

describe('logs never contain tokens', () => {
  it('redacts tokens and secrets logged by name, at the top level or one level down', () => {
    const { logger, lines } = captureLogger();
    logger.info({ token: DISCORD_TOKEN }, 'discord login');
    logger.info({ botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN, signingSecret: SLACK_SIGNING_SECRET }, 'slack options');
    logger.warn(
      { slack: { botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN, signingSecret: SLACK_SIGNING_SECRET }, discord: { token: DISCORD_TOKEN } },
      'nested',
    );
    logger.info({ DISCORD_TOKEN, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET }, 'environment');
    logger.info({ request: { headers: { authorization: `Bot ${DISCORD_TOKEN}` } } }, 'http');
    logger.child({ token: DISCORD_TOKEN }).info('child bindings');
    const text = lines.join('');
    expect(lines).toHaveLength(6);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ msg: 'discord login', token: '[redacted]' });
    expect(JSON.parse(lines[2]!).slack).toEqual({ botToken: '[redacted]', appToken: '[redacted]', signingSecret: '[redacted]' });
    expect(JSON.parse(lines[4]!).request.headers.authorization).toBe('[redacted]');
  });

  it('redacts the whole parsed config if someone logs it', () => {
    const { logger, lines } = captureLogger();
    const config = loadConfig({ DISCORD_TOKEN, DISCORD_APP_ID: '123456789012345678', SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET });
    logger.info({ config }, 'starting with');
    logger.info(config, 'starting with');
    const text = lines.join('');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    // and the rest of the config is still there to debug with
    expect(JSON.parse(lines[0]!).config.discord.appId).toBe('123456789012345678');
  });

  it('does not print a Slack token when the configuration around it is wrong', async () => {
    const { code, stdout, stderr } = await runTsx('src/main.ts', [], { env: { SLACK_BOT_TOKEN, FEUD_DB_PATH: ':memory:' }, timeoutMs: 15_000 });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^feud-bot: configuration error: SLACK_SIGNING_SECRET: /m);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout + stderr).not.toContain(SLACK_BOT_TOKEN);

    const malformed = 'xoxp-4242-ThisIsAUserTokenNotABotToken';
    const wrongKind = await runTsx('src/main.ts', [], {
      env: { SLACK_BOT_TOKEN: malformed, SLACK_SIGNING_SECRET, FEUD_DB_PATH: ':memory:' },
      timeoutMs: 15_000,
    });
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toMatch(/SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
    expect(wrongKind.stdout + wrongKind.stderr).not.toContain(malformed);
    expect(wrongKind.stdout + wrongKind.stderr).not.toContain(SLACK_SIGNING_SECRET);
  });
});
