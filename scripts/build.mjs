// Build of the CLI, made for start-up time (docs/performance.md):
//  1. one CommonJS file, dist/equilibre.cjs (one file to read, nothing to resolve), and a smaller
//     one for `equilibre check`, dist/equilibre-check.cjs;
//  2. V8 code caches, dist/equilibre.cache and dist/equilibre-check.cache, produced by compiling
//     each file and running it once on the bundled example (a report, a check), so that a later
//     start skips parsing and compiling the functions the command uses. bin/equilibre.js loads the
//     build of its command through vm.Script with its cache, and falls back to a plain compile if
//     V8 rejects it (another Node version).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// commander requires node:child_process when it loads, for executable subcommands, which
// equilibre has none of; loading it pulls in net, dgram and the stream machinery (~4 ms of every
// start). Its require is served lazily: child_process loads only if something uses it.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.namespace === 'lazy-child-process' ? { path: 'node:child_process', external: true } : { path: 'child_process', namespace: 'lazy-child-process' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let cp; module.exports = new Proxy({}, { get: (_, key) => (cp ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

// The HTML renderer and ECharts (about 1 MB) form a second file, dist/equilibre-html.cjs, required
// only by `--format html`: the dynamic import in src/report/html/load.ts becomes a require of it,
// so that no other format reads, parses or caches it (report --format json starts as before).
const lazyHtml = {
  name: 'lazy-html',
  setup(b) {
    b.onResolve({ filter: /^\.\/index$/ }, (args) => (args.kind === 'dynamic-import' && /[\\/]report[\\/]html[\\/]load\.ts$/.test(args.importer) ? { path: 'html', namespace: 'lazy-html' } : undefined));
    b.onResolve({ filter: /^\.\/equilibre-html\.cjs$/ }, () => ({ path: './equilibre-html.cjs', external: true }));
    // a plain require, run when the import() runs (vm.Script has no dynamic-import callback)
    b.onLoad({ filter: /.*/, namespace: 'lazy-html' }, () => ({ contents: "module.exports = require('./equilibre-html.cjs');", loader: 'js' }));
  },
};

