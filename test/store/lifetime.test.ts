import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTsx } from '../helpers/spawn.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// On whichever Node runs the suite: CI runs it on the machine's Node and again on Node 24.
describe(`a process that used the SQLite store, on Node ${process.version}`, () => {
  for (const ending of ['natural', 'exit'] as const) {
    it(`lives through garbage collection and exits 0 with nothing on stderr (${ending} end)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'feud-lifetime-'));
      dirs.push(dir);
      // runTsx fails on a native crash (the "Assertion failed: (env) != nullptr" of issue 14)
      const { code, stdout, stderr } = await runTsx('test/store/fixtures/store-lifetime.ts', [dir, ending]);
      expect(stderr).toBe('');
      expect(stdout).toBe('done\n');
      expect(code).toBe(0);
    });
  }
});
