/**
 * Published figures that foot. The engine keeps loans and operating accounts exact; rounding each
 * figure on its own to the cent (or the euro) breaks the identities a reader checks — a row's
 * annuity ≠ interest + principal, Σ principal ≠ the amount, a cumulative ≠ the previous one plus the
 * year's cash flow. Here every published table is rounded as a whole (docs/json.md, « Published
 * figures add up »):
 *
 * - loans: the outstanding (CRD) path is rounded, each year's principal is the difference of two
 *   rounded outstandings (so Σ principal = the published amount and the last outstanding is 0), the
 *   annuity is rounded, the interest is annuity − principal (0 when the exact interest is 0);
 *   totals are the sums of the published rows;
 * - operating accounts: the cumulative is rounded, each year's cash flow is the difference of two
 *   rounded cumulatives, and the lines of the year are rounded the largest-remainder way so that
 *   they add up to that cash flow (subtotals are sums of published lines).
 *
 * Every published figure stays within a cent (a euro at dp 0) or so of the exact one; the exact
 * values are never changed (this is presentation only).
 */
import { Decimal, ZERO, type Dec } from '../domain/money';
import type { LoanRow } from '../engine/loan';
import type { YearRow } from '../engine/rental';

/** Half-up (away from zero) to `dp` decimals: the project's display rounding. */
export function roundDp(x: Dec, dp: number): Dec {
  return x.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
}

/**
 * Round `parts` to `dp` decimals so that Σ signs[j] × part[j] equals `target` (already on the dp
 * grid) exactly: each part is first rounded to the nearest, then the difference is given, one unit
 * at a time, to the parts whose rounding cost the least to flip (largest remainder; ties to the
 * earliest part). A part already on the grid is never moved while another can move. If the target
 * cannot be reached by flips (it always can when it is within a unit of the exact signed sum), the
 * rest goes to the largest part, so the result always adds up.
 */
/** 10^−dp and its opposite, by dp (footParts runs for every year of every published account). */
const UNITS: [Dec, Dec][] = [];
function unitOf(dp: number): [Dec, Dec] {
  let u = UNITS[dp];
  if (!u) { const unit = new Decimal(10).pow(-dp); u = UNITS[dp] = [unit, unit.neg()]; }
  return u;
}

export function footParts(target: Dec, parts: readonly Dec[], signs: readonly (1 | -1)[], dp: number): Dec[] {
  const [unit, negUnit] = unitOf(dp);
  const out = parts.map((p) => roundDp(p, dp));
  let signed = ZERO;
  for (let j = 0; j < out.length; j++) signed = signs[j] === 1 ? signed.plus(out[j]!) : signed.minus(out[j]!);
  let diff = Math.round(target.minus(signed).div(unit).toNumber()); // units still to add to the signed sum
  if (diff === 0) return out;
  const dir = diff > 0 ? 1 : -1;
  // Part j moves by s_j × dir units so that the signed sum moves by dir. Cost: |new − exact| in units.
  const cands: { j: number; cost: Dec }[] = [];
  for (let j = 0; j < out.length; j++) {
    if (out[j]!.eq(parts[j]!)) continue; // exact on the grid: keep
    const moved = out[j]!.plus(signs[j]! * dir === 1 ? unit : negUnit);
    const cost = moved.minus(parts[j]!).abs();
    if (cost.gte(unit)) continue; // would go past the other neighbour
    cands.push({ j, cost });
  }
  cands.sort((a, b) => a.cost.cmp(b.cost) || a.j - b.j);
  for (const c of cands) {
    if (diff === 0) break;
    out[c.j] = out[c.j]!.plus(signs[c.j]! * dir === 1 ? unit : negUnit);
    diff -= dir;
  }
  if (diff !== 0 && out.length > 0) {
    let big = 0;
    for (let j = 1; j < out.length; j++) if (parts[j]!.abs().gt(parts[big]!.abs())) big = j;
    out[big] = out[big]!.plus(unit.times(signs[big]! * diff));
  }
  return out;
}

export interface PublishedSchedule {
  rows: LoanRow[];
  /** The amount as published (K rounded): Σ principal of the rows. */
  amountEur: Dec;
  totalAnnuityEur: Dec;
  totalInterestEur: Dec;
  totalPrincipalEur: Dec;
}

