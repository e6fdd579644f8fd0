/**
 * The evaluator of `equilibre risk`: a draw → the figures the command reports. A small interface,
 * so that the sampling path can change (the compiled plan of src/fast, or the exact engine for an
 * operation the plan does not model) without touching the statistics or the reports.
 *
 * `sample` is the sampling path (every draw); `exact` evaluates one draw on the exact engine (with
 * `--exact-percentiles`, the draws that the reported percentiles are, src/risk/run.ts).
 */
import { D, HUNDRED, ONE, type Dec } from '../domain/money';
import { copyData } from '../load/overrides';
import type { Evaluation } from '../engine/evaluate';
import { irlPathOf, livretA } from '../engine/model';
import { evalInput, freeze, planOf } from '../engine/sensitivity';
import { operatingAssumptions } from '../engine/rental';
import type { EvaluateOptions, FastResult, Levers, Plan } from '../fast/types';
import { BT01_DEFAULT_FORECAST_PCT } from '../params/indices';
import type { OperationFile } from '../schema/operation';
import { ceilingBooleans, ceilingFlags, ceilingInputs, ceilingTests } from './ceilings';
import type { Draw } from './sample';
import { isDegenerate, WALK_YEARS, type FactorId, type RiskSpec } from './spec';

/** Where a percentile draw's break-even construction change is searched (as `sensitivity`'s: −50 % to +100 % of the file's cost). */
export const BREAK_EVEN_RANGE_PCT = [-50, 100] as const;

/** The precision (points of construction change) of each draw's break-even: a thousandth of a percent. */
export const BREAK_EVEN_TOLERANCE_PCT = 1e-3;

/** A balance within this of 0 is balanced (the compiled plan's `balanced`, balance ≥ −1e-6 €). */
const BALANCE_NOISE_EUR = 1e-6;

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
  /** The figures of a draw on the sampling path (valid until the next call: the arrays are reused). */
  sample(draw: Draw): SampledFigures | null;
  /**
   * `only`: the figures (indices in `figures`) whose value is read (default all; the others may be
   * null). The break-even's is the sampling path's search in any case: a draw wanted only for it is
   * not evaluated on the exact engine.
   */
  exact(draw: Draw, only?: readonly number[]): ExactFigures | null;
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
    // the rents' indexation: the file's IRL, or the path of `lines.rents` when the account gives it (read on a copy of the record of used values)
    irlPct: (rentsLine(input) ? operatingAssumptions({ ...base.model, used: new Map(base.model.used) }).irlPath : irlPathOf(base.model)).map(pctNum),
    chargesPct: input.assumptions?.charges_indexation_pct ?? used('assumptions.charges_indexation_pct'),
    vacancyPct: input.assumptions?.lines?.vacancy?.pct_of_rents ?? input.assumptions?.vacancy_pct ?? used('assumptions.vacancy_pct'),
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

/** The `lines.rents` of a file whose rents have their own indexation, else null. */
function rentsLine(o: OperationFile): { indexation_pct?: number | undefined; indexation_path_pct?: number[] | Record<string, number> | undefined } | null {
  const r = o.assumptions?.lines?.rents;
  return r && (r.indexation_pct !== undefined || r.indexation_path_pct !== undefined) ? r : null;
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
      const rents = rentsLine(o);
      // an account written line by line whose rents have their own indexation (lines.rents): that is what moves
      if (rents) { delete rents.indexation_pct; delete rents.indexation_path_pct; }
      if (irlPct.length > 1) { const p = irlPct.map((x) => clamp(x + v.irl, -5, 15)); if (rents) rents.indexation_path_pct = p; else a.irl_path_pct = p; }
      else if (rents) rents.indexation_pct = clamp(irlPct[0]! + v.irl, -5, 15);
      else { a.irl_pct = clamp(irlPct[0]! + v.irl, -5, 15); delete a.irl_path_pct; }
    }
    if (v.charges !== 0) a.charges_indexation_pct = clamp(chargesPct + v.charges, -5, 15);
    if (v.vacancy !== 0) {
      // an account written line by line may give the vacancy as its line (lines.vacancy): that is what moves
      const line = a.lines?.vacancy;
      if (line?.pct_of_rents !== undefined) line.pct_of_rents = clamp(vacancyPct + v.vacancy, 0, 50);
      else a.vacancy_pct = clamp(vacancyPct + v.vacancy, 0, 50);
    }
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

