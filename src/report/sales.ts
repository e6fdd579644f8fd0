/** Report sections of the sales stage (Ventes) and of the whole operation (Équilibre global); and their JSON. */
import { HUNDRED, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import { translator, type Block, type Section } from './section';
import { fmtEur, fmtNum, fmtPct, jsonNum, type Lang } from './format';
import { lazyOutput, type ExtensionOutput } from './section';
import { UNVERIFIED_MARK } from '../params/confidence';
import type { Model } from '../engine/model';

/**
 * The confidence of the PSLA/BRS price ceiling the sale lots are held to: the embedded parameter's status
 * (docs/sources.md), or `file` when the operation file gives the value.
 */
export function ceilingStatus(model: Pick<Model, 'params' | 'zoneAbcKey'>): 'confirmed' | 'single_source' | 'unverified' | 'file' | null {
  const def = model.params[`psla.price_ceiling.${model.zoneAbcKey}`];
  if (!def) return null;
  return def.source.startsWith('fichier') || def.source.startsWith('profil ') ? 'file' : def.status;
}

const j = (d: Dec | null, dp = 2) => (d === null ? null : jsonNum(d, dp));

export function salesExtension(ev: Evaluation, opts: { lang: Lang; detail: string[] }): ExtensionOutput {
  return lazyOutput(() => salesSections(ev, opts), () => ({ sales: salesJson(ev), operation_balance: operationJson(ev) }));
}

function salesSections(ev: Evaluation, opts: { lang: Lang; detail: string[] }): Section[] {
  const { lang } = opts;
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const pc = (d: Dec | null) => (d === null ? '—' : fmtPct(d, lang, 1));
  const model = ev.model;
  const sections: Section[] = [];
  const s = ev.sales;
  if (s) {
    // A ceiling we could not verify is marked next to the ceiling and the headroom, with a note below.
    const unverifiedCeiling = ceilingStatus(model) === 'unverified' && s.lots.some((l) => l.ceilingHtPerM2Su !== null);
    const mark = (cell: string, has: boolean) => (unverifiedCeiling && has ? `${cell} ${UNVERIFIED_MARK}` : cell);
    const rows = s.lots.map((l) => {
      const lot = model.lots[l.lotIndex]!;
      return [
        lot.id, lot.tenure, `${eur(l.priceTtcPerM2Shab)}${l.priceOrigin === 'target_margin' ? ' *' : ''}`, l.marketPriceTtcPerM2Shab ? eur(l.marketPriceTtcPerM2Shab) : '—', pc(l.discountVsMarketPct),
        eur(l.priceHtPerM2Su), l.ceilingHtPerM2Su ? mark(eur(l.ceilingHtPerM2Su), true) : '—', mark(pc(l.headroomVsCeilingPct), l.headroomVsCeilingPct !== null),
        eur(l.revenueHtEur), eur(l.marginEur), pc(l.marginPct),
      ];
    });
    rows.push([t('Total', 'Total'), '', '', '', '', '', '', '', eur(s.revenueHtEur), eur(s.marginEur), pc(s.marginPct)]);
    const blocks: Block[] = [
      { kind: 'table', headers: [t('Lot', 'Lot'), t('Produit', 'Tenure'), t('Prix TTC/m² SHAB', 'Price incl. VAT/m²'), t('Marché', 'Market'), t('Décote', 'Discount'), t('Prix HT/m² SU', 'Price excl. VAT/m² SU'), t('Plafond', 'Ceiling'), t('Marge sous plafond', 'Headroom'), t('CA HT', 'Revenue excl. VAT'), t('Marge', 'Margin'), t('Marge %', 'Margin %')], align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], rows, totalRows: [rows.length - 1] },
    ];
    const notes: string[] = [];
    if (s.lots.some((l) => l.priceOrigin === 'target_margin')) notes.push(t('* prix calculé pour atteindre la marge cible (aucun prix donné).', '* price derived from the target margin (no price given).'));
    if (unverifiedCeiling) {
      notes.push(t(
        `${UNVERIFIED_MARK} plafond de prix PSLA/BRS ${model.paramYear} non vérifié (paramètre psla.price_ceiling.${model.zoneAbcKey}, voir Hypothèses et docs/sources.md): la marge sous plafond et le respect du plafond en dépendent; donnez la valeur en vigueur sous \`parameters:\`.`,
        `${UNVERIFIED_MARK} PSLA/BRS price ceiling ${model.paramYear} unverified (parameter psla.price_ceiling.${model.zoneAbcKey}, see Assumptions and docs/sources.md): the headroom and the ceiling check depend on it; give the value in force under \`parameters:\`.`,
      ));
    }
    notes.push(t('Décote = 1 − prix TTC / prix du marché. Plafond PSLA/BRS en € HT par m² de SU accession. Marge = CA HT − coût à couvrir − commercialisation − portage, en % du CA HT.', 'Discount = 1 − price / market price. PSLA/BRS ceiling in € excl. VAT per m² of home-ownership SU. Margin = revenue − cost to cover − marketing − carrying, as % of revenue.'));
    for (const l of s.lots) {
      const lot = model.lots[l.lotIndex]!;
      notes.push(`${lot.id}: ${t('coût à couvrir', 'cost to cover')} ${eur(l.costToCoverHtEur)} HT${l.marketingEur.isZero() ? '' : `, ${t('commercialisation', 'marketing')} ${eur(l.marketingEur)} (${fmtPct(l.marketingPct, lang, 1)} ${t('du CA TTC', 'of revenue incl. VAT')})`}; ${t('cible', 'target')} ${fmtPct(l.targetMarginPct, lang, 1)}; ${t('charge foncière supportable (compte à rebours)', 'land charge the lot can bear')}: ${eur(l.residualLandChargeEur)} ${t('pour', 'vs')} ${eur(l.landChargeHtEur)}.`);
      if (l.psla) {
        const p = l.psla;
        notes.push(`${lot.id} (PSLA): ${t('phase locative', 'rental phase')} ${fmtNum(p.occupancyYears, 1, lang)} ${t('ans', 'years')}, ${t('prix minoré de 1 % par an: ×', 'price reduced 1 %/year: ×')}${fmtNum(p.priceFactor, 4, lang)}; ${t('part locative', 'rental part')} ${fmtNum(p.partLocativeEurPerM2, 2, lang)} €/m² SU/${t('mois', 'month')} (${t('plafond', 'ceiling')} ${fmtNum(p.partLocativeCeiling, 2, lang)}); ${t('portage', 'carrying')}: ${t('intérêts', 'interest')} ${eur(p.carryingInterestEur)} − ${t('parts locatives', 'rental parts')} ${eur(p.partLocativeIncomeEur)} = ${eur(p.carryingNetEur)}.`);
        notes.push(`${lot.id} (PSLA): ${t('risque', 'risk')}: ${fmtPct(p.nonExerciseShare.times(HUNDRED), lang, 0)} ${t('des ménages sans levée d’option', 'of households not exercising the option')} ≈ ${fmtNum(p.dwellingsAtRisk, 1, lang)} ${t('logements à garder en locatif', 'dwellings kept as rentals')}, ${eur(p.revenueAtRiskHtEur)} HT ${t('de ventes différées', 'of sales deferred')}.`);
      }
      if (l.ofs) {
        const o = l.ofs;
        notes.push(`${lot.id} (BRS, OFS): ${t('foncier', 'land')} ${eur(o.landEur)}, ${t('prêt Gaïa', 'Gaïa loan')} ${eur(o.loanEur)} ${t('sur', 'over')} ${o.loanYears} ${t('ans à', 'years at')} ${fmtPct(o.loanRate.times(HUNDRED), lang, 2)}; ${t('redevance', 'land fee')} ${fmtNum(o.redevanceEurPerM2, 2, lang)} €/m² SU/${t('mois', 'month')}; ${t('cumul le plus bas', 'lowest cumulative')} ${eur(o.minCumulativeEur)} (${t('année', 'year')} ${o.minCumulativeYear}) — ${t('cumul ≥ 0 chaque année', 'cumulative ≥ 0 every year')}: ${o.balanced ? t('oui', 'yes') : t('non', 'no')}; ${t("redevance d'équilibre", 'break-even fee')} ${o.breakEvenRedevance ? fmtNum(o.breakEvenRedevance, 2, lang) : '—'} €/m² SU/${t('mois', 'month')}.`);
      }
    }
    blocks.push({ kind: 'text', lines: notes });
    sections.push({ id: 'sales', title: t('Ventes', 'Sales'), blocks });
  }

  // Coop members' monthly payment
  const coopLots = ev.rental?.lots.filter((l) => model.lots[l.lotIndex]!.tenure === 'coop') ?? [];
  const coopLines = coopLots.map((l) => {
    const lot = model.lots[l.lotIndex]!;
    const pay = ev.metrics.get(`coop.${lot.id}.monthly_payment_eur_per_m2_su`)?.value as Dec;
    const perD = ev.metrics.get(`coop.${lot.id}.monthly_payment_eur_per_dwelling`)?.value as Dec;
    return `${lot.id} (${t("coopérative d'habitants", "residents' cooperative")}): ${t('redevance', 'fee')} ${fmtNum(l.rent.rent, 2, lang)} €/m² SU/${t('mois', 'month')} (${l.rent.rentOrigin === 'break_even' ? t("d'équilibre", 'break-even') : t('donnée', 'given')}); ${t('versement mensuel avec le compte courant', 'monthly payment incl. current account')}: ${fmtNum(pay, 2, lang)} €/m² SU, ${eur(perD)} ${t('par logement en moyenne', 'per dwelling on average')}.`;
  });

  // Équilibre global (péréquation)
  const op = ev.operation;
  const KIND: Record<string, [string, string]> = { sale: ['marge de vente', 'sale margin'], rental: ['besoin du compte locatif', 'rental account need'], ofs: ['besoin de l’OFS (foncier BRS)', 'OFS need (BRS land)'] };
  const prow = op.tranches.map((x) => {
    const lot = model.lots[x.lotIndex]!;
    return [x.id, lot.tenure, t(KIND[x.kind]![0], KIND[x.kind]![1]), eur(x.contributionEur)];
  });
  prow.push([t('Opération après péréquation', 'Operation after cross-subsidy'), '', op.balanced ? t(`excédent de ${eur(op.balanceEur)}`, `surplus of ${eur(op.balanceEur)}`) : t(`déficit de ${eur(op.balanceEur.abs())}`, `shortfall of ${eur(op.balanceEur.abs())}`), eur(op.balanceEur)]);
  sections.push({
    id: 'operation', title: t('Équilibre global', 'Overall balance'),
    blocks: [
      { kind: 'table', headers: [t('Tranche', 'Tranche'), t('Produit', 'Tenure'), t('Nature', 'Nature'), t('Apporte (+) / demande (−)', 'Gives (+) / takes (−)')], align: ['l', 'l', 'l', 'r'], rows: prow, totalRows: [prow.length - 1] },
      { kind: 'text', lines: [
        t('Péréquation: les ventes apportent leur marge; un compte locatif (ou l’OFS) dont le cumul passe sous zéro demande la trésorerie qui lui manque au plus bas.', 'Cross-subsidy: sales bring their margin; a rental account (or the OFS) whose cumulative goes below zero takes the cash it lacks at its lowest.'),
        ...coopLines,
      ] },
    ],
  });

  return sections;
}

