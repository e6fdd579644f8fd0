/**
 * Sensitivity in words: the break-even construction inflation in the report's Verdict and its JSON
 * metrics, and the document and JSON of `equilibre sensitivity` (the command runs the searches and
 * hands their facts here, src/engine/sensitivity-run.ts).
 */
import { goalSeekMetrics, LEVERS, sensitivityMetrics, type LeverId, type SearchOutcome } from '../engine/sensitivity';
import type { Evaluation } from '../engine/evaluate';
import type { SensitivityResult } from '../engine/sensitivity-run';
import type { Synthesis } from '../engine/synthesis';
import { D, HUNDRED, type Dec } from '../domain/money';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../version';
import { leverLabel } from './words';
import { translator, type Block, type ReportDoc, type Section } from './section';
import { fmtEur, fmtNum, fmtPct, jsonNum, type Lang } from './format';
import type { ExtensionOutput } from './section';

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

const lv = (id: LeverId) => LEVERS.find((l) => l.id === id)!;

export function fmtStep(x: number, id: LeverId, lang: Lang): string {
  const unit = lv(id).unit === 'pct' ? (lang === 'fr' ? ' %' : '%') : ' pt';
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmtNum(Math.abs(x), Number.isInteger(x) ? 0 : 2, lang)}${unit}`;
}

export function outcomeText(o: SearchOutcome, lang: Lang, fmt: (v: number) => string, words: { beyond: [string, string]; unreachable: [string, string] }): string {
  const t = translator(lang);
  if (o.kind === 'found') return fmt(o.value);
  if (o.kind === 'beyond') return t(words.beyond[0], words.beyond[1]);
  return t(words.unreachable[0], words.unreachable[1]);
}

export function sensitivityDoc(file: string, base: Evaluation, r: SensitivityResult, lang: Lang, goalSeek: boolean): ReportDoc {
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const pc = (d: Dec | null) => (d === null ? '—' : fmtPct(d, lang, 1));
  const sections: Section[] = [];
  const yes = t('oui', 'yes'), no = t('non', 'no');
  for (const s of r.sweeps) {
    const def = lv(s.lever);
    const blocks: Block[] = [];
    if (s.noGrip) blocks.push({ kind: 'text', lines: [t(`Ce levier n'a pas de prise sur cette opération (rien à faire varier).`, 'This lever has no grip on this operation (nothing to vary).')] });
    else {
      blocks.push({
        kind: 'table',
        headers: [leverLabel(def.id, lang), t('Prix de revient TTC', 'Cost incl. VAT'), t('Cumul locatif le plus bas', 'Lowest rental cumulative'), t('Besoin locatif', 'Rental need'), t('Marge des ventes', 'Sale margin'), t('Décote min.', 'Min. discount'), t('Solde après péréquation', 'Balance after cross-subsidy'), t('Solde ≥ 0', 'Balance ≥ 0')],
        align: ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
        rows: s.steps.map((x) => [fmtStep(x.x, s.lever, lang), eur(x.costTtcEur), x.rentalMinCumulativeEur ? eur(x.rentalMinCumulativeEur) : '—', x.rentalNeedEur ? eur(x.rentalNeedEur) : '—', pc(x.saleMarginPct), pc(x.minDiscountPct), eur(x.balanceEur), x.balanced ? yes : no]),
      });
      const first = s.steps[0], last = s.steps[s.steps.length - 1];
      const lines: string[] = [];
      if (s.tipsAt !== null) {
        const i = s.steps.findIndex((x) => x.x === s.tipsAt);
        lines.push(t(`Le solde de l'opération change de signe entre ${fmtStep(s.steps[i - 1]!.x, s.lever, lang)} et ${fmtStep(s.tipsAt, s.lever, lang)}.`, `The operation balance changes sign between ${fmtStep(s.steps[i - 1]!.x, s.lever, lang)} and ${fmtStep(s.tipsAt, s.lever, lang)}.`));
      } else if (first && last) {
        lines.push(first.balanced ? t('Solde de l’opération ≥ 0 sur toute la plage explorée.', 'Operation balance ≥ 0 over the whole explored range.') : t('Solde de l’opération négatif sur toute la plage explorée.', 'Operation balance negative over the whole explored range.'));
      }
      blocks.push({ kind: 'text', lines });
    }
    sections.push({ id: `sweep_${s.lever}`, title: `${t('Sensibilité', 'Sensitivity')}: ${leverLabel(def.id, lang).toLowerCase()}`, blocks });
  }

  const beLine = breakEvenLine(r.breakEven, base, r.synthesis, lang);
  const decide: string[] = [beLine];
  if (goalSeek) {
    const g = r.rentalGap;
    if (g) {
      decide.push(g.kind === 'found'
        ? (g.value === 0 ? t('Test réglementaire du compte locatif (circ. 97-51) : respecté, aucune subvention ni fonds propres supplémentaires nécessaires.', 'Regulatory rental-account test (circ. 97-51): met, no extra subsidy or equity needed.')
          : t(`Test réglementaire du compte locatif (circ. 97-51) : il faut ${eur(D(g.value))} de subvention ou de fonds propres en plus (${eur(D(g.value).div(base.rental!.lots.reduce((s, l) => s + base.model.lots[l.lotIndex]!.dwellings, 0)))} par logement locatif), en remplacement de prêts CDC.`, `Regulatory rental-account test (circ. 97-51): ${eur(D(g.value))} more subsidy or equity is needed (${eur(D(g.value).div(base.rental!.lots.reduce((s, l) => s + base.model.lots[l.lotIndex]!.dwellings, 0)))} per rental dwelling), replacing CDC loans.`))
        : t('Test réglementaire du compte locatif (circ. 97-51) : inatteignable par subvention — même sans aucun prêt CDC, les loyers ne couvrent pas les charges ; seul un loyer plus haut ou des charges plus basses le rétablissent.', 'Regulatory rental-account test (circ. 97-51): unreachable by subsidy — even with no CDC loan at all, rents do not cover the charges — only higher rents or lower charges restore it.'));
    }
    if (r.targets?.sales && base.sales) {
      for (const l of base.sales.lots) {
        if (l.priceOrigin !== 'file') continue;
        const target = r.targets.sales.lots.find((x) => x.lotIndex === l.lotIndex)!;
        const lot = base.model.lots[l.lotIndex]!;
        const change = target.priceTtcPerM2Shab.div(l.priceTtcPerM2Shab).minus(1).times(HUNDRED);
        decide.push(t(`Lot ${lot.id}: prix pour la marge cible de ${fmtPct(l.targetMarginPct, lang, 1)}: ${eur(target.priceTtcPerM2Shab)} TTC/m² SHAB, contre ${eur(l.priceTtcPerM2Shab)} (${change.gte(0) ? '+' : ''}${fmtPct(change, lang, 1)})${target.discountVsMarketPct ? `, décote ${fmtPct(target.discountVsMarketPct, lang, 1)}` : ''}${target.headroomVsCeilingPct && target.headroomVsCeilingPct.isNegative() ? ` — au-dessus du plafond` : ''}.`,
          `Lot ${lot.id}: price for the ${fmtPct(l.targetMarginPct, lang, 1)} target margin: ${eur(target.priceTtcPerM2Shab)}/m² incl. VAT, vs ${eur(l.priceTtcPerM2Shab)} (${change.gte(0) ? '+' : ''}${fmtPct(change, lang, 1)})${target.headroomVsCeilingPct && target.headroomVsCeilingPct.isNegative() ? ' — above the ceiling' : ''}.`));
      }
    }
    if (r.synthesis) decide.push(...leverLines(r.synthesis, lang));
    const land = r.land;
    const current = base.cost.lines.find((l) => l.id === 'land')?.amountHtEur ?? D(0);
    decide.push(land.kind === 'found'
      ? t(`Charge foncière supportable (prix du terrain pour un solde de l’opération nul): ${eur(D(land.value))}, contre ${eur(current)} aujourd'hui.`, `Bearable land charge (land price at zero balance): ${eur(D(land.value))}, vs ${eur(current)} today.`)
      : land.kind === 'beyond' ? t('Charge foncière supportable: au-delà de 100 milliards — sans limite pratique.', 'Bearable land charge: beyond 100 billion — no practical limit.')
        : t('Charge foncière supportable: aucune (inatteignable) — même avec un terrain gratuit, l’opération après péréquation reste en déficit.', 'Bearable land charge: none — even with free land the operation does not balance.'));
  }
  sections.push({ id: 'decisions', title: t("Point de bascule et ce qui rétablirait l'équilibre", 'Break-even and what would restore the balance'), blocks: [{ kind: 'text', lines: decide }] });

  if (r.tornado) {
    // Text bars around the reference: what the low and the high variation do to the balance, to the same scale.
    const HALF = 8;
    const scale = Math.max(0, ...r.tornado.flatMap((b) => [b.deltaLowEur, b.deltaHighEur].map((d) => (d ? Math.abs(d.toNumber()) : 0))));
    const bar = (lo: Dec | null, hi: Dec | null) => {
      const vals = [lo, hi].map((d) => (d ? d.toNumber() : 0));
      const neg = Math.min(0, ...vals), pos = Math.max(0, ...vals);
      const l = scale > 0 ? Math.round((HALF * -neg) / scale) : 0, rr = scale > 0 ? Math.round((HALF * pos) / scale) : 0;
      // no-break spaces: the bar is one word, never wrapped
      return '\u00a0'.repeat(HALF - l) + '█'.repeat(l) + '│' + '█'.repeat(rr) + '\u00a0'.repeat(HALF - rr);
    };
    const noGrip: string[] = [], noEffect: string[] = [];
    const rows = r.tornado.map((b) => {
      const label = leverLabel(b.lever.id, lang);
      const none = b.deltaLowEur === null && b.deltaHighEur === null;
      const zero = !none && (b.deltaLowEur?.isZero() ?? true) && (b.deltaHighEur?.isZero() ?? true);
      if (none) noGrip.push(label);
      else if (zero) noEffect.push(label);
      return [label, `${fmtStep(b.low, b.lever.id, lang)} / ${fmtStep(b.high, b.lever.id, lang)}`,
        none ? t('sans prise', 'no grip') : b.deltaLowEur ? eur(b.deltaLowEur) : '—', none ? '—' : b.deltaHighEur ? eur(b.deltaHighEur) : '—',
        none ? t('sans prise', 'no grip') : zero ? t('aucun effet', 'no effect') : bar(b.deltaLowEur, b.deltaHighEur)];
    });
    const notes = [t(`Classés par effet le plus fort. Solde de référence de l'opération après péréquation: ${eur(base.operation.balanceEur)}. Barres: effet des deux variations, à la même échelle (${eur(D(scale))} pour ${HALF} caractères), à gauche du trait une baisse du solde, à droite une hausse.`, `Ranked by largest effect. Reference balance: ${eur(base.operation.balanceEur)}. Bars: effect of both variations, to one scale (${eur(D(scale))} for ${HALF} characters), left of the line a lower balance, right a higher one.`)];
    if (noGrip.length) notes.push(t(`Sans prise (rien à faire varier dans ce fichier): ${noGrip.join(', ')}.`, `No grip (nothing to vary in this file): ${noGrip.join(', ')}.`));
    if (noEffect.length) notes.push(t(`Aucun effet sur le solde de l'opération: ${noEffect.join(', ')}.`, `No effect on the balance: ${noEffect.join(', ')}.`));
    sections.push({ id: 'tornado', title: t('Tornade: effet sur l’équilibre de l’opération', 'Tornado: effect on the operation balance'), blocks: [
      { kind: 'table', headers: [t('Levier', 'Lever'), t('Variation', 'Swing'), t('Effet (bas)', 'Effect (low)'), t('Effet (haut)', 'Effect (high)'), t('Effet (− | +)', 'Effect (− | +)')], align: ['l', 'r', 'r', 'r', 'r'], rows },
      { kind: 'text', lines: notes },
    ] });
  }
  if (r.grid) {
    const g = r.grid;
    const isEur = base.metrics.get(g.metric)?.unit === 'eur';
    const cell = (v: number | null) => (v === null ? '—' : isEur ? fmtNum(D(v).div(1000), 0, lang) : fmtNum(v, 2, lang));
    sections.push({ id: 'grid', title: `${t('Grille', 'Grid')}: ${g.metric}${isEur ? t(' (k€)', ' (k€)') : ''}`, blocks: [
      { kind: 'table', headers: [`${leverLabel(g.a, lang)} \\ ${leverLabel(g.b, lang)}`, ...g.ys.map((y) => fmtStep(y, g.b, lang))], align: ['r', ...g.ys.map(() => 'r' as const)],
        rows: g.xs.map((x, i) => [fmtStep(x, g.a, lang), ...g.values[i]!.map(cell)]) },
      { kind: 'text', lines: [t('Grille échantillonnée en virgule flottante (écart à l’exact borné à 5 centimes par les tests).', 'Grid sampled in floating point (gap to the exact path bounded to 5 cents by the tests).'), ...(g.noGrip.length ? [t(`Sans prise: ${g.noGrip.join(', ')}.`, `No grip: ${g.noGrip.join(', ')}.`)] : [])] },
    ] });
  }
  return {
    title: `${t('Sensibilité', 'Sensitivity')} — ${base.model.name}`,
    subtitle: [`${file} · ${t('solde de l’opération après péréquation', 'operation balance after cross-subsidy')} ${eur(base.operation.balanceEur)} (${base.operation.balanced ? t('excédent', 'surplus') : t('déficit', 'shortfall')})`, `${t('Paramètres', 'Parameters')} ${base.model.paramYear} (${t('millésime', 'vintage')} ${base.model.vintage}) · ${TOOL_NAME} ${TOOL_VERSION}`],
    sections,
  };
}

