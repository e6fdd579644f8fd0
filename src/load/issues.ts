/**
 * The schema's verdict in our words: each zod issue becomes a diagnostic with its code
 * (MISSING_KEY, UNKNOWN_KEY with a did-you-mean, WRONG_TYPE, VALUE_OUT_OF_RANGE…), its path and
 * the span of that path in the file.
 */
import type * as z from 'zod/mini';
import { clipText, type Diagnostic } from '../domain/diagnostic';
import { suggest } from '../domain/suggest';
import { controlCharacter, DATE_MAX_YEAR, DATE_MIN_YEAR } from '../schema/primitives';
import { getData } from './overrides';
import { knownKeys } from './schema-at';
import { spanOf, type SourceDoc } from './spans';

export type Issue = z.core.$ZodIssue;

/** Unions report their branches' issues; keep the branch that went furthest. */
export function flattenIssues(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) {
    if (i.code === 'invalid_union' && i.errors.length > 0 && !isScalarUnion(i)) {
      const best = [...i.errors].sort((a, b) => depthOf(b) - depthOf(a) || a.length - b.length)[0]!;
      if (best.every((x) => x.code === 'invalid_type')) { out.push(i); continue; }
      out.push(...flattenIssues(best.map((x) => ({ ...x, path: [...i.path, ...x.path] }) as Issue)));
    } else out.push(i);
  }
  return out;
}
function isScalarUnion(i: Issue & { code: 'invalid_union' }): boolean {
  return i.errors.every((branch) => branch.every((x) => x.path.length === 0));
}
function depthOf(branch: readonly Issue[]): number {
  return Math.max(0, ...branch.map((x) => x.path.length + (x.code === 'invalid_type' ? 0 : 0.5)));
}
function typeName(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Date) return 'date';
  if (v instanceof Uint8Array) return 'binary';
  if (v instanceof Set) return 'set';
  if (v instanceof Map) return 'mapping';
  if (typeof v === 'bigint') return 'number';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? 'number' : 'infinity';
  if (typeof v === 'object') return 'mapping';
  return typeof v;
}
export function issueToDiagnostic(issue: Issue, data: unknown, source: SourceDoc): Diagnostic {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const actual = getData(data, path);
  const file = source.file;
  const mk = (code: string, args: Record<string, string | number | boolean | readonly string[]>, key?: string): Diagnostic => {
    const span = spanOf(source, path, key !== undefined ? { key } : {});
    return { code, severity: 'error', path, args, file, ...(span ? { span } : {}) };
  };
  // A required key that is absent, whatever its type (number, choice, union…): MISSING_KEY, placed
  // at the key of the mapping that should hold it. `format:` has its own code.
  const last = path[path.length - 1];
  if (actual === undefined && typeof last === 'string' && last !== 'format' && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
    const parent = getData(data, path.slice(0, -1));
    if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
      const span = spanOf(source, path.slice(0, -1));
      const allowed = issue.code === 'invalid_value' ? [...new Set(issue.values.map(String))] : issue.code === 'invalid_union' ? [...new Set(unionLiterals(issue))] : [];
      const expected = allowed.length ? 'choice' : issue.code === 'invalid_type' ? issue.expected : 'see docs/format.md';
      return { code: 'MISSING_KEY', severity: 'error', path, args: { key: last, expected, ...(allowed.length ? { allowed } : {}) }, file, ...(span ? { span } : {}) };
    }
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const candidates = knownKeys(path);
      const present = Object.keys((actual as Record<string, unknown>) ?? {});
      const suggestion = suggest(key, candidates.filter((c) => !present.includes(c)));
      const d = mk('UNKNOWN_KEY', { key: clipText(key), ...(suggestion ? { suggestion } : {}), allowed: candidates }, key);
      return { ...d, path: [...path, key] };
    }
    case 'invalid_type':
      return mk('WRONG_TYPE', { expected: issue.expected, found: typeName(actual), value: preview(actual) });
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const origin = issue.origin;
      if (origin === 'array') return mk(issue.code === 'too_small' ? 'LIST_TOO_SHORT' : 'LIST_TOO_LONG', { bound: Number(bound) });
      if (origin === 'string') return mk('WRONG_TYPE', { expected: issue.code === 'too_small' ? 'non-empty text' : `text of at most ${Number(bound)} characters`, found: 'string', value: preview(actual) });
      return mk('VALUE_OUT_OF_RANGE', {
        value: preview(actual),
        bound: Number(bound),
        side: issue.code === 'too_small' ? (issue.inclusive ? 'min' : 'gt') : issue.inclusive ? 'max' : 'lt',
      });
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      if (path[path.length - 1] === 'format') return mk('FORMAT_VERSION', { value: preview(actual), expected: values[0] ?? '' });
      const s = typeof actual === 'string' ? suggest(actual, values) : undefined;
      return mk('INVALID_CHOICE', { value: preview(actual), allowed: values, ...(s ? { suggestion: s } : {}) });
    }
    case 'invalid_union': {
      const values = unionLiterals(issue);
      const s = typeof actual === 'string' && values.length ? suggest(actual, values) : undefined;
      if (values.length) return mk('INVALID_CHOICE', { value: preview(actual), allowed: values, ...(s ? { suggestion: s } : {}) });
      return mk('WRONG_TYPE', { expected: 'see docs/format.md', found: typeName(actual), value: preview(actual) });
    }
    case 'invalid_format':
      return mk('INVALID_FORMAT', { value: preview(actual), expected: issue.message ?? issue.format });
    case 'not_multiple_of':
      return mk('WRONG_TYPE', { expected: 'a whole number', found: 'number', value: preview(actual) });
    case 'invalid_key': {
      // a key of a record (variants' `set:` paths) that its pattern refuses: at the key
      const key = String(path[path.length - 1] ?? '');
      const inner = (issue as { issues?: { message?: string }[] }).issues?.[0]?.message ?? 'see docs/format.md';
      const span = spanOf(source, path, { at: 'key' });
      return { code: 'INVALID_FORMAT', severity: 'error', path, args: { value: preview(key), expected: inner }, file, ...(span ? { span } : {}) };
    }
    case 'custom': {
      // refinements of schema/primitives.ts name their code
      const code = (issue.params as { code?: string } | undefined)?.code;
      if (code === 'INVALID_DATE') return mk('INVALID_DATE', { value: typeof actual === 'string' ? actual : preview(actual), min_year: DATE_MIN_YEAR, max_year: DATE_MAX_YEAR });
      if (code === 'CONTROL_CHARACTER' && typeof actual === 'string') {
        const c = controlCharacter(actual, Boolean((issue.params as { multiLine?: boolean }).multiLine));
        const cp = c ? `U+${c.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : '';
        return mk('CONTROL_CHARACTER', { char: cp, index: (c?.index ?? 0) + 1 });
      }
      return mk('WRONG_TYPE', { expected: issue.message, found: typeName(actual), value: preview(actual) });
    }
    default:
      return mk('WRONG_TYPE', { expected: issue.message, found: typeName(actual), value: preview(actual) });
  }
}

function unionLiterals(issue: Issue & { code: 'invalid_union' }): string[] {
  const out: string[] = [];
  for (const branch of issue.errors) for (const e of branch) if (e.code === 'invalid_value') out.push(...e.values.map(String));
  return out;
}

function preview(v: unknown): string {
  if (v === undefined) return '';
  let s: string;
  try { s = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : JSON.stringify(v) ?? String(v); }
  catch { s = String(v); }
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}
