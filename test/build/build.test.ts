/**
 * The production build (scripts/build.mjs, scripts/run.cjs): what each start loads, when dist/
 * counts as stale, and the README's two commands running from dist/.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDist, bundle, hashInputs, isBuildCurrent, ROOT, statInputs } from '../../scripts/build.mjs';
import { validFact } from '../helpers/facts.ts';
import { runCommand, runTsx } from '../helpers/spawn.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('what a start loads before it does anything', async () => {
  const { metafile } = await bundle(ROOT, join(ROOT, 'dist-unwritten'), false);
  const startEnv = () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-loads-'));
    dirs.push(dir);
    return { FEUD_DB_PATH: join(dir, 'feud.db'), LOG_LEVEL: 'warn' };
  };
  /** The packages a run of dist/<entry>.js loaded (lazy parts of a bundle are evaluated, and their packages required, on use). */
  const loadedPackages = async (entry: string, args: string[], input: string): Promise<string[]> => {
    if (!isBuildCurrent(ROOT)) await buildDist(ROOT);
    const { code, stdout, stderr } = await runCommand('node', ['--require', join(ROOT, 'test/helpers/loaded-packages.cjs'), `dist/${entry}.js`, ...args], {
      input,
      env: startEnv(),
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/OpenAI/);
    const line = stderr.split('\n').find((l) => l.startsWith('loaded-packages '));
    return JSON.parse(line!.slice('loaded-packages '.length));
  };

  it('`feud ask` loads no platform SDK, no store, no logger and no metrics registry', async () => {
    const loaded = await loadedPackages('cli', ['ask', '--json'], 'who founded openai\n');
    for (const heavy of ['discord.js', '@slack/bolt', 'grammy', 'better-sqlite3', 'pino', 'pino-pretty', 'prom-client', 'pg'])
      expect(loaded).not.toContain(heavy);
  });

  it('bundles only the zod it uses: not its other 60-odd locales (a namespace import, so esbuild can leave them out)', () => {
    const bundled = Object.values(metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([p]) => p),
    );
    // locales/index.js itself is an empty module in a CommonJS bundle (its re-exports left out)
    const zodLocales = bundled.filter((p) => p.includes('node_modules/zod/v4/locales/') && !p.endsWith('/locales/index.js'));
    expect(new Set(zodLocales.map((p) => p.split('/').pop()))).toEqual(new Set(['en.js']));
  });

  it('the bot loads the platform SDKs, prom-client and pg only when configured', async () => {
    const loaded = await loadedPackages('main', [], '/feud who founded OpenAI\n');
    for (const lazy of ['discord.js', '@slack/bolt', 'grammy', 'prom-client', 'pg']) expect(loaded).not.toContain(lazy);
    expect(loaded).toContain('better-sqlite3');
    const everything = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(everything).toEqual(expect.arrayContaining(['discord.js', '@slack/bolt', 'grammy', 'prom-client', 'pg']));
  });
});

describe('isBuildCurrent', () => {
  function fakeProject(withStats = false): string {
    const root = mkdtempSync(join(tmpdir(), 'feud-build-'));
    dirs.push(root);
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'package-lock.json'), '{}\n');
    for (const entry of ['main', 'cli']) writeFileSync(join(root, 'dist', `${entry}.js`), '');
    const inputs = ['package-lock.json', 'src/a.ts'];
    const stats = withStats ? statInputs(root, inputs) : undefined;
    writeFileSync(join(root, 'dist/build.json'), JSON.stringify({ hash: hashInputs(root, inputs), inputs, stats }));
    return root;
  }

  it('takes inputs of the recorded size and time as unchanged, without reading them', () => {
    const root = fakeProject(true);
    // a wrong hash shows that the hash was not consulted
    const inputs = ['package-lock.json', 'src/a.ts'];
    writeFileSync(join(root, 'dist/build.json'), JSON.stringify({ hash: 'not-read', inputs, stats: statInputs(root, inputs) }));
    expect(isBuildCurrent(root)).toBe(true);
  });

  it('with recorded times: an edit is stale, a touch with the same content is not', () => {
    const edited = fakeProject(true);
    writeFileSync(join(edited, 'src/a.ts'), 'export const a = 2;\n');
    utimesSync(join(edited, 'src/a.ts'), new Date(0), new Date(0));
    expect(isBuildCurrent(edited)).toBe(false);
    const touched = fakeProject(true);
    utimesSync(join(touched, 'src/a.ts'), new Date(0), new Date(0));
    expect(isBuildCurrent(touched)).toBe(true);
  });

  it('holds while the inputs are as built, even rewritten with the same content', () => {
    const root = fakeProject();
    expect(isBuildCurrent(root)).toBe(true);
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    expect(isBuildCurrent(root)).toBe(true);
  });

  it('fails after an edit, a changed lockfile, a removed input or a missing output', () => {
    const edited = fakeProject();
    writeFileSync(join(edited, 'src/a.ts'), 'export const a = 2;\n');
    expect(isBuildCurrent(edited)).toBe(false);
    const relocked = fakeProject();
    writeFileSync(join(relocked, 'package-lock.json'), '{"lockfileVersion":3}\n');
    expect(isBuildCurrent(relocked)).toBe(false);
    const removed = fakeProject();
    rmSync(join(removed, 'src/a.ts'));
    expect(isBuildCurrent(removed)).toBe(false);
    const partial = fakeProject();
    rmSync(join(partial, 'dist/cli.js'));
    expect(isBuildCurrent(partial)).toBe(false);
  });

  it('fails with no dist/ or an unreadable stamp', () => {
    const never = fakeProject();
    rmSync(join(never, 'dist'), { recursive: true });
    expect(isBuildCurrent(never)).toBe(false);
    const garbled = fakeProject();
    writeFileSync(join(garbled, 'dist/build.json'), '{"hash": 5');
    expect(isBuildCurrent(garbled)).toBe(false);
  });
});

