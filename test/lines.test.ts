/**
 * The operating account line by line (assumptions.lines, other_lines; src/engine/lines.ts).
 * Every expected figure is worked by hand from the inputs written here (amount × dwellings or m²,
 * × the line's index), independent of the engine's code; the shorthand equivalence compares two
 * spellings of the same account.
 */
import { describe, expect, it } from 'vitest';
import { D, type Dec } from '../src/domain/money';
import { runText } from '../src/pipeline';
import type { YearRow } from '../src/engine/account';
import { explainerFor } from '../src/explain/index';
import { synthesisOf } from '../src/report/synthesis';
import { leaves, mismatches } from './explain-check';
import { compilePlan } from '../src/fast/plan';
import { lineAssumptionLabel, lineAssumptionValue } from '../src/report/line-words';

const BASE = `format: equilibre/v1
operation: { name: Lignes, zone_abc: B1, zone_hlm: 2, parameters_year: 2026 LETTING }
land: { price_eur_per_m2_sp: 250 }
construction: { cost_eur_per_m2_shab: 1850 }
lots:
  - { id: plus, tenure: PLUS, dwellings: 10, shab_m2: 650 }
LOTS
`;

function run(assumptions: string, opts: { lots?: string; letting?: string; readProfile?: (f: string) => { text: string } } = {}) {
  const text = BASE.replace(' LETTING', opts.letting ? `, letting_date: "${opts.letting}"` : '').replace('LOTS', opts.lots ?? '') + assumptions;
  const r = runText('/virtual/op.yaml', text, [], opts.readProfile);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  return { r, errors, rental: r.evaluation?.rental };
}
function rowsOf(assumptions: string, opts: Parameters<typeof run>[1] = {}): YearRow[] {
  const { rental, errors } = run(assumptions, opts);
  expect(errors.map((e) => e.code)).toEqual([]);
  return rental!.total.rows;
}
const eq = (a: Dec, b: string | number | Dec) => expect(a.toDecimalPlaces(8).toString(), `${a.toString()} vs ${b}`).toBe(D(b).toDecimalPlaces(8).toString());

/** The errors of a file with these assumptions: code, key path and line of each. */
const codeAt = (assumptions: string, letting?: string) => {
  const { errors } = run(assumptions, letting ? { letting } : {});
  return errors.map((e) => `${e.code} ${e.path.join('.')} ${e.span?.line ?? '?'}`);
};

describe('today\'s keys are shorthands of the lines', () => {
  it('a file of shorthands and the same values written as lines give identical account rows', () => {
    const short = rowsOf(`assumptions:
  irl_pct: 1.5
  charges_indexation_pct: 2.2
  vacancy_pct: 3
  bad_debt_pct: 1
  management_eur_per_dwelling: 300
  maintenance_eur_per_dwelling: 250
  maintenance_from_year: 4
  major_maintenance_pct_of_cost: 0.5
  major_maintenance_from_year: 7
  tfpb_eur_per_dwelling: 400
  insurance_eur_per_dwelling: 80
  cglls_pct: 0.5
  ancols_pct: 0.05
`);
    const long = rowsOf(`assumptions:
  charges_indexation_pct: 2.2
  lines:
    rents: { indexation_pct: 1.5 }
    vacancy: { pct_of_rents: 3 }
    bad_debt: { pct_of_rents: 1 }
    management: { eur_per_dwelling: 300 }
    maintenance: { eur_per_dwelling: 250, from_year: 4 }
    major_maintenance: { pct_of_cost: 0.5, from_year: 7 }
    tfpb: { eur_per_dwelling: 400 }
    insurance: { eur_per_dwelling: 80 }
    cglls: { pct_of_rents: 0.5 }
    ancols: { pct_of_rents: 0.05 }
`);
    expect(long.length).toBe(short.length);
    const keys = ['rentEur', 'annexRentEur', 'lossesEur', 'collectedEur', 'annuitiesEur', 'managementEur', 'maintenanceEur', 'majorMaintenanceEur', 'tfpbEur', 'insuranceEur', 'contributionsEur', 'cashFlowEur', 'cumulativeEur'] as const;
    for (let i = 0; i < short.length; i++) for (const k of keys) expect(long[i]![k].toString(), `year ${i + 1} ${k}`).toBe(short[i]![k].toString());
    // the rows also carry TEOM and other lines (none here)
    expect(long[0]!.teomEur!.isZero() && long[0]!.otherEur!.isZero()).toBe(true);
  });

  it('giving `lines` with defaults only changes nothing (management from the default 230 €/dwelling)', () => {
    const a = rowsOf('');
    const b = rowsOf(`assumptions:
  lines: { management: {} }
`);
    for (let i = 0; i < a.length; i++) expect(b[i]!.cumulativeEur.toString()).toBe(a[i]!.cumulativeEur.toString());
    eq(b[0]!.managementEur, 2300);
  });
});

