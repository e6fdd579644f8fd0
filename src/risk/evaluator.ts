/**
 * The evaluator of `equilibre risk`: a draw → the figures the command reports. A small interface,
 * so that the sampling path can change (the compiled plan of src/fast, or the exact engine for an
 * operation the plan does not model) without touching the statistics or the reports.
 *
 * `sample` is the sampling path (every draw); `exact` evaluates one draw on the exact engine (the
 * draws that the reported percentiles are: their figures are exact, src/risk/run.ts).
 */
import { D, HUNDRED, ONE, type Dec } from '../domain/money';
import { copyData } from '../load/overrides';
import type { Evaluation } from '../engine/evaluate';
import { irlPathOf, livretA } from '../engine/model';
import { evalInput, freeze, planOf } from '../engine/sensitivity';
import type { FastResult, Levers, Plan } from '../fast/types';
import { BT01_DEFAULT_FORECAST_PCT } from '../params/indices';
import type { OperationFile } from '../schema/operation';
import { ceilingBooleans, ceilingFlags, ceilingInputs, ceilingTests } from './ceilings';
import type { Draw } from './sample';
import { isDegenerate, WALK_YEARS, type FactorId, type RiskSpec } from './spec';

/** Where a percentile draw's break-even construction change is searched (as `sensitivity`'s: −50 % to +100 % of the file's cost). */
export const BREAK_EVEN_RANGE_PCT = [-50, 100] as const;

/** The precision (points of construction change) of each draw's break-even: a thousandth of a percent. */
export const BREAK_EVEN_TOLERANCE_PCT = 1e-3;

/**
 * The root of f between a and b (f(a), f(b) of opposite signs) by Illinois regula falsi, to
 * BREAK_EVEN_TOLERANCE_PCT in x or half a euro in f (the float twin's balance steps by the cent
 * roundings: a tighter target would only chase them); the end on the side of f(a) when it stops.
 */
function illinois(f: (x: number) => number | null, a: number, b: number, fa: number, fb: number): number {
  let side = 0;
  for (let k = 0; k < 60 && Math.abs(b - a) > BREAK_EVEN_TOLERANCE_PCT; k++) {
    let x = a - (fa * (b - a)) / (fb - fa);
    if (!(x > Math.min(a, b) && x < Math.max(a, b)) || k % 8 === 7) x = (a + b) / 2;
    const v = f(x);
    if (v === null) { b = x; continue; }
    if (Math.abs(v) < 0.5) return x;
    if (Math.sign(v) === Math.sign(fa)) { a = x; fa = v; if (side === 1) fb /= 2; side = 1; }
    else { b = x; fb = v; if (side === -1) fa /= 2; side = -1; }
  }
  return a;
}

/** Evaluations of one draw's break-even search, about (measured on the fixtures: 3 to 5; for the budget). */
export const BREAK_EVEN_EVALUATIONS = 5;

/** The construction-cost step (%) of the first secant of each draw's break-even construction search. */
export const BREAK_EVEN_STEP_PCT = 10;

export interface FigureDef {
  /** The metric (without `risk.`): `operation.balance_eur`, `rental.plus.min_cumulative_cash_flow_eur`… */
  name: string;
  unit: 'eur' | 'pct';
}

export interface SampledFigures {
  /** In the order of `figures` (NaN: not defined for this draw). */
  values: Float64Array;
  /** In the order of `booleans`. */
  flags: Uint8Array;
}

export interface ExactFigures {
  values: (Dec | null)[];
}

export interface RiskEvaluator {
  readonly figures: readonly FigureDef[];
  readonly booleans: readonly string[];
  /** Whether an input has anything to move in this file (no rental lot: no IRL, no vacancy…). */
  readonly grip: Readonly<Record<FactorId, boolean>>;
  /** Evaluations each draw costs about (for the budget). */
  readonly evaluationsPerDraw: number;
  /** Evaluations done on the sampling path so far (besides one a draw). */
  readonly stats?: { evaluations: number };
  /** Where draws are sampled: the compiled plan, or the exact engine. */
  readonly sampling?: 'plan' | 'exact';
  sample(draw: Draw): SampledFigures | null;
  exact(draw: Draw): ExactFigures | null;
}

