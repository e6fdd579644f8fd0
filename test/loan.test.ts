import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, Decimal, type Dec, ZERO } from '../src/domain/money';
import {
  firstAnnuity,
  loanSchedule,
  prefinancingInterest,
  validateLoanSpec,
  type LoanSchedule,
  type LoanSpec,
  type Revisability,
} from '../src/engine/loan';

const cents = (x: Dec): string => x.toDecimalPlaces(2).toFixed(2);
const pct3 = (x: Dec): string => x.times(100).toDecimalPlaces(3).toFixed(3);
const euros = (x: Dec): string => x.toDecimalPlaces(0).toFixed(0);

/** domain.md §3.3 test vectors: K = 100 000 €, PLUS margin 0.6 %, LA₀ = 1.5 %, p = −0.5 %, n = 40, no deferral. */
const vectorBase = {
  amountEur: D(100000),
  margin: D('0.006'),
  livretA0: D('0.015'),
  progressivity: D('-0.005'),
  durationYears: 40,
  deferralYears: 0,
} as const;
// "LA 2.0 % from year 2": year 1 still at LA₀ = 1.5 %, 2.0 % from year 2 on (the last value holds).
const la20FromYear2 = [D('0.015'), D('0.02')];

describe('domain.md §3.3 test vectors (to the cent)', () => {
  const flat = loanSchedule({ ...vectorBase, livretAPath: [], revisability: 'double' });
  const double = loanSchedule({ ...vectorBase, livretAPath: la20FromYear2, revisability: 'double' });
  const simple = loanSchedule({ ...vectorBase, livretAPath: la20FromYear2, revisability: 'simple' });
  // case, schedule, year, tx %, rev %, annuity, interest, amortisation, CRD end
  const table: [string, LoanSchedule, number, string, string, string, string, string, string][] = [
    ['LA flat 1.5 %', flat, 1, '2.100', '-0.500', '4039.55', '2100.00', '1939.55', '98060.45'],
    ['LA flat 1.5 %', flat, 2, '2.100', '-0.500', '4019.35', '2059.27', '1960.08', '96100.37'],
    ['LA flat 1.5 %', flat, 40, '2.100', '-0.500', '3322.26', '68.33', '3253.92', '0.00'],
    ['LA 2.0 % from year 2, DOUBLE', double, 2, '2.600', '-0.013', '4039.03', '2549.57', '1489.46', '96570.99'],
    ['LA 2.0 % from year 2, DOUBLE', double, 40, '2.600', '-0.013', '4019.54', '101.86', '3917.68', '0.00'],
    ['LA 2.0 % from year 2, SIMPLE', simple, 2, '2.600', '-0.500', '4356.62', '2549.57', '1807.05', '96253.40'],
    ['LA 2.0 % from year 2, SIMPLE', simple, 40, '2.600', '-0.500', '3601.03', '91.25', '3509.78', '0.00'],
  ];
  it.each(table)('%s, year %i', (_case, s, year, tx, rev, annuity, interest, principal, crd) => {
    const r = s.rows[year - 1]!;
    expect(r.year).toBe(year);
    expect([pct3(r.rate), pct3(r.progressivity)]).toEqual([tx, rev]);
    expect([cents(r.annuityEur), cents(r.interestEur), cents(r.principalEur), cents(r.outstandingEur)]).toEqual([
      annuity,
      interest,
      principal,
      crd,
    ]);
  });

  it('year 1 of the revised cases is the flat year 1 (LA₂ applies from year 2 only)', () => {
    for (const s of [double, simple]) expect(cents(s.rows[0]!.annuityEur)).toBe('4039.55');
  });

  it('the flat schedule equals the no-revision progression A_k = A1 (1 + p)^(k−1)', () => {
    const a1 = firstAnnuity(D(100000), D('0.021'), D('-0.005'), 40);
    for (const k of [1, 2, 10, 25, 40]) {
      expect(cents(flat.rows[k - 1]!.annuityEur)).toBe(cents(a1.times(D('0.995').pow(k - 1))));
    }
  });
});

