/**
 * What a `sensitivity` run found: the sweeps of each lever, the searches (break-even inflation,
 * rental gap, bearable land price), the target prices, the tornado, the grid and the synthesis's
 * levers. The command (src/cli/commands/sensitivity.ts) fills it; the renderers and charts read it.
 */
import type { Evaluation } from './evaluate';
import type { GridResult, LeverId, SearchOutcome, StepResult, TornadoBar } from './sensitivity';
import type { Synthesis } from './synthesis';

export interface SensitivityResult {
  sweeps: { lever: LeverId; steps: StepResult[]; noGrip: boolean; tipsAt: number | null }[];
  breakEven: SearchOutcome;
  rentalGap: SearchOutcome | null;
  land: SearchOutcome;
  targets: Evaluation | null;
  tornado: TornadoBar[] | null;
  grid: (GridResult & { a: LeverId; b: LeverId; metric: string }) | null;
  /** The levers of the synthesis (balancing prices, OFS, construction cost), with the goal seeks. */
  synthesis: Synthesis | null;
}
