/**
 * VEFA between owners (docs/owners.md): a lot built by one owner (the seller) and bought by the
 * lot's owner (the buyer) at a price. Facts only; the words are in src/report/owners.ts.
 *
 * For the buyer, the lot's cost price is the price (HT, plus the VAT of the buyer's product) plus its
 * own fees: that cost price is what the lot's financing plan, CDC loans and operating account (or its
 * sale) work on. For the seller, the lot is a sale at the same price HT against the cost the
 * operation's cost price allocates to the lot (its own cost): the difference is its VEFA margin.
 */
import { diag, type Diagnostic } from '../domain/diagnostic';
import { D, HUNDRED, ONE, ZERO, min, pct, roundCents, type Dec } from '../domain/money';
import type { CostPrice, LotCost } from './cost-price';
import { take, type Model } from './model';

export interface VefaLot {
  lotIndex: number;
  seller: string;
  buyer: string;
  vatRate: Dec;
  priceHtEur: Dec;
  priceVatEur: Dec;
  priceTtcEur: Dec;
  /** The buyer's own fees (notary, AMO…), counted as paid (no VAT recovered on them). */
  feesEur: Dec;
  buyerCostHtEur: Dec;
  buyerCostTtcEur: Dec;
  /** The seller's own cost of the lot: what the operation's cost price allocates to it, HT. */
  sellerCostHtEur: Dec;
  sellerMarginEur: Dec;
  sellerMarginPct: Dec | null;
  /** Per m² of surface utile (SHAB + ½ annexes), HT. */
  priceHtPerM2Su: Dec;
  sellerCostHtPerM2Su: Dec;
  /** The price against the seller's own cost per m² SU (what it would cost the buyer to build it itself), in %. */
  priceVsCostPct: Dec | null;
  capHtPerM2Su: Dec | null;
  withinCap: boolean | null;
}

export interface Vefa {
  lots: VefaLot[];
  /** The cost price as each lot's owner bears it: VEFA lots at their buyer's cost, the others unchanged. */
  buyerCost: CostPrice;
  /** VEFA_PRICE_ABOVE_CAP: a price per m² SU HT above the cap the file gives. */
  diagnostics: Diagnostic[];
}

const PRICE_KEYS = ['price_eur_per_m2_shab_ht', 'price_eur_per_m2_shab_ttc', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc', 'total_eur_ht', 'total_eur_ttc'] as const;

/** The VEFA lots of the model, or undefined when there is none (the evaluation is then today's). */
export function computeVefa(model: Model, cost: CostPrice): Vefa | undefined {
  const lotsWithVefa = model.lots.filter((l) => l.input.vefa);
  if (lotsWithVefa.length === 0) return undefined;
  const perLot: LotCost[] = [...cost.perLot];
  const lots: VefaLot[] = lotsWithVefa.map((lot) => {
    const v = lot.input.vefa!;
    const vat = v.vat_pct !== undefined ? pct(v.vat_pct) : lot.vatRate;
    const ttcToHt = (ttc: Dec) => roundCents(ttc.div(ONE.plus(vat)));
    let priceHt: Dec;
    if (v.total_eur_ht !== undefined) priceHt = roundCents(D(v.total_eur_ht));
    else if (v.total_eur_ttc !== undefined) priceHt = ttcToHt(D(v.total_eur_ttc));
    else if (v.price_eur_per_m2_shab_ht !== undefined) priceHt = roundCents(D(v.price_eur_per_m2_shab_ht).times(lot.shabM2));
    else if (v.price_eur_per_m2_su_ht !== undefined) priceHt = roundCents(D(v.price_eur_per_m2_su_ht).times(lot.suM2));
    else if (v.price_eur_per_m2_shab_ttc !== undefined) priceHt = ttcToHt(D(v.price_eur_per_m2_shab_ttc).times(lot.shabM2));
    else priceHt = ttcToHt(D(v.price_eur_per_m2_su_ttc ?? 0).times(lot.suM2));
    const priceVat = roundCents(priceHt.times(vat));
    const fees = roundCents(priceHt.times(pct((v.fees_pct !== undefined ? D(v.fees_pct) : take(model, 'vefa.fees_pct')))));
    const own = cost.perLot[lot.index]!;
    const land = min(own.byChapterHtEur.land, priceHt);
    const buyerHt = priceHt.plus(fees);
    const buyerTtc = priceHt.plus(priceVat).plus(fees);
    perLot[lot.index] = {
      htEur: buyerHt, vatEur: priceVat, ttcEur: buyerTtc,
      // the VEFA price carries the land share the seller's cost gives the lot (the cap of a CDC land loan); the rest is the building
      byChapterHtEur: { land, building: priceHt.minus(land), fees, misc: ZERO, financial: ZERO },
      landTtcEur: roundCents(land.times(ONE.plus(vat))),
      perDwellingTtcEur: buyerTtc.div(lot.dwellings), perM2ShabTtcEur: buyerTtc.div(lot.shabM2), perM2SuTtcEur: buyerTtc.div(lot.suM2), perM2ShabHtEur: buyerHt.div(lot.shabM2),
    };
    const margin = priceHt.minus(own.htEur);
    const cap = v.cap_eur_per_m2_su_ht !== undefined ? D(v.cap_eur_per_m2_su_ht) : null;
    const perSu = priceHt.div(lot.suM2);
    return {
      lotIndex: lot.index, seller: v.seller, buyer: lot.input.owner ?? '', vatRate: vat,
      priceHtEur: priceHt, priceVatEur: priceVat, priceTtcEur: priceHt.plus(priceVat), feesEur: fees,
      buyerCostHtEur: buyerHt, buyerCostTtcEur: buyerTtc,
      sellerCostHtEur: own.htEur, sellerMarginEur: margin, sellerMarginPct: priceHt.isZero() ? null : margin.div(priceHt).times(HUNDRED),
      priceHtPerM2Su: perSu, sellerCostHtPerM2Su: own.htEur.div(lot.suM2),
      priceVsCostPct: own.htEur.isZero() ? null : priceHt.div(own.htEur).minus(ONE).times(HUNDRED),
      capHtPerM2Su: cap, withinCap: cap === null ? null : perSu.lte(cap),
    };
  });
  const diagnostics = lots.filter((l) => l.withinCap === false).map((l) => {
    const v = model.lots[l.lotIndex]!.input.vefa!;
    const key = PRICE_KEYS.find((k) => v[k] !== undefined)!;
    return diag('VEFA_PRICE_ABOVE_CAP', 'warning', ['lots', l.lotIndex, 'vefa', key], { lot: model.lots[l.lotIndex]!.id, price: l.priceHtPerM2Su.toDecimalPlaces(2).toNumber(), cap: l.capHtPerM2Su!.toNumber() });
  });
  return { lots, buyerCost: { ...cost, perLot }, diagnostics };
}
