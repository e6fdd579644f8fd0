/**
 * Issue 17 [calendar]: the letting date (prorated first year, first annuity in year 2), the
 * remunerated equity advance, the 100-year horizon and the constant euros — each against figures
 * worked by hand from its rule (docs/format.md), not against the program's own output.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runText } from '../src/pipeline';
import type { Evaluation } from '../src/engine/evaluate';
import { firstYearFraction } from '../src/engine/calendar';
import { rentalJson } from '../src/report/rental';
import { D } from '../src/domain/money';
import { compilePlan } from '../src/fast/plan';
import { synthesisOf } from '../src/report/synthesis';
import { explainerFor } from '../src/explain/index';
import { leaves, mismatches } from './explain-check';

function op(operation: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): string {
  return stringify({
    format: 'equilibre/v1',
    operation: { name: 'Test', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026, ...operation },
    land: { price_eur: 100000 },
    construction: { cost_eur_per_m2_shab: 1500, shab_sp_ratio: 0.85, fees_pct: 10, insurance_pct: 1, contingencies_pct: 0 },
    lots: [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700 }],
    ...extra,
  });
}

function evalOk(text: string): Evaluation {
  const r = runText('t.yaml', text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.evaluation!;
}

const LINES = ['rentEur', 'annexRentEur', 'lossesEur', 'collectedEur', 'managementEur', 'maintenanceEur', 'majorMaintenanceEur', 'tfpbEur', 'insuranceEur', 'contributionsEur'] as const;

describe('first-year fraction (spec17 §A)', () => {
  it('day 1 of month m → (13 − m)/12; another day → (12 − m + (D_m − d + 1)/D_m)/12', () => {
    expect(firstYearFraction('2028-12-01').eq(D(1).div(12))).toBe(true);
    expect(firstYearFraction('2028-01-01').eq(1)).toBe(true);
    expect(firstYearFraction('2028-07-01').eq(D(6).div(12))).toBe(true);
    // 15 March: 9 full months + 17 days of 31 → (9 + 17/31)/12 = 296/372 = 0.795698924731…
    expect(firstYearFraction('2027-03-15').toNumber()).toBeCloseTo(296 / 372, 14);
    // 29 February of a leap year: 10 months + 1/29
    expect(firstYearFraction('2028-02-29').toNumber()).toBeCloseTo((10 + 1 / 29) / 12, 14);
    // 31 December: 1 day of 31
    expect(firstYearFraction('2028-12-31').toNumber()).toBeCloseTo(1 / 31 / 12, 14);
  });
});

describe('letting date: prorated first year, first annuity in year 2', () => {
  const base = evalOk(op());
  const dec = evalOk(op({ letting_date: '2028-12-01' }));
  const b = base.rental!, d = dec.rental!;

  it('letting 1 December: year-1 rents and every year-1 charge are 1/12 of the full-year figures', () => {
    const full = b.total.rows[0]!, part = d.total.rows[0]!;
    for (const k of LINES) expect(part[k].times(12).minus(full[k]).abs().lt(1e-12), k).toBe(true);
    expect(full.rentEur.gt(50000)).toBe(true); // not vacuous: a real rent
    // year 2 is a full year, indexed as without a date
    for (const k of LINES) expect(d.total.rows[1]![k].eq(b.total.rows[1]![k]), k).toBe(true);
  });

  it('first annuity in year 2, last in year n + 1; horizon = longest loan + 1; test over the main loan + 1', () => {
    const loans = b.loans;
    const longest = Math.max(...loans.map((l) => l.spec.durationYears));
    const main = Math.max(...loans.filter((l) => l.line.line === 'building').map((l) => l.spec.durationYears));
    expect(d.total.rows[0]!.annuitiesEur.isZero()).toBe(true);
    // account year y carries schedule row y − 1
    for (const y of [2, 3, main, main + 1, longest + 1]) {
      const expected = loans.reduce((s, l) => s.plus(l.schedule.rows[y - 2]?.annuityEur ?? 0), D(0));
      expect(d.total.rows[y - 1]!.annuitiesEur.eq(expected), `year ${y}`).toBe(true);
    }
    expect(d.total.rows[longest]!.annuitiesEur.gt(0)).toBe(true);
    expect(d.horizonYears).toBe(longest + 1);
    expect(b.horizonYears).toBe(longest);
    expect(d.total.testYears).toBe(main + 1);
    expect(b.total.testYears).toBe(main);
  });

  it('letting 15 March: year 1 × (9 + 17/31)/12, worked by hand from the full year', () => {
    const mar = evalOk(op({ letting_date: '2027-03-15' })).rental!;
    const f = (9 + 17 / 31) / 12;
    // rent: 12 × 700 m² × 6.4251 €/m²/month (PLUS zone 2 2026 × CS 0.99) = 53 970.84 € a full year
    expect(mar.total.rows[0]!.rentEur.toNumber()).toBeCloseTo(53970.84 * f, 6);
    // management 230 € × 10 dwellings, insurance 75 € × 10: full-year 2 300 € and 750 €
    expect(mar.total.rows[0]!.managementEur.toNumber()).toBeCloseTo(2300 * f, 9);
    expect(mar.total.rows[0]!.insuranceEur.toNumber()).toBeCloseTo(750 * f, 9);
    expect(mar.total.rows[0]!.annuitiesEur.isZero()).toBe(true);
  });

  it('letting 1 January: today\'s figures (no proration, first annuity in year 1)', () => {
    const jan = evalOk(op({ letting_date: '2028-01-01' }));
    expect(jan.rental!.horizonYears).toBe(b.horizonYears);
    expect(jan.rental!.total.cumulative.map(String)).toEqual(b.total.cumulative.map(String));
    const metrics = (ev: Evaluation) => [...ev.metrics.entries()].map(([k, m]) => `${k}=${String(m.value)}`);
    expect(metrics(jan)).toEqual(metrics(base));
  });

  it('the loyer d\'équilibre still makes the lowest cumulative 0 with a prorated year (re-evaluated at it)', () => {
    const be = d.total.breakEvenRent!;
    expect(be).not.toBeNull();
    const at = evalOk(op({ letting_date: '2028-12-01' }, { lots: [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, rent: { rent_eur_per_m2_su_month: be.toNumber() } }] })).rental!;
    expect(Math.abs(at.total.minCumulativeEur.toNumber())).toBeLessThan(0.01);
    // and it differs from the break-even rent without the date (the proration matters)
    expect(b.total.breakEvenRent!.minus(be).abs().gt(D('0.001'))).toBe(true);
  });

  it('the JSON rows and the table say the calendar year', () => {
    const j = rentalJson(dec) as { total: { years: { year: number; calendar_year: number }[] }; calendar: Record<string, unknown> };
    expect(j.total.years[0]!.calendar_year).toBe(2028);
    expect(j.total.years[9]!.calendar_year).toBe(2037);
    expect(j.calendar).toMatchObject({ letting_date: '2028-12-01', first_calendar_year: 2028, first_annuity_year: 2 });
    const jb = rentalJson(base) as { total: { years: Record<string, unknown>[] } };
    expect('calendar_year' in jb.total.years[0]!).toBe(false);
  });
});

describe('remunerated equity advance (spec17 §E)', () => {
  const adv = { equity_advances: [{ source: 'Bailleur', amount_eur: 100000, rate_pct: 2, duration_years: 15 }] };
  const ev = evalOk(op({}, { financing: adv }));
  const none = evalOk(op());

  it('a source of the financing plan: sources = uses to the cent, the default CDC loans reduced by the advance', () => {
    const f = ev.financing.rental[0]!;
    expect(f.advancesEur.eq(100000)).toBe(true);
    expect(f.subsidiesEur.plus(f.equityEur).plus(f.advancesEur).plus(f.loansEur).eq(f.usesEur)).toBe(true);
    expect(f.gapEur.isZero()).toBe(true);
    expect(none.financing.rental[0]!.loansEur.minus(f.loansEur).eq(100000)).toBe(true);
  });

  it('repaid by the constant annuity K·t / (1 − (1 + t)^−n) out of the account, years 1 to 15', () => {
    const a = 100000 * 0.02 / (1 - Math.pow(1.02, -15)); // 7 782.5479 €
    const rows = ev.rental!.total.rows;
    expect(rows[0]!.advanceRepaymentEur.toNumber()).toBeCloseTo(a, 6);
    expect(rows[14]!.advanceRepaymentEur.toNumber()).toBeCloseTo(a, 6);
    expect(rows[15]!.advanceRepaymentEur.isZero()).toBe(true);
    // the account's cash flow bears it: cash flow = collected + shares − charges, charges including it
    for (const r of rows.slice(0, 16)) expect(r.collectedEur.plus(r.shareIncomeEur).minus(r.chargesEur).minus(r.cashFlowEur).abs().lt(1e-9)).toBe(true);
    const sched = ev.rental!.lots[0]!.advances[0]!.schedule.rows;
    expect(sched.reduce((s, r) => s + r.principalEur.toNumber(), 0)).toBeCloseTo(100000, 6);
  });

  it('deferral: interest only (2 000 €), then K·t / (1 − (1 + t)^−(n − d)); after a letting date, from year 2', () => {
    const e2 = evalOk(op({ letting_date: '2028-12-01' }, { financing: { equity_advances: [{ amount_eur: 100000, rate_pct: 2, duration_years: 15, deferral_years: 2 }] } }));
    const rows = e2.rental!.total.rows;
    const a = 100000 * 0.02 / (1 - Math.pow(1.02, -13));
    expect(rows[0]!.advanceRepaymentEur.isZero()).toBe(true);
    expect(rows[1]!.advanceRepaymentEur.toNumber()).toBeCloseTo(2000, 9);
    expect(rows[2]!.advanceRepaymentEur.toNumber()).toBeCloseTo(2000, 9);
    expect(rows[3]!.advanceRepaymentEur.toNumber()).toBeCloseTo(a, 6);
    expect(rows[15]!.advanceRepaymentEur.toNumber()).toBeCloseTo(a, 6);
    expect(rows[16]!.advanceRepaymentEur.isZero()).toBe(true);
  });
});

describe('constant euros (spec17 §E)', () => {
  it('cash flow_y / Π (1 + index) over years 2…y, cumulative = their running sum', () => {
    const ev = evalOk(op({}, { assumptions: { constant_euros_index_pct: 2 } }));
    const j = rentalJson(ev) as { total: { years: { cash_flow_eur: number; cash_flow_constant_eur: number; cumulative_constant_eur: number }[] } };
    const cf = ev.rental!.total.cashFlows.map((x) => x.toNumber());
    for (const y of [1, 2, 10, 40]) expect(j.total.years[y - 1]!.cash_flow_constant_eur, `year ${y}`).toBeCloseTo(cf[y - 1]! / Math.pow(1.02, y - 1), 2);
    let cum = 0;
    for (let y = 1; y <= 10; y++) cum += cf[y - 1]! / Math.pow(1.02, y - 1);
    expect(j.total.years[9]!.cumulative_constant_eur).toBeCloseTo(cum, 2);
    expect(ev.model.used.get('assumptions.constant_euros_index_pct')?.origin).toBe('file');
  });

  it('a path: the first value into year 2, the last held', () => {
    const ev = evalOk(op({}, { assumptions: { constant_euros_index_path_pct: [1, 3] } }));
    const j = rentalJson(ev) as { total: { years: { cash_flow_constant_eur: number }[] } };
    const cf = ev.rental!.total.cashFlows.map((x) => x.toNumber());
    expect(j.total.years[1]!.cash_flow_constant_eur).toBeCloseTo(cf[1]! / 1.01, 2);
    expect(j.total.years[3]!.cash_flow_constant_eur).toBeCloseTo(cf[3]! / (1.01 * 1.03 * 1.03), 2);
  });

  it('absent: no constant-euro fields (today\'s output)', () => {
    const j = rentalJson(evalOk(op())) as { total: { years: Record<string, unknown>[] } };
    expect('cash_flow_constant_eur' in j.total.years[0]!).toBe(false);
  });
});

describe('horizon up to 100 years', () => {
  it('100 accepted, 101 rejected at its line and column', () => {
    const ok = evalOk(op({}, { assumptions: { horizon_years: 100 } }));
    expect(ok.rental!.horizonYears).toBe(100);
    expect(ok.rental!.total.rows).toHaveLength(100);
    const text = op({}, { assumptions: { horizon_years: 101 } });
    const r = runText('t.yaml', text);
    const e = r.diagnostics.find((x) => x.severity === 'error')!;
    expect(e.path).toEqual(['assumptions', 'horizon_years']);
    const line = text.split('\n').findIndex((l) => l.includes('horizon_years: 101')) + 1;
    expect(e.span?.line).toBe(line);
    expect(e.span?.col).toBe(text.split('\n')[line - 1]!.indexOf('101') + 1);
  });

  it('a loan of 100 years is accepted', () => {
    const ev = evalOk(op({ letting_date: '2028-12-01' }, { financing: { loans: [{ label: 'Foncier long', amount_eur: 100000, rate_pct: 1, duration_years: 100 }] } }));
    // the longest loan + 1 = 101, capped at 100
    expect(ev.rental!.horizonYears).toBe(100);
  });
});

describe('the compiled plan (src/fast/plan.ts) models the equity advances (bounded at moved levers in test/fast-path.test.ts)', () => {
  it.each([
    ['equity_advances', op({}, { financing: { equity_advances: [{ amount_eur: 1000, rate_pct: 2, duration_years: 10 }] } })],
  ])('%s', (_name, text) => {
    const ev = evalOk(text);
    // (compilePlan throws PlanUnsupported when its base differs from the exact engine by more than a cent)
    expect(Math.abs(compilePlan(ev).evaluate({}).balanceEur - ev.operation.balanceEur.toNumber())).toBeLessThanOrEqual(0.01);
  });
});

describe('explain: every metric of a prorated account with an equity advance, recomputed down to traced leaves', () => {
  it.each([
    ['letting 1 December', op({ letting_date: '2028-12-01' })],
    ['letting 15 March, an advance with deferral', op({ letting_date: '2027-03-15' }, { financing: { equity_advances: [{ source: 'Bailleur', pct_of_cost: 5, rate_pct: 2, duration_years: 15, deferral_years: 2 }] } })],
    ['two lots, an advance', op({}, { lots: [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700 }, { id: 'plai', tenure: 'PLAI', dwellings: 4, shab_m2: 260 }], financing: { equity_advances: [{ amount_eur: 80000, rate_pct: 1.5, duration_years: 20 }] } })],
  ])('%s', (_name, text) => {
    const r = runText('t.yaml', text);
    const ev = r.evaluation!;
    synthesisOf(ev);
    const x = explainerFor(ev, r.load.source);
    const bad: string[] = [], untraced: string[] = [];
    let n = 0;
    for (const [metric] of ev.metrics) {
      const tree = x.metric(metric)!;
      n++;
      bad.push(...mismatches(tree).map((m) => `${metric}: ${m.id} (${m.op}) ${m.expected} ≠ ${m.got}`));
      for (const l of leaves(tree)) if (!l.origin || l.origin.kind === 'computed') untraced.push(`${metric}: ${l.id}`);
    }
    expect(n).toBeGreaterThan(20);
    expect(bad.slice(0, 10)).toEqual([]);
    expect(untraced.slice(0, 10)).toEqual([]);
  });
});

describe('bad input: positioned errors, no stack trace', () => {
  it('an advance whose deferral leaves no amortising year: LOAN_DEFERRAL_TOO_LONG at its deferral_years', () => {
    const text = op({}, { financing: { equity_advances: [{ amount_eur: 1000, rate_pct: 2, duration_years: 3, deferral_years: 3 }] } });
    const r = runText('t.yaml', text);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e.code).toBe('LOAN_DEFERRAL_TOO_LONG');
    expect(e.path).toEqual(['financing', 'equity_advances', 0, 'deferral_years']);
    expect(e.span?.line).toBe(text.split('\n').findIndex((l) => l.includes('deferral_years: 3')) + 1);
  });

  it('an advance with neither amount_eur nor pct_of_cost: MISSING_ONE_OF at the advance', () => {
    const r = runText('t.yaml', op({}, { financing: { equity_advances: [{ rate_pct: 2, duration_years: 3 }] } }));
    expect(r.diagnostics.map((d) => [d.code, d.path.join('.')])).toContainEqual(['MISSING_ONE_OF', 'financing.equity_advances.0']);
  });

  it('a letting date that is not a day: INVALID_DATE', () => {
    const r = runText('t.yaml', op({ letting_date: '2028-02-30' }));
    expect(r.diagnostics.map((d) => [d.code, d.path.join('.')])).toContainEqual(['INVALID_DATE', 'operation.letting_date']);
  });
});
