/**
 * The rental stage against figures worked by hand from the rules (domain.md §3.3, §4), the
 * LEON defects asserted absent, and the loyer d'équilibre checked by its definition.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runText } from '../src/pipeline';
import { main } from '../src/cli/main';
import type { Io } from '../src/cli/io';
import type { Evaluation } from '../src/engine/evaluate';

function op(over: Record<string, unknown> = {}, lots?: unknown[], extra: Record<string, unknown> = {}): string {
  return stringify({
    format: 'equilibre/v1',
    operation: { name: 'Test', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026, ...over },
    land: { price_eur: 100000 },
    construction: { cost_eur_per_m2_shab: 1500, shab_sp_ratio: 0.85, fees_pct: 10, insurance_pct: 1, contingencies_pct: 0 },
    lots: lots ?? [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700 }],
    ...extra,
  });
}

function evalOk(text: string): Evaluation {
  const r = runText('t.yaml', text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.evaluation).toBeDefined();
  return r.evaluation!;
}

const metric = (ev: Evaluation, name: string) => {
  const m = ev.metrics.get(name);
  if (!m) throw new Error(`no metric ${name}`);
  return m.value;
};
const num = (v: unknown) => (typeof v === 'object' && v !== null ? Number((v as { toString(): string }).toString()) : Number(v));

function fakeIo(): Io & { out: string[]; err: string[] } {
  const out: string[] = [], err: string[] = [];
  return {
    out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readFile: () => ({ error: 'no' }), writeFile: () => undefined,
    exists: () => false, env: {}, stderrIsTTY: false, cwd: '/',
  };
}

describe('regulated rents', () => {
  it('PLUS zone 2 (2026): CS = 0.77 × (1 + 20 N / SU), rent = ceiling × CS, year-1 rent = 12 × SU × rent', () => {
    const ev = evalOk(op());
    // 10 dwellings, SU = 700 m² (no annexes): CS = 0.77 × (1 + 200/700) = 0.99 exactly.
    expect(num(metric(ev, 'rental.plus.structure_coefficient'))).toBeCloseTo(0.99, 12);
    // Ceiling PLUS zone 2 in 2026: 6.49 €/m² SU/month (domain.md §4.3) → 6.49 × 0.99 = 6.4251.
    expect(num(metric(ev, 'rental.plus.max_rent_eur_per_m2_su_month'))).toBeCloseTo(6.4251, 12);
    // 12 × 700 × 6.4251 = 53 970.84 €
    expect(num(metric(ev, 'rental.plus.year1_rent_eur'))).toBeCloseTo(53970.84, 6);
    expect(num(metric(ev, 'rental.year1_rent_eur'))).toBeCloseTo(53970.84, 6);
  });

  it('a local margin raises the maximum and is capped at 12 %', () => {
    const ev = evalOk(op({}, [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, rent: { local_margin_pct: 20 } }]));
    expect(num(metric(ev, 'rental.plus.max_rent_eur_per_m2_su_month'))).toBeCloseTo(6.4251 * 1.12, 10);
    expect(ev.diagnostics.map((d) => d.code)).toContain('LOCAL_MARGIN_CAPPED');
  });

  it('LLI: coefficient min(round(0.7 + 19/S, 2), 1.2) on the fiscal SU, zone B1 ceiling 11.80 (2026)', () => {
    // 10 dwellings of 60 m², annexes 100 m² → ½ annexes = 50 m², capped at 8 m² × 10 = 80: SU fiscale = 650, S = 65
    const ev = evalOk(op({}, [{ id: 'lli', tenure: 'LLI', dwellings: 10, shab_m2: 600, annexes_m2: 100 }]));
    // 0.7 + 19/65 = 0.99230… → 0.99
    expect(num(metric(ev, 'rental.lli.structure_coefficient'))).toBe(0.99);
    expect(num(metric(ev, 'rental.lli.max_rent_eur_per_m2_su_month'))).toBeCloseTo(11.8 * 0.99, 10);
    expect(num(metric(ev, 'rental.lli.year1_rent_eur'))).toBeCloseTo(12 * 650 * 11.8 * 0.99, 6);
  });

  it('the annexes rule warns when SU × max rent exceeds 118 % of CS × ceiling × SHAB', () => {
    // SU/SHAB = (700 + 200)/700 = 1.2857 > 1.18
    const ev = evalOk(op({}, [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, annexes_m2: 400 }]));
    expect(ev.diagnostics.map((d) => d.code)).toContain('ANNEXES_RULE');
    const ok = evalOk(op({}, [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, annexes_m2: 100 }]));
    expect(ok.diagnostics.map((d) => d.code)).not.toContain('ANNEXES_RULE');
  });

  it('a rent above the maximum is a warning', () => {
    const ev = evalOk(op({}, [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, rent: { rent_eur_per_m2_su_month: 9 } }]));
    expect(ev.diagnostics.map((d) => d.code)).toContain('RENT_ABOVE_MAXIMUM');
    expect(num(metric(ev, 'rental.plus.rent_eur_per_m2_su_month'))).toBe(9);
  });
});

describe('operating account', () => {
  it('TFPB exempt 25 years is paid from year 26, not 27 (LEON defect E-3 absent)', () => {
    const ev = evalOk(op());
    const rows = ev.rental!.lots[0]!.account.rows;
    expect(ev.rental!.lots[0]!.tfpbExemptionYears).toBe(25);
    for (let y = 1; y <= 25; y++) expect(rows[y - 1]!.tfpbEur.isZero()).toBe(true);
    expect(rows[25]!.year).toBe(26);
    // 345 €/dwelling (2026 parameter) × 10 dwellings × 1.018^25 (charges indexed from year 2)
    expect(rows[25]!.tfpbEur.toNumber()).toBeCloseTo(3450 * 1.018 ** 25, 6);
  });

  it('a 50-year land loan has 50 instalments and none in year 51 of the account', () => {
    const ev = evalOk(op({}, undefined, { assumptions: { horizon_years: 60 } }));
    const land = ev.rental!.loans.find((l) => l.line.line === 'land')!;
    expect(land.schedule.rows).toHaveLength(50);
    expect(land.spec.durationYears).toBe(50);
    const rows = ev.rental!.total.rows;
    expect(rows[49]!.annuitiesEur.gt(0)).toBe(true);
    expect(rows[50]!.annuitiesEur.isZero()).toBe(true); // year 51: nothing left to pay
  });

  it('year 1 charges worked by hand', () => {
    const ev = evalOk(op({}, undefined, { assumptions: { vacancy_pct: 2, bad_debt_pct: 0.6, management_eur_per_dwelling: 230, insurance_eur_per_dwelling: 75, cglls_pct: 0.34, ancols_pct: 0.045 } }));
    const r = ev.rental!.total.rows[0]!;
    const rent = 53970.84;
    expect(r.lossesEur.toNumber()).toBeCloseTo(rent * 0.026, 6);
    const collected = rent * 0.974;
    expect(r.collectedEur.toNumber()).toBeCloseTo(collected, 6);
    expect(r.managementEur.toNumber()).toBe(2300);
    expect(r.insuranceEur.toNumber()).toBe(750);
    expect(r.maintenanceEur.isZero()).toBe(true); // from year 3
    expect(r.majorMaintenanceEur.isZero()).toBe(true); // from year 5
    expect(r.contributionsEur.toNumber()).toBeCloseTo(collected * 0.00385, 6);
    const annuities = ev.rental!.loans.reduce((s, l) => s + l.schedule.rows[0]!.annuityEur.toNumber(), 0);
    expect(r.cashFlowEur.toNumber()).toBeCloseTo(collected - annuities - 2300 - 750 - collected * 0.00385, 6);
    // the third year brings maintenance: 275 × 10 × 1.018²
    expect(ev.rental!.total.rows[2]!.maintenanceEur.toNumber()).toBeCloseTo(2750 * 1.018 ** 2, 6);
  });

  it('the loyer d’équilibre brings the lowest cumulative to 0: a cent less fails the test', () => {
    const ev = evalOk(op());
    const be = ev.rental!.lots[0]!.account.breakEvenRent!;
    expect(be.gt(0)).toBe(true);
    const at = evalOk(op({}, [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, rent: { rent_eur_per_m2_su_month: be.toNumber() } }]));
    expect(Math.abs(num(metric(at, 'rental.min_cumulative_cash_flow_eur')))).toBeLessThan(0.01);
    const below = evalOk(op({}, [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, rent: { rent_eur_per_m2_su_month: be.toNumber() - 0.01 } }]));
    expect(metric(below, 'rental.balanced')).toBe(false);
    const above = evalOk(op({}, [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700, rent: { rent_eur_per_m2_su_month: be.toNumber() + 0.01 } }]));
    expect(metric(above, 'rental.balanced')).toBe(true);
  });

  it('the operation-wide loyer d’équilibre, applied to every lot, balances the whole', () => {
    const lots = [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700 }, { id: 'plai', tenure: 'PLAI', dwellings: 4, shab_m2: 260 }];
    const ev = evalOk(op({}, lots));
    const be = num(metric(ev, 'rental.break_even_rent_eur_per_m2_su_month'));
    const withRent = (r: number) => lots.map((l) => ({ ...l, rent: { rent_eur_per_m2_su_month: r } }));
    const at = evalOk(op({}, withRent(be)));
    expect(Math.abs(num(metric(at, 'rental.min_cumulative_cash_flow_eur')))).toBeLessThan(0.05);
    expect(metric(evalOk(op({}, withRent(be - 0.01))), 'rental.balanced')).toBe(false);
  });

  it('the equity IRR zeroes the NPV of the equity', () => {
    const ev = evalOk(op({}, undefined, { financing: { equity: [{ pct_of_cost: 20 }] }, subsidies: [{ source: 'Ville', amount_eur: 300000 }] }));
    const a = ev.rental!.total;
    expect(a.irrEquity).not.toBeNull();
    const r = a.irrEquity!;
    let npv = -a.equityEur.toNumber();
    a.rows.forEach((row, i) => { npv += row.cashFlowEur.toNumber() / (1 + r) ** (i + 1); });
    expect(Math.abs(npv)).toBeLessThan(1);
  });

  it('more construction cost never improves the minimum cumulative', () => {
    const a = num(metric(evalOk(op()), 'rental.min_cumulative_cash_flow_eur'));
    const text = op().replace('cost_eur_per_m2_shab: 1500', 'cost_eur_per_m2_shab: 1800');
    const b = num(metric(evalOk(text), 'rental.min_cumulative_cash_flow_eur'));
    expect(b).toBeLessThan(a);
  });

  it('a Livret A rate overridden under parameters, without a path, is held flat (not the embedded path)', () => {
    const ev = evalOk(op({}, undefined, { parameters: { 'livret_a.rate_pct': 3 } }));
    const building = ev.rental!.loans.find((l) => l.line.line === 'building')!;
    // PLUS margin 0.60 on LA 3 %: 3.6 % in year 1 and still in year 10 (the embedded path would move it to 2.6 %)
    expect(building.schedule.rows[0]!.rate.toNumber()).toBeCloseTo(0.036, 12);
    expect(building.schedule.rows[9]!.rate.toNumber()).toBeCloseTo(0.036, 12);
  });

  it('a deferral is checked against the duration the loan will have, an overridden parameter included', () => {
    const r = runText('t.yaml', op({}, undefined, {
      parameters: { 'loan.plus.building.duration_years': 5 },
      financing: { cdc_default_loans: false, loans: [{ label: 'CDC', product: 'PLUS', amount_eur: 100000, deferral_years: 6 }] },
    }));
    expect(r.evaluated).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['LOAN_DEFERRAL_TOO_LONG']);
  });

  it('an explicit Gaïa loan is a land line whatever `line` says (its parameters are loan.gaia_lt.land.*)', () => {
    const ev = evalOk(op({}, undefined, { financing: { loans: [{ label: 'Gaïa', product: 'gaia_lt', line: 'building', amount_eur: 50000 }] } }));
    const gaia = ev.rental!.loans.find((l) => l.line.product === 'gaia_lt')!;
    expect(gaia.line.line).toBe('land');
    expect(gaia.spec.durationYears).toBe(80); // loan.gaia_lt.land.duration_years (domain.md §3.2)
  });

  it('a Livret A path shorter than the horizon holds its last value', () => {
    const ev = evalOk(op({}, undefined, { assumptions: { livret_a_pct: 1.5, livret_a_path_pct: [1.5, 2.5] } }));
    const building = ev.rental!.loans.find((l) => l.line.line === 'building')!;
    // PLUS margin 0.60: year 2 and year 40 both at 2.5 + 0.6 = 3.1 %
    expect(building.schedule.rows[1]!.rate.toNumber()).toBeCloseTo(0.031, 12);
    expect(building.schedule.rows[39]!.rate.toNumber()).toBeCloseTo(0.031, 12);
  });
});

describe('equilibre loan reproduces the domain.md §3.3 vectors', () => {
  const vectors = async (revisability: string, path: string) => {
    const io = fakeIo();
    const code = await main(['loan', '--amount', '100000', '--margin-pct', '0.6', '--livret-a-pct', '1.5', '--livret-a-path', path, '--years', '40', '--progressivity-pct', '-0.5', '--revisability', revisability, '--format', 'json'], io);
    expect(code).toBe(0);
    return JSON.parse(io.out.join('')).rows as Record<string, number>[];
  };
  it('flat Livret A 1.5 %', async () => {
    const rows = await vectors('double', '1.5');
    expect(rows).toHaveLength(40);
    expect(rows[0]).toMatchObject({ year: 1, rate_pct: 2.1, progressivity_pct: -0.5, annuity_eur: 4039.55, interest_eur: 2100, principal_eur: 1939.55, outstanding_eur: 98060.45 });
    expect(rows[1]).toMatchObject({ annuity_eur: 4019.35, interest_eur: 2059.27, principal_eur: 1960.08, outstanding_eur: 96100.37 });
    // The note's year 40 (3 322.26 = 68.33 + 3 253.92) does not foot by a cent: each figure rounded
    // on its own. The published row rounds the annuity and the outstanding path and derives the
    // interest, so that it foots: 3 322.26 − 3 253.92 = 68.34 (exact interest 68.33…, within 1.5 cent).
    expect(rows[39]).toMatchObject({ annuity_eur: 3322.26, interest_eur: 68.34, principal_eur: 3253.92, outstanding_eur: 0 });
  });
  it('Livret A 2.0 % from year 2, double revisability', async () => {
    const rows = await vectors('double', '1.5,2.0');
    expect(rows[1]).toMatchObject({ rate_pct: 2.6, annuity_eur: 4039.03, interest_eur: 2549.57, principal_eur: 1489.46, outstanding_eur: 96570.99 });
    expect(rows[1]!.progressivity_pct).toBeCloseTo(-0.013, 3);
    expect(rows[39]).toMatchObject({ annuity_eur: 4019.54, interest_eur: 101.86, principal_eur: 3917.68, outstanding_eur: 0 });
  });
  it('Livret A 2.0 % from year 2, simple revisability', async () => {
    const rows = await vectors('simple', '1.5,2.0');
    expect(rows[1]).toMatchObject({ rate_pct: 2.6, progressivity_pct: -0.5, annuity_eur: 4356.62, interest_eur: 2549.57, principal_eur: 1807.05, outstanding_eur: 96253.4 });
    expect(rows[39]).toMatchObject({ annuity_eur: 3601.03, interest_eur: 91.25, principal_eur: 3509.78, outstanding_eur: 0 });
  });
  it('CSV has the same rows; bad flags exit 2 without a stack trace', async () => {
    const io = fakeIo();
    expect(await main(['loan', '--amount', '100000', '--product', 'PLUS', '--livret-a-pct', '1.5', '--format', 'csv'], io)).toBe(0);
    const lines = io.out.join('').trim().split('\n');
    expect(lines[0]).toBe('year,rate_pct,progressivity_pct,annuity_eur,interest_eur,principal_eur,outstanding_eur');
    expect(lines).toHaveLength(41);
    expect(lines[1]).toBe('1,2.1,-0.5,4039.55,2100,1939.55,98060.45');
    for (const bad of [['--amount', '-5', '--product', 'PLUS'], ['--amount', '1000', '--years', '0', '--margin-pct', '1'], ['--amount', '1000', '--product', 'PLUS', '--progressivity-pct', '-7'], ['--amount', '1000', '--product', 'PLUS', '--deferral-years', '40'], ['--amount', '1000', '--product', 'XYZ'], ['--amount', '1000', '--product', 'PLUS', '--livret-a-path', '1,abc']]) {
      const e = fakeIo();
      expect(await main(['loan', ...bad], e)).toBe(2);
      expect(e.err.join('')).toMatch(/INVALID_OPTION/);
      expect(e.err.join('')).not.toMatch(/\n\s+at /);
    }
  });
});
