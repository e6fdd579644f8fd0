/**
 * evaluate: model → every figure of the operation, and the flat metrics namespace that the
 * JSON output, the in-file assertions of `check` and `compare` share (product.md).
 */
import type { Diagnostic } from '../domain/diagnostic';
import { D, HUNDRED, ONE, pct, sum, ZERO, type Dec } from '../domain/money';
import { computeCostPrice, type CostPrice } from './cost-price';
import { computeFinancing, type Financing } from './financing';
import { take, type Model } from './model';
import { computeRental, type Rental } from './rental';
import { computeSales, type Sales } from './sales';
import { computeOwners, type Owners } from './owners';
import { computeVefa, type Vefa } from './vefa';

/** A metric value: money and ratios exact, counts as numbers, booleans, or null when undefined (e.g. a % of zero). */
export type MetricValue = Dec | number | boolean | null;

export interface MetricDef {
  value: MetricValue;
  /** Unit of the value: eur, pct, m2, count, bool, eur_per_m2_su_month, year… */
  unit: string;
}

export interface Surfaces {
  shabM2: Dec;
  suM2: Dec;
  spM2: Dec;
  annexesM2: Dec;
  commonSpacesM2: Dec;
  dwellings: number;
}

export interface TrancheRow {
  /** Lot id, or `ofs:<lot>` for the OFS of a BRS lot (`ofs:<owner>` for an OFS owner, consolidated), `vefa:<lot>` for the seller's margin on a VEFA lot. */
  id: string;
  lotIndex: number;
  kind: 'sale' | 'rental' | 'ofs' | 'vefa';
  /** Sale margin, or minus the cash the rental account (or the OFS) lacks at its lowest point. */
  contributionEur: Dec;
}

export interface OperationBalance {
  tranches: TrancheRow[];
  balanceEur: Dec;
  balanced: boolean;
}

export interface Evaluation {
  model: Model;
  surfaces: Surfaces;
  cost: CostPrice;
  financing: Financing;
  /** Present when the operation has rental lots. */
  rental?: Rental;
  /** Present when the operation has home-ownership or sale lots. */
  sales?: Sales;
  /** What each tranche gives (+) or takes (−), and the operation's balance. */
  operation: OperationBalance;
  /** Present when a lot is bought in VEFA from another owner (docs/owners.md). */
  vefa?: Vefa;
  /** Present when the file declares `owners:`. */
  owners?: Owners;
  metrics: Map<string, MetricDef>;
  /**
   * From `evaluate`: the stages' own diagnostics. The rules' findings (RENT_ABOVE_MAXIMUM,
   * PRICE_ABOVE_CEILING, CDC_LOANS_BELOW_HALF…) are facts of the stages, worded by src/checks/
   * (evaluationDiagnostics); `runText` (src/pipeline.ts) puts them all here, in the file's order.
   */
  diagnostics: Diagnostic[];
}

/**
 * A metric computed when first read. A class, not a getter
 * in an object literal: such literals get a hidden class each, which kept every evaluation's
 * values alive through minor garbage collections (see LazyAccount in rental.ts).
 */
class LazyMetric implements MetricDef {
  private memo: [MetricValue] | undefined;
  private readonly read: () => MetricValue;
  constructor(readonly unit: string, read: () => MetricValue) { this.read = read; }
  get value(): MetricValue { return (this.memo ??= [this.read()])[0]; }
}

const ratioPct = (a: Dec, b: Dec): Dec | null => (b.isZero() ? null : a.div(b).times(HUNDRED));

