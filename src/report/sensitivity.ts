/** The break-even construction inflation, in the report's Verdict and its JSON metrics. */
import { goalSeekMetrics, sensitivityMetrics, type SearchOutcome } from '../engine/sensitivity';
import type { Evaluation } from '../engine/evaluate';
import type { Synthesis } from '../engine/synthesis';
import { D, type Dec } from '../domain/money';
import { translator } from './section';
import { fmtEur, fmtNum, fmtPct, type Lang } from './format';
import type { Block, ExtensionOutput, Section } from './section';

/** Add the sensitivity metrics to an evaluation; `goalSeeks` adds the two searches as well (check, compare). */
export function addSensitivityMetrics(ev: Evaluation, goalSeeks = false): void {
  if (!ev.metrics.has('sensitivity.max_construction_inflation_pct')) {
    for (const m of sensitivityMetrics(ev)) ev.metrics.set(m.name, { value: m.value as Dec | null, unit: m.unit });
  }
  if (goalSeeks && !ev.metrics.has('sensitivity.bearable_land_eur')) {
    for (const m of goalSeekMetrics(ev)) ev.metrics.set(m.name, { value: m.value, unit: m.unit });
  }
}

/**
 * The « Sensibilité » section and the break-even metric, searched when something reads them (the
 * JSON formats read `json` before the metrics; the text formats read the section's blocks only when
 * it is shown, and the synthesis searches through addSensitivityMetrics too): `report --sections`
 * without the synthesis and this section runs no search (docs/performance.md).
 */
export function sensitivityExtension(ev: Evaluation, opts: { lang: Lang; detail: string[] }): ExtensionOutput {
  const t = translator(opts.lang);
  let blocks: Block[] | undefined;
  const section: Section = { id: 'sensitivity', title: t('Sensibilité', 'Sensitivity'), get blocks() { return (blocks ??= [{ kind: 'text', lines: [sensitivityLine(ev, opts.lang)] }]); } };
  return { sections: [section], get json() { addSensitivityMetrics(ev); return {}; } };
}

function sensitivityLine(ev: Evaluation, lang: Lang): string {
  addSensitivityMetrics(ev);
  const t = translator(lang);
  const opts = { lang };
  const v = ev.metrics.get('sensitivity.max_construction_inflation_pct')!.value as Dec | null;
  const line = v !== null && !v.isNegative()
    ? t(`Coût de construction : l'opération après péréquation garde un solde ≥ 0 jusqu'à une hausse de +${fmtNum(v, 2, opts.lang)} % (au-delà, déficit). Détail : equilibre sensitivity.`, `Construction cost: the operation after cross-subsidy keeps a balance ≥ 0 up to a rise of +${fmtNum(v, 2, opts.lang)}% (beyond it, a shortfall). Details: equilibre sensitivity.`)
    : v !== null
      ? t(`Coût de construction : il faudrait une baisse de ${fmtNum(v.abs(), 2, opts.lang)} % du coût de construction pour que l'opération après péréquation ait un solde ≥ 0. Autres leviers (subvention, prix, charge foncière) : equilibre sensitivity.`, `Construction cost: it would take a ${fmtNum(v.abs(), 2, opts.lang)}% cut of the construction cost for the operation after cross-subsidy to reach a balance ≥ 0. Other levers (subsidy, price, land): equilibre sensitivity.`)
    : ev.operation.balanced
      ? t("Coût de construction : l'opération après péréquation garde un solde ≥ 0 au-delà de +100 % (plage explorée).", 'Construction cost: the operation after cross-subsidy keeps a balance ≥ 0 beyond +100% (explored range).')
      : t("Coût de construction : sans prise suffisante — même réduit de 50 %, l'opération après péréquation reste en déficit.", 'Construction cost: not enough grip — even 50% lower, the operation after cross-subsidy stays in shortfall.');
  return line;
}

/**
 * The break-even construction inflation in words, in the right direction: the rise the operation
 * bears when it balances, the cut it needs when it does not (never « reste équilibrée » at a
 * negative inflation).
 */
