/**
 * `equilibre risk`: reproducible (same seed, same bytes; another seed, other figures), percentiles
 * in order, the zero-spread run equal to the exact evaluation to the cent, a probability worked by
 * hand (one normal input against a known break-even: Φ(z) within the Monte Carlo error), the
 * statistics against hand-worked values, every fixture with and without a `risk:` section, the
 * caps on --draws, and the `risk.` metrics in `check`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxConstructionInflation } from '../src/engine/sensitivity';
import { PERCENTILES, rankIndex, ranks, ranksBySearch, riskMetrics, runRisk, spearman } from '../src/risk/run';
import { drawer, normalCdf, normalQuantile, quantileOf } from '../src/risk/sample';
import { riskEvaluator } from '../src/risk/evaluator';
import { riskSpec } from '../src/risk/spec';
import type { Dec } from '../src/domain/money';
import { ROOT, runCli } from './helpers/cli';
import { evaluated, read, spreads, wide } from './helpers/risk';

const EXAMPLE = 'examples/exemple.yaml';
const FIXTURES = [EXAMPLE, ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`)];

const ZERO_SPREADS = spreads();
const WIDE = wide({ seed: 7, floorPct: 0.75 });

describe('statistics, against hand-worked values', () => {
  it('ranks give ties their average rank; Spearman of a known pair is 1 − 6Σd²/(n(n²−1))', () => {
    expect([...ranks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
    // d = (0, 1, −1, 0): ρ = 1 − 6·2/(4·15) = 0.8
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
  it('ranks by buckets are the ranks by a sort and a search, on generated values (ties, ±0, skewed, constant, few)', () => {
    let x = 7;
    const u = () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; };
    const kinds: ((i: number) => number)[] = [
      () => u() * 1000 - 500, () => Math.round(u() * 20), () => Math.exp(u() * 30), () => (u() < 0.5 ? 0 : -0), () => 3,
      (i) => (i % 7 === 0 ? 1e12 : u()), () => (u() < 0.9 ? 0 : u()), (i) => i, (i) => -i,
    ];
    for (const n of [1, 2, 3, 10, 333, 5000]) {
      for (const kind of kinds) {
        const xs = Float64Array.from({ length: n }, (_, i) => kind(i));
        expect([...ranks(xs)]).toEqual([...ranksBySearch(xs)]);
      }
    }
  });
  it('nearest-rank percentiles: P50 of 1…10 is the 5th value, P95 of 20 values the 19th, P5 of 10 the 1st', () => {
    expect(rankIndex(50, 10)).toBe(4);
    expect(rankIndex(95, 20)).toBe(18);
    expect(rankIndex(5, 10)).toBe(0);
  });
  it('Φ and Φ⁻¹: tabulated values (Φ(1.96) = 0.9750, Φ(−1) = 0.1587) and inverse of each other', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    for (const z of [-3, -1.2, 0, 0.4, 2.5]) expect(normalQuantile(normalCdf(z))).toBeCloseTo(z, 4);
    for (const u of [0.001, 0.1, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(u))).toBeCloseTo(u, 6);
  });
  it('the triangular quantile: the mode at u = (mode − min)/(max − min), the ends at 0 and 1', () => {
    const d = { kind: 'triangular' as const, min: -5, mode: 0, max: 15 };
    expect(quantileOf(d, 0.25)).toBeCloseTo(0, 12);
    expect(quantileOf(d, 0)).toBe(-5);
    expect(quantileOf(d, 1)).toBe(15);
    // below the mode: F(x) = (x − min)² / ((max − min)(mode − min)); F(−2.5) = 6.25/100
    expect(quantileOf(d, 0.0625)).toBeCloseTo(-2.5, 12);
  });
});

describe('equilibre risk: reproducible', { timeout: 60_000 }, () => {
  it('the same file and seed give byte-identical output (JSON and table); the default seed is printed', async () => {
    const a = await runCli(['risk', EXAMPLE, '--draws', '30', '-f', 'json']);
    const b = await runCli(['risk', EXAMPLE, '--draws', '30', '-f', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout);
    expect(j.seed).toBe(20260101);
    expect(j.generator).toEqual({ name: 'pure-rand xoroshiro128+', package: 'pure-rand', version: '8.4.2' });
    const t1 = await runCli(['risk', EXAMPLE, '--draws', '30', '--seed', '5']);
    const t2 = await runCli(['risk', EXAMPLE, '--draws', '30', '--seed', '5']);
    expect(t1.stdout).toBe(t2.stdout);
    expect(t1.stdout).toContain('graine 5');
    expect(t1.stdout).toContain('pure-rand xoroshiro128+');
    expect(j.sampling).toBe('plan');
    expect(t1.stdout).toContain('plan compilé');
  });
  it('different seeds give different draws', async () => {
    const a = JSON.parse((await runCli(['risk', EXAMPLE, '--draws', '30', '--seed', '1', '-f', 'json'])).stdout);
    const b = JSON.parse((await runCli(['risk', EXAMPLE, '--draws', '30', '--seed', '2', '-f', 'json'])).stdout);
    expect(a.metrics['risk.operation.balance_eur.mean']).not.toBe(b.metrics['risk.operation.balance_eur.mean']);
    expect(a.histogram.counts).not.toEqual(b.histogram.counts);
  });
  it('every distribution appears with its parameters and its source or « hypothèse »', async () => {
    const t = (await runCli(['risk', EXAMPLE, '--draws', '10', '--width', '200'])).stdout;
    expect(t).toContain('triangulaire, min −5, mode 0, max 15');
    expect(t).toContain('[INSEE-BT01]');
    expect(t).toContain('[LA-HIST]');
    expect(t).toContain('hypothèse');
    const e = (await runCli(['risk', EXAMPLE, '--draws', '10', '--lang', 'en', '--width', '200'])).stdout;
    expect(e).toContain('triangular, min −5, mode 0, max 15');
    expect(e).toMatch(/probabilities/i);
  });
});

describe('equilibre risk on every fixture, with and without a risk: section', { timeout: 60_000 }, () => {
  it.each(FIXTURES)('%s', (file) => {
    const text = read(file);
    for (const [name, t] of [['none', text], ['wide', text + WIDE]] as const) {
      const base = evaluated(file, t);
      const spec = riskSpec(base.model.input);
      const r = runRisk(base.model.input, base, file, { draws: 12, seed: spec.seed, spec });
      expect(r.failed, name).toBe(0);
      for (const f of r.figures) {
        const p = PERCENTILES.map((k) => f.percentiles[k]);
        if (p.some((v) => v === null)) continue;
        // P5 ≤ P10 ≤ P50 ≤ P90 ≤ P95 (exact figures of draws ordered on the sampling path: a cent of slack)
        for (let i = 1; i < p.length; i++) expect(p[i]!.plus(0.01).gte(p[i - 1]!), `${name} ${f.def.name} P${PERCENTILES[i]}`).toBe(true);
      }
      for (const q of r.probabilities) expect(q.pct.gte(0) && q.pct.lte(100)).toBe(true);
    }
  });
  it.each(FIXTURES)('%s: all spreads at zero, P50 equals the exact evaluation to the cent', (file) => {
    const text = read(file);
    const exact = evaluated(file, text);
    const base = evaluated(file, text + ZERO_SPREADS);
    const r = runRisk(base.model.input, base, file, { draws: 5, seed: 1 });
    const p50 = (name: string) => r.figures.find((f) => f.def.name === name)!.percentiles[50];
    expect(p50('operation.balance_eur')!.toFixed(2)).toBe(exact.operation.balanceEur.toFixed(2));
    for (const f of r.figures) {
      const m = exact.metrics.get(f.def.name)?.value;
      if (m && typeof m === 'object') expect(f.percentiles[50]!.toFixed(2), f.def.name).toBe(m.toFixed(2));
    }
    const balanced = r.probabilities.find((q) => q.name === 'operation.balanced')!.pct.toNumber();
    expect(balanced).toBe(exact.operation.balanced ? 100 : 0);
  });
});

describe('percentiles: the draw\'s sampled figure, or with exactPercentiles its exact figure', { timeout: 60_000 }, () => {
  it.each(FIXTURES)('%s: with wide spreads, each percentile within a cent of the exact figure of the same draw, money in whole cents', (file) => {
    const base = evaluated(file, read(file) + WIDE);
    const spec = riskSpec(base.model.input);
    const sampled = runRisk(base.model.input, base, file, { draws: 12, seed: 3, spec });
    const exact = runRisk(base.model.input, base, file, { draws: 12, seed: 3, spec, exactPercentiles: true });
    expect([sampled.exactPercentiles, exact.exactPercentiles]).toEqual([false, true]);
    sampled.figures.forEach((f, j) => {
      for (const k of PERCENTILES) {
        const a = f.percentiles[k], b = exact.figures[j]!.percentiles[k];
        if (b === null) { expect(a, `${f.def.name} P${k}`).toBeNull(); continue; }
        if (f.def.unit === 'eur') {
          expect(a!.decimalPlaces(), `${f.def.name} P${k}`).toBeLessThanOrEqual(2);
          expect(a!.minus(b).abs().toNumber(), `${f.def.name} P${k}`).toBeLessThanOrEqual(0.011);
        } else {
          // (the break-even is the sampling path's search either way)
          expect(a!.toString(), `${f.def.name} P${k}`).toBe(b.toString());
        }
      }
    });
  });
  it('the output says which: `exact_percentiles` in JSON, the note under the table', async () => {
    const a = await runCli(['risk', EXAMPLE, '--draws', '20', '-f', 'json']);
    const b = await runCli(['risk', EXAMPLE, '--draws', '20', '-f', 'json', '--exact-percentiles']);
    expect([JSON.parse(a.stdout).exact_percentiles, JSON.parse(b.stdout).exact_percentiles]).toEqual([false, true]);
    const t = (await runCli(['risk', EXAMPLE, '--draws', '20', '--exact-percentiles', '--width', '200'])).stdout;
    expect(t).toContain('réévalué exactement (--exact-percentiles)');
    expect((await runCli(['risk', EXAMPLE, '--draws', '20', '--width', '200'])).stdout).toContain('tel qu\'il a été calculé (au centime; --exact-percentiles');
  });
});

describe('the sampling path and the exact engine give a draw the same figures', () => {
  it.each(FIXTURES)('%s: compiled plan (levers) and exact engine (the drawn file) within a cent, on 6 wide draws', (file) => {
    const base = evaluated(file, read(file) + WIDE);
    const spec = riskSpec(base.model.input);
    const ev = riskEvaluator(base.model.input, base, file, spec);
    expect(ev.sampling).toBe('plan');
    const next = drawer(spec, 11);
    for (let i = 0; i < 6; i++) {
      const d = next();
      const s = ev.sample(d)!, x = ev.exact(d)!;
      ev.figures.forEach((f, j) => {
        const e = x.values[j];
        if (e === null || e === undefined) { expect(Number.isNaN(s.values[j]!), f.name).toBe(true); return; }
        expect(Math.abs(s.values[j]! - e.toNumber()), `${f.name} draw ${i}`).toBeLessThanOrEqual(f.unit === 'eur' ? 0.011 : 1e-9);
      });
    }
  }, 60_000);
});

describe('each owner\'s balance (issue 16: « each owner\'s balance »), on the compiled plan', { timeout: 60_000 }, () => {
  it.each(['fixtures/grandola-sccv.yaml', 'fixtures/bayonne-prisse-owners.yaml'])('%s: all spreads at zero, P50 of owner.<id>.balance_eur is the exact owner balance to the cent, its probability 100 or 0', (file) => {
    const text = read(file);
    const exact = evaluated(file, text);
    const owners = exact.owners!.owners;
    expect(owners.length).toBeGreaterThan(1);
    const base = evaluated(file, text + ZERO_SPREADS);
    const r = runRisk(base.model.input, base, file, { draws: 5, seed: 1 });
    expect(r.sampling).toBe('plan');
    const metrics = new Map(riskMetrics(r).map((m) => [m.name, m.value]));
    for (const o of owners) {
      // every draw is the base: each statistic is the owner's exact balance (its lots' margins and needs, docs/owners.md)
      for (const stat of ['p5', 'p10', 'p50', 'p90', 'p95', 'mean']) expect((metrics.get(`risk.owner.${o.id}.balance_eur.${stat}`) as Dec).toFixed(2), `${o.id} ${stat}`).toBe(o.balanceEur.toFixed(2));
      expect((metrics.get(`risk.owner.${o.id}.balanced_probability_pct`) as Dec).toNumber(), o.id).toBe(o.balanceEur.gte(0) ? 100 : 0);
    }
    for (const g of exact.owners!.ofs) expect((metrics.get(`risk.ofs.${g.id}.min_cumulative_eur.p50`) as Dec).toFixed(2)).toBe(g.minCumulativeEur.toFixed(2));
  });
  it('bayonne-prisse-owners: the owners\' balances add up to the operation\'s in every draw (no transfer declared), and the sampled owner balances move with the draws', () => {
    const file = 'fixtures/bayonne-prisse-owners.yaml';
    const base = evaluated(file, read(file) + WIDE);
    const spec = riskSpec(base.model.input);
    const ev = riskEvaluator(base.model.input, base, file, spec, false);
    expect(ev.sampling).toBe('plan');
    const ix = (name: string) => ev.figures.findIndex((f) => f.name === name);
    const owners = base.owners!.owners.map((o) => ix(`owner.${o.id}.balance_eur`));
    expect(owners.every((j) => j >= 0)).toBe(true);
    const next = drawer(spec, 5);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const v = ev.sample(next())!.values;
      // Σ owners = the operation: sale and VEFA margins, rental needs, the OFS's consolidated need, each in one owner
      const total = owners.reduce((s, j) => s + v[j]!, 0);
      expect(Math.abs(total - v[ix('operation.balance_eur')]!)).toBeLessThan(0.01);
      seen.add(v[owners[0]!]!.toFixed(2));
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});

describe('a probability worked by hand', () => {
  it('one normal input, construction cost N(0, σ): P(balanced) = Φ(x*/σ), x* the break-even inflation, within 3·√(p(1−p)/N)', () => {
    const text = read(EXAMPLE);
    const plain = evaluated(EXAMPLE, text);
    // x*: the largest construction inflation at which the example still balances (the sensitivity search)
    const be = maxConstructionInflation(plain.model.input, plain, EXAMPLE);
    expect(be.kind).toBe('found');
    const xStar = (be as { value: number }).value;
    const sigma = xStar / 0.6; // z = 0.6: p ≈ 0.7257
    const spec = spreads({ construction_cost_pct: `{ normal: [0, ${sigma.toFixed(6)}] }` });
    const base = evaluated(EXAMPLE, text + spec);
    const N = 800;
    const r = runRisk(base.model.input, base, EXAMPLE, { draws: N, seed: 3 });
    const p = normalCdf(xStar / Number(sigma.toFixed(6)));
    const got = r.probabilities.find((q) => q.name === 'operation.balanced')!.pct.toNumber() / 100;
    expect(Math.abs(got - p)).toBeLessThanOrEqual(3 * Math.sqrt((p * (1 - p)) / N));
    // the construction cost is the only thing that varies: it drives the spread, against the balance
    expect(r.drivers[0]!.id).toBe('construction');
    expect(r.drivers[0]!.rho!).toBeLessThan(-0.99);
    // the bearable rise of every reported draw is the same x* (within the 0.01 % of the search's rounding down)
    const bearable = r.figures.find((f) => f.def.name === 'sensitivity.max_construction_inflation_pct')!;
    // (the search stops within 0.001 point of the root, which lies in [x*, x* + 0.01))
    for (const k of PERCENTILES) expect(bearable.percentiles[k]!.toNumber() - xStar, `P${k}`).toBeGreaterThanOrEqual(-0.001);
    for (const k of PERCENTILES) expect(bearable.percentiles[k]!.toNumber() - xStar, `P${k}`).toBeLessThan(0.011);
  }, 60_000);
});

