/**
 * What varies in `equilibre risk`: the `risk:` section of the file, each input with its
 * distribution, the origin of its parameters (the file, or a default here) and their source
 * (« hypothèse » when there is none). The defaults below are the documented ones (docs/format.md,
 * « risk »); a test reads them back from the output.
 */
import type { OperationFile, RiskDistributionInput, RiskInput } from '../schema/operation';

export type Dist =
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'triangular'; min: number; mode: number; max: number };

export type FactorId = 'construction' | 'livret_a' | 'irl' | 'charges' | 'vacancy' | 'prices' | 'delay';

export interface RiskFactor {
  id: FactorId;
  /** The key of `risk:` that sets it. */
  key: string;
  labelFr: string;
  labelEn: string;
  /** Unit of a draw: '%' relative change, 'pt' percentage points added, 'months'. */
  unit: '%' | 'pt' | 'months';
  /** The distribution of a draw (for the Livret A: of one year's step of the random walk, mean 0). */
  dist: Dist;
  origin: 'file' | 'default';
  sourceFr: string;
  sourceEn: string;
}

export interface RiskSpec {
  /** Draws asked in the file (`risk.draws`), else the default. */
  draws: number;
  drawsOrigin: 'file' | 'default';
  seed: number;
  seedOrigin: 'file' | 'default';
  factors: RiskFactor[];
  /** The floor of the Livret A walk (%). */
  livretAFloorPct: number;
  livretAFloorOrigin: 'file' | 'default';
  /** Correlation of the construction cost and the Livret A's first-year step (Gaussian copula). */
  correlation: number;
  correlationOrigin: 'file' | 'default';
}

/** Draws of `equilibre risk` when neither `--draws` nor `risk.draws` says. */
export const DEFAULT_DRAWS = 1000;
/** The seed of the generator when neither `--seed` nor `risk.seed` says (fixed: the same file gives the same figures). */
export const DEFAULT_SEED = 20260101;
/** Years of the Livret A random walk: the longest loan the schema allows (80 years). */
export const WALK_YEARS = 80;
/** Years over which the Livret A's drawn shift is averaged for the rank correlation (the loans' first 40 years). */
export const WALK_SUMMARY_YEARS = 40;

const HYP_FR = 'hypothèse d’equilibre', HYP_EN = 'equilibre’s assumption';

/** The defaults: distribution and source. */
export const RISK_DEFAULTS: Record<FactorId, { key: string; labelFr: string; labelEn: string; unit: RiskFactor['unit']; dist: Dist; sourceFr: string; sourceEn: string }> = {
  construction: {
    key: 'construction_cost_pct', labelFr: 'Coût de construction', labelEn: 'Construction cost', unit: '%',
    dist: { kind: 'triangular', min: -5, mode: 0, max: 15 },
    sourceFr: '[INSEE-BT01] BT01 +0,8 % à +5,9 % par an de 2021 à 2024, +17 % de janv. 2020 à janv. 2024; bornes: hypothèse',
    sourceEn: '[INSEE-BT01] BT01 +0.8% to +5.9% a year 2021–2024, +17% Jan 2020 to Jan 2024; bounds: assumption',
  },
  livret_a: {
    key: 'livret_a_step_sd_pct', labelFr: 'Livret A (marche aléatoire, pas annuel)', labelEn: 'Livret A (random walk, yearly step)', unit: 'pt',
    dist: { kind: 'normal', mean: 0, sd: 0.25 },
    sourceFr: '[LA-HIST] de 0,5 % à 3 % entre 2020 et 2026, plancher réglementaire 0,5 %; écart-type du pas: hypothèse',
    sourceEn: '[LA-HIST] from 0.5% to 3% between 2020 and 2026, regulatory floor 0.5%; step deviation: assumption',
  },
  irl: {
    key: 'irl_pct', labelFr: 'IRL (révision annuelle des loyers)', labelEn: 'IRL (yearly rent revision)', unit: 'pt',
    dist: { kind: 'normal', mean: 0, sd: 0.5 },
    sourceFr: `[INSEE-IRL] ${HYP_FR}`, sourceEn: `[INSEE-IRL] ${HYP_EN}`,
  },
  charges: {
    key: 'charges_indexation_pct', labelFr: 'Indexation des charges', labelEn: 'Charges indexation', unit: 'pt',
    dist: { kind: 'normal', mean: 0, sd: 0.5 },
    sourceFr: HYP_FR, sourceEn: HYP_EN,
  },
  vacancy: {
    key: 'vacancy_pct', labelFr: 'Vacance', labelEn: 'Vacancy', unit: 'pt',
    dist: { kind: 'triangular', min: -1, mode: 0, max: 2 },
    sourceFr: '[CUS-FP] 0,5 % constatée dans le neuf, 2,8 % dans l’ancien; bornes: hypothèse',
    sourceEn: '[CUS-FP] 0.5% seen in new buildings, 2.8% in older ones; bounds: assumption',
  },
  prices: {
    key: 'sale_prices_pct', labelFr: 'Prix de vente', labelEn: 'Sale prices', unit: '%',
    dist: { kind: 'normal', mean: 0, sd: 5 },
    sourceFr: HYP_FR, sourceEn: HYP_EN,
  },
  delay: {
    key: 'works_delay_months', labelFr: 'Retard des travaux (révision de prix)', labelEn: 'Works delay (price revision)', unit: 'months',
    dist: { kind: 'triangular', min: 0, mode: 0, max: 6 },
    sourceFr: HYP_FR, sourceEn: HYP_EN,
  },
};

