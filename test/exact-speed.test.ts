/**
 * The exact engine's fast paths (issue 16) give the very digits of the computations they replace:
 * each is compared here with the code it replaced (test/helpers/*-reference.ts, kept verbatim) on
 * generated inputs, value by value (`toString()` equal, sign of zero included).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, Decimal, ONE, ZERO, add, allocate, approx, cmp, isPos, lt, mul, pct, sub, sum, type Dec } from '../src/domain/money';
import { breakEvenOf, series, type OperatingAssumptions } from '../src/engine/account';
import { loanSchedule, validateLoanSpec, type LoanSchedule, type LoanSpec, type Revisability } from '../src/engine/loan';
import { referenceLoanSchedule, referenceValidateLoanSpec } from './helpers/loan-reference';

const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 150) };

/** A Decimal as text with the sign of a zero, so that −0 and 0 differ. */
const text = (x: Dec): string => (x.isZero() && x.isNegative() ? '-0' : x.toString());

function rowsText(s: LoanSchedule): string[] {
  return [
    ...s.rows.map((r) => [r.year, text(r.rate), text(r.progressivity), text(r.annuityEur), text(r.interestEur), text(r.principalEur), text(r.outstandingEur)].join(' ')),
    `total ${text(s.totalAnnuityEur)} ${text(s.totalInterestEur)} ${text(s.totalPrincipalEur)}`,
  ];
}

/** A fraction with 5 decimals in [lo, hi] given in units of 1e-5. */
const frac = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((i) => D(i).div(100000));

/** A Livret A path that moves every year, or by steps, or not at all, sometimes below LA₀ (negative revised rates, the double_limited floor). */
const pathArb = fc.oneof(
  fc.array(frac(0, 6000), { minLength: 0, maxLength: 60 }),
  fc.array(frac(0, 6000), { minLength: 1, maxLength: 4 }).chain((vals) => fc.array(fc.constantFrom(...vals), { minLength: 1, maxLength: 50 })),
  fc.array(frac(-800, 800), { minLength: 1, maxLength: 30 }),
);

const termsArb = fc.record({
  margin: frac(-900, 1500),
  fixedRate: frac(-500, 6000),
  n: fc.integer({ min: 1, max: 80 }),
  dRaw: fc.integer({ min: 0, max: 6 }),
  progressivity: frac(-3000, 500),
  deferralMode: fc.constantFrom<'interest' | 'capitalised' | undefined>('interest', 'capitalised', undefined),
  revisability: fc.constantFrom<Revisability>('simple', 'double', 'double_limited', 'fixed'),
  floorRateAtZero: fc.constantFrom<boolean | undefined>(true, false, undefined),
  amountCents: fc.integer({ min: 100_000, max: 5_000_000_000 }),
});

/** Several loans on one path (the same array, as a model's loans share it), some on the same terms. */
const batchArb = fc.record({
  livretA0: frac(0, 6000),
  path: pathArb,
  loans: fc.array(termsArb, { minLength: 1, maxLength: 6 }),
  repeat: fc.array(fc.nat(), { maxLength: 4 }),
});

function specsOf(b: { livretA0: Dec; path: Dec[]; loans: any[]; repeat: number[] }): LoanSpec[] {
  const specs: LoanSpec[] = b.loans.map((r: any) => ({
    amountEur: D(r.amountCents).div(100),
    margin: r.margin,
    livretA0: b.livretA0,
    livretAPath: b.path,
    ...(r.revisability === 'fixed' ? { fixedRate: r.fixedRate } : {}),
    durationYears: r.n,
    progressivity: r.progressivity,
    deferralYears: Math.min(r.dRaw, r.n - 1),
    ...(r.deferralMode ? { deferralMode: r.deferralMode } : {}),
    revisability: r.revisability,
    ...(r.floorRateAtZero !== undefined ? { floorRateAtZero: r.floorRateAtZero } : {}),
  }));
  // the same terms again, with another amount or duration, or the same spec again
  for (const k of b.repeat) {
    const s = specs[k % specs.length]!;
    specs.push(k % 3 === 0 ? { ...s } : k % 3 === 1 ? { ...s, amountEur: s.amountEur.plus(k) } : { ...s, durationYears: s.durationYears + 5 });
  }
  return specs;
}

