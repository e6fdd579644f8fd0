/** `equilibre risk FILE`: a seeded Monte Carlo of the operation (src/risk/), its percentiles, probabilities and drivers. */
import type { Command } from 'commander';
import { toJsonText } from '../../report/json';
import type { Lang } from '../../report/format';
import { riskCharts, riskDoc, riskJson } from '../../report/risk';
import { PARALLEL_MIN_DRAWS, runRiskShared, riskThreads, startRiskWorker, type RiskWorker } from '../../risk/parallel';
import { checkJobs } from '../options';
import { BREAK_EVEN_EVALUATIONS } from '../../risk/evaluator';
import { riskSpec } from '../../risk/spec';
import { RISK_DRAWS_MAX } from '../../schema/operation';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { addCommon, emit, type CommonOptions } from '../common';
import { runFile } from '../load-file';
import { contained } from '../contain';
import { refuseOutputOverInput } from '../output';
import { extraCommands } from './registry';
import { emitDoc, printDiagnostics } from '../emit-doc';
import { progress } from '../progress';
import { DEFAULT_MAX_EVALUATIONS, parseMaxEvaluations, wholeNumber, withinBudget } from '../budget';

interface RiskOptions extends CommonOptions {
  draws?: string;
  seed?: string;
  maxEvaluations?: string;
  breakEven: boolean;
  exactPercentiles?: boolean;
  jobs?: string;
}

/** A whole number within [lo, hi] (budget.ts wholeNumber), or null after INVALID_OPTION. */
function wholeOption(io: Io, lang: Lang, name: string, text: string, lo: number, hi: number, example: string): number | null {
  const n = wholeNumber(text, lo, hi);
  if (n !== null) return n;
  io.stderr(lang === 'fr'
    ? `erreur[INVALID_OPTION]: ${name} ${JSON.stringify(text)}: un nombre entier de ${lo} à ${hi} attendu\naide: par exemple ${name} ${example}\n`
    : `error[INVALID_OPTION]: ${name} ${JSON.stringify(text)}: a whole number from ${lo} to ${hi} is expected\nhint: for example ${name} ${example}\n`);
  return null;
}

export function runRiskCommand(io: Io, file: string, opts: RiskOptions): number | Promise<number> {
  // The worker of a run on two threads starts first, when --draws says there will be one: it loads the program
  // and evaluates the file while this thread does (src/risk/parallel.ts); stopped when the command ends.
  const early = opts.draws === undefined ? null : wholeNumber(opts.draws, 1, RISK_DRAWS_MAX);
  const worker = early !== null && riskThreads(early, io.env, opts.jobs) > 1 ? startRiskWorker(file, opts.set, opts.breakEven) : null;
  let r: number | Promise<number>;
  try { r = riskCommand(io, file, opts, worker); } catch (e) { worker?.stop(); throw e; }
  if (typeof r === 'number') { worker?.stop(); return r; }
  return r.finally(() => worker?.stop());
}

