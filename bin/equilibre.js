#!/usr/bin/env node
// The executable entry: the single-file build, loaded with its code cache (bin/load-bundle.cjs).
import { existsSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';

const { loadBundle, file } = createRequire(import.meta.url)('./load-bundle.cjs');
if (!existsSync(file)) {
  process.stderr.write('equilibre: build missing (dist/equilibre.cjs); run `npm install` or `npm run build`\n');
  process.exit(2);
}
// The build's warm-up run compiles without the cache and writes a new one (scripts/build.mjs).
const writeCache = process.env.EQUILIBRE_WRITE_CACHE;
const { exports, script } = loadBundle(!writeCache);
await exports.run();
if (writeCache) {
  const tmp = `${writeCache}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, writeCache);
}
