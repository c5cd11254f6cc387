/**
 * Whether dist/ matches the files it was built from (dist/build.json, written by scripts/build.mjs).
 * Apart from the build so that a start (scripts/run.cjs) loads only this: no esbuild, no child_process,
 * and node:crypto only when a file's size or time has changed.
 */
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

// CommonJS, like run.cjs: a start then never sets up Node's ES module loader
const ROOT = join(__dirname, '..');
const ENTRIES = /** @type {const} */ (['main', 'cli']);

/** @param {string} root @param {readonly string[]} files paths relative to root; undefined when one is missing */
function hashInputs(root, files) {
  /** @type {typeof import('node:crypto')} */
  const { createHash } = require('node:crypto');
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    const path = join(root, file);
    if (!existsSync(path)) return undefined;
    hash.update(`${file}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Each input's size and modification time, as [size, mtime ms]; undefined when one is missing.
 * @param {string} root @param {readonly string[]} files
 */
function statInputs(root, files) {
  /** @type {Record<string, [number, number]>} */
  const stats = {};
  for (const file of files) {
    try {
      const { size, mtimeMs } = statSync(join(root, file));
      stats[file] = [size, mtimeMs];
    } catch {
      return undefined;
    }
  }
  return stats;
}

/**
 * Whether dist/ was built from the files on disk now: a pull, a checkout or an edit makes it stale;
 * a touched but unchanged file does not. Inputs with the size and time recorded at the build are taken
 * as unchanged (a stat each, well under a millisecond for all); only when one differs are the inputs
 * read and hashed (a few ms).
 * @param {string} root
 */
function isBuildCurrent(root = ROOT) {
  const stamp = readStamp(join(root, 'dist'));
  if (!stamp || !ENTRIES.every((e) => existsSync(join(root, 'dist', `${e}.js`)))) return false;
  const recorded = stamp.stats;
  const now = recorded && statInputs(root, stamp.inputs);
  if (now && stamp.inputs.every((f) => recorded[f]?.[0] === now[f]?.[0] && recorded[f]?.[1] === now[f]?.[1])) return true;
  return hashInputs(root, stamp.inputs) === stamp.hash;
}

/** @param {string} dist @returns {{ hash: string, inputs: string[], stats?: Record<string, [number, number]> } | undefined} */
function readStamp(dist) {
  try {
    const stamp = JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8'));
    return typeof stamp?.hash === 'string' && Array.isArray(stamp.inputs) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

module.exports = { ROOT, ENTRIES, hashInputs, statInputs, isBuildCurrent };
