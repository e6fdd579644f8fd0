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

export const ZERO: Dec = new Decimal(0);
export const ONE: Dec = new Decimal(1);
export const HUNDRED: Dec = new Decimal(100);
export const CENT: Dec = new Decimal('0.01');

/** Build a Decimal. Numbers are read through their shortest decimal string (`0.1` is 0.1, not 0.1000000000000000055…). */
export function D(value: string | number | Dec): Dec {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`D(): not a finite number: ${value}`);
    // (Through the string, not decimal.js's number path: that path stores a small integer held as a
    // double in a digits array of doubles, and such arrays slow every later operation of decimal.js.)
    return new Decimal(String(value));
  }
  // A Decimal is immutable: itself (a copy would be the same value, digit for digit).
  return value instanceof Decimal ? value : new Decimal(value);
}

export function isDec(x: unknown): x is Dec {
  return x instanceof Decimal;
}

/** Percent (5 = 5 %) to fraction (0.05). */
export function pct(value: Dec | number | string): Dec {
  // x × 0.01 and x / 100 are the same exact value rounded the same way: the product is the cheaper.
  return D(value).times(CENT);
}

/** Fraction to percent. */
export function toPct(fraction: Dec): Dec {
  return fraction.times(HUNDRED);
}

export function sum(values: readonly Dec[]): Dec {
  let s = ZERO;
  for (const v of values) s = add(s, v);
  return s;
}

/*
 * Fast paths of the exact engine (issue 16). Each gives the very Decimal that decimal.js would,
 * without an operation whose result is known. They read a Decimal's documented fields: `d` (its
 * digits in base 10^7 words, null when not finite), `e` (its exponent), `s` (its sign).
 */

/** Whether x is finite and not zero with at most the working precision's significant digits: then rounding x to the precision gives x. */
function exactAtPrecision(x: Dec): boolean {
  const d = x.d;
  if (!d || !d[0]) return false;
  // 3 words hold at most 21 digits; longer ones are counted
  return d.length <= 3 || x.sd() <= PRECISION;
}

const PRECISION = Decimal.precision;

/**
 * a + b, where either may be the ZERO constant (a sum's start, an absent line): 0 + x is x rounded
 * to the precision (and +0 for a zero x), so it is x itself when x is exact at the precision.
 */
export function add(a: Dec, b: Dec): Dec {
  if (a === ZERO && exactAtPrecision(b)) return b;
  if (b === ZERO && exactAtPrecision(a)) return a;
  return a.plus(b);
}

/** a − b, where b may be the ZERO constant: a − 0 is a rounded to the precision, a itself when exact at the precision. */
export function sub(a: Dec, b: Dec): Dec {
  if (b === ZERO && exactAtPrecision(a)) return a;
  return a.minus(b);
}

/** x × k, where `k` may be the ONE constant: x × 1 is x rounded to the precision, x itself when exact at the precision. */
export function mul(x: Dec, k: Dec): Dec {
  if (k === ONE && exactAtPrecision(x)) return x;
  return x.times(k);
}

/** a.cmp(b) for two Decimals, without the copy of `b` that decimal.js makes (the same comparison, step for step). */
export function cmp(a: Dec, b: Dec): number {
  const xd = a.d, yd = b.d, xs = a.s, ys = b.s;
  if (!xd || !yd) return !xs || !ys ? NaN : xs !== ys ? xs : xd === yd ? 0 : (!xd !== xs < 0) ? 1 : -1;
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (a.e !== b.e) return (a.e > b.e) !== (xs < 0) ? 1 : -1;
  const xdL = xd.length, ydL = yd.length;
  for (let i = 0, j = xdL < ydL ? xdL : ydL; i < j; ++i) {
    if (xd[i] !== yd[i]) return (xd[i]! > yd[i]!) !== (xs < 0) ? 1 : -1;
  }
  return xdL === ydL ? 0 : (xdL > ydL) !== (xs < 0) ? 1 : -1;
}

/** a < b, as a.lt(b). */
export function lt(a: Dec, b: Dec): boolean {
  return cmp(a, b) < 0;
}

/** x > 0, as x.gt(0). */
export function isPos(x: Dec): boolean {
  return x.s > 0 && (!x.d || x.d[0] !== 0);
}

/**
 * x as a binary double, within a few units in the last place (not the correctly rounded
 * `toNumber()`): only for deciding a comparison that a margin far above that error settles.
 */
export function approx(x: Dec): number {
  const d = x.d;
  if (!d) return x.s ? x.s / 0 : NaN;
  let m = d[0]!, digits0 = 1;
  for (let w = m; w >= 10; w /= 10) digits0++;
  const k = Math.min(d.length, 4); // 22+ significant digits: far beyond a double's
  for (let i = 1; i < k; i++) m = m * 1e7 + d[i]!;
  return x.s * m * 10 ** (x.e - (digits0 - 1) - 7 * (k - 1));
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
    given = add(given, f);
    remainders.push({ i, r: exact.minus(f) });
  }
  let left = Math.round(absCents.minus(given).toNumber());
  remainders.sort((a, b) => (cmp(b.r, a.r) || a.i - b.i));
  for (let k = 0; left > 0; k++, left--) {
    const idx = remainders[k % n]!.i;
    floors[idx] = floors[idx]!.plus(1);
  }
  return floors.map((c) => (negative ? c.neg() : c).times(CENT));
}

/** Allocate an amount that may carry sub-cent digits: round it to the cent first (named rule: an allocation is in cents). */
export function allocateCents(total: Dec, weights: readonly Dec[]): Dec[] {
  return allocate(roundCents(total), weights);
}
