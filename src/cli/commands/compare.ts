/**
 * `equilibre compare A.yaml B.yaml …`: operations or variants side by side on the core metrics,
 * with the difference to the first, ranked by a chosen metric; a file's `variants:` are compared
 * with their base. Each scenario also says what would restore its balance.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { diag, type Diagnostic } from '../../domain/diagnostic';
import { suggest } from '../../domain/suggest';
import type { Evaluation } from '../../engine/evaluate';
import { bearableLand, rentalGap } from '../../engine/sensitivity';
import { runVariant } from '../../pipeline';
import { addSensitivityMetrics } from '../../report/sensitivity';
import { compareDoc, compareHtmlMeta, compareJson, compareXlsxInput, DEFAULT_ROWS, type CompareFacts, type CompareScenario } from '../../report/compare';
import { toJsonText } from '../../report/json';
import { renderDiagnostic } from '../../report/diagnostics';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { addCommon, emit, writeBytesOut, type CommonOptions } from '../common';
import { xlsxOutputOk } from './report';
import { runFile } from '../load-file';
import { contained } from '../contain';
import { refuseOutputOverInput } from '../output';
import { extraCommands } from './registry';
import { emitDoc } from '../emit-doc';
import { progress } from '../progress';
import { BREAK_EVEN_EVALUATIONS, DEFAULT_MAX_EVALUATIONS, GOAL_SEEK_EVALUATIONS, parseMaxEvaluations, withinBudget } from '../budget';
import { compareCharts } from '../../report/charts/compare-charts';

export { DEFAULT_ROWS };

interface CompareOptions extends CommonOptions {
  rank: string;
  metrics?: string;
  goalSeek: boolean;
  maxEvaluations?: string;
}

export function runCompare(io: Io, files: string[], opts: CompareOptions): number | Promise<number> {
  const lang = opts.lang;
  if (opts.format === 'xlsx' && !xlsxOutputOk(io, opts, 'compare')) return EXIT_ERROR;
  const scenarios: CompareScenario[] = [];
  const problems: { d: Diagnostic; text?: string }[] = [];
  const maxEvaluations = parseMaxEvaluations(io, lang, opts.maxEvaluations);
  if (maxEvaluations === null) return EXIT_ERROR;
  // First load every file (one evaluation each), then count the work before doing it: each
  // scenario (a file, each of its variants) is evaluated, searched for its break-even inflation
  // and, unless --no-goal-seek, for its balance levers.
  const runs: { file: string; run: ReturnType<typeof runFile> & { evaluation: Evaluation } }[] = [];
  for (const file of files) {
    const run = runFile(io, file, opts.set);
    if (!run.evaluated || !run.evaluation) {
      for (const d of run.diagnostics) problems.push({ d, ...(run.text !== undefined ? { text: run.text } : {}) });
      continue;
    }
    runs.push({ file, run: run as typeof run & { evaluation: Evaluation } });
  }
  const perScenario = 1 + BREAK_EVEN_EVALUATIONS + (opts.goalSeek ? GOAL_SEEK_EVALUATIONS : 0);
  const scenarioCount = runs.reduce((n, r) => n + 1 + (r.run.load.input?.variants?.length ?? 0), 0);
  const maxLots = runs.reduce((n, r) => Math.max(n, r.run.evaluation.model.lots.length), 0);
  if (runs.length && !withinBudget(io, lang, 'compare', scenarioCount * perScenario, maxLots, maxEvaluations, [`${scenarioCount} scénario(s) × ~${perScenario}`, `${scenarioCount} scenario(s) × ~${perScenario}`])) {
    for (const p of problems) io.stderr('\n' + renderDiagnostic(p.d, lang, p.text) + '\n');
    return EXIT_ERROR;
  }
  const tick = progress(io, scenarioCount * 2, lang === 'fr' ? 'comparaison' : 'compare');
  for (const { file, run } of runs) {
    const mk = (name: string, variant: string | null, ev: Evaluation): CompareScenario => {
      const s: CompareScenario = {
        name, file, variant, ev,
        rentalGap: opts.goalSeek ? rentalGap(ev.model.input, ev, file) : null,
        land: opts.goalSeek ? bearableLand(ev.model.input, ev, file) : null,
      };
      tick();
      return s;
    };
    scenarios.push(mk(run.evaluation.model.name, null, run.evaluation));
    (run.load.input?.variants ?? []).forEach((_, i) => {
      const v = runVariant(run.load, file, i);
      for (const d of v.diagnostics) problems.push({ d, ...(run.text !== undefined ? { text: run.text } : {}) });
      if (v.evaluation) scenarios.push(mk(`${run.evaluation.model.name} — ${v.name}`, v.name, v.evaluation));
    });
  }
  for (const p of problems) io.stderr(renderDiagnostic(p.d, lang, p.text) + '\n\n');
  if (problems.some((p) => p.d.severity === 'error') || scenarios.length === 0) { tick.done(); return EXIT_ERROR; }
  for (const s of scenarios) { addSensitivityMetrics(s.ev); tick(); }
  tick.done();

  const rows: [string, string, string][] = opts.metrics
    ? opts.metrics.split(',').map((m) => m.trim()).filter(Boolean).map((m) => [m, m, m] as [string, string, string])
    : [...DEFAULT_ROWS];
  const known = new Set(scenarios.flatMap((s) => [...s.ev.metrics.keys()]));
  for (const [m] of rows) {
    if (!known.has(m) && !DEFAULT_ROWS.some(([d]) => d === m)) {
      const s = suggest(m, [...known]);
      io.stderr(renderDiagnostic({ ...diag('UNKNOWN_METRIC', 'error', [], { metric: m, ...(s ? { suggestion: s } : {}) }) }, lang) + '\n');
      return EXIT_ERROR;
    }
  }
  if (!known.has(opts.rank)) {
    const s = suggest(opts.rank, [...known]);
    io.stderr(renderDiagnostic({ ...diag('UNKNOWN_METRIC', 'error', [], { metric: opts.rank, ...(s ? { suggestion: s } : {}) }) }, lang) + '\n');
    return EXIT_ERROR;
  }
  const facts: CompareFacts = { scenarios, rows, rank: opts.rank, goalSeek: opts.goalSeek };
  if (opts.format === 'json') {
    emit(io, opts, toJsonText(compareJson(facts)));
    return EXIT_OK;
  }
  if (opts.format === 'xlsx') {
    const input = compareXlsxInput(facts, lang);
    return import('../../report/xlsx/index').then(async ({ renderCompareXlsx }) => {
      writeBytesOut(io, opts.output!, await renderCompareXlsx(input));
      return EXIT_OK;
    });
  }
  const { doc, order } = compareDoc(facts, lang);
  return emitDoc(io, opts, doc, () => ({ charts: compareCharts(scenarios, rows, order, lang), meta: compareHtmlMeta(facts, lang) }));
}

extraCommands.push((program: Command, io: Io, setCode: (c: number) => void) => {
  const cmd = program
    .command('compare')
    .description('comparer des opérations ou des variantes côte à côte, classées par un indicateur')
    .argument('<files...>', "fichiers d'opération (leurs `variants:` sont comparées aussi)");
  addCommon(cmd, ['table', 'json', 'markdown', 'html', 'xlsx'])
    .addOption(new Option('--rank <metric>', 'indicateur de classement').default('operation.balance_eur'))
    .option('--metrics <list>', 'indicateurs à comparer, séparés par des virgules')
    .option('--no-goal-seek', "sans la recherche des leviers d'équilibre")
    .option('--max-evaluations <n>', `plafond de calcul, en évaluations de lot (évaluations × lots; défaut ${DEFAULT_MAX_EVALUATIONS})`)
    .action(async (files: string[], opts: CompareOptions) => setCode(await contained(io, opts.lang, files, () => { refuseOutputOverInput(io.cwd, files, [['-o', opts.output]]); return runCompare(io, files, opts); })));
});
