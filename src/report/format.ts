/**
 * The only display rounding of the project. Values stay exact Decimals everywhere else;
 * here they become text: fr-FR by default (`1 234 567 €`, `27,6 %`), en on request.
 */
import { D } from '../domain/money';
import { fmtEur, fmtNum, fmtPct, type Lang } from '../domain/number-text';

export { fmtNum, fmtEur, fmtPct, fmtM2, jsonNum, plain, type Lang } from '../domain/number-text';

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
