/**
 * Logements-foyers and résidences sociales (`lots[].foyer`, PLAI/PLUS/PLS): the monthly redevance
 * and its charges part, per unit or per m² SU, brought to € per m² of the lot's SU per month. The
 * rent-equivalent part (redevance − charges) is the lot's rent, under the ceiling of the surface-utile
 * regime with the foyer structure coefficient (circulaire loyers annexe 6, [CIRC-LOYERS]: 38 instead
 * of 20); the charges part is an income of the operating account (account.ts), indexed like the
 * rents and subject to vacancy and bad debt.
 */
import { D, ZERO, type Dec } from '../domain/money';
import type { LotInput } from '../schema/operation';

export interface FoyerParts {
  /** The whole monthly redevance, € per m² SU per month. */
  redevancePerM2: Dec;
  /** Its charges part, € per m² SU per month. */
  chargesPerM2: Dec;
  /** The rent-equivalent part (redevance − charges), € per m² SU per month: the lot's rent. */
  rentEquivalentPerM2: Dec;
  /** The charges part of the lot's units per month, € (exact: units × per-unit amount, or SU × per-m² amount). */
  chargesMonthlyEur: Dec;
}

/**
 * The parts of a foyer lot's redevance per m² of `surfaceM2` (the lot's SU) per month; null for a
 * lot that is not a foyer. An amount per unit counts `dwellings` units (logements-foyers).
 */
export function foyerParts(l: LotInput, surfaceM2: Dec): FoyerParts | null {
  const r = l.foyer?.redevance;
  if (!r) return null;
  const perM2 = (perUnit: number | undefined, perM2v: number | undefined): Dec =>
    perM2v !== undefined ? D(perM2v) : perUnit !== undefined ? D(perUnit).times(l.dwellings).div(surfaceM2) : ZERO;
  const redevancePerM2 = perM2(r.eur_per_unit_month, r.eur_per_m2_su_month);
  const chargesPerM2 = perM2(r.charges_eur_per_unit_month, r.charges_eur_per_m2_su_month);
  const chargesMonthlyEur = r.charges_eur_per_m2_su_month !== undefined ? D(r.charges_eur_per_m2_su_month).times(surfaceM2)
    : D(r.charges_eur_per_unit_month ?? 0).times(l.dwellings);
  return { redevancePerM2, chargesPerM2, rentEquivalentPerM2: redevancePerM2.minus(chargesPerM2), chargesMonthlyEur };
}

/**
 * The whole redevance that gives a foyer lot the rent-equivalent `rentPerM2` (€/m² SU/month), its
 * charges part unchanged, in the form the file gives it: the key under `foyer.redevance` and its
 * value. What a lever or a search writes instead of `rent.rent_eur_per_m2_su_month` (which a foyer
 * lot does not take: FOYER_REDEVANCE).
 */
export function redevanceFor(l: LotInput, surfaceM2: Dec, rentPerM2: Dec): { key: 'eur_per_unit_month' | 'eur_per_m2_su_month'; value: Dec } {
  const parts = foyerParts(l, surfaceM2)!;
  const wholePerM2 = rentPerM2.plus(parts.chargesPerM2);
  return l.foyer!.redevance.eur_per_unit_month !== undefined
    ? { key: 'eur_per_unit_month', value: wholePerM2.times(surfaceM2).div(l.dwellings) }
    : { key: 'eur_per_m2_su_month', value: wholePerM2 };
}
