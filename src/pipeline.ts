/**
 * The whole pipeline for one file's text, pure: parse → validate → build model → evaluate.
 * Every diagnostic comes back with its file and, where it has a path, its line and column.
 */
import { diag, formatPath, type Diagnostic } from './domain/diagnostic';
import { capDiagnostics, fromOption, loadText, MAX_DIAGNOSTICS, spanOf, type LoadResult, type SourceDoc } from './load/load';
import { applyChanges, changeOf, parseDataPath, setPathProblem, type Change } from './load/overrides';
import { flattenIssues, issueToDiagnostic } from './load/issues';
import { parseOperation } from './schema/operation';
import type { Model } from './engine/model';
import type { Evaluation } from './engine/evaluate';
import { evaluateInput } from './engine/evaluate-input';
import { crossFieldErrors } from './engine/rules';
import { inProfile, profileSummary, type ProfileReader } from './load/profile';
import { evaluationDiagnostics } from './checks/checks';

export { crossFieldErrors };

/** A `--set` option: a change to the file's data (path, value, the option as written). */
export type Override = Change;

export interface PipelineResult {
  load: LoadResult;
  model?: Model;
  evaluation?: Evaluation;
  diagnostics: Diagnostic[];
  /** False when the file could not be evaluated (exit 2). */
  evaluated: boolean;
}

/** Diagnostics about a key rather than its value: the caret goes under the key. */
const ABOUT_THE_KEY = new Set(['UNKNOWN_PARAMETER', 'CONFLICTING_KEYS', 'VAT_LINE_UNKNOWN']);

/** Give a diagnostic its file and, if it has none, the span of its path. */
export function locate(source: SourceDoc, file: string, d: Diagnostic): Diagnostic {
  const span = d.span ?? spanOf(source, d.path, { at: ABOUT_THE_KEY.has(d.code) ? 'key' : 'auto' });
  return { ...d, file, ...(span ? { span } : {}) };
}

export function runText(file: string, text: string, overrides: readonly Override[] = [], readProfile?: ProfileReader): PipelineResult {
  const load = loadText(file, text, overrides, readProfile);
  // a problem of a value set with --set points at the option (load.ts does it for the schema's);
  // a problem of a value taken from the profile, at the profile's line
  const optioned = (d: Diagnostic): Diagnostic => inProfile(overrides.length ? fromOption(d, overrides, load.fileData) : d, load.profile, ABOUT_THE_KEY.has(d.code));
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
  const built = evaluateInput(load.input, file, [], { setPaths: overrides.map((o) => o.path), profile: profileSummary(load.profile) });
  const buildDiags = built.diagnostics.map((d) => optioned(locate(load.source, file, d)));
  const evaluation = built.evaluation;
  if (!evaluation) return { load, diagnostics: capDiagnostics([...load.diagnostics, ...buildDiags], file), evaluated: false };
  // the stages' diagnostics with the rules' warnings (src/checks/checks.ts words the engine's facts)
  const diagnostics = [...load.diagnostics, ...buildDiags, ...evaluationDiagnostics(evaluation).map((d) => optioned(locate(load.source, file, d)))];
  evaluation.diagnostics = diagnostics;
  return { load, model: evaluation.model, evaluation, diagnostics, evaluated: true };
}

export interface VariantRun {
  name: string;
  /** Present when the variant could be evaluated. */
  evaluation?: Evaluation;
  /** Its problems, each a VARIANT_INVALID at the key of `set:` it comes from (every one, not the first). */
  diagnostics: Diagnostic[];
}

/**
 * Evaluate variant `index` of a loaded file: the file's data (with its `--set` changes) without
 * `variants:`, the variant's `set:` applied as changes, validated and evaluated as a file is.
 * Each problem is a VARIANT_INVALID naming the variant, the path and the problem, placed at the
 * key of `set:` that caused it (else at `set:`).
 */
export function runVariant(load: LoadResult, file: string, index: number): VariantRun {
  const v = load.input!.variants![index]!;
  const setAt = spanOf(load.source, ['variants', index, 'set'], { at: 'key' });
  const changes: Change[] = Object.entries(v.set).map(([key, value]) => {
    const at = spanOf(load.source, ['variants', index, 'set', key], { at: 'key' });
    // the schema admits only paths of the file here (parseDataPath never fails on them)
    return { path: parseDataPath(key) ?? [], value, expr: key, ...(at ? { at } : {}) };
  });
  const base: Record<string, unknown> = { ...(load.data as Record<string, unknown>) };
  delete base.variants;
  const wrap = (d: Diagnostic): Diagnostic => {
    const c = changeOf(d, changes, base);
    const span = c?.at ?? setAt;
    const cause: Record<string, Diagnostic['args'][string]> = {};
    for (const [k, a] of Object.entries(d.args)) cause[`cause_${k}`] = a;
    return { ...diag('VARIANT_INVALID', 'error', ['variants', index, 'set', ...(c?.expr !== undefined ? [c.expr] : [])], { variant: v.name, path: formatPath(d.path), detail: d.code, cause: d.code, ...cause }), file, ...(span ? { span } : {}) };
  };
  const byPosition = (a: Diagnostic, b: Diagnostic) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0);
  const problems: Diagnostic[] = [];
  let data: unknown = base;
  for (const c of changes) {
    const bad = setPathProblem(data, c.path);
    if (bad) problems.push(wrap({ ...diag('BAD_SET', 'error', c.path, { expr: c.expr ?? '', ...bad }) }));
    else data = applyChanges(data, [c]);
  }
  if (problems.length) return { name: v.name, diagnostics: capDiagnostics(problems.sort(byPosition), file) };
  const parsed = parseOperation(data);
  if (!parsed.success) {
    const ds = flattenIssues(parsed.error.issues).slice(0, MAX_DIAGNOSTICS + 1).map((issue) => issueToDiagnostic(issue, data, load.source));
    // as for a file: the cross-field rules that read the raw data safely run too (all the problems at once)
    const seen = new Set(ds.map((d) => `${d.code} ${d.path.join('.')}`));
    ds.push(...crossFieldErrors(data).filter((d) => d.severity === 'error' && !seen.has(`${d.code} ${d.path.join('.')}`)));
    return { name: v.name, diagnostics: capDiagnostics(ds.map(wrap).sort(byPosition), file) };
  }
  const built = evaluateInput(parsed.data, file, [], { profile: profileSummary(load.profile) });
  const errors = built.diagnostics.filter((d) => d.severity === 'error');
  if (!built.evaluation || errors.length) return { name: v.name, diagnostics: capDiagnostics(errors.map(wrap).sort(byPosition), file) };
  return { name: v.name, evaluation: built.evaluation, diagnostics: [] };
}
