/**
 * Sensitivity ranges (issue 12 point 3) and budgets for long work (point 8). Expected counts are
 * worked from the documented rules (README « Plages de sensibilité et budget des calculs longs »):
 * a range a:b:s has floor((b − a)/s) + 1 values; sensitivity = Σ sweep values + 14 (tornado) +
 * grid cells + 12 (break-even search) + 40 (goal seeks); compare = scenarios × (1 + 12 + 40); the
 * cap is on evaluations × lots, inclusive. Lot and variant counts are read from the YAML here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { processIo, type Io } from '../src/cli/io';
import { parse, stringify } from 'yaml';
import { ROOT, runCli } from './helpers/cli';

const VALID = 'test/fixtures/diagnostics/_valid.yaml';
const ROUBAIX = 'fixtures/roubaix-esperance.yaml';
const yamlOf = (f: string) => parse(fs.readFileSync(path.join(ROOT, f), 'utf8'));
const lotsOf = (f: string): number => yamlOf(f).lots.length;
const FAST = ['--no-tornado', '--no-goal-seek'];

describe('sensitivity ranges: each rule says which one failed (BAD_RANGE, exit 2)', () => {
  const cases: [string[], RegExp][] = [
    [['--livret-a', '0:100:10'], /--livret-a "0:100:10": 100 pt hors bornes: le Livret A de l'opération .* doit rester entre 0 et 20 %/],
    [['--construction', '-200:0:50'], /--construction "-200:0:50": −200 % hors bornes: une variation doit être > −100 % \(le coût de construction ne peut devenir nul ni négatif\)/],
    [['--construction', '-100:0:50'], /−100 % hors bornes/],
    [['--land', '0:1001:1001'], /--land "0:1001:1001": 1 001 % hors bornes.*≤ \+1000 %/],
    [['--prices', '-150:0:10'], /les prix de vente ne peut devenir nul/],
    [['--subsidies', '-110:0:10'], /--subsidies "-110:0:10": −110 % hors bornes: une variation des subventions va de −100 %/],
    [['--construction', '30:0:5'], /le début \(30\) dépasse la fin \(0\): une plage va en croissant/],
    [['--construction', '0:30:0'], /le pas doit être > 0 \(ici 0\)/],
    [['--construction', '0:30:-5'], /le pas doit être > 0 \(ici −5\)/],
    [['--construction', '0:1000:1'], /"0:1000:1": 1001 valeurs, au-delà du maximum de 201 par plage/],
    [['--construction', '0:30:5:1'], /syntaxe début:fin:pas attendue/],
    [['--rents', 'abc'], /--rents "abc": syntaxe début:fin:pas attendue/],
    [['--vacancy', '-10:5'], /--vacancy "-10:5": −10 pt hors bornes: la vacance de l'opération .* doit rester entre 0 et 50 %/],
    [['--grid', 'construction:0:30:5,livret-a:0:30:1'], /--grid livret-a "0:30:1": 30 pt hors bornes/],
    [['--grid', 'construction:30:0:5,rents:0:5:1'], /--grid construction "30:0:5": le début \(30\) dépasse la fin/],
  ];
  for (const [args, re] of cases) {
    it(args.join(' '), async () => {
      const r = await runCli(['sensitivity', ROUBAIX, ...args, ...FAST]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^erreur\[BAD_RANGE\]: /);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).toMatch(/\naide: \S/);
      expect(r.stderr).not.toMatch(/erreur interne|^\s+at /m);
    });
  }
  it('in English with --lang en', async () => {
    const r = await runCli(['sensitivity', ROUBAIX, '--construction', '-200:0:50', '--lang', 'en', ...FAST]);
    expect(r.stderr).toMatch(/^error\[BAD_RANGE\]: --construction "-200:0:50": −200 % out of bounds: a change must be > −100 %/);
    expect(r.stderr).toMatch(/\nhint: for this lever: /);
  });

  it('bounds that depend on the operation: Livret A within 0–20 %, vacancy within 0–50 %, inclusive', async () => {
    // Livret A 3 % flat: from −3 to +17 points. Vacancy 5 %: from −5 to +45 points.
    const set = ['--set', 'assumptions.livret_a_pct=3', '--set', 'assumptions.livret_a_path_pct=[3]', '--set', 'assumptions.vacancy_pct=5'];
    const run = (...a: string[]) => runCli(['sensitivity', ROUBAIX, ...set, ...a, ...FAST, '--format', 'json']);
    const ok = await run('--livret-a', '-3:17:20', '--vacancy', '-5:45:50');
    expect(ok.code, ok.stderr).toBe(0);
    const doc = JSON.parse(ok.stdout);
    expect(doc.sweeps.find((s: { lever: string }) => s.lever === 'livret_a').steps.map((x: { x: number }) => x.x)).toEqual([-3, 17]);
    expect(doc.sweeps.find((s: { lever: string }) => s.lever === 'vacancy').steps.map((x: { x: number }) => x.x)).toEqual([-5, 45]);
    for (const bad of [['--livret-a', '-3.5:0'], ['--livret-a', '17.5:17.5'], ['--vacancy', '-5.5:0'], ['--vacancy', '45.5:46']]) {
      const r = await run(...bad);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/BAD_RANGE/);
    }
  });

  it('accepted neighbours: just above −100 %, subsidies at −100 %, a single point, a comma decimal', async () => {
    const r = await runCli(['sensitivity', ROUBAIX, '--construction', '-99.5:-99.5', '--subsidies', '-100:0:100', '--rents', '2,5:2,5', ...FAST, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const xs = (id: string) => doc.sweeps.find((s: { lever: string }) => s.lever === id).steps.map((x: { x: number }) => x.x);
    expect(xs('construction')).toEqual([-99.5]);
    expect(xs('subsidies')).toEqual([-100, 0]);
    expect(xs('rents')).toEqual([2.5]);
    // a cost above zero: the cost price stays positive
    expect(doc.sweeps[0].steps[0].cost_price_ttc_eur).toBeGreaterThan(0);
  });
});

describe('budgets: counted before the work, capped, overridable (TOO_MANY_EVALUATIONS, exit 2)', () => {
  it('sensitivity: the count from the options, the cap inclusive, the message says how to raise it', async () => {
    const lots = lotsOf(VALID);
    // --construction 0:10:5 → 3 values; + 12 for the break-even search = 15 evaluations.
    const units = 15 * lots;
    const over = await runCli(['sensitivity', VALID, '--construction', '0:10:5', ...FAST, '--max-evaluations', String(units - 1)]);
    expect(over.code).toBe(2);
    expect(over.stdout).toBe('');
    expect(over.stderr).toMatch(new RegExp(`^erreur\\[TOO_MANY_EVALUATIONS\\]: sensitivity ferait environ 15 évaluations d'opérations de ${lots} lot\\(s\\) au plus \\(--construction 3, recherches ~12\\), soit ${units} évaluations de lot, au-delà du plafond de ${units - 1}\\n`));
    expect(over.stderr).toMatch(new RegExp(`aide: .*--max-evaluations ${units}\\n$`));
    const at = await runCli(['sensitivity', VALID, '--construction', '0:10:5', ...FAST, '--max-evaluations', String(units)]);
    expect(at.code, at.stderr).toBe(0);
    expect(at.stderr).toBe(''); // not a terminal: no progress display
  });

  it('sensitivity: tornado, grid and goal seeks are counted', async () => {
    const lots = lotsOf(VALID);
    // default sweep 0:30:5 → 7; tornado 14; grid 3 × 4 = 12; searches 12 + 40 → 85 evaluations.
    const r = await runCli(['sensitivity', VALID, '--grid', 'construction:0:10:5,rents:0:3:1', '--max-evaluations', '1', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`sensitivity would do about 85 evaluations of operations of up to ${lots} lot(s) (--construction 7, tornado 14, grid 3 × 4, searches ~52), that is ${85 * lots} lot-evaluations, above the cap of 1`);
  });

  it('compare: scenarios (each file and each variant) × (1 + 12 + 40)', async () => {
    const f = 'fixtures/roubaix-esperance-variants.yaml';
    const scenarios = 1 + yamlOf(f).variants.length;
    const lots = lotsOf(f);
    const r = await runCli(['compare', f, '--max-evaluations', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`compare ferait environ ${scenarios * 53} évaluations d'opérations de ${lots} lot(s) au plus (${scenarios} scénario(s) × ~53), soit ${scenarios * 53 * lots} évaluations de lot`);
    const noSeek = await runCli(['compare', f, '--no-goal-seek', '--max-evaluations', String(scenarios * 13 * lots)]);
    expect(noSeek.code, noSeek.stderr).toBe(0);
  });

  it('compare of a 200-lot file with 50 variants, and its sensitivity with wide ranges, stop at once under the default cap', async () => {
    const doc = yamlOf('examples/exemple.yaml');
    const proto = doc.lots[0];
    doc.lots = Array.from({ length: 200 }, (_, i) => ({ ...proto, id: `l${i}` }));
    delete doc.checks;
    doc.variants = Array.from({ length: 50 }, (_, k) => ({ name: `v${k}`, set: { 'construction.cost_eur_per_m2_shab': 1700 + k } }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-budget-'));
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, stringify(doc));
    try {
      const r = await runCli(['compare', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      // 51 scenarios × 53 × 200 lots = 540 600 lot-evaluations > 50 000
      expect(r.stderr).toContain("compare ferait environ 2 703 évaluations d'opérations de 200 lot(s) au plus (51 scénario(s) × ~53), soit 540 600 évaluations de lot, au-delà du plafond de 50 000");
      expect(r.stderr).toContain('--max-evaluations 540600');
      // sensitivity of the same 200 lots with wide ranges: (151 + 151 + 14 + 12 + 40) × 200 = 73 600
      const s = await runCli(['sensitivity', file, '--construction', '-50:100:1', '--rents', '-50:100:1']);
      expect(s.code).toBe(2);
      expect(s.stdout).toBe('');
      expect(s.stderr).toContain("sensitivity ferait environ 368 évaluations d'opérations de 200 lot(s) au plus (--construction 151, --rents 151, tornade 14, recherches ~52), soit 73 600 évaluations de lot, au-delà du plafond de 50 000");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  for (const bad of ['0', '-1', 'abc', '1.5', '']) {
    it(`--max-evaluations ${JSON.stringify(bad)} is a usage error`, async () => {
      for (const cmd of [['sensitivity', VALID], ['compare', VALID]]) {
        const r = await runCli([...cmd, '--max-evaluations', bad]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^erreur\[INVALID_OPTION\]: --max-evaluations .*un nombre entier ≥ 1 attendu/);
      }
    });
  }
});

describe('compare shows the progress bar of sensitivity on a terminal', () => {
  function ttyIo(isTTY: boolean): Io & { out: string[]; err: string[] } {
    const real = processIo();
    const out: string[] = [], err: string[] = [];
    return {
      out, err, stdout: (x) => out.push(x), stderr: (x) => err.push(x), readFile: (f) => real.readFile(path.resolve(ROOT, f)), writeFile: () => undefined,
      exists: (f) => fs.existsSync(path.resolve(ROOT, f)), env: { NO_COLOR: '1' }, stderrIsTTY: isTTY, cwd: ROOT,
    };
  }
  // A clock that moves 400 ms at each reading: the run "lasts" more than a second after a few ticks.
  const slowClock = () => { let t = 0; return vi.spyOn(performance, 'now').mockImplementation(() => (t += 400)); };

  it('on a TTY: the bar appears once the run lasts over a second, and is cleared at the end', async () => {
    const spy = slowClock();
    try {
      const io = ttyIo(true);
      const code = await main(['compare', 'fixtures/roubaix-esperance-variants.yaml', '--no-goal-seek'], io);
      expect(code).toBe(0);
      expect(io.err.some((x) => /^\rcomparaison \[#* *\] \d+ %$/.test(x))).toBe(true);
      expect(io.err[io.err.length - 1]).toMatch(/^\r +\r$/);
      expect(io.out.join('')).toContain('roubaix');
    } finally { spy.mockRestore(); }
  });
  it('not a terminal, or NO_PROGRESS: nothing on standard error', async () => {
    const spy = slowClock();
    try {
      const io = ttyIo(false);
      expect(await main(['compare', 'fixtures/roubaix-esperance-variants.yaml', '--no-goal-seek'], io)).toBe(0);
      expect(io.err).toEqual([]);
      const quiet = ttyIo(true);
      quiet.env.NO_PROGRESS = '1';
      expect(await main(['compare', 'fixtures/roubaix-esperance-variants.yaml', '--no-goal-seek'], quiet)).toBe(0);
      expect(quiet.err).toEqual([]);
    } finally { spy.mockRestore(); }
  });
});

describe('hostile ranges (fast-check): exit 0 or 2, never a crash, values within the lever bounds', () => {
  it('random range texts on every lever', async () => {
    const fc = (await import('fast-check')).default;
    const lots = lotsOf(ROUBAIX);
    const numText = fc.oneof(
      fc.integer({ min: -300, max: 300 }).map(String),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => String(x)),
      fc.constantFrom('0', '-100', '-99.99', '1000', '1000.5', '20', '1e3', '−5', '2,5', '', ' ', 'NaN', 'Infinity', '0x10', '9'.repeat(40)),
    );
    const rangeText = fc.oneof(
      fc.tuple(numText, numText, numText).map(([a, b, s]) => `${a}:${b}:${s}`),
      fc.tuple(numText, numText).map(([a, b]) => `${a}:${b}`),
      fc.string({ maxLength: 12 }),
    );
    const lever = fc.constantFrom('construction', 'land', 'livret-a', 'rents', 'vacancy', 'subsidies', 'prices');
    const LIMITS: Record<string, [number, number]> = { construction: [-100, 1000], land: [-100, 1000], rents: [-100, 1000], prices: [-100, 1000], subsidies: [-100, 1000] };
    await fc.assert(fc.asyncProperty(lever, rangeText, fc.boolean(), async (lv, text, asGrid) => {
      const args = asGrid ? ['--grid', `${lv}:${text},construction:0:1:1`] : [`--${lv}`, text];
      // a tight budget: whatever the range, at most ~30 evaluations run
      const r = await runCli(['sensitivity', ROUBAIX, ...args, ...FAST, '--format', 'json', '--max-evaluations', String(30 * lots)]);
      expect([0, 2]).toContain(r.code);
      expect(r.stderr).not.toMatch(/erreur interne|^\s+at /m);
      expect(r.stderr.split(JSON.stringify(text)).join('"…"').split(text).join('…')).not.toMatch(/undefined|NaN|Infinity/); // but in the echoed input
      if (r.code === 2) { expect(r.stderr).toMatch(/^erreur\[(BAD_RANGE|TOO_MANY_EVALUATIONS|INVALID_OPTION)\]: \S/); return; }
      const doc = JSON.parse(r.stdout);
      const id = lv.replace('-', '_');
      const xs: number[] = asGrid ? (doc.grid.a === id ? doc.grid.xs : doc.grid.ys) : doc.sweeps.find((s: { lever: string }) => s.lever === id).steps.map((s: { x: number }) => s.x);
      const lim = LIMITS[lv];
      if (lim) for (const x of xs) { expect(x).toBeGreaterThanOrEqual(lim[0]); expect(x).toBeLessThanOrEqual(lim[1]); if (lv !== 'subsidies') expect(x).toBeGreaterThan(-100); }
      if (!asGrid) for (const s of doc.sweeps[0].steps) expect(s.cost_price_ttc_eur).toBeGreaterThan(0);
    }), { numRuns: 60 });
  }, 120_000);
});
