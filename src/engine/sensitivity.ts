/**
 * Sensitivity and decisions: levers that move one input, sweeps and 2-D grids,
 * a tornado of the levers, the construction inflation at which the operation stops balancing,
 * and goal seeks (the subsidy or equity that restores the rental test, the sale price that
 * restores the target margin, the land charge the operation can bear).
 *
 * Exactness: sweep rows, tornado bars and every goal-seek answer are exact evaluations. The
 * searches sample the compiled float64 plan of the base (src/fast/plan.ts, bounded against the
 * exact engine by test/fast-path.test.ts), then the answer is evaluated exactly — unless the plan
 * puts it more than CERTAIN_BALANCE_EUR inside the side it must be on, where the exact evaluation
 * could only agree (it is then made when read); a balancing sale price's figures are computed
 * exactly on its lot alone (saleAlone). A 2-D grid is sampled on the plan. An operation the plan
 * does not model is sampled on the exact engine.
 */
import { D, type Dec } from '../domain/money';
import { applyChanges, copyData, type Change } from '../load/overrides';
import type { OperationFile } from '../schema/operation';
import { livretA } from './model';
import type { Evaluation } from './evaluate';
import { evaluateInput } from './evaluate-input';
import { computeSales, stripSalePrices, type SaleLot } from './sales';
import type { FastResult, Levers, Plan } from '../fast/types';
import { tryCompilePlan } from '../fast/plan';
import { redevanceFor } from './foyer';

export type LeverId = 'construction' | 'land' | 'livret_a' | 'rents' | 'vacancy' | 'subsidies' | 'prices';

export interface LeverDef {
  id: LeverId;
  /** 'pct': relative change in %; 'points': absolute change in percentage points. */
  unit: 'pct' | 'points';
  /** The swing used by the tornado. */
  tornado: [number, number];
}

export const LEVERS: readonly LeverDef[] = [
  { id: 'construction', unit: 'pct', tornado: [-10, 10] },
  { id: 'land', unit: 'pct', tornado: [-20, 20] },
  { id: 'livret_a', unit: 'points', tornado: [-1, 1] },
  { id: 'rents', unit: 'pct', tornado: [-5, 5] },
  { id: 'vacancy', unit: 'points', tornado: [-2, 2] },
  { id: 'subsidies', unit: 'pct', tornado: [-20, 20] },
  { id: 'prices', unit: 'pct', tornado: [-5, 5] },
];

export function leverDef(id: string): LeverDef | undefined {
  return LEVERS.find((l) => l.id === id || l.id === id.replace('-', '_'));
}

/**
 * What the base derived, held fixed, as changes: a sale price derived from the target margin
 * becomes the promised price, a cooperative's redevance d'équilibre becomes the redevance charged.
 * Without this, a cost rise would raise them in step and the operation would never tip. Exact: the
 * base's own values (Decimals), so that an evaluation of the frozen input is the base's, to the digit.
 */
export function freezeChanges(base: Evaluation): Change[] {
  const out: Change[] = [];
  for (const s of base.sales?.lots ?? []) {
    if (s.priceOrigin === 'target_margin') out.push({ path: ['lots', s.lotIndex, 'sale', 'price_eur_per_m2_shab_ht'], value: s.priceHtPerM2Shab });
  }
  for (const l of base.rental?.lots ?? []) {
    if (l.rent.rentOrigin === 'break_even') out.push({ path: ['lots', l.lotIndex, 'rent', 'rent_eur_per_m2_su_month'], value: l.rent.rent });
  }
  return out;
}

/** The input with what the base derived held fixed (freezeChanges): a fresh copy, the caller may change it. */
export function freeze(input: OperationFile, base: Evaluation): OperationFile {
  return copyData(applyChanges(input, freezeChanges(base)));
}

/** v × (1 + x %), exact (x is the lever's step; v a number of the file or an exact value a lever wrote). */
const scale = (v: number | Dec, x: number): Dec => D(v).times(D(1).plus(D(x).div(D(100))));
/** At least 0. */
const floor0 = (d: Dec): Dec => (d.isNegative() ? D(0) : d);

/**
 * One lever moved by x (% or points), as exact changes to the frozen input (values are Decimals,
 * never JavaScript floats), or null when the lever has no grip on this operation (nothing it could
 * move: no subsidy, no given sale price, no rental lot…).
 */
