/** `equilibre sensitivity FILE`: cost-inflation sweeps, other levers, a tornado, a 2-D grid, break-even and goal seeks. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { HUNDRED } from '../../domain/money';
import {
  LEVERS, bearableLand, grid, leverDef, maxConstructionInflation, range, rentalGap, sweep, targetPrices, tornado,
  type LeverId,
} from '../../engine/sensitivity';
import { type Lang } from '../../report/format';
import { toJsonText } from '../../report/json';
import { sensitivityDoc, sensitivityJson } from '../../report/sensitivity';
import { synthesisOf } from '../../report/synthesis';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { addCommon, emit, type CommonOptions } from '../common';
import { runFile } from '../load-file';
import { contained } from '../contain';
import { refuseOutputOverInput } from '../output';
import { extraCommands } from './registry';
import { emitDoc, printDiagnostics } from '../emit-doc';
import { progress } from '../progress';
import { livretA } from '../../engine/model';
import { optionName, parseLeverRange, type RangeContext, type RangeProblem } from '../ranges';
import { BREAK_EVEN_EVALUATIONS, DEFAULT_MAX_EVALUATIONS, GOAL_SEEK_EVALUATIONS, parseMaxEvaluations, withinBudget } from '../budget';
import { sensitivityCharts } from '../../report/charts/sensitivity-charts';
import type { SensitivityResult } from '../../engine/sensitivity-run';

interface SensOptions extends CommonOptions {
  construction?: string;
  land?: string;
  livretA?: string;
  rents?: string;
  vacancy?: string;
  subsidies?: string;
  prices?: string;
  grid?: string;
  gridMetric: string;
  tornado: boolean;
  goalSeek: boolean;
  maxEvaluations?: string;
}

function usage(io: Io, lang: Lang, fr: string, en: string): number {
  io.stderr(lang === 'fr' ? `erreur[INVALID_OPTION]: ${fr}\naide: plages au format début:fin:pas, ex. --construction 0:30:5; --grid construction:0:30:5,livret-a:0:2:0.5\n` : `error[INVALID_OPTION]: ${en}\nhint: ranges as start:end:step, e.g. --construction 0:30:5; --grid construction:0:30:5,livret-a:0:2:0.5\n`);
  return EXIT_ERROR;
}

function badRange(io: Io, lang: Lang, p: RangeProblem): number {
  io.stderr(lang === 'fr' ? `erreur[BAD_RANGE]: ${p.fr}\naide: ${p.hintFr}\n` : `error[BAD_RANGE]: ${p.en}\nhint: ${p.hintEn}\n`);
  return EXIT_ERROR;
}

export type { SensitivityResult } from '../../engine/sensitivity-run';

export function runSensitivity(io: Io, file: string, opts: SensOptions): number | Promise<number> {
  const lang = opts.lang;
  const run = runFile(io, file, opts.set);
  if (!run.evaluated || !run.evaluation || !run.load.input) {
    printDiagnostics(io, run, lang);
    return EXIT_ERROR;
  }
  const base = run.evaluation;
  const input = run.load.input;
  const maxEvaluations = parseMaxEvaluations(io, lang, opts.maxEvaluations);
  if (maxEvaluations === null) return EXIT_ERROR;
  // What the bounds of the point levers depend on (the same resolution as applyLever's).
  const ctx: RangeContext = {
    get livretAPct() { const { la0, path } = livretA(base.model); return [la0, ...path].map((d) => d.times(HUNDRED).toNumber()); },
    get vacancyPct() { return input.assumptions?.vacancy_pct ?? Number(base.model.used.get('assumptions.vacancy_pct')?.value ?? 0); },
  };
  const sweepsAsked: [LeverId, number[]][] = [];
  const leverOpts: [LeverId, string | undefined][] = [['construction', opts.construction], ['land', opts.land], ['livret_a', opts.livretA], ['rents', opts.rents], ['vacancy', opts.vacancy], ['subsidies', opts.subsidies], ['prices', opts.prices]];
  for (const [id, text] of leverOpts) {
    if (text === undefined) continue;
    const r = parseLeverRange(optionName(id), text, id, ctx);
    if ('problem' in r) return badRange(io, lang, r.problem);
    sweepsAsked.push([id, r.xs]);
  }
  if (!sweepsAsked.some(([id]) => id === 'construction')) sweepsAsked.unshift(['construction', range(0, 30, 5)]);
  let gridAsk: { a: LeverId; xs: number[]; b: LeverId; ys: number[] } | null = null;
  if (opts.grid) {
    const parts = opts.grid.split(',').map((p) => p.trim());
    const lever = (p: string) => { const i = p.indexOf(':'); return i > 0 ? leverDef(p.slice(0, i).trim()) : undefined; };
    const A = parts[0] ? lever(parts[0]) : undefined, B = parts[1] ? lever(parts[1]) : undefined;
    if (parts.length !== 2 || !A || !B) return usage(io, lang, `--grid ${JSON.stringify(opts.grid)}: deux leviers attendus (${LEVERS.map((l) => l.id.replace('_', '-')).join(', ')})`, `--grid ${JSON.stringify(opts.grid)}: two levers expected`);
    const ra = parseLeverRange(`--grid ${A.id.replace('_', '-')}`, parts[0]!.slice(parts[0]!.indexOf(':') + 1), A.id, ctx);
    if ('problem' in ra) return badRange(io, lang, ra.problem);
    const rb = parseLeverRange(`--grid ${B.id.replace('_', '-')}`, parts[1]!.slice(parts[1]!.indexOf(':') + 1), B.id, ctx);
    if ('problem' in rb) return badRange(io, lang, rb.problem);
    gridAsk = { a: A.id, xs: ra.xs, b: B.id, ys: rb.xs };
  }
  if (gridAsk && !base.metrics.has(opts.gridMetric)) return usage(io, lang, `métrique ${opts.gridMetric} inconnue pour ce fichier`, `unknown metric ${opts.gridMetric} for this file`);

  const total = sweepsAsked.reduce((s, [, xs]) => s + xs.length, 0) + (opts.tornado ? LEVERS.length * 2 : 0) + (gridAsk ? gridAsk.xs.length * gridAsk.ys.length : 0);
  // The budget: every evaluation counted before any runs (the searches at their estimate).
  const evaluations = total + BREAK_EVEN_EVALUATIONS + (opts.goalSeek ? GOAL_SEEK_EVALUATIONS : 0);
  const parts = [
    sweepsAsked.map(([id, xs]) => `${optionName(id)} ${xs.length}`).join(', '),
    ...(opts.tornado ? [`${lang === 'fr' ? 'tornade' : 'tornado'} ${LEVERS.length * 2}`] : []),
    ...(gridAsk ? [`${lang === 'fr' ? 'grille' : 'grid'} ${gridAsk.xs.length} × ${gridAsk.ys.length}`] : []),
    `${lang === 'fr' ? 'recherches' : 'searches'} ~${BREAK_EVEN_EVALUATIONS + (opts.goalSeek ? GOAL_SEEK_EVALUATIONS : 0)}`,
  ].join(', ');
  if (!withinBudget(io, lang, 'sensitivity', evaluations, base.model.lots.length, maxEvaluations, [parts, parts])) return EXIT_ERROR;
  const tick = progress(io, total, lang === 'fr' ? 'sensibilité' : 'sensitivity');
  // Each search once: the synthesis's levers reuse the break-even, the rental gap and the bearable land found here.
  const breakEven = maxConstructionInflation(input, base, file);
  const gap = opts.goalSeek ? rentalGap(input, base, file) : null;
  const land = opts.goalSeek ? bearableLand(input, base, file) : null;
  const res: SensitivityResult = {
    sweeps: sweepsAsked.map(([id, xs]) => ({ lever: id, ...sweep(input, base, file, id, xs, tick) })),
    breakEven,
    rentalGap: gap,
    land: land ?? { kind: 'unreachable', bound: 0 },
    targets: opts.goalSeek ? targetPrices(input, file) : null,
    tornado: opts.tornado ? tornado(input, base, file, tick) : null,
    grid: gridAsk ? { ...grid(input, base, file, gridAsk.a, gridAsk.xs, gridAsk.b, gridAsk.ys, opts.gridMetric, tick), a: gridAsk.a, b: gridAsk.b, metric: opts.gridMetric } : null,
    synthesis: land ? synthesisOf(base, { breakEven, rentalGap: gap, land }) : null,
  };
  tick.done();
  if (opts.format === 'json') {
    emit(io, opts, toJsonText(sensitivityJson(file, base, res)));
  } else {
    const doc = sensitivityDoc(file, base, res, lang, opts.goalSeek);
    return emitDoc(io, opts, doc, () => ({ charts: sensitivityCharts(base, res, lang), meta: { lang, name: base.model.name, tool: `${TOOL_NAME} ${TOOL_VERSION}`, vintage: base.model.vintage } }));
  }
  return EXIT_OK;
}

extraCommands.push((program: Command, io: Io, setCode: (c: number) => void) => {
  const cmd = program
    .command('sensitivity')
    .description("sensibilité: inflation des coûts de construction, autres leviers, tornade, grille, point de bascule et leviers d'équilibre")
    .argument('<file>', "fichier d'opération YAML");
  addCommon(cmd, ['table', 'json', 'markdown', 'html'])
    .option('--construction <range>', 'inflation du coût de construction en % (défaut 0:30:5)')
    .option('--land <range>', 'variation de la charge foncière en %')
    .option('--livret-a <range>', 'variation du Livret A en points')
    .option('--rents <range>', 'variation des loyers en %')
    .option('--vacancy <range>', 'variation de la vacance en points')
    .option('--subsidies <range>', 'variation des subventions en %')
    .option('--prices <range>', 'variation des prix de vente en %')
    .option('--grid <a:range,b:range>', 'grille 2-D, ex. construction:0:30:5,livret-a:0:2:0.5')
    .addOption(new Option('--grid-metric <metric>', 'métrique de la grille').default('operation.balance_eur'))
    .option('--no-tornado', 'sans la tornade')
    .option('--no-goal-seek', "sans la recherche des leviers d'équilibre")
    .option('--max-evaluations <n>', `plafond de calcul, en évaluations de lot (évaluations × lots; défaut ${DEFAULT_MAX_EVALUATIONS})`)
    .action(async (file: string, opts: SensOptions) => setCode(await contained(io, opts.lang, [file], () => { refuseOutputOverInput(io.cwd, [file], [['-o', opts.output]]); return runSensitivity(io, file, opts); })));
});
