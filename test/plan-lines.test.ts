/**
 * The compiled plan on accounts written line by line (src/fast/lines.ts): the levers it refuses
 * because the exact engine would read the edited file otherwise, and the fallback of its callers.
 * (The figures of every line form are bounded against the exact engine in test/fast-path.test.ts,
 * on test/fixtures/plan/lines-all.yaml, the two fixtures with lines and generated operations.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { applyLever, evalInput } from '../src/engine/sensitivity';
import { drawer } from '../src/risk/sample';
import { compilePlan, PlanUnsupported } from '../src/fast/plan';
import { riskEvaluator } from '../src/risk/evaluator';
import { riskSpec } from '../src/risk/spec';

const BASE = readFileSync('test/fixtures/plan/lines-all.yaml', 'utf8');

/** The base file with `extra` lines appended under `assumptions.lines` (indented by four). */
const withLines = (extra: string): string => {
  // (a line and its shorthand together are an error, LINE_SHORTHAND_CONFLICT: the shorthand goes)
  let t = BASE.replace('  lines:\n', `  lines:\n${extra}`);
  if (extra.includes('vacancy:')) t = t.replace('  vacancy_pct: 2.5\n', '');
  if (extra.includes('rents:')) t = t.replace('  irl_path_pct: [1.2, 1.6, 1.9]\n', '');
  return t;
};

