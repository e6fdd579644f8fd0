/**
 * In `equilibre risk`, whether each draw's sale prices stay under their regulatory ceilings: the
 * PSLA/BRS price ceiling HT per m² of accession SU (arrêté du 26 mars 2004, art. 3; CCH L.255-1 ss.),
 * the fact `priceWithinCeiling` of src/engine/sales.ts, which the built-in check
 * SALE_PRICE_WITHIN_CEILING tests on the base.
 *
 * The contract price of a draw, HT per m² SU, is read back from two figures every sampling path
 * carries (the compiled plan and the exact engine alike): the lot's revenue R and margin M
 * (`sale.<lot>.revenue_ht_eur`, `sale.<lot>.margin_eur`). With f the PSLA price factor at the
 * option (1 for BRS), SU the lot's regulatory SU, mk the marketing share (of TTC), v the VAT rate and
 * m the target margin (sales.ts: M = R − C − mk·(1+v)·R − K, C the operator's cost, K the PSLA carrying):
 * - a price given in the file moves with the sale-price draw: price = R / (f · SU);
 * - a price derived from the target margin is what the operator must ask at the draw's costs to hold
 *   that margin (construction, works delay, Livret A and vacancy through the PSLA carrying):
 *   C + K = R·(1 − mk·(1+v)) − M, price = (C + K) / (1 − m − mk·(1+v)) / (f · SU) (without the
 *   division when that denominator is not positive, as sales.ts). The sale-price draw does not move
 *   it (the market moves what a buyer pays, not what the operation needs).
 * With all spreads at zero both give the base price, so the probability is 100 % or 0 % as the base
 * check passes or fails (test/risk-ceilings.test.ts).
 */
import type { Evaluation } from '../engine/evaluate';

/** A lot's ceiling test, its constants resolved once from the base. */
export interface CeilingTest {
  lot: string;
  /** The boolean of the run: `sale.<lot>.within_ceiling` (metric `risk.sale.<lot>.within_ceiling_probability_pct`). */
  name: string;
  revenue: string;
  margin: string;
  ceilingHtPerM2Su: number;
  derived: boolean;
  /** f · SU: the contract price per m² SU is (what the operation must take in) / perSu. */
  perSu: number;
  /** 1 − mk·(1+v). */
  keep: number;
  /** 1 − m − mk·(1+v) (≤ 0: the derived price is the cost itself, as sales.ts). */
  denom: number;
}

/** The boolean of the operation: every lot with a ceiling under it (`risk.sales.within_ceilings_probability_pct`). */
export const ALL_WITHIN_CEILINGS = 'sales.within_ceilings';

/**
 * The tolerance of the comparison, € per m² SU: a float price equal to its ceiling (a price given at the
 * ceiling) stays within it, as the exact test `price ≤ ceiling` says.
 */
const EPS_EUR_PER_M2 = 1e-6;

/** The ceiling tests of an operation: one per sale lot with a ceiling (PSLA, BRS), in the file's order; none without. */
export function ceilingTests(base: Evaluation): CeilingTest[] {
  const out: CeilingTest[] = [];
  for (const l of base.sales?.lots ?? []) {
    if (l.ceilingHtPerM2Su === null) continue;
    const lot = base.model.lots[l.lotIndex]!;
    const vat = lot.vatRate.toNumber(), mk = l.marketingPct.toNumber() / 100, m = l.targetMarginPct.toNumber() / 100;
    const keep = 1 - mk * (1 + vat);
    out.push({
      lot: lot.id, name: `sale.${lot.id}.within_ceiling`, revenue: `sale.${lot.id}.revenue_ht_eur`, margin: `sale.${lot.id}.margin_eur`,
      ceilingHtPerM2Su: l.ceilingHtPerM2Su.toNumber(), derived: l.priceOrigin === 'target_margin',
      perSu: (l.psla ? l.psla.priceFactor.toNumber() : 1) * lot.suRegulatoryM2.toNumber(), keep, denom: keep - m,
    });
  }
  return out;
}

/** The names of the run's booleans for these tests: each lot's, then all lots' (none without a ceiling). */
export function ceilingBooleans(tests: readonly CeilingTest[]): string[] {
  return tests.length ? [...tests.map((c) => c.name), ALL_WITHIN_CEILINGS] : [];
}

/** The figures a draw must give for these tests (each lot's revenue and margin). */
export function ceilingInputs(tests: readonly CeilingTest[]): string[] {
  return tests.flatMap((c) => [c.revenue, c.margin]);
}

/** A draw's contract price HT per m² SU of one lot, from its revenue and margin (NaN when either is missing). */
export function drawnPriceHtPerM2Su(c: CeilingTest, revenueEur: number, marginEur: number): number {
  if (!c.derived) return revenueEur / c.perSu;
  const cost = revenueEur * c.keep - marginEur;
  return (c.denom > 0 ? cost / c.denom : cost) / c.perSu;
}

/**
 * Writes each test's flag (1: within), then the all-lots flag, into `flags` from `at`. `read` gives a
 * figure of the draw (undefined/null/NaN: the lot fails the test for that draw).
 */
export function ceilingFlags(tests: readonly CeilingTest[], read: (name: string) => unknown, flags: Uint8Array, at: number): void {
  if (!tests.length) return;
  let all = 1;
  for (let k = 0; k < tests.length; k++) {
    const c = tests[k]!;
    const r = read(c.revenue), m = read(c.margin);
    const p = typeof r === 'number' && typeof m === 'number' ? drawnPriceHtPerM2Su(c, r, m) : NaN;
    const ok = p <= c.ceilingHtPerM2Su + EPS_EUR_PER_M2 ? 1 : 0;
    flags[at + k] = ok;
    all &= ok;
  }
  flags[at + tests.length] = all;
}
