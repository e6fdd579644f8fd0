/** The charts of `sensitivity --format html`: each sweep, the tornado, the 2-D grid as a heat map. */
import { D, type Dec } from '../../domain/money';
import type { Evaluation } from '../../engine/evaluate';
import { LEVERS, type LeverId } from '../../engine/sensitivity';
import type { SensitivityResult } from '../../engine/sensitivity-run';
import { translator } from '../document';
import { fmtEur, fmtNum, type Lang } from '../format';
import { kEur } from './report-charts';
import type { ChartsBySection } from './spec';
import { leverLabel } from '../words';

const lever = (id: LeverId) => LEVERS.find((l) => l.id === id)!;

export function sensitivityCharts(base: Evaluation, r: SensitivityResult, lang: Lang): ChartsBySection {
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const unitOf = (id: LeverId) => (lever(id).unit === 'pct' ? '%' : t('points', 'points'));
  const step = (x: number, id: LeverId) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmtNum(Math.abs(x), Number.isInteger(x) ? 0 : 2, lang)}${lever(id).unit === 'pct' ? (lang === 'fr' ? ' %' : '%') : ' pt'}`;
  const out: ChartsBySection = {};

  for (const s of r.sweeps) {
    if (s.noGrip || s.steps.length === 0) continue;
    const def = lever(s.lever);
    const name = leverLabel(def.id, lang);
    const hasRental = s.steps.some((x) => x.rentalMinCumulativeEur !== null);
    out[`sweep_${s.lever}`] = [{
      kind: 'line', id: `sweep-${s.lever}`,
      title: t(`Équilibre de l'opération selon: ${name.toLowerCase()}`, `Operation balance against: ${name.toLowerCase()}`),
      xName: `${name} (${t('variation', 'change')}, ${unitOf(s.lever)})`, yName: 'k€',
      summary: s.tipsAt !== null
        ? t(`L'équilibre bascule avant ${step(s.tipsAt, s.lever)}${s.lever === 'construction' && r.breakEven.kind === 'found' ? ` (point de bascule: ${step(r.breakEven.value, s.lever)})` : ''}.`, `The balance tips before ${step(s.tipsAt, s.lever)}${s.lever === 'construction' && r.breakEven.kind === 'found' ? ` (break-even: ${step(r.breakEven.value, s.lever)})` : ''}.`)
        : s.steps[0]!.balanced ? t('Équilibrée sur toute la plage explorée.', 'Balanced over the whole explored range.') : t('Non équilibrée sur toute la plage explorée.', 'Not balanced over the whole explored range.'),
      series: [
        { name: t("Équilibre de l'opération", 'Operation balance'), points: s.steps.map((x) => [x.x, kEur(x.balanceEur)]), emphasis: true },
        ...(hasRental ? [{ name: t('Cumul locatif le plus bas', 'Lowest rental cumulative'), points: s.steps.map((x): [number, number | null] => [x.x, x.rentalMinCumulativeEur ? kEur(x.rentalMinCumulativeEur) : null]) }] : []),
      ],
      zeroLine: true,
      ...(s.lever === 'construction' && r.breakEven.kind === 'found' && r.breakEven.value >= s.steps[0]!.x && r.breakEven.value <= s.steps[s.steps.length - 1]!.x
        ? { markX: { x: r.breakEven.value, label: t(`point de bascule ${step(r.breakEven.value, 'construction')}`, `break-even ${step(r.breakEven.value, 'construction')}`) } }
        : {}),
      table: {
        headers: [name, t("Équilibre de l'opération", 'Operation balance'), ...(hasRental ? [t('Cumul locatif le plus bas', 'Lowest rental cumulative')] : [])],
        rows: s.steps.map((x) => [step(x.x, s.lever), eur(x.balanceEur), ...(hasRental ? [x.rentalMinCumulativeEur ? eur(x.rentalMinCumulativeEur) : '—'] : [])]),
      },
    }];
  }

  if (r.tornado) {
    const bars = r.tornado.filter((b) => b.deltaLowEur !== null || b.deltaHighEur !== null);
    if (bars.length > 0) {
      const label = (b: (typeof bars)[number]) => `${leverLabel(b.lever.id, lang)} (${step(b.low, b.lever.id)} / ${step(b.high, b.lever.id)})`;
      out.tornado = [{
        kind: 'bar', id: 'tornado', horizontal: true, zeroLine: true,
        title: t("Tornade: effet de chaque levier sur l'équilibre de l'opération", 'Tornado: effect of each lever on the operation balance'),
        xName: '', yName: t("Écart à l'équilibre de référence (k€)", 'Change in the balance (k€)'),
        summary: t(`Effet de la variation basse et haute de chaque levier, par rapport à l'équilibre de référence de ${eur(base.operation.balanceEur)}.`, `Effect of the low and high swing of each lever, against the reference balance of ${eur(base.operation.balanceEur)}.`),
        categories: bars.map(label),
        series: [
          { name: t('Variation basse', 'Low swing'), values: bars.map((b) => (b.deltaLowEur ? kEur(b.deltaLowEur) : null)), stack: 'swing' },
          { name: t('Variation haute', 'High swing'), values: bars.map((b) => (b.deltaHighEur ? kEur(b.deltaHighEur) : null)), stack: 'swing' },
        ],
        table: { headers: [t('Levier', 'Lever'), t('Effet (bas)', 'Effect (low)'), t('Effet (haut)', 'Effect (high)')], rows: bars.map((b) => [label(b), b.deltaLowEur ? eur(b.deltaLowEur) : '—', b.deltaHighEur ? eur(b.deltaHighEur) : '—']) },
      }];
    }
  }

  if (r.grid) {
    const g = r.grid;
    const isEur = base.metrics.get(g.metric)?.unit === 'eur';
    const a = lever(g.a), b = lever(g.b);
    const val = (v: number | null) => (v === null ? null : isEur ? v / 1000 : v);
    out.grid = [{
      kind: 'heatmap', id: 'grid', diverging: isEur || g.values.flat().some((v) => v !== null && v < 0), decimals: isEur ? 0 : 2,
      title: t(`Grille: ${g.metric}${isEur ? ' (k€)' : ''}`, `Grid: ${g.metric}${isEur ? ' (k€)' : ''}`),
      xName: `${leverLabel(b.id, lang)} (${unitOf(g.b)})`, yName: `${leverLabel(a.id, lang)} (${unitOf(g.a)})`,
      summary: t(`${g.metric} pour chaque combinaison des deux leviers${isEur ? ', en k€' : ''}; rouge: négatif, vert: positif.`, `${g.metric} for each combination of the two levers${isEur ? ', in k€' : ''}; red: negative, green: positive.`),
      xs: g.xs.map((x) => step(x, g.a)), ys: g.ys.map((y) => step(y, g.b)),
      values: g.values.map((row) => row.map(val)),
      table: {
        headers: [`${leverLabel(a.id, lang)} \\ ${leverLabel(b.id, lang)}`, ...g.ys.map((y) => step(y, g.b))],
        rows: g.xs.map((x, i) => [step(x, g.a), ...g.values[i]!.map((v) => (v === null ? '—' : isEur ? fmtEur(D(v), lang) : fmtNum(v, 2, lang)))]),
      },
    }];
  }
  return out;
}
