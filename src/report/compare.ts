/**
 * The comparison of `equilibre compare` in words and in JSON: the table of the core metrics with
 * the difference to the first scenario, the ranking by a metric, the goal seeks; its JSON, its
 * workbook's input and its HTML charts' order. The command (src/cli/commands/compare.ts) loads and
 * evaluates the scenarios and hands them here.
 */
import { D, type Dec } from '../domain/money';
import type { Evaluation, MetricDef } from '../engine/evaluate';
import type { SearchOutcome } from '../engine/sensitivity';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../version';
import { translator, type ReportDoc } from './section';
import { fmtEur, fmtNum, fmtPct, jsonNum, type Lang } from './format';
import { metricJson } from './json';
import type { CompareInput } from './xlsx/compare';

/** One column of the comparison: a file or one of its variants, evaluated, with its goal seeks (null: not searched). */
export interface CompareScenario {
  name: string;
  file: string;
  variant: string | null;
  ev: Evaluation;
  rentalGap: SearchOutcome | null;
  land: SearchOutcome | null;
}

export const DEFAULT_ROWS: readonly [string, string, string][] = [
  ['dwellings', 'Logements', 'Dwellings'],
  ['shab_m2', 'SHAB (m²)', 'Living area (m²)'],
  ['cost_price.total_ttc_eur', 'Prix de revient TTC', 'Cost price incl. VAT'],
  ['cost_price.per_dwelling_ttc_eur', 'Prix de revient TTC / logement', 'Cost per dwelling'],
  ['financing.subsidies_eur', 'Subventions (locatif)', 'Subsidies (rental)'],
  ['financing.equity_eur', 'Fonds propres (locatif)', 'Equity (rental)'],
  ['financing.loans_eur', 'Emprunts (locatif)', 'Loans (rental)'],
  ['rental.year1_rent_eur', 'Loyers an 1', 'Year-1 rents'],
  ['rental.min_cumulative_cash_flow_eur', 'Cumul locatif le plus bas', 'Lowest rental cumulative'],
  ['rental.balanced', 'Test réglementaire du compte locatif (circ. 97-51) respecté', 'Regulatory rental-account test (circ. 97-51) met'],
  ['rental.break_even_rent_eur_per_m2_su_month', "Loyer d'équilibre (€/m² SU/mois)", 'Break-even rent (€/m² SU/month)'],
  ['sale.revenue_ht_eur', 'Chiffre d’affaires des ventes HT', 'Sales revenue excl. VAT'],
  ['sale.margin_eur', 'Marge des ventes', 'Sales margin'],
  ['sale.margin_pct', 'Marge des ventes (%)', 'Sales margin (%)'],
  ['operation.balance_eur', 'Solde de l’opération après péréquation', 'Operation balance after cross-subsidy'],
  ['operation.balanced', 'Opération après péréquation : solde ≥ 0', 'Operation after cross-subsidy: balance ≥ 0'],
  ['sensitivity.max_construction_inflation_pct', 'Hausse du coût de construction supportable (%, négative : baisse nécessaire)', 'Bearable construction-cost rise (%, negative: cut needed)'],
];

/** What the comparison shows: the scenarios (the first is the reference), the metric rows, the ranking metric, whether goal seeks ran. */
export interface CompareFacts {
  scenarios: CompareScenario[];
  rows: [string, string, string][];
  rank: string;
  goalSeek: boolean;
}

/** The scenarios' indices, best first by the ranking metric (null last, ties in the given order), and each one's rank. */
export function ranking(f: CompareFacts): { ranking: number[]; rankOf: Map<number, number> } {
  const num = (m: MetricDef | undefined): number | null => {
    const v = m?.value;
    if (v === undefined || v === null) return null;
    return typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : v.toNumber();
  };
  const ranking = f.scenarios.map((s, i) => ({ i, v: num(s.ev.metrics.get(f.rank)) })).sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity) || a.i - b.i).map((x) => x.i);
  const rankOf = new Map(ranking.map((i, r) => [i, r + 1]));
  return { ranking, rankOf };
}

/** The JSON of the comparison (docs/json.md). */
export function compareJson(f: CompareFacts): Record<string, unknown> {
  const { rankOf } = ranking(f);
  return {
    schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, rank_metric: f.rank,
    scenarios: f.scenarios.map((s, i) => ({
      name: s.name, file: s.file, variant: s.variant, rank: rankOf.get(i), parameters: { year: s.ev.model.paramYear, vintage: s.ev.model.vintage },
      metrics: Object.fromEntries(f.rows.map(([m]) => [m, s.ev.metrics.has(m) ? metricJson(s.ev.metrics.get(m)!) : null])),
      difference_to_first: Object.fromEntries(f.rows.map(([m]) => {
        const a = f.scenarios[0]!.ev.metrics.get(m)?.value, b = s.ev.metrics.get(m)?.value;
        return [m, a && b && typeof a === 'object' && typeof b === 'object' ? jsonNum((b as Dec).minus(a as Dec), 4) : null];
      })),
      goal_seek: {
        rental_extra_subsidy_or_equity_eur: s.rentalGap ? (s.rentalGap.kind === 'found' ? s.rentalGap.value : null) : null,
        bearable_land_eur: s.land ? (s.land.kind === 'found' ? s.land.value : null) : null,
      },
    })),
  };
}

