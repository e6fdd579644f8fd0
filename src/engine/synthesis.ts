/**
 * The synthesis of a report, as facts: each question the operation raises (the regulatory test
 * of each rental account, each sale lot against the market, its ceiling and its target margin,
 * each OFS, the operation after péréquation, the break-even construction cost, the alerts), its
 * answer and the figure that would change it. Codes, figures and units only: the words are the
 * renderers' (src/report/synthesis.ts), so that the table, markdown, JSON and HTML outputs say the
 * same thing.
 *
 * The levers are searches (src/engine/sensitivity.ts) confirmed on the exact engine.
 */
import { D, ZERO, sum, type Dec } from '../domain/money';
import type { Tenure } from '../schema/operation';
import type { Evaluation, MetricDef } from './evaluate';
import {
  balancingConstruction, balancingPrice, bearableLand, maxConstructionInflation, ofsBalancingEquity, rentalGap, rentalLotGap,
  type LeverOutcome, type SearchOutcome,
} from './sensitivity';

/** Why a lever gives no figure: it already holds, nothing to move, or no value within the bound. */
export type NoAnswer = 'not_needed' | 'no_grip' | 'unreachable' | 'beyond';

export interface RentalAccountFact {
  /** The lot, or null for all rental lots together. */
  lot: string | null;
  tenure: Tenure | null;
  /** circ. 97-51: cumulative cash flow ≥ 0 every year of the main loan's life. */
  passes: boolean;
  minCumulativeEur: Dec;
  minCumulativeYear: number;
  testYears: number;
  /** What the account lacks at its lowest point (0 when it passes). */
  shortfallEur: Dec;
  /** The extra subsidy or equity on this lot alone (all lots: spread pro rata SU) that makes it pass. */
  extraSubsidyOrEquity: { eur: Dec } | { none: NoAnswer };
}

export interface SaleLotFact {
  lot: string;
  tenure: Tenure;
  priceOrigin: 'file' | 'target_margin';
  priceTtcPerM2Shab: Dec;
  marketPriceTtcPerM2Shab: Dec | null;
  discountVsMarketPct: Dec | null;
  priceHtPerM2Su: Dec;
  ceilingHtPerM2Su: Dec | null;
  /** 1 − price / ceiling, %; negative above the ceiling. */
  headroomVsCeilingPct: Dec | null;
  marginEur: Dec;
  marginPct: Dec | null;
  targetMarginPct: Dec;
  meetsTarget: boolean;
  /** The price at which `operation.balance_eur` = 0, all else fixed. */
  balancingPrice: { priceTtcPerM2Shab: Dec; changePct: Dec; discountVsMarketPct: Dec | null; headroomVsCeilingPct: Dec | null; balanceEur: Dec } | { none: NoAnswer };
}

export interface OfsFact {
  lot: string;
  balanced: boolean;
  minCumulativeEur: Dec;
  minCumulativeYear: number;
  loanYears: number;
  redevanceEurPerM2SuMonth: Dec;
  /** The redevance at which the OFS just balances (null: no loan and no management to carry). */
  balancingRedevanceEurPerM2SuMonth: Dec | null;
  equityEur: Dec;
  /** The OFS equity (total) at which it balances. */
  balancingEquity: { equityEur: Dec; extraEur: Dec } | { none: NoAnswer };
}

/**
 * The operation after péréquation, and on what it rests:
 *  - `no_transfer`: nothing needs funding (every rental account and OFS holds on its own);
 *  - `margins_fund_needs`: it balances because sale margins fund what the rental accounts or OFS lack;
 *  - `shortfall`: it does not balance.
 */
export type BalanceCondition = 'no_transfer' | 'margins_fund_needs' | 'shortfall';

export interface OperationBalanceFact {
  balanceEur: Dec;
  balanced: boolean;
  condition: BalanceCondition;
  /** Tranches that bring something (sale margins > 0). */
  givers: { id: string; kind: 'sale'; eur: Dec }[];
  /** Tranches that take something: rental accounts and OFS that go below zero, sale lots at a loss. */
  takers: { id: string; kind: 'sale' | 'rental' | 'ofs'; eur: Dec }[];
}

export interface ConstructionFact {
  /** `sensitivity.max_construction_inflation_pct`: the largest inflation (to 0.01 %) at which the operation still balances. */
  maxInflationPct: Dec | null;
  status: 'found' | 'beyond' | 'unreachable';
  /** Search range of the break-even, %. */
  rangePct: [number, number];
  /** When it does not balance: the change (%) and the cost per m² SHAB at which the balance is 0. */
  balancing: { changePct: Dec; costEurPerM2Shab: Dec; balanceEur: Dec } | null;
  currentCostEurPerM2Shab: Dec;
}

