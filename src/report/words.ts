/**
 * The words of the engine's facts, one table per language: the names of the cost-price lines and
 * the sentences of their bases (src/engine/facts.ts `CostBasis`), the names of the sensitivity
 * levers. The engine hands values with units; every renderer (table, markdown, JSON, HTML, xlsx)
 * words them here, so that the same fact reads the same everywhere.
 *
 * (The labels of the data — regulated parameters, defaults — are written once in French with the
 * data and put into English by labels.ts.)
 */
import type { AdvanceLine } from '../engine/financing';
import type { Dec } from '../domain/money';
import type { CostConcept, CostLine } from '../engine/cost-price';
import type { CostBasis, IndexReading } from '../engine/facts';
import { COMPUTED_NEED_SOURCE, type LeverId } from '../engine/sensitivity';
import type { AssumptionUse } from '../engine/model';
import type { LoanLine, SourceLine } from '../engine/financing';
import { fmtEur, plain, type Lang } from './format';

interface Words {
  /** The name of a cost line; `name` is the file's own (common space, other line). */
  costLine: Record<CostConcept, (name: string) => string>;
  /** The sentence of a basis; `line` lets a family of lines word a basis its own way. */
  basis: { [K in CostBasis['kind']]: (b: Extract<CostBasis, { kind: K }>, line: CostLine) => string };
  /** The words after a scoped line's basis: ` (A, B)`. */
  scope: (lotIds: readonly string[]) => string;
  lever: Record<LeverId, string>;
}

const p = (x: Dec, lang: Lang, dp?: number) => plain(x, lang, dp);

const HOW_FR: Record<IndexReading['how'], string> = { published: 'publié', interpolated: 'interpolé', projected: 'projeté' };

const FR: Words = {
  costLine: {
    works: () => 'Travaux de construction',
    common_space: (name) => `Espace commun: ${name}`,
    price_revision: () => 'Révision de prix (milieu de chantier)',
    price_revision_index: () => 'Révision de prix (BT01, milieu de chantier)',
    contingencies: () => 'Aléas',
    land: () => 'Acquisition du terrain',
    land_fees: () => "Frais d'acquisition",
    site_works: () => 'VRD et aménagements',
    ta: () => "Taxe d'aménagement",
    rap: () => "Redevance d'archéologie préventive",
    fees: () => 'Honoraires (MOE, études, contrôle, SPS, OPC)',
    insurance: () => 'Assurances (DO, TRC)',
    other: (name) => name,
    prefinancing: () => 'Intérêts de préfinancement',
    building: () => "Acquisition de l'immeuble",
    building_fees: () => "Frais d'acquisition de l'immeuble (droits de mutation, notaire)",
    lot_building: (lot) => `Acquisition de l'immeuble (${lot})`,
    lot_building_fees: (lot) => `Frais d'acquisition de l'immeuble (${lot})`,
    improvement_works: () => "Travaux d'amélioration",
  },
  basis: {
    // an `other` line per m² SHAB names the surface once (`… €/m² SHAB × 120 m²`)
    per_m2: (b, line) => b.surface === 'sp'
      ? `${p(b.eurPerM2, 'fr')} €/m² SP × ${p(b.m2, 'fr', 2)} m² SP`
      : `${p(b.eurPerM2, 'fr')} €/m² SHAB × ${p(b.m2, 'fr')} m²${line.concept === 'other' ? '' : ' SHAB'}`,
    per_m2_each_lot: () => 'coût au m² SHAB de chaque lot × sa SHAB',
    per_m2_split_su: (b) => `${p(b.eurPerM2, 'fr')} €/m² × ${p(b.m2, 'fr')} m², réparti au prorata des SU`,
    revision_annual: (b) => `${p(b.baseEur, 'fr')} € × ${p(b.annualPct, 'fr')} %/an × ${b.months} mois`,
    revision_index: (b) => `${fmtEur(b.baseEur, 'fr')} × (${b.index} ${b.to.date} ${p(b.to.value, 'fr', 2)} (${HOW_FR[b.to.how]}) / ${b.index} ${b.from.date} ${p(b.from.value, 'fr', 2)} (${HOW_FR[b.from.how]}) − 1)`,
    rate_x_base: (b) => b.base === 'land_price'
      ? `${p(b.ratePct, 'fr')} % du prix du terrain`
      : `${p(b.ratePct, 'fr')} % × ${fmtEur(b.baseEur, 'fr')} ${b.base === 'works' ? 'de travaux' : '(travaux + révision)'}`,
    per_dwelling: (b) => `${p(b.eurPerDwelling, 'fr')} € × ${b.dwellings} logements`,
    tax: (b) => `${p(b.spM2, 'fr', 2)} m² SP × ${p(b.eurPerM2, 'fr')} €/m² × ${p(b.ratePct, 'fr')} %, abattements par produit`,
    prefinancing: (b) => `${b.draws} tirage(s) à ${p(b.ratePct, 'fr')} %/an, actuariel jour/365`,
    given: (b) => (b.split === 'taxable_sp' ? 'montant donné, réparti au prorata de la SP taxable' : 'montant donné'),
    lump_sum: () => 'montant global',
    building_fees: (b) => `droits de mutation ${p(b.dutiesPct, 'fr', 5)} % (${fmtEur(b.dutiesEur, 'fr')}) + émoluments du notaire ${fmtEur(b.emolumentsHtEur, 'fr')} HT + TVA ${p(b.emolumentsVatPct, 'fr')} % + contribution de sécurité immobilière ${p(b.securityPct, 'fr')} %, sur ${fmtEur(b.priceEur, 'fr')}`,
  },
  scope: (ids) => ` (${ids.join(', ')})`,
  lever: {
    construction: 'Coût de construction', land: 'Charge foncière', livret_a: 'Livret A', rents: 'Loyers',
    vacancy: 'Vacance', subsidies: 'Subventions', prices: 'Prix de vente',
  },
};

