/**
 * Every exit path of every command, through the built binary (a real process): 0 evaluated and
 * nothing failed · 1 evaluated and a check failed (check, or --strict) · 2 could not evaluate.
 * Never a stack trace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBin } from './helpers/cli';

const D = 'test/fixtures/diagnostics';
let tmp = '';
beforeAll(() => { ensureBuilt(); tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-exit-')); });
afterAll(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

const cases: [string, () => string[], number][] = [
  ['report: evaluated', () => ['report', 'examples/exemple.yaml'], 0],
  ['report: warnings do not fail without --strict', () => ['report', `${D}/RENT_ABOVE_MAXIMUM.yaml`], 0],
  ['report --strict: a warning fails', () => ['report', `${D}/RENT_ABOVE_MAXIMUM.yaml`, '--strict'], 1],
  ['report: schema error', () => ['report', `${D}/WRONG_TYPE.yaml`], 2],
  ['report: YAML error', () => ['report', `${D}/YAML_SYNTAX.yaml`], 2],
  ['report: missing file', () => ['report', path.join(tmp, 'absent.yaml')], 2],
  ['default command: equilibre FILE', () => ['examples/exemple.yaml', '--format', 'json'], 0],
  ['unknown command', () => ['chek', 'x.yaml'], 2],
  ['no arguments: the help and how to start', () => [], 2],
  ['unknown option', () => ['report', 'examples/exemple.yaml', '--bogus'], 2],
  ['check: every fixture passes', () => ['check', 'fixtures/*.yaml', '-q'], 0],
  ['check: an assertion fails', () => ['check', `${D}/ASSERTION.yaml`], 1],
  ['check --strict: a warning fails', () => ['check', `${D}/RENTAL_TEST.yaml`, '--strict'], 1],
  ['check: a warning alone does not fail', () => ['check', `${D}/RENTAL_TEST.yaml`], 0],
  ['check: a broken file among good ones — 2 wins', () => ['check', 'fixtures/terra-arte.yaml', `${D}/ASSERTION.yaml`, `${D}/YAML_SYNTAX.yaml`], 2],
  ['check: unknown metric in an assertion', () => ['check', `${D}/UNKNOWN_METRIC.yaml`], 2],
  ['check: a pattern that matches nothing', () => ['check', 'nowhere/*.yaml'], 2],
  ['sensitivity: evaluated', () => ['sensitivity', 'fixtures/roubaix-esperance.yaml', '--no-tornado'], 0],
  ['risk: evaluated', () => ['risk', 'fixtures/roubaix-esperance.yaml', '--draws', '5'], 0],
  ['risk: broken file', () => ['risk', `${D}/WRONG_TYPE.yaml`], 2],
  ['risk: bad --draws', () => ['risk', 'fixtures/roubaix-esperance.yaml', '--draws', '0'], 2],
  ['sensitivity: bad range', () => ['sensitivity', 'fixtures/roubaix-esperance.yaml', '--construction', '30:0:5'], 2],
  ['sensitivity: broken file', () => ['sensitivity', `${D}/WRONG_TYPE.yaml`], 2],
  ['compare: evaluated', () => ['compare', 'fixtures/roubaix-esperance.yaml', 'fixtures/roubaix-esperance-plus-30.yaml', '--no-goal-seek'], 0],
  ['compare: unknown rank metric', () => ['compare', 'fixtures/roubaix-esperance.yaml', '--rank', 'operation.balanse_eur'], 2],
  ['compare: invalid variant', () => ['compare', `${D}/VARIANT_INVALID.yaml`], 2],
  ['loan: a schedule', () => ['loan', '--amount', '100000', '--product', 'PLUS'], 0],
  ['loan: bad amount', () => ['loan', '--amount', 'abc', '--product', 'PLUS'], 2],
  ['params', () => ['params', '--year', '2025'], 0],
  ['params: unknown year', () => ['params', '--year', '1990'], 2],
  ['schema', () => ['schema'], 0],
  ['init to stdout', () => ['init'], 0],
  ['init into an existing file', () => ['init', 'examples/exemple.yaml'], 2],
];

describe('exit codes through the built binary', () => {
  for (const [name, args, code] of cases) {
    it(`${name} → ${code}`, () => {
      const r = runBin(args());
      expect(r.code, `${args().join(' ')}\n${r.stderr}`).toBe(code);
      for (const out of [r.stdout, r.stderr]) {
        expect(out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        expect(out).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/);
      }
      if (code === 2 && args().length > 0) expect(r.stderr).toMatch(/(erreur|error)\[[A-Z_]+\]/);
      if (args().length === 0) expect(r.stderr).toContain('equilibre init');
    }, 60_000);
  }
});

describe('the failing assertion of the issue: `- cost_price.total_ttc_eur <= 1`', () => {
  it('exits 1 and prints expected, actual, difference and the line of that assertion', () => {
    const base = fs.readFileSync('examples/exemple.yaml', 'utf8').replace(/\nchecks:[\s\S]*$/, '\n');
    const text = `${base}checks:\n  - cost_price.total_ttc_eur <= 1\n`;
    const file = path.join(tmp, 'ttc.yaml');
    fs.writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('cost_price.total_ttc_eur <= 1')) + 1;
    const r = runBin(['check', file]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain(`[ASSERTION]: ${file}:${line}:5`);
    expect(out).toContain(`${line} |   - cost_price.total_ttc_eur <= 1`);
    // the TTC cost price of the example, from its own report
    const ttc = JSON.parse(runBin(['report', file, '--format', 'json']).stdout).metrics['cost_price.total_ttc_eur'] as number;
    const fr = (n: number) => n.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
    expect(out).toContain(`attendu <= 1, obtenu ${fr(ttc)} €`);
    expect(out).toContain(`écart ${fr(ttc - 1)} €`);
    expect(out).toMatch(/^\d+ passed, 1 failed$/m);
  }, 60_000);
});
