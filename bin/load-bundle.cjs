// Loads the single-file build (dist/equilibre.cjs, made by `npm run build`) through vm.Script with
// a V8 code cache the build wrote beside it: a start-up without re-parsing the program
// (docs/performance.md). Used by bin/equilibre.js and by the worker threads of `check --jobs`.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'equilibre.cjs');

/**
 * The code caches, by what warmed them (scripts/build.mjs): `report` (the default) and `check`. V8
 * deserialises every function of a cache when it compiles the script, so a command starts fastest
 * from a cache that holds what it runs and not what the other runs (`check` never publishes an
 * account). Any cache is valid for the build; a wrong choice only costs a few milliseconds.
 */
const CACHES = { report: 'equilibre.cache', check: 'equilibre-check.cache' };

/** The cache for a command line (the words after `equilibre`): `check`'s for `equilibre check …`. */
function cacheFor(argv) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') { i++; continue; }
    if (a.startsWith('-')) continue;
    return a === 'check' ? 'check' : 'report';
  }
  return 'report';
}

/**
 * { exports, script } of the build, compiled with the code cache `cache` ('report' or 'check');
 * `cache: null` compiles without one (to write a new one).
 */
function loadBundle(cache = 'report') {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (cache) {
    try { cachedData = readFileSync(join(dist, CACHES[cache] ?? CACHES.report)); } catch { /* no cache: plain compile */ }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dist);
  return { exports: mod.exports, script };
}

module.exports = { loadBundle, cacheFor, file };
