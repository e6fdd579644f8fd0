/**
 * CDC (Caisse des Dépôts) loans indexed on the Livret A: progressive annuities, annual revision
 * (simple, double, double limitée, fixed), deferral, prefinancing. Pure functions; rates are
 * fractions, amounts are euros. Formulas: [CDC-PLUS].
 *
 * Exactness. Values are not rounded to the cent here (the caller rounds at presentation). The one
 * deliberate quantisation: within a schedule, interest, annuity and principal are put on a grid of
 * 10^−s € (s = 24 − 1 − exponent(K) − 4, i.e. 10^−14 € for K = 100 000 €) so that every outstanding
 * balance and every running sum is exactly representable at the project's 24-digit precision.
 * That is what makes Σ principal = K and the final outstanding = 0 exact, not just close.
 */
import { D, Decimal, type Dec, ZERO, ONE, add, cmp } from '../domain/money';

export type Revisability = 'simple' | 'double' | 'double_limited' | 'fixed';

export interface LoanSpec {
  /** K > 0. */
  amountEur: Dec;
  /** Fraction over Livret A (0.006 for +0.60 %); ignored when revisability is 'fixed'. */
  margin: Dec;
  /** Fraction, Livret A at signing (LA₀); t = LA₀ + margin (or fixedRate). */
  livretA0: Dec;
  /** Fractions, Livret A applying in loan year 1, 2, …; the last value holds after; empty = LA₀ flat. */
  livretAPath: readonly Dec[];
  /** Fraction; required when revisability is 'fixed' (then the path is ignored). */
  fixedRate?: Dec;
  /** n ≥ 1, integer, includes deferral years. */
  durationYears: number;
  /** Fraction p (−0.005 for −0.5 %). */
  progressivity: Dec;
  /** d ≥ 0, d < n: years with no amortisation. */
  deferralYears: number;
  /** Default 'interest': interest paid during deferral; 'capitalised': interest added to the outstanding. */
  deferralMode?: 'interest' | 'capitalised';
  revisability: Revisability;
  /** Default true: a revised rate never goes below 0. */
  floorRateAtZero?: boolean;
}

export interface LoanRow {
  /** 1..n */
  year: number;
  /** tx_N, fraction. */
  rate: Dec;
  /** rev_N, fraction. */
  progressivity: Dec;
  annuityEur: Dec;
  interestEur: Dec;
  /** Annuity − interest. Negative in a capitalised deferral year (the interest is added to the outstanding). */
  principalEur: Dec;
  /** Outstanding (CRD) at the end of the year. */
  outstandingEur: Dec;
}

export interface LoanSchedule {
  rows: LoanRow[];
  totalAnnuityEur: Dec;
  totalInterestEur: Dec;
  totalPrincipalEur: Dec;
}

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

/**
 * First instalment of a progressive annuity ([CDC-PLUS]):
 * A1 = K (1 + t)(1 − q)/(1 − q^years), q = (1 + p)/(1 + t); A1 = K (1 + t)/years when q = 1
 * (so rate 0 and p 0 give the linear K/years). With p = 0 this is the spreadsheet PMT.
 * `years` is the number of amortising instalments (n − d).
 */
export function firstAnnuity(amountEur: Dec, rate: Dec, progressivity: Dec, years: number): Dec {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`firstAnnuity(): years must be an integer ≥ 1, got ${years}`);
  const onePlusT = ONE.plus(rate);
  if (!onePlusT.isPositive()) throw new RangeError(`firstAnnuity(): rate must be > −1, got ${rate.toString()}`);
  const q = ONE.plus(progressivity).div(onePlusT);
  return amountEur.times(onePlusT).div(geometricSum(q, years));
}

function isFiniteDec(x: unknown): x is Dec {
  return x instanceof Decimal && x.isFinite();
}

/** Problems with a spec, in short English sentences; empty when the spec can be scheduled. Range policy (CDC −3 %…+0.5 % progressivity, durations) is the caller's. */
export function validateLoanSpec(spec: LoanSpec): string[] {
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
    else {
      // (the path's own checks, once per path: every loan of an evaluation shares it)
      const info = pathInfo(spec.livretAPath);
      for (const p of info.problems) problems.push(p);
    }
    if (problems.length === 0) {
      const t = spec.livretA0.plus(spec.margin);
      if (t.abs().gte(ONE)) problems.push(`rate LA₀ + margin must be strictly between −1 and 1, got ${t.toString()}`);
      // tx = t + (LA − LA₀), each step rounded, never decreases with LA: when the path's highest and
      // lowest values give a rate within (−1, 1), every value does; otherwise find the first that does not.
      const path = spec.livretAPath;
      if (path.length > 0) {
        const info = pathInfo(path);
        const within = (la: Dec) => t.plus(la.minus(spec.livretA0)).abs().lt(ONE);
        if (!within(path[info.maxIdx]!) || !within(path[info.minIdx]!)) {
          for (const la of path) {
            const tx = t.plus(la.minus(spec.livretA0));
            if (tx.abs().gte(ONE)) { problems.push(`revised rate must be strictly between −1 and 1, got ${tx.toString()}`); break; }
          }
        }
      }
    }
  }
  return problems;
}

