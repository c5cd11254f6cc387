/**
 * The production build: src/main.ts (`npm start`) and src/cli.ts (`npm run feud`) bundled by esbuild
 * into dist/, so that a start loads a few plain JavaScript files instead of compiling TypeScript.
 *
 * - Small pure-JavaScript dependencies are bundled in: one file to parse instead of hundreds
 *   (zod alone is about a hundred modules). Native, worker-loaded and path-reading packages
 *   (better-sqlite3, pino's transports, word-list's file) and the platform SDKs stay in node_modules.
 * - Each entry is one CommonJS file (dist/<entry>.cjs) run by a small dist/<entry>.js through
 *   scripts/code-cache.cjs, with V8's code cache: a start then compiles next to nothing, on Node 20
 *   too. Lazy imports stay lazy: an adapter or the curation report is evaluated (and its SDK loaded) on use.
 * - dist/knowledge.json is the built-in fact base already validated and read by the matcher
 *   (src/knowledge/prepared.ts), written by the new bundle itself (dist/prepare.js), so a start skips
 *   the slow part of building its index. The bundle uses it only with its own build id.
 * - dist/build.json holds a hash of everything that went in (the knowledge folder too), and each
 *   input's size and time, so `npm start` can tell cheaply when dist/ no longer matches (see isBuildCurrent).
 *
 * `node scripts/build.mjs` (npm run build; npm install runs it too, as "prepare").
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRIES, hashInputs, isBuildCurrent, ROOT, statInputs } from './build-stamp.cjs';

export { ENTRIES, hashInputs, isBuildCurrent, ROOT, statInputs };

/** Run once by the build itself (see the header), not by a start. */
const BUILD_STEPS = ['prepare'];
const SOURCE_OF = { main: 'src/main.ts', cli: 'src/cli.ts', prepare: 'src/knowledge/prepare-cli.ts' };

/** Dependencies compiled into the bundle; every other package is imported from node_modules at run time. */
const BUNDLED = new Set(['zod', 'es-hangul', 'fuse.js', 'stemmer', 'croner']);

/** Files that shape the output besides the sources esbuild reports: versions of bundled code, and this build. */
const BUILD_INPUTS = ['package-lock.json', 'scripts/build.mjs', 'scripts/build-stamp.cjs'];

/**
 * Bundle the entries into outdir. With write false nothing is written and the result's metafile
 * tells what each output imports (the tests read it).
 * @param {string} root @param {string} outdir @param {boolean} [write]
 */
export async function bundle(root, outdir, write = true, buildId = randomUUID()) {
  const { build } = await import('esbuild');
  return build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries([...ENTRIES, ...BUILD_STEPS].map((e) => [e, SOURCE_OF[/** @type {keyof typeof SOURCE_OF} */ (e)]])),
    // the bundle's own id (define, below): prepared data (dist/knowledge.json) is used only by the build that wrote it
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.12',
    sourcemap: 'linked',
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    write,
    logLevel: 'warning',
    plugins: [externalUnlessBundled],
    // a CommonJS file has no import.meta: its url is the bundle's own (load.ts finds the package root from it)
    define: { __FEUD_BUILD_ID__: JSON.stringify(buildId), 'import.meta.url': '__feudImportMetaUrl' },
    banner: { js: 'var __feudImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
}

/** dist/<entry>.js, what `node dist/<entry>.js` and scripts/run.cjs run: the bundle with its code cache. @param {string} entry */
const launcher = (entry) =>
  `// Written by scripts/build.mjs: runs ${entry}.cjs with V8's code cache (scripts/code-cache.cjs).
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from '../scripts/code-cache.cjs';

runWithCodeCache(fileURLToPath(new URL('./${entry}.cjs', import.meta.url)));
`;

/**
 * Build into a scratch folder beside dist/ and swap it in, so that another process starting at
 * the same moment never imports a half-written file. If another process has meanwhile put a
 * current build in place, that one stays.
 * @param {string} root
 */
export async function buildDist(root = ROOT) {
  const dist = join(root, 'dist');
  const scratch = join(root, `dist.building-${process.pid}`);
  const old = join(root, `dist.old-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  const result = await bundle(root, scratch);
  const imported = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
  if (imported.length > 0) throw new Error(`build: the bundle would import() ${imported.join(', ')}; scripts/code-cache.cjs runs require() only`);
  // the new bundle prepares the fact base with its own code (its own process, so this one loads no second copy)
  execFileSync(process.execPath, [join(scratch, 'prepare.cjs'), join(scratch, 'knowledge.json')], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const entry of ENTRIES) writeFileSync(join(scratch, `${entry}.js`), launcher(entry));
  const sources = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/'));
  const knowledge = readdirSync(join(root, 'knowledge'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `knowledge/${f}`);
  const inputs = [...new Set([...sources, ...knowledge, ...BUILD_INPUTS])].sort();
  const stamp = { hash: hashInputs(root, inputs), inputs, stats: statInputs(root, inputs) };
  writeFileSync(join(scratch, 'build.json'), `${JSON.stringify(stamp, null, 1)}\n`);
  if (isBuildCurrent(root)) {
    rmSync(scratch, { recursive: true, force: true });
    return dist;
  }
  try {
    renameSync(dist, old);
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'ENOENT') throw err;
  }
  try {
    renameSync(scratch, dist);
  } catch (err) {
    // another process put its build in place between our two renames: it is as current as ours
    if (!['ENOTEMPTY', 'EEXIST'].includes(/** @type {string} */ (/** @type {NodeJS.ErrnoException} */ (err).code))) throw err;
    rmSync(scratch, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
    return dist;
  }
  rmSync(old, { recursive: true, force: true });
  // in place, so the run takes the prepared fact base like every later start (its functions are the ones cached)
  warmCodeCache(dist);
  return dist;
}

/**
 * One question through the new CLI, so that even the first `npm run feud` after an install starts from the
 * code cache (for the Node that built; the bot's is written when its first run exits). `ask` reads no .env and no database.
 * @param {string} dist
 */
function warmCodeCache(dist) {
  try {
    execFileSync(process.execPath, [join(dist, 'cli.js'), 'ask', '--json', 'who founded openai'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, FEUD_KNOWLEDGE_DIR: '' },
    });
  } catch (err) {
    // the build stands; the first start compiles and writes the cache itself
    console.error(`build: could not warm the code cache: ${/** @type {Error} */ (err).message}`);
  }
}

/** Bundles in BUNDLED and leaves every other package in node_modules (bench/bench.ts builds with it too). @type {import('esbuild').Plugin} */
export const externalUnlessBundled = {
  name: 'external-unless-bundled',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED.has(/** @type {string} */ (name)) ? undefined : { external: true };
    });
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const dist = await buildDist();
  console.log(`built ${relative(process.cwd(), dist) || dist}/ in ${Math.round(performance.now() - started)} ms`);
}
