/**
 * Published schedules and accounts add up to the cent (issue 12 point 19). The expected values are
 * invariants — a row foots, Σ rows = totals, Σ principal = the amount, a cumulative is the running
 * sum of the published cash flows — and closeness bounds to the exact engine values; none is
 * copied from the program's output. One hand-worked row: domain.md §3.3's own test vector, year 40
 * (annuity 3 322,26, CRD before 3 253,92 → interest published 68,34 so that the row foots).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { D, Decimal, type Dec } from '../src/domain/money';
import { loanSchedule, type LoanSpec, type Revisability } from '../src/engine/loan';
import { footParts, publishAccount, publishAccountColumns, publishSchedule } from '../src/report/foot';
import { ROOT, runCli } from './helpers/cli';

/** Cents of a JSON number (no float drift: the number has at most 2 decimals). */
const c = (x: number): number => Math.round(x * 100);
const sumC = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

interface JsonRow { year: number; annuity_eur: number; interest_eur: number; principal_eur: number; outstanding_eur: number }

/** Every published schedule invariant, in integer cents. */
function expectScheduleFoots(rows: JsonRow[], amountEur: number, totals?: { annuity_eur: number; interest_eur: number; principal_eur: number }): void {
  let prev = c(amountEur);
  for (const r of rows) {
    expect(c(r.annuity_eur), `year ${r.year}: annuity = interest + principal`).toBe(c(r.interest_eur) + c(r.principal_eur));
    expect(c(r.outstanding_eur), `year ${r.year}: outstanding = previous − principal`).toBe(prev - c(r.principal_eur));
    prev = c(r.outstanding_eur);
  }
  expect(prev, 'final outstanding').toBe(0);
  expect(sumC(rows.map((r) => c(r.principal_eur))), 'Σ principal = amount').toBe(c(amountEur));
  if (totals) {
    expect(c(totals.annuity_eur)).toBe(sumC(rows.map((r) => c(r.annuity_eur))));
    expect(c(totals.interest_eur)).toBe(sumC(rows.map((r) => c(r.interest_eur))));
    expect(c(totals.principal_eur)).toBe(sumC(rows.map((r) => c(r.principal_eur))));
  }
}

interface JsonYear { [k: string]: number }
// (a foyer's charges part, TEOM, other lines and equity advances: fields only where the file has them, 0 elsewhere)
const PLUS = ['rent_eur', 'annex_rent_eur', 'redevance_charges_eur', 'share_income_eur'];
const MINUS = ['losses_eur', 'annuities_eur', 'management_eur', 'maintenance_eur', 'major_maintenance_eur', 'tfpb_eur', 'insurance_eur', 'teom_eur', 'other_eur', 'contributions_eur', 'equity_advance_repayment_eur'];

function expectAccountFoots(years: JsonYear[], account: Record<string, unknown>): void {
  let cum = 0;
  for (const y of years) {
    const v = (k: string) => c(y[k] ?? 0);
    expect(v('collected_eur'), `year ${y.year}: collected`).toBe(v('rent_eur') + v('annex_rent_eur') + v('redevance_charges_eur') - v('losses_eur'));
    expect(v('charges_eur'), `year ${y.year}: charges`).toBe(sumC(MINUS.filter((k) => k !== 'losses_eur').map(v)));
    expect(v('cash_flow_eur'), `year ${y.year}: cash flow = Σ lines`).toBe(sumC(PLUS.map(v)) - sumC(MINUS.map(v)));
    expect(v('cash_flow_eur'), `year ${y.year}: cash flow = collected + shares − charges`).toBe(v('collected_eur') + v('share_income_eur') - v('charges_eur'));
    cum += v('cash_flow_eur');
    expect(v('cumulative_eur'), `year ${y.year}: cumulative = running sum`).toBe(cum);
  }
  // Counts and years read off the published rows: deficit years, year the equity is recovered.
  expect(account.deficit_years).toBe(years.filter((y) => c(y.cash_flow_eur!) < 0).length);
  const equity = c(account.equity_eur as number);
  expect(account.equity_recovery_year).toBe(equity > 0 ? (years.find((y) => c(y.cumulative_eur!) >= equity)?.year ?? null) : null);
  // The lowest cumulative over the test years is one of the published cumulatives, at its year.
  const testYears = account.test_years as number;
  const within = years.filter((y) => y.year! <= testYears).map((y) => c(y.cumulative_eur!));
  if (within.length) {
    expect(c(account.min_cumulative_cash_flow_eur as number)).toBe(Math.min(...within));
    expect(c(years[(account.min_cumulative_year as number) - 1]!.cumulative_eur!)).toBe(Math.min(...within));
  }
}