/** What a Livret A path gives every loan scheduled on it: the problems of its values, its highest and lowest value, a digest of its digits. */
interface PathInfo {
  problems: string[];
  maxIdx: number;
  minIdx: number;
  /** Equal paths have equal digests (a Decimal's digits are normalised); a digest names candidates, compared value by value (samePath). */
  key: string;
}

/** By path (a model's path is one array shared by its loans; arrays are never changed once built). */
const pathInfos = new WeakMap<readonly Dec[], PathInfo>();

/** A 32-bit digest of a path's values (sign, exponent and digit words of each): cheaper than their texts. */
function digest(path: readonly Dec[]): string {
  let h = path.length | 0;
  for (const x of path) {
    h = Math.imul(h ^ x.e, 0x9e3779b1) ^ x.s;
    for (const w of x.d) h = Math.imul(h ^ w, 0x85ebca6b);
  }
  return `${path.length}#${h >>> 0}`;
}

/** Whether two finite paths hold the same values. */
function samePath(a: readonly Dec[], b: readonly Dec[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (cmp(a[i]!, b[i]!) !== 0) return false;
  return true;
}

function pathInfo(path: readonly Dec[]): PathInfo {
  let info = pathInfos.get(path);
  if (info !== undefined) return info;
  const problems: string[] = [];
  let maxIdx = 0, minIdx = 0, finite = true;
  path.forEach((la, i) => {
    if (!isFiniteDec(la)) { problems.push(`Livret A of year ${i + 1} must be a finite decimal`); finite = false; return; }
    if (la.abs().gte(ONE)) problems.push(`Livret A of year ${i + 1} must be a fraction strictly between −1 and 1, got ${la.toString()}`);
    if (finite && i > 0) {
      if (cmp(la, path[maxIdx]!) > 0) maxIdx = i;
      if (cmp(la, path[minIdx]!) < 0) minIdx = i;
    }
  });
  info = { problems, maxIdx, minIdx, key: finite ? digest(path) : '' };
  pathInfos.set(path, info);
  return info;
}

/**
 * The rates of a schedule, year by year, which depend only on the Livret A path, LA₀, the margin
 * (or fixed rate), the progressivity, the revisability and the floor, not on the amount or the
 * duration: shared by every loan on the same terms (a lot's land and building loans, the same
 * operation evaluated again with other costs or prices), with the re-amortisation factors and whole
 * schedules computed on them. Each value is computed exactly as the one-loan recurrence would.
 */
interface RatePath {
  mode: Revisability;
  /** The terms the rates were computed on: [p, margin, LA₀] (or [fixed rate, p]) and the Livret A path (empty for a fixed rate). */
  values: readonly Dec[];
  path: readonly Dec[];
  p: Dec;
  onePlusP: Dec;
  tRaw: Dec;
  t: Dec;
  onePlusT: Dec;
  qDouble: Dec;
  floor: boolean;
  laDeltas: Dec[];
  /** From this year on, tx, rev and q no longer change (see loanSchedule). */
  constantFrom: number;
  /** Year y's tx, 1 + tx, rev and q at index y − 1, filled up to constantFrom as years are asked for (rev: see revAt). */
  tx: Dec[];
  onePlusTx: Dec[];
  rev: (Dec | null)[];
  q: Dec[];
  /** A moving year's (1 + tx)/S_m(q), by year × FACTOR_KEY + m. */
  factors: Map<number, Dec>;
  /** Whole schedules on these rates, by amount, duration, deferral and its mode. */
  schedules: Map<string, LoanSchedule>;
}

/** Bounded like the tables below (a map is cleared when full): a long run on the exact engine with a new path per draw keeps at most this many. */
const RATE_PATHS_MAX = 64;
/** Keys of the moving years' factors (durations below it; longer ones are not kept). */
const FACTOR_KEY = 4096;
const SCHEDULES_PER_PATH = 16;
const ratePaths = new Map<string, RatePath>();

function ratePathOf(spec: LoanSpec): RatePath {
  const mode = spec.revisability;
  const floor = spec.floorRateAtZero !== false;
  const p = spec.progressivity;
  // (a digest names the candidate; its values are then compared)
  const values = mode === 'fixed' ? [spec.fixedRate!, p] : [p, spec.margin, spec.livretA0];
  const path = mode === 'fixed' ? [] : spec.livretAPath;
  const key = `${mode}|${floor ? 1 : 0}|${digest(values)}|${mode === 'fixed' ? '' : pathInfo(path).key}`;
  let rp = ratePaths.get(key);
  if (rp !== undefined && samePath(rp.values, values) && samePath(rp.path, path)) return rp;
  const onePlusP = ONE.plus(p);
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
  // From year `constantFrom` on, tx, rev and q no longer change: the year after the path's last
  // change (so a path [LA₀, LA₀, …] is the same schedule as an empty path, digit for digit).
  let constantFrom = 1;
  for (let i = 1; i < laDeltas.length; i++) if (!laDeltas[i]!.eq(laDeltas[i - 1]!)) constantFrom = i + 1;
  rp = {
    mode, values, path, p, onePlusP, tRaw, t, onePlusT, qDouble: onePlusP.div(onePlusT), floor, laDeltas, constantFrom,
    tx: [], onePlusTx: [], rev: [], q: [], factors: new Map(), schedules: new Map(),
  };
  if (ratePaths.size >= RATE_PATHS_MAX) ratePaths.clear();
  ratePaths.set(key, rp);
  return rp;
}

/** Revise rate and progressivity for `year` ≤ constantFrom (the rates of every year before it are filled first). */
function reviseTo(rp: RatePath, year: number): void {
  const L = rp.laDeltas.length;
  for (let y = rp.tx.length + 1; y <= year; y++) {
    let tx: Dec, onePlusTx: Dec, rev: Dec | null, q: Dec;
    if (rp.mode === 'fixed') {
      tx = rp.t;
      onePlusTx = rp.onePlusT;
      rev = rp.p;
      q = rp.qDouble;
    } else {
      const delta = L === 0 ? ZERO : rp.laDeltas[Math.min(y, L) - 1]!;
      tx = delta.isZero() ? rp.t : rp.tRaw.plus(delta);
      if (rp.floor && tx.isNegative()) tx = ZERO;
      onePlusTx = ONE.plus(tx);
      if (rp.mode === 'simple') {
        rev = rp.p;
        q = rp.onePlusP.div(onePlusTx);
      } else if (rp.mode === 'double') {
        // q does not depend on rev: rev (a figure of the row only) is computed when read (revAt)
        rev = tx.eq(rp.t) ? rp.p : null;
        q = rp.qDouble;
      } else {
        rev = tx.eq(rp.t) ? rp.p : revised(rp, onePlusTx);
        if (rp.mode === 'double_limited' && rev.isNegative()) {
          rev = ZERO;
          q = ONE.div(onePlusTx);
        } else {
          q = rp.qDouble;
        }
      }
    }
    rp.tx.push(tx);
    rp.onePlusTx.push(onePlusTx);
    rp.rev.push(rev);
    rp.q.push(q);
  }
}

/** The double revision's rev_N = (1 + p)(1 + tx_N)/(1 + t) − 1. */
function revised(rp: RatePath, onePlusTx: Dec): Dec {
  return rp.onePlusP.times(onePlusTx).div(rp.onePlusT).minus(ONE);
}

/** rev of rate index r (year r + 1, r < constantFrom), computed on first read. */
function revAt(rp: RatePath, r: number): Dec {
  return (rp.rev[r] ??= revised(rp, rp.onePlusTx[r]!));
}

/**
 * A row of a schedule. Its progressivity (rev_N) is read by the reports only: under double
 * revisability, where the schedule does not need it, it is computed when first read.
 */
class ScheduleRow implements LoanRow {
  constructor(
    readonly year: number,
    readonly rate: Dec,
    readonly annuityEur: Dec,
    readonly interestEur: Dec,
    readonly principalEur: Dec,
    readonly outstandingEur: Dec,
    private readonly rp: RatePath,
    private readonly r: number,
  ) {}
  get progressivity(): Dec { return revAt(this.rp, this.r); }
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
 *
 * A schedule depends only on its spec's values: the same terms give the same schedule object
 * (its rows are shared, never changed by their readers).
 */
export function loanSchedule(spec: LoanSpec): LoanSchedule {
  const problems = validateLoanSpec(spec);
  if (problems.length > 0) throw new RangeError(`loanSchedule(): ${problems.join('; ')}`);

  const K = spec.amountEur;
  const n = spec.durationYears;
  const d = spec.deferralYears;
  const capitalised = spec.deferralMode === 'capitalised';
  const rp = ratePathOf(spec);
  const scheduleKey = `${K.toString()}|${n}|${d}|${capitalised ? 1 : 0}`;
  const known = rp.schedules.get(scheduleKey);
  if (known !== undefined) return known;
  const { mode, constantFrom } = rp;

  const dp = gridDecimals(K);
  const grid = (x: Dec): Dec => x.toDecimalPlaces(dp);

  // For the constant tail, F[m] = (1 + tx)/S_m(q), from a cached table (see tailFactors).
  let tail: Dec[] | null = null;
  // Double revisability keeps q = (1 + p)/(1 + t) in every year: the moving years use its S_m table
  // too (the other modes, whose q moves with LA_N, use the closed form there).
  const doubleSums = mode === 'double' && constantFrom > d + 1 ? geometricSums(rp.qDouble, rp.qDouble.toString(), n - d) : null;
  reviseTo(rp, Math.min(n, constantFrom));

  const rows: LoanRow[] = [];
  let crd = K;
  let totalInterest = ZERO;

  for (let year = 1; year <= n; year++) {
    // Rate and progressivity of the year (revised only while the Livret A path still moves).
    const r = Math.min(year, constantFrom) - 1;
    const tx = rp.tx[r]!;
    const q = rp.q[r]!;
    const onePlusTx = rp.onePlusTx[r]!;

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
          // (a moving year's factor: the same rates and m give the same factor whatever the loan)
          const fk = n < FACTOR_KEY ? year * FACTOR_KEY + m : -1;
          const hit = fk < 0 ? undefined : rp.factors.get(fk);
          if (hit !== undefined) factor = hit;
          else {
            factor = onePlusTx.div(doubleSums === null ? geometricSum(q, m) : doubleSums[m]!);
            if (fk >= 0) rp.factors.set(fk, factor);
          }
        }
        annuity = grid(crd.times(factor));
        principal = annuity.minus(interest);
        // Never overshoot: the outstanding stays ≥ 0 exactly (only reachable with absurd inputs).
        if (cmp(principal, crd) > 0) {
          principal = crd;
          annuity = interest.plus(principal);
        }
      }
    }
    crd = crd.minus(principal);
    totalInterest = add(totalInterest, interest);
    rows.push(new ScheduleRow(year, tx, annuity, interest, principal, crd, rp, r));
  }

  // Σ principal telescopes to K − final outstanding = K: every balance is on the grid, so each
  // subtraction is exact (the property tests also sum the rows). Σ annuity = Σ interest + Σ principal.
  const totalPrincipal = K.minus(crd);
  const schedule: LoanSchedule = {
    rows,
    totalAnnuityEur: totalInterest.plus(totalPrincipal),
    totalInterestEur: totalInterest,
    totalPrincipalEur: totalPrincipal,
  };
  if (rp.schedules.size >= SCHEDULES_PER_PATH) rp.schedules.clear();
  rp.schedules.set(scheduleKey, schedule);
  return schedule;
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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date `YYYY-MM-DD` (UTC, so no DST). */
function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`prefinancingInterest(): not a YYYY-MM-DD date: ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const da = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, da);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== da) {
    throw new RangeError(`prefinancingInterest(): no such date: ${date}`);
  }
  return Math.round(ms / 86_400_000);
}

/**
 * Prefinancing interest ([CDC-PLUS], LEON R-FIN-6): actuarial, exact/365,
 *   interest = Σ draw_i × ((1 + t)^((end − date_i)/365) − 1),
 * i.e. capitalised − Σ draws. `endDate` defaults to the last (latest) draw. A draw after
 * `endDate` is a programmer error (RangeError).
 */
export function prefinancingInterest(
  draws: readonly { date: string; amountEur: Dec }[],
  annualRate: Dec,
  endDate?: string,
): Dec {
  if (draws.length === 0) return ZERO;
  const onePlusT = ONE.plus(annualRate);
  if (!onePlusT.isPositive()) throw new RangeError(`prefinancingInterest(): rate must be > −1, got ${annualRate.toString()}`);
  const days = draws.map((dr) => dayNumber(dr.date));
  const end = endDate === undefined ? Math.max(...days) : dayNumber(endDate);
  let interest = ZERO;
  draws.forEach((dr, i) => {
    const elapsed = end - days[i]!;
    if (elapsed < 0) throw new RangeError(`prefinancingInterest(): draw on ${dr.date} is after the end date`);
    if (elapsed === 0) return;
    // Whole years use an integer power (exact); otherwise (1 + t)^(days/365).
    const exponent = elapsed % 365 === 0 ? D(elapsed / 365) : new Decimal(elapsed).div(365);
    interest = interest.plus(dr.amountEur.times(onePlusT.pow(exponent).minus(ONE)));
  });
  return interest;
}
