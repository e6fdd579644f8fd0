/**
 * The facts the engine hands to the report: where a figure comes from (its provenance) and how a
 * cost line's amount was obtained (its basis), as values with units, never as words. The words
 * live in src/report/words.ts, one table per language; every renderer words the same facts.
 */
import type { Dec } from '../domain/money';

/**
 * Where a value comes from: the operation file (its input path, e.g. `lots[0].shab_m2`), an
 * embedded regulated parameter (its key), a documented default (its key, src/schema/defaults.ts),
 * an override of the command line or of the file's `parameters:` (`--set`, path and key), or the
 * operation's management profile (`profile`: its path and, for a parameter, its key).
 */
export interface Provenance {
  origin: 'file' | 'parameter' | 'default' | 'override' | 'profile';
  /** The management profile's label (« HER 2026 »), when `origin` is `profile`. */
  profile?: string;
  /** Input path, dotted with indices (`construction.fees_pct`, `lots[1].cost_eur_per_m2_shab`). */
  path?: string;
  /** Parameter or default key (`livret_a.rate_pct`, `construction.fees_pct`). */
  key?: string;
}

/** A value of an index series at a month, with how it was obtained. */
export interface IndexReading {
  /** YYYY-MM */
  date: string;
  value: Dec;
  how: 'published' | 'interpolated' | 'projected';
}

/**
 * How a cost line's amount was obtained. Amounts in euros HT, rates in percent (27.5 = 27.5 %),
 * surfaces in m² of the surface named.
 */
export type CostBasis =
  /** Euros per m² of a surface × that surface (construction works at one cost, land per m²). */
  | { kind: 'per_m2'; eurPerM2: Dec; m2: Dec; surface: 'shab' | 'sp' }
  /** Each lot's cost per m² SHAB × its SHAB (construction works at costs that differ by lot). */
  | { kind: 'per_m2_each_lot'; surface: 'shab' }
  /** A common space: euros per m² × its area, split between lots pro rata their SU. */
  | { kind: 'per_m2_split_su'; eurPerM2: Dec; m2: Dec }
  /** A price revision at a yearly rate over a number of months. */
  | { kind: 'revision_annual'; baseEur: Dec; annualPct: Dec; months: number }
  /** A price revision by an index: base × (index at `to` / index at `from` − 1). */
  | { kind: 'revision_index'; index: 'BT01'; baseEur: Dec; from: IndexReading; to: IndexReading }
  /** A rate of a base: the works, the works and their revision, or the land price. */
  | { kind: 'rate_x_base'; ratePct: Dec; baseEur: Dec; base: 'works' | 'works_and_revision' | 'land_price' }
  /** Euros per dwelling × the dwellings. */
  | { kind: 'per_dwelling'; eurPerDwelling: Dec; dwellings: number }
  /** Taxe d'aménagement or RAP: SP × valeur forfaitaire × rate, abatements by tenure. */
  | { kind: 'tax'; spM2: Dec; eurPerM2: Dec; ratePct: Dec }
  /** Prefinancing interest: draws at a yearly rate, actuarial day/365. */
  | { kind: 'prefinancing'; draws: number; ratePct: Dec }
  /** An amount the file gives; `split` names an allocation other than the line's default one. */
  | { kind: 'given'; split?: 'taxable_sp' }
  /** The land price given as one amount. */
  | { kind: 'lump_sum' }
  /**
   * Duties and fees of the purchase of an existing building: transfer duties (rate × price), the
   * notary's emoluments HT (tariff brackets) and their VAT, the contribution de sécurité immobilière.
   */
  | { kind: 'building_fees'; priceEur: Dec; dutiesPct: Dec; dutiesEur: Dec; emolumentsHtEur: Dec; emolumentsVatPct: Dec; securityPct: Dec };
