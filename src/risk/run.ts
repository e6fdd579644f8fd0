/**
 * The Monte Carlo run of `equilibre risk`: N draws on the sampling path, then the statistics.
 *
 * Percentiles are nearest-rank: P_k is the figure of the ⌈k·N/100⌉-th draw in increasing order, as
 * the sampling path gave it (the compiled plan: within a cent of the exact engine, test/fast-path.test.ts;
 * money rounded to the cent; with all spreads at zero, P50 is the exact evaluation to the cent:
 * test/risk.test.ts). With `exactPercentiles` that draw is evaluated again on the exact engine and its
 * exact figure reported (`--exact-percentiles`: ~25 evaluations more, each a few ms). Means,
 * probabilities, rank correlations and the histogram are of the sampled figures.
 */
import { D, HUNDRED, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import type { OperationFile } from '../schema/operation';
import { riskEvaluator, type FigureDef, type RiskEvaluator } from './evaluator';
import { drawer, type Draw, type Drawer } from './sample';
import { FACTOR_ORDER, riskSpec, type FactorId, type RiskSpec } from './spec';

export const PERCENTILES = [5, 10, 50, 90, 95] as const;
export const HISTOGRAM_BINS = 20;

export interface FigureStats {
  def: FigureDef;
  /** Figure of the draw at each percentile (null: not defined for that draw): sampled (money to the cent), or exact with `exactPercentiles`. */
  percentiles: Record<(typeof PERCENTILES)[number], Dec | null>;
  /** Mean of the sampled figures (null: defined for no draw). */
  mean: number | null;
  /** Draws where it is defined. */
  defined: number;
}

export interface Driver {
  id: FactorId;
  /** Spearman rank correlation of the input's draws with operation.balance_eur; null: the input does not vary. */
  rho: number | null;
}

export interface RiskResult {
  spec: RiskSpec;
  draws: number;
  seed: number;
  /** Draws that could not be evaluated (excluded from the statistics). */
  failed: number;
  /** Where the draws were sampled: the compiled plan (src/fast), or the exact engine. */
  sampling: 'plan' | 'exact';
  /** Whether each percentile's draw was evaluated again on the exact engine (`--exact-percentiles`). */
  exactPercentiles: boolean;
  grip: Readonly<Record<FactorId, boolean>>;
  figures: FigureStats[];
  /** Share of draws (%) where each boolean metric is true: `operation.balanced`, `rental.balanced`… */
  probabilities: { name: string; pct: Dec }[];
  /** By decreasing |ρ|. */
  drivers: Driver[];
  histogram: { fromEur: number; widthEur: number; counts: number[] };
}

/** The first index of a sorted array whose value is not below x (and `upper`: is above x). */
function bound(sorted: Float64Array, x: number, upper: boolean): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (upper ? sorted[mid]! <= x : sorted[mid]! < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Ranks (1-based) with ties at their average rank (no NaN; −0 and 0 alike, as ===). The values are put in n buckets by
 * value (a counting sort of their indices: equal values share a bucket), each bucket sorted by value (insertion, a few
 * values each), then each tie given its average rank: a few linear passes, no comparison sort — once compiled about 5×
 * faster than a native sort and a binary search a value (0.4 against 2.4 ms for 10 000 values; the 8 rankings of a cold
 * `risk` run ~16 ms instead of ~22, docs/performance.md).
 * A bucket holding more than BUCKET_MAX values (most values equal or a few far apart) falls back to `ranksBySearch`.
 */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const r = new Float64Array(n);
  if (n === 0) return r;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { const x = xs[i]!; if (x < lo) lo = x; if (x > hi) hi = x; }
  if (lo === hi) { r.fill((n + 1) / 2); return r; }
  const scale = n / (hi - lo);
  if (!Number.isFinite(scale)) return ranksBySearch(xs);
  // bucket of each value (the highest in the last), then the buckets' starts, then the indices by bucket
  const bucketOf = new Int32Array(n), start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) { const b = Math.min(n - 1, Math.floor((xs[i]! - lo) * scale)); bucketOf[i] = b; start[b + 1]!++; }
  for (let b = 0; b < n; b++) { const c = start[b + 1]!; if (c > BUCKET_MAX) return ranksBySearch(xs); start[b + 1] = start[b]! + c; }
  const order = new Int32Array(n), fill = start.slice(0, n);
  for (let i = 0; i < n; i++) order[fill[bucketOf[i]!]!++] = i;
  // each bucket in increasing value (a floor of a monotone map: buckets are in order of value)
  for (let b = 0; b < n; b++) {
    for (let k = start[b]! + 1, e = start[b + 1]!; k < e; k++) {
      const j = order[k]!, x = xs[j]!;
      let m = k - 1;
      while (m >= start[b]! && xs[order[m]!]! > x) { order[m + 1] = order[m]!; m--; }
      order[m + 1] = j;
    }
  }
  // each tie (order[p … q − 1] of equal values) at its average rank
  for (let p = 0; p < n;) {
    const x = xs[order[p]!]!;
    let q = p + 1;
    while (q < n && xs[order[q]!]! === x) q++;
    const avg = (p + q - 1) / 2 + 1;
    for (let k = p; k < q; k++) r[order[k]!] = avg;
    p = q;
  }
  return r;
}

