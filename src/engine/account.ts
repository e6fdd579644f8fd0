/**
 * The operating account (compte d'exploitation) of a rental lot and of all of them: the
 * assumptions it runs on (IRL path, charges, vacancy, maintenance, TFPB…), year by year from the
 * first year of letting: rents, losses, annuities, charges, autofinancement and its cumulative,
 * tested ≥ 0 every year over the main loan's life (circ. 97-51 annexe IV), with the loyer
 * d'équilibre in closed form, the IRR and NPV of the equity.
 */
import { D, ONE, ZERO, add, approx, cmp, isPos, mul, pct, sub, sum, type Dec } from '../domain/money';
import type { LoanTerms } from './loans-resolve';
import { firstCalendarYear, irlPathOf, take, useParam, type LotModel, type Model } from './model';
import { hasLines, indexSeries, pathOf, resolveLines, yearIndex, type ResolvedLines } from './lines';

export interface YearRow {
  year: number;
  rentEur: Dec;
  annexRentEur: Dec;
  /** A foyer's redevance: its charges part invoiced (indexed like the rents; its losses are in lossesEur). 0 elsewhere. */
  redevanceChargesEur?: Dec;
  lossesEur: Dec;
  /** SCIAPP: the households' share purchases (HLM rent × premium) over the term. */
  shareIncomeEur: Dec;
  collectedEur: Dec;
  annuitiesEur: Dec;
  managementEur: Dec;
  maintenanceEur: Dec;
  majorMaintenanceEur: Dec;
  tfpbEur: Dec;
  insuranceEur: Dec;
  /** TEOM and the other lines: only in an account written line by line (`assumptions.lines`, src/engine/lines.ts). */
  teomEur?: Dec;
  otherEur?: Dec;
  contributionsEur: Dec;
  /** Repayment of the remunerated equity advances (avances de fonds propres rémunérées). */
  advanceRepaymentEur: Dec;
  chargesEur: Dec;
  cashFlowEur: Dec;
  cumulativeEur: Dec;
}

export interface Account {
  rows: YearRow[];
  /** Years over which the regulatory test runs (main loan's life, within the horizon). */
  testYears: number;
  equityEur: Dec;
  minCumulativeEur: Dec;
  minCumulativeYear: number;
  balanced: boolean;
  deficitYears: number;
  equityRecoveryYear: number | null;
  npvEquityEur: Dec;
  irrEquity: number | null;
  /** Loyer d'équilibre €/m² SU/month: the uniform rent at which the minimum cumulative is exactly 0. */
  breakEvenRent: Dec | null;
  /** A_y: how much the cumulative of year y moves per 1 €/m² SU/month of rent (cum_y is affine in the rent). */
  rentCoef: Dec[];
  /** The rent the account was computed at (€/m² SU/month; 0 for a consolidation). */
  rentPerM2: Dec;
  /** Yearly cash flow and cumulative (year 1 first), without building the detailed rows. */
  cashFlows: Dec[];
  cumulative: Dec[];
  annuities: Dec[];
}

/** The assumptions of the operating account, with defaults recorded as used. */
export interface OperatingAssumptions {
  irlPath: Dec[];
  chargesIndexation: Dec;
  vacancy: Dec;
  badDebt: Dec;
  management: Dec;
  maintenance: Dec;
  maintenanceFrom: number;
  majorMaintenancePerDwelling: Dec | null;
  majorMaintenancePctOfCost: Dec | null;
  majorMaintenanceFrom: number;
  tfpb: Dec;
  insurance: Dec;
  contributions: Dec;
  discountRate: Dec;
  /** The account line by line (src/engine/lines.ts), when the file writes `lines` or `other_lines`. */
  lines?: ResolvedLines;
  /** The years (index) where a line at a % of the rents takes its `by_year_pct`: that year's vacancy, bad debt and contributions (CGLLS + ANCOLS). */
  ratesByYear?: Map<number, YearRates>;
}

/** The rates of the rents of one year. */
export interface YearRates { vacancy: Dec; badDebt: Dec; contributions: Dec }

/** The rates of the rents of year y: its `by_year_pct`, else the lines' constant rates. */
export function ratesAt(oa: OperatingAssumptions, y: number): YearRates {
  return oa.ratesByYear?.get(y) ?? { vacancy: oa.vacancy, badDebt: oa.badDebt, contributions: oa.contributions };
}

export function operatingAssumptions(model: Model): OperatingAssumptions {
  if (hasLines(model.input)) return operatingAssumptionsByLine(model);
  const a = model.input.assumptions ?? {};
  const irlPath = irlPathOf(model);
  const majorPct = a.major_maintenance_pct_of_cost !== undefined ? pct(a.major_maintenance_pct_of_cost) : null;
  const tfpb = a.tfpb_eur_per_dwelling !== undefined ? D(a.tfpb_eur_per_dwelling) : useParam(model, 'tfpb.amount_eur_per_dwelling');
  return {
    irlPath,
    chargesIndexation: pct(take(model, 'assumptions.charges_indexation_pct')),
    vacancy: pct(take(model, 'assumptions.vacancy_pct')),
    badDebt: pct(take(model, 'assumptions.bad_debt_pct')),
    management: take(model, 'assumptions.management_eur_per_dwelling'),
    maintenance: take(model, 'assumptions.maintenance_eur_per_dwelling'),
    maintenanceFrom: take(model, 'assumptions.maintenance_from_year').toNumber(),
    majorMaintenancePerDwelling: majorPct ? null : take(model, 'assumptions.major_maintenance_eur_per_dwelling'),
    majorMaintenancePctOfCost: majorPct,
    majorMaintenanceFrom: take(model, 'assumptions.major_maintenance_from_year').toNumber(),
    tfpb,
    insurance: take(model, 'assumptions.insurance_eur_per_dwelling'),
    contributions: pct(take(model, 'assumptions.cglls_pct')).plus(pct(take(model, 'assumptions.ancols_pct'))),
    discountRate: pct(take(model, 'assumptions.discount_rate_pct')),
  };
}