export const FACTOR_ORDER: readonly FactorId[] = ['construction', 'livret_a', 'irl', 'charges', 'vacancy', 'prices', 'delay'];

/** Default floor of the Livret A walk: the regulatory floor of the formula ([LA-HIST]). */
export const DEFAULT_LIVRET_A_FLOOR_PCT = 0.5;

function distOf(d: RiskDistributionInput | undefined): Dist | undefined {
  if (!d) return undefined;
  if (d.normal) return { kind: 'normal', mean: d.normal[0], sd: d.normal[1] };
  if (d.triangular) return { kind: 'triangular', min: d.triangular[0], mode: d.triangular[1], max: d.triangular[2] };
  return undefined;
}

/** The risk spec of a file: its `risk:` section over the defaults. */
export function riskSpec(input: OperationFile): RiskSpec {
  const r: RiskInput = input.risk ?? {};
  const given: Record<FactorId, Dist | undefined> = {
    construction: distOf(r.construction_cost_pct),
    livret_a: r.livret_a_step_sd_pct !== undefined ? { kind: 'normal', mean: 0, sd: r.livret_a_step_sd_pct } : undefined,
    irl: distOf(r.irl_pct),
    charges: distOf(r.charges_indexation_pct),
    vacancy: distOf(r.vacancy_pct),
    prices: distOf(r.sale_prices_pct),
    delay: distOf(r.works_delay_months),
  };
  const factors = FACTOR_ORDER.map((id): RiskFactor => {
    const def = RISK_DEFAULTS[id];
    const g = given[id];
    return g
      ? { id, key: def.key, labelFr: def.labelFr, labelEn: def.labelEn, unit: def.unit, dist: g, origin: 'file', sourceFr: 'fichier', sourceEn: 'file' }
      : { id, key: def.key, labelFr: def.labelFr, labelEn: def.labelEn, unit: def.unit, dist: def.dist, origin: 'default', sourceFr: def.sourceFr, sourceEn: def.sourceEn };
  });
  return {
    draws: r.draws ?? DEFAULT_DRAWS, drawsOrigin: r.draws !== undefined ? 'file' : 'default',
    seed: r.seed ?? DEFAULT_SEED, seedOrigin: r.seed !== undefined ? 'file' : 'default',
    factors,
    livretAFloorPct: r.livret_a_floor_pct ?? DEFAULT_LIVRET_A_FLOOR_PCT, livretAFloorOrigin: r.livret_a_floor_pct !== undefined ? 'file' : 'default',
    correlation: r.construction_livret_a_correlation ?? 0, correlationOrigin: r.construction_livret_a_correlation !== undefined ? 'file' : 'default',
  };
}

/** Whether a distribution has no spread (every draw is its centre). */
export function isDegenerate(d: Dist): boolean {
  return d.kind === 'normal' ? d.sd === 0 : d.min === d.max;
}