/** Most values one bucket of `ranks` sorts by insertion before it ranks by search instead. */
const BUCKET_MAX = 32;

/**
 * The same ranks by a native sort of a copy, each tie's average rank at its first place, then one binary search a
 * value for its tie's first place (for values `ranks`'s buckets do not spread).
 */
export function ranksBySearch(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = xs[i]!;
  sorted.sort();
  const atFirst = new Float64Array(n);
  for (let lo = 0; lo < n;) {
    // the tie of sorted[lo] spans sorted[lo … hi − 1]
    const x = sorted[lo]!;
    let hi = lo + 1;
    while (hi < n && sorted[hi] === x) hi++;
    atFirst[lo] = (lo + hi - 1) / 2 + 1;
    lo = hi;
  }
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = atFirst[bound(sorted, xs[i]!, false)]!;
  return r;
}

/** Spearman's ρ: Pearson's correlation of the ranks; null when either side does not vary. `ry`: the ranks of ys, when known. */
export function spearman(xs: ArrayLike<number>, ys: ArrayLike<number>, ry = ranks(ys)): number | null {
  const rx = ranks(xs);
  const n = rx.length;
  if (n < 2) return null;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += rx[i]!; my += ry[i]!; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { const dx = rx[i]! - mx, dy = ry[i]! - my; sxy += dx * dy; sxx += dx * dx; syy += dy * dy; }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Nearest-rank index (0-based) of the k-th percentile among n sorted values. */
export const rankIndex = (k: number, n: number) => Math.max(0, Math.ceil((k * n) / 100) - 1);

export interface RunOptions {
  draws: number;
  seed: number;
  onDraw?: () => void;
  /** The sampling path; default: riskEvaluator (the compiled plan, else the exact engine). */
  evaluator?: RiskEvaluator;
  /** The spec (default: the file's `risk:` over the defaults). */
  spec?: RiskSpec;
  /** Search each draw's break-even construction inflation (default true; about five evaluations a draw). */
  breakEven?: boolean;
  /** Evaluate each percentile's draw again on the exact engine (default false: the sampled figure, money to the cent). */
  exactPercentiles?: boolean;
}

/**
 * The sampled figures of a run, by draw: figure j of draw i at j × draws + i (NaN: not defined for that draw), input
 * k (FACTOR_ORDER) at k × draws + i, boolean j at j × draws + i, and whether the draw could be evaluated. On a
 * SharedArrayBuffer when the draws are shared between threads (src/risk/parallel.ts): each draw is written by the
 * thread that sampled it, and a draw's figures do not depend on the thread.
 */
export interface DrawTable {
  draws: number;
  /** The generator's state at the first draw of each chunk of CHUNK_DRAWS draws (4 integers a chunk), saved as the chunk is drawn: a replay starts there. */
  starts: Int32Array;
  values: Float64Array;
  inputs: Float64Array;
  flags: Uint8Array;
  ok: Uint8Array;
}

/** Draws a thread takes at a time (src/risk/parallel.ts), and between two saved states of the generator. */
export const CHUNK_DRAWS = 250;

export function drawTable(draws: number, nf: number, nb: number, shared = false): DrawTable {
  const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    draws, starts: new Int32Array(buf(16 * Math.ceil(draws / CHUNK_DRAWS))),
    values: new Float64Array(buf(8 * nf * draws)), inputs: new Float64Array(buf(8 * FACTOR_ORDER.length * draws)),
    flags: new Uint8Array(buf(nb * draws)), ok: new Uint8Array(buf(draws)),
  };
}

