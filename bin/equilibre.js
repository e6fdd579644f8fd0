#!/usr/bin/env node
// The executable entry. It runs the single-file build (dist/equilibre.cjs, made by `npm run build`,
// which `npm install` runs) through vm.Script with the V8 code cache the build wrote beside it:
// a start-up without re-parsing the program (docs/performance.md).
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const file = join(dist, 'equilibre.cjs');
let source;
try {
  source = readFileSync(file, 'utf8');
} catch (e) {
  process.stderr.write(`equilibre: build missing (${e.code ?? e.message}); run \`npm install\` or \`npm run build\`\n`);
  process.exit(2);
}
let cachedData;
const writeCache = process.env.EQUILIBRE_WRITE_CACHE;
if (!writeCache) {
  try { cachedData = readFileSync(join(dist, 'equilibre.cache')); } catch { /* no cache: plain compile */ }
}
const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new vm.Script(wrapper, { filename: file, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(file), mod, file, dist);
await mod.exports.run();
if (writeCache) {
  const tmp = `${writeCache}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, writeCache);
}
