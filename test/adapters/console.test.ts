import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTsx } from '../helpers/spawn.ts';

const env = () => ({ FEUD_DB_PATH: join(mkdtempSync(join(tmpdir(), 'feud-console-')), 'feud.db'), LOG_LEVEL: 'warn' });

describe('console adapter (npm start with no tokens)', () => {
  it('answers piped /feud questions and exits cleanly at end of input', async () => {
    const { code, stdout } = await runTsx('src/main.ts', [], { input: '/feud who founded OpenAI\n오픈AI는 누가 설립했어?\n/feud help\n', env: env() });
    expect(code).toBe(0);
    const [english, korean] = stdout.trim().split(/\n\n+/);
    expect(english).toMatch(/Altman/);
    expect(english).toMatch(/2015/);
    expect(english).toMatch(/Source: “/);
    expect(korean).toMatch(/2015년 12월/);
    expect(stdout.slice(stdout.indexOf(korean!) + korean!.length)).toMatch(/\/feud timeline/);
  });

  it('keeps going after bad input: empty, huge, control characters, mentions', async () => {
    const input = ['/feud', `/feud ${'x'.repeat(5000)}`, '/feud \u0000\u0007who\u200b founded openai', '/feud @everyone who founded openai', '/feud timeline 2024-13', '/feud about', ''].join('\n');
    const { code, stdout } = await runTsx('src/main.ts', [], { input, env: env() });
    expect(code).toBe(0);
    expect(stdout).toMatch(/too long/);
    expect(stdout).toMatch(/not a month/);
    expect(stdout).toMatch(/Asia Economy/);
    expect(stdout.match(/Altman/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('stops at startup with one line naming a wrong variable', async () => {
    const { code, stderr } = await runTsx('src/main.ts', [], { env: { ...env(), SLACK_BOT_TOKEN: 'not-a-token' } });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^feud-bot: configuration error: SLACK_BOT_TOKEN: expected a bot token starting with xoxb-$/);
  });
});
