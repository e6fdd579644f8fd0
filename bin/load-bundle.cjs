// Loads the single-file build (dist/equilibre.cjs, made by `npm run build`) through vm.Script with
// the V8 code cache the build wrote beside it: a start-up without re-parsing the program
// (docs/performance.md). Used by bin/equilibre.js and by the worker threads of `check --jobs`.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'equilibre.cjs');

/** { exports, script } of the build; `withCache: false` compiles without the cache (to write a new one). */
function loadBundle(withCache = true) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (withCache) {
    try { cachedData = readFileSync(join(dist, 'equilibre.cache')); } catch { /* no cache: plain compile */ }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dist);
  return { exports: mod.exports, script };
}

module.exports = { loadBundle, file };