/** The assumptions of an account written line by line: each attribute from its line, else its shorthand, else its default. */
function operatingAssumptionsByLine(model: Model): OperatingAssumptions {
  const a = model.input.assumptions ?? {};
  const l = a.lines ?? {};
  const rents = l.rents;
  const irlPath = rents?.indexation_path_pct !== undefined ? pathOf(rents.indexation_path_pct, firstCalendarYear(model), (y) => pathAt(irlPathOf(model), y - 1))
    : rents?.indexation_pct !== undefined ? [pct(rents.indexation_pct)] : irlPathOf(model);
  const chargesIndexation = pct(take(model, 'assumptions.charges_indexation_pct'));
  const share = (line: { pct_of_rents?: number | undefined } | undefined, key: 'assumptions.vacancy_pct' | 'assumptions.bad_debt_pct' | 'assumptions.cglls_pct' | 'assumptions.ancols_pct'): Dec =>
    line?.pct_of_rents !== undefined ? pct(line.pct_of_rents) : pct(take(model, key));
  const vacancy = share(l.vacancy, 'assumptions.vacancy_pct');
  const badDebt = share(l.bad_debt, 'assumptions.bad_debt_pct');
  const contributions = share(l.cglls, 'assumptions.cglls_pct').plus(share(l.ancols, 'assumptions.ancols_pct'));
  // `by_year_pct`: the rate of a given year replaces the line's that year only
  const first = firstCalendarYear(model);
  const yearly = (line: { by_year_pct?: Record<string, number> | undefined } | undefined): Map<number, Dec> =>
    new Map(Object.entries(line?.by_year_pct ?? {}).map(([k, v]) => [yearIndex(Number(k), first), pct(v)] as const));
  const vy = yearly(l.vacancy), by = yearly(l.bad_debt), cy = yearly(l.cglls), ay = yearly(l.ancols);
  let ratesByYear: Map<number, YearRates> | undefined;
  const years = new Set([...vy.keys(), ...by.keys(), ...cy.keys(), ...ay.keys()]);
  if (years.size) {
    const cg = share(l.cglls, 'assumptions.cglls_pct'), an = share(l.ancols, 'assumptions.ancols_pct');
    ratesByYear = new Map([...years].sort((x, z) => x - z).map((y) => [y, { vacancy: vy.get(y) ?? vacancy, badDebt: by.get(y) ?? badDebt, contributions: (cy.get(y) ?? cg).plus(ay.get(y) ?? an) }] as const));
  }
  const lines = resolveLines(model, chargesIndexation);
  const perDwelling = (id: string) => { const c = lines.charges.find((x) => x.id === id)!; return c.amount?.key === 'eur_per_dwelling' ? c.amount.value : ZERO; };
  return {
    irlPath, chargesIndexation, vacancy, badDebt,
    management: perDwelling('management'), maintenance: perDwelling('maintenance'), maintenanceFrom: lines.charges.find((x) => x.id === 'maintenance')!.from ?? 1,
    majorMaintenancePerDwelling: perDwelling('major_maintenance'), majorMaintenancePctOfCost: null,
    majorMaintenanceFrom: lines.charges.find((x) => x.id === 'major_maintenance')!.from ?? 1,
    tfpb: perDwelling('tfpb'), insurance: perDwelling('insurance'), contributions,
    discountRate: pct(take(model, 'assumptions.discount_rate_pct')),
    lines,
    ...(ratesByYear ? { ratesByYear } : {}),
  };
}

/** Value of an indexed path in year y (y ≥ 1): the first value applies to year 1, the last holds after. */
export function pathAt(path: readonly Dec[], y: number): Dec {
  return path[Math.min(y, path.length) - 1]!;
}

/** Index series shared by every lot of an evaluation: computed once (year 1 = index 0). */
export interface Series {
  rentIdx: Dec[];
  chargeIdx: Dec[];
  /** 1 / (1 + discount)^y */
  discount: Dec[];
  /** An account written line by line: each charge line's own index (null: the charges index), the annex rents' (null: the rents'). */
  lineIdx?: (Dec[] | null)[];
  annexIdx?: Dec[] | null;
}

const seriesCache = new Map<string, Series>();
const SERIES_CACHE_MAX = 64;

