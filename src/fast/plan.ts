/**
 * The compiled float64 plan (issue 16 §2): `compilePlan(evaluation)` resolves an evaluated
 * operation once; `plan.evaluate(levers, out)` recomputes only what the levers change, over
 * typed arrays. Interface: src/fast/types.ts; docs/performance.md « Le plan compilé ».
 *
 * The stages are those of the exact engine (src/engine), on float64:
 *   cost price (every line in whole cents, split with the largest-remainder rule, in integer
 *   cents: exact in float64 below 2^53) → plan de financement of the rental lots (cents) →
 *   loan schedules (a schedule is linear in its amount: one unit schedule per loan's terms and
 *   Livret A path, scaled by each amount) → operating accounts (circ. 97-51 test over the main
 *   loan's life) → sale lots, PSLA, OFS → the operation's balance.
 * Cost price, unit schedules and index series are recomputed only when a lever they depend on
 * moved since the previous evaluation. Nothing here touches the exact engine's figures.
 */
import type { Evaluation } from '../engine/evaluate';
import { firstCalendarYear, livretA, loanProgressivity, take, useParam, useParamPath, type Model } from '../engine/model';
import { operatingAssumptions } from '../engine/rental';
import { productLine } from '../params/index';
import { bt01At, BT01_DEFAULT_FORECAST_PCT } from '../params/indices';
import { allocate, D, HUNDRED, ONE, pct, type Dec } from '../domain/money';
import { TENURES, type Chapter } from '../schema/operation';
import { PlanUnsupported, type EvaluateOptions, type FastResult, type Levers, type Plan } from './types';
import { lineVatOf } from '../engine/vat-lines';
import { compileLotLines, linesUnsupportedLevers, type LotLines } from './lines';
import { yearIndex } from '../engine/lines-check';

export type { FastResult, Levers, Plan } from './types';
export { PlanUnsupported } from './types';

/** Values within a millionth of a euro of 0 are 0 (as the exact engine's sign tests at exactly 0). */
const NOISE = 1e-6;
/** Years the plan's buffers hold: the longest horizon and loan the schema admits. */
const MAX_YEARS = 100;
/** The default horizon's cap without a letting date (rental.ts): the longest loan, at most 80 years. */
const DEFAULT_HORIZON_CAP = 80;
const CH: Record<Chapter, number> = { land: 0, building: 1, fees: 2, misc: 3, financial: 4 };

/** Round half up (away from zero) a value in cents, forgiving float noise just below the half. */
function roundHalfUp(x: number): number {
  const a = Math.abs(x);
  const r = Math.floor(a + 0.5 + Math.max(1e-7, a * 1e-13));
  return x < 0 ? -r : r;
}
const toCents = (eur: number): number => roundHalfUp(eur * 100);

// ── input coverage ───────────────────────────────────────────────────────────
// Every key of the file the plan models; anything else is reported by compilePlan (PlanUnsupported),
// so that a feature added to the format later is never silently ignored by sampling.
type Shape = true | { [k: string]: Shape } | [Shape];
const SCOPE = { tenures: true, lots: true } as const;
const COST_LINE: Shape = { label: true, chapter: true, amount_eur: true, pct_of_works: true, eur_per_m2_shab: true, eur_per_dwelling: true, vat_pct: true, ...SCOPE };
const SHAPE: Shape = {
  format: true,
  operation: { name: true, commune: true, department: true, description: true, zone_abc: true, zone_hlm: true, ile_de_france: true, parameters_year: true, delivery_date: true, letting_date: true },
  land: {
    price_eur_per_m2_sp: true, price_eur_per_m2_shab: true, price_eur: true, acquisition_fees_pct: true, acquisition_fees_eur: true, site_works_eur: true, existing_building: true,
    taxes: { ta_eur: true, rap_eur: true, ta_commune_rate_pct: true, ta_department_rate_pct: true, ta_region_rate_pct: true, rap_applies: true },
    other: [COST_LINE],
  },
  construction: {
    cost_eur_per_m2_shab: true, shab_sp_ratio: true, sp_m2: true,
    common_spaces: [{ label: true, area_m2: true, cost_eur_per_m2_shab: true, included_in_construction_cost: true, vat_pct: true }],
    price_revision: { annual_pct: true, months: true }, price_revision_bt01: { price_date: true, midpoint_date: true, forecast_annual_pct: true },
    contingencies_pct: true, fees_pct: true, insurance_pct: true, prefinancing_interest_eur: true,
    prefinancing: { rate_pct: true, draws: [{ date: true, amount_eur: true }], end_date: true }, lift: true, other: [COST_LINE],
    // VAT per cost line (src/engine/vat-lines.ts): each line's rate is known from the file, whatever the levers
    vat_by_line_pct: true,
  },
  lots: [{
    id: true, label: true, tenure: true, dwellings: true, shab_m2: true, annexes_m2: true, garage_m2: true, cost_eur_per_m2_shab: true, vat_pct: true,
    rent: { rent_eur_per_m2_su_month: true, local_margin_pct: true, annex_rent_eur_per_month: true, annex_count: true },
    // a foyer: its rent-equivalent is the lot's rent (read from the evaluation), its charges part an income (charges1)
    foyer: { kind: true, redevance: { eur_per_unit_month: true, eur_per_m2_su_month: true, charges_eur_per_unit_month: true, charges_eur_per_m2_su_month: true } },
    sale: { price_eur_per_m2_shab_ttc: true, price_eur_per_m2_shab_ht: true, price_eur_per_m2_su_ht: true, price_eur_per_m2_su_ttc: true, price_eur_per_dwelling_ttc: true, target_margin_pct: true, market_price_eur_per_m2_shab: true, market_price_eur_per_m2_su: true, marketing_pct: true },
    psla: { occupancy_years: true, part_locative_eur_per_m2_su_month: true, non_exercise_pct: true, loan_rate_pct: true },
    brs: { redevance_eur_per_m2_su_month: true, ofs_land_eur: true, ofs_management_eur_per_dwelling: true, ofs_equity_eur: true, loan_duration_years: true, ofs: true },
    sciapp: { premium_pct: true, term_years: true },
    coop: { members_capital_pct: true, current_account_share_pct: true },
    // owners and VEFA between them (docs/owners.md), acquisition-amélioration and dwelling types
    owner: true,
    vefa: { seller: true, price_eur_per_m2_shab_ht: true, price_eur_per_m2_shab_ttc: true, price_eur_per_m2_su_ht: true, price_eur_per_m2_su_ttc: true, total_eur_ht: true, total_eur_ttc: true, vat_pct: true, fees_pct: true, cap_eur_per_m2_su_ht: true },
    types: [{ type: true, count: true, shab_m2: true, annexes_m2: true, price_eur_ttc: true, price_eur_per_m2_shab_ttc: true, rent_eur_per_month: true }],
    acquisition: { price_eur: true, price_eur_per_m2_shab: true, fees_eur: true },
  }],
  owners: [{ id: true, name: true, kind: true, partners: [{ owner: true, share_pct: true }] }],
  transfers: [{ from: true, to: true, label: true, amount_eur: true, share_of_margin_pct: true }],
  subsidies: [{ source: true, label: true, amount_eur: true, eur_per_dwelling: true, eur_per_m2_su: true, ...SCOPE }],
  financing: {
    equity: [{ amount_eur: true, pct_of_cost: true, eur_per_dwelling: true, ...SCOPE }],
    // remunerated equity advances (src/engine/advances.ts): spread like equity, a fixed-rate schedule repaid from the account
    equity_advances: [{ source: true, amount_eur: true, pct_of_cost: true, rate_pct: true, duration_years: true, deferral_years: true, ...SCOPE }],
    cdc_default_loans: true,
    loans: [{ label: true, lender: true, product: true, line: true, amount_eur: true, eur_per_dwelling: true, margin_pct: true, rate_pct: true, duration_years: true, progressivity_pct: true, deferral_years: true, revisability: true, ...SCOPE }],
  },
  assumptions: Object.fromEntries(['livret_a_pct', 'livret_a_path_pct', 'progressivity_pct', 'revisability', 'horizon_years', 'irl_pct', 'irl_path_pct', 'charges_indexation_pct', 'vacancy_pct', 'bad_debt_pct', 'management_eur_per_dwelling', 'maintenance_eur_per_dwelling', 'maintenance_from_year', 'major_maintenance_eur_per_dwelling', 'major_maintenance_pct_of_cost', 'major_maintenance_from_year', 'tfpb_eur_per_dwelling', 'insurance_eur_per_dwelling', 'cglls_pct', 'ancols_pct', 'tfpb_exemption_years', 'discount_rate_pct',
    // constant euros: columns of the report, no metric
    'constant_euros_index_pct', 'constant_euros_index_path_pct',
    // the account line by line (src/fast/lines.ts), read from the resolved lines
    'lines', 'other_lines'].map((k) => [k, true as Shape])),
  parameters: true, checks: true, variants: true,
  // what `equilibre risk` draws: no part of an evaluation
  risk: true,
  // the management profile: its values are already merged into assumptions and parameters (src/load/profile.ts)
  profile: true,
};

function checkShape(value: unknown, shape: Shape, path: string): void {
  if (shape === true || value === undefined || value === null) return;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) throw new PlanUnsupported(`${path} (not a list)`);
    value.forEach((v, i) => checkShape(v, shape[0], `${path}[${i}]`));
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new PlanUnsupported(`${path} (not a section)`);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = shape[k];
    if (sub === undefined) throw new PlanUnsupported(path ? `${path}.${k}` : k);
    checkShape(v, sub, path ? `${path}.${k}` : k);
  }
}

// ── loan terms and their unit schedule ──────────────────────────────────────
interface Terms {
  fixed: boolean;
  /** Fraction: margin over the Livret A, or the fixed rate. */
  rate: number;
  duration: number;
  progressivity: number;
  deferral: number;
  mode: 'simple' | 'double' | 'double_limited' | 'fixed';
  /** Building line (the main loan of the regulatory test) or land line. */
  building: boolean;
  /** Annuity of year y (index y − 1) per euro borrowed, for the current Livret A. */
  unit: Float64Array;
  /** `unit` computed once (a fixed rate's does not move). */
  done?: boolean;
}

/** S_m(q) = 1 + q + … + q^(m−1), without the cancellation of the closed form near q = 1. */
function geometricSum(q: number, m: number): number {
  const d = 1 - q;
  if (Math.abs(d) >= 1e-4) return (1 - q ** m) / d;
  let s = 1;
  for (let j = 1; j < m; j++) s = s * q + 1;
  return s;
}

/** A copy of the last array a lever gave, to compare the next one with (refilled in place: no allocation an evaluation). */
class Kept {
  private buf = new Float64Array(0);
  /** −1: no array given. */
  private len = -1;
  same(y: ArrayLike<number> | undefined): boolean {
    if (y === undefined) return this.len === -1;
    if (this.len !== y.length) return false;
    for (let i = 0; i < y.length; i++) if (this.buf[i] !== y[i]) return false;
    return true;
  }
  keep(y: ArrayLike<number> | undefined): void {
    if (y === undefined) { this.len = -1; return; }
    if (this.buf.length < y.length) this.buf = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) this.buf[i] = y[i]!;
    this.len = y.length;
  }
}

/** Powers of a schedule's constant q (unitSchedule's scratch). */
const POW = new Float64Array(129);
/** LA₀ as a path of one year (unitSchedule's scratch). */
const LA0_ONLY = new Float64Array(1);

