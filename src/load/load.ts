/**
 * read → parse YAML (keeping source positions) → validate with the zod schema.
 * Returns the validated input, or every problem of the file as diagnostics with spans.
 */
import { Composer, CST, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, type Alias, type Document, type Node, type Pair, type Scalar } from 'yaml';
import type * as z from 'zod/mini';
import { clipText, diag, formatPath, type ArgValue, type Diagnostic, type Span } from '../domain/diagnostic';
import { suggest } from '../domain/suggest';
import { operationFile, type OperationFile } from '../schema/operation';
import { controlCharacter, DATE_MAX_YEAR, DATE_MIN_YEAR } from '../schema/primitives';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ALIAS_COUNT = 100;
export const MAX_DEPTH = 64;
/**
 * Values of a file (scalars, collections, aliases, list items): an operation file has a few
 * hundred, a 200-lot file with every option some 10 000. The bound keeps lexing, composing, converting
 * and validating any file under the size cap within a fraction of a second and a few tens of MB.
 */
export const MAX_NODES = 50_000;
/** The token types of the yaml lexer that start a value (counted against MAX_NODES). */
const NODE_TOKENS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar-header', 'flow-map-start', 'flow-seq-start', 'seq-item-ind', 'explicit-key-ind', 'alias']);
/** Diagnostics shown for one file: past it, one TOO_MANY_DIAGNOSTICS says more were left out (bounded work and output). */
export const MAX_DIAGNOSTICS = 100;
/** The first MAX_DIAGNOSTICS of `ds` (in the order given), and TOO_MANY_DIAGNOSTICS if some were left out. */
export function capDiagnostics(ds: Diagnostic[], file: string): Diagnostic[] {
  if (ds.length <= MAX_DIAGNOSTICS) return ds;
  return [...ds.slice(0, MAX_DIAGNOSTICS), { ...diag('TOO_MANY_DIAGNOSTICS', 'error', [], { max: MAX_DIAGNOSTICS }), file }];
}
/** Path segments that are never keys of the file (prototype pollution): refused in `--set` and `variants:`. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A `--set` override: the path, the value (a YAML scalar) and the option as written, for messages. */
export interface SetOverride { path: (string | number)[]; value: unknown; expr?: string }

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
  /** The file's own data, before the `--set` overrides (only when there are some). */
  fileData?: unknown;
  source: SourceDoc;
  diagnostics: Diagnostic[];
}

