/**
 * The checks of an operating account written line by line (src/engine/lines.ts), on the validated
 * input, before the model is built (no import of the model: buildModel calls them).
 */
import { diag, type Diagnostic } from '../domain/diagnostic';
import type { OperationFile } from '../schema/operation';
import { AMOUNT_KEYS, CHARGE_LINE_IDS, PCT_LINE_IDS, type ChargeLineInput } from '../schema/lines';

/** Whether the file (merged with its profile) writes the account line by line. */
export function hasLines(input: OperationFile): boolean {
  const a = input.assumptions;
  return a !== undefined && (a.lines !== undefined || a.other_lines !== undefined);
}

/** Year of a `by_year` / path-map key or a `from_year`: an index, or a calendar year (≥ 1900) made an index. */
export function yearIndex(year: number, first: number | null): number {
  return year >= 1900 && first !== null ? year - first + 1 : year;
}

type Path = (string | number)[];

/**
 * The checks of the lines that need no horizon: YEAR_NEGATIVE, CALENDAR_YEAR_WITHOUT_DATE,
 * BY_YEAR_OUTSIDE_HORIZON for a calendar year before year 1, CONFLICTING_KEYS inside a line and
 * LINE_SHORTHAND_CONFLICT (a shorthand and the same attribute of its line).
 */
export function lineDiagnostics(input: OperationFile): Diagnostic[] {
  const ds: Diagnostic[] = [];
  const a = input.assumptions;
  if (!a || !hasLines(input)) return ds;
  const date = input.operation.letting_date;
  const first = date === undefined ? null : Number(date.slice(0, 4));
  const checkYear = (y: number, at: Path) => {
    if (!Number.isInteger(y) || y < 1) { ds.push(diag('YEAR_NEGATIVE', 'error', at, { year: y })); return; }
    if (y >= 1900) {
      if (first === null) ds.push(diag('CALENDAR_YEAR_WITHOUT_DATE', 'error', at, { year: y }));
      else if (y < first) ds.push(diag('BY_YEAR_OUTSIDE_HORIZON', 'error', at, { year: y, first }));
    }
  };
  const keyYear = (k: string, at: Path) => {
    const y = /^-?\d+(\.\d+)?$/.test(k.trim()) ? Number(k) : NaN;
    if (Number.isNaN(y)) ds.push(diag('YEAR_NEGATIVE', 'error', at, { year: k }));
    else checkYear(y, at);
  };
  const atMostOne = (obj: Record<string, unknown>, keys: readonly string[], at: Path) => {
    const present = keys.filter((k) => obj[k] !== undefined);
    if (present.length > 1) ds.push(diag('CONFLICTING_KEYS', 'error', [...at, present[1]!], { keys: present }));
  };
  const charge = (l: ChargeLineInput, at: Path) => {
    const o = l as Record<string, unknown>;
    atMostOne(o, AMOUNT_KEYS, at);
    atMostOne(o, ['indexation_pct', 'indexation_path_pct'], at);
    if (l.plan) {
      atMostOne(o, ['plan', ...AMOUNT_KEYS.filter((k) => o[k] !== undefined)], at);
      atMostOne(o, ['plan', 'from_year'], at);
      l.plan.forEach((r, i) => { checkYear(r.from_year, [...at, 'plan', i, 'from_year']); atMostOne(r as Record<string, unknown>, AMOUNT_KEYS, [...at, 'plan', i]); });
    }
    if (l.from_year !== undefined) checkYear(l.from_year, [...at, 'from_year']);
    for (const k of Object.keys(l.by_year ?? {})) keyYear(k, [...at, 'by_year', k]);
    const p = l.indexation_path_pct;
    if (p && !Array.isArray(p)) for (const k of Object.keys(p)) keyYear(k, [...at, 'indexation_path_pct', k]);
  };
  const lines = a.lines ?? {};
  for (const id of CHARGE_LINE_IDS) { const l = lines[id]; if (l) charge(l, ['assumptions', 'lines', id]); }
  for (const id of ['rents', 'annex_rents'] as const) {
    const l = lines[id];
    if (!l) continue;
    atMostOne(l, ['indexation_pct', 'indexation_path_pct'], ['assumptions', 'lines', id]);
    const p = l.indexation_path_pct;
    if (p && !Array.isArray(p)) for (const k of Object.keys(p)) keyYear(k, ['assumptions', 'lines', id, 'indexation_path_pct', k]);
  }
  (a.other_lines ?? []).forEach((l, i) => charge(l, ['assumptions', 'other_lines', i]));
  for (const id of PCT_LINE_IDS) for (const k of Object.keys(lines[id]?.by_year_pct ?? {})) keyYear(k, ['assumptions', 'lines', id, 'by_year_pct', k]);
  // Shorthands: the old key and the same attribute of its line, in one file.
  const conflict = (shorthand: string, id: string, attrs: readonly string[]) => {
    const line = (lines as Record<string, Record<string, unknown> | undefined>)[id];
    if ((a as Record<string, unknown>)[shorthand] === undefined || !line) return;
    const attr = attrs.find((k) => line[k] !== undefined);
    if (attr) ds.push(diag('LINE_SHORTHAND_CONFLICT', 'error', ['assumptions', 'lines', id, attr], { shorthand: `assumptions.${shorthand}`, key: `assumptions.lines.${id}.${attr}` }));
  };
  const amountOrPlan = [...AMOUNT_KEYS, 'plan'];
  for (const [s, id, attrs] of SHORTHANDS) conflict(s, id, attrs === 'amount' ? amountOrPlan : attrs);
  return ds;
}

