/**
 * `compare --format xlsx`: a comparison sheet (scenarios side by side, differences to the first as
 * formulas), then one sheet per scenario with its metrics.
 */
import type { Workbook } from 'exceljs';
import type { Lang } from '../format';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { FMT, SheetWriter, addr, sheetName } from './sheet';
import { isSearchMetric, metricCell, SEARCH_LABEL, unitLabel } from './report';

export interface CompareInput {
  lang: Lang;
  /** Metric rows: key, French label, English label. */
  rows: [string, string, string][];
  scenarios: {
    name: string;
    file: string;
    variant: string | null;
    vintage: string;
    rank: number;
    /** Every metric of the scenario (JSON values: numbers rounded as in the JSON output), with its unit. */
    metrics: { key: string; value: number | boolean | null; unit: string }[];
    goalSeek: { rentalGapEur: number | null; bearableLandEur: number | null } | null;
  }[];
  rankMetric: string;
  poisonCache?: boolean;
}

export function buildCompareWorkbook(wb: Workbook, input: CompareInput): void {
  const t = (fr: string, en: string) => (input.lang === 'fr' ? fr : en);
  const cache = { poison: input.poisonCache === true };
  const taken = new Set<string>();
  const mainName = sheetName(t('Comparaison', 'Comparison'), taken);
  const S = new SheetWriter(wb.addWorksheet(mainName), mainName, cache);
  const n = input.scenarios.length;
  S.widths([46, ...input.scenarios.map(() => 20), ...input.scenarios.slice(1).map(() => 20)]);
  S.text(1, 1, t('Comparaison', 'Comparison'), { bold: true, size: 14 });
  S.text(2, 1, `${[...new Set(input.scenarios.map((s) => s.vintage))].join(', ')} · ${TOOL_NAME} ${TOOL_VERSION}`, { italic: true });
  S.header(4, 1, [t('Indicateur', 'Metric'), ...input.scenarios.map((s) => s.name), ...input.scenarios.slice(1).map((s) => `${t('Écart', 'Difference')}: ${s.name}`)]);
  let row = 5;
  for (const [key, fr, en] of input.rows) {
    S.text(row, 1, t(fr, en));
    let unit = '';
    input.scenarios.forEach((s, i) => {
      const m = s.metrics.find((x) => x.key === key);
      unit ||= m?.unit ?? '';
      metricCell(S, row, 2 + i, m?.value ?? null, m?.unit ?? '', t);
    });
    // Differences to the first scenario: live formulas over the cells above.
    const first = input.scenarios[0]!.metrics.find((x) => x.key === key)?.value;
    input.scenarios.slice(1).forEach((s, j) => {
      const v = s.metrics.find((x) => x.key === key)?.value;
      if (typeof first === 'number' && typeof v === 'number') {
        const scale = unit === 'pct' ? 100 : 1;
        S.formula(row, 2 + n + j, `${addr(row, 3 + j)}-${addr(row, 2)}`, (v - first) / scale, unit === 'eur' ? FMT.eur : unit === 'pct' ? FMT.pct2 : FMT.num4, 6);
      } else S.value(row, 2 + n + j, '—');
    });
    if (isSearchMetric(key)) S.text(row, 2 + n + Math.max(0, n - 1), t(SEARCH_LABEL[0], SEARCH_LABEL[1]), { italic: true });
    row++;
  }
  if (input.scenarios.some((s) => s.goalSeek)) {
    const seek = (label: string, pick: (g: NonNullable<CompareInput['scenarios'][number]['goalSeek']>) => number | null) => {
      S.text(row, 1, label);
      input.scenarios.forEach((s, i) => {
        const v = s.goalSeek ? pick(s.goalSeek) : null;
        if (v === null) S.value(row, 2 + i, '—'); else S.searched(row, 2 + i, v, FMT.eur);
      });
      S.text(row, 2 + n + Math.max(0, n - 1), t(SEARCH_LABEL[0], SEARCH_LABEL[1]), { italic: true });
      row++;
    };
    seek(t('Subvention ou fonds propres pour le test locatif', 'Subsidy or equity for the rental test'), (g) => g.rentalGapEur);
    seek(t('Charge foncière supportable', 'Bearable land charge'), (g) => g.bearableLandEur);
  }
  S.text(row, 1, t(`Rang (${input.rankMetric})`, `Rank (${input.rankMetric})`));
  input.scenarios.forEach((s, i) => S.value(row, 2 + i, s.rank, FMT.int));
  S.finish(5, 2, 1 + n + Math.max(0, n - 1));

  for (const s of input.scenarios) {
    const name = sheetName(s.name, taken);
    const W = new SheetWriter(wb.addWorksheet(name), name, cache);
    W.widths([52, 20, 16, 50]);
    W.text(1, 1, s.name, { bold: true, size: 14 });
    W.text(2, 1, `${s.file}${s.variant ? ` · ${t('variante', 'variant')} ${s.variant}` : ''} · ${t('paramètres', 'parameters')} ${s.vintage}`, { italic: true });
    W.header(4, 1, [t('Clé', 'Key'), t('Valeur', 'Value'), t('Unité', 'Unit'), t('Note', 'Note')]);
    let r = 5;
    for (const m of s.metrics) {
      W.text(r, 1, m.key);
      metricCell(W, r, 2, m.value, m.unit, t);
      W.text(r, 3, unitLabel(m.unit, t));
      if (isSearchMetric(m.key)) W.text(r, 4, t(SEARCH_LABEL[0], SEARCH_LABEL[1]), { italic: true });
      r++;
    }
    W.finish(5, 2, 4);
  }
}