const EN: Words = {
  costLine: {
    works: () => 'Construction works',
    common_space: (name) => `Common space: ${name}`,
    price_revision: () => 'Price revision (works midpoint)',
    price_revision_index: () => 'Price revision (BT01, works midpoint)',
    contingencies: () => 'Contingencies',
    land: () => 'Land purchase',
    land_fees: () => 'Acquisition costs',
    site_works: () => 'Site works (roads, networks)',
    ta: () => 'Development tax (TA)',
    rap: () => 'Archaeology levy (RAP)',
    fees: () => 'Fees (design, studies, control, safety, scheduling)',
    insurance: () => 'Insurance (DO, TRC)',
    other: (name) => name,
    prefinancing: () => 'Prefinancing interest',
    building: () => 'Building purchase',
    building_fees: () => 'Building acquisition costs (transfer duties, notary)',
    lot_building: (lot) => `Building purchase (${lot})`,
    lot_building_fees: (lot) => `Building acquisition costs (${lot})`,
    improvement_works: () => 'Improvement works',
  },
  basis: {
    per_m2: (b, line) => b.surface === 'sp'
      ? `€${p(b.eurPerM2, 'en')}/m² floor area × ${p(b.m2, 'en', 2)} m²`
      : `€${p(b.eurPerM2, 'en')}/m² × ${p(b.m2, 'en')} m²${line.concept === 'other' ? '' : ' living area'}`,
    per_m2_each_lot: () => "each lot's cost per m² × its living area",
    per_m2_split_su: (b) => `€${p(b.eurPerM2, 'en')}/m² × ${p(b.m2, 'en')} m², split pro rata usable area`,
    revision_annual: (b) => `€${p(b.baseEur, 'en')} × ${p(b.annualPct, 'en')}%/yr × ${b.months} months`,
    revision_index: (b) => `${fmtEur(b.baseEur, 'en')} × (${b.index} ${b.to.date} ${p(b.to.value, 'en', 2)} (${b.to.how}) / ${b.index} ${b.from.date} ${p(b.from.value, 'en', 2)} (${b.from.how}) − 1)`,
    rate_x_base: (b) => b.base === 'land_price'
      ? `${p(b.ratePct, 'en')}% of the land price`
      : `${p(b.ratePct, 'en')}% × ${fmtEur(b.baseEur, 'en')} ${b.base === 'works' ? 'of works' : '(works + revision)'}`,
    per_dwelling: (b) => `€${p(b.eurPerDwelling, 'en')} × ${b.dwellings} dwellings`,
    tax: (b) => `${p(b.spM2, 'en', 2)} m² × €${p(b.eurPerM2, 'en')}/m² × ${p(b.ratePct, 'en')}%, abatements by tenure`,
    prefinancing: (b) => `${b.draws} draw(s) at ${p(b.ratePct, 'en')}%/yr, actuarial day/365`,
    given: (b) => (b.split === 'taxable_sp' ? 'given amount, split pro rata taxable floor area' : 'given amount'),
    lump_sum: () => 'lump sum',
    building_fees: (b) => `transfer duties ${p(b.dutiesPct, 'en', 5)}% (${fmtEur(b.dutiesEur, 'en')}) + notary's emoluments ${fmtEur(b.emolumentsHtEur, 'en')} excl. VAT + VAT ${p(b.emolumentsVatPct, 'en')}% + property security contribution ${p(b.securityPct, 'en')}%, on ${fmtEur(b.priceEur, 'en')}`,
  },
  scope: (ids) => ` (${ids.join(', ')})`,
  lever: {
    construction: 'Construction cost', land: 'Land charge', livret_a: 'Livret A', rents: 'Rents',
    vacancy: 'Vacancy', subsidies: 'Subsidies', prices: 'Sale prices',
  },
};

