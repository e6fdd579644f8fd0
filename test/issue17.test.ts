/**
 * Issue 17's two fixtures of its « Done when », worked by hand:
 *  - fixtures/residence-sociale-vefa.yaml: a résidence sociale (PLAI and PLS logements-foyers) bought in
 *    VEFA, let on 1 December (a one-month first year), redevance with its charges part, TEOM not
 *    recoverable, the foyer's charges as an other line, charges indexed on their own paths, VAT per
 *    line (the VEFA price at 5.5 % and 10 %, the notary fees without VAT, the fees at 20 %);
 *  - fixtures/locus-solus-80-ans.yaml: the Locus Solus seed over 80 years (80-year land loans), a gros
 *    entretien plan (nothing the first five years, a ramp, then indexed), TFPB on its own path, one
 *    known works year typed as an amount (`by_year`).
 * Each expected figure is computed here with decimal.js from the numbers of the YAML files themselves
 * (operation and profile, merged as docs/format.md says: the operation wins, key by key) and the
 * rules of the issue (the first year's fraction, « growth into year 2, into year 3, …, last value
 * held », a plan's step « until the next row's, indexed from year 1 »), never copied from the output.
 * The figures are read from `equilibre report FILE --format json`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { D, ONE, ZERO, type Dec } from '../src/domain/money';
import { operationFile } from '../src/schema/operation';
import { profileFile } from '../src/schema/profile';
import { ROOT, runCli } from './helpers/cli';

const FOYER = 'residence-sociale-vefa';
const FAMILY = 'locus-solus-80-ans';
const FOYER_PROFILE = 'profils/bailleur-exemple-foyers-2026.yaml';
const FAMILY_PROFILE = 'profils/bailleur-exemple-familial-2026.yaml';

const folder = 'fixtures';

/**
 * JSON row fields the feature branches add (docs/json.md after the merge). Named as spec17 and the
 * issue suggest; if a branch names one differently, align it here (one place).
 */
const FIELD = {
  /** rental.*.years[]: the TEOM line (branch lines). */
  teom: 'teom_eur',
  /** rental.*.years[]: the other lines of `other_lines`, summed (branch lines). */
  otherLines: 'other_eur',
  /** rental.*.years[]: a foyer's redevance, its charges part invoiced (branch foyer). */
  redevanceCharges: 'redevance_charges_eur',
  /** cost_price.lines[]: the line's VAT (branch vat). */
  lineVat: 'vat_eur',
  /** cost_price.lines[]: the line's own VAT rate, % (branch vat). */
  lineVatPct: 'vat_pct',
  /** rental.*.years[]: the calendar year of the row (branch calendar). */
  calendarYear: 'calendar_year',
} as const;

// ---------------------------------------------------------------------------------------------
// The files, read as YAML, and the operation merged over its profile (the operation wins, key by
// key, down to a line's attribute; lists replaced whole: spec17 « B », docs/format.md « Profile file »).

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const readYaml = (rel: string): Obj => parseYaml(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Obj;
function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isObj(base) && isObj(over)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
    return out;
  }
  return over;
}

interface Merged { op: Obj; assumptions: Obj; lines: Record<string, Obj>; otherLines: Obj[] }
function merged(name: string): Merged {
  const op = readYaml(`${folder}/${name}.yaml`);
  const profile = readYaml(`${folder}/${String(op.profile)}`);
  const assumptions = deepMerge(profile.assumptions ?? {}, op.assumptions ?? {}) as Obj;
  return { op, assumptions, lines: (assumptions.lines ?? {}) as Record<string, Obj>, otherLines: (assumptions.other_lines ?? []) as Obj[] };
}

interface FileLot { id: string; tenure: string; dwellings: number; shab_m2: number; annexes_m2?: number; vefa?: Obj; foyer?: { redevance: Obj } }
const lotsOf = (m: Merged) => m.op.lots as FileLot[];
const dwellingsOf = (m: Merged) => lotsOf(m).reduce((s, l) => s + l.dwellings, 0);
const shabOf = (m: Merged) => lotsOf(m).reduce((s, l) => s.plus(l.shab_m2), ZERO);

/** A line's year-1 amount for the whole operation, from its amount key (per dwelling or per m² SHAB: the keys these files use). */
function year1Amount(m: Merged, line: Obj): Dec {
  if (line.eur_per_dwelling !== undefined) return D(line.eur_per_dwelling as number).times(dwellingsOf(m));
  if (line.eur_per_m2_shab !== undefined) return D(line.eur_per_m2_shab as number).times(shabOf(m));
  throw new Error(`no amount key this test knows in ${JSON.stringify(line)}`);
}

