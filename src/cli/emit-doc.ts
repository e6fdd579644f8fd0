/**
 * Write a command's document in the format asked (`table`, `markdown`, or `html` with its charts),
 * and say a file that could not be evaluated: what `report`, `explain`, `sensitivity`, `risk` and
 * `compare` share once they have their facts.
 */
import type { HtmlInput } from '../report/html/index';
import { renderHtmlPage } from '../report/html/load';
import { renderDiagnostic } from '../report/diagnostics';
import type { Lang } from '../report/format';
import { renderMarkdown, renderText } from '../report/render';
import type { ReportDoc } from '../report/section';
import { emit, type CommonOptions } from './common';
import { outputWidth } from './help';
import { EXIT_ERROR, EXIT_OK, type Io } from './io';
import type { FileRun } from './load-file';

/** The document as text (table at the output width, or markdown), or as an HTML page whose charts are built only then. */
export function emitDoc(io: Io, opts: CommonOptions, doc: ReportDoc, html: () => Omit<HtmlInput, 'doc'>): number | Promise<number> {
  if (opts.format === 'html') {
    const { charts, meta } = html();
    return renderHtmlPage({ doc, charts, meta }).then((page) => { emit(io, opts, page); return EXIT_OK; });
  }
  emit(io, opts, opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(opts, io.stdoutColumns) }));
  return EXIT_OK;
}

/** A file's diagnostics on standard error, each with its line of the file. */
export function printDiagnostics(io: Io, run: FileRun, lang: Lang): void {
  for (const d of run.diagnostics) io.stderr(renderDiagnostic(d, lang, run.text) + '\n\n');
}

/** A file that could not be evaluated: its diagnostics, their count, exit 2. */
export function notEvaluated(io: Io, run: FileRun, lang: Lang): number {
  printDiagnostics(io, run, lang);
  const errors = run.diagnostics.filter((d) => d.severity === 'error').length;
  io.stderr(lang === 'fr' ? `${errors} erreur(s): le fichier n'a pas pu être évalué.\n` : `${errors} error(s): the file could not be evaluated.\n`);
  return EXIT_ERROR;
}
