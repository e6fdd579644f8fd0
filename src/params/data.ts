/**
 * Regulated parameters for 2025 and 2026, transcribed from docs/domain.md (the project's domain reference).
 *
 * Every value carries its unit, a French label, the source quoted by domain.md (with the section) and the
 * domain.md confidence flag: ✅ → 'confirmed', 🔶 → 'single_source', ❓ → 'unverified'.
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

function p(value: string | readonly string[], unit: string, label: string, source: string, status: ParamStatus): ParamDef {
  return Object.freeze({ value: Array.isArray(value) ? Object.freeze([...value]) : value, unit, label, source, status });
}

/** One key per zone: `<family>.<zone>`, same unit, source and status for the whole row. */
function zoneRow<Z extends string>(
  family: string,
  zoneLabels: Readonly<Record<Z, string>>,
  values: Readonly<Record<Z, string>>,
  unit: string,
  labelPrefix: string,
  source: string,
  status: ParamStatus,
): Record<string, ParamDef> {
  const out: Record<string, ParamDef> = {};
  for (const zone of Object.keys(zoneLabels) as Z[]) {
    out[`${family}.${zone}`] = p(values[zone], unit, `${labelPrefix}, ${zoneLabels[zone]}`, source, status);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Sources quoted repeatedly
// ---------------------------------------------------------------------------------------------------------

const SRC_LA_HISTORY = 'domain.md §3.1 (historique du Livret A ✅)';
const SRC_CDC_PLUS = 'domain.md §3.2: prets.caissedesdepots.fr/test-plus.html ✅';
const SRC_CDC_LEON_2026 = 'domain.md §3.2: CDC « Calculette production LS, juin 2026 » via LEON (BMtestaxentia/sim) 🔶';
const SRC_TA = 'domain.md §2.4: C. urb. L.331-7, L.331-12 (loir-et-cher.gouv.fr, haute-saone.gouv.fr, optionfinance.fr) ✅';
const SRC_RAP = 'domain.md §2.4: RAP, mêmes abattements que la TA (ecologie.gouv.fr, hyeres.fr, auto-constructeurs.fr) ✅';
const SRC_VAT = 'domain.md §3.5: CGI 278 sexies, 278 sexies-0 A, 279-0 bis A; référentiel LEON 2027 vérifié bofip / flash USH 26/06/2024 ✅';
const SRC_TFPB = 'domain.md §3.5: CGI 1384 A (bofip BOI-IF-TFB-10-125-20250604; banquedesterritoires) ✅';
const SRC_RENT_LEON =
  'domain.md §4.3: feuilles de paramètres LEON 2025/2026 🔶 (avis loyers non lu; cohérent avec l\'IRL T2 et les plafonds PSLA légaux)';

// ---------------------------------------------------------------------------------------------------------
// Values common to 2025 and 2026
// ---------------------------------------------------------------------------------------------------------

const COMMON: Record<string, ParamDef> = {
  // --- CDC loans (domain.md §3.2, §8.0) -------------------------------------------------------------------
  'loan.plai.building.margin_pct': p('-0.20', 'pct', 'Marge CDC PLAI bâti sur Livret A', 'domain.md §3.2: rachatducredit.com; LEON 2026 (🔶/✅ — le plus faible retenu)', 'single_source'),
  'loan.plai.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLAI bâti', 'domain.md §3.2 / §8.0: rachatducredit.com; LEON 2026 (🔶/✅ — le plus faible retenu)', 'single_source'),
  'loan.plai.land.margin_pct': p('-0.20', 'pct', 'Marge CDC PLAI foncier sur Livret A', 'domain.md §3.2: même marge que le PLAI bâti (rachatducredit.com; LEON 2026, 🔶/✅ — le plus faible retenu)', 'single_source'),
  'loan.plai.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLAI foncier', 'domain.md §3.2: 50 ans (60 en A/B1 agréments 2014–2017; jusqu\'à 80 ans en zone tendue) — latribune.fr 2019; blog BdT « prêts long terme » ✅', 'confirmed'),
  'loan.plus.building.margin_pct': p('0.60', 'pct', 'Marge CDC PLUS bâti sur Livret A', SRC_CDC_PLUS, 'confirmed'),
  'loan.plus.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLUS bâti', `${SRC_CDC_PLUS} (40 ans max, modulable ± 5 ans)`, 'confirmed'),
  'loan.plus.land.margin_pct': p('0.60', 'pct', 'Marge CDC PLUS foncier sur Livret A', SRC_CDC_PLUS, 'confirmed'),
  'loan.plus.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLUS foncier', `${SRC_CDC_PLUS} (50 ans max; 60 en A/B1 2014–2017; jusqu'à 80 en zone tendue)`, 'confirmed'),
  'loan.plus_vert.building.margin_pct': p('0.20', 'pct', 'Marge CDC PLUS « constructions vertes » bâti sur Livret A', 'domain.md §3.2: enveloppe 2 Md€, oct. 2023 (lemoniteur) ✅', 'confirmed'),
  'loan.plus_vert.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLUS « constructions vertes » bâti', 'domain.md §3.2: « as PLUS » — durée du PLUS bâti (prets.caissedesdepots.fr/test-plus.html ✅)', 'confirmed'),
  'loan.plus_vert.land.margin_pct': p('0.20', 'pct', 'Marge CDC PLUS « constructions vertes » foncier sur Livret A', 'domain.md §3.2: LEON juin 2026, la marge verte s\'applique aux prêts foncier et bâti 🔶', 'single_source'),
  'loan.plus_vert.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLUS « constructions vertes » foncier', 'domain.md §3.2: « as PLUS » — durée du PLUS foncier (prets.caissedesdepots.fr/test-plus.html ✅)', 'confirmed'),
  'loan.pls.building.margin_pct': p('1.11', 'pct', 'Marge CDC PLS bâti sur Livret A', SRC_CDC_LEON_2026, 'single_source'),
  'loan.pls.building.duration_years': p('40', 'years', 'Durée du prêt CDC PLS bâti', 'domain.md §3.2 / §8.0: 15 à 40 ans (logement.gouv.fr « Prêt locatif social » ✅); défaut = le maximum, comme PLUS/PLAI', 'confirmed'),
  'loan.pls.land.margin_pct': p('1.11', 'pct', 'Marge CDC PLS foncier sur Livret A', SRC_CDC_LEON_2026, 'single_source'),
  'loan.pls.land.duration_years': p('50', 'years', 'Durée du prêt CDC PLS foncier', 'domain.md §8.0 (PLS « 15–40 / 50 »; pas de source distincte en §3.2) 🔶', 'single_source'),
  'loan.lli.building.margin_pct': p('1.40', 'pct', 'Marge CDC LLI bâti sur Livret A', SRC_CDC_LEON_2026, 'single_source'),
  'loan.lli.building.duration_years': p('35', 'years', 'Durée du prêt CDC LLI bâti', 'domain.md §3.2: 35 ans (fixture LEON) 🔶', 'single_source'),
  'loan.lli.land.margin_pct': p('1.40', 'pct', 'Marge CDC LLI foncier sur Livret A', `${SRC_CDC_LEON_2026} — marge du LLI bâti reprise pour la ligne foncière`, 'single_source'),
  'loan.lli.land.duration_years': p('50', 'years', 'Durée du prêt CDC LLI foncier', 'domain.md §8.0: « 35 (+ land loan) », durée du prêt foncier non trouvée ❓ — 50 ans retenu par analogie avec PLUS/PLAI/PLS foncier', 'unverified'),
  'loan.gaia_lt.land.margin_pct': p('0.60', 'pct', 'Marge CDC Gaïa long terme (foncier OFS/BRS) sur Livret A', 'domain.md §3.2 / §5.2: doczz « Prêt foncier à court terme et long terme »; banquedesterritoires 2024 ✅ (LA + 0,35 en éco-quartier)', 'confirmed'),
  'loan.gaia_lt.land.duration_years': p('80', 'years', 'Durée du prêt CDC Gaïa long terme (foncier OFS/BRS)', 'domain.md §3.2 / §5.2: jusqu\'à 80 ans pour le BRS, sans condition de zone (banquedesterritoires 2024) ✅', 'confirmed'),
  'loan.psla.building.margin_pct': p('1.11', 'pct', 'Marge du prêt PSLA sur Livret A', 'domain.md §8.0: taux du PSLA (prêt conventionné) non trouvé ❓ — valeur provisoire = marge PLS (LA + 1,11), à confirmer par l\'utilisateur', 'unverified'),
  'loan.psla.building.duration_years': p('30', 'years', 'Durée du prêt PSLA', 'domain.md §5.1: prêt conventionné, 30 ans max (rapport Sénat a04-076, ANIL 2005-21) ✅', 'confirmed'),
  'loan.default.progressivity_pct': p('-0.50', 'pct', 'Progressivité des échéances par défaut', 'domain.md §3.2: défaut usuel des bailleurs (LEON/AXENTIA), plage CDC −3 % à +0,5 % 🔶', 'single_source'),

  // --- VAT (domain.md §3.5, §8.0) -------------------------------------------------------------------------
  'vat.plai_pct': p('5.5', 'pct', 'TVA (LASM / vente) PLAI', SRC_VAT, 'confirmed'),
  'vat.plus_pct': p('10', 'pct', 'TVA (LASM / vente) PLUS', `${SRC_VAT} — 5,5 % en QPV / convention NPNRU (non modélisé ici)`, 'confirmed'),
  'vat.pls_pct': p('10', 'pct', 'TVA (LASM / vente) PLS', SRC_VAT, 'confirmed'),
  'vat.lli_pct': p('10', 'pct', 'TVA (LASM / vente) LLI', `${SRC_VAT} (279-0 bis A)`, 'confirmed'),
  'vat.psla_pct': p('5.5', 'pct', 'TVA (vente) PSLA', `${SRC_VAT}; §5.1 ✅`, 'confirmed'),
  'vat.brs_pct': p('5.5', 'pct', 'TVA (vente des droits réels) BRS', 'domain.md §3.5: CGI 278 sexies III-2° (jardinhanae-brs.fr; débat Sénat sur les travaux des OFS) 🔶', 'single_source'),
  'vat.sciapp_pct': p('10', 'pct', 'TVA (LASM) SCIAPP', 'domain.md §8.0: TVA SCIAPP ❓ — 10 % retenu par analogie avec le régime locatif PLUS/PLS (SCIAPP financée comme du locatif, §5.3)', 'unverified'),
  'vat.coop_pct': p('10', 'pct', 'TVA (LASM) coopérative d\'habitants', 'domain.md: pas de taux pour les coopératives d\'habitants ❓ — 10 % retenu par analogie avec le PLS (prêts PLS possibles, §5.4)', 'unverified'),
  'vat.libre_pct': p('20', 'pct', 'TVA accession libre', 'domain.md §3.5 / §5.5: taux normal 20 % ✅', 'confirmed'),

  // --- TFPB (domain.md §3.5, §8.0) ------------------------------------------------------------------------
  'tfpb.plai.exemption_years': p('25', 'years', 'Exonération de TFPB PLAI', `${SRC_TFPB} — I ter: 25 ans pour un agrément avant le 31/12/2026 (30 avec critères environnementaux), sinon 15 (20)`, 'confirmed'),
  'tfpb.plus.exemption_years': p('25', 'years', 'Exonération de TFPB PLUS', `${SRC_TFPB} — I ter: 25 ans pour un agrément avant le 31/12/2026 (30 avec critères environnementaux), sinon 15 (20)`, 'confirmed'),
  'tfpb.pls.exemption_years': p('25', 'years', 'Exonération de TFPB PLS', `${SRC_TFPB} — I ter: 25 ans pour un agrément avant le 31/12/2026 (30 avec critères environnementaux), sinon 15 (20)`, 'confirmed'),
  'tfpb.lli.exemption_years': p('20', 'years', 'Exonération de TFPB LLI', 'domain.md §3.5: CGI 1384-0 A, si TVA réduite et location intermédiaire 🔶', 'single_source'),
  'tfpb.psla.exemption_years': p('15', 'years', 'Exonération de TFPB PSLA', 'domain.md §5.1 (Sénat a04-076, ANIL) ✅; §3.5', 'confirmed'),
  'tfpb.brs.exemption_years': p('0', 'years', 'Exonération de TFPB BRS', 'domain.md §3.5 / §5.2: abattement de 30 à 100 % seulement sur délibération locale ❓ — 0 par défaut', 'unverified'),
  'tfpb.sciapp.exemption_years': p('25', 'years', 'Exonération de TFPB SCIAPP', 'domain.md §8.0: TFPB SCIAPP ❓ — 25 ans retenu par analogie avec le locatif social (SCIAPP = logement HLM financé en locatif, §5.3)', 'unverified'),
  'tfpb.coop.exemption_years': p('0', 'years', 'Exonération de TFPB coopérative d\'habitants', 'domain.md: pas de régime TFPB pour les coopératives d\'habitants ❓ — 0 par défaut', 'unverified'),
  'tfpb.libre.exemption_years': p('0', 'years', 'Exonération de TFPB accession libre', 'domain.md §3.5: libre 0 (LEON) 🔶', 'single_source'),
  'tfpb.amount_eur_per_dwelling': p('345', 'eur_per_dwelling', 'TFPB après exonération, par logement et par an', 'domain.md §3.5 / §4.4: profil LEON 2026 🔶 (une ESH payait ≈ 510 € en 2017)', 'single_source'),

  // --- TA / RAP (domain.md §2.4, §8.0) --------------------------------------------------------------------
  'ta.abatement.plai_pct': p('100', 'pct', 'Abattement de TA PLAI (exonération)', `${SRC_TA} — PLAI exonéré de plein droit`, 'confirmed'),
  'ta.abatement.plus_pct': p('50', 'pct', 'Abattement de TA PLUS', `${SRC_TA} — abattement de 50 % de plein droit`, 'confirmed'),
  'ta.abatement.pls_pct': p('50', 'pct', 'Abattement de TA PLS', `${SRC_TA} — abattement de 50 % de plein droit`, 'confirmed'),
  'ta.abatement.psla_pct': p('50', 'pct', 'Abattement de TA PSLA', `${SRC_TA} — abattement de 50 % de plein droit; §5.1`, 'confirmed'),
  'ta.abatement.brs_pct': p('50', 'pct', 'Abattement de TA BRS', 'domain.md §5.2 / §8.0: « TA 50 % abattement (PSLA-like) ❓ »', 'unverified'),
  'ta.abatement.lli_pct': p('0', 'pct', 'Abattement de TA LLI', 'domain.md §8.0: TA « full (❓) » — pas d\'abattement retenu', 'unverified'),
  'ta.abatement.sciapp_pct': p('0', 'pct', 'Abattement de TA SCIAPP', 'domain.md §8.0: TA SCIAPP ❓ — pas d\'abattement retenu', 'unverified'),
  'ta.abatement.coop_pct': p('0', 'pct', 'Abattement de TA coopérative d\'habitants', 'domain.md: pas de régime TA pour les coopératives d\'habitants ❓ — pas d\'abattement retenu', 'unverified'),
  'ta.abatement.libre_pct': p('0', 'pct', 'Abattement de TA accession libre', 'domain.md §8.0: TA « full »; §2.4: l\'abattement de 50 % sur les 100 premiers m² d\'une résidence principale peut s\'appliquer en accession ❓ — non retenu', 'unverified'),
  'rap.rate_pct': p('0.40', 'pct', 'Taux de la redevance d\'archéologie préventive', 'domain.md §2.4: 0,40 % de la même base que la TA (ecologie.gouv.fr, hyeres.fr, auto-constructeurs.fr) ✅', 'confirmed'),
  'rap.abatement.plai_pct': p('100', 'pct', 'Abattement de RAP PLAI (exonération)', `${SRC_RAP} — logements PLAI exonérés`, 'confirmed'),
  'rap.abatement.plus_pct': p('50', 'pct', 'Abattement de RAP PLUS', SRC_RAP, 'confirmed'),
  'rap.abatement.pls_pct': p('50', 'pct', 'Abattement de RAP PLS', SRC_RAP, 'confirmed'),
  'rap.abatement.psla_pct': p('50', 'pct', 'Abattement de RAP PSLA', SRC_RAP, 'confirmed'),
  'rap.abatement.brs_pct': p('50', 'pct', 'Abattement de RAP BRS', 'domain.md §2.4 (mêmes abattements que la TA) et §5.2: abattement TA du BRS ❓', 'unverified'),
  'rap.abatement.lli_pct': p('0', 'pct', 'Abattement de RAP LLI', 'domain.md §2.4 (mêmes abattements que la TA) et §8.0: TA LLI « full (❓) »', 'unverified'),
  'rap.abatement.sciapp_pct': p('0', 'pct', 'Abattement de RAP SCIAPP', 'domain.md §2.4 (mêmes abattements que la TA) et §8.0: TA SCIAPP ❓', 'unverified'),
  'rap.abatement.coop_pct': p('0', 'pct', 'Abattement de RAP coopérative d\'habitants', 'domain.md §2.4 (mêmes abattements que la TA); régime des coopératives d\'habitants non documenté ❓', 'unverified'),
  'rap.abatement.libre_pct': p('0', 'pct', 'Abattement de RAP accession libre', 'domain.md §2.4 (mêmes abattements que la TA); abattement résidence principale 100 m² possible ❓ — non retenu', 'unverified'),

  // --- State subsidy caps (domain.md §3.4) ----------------------------------------------------------------
  'subsidy.state_cap.plus_eur_per_dwelling': p('20000', 'eur_per_dwelling', 'Plafond de la subvention de l\'État par logement PLUS', 'domain.md §3.4: forfait depuis le 28/09/2022, décrets 2022-1256 et 2022-1257 (cheuvreux.fr) ✅ — +5 000 € possibles sur décision du préfet de région', 'confirmed'),
  'subsidy.state_cap.plai_eur_per_dwelling': p('60000', 'eur_per_dwelling', 'Plafond de la subvention de l\'État par logement PLAI', 'domain.md §3.4: forfait depuis le 28/09/2022, décrets 2022-1256 et 2022-1257 (cheuvreux.fr) ✅ — +20 000 € possibles sur décision du préfet de région', 'confirmed'),

  // --- Rent formation (domain.md §4.2) --------------------------------------------------------------------
  'rent.structure_coefficient.a': p('0.77', 'ratio', 'Coefficient de structure: constante a', 'domain.md §4.2: circulaire loyers, annexe 6 — CS = 0,77 × (1 + 20 × N / SU) (logement métropolitain) ✅', 'confirmed'),
  'rent.structure_coefficient.b': p('20', 'm2_su_per_dwelling', 'Coefficient de structure: constante b', 'domain.md §4.2: circulaire loyers, annexe 6 — 20 en logement ordinaire (38 en foyer) ✅', 'confirmed'),
  'rent.local_margin_cap_pct': p('12', 'pct', 'Plafond de la marge locale', 'domain.md §4.2: plafond par défaut LEON 🔶', 'single_source'),
  'rent.annexes_rule.without_lift_pct': p('118', 'pct', 'Règle des annexes importantes, sans ascenseur', 'domain.md §4.2: circulaire loyers, annexe 8 ✅ (LEON déclenche sur marge ≤ 12 % au lieu de l\'ascenseur)', 'confirmed'),
  'rent.annexes_rule.with_lift_pct': p('125', 'pct', 'Règle des annexes importantes, avec ascenseur', 'domain.md §4.2: circulaire loyers, annexe 8 ✅ (LEON déclenche sur marge > 12 % au lieu de l\'ascenseur)', 'confirmed'),
  'rent.lli_coefficient.a': p('0.7', 'ratio', 'Coefficient LLI: constante a', 'domain.md §4.2 / §1: coefficient intermédiaire/Pinel 0,7 + 19/S plafonné à 1,2, SU fiscale (CGI ann. III art. 2 terdecies D) ✅', 'confirmed'),
  'rent.lli_coefficient.b': p('19', 'm2', 'Coefficient LLI: constante b (m²)', 'domain.md §4.2 / §1: coefficient intermédiaire/Pinel 0,7 + 19/S plafonné à 1,2, SU fiscale (CGI ann. III art. 2 terdecies D) ✅', 'confirmed'),
  'rent.lli_coefficient.cap': p('1.2', 'ratio', 'Coefficient LLI: plafond', 'domain.md §4.2 / §1: coefficient intermédiaire/Pinel 0,7 + 19/S plafonné à 1,2, SU fiscale (CGI ann. III art. 2 terdecies D) ✅', 'confirmed'),
};

