/**
 * The draws of `equilibre risk`: a seeded generator (pure-rand's xoroshiro128+, named in the
 * output), each input drawn by the inverse of its distribution function from one uniform, and the
 * construction cost ↔ Livret A correlation by a Gaussian copula.
 *
 * Each draw takes the same count of uniforms in the same order whatever the spreads
 * (construction, Livret A first step, the other WALK_YEARS − 1 steps, IRL, charges, vacancy, prices,
 * delay), so that changing one input's distribution does not reshuffle the others' draws.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { FACTOR_ORDER, WALK_SUMMARY_YEARS, WALK_YEARS, type Dist, type FactorId, type RiskSpec } from './spec';

export const GENERATOR_NAME = 'pure-rand xoroshiro128+';
export const GENERATOR_VERSION = '8.4.2';

/** One draw: each input's value (its unit), the Livret A's shift by year (points), and the shift averaged (summary). */
export interface Draw {
  values: Record<FactorId, number>;
  /** The Livret A walk: cumulative shift in points, year 1 first (WALK_YEARS values). */
  livretAShift: Float64Array;
}

/** Standard normal distribution function Φ (Abramowitz & Stegun 26.2.17, absolute error < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return z >= 0 ? 1 - tail : tail;
}

// Acklam's coefficients (hoisted: the walk takes WALK_YEARS quantiles a draw)
const QA0 = -3.969683028665376e+01, QA1 = 2.209460984245205e+02, QA2 = -2.759285104469687e+02, QA3 = 1.383577518672690e+02, QA4 = -3.066479806614716e+01, QA5 = 2.506628277459239e+00;
const QB0 = -5.447609879822406e+01, QB1 = 1.615858368580409e+02, QB2 = -1.556989798598866e+02, QB3 = 6.680131188771972e+01, QB4 = -1.328068155288572e+01;
const QC0 = -7.784894002430293e-03, QC1 = -3.223964580411365e-01, QC2 = -2.400758277161838e+00, QC3 = -2.549732539343734e+00, QC4 = 4.374664141464968e+00, QC5 = 2.938163982698783e+00;
const QD0 = 7.784695709041462e-03, QD1 = 3.224671290700398e-01, QD2 = 2.445134137142996e+00, QD3 = 3.754408661907416e+00;

/** Inverse of Φ (P. J. Acklam's rational approximation, relative error < 1.15e-9), for u in (0, 1). */
export function normalQuantile(u: number): number {
  const p = Math.min(1 - 1e-16, Math.max(1e-16, u));
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((QC0 * q + QC1) * q + QC2) * q + QC3) * q + QC4) * q + QC5) / ((((QD0 * q + QD1) * q + QD2) * q + QD3) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((QC0 * q + QC1) * q + QC2) * q + QC3) * q + QC4) * q + QC5) / ((((QD0 * q + QD1) * q + QD2) * q + QD3) * q + 1);
  }
  const q = p - 0.5, r = q * q;
  return (((((QA0 * r + QA1) * r + QA2) * r + QA3) * r + QA4) * r + QA5) * q / (((((QB0 * r + QB1) * r + QB2) * r + QB3) * r + QB4) * r + 1);
}

/** The value of a distribution at probability u (its inverse distribution function). */
export function quantileOf(d: Dist, u: number): number {
  if (d.kind === 'normal') return d.sd === 0 ? d.mean : d.mean + d.sd * normalQuantile(u);
  const { min, mode, max } = d;
  if (max === min) return min;
  const f = (mode - min) / (max - min);
  return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/**
 * A generator of draws: each call the next draw (valid until the next call); `skip(k)` passes k draws without
 * computing them; `save(into, at)` writes the generator's state (4 integers) at `into[at …]`, `restore(from, at)`
 * puts it back (the next draw is then the one that followed the save).
 */
export type Drawer = (() => Draw) & { skip(k: number): void; save(into: Int32Array, at: number): void; restore(from: Int32Array, at: number): void };

/** A generator of draws for a spec and a seed. The draw it returns is valid until its next call. */
export function drawer(spec: RiskSpec, seed: number): Drawer {
  let rng = xoroshiro128plus(seed);
  const u = () => uniformFloat64(rng);
  const dist = (id: FactorId) => spec.factors.find((f) => f.id === id)!.dist;
  // (resolved once: a draw looks nothing up)
  const rest = FACTOR_ORDER.filter((id) => id !== 'construction' && id !== 'livret_a').map((id) => [id, dist(id)] as const);
  const construction = dist('construction');
  const rho = spec.correlation, rhoC = Math.sqrt(1 - rho * rho);
  const laSd = (dist('livret_a') as Extract<Dist, { kind: 'normal' }>).sd;
  // one draw object, refilled by each call (a run reads a draw before drawing the next: no garbage a draw)
  const values = {} as Record<FactorId, number>;
  const shift = new Float64Array(WALK_YEARS);
  const draw: Draw = { values, livretAShift: shift };
  const next = () => {
    // the Gaussian copula: the construction cost's uniform u1 is Φ(z1); the Livret A's first step is
    // σ · (ρ z1 + √(1−ρ²) z2), z2 independent; the construction cost is its own quantile at u1.
    const u1 = u();
    const z1 = normalQuantile(u1);
    values.construction = quantileOf(construction, u1);
    let s = 0;
    for (let y = 0; y < WALK_YEARS; y++) {
      let z = normalQuantile(u());
      if (y === 0 && rho !== 0) z = rho * z1 + rhoC * z;
      s += laSd * z;
      shift[y] = s;
    }
    let sum = 0;
    for (let y = 0; y < WALK_SUMMARY_YEARS; y++) sum += shift[y]!;
    values.livret_a = sum / WALK_SUMMARY_YEARS;
    for (let k = 0; k < rest.length; k++) { const [id, d] = rest[k]!; values[id] = quantileOf(d, u()); }
    return draw;
  };
  // a draw takes 1 + WALK_YEARS + (the other inputs) uniforms, whatever the spreads: passing k draws is taking as many
  const perDraw = 1 + WALK_YEARS + rest.length;
  const skip = (k: number) => { for (let i = k * perDraw; i > 0; i--) u(); };
  const save = (into: Int32Array, at: number) => { const st = rng.getState(); for (let k = 0; k < 4; k++) into[at + k] = st[k]!; };
  const restore = (from: Int32Array, at: number) => { rng = xoroshiro128plusFromState([from[at]!, from[at + 1]!, from[at + 2]!, from[at + 3]!]); };
  return Object.assign(next, { skip, save, restore });
}

