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
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

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

// Two builds of the CLI (bin/load-bundle.cjs): dist/equilibre.cjs, every command, and
// dist/equilibre-check.cjs, the root command and `check` alone (src/cli/entry-check.ts: about half
// the size, without the report, explain and the other commands), which `equilibre check …` starts from.
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

for (const [entry, outfile] of [['src/cli/entry.ts', 'dist/equilibre.cjs'], ['src/cli/entry-check.ts', 'dist/equilibre-check.cjs']]) {
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
    plugins: [lazyChildProcess, lazyHtml, lazyXlsx],
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
// Two code caches (bin/load-bundle.cjs): dist/equilibre.cache, of dist/equilibre.cjs warmed by a
// report (every command but `check`), and dist/equilibre-check.cache, of dist/equilibre-check.cjs
// warmed by a `check` (no published accounts, no searches).
for (const [cache, args] of [['equilibre.cache', ['report', 'examples/exemple.yaml', '--format', 'json']], ['equilibre-check.cache', ['check', 'examples/exemple.yaml', '-q']]]) {
  rmSync(`dist/${cache}`, { force: true });
  const r = spawnSync(process.execPath, ['bin/equilibre.js', ...args], {
    env: { ...process.env, EQUILIBRE_WRITE_CACHE: `dist/${cache}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0 && r.status !== 1) process.stderr.write(`build: the warm-up run \`${args.join(' ')}\` failed; dist/${cache} was not written (start-up will be slower)\n`);
}
