/**
 * The evaluator of `equilibre risk`: a draw → the figures the command reports. A small interface,
 * so that the sampling path can change (today the float twin of the engine, `evalInputFloat`;
 * tomorrow a compiled plan) without touching the statistics or the reports.
 *
 * `sample` is the sampling path (every draw); `exact` evaluates one draw on the exact engine (the
 * draws that the reported percentiles are: their figures are exact, src/risk/run.ts).
 */
import { D, HUNDRED, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import { irlPathOf, livretA } from '../engine/model';
import { evalInput, evalInputFloat, freeze, rootOf } from '../engine/sensitivity';
import { BT01_DEFAULT_FORECAST_PCT } from '../params/indices';
import type { OperationFile } from '../schema/operation';
import type { Draw } from './sample';
import { WALK_YEARS, type FactorId } from './spec';

/** Where a percentile draw's break-even construction change is searched (as `sensitivity`'s: −50 % to +100 % of the file's cost). */
export const BREAK_EVEN_RANGE_PCT = [-50, 100] as const;

/** The construction-cost step (%) of the secant that estimates each draw's break-even construction inflation. */
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
  /** Evaluations each draw costs (for the budget). */
  readonly evaluationsPerDraw: number;
  sample(draw: Draw): SampledFigures | null;
  exact(draw: Draw): ExactFigures | null;
}

const PRICE_KEYS = ['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc'] as const;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const pctNum = (d: Dec) => d.times(HUNDRED).toNumber();

/** The figures a report of `risk` shows, for this operation (from its base evaluation). */
export function figureDefs(base: Evaluation): { figures: FigureDef[]; booleans: string[] } {
  const figures: FigureDef[] = [
    { name: 'operation.balance_eur', unit: 'eur' },
    { name: 'operation.need_eur', unit: 'eur' },
  ];
  for (const [k, m] of base.metrics) {
    if (m.unit === 'eur' && (/^rental\.(?:[^.]+\.)?min_cumulative_cash_flow_eur$/.test(k) || /^brs\.[^.]+\.ofs_min_cumulative_eur$/.test(k))) figures.push({ name: k, unit: 'eur' });
  }
  figures.push({ name: 'sensitivity.max_construction_inflation_pct', unit: 'pct' });
  const booleans = [...base.metrics].filter(([, m]) => m.unit === 'bool').map(([k]) => k);
  return { figures, booleans };
}

/**
 * The input of one draw: the base with what it derived held fixed (`freeze`), each input moved by
 * its draw, and `extraConstructionPct` more on the construction cost (the break-even secant).
 */
export function drawInput(input: OperationFile, base: Evaluation, livretAFloorPct: number, draw: Draw, extraConstructionPct = 0): OperationFile {
  return makeApply(input, base, livretAFloorPct)(draw, extraConstructionPct);
}

