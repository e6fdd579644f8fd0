/**
 * `equilibre compare A.yaml B.yaml …`: operations or variants side by side on the core metrics,
 * with the difference to the first, ranked by a chosen metric; a file's `variants:` are compared
 * with their base. Each scenario also says what would restore its balance.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { D, type Dec } from '../../domain/money';
import { diag, type Diagnostic } from '../../domain/diagnostic';
import { suggest } from '../../domain/suggest';
import type { Evaluation, MetricDef } from '../../engine/evaluate';
import { bearableLand, rentalGap, type SearchOutcome } from '../../engine/sensitivity';
import { runVariant } from '../../pipeline';
import { addSensitivityMetrics } from '../../report/sensitivity';
import { translator, type ReportDoc } from '../../report/document';
import { fmtEur, fmtNum, fmtPct, jsonNum } from '../../report/format';
import { metricJson, toJsonText } from '../../report/json';
import { renderMarkdown, renderText } from '../../report/render';
import { renderDiagnostic } from '../../report/diagnostics';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { addCommon, emit, writeBytesOut, type CommonOptions } from '../common';
import { outputWidth } from '../help';
import { xlsxOutputOk } from './report';
import { runFile } from '../load-file';
import { contained } from '../contain';
import { refuseOutputOverInput } from '../output';
import { extraCommands } from './registry';
import { progress } from '../progress';
import { BREAK_EVEN_EVALUATIONS, DEFAULT_MAX_EVALUATIONS, GOAL_SEEK_EVALUATIONS, parseMaxEvaluations, withinBudget } from '../budget';
import { compareCharts } from '../../report/charts/compare-charts';
import { renderHtmlPage } from '../../report/html/load';

interface CompareOptions extends CommonOptions {
  rank: string;
  metrics?: string;
  goalSeek: boolean;
  maxEvaluations?: string;
}

interface Scenario {
  name: string;
  file: string;
  variant: string | null;
  ev: Evaluation;
  rentalGap: SearchOutcome | null;
  land: SearchOutcome | null;
}

export const DEFAULT_ROWS: readonly [string, string, string][] = [
  ['dwellings', 'Logements', 'Dwellings'],
  ['shab_m2', 'SHAB (m²)', 'Living area (m²)'],
  ['cost_price.total_ttc_eur', 'Prix de revient TTC', 'Cost price incl. VAT'],
  ['cost_price.per_dwelling_ttc_eur', 'Prix de revient TTC / logement', 'Cost per dwelling'],
  ['financing.subsidies_eur', 'Subventions (locatif)', 'Subsidies (rental)'],
  ['financing.equity_eur', 'Fonds propres (locatif)', 'Equity (rental)'],
  ['financing.loans_eur', 'Emprunts (locatif)', 'Loans (rental)'],
  ['rental.year1_rent_eur', 'Loyers an 1', 'Year-1 rents'],
  ['rental.min_cumulative_cash_flow_eur', 'Cumul locatif le plus bas', 'Lowest rental cumulative'],
  ['rental.balanced', 'Test réglementaire du compte locatif (circ. 97-51) respecté', 'Regulatory rental-account test (circ. 97-51) met'],
  ['rental.break_even_rent_eur_per_m2_su_month', "Loyer d'équilibre (€/m² SU/mois)", 'Break-even rent (€/m² SU/month)'],
  ['sale.revenue_ht_eur', 'Chiffre d’affaires des ventes HT', 'Sales revenue excl. VAT'],
  ['sale.margin_eur', 'Marge des ventes', 'Sales margin'],
  ['sale.margin_pct', 'Marge des ventes (%)', 'Sales margin (%)'],
  ['operation.balance_eur', 'Solde de l’opération après péréquation', 'Operation balance after cross-subsidy'],
  ['operation.balanced', 'Opération après péréquation : solde ≥ 0', 'Operation after cross-subsidy: balance ≥ 0'],
  ['sensitivity.max_construction_inflation_pct', 'Hausse du coût de construction supportable (%, négative : baisse nécessaire)', 'Bearable construction-cost rise (%, negative: cut needed)'],
];

export function runCompare(io: Io, files: string[], opts: CompareOptions): number | Promise<number> {
  const lang = opts.lang;
  if (opts.format === 'xlsx' && !xlsxOutputOk(io, opts, 'compare')) return EXIT_ERROR;
  const t = translator(lang);
  const scenarios: Scenario[] = [];
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
    const mk = (name: string, variant: string | null, ev: Evaluation): Scenario => {
      const s: Scenario = {
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
  const num = (m: MetricDef | undefined): number | null => {
    const v = m?.value;
    if (v === undefined || v === null) return null;
    return typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : v.toNumber();
  };
  const ranking = scenarios.map((s, i) => ({ i, v: num(s.ev.metrics.get(opts.rank)) })).sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity) || a.i - b.i).map((x) => x.i);
  const rankOf = new Map(ranking.map((i, r) => [i, r + 1]));

  if (opts.format === 'json') {
    emit(io, opts, toJsonText({
      schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, rank_metric: opts.rank,
      scenarios: scenarios.map((s, i) => ({
        name: s.name, file: s.file, variant: s.variant, rank: rankOf.get(i), parameters: { year: s.ev.model.paramYear, vintage: s.ev.model.vintage },
        metrics: Object.fromEntries(rows.map(([m]) => [m, s.ev.metrics.has(m) ? metricJson(s.ev.metrics.get(m)!) : null])),
        difference_to_first: Object.fromEntries(rows.map(([m]) => {
          const a = scenarios[0]!.ev.metrics.get(m)?.value, b = s.ev.metrics.get(m)?.value;
          return [m, a && b && typeof a === 'object' && typeof b === 'object' ? jsonNum((b as Dec).minus(a as Dec), 4) : null];
        })),
        goal_seek: {
          rental_extra_subsidy_or_equity_eur: s.rentalGap ? (s.rentalGap.kind === 'found' ? s.rentalGap.value : null) : null,
          bearable_land_eur: s.land ? (s.land.kind === 'found' ? s.land.value : null) : null,
        },
      })),
    }));
    return EXIT_OK;
  }

  if (opts.format === 'xlsx') {
    const input = {
      lang, rows, rankMetric: opts.rank,
      scenarios: scenarios.map((s, i) => ({
        name: s.name, file: s.file, variant: s.variant, vintage: s.ev.model.vintage, rank: rankOf.get(i)!,
        metrics: [...s.ev.metrics].map(([key, m]) => ({ key, value: metricJson(m), unit: m.unit })),
        goalSeek: opts.goalSeek ? {
          rentalGapEur: s.rentalGap?.kind === 'found' ? s.rentalGap.value : null,
          bearableLandEur: s.land?.kind === 'found' ? s.land.value : null,
        } : null,
      })),
    };
    return import('../../report/xlsx/index').then(async ({ renderCompareXlsx }) => {
      writeBytesOut(io, opts.output!, await renderCompareXlsx(input));
      return EXIT_OK;
    });
  }

  const cell = (m: string, s: Scenario, ref: Scenario | null): string => {
    const def = s.ev.metrics.get(m);
    if (!def || def.value === null) return '—';
    const v = def.value;
    if (typeof v === 'boolean') return v ? t('oui', 'yes') : t('non', 'no');
    const d = typeof v === 'number' ? D(v) : v;
    const text = def.unit === 'eur' ? fmtEur(d, lang) : def.unit === 'pct' ? fmtPct(d, lang, 2) : def.unit === 'm2' ? fmtNum(d, 0, lang) : fmtNum(d, def.unit.includes('month') ? 2 : Number.isInteger(d.toNumber()) ? 0 : 2, lang);
    if (!ref) return text;
    const r = ref.ev.metrics.get(m)?.value;
    if (r === undefined || r === null || typeof r === 'boolean') return text;
    const diff = d.minus(typeof r === 'number' ? D(r) : r);
    if (diff.isZero()) return text;
    // a difference of percents is in points
    const dt = def.unit === 'eur' ? fmtEur(diff.abs(), lang) : def.unit === 'pct' ? `${fmtNum(diff.abs(), 2, lang)} pt` : fmtNum(diff.abs(), def.unit.includes('month') ? 2 : 0, lang);
    return `${text} (${diff.isNegative() ? '−' : '+'}${dt})`;
  };
  const order = [0, ...ranking.filter((i) => i !== 0)];
  const head = [t('Indicateur', 'Metric'), ...order.map((i) => scenarios[i]!.name)];
  const body = rows.map(([m, fr, en]) => [t(fr, en), ...order.map((i) => cell(m, scenarios[i]!, i === 0 ? null : scenarios[0]!))]);
  const seekRow = (label: [string, string], pick: (s: Scenario) => SearchOutcome | null, zeroFr: string, zeroEn: string) =>
    [t(label[0], label[1]), ...order.map((i) => {
      const o = pick(scenarios[i]!);
      if (!o) return '—';
      if (o.kind === 'found') return o.value === 0 && zeroFr ? t(zeroFr, zeroEn) : fmtEur(D(o.value), lang);
      return o.kind === 'beyond' ? t('sans limite', 'no limit') : t('inatteignable', 'unreachable');
    })];
  if (opts.goalSeek) {
    body.push(seekRow(['Subvention ou fonds propres pour le test locatif', 'Subsidy or equity for the rental test'], (s) => s.rentalGap, 'aucun besoin', 'none needed'));
    body.push(seekRow(['Charge foncière supportable', 'Bearable land charge'], (s) => s.land, '', ''));
  }
  body.push([t(`Rang (${opts.rank})`, `Rank (${opts.rank})`), ...order.map((i) => String(rankOf.get(i)))]);
  const doc: ReportDoc = {
    title: t('Comparaison', 'Comparison'),
    subtitle: [scenarios.map((s) => `${s.name} (${s.file}${s.variant ? `, ${t('variante', 'variant')} ${s.variant}` : ''})`).join(' · '), `${t('Paramètres', 'Parameters')} ${[...new Set(scenarios.map((s) => s.ev.model.vintage))].join(', ')} · ${TOOL_NAME} ${TOOL_VERSION}`],
    sections: [{
      id: 'compare', title: t('Indicateurs', 'Metrics'),
      blocks: [
        { kind: 'table', headers: head, align: ['l', ...order.map(() => 'r' as const)], rows: body },
        { kind: 'text', lines: [t(`Entre parenthèses: l'écart avec « ${scenarios[0]!.name} ». Colonnes classées par ${opts.rank} décroissant après la référence.`, `In brackets: the difference to "${scenarios[0]!.name}". Columns ranked by ${opts.rank}, descending, after the reference.`)] },
      ],
    }],
  };
  if (opts.format === 'html') {
    const meta = { lang, name: t('Comparaison', 'Comparison'), tool: `${TOOL_NAME} ${TOOL_VERSION}`, vintage: [...new Set(scenarios.map((s) => s.ev.model.vintage))].join(', ') };
    return renderHtmlPage({ doc, charts: compareCharts(scenarios, rows, order, lang), meta }).then((html) => { emit(io, opts, html); return EXIT_OK; });
  }
  emit(io, opts, opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(opts, io.stdoutColumns) }));
  return EXIT_OK;
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