export function breakEvenLine(be: SearchOutcome, base: Evaluation, syn: Synthesis | null, lang: Lang): string {
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const pc = (v: number | Dec, dp = 2) => fmtPct(typeof v === 'number' ? D(v) : v, lang, dp);
  if (be.kind === 'found' && be.value >= 0) {
    return t(`Opération après péréquation : solde ≥ 0 jusqu'à une hausse du coût de construction de +${pc(be.value)} (solde à ce point : ${eur(be.exact.operation.balanceEur)}) ; au-delà, déficit.`,
      `Operation after cross-subsidy: balance ≥ 0 up to a construction-cost rise of +${pc(be.value)} (balance there: ${eur(be.exact.operation.balanceEur)}); beyond it, a shortfall.`);
  }
  if (be.kind === 'found') {
    const b = syn?.construction.balancing;
    const cut = b ? b.changePct.abs() : D(be.value).abs();
    const at = b ? t(`, soit ${fmtNum(b.costEurPerM2Shab, 0, lang)} €/m² SHAB au lieu de ${fmtNum(syn!.construction.currentCostEurPerM2Shab, 0, lang)} €/m²`, `, i.e. €${fmtNum(b.costEurPerM2Shab, 0, lang)}/m² of living area instead of €${fmtNum(syn!.construction.currentCostEurPerM2Shab, 0, lang)}/m²`) : '';
    return t(`Opération après péréquation : déficit de ${eur(base.operation.balanceEur.abs())}. Il faudrait une baisse de ${pc(cut, 1)} du coût de construction${at} pour un solde nul.`,
      `Operation after cross-subsidy: shortfall of ${eur(base.operation.balanceEur.abs())}. It would take a ${pc(cut, 1)} cut of the construction cost${at} for a zero balance.`);
  }
  if (be.kind === 'beyond') {
    return t(`Opération après péréquation : solde ≥ 0 au-delà de la plage explorée (+${be.bound} % de coût de construction).`, `Operation after cross-subsidy: balance ≥ 0 beyond the explored range (+${be.bound}% construction cost).`);
  }
  return t(`Opération après péréquation : déficit de ${eur(base.operation.balanceEur.abs())} ; le coût de construction n'a pas assez de prise — même réduit de ${-be.bound} %, le solde reste négatif (inatteignable).`,
    `Operation after cross-subsidy: shortfall of ${eur(base.operation.balanceEur.abs())}; construction cost has not enough grip — even ${-be.bound}% lower, the balance stays negative (unreachable).`);
}

/**
 * The levers of the synthesis in words, for `equilibre sensitivity`: per sale lot the price at
 * which the operation's balance is 0 (with its discount and headroom), per BRS lot the redevance
 * and the OFS equity that balance the OFS. Each says when it has no grip.
 */