/**
 * The schedule as published, to the cent: outstanding_k = round(CRD_k), principal_k =
 * outstanding_{k−1} − outstanding_k (outstanding_0 = round(K)), annuity_k = round(A_k) and
 * interest_k = annuity_k − principal_k — except that an exact interest of 0 stays 0 (annuity =
 * principal) and an interest never changes sign. Rates are unchanged.
 */
export function publishSchedule(rows: readonly LoanRow[]): PublishedSchedule {
  const dp = 2;
  if (rows.length === 0) return { rows: [], amountEur: ZERO, totalAnnuityEur: ZERO, totalInterestEur: ZERO, totalPrincipalEur: ZERO };
  const first = rows[0]!;
  const amount = roundDp(first.outstandingEur.plus(first.principalEur), dp);
  let prev = amount;
  let ta = ZERO, ti = ZERO, tp = ZERO;
  const out: LoanRow[] = [];
  for (const r of rows) {
    const outstanding = roundDp(r.outstandingEur, dp);
    const principal = prev.minus(outstanding);
    let annuity = roundDp(r.annuityEur, dp);
    let interest = annuity.minus(principal);
    if (r.interestEur.isZero() || (r.interestEur.isPositive() && interest.isNegative()) || (r.interestEur.isNegative() && interest.isPositive())) {
      interest = ZERO;
      annuity = principal;
    }
    out.push({ year: r.year, rate: r.rate, progressivity: r.progressivity, annuityEur: annuity, interestEur: interest, principalEur: principal, outstandingEur: outstanding });
    ta = ta.plus(annuity); ti = ti.plus(interest); tp = tp.plus(principal);
    prev = outstanding;
  }
  return { rows: out, amountEur: amount, totalAnnuityEur: ta, totalInterestEur: ti, totalPrincipalEur: tp };
}

/** The lines of an operating-account year that add up to its cash flow, with their sign. */
const ACCOUNT_PARTS: readonly [keyof YearRow, 1 | -1][] = [
  ['rentEur', 1], ['annexRentEur', 1], ['redevanceChargesEur', 1], ['lossesEur', -1], ['shareIncomeEur', 1], ['annuitiesEur', -1], ['managementEur', -1],
  ['maintenanceEur', -1], ['majorMaintenanceEur', -1], ['tfpbEur', -1], ['insuranceEur', -1], ['contributionsEur', -1],
  ['advanceRepaymentEur', -1],
];

const LINE_PARTS: readonly [keyof YearRow, 1 | -1][] = [...ACCOUNT_PARTS, ['teomEur', -1], ['otherEur', -1]];

/**
 * An operating account as published at `dp` decimals (2 for JSON and CSV, 0 for the whole-euro
 * table): cumulative_y = round(exact cumulative_y), cash flow_y = cumulative_y − cumulative_{y−1},
 * the year's lines rounded to add up to that cash flow (cash flow = rent + annex rent − losses +
 * share purchases − annuities − management − maintenance − major maintenance − TFPB − insurance −
 * contributions − equity advance repayments), collected = rent + annex rent − losses, charges = the sum of the charge lines.
 */
export function publishAccount(rows: readonly YearRow[], dp: number): YearRow[] {
  const out: YearRow[] = [];
  let prev = ZERO;
  for (const r of rows) {
    const cumulative = roundDp(r.cumulativeEur, dp);
    const cashFlow = cumulative.minus(prev);
    prev = cumulative;
    // an account written line by line also has TEOM and other lines (src/engine/lines.ts)
    const keys = r.teomEur !== undefined || r.otherEur !== undefined ? LINE_PARTS : ACCOUNT_PARTS;
    const parts = footParts(cashFlow, keys.map(([k]) => (r[k] as Dec | undefined) ?? ZERO), keys.map(([, s]) => s), dp);
    const row = { year: r.year } as YearRow;
    keys.forEach(([k], j) => { (row as unknown as Record<string, Dec>)[k] = parts[j]!; });
    row.collectedEur = row.rentEur.plus(row.annexRentEur).plus(row.redevanceChargesEur!).minus(row.lossesEur);
    row.chargesEur = row.annuitiesEur.plus(row.managementEur).plus(row.maintenanceEur).plus(row.majorMaintenanceEur).plus(row.tfpbEur).plus(row.insuranceEur).plus(row.contributionsEur).plus(row.advanceRepaymentEur);
    if (keys === LINE_PARTS) row.chargesEur = row.chargesEur.plus(row.teomEur!).plus(row.otherEur!);
    row.cashFlowEur = cashFlow;
    row.cumulativeEur = cumulative;
    out.push(row);
  }
  return out;
}