const PRICE_KEYS = ['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc', 'price_eur_per_dwelling_ttc'] as const;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const pctNum = (d: Dec) => d.times(HUNDRED).toNumber();

/** The figures a report of `risk` shows, for this operation (from its base evaluation). */
export function figureDefs(base: Evaluation, breakEven = true): { figures: FigureDef[]; booleans: string[] } {
  const figures: FigureDef[] = [
    { name: 'operation.balance_eur', unit: 'eur' },
    { name: 'operation.need_eur', unit: 'eur' },
  ];
  for (const [k, m] of base.metrics) {
    if (m.unit === 'eur' && (/^rental\.(?:[^.]+\.)?min_cumulative_cash_flow_eur$/.test(k) || /^brs\.[^.]+\.ofs_min_cumulative_eur$/.test(k))) figures.push({ name: k, unit: 'eur' });
  }
  // with owners (docs/owners.md): each owner's balance on its own, and each OFS over its BRS lots consolidated
  for (const [k, m] of base.metrics) {
    if (m.unit === 'eur' && (/^owner\.[^.]+\.balance_eur$/.test(k) || /^ofs\.[^.]+\.min_cumulative_eur$/.test(k))) figures.push({ name: k, unit: 'eur' });
  }
  if (breakEven) figures.push({ name: 'sensitivity.max_construction_inflation_pct', unit: 'pct' });
  // the tests a draw can pass or fail: the operation's balance, the rental accounts' circ. 97-51 test, each OFS
  // (and with owners, each owner on its own and each OFS consolidated)
  const booleans = [...base.metrics].filter(([k, m]) => m.unit === 'bool' && /^(?:operation\.balanced|rental\.(?:[^.]+\.)?balanced|brs\.[^.]+\.ofs_balanced|owner\.[^.]+\.balanced|ofs\.[^.]+\.balanced)$/.test(k)).map(([k]) => k);
  return { figures, booleans };
}

/**
 * The input of one draw: the base with what it derived held fixed (`freeze`), each input moved by
 * its draw, and `extraConstructionPct` more on the construction cost (the break-even search).
 */
export function drawInput(input: OperationFile, base: Evaluation, livretAFloorPct: number, draw: Draw, extraConstructionPct = 0): OperationFile {
  return makeApply(input, base, livretAFloorPct)(draw, extraConstructionPct);
}

/** What a draw moves, resolved once from the base: the Livret A path, the IRL path, the charges' indexation, the vacancy. */
function drawContext(input: OperationFile, base: Evaluation, floor: number) {
  const { la0, path } = livretA(base.model);
  const la0Pct = pctNum(la0), pathPct = path.map(pctNum);
  const used = (k: string) => Number(base.model.used.get(k)?.value ?? 0);
  // the walk around the base path (its last value held), floored: never below the floor (nor below
  // the base path where the base itself is under the floor), never above 15 %
  const walk = (basePct: number, s: number) => clamp(s < 0 ? Math.max(basePct + s, Math.min(basePct, floor)) : basePct + s, 0, 15);
  return {
    irlPct: irlPathOf(base.model).map(pctNum),
    chargesPct: input.assumptions?.charges_indexation_pct ?? used('assumptions.charges_indexation_pct'),
    vacancyPct: input.assumptions?.vacancy_pct ?? used('assumptions.vacancy_pct'),
    /** The drawn Livret A at signing and path (%, WALK_YEARS values, in `into` when given), or null when the walk did not move. */
    livretA(draw: Draw, into?: Float64Array): { la0: number; path: ArrayLike<number> & Iterable<number> } | null {
      const sh = draw.livretAShift;
      let moved = false;
      for (let y = 0; y < WALK_YEARS && !moved; y++) moved = sh[y] !== 0;
      if (!moved) return null;
      const path = into ?? new Float64Array(WALK_YEARS);
      const last = pathPct.length - 1;
      for (let y = 0; y < WALK_YEARS; y++) path[y] = walk(pathPct[y < last ? y : last]!, sh[y]!);
      return { la0: walk(la0Pct, sh[0]!), path };
    },
  };
}