/** The workbook's input (src/report/xlsx/compare.ts). */
export function compareXlsxInput(f: CompareFacts, lang: Lang): CompareInput {
  const { rankOf } = ranking(f);
  const rows = f.rows;
  return {
    lang, rows, rankMetric: f.rank,
    scenarios: f.scenarios.map((s, i) => ({
      name: s.name, file: s.file, variant: s.variant, vintage: s.ev.model.vintage, rank: rankOf.get(i)!,
      metrics: [...s.ev.metrics].map(([key, m]) => ({ key, value: metricJson(m), unit: m.unit })),
      goalSeek: f.goalSeek ? {
        rentalGapEur: s.rentalGap?.kind === 'found' ? s.rentalGap.value : null,
        bearableLandEur: s.land?.kind === 'found' ? s.land.value : null,
      } : null,
    })),
  };
}

/** The document of the comparison (table, markdown, HTML), and the order of its columns (for the HTML charts). */
export function compareDoc(f: CompareFacts, lang: Lang): { doc: ReportDoc; order: number[] } {
  const t = translator(lang);
  const { ranking: ranked, rankOf } = ranking(f);
  const cell = (m: string, s: CompareScenario, ref: CompareScenario | null): string => {
    const def = s.ev.metrics.get(m);
    if (!def || def.value === null) return '—';
    const v = def.value;
    if (typeof v === 'boolean') return v ? t('oui', 'yes') : t('non', 'no');
    const d = typeof v === 'number' ? D(v) : v;
    const text = def.unit === 'eur' ? fmtEur(d, lang) : def.unit === 'pct' ? fmtPct(d, lang, 2) : def.unit === 'm2' ? fmtNum(d, 0, lang) : fmtNum(d, def.unit.includes('month') ? 2 : Number.isInteger(d.toNumber()) ? 0 : 2, lang);
    if (!ref) return text;
    const r = ref.ev.metrics.get(m)?.value;
    if (r === undefined || r === null || typeof r === 'boolean') return text;
    const diff = d.minus(typeof r === 'number' ? D(r) : r);
    if (diff.isZero()) return text;
    // a difference of percents is in points
    const dt = def.unit === 'eur' ? fmtEur(diff.abs(), lang) : def.unit === 'pct' ? `${fmtNum(diff.abs(), 2, lang)} pt` : fmtNum(diff.abs(), def.unit.includes('month') ? 2 : 0, lang);
    return `${text} (${diff.isNegative() ? '−' : '+'}${dt})`;
  };
  const order = [0, ...ranked.filter((i) => i !== 0)];
  const head = [t('Indicateur', 'Metric'), ...order.map((i) => f.scenarios[i]!.name)];
  const body = f.rows.map(([m, fr, en]) => [t(fr, en), ...order.map((i) => cell(m, f.scenarios[i]!, i === 0 ? null : f.scenarios[0]!))]);
  const seekRow = (label: [string, string], pick: (s: CompareScenario) => SearchOutcome | null, zeroFr: string, zeroEn: string) =>
    [t(label[0], label[1]), ...order.map((i) => {
      const o = pick(f.scenarios[i]!);
      if (!o) return '—';
      if (o.kind === 'found') return o.value === 0 && zeroFr ? t(zeroFr, zeroEn) : fmtEur(D(o.value), lang);
      return o.kind === 'beyond' ? t('sans limite', 'no limit') : t('inatteignable', 'unreachable');
    })];
  if (f.goalSeek) {
    body.push(seekRow(['Subvention ou fonds propres pour le test locatif', 'Subsidy or equity for the rental test'], (s) => s.rentalGap, 'aucun besoin', 'none needed'));
    body.push(seekRow(['Charge foncière supportable', 'Bearable land charge'], (s) => s.land, '', ''));
  }
  body.push([t(`Rang (${f.rank})`, `Rank (${f.rank})`), ...order.map((i) => String(rankOf.get(i)))]);
  const doc: ReportDoc = {
    title: t('Comparaison', 'Comparison'),
    subtitle: [f.scenarios.map((s) => `${s.name} (${s.file}${s.variant ? `, ${t('variante', 'variant')} ${s.variant}` : ''})`).join(' · '), `${t('Paramètres', 'Parameters')} ${[...new Set(f.scenarios.map((s) => s.ev.model.vintage))].join(', ')} · ${TOOL_NAME} ${TOOL_VERSION}`],
    sections: [{
      id: 'compare', title: t('Indicateurs', 'Metrics'),
      blocks: [
        { kind: 'table', headers: head, align: ['l', ...order.map(() => 'r' as const)], rows: body },
        { kind: 'text', lines: [t(`Entre parenthèses: l'écart avec « ${f.scenarios[0]!.name} ». Colonnes classées par ${f.rank} décroissant après la référence.`, `In brackets: the difference to "${f.scenarios[0]!.name}". Columns ranked by ${f.rank}, descending, after the reference.`)] },
      ],
    }],
  };
  return { doc, order };
}

/** The HTML page's facts: its language, title, tool and parameter vintages. */
export function compareHtmlMeta(f: CompareFacts, lang: Lang): { lang: Lang; name: string; tool: string; vintage: string } {
  const t = translator(lang);
  return { lang, name: t('Comparaison', 'Comparison'), tool: `${TOOL_NAME} ${TOOL_VERSION}`, vintage: [...new Set(f.scenarios.map((s) => s.ev.model.vintage))].join(', ') };
}