/**
 * Growth into year y (y ≥ 2) of an indexation path: a list gives year 2, year 3, …, its last value
 * held; a map gives the growth into the year of each key, held until the next key (spec17 « B »,
 * the convention of `irl_path_pct`).
 */
function growthInto(pathPct: unknown, y: number): Dec {
  if (Array.isArray(pathPct)) return D(pathPct[Math.min(y - 1, pathPct.length) - 1] as number).div(100);
  const keys = Object.keys(pathPct as Obj).map(Number).filter((k) => k <= y).sort((a, b) => a - b);
  if (keys.length === 0) throw new Error(`path ${JSON.stringify(pathPct)} has no key up to year ${y}`);
  return D((pathPct as Record<number, number>)[keys[keys.length - 1]!]!).div(100);
}
/** The index of year y (year 1 = 1): Π over k = 2…y of (1 + growth into k). */
function indexAt(pathPct: unknown, y: number): Dec {
  let idx = ONE;
  for (let k = 2; k <= y; k++) idx = idx.times(ONE.plus(growthInto(pathPct, k)));
  return idx;
}

/**
 * Fraction of the first year let (spec17 « A »): letting on day 1 of month m → (13 − m)/12; on day
 * d of month m → (12 − m + (D_m − d + 1)/D_m)/12. 1 January → 1 (a full year).
 */
function firstYearFraction(iso: string): Dec {
  const [yy, mm, dd] = iso.split('-').map(Number) as [number, number, number];
  if (dd === 1) return D(13 - mm).div(12);
  const daysInMonth = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return D(12 - mm).plus(D(daysInMonth - dd + 1).div(daysInMonth)).div(12);
}

/**
 * Account rows are published « rounded as a whole » (docs/json.md): a line moves by at most a cent
 * from its own rounding; so a published line is within 1.5 cent of the exact figure.
 */
function near(actual: unknown, exact: Dec, what: string, tolerance = '0.015'): void {
  expect(typeof actual, `${what}: a number`).toBe('number');
  const diff = D(actual as number).minus(exact).abs();
  expect(diff.lte(tolerance), `${what}: ${String(actual)} vs ${exact.toFixed(4)} (hand-worked)`).toBe(true);
}