describe('an indexation path', () => {
  it('list form: growth into year 2, year 3, the last value held', () => {
    const r = rowsOf(`assumptions:
  lines:
    management: { eur_per_dwelling: 100, indexation_path_pct: [2, 1] }
`);
    // 10 dwellings × 100 € = 1000; × 1.02; × 1.01; × 1.01 (held)…
    eq(r[0]!.managementEur, 1000);
    eq(r[1]!.managementEur, 1020);
    eq(r[2]!.managementEur, '1030.2');
    eq(r[3]!.managementEur, '1040.502');
    eq(r[4]!.managementEur, '1050.90702');
  });

  it('map form: growth into that year held until the next key; before the first key, the charges indexation', () => {
    const r = rowsOf(`assumptions:
  charges_indexation_pct: 1.8
  lines:
    management: { eur_per_dwelling: 100, indexation_path_pct: { 3: 2, 5: 1 } }
`);
    eq(r[0]!.managementEur, 1000);
    eq(r[1]!.managementEur, 1018); // default 1.8 %
    eq(r[2]!.managementEur, '1038.36'); // × 1.02
    eq(r[3]!.managementEur, '1059.1272'); // × 1.02 (held)
    eq(r[4]!.managementEur, '1069.718472'); // × 1.01
    eq(r[5]!.managementEur, '1080.41565672'); // × 1.01 (held)
  });

  it('calendar map keys are placed from the letting date', () => {
    const r = rowsOf(`assumptions:
  charges_indexation_pct: 0
  lines:
    insurance: { eur_per_dwelling: 100, indexation_path_pct: { 2030: 10 } }
`, { letting: '2028-01-01' });
    // 2028 = year 1, 2029 = year 2 (0 %), 2030 = year 3 (+10 %)
    eq(r[1]!.insuranceEur, 1000);
    eq(r[2]!.insuranceEur, 1100);
    eq(r[3]!.insuranceEur, 1210);
  });

  it('the rents line: a path on the rents (the IRL path) moves the rents', () => {
    const a = rowsOf(`assumptions:
  irl_path_pct: [3, 2]
`);
    const b = rowsOf(`assumptions:
  lines: { rents: { indexation_path_pct: { 2: 3, 3: 2 } } }
`);
    for (let i = 0; i < a.length; i++) expect(b[i]!.rentEur.toString()).toBe(a[i]!.rentEur.toString());
    eq(b[2]!.rentEur, a[0]!.rentEur.times('1.03').times('1.02'));
  });
});

describe('the gros entretien plan', () => {
  it('nothing before its first row, steps, each indexed from year 1', () => {
    const r = rowsOf(`assumptions:
  lines:
    major_maintenance:
      indexation_pct: 2
      plan:
        - { from_year: 3, eur_per_m2_shab: 2 }
        - { from_year: 6, eur_per_m2_shab: 4 }
`);
    // 650 m² SHAB: 1 300 € then 2 600 € (year-1 euros), × 1.02^(y−1)
    eq(r[0]!.majorMaintenanceEur, 0);
    eq(r[1]!.majorMaintenanceEur, 0);
    eq(r[2]!.majorMaintenanceEur, '1352.52'); // 1300 × 1.0404
    eq(r[4]!.majorMaintenanceEur, '1407.161808'); // 1300 × 1.08243216
    eq(r[5]!.majorMaintenanceEur, '2870.61008832'); // 2600 × 1.1040808032
  });
});

