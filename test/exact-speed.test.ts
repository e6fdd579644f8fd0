/**
 * The exact engine's fast paths (issue 16) give the very digits of the computations they replace:
 * each is compared here with the code it replaced (test/helpers/*-reference.ts, kept verbatim) on
 * generated inputs, value by value (`toString()` equal, sign of zero included).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, Decimal, type Dec } from '../src/domain/money';
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