export function series(horizon: number, oa: OperatingAssumptions): Series {
  // The same horizon and rates give the same series (another evaluation of the operation, with
  // other costs, prices or loans): kept, bounded. The arrays are read, never changed.
  const key = oa.lines ? null : `${horizon}|${oa.irlPath.map((x) => x.toString()).join(' ')}|${oa.chargesIndexation.toString()}|${oa.discountRate.toString()}`;
  const known = key === null ? undefined : seriesCache.get(key);
  if (known !== undefined) return known;
  const rentIdx: Dec[] = [], chargeIdx: Dec[] = [], discount: Dec[] = [];
  let r = ONE, c = ONE, d = ONE;
  const cf = ONE.plus(oa.chargesIndexation);
  const df = ONE.div(ONE.plus(oa.discountRate));
  // 1 + IRL of each value of the path, once (the last value holds for the remaining years)
  const rf: Dec[] = [];
  // The charges indexed at the IRL's rate in every year (the defaults: 1.8 % and 1.8 %): the same
  // products of the same factors, so the same series.
  const sameAsRents = oa.irlPath.length > 0 && oa.irlPath.every((x) => cmp(x, oa.chargesIndexation) === 0);
  for (let y = 1; y <= horizon; y++) {
    if (y > 1) {
      const k = Math.min(y - 1, oa.irlPath.length) - 1;
      const f = (rf[k] ??= ONE.plus(oa.irlPath[k]!));
      r = r.times(f);
      if (!sameAsRents) c = c.times(cf);
    }
    d = d.times(df);
    rentIdx.push(r); chargeIdx.push(sameAsRents ? r : c); discount.push(d);
  }
  if (key !== null) {
    if (seriesCache.size >= SERIES_CACHE_MAX) seriesCache.clear();
    seriesCache.set(key, { rentIdx, chargeIdx, discount });
  }
  if (oa.lines) {
    const lineIdx = oa.lines.charges.map((l) => (l.path ? indexSeries(l.path, horizon) : null));
    return { rentIdx, chargeIdx, discount, lineIdx, annexIdx: oa.lines.annexPath ? indexSeries(oa.lines.annexPath, horizon) : null };
  }
  return { rentIdx, chargeIdx, discount };
}

export interface AccountBase {
  premium: Dec;
  premiumYears: number;
  lot: LotModel;
  loans: LoanTerms[];
  exemption: number;
  annexYear1: Dec;
  /** A foyer's redevance: its charges part invoiced in year 1 (12 × monthly); an income like the annex rents, without contributions. */
  redevanceChargesYear1?: Dec;
  equity: Dec;
  costTtc: Dec;
  /** Year 1's share of a full year (the months let, src/engine/calendar.ts); absent: 1. */
  firstYearFraction?: Dec;
  /** 1 when the first annuity falls in year 2 (letting after 1 January): year y carries schedule row y − 1. */
  annuityShift?: number;
  /** The remunerated equity advances' annuities by account year (year 1 first). */
  advanceAnnuities?: readonly Dec[];
  /** The dwellings of every rental lot: a yearly total (`eur_per_year`, `by_year`) is split pro rata of the dwellings. */
  rentalDwellings?: number;
}

/** Years of the regulatory test: the main loan's life (the longest building loan, else the longest loan) + the annuity shift, within the horizon. */
function testYearsOf(loans: readonly LoanTerms[], horizon: number, shift = 0): number {
  const building = loans.filter((l) => l.line.line === 'building').map((l) => l.spec.durationYears);
  const all = loans.map((l) => l.spec.durationYears);
  const main = building.length ? Math.max(...building) : all.length ? Math.max(...all) : horizon;
  return Math.min(main + (building.length || all.length ? shift : 0), horizon);
}

/**
 * The operating account of one lot at a given rent (€/m² SU/month).
 * The yearly cash flow is computed from constants combined once:
 *   cf_y = ri_y · (R + S·[y ≤ term]) − annuities_y − ci_y · C_y
 * with R the year-1 rents net of losses and contributions, S the SCIAPP share purchases and C_y
 * the year-1 charges in force that year (maintenance from year 3, major maintenance from year 5,
 * TFPB after its exemption); the detailed rows (every line of the account) are built only when
 * something reads them (a report), from the same definitions.
 */
