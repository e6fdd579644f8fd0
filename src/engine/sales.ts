/**
 * Home-ownership and market-sale lots ([ARR-PSLA], [CCH-BRS], [PRO-PROMOTION]): the price of each lot (given, or derived
 * from its cost and a target margin), against the market and the regulatory ceiling; its margin;
 * the PSLA phase locative; the BRS operator and its OFS; the market-sale compte à rebours.
 */
import { diag, type Diagnostic } from '../domain/diagnostic';
import { D, HUNDRED, ONE, ZERO, pct, sum, type Dec } from '../domain/money';
import type { CostPrice } from './cost-price';
import type { Financing } from './financing';
import { loanSchedule, type LoanSchedule, type Revisability } from './loan';
import { irlPathOf, livretA, loanProgressivity, take, useParam, type LotModel, type Model } from './model';
import { pathAt } from './rental';
import type { LotInput } from '../schema/operation';

export interface PslaPhase {
  occupancyYears: number;
  /** (1 − 1 %)^anniversaries applied to the contract price. */
  priceFactor: Dec;
  partLocativeEurPerM2: Dec;
  partLocativeCeiling: Dec;
  loanRate: Dec;
  carryingInterestEur: Dec;
  partLocativeIncomeEur: Dec;
  /** Interest during the phase less the part locative collected: what the phase costs the operator. */
  carryingNetEur: Dec;
  nonExerciseShare: Dec;
  dwellingsAtRisk: Dec;
  revenueAtRiskHtEur: Dec;
}

export interface OfsAccount {
  landEur: Dec;
  equityEur: Dec;
  loanEur: Dec;
  loanYears: number;
  loanRate: Dec;
  schedule: LoanSchedule | null;
  redevanceEurPerM2: Dec;
  rows: { year: number; redevanceEur: Dec; annuityEur: Dec; managementEur: Dec; cashFlowEur: Dec; cumulativeEur: Dec }[];
  minCumulativeEur: Dec;
  minCumulativeYear: number;
  balanced: boolean;
  breakEvenRedevance: Dec | null;
}

export interface SaleLot {
  lotIndex: number;
  priceOrigin: 'file' | 'target_margin';
  /** Contract price TTC per m² SHAB. */
  priceTtcPerM2Shab: Dec;
  priceHtPerM2Shab: Dec;
  /** Contract price HT per m² of the lot's regulatory SU (accession SU for PSLA/BRS). */
  priceHtPerM2Su: Dec;
  contractRevenueHtEur: Dec;
  /** Revenue expected: the contract price after the PSLA reductions. */
  revenueHtEur: Dec;
  revenueTtcEur: Dec;
  costToCoverHtEur: Dec;
  marketingEur: Dec;
  marketingPct: Dec;
  marginEur: Dec;
  marginPct: Dec | null;
  targetMarginPct: Dec;
  /** Margin ≥ target (to a millionth of a percent); true when there is no revenue to measure it on. */
  meetsTarget: boolean;
  marketPriceTtcPerM2Shab: Dec | null;
  /** The market price per m² of the lot's regulatory SU (given, or the SHAB price × SHAB / SU). */
  marketPriceTtcPerM2Su: Dec | null;
  discountVsMarketPct: Dec | null;
  /** Contract price TTC of a dwelling, on average over the lot. */
  priceTtcPerDwellingEur: Dec;
  /** The lot's dwelling types with their price (`lots[].types` with a price), in the file's order. */
  types?: SaleType[];
  ceilingHtPerM2Su: Dec | null;
  headroomVsCeilingPct: Dec | null;
  /** Price HT per m² SU ≤ ceiling (null: no ceiling): the fact of SALE_PRICE_WITHIN_CEILING (src/checks/checks.ts). */
  priceWithinCeiling: boolean | null;
  /** The ceiling is an embedded parameter we could not verify (docs/sources.md), not the file's own value. */
  ceilingUnverified: boolean;
  /** The most the land charge of this lot may cost at the target margin (compte à rebours). */
  residualLandChargeEur: Dec;
  landChargeHtEur: Dec;
  psla?: PslaPhase;
  ofs?: OfsAccount;
}

