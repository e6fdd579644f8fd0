/** `equilibre params [--year Y]`: the embedded regulated parameters, with their sources. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { emit } from '../main';
import { getParamYear, listParamYears, LIVRET_A_HISTORY } from '../../params/index';
import { renderMarkdown, renderText } from '../../report/render';
import type { ReportDoc } from '../../report/document';
import { toJsonText } from '../../report/json';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';

const STATUS: Record<string, string> = { confirmed: '✅', single_source: '🔶', unverified: '❓' };

export function paramsCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('params')
    .description('paramètres réglementaires embarqués (plafonds, prêts CDC, Livret A, TVA, TFPB, TA), avec leurs sources')
    .option('-y, --year <year>', 'millésime des paramètres')
    .option('-g, --grep <text>', 'ne garder que les clés ou libellés contenant ce texte')
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(['table', 'json', 'markdown']).default('table'))
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .action((opts: { year?: string; grep?: string; format: string; output?: string }) => {
      const years = listParamYears();
      const year = opts.year !== undefined ? Number(opts.year) : years[years.length - 1]!;
      const set = getParamYear(year);
      if (!set) {
        io.stderr(`erreur[UNKNOWN_PARAMETERS_YEAR]: pas de paramètres pour ${opts.year}\naide: millésimes disponibles: ${years.join(', ')}\n`);
        setCode(EXIT_ERROR);
        return;
      }
      const g = opts.grep?.toLowerCase();
      const entries = Object.entries(set.params).filter(([k, p]) => !g || k.toLowerCase().includes(g) || p.label.toLowerCase().includes(g));
      if (opts.format === 'json') {
        emit(io, opts, toJsonText({
          schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, year: set.year, vintage: set.vintage,
          parameters: Object.fromEntries(entries.map(([k, p]) => [k, { value: p.value, unit: p.unit, label: p.label, status: p.status, source: p.source }])),
          livret_a_history: LIVRET_A_HISTORY,
        }));
        setCode(EXIT_OK);
        return;
      }
      const doc: ReportDoc = {
        title: `Paramètres réglementaires ${set.year}`,
        subtitle: [`millésime ${set.vintage} · ${TOOL_NAME} ${TOOL_VERSION} · années disponibles: ${years.join(', ')}`, 'Chaque valeur peut être remplacée dans un fichier, sous `parameters:` (clé: valeur).'],
        sections: [
          {
            id: 'params', title: 'Paramètres',
            blocks: [{ kind: 'table', headers: ['Clé', 'Libellé', 'Valeur', 'Unité', 'Source'], align: ['l', 'l', 'r', 'l', 'l'],
              rows: entries.map(([k, p]) => [k, p.label, typeof p.value === 'string' ? p.value : p.value.join(' ; '), p.unit, `${STATUS[p.status] ?? ''} ${p.source}`]) }],
          },
          {
            id: 'livret_a', title: 'Historique du Livret A',
            blocks: [{ kind: 'table', headers: ['Depuis le', 'Taux', 'Source'], align: ['l', 'r', 'l'], rows: LIVRET_A_HISTORY.map((c) => [c.from, `${c.rate_pct.replace('.', ',')} %`, c.source]) },
              { kind: 'text', lines: ['✅ confirmé · 🔶 source unique ou indirecte · ❓ non vérifié'] }],
          },
        ],
      };
      emit(io, opts, opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc));
      setCode(EXIT_OK);
    });
}