export function account(b: AccountBase, surface: Dec, rentPerM2: Dec, horizon: number, oa: OperatingAssumptions, ser: Series): Account {
  if (oa.lines) return accountByLine(b, surface, rentPerM2, horizon, oa, ser);
  const n = b.lot.dwellings;
  // Year 1 prorated by the months let (1 otherwise); the loans' rows shifted by a year when the first annuity falls in year 2.
  const f1 = b.firstYearFraction ?? ONE;
  const fr = (y: number): Dec => (y === 1 ? f1 : ONE);
  const shift = b.annuityShift ?? 0;
  const adv = b.advanceAnnuities;
  const lossRate = oa.vacancy.plus(oa.badDebt);
  const keep = ONE.minus(lossRate);
  const rent1 = surface.times(rentPerM2).times(12);
  const management1 = oa.management.times(n);
  const maintenance1 = oa.maintenance.times(n);
  const major1 = oa.majorMaintenancePctOfCost ? b.costTtc.times(oa.majorMaintenancePctOfCost) : oa.majorMaintenancePerDwelling!.times(n);
  const tfpb1 = oa.tfpb.times(n);
  const insurance1 = oa.insurance.times(n);
  const shareRate = keep.times(b.premium);
  const netFactor = keep.times(ONE.minus(oa.contributions));
  const charges1 = b.redevanceChargesYear1 ?? ZERO;
  // A foyer's charges part: collected net of vacancy and bad debt; not a rent, so no CGLLS/ANCOLS contribution.
  const incomeR = charges1.isZero() ? rent1.plus(b.annexYear1).times(netFactor) : rent1.plus(b.annexYear1).times(netFactor).plus(charges1.times(keep));
  const incomeRS = incomeR.plus(rent1.times(shareRate));
  const chargeCache = new Map<number, Dec>();
  const chargesAt = (y: number): Dec => {
    const key = (y >= oa.maintenanceFrom ? 1 : 0) | (y >= oa.majorMaintenanceFrom ? 2 : 0) | (y > b.exemption ? 4 : 0);
    let c = chargeCache.get(key);
    if (!c) {
      c = management1.plus(insurance1);
      if (key & 1) c = c.plus(maintenance1);
      if (key & 2) c = c.plus(major1);
      if (key & 4) c = c.plus(tfpb1);
      chargeCache.set(key, c);
    }
    return c;
  };
  // For the loyer d'équilibre: cum_y(r) = A_y·r + B_y, exact (everything else is independent of r).
  // Computed when first read (the loyer d'équilibre, a consolidation's), not by every evaluation.
  let aCoefMemo: Dec[] | undefined;
  const rentCoef = (): Dec[] => {
    if (aCoefMemo) return aCoefMemo;
    const unit = surface.times(12).times(keep);
    const unitPlain = unit.times(ONE.minus(oa.contributions));
    const unitShare = unit.times(ONE.minus(oa.contributions).plus(b.premium));
    const aCoef: Dec[] = [];
    let aCum = ZERO;
    for (let y = 1; y <= horizon; y++) {
      aCum = add(aCum, mul((y <= b.premiumYears ? unitShare : unitPlain).times(ser.rentIdx[y - 1]!), fr(y)));
      aCoef.push(aCum);
    }
    return (aCoefMemo = aCoef);
  };
  const cashFlows: Dec[] = [];
  const cumulative: Dec[] = [];
  const annuitiesByYear: Dec[] = [];
  let cum = ZERO;
  for (let y = 1; y <= horizon; y++) {
    let ri = ser.rentIdx[y - 1]!, ci = ser.chargeIdx[y - 1]!;
    if (y === 1 && b.firstYearFraction) { ri = ri.times(f1); ci = ci.times(f1); }
    let annuities = ZERO;
    for (const l of b.loans) { const row = l.schedule.rows[y - 1 - shift]; if (row) annuities = add(annuities, row.annuityEur); }
    annuitiesByYear.push(annuities);
    const inShare = y <= b.premiumYears;
    let cf = sub(ri.times(inShare ? incomeRS : incomeR), annuities).minus(ci.times(chargesAt(y)));
    if (adv) cf = sub(cf, adv[y - 1] ?? ZERO);
    cum = add(cum, cf);
    cashFlows.push(cf);
    cumulative.push(cum);
  }
  const buildRows = (): YearRow[] => {
    const out: YearRow[] = [];
    for (let y = 1; y <= horizon; y++) {
      let ri = ser.rentIdx[y - 1]!, ci = ser.chargeIdx[y - 1]!;
      if (y === 1 && b.firstYearFraction) { ri = ri.times(f1); ci = ci.times(f1); }
      const rent = rent1.times(ri);
      const annexRent = b.annexYear1.isZero() ? ZERO : b.annexYear1.times(ri);
      const redevanceCharges = charges1.isZero() ? ZERO : charges1.times(ri);
      const gross = rent.plus(annexRent).plus(redevanceCharges);
      const losses = gross.times(lossRate);
      const collected = gross.minus(losses);
      const management = management1.times(ci);
      const maintenance = y >= oa.maintenanceFrom ? maintenance1.times(ci) : ZERO;
      const major = y >= oa.majorMaintenanceFrom ? major1.times(ci) : ZERO;
      // TFPB exempt during the first `exemption` years, paid from year exemption + 1 (CGI 1384 A).
      const tfpb = y > b.exemption ? tfpb1.times(ci) : ZERO;
      const insurance = insurance1.times(ci);
      const contributions = (redevanceCharges.isZero() ? collected : collected.minus(redevanceCharges.times(keep))).times(oa.contributions);
      const share = y <= b.premiumYears ? rent.times(shareRate) : ZERO;
      const annuities = annuitiesByYear[y - 1]!;
      const advance = adv?.[y - 1] ?? ZERO;
      const charges = add(add(add(add(add(add(add(annuities, management), maintenance), major), tfpb), insurance), contributions), advance);
      out.push({ year: y, rentEur: rent, annexRentEur: annexRent, redevanceChargesEur: redevanceCharges, lossesEur: losses, shareIncomeEur: share, collectedEur: collected, annuitiesEur: annuities, managementEur: management, maintenanceEur: maintenance, majorMaintenanceEur: major, tfpbEur: tfpb, insuranceEur: insurance, contributionsEur: contributions, advanceRepaymentEur: advance, chargesEur: charges, cashFlowEur: cashFlows[y - 1]!, cumulativeEur: cumulative[y - 1]! });
    }
    return out;
  };
  return lotAccount(b, horizon, shift, rentPerM2, ser, { cashFlows, cumulative, annuitiesByYear, buildRows, rentCoef });
}

/**
 * The operating account of one lot written line by line (src/engine/lines.ts). The same closed
 * form, year by year: cf_y = income_y − annuities_y − ci_y · C_y − Σ own_y, where C_y sums (in the
 * order of the closed form above) the year-1 amounts of the lines in force that follow the charges
 * index, and `own` are the lines with their own index, a % of the rents, a recoverable share or a
 * typed amount that year. Lines at a % of the rents move with the rent: A_y (`rentCoef`) takes
 * them off, so the cumulative stays affine in the rent.
 */
