// `npm run bench`: build the CLI (with its code cache) and the benchmark, then run it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
await build({ entryPoints: ['bench/bench.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: 'dist/bench.cjs', logLevel: 'warning' });
const r = spawnSync(process.execPath, ['dist/bench.cjs'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
