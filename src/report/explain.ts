/**
 * `equilibre explain`, worded: the derivation tree of src/explain/ as an indented text (table
 * format), Markdown, or JSON (docs/json.md). The tree holds facts (concepts, ops, values, units,
 * origins); the words of each concept, in French and English, are here.
 */
import { D, isDec, type Dec } from '../domain/money';
import type { ExplainNode, ExplainOrigin, ExplainValue } from '../explain/tree';
import type { Model } from '../engine/model';
import type { CostLine } from '../engine/cost-price';
import type { LoanLine } from '../engine/financing';
import { costLineLabel, loanLabel } from './words';
import { DEFAULTS } from '../schema/defaults';
import { CHAPTER_NAME, labelText } from './labels';
import { fmtEur, fmtNum, jsonNum, plain, type Lang } from './format';
import { displayWidth, wrapIndented } from './table';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../version';

type Words = [string, string];

/**
 * The words of each concept; `{lot}`, `{year}`, `{label}` (a name of the file), `{key}`, `{chapter}` come from the node's
 * args; `{line}` is a cost line's id, `{loan}` a loan line's id (or `product`: the PSLA loan, the OFS's Gaïa loan),
 * worded by report/words.ts (costLineLabel, loanLabel).
 */
const CONCEPT: Record<string, Words> = {
  input: ['valeur du fichier', 'value of the file'],
  parameter: ['paramètre {key}', 'parameter {key}'],
  default: ['défaut {key}', 'default {key}'],
  constant: ['constante', 'constant'],
  metric: ['métrique', 'metric'],
  lot_dwellings: ['logements du lot {lot}', 'dwellings of lot {lot}'],
  lot_shab: ['SHAB du lot {lot}', 'living area (SHAB) of lot {lot}'],
  lot_annexes: ['annexes du lot {lot}', 'annexes of lot {lot}'],
  half_annexes: ['½ annexes du lot {lot}', '½ annexes of lot {lot}'],
  lot_su: ['SU du lot {lot} (SHAB + ½ annexes)', 'usable area (SU) of lot {lot} (SHAB + ½ annexes)'],
  su_regulatory: ['SU réglementaire du lot {lot}', 'regulatory SU of lot {lot}'],
  scoped_works_base: ['travaux des lots de la ligne {line} (avec leur part des locaux communs)', 'works of the lots of line {line} (with their share of the common spaces)'],
  type_annexes: ['annexes d’un type du lot {lot} (nombre × annexes)', 'annexes of a type of lot {lot} (count × annexes)'],
  lot_annexes_of_types: ['annexes du lot {lot}, de ses types', 'annexes of lot {lot}, from its types'],
  annexes_cap: ['plafond des annexes comptées du lot {lot} (8 m² par logement)', 'cap on the counted annexes of lot {lot} (8 m² per dwelling)'],
  annexes_counted: ['annexes comptées du lot {lot}', 'counted annexes of lot {lot}'],
  lot_garage: ['garages du lot {lot}', 'garages of lot {lot}'],
  half_garage: ['½ garages du lot {lot}', '½ garages of lot {lot}'],
  garage_cap: ['plafond des garages comptés du lot {lot} (6 m² par logement)', 'cap on the counted garages of lot {lot} (6 m² per dwelling)'],
  garage_counted: ['garages comptés du lot {lot}', 'counted garages of lot {lot}'],
  dwellings: ['logements', 'dwellings'],
  shab: ['SHAB totale', 'total living area (SHAB)'],
  su: ['SU totale', 'total usable area (SU)'],
  common_spaces: ['espaces communs', 'common spaces'],
  common_space_area: ['surface de l’espace commun {label}', 'area of common space {label}'],
  common_space_cost: ['coût au m² de l’espace commun', 'cost per m² of the common space'],
  shab_plus_common: ['SHAB + espaces communs', 'SHAB + common spaces'],
  sp: ['surface de plancher (SP)', 'floor area (SP)'],
  lot_cost: ['coût de construction du lot {lot}, €/m² SHAB', 'construction cost of lot {lot}, €/m² SHAB'],
  construction_cost: ['coût de construction, €/m² SHAB', 'construction cost, €/m² SHAB'],
  works_base: ['base « travaux » (travaux + espaces communs)', '“works” base (works + common spaces)'],
  cost_line: ['{line}', '{line}'],
  exact_amount: ['montant exact', 'exact amount'],
  lot_works: ['travaux du lot {lot}', 'works of lot {lot}'],
  months_in_years: ['durée en années (mois ÷ 12)', 'duration in years (months ÷ 12)'],
  contingencies_base: ['base des aléas (travaux + révision)', 'contingencies base (works + revision)'],
  scoped_shab: ['SHAB des lots concernés', 'SHAB of the lots concerned'],
  scoped_dwellings: ['logements des lots concernés', 'dwellings of the lots concerned'],
  ta_rate: ['taux de la taxe d’aménagement (commune + département + région)', 'development-tax rate (commune + department + region)'],
  lot_sp: ['SP du lot {lot} (au prorata des SU)', 'floor area of lot {lot} (pro rata SU)'],
  su_share: ['part des SU du lot {lot}', 'SU share of lot {lot}'],
  taxed_share: ['part taxée (1 − abattement) du lot {lot}', 'taxed share (1 − abatement) of lot {lot}'],
  lot_tax: ['{line} du lot {lot}', '{line} of lot {lot}'],
  chapter: ['chapitre {chapter}', 'chapter {chapter}'],
  total_ht: ['prix de revient HT', 'cost price excl. VAT'],
  vat_rate: ['taux de TVA du lot {lot}', 'VAT rate of lot {lot}'],
  line_part: ['part du lot {lot} dans la ligne {line}', 'share of lot {lot} in line {line}'],
  scoped_su: ['SU des lots concernés', 'SU of the lots concerned'],
  works_key: ['clé « travaux » du lot {lot} (ses travaux + sa part des espaces communs)', '“works” key of lot {lot} (its works + its share of common spaces)'],
  works_key_total: ['total des clés « travaux »', 'total of the “works” keys'],
  common_spaces_cost: ['espaces communs HT', 'common spaces excl. VAT'],
  eligible_cost: ['prix de revient TTC des lots concernés', 'cost incl. VAT of the lots concerned'],
  eligible_su: ['SU des lots concernés', 'SU of the lots concerned'],
  members_capital: ['apport des coopérateurs (parts sociales)', 'members’ capital (shares)'],
  lot_land_ttc: ['charge foncière TTC du lot {lot}', 'land charge incl. VAT of lot {lot}'],
  default_land_loan: ['prêt CDC foncier par défaut: le reste à financer, au plus la charge foncière TTC', 'default CDC land loan: what is left, at most the land charge incl. VAT'],
  default_building_loan: ['prêt CDC construction par défaut: le reste après le prêt foncier', 'default CDC building loan: what is left after the land loan'],
  loan_rate: ['taux — {loan} (Livret A + marge)', 'rate — {loan} (Livret A + margin)'],
  livret_a: ['Livret A à la signature', 'Livret A at signing'],
  loan_margin: ['marge du prêt', 'loan margin'],
  progressivity: ['progressivité des annuités', 'progressivity of the annuities'],
  ofs_redevance: ['redevance foncière (BRS)', 'land lease fee (BRS)'],
  ofs_redevance_year1: ['redevance de l’année 1 (redevance × SU × 12)', 'year-1 fee (fee × SU × 12)'],
  ofs_management: ['gestion de l’OFS par logement', 'OFS management per dwelling'],
  ofs_row_redevance: ['redevance, année {year}', 'fee, year {year}'],
  ofs_row_management: ['gestion de l’OFS, année {year}', 'OFS management, year {year}'],
  ofs_row_cash_flow: ['trésorerie de l’OFS, année {year}', 'OFS cash flow, year {year}'],
  ofs_row_cumulative: ['cumul de l’OFS, année {year}', 'OFS cumulative, year {year}'],
  ofs_break_even_redevance: ['redevance d’équilibre de l’OFS du lot {lot}', 'break-even fee of the OFS of lot {lot}'],
  ofs_loan: ['prêt Gaïa de l’OFS (terrain − fonds propres de l’OFS)', 'OFS Gaïa loan (land − OFS equity)'],
  ofs_land_less_equity: ['terrain − fonds propres de l’OFS', 'land − OFS equity'],
  ofs_land: ['terrain porté par l’OFS', 'land carried by the OFS'],
  ofs_equity: ['fonds propres de l’OFS', 'OFS equity'],
  ofs_balanced: ['OFS équilibré: point bas ≥ 0', 'OFS balanced: lowest point ≥ 0'],
  no_market_price: ['pas de prix de marché dans le fichier (lot {lot})', 'no market price in the file (lot {lot})'],
  no_ceiling: ['pas de plafond réglementaire pour ce produit ({tenure})', 'no regulatory ceiling for this tenure ({tenure})'],
  revenue_at_risk: ['recette HT des ménages qui ne lèveraient pas l’option', 'revenue of the households not exercising the option'],
  psla_interest: ['intérêts du prêt PSLA pendant la phase locative', 'PSLA loan interest during the rental phase'],
  psla_part_locative: ['part locative (€/m² SU/mois)', 'rent part (€/m² SU/month)'],
  psla_part_income: ['part locative encaissée', 'rent part collected'],
  psla_running: ['gestion et assurance pendant la phase', 'management and insurance during the phase'],
  psla_income: ['part locative nette', 'net rent part'],
  management_insurance: ['gestion + assurance par logement', 'management + insurance per dwelling'],
  price_denominator: ['1 − marge cible − commercialisation TTC', '1 − target margin − marketing incl. VAT'],
  marketing_rate: ['commercialisation × (1 + TVA)', 'marketing × (1 + VAT)'],
  cost_and_carrying: ['coût à couvrir + portage', 'cost to cover + carrying'],
  target_revenue: ['recette HT pour la marge cible', 'revenue excl. VAT for the target margin'],
  shab_at_option: ['SHAB × facteur de prix à l’option', 'SHAB × price factor at option'],
  revenue_less_target: ['recette × (1 − marge cible)', 'revenue × (1 − target margin)'],
  cost_without_land: ['coût à couvrir hors foncier', 'cost to cover without land'],
  residual_land: ['compte à rebours du lot {lot}: charge foncière supportable', 'residual land value of lot {lot}'],
  residual_land_total: ['compte à rebours des lots en vente', 'residual land value of the sale lots'],
  lot_rent_coef: ['A du lot {lot}, année {year} (SU × 12 × (1 − pertes) × (1 − cotisations) × Σ indices)', 'A of lot {lot}, year {year} (SU × 12 × (1 − losses) × (1 − contributions) × Σ indices)'],
  rent_index_sum: ['Σ des indices de loyer, années 1 à {year}', 'Σ of the rent indices, years 1 to {year}'],
  rent_index_sum_range: ['Σ des indices de loyer, années {from} à {to}', 'Σ of the rent indices, years {from} to {to}'],
  lot_rent_coef_premium: ['A du lot {lot} (SCIAPP), rachat de parts (SU × 12 × (1 − pertes) × (1 − cotisations + supplément) × Σ indices)', 'A of lot {lot} (SCIAPP), share purchases (SU × 12 × (1 − losses) × (1 − contributions + premium) × Σ indices)'],
  lot_rent_coef_plain: ['A du lot {lot}, années {from} à {to} après le rachat des parts (SU × 12 × (1 − pertes) × (1 − cotisations) × Σ indices)', 'A of lot {lot}, years {from} to {to} after the share purchases (SU × 12 × (1 − losses) × (1 − contributions) × Σ indices)'],
  sciapp_share_factor: ['1 − cotisations + supplément de rachat des parts (SCIAPP, lot {lot})', '1 − contributions + share-purchase premium (SCIAPP, lot {lot})'],
  sciapp_premium_ratio: ['supplément de rachat des parts, en fraction (lot {lot})', 'share-purchase premium, as a fraction (lot {lot})'],
  row_redevance_charges_income: ['part charges des redevances encaissée, année {year}', 'charges part of the redevances collected, year {year}'],
  row_annex_income: ['loyers des annexes encaissés nets de cotisations, année {year}', 'annex rents collected net of contributions, year {year}'],
  row_charges_at_zero_rent: ['charges hors cotisations sur les loyers, année {year}', 'charges other than the contributions on rents, year {year}'],
  row_cash_flow_at_zero_rent: ['trésorerie à loyer nul, année {year}', 'cash flow at zero rent, year {year}'],
  break_even_held_at_zero: ['loyer d’équilibre, porté à 0 s’il est négatif', 'break-even rent, held at 0 if negative'],
  price_ht_su: ['prix HT au m² SU (prix TTC ÷ (1 + TVA))', 'price excl. VAT per m² SU (incl. VAT ÷ (1 + VAT))'],
  allocation_weight: ['clé de répartition du lot {lot} (ligne {line})', 'allocation key of lot {lot} (line {line})'],
  allocation_total: ['total des clés (ligne {line})', 'total of the keys (line {line})'],
  lot_total_ht: ['prix de revient HT du lot {lot}', 'cost price excl. VAT of lot {lot}'],
  lot_vat: ['TVA du lot {lot} (au centime)', 'VAT of lot {lot} (to the cent)'],
  lot_total_ttc: ['prix de revient TTC du lot {lot}', 'cost price incl. VAT of lot {lot}'],
  total_vat: ['TVA (Σ des lots)', 'VAT (Σ of the lots)'],
  total_ttc: ['prix de revient TTC', 'cost price incl. VAT'],
  subsidy_line: ['subvention {label}', 'subsidy {label}'],
  equity_line: ['fonds propres (lot {lot})', 'equity (lot {lot})'],
  lot_subsidies: ['subventions du lot {lot}', 'subsidies of lot {lot}'],
  lot_equity: ['fonds propres du lot {lot}', 'equity of lot {lot}'],
  loan_line: ['{loan} (lot {lot})', '{loan} (lot {lot})'],
  default_loans: ['prêts CDC par défaut du lot {lot} (le reste à financer)', 'default CDC loans of lot {lot} (what is left to finance)'],
  lot_loans: ['prêts du lot {lot}', 'loans of lot {lot}'],
  lot_cdc_loans: ['prêts CDC du lot {lot}', 'CDC loans of lot {lot}'],
  lot_sources: ['ressources du lot {lot}', 'sources of lot {lot}'],
  lot_financing_balanced: ['plan du lot {lot} équilibré (ressources = emplois)', 'plan of lot {lot} balanced (sources = uses)'],
  financing_uses: ['emplois: prix de revient TTC des lots locatifs', 'uses: cost incl. VAT of the rental lots'],
  financing_subsidies: ['subventions des lots locatifs', 'subsidies of the rental lots'],
  financing_equity: ['fonds propres des lots locatifs', 'equity of the rental lots'],
  financing_loans: ['prêts des lots locatifs', 'loans of the rental lots'],
  financing_cdc: ['prêts CDC des lots locatifs', 'CDC loans of the rental lots'],
  financing_balanced: ['chaque plan de financement locatif équilibré', 'every rental financing plan balanced'],
  ratio: ['part', 'share'],
  per_unit: ['ratio', 'ratio'],
  rent_index: ['indice des loyers, année {year}', 'rent index, year {year}'],
  charges_index: ['indice des charges, année {year}', 'charges index, year {year}'],
  one_plus: ['facteur 1 + taux', 'factor 1 + rate'],
  one_minus: ['facteur 1 − taux', 'factor 1 − rate'],
  irl: ['révision IRL', 'IRL revision'],
  loss_rate: ['vacance + impayés', 'vacancy + bad debt'],
  contribution_rate: ['cotisations CGLLS + ANCOLS', 'CGLLS + ANCOLS contributions'],
  row_rent: ['loyers, année {year}', 'rents, year {year}'],
  row_annex_rent: ['loyers des annexes, année {year}', 'annex rents, year {year}'],
  row_redevance_charges: ['part charges des redevances, année {year}', 'charges part of the redevances, year {year}'],
  row_collected_rents: ['loyers encaissés hors part charges des redevances, année {year}', 'rents collected without the redevances’ charges part, year {year}'],
  row_gross: ['loyers bruts, année {year}', 'gross rents, year {year}'],
  row_collected: ['loyers encaissés, année {year}', 'rents collected, year {year}'],
  row_share_income: ['rachats de parts (SCIAPP), année {year}', 'share purchases (SCIAPP), year {year}'],
  row_advance_repayment: ['remboursement d’avances de fonds propres, année {year}', 'equity advance repayments, year {year}'],
  advance_annuity: ['annuité de l’avance de fonds propres — {lot}, année {year}', 'equity advance annuity — {lot}, year {year}'],
  first_year_fraction: ['part de l’année 1 louée (mise en location)', 'share of year 1 let (letting date)'],
  rent_index_prorated: ['indice des loyers de l’année 1, au prorata de la part louée', 'year-1 rent index, prorated to the share let'],
  main_loan_years_shifted: ['durée du prêt principal + 1 (première annuité l’année 2)', 'main loan’s life + 1 (first annuity in year 2)'],
  longest_loan_years_shifted: ['durée du prêt le plus long + 1 (première annuité l’année 2)', 'longest loan + 1 (first annuity in year 2)'],
  lot_equity_advances: ['avances de fonds propres rémunérées — {lot}', 'remunerated equity advances — {lot}'],
  equity_advance_line: ['avance de fonds propres rémunérée — {lot}', 'remunerated equity advance — {lot}'],
  months_let: ['mois loués l’année 1 (date de mise en location)', 'months let in year 1 (letting date)'],
  row_income: ['recettes, année {year}', 'income, year {year}'],
  row_management: ['gestion, année {year}', 'management, year {year}'],
  row_maintenance: ['maintenance, année {year}', 'maintenance, year {year}'],
  row_major_maintenance: ['gros entretien, année {year}', 'major maintenance, year {year}'],
  row_tfpb: ['TFPB, année {year}', 'property tax (TFPB), year {year}'],
  row_insurance: ['assurance, année {year}', 'insurance, year {year}'],
  row_teom: ['TEOM, année {year}', 'household waste tax (TEOM), year {year}'],
  row_other: ['autres charges, année {year}', 'other charges, year {year}'],
  row_line: ['ligne « {line} », année {year}', 'line "{line}", year {year}'],
  line_index: ['indice de la ligne « {line} », année {year}', 'index of line "{line}", year {year}'],
  line_typed_share: ['part du lot du montant de l’opération', 'the lot’s share of the operation’s amount'],
  rental_dwellings: ['logements locatifs de l’opération', 'rental dwellings of the operation'],
  lot_rent_coef_net_of_lines: ['effet de 1 €/m² SU/mois de loyer sur le cumul, net des lignes en % des loyers, année {year}', 'effect of 1 €/m² SU/month of rent on the cumulative, net of the lines at % of rents, year {year}'],
  lot_rent_coef_lines: ['part des lignes en % des loyers, cumulée à l’année {year}', 'share of the lines at % of rents, cumulated to year {year}'],
  lot_rent_coef_lines_year: ['part des lignes en % des loyers, année {year}', 'share of the lines at % of rents, year {year}'],
  lines_pct_of_rents: ['lignes en % des loyers, année {year}', 'lines at % of rents, year {year}'],
  line_recoverable_pct: ['part vacante d’une ligne récupérable', 'vacant share of a recoverable line'],
  row_contributions: ['cotisations, année {year}', 'contributions, year {year}'],
  row_annuities: ['annuités, année {year}', 'annuities, year {year}'],
  loan_annuity: ['annuité — {loan}, année {year}', 'annuity — {loan}, year {year}'],
  row_charges: ['charges (annuités comprises), année {year}', 'charges (annuities included), year {year}'],
  row_cash_flow: ['autofinancement, année {year}', 'cash flow, year {year}'],
  row_cumulative: ['autofinancement cumulé, année {year}', 'cumulative cash flow, year {year}'],
  min_cumulative: ['point bas du cumul sur la durée du test', 'lowest cumulative over the test years'],
  min_cumulative_year: ['année du point bas', 'year of the lowest point'],
  test_years: ['durée du test (prêt principal, dans l’horizon)', 'test years (main loan, within the horizon)'],
  main_loan_years: ['durée du prêt principal (le plus long, bâti)', 'main loan’s life (the longest building loan)'],
  loan_duration: ['durée — {loan}', 'duration — {loan}'],
  longest_loan_years: ['durée du prêt le plus long', 'longest loan’s life'],
  horizon: ['horizon du compte', 'account horizon'],
  lot_rent: ['loyer du lot {lot}', 'rent of lot {lot}'],
  break_even_rounded_up: ['redevance d’équilibre, arrondie au 1/10 000 € supérieur', 'break-even redevance, rounded up to €1/10,000'],
  structure_coefficient: ['coefficient de structure CS = a × (1 + b × N ÷ SU)', 'structure coefficient CS = a × (1 + b × N ÷ SU)'],
  lli_coefficient: ['coefficient LLI min(a + b ÷ S, plafond)', 'LLI coefficient min(a + b ÷ S, cap)'],
  conventioned_dwellings: ['N: logements conventionnés (régime SU)', 'N: conventioned dwellings (SU regime)'],
  conventioned_su: ['SU des logements conventionnés', 'SU of the conventioned dwellings'],
  foyer_conventioned_dwellings: ['N: logements-foyers de l’opération', 'N: foyer units of the operation'],
  foyer_conventioned_su: ['SU des logements-foyers', 'SU of the foyer units'],
  foyer_rent_equivalent: ['équivalence de loyer du lot {lot} (redevance − part charges)', 'rent-equivalent of lot {lot} (redevance − charges part)'],
  foyer_whole_monthly: ['redevance mensuelle des logements-foyers du lot {lot}', 'monthly redevance of the units of lot {lot}'],
  foyer_charges_monthly: ['part charges mensuelle des logements-foyers du lot {lot}', 'monthly charges part of the units of lot {lot}'],
  foyer_whole_per_m2: ['redevance au m² SU du lot {lot}', 'redevance per m² SU of lot {lot}'],
  foyer_charges_per_m2: ['part charges au m² SU du lot {lot}', 'charges part per m² SU of lot {lot}'],
  year1_redevance_charges: ['part charges des redevances, année 1', 'charges part of the redevances, year 1'],
  cs_b_times_n: ['b × N', 'b × N'],
  cs_per_su: ['b × N ÷ SU', 'b × N ÷ SU'],
  max_rent: ['loyer maximum (plafond × CS × (1 + marge locale))', 'maximum rent (ceiling × CS × (1 + local margin))'],
  year1_dwelling_rent: ['loyers des logements, année 1 (SU × loyer × 12)', 'dwelling rents, year 1 (SU × rent × 12)'],
  year1_annex_rent: ['loyers des annexes, année 1', 'annex rents, year 1'],
  year1_rent: ['loyers de l’année 1', 'year-1 rents'],
  rental_cost_ttc: ['prix de revient TTC des lots locatifs', 'cost incl. VAT of the rental lots'],
  lot_annuities_year1: ['annuités de l’année 1, lot {lot}', 'year-1 annuities, lot {lot}'],
  annuities_year1: ['annuités de l’année 1', 'year-1 annuities'],
  loan_annuity_year1: ['annuité — {loan}, année 1', 'annuity — {loan}, year 1'],
  cumulative_at_zero_rent: ['cumul à loyer nul, année {year}', 'cumulative at zero rent, year {year}'],
  rent_part: ['part des loyers dans le cumul (A × loyer), lot {lot}', 'rents’ part of the cumulative (A × rent), lot {lot}'],
  rent_coef: ['A: cumul apporté par 1 €/m² SU/mois, année {year}', 'A: cumulative brought by €1/m² SU/month, year {year}'],
  rent_step: ['écart de loyer: cumul ÷ A', 'rent gap: cumulative ÷ A'],
  break_even_closed_form: ['loyer − cumul ÷ A à l’année qui lie ({year})', 'rent − cumulative ÷ A at the binding year ({year})'],
  break_even_rent_all: ['loyer d’équilibre, un même loyer pour tous les lots locatifs (0 − cumul à loyer nul ÷ A à l’année qui lie: {year})', 'break-even rent, one rent for every rental lot (0 − cumulative at zero rent ÷ A at the binding year: {year})'],
  break_even_rent: ['loyer d’équilibre {lot} (loyer − cumul ÷ A à l’année qui lie: {year})', 'break-even rent {lot} (rent − cumulative ÷ A at the binding year: {year})'],
  rental_balanced: ['test du compte locatif: point bas ≥ 0', 'rental account test: lowest point ≥ 0'],
  rental_need: ['besoin du compte locatif {lot} (point bas s’il est négatif)', 'need of rental account {lot} (lowest point when negative)'],
  ofs_need: ['besoin de l’OFS du lot {lot}', 'need of the OFS of lot {lot}'],
  ofs_min_cumulative: ['point bas de l’OFS du lot {lot}', 'lowest point of the OFS of lot {lot}'],
  operation_balance: ['solde de l’opération après péréquation', 'balance of the operation after cross-subsidy'],
  operation_balanced: ['opération équilibrée: solde ≥ 0', 'operation balanced: balance ≥ 0'],
  deficit_years: ['années d’autofinancement négatif', 'years of negative cash flow'],
  deficit_year: ['autofinancement négatif, année {year}', 'negative cash flow, year {year}'],
  equity_recovery_year: ['point mort: première année où le cumul atteint les fonds propres', 'payback: first year the cumulative reaches the equity'],
  equity: ['fonds propres', 'equity'],
  npv: ['VAN des fonds propres', 'NPV of the equity'],
  irr: ['TRI des fonds propres', 'IRR of the equity'],
  sale_margin: ['marge du lot {lot}', 'margin of lot {lot}'],
  to_cover: ['coût HT à couvrir (prix de revient − subventions)', 'cost excl. VAT to cover (cost − subsidies)'],
  sale_subsidies: ['subventions du lot {lot}', 'subsidies of lot {lot}'],
  operator_cost: ['coût de l’opérateur (sans le foncier de l’OFS)', 'operator’s cost (without the OFS’s land)'],
  lot_land: ['charge foncière HT du lot {lot}', 'land charge excl. VAT of lot {lot}'],
  revenue_ttc: ['recette TTC du lot {lot}', 'revenue incl. VAT of lot {lot}'],
  marketing: ['commercialisation du lot {lot}', 'marketing of lot {lot}'],
  psla_carrying: ['portage de la phase locative PSLA', 'PSLA rental-phase carrying cost'],
  price_ht_shab: ['prix HT au m² SHAB du lot {lot}', 'price excl. VAT per m² SHAB of lot {lot}'],
  sale_price_ttc: ['prix TTC au m² SHAB du lot {lot}', 'price incl. VAT per m² SHAB of lot {lot}'],
  contract_revenue: ['recette HT au contrat (prix × SHAB)', 'contract revenue excl. VAT (price × SHAB)'],
  sale_revenue: ['recette HT du lot {lot}', 'revenue excl. VAT of lot {lot}'],
  psla_price_factor: ['facteur de prix à la levée d’option (PSLA)', 'price factor at option (PSLA)'],
  discount_vs_market: ['décote sur le marché', 'discount vs the market'],
  headroom_vs_ceiling: ['marge sous le plafond', 'headroom under the ceiling'],
  coop_redevance: ['redevance (part loyer) du lot {lot}', 'redevance (rent part) of lot {lot}'],
  coop_payment: ['versement mensuel au m² SU', 'monthly payment per m² SU'],
  coop_payment_total: ['versement mensuel du lot', 'monthly payment of the lot'],
  max_inflation: ['hausse maximale du coût de construction', 'largest construction-cost rise'],
  balancing_price: ['prix d’équilibre du lot {lot}', 'balancing price of lot {lot}'],
  loan_terms: ['conditions — {loan}', 'terms — {loan}'],
  // acquisition-amélioration
  transfer_duties: ['droits de mutation (prix × taux)', 'transfer duties (price × rate)'],
  emolument_bracket_base: ['part du prix dans la tranche {index} du tarif', 'part of the price in bracket {index} of the tariff'],
  emolument_bracket: ['émoluments de la tranche {index}', 'emoluments of bracket {index}'],
  notary_emoluments: ['émoluments proportionnels du notaire HT', 'notary’s proportional emoluments excl. VAT'],
  notary_emoluments_vat: ['TVA sur les émoluments', 'VAT on the emoluments'],
  security_contribution: ['contribution de sécurité immobilière', 'property security contribution'],
  lot_no_vat: ['part du lot {lot} hors TVA (achat d’un immeuble existant, droits et frais)', 'part of lot {lot} outside VAT (purchase of an existing building, duties and fees)'],
  lot_vat_base: ['base de TVA du lot {lot} (HT − part hors TVA)', 'VAT base of lot {lot} (excl. VAT − part outside VAT)'],
  lot_land_taxed: ['charge foncière soumise à TVA du lot {lot}', 'land charge subject to VAT of lot {lot}'],
  // VAT per cost line (docs/cost-price.md)
  line_vat_rate: ['taux de TVA propre à la ligne {line}', 'own VAT rate of line {line}'],
  line_vat: ['TVA de la part du lot {lot} de la ligne {line} (part × taux de la ligne)', 'VAT of lot {lot}’s part of line {line} (part × the line’s rate)'],
  lot_vat_base_by_line: ['part du lot {lot} au taux du lot (HT − lignes à leur propre taux et hors TVA)', 'part of lot {lot} at the lot’s rate (excl. VAT − lines at their own rate and outside VAT)'],
  vat_at_lot_rate: ['TVA au taux du lot {lot}', 'VAT at the rate of lot {lot}'],
  lot_land_at_lot_rate: ['charge foncière du lot {lot} au taux du lot', 'land charge of lot {lot} at the lot’s rate'],
  line_part_ttc: ['part TTC du lot {lot} de la ligne {line} (à son propre taux)', 'part incl. VAT of lot {lot} of line {line} (at its own rate)'],
  lot_land_taxed_ttc: ['charge foncière soumise à TVA, TTC, du lot {lot}', 'land charge subject to VAT, incl. VAT, of lot {lot}'],
  // dwelling types and prices per dwelling
  type_price: ['prix TTC d’un {type} du lot {lot}', 'price incl. VAT of one {type} of lot {lot}'],
  type_revenue: ['recette TTC des {type} du lot {lot} (prix × nombre)', 'revenue incl. VAT of the {type} of lot {lot} (price × count)'],
  contract_revenue_ttc: ['recette TTC au contrat du lot {lot}', 'contract revenue incl. VAT of lot {lot}'],
  discount_weighted: ['décote × SHAB du lot {lot}', 'discount × SHAB of lot {lot}'],
  discount_weighted_total: ['Σ décote × SHAB', 'Σ discount × SHAB'],
  market_shab: ['SHAB des lots avec un prix de marché', 'SHAB of the lots with a market price'],
  average_discount: ['décote moyenne sur le marché (pondérée par la SHAB)', 'average discount vs the market (weighted by SHAB)'],
  // VEFA between owners
  vefa_price_ht: ['prix VEFA HT du lot {lot}', 'VEFA price excl. VAT of lot {lot}'],
  vefa_vat: ['TVA sur le prix VEFA du lot {lot}', 'VAT on the VEFA price of lot {lot}'],
  vefa_price_ttc: ['prix VEFA TTC du lot {lot}', 'VEFA price incl. VAT of lot {lot}'],
  vefa_fees: ['frais propres de l’acquéreur du lot {lot}', 'buyer’s own fees of lot {lot}'],
  vefa_buyer_ht: ['coût HT du lot {lot} pour l’acquéreur (prix + frais)', 'cost excl. VAT of lot {lot} to its buyer (price + fees)'],
  vefa_buyer_ttc: ['coût TTC du lot {lot} pour l’acquéreur (prix TTC + frais)', 'cost incl. VAT of lot {lot} to its buyer (price incl. VAT + fees)'],
  vefa_land: ['part foncière du prix VEFA du lot {lot} (au plus le prix)', 'land share of the VEFA price of lot {lot} (at most the price)'],
  vefa_seller_margin: ['marge du vendeur en VEFA du lot {lot} (prix HT − son coût)', 'seller’s VEFA margin on lot {lot} (price excl. VAT − its cost)'],
  vefa_price_vs_cost: ['prix VEFA par rapport au coût du vendeur', 'VEFA price against the seller’s cost'],
  vefa_no_cap: ['pas de plafond de prix VEFA dans le fichier (lot {lot})', 'no VEFA price cap in the file (lot {lot})'],
  vefa_within_cap: ['prix VEFA HT/m² SU ≤ plafond du fichier (lot {lot})', 'VEFA price excl. VAT per m² SU ≤ the file’s cap (lot {lot})'],
  // owners
  ofs_group_lot: ['lot {lot} porté par l’OFS {ofs}', 'lot {lot} carried by the OFS {ofs}'],
  ofs_group_lots: ['lots BRS de l’OFS {ofs}', 'BRS lots of the OFS {ofs}'],
  ofs_group_land: ['foncier porté par l’OFS {ofs}', 'land carried by the OFS {ofs}'],
  ofs_group_loan: ['prêts Gaïa de l’OFS {ofs}', 'Gaïa loans of the OFS {ofs}'],
  ofs_group_redevance_year1: ['redevances de l’année 1 de l’OFS {ofs}', 'year-1 fees of the OFS {ofs}'],
  ofs_group_cash_flow: ['trésorerie de l’OFS {ofs}, année {year}', 'cash flow of the OFS {ofs}, year {year}'],
  ofs_group_cumulative: ['cumul de l’OFS {ofs}, année {year}', 'cumulative of the OFS {ofs}, year {year}'],
  ofs_group_min: ['point bas de l’OFS {ofs}', 'lowest point of the OFS {ofs}'],
  ofs_group_min_year: ['année du point bas de l’OFS {ofs}', 'year of the lowest point of the OFS {ofs}'],
  ofs_group_balanced: ['OFS {ofs} équilibré: point bas ≥ 0', 'OFS {ofs} balanced: lowest point ≥ 0'],
  ofs_group_need: ['besoin de l’OFS {ofs} (point bas s’il est négatif)', 'need of the OFS {ofs} (lowest point when negative)'],
  owner_sale_margin: ['marges des lots en vente de {owner}', 'margins of the sale lots of {owner}'],
  owner_rental_need: ['besoins des comptes locatifs de {owner}', 'needs of the rental accounts of {owner}'],
  owner_ofs_need: ['besoin de l’OFS {owner}', 'need of the OFS {owner}'],
  owner_vefa_margin: ['marges de {owner} sur les lots vendus en VEFA', 'margins of {owner} on the lots sold in VEFA'],
  owner_vefa_flow: ['flux VEFA de {owner} (prix HT: vendus − achetés)', 'VEFA flow of {owner} (prices excl. VAT: sold − bought)'],
  owner_vefa_sold: ['lots vendus en VEFA par {owner}', 'lots sold in VEFA by {owner}'],
  owner_vefa_bought: ['lots achetés en VEFA par {owner}', 'lots bought in VEFA by {owner}'],
  owner_balance: ['solde de {owner} seul', 'balance of {owner} on its own'],
  owner_balanced: ['{owner} équilibré seul: solde ≥ 0', '{owner} balanced on its own: balance ≥ 0'],
  owner_margins: ['marges propres de {owner} (ventes + VEFA)', 'own margins of {owner} (sales + VEFA)'],
  transfer: ['transfert de {from} à {to}', 'transfer from {from} to {to}'],
  transfer_base: ['marges de {from}, si elles sont positives', 'margins of {from}, when positive'],
  owner_transfers: ['transferts de {owner} (reçus − donnés)', 'transfers of {owner} (received − given)'],
  owner_transfers_in: ['transferts reçus par {owner}', 'transfers received by {owner}'],
  owner_transfers_out: ['transferts donnés par {owner}', 'transfers given by {owner}'],
  pooled_result: ['résultat mis en commun de {owner} (solde + transferts)', 'pooled result of {owner} (balance + transfers)'],
  pool_part: ['part de {partner} dans le résultat de {owner}', 'share of {partner} in the result of {owner}'],
  pool_part_last: ['part de {partner} dans le résultat de {owner} (le reste)', 'share of {partner} in the result of {owner} (the remainder)'],
  owner_pooling: ['mise en commun de {owner} (reçu − mis en commun)', 'pooling of {owner} (received − pooled)'],
  owner_pooling_in: ['parts reçues par {owner}', 'shares received by {owner}'],
  owner_pooling_out: ['résultat mis en commun par {owner}', 'result pooled by {owner}'],
  owner_balance_after: ['solde de {owner} après transferts et mise en commun', 'balance of {owner} after transfers and pooling'],
  owner_balanced_after: ['{owner} équilibré après transferts: solde ≥ 0', '{owner} balanced after transfers: balance ≥ 0'],
};