function accountByLine(b: AccountBase, surface: Dec, rentPerM2: Dec, horizon: number, oa: OperatingAssumptions, ser: Series): Account {
  const lines = oa.lines!;
  const n = b.lot.dwellings;
  // As in `account`: year 1 prorated by the months let, the loans' rows a year later, the advances' annuities, a foyer's charges part.
  const f1 = b.firstYearFraction ?? ONE;
  const fr = (y: number): Dec => (y === 1 ? f1 : ONE);
  const shift = b.annuityShift ?? 0;
  const adv = b.advanceAnnuities;
  const charges1 = b.redevanceChargesYear1 ?? ZERO;
  const total = b.rentalDwellings ?? n;
  const split = (x: Dec): Dec => (total === n ? x : x.times(n).div(total));
  const rent1 = surface.times(rentPerM2).times(12);
  // The rates of the rents: the lines' constant ones, or a year's `by_year_pct` (src/engine/account.ts `ratesAt`).
  const rateOf = (r: YearRates) => {
    const lossRate = r.vacancy.plus(r.badDebt);
    const keep = ONE.minus(lossRate);
    const shareRate = keep.times(b.premium);
    const netFactor = keep.times(ONE.minus(r.contributions));
    const incomeR = charges1.isZero() ? rent1.plus(b.annexYear1).times(netFactor) : rent1.plus(b.annexYear1).times(netFactor).plus(charges1.times(keep));
    return { vacancy: r.vacancy, contributions: r.contributions, lossRate, keep, shareRate, netFactor, incomeR, incomeRS: incomeR.plus(rent1.times(shareRate)) };
  };
  const base0 = rateOf({ vacancy: oa.vacancy, badDebt: oa.badDebt, contributions: oa.contributions });
  const byYearRates = oa.ratesByYear ? new Map([...oa.ratesByYear].map(([y, r]) => [y, rateOf(r)] as const)) : null;
  const rt = (y: number) => byYearRates?.get(y) ?? base0;
  const annexIdx = ser.annexIdx ?? null;
  const base = (am: { key: string; value: Dec }): Dec | null => {
    switch (am.key) {
      case 'eur_per_dwelling': return am.value.times(n);
      case 'eur_per_m2_su': return am.value.times(b.lot.suM2);
      case 'eur_per_m2_shab': return am.value.times(b.lot.shabM2);
      case 'eur_per_year': return split(am.value);
      case 'pct_of_cost': return b.costTtc.times(am.value);
      default: return null; // pct_of_rents
    }
  };
  // Per line: its year-1 amount, or the plan's by year; its first year; its index.
  const specs = lines.charges.map((l, k) => {
    const from = l.from ?? (l.id === 'tfpb' && !l.other ? b.exemption + 1 : l.plan ? l.plan[0]!.from : 1);
    const plan = l.plan?.map((r) => ({ from: r.from, base: base(r.amount), pct: r.amount.key === 'pct_of_rents' ? r.amount.value : null }));
    const amount = l.amount ? { base: base(l.amount), pct: l.amount.key === 'pct_of_rents' ? l.amount.value : null } : null;
    const byYear = new Map<number, Dec>();
    for (const [y, v] of l.byYear) byYear.set(y, split(v));
    return { line: l, from, plan, amount, byYear, idx: ser.lineIdx?.[k] ?? null, rec: l.recoverable };
  });
  type Spec = (typeof specs)[number];
  /** The line's form in year y: its year-1 amount (`base`) or its % of the rents (`pct`); null: nothing (before its first year). */
  const formAt = (s: Spec, y: number): { base: Dec | null; pct: Dec | null } | null => {
    if (y < s.from) return null;
    if (s.plan) { let row = null; for (const r of s.plan) if (r.from <= y) row = r; return row; }
    return s.amount;
  };
  /** What the account bears of line s in year y, given the gross rents invoiced that year. */
  const borne = (s: Spec, y: number, gross: Dec): Dec => {
    const typed = s.byYear.get(y);
    let amount: Dec;
    if (typed !== undefined) amount = typed;
    else {
      const f = formAt(s, y);
      if (!f) return ZERO;
      // (gross: the rents invoiced that year, already prorated in year 1)
      amount = f.pct ? gross.times(f.pct) : mul(f.base!.times(s.idx ? s.idx[y - 1]! : ser.chargeIdx[y - 1]!), fr(y));
    }
    return s.rec ? amount.times(rt(y).vacancy) : amount;
  };
  /** Whether line s is in the closed form's C_y in year y: on the charges index, not typed, not a % of the rents, not recoverable. */
  const inC = (s: Spec, y: number): Dec | null => {
    if (s.idx || s.rec || s.byYear.has(y)) return null;
    const f = formAt(s, y);
    return f && !f.pct ? f.base : null;
  };
  const grossAt = (y: number): Dec => {
    const ri = ser.rentIdx[y - 1]!;
    return mul(add(rent1.times(ri), b.annexYear1.isZero() ? ZERO : b.annexYear1.times(annexIdx ? annexIdx[y - 1]! : ri)), fr(y));
  };
  const cashFlows: Dec[] = [];
  const cumulative: Dec[] = [];
  const annuitiesByYear: Dec[] = [];
  let cum = ZERO;
  for (let y = 1; y <= horizon; y++) {
    const ri = ser.rentIdx[y - 1]!, ci = ser.chargeIdx[y - 1]!;
    let annuities = ZERO;
    for (const l of b.loans) { const row = l.schedule.rows[y - 1 - shift]; if (row) annuities = add(annuities, row.annuityEur); }
    annuitiesByYear.push(annuities);
    const inShare = y <= b.premiumYears;
    const { netFactor, shareRate, keep, incomeR, incomeRS } = rt(y);
    let income = annexIdx && !b.annexYear1.isZero()
      ? rent1.times(ri).plus(b.annexYear1.times(annexIdx[y - 1]!)).times(netFactor).plus(inShare ? rent1.times(ri).times(shareRate) : ZERO).plus(charges1.isZero() ? ZERO : charges1.times(ri).times(keep))
      : ri.times(inShare ? incomeRS : incomeR);
    if (y === 1 && b.firstYearFraction) income = income.times(f1);
    let c = ZERO, own = ZERO;
    const gross = grossAt(y);
    for (const s of specs) {
      const x = inC(s, y);
      if (x) c = add(c, x); else own = add(own, borne(s, y, gross));
    }
    let cf = sub(sub(income, annuities).minus(mul(ci.times(c), fr(y))), own);
    if (adv) cf = sub(cf, adv[y - 1] ?? ZERO);
    cum = add(cum, cf);
    cashFlows.push(cf);
    cumulative.push(cum);
  }
  let aCoefMemo: Dec[] | undefined;
  const rentCoef = (): Dec[] => {
    if (aCoefMemo) return aCoefMemo;
    const units = (r: ReturnType<typeof rateOf>) => {
      const unit = surface.times(12).times(r.keep);
      return { unitPlain: unit.times(ONE.minus(r.contributions)), unitShare: unit.times(ONE.minus(r.contributions).plus(b.premium)) };
    };
    const u0 = units(base0);
    const aCoef: Dec[] = [];
    let aCum = ZERO;
    for (let y = 1; y <= horizon; y++) {
      const r = rt(y);
      const { unitPlain, unitShare } = r === base0 ? u0 : units(r);
      let p = ZERO;
      for (const s of specs) { if (s.byYear.has(y)) continue; const f = formAt(s, y); if (f?.pct) p = p.plus(s.rec ? f.pct.times(r.vacancy) : f.pct); }
      const ri = ser.rentIdx[y - 1]!;
      aCum = add(aCum, mul((y <= b.premiumYears ? unitShare : unitPlain).times(ri), fr(y)));
      if (!p.isZero()) aCum = aCum.minus(mul(surface.times(12).times(p).times(ri), fr(y)));
      aCoef.push(aCum);
    }
    return (aCoefMemo = aCoef);
  };
  const buildRows = (): YearRow[] => {
    const out: YearRow[] = [];
    for (let y = 1; y <= horizon; y++) {
      const ri = mul(ser.rentIdx[y - 1]!, fr(y));
      const rent = rent1.times(ri);
      const annexRent = b.annexYear1.isZero() ? ZERO : b.annexYear1.times(annexIdx ? annexIdx[y - 1]!.times(fr(y)) : ri);
      const redevanceCharges = charges1.isZero() ? ZERO : charges1.times(ri);
      const gross = rent.plus(annexRent);
      const { lossRate, keep, shareRate } = rt(y);
      const losses = gross.plus(redevanceCharges).times(lossRate);
      const collected = gross.plus(redevanceCharges).minus(losses);
      const by = new Map<string, Dec>();
      let other = ZERO;
      for (const s of specs) { const x = borne(s, y, gross); if (s.line.other) other = other.plus(x); else by.set(s.line.id, x); }
      const contributions = (redevanceCharges.isZero() ? collected : collected.minus(redevanceCharges.times(keep))).times(rt(y).contributions);
      const share = y <= b.premiumYears ? rent.times(shareRate) : ZERO;
      const annuities = annuitiesByYear[y - 1]!;
      const get = (id: string) => by.get(id) ?? ZERO;
      const teom = get('teom');
      let charges = annuities.plus(get('management')).plus(get('maintenance')).plus(get('major_maintenance')).plus(get('tfpb')).plus(get('insurance'));
      const advance = adv?.[y - 1] ?? ZERO;
      charges = charges.plus(teom).plus(other).plus(contributions).plus(advance);
      out.push({ year: y, rentEur: rent, annexRentEur: annexRent, redevanceChargesEur: redevanceCharges, lossesEur: losses, shareIncomeEur: share, collectedEur: collected, annuitiesEur: annuities, managementEur: get('management'), maintenanceEur: get('maintenance'), majorMaintenanceEur: get('major_maintenance'), tfpbEur: get('tfpb'), insuranceEur: get('insurance'), teomEur: teom, otherEur: other, contributionsEur: contributions, advanceRepaymentEur: advance, chargesEur: charges, cashFlowEur: cashFlows[y - 1]!, cumulativeEur: cumulative[y - 1]! });
    }
    return out;
  };
  return lotAccount(b, horizon, shift, rentPerM2, ser, { cashFlows, cumulative, annuitiesByYear, buildRows, rentCoef });
}

