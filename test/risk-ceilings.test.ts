/**
 * `equilibre risk`: the probability that each home-ownership lot's sale price stays under its
 * PSLA/BRS ceiling (`risk.sale.<lot>.within_ceiling_probability_pct`) and that every one does
 * (`risk.sales.within_ceilings_probability_pct`), src/risk/ceilings.ts.
 *
 * Worked by hand: a given price p moved by a normal spread of σ % under a ceiling c passes with
 * probability Φ((c/p − 1)/σ), a triangular one with the triangular distribution function at
 * 100·(c/p − 1); a price derived from the target margin moves linearly with the construction cost
 * (its cost price does), so under a normal construction spread it passes with Φ(x* / σ), x* the
 * construction change where the engine's own derived price reaches the ceiling. The price a draw is
 * tested at is checked against the exact engine's (the drawn file, derived prices left to the engine).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalInput } from '../src/engine/sensitivity';
import { copyData } from '../src/load/overrides';
import { runRisk, riskMetrics, type RiskResult } from '../src/risk/run';
import { drawer, normalCdf } from '../src/risk/sample';
import { drawInput, riskEvaluator } from '../src/risk/evaluator';
import { ceilingTests, drawnPriceHtPerM2Su } from '../src/risk/ceilings';
import { riskSpec } from '../src/risk/spec';
import type { Evaluation } from '../src/engine/evaluate';
import type { OperationFile } from '../src/schema/operation';
import { ROOT, runCli } from './helpers/cli';
import { evaluated, read, spreads, wide } from './helpers/risk';

const EXAMPLE = 'examples/exemple.yaml';
const FIXTURES = [EXAMPLE, 'examples/sccv.yaml', ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`)];

const WIDE = wide({ seed: 7 });
/** The evaluation of a file with its zone's PSLA/BRS price ceiling set to `ceiling` (€ HT/m² SU) under `parameters:`. */
function withCeiling(base: Evaluation, ceiling: number): Evaluation {
  const input = copyData(base.model.input) as OperationFile;
  input.parameters = { ...(input.parameters ?? {}), [`psla.price_ceiling.${base.model.zoneAbcKey}`]: ceiling };
  return evalInput(input, base.model.file)!;
}
const prob = (r: RiskResult, name: string) => r.probabilities.find((p) => p.name === name)?.pct.toNumber();
/** The Monte Carlo error bound: three standard errors of a share p over N draws. */
const mcError = (p: number, N: number) => 3 * Math.sqrt((p * (1 - p)) / N);

