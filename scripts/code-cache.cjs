/**
 * Runs a CommonJS bundle of the build (dist/<entry>.cjs) with V8's code cache, so that a start
 * deserialises the functions the last run compiled instead of parsing and compiling them again
 * (Node 20 has no compile cache of its own; module.enableCompileCache needs Node 22.1).
 *
 * The cache is dist/.code-cache/<entry>-<node version>-<arch>-<size>-<mtime>.bin: one per Node, so two
 * Nodes sharing a checkout do not undo each other's, and one per state of the bundle, since V8 checks
 * a cache against the source's length, not its text (a rebuild replaces dist/ and its caches anyway).
 * V8 rejects a cache of another V8 version or other flags; the bundle is then compiled as usual and
 * the cache written anew when the process exits. A cache that cannot be read or written costs time, never a start.
 * The bundle uses require() only: import() in a vm.Script needs an experimental option, which Node 20 loses
 * in code taken from a cache (scripts/build.mjs refuses a bundle with one).
 */
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { basename, dirname, join } = require('node:path');
const vm = require('node:vm');

/** @param {string} file absolute path of a CommonJS bundle */
function cacheFileOf(file) {
  const { size, mtimeMs } = statSync(file);
  return join(dirname(file), '.code-cache', `${basename(file, '.cjs')}-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.bin`);
}

/**
 * Run `file` as Node would run a CommonJS module (its own require, module, __filename), with the cache.
 * @param {string} file absolute path of a CommonJS bundle
 * @returns {{ cached: boolean }} whether the cache was there and V8 took it
 */
function runWithCodeCache(file) {
  const cacheFile = cacheFileOf(file);
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // first run of this build on this Node
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
  });
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  // at exit, so the cache holds the functions this run compiled (the first answer's too), not only the top level
  if (!cached) process.once('exit', () => writeCache(cacheFile, script));
  const mod = new Module(file);
  mod.filename = file;
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, dirname(file));
  return { cached };
}

/** Written under another name and renamed, so a start at the same moment reads the old cache or the new one. */
function writeCache(/** @type {string} */ cacheFile, /** @type {vm.Script} */ script) {
  const scratch = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(scratch, script.createCachedData());
    renameSync(scratch, cacheFile);
  } catch {
    // a read-only install: every start compiles, as without the cache
  }
}

module.exports = { cacheFileOf, runWithCodeCache };
