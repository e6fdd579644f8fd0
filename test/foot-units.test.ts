/**
 * The publications in integer units (foot.ts publishAccountUnits, publishScheduleCents: float64
 * where it is certain, decimal.js otherwise) give the same figures as the Decimal publications
 * (publishAccount, publishSchedule), which are the reference: the oracle here is the Decimal code,
 * independent of the float64 path. Generated values include exact ties (x.xx5), near-ties (within
 * 10^−9 of a half cent), values on the cent grid and values a hair off it, and equal remainders
 * (several lines with the same fraction), the cases the float64 path must hand to decimal.js.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, type Dec } from '../src/domain/money';
import type { YearRow } from '../src/engine/account';
import { loanSchedule } from '../src/engine/loan';
import { certainUnits, publishAccount, publishAccountColumns, publishAccountColumnsExact, publishAccountUnits, publishSchedule, publishScheduleCents, roundDp } from '../src/report/foot';

/** A money value: whole µ€ at random, or a cent value nudged by 0, ±10^−9, ±½ cent (a tie), ½ cent ± 10^−9. */
const money: fc.Arbitrary<Dec> = fc.oneof(
  fc.integer({ min: -5e11, max: 5e11 }).map((x) => D(x).div(1e6)),
  fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom('0', '0.000000001', '-0.000000001', '0.005', '0.004999999999', '0.005000000001', '-0.005', '0.0099999999999')).map(([c, d]) => D(c).div(100).plus(D(d))),
  fc.constantFrom(D(0), D('0.005'), D('-0.005'), D('1234.565'), D('0.333333333333333333333333')),
);

const KEYS = ['rentEur', 'annexRentEur', 'lossesEur', 'shareIncomeEur', 'annuitiesEur', 'managementEur', 'maintenanceEur', 'majorMaintenanceEur', 'tfpbEur', 'insuranceEur', 'contributionsEur', 'advanceRepaymentEur'] as const;

function account(raw: Dec[][], withLines: boolean, same: boolean): YearRow[] {
  let cum = D(0);
  return raw.map((v, i) => {
    // `same`: every line of the year has the same fraction (equal remainders: ties of the largest-remainder rule)
    const val = (k: number) => (same ? D(k + 1).plus(v[0]!) : v[k]!);
    const row = { year: i + 1 } as Record<string, unknown>;
    KEYS.forEach((k, j) => { row[k] = val(j); });
    row.redevanceChargesEur = i % 3 === 0 ? val(12) : undefined;
    if (withLines) { row.teomEur = val(13); row.otherEur = val(14); }
    const plus = (row.rentEur as Dec).plus(row.annexRentEur as Dec).plus((row.redevanceChargesEur as Dec | undefined) ?? 0).plus(row.shareIncomeEur as Dec);
    let minus = D(0);
    for (const k of ['lossesEur', 'annuitiesEur', 'managementEur', 'maintenanceEur', 'majorMaintenanceEur', 'tfpbEur', 'insuranceEur', 'contributionsEur', 'advanceRepaymentEur', 'teomEur', 'otherEur']) minus = minus.plus((row[k] as Dec | undefined) ?? 0);
    const cf = plus.minus(minus);
    cum = cum.plus(cf);
    row.collectedEur = D(0); row.chargesEur = D(0); row.cashFlowEur = cf; row.cumulativeEur = cum;
    return row as unknown as YearRow;
  });
}

