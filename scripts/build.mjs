/**
 * The production build: src/main.ts (`npm start`) and src/cli.ts (`npm run feud`) bundled by esbuild
 * into dist/, so that a start loads a few plain JavaScript files instead of compiling TypeScript.
 *
 * - Small pure-JavaScript dependencies are bundled in: one file to parse instead of hundreds
 *   (zod alone is about a hundred modules). Native, worker-loaded and path-reading packages
 *   (better-sqlite3, pino's transports, word-list's file) and the platform SDKs stay in node_modules.
 * - Lazy imports stay lazy: each adapter and the curation report is its own chunk, loaded on use.
 * - dist/build.json holds a hash of everything that went in, so `npm start` can tell when
 *   dist/ no longer matches the sources (see isBuildCurrent).
 *
 * `node scripts/build.mjs` (npm run build; npm install runs it too, as "prepare").
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ENTRIES = /** @type {const} */ (['main', 'cli']);

/** Dependencies compiled into the bundle; every other package is imported from node_modules at run time. */
const BUNDLED = new Set(['zod', 'es-hangul', 'fuse.js', 'stemmer', 'croner']);

/** Files that shape the output besides the sources esbuild reports: versions of bundled code, and this build. */
const BUILD_INPUTS = ['package-lock.json', 'scripts/build.mjs'];

/** @param {string} root @param {readonly string[]} files paths relative to root; undefined when one is missing */
export function hashInputs(root, files) {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    const path = join(root, file);
    if (!existsSync(path)) return undefined;
    hash.update(`${file}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Whether dist/ was built from the files on disk now. Reads each recorded input once (a few ms):
 * a pull, a checkout or an edit makes it stale; a touched but unchanged file does not.
 * @param {string} root
 */
export function isBuildCurrent(root = ROOT) {
  const stamp = readStamp(join(root, 'dist'));
  if (!stamp || !ENTRIES.every((e) => existsSync(join(root, 'dist', `${e}.js`)))) return false;
  return hashInputs(root, stamp.inputs) === stamp.hash;
}

/** @param {string} dist @returns {{ hash: string, inputs: string[] } | undefined} */
function readStamp(dist) {
  try {
    const stamp = JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8'));
    return typeof stamp?.hash === 'string' && Array.isArray(stamp.inputs) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bundle the entries into outdir. With write false nothing is written and the result's metafile
 * tells what each output imports (the tests read it).
 * @param {string} root @param {string} outdir @param {boolean} [write]
 */
export async function bundle(root, outdir, write = true) {
  const { build } = await import('esbuild');
  return build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, `src/${e}.ts`])),
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    sourcemap: 'linked',
    metafile: true,
    write,
    logLevel: 'warning',
    plugins: [externalUnlessBundled],
  });
}

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
  const sources = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/'));
  const inputs = [...new Set([...sources, ...BUILD_INPUTS])].sort();
  writeFileSync(join(scratch, 'build.json'), `${JSON.stringify({ hash: hashInputs(root, inputs), inputs }, null, 1)}\n`);
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
  }
  rmSync(old, { recursive: true, force: true });
  return dist;
}

/** @type {import('esbuild').Plugin} */
const externalUnlessBundled = {
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
