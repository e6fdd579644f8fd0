/**
 * Changes to a file's data: a path of the file (`lots[0].shab_m2`) and a value. The `--set`
 * options, the `variants:` of a file and the sensitivity levers are all changes, applied by
 * `applyChanges` (a null value removes the key, as in `variants:`).
 */
import { formatPath, type Diagnostic, type Span } from '../domain/diagnostic';
import { maxItems } from './schema-at';

/** Path segments that are never keys of the file (prototype pollution): refused in `--set` and `variants:`. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A change to a file's data: a path of the file and its new value (null removes the key). From
 * a `--set` option (`expr`: the option as written), a variant's `set:` (`at`: the span of its key)
 * or a sensitivity lever (an exact value: a Dec, which every stage reads through `D()`).
 */
export interface Change {
  path: (string | number)[];
  value: unknown;
  /** The option as written (`lots[0].shab_m2=abc`), for messages. */
  expr?: string;
  /** Where the change is written in the file (a variant's key), for messages. */
  at?: Span;
}
/** A `--set` override is a change. */
export type SetOverride = Change;

/**
 * `data` with the changes applied in order: a copy along each changed path (the rest is shared),
 * a null value removing the key (or list item). The paths must be valid for `data` (setPathProblem).
 */
export function applyChanges<T>(data: T, changes: readonly Change[]): T {
  let out: unknown = data;
  for (const c of changes) out = setIn(out, c.path, c.value, true);
  return out as T;
}

/**
 * A deep copy of plain data (mappings and lists) that keeps every other value as it is: an exact
 * Dec written by a lever survives, where `structuredClone` would turn it into a plain object.
 */
export function copyData<T>(data: T): T {
  if (Array.isArray(data)) return data.map(copyData) as T;
  if (data !== null && typeof data === 'object' && Object.getPrototypeOf(data) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = copyData(v);
    return out as T;
  }
  return data;
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
/**
 * A diagnostic about a value the command line set (its path is at or below a `--set` path, or
 * names a key that only the option created) points at the option, not at the file's old value.
 */
export function fromOption(d: Diagnostic, overrides: readonly SetOverride[], original: unknown): Diagnostic {
  const o = changeOf(d, overrides, original);
  if (!o) return d;
  const { span: _span, ...rest } = d;
  return { ...rest, option: `--set ${o.expr ?? formatPath(o.path)}` };
}

/**
 * The change a diagnostic is about, or undefined: the last change whose path is at or above the
 * diagnostic's, or that created the key the diagnostic names (absent from the `original` data).
 */
export function changeOf<C extends Change>(d: Diagnostic, changes: readonly C[], original: unknown): C | undefined {
  for (const o of [...changes].reverse()) {
    const n = Math.min(o.path.length, d.path.length);
    let prefix = true;
    for (let i = 0; i < n; i++) if (String(o.path[i]) !== String(d.path[i])) { prefix = false; break; }
    if (!prefix) continue;
    if (d.path.length >= o.path.length || (d.path.length > 0 && getData(original, d.path) === undefined)) return o;
  }
  return undefined;
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
export function getData(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}