/**
 * The CDC schedule of one euro ([CDC-PLUS], as `loanSchedule` in src/engine/loan.ts): each year
 * the rate follows the Livret A (floored at 0), the progressivity per revisability, and the
 * outstanding is re-amortised over the remaining term; deferral years pay the interest (no
 * capitalised deferral in the file format). Linear in the amount.
 */
function unitSchedule(t: Terms, la0: number, path: Float64Array, pathLen: number): void {
  const n = t.duration, d = t.deferral, p = t.progressivity, out = t.unit;
  out.fill(0);
  const tRaw = t.fixed ? t.rate : la0 + t.rate;
  const tt = tRaw < 0 ? 0 : tRaw;
  // With a fixed rate or a double revisability, q is the same every year: its powers by one product a
  // year (POW[m] = q^m, a few ulp from q ** m) instead of a power function call per year.
  const qConst = t.mode === 'fixed' || t.mode === 'double' ? (1 + p) / (1 + tt) : NaN;
  const table = !Number.isNaN(qConst) && Math.abs(1 - qConst) >= 1e-4 && n <= POW.length - 1;
  if (table) { let x = 1; POW[0] = 1; for (let m = 1; m <= n; m++) { x *= qConst; POW[m] = x; } }
  let crd = 1;
  // The Livret A of each year from one array (without a path, LA₀ alone): a value that is either a parameter or an
  // array's element would be boxed each year by the optimised code (a number allocated a year: ~30 MB a risk run).
  const src = pathLen === 0 ? LA0_ONLY : path, len = pathLen === 0 ? 1 : pathLen;
  LA0_ONLY[0] = la0;
  for (let y = 1; y <= n; y++) {
    let tx: number;
    if (t.fixed) tx = tt;
    else {
      const la = src[Math.min(y, len) - 1]!;
      tx = tRaw + (la - la0);
      if (tx < 0) tx = 0;
    }
    let q: number;
    if (t.mode === 'simple' || t.mode === 'fixed') q = (1 + p) / (1 + tx);
    else {
      const rev = ((1 + p) * (1 + tx)) / (1 + tt) - 1;
      q = t.mode === 'double_limited' && rev < 0 ? 1 / (1 + tx) : (1 + p) / (1 + tt);
    }
    const interest = tx * crd;
    let annuity: number, principal: number;
    if (y <= d) { annuity = interest; principal = 0; }
    else {
      const m = n - y + 1;
      if (m === 1) { principal = crd; annuity = interest + principal; }
      else {
        annuity = (crd * (1 + tx)) / (table ? (1 - POW[m]!) / (1 - qConst) : geometricSum(q, m));
        principal = annuity - interest;
        if (principal > crd) { principal = crd; annuity = interest + principal; }
      }
    }
    crd -= principal;
    if (y <= MAX_YEARS) out[y - 1] = annuity;
  }
}

// ── the split of an amount in whole cents (money.ts `allocate`, on integer cents) ──
/**
 * The largest-remainder split of `totalCents` by `weights`, in float64. Returns false when float
 * noise could decide it differently from the exact engine — a share within noise of a whole cent,
 * or two remainders within noise of each other at the cut — and then the caller splits exactly.
 */
export function allocateCents(totalCents: number, weights: Float64Array, n: number, out: Float64Array, order: Int32Array, rem: Float64Array, small = SMALL_SPLIT): boolean {
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += weights[i]!;
  const even = wsum === 0;
  if (even) wsum = n;
  const neg = totalCents < 0;
  const abs = Math.abs(totalCents);
  let given = 0;
  // Float noise on abs·w/wsum is a few ulp of abs (weights themselves carry a few ulp): `eps` above it.
  const eps = Math.max(1e-9, abs * 1e-14);
  let sure = true;
  for (let i = 0; i < n; i++) {
    const exact = (abs * (even ? 1 : weights[i]!)) / wsum;
    const f = Math.floor(exact);
    out[i] = f;
    const r = exact - f;
    rem[i] = r;
    // (an exact 0 is a whole share; equal weights give bit-identical remainders: both decided as the exact engine does)
    if ((r !== 0 && r < eps) || r > 1 - eps) sure = false;
    given += f;
  }
  let left = Math.round(abs - given);
  if (left > 0 && n <= small && left < n && apart(rem, n, eps)) {
    // A few lots whose remainders are equal or further apart than the noise (the order is then a strict one: the
    // heap sort's below, test/fast-path.test.ts): the `left` largest, ties to the earliest lot, picked one by one.
    let taken = 0;
    for (let k = 0; k < left; k++) {
      let best = -1;
      for (let i = 0; i < n; i++) if (!(taken & (1 << i)) && (best < 0 || rem[i]! > rem[best]!)) best = i;
      out[best] = out[best]! + 1;
      taken |= 1 << best;
    }
  } else if (left > 0) {
    // Largest remainder first, ties to the earliest lot: an in-place heap sort (no allocation).
    for (let i = 0; i < n; i++) order[i] = i;
    for (let st = (n >> 1) - 1; st >= 0; st--) sift(order, rem, eps, st, n - 1);
    for (let end = n - 1; end > 0; end--) { const t = order[0]!; order[0] = order[end]!; order[end] = t; sift(order, rem, eps, 0, end - 1); }
    // (bit-identical remainders are decided like the exact engine only when their weights are equal: otherwise the
    // engine's own remainders, rounded at its decimal precision, may order a rational tie either way — split exactly)
    if (left < n) {
      const x = order[left - 1]!, y = order[left]!, d = Math.abs(rem[x]! - rem[y]!);
      if (d !== 0 && d <= eps) sure = false;
    }
    for (let k = 0; left > 0; k++, left--) { const j = order[k % n]!; out[j] = out[j]! + 1; }
  }
  if (neg) for (let i = 0; i < n; i++) out[i] = -out[i]!;
  return sure;
}

/** Lots up to which allocateCents picks the largest remainders one by one instead of sorting them. */
const SMALL_SPLIT = 4;

/** Whether every two of the n remainders are equal or more than eps apart. */
function apart(rem: Float64Array, n: number, eps: number): boolean {
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) { const d = Math.abs(rem[i]! - rem[j]!); if (d !== 0 && d <= eps) return false; }
  }
  return true;
}

/** Lot x comes before lot y: a larger remainder, or the same (within eps) and an earlier lot. */
function before(rem: Float64Array, eps: number, x: number, y: number): boolean {
  const d = rem[x]! - rem[y]!;
  return Math.abs(d) > eps ? d > 0 : x < y;
}

function sift(order: Int32Array, rem: Float64Array, eps: number, start: number, end: number): void {
  let root = start;
  for (;;) {
    let child = 2 * root + 1;
    if (child > end) return;
    if (child + 1 <= end && before(rem, eps, order[child]!, order[child + 1]!)) child++;
    if (!before(rem, eps, order[root]!, order[child]!)) return;
    const t = order[root]!; order[root] = order[child]!; order[child] = t;
    root = child;
  }
}

/**
 * The split float64 cannot decide (a whole share, or a tie, computed with noise): the exact engine's
 * own split, money.ts `allocate`, on its decimal weights (here scaled to integers by a power of ten:
 * the same significant digits, so the same roundings at its precision). Not in exact rationals: a
 * rational tie between two lots' remainders is broken by the engine's decimal remainders, which a
 * rational split would break to the earliest lot (a cent apart, seen on risk draws).
 */
function allocateExact(totalCents: number, weights: readonly bigint[], out: Float64Array): void {
  const parts = allocate(D(totalCents).div(HUNDRED), weights.map((w) => D(w.toString())));
  for (let i = 0; i < parts.length; i++) out[i] = Math.round(parts[i]!.toNumber() * 100);
}

/** Scale of the works weights: a cost per m² and a SHAB have far fewer decimals between them. */
const WORKS_DP = 40;

/** A decimal as [mantissa, decimals]: value = mantissa × 10^−decimals. */
function decimalInt(d: Dec): [bigint, number] {
  const dp = d.decimalPlaces();
  if (dp > WORKS_DP / 2) throw new PlanUnsupported(`a cost or surface with more than ${WORKS_DP / 2} decimals (${d.toString()})`);
  return [BigInt(d.times(D(10).pow(dp)).toFixed(0)), dp];
}

/** Decimal weights as integers at one scale (exact: every weight is a short decimal). */
function toIntegers(ws: readonly Dec[]): bigint[] {
  const dp = ws.reduce((m, w) => Math.max(m, w.decimalPlaces()), 0);
  const scale = D(10).pow(dp);
  return ws.map((w) => BigInt(w.times(scale).toFixed(0)));
}

// ── compile ──────────────────────────────────────────────────────────────────
interface Spread {
  /** Lot mask (eligible). */
  mask: Uint8Array;
  kind: 'amount' | 'per_dwelling' | 'per_m2_su' | 'pct_of_cost' | 'none';
  value: number;
  /** Scaled by the subsidies lever. */
  scaled: boolean;
}

interface DynLine {
  chapter: number;
  kind: 'pct_works';
  pct: number;
  mask: Uint8Array;
  /** The line's own VAT rate (fraction), when the file gives one. */
  rate?: number;
}

interface LoanSlot {
  lot: number;
  terms: Terms;
  /** Explicit loan spread (null: a default CDC line, land or building). */
  spread: Spread | null;
  defaultLine: 'land' | 'building' | null;
}

const num = (x: { toNumber(): number }): number => x.toNumber();

/**
 * Compile the operation of an exact evaluation. What the base derived is held fixed, as
 * `freeze` (src/engine/sensitivity.ts) does: a sale price derived from the target margin and a
 * cooperative's redevance d'équilibre stay at their base values when the levers move.
 * Throws `PlanUnsupported` (naming the feature) for an operation the plan does not model, and
 * when the compiled plan does not reproduce the exact base evaluation to the cent.
 */