const files = [...fs.readdirSync(path.join(ROOT, 'fixtures')).map((f) => `fixtures/${f}`), 'examples/exemple.yaml'].filter((f) => f.endsWith('.yaml'));

describe('every fixture: published loans and accounts foot (report --format json)', () => {
  for (const file of files) {
    it(file, async () => {
      const r = await runCli(['report', file, '--format', 'json']);
      expect(r.code, r.stderr).not.toBe(2);
      const doc = JSON.parse(r.stdout);
      const rental = doc.rental;
      if (!rental) return;
      for (const lot of rental.lots) {
        for (const loan of lot.loans) {
          expectScheduleFoots(loan.schedule, loan.amount_eur);
          expect(c(loan.total_interest_eur)).toBe(sumC(loan.schedule.map((x: JsonRow) => c(x.interest_eur))));
        }
        expectAccountFoots(lot.account.years, lot.account);
        if (doc.metrics[`rental.${lot.id}.min_cumulative_cash_flow_eur`] !== undefined) expect(doc.metrics[`rental.${lot.id}.min_cumulative_cash_flow_eur`]).toBe(lot.account.min_cumulative_cash_flow_eur);
      }
      expectAccountFoots(rental.total.years, rental.total);
      expect(doc.metrics['rental.min_cumulative_cash_flow_eur']).toBe(rental.total.min_cumulative_cash_flow_eur);
      // the financing plan publishes the same loan amounts as the schedules' Σ principal
      for (const fl of doc.financing.lots) for (const l of fl.loans) {
        const sched = rental.lots.flatMap((x: { loans: { id: string; schedule: JsonRow[] }[] }) => x.loans).find((x: { id: string }) => x.id === l.id);
        if (sched) expect(sumC(sched.schedule.map((x: JsonRow) => c(x.principal_eur)))).toBe(c(l.amount_eur));
      }
    });
  }
});

describe('report tables foot in whole euros (--detail years)', () => {
  for (const file of ['fixtures/roubaix-esperance.yaml', 'fixtures/terra-arte.yaml', 'fixtures/village-vertical.yaml', 'examples/exemple.yaml']) {
    it(file, async () => {
      const r = await runCli(['report', file, '--detail', 'years', '--format', 'markdown']);
      const lines = r.stdout.split('\n');
      const start = lines.findIndex((l) => /Autofinancement/.test(l) && l.startsWith('|'));
      expect(start, 'an operating-account table').toBeGreaterThan(0);
      const headers = lines[start]!.split('|').slice(1, -1).map((x) => x.trim());
      const num = (s: string) => Number(s.replace(/[\s €\u202f\u00a0]/g, '').replace('−', '-').replace(',', '.'));
      let cum = 0, n = 0;
      for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
        const cells = lines[i]!.split('|').slice(1, -1).map((x) => num(x.trim()));
        const cf = cells[headers.indexOf('Autofinancement')]!;
        const lineSum = cells.slice(1, headers.indexOf('Autofinancement')).reduce((s, x) => s + x, 0);
        expect(lineSum, `year ${cells[0]}: columns add up to the cash flow`).toBe(cf);
        cum += cf;
        expect(cells[headers.indexOf('Cumul')], `year ${cells[0]}: running sum`).toBe(cum);
        n++;
      }
      expect(n).toBeGreaterThan(10);
    });
  }
});