describe('each draw\'s break-even is sensitivity\'s (the end of the balanced side)', () => {
  // Locus Solus sells nothing: its balance is Σ min(0, need) — flat at 0 wherever every account
  // balances. The bearable rise is where that flat part ends (sensitivity's maxConstructionInflation,
  // a bisection on the balanced/unbalanced side), not any point of it (a search stopping at the first
  // zero balance found answered −50 %, the end of the range).
  it.each(['fixtures/locus-solus.yaml', EXAMPLE])('%s: all spreads at zero, every percentile of the break-even is the base\'s, within the search\'s tolerance', (file) => {
    const text = read(file);
    const plain = evaluated(file, text);
    const be = maxConstructionInflation(plain.model.input, plain, file);
    expect(be.kind).toBe('found');
    // (sensitivity rounds down to the hundredth of a point: the end lies in [x*, x* + 0.01))
    const xStar = (be as { value: number }).value;
    const base = evaluated(file, text + ZERO_SPREADS);
    const r = runRisk(base.model.input, base, file, { draws: 5, seed: 1 });
    const bearable = r.figures.find((f) => f.def.name === 'sensitivity.max_construction_inflation_pct')!;
    for (const k of PERCENTILES) {
      expect(bearable.percentiles[k]!.toNumber() - xStar, `P${k}`).toBeGreaterThanOrEqual(-0.001);
      expect(bearable.percentiles[k]!.toNumber() - xStar, `P${k}`).toBeLessThan(0.011);
    }
  }, 60_000);
});