export function compilePlan(ev: Evaluation): Plan {
  const model = ev.model;
  const input = model.input;
  checkShape(input, SHAPE, '');
  for (const l of input.lots) if (!(TENURES as readonly string[]).includes(l.tenure)) throw new PlanUnsupported(`tenure ${l.tenure}`);
  // Parameters and defaults are read on a copy of the record of used assumptions: compiling changes nothing in the evaluation.
  const shadow: Model = { ...model, used: new Map(model.used) };
  const a = input.assumptions ?? {};
  const lots = model.lots;
  const n = lots.length;
  const shab = Float64Array.from(lots, (l) => num(l.shabM2));
  const su = Float64Array.from(lots, (l) => num(l.suM2));
  const suReg = Float64Array.from(lots, (l) => num(l.suRegulatoryM2));
  const dwellings = Float64Array.from(lots, (l) => l.dwellings);
  const vat = Float64Array.from(lots, (l) => num(l.vatRate));
  const lotCost = Float64Array.from(lots, (l) => num(l.costEurPerM2Shab));
  const isRental = Uint8Array.from(lots, (l) => (l.info.kind === 'rental' ? 1 : 0));
  const spM2 = num(model.spM2);
  const suWeights = su;
  const scopeMask = (s: { lots?: string[] | undefined; tenures?: string[] | undefined }, extra?: (i: number) => boolean) =>
    Uint8Array.from(lots, (lot, i) => ((!s.lots || s.lots.includes(lot.id)) && (!s.tenures || s.tenures.includes(lot.tenure)) && (extra ? extra(i) : true) ? 1 : 0));

  // Cost price: the lines no lever moves, per lot and chapter, in cents (from the exact evaluation).
  const constCents = new Float64Array(n * 5);
  const dynamicIds = new Set(['works', 'improvement_works', 'price_revision', 'contingencies', 'land', 'land_fees', 'fees', 'insurance']);
  // Outside the lot's rate, per lot, the lines no lever moves, in cents: outside VAT (acquisition-amélioration: a lot's own
  // building and its fees) or at their own rate (VAT per line) — with the exact VAT of the latter and, in chapter I, their TTC.
  const constNoVat = new Float64Array(n), constOwnVat = new Float64Array(n), constLandNv = new Float64Array(n), constLandOwnTtc = new Float64Array(n), constLandPlain = new Float64Array(n);
  const rateOf = (concept: string): number | undefined => { const v = lineVatOf(input, concept); return v ? num(v.rate) : undefined; };
  const dynLines: DynLine[] = [];
  const otherDyn = (lines: typeof input.land.other, prefix: string, def: Chapter) => (lines ?? []).forEach((l, i) => {
    if (l.amount_eur === undefined && l.pct_of_works !== undefined) {
      dynamicIds.add(`${prefix}_${i}`);
      const v = lineVatOf(input, 'other', { line: l, path: `${prefix === 'land_other' ? 'land' : 'construction'}.other[${i}]` });
      dynLines.push({ chapter: CH[l.chapter ?? def], kind: 'pct_works', pct: l.pct_of_works / 100, mask: scopeMask(l), ...(v ? { rate: num(v.rate) } : {}) });
    }
  });
  otherDyn(input.land.other, 'land_other', 'land');
  otherDyn(input.construction.other, 'other', 'misc');
  for (const line of ev.cost.lines) {
    if (dynamicIds.has(line.id) || line.id.startsWith('common_space_')) continue;
    line.perLotHtEur.forEach((v, i) => { const j = i * 5 + CH[line.chapter]; constCents[j] = constCents[j]! + Math.round(num(v) * 100); });
    const own = line.vatRate !== undefined ? num(line.vatRate) : undefined;
    if (line.noVat || own !== undefined) line.perLotHtEur.forEach((v, i) => {
      const c = Math.round(num(v) * 100);
      constNoVat[i] = constNoVat[i]! + c;
      if (own !== undefined) constOwnVat[i] = constOwnVat[i]! + c * own;
      if (line.chapter !== 'land') return;
      constLandNv[i] = constLandNv[i]! + c;
      if (own !== undefined) constLandOwnTtc[i] = constLandOwnTtc[i]! + c * (1 + own); else constLandPlain[i] = constLandPlain[i]! + c;
    });
  }
  // Acquisition-amélioration (as computeCostPrice): the works of the lots of an existing building are a line of their own
  // when only some lots are; the operation's land (its building, `land.existing_building`) is shared by the lots without
  // an acquisition of their own, and is outside VAT with its fees when it is a building.
  const aaLot = Uint8Array.from(lots, (l) => (l.acquisition ? 1 : 0));
  const worksGroups: Uint8Array[] = aaLot.every((x) => x === 1) || !aaLot.some((x) => x === 1) ? [] : [Uint8Array.from(aaLot, (x) => 1 - x), aaLot];
  const whole = model.existingBuilding;
  const landMask = Uint8Array.from(lots, (l) => (whole || !l.acquisition ? 1 : 0));
  const landSuW = Float64Array.from(lots, (l, i) => (landMask[i] ? num(l.suM2) : 0));
  const landShab = lots.reduce((s, l, i) => s + (landMask[i] ? num(l.shabM2) : 0), 0);
  const opCost = input.construction.cost_eur_per_m2_shab;
  const commons = (input.construction.common_spaces ?? []).map((c, i) => ({ c, v: lineVatOf(input, 'common_space', { line: c, path: `construction.common_spaces[${i}]` }) }))
    .filter(({ c }) => !c.included_in_construction_cost).map(({ c, v }) => ({ cost: c.cost_eur_per_m2_shab ?? opCost, area: c.area_m2, ...(v ? { rate: num(v.rate) } : {}) }));
  const rev = input.construction.price_revision;
  let bt01Factor: number | null = null;
  if (!rev && input.construction.price_revision_bt01) {
    const bt = input.construction.price_revision_bt01;
    const f = pct(bt.forecast_annual_pct !== undefined ? D(bt.forecast_annual_pct) : D(BT01_DEFAULT_FORECAST_PCT));
    const from = bt01At(bt.price_date, f), to = bt01At(bt.midpoint_date, f);
    bt01Factor = 'value' in from && 'value' in to ? num(to.value.div(from.value).minus(1)) : 0;
  }
  const contPct = num(take(shadow, 'construction.contingencies_pct')) / 100;
  const feesPct = num(take(shadow, 'construction.fees_pct')) / 100;
  const insPct = num(take(shadow, 'construction.insurance_pct')) / 100;
  const land = input.land;
  const landFeesGiven = land.acquisition_fees_eur !== undefined ? toCents(land.acquisition_fees_eur) : null;
  // The duties and fees of an existing building by the rule (buildingFees in src/engine/cost-price.ts), else a rate of the price.
  const buildingRule = landFeesGiven === null && whole && land.acquisition_fees_pct === undefined ? {
    duties: num(useParam(shadow, 'acquisition.transfer_duties_pct')) / 100,
    brackets: useParamPath(shadow, 'acquisition.notary_emoluments.brackets_eur').map(num),
    rates: useParamPath(shadow, 'acquisition.notary_emoluments.rates_pct').map((r) => num(r) / 100),
    emolVat: num(useParam(shadow, 'acquisition.notary_emoluments.vat_pct')) / 100,
    csi: num(useParam(shadow, 'acquisition.security_contribution_pct')) / 100,
  } : null;
  const landFeesPct = landFeesGiven === null && !buildingRule ? num(take(shadow, 'land.acquisition_fees_pct')) / 100 : 0;
  // The own VAT rate of each line the levers move (VAT per line, by the concept computeCostPrice gives it), or undefined.
  const rateWorks = rateOf('works'), rateImprovement = rateOf('improvement_works');
  const rateRevision = rateOf('price_revision'), rateRevisionIndex = rateOf('price_revision_index'), rateContingencies = rateOf('contingencies');
  const rateLand = rateOf(whole ? 'building' : 'land');
  const rateLandFees = rateOf(landFeesGiven === null && whole && model.resolved['land.acquisition_fees_pct'].from.origin === 'default' ? 'building_fees' : 'land_fees');
  const rateFees = rateOf('fees'), rateInsurance = rateOf('insurance');
  /** buildingFees of a price in cents: duties + emoluments HT (brackets) + their VAT + CSI, each to the cent. */
  const buildingFeesCents = (priceCents: number): number => {
    const r = buildingRule!, price = priceCents / 100;
    let emol = 0, from = 0;
    for (let k = 0; k < r.rates.length; k++) {
      const to = r.brackets[k];
      if (price <= from) break;
      const top = to === undefined || price < to ? price : to;
      emol += (top - from) * r.rates[k]!;
      if (to !== undefined) from = to;
    }
    const emolHt = toCents(emol);
    return toCents(price * r.duties) + emolHt + roundHalfUp(emolHt * r.emolVat) + toCents(price * r.csi);
  };

  // Financing of the rental lots (and subsidies aimed at sale lots).
  const spreadOf = (s: { amount_eur?: number | undefined; eur_per_dwelling?: number | undefined; eur_per_m2_su?: number | undefined; pct_of_cost?: number | undefined }, mask: Uint8Array, scaled: boolean): Spread => {
    if (s.amount_eur !== undefined) return { mask, kind: 'amount', value: s.amount_eur, scaled };
    if (s.eur_per_dwelling !== undefined) return { mask, kind: 'per_dwelling', value: s.eur_per_dwelling, scaled };
    if (s.eur_per_m2_su !== undefined) return { mask, kind: 'per_m2_su', value: s.eur_per_m2_su, scaled };
    if (s.pct_of_cost !== undefined) return { mask, kind: 'pct_of_cost', value: s.pct_of_cost, scaled: false };
    return { mask, kind: 'none', value: 0, scaled };
  };
  const subsidies: Spread[] = [];
  for (const s of input.subsidies ?? []) {
    const scoped = Boolean(s.lots || s.tenures);
    const mask = scopeMask(s, (i) => scoped || isRental[i] === 1);
    if (mask.some((x) => x)) subsidies.push(spreadOf(s, mask, true));
  }
  const equities: Spread[] = [];
  for (const e of input.financing?.equity ?? []) {
    const mask = scopeMask(e, (i) => isRental[i] === 1);
    if (mask.some((x) => x)) equities.push(spreadOf(e, mask, false));
  }
  const coopShare = Float64Array.from(lots, (l) => (l.tenure === 'coop' ? num((l.input.coop?.members_capital_pct !== undefined ? D(l.input.coop.members_capital_pct) : take(shadow, 'coop.members_capital_pct'))) / 100 : 0));
  const cdcDefault = input.financing?.cdc_default_loans ?? true;
  const rentalTenures = lots.filter((l) => l.info.kind === 'rental').map((l) => l.tenure);
  const extraMaskAll = Uint8Array.from(lots, (l) => (l.info.kind === 'rental' && rentalTenures.includes(l.tenure) ? 1 : 0));

  // Loans: the terms of every line the plan may need (explicit ones, the default CDC lines of each rental lot).
  const { la0: la0Dec, path: pathDec } = livretA(shadow);
  const la0Base = num(la0Dec);
  const pathBase = Float64Array.from(pathDec, num);
  const progDefault = num(loanProgressivity(shadow));
  const revDefault = a.revisability ?? 'double';
  const allTerms: Terms[] = [];
  const newTerms = (fixed: boolean, rate: number, duration: number, progressivity: number, deferral: number, mode: Terms['mode'], building: boolean): Terms => {
    const t: Terms = { fixed, rate, duration, progressivity, deferral, mode, building, unit: new Float64Array(MAX_YEARS) };
    allTerms.push(t);
    return t;
  };
  const slots: LoanSlot[] = [];
  (input.financing?.loans ?? []).forEach((ln) => {
    const mask = scopeMask(ln, (i) => isRental[i] === 1);
    if (!mask.some((x) => x)) return;
    const product = ln.product ? (ln.product === 'other' ? 'other' : ln.product.toLowerCase()) : 'other';
    const line = productLine(product, ln.line ?? 'building');
    const hasProduct = product !== 'other';
    let fixed: number | undefined, margin: number | undefined;
    if (ln.rate_pct !== undefined) fixed = ln.rate_pct / 100;
    else if (ln.margin_pct !== undefined) margin = ln.margin_pct / 100;
    else if (hasProduct) margin = num(useParam(shadow, `loan.${product}.${line}.margin_pct`)) / 100;
    let duration = ln.duration_years;
    if (duration === undefined && hasProduct) duration = num(useParam(shadow, `loan.${product}.${line}.duration_years`));
    if (duration === undefined || (fixed === undefined && margin === undefined)) throw new PlanUnsupported('a loan without terms');
    const mode = fixed !== undefined ? 'fixed' : (ln.revisability ?? revDefault);
    const terms = newTerms(fixed !== undefined, fixed ?? margin!, duration, ln.progressivity_pct !== undefined ? ln.progressivity_pct / 100 : progDefault, ln.deferral_years ?? 0, mode, line === 'building');
    const spread = spreadOf(ln, mask, false);
    for (let i = 0; i < n; i++) if (mask[i]) slots.push({ lot: i, terms, spread, defaultLine: null });
  });
  const defaultTerms = new Map<string, Terms>();
  lots.forEach((lot, i) => {
    const product = lot.info.loanProduct;
    if (lot.info.kind !== 'rental' || !cdcDefault || !product) return;
    for (const line of ['land', 'building'] as const) {
      const key = `${product}.${line}`;
      let t = defaultTerms.get(key);
      if (!t) {
        const margin = num(useParam(shadow, `loan.${product}.${line}.margin_pct`)) / 100;
        const duration = num(useParam(shadow, `loan.${product}.${line}.duration_years`));
        t = newTerms(false, margin, duration, progDefault, 0, revDefault, line === 'building');
        defaultTerms.set(key, t);
      }
      slots.push({ lot: i, terms: t, spread: null, defaultLine: line });
    }
  });
  const slotAmount = new Float64Array(slots.length);
  // Remunerated equity advances (financing.ts, advances.ts): allocated like equity to the rental lots in scope, each
  // repaid by its fixed-rate schedule (no progressivity, interest-only deferral) out of the account, a year later with a letting date.
  const advances = (input.financing?.equity_advances ?? []).map((e) => ({ e, mask: scopeMask(e, (i) => isRental[i] === 1) })).filter(({ mask }) => mask.some((x) => x))
    .map(({ e, mask }) => ({ spread: spreadOf(e, mask, false), terms: newTerms(true, e.rate_pct / 100, e.duration_years, 0, e.deferral_years ?? 0, 'fixed', false) }));
  const advCents = new Float64Array(n), advLot = new Float64Array(advances.length * n);
  // The slots of each lot (CSR: lotSlots[lotStart[i] … lotStart[i + 1]]), so an account reads only its own loans.
  const lotStart = new Int32Array(n + 1);
  for (const sl of slots) lotStart[sl.lot + 1] = lotStart[sl.lot + 1]! + 1;
  for (let i = 0; i < n; i++) lotStart[i + 1] = lotStart[i + 1]! + lotStart[i]!;
  const lotSlots = new Int32Array(slots.length);
  { const fill = lotStart.slice(0, n); slots.forEach((sl, k) => { lotSlots[fill[sl.lot]!] = k; fill[sl.lot] = fill[sl.lot]! + 1; }); }

  // Operating accounts of the rental lots.
  const hasRental = ev.rental !== undefined;
  const oa = hasRental || lots.some((l) => l.tenure === 'BRS') ? operatingAssumptions(shadow) : null;
  const irlBase = oa ? Float64Array.from(oa.irlPath, num) : new Float64Array([0]);
  const chargesBase = oa ? num(oa.chargesIndexation) : 0;
  const vacancyBasePts = oa ? num(oa.vacancy) * 100 : num(take(shadow, 'assumptions.vacancy_pct'));
  const badDebt = oa ? num(oa.badDebt) : num(take(shadow, 'assumptions.bad_debt_pct')) / 100;
  const discountRate = oa ? num(oa.discountRate) : 0;
  const horizonGiven = a.horizon_years;
  // The calendar (operation.letting_date, src/engine/calendar.ts): year 1 prorated, the loans' rows shifted a year.
  const withDate = input.operation.letting_date !== undefined;
  const shift = ev.rental?.calendar.annuityShift ?? 0;
  const f1 = ev.rental ? num(ev.rental.calendar.firstYearFraction) : 1;
  interface RentalLot { lot: number; rent: number; surface: number; annex1: number; charges1: number; premium: number; premiumYears: number; exemption: number; mgmt1: number; ins1: number; maint1: number; majorFixed1: number; majorPct: number; tfpb1: number; lines: LotLines | null }
  const rentalDwellings = (ev.rental?.lots ?? []).reduce((s, lr) => s + lots[lr.lotIndex]!.dwellings, 0);
  const rentalLots: RentalLot[] = (ev.rental?.lots ?? []).map((lr) => {
    const lot = lots[lr.lotIndex]!;
    let premium = 0, premiumYears = 0;
    if (lot.tenure === 'SCIAPP') {
      premium = (lot.input.sciapp?.premium_pct ?? num(take(shadow, 'sciapp.premium_pct'))) / 100;
      premiumYears = lot.input.sciapp?.term_years ?? num(take(shadow, 'sciapp.term_years'));
    }
    const nd = lot.dwellings;
    return {
      lot: lr.lotIndex, rent: num(lr.rent.rent), surface: num(lr.rent.rentSurfaceM2), annex1: num(lr.rent.annexRentYear1Eur), charges1: lr.rent.foyer ? num(lr.rent.foyer.chargesYear1Eur) : 0, premium, premiumYears, exemption: lr.tfpbExemptionYears,
      mgmt1: num(oa!.management) * nd, ins1: num(oa!.insurance) * nd, maint1: num(oa!.maintenance) * nd,
      majorFixed1: oa!.majorMaintenancePctOfCost ? 0 : num(oa!.majorMaintenancePerDwelling!) * nd, majorPct: oa!.majorMaintenancePctOfCost ? num(oa!.majorMaintenancePctOfCost) : 0,
      tfpb1: num(oa!.tfpb) * nd,
      lines: oa!.lines ? compileLotLines(oa!, { dwellings: nd, suM2: num(lot.suM2), shabM2: num(lot.shabM2), exemption: lr.tfpbExemptionYears }, f1, rentalDwellings, MAX_YEARS) : null,
    };
  });
  const contributions = oa ? num(oa.contributions) : 0;
  // The rates of the rents by year (`by_year_pct`, src/engine/account.ts `ratesAt`), year y at index y − 1, NaN: the
  // constant rate (the vacancy's moved by the vacancy lever; a year's own vacancy is not: the lever edits the line's rate).
  let yearRates: { vac: Float64Array; bad: Float64Array; contrib: Float64Array } | null = null;
  if (oa?.ratesByYear) {
    const first = firstCalendarYear(shadow);
    const given = (id: 'vacancy' | 'bad_debt'): Set<number> => new Set(Object.keys(a.lines?.[id]?.by_year_pct ?? {}).map((k) => yearIndex(Number(k), first)));
    const gv = given('vacancy'), gb = given('bad_debt');
    yearRates = { vac: new Float64Array(MAX_YEARS).fill(NaN), bad: new Float64Array(MAX_YEARS).fill(NaN), contrib: new Float64Array(MAX_YEARS).fill(NaN) };
    for (const [y, rr] of oa.ratesByYear) {
      if (y > MAX_YEARS) continue;
      if (gv.has(y)) yearRates.vac[y - 1] = num(rr.vacancy);
      if (gb.has(y)) yearRates.bad[y - 1] = num(rr.badDebt);
      yearRates.contrib[y - 1] = num(rr.contributions);
    }
  }
  const maintenanceFrom = oa ? oa.maintenanceFrom : 0, majorFrom = oa ? oa.majorMaintenanceFrom : 0;

  // Sale lots (frozen prices), PSLA, OFS.
  interface SaleLotC {
    lot: number; priceHt: number; target: number; marketing: number; brs: boolean;
    psla: { years: number; factor: number; givenRate: number | null; pslaMargin: number; partIncome: number; running: number } | null;
    ofs: { landGiven: number | null; equity: number; terms: Terms; years: number; red1: number; su12: number; mgmt1: number; red: number } | null;
  }
  const sales: SaleLotC[] = (ev.sales?.lots ?? []).map((sl) => {
    const lot = lots[sl.lotIndex]!;
    const s = lot.input.sale ?? {};
    const social = lot.tenure !== 'libre';
    const target = (s.target_margin_pct ?? num(take(shadow, social ? 'sale.target_margin_pct.social' : 'sale.target_margin_pct.libre'))) / 100;
    const marketing = (s.marketing_pct ?? num(take(shadow, social ? 'sale.marketing_pct.social' : 'sale.marketing_pct.libre'))) / 100;
    let psla: SaleLotC['psla'] = null;
    if (sl.psla) {
      const p = lot.input.psla ?? {};
      const years = sl.psla.occupancyYears;
      psla = {
        years, factor: num(sl.psla.priceFactor), givenRate: p.loan_rate_pct !== undefined ? p.loan_rate_pct / 100 : null,
        pslaMargin: p.loan_rate_pct !== undefined ? 0 : num(useParam(shadow, 'loan.psla.building.margin_pct')) / 100,
        partIncome: num(sl.psla.partLocativeEurPerM2) * suReg[sl.lotIndex]! * 12 * years,
        running: (num(take(shadow, 'assumptions.management_eur_per_dwelling')) + num(take(shadow, 'assumptions.insurance_eur_per_dwelling'))) * lot.dwellings * years,
      };
    }
    let ofs: SaleLotC['ofs'] = null;
    if (sl.ofs) {
      const b = lot.input.brs ?? {};
      const o = sl.ofs;
      const terms: Terms = { fixed: false, rate: num(useParam(shadow, 'loan.gaia_lt.land.margin_pct')) / 100, duration: o.loanYears, progressivity: progDefault, deferral: 0, mode: revDefault, building: false, unit: new Float64Array(MAX_YEARS) };
      allTerms.push(terms);
      const mgmt = b.ofs_management_eur_per_dwelling ?? num(take(shadow, 'brs.ofs_management_eur_per_dwelling'));
      ofs = { landGiven: b.ofs_land_eur ?? null, equity: num(o.equityEur), terms, years: o.loanYears, red: num(o.redevanceEurPerM2), red1: num(o.redevanceEurPerM2) * suReg[sl.lotIndex]! * 12, su12: suReg[sl.lotIndex]! * 12, mgmt1: mgmt * lot.dwellings };
    }
    return { lot: sl.lotIndex, priceHt: num(sl.priceHtPerM2Shab), target, marketing, brs: lot.tenure === 'BRS', psla, ofs };
  });
  const isSale = Uint8Array.from(lots, (l) => (l.info.kind === 'sale' ? 1 : 0));

  // VEFA between owners (vefa.ts): the price, its VAT and the buyer's fees are the file's, fixed (no lever moves them), in cents.
  const vefaPrice = new Float64Array(n).fill(-1), vefaVat = new Float64Array(n), vefaFees = new Float64Array(n), vefaRate = new Float64Array(n);
  const vefaLots = ev.vefa?.lots ?? [];
  const vefaIdx = Int32Array.from(vefaLots, (v) => v.lotIndex);
  for (const v of vefaLots) {
    const i = v.lotIndex;
    vefaPrice[i] = Math.round(num(v.priceHtEur) * 100); vefaVat[i] = Math.round(num(v.priceVatEur) * 100);
    vefaFees[i] = Math.round(num(v.feesEur) * 100); vefaRate[i] = num(v.vatRate);
  }

  // Owners (owners.ts): each lot's owner, the OFS that consolidate several BRS lots, the declared transfers and pooling.
  const declared = input.owners ?? [];
  const ownerIds = declared.map((o) => o.id);
  const ownerIx = new Map(ownerIds.map((id, k) => [id, k]));
  const nOwners = ownerIds.length;
  const lotOwner = Int32Array.from(lots, (l) => ownerIx.get(l.input.owner ?? '') ?? -1);
  const vefaSeller = Int32Array.from(lots, (l) => (l.input.vefa ? ownerIx.get(l.input.vefa.seller) ?? -1 : -1));
  // With owners, an OFS is one account over its BRS lots (consolidateOfs): the group of each sale lot's OFS (−1: none).
  const ofsIds: string[] = [];
  const ofsGroupOf = new Int32Array(n).fill(-1);
  if (nOwners > 0) for (const sl of sales) {
    if (!sl.ofs) continue;
    const lot = lots[sl.lot]!;
    const id = lot.input.brs?.ofs ?? lot.input.owner ?? '';
    let g = ofsIds.indexOf(id);
    if (g < 0) { g = ofsIds.length; ofsIds.push(id); }
    ofsGroupOf[sl.lot] = g;
  }
  const nGroups = ofsIds.length;
  const ofsGroupOwner = Int32Array.from(ofsIds, (id) => ownerIx.get(id) ?? -1);
  const groupYears = new Int32Array(nGroups);
  for (const sl of sales) if (sl.ofs && ofsGroupOf[sl.lot]! >= 0) groupYears[ofsGroupOf[sl.lot]!] = Math.max(groupYears[ofsGroupOf[sl.lot]!]!, sl.ofs.years);
  const groupCf = new Float64Array(nGroups * 81);
  const transfers = (input.transfers ?? []).map((t) => ({ from: ownerIx.get(t.from)!, to: ownerIx.get(t.to)!, share: t.share_of_margin_pct !== undefined ? t.share_of_margin_pct / 100 : null, amount: t.amount_eur ?? 0 }));
  const pools = declared.filter((o) => o.partners).map((o) => ({ owner: ownerIx.get(o.id)!, partners: o.partners!.map((p) => ({ owner: ownerIx.get(p.owner)!, share: p.share_pct / 100 })) }));
  for (const t of transfers) if (t.from === undefined || t.to === undefined) throw new PlanUnsupported('a transfer between unknown owners');
  const oSale = new Float64Array(nOwners), oRental = new Float64Array(nOwners), oOfs = new Float64Array(nOwners), oVefa = new Float64Array(nOwners), oTransfers = new Float64Array(nOwners), oPool = new Float64Array(nOwners);

  const unsupportedLevers: (keyof Levers)[] = bt01Factor !== null ? ['worksDelayMonths'] : [];
  // an account written line by line: the levers the exact engine would read otherwise on the edited file (src/fast/lines.ts)
  const linesRefused = oa?.lines ? linesUnsupportedLevers(shadow) : [];
  unsupportedLevers.push(...linesRefused);

  // ── state of the stages ──
  const tmpW = new Float64Array(n), tmpOut = new Float64Array(n), order = new Int32Array(n), rem = new Float64Array(n);
  const chCents = new Float64Array(n * 5);
  // The operation's cost price per lot (cost_price.*, a VEFA seller's own cost) …
  const opHtCents = new Float64Array(n), opTtcCents = new Float64Array(n), noVatCents = new Float64Array(n), tmpW2 = new Float64Array(n);
  // … the parts of its lines at their own rate (VAT per line): their exact VAT, and in chapter I the parts outside the lot's rate and their TTC.
  const ownVatCents = new Float64Array(n), landNvCents = new Float64Array(n), landOwnTtcCents = new Float64Array(n), landPlainCents = new Float64Array(n);
  // … and as each lot's owner bears it (vefa.ts `buyerCost`: a VEFA lot at its buyer's cost): what financing, accounts and sales work on.
  const htCents = new Float64Array(n), ttcCents = new Float64Array(n), landTtcCents = new Float64Array(n), landHtCents = new Float64Array(n);
  const worksW = new Float64Array(n);
  const subsCents = new Float64Array(n), eqCents = new Float64Array(n), loanCents = new Float64Array(n), saleSubsCents = new Float64Array(n);
  const pathNow = new Float64Array(Math.max(pathBase.length, 100));
  let pathLen = pathBase.length;
  const rentIdx = new Float64Array(MAX_YEARS), chargeIdx = new Float64Array(MAX_YEARS), discount = new Float64Array(MAX_YEARS);
  const lotCum = new Float64Array(MAX_YEARS), totCum = new Float64Array(MAX_YEARS), annual = new Float64Array(MAX_YEARS);
  // Each rental lot's yearly flows without the annuities and the major maintenance, and the latter's factor, as the
  // last full evaluation found them (by lot × MAX_YEARS; fixedYears: how many), for the steps (constructionStep).
  const fixedCf = new Float64Array(n * MAX_YEARS), majorK = new Float64Array(n * MAX_YEARS), fixedYears = new Int32Array(n);
  const last = { cost: [NaN, NaN, NaN, NaN, NaN, NaN], livret: [NaN, NaN] as number[], livretPath: new Kept(), series: [NaN, NaN] as number[], seriesPath: new Kept(), vacancy: NaN };
  const irlNow = new Float64Array(Math.max(irlBase.length, 100));
  /** This evaluation's `EvaluateOptions.floatSplits`: a split float64 cannot decide is left to float64 (no exact split). */
  let floatSplits = false;
  let la0Now = la0Base;

  // The exact weights of a split, for allocateExact: SU (and scoped SU), each lot's works, works + common spaces.
  const suInt = toIntegers(lots.map((l) => l.suM2));
  const suDec = () => suInt;
  const landSuDec = () => maskedSu(landMask);
  const maskedSu = (mask: Uint8Array) => suInt.map((w, i) => (mask[i] ? w : 0n));
  let costK = 0;
  const commonCents = new Float64Array(n);
  /** A cost per m² moved by the construction lever exactly as `applyLever` moves the file's number. */
  const scaled = (v: number): Dec => (costK === 0 ? D(v) : D(D(v).times(ONE.plus(D(costK).div(HUNDRED))).toNumber()));
  // Each lot's works (cost × SHAB) and works + common spaces as exact integers at scale 10^WORKS_DP,
  // computed once per cost stage when a split needs them (the moved cost is a short decimal).
  const shabInt = lots.map((l) => decimalInt(l.shabM2));
  let worksMemo: bigint[] | null = null, worksCommonMemo: bigint[] | null = null;
  const worksDec = (): bigint[] => {
    if (worksMemo) return worksMemo;
    const costs = new Map<number, [bigint, number]>();
    worksMemo = lots.map((l, i) => {
      const v = l.input.cost_eur_per_m2_shab ?? opCost;
      let c = costs.get(v);
      if (!c) { c = decimalInt(scaled(v)); costs.set(v, c); }
      const [sm, se] = shabInt[i]!;
      return c[0] * sm * 10n ** BigInt(WORKS_DP - c[1] - se);
    });
    return worksMemo;
  };
  const worksCommonDec = (): bigint[] => (worksCommonMemo ??= worksDec().map((w, i) => w + BigInt(commonCents[i]!) * 10n ** BigInt(WORKS_DP - 2)));

  const addLine = (chapter: number, cents: number, weights: Float64Array, exact: () => bigint[], outsideVat = false, rate?: number) => {
    if (cents === 0) return;
    let any = false;
    for (let i = 0; i < n; i++) if (weights[i]! > 0) { any = true; break; }
    if (!allocateCents(cents, any ? weights : suWeights, n, tmpOut, order, rem) && !floatSplits) {
      const w = exact();
      allocateExact(cents, w.some((x) => x > 0n) ? w : suInt, tmpOut);
    }
    for (let i = 0; i < n; i++) chCents[i * 5 + chapter] = chCents[i * 5 + chapter]! + tmpOut[i]!;
    if (outsideVat || rate !== undefined) {
      for (let i = 0; i < n; i++) {
        const c = tmpOut[i]!;
        noVatCents[i] = noVatCents[i]! + c;
        if (rate !== undefined) ownVatCents[i] = ownVatCents[i]! + c * rate;
        if (chapter !== 0) continue;
        landNvCents[i] = landNvCents[i]! + c;
        if (rate !== undefined) landOwnTtcCents[i] = landOwnTtcCents[i]! + c * (1 + rate); else landPlainCents[i] = landPlainCents[i]! + c;
      }
    }
  };

  function costStage(cf: number, lf: number, landPrice: number, delay: number, revAnnual: number): void {
    chCents.set(constCents);
    noVatCents.set(constNoVat); ownVatCents.set(constOwnVat); landNvCents.set(constLandNv); landOwnTtcCents.set(constLandOwnTtc); landPlainCents.set(constLandPlain);
    costK = cf;
    worksMemo = null; worksCommonMemo = null;
    const k = 1 + cf / 100;
    let worksSum = 0;
    for (let i = 0; i < n; i++) { const w = lotCost[i]! * k * shab[i]!; tmpW[i] = w; worksSum += w; }
    let works: number;
    if (worksGroups.length === 0) { works = toCents(worksSum); addLine(1, works, tmpW, worksDec, false, aaLot.every((x) => x === 1) ? rateImprovement : rateWorks); }
    else {
      works = 0;
      for (const g of worksGroups) {
        let sum = 0;
        for (let i = 0; i < n; i++) { tmpW2[i] = g[i] ? tmpW[i]! : 0; sum += tmpW2[i]!; }
        const cents = toCents(sum);
        works += cents;
        addLine(1, cents, tmpW2, () => worksDec().map((w, i) => (g[i] ? w : 0n)), false, g === worksGroups[1] ? rateImprovement : rateWorks);
      }
    }
    worksW.set(tmpW);
    let common = 0;
    for (const c of commons) { const cents = toCents(c.cost * k * c.area); common += cents; addLine(1, cents, suWeights, suDec, false, c.rate); }
    commonCents.fill(0);
    if (common !== 0) {
      if (!allocateCents(common, suWeights, n, tmpOut, order, rem) && !floatSplits) allocateExact(common, suInt, tmpOut);
      for (let i = 0; i < n; i++) { commonCents[i] = tmpOut[i]!; worksW[i] = worksW[i]! + tmpOut[i]! / 100; }
    }
    const worksBase = (works + common) / 100;
    let revision = 0;
    if (rev) revision = toCents((worksBase * (rev.annual_pct / 100) * (rev.months + delay)) / 12);
    else if (bt01Factor !== null) revision = toCents(worksBase * bt01Factor);
    else if (delay !== 0) revision = toCents((worksBase * (revAnnual / 100) * delay) / 12);
    addLine(1, revision, worksW, worksCommonDec, false, rev || bt01Factor === null ? rateRevision : rateRevisionIndex);
    addLine(1, toCents((worksBase + revision / 100) * contPct), worksW, worksCommonDec, false, rateContingencies);
    // I land
    let landEur: number;
    if (!Number.isNaN(landPrice)) landEur = landPrice;
    else if (land.price_eur_per_m2_sp !== undefined) landEur = land.price_eur_per_m2_sp;
    else if (land.price_eur_per_m2_shab !== undefined) landEur = land.price_eur_per_m2_shab;
    else landEur = land.price_eur ?? 0;
    if (lf !== 0 && (Number.isNaN(landPrice) ? (land.price_eur_per_m2_sp !== undefined || land.price_eur_per_m2_shab !== undefined || landEur > 0) : landEur > 0)) landEur = Math.max(0, landEur * (1 + lf / 100));
    const landCents = Number.isNaN(landPrice) && land.price_eur_per_m2_sp !== undefined ? toCents(landEur * spM2)
      : Number.isNaN(landPrice) && land.price_eur_per_m2_shab !== undefined ? toCents(landEur * landShab) : toCents(landEur);
    addLine(0, landCents, landSuW, landSuDec, whole, rateLand);
    addLine(0, landFeesGiven ?? (buildingRule ? buildingFeesCents(landCents) : toCents((landCents / 100) * landFeesPct)), landSuW, landSuDec, whole, rateLandFees);
    // III fees
    addLine(2, toCents(worksBase * feesPct), worksW, worksCommonDec, false, rateFees);
    addLine(2, toCents(worksBase * insPct), worksW, worksCommonDec, false, rateInsurance);
    for (const dl of dynLines) {
      let base = 0;
      for (let i = 0; i < n; i++) { if (dl.mask[i]) { base += worksW[i]!; tmpW[i] = su[i]!; } else tmpW[i] = 0; }
      addLine(dl.chapter, toCents(base * dl.pct), tmpW, () => maskedSu(dl.mask), false, dl.rate);
    }
    for (let i = 0; i < n; i++) {
      let ht = 0;
      for (let c = 0; c < 5; c++) ht += chCents[i * 5 + c]!;
      const nv = noVatCents[i]!;
      const v = roundHalfUp((ht - nv) * vat[i]! + ownVatCents[i]!);
      opHtCents[i] = ht; opTtcCents[i] = ht + v;
      const landHt = chCents[i * 5]!;
      if (vefaPrice[i]! >= 0) {
        // a VEFA lot (vefa.ts): the buyer's cost price; the land share the seller's cost gives the lot, within the price
        const p = vefaPrice[i]!, l = Math.min(landHt, p);
        htCents[i] = p + vefaFees[i]!; ttcCents[i] = p + vefaVat[i]! + vefaFees[i]!;
        landHtCents[i] = l; landTtcCents[i] = roundHalfUp(l * (1 + vefaRate[i]!));
      } else {
        htCents[i] = ht; ttcCents[i] = ht + v;
        landHtCents[i] = landHt; landTtcCents[i] = roundHalfUp((landHt - landNvCents[i]!) * (1 + vat[i]!) + landOwnTtcCents[i]!) + landPlainCents[i]!;
      }
    }
  }

  /**
   * The cost stage's outputs at the construction change `cf` from those at `cf0` (the last cost stage, the other levers
   * the same): every line is either independent of the works (land, fixed amounts) or proportional to them (works,
   * common spaces, revision, contingencies, fees, insurance, lines in % of the works; VAT by lot on both), so each lot's
   * cost HT and TTC, with and without the VEFA lots' prices, is affine in k = 1 + cf/100 — but for the cent roundings of
   * each line and split, which this leaves out (EvaluateOptions.constructionStep). The works-independent part, the stage at
   * k = 0, is computed once for the land levers.
   */
  // (the outputs the stages after the cost stage read: each lot's cost HT and TTC, with and without a VEFA lot's price,
  // and its land charge HT and TTC — which lines in % of the works move too)
  const affineOut = [htCents, ttcCents, opHtCents, opTtcCents, landHtCents, landTtcCents];
  const zeroOut = affineOut.map(() => new Float64Array(n)), keptOut = affineOut.map(() => new Float64Array(n));
  const zKey = [NaN, NaN];
  function affineCostStage(cf: number, cf0: number, lf: number, lp: number): void {
    if (zKey[0] !== lf || !Object.is(zKey[1], lp)) {
      // the stage at k = 0, between the last stage's outputs kept and put back (works-free: the delay does not matter)
      affineOut.forEach((a, j) => keptOut[j]!.set(a));
      costStage(-100, lf, lp, 0, 0);
      affineOut.forEach((a, j) => { zeroOut[j]!.set(a); a.set(keptOut[j]!); });
      zKey[0] = lf; zKey[1] = lp;
    }
    const s = (1 + cf / 100) / (1 + cf0 / 100);
    for (let j = 0; j < affineOut.length; j++) {
      const a = affineOut[j]!, z = zeroOut[j]!;
      for (let i = 0; i < n; i++) a[i] = z[i]! + (a[i]! - z[i]!) * s;
    }
  }

  /** Add a spread's parts (cents) into `into`; weights 'su' or 'ttc' for an amount. */
  function spreadInto(s: Spread, scale: number, weightsTtc: boolean, into: Float64Array, intoSale: Float64Array | null): void {
    const v = s.scaled ? Math.max(0, s.value * scale) : s.value;
    if (s.kind === 'amount') {
      for (let i = 0; i < n; i++) tmpW[i] = s.mask[i] ? (weightsTtc ? ttcCents[i]! / 100 : su[i]!) : 0;
      if (!allocateCents(toCents(v), tmpW, n, tmpOut, order, rem) && !floatSplits) {
        allocateExact(toCents(v), lots.map((_, i) => (s.mask[i] ? (weightsTtc ? BigInt(ttcCents[i]!) : suInt[i]!) : 0n)), tmpOut);
      }
      for (let i = 0; i < n; i++) if (s.mask[i]) { if (intoSale && !isRental[i]) intoSale[i] = intoSale[i]! + tmpOut[i]!; else into[i] = into[i]! + tmpOut[i]!; }
      return;
    }
    for (let i = 0; i < n; i++) {
      if (!s.mask[i]) continue;
      const c = s.kind === 'per_dwelling' ? toCents(v * dwellings[i]!) : s.kind === 'per_m2_su' ? toCents(v * su[i]!) : s.kind === 'pct_of_cost' ? toCents((ttcCents[i]! / 100) * (v / 100)) : 0;
      if (intoSale && !isRental[i]) intoSale[i] = intoSale[i]! + c; else into[i] = into[i]! + c;
    }
  }

  function livretStage(la0: number, path: Float64Array, len: number): void {
    la0Now = la0;
    // (a fixed-rate schedule does not follow the Livret A: computed once)
    for (const t of allTerms) if (!(t.fixed && t.done)) { unitSchedule(t, la0, path, len); t.done = true; }
  }

  function seriesStage(irl: Float64Array, irlLen: number, charges: number): void {
    let r = 1, c = 1, d = 1;
    const df = 1 / (1 + discountRate);
    for (let y = 1; y <= MAX_YEARS; y++) {
      if (y > 1) { r *= 1 + irl[Math.min(y - 1, irlLen) - 1]!; c *= 1 + charges; }
      d *= df;
      rentIdx[y - 1] = r; chargeIdx[y - 1] = c; discount[y - 1] = d;
    }
  }
  let irlLenNow = irlBase.length;

  const newResult = (options?: { cumulatives?: boolean }): FastResult => ({
    ...(options?.cumulatives ? { lotCumulativeEur: new Float64Array(n * MAX_YEARS), lotTestYears: new Int32Array(n) } : {}),
    balanceEur: 0, balanced: true, costHtEur: 0, costTtcEur: 0, financingTotalEur: 0, subsidiesEur: 0, equityEur: 0, loansEur: 0,
    rentalMinCumulativeEur: NaN, rentalBalanced: true, rentalNpvEur: NaN, rentalNeedEur: NaN,
    lotMinCumulativeEur: new Float64Array(n).fill(NaN), lotNpvEur: new Float64Array(n).fill(NaN),
    saleMarginEur: new Float64Array(n).fill(NaN), saleRevenueHtEur: new Float64Array(n).fill(NaN), saleMarginTotalEur: 0, saleRevenueTotalHtEur: 0,
    ofsMinCumulativeEur: new Float64Array(n).fill(NaN),
    vefaSellerMarginEur: new Float64Array(n).fill(NaN),
    ownerBalanceEur: new Float64Array(nOwners), ownerBalanceAfterEur: new Float64Array(nOwners), ofsGroupMinCumulativeEur: new Float64Array(nGroups),
  });

  /** Each owner's balance on its own, then with the declared transfers and pooling (computeOwners, owners.ts). */
  function ownersStage(r: FastResult): void {
    oSale.fill(0); oRental.fill(0); oOfs.fill(0); oVefa.fill(0); oTransfers.fill(0); oPool.fill(0);
    for (const sl of sales) { const k = lotOwner[sl.lot]!; if (k >= 0) oSale[k] = oSale[k]! + r.saleMarginEur[sl.lot]!; }
    for (const rl of rentalLots) {
      const k = lotOwner[rl.lot]!, m = r.lotMinCumulativeEur[rl.lot]!;
      if (k >= 0 && m < -NOISE) oRental[k] = oRental[k]! + m;
    }
    for (let g = 0; g < nGroups; g++) {
      const k = ofsGroupOwner[g]!, m = r.ofsGroupMinCumulativeEur[g]!;
      if (k >= 0 && m < -NOISE) oOfs[k] = oOfs[k]! + m;
    }
    for (const v of vefaLots) { const k = vefaSeller[v.lotIndex]!; if (k >= 0) oVefa[k] = oVefa[k]! + r.vefaSellerMarginEur[v.lotIndex]!; }
    for (let k = 0; k < nOwners; k++) r.ownerBalanceEur[k] = oSale[k]! + oRental[k]! + oOfs[k]! + oVefa[k]!;
    for (const t of transfers) {
      const amount = t.share !== null ? roundHalfUp(Math.max(0, oSale[t.from]! + oVefa[t.from]!) * t.share * 100) / 100 : t.amount;
      oTransfers[t.from] = oTransfers[t.from]! - amount;
      oTransfers[t.to] = oTransfers[t.to]! + amount;
    }
    for (const p of pools) {
      const result = r.ownerBalanceEur[p.owner]! + oTransfers[p.owner]!;
      oPool[p.owner] = oPool[p.owner]! - result;
      let left = result;
      for (let k = 0; k < p.partners.length; k++) {
        const q = p.partners[k]!;
        const part = k === p.partners.length - 1 ? left : roundHalfUp(result * q.share * 100) / 100;
        left -= part;
        oPool[q.owner] = oPool[q.owner]! + part;
      }
    }
    for (let k = 0; k < nOwners; k++) r.ownerBalanceAfterEur[k] = r.ownerBalanceEur[k]! + oTransfers[k]! + oPool[k]!;
  }

  function evaluate(lv: Levers, out?: FastResult, options?: EvaluateOptions): FastResult {
    const r = out ?? newResult();
    floatSplits = options?.floatSplits === true;
    // a step (EvaluateOptions.constructionStep): only the construction change moved since the last evaluation
    const affine = options?.constructionStep === true;
    const cf = lv.constructionPct ?? 0, lf = lv.landPct ?? 0, lp = lv.landPriceEur ?? NaN;
    const delay = lv.worksDelayMonths ?? 0, revAnnual = lv.revisionAnnualPct ?? (rev ? rev.annual_pct : 0);
    if (delay !== 0 && bt01Factor !== null) throw new PlanUnsupported('worksDelayMonths on a file revised on the BT01 index');
    for (let k = 0; k < linesRefused.length; k++) { const v = lv[linesRefused[k]!]; if (v !== undefined && v !== 0) throw new PlanUnsupported(`${linesRefused[k]!} on this account written line by line`); }
    const lc = last.cost;
    const fs = (floatSplits ? 1 : 0) | (affine ? 2 : 0);
    if (lc[0] !== cf || lc[1] !== lf || !Object.is(lc[2], lp) || lc[3] !== delay || lc[4] !== revAnnual || lc[5] !== fs) {
      // (constructionStep: only the construction change moved since the last cost stage: its outputs lie on the same line)
      if (affine && lc[1] === lf && Object.is(lc[2], lp) && lc[3] === delay && lc[4] === revAnnual && lc[0]! > -99) affineCostStage(cf, lc[0]!, lf, lp);
      else costStage(cf, lf, lp, delay, revAnnual);
      lc[0] = cf; lc[1] = lf; lc[2] = lp; lc[3] = delay; lc[4] = revAnnual; lc[5] = fs;
    }
    // Livret A (LA₀ and path), then the unit schedules.
    const pts = lv.livretAPts ?? 0, la0In = lv.livretA0Pct ?? NaN;
    if (!affine && (last.livret[0] !== pts || !Object.is(last.livret[1], la0In) || !last.livretPath.same(lv.livretAPathPct))) {
      const src = lv.livretAPathPct;
      pathLen = src ? src.length : pathBase.length;
      const shift = pts / 100;
      const la0 = Number.isNaN(la0In) ? la0Base : la0In / 100;
      for (let i = 0; i < pathLen; i++) {
        const p = src ? src[i]! / 100 : pathBase[i]!;
        pathNow[i] = pts === 0 ? p : Math.max(0, p + shift);
      }
      livretStage(pts === 0 ? la0 : Math.max(0, la0 + shift), pathNow, pathLen);
      last.livret[0] = pts; last.livret[1] = la0In; last.livretPath.keep(src);
    }
    const irlPts = lv.irlPts ?? 0, chPts = lv.chargesIndexationPts ?? 0;
    if (!affine && (last.series[0] !== irlPts || last.series[1] !== chPts || !last.seriesPath.same(lv.irlPathPct))) {
      const src = lv.irlPathPct;
      irlLenNow = src ? src.length : irlBase.length;
      for (let i = 0; i < irlLenNow; i++) irlNow[i] = (src ? src[i]! / 100 : irlBase[i]!) + irlPts / 100;
      seriesStage(irlNow, irlLenNow, chargesBase + chPts / 100);
      last.series[0] = irlPts; last.series[1] = chPts; last.seriesPath.keep(src);
    }

    // Cost totals.
    let ht = 0, ttc = 0;
    for (let i = 0; i < n; i++) { ht += opHtCents[i]!; ttc += opTtcCents[i]!; }
    r.costHtEur = ht / 100; r.costTtcEur = ttc / 100;

    // Plan de financement (cents).
    subsCents.fill(0); eqCents.fill(0); loanCents.fill(0); saleSubsCents.fill(0);
    const sScale = 1 + (lv.subsidiesPct ?? 0) / 100;
    for (const s of subsidies) spreadInto(s, sScale, false, subsCents, saleSubsCents);
    const extra = lv.extraSubsidyEur ?? 0;
    if (extra !== 0) {
      const lot = lv.extraSubsidyLot ?? -1;
      if (lot >= 0) subsCents[lot] = subsCents[lot]! + toCents(extra);
      else spreadInto({ mask: extraMaskAll, kind: 'amount', value: extra, scaled: false }, 1, false, subsCents, null);
    }
    for (let i = 0; i < n; i++) if (coopShare[i]! > 0) eqCents[i] = eqCents[i]! + toCents((ttcCents[i]! / 100) * coopShare[i]!);
    for (const e of equities) spreadInto(e, 1, true, eqCents, null);
    if (advances.length > 0) {
      advCents.fill(0);
      for (let k = 0; k < advances.length; k++) {
        const parts = spreadParts(advances[k]!.spread);
        for (let i = 0; i < n; i++) { advLot[k * n + i] = parts[i]!; advCents[i] = advCents[i]! + parts[i]!; }
      }
    }
    // explicit loans, then the default CDC lines fill the remainder
    let s = 0;
    while (s < slots.length && slots[s]!.spread) {
      const sp = slots[s]!.spread!;
      // one spread may cover several slots (one per lot): compute its parts once
      const parts = spreadParts(sp);
      while (s < slots.length && slots[s]!.spread === sp) { const sl = slots[s]!; slotAmount[s] = parts[sl.lot]!; loanCents[sl.lot] = loanCents[sl.lot]! + parts[sl.lot]!; s++; }
    }
    for (; s < slots.length; s++) {
      const sl = slots[s]!, i = sl.lot;
      const remainder = ttcCents[i]! - subsCents[i]! - eqCents[i]! - (advances.length > 0 ? advCents[i]! : 0) - loanCents[i]!;
      if (remainder <= 0) { slotAmount[s] = 0; continue; }
      const landPart = Math.min(remainder, landTtcCents[i]!);
      slotAmount[s] = sl.defaultLine === 'land' ? Math.max(0, landPart) : remainder - landPart;
    }
    for (let k = 0; k < slots.length; k++) if (slots[k]!.defaultLine === 'building') {
      const i = slots[k]!.lot;
      loanCents[i] = loanCents[i]! + slotAmount[k]! + (slots[k - 1]?.defaultLine === 'land' && slots[k - 1]!.lot === i ? slotAmount[k - 1]! : 0);
    }
    let fTot = 0, fSub = 0, fEq = 0, fLoan = 0;
    for (let i = 0; i < n; i++) if (isRental[i]) { fTot += ttcCents[i]!; fSub += subsCents[i]!; fEq += eqCents[i]!; fLoan += loanCents[i]!; }
    r.financingTotalEur = fTot / 100; r.subsidiesEur = fSub / 100; r.equityEur = fEq / 100; r.loansEur = fLoan / 100;

    // Operating accounts.
    let balance = 0;
    const vacancy = Math.min(50, Math.max(0, vacancyBasePts + (lv.vacancyPts ?? 0))) / 100;
    if (rentalLots.length > 0) {
      let longest = 0;
      for (let k = 0; k < slots.length; k++) if (slotAmount[k]! > 0 && slots[k]!.terms.duration > longest) longest = slots[k]!.terms.duration;
      const horizon = horizonGiven ?? (longest > 0 ? (withDate ? Math.min(MAX_YEARS, longest + shift) : Math.min(DEFAULT_HORIZON_CAP, longest)) : 40);
      const keep = 1 - vacancy - badDebt;
      const netFactor = keep * (1 - contributions);
      const rentK = 1 + (lv.rentsPct ?? 0) / 100;
      if (!affine) totCum.fill(0, 0, horizon);
      let totTest = 0, totNpv = 0, totEquity = 0;
      // (each lot's cumulatives, when the caller asked for them: at lot × MAX_YEARS, else in a scratch row)
      const cumOut = r.lotCumulativeEur ?? lotCum;
      for (const rl of rentalLots) {
        const i = rl.lot;
        const rent1 = rl.surface * rl.rent * rentK * 12;
        // a foyer's charges part: collected net of losses, without contributions (account.ts)
        const incomeR = (rent1 + rl.annex1) * netFactor + rl.charges1 * keep;
        const incomeRS = incomeR + rent1 * keep * rl.premium;
        const major1 = rl.majorPct > 0 ? (ttcCents[i]! / 100) * rl.majorPct : rl.majorFixed1;
        annual.fill(0, 0, horizon);
        let mainB = 0, mainAll = 0;
        for (let j = lotStart[i]!; j < lotStart[i + 1]!; j++) {
          const k = lotSlots[j]!, sl = slots[k]!;
          if (slotAmount[k]! <= 0) continue;
          const amt = slotAmount[k]! / 100, u = sl.terms.unit;
          const m = Math.min(horizon - shift, sl.terms.duration);
          for (let y = 0; y < m; y++) annual[y + shift] = annual[y + shift]! + amt * u[y]!;
          if (sl.terms.duration > mainAll) mainAll = sl.terms.duration;
          if (sl.terms.building && sl.terms.duration > mainB) mainB = sl.terms.duration;
        }
        // the advances' annuities: in the account's outflows, not in the regulatory test's length
        for (let k = 0; k < advances.length; k++) {
          const amt = advLot[k * n + i]! / 100;
          if (amt <= 0) continue;
          const t = advances[k]!.terms, u = t.unit, m = Math.min(horizon - shift, t.duration);
          for (let y = 0; y < m; y++) annual[y + shift] = annual[y + shift]! + amt * u[y]!;
        }
        const testYears = Math.min(mainB > 0 ? mainB + shift : mainAll > 0 ? mainAll + shift : horizon, horizon);
        const cb = cumOut === lotCum ? 0 : i * MAX_YEARS;
        if (r.lotTestYears) r.lotTestYears[i] = testYears;
        const equity = eqCents[i]! / 100;
        let cum = 0, minCum = Infinity, npv = -equity;
        const L = rl.lines;
        if (L) {
          // the account line by line (src/fast/lines.ts): each year's charges from the lot's per-year arrays,
          // the cost price TTC (pct_of_cost lines), the vacancy (recoverable lines) and the rents invoiced (pct_of_rents)
          const K = ttcCents[i]! / 100, aI = L.annexIdx;
          const incA = aI ? rent1 * netFactor + rl.charges1 * keep : incomeR, incAS = incA + rent1 * keep * rl.premium;
          const annexNet = aI ? rl.annex1 * netFactor : 0;
          for (let y = 1; y <= horizon; y++) {
            const j = y - 1, fy = y === 1 ? f1 : 1, ri = rentIdx[j]!;
            // a year with rates of its own (by_year_pct): its keep and net factors
            let vY = vacancy, iA = incA, iAS = incAS, aN = annexNet;
            if (yearRates && !Number.isNaN(yearRates.contrib[j]!)) {
              const v = yearRates.vac[j]!, b = yearRates.bad[j]!;
              vY = Number.isNaN(v) ? vacancy : v;
              const kY = 1 - vY - (Number.isNaN(b) ? badDebt : b), nY = kY * (1 - yearRates.contrib[j]!);
              iA = aI ? rent1 * nY + rl.charges1 * kY : (rent1 + rl.annex1) * nY + rl.charges1 * kY;
              iAS = iA + rent1 * kY * rl.premium;
              aN = aI ? rl.annex1 * nY : 0;
            }
            const income = fy * (ri * (y <= rl.premiumYears ? iAS : iA) + (aI ? aN * aI[j]! : 0));
            const gross = fy * (rent1 * ri + rl.annex1 * (aI ? aI[j]! : ri));
            const ch = chargeIdx[j]! * (L.cFix[j]! + K * L.cCost[j]! + vY * (L.rcFix[j]! + K * L.rcCost[j]!))
              + L.oFix[j]! + K * L.oCost[j]! + vY * (L.roFix[j]! + K * L.roCost[j]!) + gross * (L.pR[j]! + vY * L.pRrec[j]!);
            const cf = income - annual[j]! - ch;
            cum += cf;
            cumOut[cb + j] = cum;
            totCum[j] = totCum[j]! + cum;
            npv += cf * discount[j]!;
            if (y <= testYears && cum < minCum) minCum = cum;
          }
        } else if (affine && fixedYears[i]! >= testYears) {
          // a step: the year's flows but the annuities and the major maintenance (in % of the cost) as the last full
          // evaluation found them; up to the test years, without NPV nor the rental total
          for (let y = 1, f = i * MAX_YEARS; y <= testYears; y++) {
            cum += fixedCf[f + y - 1]! - annual[y - 1]! - majorK[f + y - 1]! * major1;
            cumOut[cb + y - 1] = cum;
            if (cum < minCum) minCum = cum;
          }
        } else {
          for (let y = 1, f = i * MAX_YEARS; y <= horizon; y++) {
            let ch = rl.mgmt1 + rl.ins1;
            if (y >= maintenanceFrom) ch += rl.maint1;
            const chBase = ch;
            if (y >= majorFrom) ch += major1;
            if (y > rl.exemption) ch += rl.tfpb1;
            const fy = y === 1 ? f1 : 1;
            const income = fy * rentIdx[y - 1]! * (y <= rl.premiumYears ? incomeRS : incomeR);
            const cf = income - annual[y - 1]! - fy * chargeIdx[y - 1]! * ch;
            // (kept for the steps: the flow without the annuities and the major maintenance, and the latter's factor)
            fixedCf[f + y - 1] = income - fy * chargeIdx[y - 1]! * (y > rl.exemption ? chBase + rl.tfpb1 : chBase);
            majorK[f + y - 1] = y >= majorFrom ? fy * chargeIdx[y - 1]! : 0;
            cum += cf;
            cumOut[cb + y - 1] = cum;
            totCum[y - 1] = totCum[y - 1]! + cum;
            npv += cf * discount[y - 1]!;
            if (y <= testYears && cum < minCum) minCum = cum;
          }
          fixedYears[i] = horizon;
        }
        if (minCum === Infinity) minCum = 0;
        r.lotMinCumulativeEur[i] = minCum;
        r.lotNpvEur[i] = npv;
        if (minCum < -NOISE) balance += minCum;
        if (testYears > totTest) totTest = testYears;
        totNpv += npv; totEquity += equity;
      }
      let tMin = Infinity;
      // (a step computes no rental total)
      if (!affine) for (let y = 0; y < totTest; y++) if (totCum[y]! < tMin) tMin = totCum[y]!;
      if (tMin === Infinity) tMin = 0;
      if (rentalLots.length === 1) tMin = r.lotMinCumulativeEur[rentalLots[0]!.lot]!;
      r.rentalMinCumulativeEur = tMin;
      r.rentalBalanced = tMin >= -NOISE;
      r.rentalNeedEur = tMin < -NOISE ? -tMin : 0;
      r.rentalNpvEur = totNpv;
      void totEquity;
    }

    // Sale lots.
    let marginTot = 0, revenueTot = 0;
    const priceK = 1 + (lv.pricesPct ?? 0) / 100;
    if (nGroups > 0) groupCf.fill(0);
    for (const sl of sales) {
      const i = sl.lot;
      const toCover = (htCents[i]! - saleSubsCents[i]!) / 100;
      const lotLand = landHtCents[i]! / 100;
      let operatorCost = toCover;
      if (sl.ofs) {
        operatorCost = toCover - lotLand;
        const o = sl.ofs;
        const landE = o.landGiven ?? lotLand;
        const eqOverride = lv.ofsEquityEur?.[i];
        const equity = eqOverride === undefined || Number.isNaN(eqOverride) ? o.equity : eqOverride;
        const loan = landE - equity > 0 ? landE - equity : 0;
        let idx = 1, cIdx = 1, cum = 0, minCum = Infinity;
        const u = o.terms.unit;
        const g = ofsGroupOf[i]!, gBase = g * (MAX_YEARS + 1);
        for (let y = 1; y <= o.years; y++) {
          if (y > 1) { idx *= 1 + irlNow[Math.min(y - 1, irlLenNow) - 1]!; cIdx *= 1 + chargesBase + chPts / 100; }
          const ann = loan > 0 && y <= MAX_YEARS ? loan * u[y - 1]! : 0;
          const cf = o.red1 * idx - ann - (o.mgmt1 === 0 ? 0 : o.mgmt1 * cIdx);
          cum += cf;
          if (g >= 0) groupCf[gBase + y - 1] = groupCf[gBase + y - 1]! + cf;
          if (cum < minCum) minCum = cum;
        }
        if (minCum === Infinity) minCum = 0;
        r.ofsMinCumulativeEur[i] = minCum;
        // with owners, the OFS's need is its consolidated account's (below)
        if (g < 0 && minCum < -NOISE) balance += minCum;
      }
      let factor = 1, carrying = 0;
      if (sl.psla) {
        const p = sl.psla;
        factor = p.factor;
        const rate = p.givenRate ?? la0Now + p.pslaMargin;
        const keep = 1 - vacancy - badDebt;
        carrying = toCover * rate * p.years - (p.partIncome * keep - p.running);
      }
      const override = lv.salePriceTtcPerM2Shab?.[i];
      const priceHt = (override === undefined || Number.isNaN(override) ? sl.priceHt : override / (1 + vat[i]!)) * priceK;
      const revenue = priceHt * shab[i]! * factor;
      const margin = revenue - operatorCost - revenue * (1 + vat[i]!) * sl.marketing - carrying;
      r.saleMarginEur[i] = margin; r.saleRevenueHtEur[i] = revenue;
      marginTot += margin; revenueTot += revenue;
      balance += margin;
    }
    r.saleMarginTotalEur = marginTot; r.saleRevenueTotalHtEur = revenueTot;
    // The OFS that carry several BRS lots: one cumulative over their yearly flows added (consolidateOfs).
    for (let g = 0; g < nGroups; g++) {
      let cum = 0, minCum = Infinity;
      const gBase = g * (MAX_YEARS + 1);
      for (let y = 0; y < groupYears[g]!; y++) { cum += groupCf[gBase + y]!; if (cum < minCum) minCum = cum; }
      if (minCum === Infinity) minCum = 0;
      r.ofsGroupMinCumulativeEur[g] = minCum;
      if (minCum < -NOISE) balance += minCum;
    }
    // The seller's margin on each VEFA lot: the price HT against the operation's cost of the lot.
    for (let k = 0; k < vefaIdx.length; k++) {
      const i = vefaIdx[k]!, m = (vefaPrice[i]! - opHtCents[i]!) / 100;
      r.vefaSellerMarginEur[i] = m;
      balance += m;
    }
    if (nOwners > 0 && !affine) ownersStage(r);
    r.balanceEur = balance;
    r.balanced = balance >= -NOISE;
    return r;
  }

  const partsBuf = new Float64Array(n);
  function spreadParts(sp: Spread): Float64Array {
    partsBuf.fill(0);
    spreadInto(sp, 1, true, partsBuf, null);
    return partsBuf;
  }

  const lotIds = lots.map((l) => l.id);
  const idIndex = new Map(lotIds.map((id, i) => [id, i]));
  const metric = (name: string): ((r: FastResult) => number | boolean | null) | undefined => {
    switch (name) {
      case 'operation.balance_eur': return (r) => r.balanceEur;
      case 'operation.balanced': return (r) => r.balanced;
      case 'cost_price.total_ht_eur': return (r) => r.costHtEur;
      case 'cost_price.total_ttc_eur': return (r) => r.costTtcEur;
      case 'financing.total_eur': return (r) => r.financingTotalEur;
      case 'financing.subsidies_eur': return (r) => r.subsidiesEur;
      case 'financing.equity_eur': return (r) => r.equityEur;
      case 'financing.loans_eur': return (r) => r.loansEur;
    }
    if (hasRental) {
      if (name === 'rental.min_cumulative_cash_flow_eur') return (r) => r.rentalMinCumulativeEur;
      if (name === 'rental.balanced') return (r) => r.rentalBalanced;
      if (name === 'rental.npv_equity_eur') return (r) => r.rentalNpvEur;
    }
    if (sales.length > 0) {
      if (name === 'sale.margin_eur') return (r) => r.saleMarginTotalEur;
      if (name === 'sale.revenue_ht_eur') return (r) => r.saleRevenueTotalHtEur;
      if (name === 'sale.margin_pct') return (r) => (r.saleRevenueTotalHtEur === 0 ? null : (r.saleMarginTotalEur / r.saleRevenueTotalHtEur) * 100);
    }
    const o = /^(owner|ofs)\.([^.]+)\.(.+)$/.exec(name);
    if (o) {
      const k = o[1] === 'owner' ? ownerIx.get(o[2]!) : ofsIds.indexOf(o[2]!);
      if (k === undefined || k < 0) return undefined;
      if (o[1] === 'owner') {
        if (o[3] === 'balance_eur') return (r) => r.ownerBalanceEur[k]!;
        if (o[3] === 'balanced') return (r) => r.ownerBalanceEur[k]! >= -NOISE;
        if (o[3] === 'balance_after_transfers_eur') return (r) => r.ownerBalanceAfterEur[k]!;
        if (o[3] === 'balanced_after_transfers') return (r) => r.ownerBalanceAfterEur[k]! >= -NOISE;
      } else {
        if (o[3] === 'min_cumulative_eur') return (r) => r.ofsGroupMinCumulativeEur[k]!;
        if (o[3] === 'balanced') return (r) => r.ofsGroupMinCumulativeEur[k]! >= -NOISE;
      }
      return undefined;
    }
    const m = /^(rental|sale|brs|vefa)\.([^.]+)\.(.+)$/.exec(name);
    const i = m ? idIndex.get(m[2]!) : undefined;
    if (!m || i === undefined) return undefined;
    if (m[1] === 'rental' && isRental[i] && hasRental) {
      if (m[3] === 'min_cumulative_cash_flow_eur') return (r) => r.lotMinCumulativeEur[i]!;
      if (m[3] === 'balanced') return (r) => r.lotMinCumulativeEur[i]! >= -NOISE;
    }
    if (m[1] === 'sale' && isSale[i]) {
      if (m[3] === 'margin_eur') return (r) => r.saleMarginEur[i]!;
      if (m[3] === 'revenue_ht_eur') return (r) => r.saleRevenueHtEur[i]!;
    }
    if (m[1] === 'vefa' && vefaPrice[i]! >= 0 && m[3] === 'seller_margin_eur') return (r) => r.vefaSellerMarginEur[i]!;
    if (m[1] === 'brs' && sales.some((s) => s.lot === i && s.ofs)) {
      if (m[3] === 'ofs_min_cumulative_eur') return (r) => r.ofsMinCumulativeEur[i]!;
      if (m[3] === 'ofs_balanced') return (r) => r.ofsMinCumulativeEur[i]! >= -NOISE;
    }
    return undefined;
  };

  const plan: Plan = { lots: n, maxYears: MAX_YEARS, lotIds, ownerIds, ofsIds, unsupportedLevers, evaluate, newResult, metric };
  selfCheck(plan, ev);
  return plan;
}


