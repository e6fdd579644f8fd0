/**
 * The loan schedule of commit dddf334, before the exact engine's speed work of issue 16, kept verbatim
 * as the oracle of test/exact-speed.test.ts: the shared, cached schedule of src/engine/loan.ts must
 * give the same rows and the same problems, digit for digit.
 */
import { Decimal, type Dec, ZERO, ONE } from '../../src/domain/money';
import type { LoanRow, LoanSchedule, LoanSpec } from '../../src/engine/loan';

/** Decimal's working precision; the grid below keeps every schedule value within it. */
const PRECISION = 24;
/** Headroom (powers of ten) above K for outstanding balances and totals (capitalised deferral, Σ annuities). */
const GUARD_DIGITS = 4;
/** Below this |1 − q| the closed form (1 − q^m)/(1 − q) loses digits; sum the series instead. */
const NEAR_ONE = new Decimal('1e-6');

/**
 * S_m(q) = 1 + q + … + q^(m−1) = (1 − q^m)/(1 − q), m ≥ 1 (= m when q = 1).
 * A progressive annuity is A_1 = K (1 + t) / S_m(q), q = (1 + p)/(1 + t): this is [CDC-PLUS]'s
 * K (1 + t)(1 − q)/(1 − q^m), with its q = 1 case, without the cancellation when q is close to 1.
 */
function geometricSum(q: Dec, m: number): Dec {
  if (q.eq(ONE)) return new Decimal(m);
  const oneMinusQ = ONE.minus(q);
  if (oneMinusQ.abs().gte(NEAR_ONE)) return ONE.minus(q.pow(m)).div(oneMinusQ);
  let s = ONE; // Horner: 1 + q(1 + q(1 + …))
  for (let j = 1; j < m; j++) s = s.times(q).plus(ONE);
  return s;
}

function isFiniteDec(x: unknown): x is Dec {
  return x instanceof Decimal && x.isFinite();
}

/** Problems with a spec, in short English sentences; empty when the spec can be scheduled. Range policy (CDC −3 %…+0.5 % progressivity, durations) is the caller's. */
export function referenceValidateLoanSpec(spec: LoanSpec): string[] {
  const problems: string[] = [];
  const rateOk = (x: unknown, name: string): void => {
    if (!isFiniteDec(x)) problems.push(`${name} must be a finite decimal`);
    else if (x.abs().gte(ONE)) problems.push(`${name} must be a fraction strictly between −1 and 1, got ${x.toString()}`);
  };
  if (!isFiniteDec(spec.amountEur)) problems.push('amount must be a finite decimal');
  else if (!spec.amountEur.isPositive() || spec.amountEur.isZero()) problems.push(`amount must be > 0, got ${spec.amountEur.toString()}`);
  else if (spec.amountEur.decimalPlaces() > gridDecimals(spec.amountEur)) {
    problems.push(`amount has more than ${gridDecimals(spec.amountEur)} decimal places: ${spec.amountEur.toString()}`);
  }
  const n = spec.durationYears;
  const d = spec.deferralYears;
  if (!Number.isInteger(n) || n < 1) problems.push(`duration must be an integer ≥ 1 year, got ${n}`);
  if (!Number.isInteger(d) || d < 0) problems.push(`deferral must be an integer ≥ 0 years, got ${d}`);
  else if (Number.isInteger(n) && n >= 1 && d >= n) problems.push(`deferral (${d} y) must be shorter than the duration (${n} y)`);
  rateOk(spec.progressivity, 'progressivity');
  const revisabilities: readonly string[] = ['simple', 'double', 'double_limited', 'fixed'];
  if (!revisabilities.includes(spec.revisability)) problems.push(`unknown revisability: ${String(spec.revisability)}`);
  if (spec.deferralMode !== undefined && spec.deferralMode !== 'interest' && spec.deferralMode !== 'capitalised') {
    problems.push(`unknown deferral mode: ${String(spec.deferralMode)}`);
  }
  if (spec.revisability === 'fixed') {
    if (spec.fixedRate === undefined) problems.push('a fixed-rate loan needs fixedRate');
    else rateOk(spec.fixedRate, 'fixedRate');
  } else {
    rateOk(spec.margin, 'margin');
    rateOk(spec.livretA0, 'Livret A at signing');
    if (!Array.isArray(spec.livretAPath)) problems.push('Livret A path must be a list');
    else spec.livretAPath.forEach((la, i) => rateOk(la, `Livret A of year ${i + 1}`));
    if (problems.length === 0) {
      const t = spec.livretA0.plus(spec.margin);
      if (t.abs().gte(ONE)) problems.push(`rate LA₀ + margin must be strictly between −1 and 1, got ${t.toString()}`);
      for (const la of spec.livretAPath) {
        const tx = t.plus(la.minus(spec.livretA0));
        if (tx.abs().gte(ONE)) { problems.push(`revised rate must be strictly between −1 and 1, got ${tx.toString()}`); break; }
      }
    }
  }
  return problems;
}