/** A dwelling type of a sale lot and its price: « T3 de 67 m² vendu 189 500 € ». */
export interface SaleType {
  type: string;
  count: number;
  shabM2: Dec;
  priceTtcEur: Dec;
  priceTtcPerM2Shab: Dec;
  discountVsMarketPct: Dec | null;
}

export interface Sales {
  lots: SaleLot[];
  /** Discount vs market of the lots with a market price, weighted by their SHAB (null: none has one). */
  averageDiscountVsMarketPct: Dec | null;
  revenueHtEur: Dec;
  marginEur: Dec;
  marginPct: Dec | null;
  diagnostics: Diagnostic[];
}

export function computeSales(model: Model, cost: CostPrice, financing: Financing): Sales {
  const ds: Diagnostic[] = [];
  const lots: SaleLot[] = [];
  for (const cover of financing.sale) {
    const lot = model.lots[cover.lotIndex]!;
    lots.push(saleLot(model, lot, cost, cover.toCoverHtEur, ds));
  }
  const revenue = sum(lots.map((l) => l.revenueHtEur));
  const margin = sum(lots.map((l) => l.marginEur));
  const withMarket = lots.filter((l) => l.discountVsMarketPct !== null);
  const marketShab = sum(withMarket.map((l) => model.lots[l.lotIndex]!.shabM2));
  const averageDiscount = withMarket.length ? sum(withMarket.map((l) => l.discountVsMarketPct!.times(model.lots[l.lotIndex]!.shabM2))).div(marketShab) : null;
  return { lots, averageDiscountVsMarketPct: averageDiscount, revenueHtEur: revenue, marginEur: margin, marginPct: revenue.isZero() ? null : margin.div(revenue).times(HUNDRED), diagnostics: ds };
}