export function leverChanges(frozen: OperationFile, base: Evaluation, lever: LeverId, x: number): Change[] | null {
  const o = frozen;
  const out: Change[] = [];
  const set = (path: (string | number)[], value: Dec) => out.push({ path, value });
  switch (lever) {
    case 'construction': {
      set(['construction', 'cost_eur_per_m2_shab'], scale(o.construction.cost_eur_per_m2_shab, x));
      o.lots.forEach((l, i) => { if (l.cost_eur_per_m2_shab !== undefined) set(['lots', i, 'cost_eur_per_m2_shab'], scale(l.cost_eur_per_m2_shab, x)); });
      (o.construction.common_spaces ?? []).forEach((c, i) => { if (c.cost_eur_per_m2_shab !== undefined) set(['construction', 'common_spaces', i, 'cost_eur_per_m2_shab'], scale(c.cost_eur_per_m2_shab, x)); });
      return out;
    }
    case 'land': {
      const l = o.land;
      if (l.price_eur_per_m2_sp !== undefined) set(['land', 'price_eur_per_m2_sp'], floor0(scale(l.price_eur_per_m2_sp, x)));
      else if (l.price_eur_per_m2_shab !== undefined) set(['land', 'price_eur_per_m2_shab'], floor0(scale(l.price_eur_per_m2_shab, x)));
      else if (l.price_eur !== undefined && D(l.price_eur).gt(0)) set(['land', 'price_eur'], floor0(scale(l.price_eur, x)));
      else return null;
      return out;
    }
    case 'livret_a': {
      const r = base.rental;
      const loansExist = (r && r.loans.length > 0) || (base.sales?.lots.some((s) => s.ofs?.schedule) ?? false);
      if (!loansExist) return null;
      // the Livret A the base used (the same resolution as its loans and the OFS's)
      const { la0, path } = livretA(base.model);
      const moved = (f: Dec) => floor0(f.times(D(100)).plus(D(x)));
      out.push({ path: ['assumptions', 'livret_a_pct'], value: moved(la0) }, { path: ['assumptions', 'livret_a_path_pct'], value: path.map(moved) });
      return out;
    }
    case 'rents': {
      const r = base.rental;
      if (!r || r.lots.length === 0) return null;
      for (const l of r.lots) {
        // a foyer's rent is the rent-equivalent of its redevance: the redevance moves, its charges part stays (foyer.ts)
        const f = l.rent.foyer ? redevanceFor(base.model.lots[l.lotIndex]!.input, l.rent.rentSurfaceM2, scale(l.rent.rent, x)) : null;
        if (f) set(['lots', l.lotIndex, 'foyer', 'redevance', f.key], f.value);
        else set(['lots', l.lotIndex, 'rent', 'rent_eur_per_m2_su_month'], scale(l.rent.rent, x));
      }
      return out;
    }
    case 'vacancy': {
      if (!base.rental) return null;
      // an account written line by line may give the vacancy as its line (lines.vacancy): that is what moves
      const line = o.assumptions?.lines?.vacancy?.pct_of_rents;
      const cur = line ?? o.assumptions?.vacancy_pct ?? Number(base.model.used.get('assumptions.vacancy_pct')?.value ?? 0);
      const v = floor0(D(cur).plus(D(x)));
      set(line !== undefined ? ['assumptions', 'lines', 'vacancy', 'pct_of_rents'] : ['assumptions', 'vacancy_pct'], v.gt(50) ? D(50) : v);
      return out;
    }
    case 'subsidies': {
      if (!o.subsidies || o.subsidies.length === 0) return null;
      o.subsidies.forEach((s, i) => {
        for (const k of ['amount_eur', 'eur_per_dwelling', 'eur_per_m2_su'] as const) {
          const v = s[k];
          if (v !== undefined) set(['subsidies', i, k], floor0(scale(v, x)));
        }
      });
      return out;
    }
    case 'prices': {
      o.lots.forEach((l, i) => {
        const s = l.sale;
        if (s) {
          for (const k of ['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc', 'price_eur_per_dwelling_ttc'] as const) {
            const v = s[k]; if (v !== undefined) set(['lots', i, 'sale', k], scale(v, x));
          }
        }
        // prices by dwelling type (`lots[].types`)
        (l.types ?? []).forEach((t, j) => {
          if (t.price_eur_ttc !== undefined) set(['lots', i, 'types', j, 'price_eur_ttc'], scale(t.price_eur_ttc, x));
          if (t.price_eur_per_m2_shab_ttc !== undefined) set(['lots', i, 'types', j, 'price_eur_per_m2_shab_ttc'], scale(t.price_eur_per_m2_shab_ttc, x));
        });
      });
      return out.length ? out : null;
    }
  }
}

/**
 * The input with one lever moved by x (% or points): the frozen input with the lever's exact
 * changes, or null when the lever has no grip on this operation.
 */
export function applyLever(input: OperationFile, base: Evaluation, lever: LeverId, x: number): OperationFile | null {
  const frozen = applyChanges(input, freezeChanges(base));
  const changes = leverChanges(frozen, base, lever, x);
  return changes ? applyChanges(frozen, changes) : null;
}

/** The compiled plan's levers (src/fast/types.ts) that move the operation as `applyLever(…, lever, x)` does. */
export function fastLevers(lever: LeverId, x: number): Levers {
  switch (lever) {
    case 'construction': return { constructionPct: x };
    case 'land': return { landPct: x };
    case 'livret_a': return { livretAPts: x };
    case 'rents': return { rentsPct: x };
    case 'vacancy': return { vacancyPts: x };
    case 'subsidies': return { subsidiesPct: x };
    case 'prices': return { pricesPct: x };
  }
}


/** Evaluate an input exactly (the one path, engine/evaluate-input.ts); null when it cannot be evaluated (a lever pushed it out of bounds). */
export function evalInput(input: OperationFile, file: string): Evaluation | null {
  return evaluateInput(input, file).evaluation ?? null;
}

const plans = new WeakMap<Evaluation, Plan | null>();

/**
 * The compiled plan of a base evaluation (compiled once, kept while the evaluation lives), or null
 * when the plan does not model the operation: then searches sample the exact engine.
 */
export function planOf(base: Evaluation): Plan | null {
  let p = plans.get(base);
  if (p === undefined) {
    const t = tryCompilePlan(base);
    p = 'unsupported' in t ? null : t;
    plans.set(base, p);
  }
  return p;
}

/** A sampler of `input` moved by levers: the base's plan when `input` is what the base evaluated. */
function sampler(input: OperationFile, base: Evaluation): { plan: Plan; out: FastResult } | null {
  const plan = input === base.model.input ? planOf(base) : null;
  return plan ? { plan, out: plan.newResult() } : null;
}