export function evaluate(model: Model): Evaluation {
  const { lots } = model;
  const surfaces: Surfaces = {
    shabM2: sum(lots.map((l) => l.shabM2)),
    suM2: sum(lots.map((l) => l.suM2)),
    spM2: model.spM2,
    annexesM2: sum(lots.map((l) => l.annexesM2)),
    commonSpacesM2: model.commonSpacesM2,
    dwellings: lots.reduce((s, l) => s + l.dwellings, 0),
  };
  const cost = computeCostPrice(model);
  // VEFA lots: financed, rented or sold at their buyer's cost price (vefa.ts); without VEFA, `borne` is `cost`
  const vefa = computeVefa(model, cost);
  const borne = vefa?.buyerCost ?? cost;
  const financing = computeFinancing(model, borne);
  const m = new Map<string, MetricDef>();
  const put = (name: string, value: MetricValue, unit: string) => m.set(name, { value, unit });

  put('dwellings', surfaces.dwellings, 'count');
  put('shab_m2', surfaces.shabM2, 'm2');
  put('su_m2', surfaces.suM2, 'm2');
  put('sp_m2', surfaces.spM2, 'm2');
  put('cost_price.total_ht_eur', cost.totalHtEur, 'eur');
  put('cost_price.total_ttc_eur', cost.totalTtcEur, 'eur');
  put('cost_price.vat_eur', cost.totalVatEur, 'eur');
  put('cost_price.per_dwelling_ttc_eur', cost.totalTtcEur.div(surfaces.dwellings), 'eur');
  put('cost_price.per_m2_shab_ttc_eur', cost.totalTtcEur.div(surfaces.shabM2), 'eur');
  put('cost_price.per_m2_su_ttc_eur', cost.totalTtcEur.div(surfaces.suM2), 'eur');
  put('cost_price.land_ht_eur', cost.byChapterHtEur.land, 'eur');
  put('cost_price.works_ht_eur', cost.byChapterHtEur.building, 'eur');
  put('cost_price.construction_works_ht_eur', cost.lines.find((l) => l.id === 'works')?.amountHtEur ?? ZERO, 'eur');
  put('cost_price.fees_ht_eur', cost.byChapterHtEur.fees, 'eur');
  put('cost_price.misc_ht_eur', cost.byChapterHtEur.misc, 'eur');
  put('cost_price.financial_ht_eur', cost.byChapterHtEur.financial, 'eur');
  put('financing.total_eur', financing.totalEur, 'eur');
  put('financing.subsidies_eur', financing.subsidiesEur, 'eur');
  put('financing.loans_eur', financing.loansEur, 'eur');
  put('financing.equity_eur', financing.equityEur, 'eur');
  put('financing.equity_pct', ratioPct(financing.equityEur, financing.totalEur), 'pct');
  put('financing.subsidies_pct', ratioPct(financing.subsidiesEur, financing.totalEur), 'pct');
  put('financing.loans_pct', ratioPct(financing.loansEur, financing.totalEur), 'pct');
  put('financing.cdc_loans_pct', ratioPct(financing.cdcLoansEur, financing.totalEur), 'pct');
  put('financing.balanced', financing.rental.every((f) => f.gapEur.isZero()), 'bool');

  lots.forEach((lot, i) => {
    const c = cost.perLot[i]!;
    put(`lots.${lot.id}.dwellings`, lot.dwellings, 'count');
    put(`lots.${lot.id}.shab_m2`, lot.shabM2, 'm2');
    put(`lots.${lot.id}.su_m2`, lot.suM2, 'm2');
    put(`cost_price.${lot.id}.total_ht_eur`, c.htEur, 'eur');
    put(`cost_price.${lot.id}.total_ttc_eur`, c.ttcEur, 'eur');
    put(`cost_price.${lot.id}.per_dwelling_ttc_eur`, c.perDwellingTtcEur, 'eur');
    put(`cost_price.${lot.id}.per_m2_shab_ttc_eur`, c.perM2ShabTtcEur, 'eur');
    put(`cost_price.${lot.id}.per_m2_su_ttc_eur`, c.perM2SuTtcEur, 'eur');
  });
  for (const f of financing.rental) {
    const id = lots[f.lotIndex]!.id;
    put(`financing.${id}.subsidies_eur`, f.subsidiesEur, 'eur');
    put(`financing.${id}.equity_eur`, f.equityEur, 'eur');
    put(`financing.${id}.loans_eur`, f.loansEur, 'eur');
    put(`financing.${id}.cdc_loans_pct`, ratioPct(f.cdcLoansEur, f.usesEur), 'pct');
  }
  const diagnostics = [...(vefa?.diagnostics ?? []), ...financing.diagnostics];
  let rental: Rental | undefined;
  if (financing.rental.length > 0) {
    rental = computeRental(model, borne, financing);
    diagnostics.push(...rental.diagnostics);
    rentalMetrics(rental, model, borne, put, m);
  }
  let sales: Sales | undefined;
  if (financing.sale.length > 0) {
    sales = computeSales(model, borne, financing);
    diagnostics.push(...sales.diagnostics);
    salesMetrics(sales, model, put);
  }
  const owners = computeOwners(model, rental, sales, vefa);
  const operation = operationBalance(rental, sales, model, vefa, owners);
  put('operation.balance_eur', operation.balanceEur, 'eur');
  put('operation.balanced', operation.balanced, 'bool');
  if (vefa) vefaMetrics(vefa, model, put);
  if (owners) ownerMetrics(owners, put);
  return { model, surfaces, cost, financing, ...(rental ? { rental } : {}), ...(sales ? { sales } : {}), operation, ...(vefa ? { vefa } : {}), ...(owners ? { owners } : {}), metrics: m, diagnostics };
}