/** A cost line by its id, named as the report names it (report/words.ts). */
function lineName(id: string, lang: Lang, lines: readonly CostLine[]): string {
  const line = lines.find((l) => l.id === id);
  return line ? costLineLabel(line, lang) : id;
}

/** A loan by its id, named as the plan de financement names it (report/words.ts); the PSLA and Gaïa loans by their product. */
function loanName(args: Record<string, string | number>, lang: Lang, loans: readonly LoanLine[]): string {
  if (args.loan !== undefined) {
    const l = loans.find((x) => x.id === String(args.loan));
    return l ? labelText(loanLabel(l), lang) : String(args.loan);
  }
  const p = PRODUCT_NAME[String(args.product)];
  return p ? t(p, lang) : String(args.product ?? '');
}
const PRODUCT_NAME: Record<string, Words> = { psla: ['prêt PSLA', 'PSLA loan'], gaia_lt: ['prêt Gaïa de l’OFS', 'OFS Gaïa loan'] };

/** The rules src/explain names by a code (the others are citations, the same in both languages). */
const RULE_WORDS: Record<string, Words> = {
  cdc_product_terms: ['CDC, fiches produits (Livret A + marge, double révisabilité)', 'CDC product sheets (Livret A + margin, double revisability)'],
  cdc_default_loans: ['CDC, prêts du produit (financing.cdc_default_loans)', 'CDC, the product’s loans (financing.cdc_default_loans)'],
  cdc_land_loan_cap: ['CDC: prêt foncier ≤ charge foncière TTC', 'CDC: land loan ≤ land charge incl. VAT'],
  ofs_cumulative: ['OFS: cumul ≥ 0 sur la durée du prêt foncier', 'OFS: cumulative ≥ 0 over the land loan’s life'],
  psla_price_reduction: ['PSLA: prix minoré de 1 % par année d’occupation (pratique)', 'PSLA: price reduced by 1% per year of occupancy (practice)'],
  residual_land: ['compte à rebours (charge foncière supportable)', 'residual land value (bearable land charge)'],
  target_margin_price: ['marge cible: R = (C + portage) ÷ (1 − m − mk × (1 + TVA))', 'target margin: R = (C + carrying) ÷ (1 − m − mk × (1 + VAT))'],
  rent_ceilings: ['circulaire loyers (plafonds de loyer, marge locale)', 'rents circular (rent ceilings, local margin)'],
  lli_ceilings: ['CGI art. 279-0 bis A; plafonds LLI', 'CGI art. 279-0 bis A; LLI ceilings'],
};
/** A node's rule in the language. */
export function ruleText(rule: string, lang: Lang): string {
  const w = RULE_WORDS[rule];
  return w ? t(w, lang) : rule;
}