function makeApply(input: OperationFile, base: Evaluation, floor: number): (draw: Draw, extra: number) => OperationFile {
  const frozen = freeze(input, base);
  const { la0, path } = livretA(base.model);
  const la0Pct = pctNum(la0), pathPct = path.map(pctNum);
  const irlPct = irlPathOf(base.model).map(pctNum);
  const used = (k: string) => Number(base.model.used.get(k)?.value ?? 0);
  const chargesPct = input.assumptions?.charges_indexation_pct ?? used('assumptions.charges_indexation_pct');
  const vacancyPct = input.assumptions?.vacancy_pct ?? used('assumptions.vacancy_pct');
  return (draw, extra) => {
    const o = structuredClone(frozen);
    const v = draw.values;
    const c = v.construction + extra;
    if (c !== 0) {
      const k = 1 + c / 100;
      o.construction.cost_eur_per_m2_shab *= k;
      for (const l of o.lots) if (l.cost_eur_per_m2_shab !== undefined) l.cost_eur_per_m2_shab *= k;
      for (const s of o.construction.common_spaces ?? []) if (s.cost_eur_per_m2_shab !== undefined) s.cost_eur_per_m2_shab *= k;
    }
    const a = (o.assumptions ??= {});
    if (draw.livretAShift.some((s) => s !== 0)) {
      // the walk around the base path (its last value held), floored: never below the floor (nor below
      // the base path where the base itself is under the floor)
      const at = (y: number) => pathPct[Math.min(y, pathPct.length - 1)]!;
      const walk = (basePct: number, s: number) => clamp(s < 0 ? Math.max(basePct + s, Math.min(basePct, floor)) : basePct + s, 0, 15);
      a.livret_a_pct = walk(la0Pct, draw.livretAShift[0]!);
      a.livret_a_path_pct = Array.from({ length: WALK_YEARS }, (_, y) => walk(at(y), draw.livretAShift[y]!));
    }
    if (v.irl !== 0) {
      if (irlPct.length > 1) a.irl_path_pct = irlPct.map((p) => clamp(p + v.irl, -5, 15));
      else { a.irl_pct = clamp(irlPct[0]! + v.irl, -5, 15); delete a.irl_path_pct; }
    }
    if (v.charges !== 0) a.charges_indexation_pct = clamp(chargesPct + v.charges, -5, 15);
    if (v.vacancy !== 0) a.vacancy_pct = clamp(vacancyPct + v.vacancy, 0, 50);
    if (v.prices !== 0) {
      const k = 1 + v.prices / 100;
      for (const l of o.lots) for (const key of PRICE_KEYS) if (l.sale?.[key] !== undefined) l.sale[key] = Math.max(0, l.sale[key] * k);
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
 * The evaluator on today's float twin of the engine (`evalInputFloat`), exact on demand. Two
 * evaluations a draw: the draw, and the draw with BREAK_EVEN_STEP_PCT more construction cost (the
 * secant that gives its break-even construction inflation; the balance is piecewise linear in it).
 */
export function twinEvaluator(input: OperationFile, base: Evaluation, file: string, livretAFloorPct: number): RiskEvaluator {
  const { figures, booleans } = figureDefs(base);
  const apply = makeApply(input, base, livretAFloorPct);
  const n = figures.length;
  const num = (v: unknown): number => (v === null || v === undefined ? NaN : typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : (v as Dec).toNumber());
  const breakEven = (c: number, b0: number, b1: number) => (b0 === b1 ? NaN : c + (BREAK_EVEN_STEP_PCT * b0) / (b0 - b1));
  // The break-even of one draw, searched (not the secant): the construction change from the file's cost at
  // which the draw's balance is 0, within BREAK_EVEN_RANGE_PCT (null beyond), to 1e-4 € on the float twin.
  const balanceAt = (draw: Draw, extra: number) => evalInputFloat(apply(draw, extra), file)?.operation.balanceEur.toNumber() ?? null;
  const breakEvenSearch = (draw: Draw, b0: number): number | null => {
    const c = draw.values.construction;
    const [lo, hi] = BREAK_EVEN_RANGE_PCT;
    const end = b0 >= 0 ? hi - c : lo - c;
    if (b0 === 0) return c;
    const fe = balanceAt(draw, end);
    if (fe === null || Math.sign(fe) === Math.sign(b0) || fe === 0) return fe === 0 ? c + end : null;
    return c + rootOf((e) => balanceAt(draw, e), 0, end, b0, fe);
  };
  return {
    figures, booleans, grip: gripOf(base), evaluationsPerDraw: 2,
    sample(draw) {
      const ev = evalInputFloat(apply(draw, 0), file);
      if (!ev) return null;
      const values = new Float64Array(n);
      const flags = new Uint8Array(booleans.length);
      const b0 = ev.operation.balanceEur.toNumber();
      for (let i = 0; i < n; i++) {
        const f = figures[i]!.name;
        if (f === 'operation.need_eur') values[i] = b0 < 0 ? -b0 : 0;
        else if (f === 'sensitivity.max_construction_inflation_pct') {
          const ev1 = evalInputFloat(apply(draw, BREAK_EVEN_STEP_PCT), file);
          values[i] = ev1 ? breakEven(draw.values.construction, b0, ev1.operation.balanceEur.toNumber()) : NaN;
        } else values[i] = num(ev.metrics.get(f)?.value);
      }
      for (let j = 0; j < booleans.length; j++) flags[j] = ev.metrics.get(booleans[j]!)?.value === true ? 1 : 0;
      return { values, flags };
    },
    exact(draw) {
      const ev = evalInput(apply(draw, 0), file);
      if (!ev) return null;
      const b0 = ev.operation.balanceEur;
      const values = figures.map((f): Dec | null => {
        if (f.name === 'operation.need_eur') return b0.isNegative() ? b0.neg() : D(0);
        if (f.name === 'sensitivity.max_construction_inflation_pct') {
          const x = breakEvenSearch(draw, b0.toNumber());
          return x === null ? null : D(x);
        }
        const v = ev.metrics.get(f.name)?.value;
        return v === null || v === undefined || typeof v === 'boolean' ? null : typeof v === 'number' ? D(v) : v;
      });
      return { values };
    },
  };
}