function saleLot(model: Model, lot: LotModel, cost: CostPrice, toCover: Dec, ds: Diagnostic[]): SaleLot {
  const s = lot.input.sale ?? {};
  const social = lot.tenure !== 'libre';
  const vat = lot.vatRate;
  const shab = lot.shabM2;
  const su = lot.suRegulatoryM2;
  // BRS: the land is the OFS's, the operator pays no land charge (its compte à rebours compares with 0).
  const landHt = lot.tenure === 'BRS' ? ZERO : cost.perLot[lot.index]!.byChapterHtEur.land;
  const lotLandHt = cost.perLot[lot.index]!.byChapterHtEur.land;
  const target = pct(s.target_margin_pct !== undefined ? D(s.target_margin_pct) : take(model, social ? 'sale.target_margin_pct.social' : 'sale.target_margin_pct.libre'));
  const marketing = pct(s.marketing_pct !== undefined ? D(s.marketing_pct) : take(model, social ? 'sale.marketing_pct.social' : 'sale.marketing_pct.libre'));

  // BRS: the operator sells the building rights; the land is the OFS's (CCH L.255-3).
  let operatorCost = toCover;
  let ofs: OfsAccount | undefined;
  if (lot.tenure === 'BRS') {
    const ofsLand = lot.input.brs?.ofs_land_eur !== undefined ? D(lot.input.brs.ofs_land_eur) : lotLandHt;
    operatorCost = toCover.minus(lotLandHt);
    ofs = ofsAccount(model, lot, ofsLand);
  }

  // PSLA phase locative ([PSLA-PRATIQUE]).
  let psla: PslaPhase | undefined;
  let priceFactor = ONE;
  let carrying = ZERO;
  if (lot.tenure === 'PSLA') {
    const p = lot.input.psla ?? {};
    const years = p.occupancy_years ?? take(model, 'psla.occupancy_years').toNumber();
    const reduction = pct(take(model, 'psla.annual_price_reduction_pct'));
    const anniversaries = Math.floor(years);
    priceFactor = ONE.minus(reduction).pow(anniversaries);
    const ceiling = useParam(model, `psla.redevance_ceiling.${model.zoneAbcKey}`);
    let part = p.part_locative_eur_per_m2_su_month !== undefined ? D(p.part_locative_eur_per_m2_su_month) : ceiling;
    if (part.gt(ceiling)) {
      ds.push(diag('PSLA_REDEVANCE_ABOVE_CEILING', 'warning', ['lots', lot.index, 'psla', 'part_locative_eur_per_m2_su_month'], { lot: lot.id, given: part.toNumber(), ceiling: ceiling.toNumber() }));
      part = ceiling;
    }
    const { la0 } = livretA(model, false);
    const loanRate = p.loan_rate_pct !== undefined ? pct(p.loan_rate_pct) : la0.plus(pct(useParam(model, 'loan.psla.building.margin_pct')));
    const y = D(years);
    // The PSLA loan finances the cost during the phase (up to 100 %): its interest is the carrying cost.
    const interest = toCover.times(loanRate).times(y);
    // The part locative collected, net of vacancy and bad debt, less what the operator pays while it
    // owns the homes (management and owner's insurance; TFPB is exempt for PSLA).
    const keep = ONE.minus(pct(take(model, 'assumptions.vacancy_pct'))).minus(pct(take(model, 'assumptions.bad_debt_pct')));
    const running = take(model, 'assumptions.management_eur_per_dwelling').plus(take(model, 'assumptions.insurance_eur_per_dwelling')).times(lot.dwellings).times(y);
    const income = part.times(su).times(12).times(y).times(keep).minus(running);
    carrying = interest.minus(income);
    const nonEx = pct(p.non_exercise_pct !== undefined ? D(p.non_exercise_pct) : take(model, 'psla.non_exercise_pct'));
    psla = {
      occupancyYears: years, priceFactor, partLocativeEurPerM2: part, partLocativeCeiling: ceiling, loanRate,
      carryingInterestEur: interest, partLocativeIncomeEur: income, carryingNetEur: carrying,
      nonExerciseShare: nonEx, dwellingsAtRisk: D(lot.dwellings).times(nonEx), revenueAtRiskHtEur: ZERO,
    };
  }

  // Price: given, or derived from the cost and the target margin:
  //   margin = R − C − mk·(1+vat)·R − carrying = m·R  ⇒  R = (C + carrying) / (1 − m − mk·(1+vat)).
  let priceHtShab: Dec;
  let origin: SaleLot['priceOrigin'] = 'file';
  // Prices of the dwelling types (every type has one, or none: TYPES_INCOMPLETE), TTC each.
  const typePrices = lot.input.types?.every((t) => t.price_eur_ttc !== undefined || t.price_eur_per_m2_shab_ttc !== undefined)
    ? lot.input.types.map((t) => (t.price_eur_ttc !== undefined ? D(t.price_eur_ttc) : D(t.price_eur_per_m2_shab_ttc!).times(D(t.shab_m2))))
    : null;
  if (typePrices) priceHtShab = sum(typePrices.map((p, k) => p.times(lot.input.types![k]!.count))).div(ONE.plus(vat)).div(shab);
  else if (s.price_eur_per_dwelling_ttc !== undefined) priceHtShab = D(s.price_eur_per_dwelling_ttc).times(lot.dwellings).div(ONE.plus(vat)).div(shab);
  else if (s.price_eur_per_m2_shab_ttc !== undefined) priceHtShab = D(s.price_eur_per_m2_shab_ttc).div(ONE.plus(vat));
  else if (s.price_eur_per_m2_shab_ht !== undefined) priceHtShab = D(s.price_eur_per_m2_shab_ht);
  else if (s.price_eur_per_m2_su_ht !== undefined) priceHtShab = D(s.price_eur_per_m2_su_ht).times(su).div(shab);
  else if (s.price_eur_per_m2_su_ttc !== undefined) priceHtShab = D(s.price_eur_per_m2_su_ttc).div(ONE.plus(vat)).times(su).div(shab);
  else {
    origin = 'target_margin';
    const denom = ONE.minus(target).minus(marketing.times(ONE.plus(vat)));
    const revenue = denom.gt(0) ? operatorCost.plus(carrying).div(denom) : operatorCost.plus(carrying);
    priceHtShab = revenue.div(priceFactor).div(shab);
  }
  const contractRevenue = priceHtShab.times(shab);
  const revenue = contractRevenue.times(priceFactor);
  const revenueTtc = revenue.times(ONE.plus(vat));
  const marketingEur = revenueTtc.times(marketing);
  const margin = revenue.minus(operatorCost).minus(marketingEur).minus(carrying);
  if (psla) psla.revenueAtRiskHtEur = revenue.times(psla.nonExerciseShare);

  // The market per m² SHAB, or per m² SU brought to the SHAB (× SU / SHAB): the discount is the same on either surface.
  const market = s.market_price_eur_per_m2_shab !== undefined ? D(s.market_price_eur_per_m2_shab)
    : s.market_price_eur_per_m2_su !== undefined ? D(s.market_price_eur_per_m2_su).times(su).div(shab) : null;
  const marketSu = s.market_price_eur_per_m2_su !== undefined ? D(s.market_price_eur_per_m2_su) : market ? market.times(shab).div(su) : null;
  const priceTtcShab = priceHtShab.times(ONE.plus(vat));
  const discount = market && market.gt(0) ? ONE.minus(priceTtcShab.div(market)).times(HUNDRED) : null;
  const types: SaleType[] | undefined = typePrices ? lot.input.types!.map((t, k) => {
    const perM2 = typePrices[k]!.div(D(t.shab_m2));
    return { type: t.type, count: t.count, shabM2: D(t.shab_m2), priceTtcEur: typePrices[k]!, priceTtcPerM2Shab: perM2, discountVsMarketPct: market && market.gt(0) ? ONE.minus(perM2.div(market)).times(HUNDRED) : null };
  }) : undefined;
  const priceHtSu = contractRevenue.div(su);
  let ceiling: Dec | null = null, headroom: Dec | null = null, withinCeiling: boolean | null = null, unverified = false;
  if (lot.tenure === 'PSLA' || lot.tenure === 'BRS') {
    // PSLA and BRS prices ≤ the PSLA ceiling HT per m² SU (arrêté 26 March 2004 art. 3; CCH L.255-1 ss.).
    ceiling = useParam(model, `psla.price_ceiling.${model.zoneAbcKey}`);
    headroom = ONE.minus(priceHtSu.div(ceiling)).times(HUNDRED);
    withinCeiling = priceHtSu.lte(ceiling);
    // An embedded ceiling we could not verify (docs/sources.md) is said so in the warning.
    const key = `psla.price_ceiling.${model.zoneAbcKey}`;
    const def = model.params[key];
    unverified = def !== undefined && def.status === 'unverified' && model.paramOverrides[key] === undefined;
  }
  const marginPct = revenue.isZero() ? null : margin.div(revenue).times(HUNDRED);
  // The one test of the target margin (the warning here and the built-in check SALE_MARGIN_TARGET):
  // to a millionth of a percent, so a price derived to meet the target meets it whatever its last digit.
  const meetsTarget = marginPct === null || marginPct.toDecimalPlaces(6).gte(target.times(HUNDRED).toDecimalPlaces(6));
  // Compte à rebours: land_max = R·(1 − m) − marketing − (operator cost − land) − carrying.
  const residual = revenue.times(ONE.minus(target)).minus(marketingEur).minus(operatorCost.minus(landHt)).minus(carrying);
  return {
    lotIndex: lot.index, priceOrigin: origin, priceTtcPerM2Shab: priceTtcShab, priceHtPerM2Shab: priceHtShab, priceHtPerM2Su: priceHtSu,
    contractRevenueHtEur: contractRevenue, revenueHtEur: revenue, revenueTtcEur: revenueTtc, costToCoverHtEur: operatorCost,
    marketingEur, marketingPct: marketing.times(HUNDRED), marginEur: margin, marginPct, targetMarginPct: target.times(HUNDRED), meetsTarget,
    marketPriceTtcPerM2Shab: market, marketPriceTtcPerM2Su: marketSu, discountVsMarketPct: discount, priceTtcPerDwellingEur: priceTtcShab.times(shab).div(lot.dwellings), ...(types ? { types } : {}), ceilingHtPerM2Su: ceiling, headroomVsCeilingPct: headroom, priceWithinCeiling: withinCeiling, ceilingUnverified: unverified,
    residualLandChargeEur: residual, landChargeHtEur: landHt, ...(psla ? { psla } : {}), ...(ofs ? { ofs } : {}),
  };
}