const arbSpec: fc.Arbitrary<LoanSpec> = fc.record({
  cents: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1e10 }), fc.constantFrom(1, 100000, 1e13)),
  n: fc.integer({ min: 1, max: 80 }),
  dFrac: fc.double({ min: 0, max: 0.99, noNaN: true }),
  marginBp: fc.integer({ min: -500, max: 300 }),
  laBp: fc.integer({ min: 0, max: 800 }),
  pathBp: fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 5 }),
  progBp: fc.integer({ min: -300, max: 50 }),
  rev: fc.constantFrom<Revisability>('simple', 'double', 'double_limited', 'fixed'),
  capitalised: fc.boolean(),
}).map((x) => {
  const d = Math.min(x.n - 1, Math.floor(x.dFrac * Math.min(x.n, 3)));
  return {
    amountEur: D(x.cents).div(100), margin: D(x.marginBp).div(10000), livretA0: D(x.laBp).div(10000), livretAPath: x.pathBp.map((b) => D(b).div(10000)),
    durationYears: x.n, progressivity: D(x.progBp).div(10000), deferralYears: d, deferralMode: x.capitalised ? 'capitalised' : 'interest', revisability: x.rev,
    ...(x.rev === 'fixed' ? { fixedRate: D(Math.max(0, x.laBp + x.marginBp)).div(10000) } : {}),
  } as LoanSpec;
});

const toJsonRows = (rows: ReturnType<typeof publishSchedule>['rows']): JsonRow[] =>
  rows.map((r) => ({ year: r.year, annuity_eur: r.annuityEur.toNumber(), interest_eur: r.interestEur.toNumber(), principal_eur: r.principalEur.toNumber(), outstanding_eur: r.outstandingEur.toNumber() }));

describe('generated loans: the published schedule foots and stays within cents of the exact one', () => {
  it('fast-check over amounts, rates, durations, deferrals, revisabilities', () => {
    fc.assert(fc.property(arbSpec, (spec) => {
      const exact = loanSchedule(spec);
      const pub = publishSchedule(exact.rows);
      expectScheduleFoots(toJsonRows(pub.rows), pub.amountEur.toNumber(), { annuity_eur: pub.totalAnnuityEur.toNumber(), interest_eur: pub.totalInterestEur.toNumber(), principal_eur: pub.totalPrincipalEur.toNumber() });
      expect(pub.amountEur.toString()).toBe(spec.amountEur.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString());
      const cent = D('0.01');
      exact.rows.forEach((e, i) => {
        const p = pub.rows[i]!;
        expect(p.outstandingEur.minus(e.outstandingEur).abs().lte('0.005')).toBe(true);
        expect(p.principalEur.minus(e.principalEur).abs().lt(cent)).toBe(true);
        expect(p.annuityEur.minus(e.annuityEur).abs().lt(cent)).toBe(true);
        expect(p.interestEur.minus(e.interestEur).abs().lt(D('0.015'))).toBe(true);
        if (e.interestEur.isZero()) expect(p.interestEur.isZero()).toBe(true);
        if (e.annuityEur.isZero() && !spec.amountEur.decimalPlaces()) expect(p.annuityEur.isZero()).toBe(true);
        if (!e.interestEur.isNegative()) expect(p.interestEur.isNegative()).toBe(false);
      });
    }), { numRuns: 250 });
  }, 60_000);

  it('domain.md §3.3 vector, year 40: the published row foots (the note\'s own 68,33 does not)', () => {
    const s = loanSchedule({ amountEur: D(100000), margin: D('0.006'), livretA0: D('0.015'), livretAPath: [], progressivity: D('-0.005'), durationYears: 40, deferralYears: 0, revisability: 'double' });
    const last = publishSchedule(s.rows).rows[39]!;
    expect(last.annuityEur.toFixed(2)).toBe('3322.26');
    expect(last.principalEur.toFixed(2)).toBe('3253.92');
    expect(last.interestEur.toFixed(2)).toBe('68.34');
  });
});