/**
 * A lot's account from its yearly figures: the test years (the main loan's life, a year later when
 * the first annuity falls in year 2), its indicators, and what is computed when read (NPV, IRR,
 * loyer d'équilibre, detailed rows — check rarely reads them).
 */
function lotAccount(b: AccountBase, horizon: number, shift: number, rentPerM2: Dec, ser: Series,
  y: { cashFlows: Dec[]; cumulative: Dec[]; annuitiesByYear: Dec[]; buildRows: () => YearRow[]; rentCoef: () => Dec[] }): Account {
  const testYears = testYearsOf(b.loans, horizon, shift);
  return new LazyAccount(indicators(y.cashFlows, y.cumulative, testYears, b.equity, rentPerM2), y.cashFlows, y.cumulative, {
    rows: y.buildRows,
    npv: () => npvOf(b.equity, y.cashFlows, ser),
    irr: () => irr(b.equity, y.cashFlows),
    breakEven: () => breakEvenOf(y.cumulative, y.rentCoef(), testYears, rentPerM2),
    rentCoef: y.rentCoef,
    annuities: () => y.annuitiesByYear,
  });
}

/** The parts of an account computed on first read. */
interface AccountThunks {
  rows: () => YearRow[];
  npv: () => Dec;
  irr: () => number | null;
  breakEven: () => Dec | null;
  rentCoef: () => Dec[];
  annuities: () => Dec[];
}