/** The table's columns of an account year (exact), each the sum of its lines, with their sign in the cash flow. */
export interface AccountColumns {
  rents: Dec; losses: Dec; annuities: Dec; management: Dec; major: Dec; tfpb: Dec; other: Dec; share: Dec; cashFlow: Dec; cumulative: Dec;
  /** Repayment of the remunerated equity advances. */
  advance: Dec;
  /** A foyer's redevance: its charges part (0 without foyers). */
  redevanceCharges: Dec;
}

/**
 * The whole-euro (or `dp`) columns of the report's operating-account table: the same rule as
 * `publishAccount`, on the displayed columns (rents + annex rents; management + maintenance;
 * insurance + contributions), so that a displayed row adds up to its displayed cash flow.
 */
export function publishAccountColumns(rows: readonly YearRow[], dp: number): AccountColumns[];
/**
 * Only the rows whose year `shown` keeps (the others are undefined): a row's published figures
 * depend only on its own exact lines and the previous exact cumulative, so the rows of a table of
 * key years are the same as in the whole publication, without footing the years it does not show.
 */
export function publishAccountColumns(rows: readonly YearRow[], dp: number, shown: (year: number) => boolean): (AccountColumns | undefined)[];
export function publishAccountColumns(rows: readonly YearRow[], dp: number, shown?: (year: number) => boolean): (AccountColumns | undefined)[] {
  return columnsOf(rows, dp, shown, true);
}

/** publishAccountColumns with decimal.js alone (the reference test/foot-units.test.ts compares the float64 path with). */
export function publishAccountColumnsExact(rows: readonly YearRow[], dp: number, shown?: (year: number) => boolean): (AccountColumns | undefined)[] {
  return columnsOf(rows, dp, shown, false);
}

const COLUMN_SIGNS: readonly (1 | -1)[] = [1, -1, -1, -1, -1, -1, -1, 1, -1, 1];

/**
 * The columns of the shown rows; `units`: footed in integer units of 10^−dp where float64 decides
 * for certain (footUnits, below), else with decimal.js (footParts) — the same figures.
 */
function columnsOf(rows: readonly YearRow[], dp: number, shown: ((year: number) => boolean) | undefined, units: boolean): (AccountColumns | undefined)[] {
  const out: (AccountColumns | undefined)[] = [];
  const p = POW10[dp]!;
  const dec = (n: number): Dec => (dp === 0 ? new Decimal(n) : new Decimal(n).div(p));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (shown && !shown(r.year)) { out.push(undefined); continue; }
    // « other »: insurance and contributions, and TEOM and the other lines of an account written line by line
    let otherExact = r.insuranceEur.plus(r.contributionsEur);
    if (r.teomEur !== undefined) otherExact = otherExact.plus(r.teomEur);
    if (r.otherEur !== undefined) otherExact = otherExact.plus(r.otherEur);
    const exact = [r.rentEur.plus(r.annexRentEur), r.lossesEur, r.annuitiesEur, r.managementEur.plus(r.maintenanceEur), r.majorMaintenanceEur, r.tfpbEur, otherExact, r.shareIncomeEur, r.advanceRepaymentEur, r.redevanceChargesEur ?? ZERO];
    if (units) {
      const prevU = i === 0 ? 0 : roundUnits(rows[i - 1]!.cumulativeEur, dp);
      const cumU = roundUnits(r.cumulativeEur, dp);
      const u = footUnits(cumU - prevU, exact, COLUMN_SIGNS, dp);
      if (u) {
        const [rents, losses, annuities, management, major, tfpb, other, share, advance, redevanceCharges] = u.map(dec) as [Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec];
        out.push({ rents, losses, annuities, management, major, tfpb, other, share, advance, cashFlow: dec(cumU - prevU), cumulative: dec(cumU), redevanceCharges });
        continue;
      }
    }
    const prev = i === 0 ? ZERO : roundDp(rows[i - 1]!.cumulativeEur, dp);
    const cumulative = roundDp(r.cumulativeEur, dp);
    const cashFlow = cumulative.minus(prev);
    const [rents, losses, annuities, management, major, tfpb, other, share, advance, redevanceCharges] = footParts(cashFlow, exact, COLUMN_SIGNS, dp) as [Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec];
    out.push({ rents, losses, annuities, management, major, tfpb, other, share, advance, cashFlow, cumulative, redevanceCharges });
  }
  return out;
}

