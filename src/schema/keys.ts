/**
 * Every key of the operation file, described once: what the editor shows on hover (French, with the
 * term of the trade), and the columns of the reference tables of docs/format.md (English). Types,
 * ranges and « required » come from the schema itself (src/schema/operation.ts); defaults that are
 * assumptions come from src/schema/defaults.ts with their source ids (docs/sources.md).
 * test/schema.test.ts fails when a key of the schema has no entry here, or an entry no key.
 * Paths: `lots[].shab_m2`; the cost lines of `land.other[]` and `construction.other[]` are `other[]`.
 * A function, so that a run that does not print the schema does not build this table.
 */
import type { KeyDoc } from './describe';

/** « Exactly one of » groups (engine/rules.ts raises CONFLICTING_KEYS / MISSING_ONE_OF; a test checks both agree). */
export interface OneOfGroup {
  /** The object holding the keys (`land`, `lots[].sale`). */
  readonly at: string;
  readonly keys: readonly string[];
  /** One of them is required (MISSING_ONE_OF); otherwise at most one. */
  readonly required: boolean;
}

export const ONE_OF_GROUPS: readonly OneOfGroup[] = [
  { at: 'land', keys: ['price_eur_per_m2_sp', 'price_eur_per_m2_shab', 'price_eur'], required: true },
  { at: 'land', keys: ['acquisition_fees_pct', 'acquisition_fees_eur'], required: false },
  { at: 'land.other[]', keys: ['amount_eur', 'pct_of_works', 'eur_per_m2_shab', 'eur_per_dwelling'], required: true },
  { at: 'construction', keys: ['shab_sp_ratio', 'sp_m2'], required: false },
  { at: 'construction', keys: ['prefinancing_interest_eur', 'prefinancing'], required: false },
  { at: 'construction', keys: ['price_revision', 'price_revision_bt01'], required: false },
  { at: 'construction.other[]', keys: ['amount_eur', 'pct_of_works', 'eur_per_m2_shab', 'eur_per_dwelling'], required: true },
  { at: 'lots[].sale', keys: ['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc'], required: false },
  { at: 'subsidies[]', keys: ['amount_eur', 'eur_per_dwelling', 'eur_per_m2_su'], required: true },
  { at: 'financing.equity[]', keys: ['amount_eur', 'pct_of_cost', 'eur_per_dwelling'], required: true },
  { at: 'financing.loans[]', keys: ['amount_eur', 'eur_per_dwelling'], required: true },
  { at: 'financing.loans[]', keys: ['margin_pct', 'rate_pct'], required: false },
  { at: 'assumptions', keys: ['irl_pct', 'irl_path_pct'], required: false },
  { at: 'assumptions', keys: ['major_maintenance_eur_per_dwelling', 'major_maintenance_pct_of_cost'], required: false },
];

