/**
 * read → parse YAML (keeping source positions) → validate with the zod schema.
 * Returns the validated input, or every problem of the file as diagnostics with spans.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diag, type Diagnostic, type Span } from '../domain/diagnostic';
import { suggest } from '../domain/suggest';
import { operationFile, type OperationFile } from '../schema/operation';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ALIAS_COUNT = 100;
export const MAX_DEPTH = 64;

export interface SourceDoc {
  file: string;
  text: string;
  doc?: Document.Parsed;
  lineCounter: LineCounter;
}

export interface LoadResult {
  input?: OperationFile;
  /** The plain data (before validation), for overrides and locating values. */
  data?: unknown;
  source: SourceDoc;
  diagnostics: Diagnostic[];
}

/** Parse and validate a file's text. Pure: the caller reads the file. */
export function loadText(file: string, text: string, overrides: readonly { path: (string | number)[]; value: unknown }[] = []): LoadResult {
  const lineCounter = new LineCounter();
  const source: SourceDoc = { file, text, lineCounter };
  const diagnostics: Diagnostic[] = [];
  const at = (d: Diagnostic, span?: Span): Diagnostic => ({ ...d, file, ...(span ? { span } : {}) });

  if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    return { source, diagnostics: [at(diag('FILE_TOO_LARGE', 'error', [], { max_mb: 10 }))] };
  }
  if (text.includes('\uFFFD')) {
    const idx = text.indexOf('\uFFFD');
    lineCounter.addNewLine(0);
    const line = text.slice(0, idx).split('\n').length;
    return { source, diagnostics: [at(diag('FILE_NOT_UTF8', 'error', []), { line, col: idx - text.lastIndexOf('\n', idx - 1) })] };
  }
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) {
    return { source, diagnostics: [at(diag('FILE_EMPTY', 'error', []), { line: 1, col: 1 })] };
  }
  const depth = nestingDepth(text);
  if (depth > MAX_DEPTH) {
    return { source, diagnostics: [at(diag('YAML_TOO_DEEP', 'error', [], { max: MAX_DEPTH }), { line: 1, col: 1 })] };
  }

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  } catch (e) {
    return { source, diagnostics: [at(diag('YAML_SYNTAX', 'error', [], { detail: String((e as Error).message).split('\n')[0] ?? '' }), { line: 1, col: 1 })] };
  }
  source.doc = doc;
  const posOf = (offset: number): Span => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const code = err.code === 'DUPLICATE_KEY' ? 'YAML_DUPLICATE_KEY' : 'YAML_SYNTAX';
      const detail = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
      diagnostics.push(at(diag(code, 'error', [], { detail }), posOf(err.pos[0])));
    }
    return { source, diagnostics };
  }
  if (!isMap(doc.contents)) {
    const node = doc.contents as Node | null;
    return { source, diagnostics: [at(diag('ROOT_NOT_MAPPING', 'error', [], { found: describeNode(node) }), node?.range ? posOf(node.range[0]) : { line: 1, col: 1 })] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = String((e as Error).message);
    const code = /alias/i.test(msg) ? 'YAML_ALIAS_LIMIT' : 'YAML_SYNTAX';
    return { source, diagnostics: [at(diag(code, 'error', [], { detail: msg.split('\n')[0] ?? '', max: MAX_ALIAS_COUNT }), { line: 1, col: 1 })] };
  }
  for (const o of overrides) data = setIn(data, o.path, o.value);

  const parsed = operationFile.safeParse(data);
  if (parsed.success) return { input: parsed.data, data, source, diagnostics };
  for (const issue of flattenIssues(parsed.error.issues)) diagnostics.push(issueToDiagnostic(issue, data, source));
  diagnostics.sort((a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0));
  return { data, source, diagnostics };
}

function describeNode(node: Node | null): string {
  if (node === null || node === undefined) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return typeof node.value === 'string' ? 'a string' : typeof node.value;
  return 'a value';
}

