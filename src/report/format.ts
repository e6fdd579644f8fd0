/**
 * The only display rounding of the project. Values stay exact Decimals everywhere else;
 * here they become text: fr-FR by default (`1 234 567 €`, `27,6 %`), en on request.
 */
import { D, Decimal, isFloatMode, type Dec } from '../domain/money';

export type Lang = 'fr' | 'en';

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A number with `dp` decimals, half-up, with grouping. */
export function fmtNum(value: Dec | number, dp: number, lang: Lang): string {
  // Sampling runs on the float twin never display anything: skip the formatting work.
  if (isFloatMode()) return '';
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
  if (isFloatMode()) return '';
  const d = value.toDecimalPlaces(maxDp, Decimal.ROUND_HALF_UP);
  const dp = Math.max(0, d.decimalPlaces());
  return fmtNum(d, dp, lang);
}

/** A parameter or default's unit, in words of the language (`pct` → `%`, `years` → `ans`). */
const UNIT_TEXT: Record<string, [string, string]> = {
  pct: ['%', '%'], years: ['ans', 'years'], year: ['année', 'year'], points: ['points', 'points'], ratio: ['coefficient', 'coefficient'],
  eur: ['€', '€'], eur_per_dwelling: ['€/logement', '€/dwelling'], eur_per_place: ['€/place', '€/parking space'],
  eur_per_m2_sp: ['€/m² SP', '€/m² floor area'], eur_ht_per_m2_su: ['€ HT/m² SU', '€ excl. VAT/m² SU'],
  eur_per_m2_su_month: ['€/m² SU/mois', '€/m² SU/month'], m2: ['m²', 'm²'], bool: ['oui/non', 'yes/no'], text: ['texte', 'text'],
};
export function unitText(unit: string, lang: Lang): string {
  const u = UNIT_TEXT[unit];
  return u ? (lang === 'fr' ? u[0] : u[1]) : unit;
}

/** Words a text-valued default may take, in the language. */
const VALUE_TEXT: Record<string, [string, string]> = {
  true: ['oui', 'yes'], false: ['non', 'no'], 'longest loan': ['durée du prêt le plus long', 'longest loan'],
  double: ['double', 'double'], simple: ['simple', 'simple'], double_limited: ['double limitée', 'double limited'], fixed: ['taux fixe', 'fixed rate'],
};

/**
 * A parameter or default value with its unit, in the language: `1,50 %`, `40 ans`, `oui`,
 * `1,50 % puis 2,00 %` for a path (`1.50%, then 2.00%`); decimals as written, at most 4.
 */
export function paramValueText(value: string | readonly string[], unit: string, lang: Lang): string {
  const items = typeof value === 'string' ? (value.includes(';') ? value.split(';').map((s) => s.trim()) : [value]) : value;
  const one = (v: string): string => {
    const words = VALUE_TEXT[v.trim()];
    if (words) return lang === 'fr' ? words[0] : words[1];
    if (!/^-?\d+(\.\d+)?$/.test(v.trim())) return v;
    const n = fmtNum(D(v.trim()), Math.min(4, (v.split('.')[1] ?? '').length), lang);
    if (unit === 'pct') return fmtPct(D(v.trim()), lang, Math.min(4, (v.split('.')[1] ?? '').length));
    if (unit === 'eur') return fmtEur(D(v.trim()), lang, Math.min(2, (v.split('.')[1] ?? '').length));
    if (unit === 'ratio' || unit === 'year' || unit === 'text' || unit === 'bool' || !UNIT_TEXT[unit]) return n;
    return `${n} ${unitText(unit, lang)}`;
  };
  return items.map(one).join(lang === 'fr' ? ' puis ' : ', then ');
}
