/**
 * The one path from a validated input to an evaluation: apply the changes, build the model,
 * evaluate. `runText` (a file, after its `--set` changes), `compare`'s variants (the file's data
 * with the variant's `set:`) and every sensitivity lever (src/engine/sensitivity.ts) go through it.
 *
 * Changes given here are applied without validation: they are exact values the caller knows to be
 * valid (a lever's Dec). What a user wrote (`--set`, `variants:`) is applied to the data and
 * validated first (src/load/load.ts, src/pipeline.ts `runVariant`).
 */
import { hasErrors, type Diagnostic } from '../domain/diagnostic';
import { applyChanges, type Change } from '../load/overrides';
import type { OperationFile } from '../schema/operation';
import { evaluate, type Evaluation } from './evaluate';
import { buildModel, type BuildOptions, type Model } from './model';

export interface Evaluated {
  /** The input the model was built from (the changes applied). */
  input: OperationFile;
  model?: Model;
  /** Present when the model was built without an error. */
  evaluation?: Evaluation;
  /** The model's diagnostics (with paths, not yet located in the file). */
  diagnostics: Diagnostic[];
}

export function evaluateInput(input: OperationFile, file: string, changes: readonly Change[] = [], options: BuildOptions = {}): Evaluated {
  const changed = changes.length ? applyChanges(input, changes) : input;
  const built = buildModel(changed, file, options);
  if (!built.model || hasErrors(built.diagnostics)) return { input: changed, ...(built.model ? { model: built.model } : {}), diagnostics: built.diagnostics };
  const evaluation = evaluate(built.model);
  // A year of the account after its horizon, known once the loans are: the file cannot be evaluated.
  const late = evaluation.diagnostics.filter((d) => d.code === 'BY_YEAR_OUTSIDE_HORIZON');
  if (late.length) return { input: changed, model: built.model, diagnostics: [...built.diagnostics, ...late] };
  return { input: changed, model: built.model, evaluation, diagnostics: built.diagnostics };
}