// ---------------------------------------------------------------------------------------------------------
// Per-year differences
// ---------------------------------------------------------------------------------------------------------

const EUR_M2_SU_MONTH = 'eur_per_m2_su_month';
const EUR_HT_M2_SU = 'eur_ht_per_m2_su';

const Y2025: Record<string, ParamDef> = {
  'livret_a.rate_pct': p('2.40', 'pct', 'Taux du Livret A au 1er février de l\'année (LA₀)', `${SRC_LA_HISTORY}: 2,40 % au 1er février 2025`, 'confirmed'),
  'livret_a.path_pct': p(
    ['2.40', '1.50', '2.00'],
    'pct',
    'Trajectoire du Livret A par défaut (an 1 = année des paramètres)',
    `${SRC_LA_HISTORY}: taux au 1er février de chaque année — 2025: 2,40; 2026: 1,50 (le 1,70 du 1er août 2025 n'est pas un taux au 1er février); ` +
      'puis 2,00 tenu à partir de 2027, hypothèse de Perspectives 2025 de la Banque des Territoires (domain.md §2.5/§3.1) — projection, pas un taux réglementé',
    'single_source',
  ),
  ...zoneRow('rent_ceiling.plus', ZONE_HLM_LABEL, { '1_bis': '7.77', '1': '7.32', '2': '6.42', '3': '5.95' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLUS 2025', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.plai', ZONE_HLM_LABEL, { '1_bis': '6.93', '1': '6.50', '2': '5.71', '3': '5.28' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLAI 2025', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.pls', ZONE_ABC_LABEL, { a_bis: '15.16', a: '11.68', b1: '10.07', b2: '9.64', c: '8.94' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLS 2025', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.lli', ZONE_ABC_LABEL, { a_bis: '19.51', a: '14.49', b1: '11.68', b2: '10.15', c: '10.15' }, EUR_M2_SU_MONTH, 'Plafond de loyer LLI 2025 (SU fiscale, avant coefficient)', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('psla.redevance_ceiling', ZONE_ABC_LABEL, { a_bis: '15.30', a: '11.75', b1: '10.13', b2: '9.73', c: '9.00' }, EUR_M2_SU_MONTH, 'Plafond de la part locative PSLA 2025',
    'domain.md §4.3 / §5.1: texte légal LEGIARTI000050933091 (legal.tricoteuses.fr) ✅', 'confirmed'),
  ...zoneRow('psla.price_ceiling', ZONE_ABC_LABEL, { a_bis: '6170', a: '4675', b1: '3744', b2: '3269', c: '2857' }, EUR_HT_M2_SU, 'Plafond de prix PSLA/BRS 2025',
    'domain.md §5.1: profil LEON 2025 🔶 (cohérent: ≈ +34,7 % sur les valeurs légales ~2015 dans chaque zone)', 'single_source'),
  'ta.valeur_forfaitaire.province': p('930', 'eur_per_m2_sp', 'Valeur forfaitaire de TA hors Île-de-France 2025', 'domain.md §2.4: atd31.fr info-lettre 2025 ✅', 'confirmed'),
  'ta.valeur_forfaitaire.idf': p('1054', 'eur_per_m2_sp', 'Valeur forfaitaire de TA en Île-de-France 2025', 'domain.md §2.4: LEON 🔶', 'single_source'),
  'ta.parking_eur_per_place': p('3052', 'eur_per_place', 'Valeur forfaitaire de TA par place de stationnement extérieure 2025', 'domain.md §2.4: atd31.fr info-lettre 2025 ✅', 'confirmed'),
  'irl.q2_change_pct': p('3.26', 'pct', 'Variation annuelle de l\'IRL du 2e trimestre 2024', 'domain.md §4.3: IRL T2 2024 +3,26 % (INSEE via efl.fr, sccf…; ligne marquée 🔶)', 'single_source'),
};

const Y2026: Record<string, ParamDef> = {
  'livret_a.rate_pct': p('1.50', 'pct', 'Taux du Livret A au 1er février de l\'année (LA₀)',
    `${SRC_LA_HISTORY}: 1,50 % au 1er février 2026 (formule 1,40 %, arrondi par la BdF) — economie.gouv.fr via petiterepublique.com; meilleurescpi.com; devizu.news`, 'confirmed'),
  'livret_a.path_pct': p(
    ['1.50', '2.00'],
    'pct',
    'Trajectoire du Livret A par défaut (an 1 = année des paramètres)',
    `${SRC_LA_HISTORY}: 1,50 % en 2026 (taux au 1er février; 1er août 2026 non connu ❓), puis 2,00 tenu à partir de 2027, ` +
      'hypothèse de Perspectives 2025 de la Banque des Territoires (domain.md §2.5/§3.1) — projection, pas un taux réglementé',
    'single_source',
  ),
  ...zoneRow('rent_ceiling.plus', ZONE_HLM_LABEL, { '1_bis': '7.85', '1': '7.40', '2': '6.49', '3': '6.01' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLUS 2026', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.plai', ZONE_HLM_LABEL, { '1_bis': '7.00', '1': '6.57', '2': '5.77', '3': '5.33' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLAI 2026', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.pls', ZONE_ABC_LABEL, { a_bis: '15.32', a: '11.80', b1: '10.17', b2: '9.74', c: '9.03' }, EUR_M2_SU_MONTH, 'Plafond de loyer PLS 2026', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('rent_ceiling.lli', ZONE_ABC_LABEL, { a_bis: '19.71', a: '14.64', b1: '11.80', b2: '10.26', c: '10.26' }, EUR_M2_SU_MONTH, 'Plafond de loyer LLI 2026 (SU fiscale, avant coefficient)', SRC_RENT_LEON, 'single_source'),
  ...zoneRow('psla.redevance_ceiling', ZONE_ABC_LABEL, { a_bis: '15.46', a: '11.87', b1: '10.24', b2: '9.83', c: '9.09' }, EUR_M2_SU_MONTH, 'Plafond de la part locative PSLA 2026',
    'domain.md §4.3: profil LEON 2026 🔶 (2025 × IRL T2 2025)', 'single_source'),
  ...zoneRow('psla.price_ceiling', ZONE_ABC_LABEL, { a_bis: '5837', a: '4423', b1: '3542', b2: '3269', c: '2857' }, EUR_HT_M2_SU, 'Plafond de prix PSLA/BRS 2026',
    'domain.md §5.1: profil LEON 2026 — A bis/A/B1 baissés de 1/1,057, B2/C inchangés, ne suit aucun indice: à traiter comme non vérifié ❓', 'unverified'),
  'ta.valeur_forfaitaire.province': p('892', 'eur_per_m2_sp', 'Valeur forfaitaire de TA hors Île-de-France 2026', 'domain.md §2.4: atd31.fr info-lettre 2026 ✅ (ICC T4 2024→T4 2025: 2143→2056, −4,06 %)', 'confirmed'),
  'ta.valeur_forfaitaire.idf': p('1011', 'eur_per_m2_sp', 'Valeur forfaitaire de TA en Île-de-France 2026', 'domain.md §2.4: LEON 🔶', 'single_source'),
  'ta.parking_eur_per_place': p('2928', 'eur_per_place', 'Valeur forfaitaire de TA par place de stationnement extérieure 2026', 'domain.md §2.4: atd31.fr info-lettre 2026 ✅ (jusqu\'à 5 857 € sur délibération)', 'confirmed'),
  'irl.q2_change_pct': p('1.04', 'pct', 'Variation annuelle de l\'IRL du 2e trimestre 2025', 'domain.md §4.3: IRL T2 2025 +1,04 % déduit des ratios de plafonds 2026/2025, non lu directement 🔶', 'single_source'),
};

function paramYear(year: number, vintage: string, diff: Record<string, ParamDef>): ParamYear {
  return Object.freeze({ year, vintage, params: Object.freeze({ ...COMMON, ...diff }) });
}

/** The data sets, ascending by year. */
export const PARAM_YEARS: readonly ParamYear[] = Object.freeze([
  paramYear(2025, '2025.1', Y2025),
  paramYear(2026, '2026.1', Y2026),
]);

/** Livret A changes (domain.md §3.1 ✅), ascending by date. The 1 Aug 2026 rate was not known (❓). */
export const LIVRET_A_HISTORY: readonly LivretAChange[] = Object.freeze([
  { from: '2020-02-01', rate_pct: '0.50', source: 'domain.md §3.1: 0,50 % (depuis 0,75 %), plancher jusqu\'en janvier 2022 (tf1info, boursorama) ✅' },
  { from: '2022-02-01', rate_pct: '1.00', source: 'domain.md §3.1 ✅' },
  { from: '2022-08-01', rate_pct: '2.00', source: 'domain.md §3.1 ✅' },
  { from: '2023-02-01', rate_pct: '3.00', source: 'domain.md §3.1: gelé jusqu\'au 31 janvier 2025 (boursorama, labanquepostale) ✅' },
  { from: '2025-02-01', rate_pct: '2.40', source: 'domain.md §3.1 ✅' },
  { from: '2025-08-01', rate_pct: '1.70', source: 'domain.md §3.1 ✅' },
  { from: '2026-02-01', rate_pct: '1.50', source: 'domain.md §3.1: formule 1,40 %, arrondi par la BdF — economie.gouv.fr via petiterepublique.com; meilleurescpi.com; devizu.news ✅' },
].map((c) => Object.freeze(c)));