export function keyDocs(): Readonly<Record<string, KeyDoc>> {
  return {
    // top level
    "format": {
      fr: "Version du format du fichier d'opération : toujours « equilibre/v1 ».",
      type: "text",
      range: "exactly `equilibre/v1`",
      effect: "version of the format (`FORMAT_VERSION` if missing or different).",
    },
    "profile": {
      fr: "Profil de gestion du bailleur appliqué à l'opération : un fichier (chemin relatif à ce fichier) dont les `assumptions` et `parameters` s'appliquent, ce fichier les remplaçant clé par clé.",
      type: "text (a path)",
      range: "a profile file (see « Profile file »)",
      def: "none",
      defaultFr: "aucun",
      effect: "the management profile (*profil de gestion*) whose `assumptions` and `parameters` apply under this file's, key by key; its name and vintage are shown in the report.",
      examples: ["profils/mon-bailleur-2026.yaml"],
    },
    "operation": {
      fr: "Identité de l'opération : nom, commune, zonages (ABC et HLM) et millésime des paramètres réglementaires.",
      type: "mapping",
      effect: "identity, zoning and parameter year.",
    },
    "land": {
      fr: "Chapitre I du prix de revient : charge foncière (prix du terrain, frais d'acquisition, VRD, taxe d'aménagement et RAP).",
      type: "mapping",
      effect: "chapter I, charge foncière.",
    },
    "construction": {
      fr: "Chapitres II à V du prix de revient : bâtiment (coût travaux), honoraires, frais divers, frais financiers.",
      type: "mapping",
      effect: "chapters II–V.",
    },
    "lots": {
      fr: "Répartition par produit (PLAI, PLUS, PLS, LLI, PSLA, BRS, SCIAPP, coopérative, accession libre) : un lot par produit.",
      type: "list of lots",
      effect: "the tenure split.",
    },
    "subsidies": {
      fr: "Subventions (État, collectivités, Action Logement…) du plan de financement.",
      type: "list",
      def: "none",
      defaultFr: "aucune",
      effect: "subsidies (*subventions*).",
    },
    "financing": {
      fr: "Plan de financement : fonds propres, prêts explicites et prêts CDC par défaut.",
      type: "mapping",
      def: "default CDC loans only",
      defaultFr: "prêts CDC par défaut seulement",
      effect: "equity, explicit loans, default CDC loans.",
    },
    "assumptions": {
      fr: "Hypothèses du compte d'exploitation : Livret A, révisabilité et progressivité des prêts, IRL, vacance, charges.",
      type: "mapping",
      def: "defaults below",
      defaultFr: "les défauts de chaque clé",
      effect: "Livret A, loan terms, operating account.",
    },
    "parameters": {
      fr: "Surcharge de paramètres réglementaires embarqués (clé de `equilibre params` → valeur), par ex. `livret_a.rate_pct: 1.7`.",
      type: "mapping key → number or list of numbers",
      range: "keys of `equilibre params`",
      def: "the embedded set",
      defaultFr: "le jeu de paramètres embarqué du millésime",
      effect: "overrides of regulated parameters.",
    },
    "checks": {
      fr: "Assertions vérifiées par `equilibre check` (par ex. `financing.balanced == true`).",
      type: "list of assertions",
      def: "none",
      defaultFr: "aucune",
      effect: "assertions for `equilibre check`.",
    },
    "variants": {
      fr: "Variantes de l'opération comparées par `equilibre compare`.",
      type: "list of variants",
      def: "none",
      defaultFr: "aucune",
      effect: "variants of the operation for `equilibre compare`.",
    },

    // operation
    "operation.name": {
      fr: "Nom de l'opération (titre du rapport).",
      type: "text",
      effect: "title of the report and of the JSON `operation.name`.",
    },
    "operation.commune": {
      fr: "Commune de l'opération.",
      type: "text",
      effect: "shown in the title.",
    },
    "operation.department": {
      fr: "Numéro de département, entre guillemets (\"44\", \"2A\", \"971\") ; 75, 77, 78 et 91 à 95 valent Île-de-France.",
      type: "text, quoted (`\"44\"`, `\"2A\"`, `\"971\"`)",
      range: "`NN`, `2A`, `2B` or `NNN`",
      effect: "when `ile_de_france` is absent, a department 75, 77, 78, 91–95 makes the operation Île-de-France. Quote it: `44` unquoted is a number (`WRONG_TYPE`).",
    },
    "operation.description": {
      fr: "Texte libre décrivant l'opération (non utilisé dans le calcul).",
      type: "text",
      effect: "free text; not used in the computation.",
    },
    "operation.zone_abc": {
      fr: "Zonage A/B/C : plafonds de loyer PLS et LLI, part locative et plafonds de prix PSLA/BRS.",
      type: "one of `A bis`, `A`, `B1`, `B2`, `C`",
      effect: "zoning of the PLS and LLI rent ceilings, the PSLA part locative and PSLA/BRS price ceilings (`rent_ceiling.pls.<z>`, `rent_ceiling.lli.<z>`, `psla.*.<z>`).",
    },
    "operation.zone_hlm": {
      fr: "Zonage HLM (1 bis, 1, 2, 3) : plafonds de loyer PLUS, PLAI et SCIAPP.",
      type: "one of `1 bis`, `1`, `2`, `3` (or the numbers `1`, `2`, `3`)",
      effect: "zoning of the PLUS, PLAI and SCIAPP rent ceilings (`rent_ceiling.plus.<z>`, `rent_ceiling.plai.<z>`).",
    },
    "operation.ile_de_france": {
      fr: "Opération en Île-de-France : valeur forfaitaire IDF de la taxe d'aménagement et part régionale.",
      type: "boolean",
      def: "from `department`, else `false`",
      defaultFr: "déduit de `department`, sinon false",
      effect: "selects the TA valeur forfaitaire `ta.valeur_forfaitaire.idf` instead of `.province`, and turns on the regional TA rate (default 1 %).",
    },
    "operation.parameters_year": {
      fr: "Millésime des paramètres réglementaires (loyers plafonds, marges CDC, Livret A, TVA…).",
      type: "integer (year)",
      effect: "selects the embedded parameter set (available: 2025, 2026). Another year uses the nearest earlier set (or the earliest) with the warning `PARAMETERS_YEAR_FALLBACK`. Every output carries the vintage.",
    },
    "operation.delivery_date": {
      fr: "Date de livraison (mise en service), AAAA-MM-JJ ; à écrire entre guillemets. Informative.",
      type: "date `AAAA-MM-JJ`, quoted (`\"2028-09-01\"`)",
      range: "a day of 1950–2100 (`INVALID_DATE`)",
      effect: "*mise en service*; informative in this version (the operating account counts years from the first year of letting, year 1).",
    },

    // land
    "land.price_eur_per_m2_sp": {
      fr: "Charge foncière au m² de surface de plancher (SP).",
      type: "€/m² SP",
      effect: "land price = this × SP (rounded to the cent); line `land`, split pro rata SU.",
    },
    "land.price_eur_per_m2_shab": {
      fr: "Charge foncière au m² de surface habitable (SHAB) des lots.",
      type: "€/m² SHAB",
      effect: "land price = this × total SHAB of the lots (common spaces not included).",
    },
    "land.price_eur": {
      fr: "Charge foncière globale (prix du terrain).",
      examples: [1200000],
      type: "€",
      effect: "land price as a lump sum.",
    },
    "land.acquisition_fees_pct": {
      fr: "Frais d'acquisition du terrain (notaire, commission), en % du prix du terrain.",
      type: "% of the land price",
      def: "0 (DEFAULTS `land.acquisition_fees_pct`)",
      defaults: ["land.acquisition_fees_pct"],
      effect: "notary and acquisition fees; line `land_fees`, pro rata SU. Exclusive with `acquisition_fees_eur`.",
    },
    "land.acquisition_fees_eur": {
      fr: "Frais d'acquisition du terrain (notaire, commission), en montant.",
      examples: [36000],
      type: "€",
      effect: "the same, as an amount.",
    },
    "land.site_works_eur": {
      fr: "VRD et branchements (voirie et réseaux divers), chapitre I.",
      type: "€",
      effect: "VRD, connections; line `site_works` in chapter I, pro rata SU.",
    },
    "land.taxes": {
      fr: "Taxe d'aménagement (TA) et redevance d'archéologie préventive (RAP), calculées sur la SP si leur montant n'est pas donné.",
      type: "mapping",
      def: "TA and RAP computed",
      defaultFr: "TA et RAP calculées sur la SP",
      effect: "taxe d'aménagement and redevance d'archéologie préventive, below.",
    },
    "land.other": {
      fr: "Autres lignes de charge foncière (démolition, dépollution, abords…).",
      type: "list of cost lines",
      effect: "other land-charge lines (surroundings, demolition, pollution…), chapter `land` unless `chapter` says otherwise. See [cost lines](#cost-lines-landother-and-constructionother).",
    },

    // land.taxes
    "land.taxes.ta_eur": {
      fr: "Taxe d'aménagement (TA) donnée en montant (avis d'imposition du permis) ; remplace le calcul par les taux.",
      type: "€",
      def: "computed",
      defaultFr: "calculée (SP × valeur forfaitaire × taux)",
      effect: "TA as a given amount (e.g. from the permit's tax notice), split pro rata the taxable SP of each lot (SP share × (1 − abatement)); the rates below are then not used.",
    },
    "land.taxes.rap_eur": {
      fr: "Redevance d'archéologie préventive (RAP) donnée en montant ; remplace `rap_applies`.",
      type: "€",
      def: "computed",
      defaultFr: "calculée (SP × valeur forfaitaire × taux RAP)",
      effect: "RAP as a given amount, split the same way; `rap_applies` is then not used.",
    },
    "land.taxes.ta_commune_rate_pct": {
      fr: "Taux communal de la taxe d'aménagement (TA).",
      type: "%",
      def: "5 (DEFAULTS `land.taxes.ta_commune_rate_pct`)",
      defaults: ["land.taxes.ta_commune_rate_pct"],
      effect: "communal rate of the TA.",
    },
    "land.taxes.ta_department_rate_pct": {
      fr: "Taux départemental de la taxe d'aménagement (TA).",
      type: "%",
      def: "2.5 (DEFAULTS `land.taxes.ta_department_rate_pct`)",
      defaults: ["land.taxes.ta_department_rate_pct"],
      effect: "departmental rate.",
    },
    "land.taxes.ta_region_rate_pct": {
      fr: "Taux régional de la taxe d'aménagement (TA), Île-de-France seulement.",
      type: "%",
      def: "1 in Île-de-France (DEFAULTS `land.taxes.ta_region_rate_pct`), 0 elsewhere",
      defaults: ["land.taxes.ta_region_rate_pct"],
      defaultFr: "1 en Île-de-France, 0 ailleurs",
      effect: "regional rate, Île-de-France only: a value given elsewhere is not applied (`TA_REGION_OUTSIDE_IDF` warning).",
    },
    "land.taxes.rap_applies": {
      fr: "Redevance d'archéologie préventive (RAP) due : `false` si les travaux n'affectent pas le sous-sol.",
      type: "boolean",
      def: "`true` (DEFAULTS `land.taxes.rap_applies`)",
      defaults: ["land.taxes.rap_applies"],
      effect: "`false`: no RAP line (works that do not affect the subsoil).",
    },

    // construction
    "construction.cost_eur_per_m2_shab": {
      fr: "Coût travaux (bâtiment) HT au m² de surface habitable (SHAB).",
      type: "€ HT/m² SHAB",
      effect: "construction cost (*coût travaux*) of the operation; line `works` = Σ lots cost × SHAB, split pro rata each lot's works. A lot may have its own `lots[].cost_eur_per_m2_shab`.",
    },
    "construction.shab_sp_ratio": {
      fr: "Rapport SHAB / SP (surface habitable sur surface de plancher), pour déduire la SP.",
      type: "ratio SHAB/SP",
      def: "0.85 (DEFAULTS `construction.shab_sp_ratio`)",
      defaults: ["construction.shab_sp_ratio"],
      effect: "SP = (Σ SHAB + common spaces) / ratio. Exclusive with `sp_m2`.",
    },
    "construction.sp_m2": {
      fr: "Surface de plancher (SP) du permis de construire.",
      examples: [5400],
      type: "m² SP",
      def: "from the ratio",
      defaultFr: "déduite du rapport SHAB / SP",
      effect: "the surface de plancher of the permit.",
    },
    "construction.common_spaces": {
      fr: "Espaces communs (salle commune, buanderie…) : coûtés, sans loyer ni prix.",
      type: "list",
      effect: "shared rooms with a cost and no revenue (below).",
    },
    "construction.price_revision": {
      fr: "Révision de prix des travaux jusqu'au milieu du chantier (taux annuel et durée).",
      type: "mapping",
      def: "none (DEFAULTS `construction.price_revision`: 0)",
      defaults: ["construction.price_revision"],
      defaultFr: "aucune révision (0)",
      effect: "*révision de prix* up to the works midpoint (below).",
    },
    "construction.price_revision_bt01": {
      fr: "Révision de prix des travaux sur l'indice BT01 (INSEE), du mois des prix au milieu du chantier.",
      type: "mapping",
      effect: "the same revision on the dated BT01 index (below). Exclusive with `price_revision`.",
    },
    "construction.contingencies_pct": {
      fr: "Aléas (imprévus), en % des travaux et de leur révision.",
      type: "%",
      def: "3 (DEFAULTS `construction.contingencies_pct`)",
      defaults: ["construction.contingencies_pct"],
      effect: "*aléas*: % × (works + revision), chapter II, pro rata works.",
    },
    "construction.fees_pct": {
      fr: "Honoraires (maîtrise d'œuvre, études, contrôle technique, SPS, OPC), en % des travaux.",
      type: "%",
      def: "12 (DEFAULTS `construction.fees_pct`)",
      defaults: ["construction.fees_pct"],
      effect: "*honoraires* (MOE, studies, control, SPS, OPC): % × works, chapter III, pro rata works.",
    },
    "construction.insurance_pct": {
      fr: "Assurances dommages-ouvrage et tous risques chantier (DO + TRC), en % des travaux.",
      type: "%",
      def: "1.5 (DEFAULTS `construction.insurance_pct`)",
      defaults: ["construction.insurance_pct"],
      effect: "DO + TRC insurance: % × works, chapter III, pro rata works.",
    },
    "construction.prefinancing_interest_eur": {
      fr: "Intérêts de préfinancement (frais financiers, chapitre V), en montant.",
      type: "€",
      effect: "prefinancing interest (*intérêts de préfinancement*), chapter V, pro rata SU.",
    },
    "construction.prefinancing": {
      fr: "Intérêts de préfinancement calculés sur les tirages datés (actuariel exact/365).",
      type: "mapping",
      effect: "prefinancing computed from the draws (below).",
    },
    "construction.lift": {
      fr: "Le bâtiment a un ascenseur : la règle des annexes admet 125 % au lieu de 118 %.",
      type: "boolean",
      def: "`false`",
      value: false,
      effect: "the building has a lift: the annexes rule allows 125 % (`rent.annexes_rule.with_lift_pct`) instead of 118 % (circ. loyers annexe 8).",
    },
    "construction.other": {
      fr: "Autres lignes du prix de revient (frais divers, chapitre IV par défaut).",
      type: "list of cost lines",
      effect: "other lines, chapter `misc` (IV. frais divers) unless `chapter` says otherwise.",
    },

    // construction.common_spaces[]
    "construction.common_spaces[].label": {
      fr: "Nom de l'espace commun (salle commune, buanderie, chambre d'amis…).",
      type: "text",
      effect: "name of the room (salle commune, buanderie, chambre d'amis…).",
    },
    "construction.common_spaces[].area_m2": {
      fr: "Surface de l'espace commun ; comptée dans la SP, hors SHAB et SU des lots.",
      type: "m²",
      effect: "its area; added to the SHAB to derive the SP from the ratio; not in any lot's SHAB or SU (no rent, no price).",
    },
    "construction.common_spaces[].cost_eur_per_m2_shab": {
      fr: "Coût travaux HT au m² de l'espace commun.",
      type: "€/m²",
      def: "`construction.cost_eur_per_m2_shab`",
      defaultFr: "`construction.cost_eur_per_m2_shab`",
      effect: "its cost per m²; line `common_space_<i>` in chapter II, split pro rata SU, part of the works base.",
    },
    "construction.common_spaces[].included_in_construction_cost": {
      fr: "L'espace est déjà compris dans le coût au m² des lots : pas de ligne séparée.",
      type: "boolean",
      def: "`false`",
      value: false,
      effect: "`true`: the room is already in the lots' cost per m² — no separate line (its area still counts in the SP).",
    },

    // construction.price_revision
    "construction.price_revision.annual_pct": {
      fr: "Révision annuelle des prix des travaux (tendance BT01).",
      type: "% per year",
      effect: "yearly revision of the works prices (BT01 trend).",
    },
    "construction.price_revision.months": {
      fr: "Mois de la date des prix au milieu du chantier.",
      unit: "mois",
      type: "integer, months",
      effect: "months from the price date to the works midpoint.",
    },

    // construction.price_revision_bt01
    "construction.price_revision_bt01.price_date": {
      fr: "Mois des prix du marché de travaux (AAAA-MM).",
      examples: ["2025-03"],
      type: "month `AAAA-MM`",
      range: "from 2020-01 (`INDEX_BEFORE_SERIES` before) to 10 years after the last month of the series (`INDEX_AFTER_SERIES`)",
      effect: "the month of the works prices (marché, estimate).",
    },
    "construction.price_revision_bt01.midpoint_date": {
      fr: "Mois du milieu du chantier (AAAA-MM).",
      examples: ["2027-06"],
      type: "month `AAAA-MM`",
      range: "≥ `price_date` (`DATES_OUT_OF_ORDER`), at most 10 years after the last month of the series (`INDEX_AFTER_SERIES`)",
      effect: "the works midpoint.",
    },
    "construction.price_revision_bt01.forecast_annual_pct": {
      fr: "Projection annuelle du BT01 après le dernier mois publié.",
      type: "% per year",
      def: "1.4 (last year-on-year change found, BT01 Nov 2025 / Nov 2024, [INSEE-BT01])",
      defaultFr: "1,4 (dernière évolution annuelle publiée du BT01, nov. 2025 / nov. 2024, [INSEE-BT01])",
      effect: "projection of BT01 after the last published month.",
    },

    // construction.prefinancing
    "construction.prefinancing.rate_pct": {
      fr: "Taux annuel du crédit de préfinancement.",
      type: "% per year",
      effect: "rate of the bridging loan.",
    },
    "construction.prefinancing.draws": {
      fr: "Tirages du préfinancement : une date et un montant chacun.",
      type: "list of `{date, amount_eur}`",
      effect: "the drawdowns.",
    },

    // construction.prefinancing.draws[]
    "construction.prefinancing.draws[].date": {
      fr: "Date du tirage (AAAA-MM-JJ), entre guillemets.",
      examples: ["2027-03-15"],
      type: "date `AAAA-MM-JJ`, quoted (`\"2028-09-01\"`)",
      range: "a day of 1950–2100 (`INVALID_DATE`)",
      effect: "date of a draw.",
    },
    "construction.prefinancing.draws[].amount_eur": {
      fr: "Montant tiré.",
      type: "€",
      effect: "amount drawn.",
    },

    // construction.prefinancing
    "construction.prefinancing.end_date": {
      fr: "Date de fin des intérêts (livraison, premier versement CDC), AAAA-MM-JJ, entre guillemets.",
      examples: ["2028-09-01"],
      type: "date `AAAA-MM-JJ`, quoted (`\"2028-09-01\"`)",
      def: "the last draw",
      defaultFr: "la date du dernier tirage",
      range: "a day of 1950–2100, not before a draw (`DATES_OUT_OF_ORDER`)",
      effect: "date the interest runs to (delivery, first CDC draw).",
    },

    // other[]
    "other[].label": {
      fr: "Libellé de la ligne dans le rapport.",
      type: "text",
      effect: "the line's name in the report.",
    },
    "other[].chapter": {
      fr: "Chapitre du prix de revient : land (I. charge foncière), building (II. bâtiment), fees (III. honoraires), misc (IV. frais divers), financial (V. frais financiers).",
      type: "`land`, `building`, `fees`, `misc`, `financial`",
      def: "`land` under `land.other`, `misc` under `construction.other`",
      defaultFr: "land sous `land.other`, misc sous `construction.other`",
      effect: "the cost-price chapter the line goes to (VAT, land TTC cap of the CDC land loan and the metrics by chapter follow it).",
    },
    "other[].amount_eur": {
      fr: "Montant HT de la ligne.",
      type: "€ HT",
      effect: "a given amount.",
    },
    "other[].pct_of_works": {
      fr: "Montant en % des travaux (des lots du périmètre).",
      type: "% of the works base",
      effect: "% × the works base; for a scoped line, the works of its lots only (their own works and share of common spaces).",
    },
    "other[].eur_per_m2_shab": {
      fr: "Montant HT au m² de surface habitable (SHAB) des lots du périmètre.",
      type: "€/m² SHAB",
      effect: "× the SHAB of the lots in scope.",
    },
    "other[].eur_per_dwelling": {
      fr: "Montant HT par logement des lots du périmètre.",
      type: "€ per dwelling",
      effect: "× the dwellings of the lots in scope.",
    },
    "other[].tenures": {
      fr: "Limiter la ligne à ces produits.",
      type: "list of tenures",
      def: "all",
      defaultFr: "tous les lots",
      effect: "restrict the line to these tenures.",
    },
    "other[].lots": {
      fr: "Limiter la ligne à ces lots (identifiants).",
      type: "list of lot ids",
      def: "all",
      defaultFr: "tous les lots",
      effect: "restrict the line to these lots.",
    },

    // lots[]
    "lots[].id": {
      fr: "Identifiant du lot (minuscules, chiffres, _), utilisé dans les métriques (`sale.<lot>.margin_pct`) et les périmètres.",
      type: "identifier: lowercase, digits, `_`, starting with a letter",
      range: "≤ 40 chars",
      effect: "unique (`DUPLICATE_LOT_ID`); it names the lot in metrics (`sale.<lot>.margin_pct`) and scopes.",
    },
    "lots[].label": {
      fr: "Libellé du lot dans le rapport.",
      type: "text",
      def: "the `id`",
      defaultFr: "l'identifiant `id`",
      effect: "shown in the report and JSON.",
    },
    "lots[].tenure": {
      fr: "Produit du lot : PLAI, PLUS, PLS (locatif social), LLI (intermédiaire), PSLA (location-accession), BRS (bail réel solidaire), SCIAPP, coop (coopérative d'habitants), libre (VEFA).",
      type: "see [Tenures](#tenures)",
      effect: "the product: its kind, SU regime, loans, ceilings, VAT, TFPB, TA.",
    },
    "lots[].dwellings": {
      fr: "Nombre de logements du lot.",
      unit: "logements",
      type: "integer",
      effect: "number of dwellings (*logements*): per-dwelling costs, charges and subsidies, structure coefficient.",
    },
    "lots[].shab_m2": {
      fr: "Surface habitable (SHAB) totale du lot.",
      type: "m² SHAB, total of the lot",
      effect: "the lot's SHAB.",
    },
    "lots[].annexes_m2": {
      fr: "Surfaces annexes (celliers, balcons, loggias…), comptées pour moitié dans la surface utile (SU).",
      type: "m²",
      def: "0",
      value: 0,
      effect: "annexes (cellars, balconies, loggias, terraces ≤ 9 m²…), half counted in the SU.",
    },
    "lots[].garage_m2": {
      fr: "Garages et stationnements : seulement dans la SU accession des lots PSLA et BRS.",
      type: "m²",
      def: "0",
      value: 0,
      effect: "garages/parking: only in the accession SU of PSLA/BRS lots (half, within 6 m² per dwelling).",
    },
    "lots[].cost_eur_per_m2_shab": {
      fr: "Coût travaux HT au m² SHAB propre à ce lot, s'il diffère de celui de l'opération.",
      type: "€ HT/m² SHAB",
      def: "`construction.cost_eur_per_m2_shab`",
      defaultFr: "`construction.cost_eur_per_m2_shab`",
      effect: "the lot's own construction cost (e.g. a market lot built to a higher spec).",
    },
    "lots[].vat_pct": {
      fr: "Taux de TVA du lot (livraison à soi-même des lots locatifs, TVA de vente des lots en accession).",
      examples: [5.5, 10, 20],
      type: "%",
      def: "parameter `vat.<tenure>_pct` (CGI 278 sexies…, [CGI-TVA])",
      defaultFr: "paramètre réglementaire `vat.<produit>_pct` (CGI art. 278 sexies…, [CGI-TVA])",
      effect: "VAT of the lot (LASM for rental lots, sale VAT for sale lots), e.g. 5.5 for a PLUS in QPV/NPNRU.",
    },
    "lots[].rent": {
      fr: "Loyer des lots locatifs (PLAI, PLUS, PLS, LLI, SCIAPP, coop).",
      type: "mapping",
      def: "maximum rent",
      defaultFr: "loyer maximal",
      effect: "rental lots only (below).",
    },
    "lots[].sale": {
      fr: "Prix de vente des lots en accession (PSLA, BRS, libre).",
      type: "mapping",
      def: "price from the target margin",
      defaultFr: "prix calculé pour la marge cible",
      effect: "sale lots only (below).",
    },
    "lots[].psla": {
      fr: "Phase locative du PSLA (location-accession).",
      type: "mapping",
      def: "defaults below",
      defaultFr: "les défauts de chaque clé",
      effect: "PSLA lots only.",
    },
    "lots[].brs": {
      fr: "Bail réel solidaire : redevance foncière et organisme de foncier solidaire (OFS).",
      type: "mapping",
      def: "defaults below",
      defaultFr: "les défauts de chaque clé",
      effect: "BRS lots only.",
    },
    "lots[].sciapp": {
      fr: "Accession progressive (SCIAPP) : achat des parts par les ménages.",
      type: "mapping",
      def: "defaults below",
      defaultFr: "les défauts de chaque clé",
      effect: "SCIAPP lots only.",
    },
    "lots[].coop": {
      fr: "Coopérative d'habitants : apport des coopérateurs et redevance.",
      type: "mapping",
      def: "defaults below",
      defaultFr: "les défauts de chaque clé",
      effect: "coop lots only.",
    },

    // lots[].rent
    "lots[].rent.rent_eur_per_m2_su_month": {
      fr: "Loyer pratiqué la 1re année, au m² de surface utile (SU) et par mois ; par défaut le loyer maximal.",
      examples: [10.5],
      type: "€ per m² of the lot's regulatory SU per month",
      def: "the maximum rent; coop: the break-even rent (*loyer d'équilibre*), rounded up to 0.0001 €",
      defaultFr: "le loyer maximal ; coop : le loyer d'équilibre",
      effect: "rent charged in year 1 (then indexed by the IRL). Above the maximum: warning `RENT_ABOVE_MAXIMUM`, check `RENT_WITHIN_MAXIMUM`.",
    },
    "lots[].rent.local_margin_pct": {
      fr: "Marge locale sur le loyer plafond (plafonnée à 12 %).",
      examples: [5],
      type: "%",
      def: "0",
      value: 0,
      effect: "*marge locale* on the ceiling; capped at `rent.local_margin_cap_pct` (12) with `LOCAL_MARGIN_CAPPED`. Not used for LLI and coop.",
    },
    "lots[].rent.annex_rent_eur_per_month": {
      fr: "Loyer mensuel d'une annexe louée à part (stationnement…).",
      type: "€ per annex per month",
      def: "0",
      value: 0,
      effect: "rent of annexes let separately (parking…), outside the CS.",
    },
    "lots[].rent.annex_count": {
      fr: "Nombre d'annexes louées à part.",
      unit: "annexes",
      type: "integer",
      def: "0",
      value: 0,
      effect: "number of such annexes; year-1 annex rent = 12 × count × rent, indexed, subject to vacancy.",
    },

    // lots[].sale
    "lots[].sale.price_eur_per_m2_shab_ttc": {
      fr: "Prix de vente TTC au m² de surface habitable (SHAB).",
      type: "€ TTC/m² SHAB",
      req: "no (one of four)",
      def: "derived",
      defaultFr: "calculé pour la marge cible",
      effect: "contract price; HT = TTC / (1 + VAT of the lot).",
    },
    "lots[].sale.price_eur_per_m2_shab_ht": {
      fr: "Prix de vente HT au m² de surface habitable (SHAB).",
      type: "€ HT/m² SHAB",
      req: "no (one of four)",
      def: "derived",
      defaultFr: "calculé pour la marge cible",
      effect: "contract price HT.",
    },
    "lots[].sale.price_eur_per_m2_su_ht": {
      fr: "Prix de vente HT au m² de surface utile (SU accession pour PSLA et BRS, forme des plafonds).",
      examples: [2900],
      type: "€ HT/m² SU",
      req: "no (one of four)",
      def: "derived",
      defaultFr: "calculé pour la marge cible",
      effect: "per m² of the lot's regulatory SU (accession SU for PSLA/BRS, the form of the PSLA/BRS ceiling).",
    },
    "lots[].sale.price_eur_per_m2_su_ttc": {
      fr: "Prix de vente TTC au m² de surface utile (SU).",
      type: "€ TTC/m² SU",
      req: "no (one of four)",
      def: "derived",
      defaultFr: "calculé pour la marge cible",
      effect: "the same, TTC.",
    },
    "lots[].sale.target_margin_pct": {
      fr: "Marge cible, en % du chiffre d'affaires HT : fixe le prix s'il n'est pas donné.",
      examples: [5, 8],
      type: "% of revenue HT",
      def: "PSLA/BRS 5 (DEFAULTS `sale.target_margin_pct.social`); libre 8 (DEFAULTS `sale.target_margin_pct.libre`)",
      defaults: ["sale.target_margin_pct.social", "sale.target_margin_pct.libre"],
      defaultFr: "PSLA/BRS 5, libre 8",
      effect: "the margin a derived price aims at, and the threshold of `SALE_MARGIN_BELOW_TARGET` / check `SALE_MARGIN_TARGET`; also used by the *compte à rebours* (residual land charge).",
    },
    "lots[].sale.market_price_eur_per_m2_shab": {
      fr: "Prix du marché du neuf TTC au m² SHAB dans le quartier, pour la décote.",
      unit: "€ TTC/m² SHAB",
      type: "€ TTC/m² SHAB",
      effect: "local market price; gives `sale.<lot>.discount_vs_market_pct` = 1 − price TTC / market.",
    },
    "lots[].sale.marketing_pct": {
      fr: "Frais de commercialisation, en % du chiffre d'affaires TTC.",
      type: "% of revenue TTC",
      def: "PSLA/BRS 0 (DEFAULTS `sale.marketing_pct.social`); libre 4 (DEFAULTS `sale.marketing_pct.libre`)",
      defaults: ["sale.marketing_pct.social", "sale.marketing_pct.libre"],
      defaultFr: "PSLA/BRS 0, libre 4",
      effect: "*commercialisation* cost, deducted from the margin.",
    },

    // lots[].psla
    "lots[].psla.occupancy_years": {
      fr: "Durée de la phase locative avant la levée d'option (décimales admises).",
      type: "years (decimal allowed)",
      def: "2 (DEFAULTS `psla.occupancy_years`)",
      defaults: ["psla.occupancy_years"],
      effect: "length of the phase; price factor = (1 − 1 %)^⌊years⌋ (DEFAULTS `psla.annual_price_reduction_pct`); interest and part locative counted over it.",
    },
    "lots[].psla.part_locative_eur_per_m2_su_month": {
      fr: "Part locative de la redevance PSLA, au m² de SU accession et par mois.",
      type: "€ per m² SU accession per month",
      def: "the ceiling `psla.redevance_ceiling.<zone_abc>`",
      defaultFr: "le plafond `psla.redevance_ceiling.<zone_abc>`",
      effect: "part locative collected; capped at the ceiling with `PSLA_REDEVANCE_ABOVE_CEILING`.",
    },
    "lots[].psla.non_exercise_pct": {
      fr: "Part des ménages qui ne lèvent pas l'option (risque).",
      type: "% of households",
      def: "10 (DEFAULTS `psla.non_exercise_pct`)",
      defaults: ["psla.non_exercise_pct"],
      effect: "households not exercising the option: dwellings kept as rentals and revenue at risk (`psla.<lot>.revenue_at_risk_ht_eur`); does not change the margin.",
    },
    "lots[].psla.loan_rate_pct": {
      fr: "Taux du prêt PSLA pendant la phase locative.",
      type: "% per year",
      def: "Livret A + `loan.psla.building.margin_pct`",
      defaultFr: "Livret A + `loan.psla.building.margin_pct`",
      effect: "rate of the PSLA loan; carrying interest = cost to cover × rate × years; carrying cost = interest − part locative income (negative: a gain).",
    },

    // lots[].brs
    "lots[].brs.redevance_eur_per_m2_su_month": {
      fr: "Redevance foncière du BRS, au m² de SU accession et par mois.",
      type: "€ per m² SU accession per month",
      def: "1.5 (DEFAULTS `brs.redevance_eur_per_m2_su_month`)",
      defaults: ["brs.redevance_eur_per_m2_su_month"],
      effect: "the redevance foncière, indexed by the IRL path.",
    },
    "lots[].brs.ofs_land_eur": {
      fr: "Foncier porté par l'organisme de foncier solidaire (OFS).",
      type: "€",
      def: "the lot's chapter I (land) HT cost",
      defaultFr: "le coût HT du chapitre I (charge foncière) du lot",
      effect: "the land the OFS carries.",
    },
    "lots[].brs.ofs_management_eur_per_dwelling": {
      fr: "Frais de gestion de l'OFS, par logement et par an.",
      unit: "€/logement/an",
      type: "€ per dwelling per year",
      def: "0 (DEFAULTS `brs.ofs_management_eur_per_dwelling`)",
      defaults: ["brs.ofs_management_eur_per_dwelling"],
      effect: "OFS running costs, indexed like charges.",
    },
    "lots[].brs.ofs_equity_eur": {
      fr: "Fonds propres de l'OFS ; le prêt Gaïa finance le foncier moins ces fonds propres.",
      type: "€",
      def: "0",
      value: 0,
      effect: "OFS equity; the Gaïa loan = land − equity.",
    },
    "lots[].brs.loan_duration_years": {
      fr: "Durée du prêt Gaïa long terme de l'OFS et de son compte.",
      type: "years",
      def: "parameter `loan.gaia_lt.land.duration_years` (80)",
      defaultFr: "paramètre réglementaire `loan.gaia_lt.land.duration_years` (80)",
      effect: "duration of the Gaïa loan (rate: Livret A + `loan.gaia_lt.land.margin_pct`) and of the OFS test.",
    },

    // lots[].sciapp
    "lots[].sciapp.premium_pct": {
      fr: "Supplément au loyer HLM pour l'achat des parts, en % du loyer.",
      type: "% of the HLM rent",
      def: "25 (DEFAULTS `sciapp.premium_pct`)",
      defaults: ["sciapp.premium_pct"],
      effect: "the households' share purchases on top of the rent, collected (net of vacancy and bad debt) during the term.",
    },
    "lots[].sciapp.term_years": {
      fr: "Durée d'acquisition des parts par les ménages.",
      type: "years",
      def: "25 (DEFAULTS `sciapp.term_years`)",
      defaults: ["sciapp.term_years"],
      effect: "years of share purchases.",
    },

    // lots[].coop
    "lots[].coop.members_capital_pct": {
      fr: "Apport des coopérateurs (parts sociales), en % du prix de revient TTC du lot.",
      type: "% of the lot's TTC cost",
      def: "20 (DEFAULTS `coop.members_capital_pct`)",
      defaults: ["coop.members_capital_pct"],
      effect: "members' capital (*parts sociales*), placed as equity in the lot's financing plan.",
    },
    "lots[].coop.current_account_share_pct": {
      fr: "Part « compte courant » de la redevance mensuelle.",
      type: "% of the monthly payment",
      def: "20 (DEFAULTS `coop.current_account_share_pct`)",
      defaults: ["coop.current_account_share_pct"],
      effect: "monthly payment = redevance / (1 − share) (`coop.<lot>.monthly_payment_*`).",
    },

    // subsidies[]
    "subsidies[].source": {
      fr: "Financeur (État, EPCI, Région, Action Logement…) ; nom de la ligne.",
      type: "text",
      effect: "funder (État, EPCI, Région, Action Logement…); the line's name.",
    },
    "subsidies[].label": {
      fr: "Précision sur la subvention, affichée « source — libellé ».",
      type: "text",
      effect: "detail, shown as `source — label`.",
    },
    "subsidies[].amount_eur": {
      fr: "Montant total de la subvention, réparti au prorata des SU.",
      type: "€",
      effect: "a total, split between the eligible lots **pro rata SU** (to the cent, sum-preserving).",
    },
    "subsidies[].eur_per_dwelling": {
      fr: "Subvention par logement des lots du périmètre.",
      type: "€ per dwelling",
      effect: "× each eligible lot's dwellings.",
    },
    "subsidies[].eur_per_m2_su": {
      fr: "Subvention au m² de surface utile (SU) des lots du périmètre.",
      type: "€ per m² SU",
      effect: "× each eligible lot's (social) SU.",
    },
    "subsidies[].tenures": {
      fr: "Limiter la subvention à ces produits (par défaut : les lots locatifs).",
      type: "list of tenures",
      effect: "scope.",
    },
    "subsidies[].lots": {
      fr: "Limiter la subvention à ces lots (identifiants).",
      type: "list of lot ids",
      effect: "scope.",
    },

    // financing
    "financing.equity": {
      fr: "Fonds propres des lots locatifs.",
      type: "list",
      def: "none (coop lots: members' capital)",
      defaultFr: "aucun (lots coop : l'apport des coopérateurs)",
      effect: "fonds propres of the rental lots.",
    },
    "financing.cdc_default_loans": {
      fr: "Les prêts CDC du produit de chaque lot locatif comblent le reste à financer.",
      type: "boolean",
      def: "`true` (DEFAULTS `financing.cdc_default_loans`)",
      defaults: ["financing.cdc_default_loans"],
      effect: "the CDC loans of each rental lot's product fill what the subsidies, equity and explicit loans leave. `false`: no default loans; a remaining gap is `FINANCING_UNBALANCED`.",
    },
    "financing.loans": {
      fr: "Prêts explicites, placés avant les prêts CDC par défaut.",
      type: "list",
      def: "none",
      defaultFr: "aucun",
      effect: "explicit loans, placed before the default CDC loans.",
    },

    // financing.equity[]
    "financing.equity[].amount_eur": {
      fr: "Fonds propres en montant, répartis au prorata du prix de revient TTC.",
      type: "€",
      effect: "split between the eligible rental lots **pro rata their TTC cost**.",
    },
    "financing.equity[].pct_of_cost": {
      fr: "Fonds propres en % du prix de revient TTC de chaque lot.",
      type: "% of the lot's TTC cost",
      effect: "per eligible lot.",
    },
    "financing.equity[].eur_per_dwelling": {
      fr: "Fonds propres par logement.",
      type: "€ per dwelling",
      effect: "per eligible lot.",
    },
    "financing.equity[].tenures": {
      fr: "Limiter les fonds propres à ces produits.",
      type: "list of tenures",
      def: "all rental lots",
      defaultFr: "tous les lots locatifs",
      effect: "scope.",
    },
    "financing.equity[].lots": {
      fr: "Limiter les fonds propres à ces lots (identifiants).",
      type: "list of lot ids",
      def: "all rental lots",
      defaultFr: "tous les lots locatifs",
      effect: "scope.",
    },

    // financing.loans[]
    "financing.loans[].label": {
      fr: "Nom du prêt.",
      examples: ["Prêt Action Logement"],
      type: "text",
      effect: "the loan's name.",
    },
    "financing.loans[].lender": {
      fr: "Prêteur (CDC / Banque des Territoires, Action Logement, banque…).",
      examples: ["Action Logement"],
      type: "text",
      def: "`CDC` for a CDC product, else empty",
      defaultFr: "CDC pour un produit CDC, sinon vide",
      effect: "lender. A loan counts as CDC (`financing.cdc_loans_pct`, 50 % rule) when `lender` names the CDC / Caisse des Dépôts / Banque des Territoires, or, with no `lender`, when its product is PLAI, PLUS, PLS, LLI or `gaia_lt` (a PLS from a bank: give its `lender`).",
    },
    "financing.loans[].product": {
      fr: "Produit de prêt dont viennent la marge et la durée (PLAI, PLUS, PLS, LLI, PSLA, gaia_lt ; other : conditions données).",
      examples: ["PLUS", "PLS", "gaia_lt"],
      type: "`PLAI`, `PLUS`, `PLS`, `LLI`, `PSLA`, `gaia_lt`, `other`",
      def: "`other`",
      value: "other",
      effect: "where the terms come from (above).",
    },
    "financing.loans[].line": {
      fr: "Ligne du produit : building (prêt construction) ou land (prêt foncier).",
      type: "`building`, `land`",
      def: "`building`",
      value: "building",
      effect: "which line of the product's terms (*prêt construction* / *prêt foncier*); also which loan is the \"main loan\" of the regulatory test (the longest building loan).",
    },
    "financing.loans[].amount_eur": {
      fr: "Montant du prêt, réparti au prorata du prix de revient TTC des lots.",
      type: "€",
      effect: "split between the eligible lots **pro rata their TTC cost**.",
    },
    "financing.loans[].eur_per_dwelling": {
      fr: "Montant du prêt par logement.",
      type: "€ per dwelling",
      effect: "per eligible lot.",
    },
    "financing.loans[].margin_pct": {
      fr: "Marge sur le Livret A d'un prêt indexé (taux = Livret A + marge).",
      unit: "% (marge sur le Livret A)",
      examples: [0.6],
      type: "% over Livret A",
      def: "the product's margin",
      defaultFr: "la marge du produit (`loan.<produit>.<ligne>.margin_pct`)",
      effect: "indexed loan: rate = Livret A + margin, revised each year. Exclusive with `rate_pct`.",
    },
    "financing.loans[].rate_pct": {
      fr: "Taux fixe annuel du prêt.",
      examples: [1],
      type: "% per year",
      effect: "fixed-rate loan (revisability `fixed`).",
    },
    "financing.loans[].duration_years": {
      fr: "Durée du prêt, différé compris (nombre d'annuités).",
      examples: [40],
      type: "years, deferral included",
      req: "no (yes without `product`)",
      def: "the product's duration",
      defaultFr: "la durée du produit (`loan.<produit>.<ligne>.duration_years`)",
      effect: "number of annual instalments.",
    },
    "financing.loans[].progressivity_pct": {
      fr: "Progressivité des annuités.",
      type: "% per year",
      def: "`assumptions.progressivity_pct`, else parameter `loan.default.progressivity_pct` (−0.50)",
      defaultFr: "`assumptions.progressivity_pct`, sinon paramètre `loan.default.progressivity_pct` (−0,50)",
      effect: "progressivity of the instalments.",
    },
    "financing.loans[].deferral_years": {
      fr: "Différé d'amortissement (années d'intérêts seuls).",
      examples: [2],
      type: "years",
      range: "< duration",
      def: "0",
      value: 0,
      effect: "years of interest only (*différé d'amortissement*); `LOAN_DEFERRAL_TOO_LONG` if ≥ duration.",
    },
    "financing.loans[].revisability": {
      fr: "Révisabilité : simple, double, double limitée, ou fixe.",
      type: "`simple`, `double`, `double_limited`, `fixed`",
      def: "`assumptions.revisability`, else `double`",
      defaultFr: "`assumptions.revisability`, sinon double",
      effect: "how the Livret A path revises rate and progressivity ([CDC-PLUS]). `fixed` needs `rate_pct` (`LOAN_TERMS_MISSING` otherwise); a `rate_pct` makes the loan fixed-rate anyway.",
    },
    "financing.loans[].tenures": {
      fr: "Limiter le prêt à ces produits.",
      type: "list of tenures",
      def: "all rental lots",
      defaultFr: "tous les lots locatifs",
      effect: "scope.",
    },
    "financing.loans[].lots": {
      fr: "Limiter le prêt à ces lots (identifiants).",
      type: "list of lot ids",
      def: "all rental lots",
      defaultFr: "tous les lots locatifs",
      effect: "scope.",
    },

    // assumptions
    "assumptions.livret_a_pct": {
      fr: "Taux du Livret A à la signature (LA₀).",
      examples: [1.5],
      type: "%",
      def: "parameter `livret_a.rate_pct` (1.50 in 2026)",
      defaultFr: "paramètre réglementaire `livret_a.rate_pct` du millésime",
      effect: "Livret A at signing (LA₀): rate of indexed loans = LA₀ + margin. Given alone, the path is this value held flat. Also used for the PSLA loan and the OFS loan.",
    },
    "assumptions.livret_a_path_pct": {
      fr: "Trajectoire du Livret A, année 1 d'abord, la dernière valeur maintenue.",
      examples: [[1.5, 1.7, 2.0]],
      type: "list of % (year 1 first, last value held)",
      def: "parameter `livret_a.path_pct` (2026: 1.50, 2.00) when `livret_a_pct` is absent",
      defaultFr: "paramètre `livret_a.path_pct` du millésime, si `livret_a_pct` est absent",
      effect: "the Livret A of each loan year; tx = t + (LA_N − LA₀).",
    },
    "assumptions.progressivity_pct": {
      fr: "Progressivité des annuités des prêts qui ne donnent pas la leur.",
      type: "%",
      def: "parameter `loan.default.progressivity_pct` (−0.50)",
      defaultFr: "paramètre `loan.default.progressivity_pct` (−0,50)",
      effect: "progressivity of every loan that does not give its own.",
    },
    "assumptions.revisability": {
      fr: "Révisabilité des prêts indexés : simple, double ou double limitée.",
      type: "`simple`, `double`, `double_limited`",
      def: "`double` (DEFAULTS `assumptions.revisability`)",
      defaults: ["assumptions.revisability"],
      effect: "revisability of indexed loans (a fixed rate is per loan: `rate_pct`).",
    },
    "assumptions.horizon_years": {
      fr: "Durée du compte d'exploitation.",
      examples: [50],
      type: "years",
      def: "the longest loan, at most 80; 40 without loans (DEFAULTS `assumptions.horizon_years`)",
      defaults: ["assumptions.horizon_years"],
      defaultFr: "le prêt le plus long, au plus 80 ; 40 sans prêt",
      effect: "length of the operating account. The test runs over min(main loan, horizon).",
    },
    "assumptions.irl_pct": {
      fr: "Révision annuelle des loyers (IRL), à partir de la 2e année.",
      type: "% per year",
      def: "1.8 (DEFAULTS `assumptions.irl_pct`)",
      defaults: ["assumptions.irl_pct"],
      effect: "yearly rent revision (IRL), from year 2.",
    },
    "assumptions.irl_path_pct": {
      fr: "Trajectoire de l'IRL, appliquée à partir de la 2e année, la dernière valeur maintenue.",
      examples: [[1.0, 1.5, 1.8]],
      type: "list of %",
      effect: "IRL of each year, the first value applied at the start of year 2, the last held; exclusive with `irl_pct`. Also indexes the BRS redevance.",
    },
    "assumptions.charges_indexation_pct": {
      fr: "Indexation annuelle des charges (gestion, entretien, TFPB, assurance), à partir de la 2e année.",
      type: "% per year",
      def: "1.8 (DEFAULTS `assumptions.charges_indexation_pct`)",
      defaults: ["assumptions.charges_indexation_pct"],
      effect: "indexation of the charges from year 2 (also the OFS costs).",
    },
    "assumptions.vacancy_pct": {
      fr: "Vacance, en % des loyers.",
      type: "% of rents",
      def: "2 (DEFAULTS `assumptions.vacancy_pct`)",
      defaults: ["assumptions.vacancy_pct"],
      effect: "*vacance*, deducted from rents and annex rents.",
    },
    "assumptions.bad_debt_pct": {
      fr: "Impayés, en % des loyers.",
      type: "% of rents",
      def: "0.6 (DEFAULTS `assumptions.bad_debt_pct`)",
      defaults: ["assumptions.bad_debt_pct"],
      effect: "*impayés*, deducted likewise.",
    },
    "assumptions.management_eur_per_dwelling": {
      fr: "Frais de gestion, par logement et par an.",
      unit: "€/logement/an",
      type: "€ per dwelling per year",
      def: "230 (DEFAULTS `assumptions.management_eur_per_dwelling`)",
      defaults: ["assumptions.management_eur_per_dwelling"],
      effect: "*frais de gestion*.",
    },
    "assumptions.maintenance_eur_per_dwelling": {
      fr: "Maintenance courante, par logement et par an.",
      unit: "€/logement/an",
      type: "€ per dwelling per year",
      def: "275 (DEFAULTS `assumptions.maintenance_eur_per_dwelling`)",
      defaults: ["assumptions.maintenance_eur_per_dwelling"],
      effect: "*maintenance courante*, from `maintenance_from_year`.",
    },
    "assumptions.maintenance_from_year": {
      fr: "Première année de maintenance courante.",
      type: "year",
      def: "3 (DEFAULTS `assumptions.maintenance_from_year`)",
      defaults: ["assumptions.maintenance_from_year"],
      effect: "first year of current maintenance.",
    },
    "assumptions.major_maintenance_eur_per_dwelling": {
      fr: "Gros entretien (PGE), par logement et par an.",
      unit: "€/logement/an",
      type: "€ per dwelling per year",
      def: "385 (DEFAULTS `assumptions.major_maintenance_eur_per_dwelling`)",
      defaults: ["assumptions.major_maintenance_eur_per_dwelling"],
      effect: "*gros entretien / PGE*, from `major_maintenance_from_year`.",
    },
    "assumptions.major_maintenance_pct_of_cost": {
      fr: "Gros entretien en % du prix de revient TTC du lot par an (au lieu du montant par logement).",
      type: "% of the lot's TTC cost per year",
      effect: "gros entretien as a share of the cost price, instead of the per-dwelling amount (exclusive with it).",
    },
    "assumptions.major_maintenance_from_year": {
      fr: "Première année de gros entretien.",
      type: "year",
      def: "5 (DEFAULTS `assumptions.major_maintenance_from_year`)",
      defaults: ["assumptions.major_maintenance_from_year"],
      effect: "first year of gros entretien.",
    },
    "assumptions.tfpb_eur_per_dwelling": {
      fr: "Taxe foncière sur les propriétés bâties (TFPB) après exonération, par logement et par an.",
      unit: "€/logement/an",
      type: "€ per dwelling per year",
      def: "parameter `tfpb.amount_eur_per_dwelling` (345)",
      defaultFr: "paramètre `tfpb.amount_eur_per_dwelling`",
      effect: "TFPB once the exemption has run out.",
    },
    "assumptions.insurance_eur_per_dwelling": {
      fr: "Assurance propriétaire non occupant (PNO), par logement et par an.",
      unit: "€/logement/an",
      type: "€ per dwelling per year",
      def: "75 (DEFAULTS `assumptions.insurance_eur_per_dwelling`)",
      defaults: ["assumptions.insurance_eur_per_dwelling"],
      effect: "owner's insurance (PNO).",
    },
    "assumptions.cglls_pct": {
      fr: "Cotisation CGLLS, en % des loyers encaissés.",
      type: "% of rents collected",
      def: "0.34 (DEFAULTS `assumptions.cglls_pct`)",
      defaults: ["assumptions.cglls_pct"],
      effect: "CGLLS contribution.",
    },
    "assumptions.ancols_pct": {
      fr: "Contribution ANCOLS, en % des loyers encaissés.",
      type: "% of rents collected",
      def: "0.045 (DEFAULTS `assumptions.ancols_pct`)",
      defaults: ["assumptions.ancols_pct"],
      effect: "ANCOLS contribution.",
    },
    "assumptions.tfpb_exemption_years": {
      fr: "Durée d'exonération de TFPB de tous les lots locatifs.",
      type: "years",
      def: "parameter `tfpb.<tenure>.exemption_years` (CGI 1384 A)",
      defaultFr: "paramètre `tfpb.<produit>.exemption_years` (CGI art. 1384 A)",
      effect: "TFPB exemption of **every** rental lot: no TFPB in years 1…N, TFPB from year N + 1.",
    },
    "assumptions.discount_rate_pct": {
      fr: "Taux d'actualisation des fonds propres (VAN).",
      type: "% per year",
      def: "4 (DEFAULTS `assumptions.discount_rate_pct`)",
      defaults: ["assumptions.discount_rate_pct"],
      effect: "discount rate of the equity NPV (`rental.npv_equity_eur`).",
    },

    // checks[]
    "checks[].metric": {
      fr: "Métrique testée (nom de `report --format json`, par ex. `operation.balance_eur`).",
      examples: ["sale.libre.margin_pct"],
      type: "metric name (docs/json.md)",
      effect: "the figure tested; unknown: `UNKNOWN_METRIC` with a suggestion.",
    },
    "checks[].op": {
      fr: "Comparaison : >=, <=, >, <, ==, != ou between.",
      examples: [">="],
      type: "`>=`, `<=`, `>`, `<`, `==`, `!=`, `between`",
      effect: "comparison.",
    },
    "checks[].value": {
      fr: "Valeur attendue (nombre ou booléen), pour tous les opérateurs sauf between.",
      type: "number or boolean",
      req: "for every op but `between`",
      effect: "the expected value.",
    },
    "checks[].min": {
      fr: "Borne basse, pour between.",
      type: "number",
      req: "for `between`",
      effect: "lower bound.",
    },
    "checks[].max": {
      fr: "Borne haute, pour between.",
      type: "number",
      req: "for `between`",
      effect: "upper bound.",
    },
    "checks[].tolerance": {
      fr: "Tolérance, dans l'unité de la métrique.",
      type: "number, in the metric's unit",
      def: "0",
      value: 0,
      effect: "slack: `>=` passes from value − tolerance, `==` within ± tolerance, `between` within [min − t, max + t].",
    },
    "checks[].severity": {
      fr: "Gravité : error (échec de `check`) ou warning (seulement avec --strict).",
      type: "`error`, `warning`",
      def: "`error`",
      value: "error",
      effect: "a failed `error` fails `check` (exit 1); a `warning` only with `--strict`.",
    },
    "checks[].message": {
      fr: "Message affiché en cas d'échec.",
      type: "text",
      effect: "printed with a failure.",
    },

    // variants[]
    "variants[].name": {
      fr: "Nom de la variante dans la comparaison.",
      examples: ["plus de PLS"],
      type: "text",
      effect: "the variant's name in the comparison.",
    },
    "variants[].description": {
      fr: "Texte libre décrivant la variante.",
      type: "text",
      effect: "free text.",
    },
    "variants[].set": {
      fr: "Valeurs remplacées : chemin → valeur (`lots[2].tenure: PLS`) ; null retire la clé.",
      type: "mapping path → value",
      range: "paths of keys and `[i]` indexes",
      effect: "the values to replace, with the paths of [`--set`](#--set-pathvalue--overriding-an-input-from-the-command-line) (`lots[2].tenure: PLS`, `construction.cost_eur_per_m2_shab: 2000`); `null` removes the key (or the list item).",
    },
  };
}
