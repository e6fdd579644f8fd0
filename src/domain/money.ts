/**
 * The one configured Decimal of the project. Nobody else imports decimal.js.
 *
 * Money and rates are Decimal values built from strings (or integers), never from
 * binary floating-point arithmetic. Rounding happens in `report/format.ts`, or where a
 * named rule says so (see `roundCents`).
 */
import DecimalJs from 'decimal.js';

/** 24 significant digits: a cent on 10^12 € with ten digits to spare for rates and powers. */
export const Decimal = DecimalJs.clone({ precision: 24, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Decimal>;

/*
 * The float twin. Sweeps, grids and goal seeks evaluate an operation hundreds of times; decimal.js
 * costs about 1 µs an operation, so they run the SAME engine code on `FastDec`, a binary-float
 * stand-in for the subset of the Decimal API the engine uses, switched on by `withFloat()` for the
 * duration of one synchronous computation. Nothing reported as money comes from it without a test
 * that bounds it against the exact path (test/float-path.test.ts); report, check and every figure
 * of a base case stay exact.
 */
class FastDec {
  constructor(readonly v: number) {}
  plus(o: FastDec | number): FastDec { return new FastDec(this.v + val(o)); }
  minus(o: FastDec | number): FastDec { return new FastDec(this.v - val(o)); }
  times(o: FastDec | number): FastDec { return new FastDec(this.v * val(o)); }
  div(o: FastDec | number): FastDec { return new FastDec(this.v / val(o)); }
  pow(n: number): FastDec { return new FastDec(this.v ** n); }
  neg(): FastDec { return new FastDec(-this.v); }
  abs(): FastDec { return new FastDec(Math.abs(this.v)); }
  floor(): FastDec { return new FastDec(Math.floor(this.v + 1e-9)); }
  ceil(): FastDec { return new FastDec(Math.ceil(this.v - 1e-9)); }
  // Comparisons treat values within float noise as equal, so that a test decided exactly at 0 in
  // the exact path (a balanced plan, a break-even rent) is decided the same way here.
  gt(o: FastDec | number): boolean { const w = val(o); return this.v > w + noise(this.v, w); }
  gte(o: FastDec | number): boolean { const w = val(o); return this.v >= w - noise(this.v, w); }
  lt(o: FastDec | number): boolean { const w = val(o); return this.v < w - noise(this.v, w); }
  lte(o: FastDec | number): boolean { const w = val(o); return this.v <= w + noise(this.v, w); }
  eq(o: FastDec | number): boolean { const w = val(o); return Math.abs(this.v - w) <= noise(this.v, w); }
  cmp(o: FastDec | number): number { return this.gt(o) ? 1 : this.lt(o) ? -1 : 0; }
  isZero(): boolean { return Math.abs(this.v) <= NOISE; }
  isNegative(): boolean { return this.v < -NOISE; }
  isPositive(): boolean { return this.v > NOISE; }
  isFinite(): boolean { return Number.isFinite(this.v); }
  /** Integer within float noise (a sum of cents × 100). */
  isInteger(): boolean { return Math.abs(this.v - Math.round(this.v)) < Math.max(1e-6, Math.abs(this.v) * 1e-12); }
  decimalPlaces(): number { const s = String(this.v); const i = s.indexOf('.'); return i < 0 ? 0 : Math.min(s.length - i - 1, 15); }
  toDecimalPlaces(dp: number, rounding?: number): FastDec {
    const f = 10 ** dp; const a = Math.abs(this.v) * f;
    const r = rounding === Decimal.ROUND_UP ? Math.ceil(a - 1e-9) : Math.round(a + a * 1e-15);
    return new FastDec((Math.sign(this.v) * r) / f);
  }
  toFixed(dp: number): string { return this.toDecimalPlaces(dp).v.toFixed(dp); }
  toNumber(): number { return this.v; }
  toString(): string { return String(this.v); }
  valueOf(): number { return this.v; }
}
const val = (o: FastDec | number): number => (typeof o === 'number' ? o : o.v);
/** Absolute noise floor of the float twin: a millionth of a euro. */
const NOISE = 1e-6;
const noise = (a: number, b: number): number => Math.max(NOISE, 1e-12 * Math.max(Math.abs(a), Math.abs(b)));

let floatMode = false;
export let ZERO: Dec = new Decimal(0);
export let ONE: Dec = new Decimal(1);
export let HUNDRED: Dec = new Decimal(100);
export let CENT: Dec = new Decimal('0.01');

function setFloat(on: boolean): void {
  floatMode = on;
  const make = (n: number) => (on ? (new FastDec(n) as unknown as Dec) : new Decimal(n));
  ZERO = make(0); ONE = make(1); HUNDRED = make(100); CENT = make(0.01);
}

/** Run `fn` on the float twin (sampling only: see the note on FastDec). Not re-entrant across async code. */
export function withFloat<T>(fn: () => T): T {
  const prev = floatMode;
  setFloat(true);
  try { return fn(); } finally { setFloat(prev); }
}

export function isFloatMode(): boolean {
  return floatMode;
}

/**
 * A computation deferred until read (a lazy getter) runs in the number mode that was in force when
 * it was defined: a value of a float evaluation read after `withFloat` returned is still computed
 * on the float twin, and the reverse.
 */
export function captureMode<T>(fn: () => T): () => T {
  const mode = floatMode;
  return () => {
    if (floatMode === mode) return fn();
    const prev = floatMode;
    setFloat(mode);
    try { return fn(); } finally { setFloat(prev); }
  };
}

/** Build a Decimal. Numbers are read through their shortest decimal string (`0.1` is 0.1, not 0.1000000000000000055…). */
export function D(value: string | number | Dec): Dec {
  if (floatMode) return new FastDec(typeof value === 'number' ? value : Number(value.toString())) as unknown as Dec;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`D(): not a finite number: ${value}`);
    return new Decimal(String(value));
  }
  return new Decimal(value);
}