/**
 * An account whose costly parts are computed when first read and then kept. A class with getters
 * on its prototype, not getters in an object literal: V8 gives an object literal whose getters are
 * fresh closures a hidden class of its own, an old-generation object that kept each evaluation's
 * young values alive through minor collections (a third of a sweep's time went to the garbage
 * collector; docs/performance.md).
 */
class LazyAccount implements Account {
  readonly testYears: number;
  readonly equityEur: Dec;
  readonly minCumulativeEur: Dec;
  readonly minCumulativeYear: number;
  readonly balanced: boolean;
  readonly deficitYears: number;
  readonly equityRecoveryYear: number | null;
  readonly rentPerM2: Dec;
  private readonly thunks: AccountThunks;
  private memo: { rows?: YearRow[]; npv?: Dec; irr?: [number | null]; breakEven?: [Dec | null]; rentCoef?: Dec[]; annuities?: Dec[] } = {};
  constructor(e: Eager, readonly cashFlows: Dec[], readonly cumulative: Dec[], thunks: AccountThunks) {
    this.testYears = e.testYears; this.equityEur = e.equityEur; this.minCumulativeEur = e.minCumulativeEur;
    this.minCumulativeYear = e.minCumulativeYear; this.balanced = e.balanced; this.deficitYears = e.deficitYears;
    this.equityRecoveryYear = e.equityRecoveryYear; this.rentPerM2 = e.rentPerM2;
    this.thunks = thunks;
  }
  get rows(): YearRow[] { return (this.memo.rows ??= this.thunks.rows()); }
  get npvEquityEur(): Dec { return (this.memo.npv ??= this.thunks.npv()); }
  get irrEquity(): number | null { return (this.memo.irr ??= [this.thunks.irr()])[0]!; }
  get breakEvenRent(): Dec | null { return (this.memo.breakEven ??= [this.thunks.breakEven()])[0]!; }
  get rentCoef(): Dec[] { return (this.memo.rentCoef ??= this.thunks.rentCoef()); }
  get annuities(): Dec[] { return (this.memo.annuities ??= this.thunks.annuities()); }
}

type Eager = Omit<Account, 'rows' | 'cashFlows' | 'cumulative' | 'annuities' | 'irrEquity' | 'npvEquityEur' | 'breakEvenRent' | 'rentCoef'>;

/** NPV of the equity at the discount rate: −equity + Σ cash flow_y / (1 + r)^y. */
function npvOf(equity: Dec, cashFlows: readonly Dec[], ser: Series): Dec {
  let npv = equity.neg();
  for (let i = 0; i < cashFlows.length; i++) npv = npv.plus(cashFlows[i]!.times(ser.discount[i]!));
  return npv;
}

function indicators(cashFlows: readonly Dec[], cumulative: readonly Dec[], testYears: number, equity: Dec, rentPerM2: Dec): Eager {
  let minCum: Dec | null = null, minYear = 0, deficit = 0;
  let recovery: number | null = null;
  const equityPositive = isPos(equity);
  for (let i = 0; i < cashFlows.length; i++) {
    const y = i + 1;
    const c = cumulative[i]!, f = cashFlows[i]!;
    if (y <= testYears && (minCum === null || cmp(c, minCum) < 0)) { minCum = c; minYear = y; }
    if (f.isNegative()) deficit++;
    if (recovery === null && equityPositive && cmp(c, equity) >= 0) recovery = y;
  }
  return {
    testYears, equityEur: equity, minCumulativeEur: minCum ?? ZERO, minCumulativeYear: minYear, balanced: (minCum ?? ZERO).gte(0),
    deficitYears: deficit, equityRecoveryYear: recovery,
    rentPerM2,
  };
}

/**
 * IRR of the equity: −equity at year 0, then the yearly cash flows. A rate, not money, so it is
 * computed in binary floating point (the one documented float path of the engine; bisection to
 * 1e-10). Null when there is no equity or no sign change.
 */
