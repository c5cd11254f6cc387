import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A port nobody is using right now: bind 0, read it, let it go. */
export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Polls `check` every 100 ms until it gives a value (not undefined or false), or fails after `timeoutMs` with `detail()` (a child's output). */
export async function waitUntil<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
  detail: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const REPO = resolve(import.meta.dirname, '../..');

/** A bot process started by spawnBot: its stderr so far, and when it exited. */
export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  exited: Promise<void>;
}

/**
 * The real entry point (src/main.ts), run by node itself with tsx's loader named by path: one process,
 * so a signal reaches the bot and not a wrapper, from any `cwd`. Only PATH, HOME and `env` are set,
 * and no env file is read, so a developer's own .env never switches on a platform.
 */
export function spawnBot(cwd: string, env: Record<string, string>): BotProcess {
  const loader = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(REPO, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', FEUD_ENV_FILE: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', () => undefined);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { child, stderr: () => stderr, exited };
}
