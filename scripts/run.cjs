/**
 * `npm start` and `npm run feud`: run the built entry from dist/ in this process, building it
 * first when dist/ is missing or no longer matches the sources (installed with --ignore-scripts,
 * then a pull, a checkout or an edit), so a user never runs stale code.
 *
 *   node scripts/run.cjs main|cli [args…]     (argv is then as if `node dist/<entry>.js [args…]` ran)
 *
 * CommonJS, as are build-stamp.cjs and code-cache.cjs: a start that needs no build never sets up
 * Node's ES module loader (about 10 ms on Node 20).
 */
const { join } = require('node:path');
const { ENTRIES, isBuildCurrent, ROOT } = require('./build-stamp.cjs');
const { runWithCodeCache } = require('./code-cache.cjs');

const entry = process.argv[2];
if (!ENTRIES.includes(/** @type {any} */ (entry))) {
  console.error(`usage: node scripts/run.cjs ${ENTRIES.join('|')} [args…]`);
  process.exit(2);
}

function run() {
  process.argv.splice(1, 2, join(ROOT, 'dist', `${entry}.js`));
  // what dist/<entry>.js does: its bundle, with V8's code cache (on every Node; see scripts/code-cache.cjs)
  runWithCodeCache(join(ROOT, 'dist', `${entry}.cjs`));
}

if (isBuildCurrent(ROOT)) run();
else {
  process.stderr.write('feud-bot: building dist/ from the sources (once, after an install or a change)…\n');
  import('./build.mjs')
    .then((build) => build.buildDist(ROOT))
    .then(run, (err) => {
      console.error(`feud-bot: the build failed: ${err.message}`);
      process.exit(1);
    });
}
