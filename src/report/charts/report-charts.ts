/**
 * The charts of the report (`report --format html`), from the evaluation's figures: cumulative
 * cash flow of each rental account and of each OFS, cost price by chapter and by lot, sources and
 * uses of the financing plan, sale prices against market and ceilings, the tranches of the overall
 * balance. Amounts are drawn in k€; the table equivalents carry the exact euros of format.ts.
 */
import type { Dec } from '../../domain/money';
import type { Evaluation } from '../../engine/evaluate';
import { CHAPTER_ORDER } from '../../engine/cost-price';
import { translator, type Tr } from '../document';
import { fmtEur, type Lang } from '../format';
import type { BarChart, ChartsBySection, LineChart } from './spec';
import { CHAPTER_NAME as CHAPTER } from '../labels';

/** Euros as k€ for an axis (exact Decimal → float only for drawing). */
export const kEur = (d: Dec): number => d.toNumber() / 1000;

/** A cumulative-cash-flow chart: one line, the zero line, the lowest point marked. */
export function cumulativeChart(id: string, title: string, cumulative: Dec[], t: Tr, lang: Lang, note: string): LineChart {
  let min = 0;
  cumulative.forEach((c, i) => { if (c.lt(cumulative[min]!)) min = i; });
  const low = cumulative[min]!;
  return {
    kind: 'line', id, title,
    xName: t('Année', 'Year'), yName: t('Cumul (k€)', 'Cumulative (k€)'),
    summary: t(`Cumul de trésorerie sur ${cumulative.length} ans; au plus bas ${fmtEur(low, lang)} l'année ${min + 1}. ${note}`, `Cumulative cash flow over ${cumulative.length} years; lowest ${fmtEur(low, lang)} in year ${min + 1}. ${note}`),
    series: [{ name: t('Cumul', 'Cumulative'), points: cumulative.map((c, i) => [i + 1, kEur(c)]), emphasis: true }],
    zeroLine: true, markMin: true, minLabel: t('au plus bas', 'lowest'), minUnit: 'k€', minXWord: t('an', 'year'),
    table: { headers: [t('Année', 'Year'), t('Cumul', 'Cumulative')], rows: cumulative.map((c, i) => [String(i + 1), fmtEur(c, lang)]) },
  };
}