describe('probabilities worked by hand', () => {
  it('a given price p, sale prices N(0, σ %), ceiling c: P = Φ((c/p − 1)/σ) within 3 standard errors', () => {
    const base = evaluated(EXAMPLE, read(EXAMPLE) + spreads({ sale_prices_pct: '{ normal: [0, 10] }' }));
    // the example's PSLA lot: price given in the file (3 200 € TTC/m² SHAB), its ceiling the zone's
    const lot = base.sales!.lots.find((l) => base.model.lots[l.lotIndex]!.id === 'psla')!;
    expect(lot.priceOrigin).toBe('file');
    const p = lot.priceHtPerM2Su.toNumber();
    // a ceiling 6 % above the price: z = 0.06/0.10 = 0.6
    const c = p * 1.06;
    const b = withCeiling(base, c);
    const N = 2000;
    const r = runRisk(b.model.input, b, EXAMPLE, { draws: N, seed: 5, breakEven: false });
    const want = normalCdf((c / p - 1) / 0.10);
    expect(want).toBeCloseTo(0.7257, 4);
    const got = prob(r, 'sale.psla.within_ceiling')! / 100;
    expect(Math.abs(got - want)).toBeLessThanOrEqual(mcError(want, N));
    // one lot with a ceiling: all lots under their ceilings is that lot's test
    expect(prob(r, 'sales.within_ceilings')).toBe(prob(r, 'sale.psla.within_ceiling'));
  }, 60_000);

  it('the same on the exact engine (a file revised on the BT01 with a moving works delay: the plan does not take it): Φ((c/p − 1)/σ)', () => {
    const text = read(EXAMPLE).replace(/^  price_revision: .*$/m, '  price_revision_bt01: { price_date: 2025-06, midpoint_date: 2027-01 }');
    expect(text).toContain('price_revision_bt01');
    const base = evaluated(EXAMPLE, text + spreads({ sale_prices_pct: '{ normal: [0, 10] }' }).replace('works_delay_months: { normal: [0, 0] }', 'works_delay_months: { triangular: [0, 0, 6] }'));
    const p = base.sales!.lots.find((l) => base.model.lots[l.lotIndex]!.id === 'psla')!.priceHtPerM2Su.toNumber();
    const b = withCeiling(base, p * 1.06);
    expect(riskEvaluator(b.model.input, b, EXAMPLE, riskSpec(b.model.input), false).sampling).toBe('exact');
    const N = 400;
    const r = runRisk(b.model.input, b, EXAMPLE, { draws: N, seed: 5, breakEven: false });
    expect(r.sampling).toBe('exact');
    // (the works delay moves the cost, not a price given in the file)
    const want = normalCdf(0.6);
    expect(Math.abs(prob(r, 'sale.psla.within_ceiling')! / 100 - want)).toBeLessThanOrEqual(mcError(want, N));
  }, 60_000);

  it('a given price, sale prices triangular(−10, 0, +20) %: P = F(100·(c/p − 1)), F the triangular distribution function', () => {
    const base = evaluated(EXAMPLE, read(EXAMPLE) + spreads({ sale_prices_pct: '{ triangular: [-10, 0, 20] }' }));
    const p = base.sales!.lots.find((l) => base.model.lots[l.lotIndex]!.id === 'psla')!.priceHtPerM2Su.toNumber();
    const c = p * 1.05; // x* = +5 %, above the mode: F = 1 − (20 − 5)²/((20 + 10)(20 − 0)) = 1 − 225/600 = 0.625
    const b = withCeiling(base, c);
    const N = 2000;
    const r = runRisk(b.model.input, b, EXAMPLE, { draws: N, seed: 9, breakEven: false });
    const want = 0.625;
    expect(Math.abs(prob(r, 'sale.psla.within_ceiling')! / 100 - want)).toBeLessThanOrEqual(mcError(want, N));
  }, 60_000);

  it('a price derived from the target margin moves with the construction cost: P = Φ(x*/σ), x* where the engine\'s derived price meets the ceiling', () => {
    const file = 'fixtures/village-vertical.yaml';
    const plain = evaluated(file);
    const psla = plain.sales!.lots.find((l) => plain.model.lots[l.lotIndex]!.tenure === 'PSLA')!;
    expect(psla.priceOrigin).toBe('target_margin');
    const id = plain.model.lots[psla.lotIndex]!.id;
    // the engine derives the price itself from the file with its construction costs scaled by (1 + x %)
    const priceAt = (x: number): number => {
      const input = copyData(plain.model.input) as OperationFile;
      const k = 1 + x / 100;
      input.construction.cost_eur_per_m2_shab *= k;
      for (const l of input.lots) if (l.cost_eur_per_m2_shab !== undefined) l.cost_eur_per_m2_shab *= k;
      for (const s of input.construction.common_spaces ?? []) if (s.cost_eur_per_m2_shab !== undefined) s.cost_eur_per_m2_shab *= k;
      const ev = evalInput(input, file)!;
      return ev.sales!.lots.find((l) => l.lotIndex === psla.lotIndex)!.priceHtPerM2Su.toNumber();
    };
    const p0 = priceAt(0), p10 = priceAt(10), pm10 = priceAt(-10);
    expect(p10).toBeGreaterThan(p0);
    // linear in x (the cost price is): the slope is the same on either side, to a cent per m²
    expect(Math.abs((p10 - p0) - (p0 - pm10))).toBeLessThan(0.01);
    // a ceiling 4 % above the base price: x* = 10·(c − p0)/(p10 − p0); σ = x*/0.8 so that z = 0.8
    const c = p0 * 1.04;
    const xStar = (10 * (c - p0)) / (p10 - p0);
    const sigma = Number((xStar / 0.8).toFixed(6));
    const base = withCeiling(evaluated(file, read(file) + spreads({ construction_cost_pct: `{ normal: [0, ${sigma}] }`, sale_prices_pct: '{ normal: [0, 30] }' })), c);
    const N = 2000;
    const r = runRisk(base.model.input, base, file, { draws: N, seed: 21, breakEven: false });
    const want = normalCdf(xStar / sigma);
    expect(want).toBeCloseTo(normalCdf(0.8), 6);
    // (the sale-price draw, wide here, does not move a derived price: what the operation needs is its cost)
    expect(Math.abs(prob(r, `sale.${id}.within_ceiling`)! / 100 - want)).toBeLessThanOrEqual(mcError(want, N));
  }, 60_000);
});