/** Brackets and indentation both nest; count the worst of flow brackets as a cheap bound before parsing. */
function nestingDepth(text: string): number {
  let depth = 0, worst = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) { depth++; if (depth > worst) worst = depth; }
    else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  let indentWorst = 0;
  for (const line of text.split('\n')) {
    const m = /^( *)(- )*/.exec(line);
    if (m) indentWorst = Math.max(indentWorst, Math.floor(m[0].length / 2));
  }
  return Math.max(worst, indentWorst);
}

function setIn(data: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const arr = Array.isArray(data) ? [...data] : [];
    arr[head] = setIn(arr[head], rest, value);
    return arr;
  }
  const obj = data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : {};
  obj[head as string] = setIn(obj[head as string], rest, value);
  return obj;
}

type Issue = z.core.$ZodIssue;

/** Unions report their branches' issues; keep the branch that went furthest. */
function flattenIssues(issues: readonly Issue[]): Issue[] {
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

function getData(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function typeName(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? 'number' : 'infinity';
  if (typeof v === 'object') return 'mapping';
  return typeof v;
}

/** The span of the node at `path`, or of the nearest ancestor that exists; for a key, the key itself. */
export function spanOf(source: SourceDoc, path: readonly (string | number)[], key?: string): Span | undefined {
  const doc = source.doc;
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let best: unknown = node;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) { node = undefined; break; }
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else { node = undefined; break; }
    if (node && typeof node === 'object' && 'range' in node) best = node;
    else break;
  }
  if (key !== undefined && isMap(best)) {
    const pair = best.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) best = pair.key;
  }
  const range = (best as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return undefined;
  const s = source.lineCounter.linePos(range[0]);
  const e = source.lineCounter.linePos(range[1]);
  return { line: s.line, col: s.col, endLine: e.line, endCol: e.col };
}

/** Keys a strict object accepts at `path`, for did-you-mean. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = operationFile;
  for (const seg of path) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (!def) return [];
    if (def.type === 'object' && typeof seg === 'string') schema = def.shape?.[seg];
    else if (def.type === 'array') schema = def.element;
    else return [];
  }
  schema = unwrap(schema);
  const def = (schema as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}
function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown; options?: unknown[] } } | undefined;
  while (s?.def && (s.def.type === 'optional' || s.def.type === 'default' || s.def.type === 'nullable')) s = s.def.innerType as typeof s;
  if (s?.def?.type === 'union') {
    const obj = s.def.options?.find((o) => (o as { def?: { type?: string } }).def?.type === 'object');
    if (obj) return obj;
  }
  return s;
}

function issueToDiagnostic(issue: Issue, data: unknown, source: SourceDoc): Diagnostic {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const actual = getData(data, path);
  const file = source.file;
  const mk = (code: string, args: Record<string, string | number | boolean | readonly string[]>, key?: string): Diagnostic => {
    const span = spanOf(source, path, key);
    return { code, severity: 'error', path, args, file, ...(span ? { span } : {}) };
  };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const candidates = knownKeys(path);
      const present = Object.keys((actual as Record<string, unknown>) ?? {});
      const suggestion = suggest(key, candidates.filter((c) => !present.includes(c)));
      const d = mk('UNKNOWN_KEY', { key, ...(suggestion ? { suggestion } : {}), allowed: candidates }, key);
      return { ...d, path: [...path, key] };
    }
    case 'invalid_type': {
      if (actual === undefined) {
        const parentPath = path.slice(0, -1);
        const span = spanOf(source, parentPath);
        return { code: 'MISSING_KEY', severity: 'error', path, args: { key: String(path[path.length - 1] ?? ''), expected: issue.expected }, file, ...(span ? { span } : {}) };
      }
      return mk('WRONG_TYPE', { expected: issue.expected, found: typeName(actual), value: preview(actual) });
    }
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
