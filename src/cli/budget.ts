/**
 * A budget for long work (`sensitivity`, `compare`): the evaluations a command will do are counted
 * from its options before any of them runs; above the cap it stops at once (TOO_MANY_EVALUATIONS,
 * exit 2) saying how many it would do and how to raise the cap (`--max-evaluations N`).
 *
 * The unit is the **lot-evaluation**: one evaluation of an operation of n lots counts n (the work of
 * an evaluation grows with its lots: a 200-lot file costs about 200 times a one-lot file). The
 * searches (break-even inflation, goal seeks) are counted at an estimate of their iterations,
 * measured on the fixtures (docs: README, « Budget des calculs longs »).
 */
import type { Io } from './io';
import type { Lang } from '../report/format';

/** Default cap, in lot-evaluations: about 15–30 s of one core (0.3–0.6 ms a lot-evaluation, docs/performance.md). */
export const DEFAULT_MAX_EVALUATIONS = 50_000;
/** Evaluations of the break-even construction inflation search (compare, sensitivity). */
export const BREAK_EVEN_EVALUATIONS = 12;
/** Evaluations of the goal seeks of one scenario (extra subsidy, bearable land, target prices). */
export const GOAL_SEEK_EVALUATIONS = 40;

/** A whole number from lo to hi written in an option (underscores and spaces between digit groups allowed), else null. */
export function wholeNumber(text: string, lo: number, hi: number): number | null {
  const t = text.trim().replace(/[_\s]/g, '');
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) && n >= lo && n <= hi ? n : null;
}

/** `--max-evaluations N`: a whole number ≥ 1. */
export function parseMaxEvaluations(io: Io, lang: Lang, text: string | undefined): number | null {
  if (text === undefined) return DEFAULT_MAX_EVALUATIONS;
  const n = wholeNumber(text, 1, Number.MAX_SAFE_INTEGER);
  if (n === null) {
    io.stderr(lang === 'fr'
      ? `erreur[INVALID_OPTION]: --max-evaluations ${JSON.stringify(text)}: un nombre entier ≥ 1 attendu\naide: par exemple --max-evaluations ${DEFAULT_MAX_EVALUATIONS * 4} (défaut ${DEFAULT_MAX_EVALUATIONS})\n`
      : `error[INVALID_OPTION]: --max-evaluations ${JSON.stringify(text)}: a whole number ≥ 1 is expected\nhint: for example --max-evaluations ${DEFAULT_MAX_EVALUATIONS * 4} (default ${DEFAULT_MAX_EVALUATIONS})\n`);
    return null;
  }
  return n;
}

const group = (n: number, lang: Lang) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');

/**
 * Within the budget: true. Over it: prints TOO_MANY_EVALUATIONS and returns false (the caller
 * exits 2). `evaluations` is the count of evaluations, `lots` the lots of each (the largest file
 * when several), `detail` what they are made of, in words.
 */
export function withinBudget(io: Io, lang: Lang, command: string, evaluations: number, lots: number, cap: number, detail: [string, string]): boolean {
  const units = evaluations * Math.max(1, lots);
  if (units <= cap) return true;
  const g = (n: number) => group(n, lang);
  io.stderr(lang === 'fr'
    ? `erreur[TOO_MANY_EVALUATIONS]: ${command} ferait environ ${g(evaluations)} évaluations d'opérations de ${g(lots)} lot(s) au plus (${detail[0]}), soit ${g(units)} évaluations de lot, au-delà du plafond de ${g(cap)}\naide: réduisez les plages ou les variantes, ou relevez le plafond: --max-evaluations ${units}\n`
    : `error[TOO_MANY_EVALUATIONS]: ${command} would do about ${g(evaluations)} evaluations of operations of up to ${g(lots)} lot(s) (${detail[1]}), that is ${g(units)} lot-evaluations, above the cap of ${g(cap)}\nhint: narrow the ranges or the variants, or raise the cap: --max-evaluations ${units}\n`);
  return false;
}
