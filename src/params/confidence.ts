/**
 * The confidence of a parameter or a default, in words (docs/sources.md): what `equilibre params` and the
 * report's Hypothèses table print next to each value, in French or in English.
 */
import type { ParamStatus } from './types';

type Lang = 'fr' | 'en';

const WORDS: Readonly<Record<ParamStatus, readonly [string, string]>> = {
  confirmed: ['confirmé', 'confirmed'],
  single_source: ['source unique', 'single source'],
  unverified: ['non vérifié', 'unverified'],
};

/** « confirmé » / « source unique » / « non vérifié » (en: confirmed / single source / unverified). */
export function confidenceLabel(status: ParamStatus, lang: Lang): string {
  const w = WORDS[status];
  return lang === 'fr' ? w[0] : w[1];
}

/** The legend printed under the tables that show a confidence. */
export function confidenceLegend(lang: Lang): string {
  return lang === 'fr'
    ? 'Fiabilité: confirmé = lu dans le texte officiel ou la fiche du prêteur pour l’année; source unique = une seule source, ' +
        'secondaire ou profil de bailleur/logiciel; non vérifié = aucune source trouvée, à confirmer. [ID]: voir docs/sources.md.'
    : 'Confidence: confirmed = read in the official text or the lender’s sheet for the year; single source = one source, ' +
        'a secondary one or a bailleur’s/software profile; unverified = no source found, to be confirmed. [ID]: see docs/sources.md.';
}

/** Short mark placed next to a figure that depends on an unverified parameter. */
export const UNVERIFIED_MARK = '†';