export function irr(equity: Dec, cashFlows: readonly Dec[]): number | null {
  if (!equity.gt(0)) return null;
  const e = equity.toNumber();
  const flows = cashFlows.map((c) => c.toNumber());
  const npvAt = (rate: number) => { let v = -e, df = 1; for (const c of flows) { df /= 1 + rate; v += c * df; } return v; };
  let lo = -0.99, hi = 1;
  let flo = npvAt(lo);
  const fhi = npvAt(hi);
  if (Number.isNaN(flo) || Number.isNaN(fhi) || flo * fhi > 0) return null;
  for (let k = 0; k < 200 && hi - lo > 1e-10; k++) {
    const mid = (lo + hi) / 2;
    const fm = npvAt(mid);
    if ((fm > 0) === (flo > 0)) { lo = mid; flo = fm; } else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The loyer d'équilibre: cum_y(r) = cum_y(r0) + A_y (r − r0) ≥ 0 for every test year
 * ⇔ r ≥ r0 − min_y (cum_y(r0) / A_y). The minimum ratio is found by cross-multiplication
 * (A_y > 0), then divided once.
 */
export function breakEvenOf(cumulative: readonly Dec[], aCoef: readonly Dec[], testYears: number, rentPerM2: Dec): Dec | null {
  let bc: Dec | null = null, ba: Dec | null = null;
  let fbc = 0, fba = 0;
  for (let i = 0; i < Math.min(testYears, cumulative.length); i++) {
    const aY = aCoef[i]!;
    if (!isPos(aY)) continue;
    const c = cumulative[i]!;
    let lower: boolean;
    if (bc === null) lower = true;
    else {
      // c·ba < bc·aY, decided in binary floating point when the two products are far apart (the
      // doubles are within 1e−14 of the decimals, the products rounded to 24 digits within 1e−23),
      // else with the rounded decimal products, as always.
      const fc = approx(c), fa = approx(aY);
      const l = fc * fba, r = fbc * fa, margin = 1e-9 * (Math.abs(l) + Math.abs(r));
      lower = l < r - margin ? true : l > r + margin ? false : c.times(ba!).lt(bc.times(aY));
    }
    if (lower) { bc = c; ba = aY; fbc = approx(c); fba = approx(aY); }
  }
  if (bc === null) return null;
  const r = rentPerM2.minus(bc.div(ba!));
  return r.isNegative() ? ZERO : r;
}

const ROW_KEYS = ['rentEur', 'annexRentEur', 'redevanceChargesEur', 'lossesEur', 'shareIncomeEur', 'collectedEur', 'annuitiesEur', 'managementEur', 'maintenanceEur', 'majorMaintenanceEur', 'tfpbEur', 'insuranceEur', 'contributionsEur', 'advanceRepaymentEur', 'chargesEur', 'cashFlowEur', 'cumulativeEur'] as const;

/**
 * The consolidated account of all rental lots, with the operation's loyer d'équilibre: one rent
 * r per m² SU for every lot. Each lot's cumulative is affine in its rent, so
 *   cum_y(r) = Σ_lots [cum_y,lot − A_y,lot · r_lot] + (Σ_lots A_y,lot) · r.
 * Its year rows (every line summed) are built only when something reads them.
 */
export function consolidate(lots: readonly { account: Account }[], horizon: number, ser: Series): Account {
  // One lot: the whole is that lot (same figures, nothing to add up).
  if (lots.length === 1) return lots[0]!.account;
  const cashFlows: Dec[] = [], cumulative: Dec[] = [];
  for (let y = 1; y <= horizon; y++) {
    let cf = ZERO, cu = ZERO;
    for (const l of lots) { cf = add(cf, l.account.cashFlows[y - 1]!); cu = add(cu, l.account.cumulative[y - 1]!); }
    cashFlows.push(cf); cumulative.push(cu);
  }
  const testYears = lots.reduce((m, l) => Math.max(m, l.account.testYears), 0);
  const equity = sum(lots.map((l) => l.account.equityEur));
  // The rent coefficients of the whole, and each cumulative shifted to "rent 0", only when the
  // loyer d'équilibre is read: then solve as for one lot at rent 0.
  let coefMemo: { aCoef: Dec[]; atZero: Dec[] } | undefined;
  const coefs = () => (coefMemo ??= buildCoefs());
  const buildCoefs = () => {
    const aCoef: Dec[] = [], atZero: Dec[] = [];
    for (let y = 1; y <= horizon; y++) {
      let a = ZERO, shift = ZERO;
      for (const l of lots) { const ay = l.account.rentCoef[y - 1]!; a = add(a, ay); shift = add(shift, ay.times(l.account.rentPerM2)); }
      aCoef.push(a); atZero.push(cumulative[y - 1]!.minus(shift));
    }
    return { aCoef, atZero };
  };
  return new LazyAccount(indicators(cashFlows, cumulative, testYears, equity, ZERO), cashFlows, cumulative, {
    rows: () => {
      const out: YearRow[] = [];
      for (let y = 1; y <= horizon; y++) {
        const parts = lots.map((l) => l.account.rows[y - 1]!);
        const row = { year: y } as YearRow;
        for (const k of ROW_KEYS) row[k] = sum(parts.map((p) => p[k] ?? ZERO));
        for (const k of ['teomEur', 'otherEur'] as const) if (parts.some((p) => p[k] !== undefined)) row[k] = sum(parts.map((p) => p[k] ?? ZERO));
        out.push(row);
      }
      return out;
    },
    npv: () => npvOf(equity, cashFlows, ser),
    irr: () => irr(equity, cashFlows),
    breakEven: () => breakEvenOf(coefs().atZero, coefs().aCoef, testYears, ZERO),
    rentCoef: () => coefs().aCoef,
    annuities: () => cashFlows.map((_, i) => sum(lots.map((l) => l.account.annuities[i]!))),
  });
}
