/**
 * The compiled float64 plan (issue 16 §2): `compilePlan(evaluation)` resolves an evaluated
 * operation once; `plan.evaluate(levers, out)` recomputes only what the levers change, over
 * typed arrays. Interface: src/fast/types.ts; docs/performance.md « Le plan compilé ».
 */
import type { Evaluation } from '../engine/evaluate';
import { PlanUnsupported, type Plan } from './types';

export type { FastResult, Levers, Plan } from './types';
export { PlanUnsupported } from './types';

/**
 * Compile the operation of an exact evaluation. What the base derived is held fixed, as
 * `freeze` (src/engine/sensitivity.ts) does: a sale price derived from the target margin and a
 * cooperative's redevance d'équilibre stay at their base values when the levers move.
 * Throws `PlanUnsupported` (naming the feature) for an operation the plan does not model.
 */
export function compilePlan(ev: Evaluation): Plan {
  void ev;
  throw new PlanUnsupported('not implemented yet');
}

/** `compilePlan`, or why not (callers fall back to the exact engine). */
export function tryCompilePlan(ev: Evaluation): Plan | { unsupported: string } {
  try { return compilePlan(ev); } catch (e) { if (e instanceof PlanUnsupported) return { unsupported: e.feature }; throw e; }
}
