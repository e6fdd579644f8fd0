/**
 * The public, stable interface of the compiled float64 plan (issue 16 §2): what a caller may move
 * (`Levers`), what one evaluation returns (`FastResult`), and the plan itself (`Plan`).
 * Documented in docs/performance.md (« Le plan compilé »). The implementation is src/fast/plan.ts.
 *
 * Units: money in euros (float64), rates and shifts in percent or percentage points, as the file
 * writes them. A lever left undefined (or NaN in a per-lot array) leaves the file's value.
 */

/** What moves between two evaluations of a plan. Every field is optional; `{}` is the base. */
export interface Levers {
  /** Construction cost per m² SHAB (operation's, each lot's own, each common space's), relative change in % (`sensitivity --construction`). */
  constructionPct?: number;
  /** Land price (per m² SP, per m² SHAB or lump sum), relative change in %, floored at 0 (`--land`). */
  landPct?: number;
  /** The land price as a lump sum (€ HT), replacing the file's (the bearable-land search). Applied before `landPct`. */
  landPriceEur?: number;
  /** Livret A at signing, % (replaces the resolved LA₀). */
  livretA0Pct?: number;
  /** Livret A path, % per loan year (year 1 first, the last value holds), replacing the resolved path. */
  livretAPathPct?: ArrayLike<number>;
  /** Shift in points of LA₀ and of every value of the path, each floored at 0 (`--livret-a`). Applied after the two above. */
  livretAPts?: number;
  /** Rent charged by every rental lot, relative change in % (`--rents`). */
  rentsPct?: number;
  /** Vacancy, shift in points, the result held within 0…50 % (`--vacancy`). */
  vacancyPts?: number;
  /** IRL path, % per year (the first value revalues year 2; the last holds), replacing the file's (the path of `lines.rents` when the file gives one). */
  irlPathPct?: ArrayLike<number>;
  /** Shift in points of every IRL value (after `irlPathPct`). */
  irlPts?: number;
  /** Indexation of charges, shift in points. */
  chargesIndexationPts?: number;
  /** Subsidies given as an amount, per dwelling or per m² SU, relative change in %, floored at 0 (`--subsidies`). */
  subsidiesPct?: number;
  /** An extra subsidy (€) pro rata SU over the rental lots (`extraSubsidyLot` < 0) or on one rental lot (its index). */
  extraSubsidyEur?: number;
  extraSubsidyLot?: number;
  /** Sale prices (given, or frozen from the target margin), relative change in % (`--prices`). */
  pricesPct?: number;
  /** Per lot index: the sale price € TTC per m² SHAB (NaN: unchanged). Applied before `pricesPct`. */
  salePriceTtcPerM2Shab?: ArrayLike<number>;
  /** Per lot index: the OFS equity € of a BRS lot (NaN: unchanged). */
  ofsEquityEur?: ArrayLike<number>;
  /**
   * Delay of the works in months: the price revision runs that much longer (files with
   * `construction.price_revision` or none; at `revisionAnnualPct`, default the file's annual rate).
   * Not for a file revised on the BT01 index (see `Plan.unsupportedLevers`).
   */
  worksDelayMonths?: number;
  /** Annual price revision, % per year, for `worksDelayMonths` (default: the file's `price_revision.annual_pct`, else 0). */
  revisionAnnualPct?: number;
}

/**
 * One evaluation's figures. Per-lot arrays are indexed like `model.lots` (the file's order) and hold
 * NaN where the figure does not apply (a sale lot has no rental account…). Reused across calls when
 * passed to `Plan.evaluate` as `out`: read it before the next evaluation, or copy it.
 */