/**
 * Péréquation: sale lots bring their margin; a rental lot whose cumulative cash flow falls below
 * zero takes what it lacks at its lowest point (the cash to inject so the circ. 97-51 test holds);
 * so does the OFS of a BRS lot. The operation balances when the sum is ≥ 0.
 */
function operationBalance(rental: Rental | undefined, sales: Sales | undefined, model: Model, vefa?: Vefa, owners?: Owners): OperationBalance {
  const tranches: TrancheRow[] = [];
  for (const l of sales?.lots ?? []) {
    tranches.push({ id: model.lots[l.lotIndex]!.id, lotIndex: l.lotIndex, kind: 'sale', contributionEur: l.marginEur });
    // with owners, an OFS is one account over all its BRS lots (owners.ts), at the row of its first lot
    if (l.ofs && owners) {
      const g = owners.ofs.find((x) => x.lotIndexes[0] === l.lotIndex);
      if (g) tranches.push({ id: `ofs:${g.id}`, lotIndex: l.lotIndex, kind: 'ofs', contributionEur: g.minCumulativeEur.isNegative() ? g.minCumulativeEur : ZERO });
    } else if (l.ofs) tranches.push({ id: `ofs:${model.lots[l.lotIndex]!.id}`, lotIndex: l.lotIndex, kind: 'ofs', contributionEur: l.ofs.minCumulativeEur.isNegative() ? l.ofs.minCumulativeEur : ZERO });
  }
  for (const l of rental?.lots ?? []) {
    const m = l.account.minCumulativeEur;
    tranches.push({ id: model.lots[l.lotIndex]!.id, lotIndex: l.lotIndex, kind: 'rental', contributionEur: m.isNegative() ? m : ZERO });
  }
  for (const v of vefa?.lots ?? []) tranches.push({ id: `vefa:${model.lots[v.lotIndex]!.id}`, lotIndex: v.lotIndex, kind: 'vefa', contributionEur: v.sellerMarginEur });
  tranches.sort((a, b) => a.lotIndex - b.lotIndex || a.kind.localeCompare(b.kind));
  const balance = sum(tranches.map((t) => t.contributionEur));
  return { tranches, balanceEur: balance, balanced: balance.gte(0) };
}

function vefaMetrics(v: Vefa, model: Model, put: (name: string, value: MetricValue, unit: string) => void): void {
  for (const l of v.lots) {
    const id = model.lots[l.lotIndex]!.id;
    put(`vefa.${id}.price_ht_eur`, l.priceHtEur, 'eur');
    put(`vefa.${id}.price_ttc_eur`, l.priceTtcEur, 'eur');
    put(`vefa.${id}.price_ht_eur_per_m2_su`, l.priceHtPerM2Su, 'eur');
    put(`vefa.${id}.buyer_fees_eur`, l.feesEur, 'eur');
    put(`vefa.${id}.buyer_cost_ht_eur`, l.buyerCostHtEur, 'eur');
    put(`vefa.${id}.buyer_cost_ttc_eur`, l.buyerCostTtcEur, 'eur');
    put(`vefa.${id}.seller_cost_ht_eur`, l.sellerCostHtEur, 'eur');
    put(`vefa.${id}.seller_cost_ht_eur_per_m2_su`, l.sellerCostHtPerM2Su, 'eur');
    put(`vefa.${id}.seller_margin_eur`, l.sellerMarginEur, 'eur');
    put(`vefa.${id}.seller_margin_pct`, l.sellerMarginPct, 'pct');
    put(`vefa.${id}.price_vs_cost_pct`, l.priceVsCostPct, 'pct');
    put(`vefa.${id}.within_cap`, l.withinCap, 'bool');
  }
}