describe('loanSchedule: the shared, cached schedule is the one-loan recurrence, digit for digit', () => {
  it('every row and total equals the reference (dddf334) on generated loans sharing a path, in any order, repeatedly', () => {
    fc.assert(
      fc.property(batchArb, (b) => {
        const specs = specsOf(b as any);
        for (const pass of [0, 1]) {
          const order = pass === 0 ? specs : [...specs].reverse();
          for (const spec of order) {
            const want = referenceValidateLoanSpec(spec);
            expect(validateLoanSpec(spec)).toEqual(want);
            if (want.length) {
              expect(() => loanSchedule(spec)).toThrow(RangeError);
              continue;
            }
            expect(rowsText(loanSchedule(spec))).toEqual(rowsText(referenceLoanSchedule(spec)));
          }
        }
      }),
      RUNS,
    );
  });

  it('a path rebuilt with the same values (another evaluation) gives the same schedule object', () => {
    const spec = (path: Dec[]): LoanSpec => ({ amountEur: D(1_234_567), margin: D('0.006'), livretA0: D('0.015'), livretAPath: path, durationYears: 40, progressivity: D('-0.005'), deferralYears: 0, revisability: 'double' });
    const path = () => [D('0.015'), D('0.02'), D('0.025'), D('0.022')];
    const a = loanSchedule(spec(path()));
    expect(loanSchedule(spec(path()))).toBe(a);
    expect(rowsText(a)).toEqual(rowsText(referenceLoanSchedule(spec(path()))));
  });

  it('validateLoanSpec: the problems of paths whose revised rate leaves (−1, 1), or with values that are not finite, as the reference', () => {
    const base: LoanSpec = { amountEur: D(100000), margin: D('0.5'), livretA0: D('0.2'), livretAPath: [], durationYears: 30, progressivity: D(0), deferralYears: 0, revisability: 'simple' };
    const paths: Dec[][] = [
      [D('0.2'), D('0.7'), D('0.95'), D('0.1')],
      [D('0.2'), D('-0.9'), D('-0.95')],
      [D('0.1'), new Decimal(NaN), D('2')],
      [D('0.3'), D('1.5'), D('0.3')],
      [D('0.29999')],
      [D('0.3')],
    ];
    for (const path of paths) {
      for (const margin of [D('0.5'), D('-0.9'), D('0.79999'), D('0.8')]) {
        const spec = { ...base, livretAPath: path, margin };
        expect(validateLoanSpec(spec)).toEqual(referenceValidateLoanSpec(spec));
      }
    }
    // the path checks are shared: a second loan on the same array gets the same problems
    const bad = { ...base, livretAPath: paths[2]! };
    expect(validateLoanSpec(bad)).toEqual(validateLoanSpec({ ...bad, margin: D('0.1') }));
    expect(validateLoanSpec(bad).length).toBeGreaterThan(0);
  });
});

/** A decimal of 1 to 34 digits, either as written (not rounded) or as an operation's result (rounded to 24), any sign, sometimes zero, −0 or not finite. */
const decArb: fc.Arbitrary<Dec> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.bigInt({ min: -(10n ** 34n), max: 10n ** 34n }), fc.integer({ min: -40, max: 20 }), fc.boolean()).map(([m, e, rounded]) => { const x = new Decimal(`${m}e${e}`); return rounded ? x.plus(0) : x; }) },
  { weight: 1, arbitrary: fc.constantFrom(new Decimal(0), new Decimal('-0'), new Decimal(NaN), new Decimal(Infinity), new Decimal(-Infinity)) },
);
const finiteArb = decArb.filter((x) => x.isFinite());

describe('money.ts fast paths: the same Decimal as decimal.js', () => {
  it('add, sub and mul with the ZERO and ONE constants, sum, cmp, isPos, as decimal.js; approx within 1e−14 of toNumber', () => {
    fc.assert(
      fc.property(finiteArb, finiteArb, decArb, decArb, (a, b, x, y) => {
        expect(text(add(ZERO, a))).toBe(text(ZERO.plus(a)));
        expect(text(add(a, ZERO))).toBe(text(a.plus(ZERO)));
        expect(text(add(a, b))).toBe(text(a.plus(b)));
        expect(text(sub(a, ZERO))).toBe(text(a.minus(ZERO)));
        expect(text(sub(a, b))).toBe(text(a.minus(b)));
        expect(text(mul(a, ONE))).toBe(text(a.times(ONE)));
        expect(text(sum([a, b, a]))).toBe(text(ZERO.plus(a).plus(b).plus(a)));
        expect(Object.is(cmp(x, y), x.cmp(y))).toBe(true);
        expect(Object.is(cmp(x, x.plus(0)), x.cmp(x.plus(0)))).toBe(true);
        expect(lt(x, y)).toBe(x.lt(y));
        expect(isPos(x)).toBe(x.gt(0));
        if (!a.isZero()) expect(Math.abs(approx(a) - a.toNumber())).toBeLessThanOrEqual(1e-14 * Math.abs(a.toNumber()));
      }),
      { numRuns: 2000 },
    );
  });

  it('D of a number is D of its shortest string; pct is ÷ 100; allocate gives the cents the division by 100 gave', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), finiteArb, (v, a) => {
        expect(text(D(v))).toBe(text(new Decimal(String(v))));
        expect(text(pct(v))).toBe(text(new Decimal(String(v)).div(100)));
        expect(text(pct(a))).toBe(text(a.div(100)));
        expect(text(pct(a.toString()))).toBe(text(new Decimal(a.toString()).div(100)));
        expect(D(a)).toBe(a);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 8 }), (c, ws) => {
        const total = new Decimal(c.toString()).div(100);
        const weights = ws.map((w) => new Decimal(w).div(1000));
        expect(allocate(total, weights).map(text)).toEqual(referenceAllocate(total, weights).map(text));
      }),
      { numRuns: 500 },
    );
  });
});

