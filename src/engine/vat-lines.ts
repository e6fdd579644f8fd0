/**
 * VAT per cost line (docs/cost-price.md, « TVA par ligne »): a line's own rate replaces the lot's
 * for that line, in every lot. The rate of a line is, in order: its own `vat_pct` (a cost line
 * written as an object: `land.other[]`, `construction.other[]`, `construction.common_spaces[]`), else `construction.vat_by_line_pct`
 * at its concept id (the ids below, src/engine/cost-price.ts), else none — the lot's rate (CGI
 * 278 sexies…, or 0 for the purchase of an existing building and its fees, CGI 261-5-2°).
 * Facts only; the report words them.
 */
import { D, pct, type Dec } from '../domain/money';
import type { CostLineInput, OperationFile } from '../schema/operation';
import type { Provenance } from './facts';

/** The concept ids a `construction.vat_by_line_pct` key may name: every concept of a cost line (CostConcept). */
export const VAT_LINE_CONCEPTS = [
  'land', 'land_fees', 'site_works', 'ta', 'rap',
  'building', 'building_fees', 'lot_building', 'lot_building_fees',
  'works', 'improvement_works', 'common_space', 'price_revision', 'price_revision_index', 'contingencies',
  'fees', 'insurance', 'other', 'prefinancing',
] as const;
export type VatLineConcept = (typeof VAT_LINE_CONCEPTS)[number];

/** A line's own VAT rate: the fraction and where it is written. */
export interface LineVat {
  rate: Dec;
  from: Provenance;
}

/**
 * The own rate of a line of concept `concept` (an `other` line: its input and path), or undefined
 * when the line takes its lot's rate.
 */
export function lineVatOf(input: Pick<OperationFile, 'construction'>, concept: string, other?: { line: { vat_pct?: number | undefined }; path: string }): LineVat | undefined {
  if (other?.line.vat_pct !== undefined) return { rate: pct(D(other.line.vat_pct)), from: { origin: 'file', path: `${other.path}.vat_pct` } };
  const byLine = input.construction.vat_by_line_pct;
  if (!byLine || !Object.prototype.hasOwnProperty.call(byLine, concept)) return undefined;
  const v = byLine[concept];
  if (v === undefined) return undefined;
  return { rate: pct(D(v)), from: { origin: 'file', path: `construction.vat_by_line_pct.${concept}` } };
}

/** Whether the file gives any line its own rate (else every lot is at its own rate, as before). */
export function hasLineVat(input: Pick<OperationFile, 'land' | 'construction'>): boolean {
  const own = (ls: readonly CostLineInput[] | undefined) => (ls ?? []).some((l) => l.vat_pct !== undefined);
  return Object.keys(input.construction.vat_by_line_pct ?? {}).length > 0 || own(input.land.other) || own(input.construction.other)
    || (input.construction.common_spaces ?? []).some((c) => c.vat_pct !== undefined);
}
