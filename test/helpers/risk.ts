/** The `risk:` sections and the evaluation helper the tests of `equilibre risk` share. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { runText } from '../../src/pipeline';
import type { Evaluation } from '../../src/engine/evaluate';
import { ROOT } from './cli';

/** A file of the repository, as text. */
export const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** A `risk:` section with every spread at zero but the ones given (YAML values replacing the defaults). */
export const spreads = (over: { construction_cost_pct?: string; sale_prices_pct?: string } = {}) => `
risk:
  construction_cost_pct: ${over.construction_cost_pct ?? '{ normal: [0, 0] }'}
  livret_a_step_sd_pct: 0
  irl_pct: { normal: [0, 0] }
  charges_indexation_pct: { normal: [0, 0] }
  vacancy_pct: { triangular: [0, 0, 0] }
  sale_prices_pct: ${over.sale_prices_pct ?? '{ normal: [0, 0] }'}
  works_delay_months: { normal: [0, 0] }
`;

/**
 * A `risk:` section where every input moves, correlated (construction cost and Livret A), with its own seed when
 * given and a Livret A floor when given.
 */
export const wide = (opts: { seed?: number; floorPct?: number } = {}) => `
risk:
${opts.seed !== undefined ? `  seed: ${opts.seed}\n` : ''}  construction_cost_pct: { normal: [3, 8] }
  livret_a_step_sd_pct: 0.4
${opts.floorPct !== undefined ? `  livret_a_floor_pct: ${opts.floorPct}\n` : ''}  construction_livret_a_correlation: 0.6
  irl_pct: { triangular: [-1, 0, 0.5] }
  vacancy_pct: { normal: [1, 1] }
  sale_prices_pct: { triangular: [-10, 0, 5] }
  works_delay_months: { triangular: [0, 3, 12] }
`;

/** The evaluation of a file's text (none of its diagnostics an error). */
export function evaluated(file: string, text = read(file)): Evaluation {
  const r = runText(file, text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.evaluation!;
}
