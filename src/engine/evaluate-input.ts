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
import type { ProfileSummary } from '../load/profile';
import { evaluate, type Evaluation } from './evaluate';
import { buildModel, type Model } from './model';

export interface Evaluated {
  /** The input the model was built from (the changes applied). */
  input: OperationFile;
  model?: Model;
  /** Present when the model was built without an error. */
  evaluation?: Evaluation;
  /** The model's diagnostics (with paths, not yet located in the file). */
  diagnostics: Diagnostic[];
}

export function evaluateInput(input: OperationFile, file: string, changes: readonly Change[] = [], profile?: ProfileSummary): Evaluated {
  const changed = changes.length ? applyChanges(input, changes) : input;
  const built = buildModel(changed, file, profile);
  if (!built.model || hasErrors(built.diagnostics)) return { input: changed, ...(built.model ? { model: built.model } : {}), diagnostics: built.diagnostics };
  return { input: changed, model: built.model, evaluation: evaluate(built.model), diagnostics: built.diagnostics };
}