/** Sample draws [from, to) into `t`, `next` being at draw `from`. */
export function sampleDraws(ev: RiskEvaluator, next: Drawer, from: number, to: number, t: DrawTable, onDraw?: () => void): void {
  const N = t.draws, nf = ev.figures.length, nb = ev.booleans.length, nk = FACTOR_ORDER.length;
  for (let i = from; i < to; i++) {
    if (i % CHUNK_DRAWS === 0) next.save(t.starts, (i / CHUNK_DRAWS) * 4);
    const d = next();
    const f = ev.sample(d);
    onDraw?.();
    if (!f) { t.ok[i] = 0; continue; }
    t.ok[i] = 1;
    for (let k = 0; k < nk; k++) t.inputs[k * N + i] = d.values[FACTOR_ORDER[k]!];
    for (let j = 0; j < nf; j++) t.values[j * N + i] = f.values[j]!;
    for (let j = 0; j < nb; j++) t.flags[j * N + i] = f.flags[j]!;
  }
}

/**
 * The exact figures of the wanted draws (`wanted`: draw index → the figures read from it; a map in increasing draw
 * order): on this thread, the generator replayed once.
 */
export function exactDraws(ev: RiskEvaluator, spec: RiskSpec, seed: number, wanted: ReadonlyMap<number, readonly number[]>, starts: Int32Array): Map<number, (Dec | null)[]> {
  const exact = new Map<number, (Dec | null)[]>();
  const replay = replayer(spec, seed, starts);
  for (const [i, only] of wanted) exact.set(i, ev.exact(replay(i), only)?.values ?? ev.figures.map(() => null));
  return exact;
}

/** Draw i again, for increasing i: from the saved state of its chunk (`starts`, drawTable) when that is nearer than the last draw. */
export function replayer(spec: RiskSpec, seed: number, starts: Int32Array): (i: number) => Draw {
  const g = drawer(spec, seed);
  let at = 0;
  return (i) => {
    const c = Math.floor(i / CHUNK_DRAWS) * CHUNK_DRAWS;
    if (c > at) { g.restore(starts, (c / CHUNK_DRAWS) * 4); at = c; }
    g.skip(i - at);
    at = i + 1;
    return g();
  };
}

export function runRisk(input: OperationFile, base: Evaluation, file: string, opts: RunOptions): RiskResult {
  const spec = opts.spec ?? riskSpec(input);
  const ev = opts.evaluator ?? riskEvaluator(input, base, file, spec, opts.breakEven ?? true);
  // Per draw only its figures and its inputs' values are kept (not the Livret A walk: a million draws
  // would hold 640 MB); a percentile's draw is drawn again by replaying the generator.
  const t = drawTable(opts.draws, ev.figures.length, ev.booleans.length);
  sampleDraws(ev, drawer(spec, opts.seed), 0, opts.draws, t, opts.onDraw);
  const stats = riskStats(ev, spec, opts, t);
  return stats.finish(exactDraws(ev, spec, opts.seed, stats.wanted, t.starts));
}