/** How the op reads, in words, for the formula line. */
const OP_WORDS: Record<string, Words> = {
  sum: ['somme', 'sum'], diff: ['différence', 'difference'], product: ['produit', 'product'], quotient: ['quotient', 'quotient'],
  pct_of: ['part en %', 'share in %'], gap_pct: ['écart en %', 'gap in %'], one_plus: ['1 +', '1 +'], one_minus: ['1 −', '1 −'],
  min: ['minimum', 'minimum'], max: ['maximum', 'maximum'], round_cents: ['arrondi au centime', 'rounded to the cent'], round_up_4dp: ['arrondi au dix-millième supérieur', 'rounded up to 1/10 000'], same: ['repris de', 'taken from'],
  gte: ['comparaison', 'comparison'], lt: ['comparaison', 'comparison'], eq: ['égalité', 'equality'], all: ['tous vrais', 'all true'], count: ['nombre de vrais', 'count of true'],
  argmin: ['année du minimum', 'year of the minimum'], share: ['répartition (plus forts restes)', 'allocation (largest remainder)'], npv: ['actualisation', 'discounting'],
  search: ['recherche', 'search'], schedule: ['échéancier', 'schedule'],
};

const UNIT: Record<string, Words> = {
  m2: ['m²', 'm²'], count: ['', ''], years: ['ans', 'years'], months: ['mois', 'months'], eur_per_m2_su_month: ['€/m² SU/mois', '€/m² SU/month'],
  eur_per_m2_shab: ['€/m² SHAB', '€/m² SHAB'], eur_per_m2_sp: ['€/m² SP', '€/m² floor area'], eur_per_dwelling: ['€/logement', '€/dwelling'],
  eur_per_m2_su: ['€/m² SU', '€/m² SU'], eur_per_eur_per_m2_su_month: ['€ par €/m² SU/mois', '€ per €/m² SU/month'], weight: ['', ''], number: ['', ''], ratio: ['', ''],
};

