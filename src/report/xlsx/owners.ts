/** The owners' table of the workbook (docs/owners.md): each owner's balance, on the sales sheet, from the JSON report. */
import type { SheetWriter } from './sheet';

type Json = Record<string, unknown>;

/** Writes the owners' table from `row`; returns the last row written (or `row - 1` when the file has no owners). */
export function writeOwners(S: SheetWriter, json: Json, row: number, t: (fr: string, en: string) => string, metricCell: (S: SheetWriter, row: number, column: number, v: unknown, unit: string, t: (fr: string, en: string) => string) => void): number {
  const owners = (json.owners as Json | null | undefined)?.owners as Json[] | undefined;
  if (!owners) return row - 1;
  S.text(row, 1, t('Propriétaires (docs/owners.md)', 'Owners (docs/owners.md)'), { bold: true });
  S.header(row + 1, 1, [t('Propriétaire', 'Owner'), ...owners.map((o) => String(o.id)), t('Clé (JSON)', 'Key (JSON)')]);
  const keys: [string, [string, string], string][] = [
    ['sale_margin_eur', ['Marges de vente', 'Sale margins'], 'eur'],
    ['vefa_margin_eur', ['Marge VEFA', 'VEFA margin'], 'eur'],
    ['rental_need_eur', ['Besoin locatif', 'Rental need'], 'eur'],
    ['ofs_need_eur', ['Besoin OFS', 'OFS need'], 'eur'],
    ['balance_eur', ['Solde seul', 'Balance on its own'], 'eur'],
    ['transfers_eur', ['Transferts déclarés', 'Declared transfers'], 'eur'],
    ['pooling_eur', ['Mise en commun', 'Pooling'], 'eur'],
    ['balance_after_transfers_eur', ['Solde avec les transferts', 'Balance with transfers'], 'eur'],
    ['balanced', ['Équilibré seul', 'Balanced on its own'], 'bool'],
    ['balanced_after_transfers', ['Équilibré avec les transferts', 'Balanced with transfers'], 'bool'],
    ['vefa_flow_eur', ['VEFA vendue (+) / achetée (−), HT', 'VEFA sold (+) / bought (−), excl. VAT'], 'eur'],
  ];
  let r = row + 2;
  for (const [k, label, unit] of keys) {
    S.text(r, 1, t(label[0], label[1]));
    owners.forEach((o, i) => metricCell(S, r, 2 + i, o[k] ?? null, unit, t));
    S.text(r, 2 + owners.length, k);
    r++;
  }
  return r - 1;
}
