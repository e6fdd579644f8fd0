/**
 * Regulated parameters: versioned data, one flat namespace of dotted snake_case keys, every
 * value with its unit and its source. A file may override any key under `parameters:`.
 *
 * Key families (zones: zone HLM `1_bis|1|2|3`, zone ABC `a_bis|a|b1|b2|c`):
 *   livret_a.rate_pct                              Livret A in force at the parameter year (LA₀)
 *   livret_a.path_pct                              default forward path, year 1 = parameter year (list)
 *   loan.<product>.<line>.margin_pct               CDC margin over Livret A (product plai|plus|pls|lli|gaia_lt|psla; line building|land)
 *   loan.<product>.<line>.duration_years
 *   vat.<tenure>_pct                               LASM / sale VAT (tenure plai|plus|pls|lli|psla|brs|sciapp|coop|libre)
 *   tfpb.<tenure>.exemption_years
 *   rent_ceiling.<plus|plai>.<zone_hlm>            €/m² SU/month
 *   rent_ceiling.<pls|lli>.<zone_abc>              €/m² SU/month (LLI: fiscal SU, before the 0.7 + 19/S coefficient)
 *   psla.redevance_ceiling.<zone_abc>              part locative ceiling, €/m² SU/month
 *   psla.price_ceiling.<zone_abc>                  € HT/m² SU (also the BRS ceiling)
 *   ta.valeur_forfaitaire.<province|idf>           €/m² SP
 *   ta.abatement.<tenure>_pct                      abatement on the valeur forfaitaire (PLAI: 100 = exempt)
 *   rap.rate_pct                                   redevance d'archéologie préventive
 *   subsidy.state_cap.<plus|plai>_eur_per_dwelling
 *   rent.structure_coefficient.{a,b}               CS = a × (1 + b × N / SU)
 *   rent.structure_coefficient.foyer_b            b of a foyer's CS (logements-foyers: 38)
 *   rent.local_margin_cap_pct, rent.annexes_rule.{without_lift,with_lift}_pct
 *   rent.lli_coefficient.{a,b,cap}                 min(a + b / S, cap)
 *   irl.q2_change_pct                              latest known yearly IRL Q2 change
 */

/**
 * How sure we are of a value (docs/sources.md): confirmed (legal text, official notice or lender's sheet for that
 * year), single_source (one source, a secondary source or a bailleur's/software's profile), unverified (no source).
 */
export type ParamStatus = 'confirmed' | 'single_source' | 'unverified';

export type ParamValue = string | readonly string[];

export interface ParamDef {
  /** A decimal string ("1.50"), or a list of decimal strings for paths. Never a JS float. */
  readonly value: ParamValue;
  /** Unit in words: "pct", "eur_per_m2_su_month", "years", "eur_ht_per_m2_su", "eur_per_m2_sp", "eur_per_dwelling", "ratio". */
  readonly unit: string;
  /** French label for `equilibre params` and the report's assumptions. */
  readonly label: string;
  /** Ids of its sources in docs/sources.md, e.g. ['CDC-PLUS']. */
  readonly sources: readonly string[];
  /** The ids in brackets, then what the source says, e.g. "[CDC-PLUS] Livret A + 60 pb". */
  readonly source: string;
  readonly status: ParamStatus;
}

export interface ParamYear {
  readonly year: number;
  /** Identifies the data set, printed on every output, e.g. "2026.1". */
  readonly vintage: string;
  readonly params: Readonly<Record<string, ParamDef>>;
}

/** A dated Livret A rate (history). */
export interface LivretAChange {
  readonly from: string; // ISO date
  readonly rate_pct: string;
  /** Ids of its sources in docs/sources.md. */
  readonly sources: readonly string[];
  readonly source: string;
}
