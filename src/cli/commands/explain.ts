/** `equilibre explain FILE METRIC`: the derivation of one metric, each leaf traced to the file, a parameter or a default. */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { addCommon, emit, type CommonOptions } from '../common';
import { currentMessageLang, outputWidth } from '../help';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { parseSet, runFile } from '../load-file';
import { notEvaluated } from '../emit-doc';
import { contained } from '../contain';
import { extraCommands } from './registry';
import { renderDiagnostic } from '../../report/diagnostics';
import { synthesisOf } from '../../report/synthesis';
import { explainJson, renderExplainMarkdown, renderExplainText } from '../../report/explain';
import { toJsonText } from '../../report/json';
import { explainerFor } from '../../explain/index';
import { suggest } from '../../domain/suggest';
import { diag } from '../../domain/diagnostic';

/** Levels shown by default: an AMO reads the break-even rent in one screen. */
export const EXPLAIN_DEFAULT_DEPTH = 4;

interface ExplainOptions extends CommonOptions {
  depth?: number;
}

function parseDepth(v: string): number {
  if (v === 'all' || v === 'tout') return Infinity;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError(currentMessageLang() === 'fr' ? 'un entier ≥ 1, ou `all`' : 'an integer ≥ 1, or `all`');
  return n;
}

export function explainCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  const cmd = program
    .command('explain')
    .description("d'où vient une métrique: sa formule, ses opérandes et, pour chaque donnée, la ligne du fichier, le paramètre ou le défaut")
    .argument('<file>', "fichier d'opération YAML (format equilibre/v1)")
    .argument('<metric>', 'nom de la métrique (docs/json.md), ex. rental.break_even_rent_eur_per_m2_su_month');
  addCommon(cmd, ['table', 'json', 'markdown'])
    .addOption(new Option('--depth <n>', `niveaux affichés (défaut ${EXPLAIN_DEFAULT_DEPTH}; \`all\`: tout l'arbre)`).argParser(parseDepth))
    .action(async (file: string, metric: string, opts: ExplainOptions) => {
      setCode(await contained(io, opts.lang, [file], () => runExplain(io, file, metric, opts)));
    });
}

export function runExplain(io: Io, file: string, metric: string, opts: ExplainOptions): number {
  const run = runFile(io, file, opts.set);
  if (!run.evaluated || !run.evaluation) {
    return notEvaluated(io, run, opts.lang);
  }
  const ev = run.evaluation;
  // the report's sensitivity metrics (docs/json.md), as `report --format json` has them: searches, run only when asked for
  if (!ev.metrics.has(metric)) synthesisOf(ev);
  if (!ev.metrics.has(metric)) {
    const names = [...ev.metrics.keys()];
    const s = suggest(metric, names);
    io.stderr(renderDiagnostic({ ...diag('UNKNOWN_METRIC', 'error', [], { metric, ...(s ? { suggestion: s } : {}) }) }, opts.lang) + '\n');
    return EXIT_ERROR;
  }
  const overrides = opts.set.map((s) => parseSet(s)).filter((o): o is Exclude<typeof o, { code: string }> => !('code' in o));
  const tree = explainerFor(ev, run.load.source, overrides).metric(metric)!;
  const depth = opts.depth ?? (opts.format === 'json' ? Infinity : EXPLAIN_DEFAULT_DEPTH);
  const ropts = { lang: opts.lang, model: ev.model, lines: ev.cost.lines, loans: ev.financing.loans, file, depth, width: outputWidth(opts, io.stdoutColumns) };
  const text = opts.format === 'json' ? toJsonText(explainJson(tree, { ...ropts, metric }))
    : opts.format === 'markdown' ? renderExplainMarkdown(tree, ropts)
      : renderExplainText(tree, ropts);
  emit(io, opts, text);
  return EXIT_OK;
}

extraCommands.push(explainCommand);