function ownerMetrics(o: Owners, put: (name: string, value: MetricValue, unit: string) => void): void {
  for (const w of o.owners) {
    put(`owner.${w.id}.balance_eur`, w.balanceEur, 'eur');
    put(`owner.${w.id}.balanced`, w.balanced, 'bool');
    put(`owner.${w.id}.sale_margin_eur`, w.saleMarginEur, 'eur');
    put(`owner.${w.id}.rental_need_eur`, w.rentalNeedEur, 'eur');
    put(`owner.${w.id}.ofs_need_eur`, w.ofsNeedEur, 'eur');
    put(`owner.${w.id}.vefa_margin_eur`, w.vefaMarginEur, 'eur');
    put(`owner.${w.id}.vefa_flow_eur`, w.vefaFlowEur, 'eur');
    put(`owner.${w.id}.transfers_eur`, w.transfersEur, 'eur');
    put(`owner.${w.id}.pooling_eur`, w.poolingEur, 'eur');
    put(`owner.${w.id}.balance_after_transfers_eur`, w.balanceAfterEur, 'eur');
    put(`owner.${w.id}.balanced_after_transfers`, w.balancedAfter, 'bool');
  }
  for (const g of o.ofs) {
    put(`ofs.${g.id}.lots`, g.lotIndexes.length, 'count');
    put(`ofs.${g.id}.land_eur`, g.landEur, 'eur');
    put(`ofs.${g.id}.loan_eur`, g.loanEur, 'eur');
    put(`ofs.${g.id}.redevance_year1_eur`, g.redevanceYear1Eur, 'eur');
    put(`ofs.${g.id}.min_cumulative_eur`, g.minCumulativeEur, 'eur');
    put(`ofs.${g.id}.min_cumulative_year`, g.minCumulativeYear, 'year');
    put(`ofs.${g.id}.balanced`, g.balanced, 'bool');
  }
}

function salesMetrics(s: Sales, model: Model, put: (name: string, value: MetricValue, unit: string) => void): void {
  put('sale.revenue_ht_eur', s.revenueHtEur, 'eur');
  put('sale.margin_eur', s.marginEur, 'eur');
  put('sale.margin_pct', s.marginPct, 'pct');
  put('sale.residual_land_charge_eur', sum(s.lots.map((l) => l.residualLandChargeEur)), 'eur');
  // Only for the files that give a market price (the metric would otherwise be null for every file).
  if (s.averageDiscountVsMarketPct !== null) put('sale.average_discount_vs_market_pct', s.averageDiscountVsMarketPct, 'pct');
  for (const l of s.lots) {
    const id = model.lots[l.lotIndex]!.id;
    put(`sale.${id}.price_ttc_eur_per_m2_shab`, l.priceTtcPerM2Shab, 'eur');
    put(`sale.${id}.price_ht_eur_per_m2_su`, l.priceHtPerM2Su, 'eur');
    put(`sale.${id}.revenue_ht_eur`, l.revenueHtEur, 'eur');
    put(`sale.${id}.margin_eur`, l.marginEur, 'eur');
    put(`sale.${id}.margin_pct`, l.marginPct, 'pct');
    put(`sale.${id}.target_margin_pct`, l.targetMarginPct, 'pct');
    put(`sale.${id}.discount_vs_market_pct`, l.discountVsMarketPct, 'pct');
    // Per dwelling, for the lots priced by dwelling or by type.
    const li = model.lots[l.lotIndex]!.input;
    if (li.types || li.sale?.price_eur_per_dwelling_ttc !== undefined) put(`sale.${id}.price_ttc_eur_per_dwelling`, l.priceTtcPerDwellingEur, 'eur');
    put(`sale.${id}.headroom_vs_ceiling_pct`, l.headroomVsCeilingPct, 'pct');
    put(`sale.${id}.residual_land_charge_eur`, l.residualLandChargeEur, 'eur');
    if (l.psla) {
      put(`psla.${id}.carrying_cost_eur`, l.psla.carryingNetEur, 'eur');
      put(`psla.${id}.price_factor_at_option`, l.psla.priceFactor, 'ratio');
      put(`psla.${id}.revenue_at_risk_ht_eur`, l.psla.revenueAtRiskHtEur, 'eur');
    }
    if (l.ofs) {
      put(`brs.${id}.ofs_min_cumulative_eur`, l.ofs.minCumulativeEur, 'eur');
      put(`brs.${id}.ofs_balanced`, l.ofs.balanced, 'bool');
      put(`brs.${id}.ofs_break_even_redevance_eur_per_m2_su_month`, l.ofs.breakEvenRedevance, 'eur_per_m2_su_month');
      put(`brs.${id}.ofs_loan_eur`, l.ofs.loanEur, 'eur');
    }
  }
}

