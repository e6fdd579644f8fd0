import * as fs from 'node:fs';
import { it } from 'vitest';
import { runCli } from './test/helpers/cli';
const V = fs.readFileSync('test/fixtures/diagnostics/_valid.yaml', 'utf8');
it('x', async () => {
  const show = async (args: string[], files?: Record<string, string>) => { const r = await runCli(args, files ? { files } : {}); console.log('$', args.join(' '), '→', r.code, '\n' + r.stdout.slice(-1500) + '|' + r.stderr.slice(0, 2500)); };
  await show(['report', 'test/fixtures/diagnostics/YAML_ALIAS_LIMIT.yaml']);
  await show(['report', 'op.yaml'], { 'op.yaml': V.replace('  zone_hlm: 2\n', '') });
  await show(['report', 'op.yaml'], { 'op.yaml': V + 'x: ' + '['.repeat(100000) + '\n' });
  await show(['report', 'op.yaml'], { 'op.yaml': V.replace('    shab_m2: 650\n', '    shab_m2: 650\n    sale:\n      price_eur_per_m2_shab_ttc: 3000\n') });
  await show(['check', 'test/fixtures/diagnostics/FINANCING_BALANCED.yaml']);
  await show(['report', 'op.yaml', '--lang', 'en'], { 'op.yaml': V.replace('  price_eur_per_m2_sp: 250', '  price_eur_per_m2_sp: 250\n  taxes: { ta_rate_pct: 5, "ta_rate_pct": 6 }') });
});