// ---------------------------------------------------------------------------------------------
describe('the rules the hand-worked figures apply (spec17), checked on hand arithmetic', () => {
  it('first year: 1 December → 1/12, 1 January → 1, 15 February 2028 (29 days) → (10 + 15/29)/12', () => {
    expect(firstYearFraction('2028-12-01').eq(D(1).div(12))).toBe(true);
    expect(firstYearFraction('2018-01-01').eq(1)).toBe(true);
    expect(firstYearFraction('2028-02-15').eq(D(10).plus(D(15).div(29)).div(12))).toBe(true);
  });
  it('a list path gives the growth into year 2, 3, …, its last value held; a map holds each key until the next', () => {
    expect(indexAt([1.1, 2.1, 2.0, 1.8], 1).eq(1)).toBe(true);
    expect(indexAt([1.1, 2.1, 2.0, 1.8], 7).eq(D('1.011').times('1.021').times('1.020').times('1.018').times('1.018').times('1.018'))).toBe(true);
    expect(indexAt({ 2: 2.0, 4: 1.9, 5: 2.0 }, 6).eq(D('1.02').times('1.02').times('1.019').times('1.02').times('1.02'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe('issue 17 fixtures: the files parse and use only the keys of the agreed syntax (spec17)', () => {
  /** Line ids and line attributes of spec17 « B ». */
  const LINE_IDS = ['rents', 'annex_rents', 'vacancy', 'bad_debt', 'management', 'maintenance', 'major_maintenance', 'tfpb', 'teom', 'insurance', 'cglls', 'ancols'];
  const AMOUNT_KEYS = ['eur_per_dwelling', 'eur_per_m2_su', 'eur_per_m2_shab', 'eur_per_year', 'pct_of_rents', 'pct_of_cost'];
  const LINE_KEYS = [...AMOUNT_KEYS, 'from_year', 'indexation_pct', 'indexation_path_pct', 'by_year', 'recoverable'];
  /** The cost-line concepts `vat_by_line_pct` may name (spec17 « D »: the concepts of src/engine/cost-price.ts). */
  const VAT_CONCEPTS = ['land', 'land_fees', 'site_works', 'building', 'works', 'common_space', 'price_revision', 'contingencies', 'fees', 'insurance', 'prefinancing', 'ta', 'rap'];

  const checkLine = (where: string, line: unknown, extra: string[] = []): string[] => {
    if (!isObj(line)) return [`${where}: not a mapping`];
    const bad = Object.keys(line).filter((k) => !LINE_KEYS.includes(k) && !extra.includes(k)).map((k) => `${where}.${k}`);
    if (Object.keys(line).filter((k) => AMOUNT_KEYS.includes(k)).length > 1) bad.push(`${where}: more than one amount key`);
    if (line.indexation_pct !== undefined && line.indexation_path_pct !== undefined) bad.push(`${where}: indexation_pct and indexation_path_pct`);
    const p = line.indexation_path_pct;
    if (p !== undefined && !(Array.isArray(p) && p.every((v) => typeof v === 'number')) && !(isObj(p) && Object.entries(p).every(([k, v]) => /^\d+$/.test(k) && Number(k) >= 1 && typeof v === 'number'))) bad.push(`${where}.indexation_path_pct: a list or a map year → %`);
    if (line.by_year !== undefined && !(isObj(line.by_year) && Object.entries(line.by_year).every(([k, v]) => /^\d+$/.test(k) && Number(k) >= 1 && typeof v === 'number'))) bad.push(`${where}.by_year: a map year → €`);
    return bad;
  };

  /** Takes the spec17 keys out of an `assumptions` mapping (checking them); what remains is today's schema. */
  const stripAssumptions = (a: Obj | undefined, where: string, bad: string[]): Obj | undefined => {
    if (!a) return a;
    const rest: Obj = { ...a };
    if (rest.lines !== undefined) {
      const lines = rest.lines as Obj;
      for (const [id, line] of Object.entries(lines)) {
        if (!LINE_IDS.includes(id)) { bad.push(`${where}.lines.${id}: not a line id`); continue; }
        bad.push(...checkLine(`${where}.lines.${id}`, line, id === 'major_maintenance' ? ['plan'] : []));
        const plan = (line as Obj).plan;
        if (plan !== undefined) {
          if (!Array.isArray(plan)) bad.push(`${where}.lines.${id}.plan: a list`);
          else plan.forEach((row, i) => {
            const keys = Object.keys(row as Obj);
            if (!keys.includes('from_year') || keys.filter((k) => AMOUNT_KEYS.includes(k)).length !== 1 || keys.length !== 2) bad.push(`${where}.lines.${id}.plan[${i}]: from_year and one amount key`);
          });
        }
      }
      delete rest.lines;
    }
    if (rest.other_lines !== undefined) {
      const ids = new Set<string>();
      (rest.other_lines as Obj[]).forEach((l, i) => {
        const id = String(l.id);
        if (!/^[a-z][a-z0-9_]*$/.test(id) || ids.has(id)) bad.push(`${where}.other_lines[${i}].id`);
        ids.add(id);
        if (typeof l.label !== 'string') bad.push(`${where}.other_lines[${i}].label`);
        bad.push(...checkLine(`${where}.other_lines[${i}]`, l, ['id', 'label']));
      });
      delete rest.other_lines;
    }
    return rest;
  };

  for (const [name, profileName] of [[FOYER, FOYER_PROFILE], [FAMILY, FAMILY_PROFILE]] as const) {
    it(`${name}: the operation file and its profile parse; without the spec17 keys they are valid today`, () => {
      const bad: string[] = [];
      const op = readYaml(`${folder}/${name}.yaml`);
      expect(op.profile).toBe(profileName);
      const profileRel = `${folder}/${String(op.profile)}`;
      expect(fs.existsSync(path.join(ROOT, profileRel)), profileRel).toBe(true);
      const profile = readYaml(profileRel);

      // spec17 « A »: operation.letting_date
      const operation = { ...(op.operation as Obj) };
      if (operation.letting_date !== undefined) {
        expect(String(operation.letting_date)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        delete operation.letting_date;
      }
      // spec17 « C »: lots[].foyer
      const lots = (op.lots as Obj[]).map((l, i) => {
        const { foyer, ...rest } = l;
        if (foyer !== undefined) {
          const f = foyer as Obj;
          if (!['PLAI', 'PLUS', 'PLS'].includes(String(l.tenure))) bad.push(`lots[${i}].foyer on a ${String(l.tenure)} lot`);
          if (!['foyer', 'residence_sociale', 'pension_de_famille'].includes(String(f.kind))) bad.push(`lots[${i}].foyer.kind`);
          const r = (f.redevance ?? {}) as Obj;
          const keys = Object.keys(r);
          if (keys.filter((k) => k === 'eur_per_unit_month' || k === 'eur_per_m2_su_month').length !== 1) bad.push(`lots[${i}].foyer.redevance: one of eur_per_unit_month / eur_per_m2_su_month`);
          if (keys.filter((k) => k === 'charges_eur_per_unit_month' || k === 'charges_eur_per_m2_su_month').length > 1) bad.push(`lots[${i}].foyer.redevance: at most one charges key`);
          bad.push(...keys.filter((k) => !['eur_per_unit_month', 'eur_per_m2_su_month', 'charges_eur_per_unit_month', 'charges_eur_per_m2_su_month'].includes(k)).map((k) => `lots[${i}].foyer.redevance.${k}`));
          bad.push(...Object.keys(f).filter((k) => k !== 'kind' && k !== 'redevance').map((k) => `lots[${i}].foyer.${k}`));
        }
        return rest;
      });
      // spec17 « D »: construction.vat_by_line_pct
      const construction = { ...(op.construction as Obj) };
      if (construction.vat_by_line_pct !== undefined) {
        for (const [k, v] of Object.entries(construction.vat_by_line_pct as Obj)) {
          if (!VAT_CONCEPTS.includes(k)) bad.push(`construction.vat_by_line_pct.${k}: not a cost-line concept`);
          if (typeof v !== 'number' || v < 0 || v > 30) bad.push(`construction.vat_by_line_pct.${k}: a percent`);
        }
        delete construction.vat_by_line_pct;
      }
      // spec17 « B »: assumptions.lines, assumptions.other_lines (in the operation and in the profile)
      const assumptions = stripAssumptions(op.assumptions as Obj | undefined, 'assumptions', bad);
      const profileAssumptions = stripAssumptions(profile.assumptions as Obj | undefined, `${String(op.profile)}: assumptions`, bad);
      expect(bad).toEqual([]);

      const today = { ...op, operation, construction, lots, ...(assumptions ? { assumptions } : {}) };
      const r = operationFile().safeParse(today);
      expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
      const p = profileFile().safeParse({ ...profile, ...(profileAssumptions ? { assumptions: profileAssumptions } : {}) });
      expect(p.success ? [] : p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    });

    it(`${name}: every figure is sourced by id, nothing cites the research note or a machine path`, () => {
      const op = readYaml(`${folder}/${name}.yaml`);
      for (const rel of [`${folder}/${name}.yaml`, `${folder}/${String(op.profile)}`]) {
        const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
        expect(text, rel).not.toMatch(/domain\.md|\.\.\/shared|\/work\//);
        // every `# assumed:` comment names a source of docs/sources.md
        const ids = new Set([...fs.readFileSync(path.join(ROOT, 'docs/sources.md'), 'utf8').matchAll(/^### \[([A-Z0-9-]+)\]/gm)].map((m) => m[1]!));
        for (const [i, line] of text.split('\n').entries()) {
          const comment = line.includes('#') ? line.slice(line.indexOf('#')) : '';
          const cited = [...comment.matchAll(/\[([A-Z][A-Z0-9-]+)\]/g)].map((m) => m[1]!);
          for (const id of cited) expect(ids.has(id), `${rel}:${i + 1}: [${id}] is not in docs/sources.md`).toBe(true);
          if (/# assumed:/.test(comment)) expect(cited.length, `${rel}:${i + 1}: an assumed figure without a source id`).toBeGreaterThan(0);
        }
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
interface Row { year: number; [k: string]: number | undefined }
interface Loan { schedule: { year: number; annuity_eur: number }[] }
interface Report {
  rental: { horizon_years: number; calendar: { first_annuity_year: number; first_year_fraction: number }; lots: { id: string; tfpb_exemption_years: number; loans: Loan[]; account: { years: Row[] } }[]; total: { years: Row[] } };
  cost_price: { lines: ({ id: string; amount_ht_eur: number } & Record<string, unknown>)[] };
  owners: { vefa: Record<string, number | string | null>[] };
}
async function report(name: string): Promise<Report> {
  const r = await runCli(['report', `fixtures/${name}.yaml`, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
}
const rowOf = (rows: Row[], y: number): Row => {
  const row = rows[y - 1]!;
  expect(row.year).toBe(y);
  return row;
};

describe('résidence sociale in VEFA (fixtures/residence-sociale-vefa.yaml), worked by hand', () => {
  const m = merged(FOYER);
  let j: Report;
  beforeAll(async () => { j = await report(FOYER); });
  const total = () => j.rental.total.years;
  const fraction = firstYearFraction(String((m.op.operation as Obj).letting_date));

  it('is let on 1 December: the first year is one month (1/12)', () => {
    expect((m.op.operation as Obj).letting_date).toBe('2028-12-01');
    expect(fraction.eq(D(1).div(12))).toBe(true);
  });

  it('year 1: each lot’s rent (the redevance less its charges part) = full year × 1/12', () => {
    for (const lot of lotsOf(m)) {
      const r = lot.foyer!.redevance;
      const monthly = D(r.eur_per_unit_month as number).minus(D((r.charges_eur_per_unit_month as number | undefined) ?? 0));
      const fullYear = monthly.times(lot.dwellings).times(12);
      const account = j.rental.lots.find((l) => l.id === lot.id)!.account.years;
      near(rowOf(account, 1).rent_eur, fullYear.times(fraction), `${lot.id} rent year 1`);
      // year 2 is a full year (its index on the IRL path, the rents' default indexation)
      near(rowOf(account, 2).rent_eur, fullYear.times(indexAt(m.assumptions.irl_path_pct, 2)), `${lot.id} rent year 2`);
    }
  });

  it('year 1: the redevance’s charges part = full year × 1/12', () => {
    let fullYear = ZERO;
    for (const lot of lotsOf(m)) {
      const r = lot.foyer!.redevance;
      const lotFull = D(r.charges_eur_per_unit_month as number).times(lot.dwellings).times(12);
      near(rowOf(j.rental.lots.find((l) => l.id === lot.id)!.account.years, 1)[FIELD.redevanceCharges], lotFull.times(fraction), `${lot.id} charges part year 1`);
      fullYear = fullYear.plus(lotFull);
    }
    near(rowOf(total(), 1)[FIELD.redevanceCharges], fullYear.times(fraction), 'charges part year 1, all lots');
  });

  it('year 1: every charge line in force = full year × 1/12 (management, TEOM, insurance, the foyer’s charges)', () => {
    const y1 = rowOf(total(), 1);
    // management: the operation's 420 €/unit over the profile's 350 (its path stays the profile's)
    expect(m.lines.management!.eur_per_dwelling).toBe(420);
    near(y1.management_eur, year1Amount(m, m.lines.management!).times(fraction), 'management year 1');
    // TEOM not recoverable (the redevance carries the charges): the whole amount is the account's
    expect(m.lines.teom!.recoverable).toBe(false);
    near(y1[FIELD.teom], year1Amount(m, m.lines.teom!).times(fraction), 'TEOM year 1');
    near(y1.insurance_eur, year1Amount(m, m.lines.insurance!).times(fraction), 'insurance year 1');
    const foyerCharges = m.otherLines.find((l) => l.id === 'charges_foyer')!;
    near(y1[FIELD.otherLines], year1Amount(m, foyerCharges).times(fraction), 'the foyer’s charges year 1');
    // not yet in force in year 1: maintenance (from year 3), gros entretien (from year 6), TFPB (exempt)
    expect(m.lines.maintenance!.from_year).toBe(3);
    expect(m.lines.major_maintenance!.from_year).toBe(6);
    expect(y1.maintenance_eur).toBe(0);
    expect(y1.major_maintenance_eur).toBe(0);
    expect(y1.tfpb_eur).toBe(0);
  });

  it('the first annuity falls in year 2, the year after letting (CDC convention): year 2 carries each loan’s first instalment', () => {
    expect(j.rental.calendar.first_annuity_year).toBe(2);
    expect(rowOf(total(), 1)[FIELD.calendarYear]).toBe(2028);
    expect(rowOf(total(), 1).annuities_eur).toBe(0);
    let first = ZERO;
    for (const lot of j.rental.lots) {
      expect(lot.loans.length, lot.id).toBeGreaterThan(0); // the CDC PLAI / PLS loans of the plan
      for (const loan of lot.loans) first = first.plus(D(loan.schedule[0]!.annuity_eur));
      expect(rowOf(lot.account.years, 1).annuities_eur, lot.id).toBe(0);
    }
    near(rowOf(total(), 2).annuities_eur, first, 'annuities year 2', '0.05');
  });

  it('management follows its own path (1.1 %, 2.1 %, 2.0 %, then 1.8 % held), not the charges’ 1.8 %', () => {
    const full = year1Amount(m, m.lines.management!);
    const p = m.lines.management!.indexation_path_pct;
    expect(p).toEqual([1.1, 2.1, 2.0, 1.8]);
    for (const y of [2, 3, 4, 5, 6, 10, 25, 40]) near(rowOf(total(), y).management_eur, full.times(indexAt(p, y)), `management year ${y}`);
    // by hand, year 3: full × 1.011 × 1.021
    near(rowOf(total(), 3).management_eur, full.times('1.011').times('1.021'), 'management year 3');
  });

  it('maintenance follows its path by year ({2: 2.0, 4: 1.9, 5: 2.0}) from year 3, indexed from year 1; TEOM follows the charges’ 1.8 %', () => {
    const full = year1Amount(m, m.lines.maintenance!);
    const p = m.lines.maintenance!.indexation_path_pct;
    expect(rowOf(total(), 2).maintenance_eur).toBe(0);
    for (const y of [3, 4, 5, 6, 20]) near(rowOf(total(), y).maintenance_eur, full.times(indexAt(p, y)), `maintenance year ${y}`);
    near(rowOf(total(), 5).maintenance_eur, full.times('1.02').times('1.02').times('1.019').times('1.02'), 'maintenance year 5, by hand');
    const teom = year1Amount(m, m.lines.teom!);
    for (const y of [2, 3, 10]) near(rowOf(total(), y)[FIELD.teom], teom.times(D('1.018').pow(y - 1)), `TEOM year ${y}`);
  });

  it('VAT per line: the VEFA price at the rate of the buyer’s product (5.5 % PLAI, 10 % PLS), the notary fees without VAT', () => {
    for (const lot of lotsOf(m)) {
      const v = lot.vefa!;
      const su = D(lot.shab_m2).plus(D(lot.annexes_m2 ?? 0).div(2));
      const ht = D(v.price_eur_per_m2_su_ht as number).times(su).toDecimalPlaces(2);
      const vat = ht.times(D(v.vat_pct as number).div(100)).toDecimalPlaces(2);
      const fees = ht.times(D(v.fees_pct as number).div(100)).toDecimalPlaces(2);
      const row = j.owners.vefa.find((x) => x.lot === lot.id)!;
      expect(row.vat_pct, lot.id).toBe(lot.tenure === 'PLS' ? 10 : 5.5);
      expect(D(row.price_ht_eur as number).toFixed(2), lot.id).toBe(ht.toFixed(2));
      expect(D(row.price_vat_eur as number).toFixed(2), lot.id).toBe(vat.toFixed(2));
      expect(D(row.price_ttc_eur as number).toFixed(2), lot.id).toBe(ht.plus(vat).toFixed(2));
      expect(D(row.buyer_fees_eur as number).toFixed(2), lot.id).toBe(fees.toFixed(2));
      // the fees are counted as paid: no VAT on them
      expect(D(row.buyer_cost_ttc_eur as number).toFixed(2), lot.id).toBe(ht.plus(vat).plus(fees).toFixed(2));
    }
    // by hand, the PLS lot: 360 m² × 2 700 € = 972 000 € HT, VAT 10 % = 97 200 €, TTC 1 069 200 €
    const pls = j.owners.vefa.find((x) => x.lot === 'pls')!;
    expect(pls.price_ttc_eur).toBe(1069200);
  });

  it('VAT per line of the cost price: the fees at 20 %, the notary fees on the land without VAT', () => {
    const rates = (m.op.construction as Obj).vat_by_line_pct as Record<string, number>;
    expect(rates).toEqual({ land_fees: 0, fees: 20 });
    const fees = j.cost_price.lines.find((l) => l.id === 'fees')!;
    // two lots, each line's VAT rounded within the lot: within a cent per lot
    expect(fees[FIELD.lineVatPct]).toBe(rates.fees);
    near(fees[FIELD.lineVat], D(fees.amount_ht_eur).times(D(rates.fees!).div(100)), 'VAT of the fees line', '0.02');
    // the land: 430 €/m² SP × SP (SHAB 1 160 m² ÷ 0.75), to the cent; its notary fees 2 % of it, no VAT
    const landOp = m.op.land as Obj;
    const sp = shabOf(m).div((m.op.construction as Obj).shab_sp_ratio as number);
    const landPrice = D(landOp.price_eur_per_m2_sp as number).times(sp).toDecimalPlaces(2);
    expect(landPrice.toFixed(2)).toBe('665066.67');
    const land = j.cost_price.lines.find((l) => l.id === 'land')!;
    expect(D(land.amount_ht_eur).toFixed(2)).toBe(landPrice.toFixed(2));
    const landFees = j.cost_price.lines.find((l) => l.id === 'land_fees')!;
    expect(D(landFees.amount_ht_eur).toFixed(2)).toBe(landPrice.times(D(landOp.acquisition_fees_pct as number).div(100)).toDecimalPlaces(2).toFixed(2));
    expect(landFees[FIELD.lineVatPct]).toBe(0);
    expect(landFees[FIELD.lineVat]).toBe(0);
  });
});

describe('Locus Solus over 80 years (fixtures/locus-solus-80-ans.yaml), worked by hand', () => {
  const m = merged(FAMILY);
  let j: Report;
  beforeAll(async () => { j = await report(FAMILY); });
  const total = () => j.rental.total.years;
  const ge = () => m.lines.major_maintenance!;
  const firstYear = Number(String((m.op.operation as Obj).letting_date).slice(0, 4));

  it('runs 80 years (the 80-year land loans), from a full first year (let on 1 January)', () => {
    expect(j.rental.horizon_years).toBe(80);
    expect(total().length).toBe(80);
    expect(firstYearFraction(String((m.op.operation as Obj).letting_date)).eq(1)).toBe(true);
    const durations = j.rental.lots.flatMap((l) => l.loans.map((x) => x.schedule.length));
    expect(Math.max(...durations)).toBe(80);
  });

  it('let on 1 January: the first annuity falls in year 1 (as without a letting date)', () => {
    expect(j.rental.calendar.first_annuity_year).toBe(1);
    let first = ZERO;
    for (const lot of j.rental.lots) for (const loan of lot.loans) first = first.plus(D(loan.schedule[0]!.annuity_eur));
    expect(first.gt(0)).toBe(true);
    near(rowOf(total(), 1).annuities_eur, first, 'annuities year 1', '0.05');
  });

  /** The plan's amount in year y (year-1 euros): the row in force that year, nothing before the first (spec17 « B »). */
  const planAt = (y: number): Dec => {
    const plan = ge().plan as Obj[];
    const row = [...plan].reverse().find((r) => (r.from_year as number) <= y);
    return row ? year1Amount(m, row) : ZERO;
  };

  it('the gros entretien plan: nothing before year 6, then 2, 4, 6 €/m² SHAB from years 6, 11, 16, indexed from year 1 on its path', () => {
    const p = ge().indexation_path_pct;
    expect(p).toEqual([2.0, 2.0, 1.9, 2.0]);
    for (const y of [1, 2, 3, 4, 5]) expect(rowOf(total(), y).major_maintenance_eur, `year ${y}`).toBe(0);
    for (const y of [6, 7, 10, 11, 15, 16, 20, 25, 27, 40, 80]) near(rowOf(total(), y).major_maintenance_eur, planAt(y).times(indexAt(p, y)), `gros entretien year ${y}`);
    // by hand: year 6 = 2 €/m² × 3 036 m² × 1.02 × 1.02 × 1.019 × 1.02 × 1.02 (SHAB 2 112 + 924 m²)
    expect(shabOf(m).toNumber()).toBe(3036);
    near(rowOf(total(), 6).major_maintenance_eur, D(2 * 3036).times('1.02').times('1.02').times('1.019').times('1.02').times('1.02'), 'gros entretien year 6, by hand');
    // the steps: years 10 → 11 and 15 → 16 double and then add half, beyond one year's indexation
    near(rowOf(total(), 11).major_maintenance_eur, D(4 * 3036).times(indexAt(p, 11)), 'gros entretien year 11');
    near(rowOf(total(), 16).major_maintenance_eur, D(6 * 3036).times(indexAt(p, 16)), 'gros entretien year 16');
  });

  it('a known works year (by_year 2043 = year 26) replaces the plan’s amount that year, as given (current euros), split pro rata of the dwellings', () => {
    const byYear = ge().by_year as Record<string, number>;
    expect(Object.keys(byYear)).toEqual(['2043']);
    const y = 2043 - firstYear + 1;
    expect(y).toBe(26);
    expect(rowOf(total(), y)[FIELD.calendarYear]).toBe(2043);
    const amount = D(byYear['2043']!);
    // (each account's row is published rounded as a whole: a line within a cent and a half of its exact amount)
    near(rowOf(total(), y).major_maintenance_eur, amount, 'works year, all lots');
    let sum = ZERO;
    for (const lot of lotsOf(m)) {
      const got = rowOf(j.rental.lots.find((l) => l.id === lot.id)!.account.years, y).major_maintenance_eur;
      near(got, amount.times(lot.dwellings).div(dwellingsOf(m)), `${lot.id} works year`);
      sum = sum.plus(D(got!));
    }
    near(sum.toNumber(), amount, 'the lots’ parts add up to the amount', '0.03');
    // the years around it follow the plan
    near(rowOf(total(), y - 1).major_maintenance_eur, planAt(y - 1).times(indexAt(ge().indexation_path_pct, y - 1)), 'gros entretien year 25');
    near(rowOf(total(), y + 1).major_maintenance_eur, planAt(y + 1).times(indexAt(ge().indexation_path_pct, y + 1)), 'gros entretien year 27');
  });

  it('TFPB: nothing during the 25-year exemption, then 345 €/dwelling on its own path (1.1 %, 1.7 %, 1.7 %, then 1.8 % held), indexed from year 1', () => {
    const p = m.lines.tfpb!.indexation_path_pct;
    expect(p).toEqual([1.1, 1.7, 1.7, 1.8]);
    // CGI 1384 A I ter: 25 years for PLUS/PLAI agreed before 31 December 2026
    for (const lot of j.rental.lots) expect(lot.tfpb_exemption_years, lot.id).toBe(25);
    for (const y of [1, 10, 25]) expect(rowOf(total(), y).tfpb_eur, `year ${y}`).toBe(0);
    const full = year1Amount(m, m.lines.tfpb!);
    expect(full.toNumber()).toBe(345 * 46);
    for (const y of [26, 27, 40, 80]) near(rowOf(total(), y).tfpb_eur, full.times(indexAt(p, y)), `TFPB year ${y}`);
    // by hand: year 26 = 15 870 € × 1.011 × 1.017 × 1.017 × 1.018^22
    near(rowOf(total(), 26).tfpb_eur, D(15870).times('1.011').times('1.017').times('1.017').times(D('1.018').pow(22)), 'TFPB year 26, by hand');
  });

  it('management on its own path and maintenance (from year 3) on the charges’ 1.8 %', () => {
    const mgmt = year1Amount(m, m.lines.management!);
    for (const y of [1, 2, 5, 80]) near(rowOf(total(), y).management_eur, mgmt.times(indexAt(m.lines.management!.indexation_path_pct, y)), `management year ${y}`);
    const maint = year1Amount(m, m.lines.maintenance!);
    expect(rowOf(total(), 2).maintenance_eur).toBe(0);
    for (const y of [3, 30]) near(rowOf(total(), y).maintenance_eur, maint.times(D('1.018').pow(y - 1)), `maintenance year ${y}`);
    expect(m.assumptions.charges_indexation_pct).toBe(1.8);
  });
});

describe('the Hypothèses name each line and say its value in words (src/report/line-words.ts)', () => {
  it('Locus Solus over 80 years: the gros entretien plan, the typed year and a path, as the profile and the file write them', async () => {
    // expected from the YAML itself: the profile's plan rows and the operation's by_year
    const prof = readYaml(`${folder}/${FAMILY_PROFILE}`) as { assumptions: { lines: { major_maintenance: { plan: { from_year: number; eur_per_m2_shab: number }[] }; management: { indexation_path_pct: number[] } } } };
    const op = readYaml(`${folder}/${FAMILY}.yaml`) as { assumptions: { lines: { major_maintenance: { by_year: Record<string, number> } } } };
    const fr = (n: number) => String(n).replace('.', ',');
    const plan = prof.assumptions.lines.major_maintenance.plan.map((r) => `dès l’année ${r.from_year} : ${fr(r.eur_per_m2_shab)} €/m² SHAB`).join(' ; ');
    const [y, amount] = Object.entries(op.assumptions.lines.major_maintenance.by_year)[0]!;
    const path = prof.assumptions.lines.management.indexation_path_pct.map((x) => `${fr(x)} %`).join(' puis ');
    const r = await runCli(['report', `fixtures/${FAMILY}.yaml`, '--format', 'markdown', '--sections', 'assumptions']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\u202f|\u00a0/g, ' ');
    expect(text).toContain('Gros entretien — plan de gros entretien');
    expect(text).toContain(plan);
    expect(text).toContain(`${y} : ${Number(amount).toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')} €`);
    expect(text).toContain(`Gestion — trajectoire d’indexation | ${path}`);
    expect(text).not.toContain('[object Object]');
    // (a row is named in words; its source column still gives the key's path)
    expect(text).not.toMatch(/^\| assumptions\.lines\./m);
  });
});