function rentalMetrics(r: Rental, model: Model, cost: CostPrice, put: (name: string, value: MetricValue, unit: string) => void, m: Map<string, MetricDef>): void {
  const t = r.total;
  // Year-1 figures from the lots (reading t.rows would build every consolidated row).
  const year1 = sum(r.lots.map((l) => l.rent.year1RentEur));
  const annuities1 = sum(r.lots.map((l) => l.account.annuities[0] ?? ZERO));
  const rentalCost = sum(r.lots.map((l) => cost.perLot[l.lotIndex]!.ttcEur));
  put('rental.year1_rent_eur', year1, 'eur');
  put('rental.rent_to_cost_pct', ratioPct(year1, rentalCost), 'pct');
  put('rental.min_cumulative_cash_flow_eur', t.minCumulativeEur, 'eur');
  put('rental.min_cumulative_year', t.minCumulativeYear, 'year');
  put('rental.balanced', t.balanced, 'bool');
  put('rental.deficit_years', t.deficitYears, 'count');
  put('rental.test_years', t.testYears, 'years');
  put('rental.horizon_years', r.horizonYears, 'years');
  put('rental.equity_recovery_year', t.equityRecoveryYear, 'year');
  // Computed when read (an IRR is a search; sweeps never read it).
  m.set('rental.npv_equity_eur', new LazyMetric('eur', () => t.npvEquityEur));
  m.set('rental.irr_equity_pct', new LazyMetric('pct', () => { const v = t.irrEquity; return v === null ? null : D(v.toFixed(8)).times(HUNDRED); }));
  m.set('rental.break_even_rent_eur_per_m2_su_month', new LazyMetric('eur_per_m2_su_month', () => t.breakEvenRent));
  put('rental.annuities_year1_eur', annuities1, 'eur');
  for (const l of r.lots) {
    const id = model.lots[l.lotIndex]!.id;
    const a = l.account;
    put(`rental.${id}.structure_coefficient`, l.rent.structureCoefficient, 'ratio');
    put(`rental.${id}.max_rent_eur_per_m2_su_month`, l.rent.maxRent, 'eur_per_m2_su_month');
    put(`rental.${id}.rent_eur_per_m2_su_month`, l.rent.rent, 'eur_per_m2_su_month');
    m.set(`rental.${id}.break_even_rent_eur_per_m2_su_month`, new LazyMetric('eur_per_m2_su_month', () => a.breakEvenRent));
    put(`rental.${id}.year1_rent_eur`, l.rent.year1RentEur, 'eur');
    put(`rental.${id}.min_cumulative_cash_flow_eur`, a.minCumulativeEur, 'eur');
    put(`rental.${id}.balanced`, a.balanced, 'bool');
    put(`rental.${id}.deficit_years`, a.deficitYears, 'count');
    put(`rental.${id}.equity_recovery_year`, a.equityRecoveryYear, 'year');
    put(`rental.${id}.tfpb_exemption_years`, l.tfpbExemptionYears, 'years');
    const lot = model.lots[l.lotIndex]!;
    if (lot.tenure === 'coop') {
      // Monthly payment of a member = redevance (the rent part) / (1 − current-account share) ([LELABO-ESS]).
      const cas = pct(lot.input.coop?.current_account_share_pct !== undefined ? D(lot.input.coop.current_account_share_pct) : take(model, 'coop.current_account_share_pct'));
      const perM2 = l.rent.rent.div(ONE.minus(cas));
      put(`coop.${id}.redevance_eur_per_m2_su_month`, l.rent.rent, 'eur_per_m2_su_month');
      put(`coop.${id}.monthly_payment_eur_per_m2_su`, perM2, 'eur_per_m2_su_month');
      put(`coop.${id}.monthly_payment_eur_per_dwelling`, perM2.times(lot.suM2).div(lot.dwellings), 'eur');
    }
  }
}
