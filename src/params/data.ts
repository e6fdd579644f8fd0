/**
 * Regulated parameters for 2025 and 2026.
 *
 * Every value carries its unit, a French label, the ids of its sources in docs/sources.md (`sources`), a short
 * note saying what the source says (`source`, which starts with the ids), and its confidence: 'confirmed' (read in
 * the legal text, an official notice or the lender's sheet for that year), 'single_source' (one source, a secondary
 * source or a bailleur's/software's profile), 'unverified' (no source: an analogy or an assumption of equilibre).
 *
 * Layout: `COMMON` holds the values that are the same for both years (written once); `Y2025` / `Y2026` hold
 * only what differs. Both years must end up with exactly the same key set (checked by test/params.test.ts).
 * Values are decimal strings, never JS numbers.
 */
import type { LivretAChange, ParamDef, ParamStatus, ParamYear } from './types';

type ZoneHlm = '1_bis' | '1' | '2' | '3';
type ZoneAbc = 'a_bis' | 'a' | 'b1' | 'b2' | 'c';

const ZONE_HLM_LABEL: Readonly<Record<ZoneHlm, string>> = { '1_bis': 'zone 1 bis', '1': 'zone 1', '2': 'zone 2', '3': 'zone 3' };
const ZONE_ABC_LABEL: Readonly<Record<ZoneAbc, string>> = { a_bis: 'zone A bis', a: 'zone A', b1: 'zone B1', b2: 'zone B2', c: 'zone C' };

/** The `source` text: the ids in brackets, then the note. */
export function sourceText(ids: readonly string[], note: string): string {
  return `${ids.map((id) => `[${id}]`).join(' ')}${note ? ` ${note}` : ''}`;
}

function p(value: string | readonly string[], unit: string, label: string, ids: readonly string[], note: string, status: ParamStatus): ParamDef {
  return Object.freeze({
    value: Array.isArray(value) ? Object.freeze([...value]) : value, unit, label,
    sources: Object.freeze([...ids]), source: sourceText(ids, note), status,
  });
}