/** Whether the plan refuses a sensitivity lever on its file (e.g. the vacancy of an account giving `lines.vacancy`). */
function refusedBy(plan: Plan, id: LeverId): boolean {
  const l = fastLevers(id, 1);
  return plan.unsupportedLevers.some((k) => l[k] !== undefined);
}

/** One value per lot, NaN but at `lotIndex` (a per-lot lever of the plan). */
function atLot(n: number, lotIndex: number, v: number): Float64Array {
  const a = new Float64Array(n).fill(NaN);
  a[lotIndex] = v;
  return a;
}

/** A number of a metric value (grid cells). */
function cellOf(m: number | boolean | null | undefined | { toNumber(): number }): number | null {
  if (m === undefined || m === null) return null;
  if (typeof m === 'boolean') return m ? 1 : 0;
  const v = typeof m === 'number' ? m : m.toNumber();
  return Number.isNaN(v) ? null : v;
}

export interface StepResult {
  x: number;
  costTtcEur: Dec;
  rentalMinCumulativeEur: Dec | null;
  rentalBalanced: boolean | null;
  /** What the rental account lacks at its lowest point (0 when it balances). */
  rentalNeedEur: Dec | null;
  saleMarginPct: Dec | null;
  /** The smallest discount against the market among sale lots with a market price. */
  minDiscountPct: Dec | null;
  balanceEur: Dec;
  balanced: boolean;
}

export function stepOf(x: number, ev: Evaluation): StepResult {
  const r = ev.rental?.total;
  const discounts = (ev.sales?.lots ?? []).map((l) => l.discountVsMarketPct).filter((d): d is Dec => d !== null);
  return {
    x,
    costTtcEur: ev.cost.totalTtcEur,
    rentalMinCumulativeEur: r ? r.minCumulativeEur : null,
    rentalBalanced: r ? r.balanced : null,
    rentalNeedEur: r ? (r.minCumulativeEur.isNegative() ? r.minCumulativeEur.neg() : D(0)) : null,
    saleMarginPct: ev.sales?.marginPct ?? null,
    minDiscountPct: discounts.length ? discounts.reduce((a, b) => (b.lt(a) ? b : a)) : null,
    balanceEur: ev.operation.balanceEur,
    balanced: ev.operation.balanced,
  };
}

export function range(from: number, to: number, step: number): number[] {
  if (step <= 0 || !Number.isFinite(step)) throw new RangeError('step must be > 0');
  const out: number[] = [];
  const n = Math.floor((to - from) / step + 1e-9);
  for (let i = 0; i <= n && i <= 1000; i++) out.push(D(from).plus(D(step).times(i)).toNumber());
  return out;
}

/** One-lever sweep, exact. */
export function sweep(input: OperationFile, base: Evaluation, file: string, lever: LeverId, xs: readonly number[], onStep?: () => void): { steps: StepResult[]; noGrip: boolean; tipsAt: number | null } {
  const steps: StepResult[] = [];
  let noGrip = false;
  for (const x of xs) {
    const mod = applyLever(input, base, lever, x);
    if (!mod) { noGrip = true; break; }
    const ev = evalInput(mod, file);
    onStep?.();
    if (ev) steps.push(stepOf(x, ev));
  }
  let tipsAt: number | null = null;
  for (let i = 1; i < steps.length; i++) if (steps[i]!.balanced !== steps[i - 1]!.balanced) { tipsAt = steps[i]!.x; break; }
  return { steps, noGrip, tipsAt };
}

export interface GridResult {
  xs: number[];
  ys: number[];
  /** values[i][j]: the metric at xs[i], ys[j] (the compiled plan, or the exact engine), null when not evaluable. */
  values: (number | null)[][];
  noGrip: LeverId[];
}

/** 2-D grid of one metric (the compiled plan; the exact engine when the plan does not carry the metric). */
export function grid(input: OperationFile, base: Evaluation, file: string, a: LeverId, xs: number[], b: LeverId, ys: number[], metric: string, onStep?: () => void): GridResult {
  const values: (number | null)[][] = [];
  const noGrip: LeverId[] = [];
  if (!applyLever(input, base, a, xs[0] ?? 0)) noGrip.push(a);
  if (!applyLever(input, base, b, ys[0] ?? 0)) noGrip.push(b);
  // (a lever the plan refuses on this file, `Plan.unsupportedLevers`: the grid is computed on the exact engine)
  const s0 = a !== b ? sampler(input, base) : null;
  const s = s0 && !refusedBy(s0.plan, a) && !refusedBy(s0.plan, b) ? s0 : null;
  const read = s?.plan.metric(metric);
  if (s && read) {
    // A lever with no grip leaves the file as it is (as applyLever's null does below).
    const move = (id: LeverId, v: number): Levers => (noGrip.includes(id) ? {} : fastLevers(id, v));
    for (const x of xs) {
      const row: (number | null)[] = [];
      const la = move(a, x);
      for (const y of ys) {
        row.push(cellOf(read(s.plan.evaluate({ ...la, ...move(b, y) }, s.out))));
        onStep?.();
      }
      values.push(row);
    }
    return { xs, ys, values, noGrip };
  }
  for (const x of xs) {
    const row: (number | null)[] = [];
    const modA = applyLever(input, base, a, x) ?? freeze(input, base);
    for (const y of ys) {
      const mod = applyLever(modA, base, b, y) ?? modA;
      const ev = evalInput(mod, file);
      onStep?.();
      row.push(cellOf(ev?.metrics.get(metric)?.value));
    }
    values.push(row);
  }
  return { xs, ys, values, noGrip };
}

