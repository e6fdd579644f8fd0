/**
 * Defaults of the operation file that are assumptions, not regulation. Each one is shown in the
 * report's Hypothèses section when it is used, with the ids of its sources in docs/sources.md and its confidence.
 */
import type { ParamStatus } from '../params/types';

export interface DefaultDef {
  readonly value: string;
  readonly unit: string;
  readonly label: string;
  /** Ids of its sources in docs/sources.md. */
  readonly sources: readonly string[];
  /** The ids in brackets, then what the source says. */
  readonly source: string;
  readonly status: ParamStatus;
}

export const DEFAULTS = {
  'construction.shab_sp_ratio': { value: '0.85', unit: 'ratio', label: 'Rapport SHAB / SP', sources: ['EQ-HYP'], source: '[EQ-HYP] 0,80–0,90 pour un collectif, 0,85 typique (fourchette d\'usage, non publiée)', status: 'unverified' },
  'construction.contingencies_pct': { value: '3', unit: 'pct', label: 'Aléas, en % des travaux', sources: ['EQ-HYP'], source: '[EQ-HYP] 2–5 % au stade faisabilité (fourchette d\'usage, non publiée)', status: 'unverified' },
  'construction.fees_pct': { value: '12', unit: 'pct', label: 'Honoraires (MOE, études, contrôle, SPS, OPC), en % des travaux', sources: ['PRO-MOE'], source: '[PRO-MOE] MOE complète 7–14 %, « 10–12 % HT » (pages de praticiens)', status: 'single_source' },
  'construction.insurance_pct': { value: '1.5', unit: 'pct', label: 'Assurances DO + TRC, en % des travaux', sources: ['EQ-HYP'], source: '[EQ-HYP] 1–2,5 % des travaux (fourchette d\'usage, non publiée)', status: 'unverified' },
  'construction.price_revision': { value: '0', unit: 'pct', label: 'Révision de prix jusqu’au milieu du chantier', sources: ['EQ-HYP'], source: '[EQ-HYP] non comptée si le fichier ne la donne pas', status: 'unverified' },
  'land.acquisition_fees_pct': { value: '0', unit: 'pct', label: "Frais d'acquisition du terrain (notaire, commission)", sources: ['EQ-HYP'], source: '[EQ-HYP] non comptés si le fichier ne les donne pas — à renseigner', status: 'unverified' },
  'land.taxes.ta_commune_rate_pct': { value: '5', unit: 'pct', label: "Taux communal de la taxe d'aménagement", sources: ['CURB-TA'], source: '[CURB-TA] taux courant (1 à 5 %, jusqu’à 20 % par délibération, C. urb. L.331-14) — à vérifier auprès de la commune', status: 'unverified' },
  'land.taxes.ta_department_rate_pct': { value: '2.5', unit: 'pct', label: "Taux départemental de la taxe d'aménagement", sources: ['CURB-TA'], source: '[CURB-TA] plafond légal de la part départementale, 2,5 % (C. urb. L.331-17) — à vérifier', status: 'unverified' },
  'land.taxes.ta_region_rate_pct': { value: '1', unit: 'pct', label: "Taux régional de la taxe d'aménagement (Île-de-France)", sources: ['CURB-TA'], source: '[CURB-TA] part régionale en Île-de-France, plafond 1 % — à vérifier', status: 'unverified' },
  'land.taxes.rap_applies': { value: 'true', unit: 'bool', label: "Redevance d'archéologie préventive due", sources: ['RAP'], source: '[RAP] due dès que les travaux affectent le sous-sol', status: 'confirmed' },
  'financing.cdc_default_loans': { value: 'true', unit: 'bool', label: 'Prêts CDC par défaut pour le reste à financer', sources: ['LEON'], source: '[LEON] les prêts CDC « théoriques » comblent le besoin (foncier ≤ charge foncière, bâti = reste), règle d\'un profil de bailleur', status: 'single_source' },
  // Loans
  'assumptions.revisability': { value: 'double', unit: 'text', label: 'Révisabilité des prêts CDC', sources: ['LEON', 'CDC-PLUS'], source: '[LEON] [CDC-PLUS] double révisabilité, défaut usuel des bailleurs (profil de bailleur); options de la fiche CDC', status: 'single_source' },
  // Operating account
  'assumptions.irl_pct': { value: '1.8', unit: 'pct', label: 'Révision annuelle des loyers (IRL), à partir de la 2e année', sources: ['LEON'], source: '[LEON] trajectoire d’un bailleur (profil 2027), 1,8 %/an à long terme', status: 'single_source' },
  'assumptions.charges_indexation_pct': { value: '1.8', unit: 'pct', label: 'Indexation annuelle des charges (gestion, entretien, TFPB, assurance)', sources: ['LEON'], source: '[LEON] trajectoire d’un bailleur (profil 2027), 1,8 %/an à long terme', status: 'single_source' },
  'assumptions.vacancy_pct': { value: '2', unit: 'pct', label: 'Vacance, en % des loyers', sources: ['EQ-HYP', 'CUS-FP'], source: '[EQ-HYP] [CUS-FP] défaut de faisabilité; un bailleur constate 0,5 % dans le neuf, 2,8 % dans l\'ancien', status: 'unverified' },
  'assumptions.bad_debt_pct': { value: '0.6', unit: 'pct', label: 'Impayés, en % des loyers', sources: ['CUS-FP'], source: '[CUS-FP] 0,6 % des loyers quittancés (CUS d\'un bailleur, 2020–2025)', status: 'single_source' },
  'assumptions.management_eur_per_dwelling': { value: '230', unit: 'eur_per_dwelling', label: 'Frais de gestion (structure), par logement et par an', sources: ['CUS-FP'], source: '[CUS-FP] 230 €/logt/an hors personnel (CUS d\'un bailleur) — à majorer si la gestion de proximité est imputée à l’opération', status: 'single_source' },
  'assumptions.maintenance_eur_per_dwelling': { value: '275', unit: 'eur_per_dwelling', label: 'Maintenance courante, par logement et par an', sources: ['CUS-FP'], source: '[CUS-FP] 275 €/logt/an à partir de la 3e année (CUS d\'un bailleur)', status: 'single_source' },
  'assumptions.maintenance_from_year': { value: '3', unit: 'year', label: 'Maintenance courante: première année', sources: ['CUS-FP'], source: '[CUS-FP] CUS d\'un bailleur', status: 'single_source' },
  'assumptions.major_maintenance_eur_per_dwelling': { value: '385', unit: 'eur_per_dwelling', label: 'Gros entretien, par logement et par an', sources: ['CUS-FP'], source: '[CUS-FP] 385 €/logt/an à partir de la 5e année (CUS d\'un bailleur)', status: 'single_source' },
  'assumptions.major_maintenance_from_year': { value: '5', unit: 'year', label: 'Gros entretien: première année', sources: ['CUS-FP'], source: '[CUS-FP] CUS d\'un bailleur', status: 'single_source' },
  'assumptions.insurance_eur_per_dwelling': { value: '75', unit: 'eur_per_dwelling', label: 'Assurance propriétaire non occupant, par logement et par an', sources: ['LEON'], source: '[LEON] 75 €/logt/an (profil de bailleur)', status: 'single_source' },
  'assumptions.cglls_pct': { value: '0.34', unit: 'pct', label: 'Cotisation CGLLS, en % des loyers encaissés', sources: ['LEON'], source: '[LEON] 0,34 % des loyers, après réductions (profil de bailleur)', status: 'single_source' },
  'assumptions.ancols_pct': { value: '0.045', unit: 'pct', label: 'Contribution ANCOLS, en % des loyers encaissés', sources: ['LEON'], source: '[LEON] 0,045 % des loyers (profil de bailleur)', status: 'single_source' },
  'assumptions.discount_rate_pct': { value: '4', unit: 'pct', label: 'Taux d’actualisation des fonds propres (VAN)', sources: ['EQ-HYP'], source: '[EQ-HYP] choix d’analyse, non réglementaire — à fixer par le bailleur', status: 'unverified' },
  'assumptions.horizon_years': { value: 'longest loan', unit: 'years', label: 'Durée du compte d’exploitation', sources: ['CIRC-97-51'], source: '[CIRC-97-51] au moins la durée du prêt principal; par défaut le prêt le plus long', status: 'confirmed' },
  // Sales
  'sale.target_margin_pct.social': { value: '5', unit: 'pct', label: 'Marge cible des lots en accession sociale (PSLA, BRS), en % du CA HT', sources: ['EQ-HYP'], source: '[EQ-HYP] cibles coop/HLM typiquement 3–8 % (non publiées)', status: 'unverified' },
  'sale.target_margin_pct.libre': { value: '8', unit: 'pct', label: 'Marge cible de la vente libre, en % du CA HT', sources: ['PRO-PROMOTION'], source: '[PRO-PROMOTION] marge nette promoteur 5–8 %, « ≥ 8 % » (presse)', status: 'unverified' },
  'vefa.fees_pct': { value: '0', unit: 'pct', label: "Frais propres de l'acquéreur d'une VEFA (notaire, AMO…), en % du prix HT", sources: ['EQ-HYP'], source: '[EQ-HYP] non comptés si le fichier ne les donne pas — à renseigner', status: 'unverified' },
  'sale.marketing_pct.libre': { value: '4', unit: 'pct', label: 'Commercialisation de la vente libre, en % du CA TTC', sources: ['PRO-PROMOTION'], source: '[PRO-PROMOTION] ≈ 4 % du CA TTC (presse)', status: 'confirmed' },
  'sale.marketing_pct.social': { value: '0', unit: 'pct', label: 'Commercialisation des lots en accession sociale, en % du CA TTC', sources: ['EQ-HYP'], source: '[EQ-HYP] non comptée si le fichier ne la donne pas (vente directe aux ménages du groupe)', status: 'unverified' },
  'psla.occupancy_years': { value: '2', unit: 'years', label: 'PSLA: durée de la phase locative avant la levée d’option', sources: ['PSLA-PRATIQUE', 'SENAT-PSLA'], source: '[PSLA-PRATIQUE] [SENAT-PSLA] option du 7e mois à 3–5 ans selon les contrats', status: 'unverified' },
  'psla.annual_price_reduction_pct': { value: '1', unit: 'pct', label: 'PSLA: minoration du prix à chaque anniversaire', sources: ['PSLA-PRATIQUE'], source: '[PSLA-PRATIQUE] 1 % par an', status: 'confirmed' },
  'psla.non_exercise_pct': { value: '10', unit: 'pct', label: 'PSLA: part des ménages qui ne lèvent pas l’option (risque)', sources: ['EQ-HYP'], source: '[EQ-HYP] hypothèse de risque, non publiée', status: 'unverified' },
  'brs.redevance_eur_per_m2_su_month': { value: '1.5', unit: 'eur_per_m2_su_month', label: 'BRS: redevance foncière', sources: ['PLAN-IMMO-BRS'], source: '[PLAN-IMMO-BRS] ≈ 1,50 €/m²/mois (site commercial)', status: 'single_source' },
  'brs.ofs_management_eur_per_dwelling': { value: '0', unit: 'eur_per_dwelling', label: 'BRS: frais de gestion de l’OFS par logement et par an', sources: ['EQ-HYP'], source: '[EQ-HYP] non comptés si le fichier ne les donne pas', status: 'unverified' },
  'sciapp.premium_pct': { value: '25', unit: 'pct', label: 'SCIAPP: supplément au loyer HLM pour l’achat des parts', sources: ['COL-SCIAPP'], source: '[COL-SCIAPP] loyer HLM + 25 à 30 %', status: 'single_source' },
  'sciapp.term_years': { value: '25', unit: 'years', label: 'SCIAPP: durée d’acquisition des parts', sources: ['COL-SCIAPP'], source: '[COL-SCIAPP] 25 ans (notaires) ou jusqu’à 40 ans (COL) — statuts à vérifier', status: 'unverified' },
  'coop.members_capital_pct': { value: '20', unit: 'pct', label: 'Coopérative: apport des coopérateurs, en % du prix de revient', sources: ['LELABO-ESS'], source: '[LELABO-ESS] ≈ 20 % du coût (coopératives d\'habitants, Village Vertical)', status: 'single_source' },
  'coop.current_account_share_pct': { value: '20', unit: 'pct', label: 'Coopérative: part « compte courant » de la redevance mensuelle', sources: ['LELABO-ESS'], source: '[LELABO-ESS] redevance ≈ 80 % loyer + 20 % compte courant', status: 'single_source' },
} as const satisfies Record<string, DefaultDef>;

export type DefaultKey = keyof typeof DEFAULTS;
