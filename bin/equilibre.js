#!/usr/bin/env node
// The executable entry: the single-file build made by `npm run build` (run by `npm install`).
import('../dist/equilibre.mjs').then(
  (m) => m.run(),
  (e) => {
    process.stderr.write(`equilibre: build missing or broken (${e && e.message}); run \`npm install\` or \`npm run build\`\n`);
    process.exitCode = 2;
  },
);
