/**
 * The whole bot as an operator runs it: `tsx src/main.ts` in console mode with the metrics port on,
 * healthy, answering, then SIGTERM → exit 0 within 5 s and an intact SQLite file.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { openConnection } from '../../src/store/sqlite-connection.ts';
import { freePort } from '../helpers/processes.ts';
import { sample } from '../helpers/prometheus.ts';

const REPO = resolve(import.meta.dirname, '../..');
/** tsx as a loader, by URL: the child runs in a temp dir, where a bare "tsx" would not resolve. */
const TSX_LOADER = import.meta.resolve('tsx');
const MAIN = join(REPO, 'src/main.ts');

/** Poll until `check` passes or the deadline; every wait in this file is bounded. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
}

let child: ChildProcessWithoutNullStreams | undefined;
let dir: string | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('feud-bot process', () => {
  it('serves /healthz, answers, and on SIGTERM exits 0 within 5 s leaving an intact database', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feud-shutdown-'));
    const dbPath = join(dir, 'data', 'feud.db');
    const port = await freePort();
    // cwd in the temp dir: no .env from the repo can switch on Discord or Slack here
    // node itself runs the bot (tsx as a loader), so SIGTERM reaches the bot and not a wrapper process
    child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        FEUD_ENV_FILE: '',
        FEUD_DB_PATH: dbPath,
        METRICS_PORT: String(port),
        METRICS_HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child!.on('exit', (code, signal) => done({ code, signal })));
    const base = `http://127.0.0.1:${port}`;

    // stdin stays open: the console adapter is connected until we signal
    const health = await waitFor('/healthz to answer 200', 10_000, async () => {
      if (child!.exitCode !== null) throw new Error(`main exited early with ${child!.exitCode}\n${stderr}`);
      const res = await fetch(`${base}/healthz`);
      return res.status === 200 ? res.json() : undefined;
    });
    expect(health).toEqual({ status: 'ok', store: true, adapters: { console: true } });

    child.stdin.write('who founded OpenAI\n');
    child.stdin.write('what is the capital of Peru\n');
    await waitFor('both replies on stdout', 10_000, async () => (/2015/.test(stdout) && /doesn't answer that/.test(stdout) ? true : undefined));
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(sample(metrics, 'feud_questions_total', { platform: 'console', lang: 'en', outcome: 'answered' })).toBe(1);
    expect(sample(metrics, 'feud_questions_total', { platform: 'console', lang: 'en', outcome: 'abstained' })).toBe(1);

    const signalled = Date.now();
    child.kill('SIGTERM');
    const result = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    expect(result, `did not exit within 5 s\nstderr: ${stderr}`).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(stderr).toMatch(/shutting down/);
    expect(stderr).toMatch(/SIGTERM/);

    // the ops port is closed with the process
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    // a clean close checkpoints the WAL into the main file and removes it
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const db = openConnection(dbPath, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // and what the bot wrote before the signal is there
    const store = await openSqliteStore(dbPath, { readonly: true });
    try {
      expect((await store.listUnanswered(0)).map((q) => [q.text, q.platform])).toEqual([['what is the capital of Peru', 'console']]);
    } finally {
      await store.close();
    }
  });
});