// Through npm and scripts/run.cjs, as README says: a stale or missing dist/ is rebuilt first.
describe('the README commands, run from dist/', () => {
  const BUILD_NOTE = /^(feud-bot: building dist\/.*\n)?$/;
  const env = () => {
    const dir = mkdtempSync(join(tmpdir(), 'feud-dist-'));
    dirs.push(dir);
    return { FEUD_DB_PATH: join(dir, 'feud.db'), LOG_LEVEL: 'warn' };
  };

  it('`npm start` answers a piped question and exits 0', async () => {
    const { code, stdout, stderr } = await runCommand('npm', ['start', '--silent'], { input: '/feud who founded OpenAI\n', env: env(), timeoutMs: 30_000 });
    expect(stderr).toMatch(BUILD_NOTE);
    expect(stdout).toMatch(/Altman/);
    expect(stdout).toMatch(/— Source: /);
    expect(code).toBe(0);
    expect(isBuildCurrent(ROOT)).toBe(true);
  });

  it('`npm run --silent feud -- ask --json` prints one JSON answer per line', async () => {
    const { code, stdout, stderr } = await runCommand('npm', ['run', '--silent', 'feud', '--', 'ask', '--json'], {
      input: 'who founded openai\n오픈AI는 누가 설립했어?\n',
      env: env(),
      timeoutMs: 30_000,
    });
    expect(stderr).toMatch(BUILD_NOTE);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { answered: boolean; lang: string; factId: string });
    expect(lines.map((l) => [l.answered, l.lang])).toEqual([
      [true, 'en'],
      [true, 'ko'],
    ]);
    expect(lines[1]!.factId).toBe(lines[0]!.factId);
    expect(code).toBe(0);
  });
});

// dist/knowledge.json: the built-in fact base prepared by the build; any other folder is loaded as usual
describe('the CLI from dist/', () => {
  const ask = async (command: 'dist' | 'src', input: string, env: Record<string, string> = {}) => {
    const run =
      command === 'dist' ? runCommand('node', ['dist/cli.js', 'ask', '--json'], { input, env }) : runTsx('src/cli.ts', ['ask', '--json'], { input, env });
    const { code, stdout, stderr } = await run;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    return stdout;
  };

  it('answers from the prepared base exactly as the sources answer from the folder', async () => {
    if (!isBuildCurrent(ROOT)) await buildDist(ROOT);
    const input = ['who founded openai', '오픈AI는 누가 설립했어?', 'how much did musk bid', 'stargte 투자 얼마', 'timeline 2024', "what's the weather"].join(
      '\n',
    );
    const [dist, src] = await Promise.all([ask('dist', input), ask('src', input)]);
    expect(dist.trim().split('\n')).toHaveLength(6);
    expect(dist).toBe(src);
  });

  it('answers a custom FEUD_KNOWLEDGE_DIR from its own facts', async () => {
    if (!isBuildCurrent(ROOT)) await buildDist(ROOT);
    const folder = mkdtempSync(join(tmpdir(), 'feud-custom-'));
    dirs.push(folder);
    const own = { ...validFact(), answer: { en: 'A custom folder says OpenAI began in a garage.', ko: '사용자 폴더: 오픈AI는 차고에서 시작했다.' } };
    writeFileSync(join(folder, 'origins.json'), JSON.stringify({ facts: [own] }));
    const line = JSON.parse(await ask('dist', 'who founded openai\n', { FEUD_KNOWLEDGE_DIR: folder }));
    expect(line).toMatchObject({ answered: true, factId: 'openai-founding' });
    expect(line.text).toContain('began in a garage');
  });
});