export interface TornadoBar {
  lever: LeverDef;
  low: number;
  high: number;
  /** Balance change at the low and high swing (exact), or null: no grip. */
  deltaLowEur: Dec | null;
  deltaHighEur: Dec | null;
}

export function tornado(input: OperationFile, base: Evaluation, file: string, onStep?: () => void): TornadoBar[] {
  const bars: TornadoBar[] = [];
  for (const lever of LEVERS) {
    const [lo, hi] = lever.tornado;
    const at = (x: number) => {
      const mod = applyLever(input, base, lever.id, x);
      if (!mod) return null;
      const ev = evalInput(mod, file);
      onStep?.();
      return ev ? ev.operation.balanceEur.minus(base.operation.balanceEur) : null;
    };
    bars.push({ lever, low: lo, high: hi, deltaLowEur: at(lo), deltaHighEur: at(hi) });
  }
  // A lever with no grip ranks last (−1), below a lever with no effect (0).
  const size = (b: TornadoBar) => (b.deltaLowEur === null && b.deltaHighEur === null ? -1 : Math.max(Math.abs(b.deltaLowEur?.toNumber() ?? 0), Math.abs(b.deltaHighEur?.toNumber() ?? 0)));
  return bars.sort((p, q) => size(q) - size(p));
}

/**
 * The largest x in [lo, hi] (to `tol`) with f(x) ≥ 0, for f decreasing with f(lo) ≥ 0 > f(hi).
 * Illinois regula falsi: the balance is piecewise linear in a lever, so it converges in a few
 * evaluations; it falls back to halving when an evaluation fails or the bracket stalls.
 */
function bisect(f: (x: number) => number | null, lo: number, hi: number, tol: number, flo?: number, fhi?: number): number {
  let a = lo, b = hi;
  let fa = flo ?? f(a) ?? 0, fb = fhi ?? f(b) ?? -1;
  let side = 0;
  for (let k = 0; k < 80 && b - a > tol; k++) {
    let x = fa - fb > 0 ? a + (fa * (b - a)) / (fa - fb) : (a + b) / 2;
    if (!(x > a && x < b) || k % 8 === 7) x = (a + b) / 2;
    // keep the step away from the ends so the bracket keeps shrinking
    const margin = (b - a) * 1e-3;
    x = Math.min(b - margin, Math.max(a + margin, x));
    const v = f(x);
    if (v !== null && v >= 0) {
      a = x; fa = v;
      if (side === 1) fb /= 2;
      side = 1;
    } else {
      b = x; fb = v ?? fb;
      if (side === -1) fa /= 2;
      side = -1;
    }
    // (not at exactly 0: an all-rental operation that passes its test sits at 0 over a whole range)
    if (v !== null && v !== 0 && Math.abs(v) < 1e-3) {
      // within a tenth of a cent of the root: close the bracket around it
      if (v >= 0) b = Math.min(b, a + tol); else a = Math.max(a, b - tol);
    }
  }
  return a;
}

export type SearchOutcome =
  | { kind: 'found'; value: number; exact: Evaluation }
  | { kind: 'beyond'; bound: number }
  | { kind: 'unreachable'; bound: number };

/**
 * The construction inflation (%) at which the operation stops balancing, searched in
 * [−50 %, +100 %]: the largest inflation (to 0.01 %) at which operation.balance_eur ≥ 0.
 */
export function maxConstructionInflation(input: OperationFile, base: Evaluation, file: string, hiBound = 100, loBound = -50): SearchOutcome {
  const f = constructionBalance(input, base, file);
  let lo: number, hi: number, flo: number | undefined, fhi: number | undefined;
  if (base.operation.balanced) {
    const top = f(hiBound);
    if (top !== null && top >= 0) return { kind: 'beyond', bound: hiBound };
    lo = 0; hi = hiBound;
    flo = base.operation.balanceEur.toNumber(); fhi = top ?? undefined;
  } else {
    const bottom = f(loBound);
    if (bottom === null || bottom < 0) return { kind: 'unreachable', bound: loBound };
    lo = loBound; hi = 0;
    flo = bottom; fhi = base.operation.balanceEur.toNumber();
  }
  // Round down to the hundredth of a percent, and confirm exactly (the plan may sit on the other side by a cent).
  let x = Math.floor(bisect(f, lo, hi, 1e-4, flo, fhi) * 100) / 100;
  // …unless the plan puts the balance there so far above 0 that the exact one is certainly ≥ 0
  if (f.onPlan && certainlyBalanced(f(x))) return foundLater(x, () => evalInput(applyLever(input, base, 'construction', x)!, file)!);
  for (let k = 0; k < 5; k++) {
    const ev = evalInput(applyLever(input, base, 'construction', x)!, file)!;
    if (ev.operation.balanced) return { kind: 'found', value: x, exact: ev };
    x = D(x).minus(D('0.01')).toNumber();
  }
  const ev = evalInput(applyLever(input, base, 'construction', x)!, file)!;
  return { kind: 'found', value: x, exact: ev };
}

