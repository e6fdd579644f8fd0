/** `equilibre report FILE` (also the default command: `equilibre FILE`). */
import type { Command } from 'commander';
import { addCommon, emit, type CommonOptions } from '../main';
import { outputWidth } from '../help';
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
  addCommon(cmd, ['table', 'json', 'markdown'])
    .option('--strict', 'code de sortie 1 si une alerte (erreur ou avertissement) est émise')
    .option('--detail <what>', 'détails: `loans` (échéanciers complets), `years` (toutes les années), séparés par des virgules', (v: string, prev: string[]) => [...prev, ...v.split(',')], [] as string[])
    .action((file: string, opts: ReportOptions) => {
      setCode(runReport(io, file, opts));
    });
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
    text = opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(opts, io.stdoutColumns) });
  }
  emit(io, opts, text);
  if (opts.strict && ev.diagnostics.some((d) => d.severity !== 'info')) return EXIT_FAILED;
  return EXIT_OK;
}
