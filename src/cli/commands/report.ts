/** `equilibre report FILE` (also the default command: `equilibre FILE`). */
import type { Command } from 'commander';
import { addCommon, emit, writeBytesOut, type CommonOptions } from '../common';
import { outputWidth } from '../help';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, type Io } from '../io';
import { runFile } from '../load-file';
import { notEvaluated } from '../emit-doc';
import { contained } from '../contain';
import { checkValues } from '../options';
import { refuseOutputOverInput } from '../output';
import { buildReport } from '../../report/document';
import { renderMarkdown, renderText } from '../../report/render';
import { reportJson, toJsonText } from '../../report/json';
import { renderDiagnostic } from '../../report/diagnostics';
import { reportExtensions } from '../../report/extensions';
import { reportCharts } from '../../report/charts/report-charts';
import { renderHtmlPage } from '../../report/html/load';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { resolveSections, SECTION_IDS } from '../../report/synthesis';
import { suggest } from '../../domain/suggest';
import { diag } from '../../domain/diagnostic';

/** The values of `--detail`. */
export const DETAILS = ['loans', 'years'];

interface ReportOptions extends CommonOptions {
  detail: string[];
  sections?: string[];
}

export function reportCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  const cmd = program
    .command('report', { isDefault: true })
    .description("rapport complet d'une opération (commande par défaut: `equilibre FICHIER`)")
    .argument('<file>', "fichier d'opération YAML (format equilibre/v1)");
  addCommon(cmd, ['table', 'json', 'markdown', 'html', 'xlsx'])
    .option('--strict', 'code de sortie 1 si une alerte (erreur ou avertissement) est émise')
    .option('--detail <what>', 'détails: `loans` (échéanciers complets), `years` (toutes les années), séparés par des virgules', (v: string, prev: string[]) => [...prev, ...v.split(',').map((x) => x.trim()).filter(Boolean)], [] as string[])
    .option('--sections <ids>', `sections à afficher, dans l'ordre du rapport: ${SECTION_IDS.map((x) => x.fr).join(', ')} (ou en anglais: ${SECTION_IDS.map((x) => x.en).join(', ')})`, (v: string, prev: string[] | undefined) => [...(prev ?? []), ...v.split(',')])
    .action(async (file: string, opts: ReportOptions) => {
      if (!checkValues(io, opts.lang, 'report', '--detail', opts.detail, DETAILS)) { setCode(EXIT_ERROR); return; }
      setCode(await contained(io, opts.lang, [file], () => { refuseOutputOverInput(io.cwd, [file], [['-o', opts.output]]); return opts.format === 'xlsx' ? runReportXlsx(io, file, opts) : runReport(io, file, opts); }));
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

export function runReport(io: Io, file: string, opts: ReportOptions): number | Promise<number> {
  const run = runFile(io, file, opts.set);
  if (!run.evaluated || !run.evaluation) {
    return notEvaluated(io, run, opts.lang);
  }
  const ev = run.evaluation;
  let selected: Set<string> | null = null;
  if (opts.sections) {
    const r = resolveSections(opts.sections);
    if ('unknown' in r) {
      const names = SECTION_IDS.flatMap((x) => [x.fr, x.en]);
      for (const u of r.unknown) {
        const s = suggest(u, names);
        const detail = opts.lang === 'fr'
          ? `--sections: section « ${u} » inconnue${s ? `; vouliez-vous dire « ${s} » ?` : ''} (sections: ${SECTION_IDS.map((x) => x.fr).join(', ')})`
          : `--sections: unknown section "${u}"${s ? `; did you mean "${s}"?` : ''} (sections: ${SECTION_IDS.map((x) => x.en).join(', ')})`;
        io.stderr(renderDiagnostic(diag('USAGE', 'error', [], { detail, command: 'report' }), opts.lang) + '\n');
      }
      return EXIT_ERROR;
    }
    if (r.ok.length) selected = new Set(r.ok.flatMap((x) => (opts.format === 'json' ? x.json : x.ids)));
  }
  const ext = reportExtensions.map((x) => x(ev, { lang: opts.lang, detail: opts.detail }));
  let text: string;
  if (opts.format === 'json') {
    const extra = Object.assign({}, ...ext.map((e) => e.json));
    const doc = reportJson(ev, opts.lang, extra);
    // --sections: the header keys and the metrics always, then the selected sections' keys
    const KEEP = new Set(['schema_version', 'tool', 'file', 'operation', 'parameters', 'profile', 'metrics']);
    text = toJsonText(selected ? Object.fromEntries(Object.entries(doc).filter(([k]) => KEEP.has(k) || selected!.has(k))) : doc);
  } else {
    // the synthesis runs its lever searches only when it is shown
    const noSynthesis = selected !== null && !selected.has('synthese');
    const doc = buildReport(ev, { lang: opts.lang, extraSections: ext.flatMap((e) => e.sections), ...(noSynthesis ? { leadSections: [] } : {}), ...(run.text !== undefined ? { sourceText: run.text } : {}) });
    if (selected) doc.sections = doc.sections.filter((s) => selected!.has(s.id));
    if (opts.format === 'html') {
      const meta = { lang: opts.lang, name: ev.model.name, tool: `${TOOL_NAME} ${TOOL_VERSION}`, vintage: ev.model.vintage };
      return renderHtmlPage({ doc, charts: reportCharts(ev, opts.lang), meta }).then((html) => {
        emit(io, opts, html);
        return opts.strict && ev.diagnostics.some((d) => d.severity !== 'info') ? EXIT_FAILED : EXIT_OK;
      });
    }
    text = opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(opts, io.stdoutColumns) });
  }
  emit(io, opts, text);
  if (opts.strict && ev.diagnostics.some((d) => d.severity !== 'info')) return EXIT_FAILED;
  return EXIT_OK;
}
