/** `equilibre sensitivity FILE`: cost-inflation sweeps, other levers, a tornado, a 2-D grid, break-even and goal seeks. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { D, HUNDRED, type Dec } from '../../domain/money';
import type { Evaluation } from '../../engine/evaluate';
import type { OperationFile } from '../../schema/operation';
import {
  LEVERS, bearableLand, grid, leverDef, maxConstructionInflation, range, rentalGap, sweep, targetPrices, tornado,
  type LeverId, type SearchOutcome,
} from '../../engine/sensitivity';
import { translator, type Block, type ReportDoc, type Section } from '../../report/document';
import { fmtEur, fmtNum, fmtPct, jsonNum, type Lang } from '../../report/format';
import { renderMarkdown, renderText } from '../../report/render';
import { renderDiagnostic } from '../../report/diagnostics';
import { toJsonText } from '../../report/json';
import { breakEvenLine, leverLines } from '../../report/sensitivity';
import { leverLabel } from '../../report/words';
import { synthesisOf } from '../../report/synthesis';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { addCommon, emit, type CommonOptions } from '../common';
import { outputWidth } from '../help';
import { runFile } from '../load-file';
import { contained } from '../contain';
import { refuseOutputOverInput } from '../output';
import { extraCommands } from './registry';
import { progress } from '../progress';
import { livretA } from '../../engine/model';
import { optionName, parseLeverRange, type RangeContext, type RangeProblem } from '../ranges';
import { BREAK_EVEN_EVALUATIONS, DEFAULT_MAX_EVALUATIONS, GOAL_SEEK_EVALUATIONS, parseMaxEvaluations, withinBudget } from '../budget';
import { sensitivityCharts } from '../../report/charts/sensitivity-charts';
import type { SensitivityResult } from '../../engine/sensitivity-run';
import { renderHtmlPage } from '../../report/html/load';

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
    for (const d of run.diagnostics) io.stderr(renderDiagnostic(d, lang, run.text) + '\n\n');
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
  const res: SensitivityResult = {
    sweeps: sweepsAsked.map(([id, xs]) => ({ lever: id, ...sweep(input, base, file, id, xs, tick) })),
    breakEven: maxConstructionInflation(input, base, file),
    rentalGap: opts.goalSeek ? rentalGap(input, base, file) : null,
    land: opts.goalSeek ? bearableLand(input, base, file) : { kind: 'unreachable', bound: 0 },
    targets: opts.goalSeek ? targetPrices(input, file) : null,
    tornado: opts.tornado ? tornado(input, base, file, tick) : null,
    grid: gridAsk ? { ...grid(input, base, file, gridAsk.a, gridAsk.xs, gridAsk.b, gridAsk.ys, opts.gridMetric, tick), a: gridAsk.a, b: gridAsk.b, metric: opts.gridMetric } : null,
    synthesis: opts.goalSeek ? synthesisOf(base) : null,
  };
  tick.done();
  if (opts.format === 'json') {
    emit(io, opts, toJsonText(sensitivityJson(file, base, input, res)));
  } else {
    const doc = sensitivityDoc(file, base, res, lang, opts.goalSeek);
    if (opts.format === 'html') {
      const meta = { lang, name: base.model.name, tool: `${TOOL_NAME} ${TOOL_VERSION}`, vintage: base.model.vintage };
      return renderHtmlPage({ doc, charts: sensitivityCharts(base, res, lang), meta }).then((html) => { emit(io, opts, html); return EXIT_OK; });
    }
    emit(io, opts, opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(opts, io.stdoutColumns) }));
  }
  return EXIT_OK;
}

const lv = (id: LeverId) => LEVERS.find((l) => l.id === id)!;

function fmtStep(x: number, id: LeverId, lang: Lang): string {
  const unit = lv(id).unit === 'pct' ? (lang === 'fr' ? ' %' : '%') : ' pt';
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmtNum(Math.abs(x), Number.isInteger(x) ? 0 : 2, lang)}${unit}`;
}

export function outcomeText(o: SearchOutcome, lang: Lang, fmt: (v: number) => string, words: { beyond: [string, string]; unreachable: [string, string] }): string {
  const t = translator(lang);
  if (o.kind === 'found') return fmt(o.value);
  if (o.kind === 'beyond') return t(words.beyond[0], words.beyond[1]);
  return t(words.unreachable[0], words.unreachable[1]);
}

function sensitivityDoc(file: string, base: Evaluation, r: SensitivityResult, lang: Lang, goalSeek: boolean): ReportDoc {
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const pc = (d: Dec | null) => (d === null ? '—' : fmtPct(d, lang, 1));
  const sections: Section[] = [];
  const yes = t('oui', 'yes'), no = t('non', 'no');
  for (const s of r.sweeps) {
    const def = lv(s.lever);
    const blocks: Block[] = [];
    if (s.noGrip) blocks.push({ kind: 'text', lines: [t(`Ce levier n'a pas de prise sur cette opération (rien à faire varier).`, 'This lever has no grip on this operation (nothing to vary).')] });
    else {
      blocks.push({
        kind: 'table',
        headers: [leverLabel(def.id, lang), t('Prix de revient TTC', 'Cost incl. VAT'), t('Cumul locatif le plus bas', 'Lowest rental cumulative'), t('Besoin locatif', 'Rental need'), t('Marge des ventes', 'Sale margin'), t('Décote min.', 'Min. discount'), t('Solde après péréquation', 'Balance after cross-subsidy'), t('Solde ≥ 0', 'Balance ≥ 0')],
        align: ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
        rows: s.steps.map((x) => [fmtStep(x.x, s.lever, lang), eur(x.costTtcEur), x.rentalMinCumulativeEur ? eur(x.rentalMinCumulativeEur) : '—', x.rentalNeedEur ? eur(x.rentalNeedEur) : '—', pc(x.saleMarginPct), pc(x.minDiscountPct), eur(x.balanceEur), x.balanced ? yes : no]),
      });
      const first = s.steps[0], last = s.steps[s.steps.length - 1];
      const lines: string[] = [];
      if (s.tipsAt !== null) {
        const i = s.steps.findIndex((x) => x.x === s.tipsAt);
        lines.push(t(`Le solde de l'opération change de signe entre ${fmtStep(s.steps[i - 1]!.x, s.lever, lang)} et ${fmtStep(s.tipsAt, s.lever, lang)}.`, `The operation balance changes sign between ${fmtStep(s.steps[i - 1]!.x, s.lever, lang)} and ${fmtStep(s.tipsAt, s.lever, lang)}.`));
      } else if (first && last) {
        lines.push(first.balanced ? t('Solde de l’opération ≥ 0 sur toute la plage explorée.', 'Operation balance ≥ 0 over the whole explored range.') : t('Solde de l’opération négatif sur toute la plage explorée.', 'Operation balance negative over the whole explored range.'));
      }
      blocks.push({ kind: 'text', lines });
    }
    sections.push({ id: `sweep_${s.lever}`, title: `${t('Sensibilité', 'Sensitivity')}: ${leverLabel(def.id, lang).toLowerCase()}`, blocks });
  }

  const beLine = breakEvenLine(r.breakEven, base, r.synthesis, lang);
  const decide: string[] = [beLine];
  if (goalSeek) {
    const g = r.rentalGap;
    if (g) {
      decide.push(g.kind === 'found'
        ? (g.value === 0 ? t('Test réglementaire du compte locatif (circ. 97-51) : respecté, aucune subvention ni fonds propres supplémentaires nécessaires.', 'Regulatory rental-account test (circ. 97-51): met, no extra subsidy or equity needed.')
          : t(`Test réglementaire du compte locatif (circ. 97-51) : il faut ${eur(D(g.value))} de subvention ou de fonds propres en plus (${eur(D(g.value).div(base.rental!.lots.reduce((s, l) => s + base.model.lots[l.lotIndex]!.dwellings, 0)))} par logement locatif), en remplacement de prêts CDC.`, `Regulatory rental-account test (circ. 97-51): ${eur(D(g.value))} more subsidy or equity is needed (${eur(D(g.value).div(base.rental!.lots.reduce((s, l) => s + base.model.lots[l.lotIndex]!.dwellings, 0)))} per rental dwelling), replacing CDC loans.`))
        : t('Test réglementaire du compte locatif (circ. 97-51) : inatteignable par subvention — même sans aucun prêt CDC, les loyers ne couvrent pas les charges ; seul un loyer plus haut ou des charges plus basses le rétablissent.', 'Regulatory rental-account test (circ. 97-51): unreachable by subsidy — even with no CDC loan at all, rents do not cover the charges — only higher rents or lower charges restore it.'));
    }
    if (r.targets?.sales && base.sales) {
      for (const l of base.sales.lots) {
        if (l.priceOrigin !== 'file') continue;
        const target = r.targets.sales.lots.find((x) => x.lotIndex === l.lotIndex)!;
        const lot = base.model.lots[l.lotIndex]!;
        const change = target.priceTtcPerM2Shab.div(l.priceTtcPerM2Shab).minus(1).times(HUNDRED);
        decide.push(t(`Lot ${lot.id}: prix pour la marge cible de ${fmtPct(l.targetMarginPct, lang, 1)}: ${eur(target.priceTtcPerM2Shab)} TTC/m² SHAB, contre ${eur(l.priceTtcPerM2Shab)} (${change.gte(0) ? '+' : ''}${fmtPct(change, lang, 1)})${target.discountVsMarketPct ? `, décote ${fmtPct(target.discountVsMarketPct, lang, 1)}` : ''}${target.headroomVsCeilingPct && target.headroomVsCeilingPct.isNegative() ? ` — au-dessus du plafond` : ''}.`,
          `Lot ${lot.id}: price for the ${fmtPct(l.targetMarginPct, lang, 1)} target margin: ${eur(target.priceTtcPerM2Shab)}/m² incl. VAT, vs ${eur(l.priceTtcPerM2Shab)} (${change.gte(0) ? '+' : ''}${fmtPct(change, lang, 1)})${target.headroomVsCeilingPct && target.headroomVsCeilingPct.isNegative() ? ' — above the ceiling' : ''}.`));
      }
    }
    if (r.synthesis) decide.push(...leverLines(r.synthesis, lang));
    const land = r.land;
    const current = base.cost.lines.find((l) => l.id === 'land')?.amountHtEur ?? D(0);
    decide.push(land.kind === 'found'
      ? t(`Charge foncière supportable (prix du terrain pour un solde de l’opération nul): ${eur(D(land.value))}, contre ${eur(current)} aujourd'hui.`, `Bearable land charge (land price at zero balance): ${eur(D(land.value))}, vs ${eur(current)} today.`)
      : land.kind === 'beyond' ? t('Charge foncière supportable: au-delà de 100 milliards — sans limite pratique.', 'Bearable land charge: beyond 100 billion — no practical limit.')
        : t('Charge foncière supportable: aucune (inatteignable) — même avec un terrain gratuit, l’opération après péréquation reste en déficit.', 'Bearable land charge: none — even with free land the operation does not balance.'));
  }
  sections.push({ id: 'decisions', title: t("Point de bascule et ce qui rétablirait l'équilibre", 'Break-even and what would restore the balance'), blocks: [{ kind: 'text', lines: decide }] });

  if (r.tornado) {
    // Text bars around the reference: what the low and the high variation do to the balance, to the same scale.
    const HALF = 8;
    const scale = Math.max(0, ...r.tornado.flatMap((b) => [b.deltaLowEur, b.deltaHighEur].map((d) => (d ? Math.abs(d.toNumber()) : 0))));
    const bar = (lo: Dec | null, hi: Dec | null) => {
      const vals = [lo, hi].map((d) => (d ? d.toNumber() : 0));
      const neg = Math.min(0, ...vals), pos = Math.max(0, ...vals);
      const l = scale > 0 ? Math.round((HALF * -neg) / scale) : 0, rr = scale > 0 ? Math.round((HALF * pos) / scale) : 0;
      // no-break spaces: the bar is one word, never wrapped
      return '\u00a0'.repeat(HALF - l) + '█'.repeat(l) + '│' + '█'.repeat(rr) + '\u00a0'.repeat(HALF - rr);
    };
    const noGrip: string[] = [], noEffect: string[] = [];
    const rows = r.tornado.map((b) => {
      const label = leverLabel(b.lever.id, lang);
      const none = b.deltaLowEur === null && b.deltaHighEur === null;
      const zero = !none && (b.deltaLowEur?.isZero() ?? true) && (b.deltaHighEur?.isZero() ?? true);
      if (none) noGrip.push(label);
      else if (zero) noEffect.push(label);
      return [label, `${fmtStep(b.low, b.lever.id, lang)} / ${fmtStep(b.high, b.lever.id, lang)}`,
        none ? t('sans prise', 'no grip') : b.deltaLowEur ? eur(b.deltaLowEur) : '—', none ? '—' : b.deltaHighEur ? eur(b.deltaHighEur) : '—',
        none ? t('sans prise', 'no grip') : zero ? t('aucun effet', 'no effect') : bar(b.deltaLowEur, b.deltaHighEur)];
    });
    const notes = [t(`Classés par effet le plus fort. Solde de référence de l'opération après péréquation: ${eur(base.operation.balanceEur)}. Barres: effet des deux variations, à la même échelle (${eur(D(scale))} pour ${HALF} caractères), à gauche du trait une baisse du solde, à droite une hausse.`, `Ranked by largest effect. Reference balance: ${eur(base.operation.balanceEur)}. Bars: effect of both variations, to one scale (${eur(D(scale))} for ${HALF} characters), left of the line a lower balance, right a higher one.`)];
    if (noGrip.length) notes.push(t(`Sans prise (rien à faire varier dans ce fichier): ${noGrip.join(', ')}.`, `No grip (nothing to vary in this file): ${noGrip.join(', ')}.`));
    if (noEffect.length) notes.push(t(`Aucun effet sur le solde de l'opération: ${noEffect.join(', ')}.`, `No effect on the balance: ${noEffect.join(', ')}.`));
    sections.push({ id: 'tornado', title: t('Tornade: effet sur l’équilibre de l’opération', 'Tornado: effect on the operation balance'), blocks: [
      { kind: 'table', headers: [t('Levier', 'Lever'), t('Variation', 'Swing'), t('Effet (bas)', 'Effect (low)'), t('Effet (haut)', 'Effect (high)'), t('Effet (− | +)', 'Effect (− | +)')], align: ['l', 'r', 'r', 'r', 'r'], rows },
      { kind: 'text', lines: notes },
    ] });
  }
  if (r.grid) {
    const g = r.grid;
    const isEur = base.metrics.get(g.metric)?.unit === 'eur';
    const cell = (v: number | null) => (v === null ? '—' : isEur ? fmtNum(D(v).div(1000), 0, lang) : fmtNum(v, 2, lang));
    sections.push({ id: 'grid', title: `${t('Grille', 'Grid')}: ${g.metric}${isEur ? t(' (k€)', ' (k€)') : ''}`, blocks: [
      { kind: 'table', headers: [`${leverLabel(lv(g.a).id, lang)} \\ ${leverLabel(lv(g.b).id, lang)}`, ...g.ys.map((y) => fmtStep(y, g.b, lang))], align: ['r', ...g.ys.map(() => 'r' as const)],
        rows: g.xs.map((x, i) => [fmtStep(x, g.a, lang), ...g.values[i]!.map(cell)]) },
      { kind: 'text', lines: [t('Grille échantillonnée en virgule flottante (écart à l’exact borné à 5 centimes par les tests).', 'Grid sampled in floating point (gap to the exact path bounded to 5 cents by the tests).'), ...(g.noGrip.length ? [t(`Sans prise: ${g.noGrip.join(', ')}.`, `No grip: ${g.noGrip.join(', ')}.`)] : [])] },
    ] });
  }
  return {
    title: `${t('Sensibilité', 'Sensitivity')} — ${base.model.name}`,
    subtitle: [`${file} · ${t('solde de l’opération après péréquation', 'operation balance after cross-subsidy')} ${eur(base.operation.balanceEur)} (${base.operation.balanced ? t('excédent', 'surplus') : t('déficit', 'shortfall')})`, `${t('Paramètres', 'Parameters')} ${base.model.paramYear} (${t('millésime', 'vintage')} ${base.model.vintage}) · ${TOOL_NAME} ${TOOL_VERSION}`],
    sections,
  };
}

const outcomeJson = (o: SearchOutcome | null, dp = 2) => (o === null ? null : o.kind === 'found' ? { status: 'found', value: jsonNum(D(o.value), dp) } : { status: o.kind, bound: o.bound });

function sensitivityJson(file: string, base: Evaluation, _input: OperationFile, r: SensitivityResult): Record<string, unknown> {
  const n = (d: Dec | null, dp = 2) => (d === null ? null : jsonNum(d, dp));
  return {
    schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, file,
    parameters: { year: base.model.paramYear, vintage: base.model.vintage },
    base: { balance_eur: n(base.operation.balanceEur), balanced: base.operation.balanced },
    metrics: {
      'sensitivity.max_construction_inflation_pct': r.breakEven.kind === 'found' ? r.breakEven.value : null,
      'sensitivity.rental_extra_subsidy_eur': r.rentalGap && r.rentalGap.kind === 'found' ? r.rentalGap.value : null,
      'sensitivity.bearable_land_eur': r.land.kind === 'found' ? r.land.value : null,
      ...Object.fromEntries((r.synthesis?.sales ?? []).map((l) => [`sensitivity.${l.lot}.balancing_price_ttc_eur_per_m2_shab`, 'none' in l.balancingPrice ? null : n(l.balancingPrice.priceTtcPerM2Shab, 4)])),
    },
    sweeps: r.sweeps.map((s) => ({
      lever: s.lever, unit: lv(s.lever).unit, no_grip: s.noGrip, tips_at: s.tipsAt,
      steps: s.steps.map((x) => ({ x: x.x, cost_price_ttc_eur: n(x.costTtcEur), rental_min_cumulative_eur: n(x.rentalMinCumulativeEur), rental_balanced: x.rentalBalanced, rental_need_eur: n(x.rentalNeedEur), sale_margin_pct: n(x.saleMarginPct, 4), min_discount_pct: n(x.minDiscountPct, 4), balance_eur: n(x.balanceEur), balanced: x.balanced })),
    })),
    break_even: {
      construction_inflation_pct: outcomeJson(r.breakEven), search_range_pct: [-50, 100],
      balancing_construction: r.synthesis?.construction.balancing ? { change_pct: n(r.synthesis.construction.balancing.changePct, 6), cost_eur_per_m2_shab: n(r.synthesis.construction.balancing.costEurPerM2Shab, 4), balance_eur: n(r.synthesis.construction.balancing.balanceEur) } : null,
    },
    goal_seek: {
      balancing_prices: (r.synthesis?.sales ?? []).map((l) => ({ lot: l.lot, ...('none' in l.balancingPrice ? { status: l.balancingPrice.none } : { status: 'found', price_ttc_eur_per_m2_shab: n(l.balancingPrice.priceTtcPerM2Shab, 4), change_pct: n(l.balancingPrice.changePct, 4), discount_vs_market_pct: n(l.balancingPrice.discountVsMarketPct, 4), headroom_vs_ceiling_pct: n(l.balancingPrice.headroomVsCeilingPct, 4), balance_eur: n(l.balancingPrice.balanceEur) }) })),
      ofs: (r.synthesis?.ofs ?? []).map((f) => ({ lot: f.lot, balanced: f.balanced, min_cumulative_eur: n(f.minCumulativeEur), balancing_redevance_eur_per_m2_su_month: n(f.balancingRedevanceEurPerM2SuMonth, 6), balancing_equity: 'none' in f.balancingEquity ? { status: f.balancingEquity.none } : { status: 'found', equity_eur: n(f.balancingEquity.equityEur), extra_eur: n(f.balancingEquity.extraEur) } })),
      rental_extra_subsidy_or_equity_eur: outcomeJson(r.rentalGap, 0),
      bearable_land_eur: outcomeJson(r.land, 0),
      target_prices: r.targets?.sales ? r.targets.sales.lots.map((l) => ({ lot: base.model.lots[l.lotIndex]!.id, price_ttc_eur_per_m2_shab: n(l.priceTtcPerM2Shab), margin_pct: n(l.marginPct, 4), discount_vs_market_pct: n(l.discountVsMarketPct, 4), headroom_vs_ceiling_pct: n(l.headroomVsCeilingPct, 4) })) : [],
    },
    tornado: r.tornado?.map((b) => ({ lever: b.lever.id, unit: b.lever.unit, low: b.low, high: b.high, no_grip: b.deltaLowEur === null && b.deltaHighEur === null, delta_low_eur: n(b.deltaLowEur), delta_high_eur: n(b.deltaHighEur) })) ?? null,
    grid: r.grid ? { metric: r.grid.metric, a: r.grid.a, b: r.grid.b, xs: r.grid.xs, ys: r.grid.ys, values: r.grid.values.map((row) => row.map((v) => (v === null ? null : Math.round(v * 100) / 100))), sampled_in_float: true } : null,
  };
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