await build({
  entryPoints: ['src/report/html/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/equilibre-html.cjs',
  // ECharts' production build: no development checks or console warnings
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

// The xlsx renderer (and exceljs, ~1 MB) is a file of its own, dist/xlsx.cjs, required only when
// `--format xlsx` asks for it: the other formats neither read nor compile it.
const lazyXlsx = {
  name: 'lazy-xlsx',
  setup(b) {
    b.onResolve({ filter: /report\/xlsx\/index$/ }, () => ({ path: './xlsx.cjs', external: true }));
  },
};

// The yaml package (~115 KB) is a file of its own, dist/yaml.cjs, with its own code cache, loaded by
// bin/load-bundle.cjs (`loadLib`) the first time one of its exports is read: most files are read by
// the one-pass reader (src/load/fast-yaml.ts) and a run that positions no diagnostic neither reads,
// compiles nor initialises it. In the CLI's builds, `yaml` is a module of getters that load it.
await build({
  stdin: { contents: "module.exports = require('yaml');", resolveDir: '.', loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/yaml.cjs',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
const YAML_EXPORTS = Object.keys(require('yaml'));
const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'lazy-yaml' ? undefined : { path: 'yaml', namespace: 'lazy-yaml' }));
    b.onResolve({ filter: /^\.\.\/bin\/load-bundle\.cjs$/ }, () => ({ path: '../bin/load-bundle.cjs', external: true }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      contents: `let y; const load = () => (y ??= require('../bin/load-bundle.cjs').loadLib('yaml'));
for (const k of ${JSON.stringify(YAML_EXPORTS)}) Object.defineProperty(exports, k, { get: () => load()[k], enumerable: true });`,
      loader: 'js',
    }));
  },
};

// `import * as fs from 'node:fs'` in a CommonJS build becomes a copy of the module made of getters
// (esbuild's __toESM: a closure and a property for each of fs's ~100 exports) at each of the 15
// such imports, on every start: ~0.5 MB of young objects and a scavenge. Served instead by a module
// of named re-exports, `fs.readFileSync(…)` reads the property of `require('node:fs')` itself.
const builtinNamespaces = {
  name: 'builtin-namespaces',
  setup(b) {
    b.onResolve({ filter: /^node:(fs|path)$/ }, (args) => (args.namespace === 'builtin-namespaces' ? undefined : { path: args.path, namespace: 'builtin-namespaces' }));
    b.onLoad({ filter: /.*/, namespace: 'builtin-namespaces' }, (args) => {
      const names = Object.keys(require(args.path)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
      return { contents: `export { ${names.join(', ')} } from '${args.path}';`, loader: 'js' };
    });
  },
};

// commander's entry makes a Command at load (`program`, which equilibre does not use): its classes
// are taken from its files instead (the same classes, nothing made at load).
const COMMANDER_LIB = join(dirname(require.resolve('commander')), 'lib');
const commanderClasses = {
  name: 'commander-classes',
  setup(b) {
    b.onResolve({ filter: /^commander$/ }, (args) => (args.importer.includes('node_modules') ? undefined : { path: 'commander', namespace: 'commander-classes' }));
    b.onLoad({ filter: /.*/, namespace: 'commander-classes' }, () => ({
      contents: ['command', 'option', 'argument', 'help', 'error'].map((f) => `export * from ${JSON.stringify(join(COMMANDER_LIB, `${f}.js`))};`).join('\n'),
      loader: 'js',
      resolveDir: COMMANDER_LIB,
    }));
  },
};

// Three builds of the CLI (bin/load-bundle.cjs): dist/equilibre.cjs, every command;
// dist/equilibre-report.cjs, the root command and `report` alone (src/cli/entry-report.ts), which
// `equilibre report …` starts from; dist/equilibre-check.cjs, the root command and `check` alone
// (src/cli/entry-check.ts: about half the size, without the report, explain and the other
// commands), which `equilibre check …` starts from.
// esbuild writes the characters of strings and identifiers as ASCII escapes, not those of regular
// expression literals (`/caisse des d[ée]p[ôo]ts/`) and raw templates (String.raw`[-+−]…`, made
// into a RegExp): a single one makes the whole file UTF-8 to decode and a two-byte string for V8
// (~1 ms more to read, and more to compile from the code cache). In those places `\uXXXX` means the
// same character: every non-ASCII character of the CLI's builds is written so (test/startup.test.ts).
const asciiOnly = (file) => {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
};
asciiOnly('dist/yaml.cjs');

for (const [entry, outfile] of [['src/cli/entry.ts', 'dist/equilibre.cjs'], ['src/cli/entry-report.ts', 'dist/equilibre-report.cjs'], ['src/cli/entry-check.ts', 'dist/equilibre-check.cjs']]) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [lazyChildProcess, lazyHtml, lazyXlsx, lazyYaml, builtinNamespaces, commanderClasses],
    // import() of dist/xlsx.cjs becomes a require(): the bundle runs in a vm.Script, which has no dynamic import.
    supported: { 'dynamic-import': false },
  });
  asciiOnly(outfile);
}
await build({
  entryPoints: ['src/report/xlsx/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/xlsx.cjs',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
rmSync('dist/equilibre.mjs', { force: true });
// Three code caches (bin/load-bundle.cjs): dist/equilibre.cache, of dist/equilibre.cjs warmed by a
// report (every command but `report` and `check`), dist/equilibre-report.cache, of
// dist/equilibre-report.cjs warmed by the same report, and dist/equilibre-check.cache, of
// dist/equilibre-check.cjs warmed by a `check` (no published accounts, no searches).
// dist/yaml.cache is written by the warm-up runs that load the yaml package (the check of the
// example positions its warnings).
rmSync('dist/yaml.cache', { force: true });
for (const [cache, args, build] of [['equilibre.cache', ['report', 'examples/exemple.yaml', '--format', 'json'], 'main'], ['equilibre-report.cache', ['report', 'examples/exemple.yaml', '--format', 'json'], 'report'], ['equilibre-check.cache', ['check', 'examples/exemple.yaml', '-q'], 'check']]) {
  rmSync(`dist/${cache}`, { force: true });
  const r = spawnSync(process.execPath, ['bin/equilibre.js', ...args], {
    env: { ...process.env, EQUILIBRE_WRITE_CACHE: `dist/${cache}`, EQUILIBRE_BUILD: build },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0 && r.status !== 1) process.stderr.write(`build: the warm-up run \`${args.join(' ')}\` failed; dist/${cache} was not written (start-up will be slower)\n`);
}