describe('amounts typed by year', () => {
  it('index form replaces that year\'s amount (current euros, not indexed)', () => {
    const r = rowsOf(`assumptions:
  lines:
    maintenance: { by_year: { 7: 5000, 1: 800 } }
`);
    eq(r[6]!.maintenanceEur, 5000);
    eq(r[0]!.maintenanceEur, 800); // before the line's first year (3): typed anyway
    eq(r[1]!.maintenanceEur, 0);
    eq(r[7]!.maintenanceEur, D(2750).times(D('1.018').pow(7))); // 275 €/dwelling × 10, indexed at 1.8 %
  });

  it('calendar form needs the letting date; the total is split pro rata of the rental dwellings', () => {
    const lots = '  - { id: plai, tenure: PLAI, dwellings: 5, shab_m2: 300 }';
    const { rental, errors } = run(`assumptions:
  lines:
    tfpb: { by_year: { 2031: 12000 } }
`, { letting: '2028-12-01', lots });
    expect(errors).toEqual([]);
    // 2031 = year 4: 12 000 € over 15 dwellings → 8 000 € (10) and 4 000 € (5)
    eq(rental!.lots[0]!.account.rows[3]!.tfpbEur, 8000);
    eq(rental!.lots[1]!.account.rows[3]!.tfpbEur, 4000);
    eq(rental!.total.rows[3]!.tfpbEur, 12000);
    eq(rental!.total.rows[4]!.tfpbEur, 0); // exempt (25 years)
  });
});

describe('TEOM and other lines', () => {
  it('TEOM recoverable (default): the account bears only the vacant share; default amount 117 €/dwelling', () => {
    const r = rowsOf(`assumptions:
  vacancy_pct: 2
  charges_indexation_pct: 1.8
  lines: { teom: {} }
`);
    eq(r[0]!.teomEur!, '23.4'); // 117 × 10 × 2 %
    eq(r[1]!.teomEur!, '23.8212'); // × 1.018
  });

  it('TEOM not recoverable: the whole amount', () => {
    const r = rowsOf(`assumptions:
  lines: { teom: { eur_per_dwelling: 150, recoverable: false } }
`);
    eq(r[0]!.teomEur!, 1500);
  });

  it('no TEOM line when `teom` is absent (today\'s figures)', () => {
    const r = rowsOf(`assumptions:
  lines: { management: {} }
`);
    expect(r.every((x) => x.teomEur!.isZero())).toBe(true);
  });

  it('an other line at % of rents: a share of the rents invoiced each year, and the loyer d\'équilibre still solves', () => {
    const text = `assumptions:
  other_lines:
    - { id: gardien, label: Gardiennage, pct_of_rents: 5 }
`;
    const { rental } = run(text);
    const rows = rental!.total.rows;
    for (const y of [0, 1, 9, 29]) eq(rows[y]!.otherEur!, rows[y]!.rentEur.plus(rows[y]!.annexRentEur).times('0.05'));
    // charges_eur adds it
    eq(rows[0]!.chargesEur, rows[0]!.annuitiesEur.plus(rows[0]!.managementEur).plus(rows[0]!.maintenanceEur).plus(rows[0]!.majorMaintenanceEur).plus(rows[0]!.tfpbEur).plus(rows[0]!.insuranceEur).plus(rows[0]!.otherEur!).plus(rows[0]!.contributionsEur));
    // the cumulative stays affine in the rent: at the loyer d'équilibre, the lowest cumulative over the test is 0
    const be = rental!.total.breakEvenRent!;
    const lots = BASE.replace(' LETTING', '').replace('LOTS', '').replace('shab_m2: 650 }', `shab_m2: 650, rent: { rent_eur_per_m2_su_month: ${be.toString()} } }`) + text;
    const atBe = runText('/virtual/be.yaml', lots).evaluation!.rental!.total;
    expect(atBe.minCumulativeEur.abs().lt(D('0.000001')), atBe.minCumulativeEur.toString()).toBe(true);
    // and the other line is there at that rent too (5 % of the rents)
    eq(atBe.rows[0]!.otherEur!, atBe.rows[0]!.rentEur.times('0.05'));
  });
});