export interface FastResult {
  /** `operation.balance_eur`, and `operation.balanced` (balance ≥ 0). */
  balanceEur: number;
  balanced: boolean;
  /** `cost_price.total_ht_eur`, `cost_price.total_ttc_eur`. */
  costHtEur: number;
  costTtcEur: number;
  /** Plan de financement of the rental lots: `financing.total_eur`, `.subsidies_eur`, `.equity_eur`, `.loans_eur`. */
  financingTotalEur: number;
  subsidiesEur: number;
  equityEur: number;
  loansEur: number;
  /** All rental lots together (NaN when none): `rental.min_cumulative_cash_flow_eur`, `rental.balanced`, `rental.npv_equity_eur`. */
  rentalMinCumulativeEur: number;
  rentalBalanced: boolean;
  rentalNpvEur: number;
  /** What the rental accounts together lack at their lowest point (0 when they pass; NaN when none). */
  rentalNeedEur: number;
  /** Per rental lot: `rental.<lot>.min_cumulative_cash_flow_eur` and the NPV of its equity. */
  lotMinCumulativeEur: Float64Array;
  lotNpvEur: Float64Array;
  /** Per sale lot: `sale.<lot>.margin_eur`, `sale.<lot>.revenue_ht_eur`. */
  saleMarginEur: Float64Array;
  saleRevenueHtEur: Float64Array;
  /** `sale.margin_eur`, `sale.revenue_ht_eur` (0 when no sale lot). */
  saleMarginTotalEur: number;
  saleRevenueTotalHtEur: number;
  /** Per BRS lot: `brs.<lot>.ofs_min_cumulative_eur`. */
  ofsMinCumulativeEur: Float64Array;
  /** Per lot bought in VEFA from another owner: `vefa.<lot>.seller_margin_eur` (NaN for the other lots). */
  vefaSellerMarginEur: Float64Array;
  /** Per owner of `owners:` (indexed like `Plan.ownerIds`): `owner.<id>.balance_eur` and `owner.<id>.balance_after_transfers_eur`. */
  ownerBalanceEur: Float64Array;
  ownerBalanceAfterEur: Float64Array;
  /** Per OFS of a file with owners (indexed like `Plan.ofsIds`), its BRS lots consolidated: `ofs.<id>.min_cumulative_eur`. */
  ofsGroupMinCumulativeEur: Float64Array;
  /**
   * Only in a result made by `newResult({ cumulatives: true })`: each rental lot's cumulative cash flow by year (lot i's
   * year y at i × `Plan.maxYears` + y − 1), over the years of its regulatory test (`lotTestYears[i]`, 0 for the other
   * lots) — what its lowest cumulative is the minimum of. For searches that model the accounts between two
   * evaluations (the break-even of `equilibre risk`, src/risk/evaluator.ts).
   */
  lotCumulativeEur?: Float64Array;
  lotTestYears?: Int32Array;
}

/** How one evaluation is computed. */
export interface EvaluateOptions {
  /**
   * Leave to float64 the splits of an amount in cents between lots that it cannot decide as the exact engine does (a
   * share within float noise of a whole cent, two remainders within noise of each other: rare), instead of splitting
   * them exactly (decimal.js, ~0.1 ms in a cold process). Such a split may then give a cent to another lot than the
   * exact engine: figures within a few cents of it. For evaluations whose figures are not reported but searched
   * (the steps of `equilibre risk`'s break-even search, to 0.001 point).
   */
  floatSplits?: boolean;
  /**
   * A step of a search in the construction change: only `constructionPct` moved since the last evaluation, and that
   * one's other levers hold (the Livret A, IRL and charges are not compared again). Each lot's cost (HT, TTC, with and
   * without a VEFA price, its land charge) is taken on the line through the last evaluation's and the works-free cost
   * (every cost line is works-free or proportional to the works), without the cent roundings of its lines; each rental
   * account (but one written line by line) from the last full evaluation's yearly flows with this step's annuities and
   * major maintenance, up to its test years. Computed: `balanceEur`, `balanced`, each rental lot's lowest cumulative,
   * test years and cumulatives up to them, the sale lots and OFS — within a few cents of a full evaluation; the rental
   * total, the NPVs and the owners' figures are left as they were. For evaluations that are searched, not reported.
   */
  constructionStep?: boolean;
}

/** A compiled operation: evaluate it at any levers, thousands of times a second. */
export interface Plan {
  /** Number of lots (length of the per-lot arrays). */
  readonly lots: number;
  /** Lot ids, in the file's order. */
  readonly lotIds: readonly string[];
  /** Owner ids of `owners:`, in the file's order (empty without owners). */
  readonly ownerIds: readonly string[];
  /** The OFS whose BRS lots are consolidated (files with owners), in the order of their first lot. */
  readonly ofsIds: readonly string[];
  /** Levers this operation cannot take (e.g. `worksDelayMonths` on a BT01-revised file): `evaluate` throws if one is set. */
  readonly unsupportedLevers: readonly (keyof Levers)[];
  /** Evaluate at `levers`; fills and returns `out` when given (no allocation), else a new result. */
  evaluate(levers: Levers, out?: FastResult, options?: EvaluateOptions): FastResult;
  /** A new, empty result sized for this plan (to pass as `out`); `cumulatives`: with `lotCumulativeEur` and `lotTestYears`. */
  newResult(options?: { cumulatives?: boolean }): FastResult;
  /** The years of the per-lot rows of `lotCumulativeEur`. */
  readonly maxYears: number;
  /** A reader of one metric of docs/json.md from a result, or undefined when the plan does not carry it. */
  metric(name: string): ((r: FastResult) => number | boolean | null) | undefined;
}

/** Thrown by `compilePlan` for an operation it does not model: callers fall back to the exact engine. */
export class PlanUnsupported extends Error {
  constructor(readonly feature: string) {
    super(`compiled plan: unsupported: ${feature}`);
    this.name = 'PlanUnsupported';
  }
}