/**
 * Removes every price of a sale lot — its own (`sale.price_*`) and its types' — so that a lever can set
 * one price per m² instead (sensitivity, synthesis). Whether there was one.
 */
export function stripSalePrices(lot: LotInput): boolean {
  let any = false;
  if (lot.sale) {
    for (const k of SALE_PRICE_KEYS) if (lot.sale[k] !== undefined) { delete lot.sale[k]; any = true; }
  }
  if (lot.types?.some((t) => t.price_eur_ttc !== undefined || t.price_eur_per_m2_shab_ttc !== undefined)) {
    lot.types = lot.types.map(({ price_eur_ttc: _a, price_eur_per_m2_shab_ttc: _b, ...t }) => t);
    any = true;
  }
  return any;
}
export const SALE_PRICE_KEYS = ['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc', 'price_eur_per_dwelling_ttc'] as const;

/**
 * The OFS of a BRS lot ([CCH-BRS]): it carries the land with a Gaïa long-term loan
 * (LA + 0.60 %, up to 80 years) repaid by the redevance foncière; cumulative cash ≥ 0 every
 * year over the loan's life, like circ. 97-51.
 */
function ofsAccount(model: Model, lot: LotModel, landEur: Dec): OfsAccount {
  const b = lot.input.brs ?? {};
  const redevance = b.redevance_eur_per_m2_su_month !== undefined ? D(b.redevance_eur_per_m2_su_month) : take(model, 'brs.redevance_eur_per_m2_su_month');
  const management = b.ofs_management_eur_per_dwelling !== undefined ? D(b.ofs_management_eur_per_dwelling) : take(model, 'brs.ofs_management_eur_per_dwelling');
  const equity = D(b.ofs_equity_eur ?? 0);
  const loanAmount = landEur.minus(equity).gt(0) ? landEur.minus(equity) : ZERO;
  const years = b.loan_duration_years ?? useParam(model, 'loan.gaia_lt.land.duration_years').toNumber();
  const margin = pct(useParam(model, 'loan.gaia_lt.land.margin_pct'));
  const { la0, path } = livretA(model);
  const progressivity = loanProgressivity(model);
  const schedule = loanAmount.gt(0)
    ? loanSchedule({ amountEur: loanAmount, margin, livretA0: la0, livretAPath: path, durationYears: years, progressivity, deferralYears: 0, revisability: model.resolved['assumptions.revisability'].value as Revisability })
    : null;
  const irl = irlPathOf(model);
  const chargesIdx = pct(take(model, 'assumptions.charges_indexation_pct'));
  const su = lot.suRegulatoryM2;
  const rows: OfsAccount['rows'] = [];
  const su12 = su.times(12);
  const red1 = redevance.times(su12);
  const mgmt1 = management.times(lot.dwellings);
  let idx = ONE, cIdx = ONE, cum = ZERO, aCum = ZERO;
  let minCum: Dec | null = null, minYear = 0;
  // Break-even redevance: r ≥ r0 − min_y (cum_y / A_y), the minimum found by cross-multiplication.
  let bc: Dec | null = null, ba: Dec | null = null;
  const chargesStep = ONE.plus(chargesIdx);
  for (let y = 1; y <= years; y++) {
    if (y > 1) { idx = idx.times(ONE.plus(pathAt(irl, y - 1))); cIdx = cIdx.times(chargesStep); }
    const red = red1.times(idx);
    const ann = schedule?.rows[y - 1]?.annuityEur ?? ZERO;
    const mgmt = mgmt1.isZero() ? ZERO : mgmt1.times(cIdx);
    const cf = red.minus(ann).minus(mgmt);
    cum = cum.plus(cf);
    rows.push({ year: y, redevanceEur: red, annuityEur: ann, managementEur: mgmt, cashFlowEur: cf, cumulativeEur: cum });
    if (minCum === null || cum.lt(minCum)) { minCum = cum; minYear = y; }
    aCum = aCum.plus(su12.times(idx));
    if (bc === null || cum.times(ba!).lt(bc.times(aCum))) { bc = cum; ba = aCum; }
  }
  let breakEven: Dec | null = bc === null ? null : redevance.minus(bc.div(ba!));
  if (breakEven !== null && breakEven.isNegative()) breakEven = ZERO;
  return {
    landEur, equityEur: equity, loanEur: loanAmount, loanYears: years, loanRate: la0.plus(margin), schedule, redevanceEurPerM2: redevance, rows,
    minCumulativeEur: minCum ?? ZERO, minCumulativeYear: minYear, balanced: (minCum ?? ZERO).gte(0), breakEvenRedevance: breakEven,
  };
}