export function reportCharts(ev: Evaluation, lang: Lang): ChartsBySection {
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const { model, cost, financing } = ev;
  const out: ChartsBySection = {};
  const add = (section: string, c: LineChart | BarChart) => { (out[section] ??= []).push(c); };

  // Cost price: by chapter (operation), and by lot stacked by chapter.
  const chapters = CHAPTER_ORDER.filter((ch) => cost.lines.some((l) => l.chapter === ch));
  add('cost_price', {
    kind: 'bar', id: 'cost-by-chapter', title: t('Prix de revient HT par chapitre', 'Cost price excl. VAT by chapter'),
    xName: '', yName: t('k€ HT', 'k€ excl. VAT'), horizontal: true,
    summary: t(`Prix de revient HT de ${eur(cost.totalHtEur)}, par chapitre.`, `Cost price excl. VAT of ${eur(cost.totalHtEur)}, by chapter.`),
    categories: chapters.map((ch) => t(CHAPTER[ch][0], CHAPTER[ch][1])),
    series: [{ name: t('Montant HT', 'Amount excl. VAT'), values: chapters.map((ch) => kEur(cost.byChapterHtEur[ch])) }],
    table: { headers: [t('Chapitre', 'Chapter'), t('Montant HT', 'Amount excl. VAT')], rows: [...chapters.map((ch) => [t(CHAPTER[ch][0], CHAPTER[ch][1]), eur(cost.byChapterHtEur[ch])]), [t('Total', 'Total'), eur(cost.totalHtEur)]] },
  });
  if (model.lots.length > 1) {
    add('cost_price', {
      kind: 'bar', id: 'cost-by-lot', title: t('Prix de revient HT par lot et par chapitre', 'Cost price excl. VAT by lot and chapter'),
      xName: t('Lot', 'Lot'), yName: t('k€ HT', 'k€ excl. VAT'),
      summary: t(`Prix de revient HT de chacun des ${model.lots.length} lots, empilé par chapitre.`, `Cost price excl. VAT of each of the ${model.lots.length} lots, stacked by chapter.`),
      categories: model.lots.map((l) => l.id),
      series: chapters.map((ch) => ({ name: t(CHAPTER[ch][0], CHAPTER[ch][1]), values: cost.perLot.map((p) => kEur(p.byChapterHtEur[ch])), stack: 'cost' })),
      table: { headers: [t('Lot', 'Lot'), ...chapters.map((ch) => t(CHAPTER[ch][0], CHAPTER[ch][1])), t('Total HT', 'Total excl. VAT')], rows: model.lots.map((l, i) => [l.id, ...chapters.map((ch) => eur(cost.perLot[i]!.byChapterHtEur[ch])), eur(cost.perLot[i]!.htEur)]) },
    });
  }

  // Financing plan: sources (stacked) against uses, per rental lot.
  if (financing.rental.length > 0) {
    const lots = financing.rental.map((f) => model.lots[f.lotIndex]!.id);
    const S = (fr: string, en: string) => t(fr, en);
    add('financing', {
      kind: 'bar', id: 'sources-uses', title: t('Plan de financement: ressources et emplois', 'Financing plan: sources and uses'),
      xName: t('Lot locatif', 'Rental lot'), yName: t('k€ TTC', 'k€ incl. VAT'),
      summary: t('Pour chaque lot locatif, les ressources (subventions, fonds propres, prêts) empilées, à côté des emplois (prix de revient TTC).', 'For each rental lot, the sources (subsidies, equity, loans) stacked, beside the uses (cost price incl. VAT).'),
      categories: lots,
      series: [
        { name: S('Subventions', 'Subsidies'), values: financing.rental.map((f) => kEur(f.subsidiesEur)), stack: 'sources' },
        { name: S('Fonds propres', 'Equity'), values: financing.rental.map((f) => kEur(f.equityEur)), stack: 'sources' },
        { name: S('Prêts', 'Loans'), values: financing.rental.map((f) => kEur(f.loansEur)), stack: 'sources' },
        { name: S('Emplois (prix de revient TTC)', 'Uses (cost incl. VAT)'), values: financing.rental.map((f) => kEur(f.usesEur)), stack: 'uses' },
      ],
      table: {
        headers: [t('Lot', 'Lot'), S('Subventions', 'Subsidies'), S('Fonds propres', 'Equity'), S('Prêts', 'Loans'), S('Emplois', 'Uses')],
        rows: financing.rental.map((f, i) => [lots[i]!, eur(f.subsidiesEur), eur(f.equityEur), eur(f.loansEur), eur(f.usesEur)]),
      },
    });
  }

  // Rental accounts: the cumulative of each lot, and of the whole when there are several.
  const r = ev.rental;
  if (r) {
    for (const l of r.lots) {
      if (l.account.cumulative.length === 0) continue;
      const lot = model.lots[l.lotIndex]!;
      add('operating_account', cumulativeChart(`cumulative-${lot.id}`, t(`Cumul d'autofinancement — ${lot.id} (${lot.tenure})`, `Cumulative cash flow — ${lot.id} (${lot.tenure})`), l.account.cumulative, t, lang,
        l.account.balanced ? t('Test réglementaire du compte locatif (circ. 97-51, cumul ≥ 0 sur la durée du prêt principal) : respecté.', 'Regulatory test of the rental account (circ. 97-51, cumulative ≥ 0 over the main loan): met.') : t('Test réglementaire du compte locatif (circ. 97-51, cumul ≥ 0 sur la durée du prêt principal) : non respecté.', 'Regulatory test of the rental account (circ. 97-51, cumulative ≥ 0 over the main loan): not met.')));
    }
    if (r.lots.length > 1 && r.total.cumulative.length > 0) {
      add('operating_account', cumulativeChart('cumulative-all', t("Cumul d'autofinancement — ensemble des lots locatifs", 'Cumulative cash flow — all rental lots'), r.total.cumulative, t, lang,
        r.total.balanced ? t('Test réglementaire du compte locatif (circ. 97-51, cumul ≥ 0 sur la durée du prêt principal) : respecté.', 'Regulatory test of the rental account (circ. 97-51, cumulative ≥ 0 over the main loan): met.') : t('Test réglementaire du compte locatif (circ. 97-51, cumul ≥ 0 sur la durée du prêt principal) : non respecté.', 'Regulatory test of the rental account (circ. 97-51, cumulative ≥ 0 over the main loan): not met.')));
    }
  }

  // Sales: price against market (TTC/m² SHAB) and against the ceiling (HT/m² SU).
  const s = ev.sales;
  if (s) {
    const withMarket = s.lots.filter((l) => l.marketPriceTtcPerM2Shab !== null);
    if (withMarket.length > 0) {
      add('sales', {
        kind: 'bar', id: 'price-vs-market', title: t('Prix de vente et prix du marché', 'Sale price and market price'),
        xName: t('Lot', 'Lot'), yName: t('€ TTC / m² SHAB', '€ incl. VAT / m² living'),
        summary: t('Prix de vente TTC par m² SHAB de chaque lot, à côté du prix du marché.', 'Sale price incl. VAT per m² living area of each lot, beside the market price.'),
        categories: withMarket.map((l) => model.lots[l.lotIndex]!.id),
        series: [
          { name: t('Prix de vente', 'Sale price'), values: withMarket.map((l) => l.priceTtcPerM2Shab.toNumber()) },
          { name: t('Marché', 'Market'), values: withMarket.map((l) => l.marketPriceTtcPerM2Shab!.toNumber()) },
        ],
        table: { headers: [t('Lot', 'Lot'), t('Prix TTC/m² SHAB', 'Price incl. VAT/m²'), t('Marché', 'Market')], rows: withMarket.map((l) => [model.lots[l.lotIndex]!.id, eur(l.priceTtcPerM2Shab), eur(l.marketPriceTtcPerM2Shab!)]) },
      });
    }
    const withCeiling = s.lots.filter((l) => l.ceilingHtPerM2Su !== null);
    if (withCeiling.length > 0) {
      add('sales', {
        kind: 'bar', id: 'price-vs-ceiling', title: t('Prix de vente et plafond', 'Sale price and ceiling'),
        xName: t('Lot', 'Lot'), yName: t('€ HT / m² SU', '€ excl. VAT / m² SU'),
        summary: t('Prix de vente HT par m² de SU de chaque lot, à côté de son plafond (PSLA, BRS).', 'Sale price excl. VAT per m² SU of each lot, beside its ceiling (PSLA, BRS).'),
        categories: withCeiling.map((l) => model.lots[l.lotIndex]!.id),
        series: [
          { name: t('Prix de vente', 'Sale price'), values: withCeiling.map((l) => l.priceHtPerM2Su.toNumber()) },
          { name: t('Plafond', 'Ceiling'), values: withCeiling.map((l) => l.ceilingHtPerM2Su!.toNumber()) },
        ],
        table: { headers: [t('Lot', 'Lot'), t('Prix HT/m² SU', 'Price excl. VAT/m² SU'), t('Plafond', 'Ceiling')], rows: withCeiling.map((l) => [model.lots[l.lotIndex]!.id, eur(l.priceHtPerM2Su), eur(l.ceilingHtPerM2Su!)]) },
      });
    }
    for (const l of s.lots) {
      if (!l.ofs || l.ofs.rows.length === 0) continue;
      const lot = model.lots[l.lotIndex]!;
      add('sales', cumulativeChart(`ofs-${lot.id}`, t(`Cumul de trésorerie de l'OFS — ${lot.id} (BRS)`, `OFS cumulative cash flow — ${lot.id} (BRS)`), l.ofs.rows.map((x) => x.cumulativeEur), t, lang,
        l.ofs.balanced ? t('OFS : cumul ≥ 0 sur la durée du prêt Gaïa.', 'OFS: cumulative ≥ 0 over the Gaïa loan.') : t('OFS : cumul négatif pendant le prêt Gaïa.', 'OFS: cumulative below zero during the Gaïa loan.')));
    }
  }

  // Overall balance: what each tranche gives or takes.
  const op = ev.operation;
  if (op.tranches.length > 0) {
    add('operation', {
      kind: 'bar', id: 'tranches', title: t("Équilibre de l'opération par tranche", 'Operation balance by tranche'),
      xName: t('Tranche', 'Tranche'), yName: t('k€ apportés (+) / demandés (−)', 'k€ given (+) / taken (−)'), zeroLine: true,
      summary: t(`Apport (+) ou besoin (−) de chaque tranche; équilibre de l'opération ${eur(op.balanceEur)}.`, `What each tranche gives (+) or takes (−); operation balance ${eur(op.balanceEur)}.`),
      categories: [...op.tranches.map((x) => x.id), t('Équilibre', 'Balance')],
      series: [{ name: t('Apporte / demande', 'Gives / takes'), values: [...op.tranches.map((x) => kEur(x.contributionEur)), kEur(op.balanceEur)] }],
      table: { headers: [t('Tranche', 'Tranche'), t('Apporte (+) / demande (−)', 'Gives (+) / takes (−)')], rows: [...op.tranches.map((x) => [x.id, eur(x.contributionEur)]), [t('Équilibre', 'Balance'), eur(op.balanceEur)]] },
    });
  }
  return out;
}
