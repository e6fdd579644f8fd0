#!/usr/bin/env node
// The executable entry: the single-file build of the command (`check` has its own), loaded with its
// code cache (bin/load-bundle.cjs).
// CommonJS (bin/package.json): an ES module entry would start Node's module loader, ~7 ms of CPU
// on every run (docs/performance.md).
'use strict';
const { existsSync, writeFileSync, renameSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { loadBundle, loadedLibs, LIBS, cacheFor, file } = require('./load-bundle.cjs');

if (!existsSync(file)) {
  process.stderr.write('equilibre: build missing (dist/equilibre.cjs); run `npm install` or `npm run build`\n');
  process.exit(2);
}
// The build's warm-up runs compile without a cache and write a new one (scripts/build.mjs).
const writeCache = process.env.EQUILIBRE_WRITE_CACHE;
// (EQUILIBRE_BUILD names the build to warm when the command line alone would not choose it: the whole build's cache is warmed by a report)
const { exports: program, script } = loadBundle((writeCache && process.env.EQUILIBRE_BUILD) || cacheFor(process.argv.slice(2)), !writeCache);
program.run().then(() => {
  if (writeCache) {
    const tmp = `${writeCache}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, writeCache);
    // and the caches of the libraries the run loaded (dist/yaml.cache)
    for (const [name, lib] of Object.entries(loadedLibs)) {
      const to = join(dirname(writeCache), LIBS[name].cache);
      writeFileSync(`${to}.${process.pid}.tmp`, lib.script.createCachedData());
      renameSync(`${to}.${process.pid}.tmp`, to);
    }
  }
});