export function leverLines(syn: Synthesis, lang: Lang): string[] {
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const pc = (d: Dec) => fmtPct(d, lang, 1);
  const m2 = (d: Dec) => (lang === 'fr' ? `${fmtNum(d, 0, lang)} €/m²` : `€${fmtNum(d, 0, lang)}/m²`);
  const rent = (d: Dec) => `${fmtNum(d, 2, lang)} €/m² SU/${t('mois', 'month')}`;
  const out: string[] = [];
  const balanced = syn.balance.balanced;
  for (const l of syn.sales) {
    const bp = l.balancingPrice;
    const what = balanced ? t("prix plancher (solde de l'opération nul, le reste inchangé)", 'floor price (zero operation balance, all else fixed)') : t("prix qui équilibre l'opération (solde nul, le reste inchangé)", 'price that balances the operation (zero balance, all else fixed)');
    if ('none' in bp) {
      const why = bp.none === 'not_needed' ? t("sans objet — le solde reste ≥ 0 même à un prix nul", 'none — the balance stays ≥ 0 even at a zero price')
        : bp.none === 'unreachable' ? t('inatteignable — aucun prix ne suffit', 'unreachable — no price is enough') : t('sans prise', 'no grip');
      out.push(`${t('Lot', 'Lot')} ${l.lot} : ${what} : ${why}.`.replace(/ : /g, lang === 'fr' ? ' : ' : ': '));
      continue;
    }
    const extra: string[] = [];
    if (bp.discountVsMarketPct) extra.push(bp.discountVsMarketPct.isNegative() ? t(`${pc(bp.discountVsMarketPct.abs())} au-dessus du marché`, `${pc(bp.discountVsMarketPct.abs())} above market`) : t(`décote ${pc(bp.discountVsMarketPct)} sous le marché`, `${pc(bp.discountVsMarketPct)} below market`));
    if (bp.headroomVsCeilingPct) extra.push(bp.headroomVsCeilingPct.isNegative() ? t(`${pc(bp.headroomVsCeilingPct.abs())} au-dessus du plafond`, `${pc(bp.headroomVsCeilingPct.abs())} above the ceiling`) : t(`${pc(bp.headroomVsCeilingPct)} sous le plafond`, `${pc(bp.headroomVsCeilingPct)} below the ceiling`));
    const change = `${bp.changePct.isNegative() ? '−' : '+'}${pc(bp.changePct.abs())}`;
    out.push(t(`Lot ${l.lot} : ${what} : ${m2(bp.priceTtcPerM2Shab)} SHAB TTC contre ${m2(l.priceTtcPerM2Shab)} (${change})${extra.length ? `, ${extra.join(', ')}` : ''}.`,
      `Lot ${l.lot}: ${what}: ${m2(bp.priceTtcPerM2Shab)} of living area incl. VAT vs ${m2(l.priceTtcPerM2Shab)} (${change})${extra.length ? `, ${extra.join(', ')}` : ''}.`));
  }
  for (const f of syn.ofs) {
    if (f.balanced) {
      out.push(t(`OFS du lot ${f.lot} : cumul ≥ 0 chaque année du prêt Gaïa (redevance ${rent(f.redevanceEurPerM2SuMonth)}${f.balancingRedevanceEurPerM2SuMonth ? ` ; la plus basse qui le permet : ${rent(f.balancingRedevanceEurPerM2SuMonth)}` : ''}).`,
        `OFS of lot ${f.lot}: cumulative ≥ 0 every year of the Gaïa loan (redevance ${rent(f.redevanceEurPerM2SuMonth)}${f.balancingRedevanceEurPerM2SuMonth ? `; the lowest that does: ${rent(f.balancingRedevanceEurPerM2SuMonth)}` : ''}).`));
      continue;
    }
    const r = f.balancingRedevanceEurPerM2SuMonth;
    const eq = f.balancingEquity;
    const redev = r ? t(`une redevance de ${rent(r)} au lieu de ${rent(f.redevanceEurPerM2SuMonth)}`, `a redevance of ${rent(r)} instead of ${rent(f.redevanceEurPerM2SuMonth)}`) : t('redevance sans prise', 'redevance: no grip');
    const equity = 'none' in eq
      ? t("fonds propres de l'OFS : inatteignable — même sans prêt, la redevance ne couvre pas la gestion", 'OFS equity: unreachable — even without a loan the redevance does not cover management')
      : t(`ou des fonds propres de l'OFS de ${eur(eq.equityEur)}${f.equityEur.isZero() ? '' : ` (+${eur(eq.extraEur)})`} (prêt Gaïa réduit d'autant)`, `or OFS equity of ${eur(eq.equityEur)}${f.equityEur.isZero() ? '' : ` (+${eur(eq.extraEur)})`} (Gaïa loan reduced as much)`);
    out.push(t(`OFS du lot ${f.lot} : cumul au plus bas ${eur(f.minCumulativeEur)} l'année ${f.minCumulativeYear} ; pour un cumul ≥ 0, il faudrait ${redev}, ${equity}.`,
      `OFS of lot ${f.lot}: lowest cumulative ${eur(f.minCumulativeEur)} in year ${f.minCumulativeYear}; for a cumulative ≥ 0 it would take ${redev}, ${equity}.`));
  }
  return out;
}
