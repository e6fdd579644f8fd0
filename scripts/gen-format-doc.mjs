// `npm run docs:format`: rewrites the reference tables of docs/format.md from the description of
// every key (src/schema/keys.ts) and the schema (src/schema/operation.ts); `--check` only says
// whether they are up to date (exit 1 if not). The TypeScript is bundled by esbuild in memory.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const out = await build({ entryPoints: ['src/schema/format-doc.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
const dir = mkdtempSync(join(tmpdir(), 'equilibre-docs-'));
try {
  const file = join(dir, 'format-doc.cjs');
  writeFileSync(file, out.outputFiles[0].text);
  const { renderFormatDoc } = createRequire(import.meta.url)(file);
  const before = readFileSync('docs/format.md', 'utf8');
  const after = renderFormatDoc(before);
  if (process.argv.includes('--check')) {
    if (before !== after) { process.stderr.write('docs/format.md: the generated tables are out of date (npm run docs:format)\n'); process.exitCode = 1; }
  } else if (before !== after) {
    writeFileSync('docs/format.md', after);
    process.stdout.write('docs/format.md: tables regenerated\n');
  } else process.stdout.write('docs/format.md: up to date\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