/** One key per zone: `<family>.<zone>`, same unit, sources and status for the whole row. */
function zoneRow<Z extends string>(
  family: string,
  zoneLabels: Readonly<Record<Z, string>>,
  values: Readonly<Record<Z, string>>,
  unit: string,
  labelPrefix: string,
  ids: readonly string[],
  note: string,
  status: ParamStatus,
): Record<string, ParamDef> {
  const out: Record<string, ParamDef> = {};
  for (const zone of Object.keys(zoneLabels) as Z[]) {
    out[`${family}.${zone}`] = p(values[zone], unit, `${labelPrefix}, ${zoneLabels[zone]}`, ids, note, status);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Notes quoted repeatedly
// ---------------------------------------------------------------------------------------------------------

const N_TFPB_25 = 'CGI 1384 A I ter: 25 ans pour un agrément décidé avant le 31/12/2026 (30 avec critères environnementaux), sinon 15 (20)';
const N_TA_50 = 'C. urb. L.331-12: abattement de 50 % de plein droit';
const N_RAP_SAME = 'mêmes abattements que la TA';
const N_RENT_LEON =
  'profil de bailleur (tableau de l\'avis loyers non lu); cohérent avec la revalorisation sur l\'IRL du 2e trimestre';
const N_CS = 'avis loyers, annexe 6: CS = 0,77 × (1 + 20 × N / SU), logement ordinaire métropolitain';
const N_PINEL = 'coefficient 0,7 + 19 / S plafonné à 1,2, SU fiscale (annexes dans la limite de 8 m²)';

// ---------------------------------------------------------------------------------------------------------
// Values common to 2025 and 2026
// ---------------------------------------------------------------------------------------------------------

const COMMON: Record<string, ParamDef> = {
  // --- CDC loans ------------------------------------------------------------------------------------------
  'loan.plai.building.margin_pct': p('-0.20', 'pct', 'Marge CDC PLAI bâti sur Livret A', ['CDC-PLAI', 'LEON'], 'Livret A − 0,20 (sources secondaires concordantes; fiche CDC non trouvée)', 'single_source'),
  'loan.plai.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLAI bâti', ['CDC-PLAI', 'LEON'], '40 ans (sources secondaires concordantes)', 'single_source'),
  'loan.plai.land.margin_pct': p('-0.20', 'pct', 'Marge CDC PLAI foncier sur Livret A', ['CDC-PLAI', 'LEON'], 'même marge que le PLAI bâti', 'single_source'),
  'loan.plai.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLAI foncier', ['CDC-LONG-TERM', 'CDC-PLUS'], '50 ans (60 en A/B1 agréments 2014–2017; jusqu\'à 80 ans en zone tendue)', 'confirmed'),
  'loan.plus.building.margin_pct': p('0.60', 'pct', 'Marge CDC PLUS bâti sur Livret A', ['CDC-PLUS'], 'Livret A + 60 pb', 'confirmed'),
  'loan.plus.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLUS bâti', ['CDC-PLUS'], '40 ans maximum, modulable ± 5 ans', 'confirmed'),
  'loan.plus.land.margin_pct': p('0.60', 'pct', 'Marge CDC PLUS foncier sur Livret A', ['CDC-PLUS'], 'Livret A + 60 pb', 'confirmed'),
  'loan.plus.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLUS foncier', ['CDC-PLUS'], '50 ans maximum (60 en A/B1 2014–2017; jusqu\'à 80 en zone tendue)', 'confirmed'),
  'loan.plus_vert.building.margin_pct': p('0.20', 'pct', 'Marge CDC PLUS « constructions vertes » bâti sur Livret A', ['MONITEUR-2023'], 'enveloppe de 2 Md€ à Livret A + 0,20, octobre 2023 (presse professionnelle)', 'confirmed'),
  'loan.plus_vert.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLUS « constructions vertes » bâti', ['CDC-PLUS'], 'durée du PLUS bâti', 'confirmed'),
  'loan.plus_vert.land.margin_pct': p('0.20', 'pct', 'Marge CDC PLUS « constructions vertes » foncier sur Livret A', ['LEON'], 'la marge verte s\'applique aux prêts foncier et bâti (calculette CDC juin 2026, profil de bailleur)', 'single_source'),
  'loan.plus_vert.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLUS « constructions vertes » foncier', ['CDC-PLUS'], 'durée du PLUS foncier', 'confirmed'),
  'loan.pls.building.margin_pct': p('1.11', 'pct', 'Marge CDC PLS bâti sur Livret A', ['DHUP-PLS-PSLA-2016', 'LEON'], 'Livret A + 1,11 (barème officiel 2016, le même dans la calculette CDC de juin 2026)', 'confirmed'),
  'loan.pls.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLS bâti', ['LOGEMENT-PLS'], '15 à 40 ans; défaut = le maximum, comme PLUS/PLAI', 'confirmed'),
  'loan.pls.land.margin_pct': p('1.11', 'pct', 'Marge CDC PLS foncier sur Livret A', ['DHUP-PLS-PSLA-2016', 'LEON'], 'Livret A + 1,11 (barème officiel 2016, le même dans la calculette CDC de juin 2026)', 'confirmed'),
  'loan.pls.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLS foncier', ['CDC-LONG-TERM'], 'PLS: durée maximale 50 ans (80 en zone tendue), page Banque des Territoires', 'confirmed'),
  'loan.lli.building.margin_pct': p('1.40', 'pct', 'Marge CDC LLI bâti sur Livret A', ['LEON'], 'calculette CDC juin 2026 (profil de bailleur)', 'single_source'),
  'loan.lli.building.duration_years': p('35', 'years', 'Durée du prêt CDC LLI bâti', ['LEON'], '35 ans (profil de bailleur)', 'single_source'),
  'loan.lli.land.margin_pct': p('1.40', 'pct', 'Marge CDC LLI foncier sur Livret A', ['LEON'], 'marge du LLI bâti reprise pour la ligne foncière', 'single_source'),
  'loan.lli.land.duration_years': p('50', 'years', 'Durée du prêt CDC LLI foncier', ['EQ-HYP'], 'durée du prêt foncier LLI non trouvée — 50 ans par analogie avec PLUS/PLAI/PLS foncier', 'unverified'),
  'loan.gaia_lt.land.margin_pct': p('0.60', 'pct', 'Marge CDC Gaïa long terme (foncier OFS/BRS) sur Livret A', ['CDC-GAIA'], 'Livret A + 0,60 (+ 0,35 en éco-quartier)', 'confirmed'),
  'loan.gaia_lt.land.duration_years': p('80', 'years', 'Durée du prêt CDC Gaïa long terme (foncier OFS/BRS)', ['CDC-GAIA'], 'jusqu\'à 80 ans pour le BRS, sans condition de zone (2024)', 'confirmed'),
  // Corrected (2026-12): was 1.11 (the PLS margin, by analogy); the official table gives Livret A + 1,00 for HLM bodies.
  'loan.psla.building.margin_pct': p('1.00', 'pct', 'Marge du prêt PSLA sur Livret A', ['DHUP-PLS-PSLA-2016'], 'Livret A + 1,00 pour les organismes HLM (+ 1,00 à + 1,25 pour les autres personnes morales), barème 2016, le dernier trouvé', 'single_source'),
  'loan.psla.building.duration_years': p('30', 'years', 'Durée du prêt PSLA', ['SENAT-PSLA'], 'prêt conventionné, 30 ans maximum', 'confirmed'),
  'loan.default.progressivity_pct': p('-0.50', 'pct', 'Progressivité des échéances par défaut', ['LEON', 'CDC-PLUS'], 'défaut usuel des bailleurs (profil de bailleur); plage CDC −3 % à +0,5 %', 'single_source'),

  // --- VAT ------------------------------------------------------------------------------------------------
  'vat.plai_pct': p('5.5', 'pct', 'TVA (LASM / vente) PLAI', ['CGI-TVA'], 'CGI 278 sexies', 'confirmed'),
  'vat.plus_pct': p('10', 'pct', 'TVA (LASM / vente) PLUS', ['CGI-TVA'], 'CGI 278 sexies-0 A — 5,5 % en QPV / convention NPNRU (non modélisé ici)', 'confirmed'),
  'vat.pls_pct': p('10', 'pct', 'TVA (LASM / vente) PLS', ['CGI-TVA'], 'CGI 278 sexies-0 A', 'confirmed'),
  'vat.lli_pct': p('10', 'pct', 'TVA (LASM / vente) LLI', ['CGI-TVA'], 'CGI 279-0 bis A', 'confirmed'),
  'vat.psla_pct': p('5.5', 'pct', 'TVA (vente) PSLA', ['CGI-TVA'], 'CGI 278 sexies', 'confirmed'),
  'vat.brs_pct': p('5.5', 'pct', 'TVA (vente des droits réels) BRS', ['CGI-TVA'], 'CGI 278 sexies I-13 (loi 2016-1918, art. 62), aujourd\'hui III-4°', 'confirmed'),
  'vat.sciapp_pct': p('10', 'pct', 'TVA (LASM) SCIAPP', ['EQ-HYP'], 'taux non trouvé — 10 % par analogie avec le locatif PLUS/PLS (la SCIAPP est financée comme du locatif)', 'unverified'),
  'vat.coop_pct': p('10', 'pct', 'TVA (LASM) coopérative d\'habitants', ['EQ-HYP'], 'taux non trouvé — 10 % par analogie avec le PLS (prêts PLS possibles)', 'unverified'),
  'vat.libre_pct': p('20', 'pct', 'TVA accession libre', ['CGI-TVA'], 'taux normal, CGI 278', 'confirmed'),
  'vat.acquisition_improvement.social_rental_pct': p('5.5', 'pct', 'TVA (LASM des travaux) acquisition-amélioration locative sociale (PLAI, PLUS, PLS)', ['CGI-TVA-AA'], 'CGI 278 sexies-0 A al. 2 et 278 sexies A I-2° (PLAI, PLUS); PLS au même taux selon le débat parlementaire de 2023', 'single_source'),

  // --- Acquisition of an existing building (acquisition-amélioration) -------------------------------------
  'acquisition.transfer_duties_pct': p('5.80665', 'pct', 'Droits de mutation à titre onéreux (ancien), en % du prix', ['CGI-DMTO'], 'taux de droit commun: 4,50 % départemental (CGI 1594 D) + 1,20 % communal (CGI 1584) + frais d\'assiette 2,37 % de la part départementale (CGI 1647 V); un département peut porter sa part à 5 % (6,31665 %) depuis le 1er avril 2025 — à vérifier pour le département', 'single_source'),
  'acquisition.notary_emoluments.brackets_eur': p(['6500', '17000', '60000'], 'eur', 'Émoluments proportionnels du notaire: bornes des tranches', ['NOTAIRE-TARIF'], 'C. com. art. A444-91 (vente d\'immeuble)', 'single_source'),
  'acquisition.notary_emoluments.rates_pct': p(['3.870', '1.596', '1.064', '0.799'], 'pct', 'Émoluments proportionnels du notaire: taux HT par tranche', ['NOTAIRE-TARIF'], 'C. com. art. A444-91: 3,870 % jusqu\'à 6 500 €, 1,596 % jusqu\'à 17 000 €, 1,064 % jusqu\'à 60 000 €, 0,799 % au-delà', 'single_source'),
  'acquisition.notary_emoluments.vat_pct': p('20', 'pct', 'TVA sur les émoluments du notaire', ['CGI-TVA'], 'taux normal, CGI 278 — non récupérable sur une acquisition exonérée', 'single_source'),
  'acquisition.security_contribution_pct': p('0.10', 'pct', 'Contribution de sécurité immobilière, en % du prix', ['CGI-DMTO'], 'CGI 879: 0,10 % du prix', 'single_source'),

  // --- TFPB -----------------------------------------------------------------------------------------------
  'tfpb.plai.exemption_years': p('25', 'years', 'Exonération de TFPB PLAI', ['CGI-TFPB'], N_TFPB_25, 'confirmed'),
  'tfpb.plus.exemption_years': p('25', 'years', 'Exonération de TFPB PLUS', ['CGI-TFPB'], N_TFPB_25, 'confirmed'),
  'tfpb.pls.exemption_years': p('25', 'years', 'Exonération de TFPB PLS', ['CGI-TFPB'], N_TFPB_25, 'confirmed'),
  'tfpb.lli.exemption_years': p('20', 'years', 'Exonération de TFPB LLI', ['CGI-TFPB'], 'CGI 1384-0 A: 20 ans si TVA réduite et location intermédiaire (aussi ANIL 2014-19)', 'confirmed'),
  'tfpb.psla.exemption_years': p('15', 'years', 'Exonération de TFPB PSLA', ['CGI-TFPB', 'SENAT-PSLA'], '15 ans', 'confirmed'),
  'tfpb.brs.exemption_years': p('0', 'years', 'Exonération de TFPB BRS', ['CGI-1388-OCTIES'], 'pas d\'exonération de droit: abattement de 30 à 100 % seulement sur délibération locale', 'confirmed'),
  'tfpb.sciapp.exemption_years': p('25', 'years', 'Exonération de TFPB SCIAPP', ['EQ-HYP'], 'régime non trouvé — 25 ans par analogie avec le locatif social (logement HLM financé en locatif)', 'unverified'),
  'tfpb.coop.exemption_years': p('0', 'years', 'Exonération de TFPB coopérative d\'habitants', ['EQ-HYP'], 'pas de régime trouvé pour les coopératives d\'habitants — 0 par défaut', 'unverified'),
  'tfpb.libre.exemption_years': p('0', 'years', 'Exonération de TFPB accession libre', ['LEON'], '0 (profil de bailleur; l\'exonération de 2 ans des constructions neuves, CGI 1383, n\'est pas comptée)', 'single_source'),
  'tfpb.amount_eur_per_dwelling': p('345', 'eur_per_dwelling', 'TFPB après exonération, par logement et par an', ['LEON'], 'profil de bailleur 2026', 'single_source'),
  'teom.amount_eur_per_dwelling': p('117', 'eur_per_dwelling', 'TEOM (taxe d’enlèvement des ordures ménagères), par logement et par an', ['LEON'], 'profil de bailleur 2026; récupérable sur les locataires', 'single_source'),

  // --- TA / RAP -------------------------------------------------------------------------------------------
  'ta.abatement.plai_pct': p('100', 'pct', 'Abattement de TA PLAI (exonération)', ['CURB-TA'], 'C. urb. L.331-7: PLAI exonéré de plein droit', 'confirmed'),
  'ta.abatement.plus_pct': p('50', 'pct', 'Abattement de TA PLUS', ['CURB-TA'], N_TA_50, 'confirmed'),
  'ta.abatement.pls_pct': p('50', 'pct', 'Abattement de TA PLS', ['CURB-TA'], N_TA_50, 'confirmed'),
  'ta.abatement.psla_pct': p('50', 'pct', 'Abattement de TA PSLA', ['CURB-TA'], N_TA_50, 'confirmed'),
  'ta.abatement.brs_pct': p('50', 'pct', 'Abattement de TA BRS', ['EQ-HYP', 'CURB-TA'], 'abattement de 50 % supposé comme pour le PSLA — texte non vérifié', 'unverified'),
  'ta.abatement.lli_pct': p('0', 'pct', 'Abattement de TA LLI', ['EQ-HYP', 'CURB-TA'], 'pas d\'abattement retenu (non vérifié)', 'unverified'),
  'ta.abatement.sciapp_pct': p('0', 'pct', 'Abattement de TA SCIAPP', ['EQ-HYP', 'CURB-TA'], 'pas d\'abattement retenu (non vérifié)', 'unverified'),
  'ta.abatement.coop_pct': p('0', 'pct', 'Abattement de TA coopérative d\'habitants', ['EQ-HYP', 'CURB-TA'], 'pas d\'abattement retenu (non vérifié)', 'unverified'),
  'ta.abatement.libre_pct': p('0', 'pct', 'Abattement de TA accession libre', ['EQ-HYP', 'CURB-TA'], 'l\'abattement de 50 % sur les 100 premiers m² d\'une résidence principale peut s\'appliquer — non retenu', 'unverified'),
  'rap.rate_pct': p('0.40', 'pct', 'Taux de la redevance d\'archéologie préventive', ['RAP'], '0,40 % de la même base que la TA', 'confirmed'),
  'rap.abatement.plai_pct': p('100', 'pct', 'Abattement de RAP PLAI (exonération)', ['RAP'], 'logements PLAI exonérés', 'confirmed'),
  'rap.abatement.plus_pct': p('50', 'pct', 'Abattement de RAP PLUS', ['RAP', 'CURB-TA'], N_RAP_SAME, 'confirmed'),
  'rap.abatement.pls_pct': p('50', 'pct', 'Abattement de RAP PLS', ['RAP', 'CURB-TA'], N_RAP_SAME, 'confirmed'),
  'rap.abatement.psla_pct': p('50', 'pct', 'Abattement de RAP PSLA', ['RAP', 'CURB-TA'], N_RAP_SAME, 'confirmed'),
  'rap.abatement.brs_pct': p('50', 'pct', 'Abattement de RAP BRS', ['RAP', 'EQ-HYP'], `${N_RAP_SAME}; abattement de TA du BRS non vérifié`, 'unverified'),
  'rap.abatement.lli_pct': p('0', 'pct', 'Abattement de RAP LLI', ['RAP', 'EQ-HYP'], `${N_RAP_SAME}; TA du LLI non vérifiée`, 'unverified'),
  'rap.abatement.sciapp_pct': p('0', 'pct', 'Abattement de RAP SCIAPP', ['RAP', 'EQ-HYP'], `${N_RAP_SAME}; TA de la SCIAPP non vérifiée`, 'unverified'),
  'rap.abatement.coop_pct': p('0', 'pct', 'Abattement de RAP coopérative d\'habitants', ['RAP', 'EQ-HYP'], `${N_RAP_SAME}; régime des coopératives d'habitants non trouvé`, 'unverified'),
  'rap.abatement.libre_pct': p('0', 'pct', 'Abattement de RAP accession libre', ['RAP', 'EQ-HYP'], `${N_RAP_SAME}; abattement résidence principale 100 m² possible — non retenu`, 'unverified'),

  // --- State subsidy caps ---------------------------------------------------------------------------------
  'subsidy.state_cap.plus_eur_per_dwelling': p('20000', 'eur_per_dwelling', 'Plafond de la subvention de l\'État par logement PLUS', ['DECRETS-2022-SUBV'], 'forfait depuis le 28/09/2022 — +5 000 € possibles sur décision du préfet de région', 'confirmed'),
  'subsidy.state_cap.plai_eur_per_dwelling': p('60000', 'eur_per_dwelling', 'Plafond de la subvention de l\'État par logement PLAI', ['DECRETS-2022-SUBV'], 'forfait depuis le 28/09/2022 — +20 000 € possibles sur décision du préfet de région', 'confirmed'),

  // --- Rent formation -------------------------------------------------------------------------------------
  'rent.structure_coefficient.a': p('0.77', 'ratio', 'Coefficient de structure: constante a', ['CIRC-LOYERS'], N_CS, 'confirmed'),
  'rent.structure_coefficient.b': p('20', 'm2_su_per_dwelling', 'Coefficient de structure: constante b', ['CIRC-LOYERS'], `${N_CS} (38 en foyer)`, 'confirmed'),
  'rent.structure_coefficient.foyer_b': p('38', 'm2_su_per_dwelling', 'Coefficient de structure des logements-foyers: constante b', ['CIRC-LOYERS'], 'avis loyers, annexe 6: en logement-foyer, 38 au lieu de 20 dans CS = 0,77 × (1 + b × N / SU), N le nombre de logements-foyers', 'confirmed'),
  'rent.local_margin_cap_pct': p('12', 'pct', 'Plafond de la marge locale', ['LEON'], 'plafond par défaut du profil de bailleur', 'single_source'),
  'rent.annexes_rule.without_lift_pct': p('118', 'pct', 'Règle des annexes importantes, sans ascenseur', ['CIRC-LOYERS'], 'avis loyers, annexe 8', 'confirmed'),
  'rent.annexes_rule.with_lift_pct': p('125', 'pct', 'Règle des annexes importantes, avec ascenseur', ['CIRC-LOYERS'], 'avis loyers, annexe 8', 'confirmed'),
  'rent.lli_coefficient.a': p('0.7', 'ratio', 'Coefficient LLI: constante a', ['CGI-PINEL'], N_PINEL, 'confirmed'),
  'rent.lli_coefficient.b': p('19', 'm2', 'Coefficient LLI: constante b (m²)', ['CGI-PINEL'], N_PINEL, 'confirmed'),
  'rent.lli_coefficient.cap': p('1.2', 'ratio', 'Coefficient LLI: plafond', ['CGI-PINEL'], N_PINEL, 'confirmed'),
};

