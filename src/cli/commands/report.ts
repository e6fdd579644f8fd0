/** `equilibre report FILE` (also the default command: `equilibre FILE`). */
import type { Command } from 'commander';
import { addCommon, emit, writeBytesOut, type CommonOptions } from '../main';
import { diag } from '../../domain/diagnostic';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, type Io } from '../io';
import { runFile } from '../load-file';
import { buildReport } from '../../report/document';
import { renderMarkdown, renderText } from '../../report/render';
import { reportJson, toJsonText } from '../../report/json';
import { renderDiagnostic } from '../../report/diagnostics';
import { reportExtensions } from '../../report/extensions';

interface ReportOptions extends CommonOptions {
  detail: string[];
}

export function reportCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  const cmd = program
    .command('report', { isDefault: true })
    .description("rapport complet d'une opération (commande par défaut: `equilibre FICHIER`)")
    .argument('<file>', "fichier d'opération YAML (format equilibre/v1)");
  addCommon(cmd, ['table', 'json', 'markdown', 'xlsx'])
    .option('--strict', 'code de sortie 1 si une alerte (erreur ou avertissement) est émise')
    .option('--detail <what>', 'détails: loans (échéanciers complets), years (toutes les années)', (v: string, prev: string[]) => [...prev, ...v.split(',')], [] as string[])
    .action((file: string, opts: ReportOptions) => {
      if (opts.format === 'xlsx') return runReportXlsx(io, file, opts).then(setCode);
      setCode(runReport(io, file, opts));
    });
}

/**
 * `--format xlsx`: a binary workbook, so it needs `-o FILE` (never written to standard output).
 * The renderer and exceljs are loaded only here (a separate file of the build, dist/xlsx.cjs).
 */
async function runReportXlsx(io: Io, file: string, opts: ReportOptions): Promise<number> {
  if (!xlsxOutputOk(io, opts)) return EXIT_ERROR;
  const run = runFile(io, file, opts.set);
  if (!run.evaluated || !run.evaluation) return runReport(io, file, opts);
  const ev = run.evaluation;
  const ext = reportExtensions.map((x) => x(ev, { lang: opts.lang, detail: opts.detail }));
  const json = JSON.parse(toJsonText(reportJson(ev, opts.lang, Object.assign({}, ...ext.map((e) => e.json))))) as Record<string, unknown>;
  const { renderReportXlsx } = await import('../../report/xlsx/index');
  const { bytes } = await renderReportXlsx(ev, { lang: opts.lang, json });
  writeBytesOut(io, opts.output!, bytes);
  if (opts.strict && ev.diagnostics.some((d) => d.severity !== 'info')) return EXIT_FAILED;
  return EXIT_OK;
}

/** `--format xlsx` without `-o`: a usage error (exit 2), nothing evaluated. */
export function xlsxOutputOk(io: Io, opts: { output?: string | undefined; lang: 'fr' | 'en' }, command = 'report'): boolean {
  if (opts.output) return true;
  const detail = opts.lang === 'fr'
    ? '--format xlsx écrit un classeur (fichier binaire): donnez le fichier avec -o, ex. -o rapport.xlsx'
    : '--format xlsx writes a workbook (a binary file): give the file with -o, e.g. -o report.xlsx';
  io.stderr(renderDiagnostic(diag('USAGE', 'error', [], { detail, command }), opts.lang) + '\n');
  return false;
}

export function runReport(io: Io, file: string, opts: ReportOptions): number {
  const run = runFile(io, file, opts.set);
  if (!run.evaluated || !run.evaluation) {
    for (const d of run.diagnostics) io.stderr(renderDiagnostic(d, opts.lang, run.text) + '\n\n');
    const errors = run.diagnostics.filter((d) => d.severity === 'error').length;
    io.stderr(opts.lang === 'fr' ? `${errors} erreur(s): le fichier n'a pas pu être évalué.\n` : `${errors} error(s): the file could not be evaluated.\n`);
    return EXIT_ERROR;
  }
  const ev = run.evaluation;
  const ext = reportExtensions.map((x) => x(ev, { lang: opts.lang, detail: opts.detail }));
  let text: string;
  if (opts.format === 'json') {
    const extra = Object.assign({}, ...ext.map((e) => e.json));
    text = toJsonText(reportJson(ev, opts.lang, extra));
  } else {
    const doc = buildReport(ev, { lang: opts.lang, extraSections: ext.flatMap((e) => e.sections), ...(run.text !== undefined ? { sourceText: run.text } : {}) });
    text = opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc);
  }
  emit(io, opts, text);
  if (opts.strict && ev.diagnostics.some((d) => d.severity !== 'info')) return EXIT_FAILED;
  return EXIT_OK;
}
