/**
 * The whole pipeline for one file's text, pure: parse → validate → build model → evaluate.
 * Every diagnostic comes back with its file and, where it has a path, its line and column.
 */
import type { Diagnostic } from './domain/diagnostic';
import { hasErrors } from './domain/diagnostic';
import { capDiagnostics, fromOption, loadText, spanOf, type LoadResult, type SourceDoc } from './load/load';
import { buildModel, type Model } from './engine/model';
import { evaluate, type Evaluation } from './engine/evaluate';
import { crossFieldErrors } from './engine/rules';
import { evaluationDiagnostics } from './checks/checks';

export { crossFieldErrors };

export interface Override {
  path: (string | number)[];
  value: unknown;
  /** The option as written (`lots[0].shab_m2=abc`), for messages. */
  expr?: string;
}

export interface PipelineResult {
  load: LoadResult;
  model?: Model;
  evaluation?: Evaluation;
  diagnostics: Diagnostic[];
  /** False when the file could not be evaluated (exit 2). */
  evaluated: boolean;
}

/** Diagnostics about a key rather than its value: the caret goes under the key. */
const ABOUT_THE_KEY = new Set(['UNKNOWN_PARAMETER', 'CONFLICTING_KEYS']);

/** Give a diagnostic its file and, if it has none, the span of its path. */
export function locate(source: SourceDoc, file: string, d: Diagnostic): Diagnostic {
  const span = d.span ?? spanOf(source, d.path, { at: ABOUT_THE_KEY.has(d.code) ? 'key' : 'auto' });
  return { ...d, file, ...(span ? { span } : {}) };
}

export function runText(file: string, text: string, overrides: readonly Override[] = []): PipelineResult {
  const load = loadText(file, text, overrides);
  // a problem of a value set with --set points at the option (load.ts does it for the schema's)
  const optioned = (d: Diagnostic): Diagnostic => (overrides.length ? fromOption(d, overrides, load.fileData) : d);
  if (!load.input) {
    // "All errors of a file at once": the schema failed, but the cross-field rules that can be
    // read safely on the raw data still run, so that fixing the schema errors does not reveal a
    // second wave of errors.
    if (load.data === undefined) return { load, diagnostics: load.diagnostics, evaluated: false };
    const seen = new Set(load.diagnostics.map((d) => `${d.code} ${d.path.join('.')}`));
    const cross = crossFieldErrors(load.data).filter((d) => !seen.has(`${d.code} ${d.path.join('.')}`)).map((d) => optioned(locate(load.source, file, d)));
    const diagnostics = capDiagnostics([...load.diagnostics.filter((d) => d.code !== 'TOO_MANY_DIAGNOSTICS'), ...cross].sort((a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0)), file);
    return { load: { ...load, diagnostics }, diagnostics, evaluated: false };
  }
  const built = buildModel(load.input, file, { setPaths: overrides.map((o) => o.path) });
  const buildDiags = built.diagnostics.map((d) => optioned(locate(load.source, file, d)));
  if (!built.model || hasErrors(buildDiags)) return { load, diagnostics: capDiagnostics([...load.diagnostics, ...buildDiags], file), evaluated: false };
  const evaluation = evaluate(built.model);
  // the stages' diagnostics with the rules' warnings (src/checks/checks.ts words the engine's facts)
  const diagnostics = [...load.diagnostics, ...buildDiags, ...evaluationDiagnostics(evaluation).map((d) => optioned(locate(load.source, file, d)))];
  evaluation.diagnostics = diagnostics;
  return { load, model: built.model, evaluation, diagnostics, evaluated: true };
}
