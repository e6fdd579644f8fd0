// Single-file build of the CLI (dist/equilibre.mjs): one file to read and compile at start-up,
// which keeps the cold start close to a bare `node -e 0` (docs/performance.md).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/entry.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/equilibre.mjs',
  minify: true,
  legalComments: 'linked',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