/** dddf334's allocate (src/domain/money.ts), verbatim but for the names. */
function referenceAllocate(total: Dec, weights: readonly Dec[]): Dec[] {
  const n = weights.length;
  const cents = total.times(100);
  let wsum = weights.reduce((s, w) => s.plus(w), ZERO);
  const ws = wsum.isZero() ? weights.map(() => ONE) : weights;
  if (wsum.isZero()) wsum = new Decimal(String(n));
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

/** dddf334's breakEvenOf (src/engine/account.ts): every comparison with the rounded decimal products. */
function referenceBreakEvenOf(cumulative: readonly Dec[], aCoef: readonly Dec[], testYears: number, rentPerM2: Dec): Dec | null {
  let bc: Dec | null = null, ba: Dec | null = null;
  for (let i = 0; i < Math.min(testYears, cumulative.length); i++) {
    const aY = aCoef[i]!;
    if (!aY.gt(0)) continue;
    const c = cumulative[i]!;
    if (bc === null || c.times(ba!).lt(bc.times(aY))) { bc = c; ba = aY; }
  }
  if (bc === null) return null;
  const r = rentPerM2.minus(bc.div(ba!));
  return r.isNegative() ? ZERO : r;
}

describe('the loyer d\'équilibre decides in floating point only what the decimals would', () => {
  it('breakEvenOf equals the all-decimal search, ties and near-ties included', () => {
    // ratios c/a drawn from a few values, scaled by factors that keep them equal or a few units of the 24th digit apart
    const yearArb = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(yearArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 45 }), fc.integer({ min: 0, max: 30 }), (years, testYears, rent) => {
        const cumulative: Dec[] = [], aCoef: Dec[] = [];
        for (const [ratio, scale, nudge, aSign] of years) {
          const a = new Decimal(scale).times('1234.567890123456789').plus(new Decimal(aSign).times('1e-3'));
          cumulative.push(a.times(ratio).times('1000.1').plus(new Decimal(nudge).times('1e-17')));
          aCoef.push(aSign === -3 ? a.neg() : aSign === 3 ? ZERO : a);
        }
        const got = breakEvenOf(cumulative, aCoef, testYears, new Decimal(rent));
        const want = referenceBreakEvenOf(cumulative, aCoef, testYears, new Decimal(rent));
        expect(got === null ? null : text(got)).toBe(want === null ? null : text(want));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('index series', () => {
  it('the charges index is the recurrence c_y = c_(y−1) × (1 + rate) whether or not it shares the rents\' (equal rates), and the rents\' follows its path', () => {
    const base = { chargesIndexation: D('0.018'), discountRate: D('0.04') };
    for (const [irlPath, charges] of [[[D('0.018')], D('0.018')], [[D('0.018')], D('0.0175')], [[D('0.018'), D('0.018')], D('0.018')], [[D('0.01'), D('0.02')], D('0.02')]] as const) {
      const oa = { ...base, irlPath: [...irlPath], chargesIndexation: charges } as unknown as OperatingAssumptions;
      const s = series(45, oa);
      let c = ONE, r = ONE;
      for (let y = 1; y <= 45; y++) {
        if (y > 1) { c = c.times(ONE.plus(charges)); r = r.times(ONE.plus(irlPath[Math.min(y - 1, irlPath.length) - 1]!)); }
        expect(text(s.chargeIdx[y - 1]!)).toBe(text(c));
        expect(text(s.rentIdx[y - 1]!)).toBe(text(r));
      }
    }
  });
});