function makeApply(input: OperationFile, base: Evaluation, floor: number): (draw: Draw, extra: number) => OperationFile {
  const frozen = freeze(input, base);
  const { irlPct, chargesPct, vacancyPct, livretA: drawnLivretA } = drawContext(input, base, floor);
  return (draw, extra) => {
    const o = copyData(frozen);
    const v = draw.values;
    const c = v.construction + extra;
    if (c !== 0) {
      // v × (1 + c %) in decimal, then the nearest double, as the sensitivity lever and the compiled plan scale it (a
      // float product may be an ulp away: the split of a cost line between lots could then break a tie the other way)
      const k = ONE.plus(D(c).div(HUNDRED));
      const scaled = (v: number) => D(v).times(k).toNumber();
      o.construction.cost_eur_per_m2_shab = scaled(o.construction.cost_eur_per_m2_shab);
      for (const l of o.lots) if (l.cost_eur_per_m2_shab !== undefined) l.cost_eur_per_m2_shab = scaled(l.cost_eur_per_m2_shab);
      for (const s of o.construction.common_spaces ?? []) if (s.cost_eur_per_m2_shab !== undefined) s.cost_eur_per_m2_shab = scaled(s.cost_eur_per_m2_shab);
    }
    const a = (o.assumptions ??= {});
    const la = drawnLivretA(draw);
    if (la) { a.livret_a_pct = la.la0; a.livret_a_path_pct = [...la.path]; }
    if (v.irl !== 0) {
      if (irlPct.length > 1) a.irl_path_pct = irlPct.map((p) => clamp(p + v.irl, -5, 15));
      else { a.irl_pct = clamp(irlPct[0]! + v.irl, -5, 15); delete a.irl_path_pct; }
    }
    if (v.charges !== 0) a.charges_indexation_pct = clamp(chargesPct + v.charges, -5, 15);
    if (v.vacancy !== 0) a.vacancy_pct = clamp(vacancyPct + v.vacancy, 0, 50);
    if (v.prices !== 0) {
      const k = 1 + v.prices / 100;
      for (const l of o.lots) {
        for (const key of PRICE_KEYS) if (l.sale?.[key] !== undefined) l.sale[key] = Math.max(0, l.sale[key] * k);
        // the prices of the dwelling types too (every sale price, as the sensitivity lever `prices`)
        for (const t of l.types ?? []) {
          if (t.price_eur_ttc !== undefined) t.price_eur_ttc = Math.max(0, t.price_eur_ttc * k);
          if (t.price_eur_per_m2_shab_ttc !== undefined) t.price_eur_per_m2_shab_ttc = Math.max(0, t.price_eur_per_m2_shab_ttc * k);
        }
      }
    }
    if (v.delay !== 0) {
      // d more months to the works midpoint: the revision runs d months more, at the file's rate
      // (`price_revision.annual_pct`), on the BT01 (the midpoint moved, whole months), or without
      // either at the BT01's default projection ([INSEE-BT01])
      const rev = o.construction.price_revision, bt = o.construction.price_revision_bt01;
      if (rev) o.construction.price_revision = { annual_pct: clamp((rev.annual_pct * (rev.months + v.delay)) / 12, -10, 30), months: 12 };
      else if (bt) bt.midpoint_date = addMonths(bt.midpoint_date, Math.round(v.delay));
      else o.construction.price_revision = { annual_pct: clamp((Number(BT01_DEFAULT_FORECAST_PCT) * v.delay) / 12, -10, 30), months: 12 };
    }
    return o;
  };
}

function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  const yy = Math.floor(t / 12), mm = t - yy * 12 + 1;
  return `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}`;
}

function gripOf(base: Evaluation): Record<FactorId, boolean> {
  const rental = !!base.rental && base.rental.lots.length > 0;
  const loans = (base.rental?.loans.length ?? 0) > 0 || (base.sales?.lots.some((s) => s.ofs?.schedule) ?? false);
  return { construction: true, livret_a: loans, irl: rental, charges: rental, vacancy: rental, prices: (base.sales?.lots.length ?? 0) > 0, delay: true };
}

