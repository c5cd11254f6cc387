import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

/** Another process holding SQLite's write lock (as a backup or `sqlite3` at a prompt would). */
export interface HeldLock {
  /** Commit and let the lock go; resolves when the process has exited. */
  release(): Promise<void>;
}

// BEGIN EXCLUSIVE plus a write: in WAL mode readers go on, every writer waits
const HOLDER = `
const db = require('better-sqlite3')(process.argv[1]);
db.exec('BEGIN EXCLUSIVE');
db.exec('CREATE TABLE IF NOT EXISTS lock_holder (x)');
db.exec('INSERT INTO lock_holder VALUES (1)');
process.stdout.write('locked\\n');
process.stdin.on('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
setTimeout(() => process.exit(3), Number(process.argv[2])).unref();
process.stdin.resume();
`;

/** Take the lock on `path` in a child process; resolves once it is held. It lets go on release() or after maxMs. */
export function holdSqliteLock(path: string, maxMs = 30_000): Promise<HeldLock> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['-e', HOLDER, path, String(maxMs)], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    // the holder may already have let go (maxMs): a late release must not throw EPIPE
    child.stdin.on('error', () => undefined);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the lock holder did not take the lock within 10 s: ${stderr}`));
    }, 10_000);
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('locked')) return;
      clearTimeout(timer);
      done({
        release: async () => {
          if (child.exitCode === null) child.stdin.end('release\n');
          await exited;
        },
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`the lock holder exited with ${code}: ${stderr}`));
    });
  });
}
