/**
 * Defaults of the operation file that are assumptions, not regulation. Each one is shown in the
 * report's Hypothèses section when it is used, with its source and confidence (domain.md flags).
 */
import type { ParamStatus } from '../params/types';

export interface DefaultDef {
  readonly value: string;
  readonly unit: string;
  readonly label: string;
  readonly source: string;
  readonly status: ParamStatus;
}

export const DEFAULTS = {
  'construction.shab_sp_ratio': { value: '0.85', unit: 'ratio', label: 'Rapport SHAB / SP', source: 'domain.md §1: 0,80–0,90 pour un collectif, 0,85 typique', status: 'unverified' },
  'construction.contingencies_pct': { value: '3', unit: 'pct', label: 'Aléas, en % des travaux', source: 'domain.md §2.3: 2–5 % au stade faisabilité', status: 'unverified' },
  'construction.fees_pct': { value: '12', unit: 'pct', label: 'Honoraires (MOE, études, contrôle, SPS, OPC), en % des travaux', source: 'domain.md §2.3: MOE complète 7–14 %, « 10–12 % HT » (projet-immobilier.org, tilt-architectes.fr)', status: 'single_source' },
  'construction.insurance_pct': { value: '1.5', unit: 'pct', label: 'Assurances DO + TRC, en % des travaux', source: 'domain.md §2.3: 1–2,5 % des travaux', status: 'unverified' },
  'construction.price_revision': { value: '0', unit: 'pct', label: 'Révision de prix jusqu’au milieu du chantier', source: 'non comptée si le fichier ne la donne pas', status: 'unverified' },
  'land.acquisition_fees_pct': { value: '0', unit: 'pct', label: "Frais d'acquisition du terrain (notaire, commission)", source: 'non comptés si le fichier ne les donne pas — à renseigner', status: 'unverified' },
  'land.taxes.ta_commune_rate_pct': { value: '5', unit: 'pct', label: "Taux communal de la taxe d'aménagement", source: 'taux courant (1 à 5 %, jusqu’à 20 % par délibération) — à vérifier auprès de la commune', status: 'unverified' },
  'land.taxes.ta_department_rate_pct': { value: '2.5', unit: 'pct', label: "Taux départemental de la taxe d'aménagement", source: 'plafond légal de la part départementale (2,5 %) — à vérifier', status: 'unverified' },
  'land.taxes.ta_region_rate_pct': { value: '1', unit: 'pct', label: "Taux régional de la taxe d'aménagement (Île-de-France)", source: 'part régionale en Île-de-France, plafond 1 % — à vérifier', status: 'unverified' },
  'land.taxes.rap_applies': { value: 'true', unit: 'bool', label: "Redevance d'archéologie préventive due", source: 'domain.md §2.4: due dès que les travaux affectent le sous-sol', status: 'confirmed' },
  'financing.cdc_default_loans': { value: 'true', unit: 'bool', label: 'Prêts CDC par défaut pour le reste à financer', source: 'domain.md §2.6: les prêts CDC « théoriques » comblent le besoin (foncier ≤ charge foncière, bâti = reste)', status: 'single_source' },
} as const satisfies Record<string, DefaultDef>;

export type DefaultKey = keyof typeof DEFAULTS;