/** One sampled evaluation: a reader of the metrics a report of `risk` needs. */
type Sampled = (name: string) => number | boolean | null | undefined;

/** The compiled plan's levers (src/fast/types.ts) of a draw: the same moves as `drawInput`. */
function planLevers(input: OperationFile, ctx: ReturnType<typeof drawContext>, draw: Draw, extra: number, buf: { path: Float64Array; irl: Float64Array }): Levers {
  const v = draw.values;
  const L: Levers = {};
  const c = v.construction + extra;
  if (c !== 0) L.constructionPct = c;
  const la = ctx.livretA(draw, buf.path);
  if (la) { L.livretA0Pct = la.la0; L.livretAPathPct = la.path; }
  if (v.irl !== 0) { for (let i = 0; i < buf.irl.length; i++) buf.irl[i] = clamp(ctx.irlPct[i]! + v.irl, -5, 15); L.irlPathPct = buf.irl; }
  if (v.charges !== 0) L.chargesIndexationPts = clamp(ctx.chargesPct + v.charges, -5, 15) - ctx.chargesPct;
  if (v.vacancy !== 0) L.vacancyPts = v.vacancy;
  if (v.prices !== 0) L.pricesPct = Math.max(-100, v.prices);
  if (v.delay !== 0) {
    L.worksDelayMonths = v.delay;
    L.revisionAnnualPct = input.construction.price_revision?.annual_pct ?? Number(BT01_DEFAULT_FORECAST_PCT);
  }
  return L;
}

/**
 * The evaluator of a run: each draw sampled on the base's compiled plan (src/fast, `planOf`) when
 * it models the operation and every figure, else on the exact engine; each percentile's draw
 * evaluated again on the exact engine (`exact`). Per draw, one evaluation, and when `breakEven` the
 * few of its break-even construction search (about four: the balance is piecewise linear in the
 * cost, the secant often lands on the root).
 */