/**
 * The break-even search's steps (only the construction change moves): the plan's undecidable cent splits left to
 * float64, each lot's cost on its line in the construction change, the accounts from the draw's flows (`EvaluateOptions`,
 * src/fast/types.ts).
 */
const STEP: EvaluateOptions = { floatSplits: true, constructionStep: true };

/** The draw that moves nothing (the base itself). */
const ZERO_DRAW: Draw = { values: { construction: 0, livret_a: 0, irl: 0, charges: 0, vacancy: 0, prices: 0, delay: 0 }, livretAShift: new Float64Array(WALK_YEARS) };

/**
 * The compiled plan's levers (src/fast/types.ts) of a draw, written into `L` (one object for the
 * whole run: every field is set, undefined when it does not move): the same moves as `drawInput`.
 */
function planLevers(input: OperationFile, ctx: ReturnType<typeof drawContext>, draw: Draw, buf: { path: Float64Array; irl: Float64Array }, L: Levers): void {
  const v = draw.values;
  L.constructionPct = v.construction !== 0 ? v.construction : undefined;
  const la = ctx.livretA(draw, buf.path);
  L.livretA0Pct = la ? la.la0 : undefined;
  L.livretAPathPct = la ? la.path : undefined;
  if (v.irl !== 0) { for (let i = 0; i < buf.irl.length; i++) buf.irl[i] = clamp(ctx.irlPct[i]! + v.irl, -5, 15); L.irlPathPct = buf.irl; }
  else L.irlPathPct = undefined;
  L.chargesIndexationPts = v.charges !== 0 ? clamp(ctx.chargesPct + v.charges, -5, 15) - ctx.chargesPct : undefined;
  L.vacancyPts = v.vacancy !== 0 ? v.vacancy : undefined;
  L.pricesPct = v.prices !== 0 ? Math.max(-100, v.prices) : undefined;
  L.worksDelayMonths = v.delay !== 0 ? v.delay : undefined;
  L.revisionAnnualPct = v.delay !== 0 ? input.construction.price_revision?.annual_pct ?? Number(BT01_DEFAULT_FORECAST_PCT) : undefined;
}

/**
 * Where a run samples: `prepare` a draw, then evaluate it at `extra` more construction change (the
 * break-even search moves only that), then read that evaluation's figures.
 */
interface Sampler {
  prepare(draw: Draw): void;
  /**
   * Evaluate the prepared draw with `extra` points more construction change; false: it could not be evaluated.
   * `step`: a step of the break-even search, whose figures are not reported (the plan may leave its rare undecidable
   * cent splits to float64: `EvaluateOptions.floatSplits`).
   */
  at(extra: number, step?: boolean): boolean;
  /** The last evaluation's `operation.balance_eur` (null: not a number). */
  balance(): number | null;
  /** The last evaluation's figure (index in `figures`; NaN: not defined) and test (index in `tests`, the booleans before the ceilings'). */
  figure(i: number): number;
  flag(j: number): boolean;
  /** The last evaluation's metric by name (the ceilings' revenues and margins, src/risk/ceilings.ts). */
  value(name: string): unknown;
  /**
   * The end of the balanced side (the largest construction change with balance ≥ 0) on a model of the balance
   * between the last two evaluations, at `xp` then `xc` (`modelRoot` below); NaN: no model. Absent: the sampler has none.
   */
  modelRoot?(xp: number, xc: number): number;
}

