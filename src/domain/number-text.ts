/**
 * Numbers as text (fr-FR by default: `1 234 567 €`, `27,6 %`; en on request), the one display
 * rounding of the project. It lives in domain/ so that every layer may word a number the same way
 * without importing the report; src/report/format.ts re-exports it with the units' words.
 */
import { D, Decimal, type Dec } from './money';

export type Lang = 'fr' | 'en';

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/**
 * round_half_up(value × 10^dp) as an integer, computed in float64 when that is certainly the exact
 * answer, else null (then Decimal rounds). value.toNumber() is within half an ulp of the exact value
 * and the product adds another: below 2^40 the scaled value is within 3e-4 of the exact one, so
 * unless its fraction is within 1e-3 of a half (a tie, or close to one) the nearest integer is the
 * exact rounding. The printed figures are the same to the byte (test/number-text.test.ts); this only
 * spares decimal.js's rounding, most of the cost of publishing an account (docs/performance.md).
 */
function scaledRound(value: Dec | number, dp: number): number | null {
  const p = POW10[dp];
  if (p === undefined) return null;
  const s = (typeof value === 'number' ? value : value.toNumber()) * p;
  if (!(Math.abs(s) < 2 ** 40)) return null;
  const f = s - Math.floor(s);
  if (Math.abs(f - 0.5) < 1e-3) return null;
  return Math.round(s);
}

/** `n / 10^dp` written with exactly `dp` decimals, like Decimal's toFixed (a zero without sign). */
function fixedOf(n: number, dp: number): string {
  const digits = String(Math.abs(n)).padStart(dp + 1, '0');
  const body = dp === 0 ? digits : `${digits.slice(0, -dp)}.${digits.slice(-dp)}`;
  return n < 0 ? `-${body}` : body;
}

/** A number with `dp` decimals, half-up, with grouping. */
export function fmtNum(value: Dec | number, dp: number, lang: Lang): string {
  const n = scaledRound(value, dp);
  let s = n !== null ? fixedOf(n, dp) : (typeof value === 'number' ? D(value) : value).toFixed(dp, Decimal.ROUND_HALF_UP);
  if (/^-0(\.0+)?$/.test(s)) s = s.slice(1);
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  const [i, f] = s.split('.');
  const body = group(i!, lang === 'fr' ? ' ' : ',') + (f ? (lang === 'fr' ? ',' : '.') + f : '');
  return (neg ? '−' : '') + body;
}

/** Euros, whole by default: `1 234 567 €` / `€1,234,567`. */
export function fmtEur(value: Dec, lang: Lang, dp = 0): string {
  const n = fmtNum(value, dp, lang);
  if (lang === 'fr') return `${n} €`;
  return n.startsWith('−') ? `−€${n.slice(1)}` : `€${n}`;
}

/** A percent value (27.56 → `27,6 %`). */
export function fmtPct(percent: Dec, lang: Lang, dp = 1): string {
  return lang === 'fr' ? `${fmtNum(percent, dp, lang)} %` : `${fmtNum(percent, dp, lang)}%`;
}

export function fmtM2(value: Dec, lang: Lang, dp = 0): string {
  return `${fmtNum(value, dp, lang)} m²`;
}

/** A number in a JSON output: money to the cent, other figures to `dp` decimals. Returns a JS number. */
export function jsonNum(value: Dec, dp = 2): number {
  // n / 10^dp is the double nearest to the decimal n·10^−dp, as Decimal's toNumber gives it
  const n = scaledRound(value, dp);
  return n !== null ? n / POW10[dp]! : value.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).toNumber();
}

/** Plain decimal text for explanations: trims useless zeros (`1210`, `0.85`). */
export function plain(value: Dec, lang: Lang, maxDp = 4): string {
  const d = value.toDecimalPlaces(maxDp, Decimal.ROUND_HALF_UP);
  const dp = Math.max(0, d.decimalPlaces());
  return fmtNum(d, dp, lang);
}