/**
 * Above this balance on the compiled plan (€), the exact balance is certainly ≥ 0: the plan agrees
 * with the exact engine within 0.01 € + 10^−12 of the figure (test/fast-path.test.ts on every
 * fixture and on generated operations at moved levers; compilePlan's selfCheck on the base of every
 * run), a fifth of this margin. A search whose answer the plan puts this far inside the balanced
 * side needs no exact evaluation to confirm it (the answer is the one the exact confirmation would
 * keep; test/search-certified.test.ts evaluates it exactly on every fixture); nearer, it is
 * confirmed exactly as before. The exact evaluation of such an answer is made if something reads it.
 */
export const CERTAIN_BALANCE_EUR = 0.05;

/** Whether a balance sampled on the plan certainly means an exact balance ≥ 0 (CERTAIN_BALANCE_EUR). */
function certainlyBalanced(planBalance: number | null): boolean {
  return planBalance !== null && planBalance >= CERTAIN_BALANCE_EUR + Math.abs(planBalance) * 1e-12;
}

/** Whether a figure sampled on the plan certainly means an exact figure < 0 (CERTAIN_BALANCE_EUR below 0). */
function certainlyUnbalanced(planValue: number | null): boolean {
  return planValue !== null && planValue <= -CERTAIN_BALANCE_EUR - Math.abs(planValue) * 1e-12;
}

/** A found answer whose exact evaluation is made when something reads it (the sensitivity command's sentence, not the report's metric). */
function foundLater(value: number, exact: () => Evaluation): { kind: 'found'; value: number; exact: Evaluation } {
  let ev: Evaluation | undefined;
  return { kind: 'found', value, get exact() { return (ev ??= exact()); } };
}

/** operation.balance_eur at a construction change of x % (sampled: the plan, else the exact engine); `onPlan` when sampled on the plan. */
function constructionBalance(input: OperationFile, base: Evaluation, file: string): ((x: number) => number | null) & { onPlan?: boolean } {
  const s = sampler(input, base);
  if (s) return Object.assign((x: number) => s.plan.evaluate({ constructionPct: x }, s.out).balanceEur, { onPlan: true });
  return (x) => {
    const mod = applyLever(input, base, 'construction', x);
    const ev = mod ? evalInput(mod, file) : null;
    return ev ? ev.operation.balanceEur.toNumber() : null;
  };
}

/**
 * The `source` (an id, not words) of the subsidy line a goal seek adds to the input: its computed
 * need, a subsidy or equity. report/words.ts `sourceLabel` names it.
 */
export const COMPUTED_NEED_SOURCE = 'goal_seek.computed_need';

/** Add `amount` € of subsidy to the rental lots (pro rata SU), as an extra line. */
function withExtraSubsidy(input: OperationFile, amount: number): OperationFile {
  const o = copyData(input);
  const tenures = (['PLAI', 'PLUS', 'PLS', 'LLI', 'SCIAPP', 'coop'] as const).filter((t) => o.lots.some((l) => l.tenure === t));
  o.subsidies = [...(o.subsidies ?? []), { source: COMPUTED_NEED_SOURCE, amount_eur: amount, tenures: [...tenures] }];
  return o;
}

/**
 * The smallest extra subsidy (€, to the euro above, between 0 and `cdc`) for which `account` passes
 * the regulatory test: bisection on `sample` (the account's lowest cumulative at an extra subsidy,
 * from the plan; it increases with the subsidy), then exact steps up until the exact account
 * passes and down while it still does (the sampled bracket may end a euro above the threshold) —
 * each one skipped when the plan decides it for certain (CERTAIN_BALANCE_EUR; the exact evaluation
 * at the answer is then made if read).
 * `unreachable` when even `cdc` does not do it.
 */
function smallestSubsidy(
  file: string, cdc: number, withSubsidy: (amount: number) => OperationFile,
  account: (ev: Evaluation | null) => { minCumulativeEur: Dec; balanced: boolean } | undefined,
  sample: ((amount: number) => number) | null,
): { kind: 'found'; value: number; exact: Evaluation } | { kind: 'unreachable'; bound: number } {
  const f = sample ?? ((s: number) => account(evalInput(withSubsidy(s), file))?.minCumulativeEur.toNumber() ?? null);
  const top = f(cdc);
  if (top === null || top < 0) return { kind: 'unreachable', bound: cdc };
  let lo = 0, hi = cdc;
  for (let k = 0; k < 100 && hi - lo > 0.5; k++) {
    const mid = (lo + hi) / 2;
    const v = f(mid);
    if (v !== null && v >= 0) hi = mid; else lo = mid;
  }
  let s = Math.ceil(hi);
  // Exact steps up until the exact account passes, down while it still does. An exact evaluation the
  // plan decides for certain (CERTAIN_BALANCE_EUR on either side of 0) is not made: at s when the
  // plan puts the account certainly passing there (then no step up), at s − 1 when certainly failing.
  let ev: Evaluation | null | undefined; // undefined: passing at s, certified on the plan
  if (!(sample && certainlyBalanced(sample(s)))) {
    ev = evalInput(withSubsidy(s), file);
    for (let k = 0; k < 5 && !account(ev)?.balanced; k++) ev = evalInput(withSubsidy(++s), file);
  }
  for (let k = 0; k < 5 && s > 0; k++) {
    if (sample && certainlyUnbalanced(sample(s - 1))) break;
    const lower = evalInput(withSubsidy(s - 1), file);
    if (!account(lower)?.balanced) break;
    s -= 1; ev = lower;
  }
  if (ev === undefined) { const at = s; return foundLater(at, () => evalInput(withSubsidy(at), file)!); }
  return { kind: 'found', value: s, exact: ev! };
}