describe('firstAnnuity', () => {
  // domain.md §3.3 check values, per 100 000 €, to the euro.
  it.each([
    ['0.021', '0', 40, '3720'],
    ['0.021', '-0.005', 40, '4040'],
    ['0.021', '-0.005', 60, '3303'],
    ['0.013', '-0.005', 40, '3517'], // PLAI, LA 1.5 % − 0.2 %
    ['0.036', '0', 40, '4756'],
  ])('t = %s, p = %s, %i y → %s €', (t, p, years, expected) => {
    expect(euros(firstAnnuity(D(100000), D(t), D(p), years))).toBe(expected);
  });

  it('p = 0 is the spreadsheet PMT', () => {
    // PMT(5 %, 10, −100 000) = 100 000 × 0.05 / (1 − 1.05^−10); 1.05^10 = 1.628894626777442,
    // 1 − 1/1.628894626777442 = 0.386086732… → 5 000 / 0.386086732 = 12 950.4575 → 12 950.46 €.
    expect(cents(firstAnnuity(D(100000), D('0.05'), ZERO, 10))).toBe('12950.46');
    // PMT(3 %, 1, 100 000) = 103 000 (one instalment repays capital and one year of interest).
    expect(firstAnnuity(D(100000), D('0.03'), ZERO, 1).toString()).toBe('103000');
  });

  it('q = 1 (p = t) is K (1 + t)/years; rate 0 and p 0 is linear', () => {
    expect(firstAnnuity(D(100000), D('0.005'), D('0.005'), 40).toString()).toBe('2512.5');
    expect(firstAnnuity(D(100000), ZERO, ZERO, 40).toString()).toBe('2500');
  });

  it('p very close to t: no cancellation (agrees with the q = 1 value to 1e-12 €)', () => {
    const a = firstAnnuity(D(100000), D('0.005'), D('0.00500000000001'), 40);
    expect(a.minus('2512.5').abs().lt('1e-6')).toBe(true);
  });

  it('rejects a non-integer or zero term', () => {
    expect(() => firstAnnuity(D(1000), D('0.02'), ZERO, 0)).toThrow(RangeError);
    expect(() => firstAnnuity(D(1000), D('0.02'), ZERO, 2.5)).toThrow(RangeError);
  });
});

const plus40: LoanSpec = {
  amountEur: D(100000),
  margin: D('0.006'),
  livretA0: D('0.015'),
  livretAPath: [],
  durationYears: 40,
  progressivity: D('-0.005'),
  deferralYears: 0,
  revisability: 'double',
};

