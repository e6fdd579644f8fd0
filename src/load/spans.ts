/** Source positions: the parsed document of a file and the span (line, column) of a data path in it. */
import { isCollection, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { Span } from '../domain/diagnostic';

export interface SourceDoc {
  file: string;
  text: string;
  doc?: Document.Parsed;
  lineCounter: LineCounter;
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