/** Parse and validate a file's text. Pure: the caller reads the file. */
export function loadText(file: string, text: string, overrides: readonly SetOverride[] = []): LoadResult {
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
  // Line by line: the former single regex (`^(\s*#.*\n?)*\s*$`) backtracked exponentially on a long comment header.
  if (text.split('\n').every((l) => /^\s*(#.*)?$/.test(l))) {
    return { source, diagnostics: [at(diag('FILE_EMPTY', 'error', []), { line: 1, col: 1 })] };
  }
  // One lexing pass feeds both the nesting guard and the parser; composing starts only when the
  // whole token stream is within the depth limit.
  const guard = depthGuard(MAX_DEPTH);
  const parser = new Parser(lineCounter.addNewLine);
  const cst: CST.Token[] = [];
  let doc: Document.Parsed | undefined;
  let secondDoc: number | undefined;
  try {
    lineCounter.addNewLine(0);
    let nodes = 0, offset = 0;
    for (const lexeme of new Lexer().lex(text)) {
      const tooDeep = guard(lexeme);
      if (tooDeep !== undefined) {
        return { source, diagnostics: [at(diag('YAML_TOO_DEEP', 'error', [], { max: MAX_DEPTH }), offsetSpan(text, tooDeep))] };
      }
      // Count the values as they are lexed: a 10 MB flow list of 5 M items stops here, at once.
      // (a plain scalar is announced by the lexer's SCALAR marker, which is not source text)
      if (NODE_TOKENS.has(CST.tokenType(lexeme) ?? '') && ++nodes > MAX_NODES) {
        return { source, diagnostics: [at(diag('YAML_TOO_MANY_NODES', 'error', [], { max: MAX_NODES }), offsetSpan(text, offset))] };
      }
      if (!CONTROL_TOKENS.has(lexeme)) offset += lexeme.length;
      for (const token of parser.next(lexeme)) cst.push(token);
    }
    for (const token of parser.end()) cst.push(token);
    // As parseDocument: uniqueKeys is checked below, in linear time (the yaml package compares each
    // key with every earlier key of its mapping: a 10 MB mapping of short keys took minutes).
    const composer = new Composer({ prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2' });
    for (const d of composer.compose(cst, true, text.length)) {
      if (!doc) doc = d;
      else { secondDoc = d.range[0]; break; }
    }
    if (!doc) throw new Error('no document');
  } catch (e) {
    return { source, diagnostics: [at(diag('YAML_SYNTAX', 'error', [], { detail: String((e as Error).message).split('\n')[0] ?? '' }), { line: 1, col: 1 })] };
  }
  source.doc = doc;
  const posOf = (offset: number): Span => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  if (secondDoc !== undefined) {
    // A second document (often an empty one after a trailing `---`): said in our words, at its start.
    const start = secondDocMarker(text, Math.min(doc.range[1], secondDoc), secondDoc);
    diagnostics.push(at(diag('YAML_MULTIPLE_DOCUMENTS', 'error', []), posOf(start)));
  }
  const duplicates = duplicateKeys(doc);
  const shapes = tagsAndMergeKeys(doc);
  for (const t of shapes) {
    const range = t.node.range!;
    const s = lineCounter.linePos(range[0]);
    const e = lineCounter.linePos(range[1]);
    diagnostics.push(at(diag(t.code, 'error', [], t.args), { line: s.line, col: s.col, endLine: e.line, endCol: e.col }));
  }
  if (doc.errors.length > 0 || duplicates.length > 0 || diagnostics.length > 0) {
    for (const err of doc.errors) {
      const detail = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
      diagnostics.push(at(diag('YAML_SYNTAX', 'error', [], { detail }), posOf(err.pos[0])));
    }
    for (const key of duplicates) {
      const s = lineCounter.linePos(key.range![0]);
      const e = lineCounter.linePos(key.range![1]);
      diagnostics.push(at(diag('YAML_DUPLICATE_KEY', 'error', [], { key: String(key.value) }), { line: s.line, col: s.col, endLine: e.line, endCol: e.col }));
    }
    diagnostics.sort((a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0));
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
    const code = /excessive alias/i.test(msg) ? 'YAML_ALIAS_LIMIT' : 'YAML_SYNTAX';
    // Locate the alias at fault: the one whose expansion overflows, an unresolved one, or the first.
    const faulty = findFaultyAlias(doc, MAX_ALIAS_COUNT);
    const span = faulty?.range ? posOf(faulty.range[0]) : { line: 1, col: 1 };
    const args: Record<string, ArgValue> = code === 'YAML_ALIAS_LIMIT' ? { max: MAX_ALIAS_COUNT } : { detail: msg.split('\n')[0] ?? '' };
    return { source, diagnostics: [at(diag(code, 'error', [], args), span)] };
  }
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

  const fileData = overrides.length ? { fileData: original } : {};
  const parsed = operationFile.safeParse(data);
  if (parsed.success) return { input: parsed.data, data, ...fileData, source, diagnostics };
  // zod lists issues in the order of the data: the first ones are enough (and each costs a lookup)
  for (const issue of flattenIssues(parsed.error.issues).slice(0, MAX_DIAGNOSTICS + 1)) diagnostics.push(fromOption(issueToDiagnostic(issue, data, source), overrides, original));
  diagnostics.sort((a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0));
  return { data, ...fileData, source, diagnostics: capDiagnostics(diagnostics, file) };
}

/** The offset of the first `---` line at or after `from` (the end of the first document), else `fallback`. */
function secondDocMarker(text: string, from: number, fallback: number): number {
  const re = /^---/gm;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : fallback;
}

/** The tags the file may carry: those of the YAML 1.2 core schema, where the value fits. */
const CORE = 'tag:yaml.org,2002:';
const YAML_NUMBER = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * Explicit tags and merge keys, which the yaml package would turn into values the schema cannot
 * describe (a Buffer for `!!binary`, a Date for `!!timestamp`, a Set for `!!set`, a string for a
 * custom `!tag` or for `!!float 1850`) or into an unknown key `<<`. Core tags are accepted where
 * the value fits (`!!float 1850` is the number 1850: the node's value is corrected here); any
 * other tag is YAML_TAG; a plain `<<` key is YAML_MERGE_KEY; a key holding a control character
 * is CONTROL_CHARACTER (values are checked by the schema). Recursion is bounded by the nesting guard.
 */
function tagsAndMergeKeys(doc: Document.Parsed): { code: string; node: Node; args: Record<string, ArgValue> }[] {
  const out: { code: string; node: Node; args: Record<string, ArgValue> }[] = [];
  const shortTag = (tag: string) => (tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag);
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.value === '<<' && node.key.type === 'PLAIN' && node.key.range) out.push({ code: 'YAML_MERGE_KEY', node: node.key, args: {} });
      // a key is a text of the file too (it is echoed by UNKNOWN_KEY, UNKNOWN_PARAMETER…)
      const c = isScalar(node.key) && typeof node.key.value === 'string' && node.key.range ? controlCharacter(node.key.value) : undefined;
      if (c && out.length < 20) out.push({ code: 'CONTROL_CHARACTER', node: node.key as Node, args: { char: `U+${c.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, index: c.index + 1 } });
      walk(node.key); walk(node.value); return;
    }
    if (out.length >= 20 || node === null || typeof node !== 'object' || isAlias(node)) return;
    const n = node as Node;
    if (n.tag && n.range) {
      const tag = n.tag;
      let fits: boolean;
      if (isScalar(n)) {
        const v = n.value;
        if (tag === `${CORE}str`) fits = typeof v === 'string';
        else if (tag === `${CORE}int` || tag === `${CORE}float`) {
          if (typeof v === 'string' && YAML_NUMBER.test(v.trim()) && Number.isFinite(Number(v)) && (tag === `${CORE}float` || Number.isInteger(Number(v)))) n.value = Number(v);
          fits = typeof n.value === 'number' || typeof n.value === 'bigint';
        } else if (tag === `${CORE}bool`) fits = typeof v === 'boolean';
        else if (tag === `${CORE}null`) fits = v === null;
        else fits = false;
      } else fits = (tag === `${CORE}map` && isMap(n)) || (tag === `${CORE}seq` && isSeq(n));
      if (!fits) {
        const known = [`${CORE}str`, `${CORE}int`, `${CORE}float`, `${CORE}bool`, `${CORE}null`, `${CORE}map`, `${CORE}seq`].includes(tag);
        out.push({ code: 'YAML_TAG', node: n, args: { tag: shortTag(tag), reason: known ? 'value' : 'unsupported' } });
      }
    }
    if (isCollection(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return out;
}

/**
 * Why a `--set` path cannot be applied to `data`, or undefined: a forbidden segment
 * (`__proto__`…), an index that is not a safe integer, or an index past the list (an item may be
 * appended at the end, within the schema's maximum length). Checked before anything is built, so
 * `lots[4294967294]` is refused at once instead of growing a sparse list.
 */
export function setPathProblem(data: unknown, path: readonly (string | number)[]): { reason: string; max?: number } | undefined {
  let cur: unknown = data;
  const seen: (string | number)[] = [];
  for (const seg of path) {
    if (typeof seg === 'string') {
      if (FORBIDDEN_SEGMENTS.has(seg)) return { reason: 'forbidden' };
      cur = cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
    } else {
      const length = Array.isArray(cur) ? cur.length : 0;
      const max = Math.min(length, maxItems(seen) - 1);
      if (!Number.isSafeInteger(seg) || seg < 0 || seg > max) return { reason: 'index', max: Math.max(0, max) };
      cur = Array.isArray(cur) ? cur[seg] : undefined;
    }
    seen.push(seg);
  }
  return undefined;
}

/** The maximum length the schema gives the list at `path` (Infinity when it gives none). */
function maxItems(path: readonly (string | number)[]): number {
  let schema = unwrap(schemaAt(path));
  const checks = (schema as { def?: { type?: string; checks?: { _zod?: { def?: { check?: string; maximum?: number } } }[] } } | undefined)?.def;
  if (checks?.type !== 'array') return Infinity;
  let max = Infinity;
  for (const c of checks.checks ?? []) if (c._zod?.def?.check === 'max_length' && typeof c._zod.def.maximum === 'number') max = Math.min(max, c._zod.def.maximum);
  schema = undefined;
  return max;
}

/**
 * A diagnostic about a value the command line set (its path is at or below a `--set` path, or
 * names a key that only the option created) points at the option, not at the file's old value.
 */
export function fromOption(d: Diagnostic, overrides: readonly SetOverride[], original: unknown): Diagnostic {
  for (const o of [...overrides].reverse()) {
    const n = Math.min(o.path.length, d.path.length);
    let prefix = true;
    for (let i = 0; i < n; i++) if (String(o.path[i]) !== String(d.path[i])) { prefix = false; break; }
    if (!prefix) continue;
    if (d.path.length >= o.path.length || (d.path.length > 0 && getData(original, d.path) === undefined)) {
      const { span: _span, ...rest } = d;
      return { ...rest, option: `--set ${o.expr ?? formatPath(o.path)}` };
    }
  }
  return d;
}

function describeNode(node: Node | null): string {
  if (node === null || node === undefined) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return typeof node.value === 'string' ? 'a string' : typeof node.value;
  return 'a value';
}

/** Line and column (1-based) of an offset in `text`. */
function offsetSpan(text: string, offset: number): Span {
  let line = 1, lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) { line++; lineStart = i + 1; }
  return { line, col: offset - lineStart + 1 };
}

/** The tokens the YAML lexer inserts that are not source text (document, flow-error-end, scalar markers). */
const CONTROL_TOKENS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);
const TRIVIA = new Set(['space', 'newline', 'comment', 'byte-order-mark', 'doc-mode', 'comma']);

/**
 * Guard against nesting that would make composing slow or overflow the stack, fed the tokens of
 * the yaml package's own lexer one at a time (the pass the parser reads too): returns the offset
 * of the first construct nested deeper than `max` levels, or undefined. A streaming state machine:
 * no recursion, the caller stops at the first offending token. Comments, quoted strings and block
 * scalars (`|`, `>`) are single tokens and never count, exactly as the parser sees them.
 * Depth = open flow brackets (`[`, `{`) + block levels (a stack of the columns at which block
 * nodes start: a line's first node, and the node after each `- ` or `? `).
 */
function depthGuard(max: number): (tok: string) => number | undefined {
  let offset = 0;
  let lineStart = 0; // offset of the start of the current line
  let lastLine = -1; // lineStart of the last block node seen
  let flow = 0;
  const stack: number[] = [];
  let afterIndicator = false;
  let blockScalarHeader = false;
  let skipContent = false;
  const openBlockNode = (o: number): void => {
    const col = o - lineStart;
    if (lineStart !== lastLine) {
      // the first node of a line closes the levels at its column and deeper
      lastLine = lineStart;
      while (stack.length > 0 && stack[stack.length - 1]! >= col) stack.pop();
      stack.push(col);
    } else if (afterIndicator) stack.push(col);
  };
  return (tok) => {
    if (CONTROL_TOKENS.has(tok)) {
      if (tok === CST.FLOW_END) flow = 0;
      // a block scalar's text comes as one token right after its scalar marker
      if (tok === CST.SCALAR && blockScalarHeader) { blockScalarHeader = false; skipContent = true; }
      return undefined;
    }
    const o = offset;
    offset += tok.length;
    const nl = tok.lastIndexOf('\n');
    if (skipContent) { skipContent = false; if (nl !== -1) lineStart = o + nl + 1; return undefined; }
    const type = CST.tokenType(tok);
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      if (flow === 0) openBlockNode(o);
      flow++;
      if (stack.length + flow > max) return o;
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      flow = Math.max(0, flow - 1);
    } else if (type === 'doc-start' || type === 'doc-end') {
      stack.length = 0; flow = 0; afterIndicator = false;
    } else if (flow === 0 && !TRIVIA.has(type ?? '')) {
      if (type === 'block-scalar-header') blockScalarHeader = true;
      openBlockNode(o);
      if (stack.length > max) return o;
      afterIndicator = type === 'seq-item-ind' || type === 'explicit-key-ind';
    }
    if (nl !== -1) lineStart = o + nl + 1;
    return undefined;
  };
}

/**
 * The alias to blame when converting the document fails: replays the yaml package's own alias
 * accounting (doc.toJS, `count × aliasCount > maxAliasCount`) in document order and returns the
 * alias at which it overflows; else an alias without anchor; else the first alias. Recursion is
 * bounded by the nesting guard above.
 */
function findFaultyAlias(doc: Document.Parsed, max: number): Alias | undefined {
  const latest = new Map<string, Node>(); // anchor name → last node carrying it, in document order
  const targetOf = new Map<Alias, Node>();
  const data = new Map<Node, { count: number; aliasCount: number }>();
  let first: Alias | undefined;
  let unresolved: Alias | undefined;
  let overflow: Alias | undefined;
  const aliasCount = (node: unknown): number => {
    if (isAlias(node)) {
      const t = targetOf.get(node);
      const d = t ? data.get(t) : undefined;
      return d ? Math.min(d.count * d.aliasCount, Number.MAX_SAFE_INTEGER) : 0;
    }
    if (isCollection(node)) {
      let c = 0;
      for (const item of node.items) c = Math.max(c, aliasCount(item));
      return c;
    }
    if (isPair(node)) return Math.max(aliasCount(node.key), aliasCount(node.value));
    return 1;
  };
  const walk = (node: unknown): void => {
    if (overflow || node === null || typeof node !== 'object') return;
    if (isPair(node)) { walk(node.key); walk(node.value); return; }
    if (isAlias(node)) {
      first ??= node;
      const target = latest.get(node.source);
      if (!target) { unresolved ??= node; return; }
      targetOf.set(node, target);
      const d = data.get(target);
      if (!d) return;
      d.count += 1;
      if (d.aliasCount === 0) d.aliasCount = aliasCount(target);
      if (d.count * d.aliasCount > max) overflow = node;
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) { latest.set(anchor, node as Node); data.set(node as Node, { count: 1, aliasCount: 0 }); }
    if (isCollection(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return overflow ?? unresolved ?? first;
}

/**
 * The keys that repeat an earlier key of the same mapping (YAML 1.2: keys are unique), each with
 * its position; a Set per mapping, so linear. Scalar keys compare by value and type, as the yaml
 * package does (`1` and `"1"` differ). Recursion is bounded by the nesting guard.
 */
function duplicateKeys(doc: Document.Parsed): Scalar[] {
  const out: Scalar[] = [];
  const walk = (node: unknown): void => {
    if (isPair(node)) { walk(node.key); walk(node.value); return; }
    if (!isCollection(node)) return;
    const seen = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items) {
      if (seen && isPair(item) && isScalar(item.key) && item.key.range) {
        const id = `${typeof item.key.value}:${String(item.key.value)}`;
        if (seen.has(id)) out.push(item.key);
        seen.add(id);
      }
      walk(item);
    }
  };
  walk(doc.contents);
  return out;
}

/**
 * A path of the file as written on a command line or in `variants: set:` — `lots[0].shab_m2`,
 * `construction.cost_eur_per_m2_shab` — or null when it is not one. Parameter keys contain dots:
 * `parameters.livret_a.rate_pct` is one key under `parameters`.
 */
export function parseDataPath(text: string): (string | number)[] | null {
  if (text.startsWith('parameters.') && text.length > 'parameters.'.length) return ['parameters', text.slice('parameters.'.length)];
  const path: (string | number)[] = [];
  for (const part of text.split('.')) {
    const m = /^([a-z_][a-z0-9_]*)((\[\d+\])*)$/i.exec(part);
    if (!m) return null;
    path.push(m[1]!);
    // an index of more than 15 digits is not a safe integer: kept as Infinity, refused by setPathProblem
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) path.push(idx[1]!.length > 15 ? Infinity : Number(idx[1]));
  }
  return path;
}

/** A copy of `data` with `value` at `path`; with `nullDeletes`, a null value removes the key (or list item) instead. */
export function setIn(data: unknown, path: readonly (string | number)[], value: unknown, nullDeletes = false): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const remove = nullDeletes && rest.length === 0 && value === null;
  if (typeof head === 'number') {
    const arr = Array.isArray(data) ? [...data] : [];
    if (remove) arr.splice(head, 1);
    else arr[head] = setIn(arr[head], rest, value, nullDeletes);
    return arr;
  }
  const obj = data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : {};
  if (remove) delete obj[head!];
  else obj[head!] = setIn(obj[head!], rest, value, nullDeletes);
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
  if (v instanceof Date) return 'date';
  if (v instanceof Uint8Array) return 'binary';
  if (v instanceof Set) return 'set';
  if (v instanceof Map) return 'mapping';
  if (typeof v === 'bigint') return 'number';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? 'number' : 'infinity';
  if (typeof v === 'object') return 'mapping';
  return typeof v;
}

export interface SpanOptions {
  /** Point at this key of the mapping at `path` (UNKNOWN_KEY). */
  key?: string;
  /**
   * `auto` (default): a scalar value is pointed at itself; a mapping or a list (whose first line
   * may be far below) at the key that introduces it. `key`: always at the key of the pair (a
   * diagnostic about the key itself: UNKNOWN_PARAMETER, CONFLICTING_KEYS).
   */
  at?: 'auto' | 'key';
}

/** The span of the node at `path`, or of the nearest ancestor that exists (see SpanOptions). */
export function spanOf(source: SourceDoc, path: readonly (string | number)[], opts: SpanOptions = {}): Span | undefined {
  const doc = source.doc;
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let best: unknown = node;
  let bestPair: Pair | undefined;
  for (const seg of path) {
    let pair: Pair | undefined;
    if (isMap(node)) {
      pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) { node = undefined; break; }
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else { node = undefined; break; }
    if (node && typeof node === 'object' && 'range' in node && (node as Node).range) { best = node; bestPair = pair; }
    else break;
  }
  let target: unknown = best;
  if (opts.key !== undefined && isMap(best)) {
    const pair = best.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === opts.key);
    if (pair && isScalar(pair.key) && pair.key.range) target = pair.key;
  } else if (bestPair && isScalar(bestPair.key) && bestPair.key.range && (opts.at === 'key' || isCollection(best))) {
    target = bestPair.key;
  }
  const range = (target as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return undefined;
  const s = source.lineCounter.linePos(range[0]);
  const e = source.lineCounter.linePos(range[1]);
  return { line: s.line, col: s.col, endLine: e.line, endCol: e.col };
}

/** The schema of the value at `path`, or undefined. */
function schemaAt(path: readonly PropertyKey[]): unknown {
  let schema: unknown = operationFile;
  for (const seg of path) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } } | undefined)?.def;
    if (!def) return undefined;
    if (def.type === 'object' && typeof seg === 'string') schema = Object.prototype.hasOwnProperty.call(def.shape ?? {}, seg) ? def.shape![seg] : undefined;
    else if (def.type === 'array') schema = def.element;
    else return undefined;
  }
  return schema;
}

/** Keys a strict object accepts at `path`, for did-you-mean. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = schemaAt(path);
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
