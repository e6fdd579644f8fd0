/**
 * Owners (maîtres d'ouvrage) of a multi-owner operation (docs/owners.md): each owner's balance on
 * its own, then with the péréquation the file declares (transfers, a pooling of a SCCV's result),
 * and the OFS that carry several BRS lots, consolidated. Facts only; the words are in src/report/owners.ts.
 *
 * Without `owners:` nothing here runs: the operation is one owner's, as it always was.
 */
import { D, ZERO, max, pct, roundCents, sum, type Dec } from '../domain/money';
import type { OwnerKind } from '../schema/operation';
import type { Model } from './model';
import type { Rental } from './rental';
import type { OfsAccount, Sales } from './sales';
import type { Vefa } from './vefa';

export interface OfsGroup {
  /** The OFS owner's id. */
  id: string;
  lotIndexes: number[];
  landEur: Dec;
  equityEur: Dec;
  loanEur: Dec;
  redevanceYear1Eur: Dec;
  /** The consolidated account, year by year (the years of the longest loan). */
  rows: { year: number; redevanceEur: Dec; annuityEur: Dec; managementEur: Dec; cashFlowEur: Dec; cumulativeEur: Dec }[];
  minCumulativeEur: Dec;
  minCumulativeYear: number;
  balanced: boolean;
}

export interface OwnerTransfer {
  index: number;
  from: string;
  to: string;
  label: string | undefined;
  /** `amount`: a sum; `share`: a share of the from-owner's margins (sales and VEFA sold), nothing when they are not positive. */
  basis: 'amount' | 'share';
  sharePct: Dec | null;
  amountEur: Dec;
}

export interface OwnerBalance {
  id: string;
  name: string;
  kind: OwnerKind;
  lotIndexes: number[];
  /** Margins of the sale lots it owns. */
  saleMarginEur: Dec;
  /** What its rental accounts lack at their lowest point (≤ 0). */
  rentalNeedEur: Dec;
  /** What the OFS it is lacks at the lowest point of its consolidated account (≤ 0). */
  ofsNeedEur: Dec;
  /** Margin on the lots it sells in VEFA (price HT − its own cost). */
  vefaMarginEur: Dec;
  /** VEFA prices HT: + sold, − bought (the sum over owners is zero). */
  vefaFlowEur: Dec;
  /** Its balance on its own: sale margins + VEFA margin + rental and OFS needs. */
  balanceEur: Dec;
  balanced: boolean;
  /** Declared transfers: + received, − given. */
  transfersEur: Dec;
  /** Declared pooling: + its share of a pooled owner's result, − the result it pools. */
  poolingEur: Dec;
  balanceAfterEur: Dec;
  balancedAfter: boolean;
}

export interface Owners {
  owners: OwnerBalance[];
  transfers: OwnerTransfer[];
  ofs: OfsGroup[];
}

/** The OFS owner of a BRS lot: `brs.ofs`, else the lot's owner. */
export function ofsOwnerOf(model: Model, lotIndex: number): string {
  const lot = model.lots[lotIndex]!;
  return lot.input.brs?.ofs ?? lot.input.owner ?? '';
}

/** Consolidate the OFS accounts of the BRS lots of one OFS: yearly flows added, one cumulative. */
export function consolidateOfs(id: string, parts: { lotIndex: number; ofs: OfsAccount }[]): OfsGroup {
  const years = Math.max(0, ...parts.map((p) => p.ofs.rows.length));
  const rows: OfsGroup['rows'] = [];
  let cum = ZERO;
  let minCum: Dec | null = null, minYear = 0;
  for (let y = 1; y <= years; y++) {
    const at = parts.map((p) => p.ofs.rows[y - 1]).filter((r) => r !== undefined);
    const red = sum(at.map((r) => r.redevanceEur)), ann = sum(at.map((r) => r.annuityEur)), mgmt = sum(at.map((r) => r.managementEur));
    const cf = sum(at.map((r) => r.cashFlowEur));
    cum = cum.plus(cf);
    rows.push({ year: y, redevanceEur: red, annuityEur: ann, managementEur: mgmt, cashFlowEur: cf, cumulativeEur: cum });
    if (minCum === null || cum.lt(minCum)) { minCum = cum; minYear = y; }
  }
  const m = minCum ?? ZERO;
  return {
    id, lotIndexes: parts.map((p) => p.lotIndex),
    landEur: sum(parts.map((p) => p.ofs.landEur)), equityEur: sum(parts.map((p) => p.ofs.equityEur)), loanEur: sum(parts.map((p) => p.ofs.loanEur)),
    redevanceYear1Eur: rows[0]?.redevanceEur ?? ZERO, rows, minCumulativeEur: m, minCumulativeYear: minYear, balanced: m.gte(0),
  };
}

