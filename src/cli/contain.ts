/**
 * Containment of internal failures. Whatever throws while one file is read, evaluated or
 * rendered (a defect of equilibre on a case it does not handle) becomes that file's diagnostic
 * EVALUATION_FAILED (exit 2, the file named): `check` goes on with the other files, and
 * `report`, `compare` and `sensitivity` end with one clean message instead of a stack trace.
 * Errors that are about the command line or the output (usage, -o) are not contained here.
 */
import { CommanderError } from 'commander';
import { diag, type Diagnostic } from '../domain/diagnostic';
import { renderDiagnostic } from '../report/diagnostics';
import type { Lang } from '../report/format';
import { EXIT_ERROR, type Io } from './io';
import { OutputError, OutputIsInputError } from './output';

/** The file whose reading and evaluation began last (load-file.ts): the one a failure is about. */
let current: string | undefined;
export function startingFile(file: string): void {
  current = file;
}

/**
 * Test-only fault injection: with EQUILIBRE_TEST_FAULT=TEXT in the environment, the evaluation of
 * every file whose path contains TEXT throws, as a defect of the engine would (test/hostile-cli.test.ts).
 */
export function injectedFault(io: Io, file: string): void {
  const f = io.env.EQUILIBRE_TEST_FAULT;
  if (f && file.includes(f)) throw new Error(`injected fault (EQUILIBRE_TEST_FAULT=${f})`);
}

/** Is this error ours to contain (not a usage or output error, which main() reports)? */
export function isContainable(e: unknown): boolean {
  return !(e instanceof OutputError || e instanceof OutputIsInputError || e instanceof CommanderError);
}

/** The diagnostic of a failure on `file`: one line of its message, the stack only with EQUILIBRE_DEBUG. */
export function failureDiagnostic(io: Io, file: string, e: unknown): Diagnostic {
  const msg = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  const detail = msg.replace(/\s+/g, ' ').trim().slice(0, 200) || 'unknown';
  if (io.env.EQUILIBRE_DEBUG) io.stderr(`${file}: ${String((e as Error)?.stack ?? e)}\n`);
  return { ...diag('EVALUATION_FAILED', 'error', [], { detail }), file };
}

/**
 * Run a one-file command (`report`, `sensitivity`, `compare`): a contained failure is printed as
 * EVALUATION_FAILED naming the file being processed, and the command exits 2. A run that goes on
 * asynchronously (the HTML and xlsx renderers load their code lazily) is contained the same way.
 */
export function contained(io: Io, lang: Lang, files: readonly string[], run: () => number | Promise<number>): number | Promise<number> {
  current = undefined;
  const fail = (e: unknown): number => {
    if (!isContainable(e)) throw e;
    const file = current ?? files[0] ?? '';
    io.stderr(renderDiagnostic(failureDiagnostic(io, file, e), lang) + '\n\n');
    io.stderr(lang === 'fr' ? `1 erreur(s): le fichier n'a pas pu être évalué.\n` : `1 error(s): the file could not be evaluated.\n`);
    return EXIT_ERROR;
  };
  try {
    const r = run();
    return typeof r === 'number' ? r : r.catch(fail);
  } catch (e) {
    return fail(e);
  }
}