export const outcomeJson = (o: SearchOutcome | null, dp = 2) => (o === null ? null : o.kind === 'found' ? { status: 'found', value: jsonNum(D(o.value), dp) } : { status: o.kind, bound: o.bound });

export function sensitivityJson(file: string, base: Evaluation, r: SensitivityResult): Record<string, unknown> {
  const n = (d: Dec | null, dp = 2) => (d === null ? null : jsonNum(d, dp));
  return {
    schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, file,
    parameters: { year: base.model.paramYear, vintage: base.model.vintage },
    base: { balance_eur: n(base.operation.balanceEur), balanced: base.operation.balanced },
    metrics: {
      'sensitivity.max_construction_inflation_pct': r.breakEven.kind === 'found' ? r.breakEven.value : null,
      'sensitivity.rental_extra_subsidy_eur': r.rentalGap && r.rentalGap.kind === 'found' ? r.rentalGap.value : null,
      'sensitivity.bearable_land_eur': r.land.kind === 'found' ? r.land.value : null,
      ...Object.fromEntries((r.synthesis?.sales ?? []).map((l) => [`sensitivity.${l.lot}.balancing_price_ttc_eur_per_m2_shab`, 'none' in l.balancingPrice ? null : n(l.balancingPrice.priceTtcPerM2Shab, 4)])),
    },
    sweeps: r.sweeps.map((s) => ({
      lever: s.lever, unit: lv(s.lever).unit, no_grip: s.noGrip, tips_at: s.tipsAt,
      steps: s.steps.map((x) => ({ x: x.x, cost_price_ttc_eur: n(x.costTtcEur), rental_min_cumulative_eur: n(x.rentalMinCumulativeEur), rental_balanced: x.rentalBalanced, rental_need_eur: n(x.rentalNeedEur), sale_margin_pct: n(x.saleMarginPct, 4), min_discount_pct: n(x.minDiscountPct, 4), balance_eur: n(x.balanceEur), balanced: x.balanced })),
    })),
    break_even: {
      construction_inflation_pct: outcomeJson(r.breakEven), search_range_pct: [-50, 100],
      balancing_construction: r.synthesis?.construction.balancing ? { change_pct: n(r.synthesis.construction.balancing.changePct, 6), cost_eur_per_m2_shab: n(r.synthesis.construction.balancing.costEurPerM2Shab, 4), balance_eur: n(r.synthesis.construction.balancing.balanceEur) } : null,
    },
    goal_seek: {
      balancing_prices: (r.synthesis?.sales ?? []).map((l) => ({ lot: l.lot, ...('none' in l.balancingPrice ? { status: l.balancingPrice.none } : { status: 'found', price_ttc_eur_per_m2_shab: n(l.balancingPrice.priceTtcPerM2Shab, 4), change_pct: n(l.balancingPrice.changePct, 4), discount_vs_market_pct: n(l.balancingPrice.discountVsMarketPct, 4), headroom_vs_ceiling_pct: n(l.balancingPrice.headroomVsCeilingPct, 4), balance_eur: n(l.balancingPrice.balanceEur) }) })),
      ofs: (r.synthesis?.ofs ?? []).map((f) => ({ lot: f.lot, balanced: f.balanced, min_cumulative_eur: n(f.minCumulativeEur), balancing_redevance_eur_per_m2_su_month: n(f.balancingRedevanceEurPerM2SuMonth, 6), balancing_equity: 'none' in f.balancingEquity ? { status: f.balancingEquity.none } : { status: 'found', equity_eur: n(f.balancingEquity.equityEur), extra_eur: n(f.balancingEquity.extraEur) } })),
      rental_extra_subsidy_or_equity_eur: outcomeJson(r.rentalGap, 0),
      bearable_land_eur: outcomeJson(r.land, 0),
      target_prices: r.targets?.sales ? r.targets.sales.lots.map((l) => ({ lot: base.model.lots[l.lotIndex]!.id, price_ttc_eur_per_m2_shab: n(l.priceTtcPerM2Shab), margin_pct: n(l.marginPct, 4), discount_vs_market_pct: n(l.discountVsMarketPct, 4), headroom_vs_ceiling_pct: n(l.headroomVsCeilingPct, 4) })) : [],
    },
    tornado: r.tornado?.map((b) => ({ lever: b.lever.id, unit: b.lever.unit, low: b.low, high: b.high, no_grip: b.deltaLowEur === null && b.deltaHighEur === null, delta_low_eur: n(b.deltaLowEur), delta_high_eur: n(b.deltaHighEur) })) ?? null,
    grid: r.grid ? { metric: r.grid.metric, a: r.grid.a, b: r.grid.b, xs: r.grid.xs, ys: r.grid.ys, values: r.grid.values.map((row) => row.map((v) => (v === null ? null : Math.round(v * 100) / 100))), sampled_in_float: true } : null,
  };
}