describe('a management profile holding lines: merged down to a line\'s attribute', () => {
  it('the profile gives management\'s path, the operation its amount', () => {
    const profile = `name: Bailleur\nvintage: 2026\nassumptions:\n  lines:\n    management: { eur_per_dwelling: 999, indexation_path_pct: [2, 1] }\n`;
    const read = (f: string) => { expect(f).toContain('p.yaml'); return { text: profile }; };
    const { rental, errors, r } = run(`profile: p.yaml
assumptions:
  lines:
    management: { eur_per_dwelling: 100 }
`, { readProfile: read });
    expect(errors).toEqual([]);
    const rows = rental!.total.rows;
    eq(rows[0]!.managementEur, 1000); // the operation's 100 €
    eq(rows[2]!.managementEur, '1030.2'); // the profile's path: × 1.02 × 1.01
    const used = r.model!.used;
    expect(used.get('assumptions.lines.management.eur_per_dwelling')?.origin).toBe('file');
    expect(used.get('assumptions.lines.management.indexation_path_pct')?.origin).toBe('profile');
  });

  it('a profile\'s shorthand and the operation\'s line do not conflict: the operation wins', () => {
    const profile = `name: Bailleur\nassumptions:\n  management_eur_per_dwelling: 999\n`;
    const { rental, errors } = run(`profile: p.yaml
assumptions:
  lines:
    management: { eur_per_dwelling: 100 }
`, { readProfile: () => ({ text: profile }) });
    expect(errors).toEqual([]);
    eq(rental!.total.rows[0]!.managementEur, 1000);
  });
});

describe('errors, positioned', () => {
  it('YEAR_NEGATIVE for a path-map key, a plan year and a from_year below 1', () => {
    expect(codeAt(`assumptions:
  lines:
    management: { indexation_path_pct: { 0: 2 } }
`)).toEqual(['YEAR_NEGATIVE assumptions.lines.management.indexation_path_pct.0 10']);
    expect(codeAt(`assumptions:
  lines:
    major_maintenance:
      plan: [ { from_year: -1, eur_per_dwelling: 3 } ]
`)).toEqual(['YEAR_NEGATIVE assumptions.lines.major_maintenance.plan.0.from_year 11']);
    expect(codeAt(`assumptions:
  other_lines:
    - { id: x, label: X, eur_per_year: 100, from_year: 2.5 }
`)).toEqual(['YEAR_NEGATIVE assumptions.other_lines.0.from_year 10']);
  });
  it('BY_YEAR_OUTSIDE_HORIZON for a calendar year before the letting year', () => {
    expect(codeAt(`assumptions:
  lines:
    tfpb: { by_year: { 2027: 100 } }
`, '2028-12-01')).toEqual(['BY_YEAR_OUTSIDE_HORIZON assumptions.lines.tfpb.by_year.2027 10']);
  });
  it('CONFLICTING_KEYS for two amounts of one line', () => {
    expect(codeAt(`assumptions:
  lines:
    teom: { eur_per_dwelling: 1, eur_per_year: 2 }
`)).toEqual(['CONFLICTING_KEYS assumptions.lines.teom.eur_per_year 10']);
  });
});

/** The head of the explain tests' file: two rental lots let on 1 December 2028; their lines follow. */
const EXPLAIN_HEAD = `format: equilibre/v1
operation: { name: T, zone_abc: B1, zone_hlm: 2, parameters_year: 2026, letting_date: "2028-12-01" }
land: { price_eur_per_m2_sp: 250 }
construction: { cost_eur_per_m2_shab: 1850 }
lots:
  - { id: plus, tenure: PLUS, dwellings: 10, shab_m2: 650, rent: { annex_rent_eur_per_month: 20, annex_count: 5 } }
  - { id: plai, tenure: PLAI, dwellings: 5, shab_m2: 300 }
assumptions:
  lines:
`;