/** The compiled plan must give the exact base evaluation's figures to the cent; otherwise it models something wrongly. */
function selfCheck(plan: Plan, ev: Evaluation): void {
  const r = plan.evaluate({});
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.01 + Math.abs(b) * 1e-9;
  const bad = (what: string) => { throw new PlanUnsupported(`the compiled base differs from the exact engine (${what})`); };
  if (!near(r.balanceEur, num(ev.operation.balanceEur))) bad('operation.balance_eur');
  if (!near(r.costTtcEur, num(ev.cost.totalTtcEur))) bad('cost_price.total_ttc_eur');
  for (const l of ev.rental?.lots ?? []) if (!near(r.lotMinCumulativeEur[l.lotIndex]!, num(l.account.minCumulativeEur))) bad(`rental lot ${l.lotIndex}`);
  for (const l of ev.sales?.lots ?? []) {
    if (!near(r.saleMarginEur[l.lotIndex]!, num(l.marginEur))) bad(`sale lot ${l.lotIndex}`);
    if (l.ofs && !near(r.ofsMinCumulativeEur[l.lotIndex]!, num(l.ofs.minCumulativeEur))) bad(`OFS of lot ${l.lotIndex}`);
  }
  ev.owners?.owners.forEach((o, k) => {
    if (!near(r.ownerBalanceEur[k]!, num(o.balanceEur))) bad(`owner.${o.id}.balance_eur`);
    if (!near(r.ownerBalanceAfterEur[k]!, num(o.balanceAfterEur))) bad(`owner.${o.id}.balance_after_transfers_eur`);
  });
  ev.owners?.ofs.forEach((g, k) => { if (!near(r.ofsGroupMinCumulativeEur[k]!, num(g.minCumulativeEur))) bad(`ofs.${g.id}.min_cumulative_eur`); });
}

/** `compilePlan`, or why not (callers fall back to the exact engine). */
export function tryCompilePlan(ev: Evaluation): Plan | { unsupported: string } {
  try { return compilePlan(ev); } catch (e) { if (e instanceof PlanUnsupported) return { unsupported: e.feature }; throw e; }
}
