/**
 * read → parse YAML (keeping source positions) → apply the `--set` changes → validate with the zod
 * schema. Returns the validated input, or every problem of the file as diagnostics with spans.
 * The rooms: yaml.ts (the hardened YAML), overrides.ts (changes to the data: `--set`, variants,
 * levers), issues.ts (zod issues in our words), spans.ts (positions), schema-at.ts (the schema by path).
 */
import { diag, formatPath, type Diagnostic } from '../domain/diagnostic';
import { parseOperation, type OperationFile } from '../schema/operation';
import { flattenIssues, issueToDiagnostic } from './issues';
import { fromOption, setIn, setPathProblem, type SetOverride } from './overrides';
import { parseYaml } from './yaml';
import { inProfile, resolveProfile, type ProfileReader, type ResolvedProfile } from './profile';
import type { SourceDoc } from './spans';

export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES } from './yaml';
export { FORBIDDEN_SEGMENTS, fromOption, parseDataPath, setIn, setPathProblem, type SetOverride } from './overrides';
export { spanOf, type SourceDoc, type SpanOptions } from './spans';

/** Diagnostics shown for one file: past it, one TOO_MANY_DIAGNOSTICS says more were left out (bounded work and output). */
export const MAX_DIAGNOSTICS = 100;
/** The first MAX_DIAGNOSTICS of `ds` (in the order given), and TOO_MANY_DIAGNOSTICS if some were left out. */
export function capDiagnostics(ds: Diagnostic[], file: string): Diagnostic[] {
  if (ds.length <= MAX_DIAGNOSTICS) return ds;
  return [...ds.slice(0, MAX_DIAGNOSTICS), { ...diag('TOO_MANY_DIAGNOSTICS', 'error', [], { max: MAX_DIAGNOSTICS }), file }];
}
export interface LoadResult {
  input?: OperationFile;
  /** The plain data (before validation), for overrides and locating values. */
  data?: unknown;
  /** The file's own data, before the `--set` overrides (only when there are some). */
  fileData?: unknown;
  source: SourceDoc;
  diagnostics: Diagnostic[];
  /** The management profile the file names (`profile:`), merged into `data` and `input`. */
  profile?: ResolvedProfile;
}

/** Parse and validate a file's text. Pure: the caller reads the file. */
export function loadText(file: string, text: string, overrides: readonly SetOverride[] = [], readProfile?: ProfileReader): LoadResult {
  const yaml = parseYaml(file, text);
  const { source } = yaml;
  if (yaml.data === undefined) return { source, diagnostics: yaml.diagnostics };
  // the management profile (profile.ts): its values under the file's, key by key
  // `--set profile=…` names another profile: applied before the profile is read
  const profileSets = overrides.filter((o) => o.path.length === 1 && o.path[0] === 'profile' && setPathProblem(yaml.data, o.path) === undefined);
  const named = profileSets.reduce<unknown>((d, o) => setIn(d, o.path, o.value, true), yaml.data);
  const resolved = resolveProfile(file, named, source, readProfile);
  if (resolved.diagnostics.length) return { source, diagnostics: capDiagnostics(resolved.diagnostics, file) };
  const profile = resolved.profile ? { profile: resolved.profile } : {};
  let data: unknown = resolved.data;
  const diagnostics: Diagnostic[] = [];
  // `--set` overrides: each path is checked against the file before it is applied (an index
  // past the list, a forbidden segment: BAD_SET at once), and a null value removes the key, as in
  // `variants:`. A problem of a value set on the command line points at the option.
  const original = data;
  for (const o of overrides) {
    const bad = setPathProblem(data, o.path);
    if (bad) diagnostics.push({ ...diag('BAD_SET', 'error', [], { expr: o.expr ?? formatPath(o.path), ...bad }), file });
    else data = setIn(data, o.path, o.value, true);
  }
  if (diagnostics.length > 0) return { source, diagnostics };
  // a value set on the command line is the operation's, not the profile's
  if (resolved.profile) for (const o of overrides) if (o.path.length >= 2) delete resolved.profile.origins[`${String(o.path[0])}.${String(o.path[1])}`];

  const fileData = overrides.length ? { fileData: original } : {};
  const parsed = parseOperation(data);
  if (parsed.success) return { input: parsed.data, data, ...fileData, source, diagnostics, ...profile };
  // zod lists issues in the order of the data: the first ones are enough (and each costs a lookup)
  for (const issue of flattenIssues(parsed.error.issues).slice(0, MAX_DIAGNOSTICS + 1)) diagnostics.push(inProfile(fromOption(issueToDiagnostic(issue, data, source), overrides, original), resolved.profile));
  diagnostics.sort((a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0));
  return { data, ...fileData, source, diagnostics: capDiagnostics(diagnostics, file), ...profile };
}
