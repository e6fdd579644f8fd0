/** Schema primitives with their units. Bounds are sanity bounds: they catch typos, not policy. */
import type * as Zod from 'zod/mini';

/**
 * What builds the schema: zod/mini itself, or the validator of the common case that offers the
 * same functions (src/schema/fast-zod.ts). The schema is written once (operation.ts, lines.ts,
 * here) and built by either, on first use (docs/performance.md).
 */
export type Z = Pick<typeof Zod, (typeof BUILDER_FUNCTIONS)[number]>;
/** The functions of zod/mini the schema is written with (and fast-zod.ts offers). */
export const BUILDER_FUNCTIONS = ['number', 'int', 'string', 'boolean', 'unknown', 'enum', 'literal', 'union', 'optional', 'array', 'tuple', 'record', 'strictObject',
  'gte', 'lte', 'gt', 'minLength', 'maxLength', 'regex', 'refine'] as const;

export const MAX_EUR = 1e11; // 100 billion euros: far above any housing operation
export const MAX_M2 = 1e7;

/** The years a date of the file may have: a sanity bound against typos (`0001-01-01`, `9999-12-31`). */
export const DATE_MIN_YEAR = 1950;
export const DATE_MAX_YEAR = 2100;

/** Whether `y-m-d` is a day of the Gregorian calendar within DATE_MIN_YEAR…DATE_MAX_YEAR (`2030-02-30` is not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
}
/** Whether `y-m` is a month within DATE_MIN_YEAR…DATE_MAX_YEAR. */
export function isCalendarMonth(text: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return m !== null && Number(m[1]) >= DATE_MIN_YEAR && Number(m[1]) <= DATE_MAX_YEAR && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/**
 * Characters refused in the file's texts: C0 controls (tab and line feed only in multi-line
 * texts), DEL, C1 controls, the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and, in a one-line text, the line and paragraph separators U+2028/U+2029. They
 * can move the cursor, clear a terminal, set its title, reorder what a reader sees, or break the
 * XML and Markdown outputs.
 */
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The first refused character of `text` and its index, or undefined. */
export function controlCharacter(text: string, multiLine = false): { index: number; char: string } | undefined {
  const m = (multiLine ? CONTROL_MULTI_LINE : CONTROL_ONE_LINE).exec(text);
  return m ? { index: m.index, char: m[0] } : undefined;
}

/** The primitives of the schema, made by the builder `z` (zod/mini, or fast-zod.ts). */
export function primitives(z: Z) {
  /**
   * One instance per primitive and bounds, shared by every field that uses it (zod schemas are
   * immutable): a fresh schema per field made building the operation schema a good part of every
   * start (docs/performance.md). Parsing, messages and the JSON Schema are the same.
   */
  const instances = new Map<string, Zod.ZodMiniType>();
  function shared<T extends Zod.ZodMiniType>(key: string, make: () => T): T {
    let s = instances.get(key) as T | undefined;
    if (s === undefined) { s = make(); instances.set(key, s); }
    return s;
  }
  return {
    /** An amount in euros, ≥ 0. */
    eur: () => shared('eur', () => z.number().check(z.gte(0), z.lte(MAX_EUR))),
    /** A price or cost per m², ≥ 0. */
    eurPerM2: () => shared('eurPerM2', () => z.number().check(z.gte(0), z.lte(1e6))),
    /** A percentage: 5 = 5 %. */
    pctIn: (lo: number, hi: number) => shared(`pct:${lo}:${hi}`, () => z.number().check(z.gte(lo), z.lte(hi))),
    /** An area in m², > 0. */
    m2Positive: () => shared('m2Positive', () => z.number().check(z.gt(0), z.lte(MAX_M2))),
    /** An area in m², ≥ 0. */
    m2: () => shared('m2', () => z.number().check(z.gte(0), z.lte(MAX_M2))),
    /** A whole number of years. */
    years: (lo: number, hi: number) => shared(`years:${lo}:${hi}`, () => z.int().check(z.gte(lo), z.lte(hi))),
    /**
     * An ISO date, YYYY-MM-DD: the shape (INVALID_FORMAT), then a real day of the calendar in the
     * sane years (INVALID_DATE, from the `params.code` of the refinement; load.ts maps it).
     */
    isoDate: () => shared('isoDate', () =>
      z.string().check(
        z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date AAAA-MM-JJ' }),
        z.refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isCalendarDate(s), { params: { code: 'INVALID_DATE' }, abort: true }),
      )),
    /** A month, YYYY-MM, in the sane years. */
    isoMonth: () => shared('isoMonth', () =>
      z.string().check(
        z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'mois AAAA-MM' }),
        z.refine((s) => !/^\d{4}-\d{2}$/.test(s) || isCalendarMonth(s), { params: { code: 'INVALID_DATE' }, abort: true }),
      )),
    /** A text of `min`…`max` characters without control characters (CONTROL_CHARACTER); `multiLine` admits tab and line feed. */
    text: (min: number, max: number, multiLine = false) => shared(`text:${min}:${max}:${multiLine}`, () => {
      const clean = z.refine<string>((s) => controlCharacter(s, multiLine) === undefined, { params: { code: 'CONTROL_CHARACTER', multiLine } });
      return min > 0 ? z.string().check(z.minLength(min), z.maxLength(max), clean) : z.string().check(z.maxLength(max), clean);
    }),
    /** A lot id, usable inside metric names: `sale.<lot>.margin_pct`. */
    lotId: () => shared('lotId', () => z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'identifiant: minuscules, chiffres, _' }))),
  };
}
