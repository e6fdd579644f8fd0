/**
 * The words of the owners (docs/owners.md): the per-owner table of the Équilibre global section,
 * the VEFA lots between owners on both sides, the declared transfers, the OFS of several BRS lots;
 * and their JSON. The facts are src/engine/owners.ts and src/engine/vefa.ts.
 */
import { D, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import type { OwnerKind } from '../schema/operation';
import { translator, type Block } from './section';
import { fmtEur, fmtPct, jsonNum, type Lang } from './format';

export const OWNER_KIND: Record<OwnerKind, [string, string]> = {
  bailleur_social: ['bailleur social', 'social landlord'],
  coop_hlm: ['coopérative HLM', 'HLM cooperative'],
  ofs: ['OFS', 'OFS'],
  promoteur: ['promoteur', 'developer'],
  cooperative_habitants: ["coopérative d'habitants", "residents' cooperative"],
  sccv: ['SCCV', 'SCCV'],
  collectivite: ['collectivité', 'local authority'],
  autre: ['autre', 'other'],
};

/** The blocks added to the Équilibre global section when the file declares owners. */
export function ownerBlocks(ev: Evaluation, lang: Lang): Block[] {
  const o = ev.owners;
  if (!o) return [];
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const model = ev.model;
  const lotId = (i: number) => model.lots[i]!.id;
  const yesNo = (b: boolean) => (b ? t('oui', 'yes') : t('non', 'no'));

  const own = o.owners.map((w) => [w.id, t(OWNER_KIND[w.kind][0], OWNER_KIND[w.kind][1]), eur(w.saleMarginEur), eur(w.vefaMarginEur), eur(w.rentalNeedEur), eur(w.ofsNeedEur), eur(w.balanceEur)]);
  const declared = o.owners.map((w) => [w.id, eur(w.balanceEur), eur(w.transfersEur.plus(w.poolingEur)), eur(w.balanceAfterEur), `${yesNo(w.balanced)} / ${yesNo(w.balancedAfter)}`]);
  const lines: string[] = [];
  for (const w of o.owners) {
    const lots = w.lotIndexes.map(lotId).join(', ');
    const verdict = w.balanced
      ? t('s’équilibre seul', 'balances on its own')
      : w.balancedAfter
        ? t('ne s’équilibre pas seul; s’équilibre avec les transferts déclarés', 'does not balance on its own; balances with the declared transfers')
        : t('ne s’équilibre ni seul ni avec les transferts déclarés', 'balances neither on its own nor with the declared transfers');
    lines.push(`${w.id} (${w.name}${lots ? `; ${t('lots', 'lots')} ${lots}` : ''}): ${verdict}.`);
  }
  for (const x of o.transfers) {
    const how = x.basis === 'share' ? t(`${fmtPct(x.sharePct!, lang, 2)} de ses marges`, `${fmtPct(x.sharePct!, lang, 2)} of its margins`) : t('montant', 'amount');
    lines.push(`${t('Transfert déclaré', 'Declared transfer')}${x.label ? ` « ${x.label} »` : ''}: ${x.from} → ${x.to}, ${eur(x.amountEur)} (${how}).`);
  }
  for (const d of model.input.owners ?? []) {
    if (!d.partners) continue;
    lines.push(`${t('Mise en commun déclarée', 'Declared pooling')}: ${t('le résultat de', 'the result of')} ${d.id} ${t('va à', 'goes to')} ${d.partners.map((p) => `${p.owner} ${fmtPct(D(p.share_pct), lang, 2)}`).join(', ')}.`);
  }
  for (const g of o.ofs) {
    lines.push(`${t('OFS', 'OFS')} ${g.id}: ${g.lotIndexes.length} ${t('lot(s) BRS', 'BRS lot(s)')} (${g.lotIndexes.map(lotId).join(', ')}), ${t('prêts Gaïa', 'Gaïa loans')} ${eur(g.loanEur)}, ${t('redevances', 'redevances')} ${eur(g.redevanceYear1Eur)} ${t('en année 1', 'in year 1')}; ${t('trésorerie cumulée au plus bas', 'lowest cumulative cash')} ${eur(g.minCumulativeEur)} (${t('année', 'year')} ${g.minCumulativeYear}).`);
  }
  lines.push(t(
    'Chaque propriétaire: ses marges de vente et de VEFA, moins ce qui manque à ses comptes locatifs et à son OFS au plus bas. Transferts déclarés: transferts (transfers:) et mise en commun (partners:), seule péréquation entre propriétaires; la somme des propriétaires est l’opération.',
    'Each owner: its sale and VEFA margins, less what its rental accounts and its OFS lack at their lowest. Declared transfers: transfers (transfers:) and pooling (partners:), the only cross-subsidy between owners; the owners add up to the operation.',
  ));

  const blocks: Block[] = [
    { kind: 'text', lines: [t('Par propriétaire', 'By owner')] },
    { kind: 'table', headers: [t('Propriétaire', 'Owner'), t('Nature', 'Kind'), t('Marges de vente', 'Sale margins'), t('Marge VEFA', 'VEFA margin'), t('Besoin locatif', 'Rental need'), t('Besoin OFS', 'OFS need'), t('Solde seul', 'On its own')], align: ['l', 'l', 'r', 'r', 'r', 'r', 'r'], rows: own },
    { kind: 'table', headers: [t('Propriétaire', 'Owner'), t('Solde seul', 'On its own'), t('Transferts déclarés', 'Declared transfers'), t('Solde avec transferts', 'With transfers'), t('Équilibré: seul / avec', 'Balanced: alone / with')], align: ['l', 'r', 'r', 'r', 'l'], rows: declared },
    { kind: 'text', lines },
  ];

  const v = ev.vefa;
  if (v) {
    const rows = v.lots.map((l) => [
      lotId(l.lotIndex), l.seller, l.buyer, eur(l.priceHtEur), eur(l.priceHtPerM2Su), eur(l.sellerCostHtPerM2Su),
      `${eur(l.sellerMarginEur)}${l.sellerMarginPct ? ` (${fmtPct(l.sellerMarginPct, lang, 1)})` : ''}`, eur(l.buyerCostTtcEur),
    ]);
    const vLines = v.lots.map((l) => {
      const cap = l.capHtPerM2Su === null ? '' : `; ${t('plafond', 'cap')} ${eur(l.capHtPerM2Su)} HT/m² SU: ${l.withinCap ? t('respecté', 'met') : t('dépassé', 'exceeded')}`;
      return `${lotId(l.lotIndex)}: ${t('prix', 'price')} ${eur(l.priceHtEur)} HT + ${t('TVA', 'VAT')} ${fmtPct(l.vatRate.times(100), lang, 1)} ${eur(l.priceVatEur)} + ${t('frais de l’acquéreur', 'buyer fees')} ${eur(l.feesEur)} = ${t('prix de revient de l’acquéreur', 'buyer cost price')} ${eur(l.buyerCostTtcEur)} TTC; ${t('écart du prix au coût du vendeur', 'price against the seller’s cost')} ${l.priceVsCostPct === null ? '—' : `${l.priceVsCostPct.isNegative() ? '' : '+'}${fmtPct(l.priceVsCostPct, lang, 1)}`}${cap}.`;
    });
    blocks.push(
      { kind: 'text', lines: [t('VEFA entre propriétaires: une vente pour le vendeur, un coût pour l’acquéreur, au même prix', 'VEFA between owners: a sale for the seller, a cost for the buyer, at the same price')] },
      { kind: 'table', headers: [t('Lot', 'Lot'), t('Vendeur', 'Seller'), t('Acquéreur', 'Buyer'), t('Prix HT', 'Price excl. VAT'), t('HT / m² SU', 'Per m² SU'), t('Coût vendeur / m² SU', 'Seller cost / m² SU'), t('Marge du vendeur', 'Seller margin'), t('Coût acquéreur TTC', 'Buyer cost incl. VAT')], align: ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r'], rows },
      { kind: 'text', lines: vLines },
    );
  }
  return blocks;
}

export function ownersJson(ev: Evaluation): Record<string, unknown> | null {
  const o = ev.owners;
  if (!o) return null;
  const n = (d: Dec) => jsonNum(d);
  return {
    owners: o.owners.map((w) => ({
      id: w.id, name: w.name, kind: w.kind, lots: w.lotIndexes.map((i) => ev.model.lots[i]!.id),
      sale_margin_eur: n(w.saleMarginEur), vefa_margin_eur: n(w.vefaMarginEur), rental_need_eur: n(w.rentalNeedEur), ofs_need_eur: n(w.ofsNeedEur),
      vefa_flow_eur: n(w.vefaFlowEur), balance_eur: n(w.balanceEur), balanced: w.balanced,
      transfers_eur: n(w.transfersEur), pooling_eur: n(w.poolingEur), balance_after_transfers_eur: n(w.balanceAfterEur), balanced_after_transfers: w.balancedAfter,
    })),
    transfers: o.transfers.map((x) => ({ from: x.from, to: x.to, label: x.label ?? null, basis: x.basis, share_pct: x.sharePct === null ? null : jsonNum(x.sharePct, 4), amount_eur: n(x.amountEur) })),
    ofs: o.ofs.map((g) => ({
      id: g.id, lots: g.lotIndexes.map((i) => ev.model.lots[i]!.id), land_eur: n(g.landEur), loan_eur: n(g.loanEur),
      min_cumulative_eur: n(g.minCumulativeEur), min_cumulative_year: g.minCumulativeYear, balanced: g.balanced,
      years: g.rows.map((r) => ({ year: r.year, redevance_eur: n(r.redevanceEur), annuity_eur: n(r.annuityEur), management_eur: n(r.managementEur), cash_flow_eur: n(r.cashFlowEur), cumulative_eur: n(r.cumulativeEur) })),
    })),
    vefa: (ev.vefa?.lots ?? []).map((l) => ({
      lot: ev.model.lots[l.lotIndex]!.id, seller: l.seller, buyer: l.buyer, vat_pct: jsonNum(l.vatRate.times(100), 4),
      price_ht_eur: n(l.priceHtEur), price_vat_eur: n(l.priceVatEur), price_ttc_eur: n(l.priceTtcEur), buyer_fees_eur: n(l.feesEur),
      buyer_cost_ht_eur: n(l.buyerCostHtEur), buyer_cost_ttc_eur: n(l.buyerCostTtcEur), seller_cost_ht_eur: n(l.sellerCostHtEur), seller_margin_eur: n(l.sellerMarginEur),
      seller_margin_pct: l.sellerMarginPct === null ? null : jsonNum(l.sellerMarginPct, 4), price_ht_eur_per_m2_su: n(l.priceHtPerM2Su), seller_cost_ht_eur_per_m2_su: n(l.sellerCostHtPerM2Su),
      price_vs_cost_pct: l.priceVsCostPct === null ? null : jsonNum(l.priceVsCostPct, 4), cap_ht_eur_per_m2_su: l.capHtPerM2Su === null ? null : n(l.capHtPerM2Su), within_cap: l.withinCap,
    })),
  };
}
