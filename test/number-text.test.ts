/**
 * jsonNum and fmtNum round in float64 when that is certainly exact (src/domain/number-text.ts): the
 * reference here is decimal.js's own half-up rounding (the previous implementation, written out),
 * on generated decimals of up to 30 digits, exact ties, near-ties and magnitudes beyond 2^40.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, Decimal, type Dec } from '../src/domain/money';
import { fmtNum, jsonNum } from '../src/domain/number-text';

const refJson = (v: Dec, dp: number) => v.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).toNumber();
function refFmt(value: Dec | number, dp: number, lang: 'fr' | 'en'): string {
  const d = typeof value === 'number' ? D(value) : value;
  let s = d.toFixed(dp, Decimal.ROUND_HALF_UP);
  if (/^-0(\.0+)?$/.test(s)) s = s.slice(1);
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  const [i, f] = s.split('.');
  const sep = lang === 'fr' ? ' ' : ',';
  const body = i!.replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (f ? (lang === 'fr' ? ',' : '.') + f : '');
  return (neg ? '−' : '') + body;
}

// digits × 10^−scale, with a sign: from 0 to 30 significant digits
const decimal = fc.record({
  digits: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.bigInt({ min: 0n, max: 10n ** 30n })),
  scale: fc.integer({ min: 0, max: 20 }),
  neg: fc.boolean(),
}).map(({ digits, scale, neg }) => new Decimal(`${neg ? '-' : ''}${digits}e-${scale}`));
// exactly on a half at dp, and a hair either side of it
const nearTie = fc.record({ k: fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), dp: fc.integer({ min: 0, max: 8 }), hair: fc.constantFrom('0', '1e-25', '-1e-25', '1e-9', '-1e-9') })
  .map(({ k, dp, hair }) => ({ v: new Decimal(`${k}.5e-${dp}`).plus(hair), dp }));

describe('jsonNum and fmtNum: the same figures as decimal.js half-up', () => {
  it('generated decimals, dp 0 to 8 (and 10, past the float path)', () => {
    fc.assert(fc.property(decimal, fc.constantFrom(0, 1, 2, 3, 4, 6, 8, 10), fc.constantFrom('fr' as const, 'en' as const), (v, dp, lang) => {
      expect(Object.is(jsonNum(v, dp), refJson(v, dp)), `${v.toString()} dp ${dp}`).toBe(true);
      expect(fmtNum(v, dp, lang)).toBe(refFmt(v, dp, lang));
    }), { numRuns: 3000 });
  });

  it('ties and near-ties round half away from zero', () => {
    fc.assert(fc.property(nearTie, ({ v, dp }) => {
      expect(Object.is(jsonNum(v, dp), refJson(v, dp)), `${v.toString()} dp ${dp}`).toBe(true);
      expect(fmtNum(v, dp, 'fr')).toBe(refFmt(v, dp, 'fr'));
    }), { numRuns: 2000 });
    // hand-picked: 0.125 → 0.13, −0.125 → −0.13, 2.675 (not a float tie) → 2.68, −0.004 → 0 (no sign)
    expect(jsonNum(D('0.125'))).toBe(0.13);
    expect(jsonNum(D('-0.125'))).toBe(-0.13);
    expect(jsonNum(D('2.675'))).toBe(2.68);
    expect(fmtNum(D('-0.004'), 2, 'fr')).toBe('0,00');
    expect(fmtNum(D('1234567.891'), 2, 'fr')).toBe('1 234 567,89');
  });

  it('plain numbers (fmtNum accepts them) and non-finite values', () => {
    fc.assert(fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), fc.constantFrom(0, 1, 2, 4), (x, dp) => {
      expect(fmtNum(x, dp, 'en')).toBe(refFmt(x, dp, 'en'));
    }), { numRuns: 2000 });
  });
});