// ── The same publications in integer units (issue 16 §3) ────────────────────────────────────────
// The JSON report publishes every year of every account and every row of every schedule: with
// decimal.js, footing them was most of a cold `report --format json`'s own work. The functions below
// give the same published figures as publishAccount and publishSchedule, as integers of 10^−dp
// (cents at dp 2), computed in float64 where float64 certainly gives the exact answer and with the
// Decimal functions above for a row where it might not (test/foot-units.test.ts compares both on
// generated accounts and schedules, ties and near-ties included).

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
/** Below this, x × 10^dp computed in float64 is within 2.5·10^−4 of the exact product (two roundings of 2^−53 relative). */
const SAFE = 2 ** 40;

/**
 * round_half_up(x × 10^dp) as an integer when float64 certainly gives it, else null: the scaled
 * value is within 2.5·10^−4 of the exact one, so unless its fraction is within 10^−3 of a half the
 * nearest integer is the exact rounding (the rule of jsonNum, src/domain/number-text.ts).
 */
export function certainUnits(x: Dec, dp: number): number | null {
  const s = x.toNumber() * POW10[dp]!;
  if (!(Math.abs(s) < SAFE)) return null;
  const f = s - Math.floor(s);
  if (Math.abs(f - 0.5) < 1e-3) return null;
  return Math.round(s);
}

/** A value already on the 10^−dp grid, as an integer of 10^−dp (exact: far below 2^53). */
const unitsOf = (x: Dec, dp: number): number => Math.round(x.toNumber() * POW10[dp]!);
/** round_half_up(x × 10^dp) as an integer: in float64 when certain, else with decimal.js. */
const roundUnits = (x: Dec, dp: number): number => certainUnits(x, dp) ?? unitsOf(roundDp(x, dp), dp);

/**
 * footParts in integer units, or null when float64 cannot decide it for certain (a part within
 * 10^−3 of a half or of the grid without being on it, two candidate costs within 10^−3, or the
 * largest-part rest): then footParts decides. `target` is an integer of units.
 */
function footUnits(target: number, parts: readonly Dec[], signs: readonly (1 | -1)[], dp: number): number[] | null {
  const p = POW10[dp]!;
  const n = parts.length;
  const out: number[] = new Array<number>(n);
  const scaled: number[] = new Array<number>(n);
  let signed = 0;
  for (let j = 0; j < n; j++) {
    const s = parts[j]!.toNumber() * p;
    if (!(Math.abs(s) < SAFE)) return null;
    const f = s - Math.floor(s);
    if (Math.abs(f - 0.5) < 1e-3) return null;
    const r = Math.round(s);
    out[j] = r; scaled[j] = s;
    signed += signs[j] === 1 ? r : -r;
  }
  let diff = target - signed;
  if (diff === 0) return out;
  const dir = diff > 0 ? 1 : -1;
  // Part j moves by s_j × dir units so that the signed sum moves by dir; its cost is |moved − exact|
  // (in float64 within 2.5·10^−4 of the exact cost).
  const cands: { j: number; cost: number }[] = [];
  for (let j = 0; j < n; j++) {
    const s = scaled[j]!;
    const f = s - Math.floor(s);
    if (f < 1e-3 || f > 1 - 1e-3) {
      if (parts[j]!.decimalPlaces() <= dp) continue; // exact on the grid: keep
      return null; // too near the grid to tell its cost from 1
    }
    const cost = Math.abs(out[j]! + signs[j]! * dir - s);
    if (cost >= 1) continue; // would go past the other neighbour
    cands.push({ j, cost });
  }
  if (cands.length < Math.abs(diff)) return null;
  cands.sort((a, b) => a.cost - b.cost || a.j - b.j);
  for (let k = 1; k < cands.length; k++) if (cands[k]!.cost - cands[k - 1]!.cost < 1e-3) return null;
  for (const c of cands) {
    if (diff === 0) break;
    out[c.j] = out[c.j]! + signs[c.j]! * dir;
    diff -= dir;
  }
  return out;
}

