/**
 * The operating account line by line (issue 17, « B »; src/schema/lines.ts): each charge line's
 * amount (per dwelling, per m² SU or SHAB, a yearly total, % of the rents, % of the cost), first
 * year, indexation (a rate or a path by year, the last value held), amounts typed per year, the
 * recoverable share, the gros entretien plan; TEOM and other lines. Today's keys are shorthands:
 * a file that gives neither `lines` nor `other_lines` never comes here (account.ts keeps its closed
 * form), and a line written in full means what its shorthand means.
 *
 * Facts only: the words of the lines are in src/report/words.ts.
 */
import { D, ONE, pct, type Dec } from '../domain/money';
import { AMOUNT_KEYS, PCT_LINE_IDS, type AmountKey, type ChargeLineInput, type PlanRowInput } from '../schema/lines';
import { yearIndex } from './lines-check';

export { hasLines, horizonDiagnostics, lineDiagnostics, yearIndex } from './lines-check';
import { firstCalendarYear, noteAssumption, take, useParam, type Model } from './model';

/** A line's year-1 amount: its form and value (a percentage as a fraction). */
export interface LineAmount {
  key: AmountKey;
  value: Dec;
}

export interface ResolvedLine {
  /** `management`, `teom`…, or an other line's id. */
  id: string;
  /** An other line's label (`other_lines[].label`). */
  label?: string;
  other: boolean;
  /** The year-1 amount (null with a plan). */
  amount: LineAmount | null;
  /** The gros entretien plan: each row's amount from its year (index) until the next row's. */
  plan: { from: number; amount: LineAmount }[] | null;
  /** First year paid (index); null: the line's default (TFPB: after the lot's exemption). */
  from: number | null;
  /** Growth into year 2, 3… (fractions, the last held); null: the charges indexation. */
  path: Dec[] | null;
  /** Amounts typed per year (year index → the operation's total, current euros). */
  byYear: Map<number, Dec>;
  recoverable: boolean;
}

export interface ResolvedLines {
  /** The charge lines in the account's order: management, insurance, maintenance, major maintenance, TFPB, TEOM, then the other lines. */
  charges: ResolvedLine[];
  /** The growth path of the annex rents; null: they follow the rents. */
  annexPath: Dec[] | null;
}

/** A path of growth rates (fractions) from the list or map form; `fallback(y)` is the growth into year y before the map's first key. */
export function pathOf(p: readonly number[] | Record<string, number>, first: number | null, fallback: (y: number) => Dec): Dec[] {
  if (Array.isArray(p)) return p.map((v) => pct(v));
  const keys = Object.entries(p as Record<string, number>).map(([k, v]) => [yearIndex(Number(k), first), v] as const).sort((x, y) => x[0] - y[0]);
  const last = Math.max(2, keys[keys.length - 1]![0]);
  const out: Dec[] = [];
  for (let y = 2; y <= last; y++) {
    let g: Dec | null = null;
    for (const [k, v] of keys) if (k <= y) g = pct(v);
    out.push(g ?? fallback(y));
  }
  return out;
}

/** Growth into year y (y ≥ 2) of a path (the last value held). */
const growthAt = (path: readonly Dec[], y: number): Dec => path[Math.min(y - 1, path.length) - 1]!;

/** Record a value the file (or its profile) gives for a line, for the Hypothèses section. */
function noteGiven(model: Model, path: string, value: unknown): void {
  const i = model.profile?.origins[path];
  const profile = i !== undefined ? model.profile!.chain[i] : undefined;
  const text = Array.isArray(value) ? value.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))) : typeof value === 'object' && value !== null ? Object.entries(value).map(([k, v]) => `${k}: ${String(v)}`) : [String(value)];
  const unit = path.endsWith('_path_pct') ? 'pct_list' : path.endsWith('_pct') || path.endsWith('pct_of_rents') || path.endsWith('pct_of_cost') ? 'pct' : path.endsWith('eur_per_dwelling') ? 'eur_per_dwelling' : path.endsWith('from_year') ? 'year' : 'text';
  noteAssumption(model.used, {
    key: path, value: text.join(' ; '), unit, label: '', source: '', status: 'confirmed',
    origin: profile ? 'profile' : 'file', path,
    ...(profile ? { profile: profile.vintage === undefined || profile.name.endsWith(profile.vintage) ? profile.name : `${profile.name} ${profile.vintage}` } : {}),
  });
}

/** The amount a line gives (its one amount key), as a fraction for percentages. */
function amountOf(l: Partial<Record<AmountKey, number>>): LineAmount | null {
  for (const k of AMOUNT_KEYS) {
    const v = l[k];
    if (v !== undefined) return { key: k, value: k === 'pct_of_rents' || k === 'pct_of_cost' ? pct(v) : D(v) };
  }
  return null;
}

