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
    return new Decimal(String(value));
  }
  return new Decimal(value);
}

export function isDec(x: unknown): x is Dec {
  return x instanceof Decimal;
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