export interface ExplainWordsOptions {
  lang: Lang;
  model: Model;
  file: string;
  /** The evaluation's cost lines and loan lines, named by report/words.ts. */
  lines: readonly CostLine[];
  loans: readonly LoanLine[];
}

const t = (w: Words, lang: Lang) => (lang === 'fr' ? w[0] : w[1]);

/** The value with its unit, in the language (money to the cent, rents to 4 decimals, ratios to 6). */
export function valueText(v: ExplainValue, unit: string, lang: Lang): string {
  if (v === null) return lang === 'fr' ? 'non défini' : 'undefined';
  if (typeof v === 'boolean') return v ? (lang === 'fr' ? 'oui' : 'yes') : (lang === 'fr' ? 'non' : 'no');
  const d: Dec = typeof v === 'number' ? D(v) : v;
  if (unit === 'eur') return fmtEur(d, lang, 2);
  if (unit === 'pct') return `${plain(d, lang, 4)}${lang === 'fr' ? ' %' : '%'}`;
  if (unit === 'year') return `${lang === 'fr' ? 'année' : 'year'} ${fmtNum(d, 0, lang)}`;
  if (unit === 'ratio' || unit === 'weight' || unit === 'number') return plain(d, lang, 6);
  const u = UNIT[unit];
  const dp = unit === 'eur_per_m2_su_month' ? 4 : unit === 'count' || unit === 'years' || unit === 'months' ? 0 : 2;
  const n = plain(d, lang, dp);
  return u && t(u, lang) ? `${n} ${t(u, lang)}` : n;
}

