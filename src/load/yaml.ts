/**
 * The YAML of an operation file, hardened: size, encoding, nesting, node count, aliases, tags,
 * merge keys, duplicate keys and a second document are refused with a position before (or
 * instead of) building anything. `parseYaml` gives the document (for spans) and its plain data.
 */
import { Composer, CST, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, type Alias, type Document, type Node, type Scalar } from 'yaml';
import { diag, type ArgValue, type Diagnostic, type Span } from '../domain/diagnostic';
import { controlCharacter } from '../schema/primitives';
import type { SourceDoc } from './spans';
import { fastYaml } from './fast-yaml';

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

/**
 * The file's YAML as a document with positions and as plain data, or every problem found (with
 * positions). A file in the plain YAML that fast-yaml.ts reads is read by it (the same data, for a
 * faster start), and its document is parsed by the yaml package only if a position is asked for
 * (`source.doc`, `source.lineCounter`: spans of diagnostics and of `check`'s results).
 */
export function parseYaml(file: string, text: string): { source: SourceDoc; data?: unknown; diagnostics: Diagnostic[] } {
  // the checks that come first below (size, encoding, empty file) find nothing in a file fastYaml reads
  const data = text.length <= MAX_FAST_TEXT ? fastYaml(text) : undefined;
  if (data !== undefined) {
    let full: SourceDoc | undefined;
    const parsed = () => (full ??= parseYamlText(file, text).source);
    const source = { file, text } as SourceDoc;
    Object.defineProperty(source, 'doc', { get: () => parsed().doc, enumerable: true });
    Object.defineProperty(source, 'lineCounter', { get: () => parsed().lineCounter, enumerable: true });
    return { source, data, diagnostics: [] };
  }
  return parseYamlText(file, text);
}

/** Under this many characters a file may be read by fastYaml (beyond, its bytes could pass MAX_FILE_BYTES). */
const MAX_FAST_TEXT = 256 * 1024;

/** Only blank and comment lines (FILE_EMPTY). */
function isEmptyText(text: string): boolean {
  return text.split('\n').every((l) => /^\s*(#.*)?$/.test(l));
}

/** parseYaml with the yaml package alone (test/fast-yaml.test.ts compares fastYaml with it). */
export function parseYamlText(file: string, text: string): { source: SourceDoc; data?: unknown; diagnostics: Diagnostic[] } {
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
  if (isEmptyText(text)) {
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
  return { source, data, diagnostics };
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
/**
 * The tokens the YAML lexer inserts that are not source text (document, flow-error-end, scalar
 * markers). Made on first use: the build loads the yaml package only when a file needs it
 * (scripts/build.mjs), and reading `CST` here at load would load it on every start.
 */
let controlTokens: Set<string> | undefined;
const CONTROL_TOKENS = { has: (tok: string) => (controlTokens ??= new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR])).has(tok) };
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