/**
 * The statistics of sampled draws, in two steps: `wanted`, the draws whose exact figures the percentiles are (draw
 * index → the figures read from it, in increasing draw order; none unless `exactPercentiles`), then `finish` with
 * those exact figures.
 */
export function riskStats(ev: RiskEvaluator, spec: RiskSpec, opts: { draws: number; seed: number; exactPercentiles?: boolean }, t: DrawTable): { wanted: Map<number, number[]>; finish(exactByDraw: ReadonlyMap<number, (Dec | null)[]>): RiskResult } {
  const exactPercentiles = opts.exactPercentiles ?? false;
  const nf = ev.figures.length, nb = ev.booleans.length, N = t.draws;
  // the evaluated draws in draw order: their index, inputs and figures (moved to the front of each row of the table,
  // in place: no copy of a million draws' figures), and how many pass each test
  const index = new Int32Array(N);
  const nk = FACTOR_ORDER.length;
  const trues = new Float64Array(nb);
  let n = 0;
  for (let i = 0; i < N; i++) {
    if (!t.ok[i]) continue;
    index[n] = i;
    if (n !== i) {
      for (let k = 0; k < nk; k++) t.inputs[k * N + n] = t.inputs[k * N + i]!;
      for (let j = 0; j < nf; j++) t.values[j * N + n] = t.values[j * N + i]!;
    }
    for (let j = 0; j < nb; j++) trues[j]! += t.flags[j * N + i]!;
    n++;
  }
  const inputs = Object.fromEntries(FACTOR_ORDER.map((id, k) => [id, t.inputs.subarray(k * N, (k + 1) * N)])) as Record<FactorId, Float64Array>;
  const values: Float64Array[] = Array.from({ length: nf }, (_, j) => t.values.subarray(j * N, (j + 1) * N));
  const failed = N - n;
  // The draws at each figure's percentiles, then their exact figures (the generator replayed once).
  // Each figure's defined values sorted (a native sort), and the draw at each percentile: the
  // rank's value, its ties in draw order (the order of increasing value, then draw).
  const sortedCols = ev.figures.map((_, j) => {
    const col = values[j]!;
    let m = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(col[i]!)) m++;
    const out = new Float64Array(m);
    for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(col[i]!)) out[k++] = col[i]!;
    return out.sort();
  });
  const drawAt = (j: number, r: number): number => {
    const sorted = sortedCols[j]!, col = values[j]!, v = sorted[r]!;
    let skip = r - bound(sorted, v, false);
    for (let i = 0; i < n; i++) if (col[i] === v && skip-- === 0) return i;
    throw new Error('unreachable: a sorted value of no draw');
  };
  // (only the draws whose exact figures are asked for: the sampled percentile is the sorted column's value)
  const picks = ev.figures.map((_, j) => PERCENTILES.map((k) => (exactPercentiles && sortedCols[j]!.length ? drawAt(j, rankIndex(k, sortedCols[j]!.length)) : -1)));
  // each wanted draw, and the figures that read it
  const wanted = new Map<number, number[]>();
  picks.forEach((p, j) => { for (const i of p) if (i >= 0) { const w = wanted.get(i); if (!w) wanted.set(i, [j]); else if (!w.includes(j)) w.push(j); } });
  // (by draw index, in increasing order)
  const byDraw = new Map([...wanted.keys()].sort((a, b) => a - b).map((k) => [index[k]!, wanted.get(k)!] as const));
  return { wanted: byDraw, finish: (exactByDraw) => {
    const exact = new Map([...wanted.keys()].map((k) => [k, exactByDraw.get(index[k]!)!] as const));
    const figures = ev.figures.map((def, j): FigureStats => {
      const sorted = sortedCols[j]!;
      const m = sorted.length;
      // (summed in increasing order)
      let sum = 0;
      for (let i = 0; i < m; i++) sum += sorted[i]!;
      const percentiles = Object.fromEntries(PERCENTILES.map((k, q) => [k, m === 0 ? null
        : exactPercentiles ? exact.get(picks[j]![q]!)![j] ?? null
        : sampledFigure(sorted[rankIndex(k, m)]!, def.unit)])) as FigureStats['percentiles'];
      return { def, percentiles, mean: m === 0 ? null : sum / m, defined: m };
    });
    const probabilities = ev.booleans.map((name, j) => ({ name, pct: n === 0 ? D(0) : D(trues[j]!).times(HUNDRED).div(n) }));
    const balance = values[ev.figures.findIndex((f) => f.name === 'operation.balance_eur')]!.subarray(0, n);
    const balanceRanks = ranks(balance);
    const drivers = FACTOR_ORDER.map((id): Driver => {
      return { id, rho: ev.grip[id] ? spearman(inputs[id].subarray(0, n), balance, balanceRanks) : null };
    }).sort((a, b) => Math.abs(b.rho ?? -1) - Math.abs(a.rho ?? -1) || FACTOR_ORDER.indexOf(a.id) - FACTOR_ORDER.indexOf(b.id));
    let lo = Infinity, hi = -Infinity;
    for (const b of balance) { if (b < lo) lo = b; if (b > hi) hi = b; }
    const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
    const width = n === 0 || hi === lo ? 0 : (hi - lo) / HISTOGRAM_BINS;
    if (n > 0) for (const b of balance) counts[width === 0 ? 0 : Math.min(HISTOGRAM_BINS - 1, Math.floor((b - lo) / width))]!++;
    return {
      spec, draws: opts.draws, seed: opts.seed, failed, sampling: ev.sampling ?? 'exact', exactPercentiles, grip: ev.grip, figures, probabilities, drivers,
      histogram: { fromEur: n === 0 ? 0 : lo, widthEur: width, counts: width === 0 ? counts.slice(0, 1) : counts },
    };
  } };
}

