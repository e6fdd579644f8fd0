/**
 * Équilibre d'exploitation of the rental lots ([CDC-PLUS], [CIRC-97-51]):
 *   rents (zone ceiling × CS × (1 + local margin), LLI coefficient), the CDC loan schedules on a
 *   Livret A path, and the year-by-year operating account from the first year of letting:
 *   autofinancement and its cumulative, tested ≥ 0 every year over the main loan's life
 *   (circ. 97-51 annexe IV), with the loyer d'équilibre in closed form.
 *
 * The stage composes three rooms: rents (rents.ts), loan resolution (loans-resolve.ts) and the
 * operating account (account.ts); their names are re-exported here for the modules that import
 * the stage.
 */
import type { Diagnostic } from '../domain/diagnostic';
import { D, Decimal, ZERO, pct, type Dec } from '../domain/money';
import type { Financing } from './financing';
import type { CostPrice } from './cost-price';
import { take, takeNote, useParam, type Model } from './model';
import { resolveLoans, type LoanTerms } from './loans-resolve';
import { rentInfo, type RentInfo } from './rents';
import { foyerParts } from './foyer';
import { account, consolidate, operatingAssumptions, series, type Account, type AccountBase } from './account';
import { calendarOf, type Calendar } from './calendar';
import { advanceAnnuities, advanceSchedule, type AdvanceTerms } from './advances';
import { constantEuros, type ConstantEuros } from './constant-euros';
import { horizonDiagnostics } from './lines';

export { resolveLoans, type LoanTerms } from './loans-resolve';
export { rentInfo, type RentInfo } from './rents';
export { irr, operatingAssumptions, pathAt, type Account, type OperatingAssumptions, type YearRow } from './account';

export interface LotRental {
  lotIndex: number;
  rent: RentInfo;
  loans: LoanTerms[];
  account: Account;
  tfpbExemptionYears: number;
  /** The lot's remunerated equity advances and their schedules. */
  advances: AdvanceTerms[];
}

export interface Rental {
  lots: LotRental[];
  total: Account;
  horizonYears: number;
  livretA0: Dec;
  livretAPath: Dec[];
  loans: LoanTerms[];
  /** The calendar of the account (`operation.letting_date`): year 1's calendar year, its fraction, the first annuity's year. */
  calendar: Calendar;
  /** The deflator of the constant-euro columns, when the file states an index. */
  constantEuros: ConstantEuros | null;
  diagnostics: Diagnostic[];
}

export function computeRental(model: Model, cost: CostPrice, financing: Financing): Rental {
  const ds: Diagnostic[] = [];
  const a = model.input.assumptions ?? {};
  const rentalLots = model.lots.filter((l) => l.info.kind === 'rental');
  const { loans, la0, path } = resolveLoans(model, financing.loans, ds);
  const longest = loans.reduce((m, l) => Math.max(m, l.spec.durationYears), 0);
  const cal = calendarOf(model);
  let horizon: number;
  const horizonGiven = model.resolved['assumptions.horizon_years'];
  if (!takeNote(model, 'assumptions.horizon_years')) horizon = (horizonGiven.value as Dec).toNumber();
  else if (model.input.operation.letting_date !== undefined) {
    // With a calendar: the longest loan + the year of the first annuity's shift, at most 100 years.
    horizon = longest > 0 ? Math.min(100, longest + cal.annuityShift) : 40;
  } else {
    horizon = longest > 0 ? Math.min(80, longest) : 40;
  }
  const oa = operatingAssumptions(model);
  const ser = series(horizon, oa);
  if (oa.lines) ds.push(...horizonDiagnostics(model.input, horizon));
  const rentalDwellings = rentalLots.reduce((s, l) => s + l.dwellings, 0);
  const lots: LotRental[] = [];
  for (const lot of rentalLots) {
    const ri = rentInfo(model, lot, ds);
    const f = financing.rental.find((x) => x.lotIndex === lot.index)!;
    const lotLoans = loans.filter((l) => l.line.lotIndex === lot.index);
    const exemption = a.tfpb_exemption_years ?? useParam(model, `tfpb.${lot.info.key}.exemption_years`).toNumber();
    const annex = lot.input.rent;
    const annexMonthly = D(annex?.annex_rent_eur_per_month ?? 0).times(annex?.annex_count ?? 0);
    let premium = ZERO, premiumYears = 0;
    if (lot.tenure === 'SCIAPP') {
      premium = pct(lot.input.sciapp?.premium_pct !== undefined ? D(lot.input.sciapp.premium_pct) : take(model, 'sciapp.premium_pct'));
      premiumYears = lot.input.sciapp?.term_years ?? take(model, 'sciapp.term_years').toNumber();
    }
    const advances: AdvanceTerms[] = f.advances.map((line) => ({ line, lotIndex: lot.index, schedule: advanceSchedule(line) }));
    const base: AccountBase = { lot, loans: lotLoans, exemption, annexYear1: annexMonthly.times(12), equity: f.equityEur, costTtc: cost.perLot[lot.index]!.ttcEur, premium, premiumYears, ...(oa.lines ? { rentalDwellings } : {}) };
    if (!cal.firstYearFraction.eq(1)) base.firstYearFraction = cal.firstYearFraction;
    if (cal.annuityShift) base.annuityShift = cal.annuityShift;
    if (advances.length) base.advanceAnnuities = advanceAnnuities(advances, horizon, cal.annuityShift);
    // A foyer (foyer.ts): the charges part of its redevance, an income of the account; its rent-equivalent part is `ri.given`.
    const foyer = foyerParts(lot.input, ri.rentSurfaceM2);
    if (foyer) base.redevanceChargesYear1 = foyer.chargesMonthlyEur.times(12);
    let rent: Dec, origin: RentInfo['rentOrigin'];
    if (ri.given) { rent = ri.given; origin = 'file'; }
    else if (ri.maxRent) { rent = ri.maxRent; origin = 'maximum'; }
    else {
      // No ceiling and no rent given (a cooperative's redevance): the loyer d'équilibre.
      // Named rule: a charged redevance is rounded UP to 1/10 000 € per m², so the test it balances holds.
      rent = (account(base, ri.rentSurfaceM2, ZERO, horizon, oa, ser).breakEvenRent ?? ZERO).toDecimalPlaces(4, Decimal.ROUND_UP);
      origin = 'break_even';
    }
    const acc = account(base, ri.rentSurfaceM2, rent, horizon, oa, ser);
    const rentInfoFull: RentInfo = {
      lotIndex: lot.index, ceiling: ri.ceiling, structureCoefficient: ri.structureCoefficient, localMargin: ri.localMargin, maxRent: ri.maxRent, annexes: ri.annexes,
      rent, rentOrigin: origin, rentWithinMaximum: ri.maxRent ? rent.lte(ri.maxRent) : null, rentSurfaceM2: ri.rentSurfaceM2, annexRentYear1Eur: base.annexYear1, year1RentEur: ri.rentSurfaceM2.times(rent).times(12).plus(base.annexYear1),
    };
    if (foyer) rentInfoFull.foyer = { ...foyer, kind: lot.input.foyer!.kind, chargesYear1Eur: base.redevanceChargesYear1! };
    lots.push({ lotIndex: lot.index, rent: rentInfoFull, loans: lotLoans, account: acc, tfpbExemptionYears: exemption, advances });
  }
  const total = consolidate(lots, horizon, ser);
  return { lots, total, horizonYears: horizon, livretA0: la0, livretAPath: path, loans, calendar: cal, constantEuros: constantEuros(model, horizon), diagnostics: ds };
}