/** An operating-account year as published, in integer units of 10^−dp: `parts` in the order of `keys`. */
export interface PublishedYearUnits {
  year: number;
  parts: number[];
  collected: number;
  charges: number;
  cashFlow: number;
  cumulative: number;
}

/**
 * publishAccount in integer units of 10^−dp: the same figures (× 10^dp), the lines of each year in
 * the order of `keys` (ACCOUNT_PARTS, and TEOM and the other lines in an account written line by line);
 * null when some years have TEOM and other lines and some not (publishAccount publishes each as written).
 */
export function publishAccountUnits(rows: readonly YearRow[], dp: number): { keys: readonly (keyof YearRow)[]; years: PublishedYearUnits[] } | null {
  const lines = rows.some((r) => r.teomEur !== undefined || r.otherEur !== undefined);
  const spec = lines ? LINE_PARTS : ACCOUNT_PARTS;
  const keys = spec.map(([k]) => k);
  const signs = spec.map(([, s]) => s);
  const at = (k: keyof YearRow) => keys.indexOf(k);
  const [iRent, iAnnex, iRedev, iLoss] = [at('rentEur'), at('annexRentEur'), at('redevanceChargesEur'), at('lossesEur')];
  const chargeIdx = ['annuitiesEur', 'managementEur', 'maintenanceEur', 'majorMaintenanceEur', 'tfpbEur', 'insuranceEur', 'contributionsEur', 'advanceRepaymentEur', ...(lines ? ['teomEur', 'otherEur'] : [])].map((k) => at(k as keyof YearRow));
  const years: PublishedYearUnits[] = [];
  let prev = 0;
  for (const r of rows) {
    if ((r.teomEur !== undefined || r.otherEur !== undefined) !== lines) return null; // years written two ways: publishAccount
    const cumulative = roundUnits(r.cumulativeEur, dp);
    const cashFlow = cumulative - prev;
    prev = cumulative;
    const values = keys.map((k) => (r[k] as Dec | undefined) ?? ZERO);
    const parts = footUnits(cashFlow, values, signs, dp) ?? footParts(new Decimal(cashFlow).div(POW10[dp]!), values, signs, dp).map((d) => unitsOf(d, dp));
    let charges = 0;
    for (const i of chargeIdx) charges += parts[i]!;
    years.push({ year: r.year, parts, collected: parts[iRent]! + parts[iAnnex]! + parts[iRedev]! - parts[iLoss]!, charges, cashFlow, cumulative });
  }
  return { keys, years };
}

/** A schedule row as published, in cents. */
export interface PublishedLoanRowCents { year: number; rate: Dec; progressivity: Dec; annuity: number; interest: number; principal: number; outstanding: number }

/** publishSchedule in integer cents: the same figures × 100. */
export function publishScheduleCents(rows: readonly LoanRow[]): { rows: PublishedLoanRowCents[]; amount: number; totalAnnuity: number; totalInterest: number; totalPrincipal: number } {
  if (rows.length === 0) return { rows: [], amount: 0, totalAnnuity: 0, totalInterest: 0, totalPrincipal: 0 };
  const first = rows[0]!;
  const amount = roundUnits(first.outstandingEur.plus(first.principalEur), 2);
  let prev = amount;
  let ta = 0, ti = 0, tp = 0;
  const out: PublishedLoanRowCents[] = [];
  for (const r of rows) {
    const outstanding = roundUnits(r.outstandingEur, 2);
    const principal = prev - outstanding;
    let annuity = roundUnits(r.annuityEur, 2);
    let interest = annuity - principal;
    if (r.interestEur.isZero() || (r.interestEur.isPositive() && interest < 0) || (r.interestEur.isNegative() && interest > 0)) {
      interest = 0;
      annuity = principal;
    }
    out.push({ year: r.year, rate: r.rate, progressivity: r.progressivity, annuity, interest, principal, outstanding });
    ta += annuity; ti += interest; tp += principal;
    prev = outstanding;
  }
  return { rows: out, amount, totalAnnuity: ta, totalInterest: ti, totalPrincipal: tp };
}