describe('loanSchedule', () => {
  it('a 50-year loan has exactly 50 instalments and no year 51 (LEON defect E-13)', () => {
    const s = loanSchedule({ ...plus40, durationYears: 50, livretAPath: [D('0.015'), D('0.024'), D('0.017')] });
    expect(s.rows).toHaveLength(50);
    expect(s.rows.map((r) => r.year)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(s.rows.find((r) => r.year === 51)).toBeUndefined();
    expect(s.rows[49]!.outstandingEur.isZero()).toBe(true);
    expect(s.rows[49]!.annuityEur.isPositive() && !s.rows[49]!.annuityEur.isZero()).toBe(true);
  });

  it('a fixed-rate loan does not follow the Livret A (LEON defect: fixed loans following LA)', () => {
    const fixed = (path: Dec[]) =>
      loanSchedule({ ...plus40, revisability: 'fixed', fixedRate: D('0.0025'), progressivity: ZERO, livretAPath: path });
    const a = fixed([]);
    const b = fixed([D('0.03'), D('0.06')]);
    expect(b.rows.map((r) => r.annuityEur.toString())).toEqual(a.rows.map((r) => r.annuityEur.toString()));
    expect(a.rows.every((r) => r.rate.eq('0.0025'))).toBe(true);
    // Action Logement 0.25 % fixed, 40 y: PMT(0.25 %, 40, −100 000) = 250 / (1 − 1.0025^−40);
    // 1.0025^40 = 1.1050330…, 1 − 1/1.1050330 = 0.0950497… → 2 630.20 €.
    expect(cents(a.rows[0]!.annuityEur)).toBe('2630.20');
  });

  it('deferral with interest: principal 0 and annuity = interest; the rest amortises on n − d', () => {
    const s = loanSchedule({ ...plus40, deferralYears: 2 });
    for (const r of s.rows.slice(0, 2)) {
      expect(r.principalEur.isZero()).toBe(true);
      expect(cents(r.annuityEur)).toBe('2100.00');
      expect(r.outstandingEur.eq(100000)).toBe(true);
    }
    expect(cents(s.rows[2]!.annuityEur)).toBe(cents(firstAnnuity(D(100000), D('0.021'), D('-0.005'), 38)));
    expect(s.rows).toHaveLength(40);
  });

  it('capitalised deferral: annuity 0, interest added to the outstanding', () => {
    const s = loanSchedule({ ...plus40, deferralYears: 2, deferralMode: 'capitalised' });
    expect(s.rows[0]!.annuityEur.isZero()).toBe(true);
    expect(cents(s.rows[0]!.outstandingEur)).toBe('102100.00');
    expect(cents(s.rows[1]!.outstandingEur)).toBe('104244.10'); // 100 000 × 1.021²
    const k2 = D(100000).times(D('1.021').pow(2));
    expect(cents(s.rows[2]!.annuityEur)).toBe(cents(firstAnnuity(k2, D('0.021'), D('-0.005'), 38)));
    expect(s.totalPrincipalEur.eq(100000)).toBe(true);
    expect(s.totalAnnuityEur.eq(s.totalInterestEur.plus(100000))).toBe(true);
  });

  it('double limitée floors the revised progressivity at 0; double does not', () => {
    const path = [D('0.015'), D('0.01')]; // LA falls 0.5 pt in year 2
    const dbl = loanSchedule({ ...plus40, livretAPath: path });
    const lim = loanSchedule({ ...plus40, livretAPath: path, revisability: 'double_limited' });
    expect(pct3(dbl.rows[1]!.progressivity)).toBe('-0.987'); // 0.995 × 1.016 / 1.021 − 1 = −0.98727 %
    expect(lim.rows[1]!.progressivity.isZero()).toBe(true);
    expect(pct3(lim.rows[1]!.rate)).toBe('1.600');
  });

  it('a rate that revises below zero is floored at 0 unless floorRateAtZero is false', () => {
    const path = [D('0.001')]; // t = 0.1 % − 0.2 % = −0.1 % (PLAI margin)
    const spec: LoanSpec = { ...plus40, margin: D('-0.002'), livretA0: D('0.001'), livretAPath: path, revisability: 'simple' };
    expect(loanSchedule(spec).rows.every((r) => r.rate.isZero())).toBe(true);
    expect(loanSchedule({ ...spec, floorRateAtZero: false }).rows[0]!.rate.eq('-0.001')).toBe(true);
    // The floor applies to t + (LA_N − LA₀), not to t before adding the move: LA +0.5 pt → 0.4 %.
    const rising = loanSchedule({ ...spec, livretAPath: [D('0.001'), D('0.006')] });
    expect(rising.rows.map((r) => r.rate.toString()).slice(0, 3)).toEqual(['0', '0.004', '0.004']);
  });

  it('q = 1 in a schedule (simple, p = tx): A1 = K (1 + t)/n, then A_k = A1 (1 + p)^(k−1)', () => {
    const s = loanSchedule({ ...plus40, margin: D('-0.01'), progressivity: D('0.005'), revisability: 'simple' }); // t = 0.5 %
    expect(s.rows[0]!.annuityEur.toString()).toBe('2512.5'); // 100 000 × 1.005 / 40
    for (const r of s.rows) expect(cents(r.annuityEur)).toBe(cents(D('2512.5').times(D('1.005').pow(r.year - 1))));
    expect(s.rows[39]!.outstandingEur.isZero()).toBe(true);
  });

  it('throws on an invalid spec', () => {
    expect(() => loanSchedule({ ...plus40, deferralYears: 40 })).toThrow(RangeError);
  });
});

describe('validateLoanSpec', () => {
  it('accepts a CDC PLUS loan', () => {
    expect(validateLoanSpec(plus40)).toEqual([]);
  });
  it('reports each problem', () => {
    const bad = validateLoanSpec({
      ...plus40,
      amountEur: D(0),
      durationYears: 2.5,
      deferralYears: -1,
      progressivity: D(1),
    });
    expect(bad).toHaveLength(4);
    expect(validateLoanSpec({ ...plus40, durationYears: 0 })).toHaveLength(1);
    expect(validateLoanSpec({ ...plus40, deferralYears: 40 })).toEqual(['deferral (40 y) must be shorter than the duration (40 y)']);
    expect(validateLoanSpec({ ...plus40, revisability: 'fixed' })).toEqual(['a fixed-rate loan needs fixedRate']);
    expect(validateLoanSpec({ ...plus40, margin: new Decimal(NaN) })).toHaveLength(1);
    expect(validateLoanSpec({ ...plus40, livretAPath: [D('0.02'), new Decimal(Infinity)] })).toHaveLength(1);
    expect(validateLoanSpec({ ...plus40, revisability: 'bogus' as Revisability })).toHaveLength(1);
  });
  it('leaves the CDC progressivity range (−3 %…+0.5 %) to callers: ±10 % is accepted', () => {
    expect(validateLoanSpec({ ...plus40, progressivity: D('-0.1') })).toEqual([]);
    expect(validateLoanSpec({ ...plus40, progressivity: D('0.1') })).toEqual([]);
    expect(validateLoanSpec({ ...plus40, progressivity: D('-1') })).toHaveLength(1);
  });
});

describe('prefinancingInterest', () => {
  it('worked by hand', () => {
    // 100 000 € drawn on 2025-01-01, end 2026-01-01 (365 days) at 2 %: 100 000 × (1.02 − 1) = 2 000.00 €.
    // A draw on the end date earns nothing.
    const draws = [
      { date: '2025-01-01', amountEur: D(100000) },
      { date: '2026-01-01', amountEur: D(50000) },
    ];
    expect(cents(prefinancingInterest(draws, D('0.02')))).toBe('2000.00'); // end = last draw
    expect(prefinancingInterest([draws[1]!], D('0.02')).isZero()).toBe(true);
    // 50 000 € over 730 days (2024 is a leap year, so 2024-01-02 → 2026-01-01) at 2 %:
    // 50 000 × (1.02² − 1) = 50 000 × 0.0404 = 2 020.00 €.
    expect(cents(prefinancingInterest([{ date: '2024-01-02', amountEur: D(50000) }], D('0.02'), '2026-01-01'))).toBe('2020.00');
    // 100 000 € over 73 days at 2 %: 1.02^(1/5) = e^(0.0198026273/5) = 1.0039683… → 396.84 €.
    expect(cents(prefinancingInterest([{ date: '2026-01-01', amountEur: D(100000) }], D('0.02'), '2026-03-15'))).toBe('396.84');
  });
  it('no draws → 0; a draw after the end date or a bad date is an error', () => {
    expect(prefinancingInterest([], D('0.02')).isZero()).toBe(true);
    expect(() => prefinancingInterest([{ date: '2026-02-01', amountEur: D(1) }], D('0.02'), '2026-01-01')).toThrow(RangeError);
    expect(() => prefinancingInterest([{ date: '2026-02-30', amountEur: D(1) }], D('0.02'))).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/** A fraction with 5 decimals (0.001 % steps) in [lo, hi] given in units of 1e-5. */
const frac = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((i) => D(i).div(100000));

const revisabilityArb = fc.constantFrom<Revisability>('simple', 'double', 'double_limited', 'fixed');

const specArb: fc.Arbitrary<LoanSpec> = fc
  .record({
    amountCents: fc.integer({ min: 100_000, max: 5_000_000_000 }),
    margin: frac(-400, 1500), // −0.4 % … +1.5 %
    livretA0: frac(0, 6000), // 0 … 6 %
    livretAPath: fc.array(frac(0, 6000), { minLength: 0, maxLength: 10 }),
    fixedRate: frac(0, 6000),
    n: fc.integer({ min: 1, max: 80 }),
    dRaw: fc.integer({ min: 0, max: 5 }),
    progressivity: frac(-3000, 500), // −3 % … +0.5 %
    deferralMode: fc.constantFrom<'interest' | 'capitalised'>('interest', 'capitalised'),
    revisability: revisabilityArb,
    floorRateAtZero: fc.boolean(),
  })
  .map((r) => ({
    amountEur: D(r.amountCents).div(100),
    margin: r.margin,
    livretA0: r.livretA0,
    livretAPath: r.livretAPath,
    ...(r.revisability === 'fixed' ? { fixedRate: r.fixedRate } : {}),
    durationYears: r.n,
    progressivity: r.progressivity,
    deferralYears: Math.min(r.dRaw, r.n - 1),
    deferralMode: r.deferralMode,
    revisability: r.revisability,
    floorRateAtZero: r.floorRateAtZero,
  }));

// FC_RUNS=5000 for a longer hunt; 200 by default.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 200) };

describe('loanSchedule properties', () => {
  it('exactly n rows, numbered 1..n; Σ principal = K exactly; outstanding ≥ 0 and exactly 0 at the end; annuity = interest + principal', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(validateLoanSpec(spec)).toEqual([]);
        const s = loanSchedule(spec);
        expect(s.rows).toHaveLength(spec.durationYears);
        s.rows.forEach((r, i) => expect(r.year).toBe(i + 1));
        let principal = ZERO;
        let crd = spec.amountEur;
        for (const r of s.rows) {
          expect(r.outstandingEur.isNegative()).toBe(false);
          expect(r.annuityEur.eq(r.interestEur.plus(r.principalEur))).toBe(true);
          crd = crd.minus(r.principalEur);
          expect(r.outstandingEur.eq(crd)).toBe(true);
          principal = principal.plus(r.principalEur);
        }
        expect(principal.eq(spec.amountEur)).toBe(true);
        expect(s.totalPrincipalEur.eq(spec.amountEur)).toBe(true);
        expect(s.rows[s.rows.length - 1]!.outstandingEur.isZero()).toBe(true);
        expect(s.totalAnnuityEur.eq(s.totalInterestEur.plus(spec.amountEur))).toBe(true);
      }),
      RUNS,
    );
  });

  it('deferral years amortise nothing (interest mode) or pay nothing (capitalised mode)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const s = loanSchedule(spec);
        for (const r of s.rows.slice(0, spec.deferralYears)) {
          if (spec.deferralMode === 'capitalised') {
            expect(r.annuityEur.isZero()).toBe(true);
            expect(r.principalEur.eq(r.interestEur.neg())).toBe(true);
          } else {
            expect(r.principalEur.isZero()).toBe(true);
            expect(r.annuityEur.eq(r.interestEur)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('zero rate and zero progressivity give K/(n − d) in each amortising year', () => {
    const zeroArb = fc.record({
      amountCents: fc.integer({ min: 100_000, max: 5_000_000_000 }),
      n: fc.integer({ min: 1, max: 80 }),
      dRaw: fc.integer({ min: 0, max: 5 }),
      revisability: revisabilityArb,
    });
    fc.assert(
      fc.property(zeroArb, ({ amountCents, n, dRaw, revisability }) => {
        const K = D(amountCents).div(100);
        const d = Math.min(dRaw, n - 1);
        const s = loanSchedule({
          amountEur: K,
          margin: ZERO,
          livretA0: ZERO,
          livretAPath: [],
          fixedRate: ZERO,
          durationYears: n,
          progressivity: ZERO,
          deferralYears: d,
          revisability,
        });
        const linear = K.div(n - d);
        for (const r of s.rows.slice(d)) {
          expect(r.interestEur.isZero()).toBe(true);
          // Each year is re-amortised on CRD/m from a CRD kept on the 10^−s € grid, so equality
          // holds to a few grid steps (≤ 1e-9 € here), and to the cent exactly.
          expect(r.principalEur.minus(linear).abs().lte('1e-9')).toBe(true);
          expect(cents(r.annuityEur)).toBe(cents(linear));
        }
      }),
      RUNS,
    );
  });

  it('SIMPLE revisability: a pointwise higher Livret A path never lowers any annuity', () => {
    const pairArb = fc
      .tuple(
        specArb,
        fc.array(fc.tuple(frac(0, 6000), fc.integer({ min: 0, max: 300 })), { minLength: 1, maxLength: 10 }),
      )
      .map(([spec, pts]) => ({
        spec: { ...spec, revisability: 'simple' as const },
        low: pts.map(([la]) => la),
        high: pts.map(([la, bp]) => la.plus(D(bp).div(10000))), // + 0 … 3 pt
      }));
    fc.assert(
      fc.property(pairArb, ({ spec, low, high }) => {
        const a = loanSchedule({ ...spec, livretAPath: low });
        const b = loanSchedule({ ...spec, livretAPath: high });
        a.rows.forEach((r, i) => expect(b.rows[i]!.annuityEur.gte(r.annuityEur)).toBe(true));
      }),
      RUNS,
    );
  });

  it('a flat path equal to LA₀ is the same schedule as an empty path', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 1, max: 10 }), (spec, len) => {
        const a = loanSchedule({ ...spec, livretAPath: [] });
        const b = loanSchedule({ ...spec, livretAPath: Array.from({ length: len }, () => spec.livretA0) });
        expect(b.rows.map((r) => r.annuityEur.toString())).toEqual(a.rows.map((r) => r.annuityEur.toString()));
      }),
      RUNS,
    );
  });

  it('without revision the first amortising annuity is firstAnnuity(K, t, p, n − d)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const s = loanSchedule({ ...spec, livretAPath: [], deferralMode: 'interest', floorRateAtZero: false });
        const t = spec.revisability === 'fixed' ? spec.fixedRate! : spec.livretA0.plus(spec.margin);
        // Double limitée floors the progressivity at 0 in every year, the first included.
        const p = spec.revisability === 'double_limited' && spec.progressivity.isNegative() ? ZERO : spec.progressivity;
        const a1 = firstAnnuity(spec.amountEur, t, p, spec.durationYears - spec.deferralYears);
        const r = s.rows[spec.deferralYears]!;
        // The schedule keeps money on a 10^−s € grid (s ≥ 7 for K ≤ 5·10^7 €).
        expect(r.annuityEur.minus(a1).abs().lte('1e-7')).toBe(true);
      }),
      RUNS,
    );
  });
});