/**
 * The end of the balanced side of the balance modelled between two evaluations of the plan (`p` at the extra
 * construction change xp, `c` at xc, both with every rental lot's cumulatives): on the way from one to the other
 * only the construction cost moves, so each rental lot's cumulative of each year and the rest of the balance (the
 * sale margins, a VEFA seller's margin: affine in the cost; the OFS: unmoved) are affine in the change — but for
 * cent roundings — while the same loans are drawn (the same regulatory test's years). The balance, the sum of each
 * lot's min(0, its lowest cumulative) and the rest, is then piecewise linear and concave in the change: its root at
 * the end of the balanced side by Newton steps on the model, from an unbalanced point on the falling side (they
 * stay unbalanced and reach the root in as many steps as the model has kinks on the way), or from a balanced point
 * on the falling side one step outwards first. NaN: no model (the test's years differ, the same change twice, no
 * falling side). Each year's slope goes in `slopes` (scratch).
 */
function modelRoot(plan: Plan, p: FastResult, xp: number, c: FastResult, xc: number, slopes: Float64Array): number {
  const dx = xc - xp;
  if (!(dx !== 0) || !c.lotTestYears || !p.lotTestYears || !c.lotCumulativeEur || !p.lotCumulativeEur) return NaN;
  const Y = plan.maxYears, n = plan.lots, pc = p.lotCumulativeEur, cc = c.lotCumulativeEur, ty = c.lotTestYears;
  let rp = p.balanceEur, rc = c.balanceEur;
  for (let i = 0; i < n; i++) {
    const t = ty[i]!;
    if (t !== p.lotTestYears[i]) return NaN;
    if (t === 0) continue;
    const mp = p.lotMinCumulativeEur[i]!, mc = c.lotMinCumulativeEur[i]!;
    if (mp < -BALANCE_NOISE_EUR) rp -= mp;
    if (mc < -BALANCE_NOISE_EUR) rc -= mc;
    for (let y = i * Y, e = y + t; y < e; y++) slopes[y] = (cc[y]! - pc[y]!) / dx;
  }
  const sr = (rc - rp) / dx;
  // the model's balance at x, and its slope there (the falling side's: the lowest year's)
  let slope = 0;
  const at = (x: number): number => {
    const d = x - xc;
    let v = rc + sr * d;
    slope = sr;
    for (let i = 0; i < n; i++) {
      const t = ty[i]!;
      if (t === 0) continue;
      let m = Infinity, ms = 0;
      for (let y = i * Y, e = y + t; y < e; y++) { const w = cc[y]! + slopes[y]! * d; if (w < m) { m = w; ms = slopes[y]!; } }
      if (m < -BALANCE_NOISE_EUR) { v += m; slope += ms; }
    }
    return v;
  };
  // from the unbalanced point of the two nearer the other, else from the balanced one, one step outwards
  const fp = at(xp), sp = slope, fc = at(xc), sc = slope;
  let x: number, f: number, s: number;
  if (fc < -BALANCE_NOISE_EUR && sc < 0 && (fp >= -BALANCE_NOISE_EUR || sp >= 0 || xc < xp)) { x = xc; f = fc; s = sc; }
  else if (fp < -BALANCE_NOISE_EUR && sp < 0) { x = xp; f = fp; s = sp; }
  else {
    // both balanced (or unbalanced on the rising side): from the one further along the falling side
    const [x0, f0, s0] = xc > xp ? [xc, fc, sc] : [xp, fp, sp];
    if (!(s0 < 0) || f0 < -BALANCE_NOISE_EUR) return NaN;
    x = x0 - f0 / s0; f = at(x); s = slope;
    if (!(f < 0) || !(s < 0)) return Number.isFinite(x) ? x : NaN;
  }
  for (let k = 0; k < 40; k++) {
    const xn = x - f / s;
    if (!Number.isFinite(xn)) return NaN;
    if (Math.abs(xn - x) <= 1e-12 * Math.max(1, Math.abs(x))) return xn;
    x = xn; f = at(x); s = slope;
    if (f >= -BALANCE_NOISE_EUR) return x;
    if (!(s < 0)) return NaN;
  }
  return x;
}

