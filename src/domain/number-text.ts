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

/** A number with `dp` decimals, half-up, with grouping. */
export function fmtNum(value: Dec | number, dp: number, lang: Lang): string {
  const d = typeof value === 'number' ? D(value) : value;
  let s = d.toFixed(dp, Decimal.ROUND_HALF_UP);
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
  return value.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).toNumber();
}

/** Plain decimal text for explanations: trims useless zeros (`1210`, `0.85`). */
export function plain(value: Dec, lang: Lang, maxDp = 4): string {
  const d = value.toDecimalPlaces(maxDp, Decimal.ROUND_HALF_UP);
  const dp = Math.max(0, d.decimalPlaces());
  return fmtNum(d, dp, lang);
}
