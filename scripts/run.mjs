/**
 * `npm start` and `npm run feud`: run the built entry from dist/ in this process, building it
 * first when dist/ is missing or no longer matches the sources (installed with --ignore-scripts,
 * then a pull, a checkout or an edit), so a user never runs stale code.
 *
 *   node scripts/run.mjs main|cli [args…]     (argv is then as if `node dist/<entry>.js [args…]` ran)
 */
import { join } from 'node:path';
import { ENTRIES, isBuildCurrent, ROOT } from './build-stamp.mjs';
import { runWithCodeCache } from './code-cache.mjs';

const entry = process.argv[2];
if (!ENTRIES.includes(/** @type {any} */ (entry))) {
  console.error(`usage: node scripts/run.mjs ${ENTRIES.join('|')} [args…]`);
  process.exit(2);
}
if (!isBuildCurrent(ROOT)) {
  process.stderr.write('feud-bot: building dist/ from the sources (once, after an install or a change)…\n');
  await (await import('./build.mjs')).buildDist(ROOT);
}
const file = join(ROOT, 'dist', `${entry}.js`);
process.argv.splice(1, 2, file);
// what dist/<entry>.js does: its bundle, with V8's code cache (on every Node; see scripts/code-cache.mjs)
runWithCodeCache(join(ROOT, 'dist', `${entry}.cjs`));