/** The extra subsidy or equity (€, to the euro above) that makes the rental test pass. */
export function rentalGap(input: OperationFile, base: Evaluation, file: string): SearchOutcome | null {
  const r = base.rental;
  if (!r) return null;
  if (r.total.balanced) return { kind: 'found', value: 0, exact: base };
  // At most every CDC loan replaced: beyond that the plan would be over-financed.
  const cdc = base.financing.loans.filter((l) => l.isDefault).reduce((s, l) => s.plus(l.amountEur), D(0)).toNumber();
  const frozen = freeze(input, base);
  const sp = sampler(input, base);
  const sample = sp ? (s: number) => sp.plan.evaluate({ extraSubsidyEur: s }, sp.out).rentalMinCumulativeEur : null;
  return smallestSubsidy(file, cdc, (s) => withExtraSubsidy(frozen, s), (ev) => ev?.rental?.total, sample);
}

/** The land price (total, €) at which the operation balances exactly: what the operation can bear. */
export function bearableLand(input: OperationFile, base: Evaluation, file: string): SearchOutcome {
  const frozen = freeze(input, base);
  const set = (v: number): OperationFile => {
    const o = copyData(frozen);
    delete o.land.price_eur_per_m2_sp; delete o.land.price_eur_per_m2_shab;
    o.land.price_eur = v;
    return o;
  };
  const sp = sampler(input, base);
  const f = sp ? (v: number) => sp.plan.evaluate({ landPriceEur: v }, sp.out).balanceEur : (v: number) => evalInput(set(v), file)?.operation.balanceEur.toNumber() ?? null;
  const zero = f(0);
  if (zero === null || zero < 0) return { kind: 'unreachable', bound: 0 };
  let hi = Math.max(1000, base.cost.byChapterHtEur.land.toNumber() * 2);
  for (let k = 0; k < 40; k++) { const v = f(hi); if (v === null || v < 0) break; hi *= 2; if (hi > 1e11) return { kind: 'beyond', bound: 1e11 }; }
  const v = Math.floor(bisect(f, 0, hi, 0.5));
  let x = v;
  if (sp && certainlyBalanced(f(x))) return foundLater(x, () => evalInput(set(x), file)!);
  for (let k = 0; k < 5; k++) {
    const ev = evalInput(set(x), file);
    if (ev?.operation.balanced) return { kind: 'found', value: x, exact: ev };
    x -= 1;
  }
  return { kind: 'found', value: x, exact: evalInput(set(x), file)! };
}

/** The sale prices that give every sale lot exactly its target margin (one exact evaluation with the prices removed). */
export function targetPrices(input: OperationFile, file: string): Evaluation | null {
  const o = copyData(input);
  let any = false;
  for (const l of o.lots) {
    if (stripSalePrices(l)) any = true;
  }
  return any ? evalInput(o, file) : null;
}

/**
 * The sensitivity metrics that `report` and `check` expose (product.md: sensitivity.*).
 * `sensitivity.max_construction_inflation_pct` is null when the operation stays balanced beyond
 * +100 % or never balances down to −50 %; `…_status` says which.
 */
export function sensitivityMetrics(ev: Evaluation): { name: string; value: Dec | null | string; unit: string }[] {
  const be = maxConstructionInflation(ev.model.input, ev, ev.model.file);
  return [{ name: BREAK_EVEN_METRIC, ...breakEvenMetric(be) }];
}

export const BREAK_EVEN_METRIC = 'sensitivity.max_construction_inflation_pct';
/** The break-even metric of a break-even search's outcome. */
export function breakEvenMetric(be: SearchOutcome): { value: Dec | null; unit: string } {
  return { value: be.kind === 'found' ? D(be.value) : null, unit: 'pct' };
}

/**
 * The goal seeks as metrics, for `check` and `compare` (each a search: computed only on demand).
 * Null when unreachable (or, for the land, without practical limit).
 */
export function goalSeekMetrics(ev: Evaluation): { name: string; value: Dec | null; unit: string }[] {
  const gap = ev.rental ? rentalGap(ev.model.input, ev, ev.model.file) : null;
  const land = bearableLand(ev.model.input, ev, ev.model.file);
  return [
    { name: 'sensitivity.rental_extra_subsidy_eur', value: gap && gap.kind === 'found' ? D(gap.value) : null, unit: 'eur' },
    { name: 'sensitivity.bearable_land_eur', value: land.kind === 'found' ? D(land.value) : null, unit: 'eur' },
    ...(ev.sales?.lots ?? []).map((l) => {
      const bp = balancingPrice(ev.model.input, ev, ev.model.file, l.lotIndex);
      return { name: `sensitivity.${ev.model.lots[l.lotIndex]!.id}.balancing_price_ttc_eur_per_m2_shab`, value: bp.kind === 'found' ? D(bp.value) : null, unit: 'eur_per_m2_shab' };
    }),
  ];
}

/**
 * The root of an increasing or decreasing f on [lo, hi] (f(lo) and f(hi) of opposite signs), on
 * the plan: Illinois regula falsi down to |f| < 1e-4 € or a bracket of 1e-12 (relative). The
 * balance is piecewise linear in every lever, so a few evaluations do. When the bracket closes
 * first, the end where f ≥ 0.
 */