function riskCommand(io: Io, file: string, opts: RiskOptions, worker: RiskWorker | null): number | Promise<number> {
  const lang = opts.lang;
  const run = runFile(io, file, opts.set);
  if (!run.evaluated || !run.evaluation || !run.load.input) {
    printDiagnostics(io, run, lang);
    return EXIT_ERROR;
  }
  const base = run.evaluation;
  const input = run.load.input;
  const spec = riskSpec(input);
  const draws = opts.draws === undefined ? spec.draws : wholeOption(io, lang, '--draws', opts.draws, 1, RISK_DRAWS_MAX, '10000');
  if (draws === null) return EXIT_ERROR;
  const seed = opts.seed === undefined ? spec.seed : wholeOption(io, lang, '--seed', opts.seed, 0, 4294967295, '42');
  if (seed === null) return EXIT_ERROR;
  const maxEvaluations = parseMaxEvaluations(io, lang, opts.maxEvaluations);
  if (maxEvaluations === null) return EXIT_ERROR;
  if (!checkJobs(io, lang, 'risk', opts.jobs)) return EXIT_ERROR;
  // one evaluation a draw, and its break-even search (~BREAK_EVEN_EVALUATIONS), and with --exact-percentiles the exact
  // ones of the percentiles' draws
  const exactPercentiles = opts.exactPercentiles === true;
  const perDraw = 1 + (opts.breakEven ? BREAK_EVEN_EVALUATIONS : 0);
  const evaluations = draws * perDraw + (exactPercentiles ? 12 : 0);
  const detail: [string, string] = [`${draws} tirages × ${perDraw}${opts.breakEven ? ' (dont la recherche du point de bascule, --no-break-even pour s’en passer)' : ''}${exactPercentiles ? ', et ~12 évaluations exactes des centiles' : ''}`, `${draws} draws × ${perDraw}${opts.breakEven ? ' (with the break-even search; --no-break-even skips it)' : ''}${exactPercentiles ? ', and ~12 exact evaluations of the percentiles' : ''}`];
  if (!withinBudget(io, lang, 'risk', evaluations, base.model.lots.length, maxEvaluations, detail)) return EXIT_ERROR;
  const tick = progress(io, draws, lang === 'fr' ? 'tirages' : 'draws');
  return runRiskShared(input, base, file, { draws, seed, spec, onDraw: tick, breakEven: opts.breakEven, exactPercentiles, sets: opts.set, threads: riskThreads(draws, io.env, opts.jobs), worker,
    onWorkerFailure: (m) => io.stderr(lang === 'fr' ? `equilibre: tirage parallèle indisponible (${m}), poursuite sur un seul cœur\n` : `equilibre: parallel draws unavailable (${m}), continuing on one core\n`) }).then((r) => {
    tick.done();
    if (opts.format === 'json') {
      emit(io, opts, toJsonText(riskJson(file, base, r)));
      return EXIT_OK;
    }
    const doc = riskDoc(file, base, r, lang);
    return emitDoc(io, opts, doc, () => ({ charts: riskCharts(r, lang), meta: { lang, name: base.model.name, tool: `${TOOL_NAME} ${TOOL_VERSION}`, vintage: base.model.vintage } }));
  });
}

extraCommands.push((program: Command, io: Io, setCode: (c: number) => void) => {
  const cmd = program
    .command('risk')
    .description("risque: tirages de Monte-Carlo reproductibles (coût de construction, Livret A, IRL, charges, vacance, prix de vente, retard des travaux)")
    .argument('<file>', "fichier d'opération YAML");
  addCommon(cmd, ['table', 'json', 'markdown', 'html'])
    .option('--draws <n>', `nombre de tirages (défaut: risk.draws du fichier, sinon 1000; au plus ${RISK_DRAWS_MAX})`)
    .option('--seed <n>', 'graine du générateur (défaut: risk.seed du fichier, sinon 20260101)')
    .option('--no-break-even', 'sans la hausse du coût de construction supportable de chaque tirage (environ six fois moins de calcul)')
    .option('--exact-percentiles', 'réévaluer par le moteur exact le tirage de chaque centile (par défaut: le chiffre du tirage sur le plan compilé, au centime près)')
    .option('-j, --jobs <n>', `tirer sur n cœurs, au plus deux (auto: deux s’il y en a deux, à partir de ${PARALLEL_MIN_DRAWS} tirages); par défaut un; les résultats n’en dépendent pas`)
    .option('--max-evaluations <n>', `plafond de calcul, en évaluations de lot (tirages × 6 × lots, × 1 avec --no-break-even; défaut ${DEFAULT_MAX_EVALUATIONS})`)
    .action(async (file: string, opts: RiskOptions) => setCode(await contained(io, opts.lang, [file], () => { refuseOutputOverInput(io.cwd, [file], [['-o', opts.output]]); return runRiskCommand(io, file, opts); })));
});