export function riskEvaluator(input: OperationFile, base: Evaluation, file: string, spec: RiskSpec, breakEven = true): RiskEvaluator & { sampling: 'plan' | 'exact' } {
  const { figures, booleans: tests } = figureDefs(base, breakEven);
  // the sale prices under their ceilings (src/risk/ceilings.ts): read from each lot's revenue and margin
  const ceilings = ceilingTests(base);
  const booleans = [...tests, ...ceilingBooleans(ceilings)];
  const apply = makeApply(input, base, spec.livretAFloorPct);
  const ctx = drawContext(input, base, spec.livretAFloorPct);
  const stats = { evaluations: 0 };
  const n = figures.length;
  const numOf = (v: unknown): number => (v === null || v === undefined ? NaN : typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : (v as Dec).toNumber());
  const delayMoves = !isDegenerate(spec.factors.find((f) => f.id === 'delay')!.dist);
  const plan: Plan | null = planOf(base);
  const readers = plan ? new Map([...figures.map((f) => f.name), ...tests, ...ceilingInputs(ceilings)].map((name) => [name, plan.metric(name)] as const)) : null;
  const planUsable = !!plan && !!readers && [...readers].every(([name, r]) => r !== undefined || name === 'operation.need_eur' || name === 'sensitivity.max_construction_inflation_pct')
    && !(delayMoves && plan.unsupportedLevers.includes('worksDelayMonths'));
  let sampleAt: (draw: Draw, extra: number) => Sampled | null;
  if (planUsable) {
    const out: FastResult = plan!.newResult();
    // (the plan compares and copies the arrays it is given: buffers can be refilled)
    const buf = { path: new Float64Array(WALK_YEARS), irl: new Float64Array(ctx.irlPct.length) };
    sampleAt = (draw, extra) => {
      stats.evaluations++;
      const r = plan!.evaluate(planLevers(input, ctx, draw, extra, buf), out);
      return (name) => readers!.get(name)?.(r);
    };
  } else {
    sampleAt = (draw, extra) => {
      stats.evaluations++;
      const ev = evalInput(apply(draw, extra), file);
      if (!ev) return null;
      return (name) => { const v = ev.metrics.get(name)?.value; return v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean' ? v : v.toNumber(); };
    };
  }
  // The break-even of one draw: the construction change from the file's cost at which the draw's
  // balance is 0 (within BREAK_EVEN_RANGE_PCT, else null), to BREAK_EVEN_TOLERANCE_PCT on the sampling path. A secant
  // through the draw and BREAK_EVEN_STEP_PCT further first (the balance is piecewise linear in the
  // cost: it is often the root), then regula falsi in the bracket (illinois).
  const balanceAt = (draw: Draw, extra: number) => { const r = sampleAt(draw, extra); const b = r ? r('operation.balance_eur') : null; return typeof b === 'number' ? b : null; };
  const breakEvenSearch = (draw: Draw, b0: number): number | null => {
    const c = draw.values.construction;
    if (b0 === 0) return c;
    const [lo, hi] = BREAK_EVEN_RANGE_PCT;
    const end = b0 > 0 ? hi - c : lo - c;
    if (end === 0 || Math.sign(end) !== Math.sign(b0)) return null;
    const f = (e: number) => balanceAt(draw, e);
    const step = Math.sign(end) * Math.min(BREAK_EVEN_STEP_PCT, Math.abs(end));
    const b1 = f(step);
    if (b1 === null) return null;
    if (b1 === 0) return c + step;
    let a = 0, fa = b0, b = step, fb = b1;
    if (Math.sign(b1) === Math.sign(b0)) {
      a = step; fa = b1;
      // where the line through the two points crosses zero, within the range
      let g = b0 !== b1 ? (step * b0) / (b0 - b1) : end;
      if (!(g / end > Math.abs(step / end)) || Math.abs(g) > Math.abs(end)) g = end;
      const fg = f(g);
      if (fg === null) return null;
      if (fg === 0) return c + g;
      if (Math.sign(fg) !== Math.sign(b0)) { b = g; fb = fg; } else {
        if (g === end) return null;
        a = g; fa = fg;
        const fe = f(end);
        if (fe === null || (fe !== 0 && Math.sign(fe) === Math.sign(b0))) return null;
        if (fe === 0) return c + end;
        b = end; fb = fe;
      }
    }
    return c + illinois(f, a, b, fa, fb);
  };
  return {
    figures, booleans, grip: gripOf(base), evaluationsPerDraw: breakEven ? BREAK_EVEN_EVALUATIONS + 1 : 1, stats, sampling: planUsable ? 'plan' : 'exact',
    sample(draw) {
      const r = sampleAt(draw, 0);
      if (!r) return null;
      const values = new Float64Array(n);
      const flags = new Uint8Array(booleans.length);
      const b0 = numOf(r('operation.balance_eur'));
      for (let j = 0; j < tests.length; j++) flags[j] = r(tests[j]!) === true ? 1 : 0;
      ceilingFlags(ceilings, r, flags, tests.length);
      for (let i = 0; i < n; i++) {
        const f = figures[i]!.name;
        if (f === 'operation.need_eur') values[i] = b0 < 0 ? -b0 : 0;
        else if (f !== 'sensitivity.max_construction_inflation_pct') values[i] = numOf(r(f));
      }
      // (last: a plan reuses its result between evaluations)
      const be = figures.findIndex((f) => f.name === 'sensitivity.max_construction_inflation_pct');
      if (be >= 0) values[be] = breakEvenSearch(draw, b0) ?? NaN;
      return { values, flags };
    },
    exact(draw) {
      const ev = evalInput(apply(draw, 0), file);
      if (!ev) return null;
      const b0 = ev.operation.balanceEur;
      const values = figures.map((f): Dec | null => {
        if (f.name === 'operation.need_eur') return b0.isNegative() ? b0.neg() : D(0);
        if (f.name === 'sensitivity.max_construction_inflation_pct') {
          // (the same search as the sampled draw's: the same figure, so the percentiles stay in order)
          const x = breakEvenSearch(draw, balanceAt(draw, 0) ?? b0.toNumber());
          return x === null ? null : D(x);
        }
        const v = ev.metrics.get(f.name)?.value;
        return v === null || v === undefined || typeof v === 'boolean' ? null : typeof v === 'number' ? D(v) : v;
      });
      return { values };
    },
  };
}