export function rootOf(f: (x: number) => number | null, lo: number, hi: number, flo: number, fhi: number): number {
  let a = lo, b = hi, fa = flo, fb = fhi;
  let side = 0;
  for (let k = 0; k < 100; k++) {
    if (Math.abs(b - a) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b))) break;
    let x = fa !== fb ? a - (fa * (b - a)) / (fb - fa) : (a + b) / 2;
    if (!(x > Math.min(a, b) && x < Math.max(a, b)) || k % 10 === 9) x = (a + b) / 2;
    const v = f(x);
    if (v === null) { b = x; continue; }
    if (Math.abs(v) < 1e-4) return x;
    if (Math.sign(v) === Math.sign(fa)) { a = x; fa = v; if (side === 1) fb /= 2; side = 1; }
    else { b = x; fb = v; if (side === -1) fa /= 2; side = -1; }
  }
  return fa >= 0 ? a : b;
}

/** A lever's answer: found (with its exact evaluation), or why there is none. */
export type LeverOutcome =
  | { kind: 'found'; value: number; exact: Evaluation }
  /** not_needed: it already holds; no_grip: nothing to move in this file; unreachable: no value within the bound does it. */
  | { kind: 'not_needed' | 'no_grip' | 'unreachable'; bound?: number };

/**
 * The construction-cost change (%) at which `operation.balance_eur` is 0, to the precision of the
 * compiled plan (not rounded to 0.01 % like the break-even metric), confirmed exactly: the value that
 * makes an operation that does not balance just balance. `costEurPerM2Shab` is the operation's
 * `construction.cost_eur_per_m2_shab` at that change.
 */
export function balancingConstruction(input: OperationFile, base: Evaluation, file: string, loBound = -50): LeverOutcome & { costEurPerM2Shab?: number } {
  if (base.operation.balanced) return { kind: 'not_needed' };
  const f = constructionBalance(input, base, file);
  const bottom = f(loBound);
  if (bottom === null || bottom < 0) return { kind: 'unreachable', bound: loBound };
  const x = rootOf(f, loBound, 0, bottom, base.operation.balanceEur.toNumber());
  const mod = applyLever(input, base, 'construction', x)!;
  const exact = evalInput(mod, file)!;
  return { kind: 'found', value: x, exact, costEurPerM2Shab: D(mod.construction.cost_eur_per_m2_shab).toNumber() };
}


/** The input (frozen) with one sale lot's price set to `p` € TTC per m² SHAB. */
export function withSalePrice(frozen: OperationFile, lotIndex: number, p: number): OperationFile {
  const o = copyData(frozen);
  const lot = o.lots[lotIndex]!;
  lot.sale = { ...(lot.sale ?? {}) };
  stripSalePrices(lot);
  lot.sale.price_eur_per_m2_shab_ttc = p;
  return o;
}

/** A balancing price's answer: found, with the lot's sale and the operation's balance at that price (exact), or why there is none. */
export type PriceOutcome =
  | { kind: 'found'; value: number; exact: Evaluation; sale: SaleLot; balanceEur: Dec }
  | { kind: 'not_needed' | 'no_grip' | 'unreachable'; bound?: number };

/** Highest price per m² searched for a balancing price: beyond it, « unreachable ». */
export const PRICE_SEARCH_MAX = 100_000;

/**
 * The price (€ TTC per m² SHAB) of one sale lot at which `operation.balance_eur` is 0, every other
 * input fixed (other prices and derived values frozen at their base). Above today's price when the
 * operation does not balance, below it (the floor) when it does. `unreachable` when no price up to
 * PRICE_SEARCH_MAX balances it; `not_needed` when it balances even at a zero price.
 */
export function balancingPrice(input: OperationFile, base: Evaluation, file: string, lotIndex: number): PriceOutcome {
  const sale = base.sales?.lots.find((l) => l.lotIndex === lotIndex);
  if (!sale) return { kind: 'no_grip' };
  const frozen = freeze(input, base);
  const sp = sampler(input, base);
  const prices = sp ? atLot(sp.plan.lots, lotIndex, NaN) : null;
  const f = sp && prices
    ? (p: number) => { prices[lotIndex] = p; return sp.plan.evaluate({ salePriceTtcPerM2Shab: prices }, sp.out).balanceEur; }
    : (p: number) => evalInput(withSalePrice(frozen, lotIndex, p), file)?.operation.balanceEur.toNumber() ?? null;
  const p0 = sale.priceTtcPerM2Shab.toNumber();
  const b0 = base.operation.balanceEur.toNumber();
  let x: number;
  if (base.operation.balanced) {
    const zero = f(0);
    if (zero === null || zero >= 0) return { kind: 'not_needed' };
    x = rootOf(f, p0, 0, b0, zero);
  } else {
    const top = f(PRICE_SEARCH_MAX);
    if (top === null || top < 0) return { kind: 'unreachable', bound: PRICE_SEARCH_MAX };
    x = rootOf(f, p0, PRICE_SEARCH_MAX, b0, top);
  }
  const at = withSalePrice(frozen, lotIndex, x);
  const part = saleAlone(base, at, lotIndex);
  if (part) {
    let ev: Evaluation | undefined;
    return { kind: 'found', value: x, get exact() { return (ev ??= evalInput(at, file)!); }, ...part };
  }
  const exact = evalInput(at, file)!;
  return { kind: 'found', value: x, exact, sale: exact.sales!.lots.find((l) => l.lotIndex === lotIndex)!, balanceEur: exact.operation.balanceEur };
}