const need = (x: Dec) => (x.isNegative() ? x : ZERO);

export function computeOwners(model: Model, rental: Rental | undefined, sales: Sales | undefined, vefa: Vefa | undefined): Owners | undefined {
  const declared = model.input.owners;
  if (!declared) return undefined;
  const ownerOf = (i: number) => model.lots[i]!.input.owner ?? '';

  // OFS: one consolidated account per OFS owner, in the order of the lots
  const byOfs = new Map<string, { lotIndex: number; ofs: OfsAccount }[]>();
  for (const l of sales?.lots ?? []) {
    if (!l.ofs) continue;
    const id = ofsOwnerOf(model, l.lotIndex);
    byOfs.set(id, [...(byOfs.get(id) ?? []), { lotIndex: l.lotIndex, ofs: l.ofs }]);
  }
  const ofs = [...byOfs].map(([id, parts]) => consolidateOfs(id, parts));

  const owners: OwnerBalance[] = declared.map((o) => {
    const mine = (i: number) => ownerOf(i) === o.id;
    const saleMargin = sum((sales?.lots ?? []).filter((l) => mine(l.lotIndex)).map((l) => l.marginEur));
    const rentalNeed = sum((rental?.lots ?? []).filter((l) => mine(l.lotIndex)).map((l) => need(l.account.minCumulativeEur)));
    const ofsNeed = sum(ofs.filter((g) => g.id === o.id).map((g) => need(g.minCumulativeEur)));
    const sold = (vefa?.lots ?? []).filter((v) => v.seller === o.id);
    const bought = (vefa?.lots ?? []).filter((v) => v.buyer === o.id);
    const vefaMargin = sum(sold.map((v) => v.sellerMarginEur));
    const balance = saleMargin.plus(rentalNeed).plus(ofsNeed).plus(vefaMargin);
    return {
      id: o.id, name: o.name, kind: o.kind, lotIndexes: model.lots.filter((l) => mine(l.index)).map((l) => l.index),
      saleMarginEur: saleMargin, rentalNeedEur: rentalNeed, ofsNeedEur: ofsNeed, vefaMarginEur: vefaMargin,
      vefaFlowEur: sum(sold.map((v) => v.priceHtEur)).minus(sum(bought.map((v) => v.priceHtEur))),
      balanceEur: balance, balanced: balance.gte(0), transfersEur: ZERO, poolingEur: ZERO, balanceAfterEur: balance, balancedAfter: balance.gte(0),
    };
  });
  const byId = new Map(owners.map((o) => [o.id, o]));

  // Declared transfers, in the file's order; a share is of the from-owner's own margins.
  const transfers: OwnerTransfer[] = (model.input.transfers ?? []).map((t, index) => {
    const from = byId.get(t.from)!, to = byId.get(t.to)!;
    const share = t.share_of_margin_pct !== undefined ? pct(t.share_of_margin_pct) : null;
    const amount = share !== null ? roundCents(max(from.saleMarginEur.plus(from.vefaMarginEur), ZERO).times(share)) : D(t.amount_eur ?? 0);
    from.transfersEur = from.transfersEur.minus(amount);
    to.transfersEur = to.transfersEur.plus(amount);
    return { index, from: t.from, to: t.to, label: t.label, basis: share !== null ? 'share' : 'amount', sharePct: t.share_of_margin_pct !== undefined ? D(t.share_of_margin_pct) : null, amountEur: amount };
  });

  // Declared pooling: an owner with partners passes its whole result (after transfers) to them, by shares
  // (to the cent; the last partner takes the remainder, so nothing is created or lost). One level.
  for (const o of declared) {
    if (!o.partners) continue;
    const pooled = byId.get(o.id)!;
    const result = pooled.balanceEur.plus(pooled.transfersEur);
    pooled.poolingEur = pooled.poolingEur.minus(result);
    let left = result;
    o.partners.forEach((p, k) => {
      const part = k === o.partners!.length - 1 ? left : roundCents(result.times(pct(p.share_pct)));
      left = left.minus(part);
      const partner = byId.get(p.owner)!;
      partner.poolingEur = partner.poolingEur.plus(part);
    });
  }
  for (const o of owners) {
    o.balanceAfterEur = o.balanceEur.plus(o.transfersEur).plus(o.poolingEur);
    o.balancedAfter = o.balanceAfterEur.gte(0);
  }
  return { owners, transfers, ofs };
}