function salesJson(ev: Evaluation): Record<string, unknown> | null {
  const s = ev.sales;
  if (!s) return null;
  return {
    revenue_ht_eur: jsonNum(s.revenueHtEur), margin_eur: jsonNum(s.marginEur), margin_pct: j(s.marginPct, 4),
    lots: s.lots.map((l) => ({
      id: ev.model.lots[l.lotIndex]!.id, price_origin: l.priceOrigin,
      price_ttc_eur_per_m2_shab: jsonNum(l.priceTtcPerM2Shab), price_ht_eur_per_m2_shab: jsonNum(l.priceHtPerM2Shab), price_ht_eur_per_m2_su: jsonNum(l.priceHtPerM2Su),
      contract_revenue_ht_eur: jsonNum(l.contractRevenueHtEur), revenue_ht_eur: jsonNum(l.revenueHtEur), revenue_ttc_eur: jsonNum(l.revenueTtcEur),
      cost_to_cover_ht_eur: jsonNum(l.costToCoverHtEur), marketing_eur: jsonNum(l.marketingEur), margin_eur: jsonNum(l.marginEur), margin_pct: j(l.marginPct, 4), target_margin_pct: jsonNum(l.targetMarginPct, 4),
      market_price_eur_per_m2_shab: j(l.marketPriceTtcPerM2Shab), discount_vs_market_pct: j(l.discountVsMarketPct, 4),
      ceiling_ht_eur_per_m2_su: j(l.ceilingHtPerM2Su), headroom_vs_ceiling_pct: j(l.headroomVsCeilingPct, 4),
      ceiling_status: l.ceilingHtPerM2Su === null ? null : ceilingStatus(ev.model),
      residual_land_charge_eur: jsonNum(l.residualLandChargeEur), land_charge_ht_eur: jsonNum(l.landChargeHtEur),
      psla: l.psla ? {
        occupancy_years: l.psla.occupancyYears, price_factor: jsonNum(l.psla.priceFactor, 6), part_locative_eur_per_m2_su_month: jsonNum(l.psla.partLocativeEurPerM2, 4),
        part_locative_ceiling: jsonNum(l.psla.partLocativeCeiling, 4), loan_rate_pct: jsonNum(l.psla.loanRate.times(HUNDRED), 4), carrying_interest_eur: jsonNum(l.psla.carryingInterestEur),
        part_locative_income_eur: jsonNum(l.psla.partLocativeIncomeEur), carrying_net_eur: jsonNum(l.psla.carryingNetEur), non_exercise_pct: jsonNum(l.psla.nonExerciseShare.times(HUNDRED), 4),
        dwellings_at_risk: jsonNum(l.psla.dwellingsAtRisk, 2), revenue_at_risk_ht_eur: jsonNum(l.psla.revenueAtRiskHtEur),
      } : null,
      ofs: l.ofs ? {
        land_eur: jsonNum(l.ofs.landEur), equity_eur: jsonNum(l.ofs.equityEur), loan_eur: jsonNum(l.ofs.loanEur), loan_years: l.ofs.loanYears, loan_rate_pct: jsonNum(l.ofs.loanRate.times(HUNDRED), 4),
        redevance_eur_per_m2_su_month: jsonNum(l.ofs.redevanceEurPerM2, 4), min_cumulative_eur: jsonNum(l.ofs.minCumulativeEur), min_cumulative_year: l.ofs.minCumulativeYear, balanced: l.ofs.balanced,
        break_even_redevance_eur_per_m2_su_month: j(l.ofs.breakEvenRedevance, 4),
        years: l.ofs.rows.map((r) => ({ year: r.year, redevance_eur: jsonNum(r.redevanceEur), annuity_eur: jsonNum(r.annuityEur), management_eur: jsonNum(r.managementEur), cash_flow_eur: jsonNum(r.cashFlowEur), cumulative_eur: jsonNum(r.cumulativeEur) })),
      } : null,
    })),
  };
}

function operationJson(ev: Evaluation): Record<string, unknown> {
  return {
    balance_eur: jsonNum(ev.operation.balanceEur), balanced: ev.operation.balanced,
    tranches: ev.operation.tranches.map((x) => ({ id: x.id, lot: ev.model.lots[x.lotIndex]!.id, kind: x.kind, contribution_eur: jsonNum(x.contributionEur) })),
  };
}
