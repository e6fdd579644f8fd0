/**
 * The compiled plan's operating account written line by line (issue 17 « B » × issue 16 §2): the
 * float64 mirror of `accountByLine` (src/engine/account.ts) over the lines `resolveLines`
 * (src/engine/lines.ts) resolved. Docs: docs/performance.md « Le plan compilé ».
 *
 * Everything no lever moves is laid out once per rental lot in per-year Float64Arrays (year y at
 * index y − 1, year 1 already prorated by the months let); what the levers move is kept apart as
 * coefficients the evaluation multiplies:
 *   charges_y = ci_y · (cFix_y + K · cCost_y + v · (rcFix_y + K · rcCost_y))
 *             + oFix_y + K · oCost_y + v · (roFix_y + K · roCost_y)
 *             + gross_y · (pR_y + v · pRrec_y)
 * with ci the charges index (the charges-indexation lever), K the lot's cost price TTC (the
 * construction, land and works-delay levers), v the vacancy (the vacancy lever: a recoverable
 * line's borne share) and gross the rents invoiced that year (the rents and IRL levers). The `c…`
 * terms are the lines on the charges index, the `o…` terms the lines on their own index and the
 * amounts typed by year (`by_year`, not prorated), the `r…` terms the recoverable lines.
 */
import type { Dec } from '../domain/money';
import type { Model } from '../engine/model';
import { firstCalendarYear } from '../engine/model';
import type { OperatingAssumptions } from '../engine/account';
import { yearIndex } from '../engine/lines';
import type { Levers } from './types';

export interface LotLines {
  cFix: Float64Array; cCost: Float64Array; rcFix: Float64Array; rcCost: Float64Array;
  oFix: Float64Array; oCost: Float64Array; roFix: Float64Array; roCost: Float64Array;
  pR: Float64Array; pRrec: Float64Array;
  /** The annex rents' own index (null: they follow the rents). */
  annexIdx: Float64Array | null;
}

export interface LineLot {
  dwellings: number;
  suM2: number;
  shabM2: number;
  /** TFPB exemption years (the TFPB line's default first year is the year after). */
  exemption: number;
}

const num = (x: Dec): number => x.toNumber();

/** The index series (year 1 = 1) of a growth path (fractions, the last held), over `years` years. */
function indexOf(path: readonly Dec[], years: number): Float64Array {
  const out = new Float64Array(years);
  const g = path.map(num);
  let x = 1;
  for (let y = 1; y <= years; y++) {
    if (y > 1) x *= 1 + g[Math.min(y - 1, g.length) - 1]!;
    out[y - 1] = x;
  }
  return out;
}

/**
 * The per-year arrays of one rental lot. `f1`: year 1's fraction; `rentalDwellings`: the dwellings
 * of every rental lot (a yearly total and a typed amount are split pro rata of the dwellings).
 */
export function compileLotLines(oa: OperatingAssumptions, lot: LineLot, f1: number, rentalDwellings: number, years: number): LotLines {
  const lines = oa.lines!;
  const n = lot.dwellings;
  const arr = () => new Float64Array(years);
  const L: LotLines = {
    cFix: arr(), cCost: arr(), rcFix: arr(), rcCost: arr(), oFix: arr(), oCost: arr(), roFix: arr(), roCost: arr(), pR: arr(), pRrec: arr(),
    annexIdx: lines.annexPath ? indexOf(lines.annexPath, years) : null,
  };
  const split = (x: number): number => (rentalDwellings === n ? x : (x * n) / rentalDwellings);
  /** A form's year-1 amount (fixed €) or its coefficient of the cost (pct_of_cost) or of the rents (pct_of_rents). */
  const formOf = (am: { key: string; value: Dec }): { fixed: number; cost: number; rents: number } => {
    const v = num(am.value);
    switch (am.key) {
      case 'eur_per_dwelling': return { fixed: v * n, cost: 0, rents: 0 };
      case 'eur_per_m2_su': return { fixed: v * lot.suM2, cost: 0, rents: 0 };
      case 'eur_per_m2_shab': return { fixed: v * lot.shabM2, cost: 0, rents: 0 };
      case 'eur_per_year': return { fixed: split(v), cost: 0, rents: 0 };
      case 'pct_of_cost': return { fixed: 0, cost: v, rents: 0 };
      default: return { fixed: 0, cost: 0, rents: v }; // pct_of_rents
    }
  };
  for (const l of lines.charges) {
    const from = l.from ?? (l.id === 'tfpb' && !l.other ? lot.exemption + 1 : l.plan ? l.plan[0]!.from : 1);
    const plan = l.plan?.map((r) => ({ from: r.from, form: formOf(r.amount) }));
    const amount = l.amount ? formOf(l.amount) : null;
    const idx = l.path ? indexOf(l.path, years) : null;
    const rec = l.recoverable;
    const fix = idx ? (rec ? L.roFix : L.oFix) : rec ? L.rcFix : L.cFix;
    const cost = idx ? (rec ? L.roCost : L.oCost) : rec ? L.rcCost : L.cCost;
    const rents = rec ? L.pRrec : L.pR;
    // a typed amount replaces the line's that year, as is (not indexed, not prorated): an own term
    const typedInto = rec ? L.roFix : L.oFix;
    for (let y = 1; y <= years; y++) {
      const typed = l.byYear.get(y);
      if (typed !== undefined) { typedInto[y - 1] = typedInto[y - 1]! + split(num(typed)); continue; }
      if (y < from) continue;
      let f = amount;
      if (plan) { f = null; for (const r of plan) if (r.from <= y) f = r.form; }
      if (!f) continue;
      const k = (idx ? idx[y - 1]! : 1) * (y === 1 ? f1 : 1);
      if (f.fixed !== 0) fix[y - 1] = fix[y - 1]! + f.fixed * k;
      if (f.cost !== 0) cost[y - 1] = cost[y - 1]! + f.cost * k;
      if (f.rents !== 0) rents[y - 1] = rents[y - 1]! + f.rents;
    }
  }
  return L;
}

/**
 * The levers the plan cannot take on a file written line by line, because the exact engine would
 * not read the edited file as the lever means (each is then in `Plan.unsupportedLevers`, and
 * `equilibre risk` and the sensitivity grids sample the exact engine when it moves):
 * - the charges-indexation lever when a line's path is a map whose first year is after year 2
 *   (its growth before that year is the charges indexation, resolved into the line's index).
 */
export function linesUnsupportedLevers(model: Model): (keyof Levers)[] {
  const a = model.input.assumptions ?? {};
  const out: (keyof Levers)[] = [];
  const lines = (a.lines ?? {}) as Record<string, { indexation_pct?: unknown; indexation_path_pct?: unknown; pct_of_rents?: unknown } | undefined>;
  const first = firstCalendarYear(model);
  const late = (p: unknown): boolean => {
    if (p === undefined || Array.isArray(p) || typeof p !== 'object' || p === null) return false;
    const keys = Object.keys(p).map((k) => yearIndex(Number(k), first));
    return keys.length > 0 && Math.min(...keys) > 2;
  };
  const charged = [...Object.entries(lines).filter(([id]) => id !== 'rents' && id !== 'annex_rents').map(([, l]) => l), ...((a.other_lines ?? []) as { indexation_path_pct?: unknown }[])];
  if (charged.some((l) => late(l?.indexation_path_pct))) out.push('chargesIndexationPts');
  return out;
}