/**
 * The exact figures of `input` — the base's frozen input with one sale lot's price changed
 * (withSalePrice) — without evaluating the whole operation: that lot's sale (computeSales on it
 * alone) and the operation's balance, the base's tranches with that lot's margin replaced, summed in
 * the same order as the engine (operationBalance). The price of a sale lot moves nothing else: not
 * the cost price, nor the financing, nor the rental accounts, nor the other lots (the frozen input
 * evaluates to the base to the digit, freezeChanges), nor the VEFA lots' seller margins, nor the
 * OFS of a BRS lot (its land and redevance; its account is recomputed with the lot's sale, the same),
 * and the owners' transfers move owners' balances, not the operation's. Null only for a lot the
 * financing does not cover as a sale lot. test/search-certified.test.ts compares both on every sale
 * lot of every fixture (with owners, VEFA lots, BRS lots).
 */
export function saleAlone(base: Evaluation, input: OperationFile, lotIndex: number): { sale: SaleLot; balanceEur: Dec } | null {
  const cover = base.financing.sale.find((c) => c.lotIndex === lotIndex);
  if (!cover) return null;
  const lots = base.model.lots.map((l, k) => (k === lotIndex ? { ...l, input: input.lots[lotIndex]! } : l));
  // (a copy of the record of used assumptions: computing the lot changes nothing in the base)
  const model = { ...base.model, used: new Map(base.model.used), lots };
  // (with VEFA lots, the sale lots are sold at their buyer's cost price, as evaluate() computes them)
  const sale = computeSales(model, base.vefa?.buyerCost ?? base.cost, { ...base.financing, sale: [cover] }).lots[0]!;
  let balance = D(0);
  for (const t of base.operation.tranches) balance = balance.plus(t.kind === 'sale' && t.lotIndex === lotIndex ? sale.marginEur : t.contributionEur);
  return { sale, balanceEur: balance };
}

/**
 * The OFS equity (€, total, to the cent above) of a BRS lot at which its cumulative cash is ≥ 0
 * every year of the Gaïa loan: `not_needed` when it already is; `unreachable` when even with no
 * loan (equity = the land) the redevance does not cover the OFS's management.
 */
export function ofsBalancingEquity(input: OperationFile, base: Evaluation, file: string, lotIndex: number): LeverOutcome {
  const ofs = base.sales?.lots.find((l) => l.lotIndex === lotIndex)?.ofs;
  if (!ofs) return { kind: 'no_grip' };
  if (ofs.balanced) return { kind: 'not_needed' };
  const frozen = freeze(input, base);
  const set = (e: number): OperationFile => {
    const o = copyData(frozen);
    const lot = o.lots[lotIndex]!;
    lot.brs = { ...(lot.brs ?? {}), ofs_equity_eur: e };
    return o;
  };
  const sp = sampler(input, base);
  const equity = sp ? atLot(sp.plan.lots, lotIndex, NaN) : null;
  const g = sp && equity
    ? (e: number) => { equity[lotIndex] = e; return sp.plan.evaluate({ ofsEquityEur: equity }, sp.out).ofsMinCumulativeEur[lotIndex]!; }
    : (e: number) => evalInput(set(e), file)?.sales?.lots.find((l) => l.lotIndex === lotIndex)?.ofs?.minCumulativeEur.toNumber() ?? null;
  const land = ofs.landEur.toNumber();
  const top = g(land);
  if (top === null || top < 0) return { kind: 'unreachable', bound: land };
  const e0 = ofs.equityEur.toNumber();
  let e = Math.ceil(rootOf(g, e0, land, ofs.minCumulativeEur.toNumber(), top) * 100) / 100;
  // (the exact step's answer when the plan puts the OFS certainly balanced there)
  if (sp && certainlyBalanced(g(e))) { const at = e; return foundLater(at, () => evalInput(set(at), file)!); }
  for (let k = 0; k < 5; k++) {
    const ev = evalInput(set(e), file)!;
    if (ev.sales!.lots.find((l) => l.lotIndex === lotIndex)!.ofs!.balanced) return { kind: 'found', value: e, exact: ev };
    e = D(e).plus(D('0.01')).toNumber();
  }
  return { kind: 'found', value: e, exact: evalInput(set(e), file)! };
}

/**
 * The extra subsidy or equity (€, to the euro above) on one rental lot alone that makes that lot's
 * account pass the regulatory test (circ. 97-51): `not_needed` when it passes, `unreachable` when
 * even with all its default CDC loans replaced the rents do not cover its charges.
 */
export function rentalLotGap(input: OperationFile, base: Evaluation, file: string, lotIndex: number): LeverOutcome {
  const lotAcc = base.rental?.lots.find((l) => l.lotIndex === lotIndex);
  if (!lotAcc) return { kind: 'no_grip' };
  if (lotAcc.account.balanced) return { kind: 'not_needed' };
  const id = base.model.lots[lotIndex]!.id;
  const cdc = base.financing.loans.filter((l) => l.isDefault && l.lotIndex === lotIndex).reduce((s, l) => s.plus(l.amountEur), D(0)).toNumber();
  const frozen = freeze(input, base);
  const set = (amount: number): OperationFile => {
    const o = copyData(frozen);
    o.subsidies = [...(o.subsidies ?? []), { source: COMPUTED_NEED_SOURCE, amount_eur: amount, lots: [id] }];
    return o;
  };
  const sp = sampler(input, base);
  const sample = sp ? (s: number) => sp.plan.evaluate({ extraSubsidyEur: s, extraSubsidyLot: lotIndex }, sp.out).lotMinCumulativeEur[lotIndex]! : null;
  return smallestSubsidy(file, cdc, set, (ev) => ev?.rental?.lots.find((l) => l.lotIndex === lotIndex)?.account, sample);
}
