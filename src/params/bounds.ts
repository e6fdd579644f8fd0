/**
 * Sanity bounds of the regulated parameters a file may override (`parameters:`), by key family.
 * Like the schema's bounds (schema/primitives.ts), they catch typos and units mistaken (150 for a
 * Livret A rate, a duration of 0 or 2.5 years, a negative VAT), not policy: each range is wide
 * around every value the regulation has taken. Out of range is VALUE_OUT_OF_RANGE at the key, a
 * fractional count WRONG_TYPE (engine/rules.ts); the engine then never sees an absurd parameter.
 *
 * Kept apart from the values (data.ts): every key of every parameter year must match exactly one
 * family below (test/params.test.ts), so a new key cannot go without a range.
 */
export interface ParamBound {
  /** Unit in words, as in data.ts. */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** A whole number (years). */
  readonly integer?: boolean;
  /** A list (a path, year 1 first) of 1 to `maxItems` values, each within min…max. */
  readonly maxItems?: number;
}

const ZONE_HLM = '(1_bis|1|2|3)';
const ZONE_ABC = '(a_bis|a|b1|b2|c)';
const TENURE = '(plai|plus|pls|lli|psla|brs|sciapp|coop|libre)';
const PRODUCT = '(plai|plus|plus_vert|pls|lli|gaia_lt|psla)';
const LINE = '(building|land)';

/** [key pattern (whole key), bound]. */
export const PARAM_BOUND_FAMILIES: readonly (readonly [RegExp, ParamBound])[] = [
  // Livret A: 0.5 % (2020) to 8.5 % (1970s); the schema's `assumptions.livret_a_pct` has the same range
  [/^livret_a\.rate_pct$/, { unit: 'pct', min: 0, max: 15 }],
  [/^livret_a\.path_pct$/, { unit: 'pct', min: 0, max: 15, maxItems: 100 }],
  // CDC margins over the Livret A and durations (as the schema's `financing.loans[]`)
  [new RegExp(`^loan\\.${PRODUCT}\\.${LINE}\\.margin_pct$`), { unit: 'pct', min: -5, max: 10 }],
  [new RegExp(`^loan\\.${PRODUCT}\\.${LINE}\\.duration_years$`), { unit: 'years', min: 1, max: 80, integer: true }],
  [/^loan\.default\.progressivity_pct$/, { unit: 'pct', min: -3, max: 0.5 }],
  // VAT and abatements are percents of a base
  [new RegExp(`^vat\\.${TENURE}_pct$`), { unit: 'pct', min: 0, max: 100 }],
  [new RegExp(`^(ta|rap)\\.abatement\\.${TENURE}_pct$`), { unit: 'pct', min: 0, max: 100 }],
  [/^rap\.rate_pct$/, { unit: 'pct', min: 0, max: 10 }],
  [/^vat\.acquisition_improvement\.social_rental_pct$/, { unit: 'pct', min: 0, max: 100 }],
  // acquisition of an existing building: duties and notary's tariff (percents of the price, brackets in €)
  [/^acquisition\.(transfer_duties|security_contribution)_pct$/, { unit: 'pct', min: 0, max: 20 }],
  [/^acquisition\.notary_emoluments\.vat_pct$/, { unit: 'pct', min: 0, max: 100 }],
  [/^acquisition\.notary_emoluments\.rates_pct$/, { unit: 'pct', min: 0, max: 20, maxItems: 10 }],
  [/^acquisition\.notary_emoluments\.brackets_eur$/, { unit: 'eur', min: 0, max: 1e9, maxItems: 10 }],
  [/^ta\.valeur_forfaitaire\.(province|idf)$/, { unit: 'eur_per_m2_sp', min: 0, max: 100_000 }],
  [/^ta\.parking_eur_per_place$/, { unit: 'eur_per_place', min: 0, max: 100_000 }],
  // property tax
  [new RegExp(`^tfpb\\.${TENURE}\\.exemption_years$`), { unit: 'years', min: 0, max: 40, integer: true }],
  [/^tfpb\.amount_eur_per_dwelling$/, { unit: 'eur_per_dwelling', min: 0, max: 100_000 }],
  [/^teom\.amount_eur_per_dwelling$/, { unit: 'eur_per_dwelling', min: 0, max: 100_000 }],
  // rents and prices (as the schema's rents and prices per m²)
  [new RegExp(`^rent_ceiling\\.(plus|plai)\\.${ZONE_HLM}$`), { unit: 'eur_per_m2_su_month', min: 0, max: 1000 }],
  [new RegExp(`^rent_ceiling\\.(pls|lli)\\.${ZONE_ABC}$`), { unit: 'eur_per_m2_su_month', min: 0, max: 1000 }],
  [new RegExp(`^psla\\.redevance_ceiling\\.${ZONE_ABC}$`), { unit: 'eur_per_m2_su_month', min: 0, max: 100 }],
  [new RegExp(`^psla\\.price_ceiling\\.${ZONE_ABC}$`), { unit: 'eur_ht_per_m2_su', min: 0, max: 1_000_000 }],
  [/^subsidy\.state_cap\.(plus|plai)_eur_per_dwelling$/, { unit: 'eur_per_dwelling', min: 0, max: 10_000_000 }],
  // rent rules: coefficients are ratios near 1, the annexes rule a percent of the SHAB
  [/^rent\.structure_coefficient\.a$/, { unit: 'ratio', min: 0, max: 10 }],
  [/^rent\.structure_coefficient\.(b|foyer_b)$/, { unit: 'm2_su_per_dwelling', min: 0, max: 1000 }],
  [/^rent\.lli_coefficient\.(a|cap)$/, { unit: 'ratio', min: 0, max: 10 }],
  [/^rent\.lli_coefficient\.b$/, { unit: 'm2', min: 0, max: 1000 }],
  [/^rent\.local_margin_cap_pct$/, { unit: 'pct', min: 0, max: 100 }],
  [/^rent\.annexes_rule\.(with|without)_lift_pct$/, { unit: 'pct', min: 100, max: 1000 }],
  // the yearly IRL change (as the schema's `assumptions.irl_pct`)
  [/^irl\.q2_change_pct$/, { unit: 'pct', min: -5, max: 15 }],
];

/** The bound of a parameter key, or undefined for a key no family describes. */
export function paramBound(key: string): ParamBound | undefined {
  for (const [re, bound] of PARAM_BOUND_FAMILIES) if (re.test(key)) return bound;
  return undefined;
}