const evaluated = (text: string) => {
  const r = runText('lines.yaml', text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { input: r.load.input!, base: r.evaluation! };
};

describe('levers the plan refuses on an account written line by line', () => {
  it('none on a file whose lines follow the file-wide shorthands (every lever modelled)', () => {
    const { base } = evaluated(BASE);
    expect(compilePlan(base).unsupportedLevers).toEqual([]);
  });

  it('a map path starting after year 2 (its first years on the charges indexation): chargesIndexationPts listed, and evaluate throws', () => {
    const text = BASE.replace('indexation_path_pct: {2028: 2.4, 2031: 1.9}', 'indexation_path_pct: {2030: 2.4, 2031: 1.9}');
    const { input, base } = evaluated(text);
    const plan = compilePlan(base);
    expect(plan.unsupportedLevers).toEqual(['chargesIndexationPts']);
    expect(() => plan.evaluate({ chargesIndexationPts: 0.5 })).toThrow(PlanUnsupported);
    // the other levers still run on the plan, to the cent of the exact engine
    const moved = applyLever(input, base, 'construction', 9)!;
    const exact = evalInput(moved, 'lines.yaml')!;
    const r = plan.evaluate({ constructionPct: 9 });
    expect(Math.abs(r.balanceEur - exact.operation.balanceEur.toNumber())).toBeLessThanOrEqual(0.01);
    for (const l of exact.rental!.lots) expect(Math.abs(r.lotMinCumulativeEur[l.lotIndex]! - l.account.minCumulativeEur.toNumber())).toBeLessThanOrEqual(0.01);
  });

  it('lines.vacancy: the vacancy lever moves that line (sensitivity and risk edit it, not vacancy_pct), on the plan to the cent', () => {
    const { input, base } = evaluated(withLines('    vacancy:\n      pct_of_rents: 4\n'));
    const plan = compilePlan(base);
    expect(plan.unsupportedLevers).toEqual([]);
    for (const x of [-3, 1.5, 60]) {
      const mod = applyLever(input, base, 'vacancy', x)!;
      // 4 + x points, held within 0…50 %
      expect(Number(mod.assumptions!.lines!.vacancy!.pct_of_rents)).toBe(Math.min(50, Math.max(0, 4 + x)));
      expect(mod.assumptions!.vacancy_pct).toBeUndefined();
      const exact = evalInput(mod, 'lines.yaml')!;
      const r = plan.evaluate({ vacancyPts: x });
      expect(Math.abs(r.balanceEur - exact.operation.balanceEur.toNumber()), `vacancy ${x}`).toBeLessThanOrEqual(0.01);
      for (const l of exact.rental!.lots) expect(Math.abs(r.lotMinCumulativeEur[l.lotIndex]! - l.account.minCumulativeEur.toNumber())).toBeLessThanOrEqual(0.01);
    }
  });

  it('lines.vacancy with rates by year (by_year_pct): the lever moves the line\'s rate, not the years given; on the plan to the cent', () => {
    // (the fixture also gives bad_debt and cglls by year: years 2 and 3 have rates of their own, year 1 and 2028 (year 2) a vacancy)
    const { input, base } = evaluated(withLines('    vacancy:\n      pct_of_rents: 4\n      by_year_pct: {1: 9, 2028: 4.5}\n'));
    const plan = compilePlan(base);
    expect(plan.unsupportedLevers).toEqual([]);
    for (const x of [0, -3, 1.5]) {
      const mod = applyLever(input, base, 'vacancy', x)!;
      expect(mod.assumptions!.lines!.vacancy!.by_year_pct).toEqual({ 1: 9, 2028: 4.5 });
      const exact = evalInput(mod, 'lines.yaml')!;
      const r = plan.evaluate({ vacancyPts: x });
      expect(Math.abs(r.balanceEur - exact.operation.balanceEur.toNumber()), `vacancy ${x}`).toBeLessThanOrEqual(0.01);
      for (const l of exact.rental!.lots) expect(Math.abs(r.lotMinCumulativeEur[l.lotIndex]! - l.account.minCumulativeEur.toNumber())).toBeLessThanOrEqual(0.01);
    }
    // and the rates by year matter: without them the year-1 losses differ
    const plain = evaluated(withLines('    vacancy:\n      pct_of_rents: 4\n'));
    expect(plain.base.rental!.total.rows[0]!.lossesEur.eq(base.rental!.total.rows[0]!.lossesEur)).toBe(false);
  });

  it('risk samples the exact engine when a refused lever moves, the plan otherwise', () => {
    const text = BASE.replace('indexation_path_pct: {2028: 2.4, 2031: 1.9}', 'indexation_path_pct: {2030: 2.4, 2031: 1.9}');
    const moving = evaluated(`${text}risk:\n  charges_indexation_pct: { normal: [0, 1] }\n`);
    expect(riskEvaluator(moving.input, moving.base, 'lines.yaml', riskSpec(moving.input), false).sampling).toBe('exact');
    const still = evaluated(`${text}risk:\n  charges_indexation_pct: { normal: [0, 0] }\n  construction_cost_pct: { normal: [0, 5] }\n`);
    expect(riskEvaluator(still.input, still.base, 'lines.yaml', riskSpec(still.input), false).sampling).toBe('plan');
  });

  it.each([
    ['a rate', '    rents:\n      indexation_pct: 1.5\n'],
    ['a map path', '    rents:\n      indexation_path_pct: {3: 1.4, 2029: 2.1}\n'],
  ])('risk on lines.rents with %s: a drawn IRL moves the rents\' own path, the plan and the exact engine agree within a cent', (_name, extra) => {
    const { input, base } = evaluated(`${withLines(extra)}risk:\n  irl_pct: { normal: [0, 1] }\n  construction_cost_pct: { normal: [0, 5] }\n`);
    const spec = riskSpec(input);
    const ev = riskEvaluator(input, base, 'lines.yaml', spec, false);
    expect(ev.sampling).toBe('plan');
    const next = drawer(spec, 9);
    for (let i = 0; i < 4; i++) {
      const d = next();
      expect(d.values.irl).not.toBe(0);
      const s = ev.sample(d)!, x = ev.exact(d)!;
      ev.figures.forEach((f, j) => { const e = x.values[j]; expect(e === null || e === undefined, `${f.name} draw ${i}: the drawn file evaluates`).toBe(false); expect(Math.abs(s.values[j]! - e!.toNumber()), `${f.name} draw ${i}`).toBeLessThanOrEqual(0.011); });
    }
  });

  it('risk on lines.vacancy: a drawn vacancy moves the line, the plan and the exact engine agree within a cent', () => {
    const { input, base } = evaluated(`${withLines('    vacancy:\n      pct_of_rents: 4\n')}risk:\n  vacancy_pct: { normal: [0, 2] }\n  construction_cost_pct: { normal: [0, 5] }\n`);
    const spec = riskSpec(input);
    const ev = riskEvaluator(input, base, 'lines.yaml', spec, false);
    expect(ev.sampling).toBe('plan');
    const next = drawer(spec, 3);
    for (let i = 0; i < 4; i++) {
      const d = next();
      const s = ev.sample(d)!, x = ev.exact(d)!;
      ev.figures.forEach((f, j) => { const e = x.values[j]; if (e !== null && e !== undefined) expect(Math.abs(s.values[j]! - e.toNumber()), `${f.name} draw ${i}`).toBeLessThanOrEqual(0.011); });
    }
  });
});
