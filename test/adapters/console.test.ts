import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/adapter.ts';
import { createConversation } from '../../src/bot/conversation.ts';
import { configErrorLines, loadConfig } from '../../src/config.ts';
import { createFeud } from '../../src/core/feud.ts';
import { loadFacts } from '../../src/knowledge/load.ts';
import { silentLogger } from '../../src/log.ts';
import { runTsx } from '../helpers/spawn.ts';
import { testState } from '../helpers/state.ts';

const env = () => ({ FEUD_DB_PATH: join(mkdtempSync(join(tmpdir(), 'feud-console-')), 'feud.db'), LOG_LEVEL: 'warn' });

/** The console adapter in this process, on streams, with the real conversation: everything it printed once the input ends. */
async function consoleSession(lines: string[]): Promise<string> {
  const state = testState();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString()));
  const adapter = createConsoleAdapter({ conversation: createConversation({ feud: createFeud(loadFacts()), ...state, logger: silentLogger }), input, output });
  await adapter.start();
  input.end(`${lines.join('\n')}\n`);
  await adapter.ended;
  await adapter.stop();
  await state.store.close();
  return printed;
}

describe('console adapter (npm start with no tokens)', () => {
  // the one spawned smoke test: the real entry point, piped input, a clean exit
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
    const stdout = await consoleSession([
      '/feud',
      `/feud ${'x'.repeat(5000)}`,
      '/feud \u0000\u0007who\u200b founded openai',
      '/feud @everyone who founded openai',
      '/feud timeline 2024-13',
      '/feud about',
      '',
    ]);
    expect(stdout).toMatch(/too long/);
    expect(stdout).toMatch(/not a month/);
    expect(stdout).toMatch(/Asia Economy/);
    expect(stdout.match(/Altman/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('stops at startup with one line naming a wrong variable', () => {
    let lines: string[] = [];
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'not-a-token' });
    } catch (err) {
      lines = configErrorLines('feud-bot', err);
    }
    expect(lines).toEqual(['feud-bot: configuration error: SLACK_BOT_TOKEN: expected a bot token starting with xoxb-']);
  });
});
