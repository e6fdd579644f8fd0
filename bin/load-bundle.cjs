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
 * The builds and their code caches, by command (scripts/build.mjs): `report` (the default: every
 * command, its cache warmed by a report) and `check` (dist/equilibre-check.cjs: the root command
 * and `check` alone, its cache warmed by a check). V8 deserialises every function of a cache when
 * it compiles the script, so a command starts fastest from a build and a cache that hold what it
 * runs and not what the others run (`check` never publishes an account).
 */
const BUILDS = {
  report: { file, cache: 'equilibre.cache' },
  check: { file: join(dist, 'equilibre-check.cjs'), cache: 'equilibre-check.cache' },
};

/**
 * The build for a command line (the words after `equilibre`): `check`'s for `equilibre check …`
 * and `equilibre --lang X check …`; with any other option before the command (`--help check`
 * prints the root's help, which lists every command), the whole build.
 */
function cacheFor(argv) {
  let i = 0;
  if (argv[0] === '--lang') i = 2;
  else if (typeof argv[0] === 'string' && argv[0].startsWith('--lang=')) i = 1;
  return argv[i] === 'check' ? 'check' : 'report';
}

/**
 * { exports, script } of the build of `cache` ('report' or 'check'), compiled with its code cache;
 * `useCache: false` compiles without one (to write a new one).
 */
function loadBundle(cache = 'report', useCache = true) {
  const build = BUILDS[cache] ?? BUILDS.report;
  const source = readFileSync(build.file, 'utf8');
  let cachedData;
  if (useCache) {
    try { cachedData = readFileSync(join(dist, build.cache)); } catch { /* no cache: plain compile */ }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: build.file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(build.file), mod, build.file, dist);
  return { exports: mod.exports, script };
}

module.exports = { loadBundle, cacheFor, file };