describe('publishAccountUnits gives publishAccount’s figures', () => {
  it('on generated accounts (ties, near-ties, on and near the grid, equal remainders), at dp 2 and 0', () => {
    fc.assert(fc.property(
      fc.array(fc.array(money, { minLength: 15, maxLength: 15 }), { minLength: 1, maxLength: 40 }), fc.boolean(), fc.boolean(), fc.constantFrom(0, 2),
      (raw, withLines, same, dp) => {
        const rows = account(raw, withLines, same);
        const dec = publishAccount(rows, dp);
        const units = publishAccountUnits(rows, dp)!;
        expect(units).not.toBeNull();
        const u = (d: Dec) => d.times(10 ** dp).toNumber();
        dec.forEach((x, i) => {
          const y = units.years[i]!;
          expect(y.year).toBe(x.year);
          expect(units.keys.map((k, j) => [k, y.parts[j]])).toEqual(units.keys.map((k) => [k, u((x[k] as Dec | undefined) ?? D(0))]));
          expect([y.collected, y.charges, y.cashFlow, y.cumulative]).toEqual([u(x.collectedEur), u(x.chargesEur), u(x.cashFlowEur), u(x.cumulativeEur)]);
        });
      },
    ), { numRuns: 400 });
  });
  it('null when the years are not all written the same way (the caller publishes them with decimal.js)', () => {
    const rows = account([[...Array(15)].map(() => D('1.234')), [...Array(15)].map(() => D('2.345'))], true, false);
    delete rows[1]!.teomEur; delete rows[1]!.otherEur;
    expect(publishAccountUnits(rows, 2)).toBeNull();
  });
});

describe('publishAccountColumns (float64 where certain) gives the decimal.js columns’ figures', () => {
  it('on generated accounts, every row or the rows shown, at dp 0 and 2', () => {
    fc.assert(fc.property(
      fc.array(fc.array(money, { minLength: 15, maxLength: 15 }), { minLength: 1, maxLength: 40 }), fc.boolean(), fc.boolean(), fc.constantFrom(0, 2), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.boolean(),
      (raw, withLines, same, dp, keep, some) => {
        const rows = account(raw, withLines, same);
        const shown = some ? (y: number) => keep[y - 1]! : undefined;
        const text = (x: object | undefined) => (x === undefined ? null : Object.entries(x).map(([k, v]) => `${k}=${(v as Dec).isZero() ? 0 : (v as Dec).toFixed(dp)}`).join(' '));
        const fast = shown ? publishAccountColumns(rows, dp, shown) : publishAccountColumns(rows, dp);
        expect(fast.map(text)).toEqual(publishAccountColumnsExact(rows, dp, shown).map(text));
      },
    ), { numRuns: 400 });
  });
});

describe('publishScheduleCents gives publishSchedule’s figures', () => {
  it('on generated loans', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: -200, max: 600 }), fc.integer({ min: -100, max: 50 }),
      fc.constantFrom<'simple' | 'double' | 'fixed'>('simple', 'double', 'fixed'), fc.integer({ min: 0, max: 2 }),
      (cents, n, rateBp, progBp, rev, deferral) => {
        const rows = loanSchedule({
          amountEur: D(cents).div(100), margin: D(rateBp).div(1e4), livretA0: D('0.03'), livretAPath: [D('0.025'), D('0.02')], durationYears: n,
          progressivity: D(progBp).div(1e4), deferralYears: Math.min(deferral, n - 1), deferralMode: 'interest', revisability: rev,
          ...(rev === 'fixed' ? { fixedRate: D(Math.max(0, rateBp)).div(1e4) } : {}),
        }).rows;
        const dec = publishSchedule(rows);
        const c = publishScheduleCents(rows);
        const u = (d: Dec) => d.times(100).toNumber();
        expect([c.amount, c.totalAnnuity, c.totalInterest, c.totalPrincipal]).toEqual([u(dec.amountEur), u(dec.totalAnnuityEur), u(dec.totalInterestEur), u(dec.totalPrincipalEur)]);
        expect(c.rows.map((x) => [x.year, x.annuity, x.interest, x.principal, x.outstanding])).toEqual(dec.rows.map((x) => [x.year, u(x.annuityEur), u(x.interestEur), u(x.principalEur), u(x.outstandingEur)]));
      },
    ), { numRuns: 200 });
  });
});

describe('certainUnits', () => {
  it('is round-half-up of x × 10^dp whenever it answers, and does not answer on ties', () => {
    fc.assert(fc.property(money, fc.constantFrom(0, 2, 4, 6), (x, dp) => {
      const n = certainUnits(x, dp);
      if (n !== null) expect(n).toBe(roundDp(x, dp).times(10 ** dp).toNumber());
    }), { numRuns: 3000 });
    expect(certainUnits(D('0.005'), 2)).toBeNull();
    expect(certainUnits(D('-1234.565'), 2)).toBeNull();
    expect(certainUnits(D('0.0049'), 2)).toBe(0);
  });
});