export interface Synthesis {
  operation: {
    dwellings: number;
    byTenure: { tenure: Tenure; dwellings: number }[];
    /** Of which logements-foyers (units of lots with `foyer`, src/engine/foyer.ts). */
    foyerUnits: number;
    costTtcEur: Dec;
    perDwellingTtcEur: Dec;
    perM2ShabTtcEur: Dec;
  };
  rental: { accounts: RentalAccountFact[]; extraSubsidyOrEquity: { eur: Dec } | { none: NoAnswer } } | null;
  sales: SaleLotFact[];
  ofs: OfsFact[];
  balance: OperationBalanceFact;
  construction: ConstructionFact;
  /** The land price (total HT) at which the balance is 0. */
  bearableLand: { eur: Dec; currentEur: Dec } | { none: NoAnswer; currentEur: Dec };
  alerts: { errors: number; warnings: number; codes: { code: string; severity: 'error' | 'warning'; count: number }[] };
  /** Files with `owners:` (docs/owners.md): each owner's balance on its own and with the declared transfers. */
  owners?: OwnerFact[];
}

export interface OwnerFact {
  id: string;
  balanceEur: Dec;
  balanced: boolean;
  balanceAfterEur: Dec;
  balancedAfter: boolean;
}

const noneOf = (o: SearchOutcome | LeverOutcome): NoAnswer => (o.kind === 'found' ? 'unreachable' : o.kind);

/** Searches already run on an evaluation, handed to buildSynthesis so that it does not run them again. */
export interface Searched {
  breakEven?: SearchOutcome;
  /** null: no rental account. */
  rentalGap?: SearchOutcome | null;
  land?: SearchOutcome;
}

