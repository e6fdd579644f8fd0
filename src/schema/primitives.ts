/** Schema primitives with their units. Bounds are sanity bounds: they catch typos, not policy. */
import * as z from 'zod/mini';

export const MAX_EUR = 1e11; // 100 billion euros: far above any housing operation
export const MAX_M2 = 1e7;

/**
 * One instance per primitive and bounds, shared by every field that uses it (zod schemas are
 * immutable): a fresh schema per field made building the operation schema a good part of every
 * start (docs/performance.md). Parsing, messages and the JSON Schema are the same.
 */
const instances = new Map<string, z.ZodMiniType>();
function shared<T extends z.ZodMiniType>(key: string, make: () => T): T {
  let s = instances.get(key) as T | undefined;
  if (s === undefined) { s = make(); instances.set(key, s); }
  return s;
}

/** An amount in euros, ≥ 0. */
export const eur = () => shared('eur', () => z.number().check(z.gte(0), z.lte(MAX_EUR)));
/** A price or cost per m², ≥ 0. */
export const eurPerM2 = () => shared('eurPerM2', () => z.number().check(z.gte(0), z.lte(1e6)));
/** A percentage: 5 = 5 %. */
export const pctIn = (lo: number, hi: number) => shared(`pct:${lo}:${hi}`, () => z.number().check(z.gte(lo), z.lte(hi)));
/** An area in m², > 0. */
export const m2Positive = () => shared('m2Positive', () => z.number().check(z.gt(0), z.lte(MAX_M2)));
/** An area in m², ≥ 0. */
export const m2 = () => shared('m2', () => z.number().check(z.gte(0), z.lte(MAX_M2)));
/** A whole number of years. */
export const years = (lo: number, hi: number) => shared(`years:${lo}:${hi}`, () => z.int().check(z.gte(lo), z.lte(hi)));
/** An ISO date, YYYY-MM-DD. */
export const isoDate = () => shared('isoDate', () =>
  z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date AAAA-MM-JJ' })));
/** A lot id, usable inside metric names: `sale.<lot>.margin_pct`. */
export const lotId = () => shared('lotId', () => z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'identifiant: minuscules, chiffres, _' })));