describe('the price a draw is tested at is the exact engine\'s', () => {
  it.each(FIXTURES)('%s: on 6 wide draws, the price read from revenue and margin equals the engine\'s price of the drawn file to a cent per m² SU', (file) => {
    const base = evaluated(file, read(file) + WIDE);
    const tests = ceilingTests(base);
    if (!tests.length) return;
    const spec = riskSpec(base.model.input);
    const next = drawer(spec, 13);
    for (let i = 0; i < 6; i++) {
      const d = next();
      // the drawn file as the run evaluates it (derived prices frozen, every price moved by the draw)…
      const frozen = drawInput(base.model.input, base, spec.livretAFloorPct, d);
      const ev = evalInput(frozen, file)!;
      // … and with the derived prices left to the engine (derived again at the draw's costs)
      const free = copyData(frozen) as OperationFile;
      for (const s of base.sales!.lots) if (s.priceOrigin === 'target_margin') delete free.lots[s.lotIndex]!.sale!.price_eur_per_m2_shab_ht;
      const evFree = evalInput(free, file)!;
      for (const c of tests) {
        const num = (n: string) => (ev.metrics.get(n)!.value as { toNumber(): number }).toNumber();
        const got = drawnPriceHtPerM2Su(c, num(c.revenue), num(c.margin));
        const lotIndex = base.model.lots.findIndex((l) => l.id === c.lot);
        const want = (c.derived ? evFree : ev).sales!.lots.find((l) => l.lotIndex === lotIndex)!.priceHtPerM2Su.toNumber();
        expect(Math.abs(got - want), `${c.lot} draw ${i}`).toBeLessThan(0.01);
      }
    }
  }, 60_000);

  it('the sampling path\'s flags agree with the exact engine\'s test of the drawn file, on draws both sides of the ceiling (bayonne-prisse: two derived BRS lots, one OFS each)', () => {
    const file = 'fixtures/bayonne-prisse.yaml';
    const plain = evaluated(file, read(file) + WIDE);
    const brs = plain.sales!.lots.find((l) => l.ceilingHtPerM2Su !== null)!;
    const b = withCeiling(plain, brs.priceHtPerM2Su.toNumber() * 1.05);
    const spec = riskSpec(b.model.input);
    const ev = riskEvaluator(b.model.input, b, file, spec, false);
    expect(ev.sampling).toBe('plan');
    const tests = ceilingTests(b);
    expect(tests.map((c) => c.lot)).toEqual(['brs', 'brs_participatif']);
    const at = ev.booleans.indexOf(tests[0]!.name);
    expect(ev.booleans.slice(at)).toEqual(['sale.brs.within_ceiling', 'sale.brs_participatif.within_ceiling', 'sales.within_ceilings']);
    const next = drawer(spec, 4);
    const seen = new Set<number>();
    for (let i = 0; i < 24; i++) {
      const d = next();
      const flags = ev.sample(d)!.flags;
      const free = drawInput(b.model.input, b, spec.livretAFloorPct, d);
      for (const s of b.sales!.lots) if (s.priceOrigin === 'target_margin') delete free.lots[s.lotIndex]!.sale!.price_eur_per_m2_shab_ht;
      const exact = evalInput(free, file)!;
      tests.forEach((c, k) => {
        const l = exact.sales!.lots.find((x) => b.model.lots[x.lotIndex]!.id === c.lot)!;
        if (Math.abs(l.priceHtPerM2Su.minus(l.ceilingHtPerM2Su!).toNumber()) > 0.01) expect(flags[at + k], `${c.lot} draw ${i}`).toBe(l.priceWithinCeiling ? 1 : 0);
        seen.add(flags[at + k]!);
      });
      // the operation's flag: every lot under its ceiling
      expect(flags[at + 2]).toBe(flags[at]! & flags[at + 1]!);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  }, 60_000);
});

describe('every fixture, all spreads at zero: 100 % or 0 % as the base check passes or fails', () => {
  it.each([...FIXTURES, 'test/fixtures/diagnostics/PRICE_ABOVE_CEILING.yaml'])('%s', (file) => {
    const base = evaluated(file, read(file) + spreads());
    const r = runRisk(base.model.input, base, file, { draws: 3, seed: 1, breakEven: false });
    const withCeiling = (base.sales?.lots ?? []).filter((l) => l.priceWithinCeiling !== null);
    for (const l of base.sales?.lots ?? []) {
      const id = base.model.lots[l.lotIndex]!.id;
      // a lot without a ceiling (a market sale, even at a « prix maîtrisé ») gets no probability
      if (l.priceWithinCeiling === null) expect(prob(r, `sale.${id}.within_ceiling`), id).toBeUndefined();
      else expect(prob(r, `sale.${id}.within_ceiling`), id).toBe(l.priceWithinCeiling ? 100 : 0);
    }
    expect(prob(r, 'sales.within_ceilings')).toBe(withCeiling.length === 0 ? undefined : withCeiling.every((l) => l.priceWithinCeiling) ? 100 : 0);
    if (file.includes('PRICE_ABOVE_CEILING')) expect(prob(r, 'sale.psla.within_ceiling')).toBe(0);
  }, 60_000);
});

describe('metrics, reproducibility, reports', { timeout: 60_000 }, () => {
  const text = read(EXAMPLE) + spreads({ sale_prices_pct: '{ normal: [0, 10] }' }).replace('risk:\n', 'risk:\n  draws: 400\n') + 'parameters:\n  psla.price_ceiling.b1: 3170\n';
  it('the metrics risk.sale.<lot>.within_ceiling_probability_pct and risk.sales.within_ceilings_probability_pct; a lot without a ceiling has none', () => {
    const base = evaluated('f.yaml', text);
    const names = riskMetrics(runRisk(base.model.input, base, 'f.yaml', { draws: 50, seed: 1, breakEven: false })).map((m) => m.name);
    expect(names).toContain('risk.sale.psla.within_ceiling_probability_pct');
    expect(names).toContain('risk.sales.within_ceilings_probability_pct');
    expect(names.filter((n) => n.includes('within_ceiling'))).toHaveLength(2);
    // bayonne-prisse: two libre lots (one at a « prix maîtrisé »), no ceiling in the engine: no probability
    const bp = evaluated('fixtures/bayonne-prisse.yaml');
    const bpNames = riskMetrics(runRisk(bp.model.input, bp, 'bp.yaml', { draws: 5, seed: 1, breakEven: false })).map((m) => m.name).filter((n) => n.includes('within_ceiling'));
    expect(bpNames).toEqual(['risk.sale.brs.within_ceiling_probability_pct', 'risk.sale.brs_participatif.within_ceiling_probability_pct', 'risk.sales.within_ceilings_probability_pct']);
  });
  it('the same seed gives the same probability to the byte; another seed another one', async () => {
    const files = { 'f.yaml': text };
    const a = await runCli(['risk', 'f.yaml', '-f', 'json', '--no-break-even'], { files });
    const b = await runCli(['risk', 'f.yaml', '-f', 'json', '--no-break-even'], { files });
    const c = await runCli(['risk', 'f.yaml', '-f', 'json', '--no-break-even', '--seed', '2'], { files });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const pa = JSON.parse(a.stdout).metrics['risk.sale.psla.within_ceiling_probability_pct'];
    const pc = JSON.parse(c.stdout).metrics['risk.sale.psla.within_ceiling_probability_pct'];
    expect(pa).toBeGreaterThan(0);
    expect(pa).toBeLessThan(100);
    expect(pc).not.toBe(pa);
    expect(JSON.parse(a.stdout).metrics['risk.sales.within_ceilings_probability_pct']).toBe(pa);
    // the lot tested, as written: the ceiling given under parameters:, the price of the file (3 200 € TTC/m² SHAB)
    const [lot] = JSON.parse(a.stdout).ceilings;
    expect(lot).toMatchObject({ lot: 'psla', price_origin: 'file', ceiling_ht_eur_per_m2_su: 3170, ceiling_unverified: false });
    expect(lot.price_ht_eur_per_m2_su).toBeLessThan(3170);
  });
  it('usable in checks: (check runs the file\'s risk: section)', async () => {
    const withChecks = text.replace(/^checks:.*\n/m, 'checks:\n  - risk.sale.psla.within_ceiling_probability_pct >= 1\n  - risk.sales.within_ceilings_probability_pct <= 99\n');
    expect(withChecks).not.toBe(text);
    const ok = await runCli(['check', 'f.yaml'], { files: { 'f.yaml': withChecks } });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const ko = await runCli(['check', 'f.yaml'], { files: { 'f.yaml': withChecks.replace('>= 1\n', '>= 99.9\n') } });
    expect(ko.code).toBe(1);
    expect(ko.stdout).toContain('risk.sale.psla.within_ceiling_probability_pct');
  });
  it('table (French, English), markdown: one line a lot and one for all, with how the price is drawn', async () => {
    const files = { 'f.yaml': text };
    const fr = (await runCli(['risk', 'f.yaml', '--no-break-even', '--width', '80'], { files })).stdout;
    expect(fr).toContain('Lot psla: prix de vente sous le plafond PSLA/BRS');
    expect(fr).toContain('Tous les lots PSLA/BRS sous leur plafond de prix');
    // the ceiling given under parameters: is the file's, not the embedded unverified one
    expect(fr).not.toContain('non vérifié');
    expect(fr).toContain('arrêté du 26 mars 2004');
    for (const line of fr.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    const en = (await runCli(['risk', 'f.yaml', '--no-break-even', '--lang', 'en'], { files })).stdout;
    expect(en).toContain('Lot psla: sale price under the PSLA/BRS ceiling');
    expect(en).toContain('Every PSLA/BRS lot under its price ceiling');
    const plain = (await runCli(['risk', EXAMPLE, '--draws', '10', '--no-break-even'])).stdout;
    expect(plain).toContain('Plafond 2026 non vérifié (paramètre psla.price_ceiling.b1');
    const md = (await runCli(['risk', 'f.yaml', '--no-break-even', '-f', 'markdown'], { files })).stdout;
    expect(md).toMatch(/\| Lot psla: prix de vente sous le plafond PSLA\/BRS \| +\d/);
  });
});