/**
 * The charge lines and the income indexation of a file that writes its account line by line,
 * each attribute from the line, else its shorthand, else its default (recorded as used).
 */
export function resolveLines(model: Model, chargesIndexation: Dec): ResolvedLines {
  const a = model.input.assumptions ?? {};
  const lines = a.lines ?? {};
  const first = firstCalendarYear(model);
  const dflt = (): Dec => chargesIndexation;
  const note = (base: string, l: Record<string, unknown> | undefined) => {
    if (l) for (const [k, v] of Object.entries(l)) if (v !== undefined && k !== 'id' && k !== 'label') noteGiven(model, `${base}.${k}`, v);
  };
  const build = (id: string, l: ChargeLineInput | undefined, other: boolean, fallback: () => LineAmount, fromDefault: () => number | null, recoverableDefault: boolean, label?: string): ResolvedLine => {
    const plan = l?.plan ? l.plan.map((r: PlanRowInput) => ({ from: yearIndex(r.from_year, first), amount: amountOf(r)! })).sort((x, y) => x.from - y.from) : null;
    const amount = plan ? null : (l ? amountOf(l) : null) ?? fallback();
    const p = l?.indexation_path_pct !== undefined ? pathOf(l.indexation_path_pct, first, dflt) : l?.indexation_pct !== undefined ? [pct(l.indexation_pct)] : null;
    const byYear = new Map<number, Dec>();
    for (const [k, v] of Object.entries(l?.by_year ?? {})) byYear.set(yearIndex(Number(k), first), D(v));
    return {
      id, other, amount, plan,
      from: l?.from_year !== undefined ? yearIndex(l.from_year, first) : plan ? null : fromDefault(),
      path: p, byYear, recoverable: l?.recoverable ?? recoverableDefault,
      ...(label !== undefined ? { label } : {}),
    };
  };
  const perDwelling = (v: Dec): LineAmount => ({ key: 'eur_per_dwelling', value: v });
  const m = lines.management, i = lines.insurance, mt = lines.maintenance, mj = lines.major_maintenance, t = lines.tfpb, te = lines.teom;
  note('assumptions.lines.management', m); note('assumptions.lines.insurance', i); note('assumptions.lines.maintenance', mt);
  note('assumptions.lines.major_maintenance', mj); note('assumptions.lines.tfpb', t); note('assumptions.lines.teom', te);
  const charges: ResolvedLine[] = [
    build('management', m, false, () => perDwelling(take(model, 'assumptions.management_eur_per_dwelling')), () => 1, false),
    build('insurance', i, false, () => perDwelling(take(model, 'assumptions.insurance_eur_per_dwelling')), () => 1, false),
    build('maintenance', mt, false, () => perDwelling(take(model, 'assumptions.maintenance_eur_per_dwelling')), () => take(model, 'assumptions.maintenance_from_year').toNumber(), false),
    build('major_maintenance', mj, false, () => (a.major_maintenance_pct_of_cost !== undefined ? { key: 'pct_of_cost', value: pct(a.major_maintenance_pct_of_cost) } : perDwelling(take(model, 'assumptions.major_maintenance_eur_per_dwelling'))), () => take(model, 'assumptions.major_maintenance_from_year').toNumber(), false),
    build('tfpb', t, false, () => perDwelling(a.tfpb_eur_per_dwelling !== undefined ? D(a.tfpb_eur_per_dwelling) : useParam(model, 'tfpb.amount_eur_per_dwelling')), () => null, false),
  ];
  if (te) charges.push(build('teom', te, false, () => perDwelling(useParam(model, 'teom.amount_eur_per_dwelling')), () => 1, true));
  (a.other_lines ?? []).forEach((o, k) => {
    note(`assumptions.other_lines[${k}]`, o);
    charges.push(build(o.id, o, true, () => perDwelling(D(0)), () => 1, false, o.label));
  });
  // the rates by year of the lines at a % of the rents (their other attribute, `pct_of_rents`, is read by the account as today)
  for (const id of PCT_LINE_IDS) { const v = lines[id]?.by_year_pct; if (v !== undefined) noteGiven(model, `assumptions.lines.${id}.by_year_pct`, v); }
  const an = lines.annex_rents;
  note('assumptions.lines.annex_rents', an);
  const annexPath = an?.indexation_path_pct !== undefined ? pathOf(an.indexation_path_pct, first, () => ONE.minus(ONE)) : an?.indexation_pct !== undefined ? [pct(an.indexation_pct)] : null;
  return { charges, annexPath };
}

/** The index series of a path (year 1 = 1), over the horizon. */
export function indexSeries(path: readonly Dec[], horizon: number): Dec[] {
  const out: Dec[] = [];
  let x = ONE;
  for (let y = 1; y <= horizon; y++) {
    if (y > 1) x = x.times(ONE.plus(growthAt(path, y)));
    out.push(x);
  }
  return out;
}