describe('equilibre risk: options and caps', { timeout: 60_000 }, () => {
  it('--draws beyond the cap of the file format, or not a number: INVALID_OPTION, exit 2', async () => {
    const r = await runCli(['risk', EXAMPLE, '--draws', '2000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('INVALID_OPTION');
    expect(r.stderr).toContain('1000000');
    expect((await runCli(['risk', EXAMPLE, '--seed', '-3'])).code).toBe(2);
  });
  it('more work than --max-evaluations: TOO_MANY_EVALUATIONS before any draw, with the option that would allow it', async () => {
    const r = await runCli(['risk', EXAMPLE, '--draws', '100000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TOO_MANY_EVALUATIONS');
    expect(r.stderr).toMatch(/--max-evaluations \d+/);
    expect(r.stdout).toBe('');
  });
  it('--no-break-even: one evaluation a draw, the same draws, no bearable-rise figure', async () => {
    const a = JSON.parse((await runCli(['risk', EXAMPLE, '--draws', '20', '-f', 'json'])).stdout);
    const b = JSON.parse((await runCli(['risk', EXAMPLE, '--draws', '20', '-f', 'json', '--no-break-even'])).stdout);
    expect(b.metrics['risk.sensitivity.max_construction_inflation_pct.p50']).toBeUndefined();
    expect(a.metrics['risk.sensitivity.max_construction_inflation_pct.p50']).toEqual(expect.any(Number));
    expect(b.metrics['risk.operation.balance_eur.p50']).toBe(a.metrics['risk.operation.balance_eur.p50']);
  });
  it('the table fits --width 60, in French and in English (terminal columns)', async () => {
    for (const lang of ['fr', 'en']) {
      const r = await runCli(['risk', EXAMPLE, '--draws', '10', '--width', '60', '--lang', lang]);
      for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(60);
    }
  });
  it('markdown and html render', async () => {
    const md = await runCli(['risk', EXAMPLE, '--draws', '10', '-f', 'markdown']);
    expect(md.stdout).toContain('| P50 |');
    const html = await runCli(['risk', EXAMPLE, '--draws', '10', '-f', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<svg');
  });
});

describe('risk metrics in check', { timeout: 60_000 }, () => {
  it('an in-file check on risk.operation.balanced_probability_pct runs the file’s risk: section', async () => {
    const text = read(EXAMPLE) + '\nrisk:\n  draws: 20\n';
    const withChecks = text.replace(/^checks:.*\n/m, 'checks:\n  - risk.operation.balanced_probability_pct >= 0\n  - risk.operation.balance_eur.p95 >= -1e12\n');
    expect(withChecks).not.toBe(text);
    const ok = await runCli(['check', 'r.yaml'], { files: { 'r.yaml': withChecks } });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const failing = withChecks.replace('balanced_probability_pct >= 0', 'balanced_probability_pct > 100');
    const ko = await runCli(['check', 'r.yaml'], { files: { 'r.yaml': failing } });
    expect(ko.code).toBe(1);
    expect(ko.stdout).toContain('risk.operation.balanced_probability_pct');
  });
});