/**
 * The annual schedule ([CDC-PLUS]): exactly n rows; each year the rate and progressivity are
 * revised, then the loan is re-amortised on the remaining term:
 *   tx_N = t + (LA_N − LA₀) (≥ 0 when floorRateAtZero); rev_N per revisability;
 *   q_N = (1 + rev_N)/(1 + tx_N), m = remaining instalments including this one,
 *   A_N = CRD (1 + tx_N)(1 − q_N)/(1 − q_N^m) = CRD (1 + tx_N)/S_m(q_N);
 *   I_N = tx_N CRD; principal = A_N − I_N; CRD −= principal.
 * Deferral years: principal 0 and annuity = interest, or (capitalised) annuity 0 and principal −interest.
 * The last row repays the whole outstanding, so Σ principal = K and the final outstanding is 0 exactly.
 * Throws a RangeError on a spec that `validateLoanSpec` rejects.
 */
export function referenceLoanSchedule(spec: LoanSpec): LoanSchedule {
  const problems = referenceValidateLoanSpec(spec);
  if (problems.length > 0) throw new RangeError(`loanSchedule(): ${problems.join('; ')}`);

  const K = spec.amountEur;
  const n = spec.durationYears;
  const d = spec.deferralYears;
  const capitalised = spec.deferralMode === 'capitalised';
  const floor = spec.floorRateAtZero !== false;
  const mode = spec.revisability;
  const p = spec.progressivity;
  const onePlusP = ONE.plus(p);

  const dp = gridDecimals(K);
  const grid = (x: Dec): Dec => x.toDecimalPlaces(dp);

  // tRaw = LA₀ + margin; tx_N = max(tRaw + (LA_N − LA₀), 0). The base t of the double revision is
  // the rate in force at signing, floored too, so an unchanged Livret A leaves rev_N = p.
  let tRaw: Dec;
  let laDeltas: Dec[];
  if (mode === 'fixed') {
    tRaw = spec.fixedRate!;
    laDeltas = [];
  } else {
    tRaw = spec.livretA0.plus(spec.margin);
    laDeltas = spec.livretAPath.map((la) => la.minus(spec.livretA0));
  }
  const t = mode !== 'fixed' && floor && tRaw.isNegative() ? ZERO : tRaw;
  const onePlusT = ONE.plus(t);
  // Double revisability: (1 + rev)/(1 + tx) = (1 + p)/(1 + t) whatever tx — compute it once, exactly.
  const qDouble = onePlusP.div(onePlusT);
  const L = laDeltas.length;

  // From year `constantFrom` on, tx, rev and q no longer change: the year after the path's last
  // change (so a path [LA₀, LA₀, …] is the same schedule as an empty path, digit for digit).
  let constantFrom = 1;
  for (let i = 1; i < L; i++) if (!laDeltas[i]!.eq(laDeltas[i - 1]!)) constantFrom = i + 1;
  // For the constant tail, F[m] = (1 + tx)/S_m(q), from a cached table (see tailFactors).
  let tail: Dec[] | null = null;
  // Double revisability keeps q = (1 + p)/(1 + t) in every year: the moving years use its S_m table
  // too (the other modes, whose q moves with LA_N, use the closed form there).
  const doubleSums = mode === 'double' && constantFrom > d + 1 ? geometricSums(qDouble, qDouble.toString(), n - d) : null;

  const rows: LoanRow[] = [];
  let crd = K;
  let tx = t;
  let rev = p;
  let q = qDouble;
  let onePlusTx = onePlusT;
  let totalInterest = ZERO;

  for (let year = 1; year <= n; year++) {
    // Revise rate and progressivity (only while the Livret A path still moves).
    if (year <= constantFrom) {
      if (mode === 'fixed') {
        tx = t;
        onePlusTx = onePlusT;
        rev = p;
        q = qDouble;
      } else {
        const delta = L === 0 ? ZERO : laDeltas[Math.min(year, L) - 1]!;
        tx = delta.isZero() ? t : tRaw.plus(delta);
        if (floor && tx.isNegative()) tx = ZERO;
        onePlusTx = ONE.plus(tx);
        if (mode === 'simple') {
          rev = p;
          q = onePlusP.div(onePlusTx);
        } else {
          rev = tx.eq(t) ? p : onePlusP.times(onePlusTx).div(onePlusT).minus(ONE);
          if (mode === 'double_limited' && rev.isNegative()) {
            rev = ZERO;
            q = ONE.div(onePlusTx);
          } else {
            q = qDouble;
          }
        }
      }
    }

    let annuity: Dec;
    let interest: Dec;
    let principal: Dec;
    if (year <= d) {
      interest = grid(tx.times(crd));
      if (capitalised) {
        annuity = ZERO;
        principal = interest.neg();
      } else {
        annuity = interest;
        principal = ZERO;
      }
    } else {
      const m = n - year + 1; // instalments left, this one included
      interest = grid(tx.times(crd));
      if (m === 1) {
        principal = crd;
        annuity = interest.plus(principal);
      } else {
        let factor: Dec;
        if (year >= constantFrom) {
          if (tail === null) tail = tailFactors(q, onePlusTx, m);
          factor = tail[m]!;
        } else {
          factor = onePlusTx.div(doubleSums === null ? geometricSum(q, m) : doubleSums[m]!);
        }
        annuity = grid(crd.times(factor));
        principal = annuity.minus(interest);
        // Never overshoot: the outstanding stays ≥ 0 exactly (only reachable with absurd inputs).
        if (principal.gt(crd)) {
          principal = crd;
          annuity = interest.plus(principal);
        }
      }
    }
    crd = crd.minus(principal);
    totalInterest = totalInterest.plus(interest);
    rows.push({ year, rate: tx, progressivity: rev, annuityEur: annuity, interestEur: interest, principalEur: principal, outstandingEur: crd });
  }

  // Σ principal telescopes to K − final outstanding = K: every balance is on the grid, so each
  // subtraction is exact (the property tests also sum the rows). Σ annuity = Σ interest + Σ principal.
  const totalPrincipal = K.minus(crd);
  return {
    rows,
    totalAnnuityEur: totalInterest.plus(totalPrincipal),
    totalInterestEur: totalInterest,
    totalPrincipalEur: totalPrincipal,
  };
}

