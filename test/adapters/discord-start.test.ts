/**
 * The Discord "Done when" through the real entry point: `npm start` (tsx src/main.ts) with only the
 * DISCORD_ variables set connects to the fake Discord, registers /feud, answers
 * `/feud question:"who founded OpenAI"` within 3 s, and exits 0 on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, type MessageBody, startFakeDiscord } from '../fakes/discord.ts';

const REPO = resolve(import.meta.dirname, '../..');
const STARTUP_MS = 15_000;
const ANSWER_MS = 3000;
const EXIT_MS = 5000;

/** Everything a person sees in an embed, as one string. */
function embedText(body: MessageBody): string {
  return (body.embeds ?? [])
    .map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))
    .join('\n');
}

/** Resolves with the exit code (or signal), or rejects after `timeoutMs`. */
function exitOf(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal });
    });
  });
}

describe('npm start with Discord variables', () => {
  let fake: FakeDiscord | undefined;
  let child: ChildProcess | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    // on failure the bot may still be running: never leave it behind
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child, EXIT_MS).catch(() => undefined);
    }
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    fake = child = dir = undefined;
  });

  it('connects, registers /feud, answers "who founded OpenAI" within 3 s, and exits 0 on SIGTERM', async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), 'feud-discord-'));
    // run from the temp dir so a developer's ./.env (which main.ts reads) cannot add real tokens to this test
    child = spawn(join(REPO, 'node_modules/.bin/tsx'), ['--tsconfig', join(REPO, 'tsconfig.json'), join(REPO, 'src/main.ts')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        FEUD_DB_PATH: join(dir, 'feud.db'),
        LOG_LEVEL: 'warn',
        DISCORD_TOKEN: fake.token,
        DISCORD_APP_ID: fake.appId,
        DISCORD_API_URL: fake.apiUrl,
      },
      // stdin stays open (never ended), so an end of input cannot be what stops the bot
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const running = fake;
    const withOutput = (err: unknown) => {
      throw new Error(`${(err as Error).message}\nbot output:\n${output}`);
    };
    // a bot that dies during startup fails the test at once instead of after the whole wait
    let stopRequested = false;
    const diedEarly = new Promise<never>((_, reject) => {
      child!.once('exit', (code, signal) => {
        if (!stopRequested) reject(new Error(`the bot exited early (code ${code}, signal ${signal})`));
      });
    });
    diedEarly.catch(() => undefined);
    const whileAlive = <T>(wait: Promise<T>) => Promise.race([wait, diedEarly]).catch(withOutput);

    const identify = await whileAlive(running.waitFor('IDENTIFY', () => running.identifies.at(-1), STARTUP_MS));
    expect(identify.token).toBe(running.token);
    // the fake sends READY to, and counts, only connections that identified with the right token
    await whileAlive(running.waitFor('READY to be delivered', () => (running.openConnections() === 1 ? true : undefined), STARTUP_MS));
    const registration = await whileAlive(
      running.waitFor('the bulk overwrite of slash commands', () => running.registrations.find((r) => r.commands.some((c) => c.name === 'feud')), STARTUP_MS),
    );
    expect(registration.scope).toBe('global');
    expect(running.requests.filter((r) => r.method === 'PUT' && r.path === `/applications/${running.appId}/commands`)).toHaveLength(1);

    const askedAt = Date.now();
    const id = running.slashCommand({ name: 'feud', options: [{ name: 'question', type: 3, value: 'who founded OpenAI' }] });
    const callback = await whileAlive(running.callbackFor(id, ANSWER_MS));
    expect(Date.now() - askedAt).toBeLessThan(ANSWER_MS);
    expect(callback.type).toBe(4);
    expect(callback.data.allowed_mentions?.parse).toEqual([]);
    const text = embedText(callback.data);
    expect(text).toMatch(/Altman/);
    expect(text).toMatch(/Musk/);
    expect(text).toMatch(/2015/);

    const exited = exitOf(child, EXIT_MS);
    stopRequested = true;
    child.kill('SIGTERM');
    expect(await exited.catch(withOutput)).toEqual({ code: 0, signal: null });
    // a clean shutdown closes the gateway connection rather than leaving it to time out
    await running.waitFor('the gateway connection to close', () => (running.openConnections() === 0 ? true : undefined), 1000);
  }, 30_000);
});
