/**
 * English for the labels written in French once, in the data: regulated parameters and defaults
 * (src/params/data.ts, src/schema/defaults.ts), the default CDC loans (« Prêt CDC PLUS foncier ») and
 * the default equity line (« Fonds propres »).
 * `--lang fr` shows them as they are; `--lang en` through labelText. A label not known here is
 * shown as it is (test/language.test.ts lists the French words that must not reach English output).
 */
import type { Lang } from './format';
import type { Chapter } from '../schema/operation';

const TENURE_EN: Record<string, string> = {
  'accession libre': 'open-market sale', "coopérative d'habitants": 'housing cooperative', 'coopérative d’habitants': 'housing cooperative',
};
const tenure = (s: string) => TENURE_EN[s] ?? s;
const PRODUCT_EN: Record<string, string> = {
  'PLUS « constructions vertes »': 'PLUS "green construction"', 'Gaïa long terme (foncier OFS/BRS)': 'Gaïa long-term (OFS/BRS land)',
};
const product = (s: string) => PRODUCT_EN[s] ?? s;
const LINE_EN: Record<string, string> = { bâti: 'building', foncier: 'land', construction: 'building' };

const EXACT: Record<string, string> = {
  'Taux du Livret A à la signature (LA₀)': 'Livret A rate at signing (LA₀)',
  'Trajectoire du Livret A (an 1 = année de signature)': 'Livret A path (year 1 = signing year)',
  'Progressivité des échéances des prêts CDC': 'Progressivity of CDC loan instalments',
  'Trajectoire de révision des loyers (IRL), à partir de la 2e année': 'Rent revision path (IRL), from year 2',
  'Gros entretien, en % du prix de revient': 'Major maintenance, % of the cost price',
  'Durée d’exonération de TFPB': 'TFPB exemption period',
  'Indice des euros constants (déflateur du compte d’exploitation), à partir de la 2e année': 'Constant-euro index (deflator of the operating account), from year 2',
  'Trajectoire de l’indice des euros constants, à partir de la 2e année': 'Path of the constant-euro index, from year 2',
  'Fonds propres': 'Equity',
  'Apport des coopérateurs (parts sociales)': 'Members’ contribution (cooperative shares)',
  'Projection annuelle du BT01 après le dernier indice connu': 'Yearly BT01 projection after the last known index',
  'Indice BT01 (série datée)': 'BT01 index (dated series)',
  'Aléas, en % des travaux': 'Contingencies, % of works',
  'Assurance propriétaire non occupant, par logement et par an': 'Non-occupying owner insurance, per dwelling per year',
  'Assurances DO + TRC, en % des travaux': 'DO + TRC insurance, % of works',
  'BRS: frais de gestion de l’OFS par logement et par an': 'BRS: OFS management cost per dwelling per year',
  'BRS: redevance foncière': 'BRS: land fee',
  'Coefficient LLI: constante a': 'LLI coefficient: constant a',
  'Coefficient LLI: constante b (m²)': 'LLI coefficient: constant b (m²)',
  'Coefficient LLI: plafond': 'LLI coefficient: cap',
  'Coefficient de structure: constante a': 'Structure coefficient: constant a',
  'Coefficient de structure: constante b': 'Structure coefficient: constant b',
  'Coefficient de structure des logements-foyers: constante b': 'Structure coefficient of foyer housing: constant b',
  'Commercialisation de la vente libre, en % du CA TTC': 'Marketing of open-market sales, % of revenue incl. VAT',
  'Commercialisation des lots en accession sociale, en % du CA TTC': 'Marketing of home-ownership lots, % of revenue incl. VAT',
  'Contribution ANCOLS, en % des loyers encaissés': 'ANCOLS contribution, % of rents collected',
  'Coopérative: apport des coopérateurs, en % du prix de revient': 'Cooperative: members’ contribution, % of cost price',
  'Coopérative: part « compte courant » de la redevance mensuelle': 'Cooperative: "current account" share of the monthly fee',
  'Cotisation CGLLS, en % des loyers encaissés': 'CGLLS levy, % of rents collected',
  'Durée du compte d’exploitation': 'Operating account horizon',
  'Durée du prêt PSLA': 'Term of the PSLA loan',
  'Frais d\'acquisition du terrain (notaire, commission)': 'Land acquisition costs (notary, fees)',
  'Frais de gestion (structure), par logement et par an': 'Management cost (overheads), per dwelling per year',
  'Gros entretien, par logement et par an': 'Major maintenance, per dwelling per year',
  'Gros entretien: première année': 'Major maintenance: first year',
  'Honoraires (MOE, études, contrôle, SPS, OPC), en % des travaux': 'Fees (architect, studies, inspection, SPS, OPC), % of works',
  'Impayés, en % des loyers': 'Unpaid rents, % of rents',
  'Indexation annuelle des charges (gestion, entretien, TFPB, assurance)': 'Yearly indexation of charges (management, maintenance, TFPB, insurance)',
  'Maintenance courante, par logement et par an': 'Routine maintenance, per dwelling per year',
  'Maintenance courante: première année': 'Routine maintenance: first year',
  'Marge cible de la vente libre, en % du CA HT': 'Target margin of open-market sales, % of revenue excl. VAT',
  'Marge cible des lots en accession sociale (PSLA, BRS), en % du CA HT': 'Target margin of home-ownership lots (PSLA, BRS), % of revenue excl. VAT',
  'Marge du prêt PSLA sur Livret A': 'PSLA loan margin over Livret A',
  'PSLA: durée de la phase locative avant la levée d’option': 'PSLA: rental phase before the option is exercised',
  'PSLA: minoration du prix à chaque anniversaire': 'PSLA: price reduction at each anniversary',
  'PSLA: part des ménages qui ne lèvent pas l’option (risque)': 'PSLA: share of households not exercising the option (risk)',
  'Plafond de la marge locale': 'Local margin cap',
  'Progressivité des échéances par défaut': 'Default annuity progressivity',
  'Prêts CDC par défaut pour le reste à financer': 'Default CDC loans for the rest to finance',
  'Rapport SHAB / SP': 'Living area / floor area ratio',
  "Redevance d'archéologie préventive due": 'Preventive archaeology fee due',
  'Règle des annexes importantes, avec ascenseur': 'Large annexes rule, with lift',
  'Règle des annexes importantes, sans ascenseur': 'Large annexes rule, without lift',
  'Révisabilité des prêts CDC': 'Revisability of CDC loans',
  'Révision annuelle des loyers (IRL), à partir de la 2e année': 'Yearly rent revision (IRL), from year 2',
  'Révision de prix jusqu’au milieu du chantier': 'Price revision to mid-construction',
  'SCIAPP: durée d’acquisition des parts': 'SCIAPP: share purchase period',
  'SCIAPP: supplément au loyer HLM pour l’achat des parts': 'SCIAPP: supplement to the HLM rent for the shares',
  'TFPB après exonération, par logement et par an': 'TFPB after exemption, per dwelling per year',
  'TEOM (taxe d’enlèvement des ordures ménagères), par logement et par an': 'TEOM (household waste collection tax), per dwelling per year',
  'TVA accession libre': 'VAT open-market sale',
  "Taux communal de la taxe d'aménagement": 'Municipal rate of the development tax (TA)',
  "Taux de la redevance d'archéologie préventive": 'Preventive archaeology fee rate',
  "Taux du Livret A au 1er février de l'année (LA₀)": 'Livret A rate on 1 February of the year (LA₀)',
  "Taux départemental de la taxe d'aménagement": 'Departmental rate of the development tax (TA)',
  'Taux d’actualisation des fonds propres (VAN)': 'Discount rate of the equity (NPV)',
  "Taux régional de la taxe d'aménagement (Île-de-France)": 'Regional rate of the development tax (TA, Île-de-France)',
  'Trajectoire du Livret A par défaut (an 1 = année des paramètres)': 'Default Livret A path (year 1 = parameters year)',
  'Vacance, en % des loyers': 'Vacancy, % of rents',
  'TVA (LASM des travaux) acquisition-amélioration locative sociale (PLAI, PLUS, PLS)': 'VAT (LASM of the works) social rental acquisition-improvement (PLAI, PLUS, PLS)',
  'Droits de mutation à titre onéreux (ancien), en % du prix': 'Transfer duties (existing building), % of the price',
  'Émoluments proportionnels du notaire: bornes des tranches': "Notary's proportional emoluments: bracket limits",
  'Émoluments proportionnels du notaire: taux HT par tranche': "Notary's proportional emoluments: rate excl. VAT per bracket",
  'TVA sur les émoluments du notaire': "VAT on the notary's emoluments",
  'Contribution de sécurité immobilière, en % du prix': 'Property security contribution, % of the price',
};

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [/^Abattement de (TA|RAP) (.+?)( \(exonération\))?$/, (tax, t, ex) => `${tax} abatement ${tenure(t!)}${ex ? ' (exemption)' : ''}`],
  [/^Durée du prêt CDC (.+) (bâti|foncier)$/, (p, l) => `Term of the CDC ${product(p!)} ${LINE_EN[l!]} loan`],
  [/^Durée du prêt CDC (.+)$/, (p) => `Term of the CDC ${product(p!)} loan`],
  [/^Marge CDC (.+?) (bâti|foncier) sur Livret A$/, (p, l) => `CDC ${product(p!)} ${LINE_EN[l!]} margin over Livret A`],
  [/^Marge CDC (.+) sur Livret A$/, (p) => `CDC ${product(p!)} margin over Livret A`],
  [/^Exonération de TFPB (.+)$/, (t) => `TFPB exemption ${tenure(t!)}`],
  [/^TVA \(LASM \/ vente\) (.+)$/, (t) => `VAT (LASM / sale) ${tenure(t!)}`],
  [/^TVA \(LASM\) (.+)$/, (t) => `VAT (LASM) ${tenure(t!)}`],
  [/^TVA \(vente des droits réels\) (.+)$/, (t) => `VAT (sale of the real rights) ${tenure(t!)}`],
  [/^TVA \(vente\) (.+)$/, (t) => `VAT (sale) ${tenure(t!)}`],
  [/^Plafond de loyer (\S+) (\d{4}) \(SU fiscale, avant coefficient\)$/, (p, y) => `${p} rent ceiling ${y} (fiscal SU, before the coefficient)`],
  [/^Plafond de loyer (\S+) (\d{4})$/, (p, y) => `${p} rent ceiling ${y}`],
  [/^Plafond de prix PSLA\/BRS (\d{4})$/, (y) => `PSLA/BRS price ceiling ${y}`],
  [/^Plafond de la part locative PSLA (\d{4})$/, (y) => `PSLA rental-part ceiling ${y}`],
  [/^Plafond de la subvention de l'État par logement (\S+)$/, (p) => `State subsidy cap per ${p} dwelling`],
  [/^Valeur forfaitaire de TA en Île-de-France (\d{4})$/, (y) => `TA flat value, Île-de-France ${y}`],
  [/^Valeur forfaitaire de TA hors Île-de-France (\d{4})$/, (y) => `TA flat value outside Île-de-France ${y}`],
  [/^Valeur forfaitaire de TA par place de stationnement extérieure (\d{4})$/, (y) => `TA flat value per outdoor parking space ${y}`],
  [/^Variation annuelle de l'IRL du 2e trimestre (\d{4})$/, (y) => `Yearly IRL change, 2nd quarter ${y}`],
  [/^Prêt CDC (.+) (foncier|construction)$/, (p, l) => `CDC ${product(p!)} ${LINE_EN[l!]} loan`],
];

function toEnglish(fr: string): string {
  // a parameter given in the file (src/engine/model.ts)
  if (fr.endsWith(' — valeur du fichier')) return `${toEnglish(fr.slice(0, -' — valeur du fichier'.length))} — value from the file`;
  if (fr.endsWith(' — valeur de --set')) return `${toEnglish(fr.slice(0, -' — valeur de --set'.length))} — value from --set`;
  if (fr.endsWith(' — valeur du profil')) return `${toEnglish(fr.slice(0, -' — valeur du profil'.length))} — value from the profile`;
  // `<label>, zone X`: the zone stays as it is
  const zone = /^(.*?)(, zone [A-Za-z0-9 ]+)$/.exec(fr);
  if (zone) return toEnglish(zone[1]!) + zone[2]!;
  const exact = EXACT[fr];
  if (exact) return exact;
  for (const [re, fn] of PATTERNS) {
    const m = re.exec(fr);
    if (m) return fn(...m.slice(1).map((x) => x ?? ''));
  }
  return fr;
}

/** A label of the data, in the language. */
export function labelText(fr: string, lang: Lang): string {
  return lang === 'fr' ? fr : toEnglish(fr);
}

/** The five chapters of the cost price (prix de revient), in French and in English. */
export const CHAPTER_NAME: Record<Chapter, [string, string]> = {
  land: ['Charge foncière', 'Land charge'],
  building: ['Bâtiment', 'Building'],
  fees: ['Honoraires', 'Fees'],
  misc: ['Frais divers', 'Miscellaneous'],
  financial: ['Frais financiers', 'Financial costs'],
};
const ROMAN: Record<Chapter, string> = { land: 'I', building: 'II', fees: 'III', misc: 'IV', financial: 'V' };
/** « II. Bâtiment »: a chapter numbered as the report's and the workbook's tables show it. */
export const CHAPTER_LABEL = Object.fromEntries(
  (Object.keys(CHAPTER_NAME) as Chapter[]).map((ch) => [ch, [`${ROMAN[ch]}. ${CHAPTER_NAME[ch][0]}`, `${ROMAN[ch]}. ${CHAPTER_NAME[ch][1]}`]]),
) as Record<Chapter, [string, string]>;

/** Chapter I of an operation that buys an existing building: the *charge immobilière* (arrêté du 10 juin 1996, annexe I). */
export const CHAPTER_LABEL_EXISTING: Record<Chapter, [string, string]> = { ...CHAPTER_LABEL, land: ['I. Charge immobilière', 'I. Property charge (existing building)'] };