/** Build the synthesis of an evaluation (runs the lever searches not `searched` already: a few hundred float evaluations). */
export function buildSynthesis(ev: Evaluation, searched: Searched = {}): Synthesis {
  const { model, cost, surfaces } = ev;
  const input = model.input;
  const file = model.file;
  const idOf = (i: number) => model.lots[i]!.id;

  const byTenure = new Map<Tenure, number>();
  for (const l of model.lots) byTenure.set(l.tenure, (byTenure.get(l.tenure) ?? 0) + l.dwellings);

  let rental: Synthesis['rental'] = null;
  if (ev.rental) {
    const gap = searched.rentalGap !== undefined ? searched.rentalGap : rentalGap(input, ev, file);
    const total: RentalAccountFact['extraSubsidyOrEquity'] = !gap ? { none: 'no_grip' } : gap.kind === 'found' ? (gap.value === 0 ? { none: 'not_needed' } : { eur: D(gap.value) }) : { none: noneOf(gap) };
    const acc = (lot: string | null, tenure: Tenure | null, a: { balanced: boolean; minCumulativeEur: Dec; minCumulativeYear: number; testYears: number }, extra: RentalAccountFact['extraSubsidyOrEquity']): RentalAccountFact => ({
      lot, tenure, passes: a.balanced, minCumulativeEur: a.minCumulativeEur, minCumulativeYear: a.minCumulativeYear, testYears: a.testYears,
      shortfallEur: a.minCumulativeEur.isNegative() ? a.minCumulativeEur.neg() : ZERO, extraSubsidyOrEquity: extra,
    });
    const single = ev.rental.lots.length === 1;
    const accounts = ev.rental.lots.map((l) => {
      if (single) return acc(idOf(l.lotIndex), model.lots[l.lotIndex]!.tenure, l.account, total);
      const g = rentalLotGap(input, ev, file, l.lotIndex);
      return acc(idOf(l.lotIndex), model.lots[l.lotIndex]!.tenure, l.account, g.kind === 'found' ? { eur: D(g.value) } : { none: g.kind });
    });
    if (!single) accounts.push(acc(null, null, ev.rental.total, total));
    rental = { accounts, extraSubsidyOrEquity: total };
  }

  const sales: SaleLotFact[] = (ev.sales?.lots ?? []).map((l) => {
    const bp = balancingPrice(input, ev, file, l.lotIndex);
    let balancing: SaleLotFact['balancingPrice'];
    if (bp.kind === 'found') {
      const at = bp.sale;
      const p = D(bp.value);
      balancing = {
        priceTtcPerM2Shab: p, changePct: p.div(l.priceTtcPerM2Shab).minus(1).times(100),
        discountVsMarketPct: at.discountVsMarketPct, headroomVsCeilingPct: at.headroomVsCeilingPct, balanceEur: bp.balanceEur,
      };
    } else balancing = { none: bp.kind };
    return {
      lot: idOf(l.lotIndex), tenure: model.lots[l.lotIndex]!.tenure, priceOrigin: l.priceOrigin, priceTtcPerM2Shab: l.priceTtcPerM2Shab,
      marketPriceTtcPerM2Shab: l.marketPriceTtcPerM2Shab, discountVsMarketPct: l.discountVsMarketPct, priceHtPerM2Su: l.priceHtPerM2Su,
      ceilingHtPerM2Su: l.ceilingHtPerM2Su, headroomVsCeilingPct: l.headroomVsCeilingPct, marginEur: l.marginEur, marginPct: l.marginPct,
      targetMarginPct: l.targetMarginPct, meetsTarget: l.meetsTarget, balancingPrice: balancing,
    };
  });

  const ofs: OfsFact[] = (ev.sales?.lots ?? []).filter((l) => l.ofs).map((l) => {
    const o = l.ofs!;
    const eq = ofsBalancingEquity(input, ev, file, l.lotIndex);
    return {
      lot: idOf(l.lotIndex), balanced: o.balanced, minCumulativeEur: o.minCumulativeEur, minCumulativeYear: o.minCumulativeYear, loanYears: o.loanYears,
      redevanceEurPerM2SuMonth: o.redevanceEurPerM2, balancingRedevanceEurPerM2SuMonth: o.breakEvenRedevance, equityEur: o.equityEur,
      balancingEquity: eq.kind === 'found' ? { equityEur: D(eq.value), extraEur: D(eq.value).minus(o.equityEur) } : { none: eq.kind },
    };
  });

  const op = ev.operation;
  // (a seller's VEFA margin is a sale margin here)
  const givers = op.tranches.filter((x) => (x.kind === 'sale' || x.kind === 'vefa') && x.contributionEur.gt(0)).map((x) => ({ id: x.id, kind: 'sale' as const, eur: x.contributionEur }));
  const takers = op.tranches.filter((x) => x.contributionEur.isNegative()).map((x) => ({ id: x.id, kind: x.kind === 'vefa' ? 'sale' as const : x.kind, eur: x.contributionEur.neg() }));
  const condition: BalanceCondition = !op.balanced ? 'shortfall' : takers.length === 0 ? 'no_transfer' : 'margins_fund_needs';

  // the break-even metric when the report already has it (same search), else the search
  const metric = ev.metrics.get('sensitivity.max_construction_inflation_pct');
  let maxInflation: Dec | null;
  let status: ConstructionFact['status'];
  if (metric) {
    maxInflation = metric.value as Dec | null;
    status = maxInflation !== null ? 'found' : op.balanced ? 'beyond' : 'unreachable';
  } else {
    const be = searched.breakEven ?? maxConstructionInflation(input, ev, file);
    maxInflation = be.kind === 'found' ? D(be.value) : null;
    status = be.kind;
  }
  let balancingC: ConstructionFact['balancing'] = null;
  if (!op.balanced) {
    const bc = balancingConstruction(input, ev, file);
    if (bc.kind === 'found') balancingC = { changePct: D(bc.value), costEurPerM2Shab: D(bc.costEurPerM2Shab!), balanceEur: bc.exact.operation.balanceEur };
  }

  const land = searched.land ?? bearableLand(input, ev, file);
  const currentLand = cost.lines.find((l) => l.id === 'land')?.amountHtEur ?? ZERO;

  const codes = new Map<string, { code: string; severity: 'error' | 'warning'; count: number }>();
  for (const d of ev.diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    const c = codes.get(d.code) ?? { code: d.code, severity: d.severity, count: 0 };
    c.count++;
    codes.set(d.code, c);
  }
  const codeList = [...codes.values()].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));

  return {
    operation: {
      dwellings: surfaces.dwellings, byTenure: [...byTenure].map(([tenure, dwellings]) => ({ tenure, dwellings })),
      foyerUnits: model.lots.reduce((n, l) => n + (l.input.foyer ? l.dwellings : 0), 0),
      costTtcEur: cost.totalTtcEur, perDwellingTtcEur: cost.totalTtcEur.div(surfaces.dwellings), perM2ShabTtcEur: cost.totalTtcEur.div(surfaces.shabM2),
    },
    rental, sales, ofs,
    balance: { balanceEur: op.balanceEur, balanced: op.balanced, condition, givers, takers },
    construction: {
      maxInflationPct: maxInflation, status, rangePct: [-50, 100], balancing: balancingC,
      currentCostEurPerM2Shab: D(input.construction.cost_eur_per_m2_shab),
    },
    bearableLand: land.kind === 'found' ? { eur: D(land.value), currentEur: currentLand } : { none: land.kind, currentEur: currentLand },
    ...(ev.owners ? { owners: ev.owners.owners.map((w) => ({ id: w.id, balanceEur: w.balanceEur, balanced: w.balanced, balanceAfterEur: w.balanceAfterEur, balancedAfter: w.balancedAfter })) } : {}),
    alerts: {
      errors: sum(codeList.filter((c) => c.severity === 'error').map((c) => D(c.count))).toNumber(),
      warnings: sum(codeList.filter((c) => c.severity === 'warning').map((c) => D(c.count))).toNumber(),
      codes: codeList,
    },
  };
}

/** The synthesis' lever metrics, added to an evaluation's metrics (`sensitivity.<lot>.balancing_price_ttc_eur_per_m2_shab`). */
export function synthesisMetrics(s: Synthesis): [string, MetricDef][] {
  return s.sales.map((l) => [
    `sensitivity.${l.lot}.balancing_price_ttc_eur_per_m2_shab`,
    { value: 'none' in l.balancingPrice ? null : l.balancingPrice.priceTtcPerM2Shab, unit: 'eur_per_m2_shab' },
  ]);
}
