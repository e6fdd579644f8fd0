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
 * The builds and their code caches, by command (scripts/build.mjs): `main` (every command, its
 * cache warmed by a report), `report` (dist/equilibre-report.cjs: the root command and `report`
 * alone, its cache warmed by a report) and `check` (dist/equilibre-check.cjs: the root command and
 * `check` alone, its cache warmed by a check). V8 deserialises every function of a cache when it
 * compiles the script, so a command starts fastest from a build and a cache that hold what it runs
 * and not what the others run (`check` never publishes an account).
 */
const BUILDS = {
  main: { file, cache: 'equilibre.cache' },
  report: { file: join(dist, 'equilibre-report.cjs'), cache: 'equilibre-report.cache' },
  check: { file: join(dist, 'equilibre-check.cjs'), cache: 'equilibre-check.cache' },
};

/**
 * The build for a command line (the words after `equilibre`): `check`'s for `equilibre check …`
 * and `report`'s for `equilibre report …`, also after `--lang X`; with any other option before the
 * command (`--help check` prints the root's help, which lists every command), or no command word
 * (`equilibre FILE`), the whole build.
 */
function cacheFor(argv) {
  let i = 0;
  if (argv[0] === '--lang') i = 2;
  else if (typeof argv[0] === 'string' && argv[0].startsWith('--lang=')) i = 1;
  return argv[i] === 'check' ? 'check' : argv[i] === 'report' ? 'report' : 'main';
}

/** { exports, script } of `file` run as a CommonJS module, compiled with the code cache `cache` when given and V8 accepts it. */
function run(file, cache) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (cache) {
    try { cachedData = readFileSync(join(dist, cache)); } catch { /* no cache: plain compile */ }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dist);
  return { exports: mod.exports, script };
}

/** Whether the caches are read (false in the build's warm-up runs, which write them). */
let readCaches = true;

/**
 * { exports, script } of the build of `cache` ('main', 'report' or 'check'), compiled with its code
 * cache; `useCache: false` compiles without one (to write a new one).
 */
function loadBundle(cache = 'main', useCache = true) {
  const build = BUILDS[cache] ?? BUILDS.main;
  readCaches = useCache;
  return run(build.file, useCache ? build.cache : undefined);
}

/**
 * Libraries built apart (scripts/build.mjs), loaded the first time the program reads one of their
 * exports, each with its code cache: the yaml package, which a file read by the one-pass reader
 * needs only to position a diagnostic.
 */
const LIBS = { yaml: { file: join(dist, 'yaml.cjs'), cache: 'yaml.cache' } };
/** The libraries this process loaded: name → { exports, script }. */
const loadedLibs = {};
function loadLib(name) {
  const lib = LIBS[name];
  if (!lib) throw new Error(`equilibre: no library ${name} in the build`);
  return (loadedLibs[name] ??= run(lib.file, readCaches ? lib.cache : undefined)).exports;
}

module.exports = { loadBundle, loadLib, loadedLibs, LIBS, cacheFor, file };
