import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

const TSX = 'node_modules/.bin/tsx';

/** What Node prints when native code (an addon, Node itself) aborts the process. */
export const NATIVE_CRASH = /Assertion failed|Native stack trace|Segmentation fault|FATAL ERROR/;

/** Run a project script with tsx, feed it stdin, and wait (bounded) for it to exit. A native crash fails it, whatever the test checks. */
export function runTsx(script: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return runCommand(TSX, [script, ...args], options);
}

/** The same for any command, as a user types it (`npm start`). */
export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      // FEUD_ENV_FILE empty: never read a developer's .env (it may hold real tokens)
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', FEUD_ENV_FILE: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${shown} did not exit within ${options.timeoutMs ?? 15_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (NATIVE_CRASH.test(stderr)) reject(new Error(`${shown} crashed in native code (exit ${code}):\n${stderr}`));
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