/** Each shorthand of today's keys and the attributes of its line it stands for. */
export const SHORTHANDS: readonly (readonly [string, string, 'amount' | readonly string[]])[] = [
  ['irl_pct', 'rents', ['indexation_pct', 'indexation_path_pct']],
  ['irl_path_pct', 'rents', ['indexation_pct', 'indexation_path_pct']],
  ['vacancy_pct', 'vacancy', ['pct_of_rents']],
  ['bad_debt_pct', 'bad_debt', ['pct_of_rents']],
  ['management_eur_per_dwelling', 'management', 'amount'],
  ['maintenance_eur_per_dwelling', 'maintenance', 'amount'],
  ['maintenance_from_year', 'maintenance', ['from_year', 'plan']],
  ['major_maintenance_eur_per_dwelling', 'major_maintenance', 'amount'],
  ['major_maintenance_pct_of_cost', 'major_maintenance', 'amount'],
  ['major_maintenance_from_year', 'major_maintenance', ['from_year', 'plan']],
  ['tfpb_eur_per_dwelling', 'tfpb', 'amount'],
  ['insurance_eur_per_dwelling', 'insurance', 'amount'],
  ['cglls_pct', 'cglls', ['pct_of_rents']],
  ['ancols_pct', 'ancols', ['pct_of_rents']],
];

/** BY_YEAR_OUTSIDE_HORIZON for a `by_year` amount after the horizon (known once the loans are). */
export function horizonDiagnostics(input: OperationFile, horizon: number): Diagnostic[] {
  const ds: Diagnostic[] = [];
  const a = input.assumptions;
  if (!a || !hasLines(input)) return ds;
  const date = input.operation.letting_date;
  const first = date === undefined ? null : Number(date.slice(0, 4));
  const check = (l: ChargeLineInput, at: Path) => {
    for (const k of Object.keys(l.by_year ?? {})) {
      const y = yearIndex(Number(k), first);
      if (y > horizon) ds.push(diag('BY_YEAR_OUTSIDE_HORIZON', 'error', [...at, 'by_year', k], { year: Number(k), horizon, ...(first !== null ? { last: first + horizon - 1 } : {}) }));
    }
  };
  for (const id of CHARGE_LINE_IDS) { const l = a.lines?.[id]; if (l) check(l, ['assumptions', 'lines', id]); }
  (a.other_lines ?? []).forEach((l, i) => check(l, ['assumptions', 'other_lines', i]));
  for (const id of PCT_LINE_IDS) {
    for (const k of Object.keys(a.lines?.[id]?.by_year_pct ?? {})) {
      const y = yearIndex(Number(k), first);
      if (y > horizon) ds.push(diag('BY_YEAR_OUTSIDE_HORIZON', 'error', ['assumptions', 'lines', id, 'by_year_pct', k], { year: Number(k), horizon, ...(first !== null ? { last: first + horizon - 1 } : {}) }));
    }
  }
  return ds;
}

