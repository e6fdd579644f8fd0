/**
 * Access to the regulated parameter sets (data in `data.ts`, types in `types.ts`).
 */
import { D, type Dec } from '../domain/money';
import { LIVRET_A_HISTORY, PARAM_YEARS } from './data';
import type { ParamDef, ParamYear } from './types';

export type { LivretAChange, ParamDef, ParamStatus, ParamValue, ParamYear } from './types';
export { LIVRET_A_HISTORY, PARAM_YEARS } from './data';

/** The available parameter years, ascending. */
export function listParamYears(): number[] {
  return PARAM_YEARS.map((y) => y.year).sort((a, b) => a - b);
}

/** The parameter set of exactly `year`, or undefined (no fallback: see `nearestParamYear`). */
export function getParamYear(year: number): ParamYear | undefined {
  return PARAM_YEARS.find((y) => y.year === year);
}

/** The closest available year not after `year`; if every available year is after it, the earliest. */
export function nearestParamYear(year: number): number {
  const years = listParamYears();
  const first = years[0];
  if (first === undefined) throw new Error('nearestParamYear(): no parameter year is available');
  let best = first;
  for (const y of years) if (y <= year) best = y;
  return best;
}

function lookup(set: Readonly<Record<string, ParamDef>>, key: string): ParamDef {
  const def = Object.prototype.hasOwnProperty.call(set, key) ? set[key] : undefined;
  if (def === undefined) throw new Error(`Unknown parameter: ${key}`);
  return def;
}

function toDec(key: string, value: string): Dec {
  try {
    return D(value);
  } catch {
    throw new Error(`Parameter ${key}: not a decimal number: ${JSON.stringify(value)}`);
  }
}

/** A scalar parameter as a Decimal. Throws an Error naming the key if it is missing or a list. */
export function paramDec(set: Readonly<Record<string, ParamDef>>, key: string): Dec {
  const { value } = lookup(set, key);
  if (typeof value !== 'string') throw new Error(`Parameter ${key} is a list, not a single value`);
  return toDec(key, value);
}

/** A list parameter (a path, year 1 first) as Decimals. Throws an Error naming the key if missing, scalar or empty. */
export function paramPath(set: Readonly<Record<string, ParamDef>>, key: string): Dec[] {
  const { value } = lookup(set, key);
  if (typeof value === 'string') throw new Error(`Parameter ${key} is a single value, not a list`);
  if (value.length === 0) throw new Error(`Parameter ${key} is an empty list`);
  return value.map((v, i) => toDec(`${key}[${i}]`, v));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Livret A rate (percent, 3 = 3 %) in force on `dateIso` (YYYY-MM-DD), from LIVRET_A_HISTORY.
 * After the last known change the last rate is held. Before the first recorded change: RangeError.
 */
export function livretAAt(dateIso: string): Dec {
  if (!ISO_DATE.test(dateIso) || Number.isNaN(Date.parse(dateIso))) {
    throw new RangeError(`livretAAt(): not an ISO date (YYYY-MM-DD): ${dateIso}`);
  }
  let rate: string | undefined;
  for (const change of LIVRET_A_HISTORY) {
    if (change.from <= dateIso) rate = change.rate_pct;
    else break;
  }
  if (rate === undefined) {
    throw new RangeError(`livretAAt(): ${dateIso} is before the Livret A history (from ${LIVRET_A_HISTORY[0]?.from ?? '—'})`);
  }
  return D(rate);
}

/**
 * The line of a CDC product whose parameters apply (`loan.<product>.<line>.*`): products with a
 * single line use it whatever is asked (Gaïa long terme: land; PSLA: building).
 */
export function productLine(product: string, line: 'building' | 'land'): 'building' | 'land' {
  if (product === 'gaia_lt') return 'land';
  if (product === 'psla') return 'building';
  return line;
}
