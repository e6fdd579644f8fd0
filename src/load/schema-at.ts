/** The schema seen from a data path: the schema of a value, the keys a mapping accepts, the maximum length of a list. */
import { operationFile } from '../schema/operation';

/** The schema of the value at `path`, or undefined. */
export function schemaAt(path: readonly PropertyKey[]): unknown {
  let schema: unknown = operationFile();
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
export function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = schemaAt(path);
  schema = unwrap(schema);
  const def = (schema as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}
export function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown; options?: unknown[] } } | undefined;
  while (s?.def && (s.def.type === 'optional' || s.def.type === 'default' || s.def.type === 'nullable')) s = s.def.innerType as typeof s;
  if (s?.def?.type === 'union') {
    const obj = s.def.options?.find((o) => (o as { def?: { type?: string } }).def?.type === 'object');
    if (obj) return obj;
  }
  return s;
}

/** The maximum length the schema gives the list at `path` (Infinity when it gives none). */
export function maxItems(path: readonly (string | number)[]): number {
  let schema = unwrap(schemaAt(path));
  const checks = (schema as { def?: { type?: string; checks?: { _zod?: { def?: { check?: string; maximum?: number } } }[] } } | undefined)?.def;
  if (checks?.type !== 'array') return Infinity;
  let max = Infinity;
  for (const c of checks.checks ?? []) if (c._zod?.def?.check === 'max_length' && typeof c._zod.def.maximum === 'number') max = Math.min(max, c._zod.def.maximum);
  schema = undefined;
  return max;
}
