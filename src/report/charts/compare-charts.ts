/** The charts of `compare --format html`: one bar chart per key indicator, across the scenarios. */
import { D, type Dec } from '../../domain/money';
import type { Evaluation } from '../../engine/evaluate';
import { translator } from '../document';
import { fmtEur, fmtNum, fmtPct, type Lang } from '../format';
import type { BarChart, ChartsBySection } from './spec';

/**
 * `rows`: [metric, French label, English label] in table order; `order`: the column order of the
 * table (reference first, then by rank). Booleans and metrics no scenario has are left to the table.
 */
export function compareCharts(scenarios: { name: string; ev: Evaluation }[], rows: readonly [string, string, string][], order: number[], lang: Lang): ChartsBySection {
  const t = translator(lang);
  const charts: BarChart[] = [];
  for (const [m, fr, en] of rows) {
    const defs = order.map((i) => scenarios[i]!.ev.metrics.get(m));
    const unit = defs.find((d) => d)?.unit ?? '';
    if (unit === 'bool' || defs.every((d) => !d || d.value === null || typeof d.value === 'boolean')) continue;
    const dec = (d: (typeof defs)[number]): Dec | null => (!d || d.value === null || typeof d.value === 'boolean' ? null : typeof d.value === 'number' ? D(d.value) : d.value);
    const values = defs.map(dec);
    const isEur = unit === 'eur' && values.some((v) => v !== null && v.abs().gte(10000));
    const show = (v: Dec | null) => (v === null ? '—' : unit === 'eur' ? fmtEur(v, lang) : unit === 'pct' ? fmtPct(v, lang, 2) : fmtNum(v, Number.isInteger(v.toNumber()) ? 0 : 2, lang));
    const label = t(fr, en);
    const unitName = isEur ? 'k€' : unit === 'eur' ? '€' : unit === 'pct' ? '%' : unit === 'm2' ? 'm²' : unit.includes('month') ? t('€/m² SU/mois', '€/m² SU/month') : '';
    charts.push({
      kind: 'bar', id: `metric-${m.replace(/[^a-zA-Z0-9_-]/g, '-')}`, horizontal: true, zeroLine: values.some((v) => v !== null && v.isNegative()),
      title: label, xName: '', yName: unitName ? `${label} (${unitName})` : label,
      summary: t(`${label} de chaque scénario (${m}).`, `${label} of each scenario (${m}).`),
      categories: order.map((i) => scenarios[i]!.name),
      series: [{ name: label, values: values.map((v) => (v === null ? null : isEur ? v.toNumber() / 1000 : v.toNumber())) }],
      table: { headers: [t('Scénario', 'Scenario'), label], rows: order.map((i, k) => [scenarios[i]!.name, show(values[k]!)]) },
    });
  }
  return { compare: charts };
}
