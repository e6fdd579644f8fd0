/**
 * Option values commander cannot check itself (lists of codes, counts): a value outside the valid
 * ones is a usage error (USAGE, exit 2) that lists them, with « vouliez-vous dire » when one is close.
 * A typo in `--only` must not make `check` run nothing and exit 0.
 */
import { diag } from '../domain/diagnostic';
import { suggest } from '../domain/suggest';
import { renderDiagnostic } from '../report/diagnostics';
import type { Lang } from '../report/format';
import type { Io } from './io';

/** A usage error, as commander's own are rendered (io.ts). Returns false for `if (!ok) return EXIT_ERROR`. */
export function usageError(io: Io, lang: Lang, command: string, detail: string): false {
  io.stderr(renderDiagnostic(diag('USAGE', 'error', [], { detail, command }), lang) + '\n');
  return false;
}

/** Every value of a list option is one of `valid`; otherwise a usage error naming the first bad one. */
export function checkValues(io: Io, lang: Lang, command: string, option: string, values: readonly string[], valid: readonly string[]): boolean {
  for (const v of values) {
    if (valid.includes(v)) continue;
    const s = suggest(v, valid);
    const fr = `${option}: valeur inconnue « ${v} »${s ? `; vouliez-vous dire « ${s} » ?` : ''} (valeurs admises: ${valid.join(', ')})`;
    const en = `${option}: unknown value "${v}"${s ? `; did you mean "${s}"?` : ''} (valid values: ${valid.join(', ')})`;
    return usageError(io, lang, command, lang === 'fr' ? fr : en);
  }
  return true;
}

/** `--jobs`: `auto` or a whole number of threads from 1 to 64. */
export function checkJobs(io: Io, lang: Lang, command: string, jobs: string | undefined): boolean {
  if (jobs === undefined || jobs === 'auto' || (/^[1-9][0-9]?$/.test(jobs) && Number(jobs) <= 64)) return true;
  return usageError(io, lang, command, lang === 'fr'
    ? `--jobs: « ${jobs} » n'est pas un nombre de cœurs (valeurs admises: un entier de 1 à 64, ou auto)`
    : `--jobs: "${jobs}" is not a number of cores (valid values: a whole number from 1 to 64, or auto)`);
}
