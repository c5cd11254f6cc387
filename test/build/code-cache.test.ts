/**
 * scripts/code-cache.cjs: a bundle run with V8's code cache runs as plain `node file.cjs` would, takes the
 * cache its last run wrote, and never a cache made for other contents.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build.mjs';
import { runCommand } from '../helpers/spawn.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const RUN = `import { runWithCodeCache } from ${JSON.stringify(join(ROOT, 'scripts/code-cache.cjs'))};
const { cached } = runWithCodeCache(process.argv[1]);
process.stderr.write(cached ? 'cached' : 'compiled');`;

/** One process running `file` through the cache: what it printed, and whether the cache was taken. */
async function run(file: string) {
  const { code, stdout, stderr } = await runCommand('node', ['--input-type=module', '-e', RUN, file]);
  expect(code).toBe(0);
  return { stdout, cached: stderr === 'cached' };
}

const bundle = (answer: string) => `const { basename } = require('node:path');
const os = require('node:os');
console.log(${JSON.stringify(answer)}, basename(__filename), typeof module.exports, typeof os.cpus);
`;

describe('runWithCodeCache', () => {
  it('runs a CommonJS file with its own require and __filename', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-cache-'));
    dirs.push(dir);
    const file = join(dir, 'entry.cjs');
    writeFileSync(file, bundle('first'));
    expect((await run(file)).stdout).toBe('first entry.cjs object function\n');
  });

  it('compiles the first run and writes the cache at its exit; the next run takes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-cache-'));
    dirs.push(dir);
    const file = join(dir, 'entry.cjs');
    writeFileSync(file, bundle('first'));
    expect((await run(file)).cached).toBe(false);
    expect(readdirSync(join(dir, '.code-cache'))).toEqual([expect.stringMatching(new RegExp(`^entry-${process.version}-${process.arch}-\\d+-\\d+\\.bin$`))]);
    expect(await run(file)).toEqual({ stdout: 'first entry.cjs object function\n', cached: true });
  });

  it('never takes the cache of other contents, even of the same length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-cache-'));
    dirs.push(dir);
    const file = join(dir, 'entry.cjs');
    writeFileSync(file, bundle('first'));
    await run(file);
    expect((await run(file)).cached).toBe(true);
    writeFileSync(file, bundle('other')); // same length: V8 alone would take the old cache
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await run(file)).toEqual({ stdout: 'other entry.cjs object function\n', cached: false });
  });

  it('runs without a cache where none can be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-cache-'));
    dirs.push(dir);
    const file = join(dir, 'entry.cjs');
    writeFileSync(file, bundle('first'));
    writeFileSync(join(dir, '.code-cache'), 'a file where the folder would be');
    expect(await run(file)).toEqual({ stdout: 'first entry.cjs object function\n', cached: false });
    expect(await run(file)).toEqual({ stdout: 'first entry.cjs object function\n', cached: false });
  });
});