/**
 * The evaluator of a run: each draw sampled on the base's compiled plan (src/fast, `planOf`) when
 * it models the operation and every figure, else on the exact engine; with `--exact-percentiles` each
 * percentile's draw evaluated again on the exact engine (`exact`). Per draw, one evaluation, and when
 * `breakEven` the few of its break-even construction search (2.0 on the example: a Newton step, then the root of
 * the plan's model of the balance between the last two evaluations, `modelRoot` — the balance is
 * piecewise linear in the cost, with many small kinks: the year of each account's lowest cumulative
 * moves with the cost).
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
  // a factor that moves a lever the plan refuses on this file (`Plan.unsupportedLevers`: the works delay on a BT01
  // revision, the IRL, charges or vacancy of some accounts written line by line, src/fast/lines.ts): sample the exact engine
  const moves = (id: string) => !isDegenerate(spec.factors.find((f) => f.id === id)!.dist);
  const LEVERS_OF: Record<string, (keyof Levers)[]> = { delay: ['worksDelayMonths'], irl: ['irlPathPct', 'irlPts'], charges: ['chargesIndexationPts'], vacancy: ['vacancyPts'] };
  const plan: Plan | null = planOf(base);
  const readers = plan ? new Map([...figures.map((f) => f.name), ...tests, ...ceilingInputs(ceilings)].map((name) => [name, plan.metric(name)] as const)) : null;
  const planUsable = !!plan && !!readers && [...readers].every(([name, r]) => r !== undefined || name === 'operation.need_eur' || name === 'sensitivity.max_construction_inflation_pct')
    && !Object.entries(LEVERS_OF).some(([id, ks]) => moves(id) && ks.some((k) => plan.unsupportedLevers.includes(k)));
  const needIx = figures.findIndex((x) => x.name === 'operation.need_eur');
  const breakEvenIx = figures.findIndex((x) => x.name === 'sensitivity.max_construction_inflation_pct');
  // (one result for the whole run: `sample`'s figures are valid until its next call)
  const valuesBuf = new Float64Array(n), flagsBuf = new Uint8Array(booleans.length);
  let sampler: Sampler;
  if (planUsable) {
    // Two results, each evaluation in the other one: the last two evaluations stay readable (the break-even's model)
    const results: [FastResult, FastResult] = [plan!.newResult({ cumulatives: true }), plan!.newResult({ cumulatives: true })];
    let out: FastResult = results[0], prev: FastResult = results[1];
    const slopes = new Float64Array(plan!.lots * plan!.maxYears);
    // (the plan compares and copies the arrays it is given: buffers can be refilled)
    const buf = { path: new Float64Array(WALK_YEARS), irl: new Float64Array(ctx.irlPct.length) };
    const L: Levers = {};
    let c0 = 0;
    const noReader = () => null;
    const figureReaders = figures.map((f) => readers!.get(f.name) ?? noReader);
    const flagReaders = tests.map((b) => readers!.get(b)!);
    sampler = {
      prepare(draw) { planLevers(input, ctx, draw, buf, L); c0 = draw.values.construction; },
      at(extra, step) {
        stats.evaluations++;
        const c = c0 + extra;
        L.constructionPct = c !== 0 ? c : undefined;
        const t = prev; prev = out; out = t;
        plan!.evaluate(L, out, step ? STEP : undefined);
        return true;
      },
      modelRoot: (xp, xc) => modelRoot(plan!, prev, xp, out, xc, slopes),
      balance: () => out.balanceEur,
      figure: (i) => { const v = figureReaders[i]!(out); return typeof v === 'number' ? v : NaN; },
      flag: (j) => flagReaders[j]!(out) === true,
      value: (name) => readers!.get(name)?.(out),
    };
  } else {
    let drawn: Draw | null = null, ev: Evaluation | null = null;
    const read = (name: string) => { const v = ev?.metrics.get(name)?.value; return v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean' ? v : v.toNumber(); };
    sampler = {
      prepare(draw) { drawn = draw; },
      at(extra) {
        stats.evaluations++;
        ev = evalInput(apply(drawn!, extra), file);
        return ev !== null;
      },
      balance: () => { const b = read('operation.balance_eur'); return typeof b === 'number' ? b : null; },
      figure: (i) => numOf(read(figures[i]!.name)),
      flag: (j) => read(tests[j]!) === true,
      value: (name) => read(name),
    };
  }
  const readByName = (name: string): unknown => sampler.value(name);
  // The balance of the prepared draw at `extra` more construction change (null: not evaluated).
  const balanceAt = (extra: number, step = false) => (sampler.at(extra, step) ? sampler.balance() : null);
  // The slope of the base's balance in the construction change (€ a point), for each draw's first guess.
  let slope = 0;
  if (breakEven) {
    sampler.prepare(ZERO_DRAW);
    const b0 = balanceAt(0), b1 = balanceAt(BREAK_EVEN_STEP_PCT);
    if (b0 !== null && b1 !== null && b1 < b0) slope = (b1 - b0) / BREAK_EVEN_STEP_PCT;
  }
  // The break-even of one draw: the construction change from the file's cost at which the draw's
  // operation stops balancing (as `sensitivity`'s maxConstructionInflation: the end of the balanced
  // side, balance ≥ 0, within BREAK_EVEN_RANGE_PCT, else null), to BREAK_EVEN_TOLERANCE_PCT on the
  // sampling path, or within half a euro of a sloped crossing (the plan's balance steps by the cent
  // roundings: a tighter target would only chase them). The balance is piecewise linear and concave
  // in the cost (linear margins; needs min(0, min of affine cumulatives)), and flat at 0 where every
  // account balances and nothing is sold: a balance of exactly 0 says nothing of the distance to the
  // end. A Newton step with the base's slope first (the slope moves little from draw to draw), then
  // the root of the model of the balance between the last two points (`modelRoot`: each year's
  // cumulative of each rental account taken as linear in the cost between them; on the plan, most
  // draws end at the first root), else secants: through the last two unbalanced points when there
  // are two (concave: they approach the end from the unbalanced side), else the last two points;
  // outwards until the side changes (or the end of the range), then within the bracket (else regula
  // falsi on its ends, and its middle every fourth step). Depends only on the draw (the same figure when a percentile's draw is evaluated
  // again). Leaves the sampler on another evaluation: read the draw's figures first.
  const balanced = (v: number) => v >= -BALANCE_NOISE_EUR;
  const breakEvenSearch = (draw: Draw, b0: number): number | null => {
    const c = draw.values.construction;
    const [lo, hi] = BREAK_EVEN_RANGE_PCT;
    const side0 = balanced(b0);
    const end = side0 ? hi - c : lo - c;
    const dir = side0 ? 1 : -1;
    if (!(end * dir > 0)) return null;
    let x = slope < 0 && b0 !== 0 ? -b0 / slope : dir * Math.min(BREAK_EVEN_STEP_PCT, Math.abs(end));
    if (!(x * dir > 0) || Math.abs(x) > Math.abs(end)) x = end;
    // a: the last point on the draw's side; b: the last on the other side, once found; p: the previous
    // point; u, v: the last two unbalanced points (NaN until there are)
    let a = 0, fa = b0, b = NaN, fb = NaN, p = 0, fp = b0;
    let u = side0 ? NaN : 0, fu = b0, v = NaN, fv = NaN;
    const inside = (g: number) => g > Math.min(a, b) && g < Math.max(a, b);
    for (let k = 0; k < 60; k++) {
      // (a step: its cent splits may be left to float64 — a cent moves the answer by far less than the tolerance)
      const fx = balanceAt(x, true);
      if (fx === null) return null;
      if (Math.abs(fx) < 0.5 && Math.abs(fx) > BALANCE_NOISE_EUR) return c + x;
      if (balanced(fx) === side0) { a = x; fa = fx; } else { b = x; fb = fx; }
      if (!balanced(fx)) { v = u; fv = fu; u = x; fu = fx; }
      // the root of the model of the balance between the last two points (the plan's, `modelRoot`), else the secant
      // through the last two unbalanced points, else through the last two points
      const m = sampler.modelRoot ? sampler.modelRoot(p, x) : NaN;
      let g = !Number.isNaN(m) ? m : !Number.isNaN(v) && fu !== fv ? u - (fu * (u - v)) / (fu - fv) : fx !== fp ? x - (fx * (x - p)) / (fx - fp) : NaN;
      if (Number.isNaN(b)) {
        // still on the draw's side: onwards, within the range
        if (x === end) return null;
        if (!((g - x) * dir > 0) || Math.abs(g) > Math.abs(end)) g = end;
      } else {
        // the end of the balanced side
        if (Math.abs(b - a) <= BREAK_EVEN_TOLERANCE_PCT) return c + (side0 ? a : b);
        if (!Number.isNaN(m) && inside(m)) {
          // the model's root; next to the balanced end (a balance of 0 there says nothing of the distance to the
          // end), half the tolerance past it: unbalanced there, the bracket is within the tolerance
          const bal = side0 ? a : b, unb = side0 ? b : a;
          if (Math.abs(g - bal) < BREAK_EVEN_TOLERANCE_PCT / 2) g = bal + Math.sign(unb - bal) * (BREAK_EVEN_TOLERANCE_PCT / 2);
        } else {
          if (!inside(g)) g = a - (fa * (b - a)) / (fb - fa);
          if (!inside(g) || k % 4 === 3) g = (a + b) / 2;
        }
      }
      p = x; fp = fx; x = g;
    }
    return c + (side0 || Number.isNaN(b) ? a : b);
  };
  return {
    figures, booleans, grip: gripOf(base), evaluationsPerDraw: breakEven ? BREAK_EVEN_EVALUATIONS + 1 : 1, stats, sampling: planUsable ? 'plan' : 'exact',
    sample(draw) {
      sampler.prepare(draw);
      if (!sampler.at(0)) return null;
      const values = valuesBuf, flags = flagsBuf;
      const b0 = numOf(sampler.balance());
      for (let j = 0; j < tests.length; j++) flags[j] = sampler.flag(j) ? 1 : 0;
      ceilingFlags(ceilings, readByName, flags, tests.length);
      for (let i = 0; i < n; i++) {
        if (i === needIx) values[i] = b0 < 0 ? -b0 : 0;
        else if (i !== breakEvenIx) values[i] = sampler.figure(i);
      }
      // (last: the search moves the sampler to other evaluations)
      if (breakEvenIx >= 0) values[breakEvenIx] = breakEvenSearch(draw, b0) ?? NaN;
      return { values, flags };
    },
    exact(draw, only) {
      if (only && breakEvenIx >= 0 && only.every((j) => j === breakEvenIx)) {
        sampler.prepare(draw);
        const b = balanceAt(0);
        const x = b === null ? null : breakEvenSearch(draw, b);
        return { values: figures.map((_, j) => (j === breakEvenIx && x !== null ? D(x) : null)) };
      }
      const ev = evalInput(apply(draw, 0), file);
      if (!ev) return null;
      const b0 = ev.operation.balanceEur;
      const values = figures.map((f): Dec | null => {
        if (f.name === 'operation.need_eur') return b0.isNegative() ? b0.neg() : D(0);
        if (f.name === 'sensitivity.max_construction_inflation_pct') {
          // (the same search as the sampled draw's: the same figure, so the percentiles stay in order)
          sampler.prepare(draw);
          const x = breakEvenSearch(draw, balanceAt(0) ?? b0.toNumber());
          return x === null ? null : D(x);
        }
        const v = ev.metrics.get(f.name)?.value;
        return v === null || v === undefined || typeof v === 'boolean' ? null : typeof v === 'number' ? D(v) : v;
      });
      return { values };
    },
  };
}