describe('loan --format json and csv: published rows foot', () => {
  const cases: string[][] = [
    ['--amount', '100000', '--product', 'PLUS'],
    ['--amount', '1234567.89', '--margin-pct', '0.6', '--livret-a-path', '1.5,2,3.1,2.4', '--years', '37', '--progressivity-pct', '-1.3', '--deferral-years', '2'],
    ['--amount', '0.01', '--rate-pct', '3', '--years', '80'],
    ['--amount', '1e11', '--product', 'PLAI', '--line', 'land'],
    ['--amount', '999.99', '--margin-pct', '-5', '--livret-a-pct', '0', '--years', '7'],
  ];
  for (const args of cases) {
    it(args.join(' '), async () => {
      const r = await runCli(['loan', ...args, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expectScheduleFoots(doc.rows, doc.terms.amount_eur, doc.totals);
      const csv = await runCli(['loan', ...args, '--format', 'csv']);
      const rows = csv.stdout.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
      expectScheduleFoots(rows.map(([year, , , a, i, p, o]) => ({ year: year!, annuity_eur: a!, interest_eur: i!, principal_eur: p!, outstanding_eur: o! })), doc.terms.amount_eur);
    });
  }
});

describe('loan --format json on generated option sets (fast-check): every schedule foots', () => {
  it('amounts from 0,01 € to 1e11 €, rates, paths, durations, deferrals, revisabilities', async () => {
    const arb = fc.record({
      cents: fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 1e13 })),
      years: fc.integer({ min: 1, max: 80 }),
      margin: fc.integer({ min: -500, max: 300 }),
      la: fc.integer({ min: 0, max: 800 }),
      path: fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 4 }),
      prog: fc.integer({ min: -300, max: 50 }),
      deferral: fc.integer({ min: 0, max: 2 }),
      rev: fc.constantFrom('simple', 'double', 'double-limited', 'fixed'),
    });
    await fc.assert(fc.asyncProperty(arb, async (x) => {
      const pct = (bp: number) => (bp / 100).toString();
      const args = ['loan', '--amount', (x.cents / 100).toFixed(2), '--years', String(x.years), '--progressivity-pct', pct(x.prog), '--deferral-years', String(Math.min(x.deferral, x.years - 1)), '--format', 'json',
        ...(x.rev === 'fixed' ? ['--rate-pct', pct(Math.max(0, x.la + x.margin))] : ['--margin-pct', pct(x.margin), '--livret-a-pct', pct(x.la), '--revisability', x.rev, ...(x.path.length ? ['--livret-a-path', x.path.map(pct).join(',')] : [])])];
      const r = await runCli(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.rows).toHaveLength(x.years);
      expectScheduleFoots(doc.rows, doc.terms.amount_eur, doc.totals);
      expect(c(doc.terms.amount_eur)).toBe(x.cents);
      for (const row of doc.rows) expect(row.rate_pct).toBeGreaterThanOrEqual(0);
    }), { numRuns: 120 });
  }, 120_000);
});

describe('footParts', () => {
  it('reaches the target and keeps every part within one unit of its exact value', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), fc.boolean()), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: -1, max: 1 }), fc.constantFrom(0, 2),
      (raw, nudge, dp) => {
        const parts: Dec[] = raw.map(([i, f]) => D(i).div(1000).plus(D(f).div(1e6)));
        const signs = raw.map(([, , s]) => (s ? 1 : -1) as 1 | -1);
        let exact = D(0);
        parts.forEach((p, j) => { exact = signs[j] === 1 ? exact.plus(p) : exact.minus(p); });
        const unit = new Decimal(10).pow(-dp);
        // a target within one unit of the exact signed sum, on the grid
        let target = exact.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).plus(unit.times(nudge));
        if (target.minus(exact).abs().gte(unit)) target = exact.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
        const out = footParts(target, parts, signs, dp);
        let got = D(0);
        out.forEach((p, j) => { got = signs[j] === 1 ? got.plus(p) : got.minus(p); expect(p.decimalPlaces()).toBeLessThanOrEqual(dp); expect(p.minus(parts[j]!).abs().lt(unit)).toBe(true); });
        expect(got.eq(target)).toBe(true);
      },
    ), { numRuns: 500 });
  });

  it('publishAccount and publishAccountColumns leave an all-cent account unchanged', () => {
    const row = (y: number, cf: number, cum: number) => ({
      year: y, rentEur: D(1000), annexRentEur: D(0), lossesEur: D(30), shareIncomeEur: D(0), collectedEur: D(970), annuitiesEur: D(500), managementEur: D(100),
      maintenanceEur: D(50), majorMaintenanceEur: D(20), tfpbEur: D(0), insuranceEur: D(10), contributionsEur: D(cf === 250 ? 40 : 40), advanceRepaymentEur: D(0), chargesEur: D(720), cashFlowEur: D(cf), cumulativeEur: D(cum),
    });
    const rows = [row(1, 250, 250), row(2, 250, 500)];
    const pub = publishAccount(rows, 2);
    expect(pub.map((r) => [r.cashFlowEur.toNumber(), r.cumulativeEur.toNumber(), r.contributionsEur.toNumber()])).toEqual([[250, 250, 40], [250, 500, 40]]);
    expect(publishAccountColumns(rows, 0).map((x) => x.other.toNumber())).toEqual([50, 50]);
  });
});