export function isDec(x: unknown): x is Dec {
  return x instanceof Decimal || x instanceof FastDec;
}

/** Percent (5 = 5 %) to fraction (0.05). */
export function pct(value: Dec | number | string): Dec {
  return D(value).div(HUNDRED);
}

/** Fraction to percent. */
export function toPct(fraction: Dec): Dec {
  return fraction.times(HUNDRED);
}

export function sum(values: readonly Dec[]): Dec {
  let s = ZERO;
  for (const v of values) s = s.plus(v);
  return s;
}

export function min(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b;
}

export function max(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b;
}

/** Round half-up to the cent. Only for named rules (a payment schedule in cents, an allocation). */
export function roundCents(x: Dec): Dec {
  return x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The float of a value, whichever twin it is (sampling code). */
export function toFloat(x: Dec): number {
  return x.toNumber();
}

/**
 * Split `total` between `weights` in whole cents, the largest-remainder way, so that the
 * parts add up to `total` exactly (dinero.js `allocate`). `total` must be a whole number of
 * cents; weights must be ≥ 0 with a positive sum (all-zero weights split evenly).
 * Ties on the remainder go to the earliest weight, so the result is deterministic.
 */
export function allocate(total: Dec, weights: readonly Dec[]): Dec[] {
  const n = weights.length;
  if (n === 0) throw new RangeError('allocate(): no weights');
  const cents = total.times(100);
  if (!cents.isInteger()) throw new RangeError(`allocate(): total is not in whole cents: ${total.toString()}`);
  for (const w of weights) if (w.isNegative()) throw new RangeError('allocate(): negative weight');
  let wsum = sum(weights);
  const ws = wsum.isZero() ? weights.map(() => ONE) : weights;
  if (wsum.isZero()) wsum = D(n);
  const negative = cents.isNegative();
  const absCents = cents.abs();
  const floors: Dec[] = [];
  const remainders: { i: number; r: Dec }[] = [];
  let given = ZERO;
  for (let i = 0; i < n; i++) {
    const exact = absCents.times(ws[i]!).div(wsum);
    const f = exact.floor();
    floors.push(f);
    given = given.plus(f);
    remainders.push({ i, r: exact.minus(f) });
  }
  let left = Math.round(absCents.minus(given).toNumber());
  remainders.sort((a, b) => (b.r.cmp(a.r) || a.i - b.i));
  for (let k = 0; left > 0; k++, left--) {
    const idx = remainders[k % n]!.i;
    floors[idx] = floors[idx]!.plus(1);
  }
  return floors.map((c) => (negative ? c.neg() : c).div(100));
}

/** Allocate an amount that may carry sub-cent digits: round it to the cent first (named rule: an allocation is in cents). */
export function allocateCents(total: Dec, weights: readonly Dec[]): Dec[] {
  return allocate(roundCents(total), weights);
}