/**
 * Every metric of the file explained (its value the metric's own) and recomputed node by node: the
 * mismatches and the leaves that are only « computed » (`bad`), and the number of leaves.
 */
function explainAll(text: string) {
  const r = runText('/virtual/lines.yaml', text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const ev = r.evaluation!;
  synthesisOf(ev);
  const x = explainerFor(ev, r.load.source);
  const bad: string[] = [];
  let leafCount = 0;
  for (const [m, def] of ev.metrics) {
    const t = x.metric(m)!;
    expect(String(t.value), m).toBe(String(def.value));
    bad.push(...mismatches(t).map((mm) => `${m}: ${mm.id} (${mm.op}) ${mm.expected} ≠ ${mm.got}`));
    for (const l of leaves(t)) { leafCount++; if (!l.origin || l.origin.kind === 'computed') bad.push(`${m}: leaf ${l.id}`); }
  }
  return { x, bad, leafCount };
}

describe('explain: every metric of an account written line by line, down to traced leaves', () => {
  it('recomputes node by node and ends on lines of the file, parameters or defaults', { timeout: 120_000 }, () => {
    const text = `${EXPLAIN_HEAD}    rents: { indexation_path_pct: { 2: 3, 4: 1.5 } }
    annex_rents: { indexation_pct: 0.5 }
    vacancy: { pct_of_rents: 3 }
    management: { eur_per_dwelling: 300, indexation_path_pct: [2, 1.5] }
    maintenance: { eur_per_m2_su: 4, by_year: { 2031: 12000, 8: 3000 } }
    teom: {}
    tfpb: { eur_per_year: 5000, from_year: 3, indexation_pct: 2.5 }
    major_maintenance:
      plan: [ { from_year: 6, eur_per_m2_shab: 2.5 }, { from_year: 11, pct_of_cost: 0.3 } ]
    cglls: { pct_of_rents: 0.4 }
  other_lines:
    - { id: gardien, label: Gardiennage, pct_of_rents: 2 }
    - { id: contrat, label: Contrats, eur_per_year: 3000, recoverable: true, indexation_path_pct: { 2030: 4 } }
`;
    const { x, bad, leafCount: n } = explainAll(text);
    expect(bad.slice(0, 10)).toEqual([]);
    expect(n).toBeGreaterThan(100);
    // the TEOM and other lines are in the tree of the lowest cumulative
    const ids = new Set<string>();
    const walk = (node: { id: string; children: readonly unknown[] }) => { if (ids.has(node.id)) return; ids.add(node.id); node.children.forEach((c) => walk(c as typeof node)); };
    walk(x.metric('rental.min_cumulative_cash_flow_eur')!);
    expect([...ids].some((i) => /rows\.\d+\.teom$/.test(i))).toBe(true);
    expect([...ids].some((i) => /rows\.\d+\.other$/.test(i))).toBe(true);
  });
});

describe('the compiled plan (src/fast/plan.ts, src/fast/lines.ts) models an account written line by line', () => {
  it('compilePlan compiles `lines` to the cent of the exact base (bounded at moved levers in test/fast-path.test.ts)', () => {
    const { r } = run(`assumptions:
  lines: { teom: {} }
`);
    const ev = r.evaluation!;
    // (compilePlan throws PlanUnsupported when its base differs from the exact engine by more than a cent)
    expect(Math.abs(compilePlan(ev).evaluate({}).balanceEur - ev.operation.balanceEur.toNumber())).toBeLessThanOrEqual(0.01);
    const plain = run('').r;
    expect(() => compilePlan(plain.evaluation!)).not.toThrow();
  });
});

describe('lines at a % of the rents: rates by year (by_year_pct)', () => {
  const text = `assumptions:
  lines:
    vacancy: { pct_of_rents: 2, by_year_pct: { 1: 10, 2: 4 } }
    bad_debt: { pct_of_rents: 1 }
    cglls: { pct_of_rents: 0.5, by_year_pct: { 2: 1 } }
    ancols: { pct_of_rents: 0.05 }
    teom: { eur_per_dwelling: 100 }
`;
  it('year 1 losses = gross × (10 % + bad debt), year 2 at 4 %, year 3 back to the line\'s 2 %; contributions and the recoverable TEOM follow that year\'s rate', () => {
    const r = rowsOf(text);
    const gross = (y: number) => r[y]!.rentEur.plus(r[y]!.annexRentEur);
    eq(r[0]!.lossesEur, gross(0).times('0.11'));
    eq(r[1]!.lossesEur, gross(1).times('0.05'));
    eq(r[2]!.lossesEur, gross(2).times('0.03'));
    eq(r[9]!.lossesEur, gross(9).times('0.03'));
    // collected = gross × (1 − losses); contributions = collected × (CGLLS + ANCOLS), CGLLS 1 % in year 2 only
    eq(r[0]!.collectedEur, gross(0).times('0.89'));
    eq(r[0]!.contributionsEur, gross(0).times('0.89').times('0.0055'));
    eq(r[1]!.contributionsEur, gross(1).times('0.95').times('0.0105'));
    eq(r[2]!.contributionsEur, gross(2).times('0.97').times('0.0055'));
    // TEOM recoverable: 100 € × 10 dwellings × that year's vacancy (charges indexed at the default 1.8 %... read from year 1's ratio)
    eq(r[0]!.teomEur!, '100'); // 1 000 € × 10 %
    eq(r[2]!.teomEur!.div(r[1]!.teomEur!), D('0.02').div('0.04').times(r[2]!.managementEur.div(r[1]!.managementEur)));
    // cash flow = collected − charges, year by year
    for (const y of [0, 1, 2]) eq(r[y]!.cashFlowEur, r[y]!.collectedEur.minus(r[y]!.chargesEur));
  });

  it('without by_year_pct the same lines give the constant rate every year (year 3 identical)', () => {
    const plain = rowsOf(text.replace(', by_year_pct: { 1: 10, 2: 4 }', '').replace(', by_year_pct: { 2: 1 }', ''));
    const r = rowsOf(text);
    eq(plain[2]!.lossesEur, r[2]!.lossesEur);
    eq(plain[2]!.contributionsEur, r[2]!.contributionsEur);
    eq(plain[0]!.lossesEur, plain[0]!.rentEur.times('0.03'));
  });

  it('the loyer d\'équilibre still gives a lowest cumulative of 0', () => {
    const { rental } = run(text);
    const be = rental!.total.breakEvenRent!;
    const file = BASE.replace(' LETTING', '').replace('LOTS', '').replace('shab_m2: 650 }', `shab_m2: 650, rent: { rent_eur_per_m2_su_month: ${be.toString()} } }`) + text;
    const atBe = runText('/virtual/be.yaml', file).evaluation!.rental!.total;
    expect(atBe.minCumulativeEur.abs().lt(D('0.000001')), atBe.minCumulativeEur.toString()).toBe(true);
  });

  it('calendar years need the letting date and are placed from it', () => {
    const r = rowsOf(`assumptions:
  lines:
    vacancy: { pct_of_rents: 2, by_year_pct: { 2030: 7 } }
    bad_debt: { pct_of_rents: 0 }
`, { letting: '2028-01-01' });
    eq(r[2]!.lossesEur, r[2]!.rentEur.plus(r[2]!.annexRentEur).times('0.07')); // 2030 = year 3
    eq(r[1]!.lossesEur, r[1]!.rentEur.plus(r[1]!.annexRentEur).times('0.02'));
  });

  it('errors at the by_year_pct key: YEAR_NEGATIVE, CALENDAR_YEAR_WITHOUT_DATE, BY_YEAR_OUTSIDE_HORIZON', () => {
    expect(codeAt(`assumptions:
  lines:
    vacancy: { by_year_pct: { 0: 5 } }
`)).toEqual(['YEAR_NEGATIVE assumptions.lines.vacancy.by_year_pct.0 10']);
    expect(codeAt(`assumptions:
  lines:
    bad_debt: { by_year_pct: { 2030: 5 } }
`)).toEqual(['CALENDAR_YEAR_WITHOUT_DATE assumptions.lines.bad_debt.by_year_pct.2030 10']);
    expect(codeAt(`assumptions:
  lines:
    cglls: { by_year_pct: { 2027: 1 } }
`, '2028-12-01')).toEqual(['BY_YEAR_OUTSIDE_HORIZON assumptions.lines.cglls.by_year_pct.2027 10']);
    expect(codeAt(`assumptions:
  horizon_years: 20
  lines:
    ancols: { by_year_pct: { 21: 0.1 } }
`)[0]).toMatch(/^BY_YEAR_OUTSIDE_HORIZON assumptions.lines.ancols.by_year_pct.21 /);
  });
});

describe('the compiled plan and by_year_pct', () => {
  it('models the rates by year: its base is the exact engine\'s to the cent (more in test/plan-lines.test.ts)', () => {
    const { r } = run(`assumptions:
  lines:
    vacancy: { pct_of_rents: 2, by_year_pct: { 1: 10, 2: 4 } }
    ancols: { by_year_pct: { 1: 0.5 } }
    teom: {}
`);
    const plan = compilePlan(r.evaluation!);
    const out = plan.evaluate({});
    expect(Math.abs(out.rentalMinCumulativeEur - r.evaluation!.rental!.total.minCumulativeEur.toNumber())).toBeLessThanOrEqual(0.01);
  });
});

describe('the Hypothèses say the rates by year in words', () => {
  it('« Vacance — taux par année : année 1 : 10 % ; année 2 : 4 % », recorded as given by the file', () => {
    const { r } = run(`assumptions:
  lines:
    vacancy: { pct_of_rents: 2, by_year_pct: { 1: 10, 2: 4 } }
`);
    const key = 'assumptions.lines.vacancy.by_year_pct';
    const used = r.evaluation!.model.used.get(key);
    expect(used?.origin).toBe('file');
    const input = r.evaluation!.model.input as Parameters<typeof lineAssumptionLabel>[1];
    const nb = (x: string) => x.replace(/\u202f|\u00a0/g, ' ');
    expect(`${lineAssumptionLabel(key, input, 'fr')} : ${nb(lineAssumptionValue(key, input, 'fr')!)}`).toBe('Vacance — taux par année : année 1 : 10 % ; année 2 : 4 %');
    expect(`${lineAssumptionLabel(key, input, 'en')}: ${lineAssumptionValue(key, input, 'en')}`).toBe('Vacancy — rate by year: year 1: 10% ; year 2: 4%');
  });
});

describe('explain with rates by year (by_year_pct)', () => {
  it('recomputes node by node; the year\'s loss and contribution rates end on the by_year_pct keys', { timeout: 120_000 }, () => {
    const text = `${EXPLAIN_HEAD}    vacancy: { pct_of_rents: 2, by_year_pct: { 1: 10, 2030: 4 } }
    bad_debt: { by_year_pct: { 3: 2 } }
    cglls: { pct_of_rents: 0.4, by_year_pct: { 2: 1 } }
    teom: {}
  other_lines:
    - { id: gardien, label: Gardiennage, pct_of_rents: 2, recoverable: true }
`;
    const { x, bad } = explainAll(text);
    expect(bad.slice(0, 10)).toEqual([]);
    const paths = new Set<string>();
    for (const m of ['rental.min_cumulative_cash_flow_eur', 'rental.break_even_rent_eur_per_m2_su_month']) {
      const t = x.metric(m);
      if (t) for (const l of leaves(t)) if (l.origin?.kind === 'input') paths.add((l.origin as { path: (string | number)[] }).path.join('.'));
    }
    for (const p of ['assumptions.lines.vacancy.by_year_pct.1', 'assumptions.lines.vacancy.by_year_pct.2030', 'assumptions.lines.bad_debt.by_year_pct.3', 'assumptions.lines.cglls.by_year_pct.2']) expect([...paths], p).toContain(p);
  });
});
