/** `equilibre params [--year Y]`: the embedded regulated parameters, with their sources. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { diag } from '../../domain/diagnostic';
import { renderDiagnostic } from '../../report/diagnostics';
import { paramValueText, type Lang } from '../../report/format';
import { labelText } from '../../report/labels';
import { emit } from '../common';
import { langOption, outputWidth, widthOption } from '../help';
import { getParamYear, listParamYears, LIVRET_A_HISTORY } from '../../params/index';
import { renderMarkdown, renderText } from '../../report/render';
import type { ReportDoc } from '../../report/document';
import { toJsonText } from '../../report/json';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';
import { confidenceLabel, confidenceLegend } from '../../params/confidence';

export function paramsCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('params')
    .description('paramètres réglementaires embarqués (plafonds, prêts CDC, Livret A, TVA, TFPB, TA), avec leurs sources')
    .option('-y, --year <year>', 'millésime des paramètres')
    .option('-g, --grep <text>', 'ne garder que les clés ou libellés contenant ce texte')
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(['table', 'json', 'markdown']).default('table'))
    .addOption(langOption('langue des titres, des libellés et des messages'))
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .addOption(widthOption())
    .action((opts: { year?: string; grep?: string; format: string; lang: Lang; output?: string; width?: number }) => {
      const years = listParamYears();
      const year = opts.year !== undefined ? Number(opts.year) : years[years.length - 1]!;
      const set = getParamYear(year);
      if (!set) {
        const d = diag('UNKNOWN_PARAMETERS_YEAR', 'error', [], { year: String(opts.year), available: years.map(String) });
        io.stderr(renderDiagnostic(d, opts.lang) + '\n');
        setCode(EXIT_ERROR);
        return;
      }
      const t = (fr: string, en: string) => (opts.lang === 'fr' ? fr : en);
      const g = opts.grep?.toLowerCase();
      const entries = Object.entries(set.params).filter(([k, p]) => !g || k.toLowerCase().includes(g) || p.label.toLowerCase().includes(g));
      if (opts.format === 'json') {
        emit(io, opts, toJsonText({
          schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, year: set.year, vintage: set.vintage,
          parameters: Object.fromEntries(entries.map(([k, p]) => [k, { value: p.value, unit: p.unit, label: p.label, status: p.status, confidence: confidenceLabel(p.status, opts.lang), sources: p.sources, source: p.source }])),
          livret_a_history: LIVRET_A_HISTORY,
        }));
        setCode(EXIT_OK);
        return;
      }
      const doc: ReportDoc = {
        title: `${t('Paramètres réglementaires', 'Regulated parameters')} ${set.year}`,
        subtitle: [
          `${t('millésime', 'vintage')} ${set.vintage} · ${TOOL_NAME} ${TOOL_VERSION} · ${t('années disponibles', 'available years')}: ${years.join(', ')}`,
          t('Chaque valeur peut être remplacée dans un fichier, sous `parameters:` (clé: valeur).', 'Any value may be replaced in a file, under `parameters:` (key: value).'),
        ],
        sections: [
          {
            id: 'params', title: t('Paramètres', 'Parameters'),
            blocks: [{ kind: 'table', headers: [t('Clé', 'Key'), t('Libellé', 'Label'), t('Valeur', 'Value'), t('Fiabilité', 'Confidence'), 'Source'], align: ['l', 'l', 'r', 'l', 'l'],
              rows: entries.map(([k, p]) => [k, labelText(p.label, opts.lang), paramValueText(p.value, p.unit, opts.lang), confidenceLabel(p.status, opts.lang), p.source]) },
              { kind: 'text', lines: [confidenceLegend(opts.lang)] }],
          },
          {
            id: 'livret_a', title: t('Historique du Livret A', 'Livret A history'),
            blocks: [{ kind: 'table', headers: [t('Depuis le', 'Since'), t('Taux', 'Rate'), 'Source'], align: ['l', 'r', 'l'], rows: LIVRET_A_HISTORY.map((c) => [c.from, t(`${c.rate_pct.replace('.', ',')} %`, `${c.rate_pct}%`), c.source]) },
              { kind: 'text', lines: [t('Sources: voir docs/sources.md.', 'Sources: see docs/sources.md.')] }],
          },
        ],
      };
      emit(io, opts, opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(opts, io.stdoutColumns) }));
      setCode(EXIT_OK);
    });
}