/**
 * A sampled figure as reported: money to the cent (the sampling path computes the engine's cent roundings in float64,
 * within a cent of it: a float a few ulp off a whole cent reads as that cent, and `risk.….p10 >= 0` holds when the
 * figure is 0,00 €), a percentage as it is.
 */
function sampledFigure(v: number, unit: FigureDef['unit']): Dec {
  return unit === 'eur' ? D(v).toDecimalPlaces(2) : D(v);
}

/** The metrics of a run: `risk.<figure>.p5|p10|p50|p90|p95|mean` and `risk.<boolean>_probability_pct`. */
export function riskMetrics(r: RiskResult): { name: string; value: Dec | null; unit: string }[] {
  const out: { name: string; value: Dec | null; unit: string }[] = [];
  for (const f of r.figures) {
    for (const k of PERCENTILES) out.push({ name: `risk.${f.def.name}.p${k}`, value: f.percentiles[k], unit: f.def.unit });
    out.push({ name: `risk.${f.def.name}.mean`, value: f.mean === null ? null : D(f.mean), unit: f.def.unit });
  }
  for (const p of r.probabilities) out.push({ name: `risk.${p.name}_probability_pct`, value: p.pct, unit: 'pct' });
  return out;
}

/**
 * Add the `risk.` metrics to an evaluation (for `check`'s in-file assertions): a run of the file's
 * `risk:` section (its draws and seed, else the defaults), once per evaluation.
 */
export function addRiskMetrics(base: Evaluation): void {
  if (base.metrics.has('risk.operation.balance_eur.p50')) return;
  const spec = riskSpec(base.model.input);
  const r = runRisk(base.model.input, base, base.model.file, { draws: spec.draws, seed: spec.seed, spec });
  for (const m of riskMetrics(r)) base.metrics.set(m.name, { value: m.value, unit: m.unit });
}