describe('publishAccountColumns of the years shown only (the key years of the report table)', () => {
  // Generated accounts, values to the µ€: every kept row is the row of the whole publication, and a
  // share column that is 0 exactly every year is published 0 every year (report/rental.ts relies on it).
  const money = fc.integer({ min: -5e11, max: 5e11 }).map((x) => D(x).div(1e6));
  const arbRow = fc.record({ rent: money, annex: money, losses: money, share: fc.oneof(fc.constant(D(0)), money), ann: money, mgmt: money, maint: money, major: money, tfpb: money, ins: money, contrib: money });
  it('kept rows equal the whole publication; exact zero shares stay 0', () => {
    fc.assert(fc.property(fc.array(arbRow, { minLength: 1, maxLength: 30 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), fc.constantFrom(0, 2), fc.boolean(), (raw, keep, dp, noShares) => {
      let cum = D(0);
      const rows = raw.map((x, i) => {
        const share = noShares ? D(0) : x.share;
        const cf = x.rent.plus(x.annex).minus(x.losses).plus(share).minus(x.ann).minus(x.mgmt).minus(x.maint).minus(x.major).minus(x.tfpb).minus(x.ins).minus(x.contrib);
        cum = cum.plus(cf);
        return { year: i + 1, rentEur: x.rent, annexRentEur: x.annex, lossesEur: x.losses, shareIncomeEur: share, collectedEur: D(0), annuitiesEur: x.ann, managementEur: x.mgmt, maintenanceEur: x.maint, majorMaintenanceEur: x.major, tfpbEur: x.tfpb, insuranceEur: x.ins, contributionsEur: x.contrib, advanceRepaymentEur: D(0), chargesEur: D(0), cashFlowEur: cf, cumulativeEur: cum };
      });
      const whole = publishAccountColumns(rows, dp);
      const some = publishAccountColumns(rows, dp, (y) => keep[y - 1]!);
      const text = (x: object | undefined) => (x === undefined ? null : Object.entries(x).map(([k, v]) => `${k}=${(v as Dec).toString()}`).join(' '));
      rows.forEach((r, i) => expect(text(some[i])).toBe(keep[r.year - 1] ? text(whole[i]) : null));
      if (noShares) for (const x of whole) expect(x.share.isZero()).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('loan options: amount bounds and the rate floor (issue 12 point 20)', () => {
  it('--amount 1e11 (the documented maximum) is accepted, inclusive; just above is refused', async () => {
    expect((await runCli(['loan', '--amount', '1e11', '--product', 'PLUS'])).code).toBe(0);
    expect((await runCli(['loan', '--amount', '100000000000', '--product', 'PLUS'])).code).toBe(0);
    const over = await runCli(['loan', '--amount', '100000000000.01', '--product', 'PLUS']);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/INVALID_OPTION.*0,01 € à 100 milliards € \(1e11\), bornes comprises/);
  });
  it('--amount below the documented minimum of 0,01 € is refused, 0,01 € is accepted and foots', async () => {
    for (const a of ['0.005', '0.0099', '0', '-5']) {
      const r = await runCli(['loan', '--amount', a, '--product', 'PLUS', '--lang', 'en']);
      expect(r.code, a).toBe(2);
      expect(r.stderr).toMatch(/INVALID_OPTION.*from €0\.01 to €100 billion/);
      expect(r.stderr).not.toMatch(/at |Error/);
    }
    const ok = await runCli(['loan', '--amount', '0.01', '--product', 'PLUS', '--format', 'json']);
    const doc = JSON.parse(ok.stdout);
    expectScheduleFoots(doc.rows, 0.01, doc.totals);
  });
  it('a negative indexed rate is shown floored at 0 %, and said to be floored', async () => {
    const r = await runCli(['loan', '--amount', '1000', '--margin-pct', '-5', '--livret-a-pct', '0', '--years', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/Taux −5,00 %/);
    expect(r.stdout).toMatch(/Taux 0,00 % \(plancher: Livret A 0,00 % − 5,00 % = −5,00 %, ramené à 0 %\)/);
    expect(r.stdout).toMatch(/Taux plancher 0 %.*années 1 à 5/);
    const j = JSON.parse((await runCli(['loan', '--amount', '1000', '--margin-pct', '-5', '--livret-a-pct', '0', '--years', '5', '--format', 'json'])).stdout);
    expect(j.terms).toMatchObject({ rate_pct: 0, rate_floored_at_zero: true, unfloored_rate_pct: -5, floored_years: [1, 2, 3, 4, 5] });
    // rate 0 throughout: no interest at all, the rows are pure principal (hand-worked: 1000 € over 5 years)
    expect(j.totals.interest_eur).toBe(0);
    expect(j.rows.every((x: JsonRow) => x.interest_eur === 0 && x.annuity_eur === x.principal_eur)).toBe(true);
    // Only the years whose Livret A + margin is negative are floored: LA 0,2 → 0,4 → 1 with a margin of −0,5.
    const path = JSON.parse((await runCli(['loan', '--amount', '1000', '--margin-pct', '-0.5', '--livret-a-pct', '0.2', '--livret-a-path', '0.2,0.4,1', '--years', '5', '--format', 'json'])).stdout);
    expect(path.terms.floored_years).toEqual([1, 2]);
    expect(path.rows.map((x: { rate_pct: number }) => x.rate_pct)).toEqual([0, 0, 0.5, 0.5, 0.5]);
    const plainRate = JSON.parse((await runCli(['loan', '--amount', '1000', '--product', 'PLUS', '--format', 'json'])).stdout);
    expect(plainRate.terms.rate_floored_at_zero).toBe(false);
  });
  it('a negative fixed rate is refused', async () => {
    const r = await runCli(['loan', '--amount', '1000', '--rate-pct', '-1', '--years', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ne peut pas être négatif/);
  });
});

describe('report: a loan whose Livret A + margin is negative shows the floored rate', () => {
  const set = ['--set', 'assumptions.livret_a_pct=0', '--set', 'assumptions.livret_a_path_pct=[0]'];
  it('PLAI (LA − 0,20) at a Livret A of 0: 0 % (plancher), no interest; PLUS (LA + 0,60) unchanged', async () => {
    const j = JSON.parse((await runCli(['report', 'examples/exemple.yaml', ...set, '--format', 'json'])).stdout);
    const loans = j.rental.lots.flatMap((l: { loans: unknown[] }) => l.loans) as { product: string; rate_pct: number; rate_floored_at_zero: boolean; total_interest_eur: number; schedule: JsonRow[]; amount_eur: number }[];
    const plai = loans.filter((l) => l.product === 'plai'), plus = loans.filter((l) => l.product === 'plus');
    expect(plai.length).toBeGreaterThan(0);
    for (const l of plai) {
      expect(l).toMatchObject({ rate_pct: 0, rate_floored_at_zero: true, total_interest_eur: 0 });
      expectScheduleFoots(l.schedule, l.amount_eur);
    }
    for (const l of plus) expect(l).toMatchObject({ rate_pct: 0.6, rate_floored_at_zero: false });
    const text = (await runCli(['report', 'examples/exemple.yaml', ...set])).stdout;
    expect(text).toMatch(/Prêt CDC PLAI construction .*0,00 % \(plancher\)/);
    expect(text).not.toMatch(/Prêt CDC PLAI [^\n]*│ +−0,20 % │/); // the rate column, not the margin of the assumptions
    expect(text).toContain('Plancher: Livret A + marge est négatif, le taux appliqué est 0 %');
  });
});
