/**
 * Rents of the rental lots: the maximum rent (zone ceiling × structure coefficient × (1 + local
 * margin), circulaire loyers annexe 6; LLI coefficient, CGI ann. III 2 terdecies D), the annexes
 * rule (annexe 8), the surface the rent applies to, and the rent given; the rent charged (given,
 * maximum, or the loyer d'équilibre) is decided by the rental stage (rental.ts).
 */
import { diag, type Diagnostic } from '../domain/diagnostic';
import { D, ONE, ZERO, pct, type Dec } from '../domain/money';
import { useParam, type LotModel, type Model } from './model';
import { foyerParts, type FoyerParts } from './foyer';

export interface RentInfo {
  lotIndex: number;
  /** Zone ceiling €/m² SU/month (null: no ceiling, e.g. a cooperative). */
  ceiling: Dec | null;
  structureCoefficient: Dec | null;
  localMargin: Dec;
  /** Maximum rent €/m² of the lot's regulatory SU per month (null when no ceiling). */
  maxRent: Dec | null;
  /**
   * Annexes rule (circulaire loyers annexe 8), where it applies (a ceiling under the surface-utile
   * regime): SU × maximum rent as a percent of CS × ceiling × SHAB, its limit (118 %, 125 % with a
   * lift) and whether it holds (exact). The fact of ANNEXES_RULE (src/checks/checks.ts).
   */
  annexes: { ratioPct: Dec; limitPct: Dec; withinLimit: boolean } | null;
  /** Rent charged €/m² SU/month. */
  rent: Dec;
  /** Where the charged rent comes from. */
  rentOrigin: 'file' | 'maximum' | 'break_even';
  /** Rent charged ≤ maximum rent (null when no maximum): the fact of RENT_WITHIN_MAXIMUM (src/checks/checks.ts). */
  rentWithinMaximum: boolean | null;
  /** The surface the rent applies to: regulatory SU (fiscal for LLI). */
  rentSurfaceM2: Dec;
  annexRentYear1Eur: Dec;
  year1RentEur: Dec;
  /**
   * A logement-foyer or résidence sociale (foyer.ts): its redevance's parts per m² SU per month. The
   * rent above is then the rent-equivalent part, its maximum takes the foyer CS, and
   * `rentWithinMaximum` is the fact of REDEVANCE_WITHIN_MAXIMUM instead of RENT_WITHIN_MAXIMUM.
   */
  foyer?: FoyerParts & { kind: string; chargesYear1Eur: Dec };
}

/** Maximum rent of a lot (circulaire loyers annexe 6; LLI: CGI ann. III 2 terdecies D). */
export function rentInfo(model: Model, lot: LotModel, ds: Diagnostic[]): Omit<RentInfo, 'rent' | 'rentOrigin' | 'rentWithinMaximum' | 'year1RentEur' | 'annexRentYear1Eur' | 'foyer'> & { given: Dec | null } {
  const r = lot.input.rent ?? {};
  // The types' rents (every type has one, or none: TYPES_INCOMPLETE): their monthly total over the lot's rent surface.
  const typeRents = lot.input.types?.every((t) => t.rent_eur_per_month !== undefined)
    ? lot.input.types.reduce((a, t) => a.plus(D(t.rent_eur_per_month!).times(t.count)), ZERO).div(lot.suRegulatoryM2) : null;
  // A foyer's rent is its redevance's rent-equivalent part (FOYER_REDEVANCE refuses a rent besides it).
  const foyer = foyerParts(lot.input, lot.suRegulatoryM2);
  const given = foyer ? foyer.rentEquivalentPerM2 : r.rent_eur_per_m2_su_month !== undefined ? D(r.rent_eur_per_m2_su_month) : typeRents;
  const fam = lot.info.rentCeiling;
  if (!fam) return { lotIndex: lot.index, ceiling: null, structureCoefficient: null, localMargin: ZERO, maxRent: null, annexes: null, rentSurfaceM2: lot.suRegulatoryM2, given };
  const zone = lot.info.zoning === 'hlm' ? model.zoneHlmKey : model.zoneAbcKey;
  const ceiling = useParam(model, `rent_ceiling.${fam}.${zone}`);
  if (fam === 'lli') {
    // Coefficient per dwelling on the average fiscal SU: min(round(0.7 + 19/S, 2), 1.2).
    const s = lot.suRegulatoryM2.div(lot.dwellings);
    const a = useParam(model, 'rent.lli_coefficient.a'), b = useParam(model, 'rent.lli_coefficient.b'), cap = useParam(model, 'rent.lli_coefficient.cap');
    let coef = a.plus(b.div(s)).toDecimalPlaces(2);
    if (coef.gt(cap)) coef = cap;
    return { lotIndex: lot.index, ceiling, structureCoefficient: coef, localMargin: ZERO, maxRent: ceiling.times(coef), annexes: null, rentSurfaceM2: lot.suRegulatoryM2, given };
  }
  // CS of the operation (circulaire loyers annexe 6; [CIRC-LOYERS]): N and SU of all its
  // conventioned dwellings under the surface-utile regime (PLAI, PLUS, PLS, SCIAPP), not of one lot.
  // Logements-foyers have their own CS (b = 38 instead of 20), over the operation's foyer lots.
  const isFoyer = lot.input.foyer !== undefined;
  const a = useParam(model, 'rent.structure_coefficient.a'), b = useParam(model, isFoyer ? 'rent.structure_coefficient.foyer_b' : 'rent.structure_coefficient.b');
  const conv = model.lots.filter((l) => l.info.rentCeiling && l.info.rentCeiling !== 'lli' && (l.input.foyer !== undefined) === isFoyer);
  const n = conv.reduce((s, l) => s + l.dwellings, 0);
  const suConv = conv.reduce((s, l) => s.plus(l.suM2), ZERO);
  const cs = a.times(ONE.plus(b.times(n).div(suConv)));
  let margin = pct(r.local_margin_pct ?? 0);
  if (r.local_margin_pct !== undefined) {
    const cap = pct(useParam(model, 'rent.local_margin_cap_pct'));
    if (margin.gt(cap)) {
      ds.push(diag('LOCAL_MARGIN_CAPPED', 'warning', ['lots', lot.index, 'rent', 'local_margin_pct'], { lot: lot.id, given: r.local_margin_pct, cap: cap.times(100).toNumber() }));
      margin = cap;
    }
  }
  const maxRent = ceiling.times(cs).times(ONE.plus(margin));
  // Annexes rule (annexe 8): SU × max rent ≤ k × CS × ceiling × SHAB, k = 118 % (125 % with a lift).
  const k = pct(useParam(model, model.input.construction.lift ? 'rent.annexes_rule.with_lift_pct' : 'rent.annexes_rule.without_lift_pct'));
  const product = lot.suM2.times(maxRent);
  const limit = k.times(cs).times(ceiling).times(lot.shabM2);
  const annexes = { ratioPct: product.div(cs.times(ceiling).times(lot.shabM2)).times(100), limitPct: k.times(100), withinLimit: product.lte(limit) };
  return { lotIndex: lot.index, ceiling, structureCoefficient: cs, localMargin: margin, maxRent, annexes, rentSurfaceM2: lot.suM2, given };
}