export const WORDS: Record<Lang, Words> = { fr: FR, en: EN };

/** The name of a cost line in the language. */
export function costLineLabel(line: CostLine, lang: Lang): string {
  return WORDS[lang].costLine[line.concept](line.name ?? '');
}

/** How a cost line's amount was obtained, in words (with the lots of a scoped line). */
export function costLineBasis(line: CostLine, lang: Lang): string {
  const w = WORDS[lang];
  const text = (w.basis[line.basis.kind] as (b: CostBasis, l: CostLine) => string)(line.basis, line);
  return line.scope ? text + w.scope(line.scope) : text;
}

/**
 * The words of the assumptions that have no default (src/schema/defaults.ts has the others'): an
 * operation's `assumptions:` value shown with its origin when a management profile is in use.
 */
export const ASSUMPTION_LABELS: Readonly<Record<string, string>> = {
  'assumptions.livret_a_pct': 'Taux du Livret A à la signature (LA₀)',
  'assumptions.livret_a_path_pct': 'Trajectoire du Livret A (an 1 = année de signature)',
  'assumptions.progressivity_pct': 'Progressivité des échéances des prêts CDC',
  'assumptions.irl_path_pct': 'Trajectoire de révision des loyers (IRL), à partir de la 2e année',
  'assumptions.major_maintenance_pct_of_cost': 'Gros entretien, en % du prix de revient',
  'assumptions.tfpb_eur_per_dwelling': 'TFPB après exonération, par logement et par an',
  'assumptions.tfpb_exemption_years': 'Durée d’exonération de TFPB',
  'assumptions.constant_euros_index_pct': 'Indice des euros constants (déflateur du compte d’exploitation), à partir de la 2e année',
  'assumptions.constant_euros_index_path_pct': 'Trajectoire de l’indice des euros constants, à partir de la 2e année',
};

/**
 * The label of an assumption, in French (the language of the data's labels; labels.ts puts it into
 * English): a parameter the file, its management profile or the command line overrides says so; an
 * `assumptions:` value without a default is named by ASSUMPTION_LABELS.
 */
export function assumptionLabel(u: AssumptionUse): string {
  const label = u.label || ASSUMPTION_LABELS[u.key] || u.key;
  // an `assumptions:` value (no embedded value replaced) keeps its own label
  if (u.embedded === undefined) return label;
  return u.origin === 'file' ? `${label} — valeur du fichier` : u.origin === 'override' ? `${label} — valeur de --set` : u.origin === 'profile' ? `${label} — valeur du profil` : label;
}

/**
 * The source of an assumption: an override names its path and the embedded value it replaces; a
 * value of the management profile names the profile (« profil « HER 2026 » (assumptions.irl_pct) »).
 */