// ---------------------------------------------------------------------------------------------------------
// Per-year differences
// ---------------------------------------------------------------------------------------------------------

const EUR_M2_SU_MONTH = 'eur_per_m2_su_month';
const EUR_HT_M2_SU = 'eur_ht_per_m2_su';

const Y2025: Record<string, ParamDef> = {
  'livret_a.rate_pct': p('2.40', 'pct', 'Taux du Livret A au 1er février de l\'année (LA₀)', ['LA-HIST'], '2,40 % au 1er février 2025', 'confirmed'),
  'livret_a.path_pct': p(
    ['2.40', '1.50', '2.00'],
    'pct',
    'Trajectoire du Livret A par défaut (an 1 = année des paramètres)',
    ['LA-HIST', 'LA-2026', 'BDT-PERSPECTIVES-2025'],
    'taux au 1er février de chaque année — 2025: 2,40; 2026: 1,50 (le 1,70 du 1er août 2025 n\'est pas un taux au 1er février); ' +
      'puis 2,00 tenu à partir de 2027, hypothèse de la Banque des Territoires — projection, pas un taux réglementé',
    'single_source',
  ),
  ...zoneRow('rent_ceiling.plus', ZONE_HLM_LABEL, { '1_bis': '7.77', '1': '7.32', '2': '6.42', '3': '5.95' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLUS 2025', ['LEON', 'AVIS-LOYERS-2025'], N_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.plai', ZONE_HLM_LABEL, { '1_bis': '6.93', '1': '6.50', '2': '5.71', '3': '5.28' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLAI 2025', ['LEON', 'AVIS-LOYERS-2025'], N_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.pls', ZONE_ABC_LABEL, { a_bis: '15.16', a: '11.68', b1: '10.07', b2: '9.64', c: '8.94' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLS 2025', ['LEON', 'AVIS-LOYERS-2025'], N_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.lli', ZONE_ABC_LABEL, { a_bis: '19.51', a: '14.49', b1: '11.68', b2: '10.15', c: '10.15' }, EUR_M2_SU_MONTH, 'Plafond de loyer LLI 2025 (SU fiscale, avant coefficient)', ['PINEL-2025', 'CGI-PINEL', 'LEON'], 'plafonds du logement intermédiaire (= Pinel) 2025: 19,51 / 14,49 / 11,68 / 10,15 (B2 et C), identiques au profil de bailleur', 'confirmed'),
  ...zoneRow('psla.redevance_ceiling', ZONE_ABC_LABEL, { a_bis: '15.30', a: '11.75', b1: '10.13', b2: '9.73', c: '9.00' }, EUR_M2_SU_MONTH, 'Plafond de la part locative PSLA 2025',
    ['ARR-PSLA'], 'arrêté du 26 mars 2004, annexe I, version 2025 (LEGIARTI000050933091)', 'confirmed'),
  ...zoneRow('psla.price_ceiling', ZONE_ABC_LABEL, { a_bis: '6170', a: '4675', b1: '3744', b2: '3269', c: '2857' }, EUR_HT_M2_SU, 'Plafond de prix PSLA/BRS 2025',
    ['LEON', 'PROMO-PSLA-PLAFONDS', 'ARR-PSLA', 'HLM-COOP-2023'], 'deux sources non officielles concordantes (profil de bailleur, page d\'un promoteur); tableau de l\'annexe II (arrêté du 23 décembre 2024) non lu', 'single_source'),
  'ta.valeur_forfaitaire.province': p('930', 'eur_per_m2_sp', 'Valeur forfaitaire de TA hors Île-de-France 2025', ['ATD31-TA', 'CURB-TA'], '930 €/m² en 2025', 'confirmed'),
  'ta.valeur_forfaitaire.idf': p('1054', 'eur_per_m2_sp', 'Valeur forfaitaire de TA en Île-de-France 2025', ['LEON'], 'profil de bailleur', 'single_source'),
  'ta.parking_eur_per_place': p('3052', 'eur_per_place', 'Valeur forfaitaire de TA par place de stationnement extérieure 2025', ['ATD31-TA'], '3 052 € en 2025', 'confirmed'),
  'irl.q2_change_pct': p('3.26', 'pct', 'Variation annuelle de l\'IRL du 2e trimestre 2024', ['AVIS-LOYERS-2025', 'INSEE-IRL'], 'IRL T2 2024 +3,26 %, cité par l\'avis loyers du 5 février 2025', 'confirmed'),
};

const Y2026: Record<string, ParamDef> = {
  'livret_a.rate_pct': p('1.50', 'pct', 'Taux du Livret A au 1er février de l\'année (LA₀)', ['LA-2026'],
    '1,50 % au 1er février 2026 (formule 1,40 %, arrondi sur recommandation de la Banque de France)', 'confirmed'),
  'livret_a.path_pct': p(
    ['1.50', '2.00'],
    'pct',
    'Trajectoire du Livret A par défaut (an 1 = année des paramètres)',
    ['LA-2026', 'BDT-PERSPECTIVES-2025'],
    '1,50 % en 2026 (taux au 1er février; 1er août 2026 non trouvé), puis 2,00 tenu à partir de 2027, ' +
      'hypothèse de la Banque des Territoires — projection, pas un taux réglementé',
    'single_source',
  ),
  ...zoneRow('rent_ceiling.plus', ZONE_HLM_LABEL, { '1_bis': '7.85', '1': '7.40', '2': '6.49', '3': '6.01' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLUS 2026', ['LEON', 'INSEE-IRL'], N_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.plai', ZONE_HLM_LABEL, { '1_bis': '7.00', '1': '6.57', '2': '5.77', '3': '5.33' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLAI 2026', ['LEON', 'INSEE-IRL'], N_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.pls', ZONE_ABC_LABEL, { a_bis: '15.32', a: '11.80', b1: '10.17', b2: '9.74', c: '9.03' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLS 2026', ['LEON', 'INSEE-IRL'], N_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.lli', ZONE_ABC_LABEL, { a_bis: '19.71', a: '14.64', b1: '11.80', b2: '10.26', c: '10.26' }, EUR_M2_SU_MONTH, 'Plafond de loyer LLI 2026 (SU fiscale, avant coefficient)', ['LEON', 'PINEL-2025', 'INSEE-IRL'], 'profil de bailleur; = plafonds 2025 × (1 + 1,04 %), arrondis au centime (barème 2026 non lu)', 'single_source'),
  ...zoneRow('psla.redevance_ceiling', ZONE_ABC_LABEL, { a_bis: '15.46', a: '11.87', b1: '10.24', b2: '9.83', c: '9.09' }, EUR_M2_SU_MONTH, 'Plafond de la part locative PSLA 2026',
    ['LEON', 'ARR-PSLA'], 'profil de bailleur 2026 (= 2025 × IRL T2 2025); annexe I 2026 non lue', 'single_source'),
  ...zoneRow('psla.price_ceiling', ZONE_ABC_LABEL, { a_bis: '5837', a: '4423', b1: '3542', b2: '3269', c: '2857' }, EUR_HT_M2_SU, 'Plafond de prix PSLA/BRS 2026',
    ['LEON', 'ARR-PSLA'], 'profil de bailleur 2026 — A bis/A/B1 baissés de 1/1,057, B2/C inchangés, ne suit aucun indice; annexe II 2026 non lue: à vérifier', 'unverified'),
  'ta.valeur_forfaitaire.province': p('892', 'eur_per_m2_sp', 'Valeur forfaitaire de TA hors Île-de-France 2026', ['ATD31-TA', 'CURB-TA'], '892 €/m² en 2026 (ICC T4 2024 → T4 2025: 2 143 → 2 056, −4,06 %)', 'confirmed'),
  'ta.valeur_forfaitaire.idf': p('1011', 'eur_per_m2_sp', 'Valeur forfaitaire de TA en Île-de-France 2026', ['LEON', 'ATD31-TA'], 'profil de bailleur; = 1 054 × 2 056 / 2 143 (revalorisation légale sur l\'ICC)', 'single_source'),
  'ta.parking_eur_per_place': p('2928', 'eur_per_place', 'Valeur forfaitaire de TA par place de stationnement extérieure 2026', ['ATD31-TA'], '2 928 € en 2026 (jusqu\'à 5 857 € sur délibération)', 'confirmed'),
  'irl.q2_change_pct': p('1.04', 'pct', 'Variation annuelle de l\'IRL du 2e trimestre 2025', ['INSEE-IRL', 'LEON'], 'IRL T2 2025 +1,04 %, déduit des ratios des plafonds 2026/2025 du profil de bailleur, non lu dans la série INSEE', 'single_source'),
};

function paramYear(year: number, vintage: string, diff: Record<string, ParamDef>): ParamYear {
  return Object.freeze({ year, vintage, params: Object.freeze({ ...COMMON, ...diff }) });
}

/** The data sets, ascending by year. */
export const PARAM_YEARS: readonly ParamYear[] = Object.freeze([
  paramYear(2025, '2025.1', Y2025),
  paramYear(2026, '2026.1', Y2026),
]);

function la(from: string, rate_pct: string, ids: readonly string[], note: string): LivretAChange {
  return Object.freeze({ from, rate_pct, sources: Object.freeze([...ids]), source: sourceText(ids, note) });
}

/** Livret A changes, ascending by date ([LA-HIST], [LA-2026]). The rate from 1 Aug 2026 was not found. */
export const LIVRET_A_HISTORY: readonly LivretAChange[] = Object.freeze([
  la('2020-02-01', '0.50', ['LA-HIST'], '0,50 % (depuis 0,75 %), plancher jusqu\'en janvier 2022'),
  la('2022-02-01', '1.00', ['LA-HIST'], ''),
  la('2022-08-01', '2.00', ['LA-HIST'], ''),
  la('2023-02-01', '3.00', ['LA-HIST'], 'gelé jusqu\'au 31 janvier 2025'),
  la('2025-02-01', '2.40', ['LA-HIST'], ''),
  la('2025-08-01', '1.70', ['LA-HIST'], ''),
  la('2026-02-01', '1.50', ['LA-2026'], 'formule 1,40 %, arrondi sur recommandation de la Banque de France'),
]);
