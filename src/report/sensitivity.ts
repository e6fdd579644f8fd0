/** The break-even construction inflation, in the report's Verdict and its JSON metrics. */
import { goalSeekMetrics, sensitivityMetrics } from '../engine/sensitivity';
import type { Evaluation } from '../engine/evaluate';
import type { Dec } from '../domain/money';
import { translator } from './document';
import { fmtNum, type Lang } from './format';
import type { ExtensionOutput } from './extensions';

/** Add the sensitivity metrics to an evaluation; `goalSeeks` adds the two searches as well (check, compare). */
export function addSensitivityMetrics(ev: Evaluation, goalSeeks = false): void {
  if (!ev.metrics.has('sensitivity.max_construction_inflation_pct')) {
    for (const m of sensitivityMetrics(ev)) ev.metrics.set(m.name, { value: m.value as Dec | null, unit: m.unit });
  }
  if (goalSeeks && !ev.metrics.has('sensitivity.bearable_land_eur')) {
    for (const m of goalSeekMetrics(ev)) ev.metrics.set(m.name, { value: m.value, unit: m.unit });
  }
}

export function sensitivityExtension(ev: Evaluation, opts: { lang: Lang; detail: string[] }): ExtensionOutput {
  addSensitivityMetrics(ev);
  const t = translator(opts.lang);
  const v = ev.metrics.get('sensitivity.max_construction_inflation_pct')!.value as Dec | null;
  const line = v !== null && !v.isNegative()
    ? t(`Inflation du coût de construction supportable: +${fmtNum(v, 2, opts.lang)} % (au-delà, l'opération ne s'équilibre plus). Détail: equilibre sensitivity.`, `Bearable construction-cost inflation: +${fmtNum(v, 2, opts.lang)} % (beyond it the operation no longer balances). Details: equilibre sensitivity.`)
    : v !== null
      ? t(`L'opération ne s'équilibre qu'avec un coût de construction réduit d'au moins ${fmtNum(v.abs(), 2, opts.lang)} %. Détail (subvention, prix, charge foncière): equilibre sensitivity.`, `The operation balances only with construction cost at least ${fmtNum(v.abs(), 2, opts.lang)} % lower. Details (subsidy, price, land): equilibre sensitivity.`)
    : ev.operation.balanced
      ? t("Inflation du coût de construction supportable: au-delà de +100 % (plage explorée).", 'Bearable construction-cost inflation: beyond +100 % (explored range).')
      : t("L'opération ne s'équilibre pas, même avec un coût de construction réduit de 50 %.", 'The operation does not balance even with construction cost 50 % lower.');
  return { sections: [{ id: 'sensitivity', title: t('Sensibilité', 'Sensitivity'), blocks: [{ kind: 'text', lines: [line] }] }], json: {} };
}
