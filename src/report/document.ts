/**
 * The report, built once as a neutral document (sections of tables and lines of text), then
 * rendered as a terminal table or markdown. All display rounding goes through format.ts.
 */
import { profileLine } from './profile';
import { lineAssumptionLabel, lineAssumptionValue } from './line-words';
import { D, HUNDRED, ZERO, sum, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import { CHAPTER_ORDER, type CostLine } from '../engine/cost-price';
import { fmtEur, fmtM2, fmtNum, fmtPct, paramValueText, plain, type Lang } from './format';
import { renderDiagnostic } from './diagnostics';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { confidenceLabel, confidenceLegend } from '../params/confidence';
import { synthesisSection } from './synthesis';
import { translator, type Block, type Section, type ReportDoc } from './section';
import { CHAPTER_LABEL, CHAPTER_LABEL_EXISTING, labelText } from './labels';
import { advanceLabel, assumptionLabel, assumptionOrigin, assumptionSource, costLineBasis, costLineLabel, loanLabel, sourceLabel } from './words';

export { translator, type Block, type ReportDoc, type Section, type TableBlock, type TextBlock, type Tr } from './section';

export interface ReportOptions {
  lang: Lang;
  /** Extra sections contributed by later stages (rents, loans, sales…), in order. */
  extraSections?: Section[];
  /** Sections that open the report, before the surfaces; by default the synthesis (src/report/synthesis.ts). */
  leadSections?: Section[];
  sourceText?: string;
}

export function buildReport(ev: Evaluation, opts: ReportOptions): ReportDoc {
  const { lang } = opts;
  const t = translator(lang);
  const { model, surfaces, cost, financing } = ev;
  const eur = (d: Dec) => fmtEur(d, lang);
  const m2 = (d: Dec) => fmtM2(d, lang);
  const pctOf = (a: Dec, b: Dec) => (b.isZero() ? '—' : fmtPct(a.div(b).times(HUNDRED), lang));
  const sections: Section[] = [...(opts.leadSections ?? [synthesisSection(ev, lang)])];

  // Surfaces
  const surfRows = model.lots.map((l) => [
    l.id, l.tenure, String(l.dwellings), m2(l.shabM2), m2(l.annexesM2), m2(l.suM2),
    l.info.suRegime === 'social' ? '—' : m2(l.suRegulatoryM2),
  ]);
  surfRows.push([t('Total', 'Total'), '', String(surfaces.dwellings), m2(surfaces.shabM2), m2(surfaces.annexesM2), m2(surfaces.suM2), '']);
  const surfText = [
    `${t('Surface de plancher (SP)', 'Floor area (SP)')}: ${m2(surfaces.spM2)}${model.shabSpRatio ? ` (${t('SHAB + espaces communs', 'living area + common spaces')} / ${plain(model.shabSpRatio, lang)})` : ''}`,
  ];
  if (!surfaces.commonSpacesM2.isZero()) {
    const cs = (model.input.construction.common_spaces ?? []).map((c) => `${c.label} ${fmtNum(c.area_m2, 0, lang)} m²`).join(', ');
    surfText.push(`${t('Espaces communs (sans recette)', 'Common spaces (no revenue)')}: ${m2(surfaces.commonSpacesM2)} — ${cs}`);
  }
  surfText.push(t('SU = SHAB + ½ annexes (CCH R.331-10); SU réglementaire: fiscale (LLI) ou accession (PSLA, BRS).', 'SU = living area + ½ annexes (CCH R.331-10); regulatory SU: fiscal (LLI) or home-ownership (PSLA, BRS).'));
  sections.push({
    id: 'surfaces', title: t('Surfaces', 'Surfaces'),
    blocks: [
      { kind: 'table', headers: [t('Lot', 'Lot'), t('Produit', 'Tenure'), t('Logements', 'Dwellings'), 'SHAB', t('Annexes', 'Annexes'), 'SU', t('SU réglementaire', 'Regulatory SU')], align: ['l', 'l', 'r', 'r', 'r', 'r', 'r'], rows: surfRows, totalRows: [surfRows.length - 1] },
      ...typesBlocks(model, lang),
      { kind: 'text', lines: surfText },
    ],
  });

  // Prix de revient by chapter and line
  const lotIds = model.lots.map((l) => l.id);
  const showLots = model.lots.length > 1 && model.lots.length <= 6;
  const lineRows: string[][] = [];
  const totalIdx: number[] = [];
  // An existing building bought (acquisition-amélioration): chapter I is the charge immobilière, its purchase outside VAT.
  const existing = cost.lines.some((l) => l.noVat);
  const chapterLabel = existing ? CHAPTER_LABEL_EXISTING : CHAPTER_LABEL;
  // VAT per cost line (docs/cost-price.md): a column of each line's rate (its own, « lot », or 0 outside VAT) and its amount TTC.
  const byLine = cost.vatByLine;
  const vatCols = (rate: string, ttc: string): string[] => (byLine ? [rate, ttc] : []);
  const lineRate = (l: CostLine): string => (l.vatRate !== undefined ? fmtPct(l.vatRate.times(HUNDRED), lang) : l.noVat ? fmtPct(ZERO, lang) : t('lot', 'lot'));
  for (const ch of CHAPTER_ORDER) {
    const lines = cost.lines.filter((l) => l.chapter === ch);
    if (lines.length === 0) continue;
    for (const l of lines) {
      lineRows.push([costLineLabel(l, lang), costLineBasis(l, lang), eur(l.amountHtEur), ...vatCols(lineRate(l), eur(l.amountHtEur.plus(l.vatEur ?? ZERO))), ...(showLots ? l.perLotHtEur.map(eur) : [])]);
    }
    totalIdx.push(lineRows.length);
    const chTtc = (): string => eur(sum(lines.map((l) => l.amountHtEur.plus(l.vatEur ?? ZERO))));
    lineRows.push([t(`Total ${chapterLabel[ch][0]}`, `Total ${chapterLabel[ch][1]}`), '', eur(cost.byChapterHtEur[ch]), ...vatCols('', byLine ? chTtc() : ''), ...(showLots ? cost.perLot.map((p) => eur(p.byChapterHtEur[ch])) : [])]);
  }
  totalIdx.push(lineRows.length);
  lineRows.push([t('Prix de revient HT', 'Cost price excl. VAT'), '', eur(cost.totalHtEur), ...vatCols('', ''), ...(showLots ? cost.perLot.map((p) => eur(p.htEur)) : [])]);
  const vatBasis = byLine ? t('taux de la ligne, sinon celui du lot', 'rate of the line, else of the lot')
    : existing ? t("taux de chaque lot, hors achat de l'immeuble et ses frais", 'rate of each lot, on all but the building purchase and its costs') : t('taux de chaque lot', 'rate of each lot');
  lineRows.push([t('TVA', 'VAT'), vatBasis, eur(cost.totalVatEur), ...vatCols('', ''), ...(showLots ? cost.perLot.map((p) => eur(p.vatEur)) : [])]);
  totalIdx.push(lineRows.length);
  lineRows.push([t('Prix de revient TTC', 'Cost price incl. VAT'), '', eur(cost.totalTtcEur), ...vatCols('', eur(cost.totalTtcEur)), ...(showLots ? cost.perLot.map((p) => eur(p.ttcEur)) : [])]);

  const ratioRows = model.lots.map((l, i) => {
    const p = cost.perLot[i]!;
    return [l.id, l.tenure, fmtPct(l.vatRate.times(HUNDRED), lang), eur(p.htEur), eur(p.ttcEur), eur(p.perDwellingTtcEur), eur(p.perM2ShabTtcEur), eur(p.perM2SuTtcEur)];
  });
  ratioRows.push([t('Opération', 'Operation'), '', '', eur(cost.totalHtEur), eur(cost.totalTtcEur), eur(cost.totalTtcEur.div(surfaces.dwellings)), eur(cost.totalTtcEur.div(surfaces.shabM2)), eur(cost.totalTtcEur.div(surfaces.suM2))]);
  sections.push({
    id: 'cost_price', title: t('Prix de revient', 'Cost price'),
    blocks: [
      { kind: 'table', headers: [t('Poste', 'Line'), t('Base de calcul', 'Basis'), t('Montant HT', 'Amount excl. VAT'), ...vatCols(t('TVA', 'VAT'), t('Montant TTC', 'Amount incl. VAT')), ...(showLots ? lotIds.map((id) => (byLine ? `${id} HT` : id)) : [])], align: ['l', 'l', 'r', ...(byLine ? ['r', 'r'] as const : []), ...(showLots ? lotIds.map(() => 'r' as const) : [])], rows: lineRows, totalRows: totalIdx },
      { kind: 'table', headers: [t('Lot', 'Lot'), t('Produit', 'Tenure'), t('TVA', 'VAT'), 'HT', 'TTC', t('TTC / logement', 'Per dwelling'), t('TTC / m² SHAB', 'Per m² living'), t('TTC / m² SU', 'Per m² SU')], align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'], rows: ratioRows, totalRows: [ratioRows.length - 1] },
      { kind: 'text', lines: [t('Lignes communes réparties au prorata des SU (travaux: au prorata des travaux de chaque lot), au centime près.', 'Shared lines split pro rata usable area (works: pro rata each lot’s works), to the cent.'),
        ...(byLine ? [t('TVA par ligne: une ligne à son propre taux (vat_by_line_pct, vat_pct) l’a dans chaque lot; « lot »: au taux du lot (colonne TVA ci-dessous). TVA de chaque lot au centime.', 'VAT per line: a line with its own rate (vat_by_line_pct, vat_pct) has it in every lot; “lot”: at the lot’s rate (VAT column below). Each lot’s VAT to the cent.')] : [])] },
    ],
  });

  // Plan de financement
  const finBlocks: Block[] = [];
  if (financing.rental.length > 0) {
    for (const f of financing.rental) {
      const lot = model.lots[f.lotIndex]!;
      const rows: string[][] = [];
      for (const s of f.subsidies) rows.push([t('Subvention', 'Subsidy'), sourceLabel(s), eur(s.amountEur), pctOf(s.amountEur, f.usesEur)]);
      for (const s of f.equity) rows.push([t('Fonds propres', 'Equity'), labelText(sourceLabel(s), lang), eur(s.amountEur), pctOf(s.amountEur, f.usesEur)]);
      for (const a of f.advances) rows.push([t('Avance de fonds propres', 'Equity advance'), advanceLabel(a, lang), eur(a.amountEur), pctOf(a.amountEur, f.usesEur)]);
      for (const l of f.loans) rows.push([t('Prêt', 'Loan'), `${labelText(loanLabel(l), lang)}${l.lender && !loanLabel(l).includes(l.lender) ? ` (${l.lender})` : ''}`, eur(l.amountEur), pctOf(l.amountEur, f.usesEur)]);
      const totalSources = f.subsidiesEur.plus(f.equityEur).plus(f.advancesEur).plus(f.loansEur);
      rows.push([t('Total des ressources', 'Total sources'), '', eur(totalSources), pctOf(totalSources, f.usesEur)]);
      rows.push([t('Prix de revient TTC (emplois)', 'Cost price incl. VAT (uses)'), '', eur(f.usesEur), '100 %']);
      finBlocks.push({ kind: 'text', lines: [`${lot.id} — ${t(lot.info.labelFr, lot.info.labelEn)}, ${lot.dwellings} ${t('logements', 'dwellings')}`] });
      finBlocks.push({ kind: 'table', headers: [t('Ressource', 'Source'), t('Détail', 'Detail'), t('Montant', 'Amount'), t('Part', 'Share')], align: ['l', 'l', 'r', 'r'], rows, totalRows: [rows.length - 2, rows.length - 1] });
    }
    const sumRows = [
      [t('Subventions', 'Subsidies'), eur(financing.subsidiesEur), pctOf(financing.subsidiesEur, financing.totalEur)],
      [t('Fonds propres', 'Equity'), eur(financing.equityEur), pctOf(financing.equityEur, financing.totalEur)],
      ...(financing.advancesEur.isZero() ? [] : [[t('Avances de fonds propres rémunérées', 'Remunerated equity advances'), eur(financing.advancesEur), pctOf(financing.advancesEur, financing.totalEur)]]),
      [t('Emprunts', 'Loans'), eur(financing.loansEur), pctOf(financing.loansEur, financing.totalEur)],
      [t('  dont prêts CDC', '  of which CDC loans'), eur(financing.cdcLoansEur), pctOf(financing.cdcLoansEur, financing.totalEur)],
      [t('Total (= prix de revient TTC des lots locatifs)', 'Total (= TTC cost of the rental lots)'), eur(financing.totalEur), financing.totalEur.isZero() ? '—' : '100 %'],
    ];
    finBlocks.push({ kind: 'text', lines: [t('Ensemble des lots locatifs', 'All rental lots')] });
    finBlocks.push({ kind: 'table', headers: [t('Ressource', 'Source'), t('Montant', 'Amount'), t('Part', 'Share')], align: ['l', 'r', 'r'], rows: sumRows, totalRows: [sumRows.length - 1] });
  } else {
    finBlocks.push({ kind: 'text', lines: [t('Aucun lot locatif: pas de plan de financement locatif.', 'No rental lot: no rental financing plan.')] });
  }
  if (financing.sale.length > 0) {
    const rows = financing.sale.map((s) => {
      const lot = model.lots[s.lotIndex]!;
      return [lot.id, lot.tenure, eur(s.costHtEur), eur(s.subsidiesEur), eur(s.toCoverHtEur), eur(s.toCoverHtEur.div(lot.suRegulatoryM2))];
    });
    finBlocks.push({ kind: 'text', lines: [t('Lots en accession ou en vente: coût que leurs ventes doivent couvrir', 'Home-ownership and sale lots: the cost their sales must cover')] });
    finBlocks.push({ kind: 'table', headers: [t('Lot', 'Lot'), t('Produit', 'Tenure'), t('Prix de revient HT', 'Cost excl. VAT'), t('Aides affectées', 'Subsidies'), t('À couvrir HT', 'To cover excl. VAT'), t('À couvrir HT / m² SU', 'Per m² SU')], align: ['l', 'l', 'r', 'r', 'r', 'r'], rows });
  }
  sections.push({ id: 'financing', title: t('Plan de financement', 'Financing plan'), blocks: finBlocks });

  if (opts.extraSections) sections.push(...opts.extraSections);

  // Hypothèses: every default and parameter actually used.
  // Confidence in words (docs/sources.md); a value given in the file is the user's: no confidence of ours.
  const assumptionRows = [...model.used.values()].map((u) => [lineAssumptionLabel(u.key, model.input, lang) ?? labelText(assumptionLabel(u), lang), lineAssumptionValue(u.key, model.input, lang) ?? plainValue(u.value, u.unit, lang), assumptionOrigin(u, lang), u.origin === 'file' || u.origin === 'override' || u.origin === 'profile' ? '—' : confidenceLabel(u.status, lang), assumptionSource(u)]);
  sections.push({
    id: 'assumptions', title: t('Hypothèses', 'Assumptions'),
    blocks: [
      { kind: 'table', headers: [t('Hypothèse', 'Assumption'), t('Valeur', 'Value'), t('Origine', 'Origin'), t('Fiabilité', 'Confidence'), t('Source', 'Source')], align: ['l', 'r', 'l', 'l', 'l'], rows: assumptionRows },
      { kind: 'text', lines: [...profileLine(model, lang), confidenceLegend(lang), t('Toute valeur peut être donnée dans le fichier.', 'Any value may be set in the file.')] },
    ],
  });

  if (ev.diagnostics.length > 0) {
    sections.push({
      id: 'diagnostics', title: t('Alertes', 'Warnings'),
      // one blank line between entries: each is several lines (head, source line, caret, sentence, hint)
      blocks: [{ kind: 'text', lines: ev.diagnostics.flatMap((d, i) => [...(i > 0 ? [''] : []), renderDiagnostic(d, lang, opts.sourceText)]) }],
    });
  }

  const op = model.input.operation;
  return {
    title: `${model.name}${op.commune ? ` — ${op.commune}` : ''}`,
    subtitle: [
      `${t('Zone', 'Zone')} ${model.zoneAbc} / ${t('zone HLM', 'HLM zone')} ${model.zoneHlm} · ${surfaces.dwellings} ${t('logements', 'dwellings')} · ${m2(surfaces.shabM2)} SHAB`,
      `${t('Paramètres', 'Parameters')} ${model.paramYear} (${t('millésime', 'vintage')} ${model.vintage}) · ${TOOL_NAME} ${TOOL_VERSION}`,
      ...profileLine(model, lang),
    ],
    sections,
  };
}

function plainValue(value: string, unit: string, lang: Lang): string {
  return paramValueText(value, unit, lang);
}

/** The dwelling types of the lots that list them (`lots[].types`): count, surfaces of one dwelling, rent. (Prices: the sales section.) */
function typesBlocks(model: Evaluation['model'], lang: Lang): Block[] {
  const t = translator(lang);
  const rows = model.lots.flatMap((l) => (l.input.types ?? []).map((ty) => [
    l.id, ty.type, String(ty.count), fmtM2(D(ty.shab_m2), lang), fmtM2(D(ty.annexes_m2 ?? 0), lang),
    ty.rent_eur_per_month !== undefined ? fmtEur(D(ty.rent_eur_per_month), lang) : '—',
  ]));
  if (!rows.length) return [];
  return [{ kind: 'table', headers: [t('Lot', 'Lot'), t('Type', 'Type'), t('Logements', 'Dwellings'), t('SHAB / logement', 'Living area / dwelling'), t('Annexes / logement', 'Annexes / dwelling'), t('Loyer / mois', 'Rent / month')], align: ['l', 'l', 'r', 'r', 'r', 'r'], rows }];
}