export function assumptionSource(u: AssumptionUse): string {
  const embedded = u.embedded !== undefined ? `; valeur embarquée ${u.embedded}: ${u.source}` : '';
  if (u.origin === 'file') return `fichier (${u.path ?? ''})${embedded}`;
  if (u.origin === 'override') return `--set ${u.path ?? ''}${embedded}`;
  if (u.origin === 'profile') return `profil « ${u.profile ?? ''} » (${u.path ?? ''})${embedded}`;
  return u.source;
}

/** How an assumption's origin is said in the report: [fr, en]. */
export const ORIGIN_WORDS: Record<AssumptionUse['origin'], [string, string]> = {
  parameter: ['paramètre', 'parameter'], default: ['défaut', 'default'], file: ['fichier', 'file'], override: ['option --set', '--set option'],
  profile: ['profil', 'profile'],
};

/** An assumption's origin in words: « fichier », « profil HER 2026 » (a profile's value names it). */
export function assumptionOrigin(u: Pick<AssumptionUse, 'origin' | 'profile'>, lang: Lang): string {
  const w = ORIGIN_WORDS[u.origin];
  const word = lang === 'fr' ? w[0] : w[1];
  return u.origin === 'profile' && u.profile !== undefined ? `${word} ${u.profile}` : word;
}

/**
 * The name of a subsidy or equity line of a financing plan, in French (the language of the data's
 * labels and of the JSON `label`; labels.ts puts it into English for the text reports).
 */
export function sourceLabel(s: SourceLine): string {
  if (s.concept === 'subsidy' && s.name === COMPUTED_NEED_SOURCE) return COMPUTED_NEED_LABEL;
  return s.concept === 'equity' ? 'Fonds propres' : s.concept === 'coop_members' ? 'Apport des coopérateurs (parts sociales)' : s.name ?? '';
}

/** The name of the subsidy line a goal seek adds (engine/sensitivity.ts `COMPUTED_NEED_SOURCE`). */
export const COMPUTED_NEED_LABEL = 'Besoin calculé (subvention ou fonds propres)';

/** The name of a loan line, in French: the file's, or « Prêt CDC PLUS foncier » for a default CDC loan. */
export function loanLabel(l: LoanLine): string {
  if (!l.isDefault) return l.name ?? '';
  const p = l.product.toUpperCase();
  return `Prêt CDC ${l.tenure === 'SCIAPP' || l.tenure === 'coop' ? `${p} (${l.tenure})` : l.foyer ? `${p} foyer` : p} ${l.line === 'land' ? 'foncier' : 'construction'}`;
}

/** The kind of a logement-foyer (`lots[].foyer.kind`, RentInfo.foyer) in words. */
export const FOYER_KIND_WORDS: Readonly<Record<string, [string, string]>> = {
  foyer: ['logements-foyers', 'foyer housing'],
  residence_sociale: ['résidence sociale', 'résidence sociale (social residence)'],
  pension_de_famille: ['pension de famille', 'pension de famille (family boarding house)'],
};

export function foyerKindWord(kind: string, lang: Lang): string {
  const w = FOYER_KIND_WORDS[kind] ?? [kind, kind];
  return lang === 'fr' ? w[0] : w[1];
}

/** The name of a sensitivity lever in the language. */
export function leverLabel(id: LeverId, lang: Lang): string {
  return WORDS[lang].lever[id];
}

/** An equity advance of the financing plan: its source, rate and duration (« Bailleur — 2 %, 15 ans, différé 2 »). */
export function advanceLabel(a: Pick<AdvanceLine, 'name' | 'rate' | 'durationYears' | 'deferralYears'>, lang: 'fr' | 'en'): string {
  const rate = a.rate.times(100).toDecimalPlaces(4).toString();
  const pctText = lang === 'fr' ? `${rate.replace('.', ',')} %` : `${rate} %`;
  const years = lang === 'fr' ? `${a.durationYears} ans` : `${a.durationYears} years`;
  const deferral = a.deferralYears ? (lang === 'fr' ? `, différé ${a.deferralYears}` : `, deferral ${a.deferralYears}`) : '';
  return `${a.name ? `${a.name} — ` : ''}${pctText}, ${years}${deferral}`;
}