/** The node's name, in words. */
export function conceptText(n: ExplainNode, opts: ExplainWordsOptions): string {
  const { lang, model } = opts;
  const args = n.args ?? {};
  if (n.concept === 'parameter' && args.key) {
    const p = model.params[String(args.key)];
    return p ? labelText(p.label, lang) : String(args.key);
  }
  if (n.concept === 'default' && args.key) {
    const d = DEFAULTS[String(args.key) as keyof typeof DEFAULTS];
    return d ? labelText(d.label, lang) : String(args.key);
  }
  if (n.concept === 'input' || n.concept === 'metric') return args.label ? `${n.id} (${String(args.label)})` : n.id;
  const w = CONCEPT[n.concept];
  if (!w) return n.id;
  return t(w, lang).replace(/\{(\w+)\}/g, (_, k: string) => {
    if (k === 'line') return lineName(String(args.line), lang, opts.lines);
    if (k === 'loan') return loanName(args, lang, opts.loans);
    if (k === 'chapter') { const c = CHAPTER_NAME[String(args.chapter) as keyof typeof CHAPTER_NAME]; return c ? t(c, lang) : String(args.chapter); }
    return args[k] !== undefined ? String(args[k]) : '';
  }).replace(/ {2,}/g, ' ').replace(/ \(/g, ' (').trim();
}

/** Where a leaf comes from, in words: `exemple.yaml:42:5 lots[0].shab_m2 = 780`, a parameter with its vintage and sources… */
export function originText(n: ExplainNode, opts: ExplainWordsOptions): string {
  const o = n.origin;
  if (!o) return '';
  const { lang } = opts;
  const v = valueText(n.value, n.unit, lang);
  switch (o.kind) {
    case 'input': return `${o.line !== undefined ? `${opts.file}:${o.line}:${o.col} ` : `${opts.file} `}${pathText(o.path)} = ${v}`;
    case 'override': return `--set ${o.expr}`;
    case 'parameter': return `${lang === 'fr' ? 'paramètre' : 'parameter'} ${o.key} (${lang === 'fr' ? 'millésime' : 'vintage'} ${o.vintage}${o.sources.length ? `; ${o.sources.map((s) => `[${s}]`).join(' ')}` : ''})`;
    case 'default': return `${lang === 'fr' ? 'défaut' : 'default'} ${o.key}${o.sources.length ? ` (${o.sources.map((s) => `[${s}]`).join(' ')})` : ''}`;
    case 'constant': return n.rule ? `${lang === 'fr' ? 'constante' : 'constant'} (${ruleText(n.rule, lang)})` : (lang === 'fr' ? 'constante' : 'constant');
    case 'computed': return `${lang === 'fr' ? 'calculé' : 'computed'}: ${o.where}`;
  }
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The formula of a node in symbols, with its operands' values: `= 780 m² + 30 m²`. */
export function formulaText(n: ExplainNode, lang: Lang): string {
  const k = n.children;
  const v = (c: ExplainNode) => valueText(c.value, c.unit, lang);
  const many = (sym: string) => (k.length <= 5 ? k.map((c, i) => (i > 0 && sym === '+' && v(c).startsWith('−') ? `(${v(c)})` : v(c))).join(` ${sym} `) : `${t(OP_WORDS[n.op]!, lang)} ${lang === 'fr' ? 'de' : 'of'} ${k.length} ${lang === 'fr' ? 'termes' : 'terms'}`);
  switch (n.op) {
    case 'sum': return k.length === 0 ? (lang === 'fr' ? '= 0 (aucun terme)' : '= 0 (no term)') : `= ${many('+')}`;
    case 'diff': return `= ${k.map((c, i) => (i > 0 && v(c).startsWith('−') ? `(${v(c)})` : v(c))).join(' − ')}`;
    case 'product': return `= ${many('×')}`;
    case 'quotient': return `= ${v(k[0]!)} ÷ ${v(k[1]!)}`;
    case 'pct_of': return `= ${v(k[0]!)} ÷ ${v(k[1]!)} × 100`;
    case 'gap_pct': return `= (1 − ${v(k[0]!)} ÷ ${v(k[1]!)}) × 100`;
    case 'one_plus': return `= 1 + ${v(k[0]!)}`;
    case 'one_minus': return `= 1 − ${v(k[0]!)}`;
    case 'min': return k.length <= 4 ? `= min(${k.map(v).join(' ; ')})` : `= min ${lang === 'fr' ? 'de' : 'of'} ${k.length} ${lang === 'fr' ? 'valeurs' : 'values'}`;
    case 'max': return k.length <= 4 ? `= max(${k.map(v).join(' ; ')})` : `= max ${lang === 'fr' ? 'de' : 'of'} ${k.length} ${lang === 'fr' ? 'valeurs' : 'values'}`;
    case 'round_cents': return `= ${lang === 'fr' ? 'arrondi au centime de' : 'rounded to the cent of'} ${v(k[0]!)}`;
    case 'round_up_4dp': return `= ${lang === 'fr' ? 'arrondi au dix-millième supérieur de' : 'rounded up to 1/10 000 of'} ${v(k[0]!)}`;
    case 'same': return `= ${v(k[0]!)}`;
    case 'gte': return `= ${v(k[0]!)} ≥ ${v(k[1]!)}`;
    case 'lt': return `= ${v(k[0]!)} < ${v(k[1]!)}`;
    case 'eq': return `= (${v(k[0]!)} = ${v(k[1]!)})`;
    case 'all': return lang === 'fr' ? `= ${k.length} condition(s) toutes vraies` : `= all ${k.length} condition(s) true`;
    case 'count': return lang === 'fr' ? `= nombre d'années vraies parmi ${k.length}` : `= years true among ${k.length}`;
    case 'argmin': return lang === 'fr' ? `= année du plus bas des ${k.length} cumuls` : `= year of the lowest of ${k.length} cumulatives`;
    case 'share': return `≈ ${v(k[0]!)} × ${v(k[1]!)} ÷ ${v(k[2]!)}`;
    case 'schedule': return lang === 'fr' ? `= échéancier du prêt (equilibre loan; report --detail loans), de ses conditions: ${k.map(v).join(', ')}` : `= loan schedule (equilibre loan; report --detail loans), from its terms: ${k.map(v).join(', ')}`;
    case 'npv': return lang === 'fr' ? `= −${v(k[0]!)} + Σ autofinancement ÷ (1 + ${v(k[1]!)})^année` : `= −${v(k[0]!)} + Σ cash flow ÷ (1 + ${v(k[1]!)})^year`;
    default: return '';
  }
}

/** What a search solved, its bounds, its answer and the check at the answer, in words. */
export function searchText(n: ExplainNode, lang: Lang): string {
  const s = n.search!;
  const b = s.bounds ? `[${s.bounds.map((x) => (Number.isFinite(x) ? plain(D(x), lang) : '∞')).join(' ; ')}]` : '';
  const ans = valueText(s.answer, n.unit, lang);
  const chk = s.check ? `${s.check.metric} = ${valueText(s.check.value, s.check.unit, lang)}` : '';
  if (lang === 'fr') return `recherche: ${s.solves} = ${plain(D(s.target), lang)} en faisant varier ${s.moves}${b ? ` dans ${b}` : ''}; ${s.status === 'found' ? `réponse ${ans}` : `pas de réponse (${s.status})`}${chk ? `; contrôle réévalué: ${chk}` : ''}`;
  return `search: ${s.solves} = ${plain(D(s.target), lang)} by moving ${s.moves}${b ? ` within ${b}` : ''}; ${s.status === 'found' ? `answer ${ans}` : `no answer (${s.status})`}${chk ? `; re-evaluated check: ${chk}` : ''}`;
}

/** A min/argmin/count over many years: the children worth showing (the one that decides, the first and last). */
function shownChildren(n: ExplainNode): { shown: ExplainNode[]; hidden: number } {
  if (n.children.length <= 6) return { shown: n.children, hidden: 0 };
  if (n.op === 'min' || n.op === 'argmin' || n.op === 'max') {
    const target = n.op === 'argmin' ? n.children[Number(n.value) - 1] : n.children.find((c) => isDec(c.value) && isDec(n.value) && c.value.eq(n.value));
    return { shown: target ? [target] : [], hidden: n.children.length - (target ? 1 : 0) };
  }
  if (n.op === 'count') { const t2 = n.children.filter((c) => c.value === true); return { shown: t2.slice(0, 3), hidden: n.children.length - Math.min(3, t2.length) }; }
  if (n.op === 'npv' || n.op === 'search') return { shown: n.children.slice(0, 3), hidden: n.children.length - 3 };
  if (n.op === 'product' && n.children.every((c) => c === n.children[0])) return { shown: [n.children[0]!], hidden: n.children.length - 1 };
  return { shown: n.children, hidden: 0 };
}

export interface ExplainRenderOptions extends ExplainWordsOptions {
  depth: number;
  width: number;
}

const sameValue = (a: ExplainValue, b: ExplainValue): boolean => (isDec(a) || typeof a === 'number') && (isDec(b) || typeof b === 'number') ? D(a).eq(D(b)) : a === b;

/** The tree as indented text (table format): one node a line, wrapped to the width. */
export function renderExplainText(root: ExplainNode, opts: ExplainRenderOptions): string {
  const { lang } = opts;
  const out: string[] = [];
  const seen = new Set<ExplainNode>();
  out.push(`${root.id} = ${valueText(root.value, root.unit, lang)}`);
  const walk = (n0: ExplainNode, level: number, prefix: string) => {
    // a figure that only rounds or repeats its one operand is shown with that operand's derivation
    let n = n0;
    let note = '';
    let through: ExplainNode | undefined;
    const only = n.children[0];
    if ((n.op === 'round_cents' || n.op === 'same') && n.children.length === 1 && only && only.op !== 'leaf' && sameValue(only.value, n.value)) {
      note = n.op === 'round_cents' ? (lang === 'fr' ? ' (au centime)' : ' (to the cent)') : '';
      n = { ...only, id: n.id, concept: n0.concept, args: n0.args ?? only.args, value: n0.value, unit: n0.unit, rule: n0.rule ?? only.rule };
      through = only;
      if (seen.has(only)) seen.add(n);
    }
    const head = `${prefix}${conceptText(n, opts)}: ${valueText(n.value, n.unit, lang)}${note}`;
    const bits: string[] = [];
    const repeated = (seen.has(n) || seen.has(n0)) && n.children.length > 0;
    if (n.op === 'leaf') bits.push(`← ${originText(n, opts)}`);
    else if (n.op === 'search') bits.push(searchText(n, lang));
    else { bits.push(formulaText(n, lang)); if (n.search) bits.push(searchText(n, lang)); }
    if (n.rule && n.op !== 'leaf') bits.push(`[${ruleText(n.rule, lang)}]`);
    if (repeated) bits.push(lang === 'fr' ? '(détaillé plus haut)' : '(detailed above)');
    const line = n.op === 'leaf' && (n.concept === 'input' || n.concept === 'parameter' || n.concept === 'default') && n.origin?.kind !== 'computed'
      ? `${prefix}${n.concept === 'input' ? '' : `${conceptText(n, opts)}: `}${n.concept === 'input' ? '' : `${valueText(n.value, n.unit, lang)}  `}${bits.join('  ')}`
      : `${head}  ${bits.join('  ')}`;
    out.push(...wrapIndented(line, opts.width, prefix.length + 4));
    seen.add(n0);
    if (through) seen.add(through);
    const kids = n.children.filter((c) => c.origin?.kind !== 'constant');
    if (repeated || !kids.length) return;
    if (level >= opts.depth) {
      out.push(...wrapIndented(`${prefix}  … ${lang === 'fr' ? `${kids.length} terme(s): --depth ${opts.depth + 1} pour les voir` : `${kids.length} term(s): --depth ${opts.depth + 1} to see them`}`, opts.width, prefix.length + 4));
      return;
    }
    const { shown, hidden } = shownChildren({ ...n, children: kids });
    for (const c of shown) walk(c, level + 1, prefix + '  ');
    if (hidden > 0) out.push(`${prefix}  … ${lang === 'fr' ? `${hidden} autre(s) terme(s) (--format json pour tous)` : `${hidden} other term(s) (--format json for all)`}`);
  };
  walk(root, 1, '  ');
  return out.join('\n') + '\n';
}

/** The tree as Markdown: a nested list. */
export function renderExplainMarkdown(root: ExplainNode, opts: ExplainRenderOptions): string {
  const text = renderExplainText(root, { ...opts, width: 100000 });
  const lines = text.trimEnd().split('\n');
  const [title, ...rest] = lines;
  return `# \`${title!.replace(/`/g, '')}\`\n\n` + rest.map((l) => { const m = /^( *)(.*)$/.exec(l)!; const d = Math.max(0, m[1]!.length / 2 - 1); return `${'  '.repeat(d)}- ${m[2]!.replace(/([*_`|<>])/g, '\\$1')}`; }).join('\n') + '\n';
}

const DP: Record<string, number> = { eur: 2, pct: 4, m2: 2, eur_per_m2_su_month: 4, ratio: 6, eur_per_m2_shab: 4 };
const jsonValue = (v: ExplainValue, unit: string): number | boolean | null => (v === null || typeof v === 'boolean' || typeof v === 'number' ? v : jsonNum(v, DP[unit] ?? 6));

/** The tree as JSON (docs/json.md): a node already given is given again by its id only (`"ref": true`). */
export function explainJson(root: ExplainNode, opts: ExplainRenderOptions & { metric: string }): Record<string, unknown> {
  const seen = new Set<ExplainNode>();
  const node = (n: ExplainNode, level: number): Record<string, unknown> => {
    const base: Record<string, unknown> = { id: n.id, concept: n.concept, label: conceptText(n, opts), op: n.op, value: jsonValue(n.value, n.unit), unit: n.unit };
    if (n.rule) base.rule = ruleText(n.rule, opts.lang);
    if (n.op === 'leaf' && n.origin) base.origin = originJson(n.origin, opts.file);
    if (n.search) base.search = { ...n.search, answer: jsonValue(n.search.answer, n.unit), bounds: n.search.bounds?.map((b) => (Number.isFinite(b) ? b : null)) ?? null, check: n.search.check ? { ...n.search.check, value: jsonValue(n.search.check.value, n.search.check.unit) } : null };
    if (n.children.length === 0) return base;
    if (seen.has(n)) return { ...base, ref: true };
    seen.add(n);
    if (level >= opts.depth) return { ...base, children_omitted: n.children.length };
    return { ...base, formula: formulaText(n, opts.lang), children: n.children.map((c) => node(c, level + 1)) };
  };
  return { schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, file: opts.file, parameters: { year: opts.model.paramYear, vintage: opts.model.vintage }, metric: opts.metric, depth: Number.isFinite(opts.depth) ? opts.depth : null, tree: node(root, 1) };
}

function originJson(o: ExplainOrigin, file: string): Record<string, unknown> {
  if (o.kind === 'input') return { kind: 'input', file, path: pathText(o.path), line: o.line ?? null, col: o.col ?? null };
  if (o.kind === 'override') return { kind: 'override', path: pathText(o.path), option: `--set ${o.expr}` };
  if (o.kind === 'parameter') return { kind: 'parameter', key: o.key, vintage: o.vintage, sources: o.sources };
  if (o.kind === 'default') return { kind: 'default', key: o.key, sources: o.sources };
  if (o.kind === 'constant') return { kind: 'constant' };
  return { kind: 'computed', where: o.where };
}

/** Wide enough for a line? (the renderers wrap to the width) */
export const fits = (s: string, width: number) => displayWidth(s) <= width;