/**
 * Decimal places of the schedule's money grid: every balance and total stays below
 * 10^(exponent(K) + 1 + GUARD_DIGITS), so on this grid it has at most PRECISION digits and adds exactly.
 */
function gridDecimals(amountEur: Dec): number {
  return Math.max(0, PRECISION - 1 - amountEur.e - GUARD_DIGITS);
}

/**
 * Memoised S_m(q) tables and (1 + tx)/S_m(q) factors. Sensitivity sweeps re-run the same loan
 * terms many times; a table is the same whatever its history (extending it continues the same
 * recurrence), so results never depend on the cache. Bounded: a map is cleared when full.
 */
const CACHE_MAX = 1024;
const sCache = new Map<string, { s: Dec[]; power: Dec }>();
const fCache = new Map<string, Dec[]>();

/** s[m] = S_m(q) = 1 + q + … + q^(m−1) for m = 0..≥ mMax, accumulated term by term (no cancellation near q = 1). */
function geometricSums(q: Dec, qKey: string, mMax: number): Dec[] {
  let table = sCache.get(qKey);
  if (table === undefined) {
    if (sCache.size >= CACHE_MAX) sCache.clear();
    table = { s: [ZERO], power: ONE };
    sCache.set(qKey, table);
  }
  const s = table.s;
  if (s.length <= mMax) {
    let power = table.power; // q^(length − 1)
    for (let m = s.length; m <= mMax; m++) {
      s.push(s[m - 1]!.plus(power));
      power = power.times(q);
    }
    table.power = power;
  }
  return s;
}

/** f[m] = (1 + tx)/S_m(q), m = 1..≥ mMax (index 0 unused): the constant tail of a schedule. */
function tailFactors(q: Dec, onePlusTx: Dec, mMax: number): Dec[] {
  const qKey = q.toString();
  const key = `${qKey}|${onePlusTx.toString()}`;
  let f = fCache.get(key);
  if (f === undefined) {
    if (fCache.size >= CACHE_MAX) fCache.clear();
    f = [ZERO];
    fCache.set(key, f);
  }
  if (f.length <= mMax) {
    const s = geometricSums(q, qKey, mMax);
    for (let m = f.length; m <= mMax; m++) f.push(onePlusTx.div(s[m]!));
  }
  return f;
}

