/**
 * The whole pipeline for one file's text, pure: parse → validate → build model → evaluate.
 * Every diagnostic comes back with its file and, where it has a path, its line and column.
 */
import type { Diagnostic } from './domain/diagnostic';
import { hasErrors } from './domain/diagnostic';
import { loadText, spanOf, type LoadResult } from './load/load';
import { buildModel, type Model } from './engine/model';
import { evaluate, type Evaluation } from './engine/evaluate';

export interface Override {
  path: (string | number)[];
  value: unknown;
}

export interface PipelineResult {
  load: LoadResult;
  model?: Model;
  evaluation?: Evaluation;
  diagnostics: Diagnostic[];
  /** False when the file could not be evaluated (exit 2). */
  evaluated: boolean;
}

export function runText(file: string, text: string, overrides: readonly Override[] = []): PipelineResult {
  const load = loadText(file, text, overrides);
  if (!load.input) return { load, diagnostics: load.diagnostics, evaluated: false };
  const locate = (d: Diagnostic): Diagnostic => {
    const span = d.span ?? spanOf(load.source, d.path, typeof d.path[d.path.length - 1] === 'string' ? undefined : undefined);
    return { ...d, file, ...(span ? { span } : {}) };
  };
  const built = buildModel(load.input, file);
  const buildDiags = built.diagnostics.map(locate);
  if (!built.model || hasErrors(buildDiags)) return { load, diagnostics: [...load.diagnostics, ...buildDiags], evaluated: false };
  const evaluation = evaluate(built.model);
  const diagnostics = [...load.diagnostics, ...buildDiags, ...evaluation.diagnostics.map(locate)];
  evaluation.diagnostics = diagnostics;
  return { load, model: built.model, evaluation, diagnostics, evaluated: true };
}
