// `node --require` this: at exit, one stderr line naming the packages the process loaded from node_modules.
// The build's bundles require every package they use (CommonJS), so require.cache holds them all.
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (m) names.add(m[1]);
  }
  process.stderr.write(`loaded-packages ${JSON.stringify([...names].sort())}\n`);
});
