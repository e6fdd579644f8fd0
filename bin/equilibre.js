#!/usr/bin/env node
// The executable entry: the single-file build of the command (`check` has its own), loaded with its
// code cache (bin/load-bundle.cjs).
// CommonJS (bin/package.json): an ES module entry would start Node's module loader, ~7 ms of CPU
// on every run (docs/performance.md).
'use strict';
const { existsSync, writeFileSync, renameSync } = require('node:fs');
const { loadBundle, cacheFor, file } = require('./load-bundle.cjs');

if (!existsSync(file)) {
  process.stderr.write('equilibre: build missing (dist/equilibre.cjs); run `npm install` or `npm run build`\n');
  process.exit(2);
}
// The build's warm-up runs compile without a cache and write a new one (scripts/build.mjs).
const writeCache = process.env.EQUILIBRE_WRITE_CACHE;
const { exports: program, script } = loadBundle(cacheFor(process.argv.slice(2)), !writeCache);
program.run().then(() => {
  if (writeCache) {
    const tmp = `${writeCache}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, writeCache);
  }
});
