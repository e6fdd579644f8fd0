/**
 * Checks: built-in rules (a list of pure functions of an evaluation) and the file's own
 * assertions on metrics (`checks:`). Each result passes or fails with a severity; a failure
 * carries expected, actual and difference, and the place in the file.
 */
import { D, HUNDRED, ZERO, type Dec } from '../domain/money';
import { suggest } from '../domain/suggest';
import type { Evaluation, MetricDef } from '../engine/evaluate';
import { diag, type ArgValue, type Diagnostic, type Severity, type Span } from '../domain/diagnostic';
import { publishedDp } from '../report/json';

export interface CheckResult {
  code: string;
  kind: 'builtin' | 'assertion';
  /** What was checked, e.g. "lot plus" or the assertion text. */
  subject: string;
  passed: boolean;
  severity: Severity;
  path: (string | number)[];
  expected: string;
  actual: string;
  difference: string | null;
  /** Extra words (the assertion's own message, or the rule). */
  note?: string;
  span?: Span;
  /** The same result as facts (values and units, no words): what the messages word, in each language. */
  facts: CheckFacts;
}

/**
 * The unit of a check's figures: euros, percent, m², €/m² SU per month, € HT per m² SU, € per m²
 * SHAB, or a bare number.
 */
export type CheckUnit = 'eur' | 'pct' | 'm2' | 'eur_per_m2_su_month' | 'eur_ht_per_m2_su' | 'eur_per_m2_shab' | 'number';

/**
 * A check result as facts. Figures are decimal strings with the decimals they carry (`"12.3456"`,
 * `"0.00"`), so that a message shows them at that precision.
 */
export interface CheckFacts {
  subject: { kind: 'lot'; lot: string } | { kind: 'rental_account'; years: number } | { kind: 'ofs'; lot: string } | { kind: 'assertion'; text: string };
  expected: { kind: 'sources_equal_uses'; value: string } | { kind: 'compare'; op: string; value: string | boolean } | { kind: 'between'; min: string; max: string };
  tolerance?: string;
  actual: { kind: 'value'; value: string } | { kind: 'boolean'; value: boolean } | { kind: 'met' } | { kind: 'unavailable' };
  unit: CheckUnit;
  /** The figure(s) the unit is written after: a rule's limit (`≤ 12,35 €/m² SU/mois`), an assertion's metric, or both. */
  unitOn: 'both' | 'expected' | 'actual';
  /** An assertion on a year metric: its figures as written (2040, not 2 040). */
  asWritten?: boolean;
  /** The year the figure belongs to (the lowest cumulative of an account). */
  year?: number;
}

/** The suffix of a unit in the result's own strings (`expected`, `actual` of `check --format json`). */
const UNIT_TEXT: Record<CheckUnit, string> = { eur: ' €', pct: ' %', m2: ' m²', eur_per_m2_su_month: ' €/m² SU/mois', eur_ht_per_m2_su: ' € HT/m² SU', eur_per_m2_shab: ' €/m² SHAB', number: '' };

/**
 * The strings of a result in `check --format json` and JUnit (a documented format, kept as it
 * was: French words, raw decimals), from its facts. Messages word the facts themselves
 * (src/report/messages.ts).
 */
function resultStrings(f: CheckFacts): Pick<CheckResult, 'subject' | 'expected' | 'actual' | 'note'> {
  const u = UNIT_TEXT[f.unit];
  const e = f.expected, a = f.actual;
  const expected = (e.kind === 'sources_equal_uses' ? `ressources = ${e.value}${u}`
    : e.kind === 'between' ? `entre ${e.min} et ${e.max}`
    : `${e.op} ${String(e.value)}${f.unitOn === 'actual' || typeof e.value === 'boolean' ? '' : u}`) + (f.tolerance !== undefined ? ` (± ${f.tolerance})` : '');
  const actual = a.kind === 'value' ? `${a.value}${f.unitOn === 'expected' ? '' : u}` : a.kind === 'boolean' ? String(a.value) : a.kind === 'met' ? 'respectée' : 'non disponible';
  const s = f.subject;
  const subject = s.kind === 'lot' ? `lot ${s.lot}` : s.kind === 'rental_account' ? `compte locatif (${s.years} ans)` : s.kind === 'ofs' ? `OFS du lot ${s.lot}` : s.text;
  return { subject, expected, actual, ...(f.year !== undefined ? { note: `année ${f.year}` } : {}) };
}

/** The arguments of a failed result's diagnostic: its facts, flat (src/report/messages.ts words them). */
export function resultArgs(r: CheckResult): Record<string, ArgValue> {
  const f = r.facts, s = f.subject, e = f.expected, a = f.actual;
  return {
    subject_kind: s.kind, ...(s.kind === 'lot' || s.kind === 'ofs' ? { lot: s.lot } : s.kind === 'rental_account' ? { years: s.years } : { text: s.text }),
    expected_kind: e.kind, ...(e.kind === 'between' ? { min: e.min, max: e.max } : e.kind === 'compare' ? { op: e.op, expected: e.value } : { expected: e.value }),
    ...(f.tolerance !== undefined ? { tolerance: f.tolerance } : {}),
    actual_kind: a.kind, ...(a.kind === 'value' || a.kind === 'boolean' ? { actual: a.value } : {}),
    unit: f.unit, unit_on: f.unitOn, as_written: f.asWritten === true, difference: r.difference ?? '',
    ...(f.year !== undefined ? { year: f.year } : {}), note: r.kind === 'assertion' ? r.note ?? '' : '',
  };
}

/**
 * The stage of the engine whose lot a rule's warning belongs to: the warnings are listed in the
 * evaluation's diagnostics with that stage's own, lot by lot (see evaluationDiagnostics).
 */
export type RuleStage = 'financing' | 'rental' | 'sales';

/**
 * A built-in check. A rule the engine also reports while evaluating (a warning or an error in
 * every report) has `warning`: the codes it may emit, its stage, its place among the stage's
 * rules (`rank`), and the diagnostic of one lot, read from the same fact of the engine as the
 * check (e.g. `rentWithinMaximum`), so that the two cannot disagree. `check` does not repeat these
 * codes among its warnings: the check already reports them.
 */
export interface BuiltinCheck {
  code: string;
  severity: Severity;
  rule: string;
  run: (ev: Evaluation) => CheckResult[];
  warning?: { codes: readonly string[]; stage: RuleStage; rank: number; of: (ev: Evaluation, lotIndex: number) => Diagnostic | null };
}

/** The built-in checks, by stable code (docs/diagnostics.md). */
export const BUILTIN_CHECKS: readonly BuiltinCheck[] = [
  {
    code: 'FINANCING_BALANCED', severity: 'error', rule: 'plan de financement: ressources = prix de revient TTC (LEON R-FIN-1)',
    run: (ev) => ev.financing.rental.map((f) => builtin('FINANCING_BALANCED', 'error', f.gapEur.isZero(), ['financing'], { subject: lotOf(ev, f.lotIndex), expected: { kind: 'sources_equal_uses', value: num(f.usesEur, 2) }, actual: value(f.usesEur.plus(f.gapEur), 2), unit: 'eur', unitOn: 'both' }, f.gapEur)),
    warning: {
      codes: ['FINANCING_UNBALANCED', 'FINANCING_SURPLUS'], stage: 'financing', rank: 0,
      of: (ev, i) => {
        const f = ev.financing.rental.find((x) => x.lotIndex === i);
        if (!f || f.gapEur.isZero()) return null;
        return diag(f.gapEur.gt(0) ? 'FINANCING_SURPLUS' : 'FINANCING_UNBALANCED', 'error', ['financing'], {
          lot: ev.model.lots[i]!.id, uses: f.usesEur.toFixed(2), sources: f.usesEur.plus(f.gapEur).toFixed(2), difference: f.gapEur.toFixed(2),
        });
      },
    },
  },
  {
    code: 'RENT_WITHIN_MAXIMUM', severity: 'error', rule: 'loyer pratiqué ≤ loyer maximal (circulaire loyers annexe 6)',
    run: (ev) => (ev.rental?.lots ?? []).filter((l) => l.rent.rentWithinMaximum !== null && !l.rent.foyer).map((l) => {
      return builtin('RENT_WITHIN_MAXIMUM', 'error', l.rent.rentWithinMaximum!, ['lots', l.lotIndex, 'rent'], { subject: lotOf(ev, l.lotIndex), expected: { kind: 'compare', op: '≤', value: num(l.rent.maxRent!, 4) }, actual: value(l.rent.rent, 4), unit: 'eur_per_m2_su_month', unitOn: 'expected' }, l.rent.rent.minus(l.rent.maxRent!));
    }),
    warning: {
      codes: ['RENT_ABOVE_MAXIMUM'], stage: 'rental', rank: 1,
      of: (ev, i) => {
        const r = ev.rental?.lots.find((x) => x.lotIndex === i)?.rent;
        if (!r || r.rentWithinMaximum !== false || r.foyer) return null;
        return diag('RENT_ABOVE_MAXIMUM', 'warning', ['lots', i, 'rent', 'rent_eur_per_m2_su_month'], { lot: ev.model.lots[i]!.id, rent: r.rent.toDecimalPlaces(2).toNumber(), max: r.maxRent!.toDecimalPlaces(2).toNumber() });
      },
    },
  },
  {
    // A logement-foyer or résidence sociale: the rent-equivalent part of its redevance (redevance − charges) ≤ the maximum with the foyer CS.
    code: 'REDEVANCE_WITHIN_MAXIMUM', severity: 'error', rule: 'équivalence de loyer de la redevance ≤ loyer maximal, CS des logements-foyers (circulaire loyers annexe 6)',
    run: (ev) => (ev.rental?.lots ?? []).filter((l) => l.rent.rentWithinMaximum !== null && l.rent.foyer).map((l) => {
      return builtin('REDEVANCE_WITHIN_MAXIMUM', 'error', l.rent.rentWithinMaximum!, ['lots', l.lotIndex, 'foyer', 'redevance'], { subject: lotOf(ev, l.lotIndex), expected: { kind: 'compare', op: '≤', value: num(l.rent.maxRent!, 4) }, actual: value(l.rent.rent, 4), unit: 'eur_per_m2_su_month', unitOn: 'expected' }, l.rent.rent.minus(l.rent.maxRent!));
    }),
    warning: {
      codes: ['REDEVANCE_ABOVE_MAXIMUM'], stage: 'rental', rank: 2,
      of: (ev, i) => {
        const r = ev.rental?.lots.find((x) => x.lotIndex === i)?.rent;
        if (!r || r.rentWithinMaximum !== false || !r.foyer) return null;
        return diag('REDEVANCE_ABOVE_MAXIMUM', 'warning', ['lots', i, 'foyer', 'redevance'], { lot: ev.model.lots[i]!.id, rent: r.rent.toDecimalPlaces(2).toNumber(), max: r.maxRent!.toDecimalPlaces(2).toNumber() });
      },
    },
  },
  {
    code: 'SALE_PRICE_WITHIN_CEILING', severity: 'error', rule: 'prix PSLA/BRS ≤ plafond HT par m² SU (arrêté du 26 mars 2004 art. 3)',
    run: (ev) => (ev.sales?.lots ?? []).filter((l) => l.priceWithinCeiling !== null).map((l) => {
      return builtin('SALE_PRICE_WITHIN_CEILING', 'error', l.priceWithinCeiling!, ['lots', l.lotIndex, 'sale'], { subject: lotOf(ev, l.lotIndex), expected: { kind: 'compare', op: '≤', value: num(l.ceilingHtPerM2Su!, 2) }, actual: value(l.priceHtPerM2Su, 2), unit: 'eur_ht_per_m2_su', unitOn: 'expected' }, l.priceHtPerM2Su.minus(l.ceilingHtPerM2Su!));
    }),
    warning: {
      codes: ['PRICE_ABOVE_CEILING'], stage: 'sales', rank: 0,
      of: (ev, i) => {
        const l = ev.sales?.lots.find((x) => x.lotIndex === i);
        if (!l || l.priceWithinCeiling !== false) return null;
        const lot = ev.model.lots[i]!;
        return diag('PRICE_ABOVE_CEILING', 'warning', ['lots', i, 'sale'], { lot: lot.id, tenure: lot.tenure, price: l.priceHtPerM2Su.toDecimalPlaces(0).toNumber(), ceiling: l.ceilingHtPerM2Su!.toNumber(), ...(l.ceilingUnverified ? { unverified: true } : {}) });
      },
    },
  },
  {
    code: 'CDC_LOANS_AT_LEAST_HALF', severity: 'warning', rule: 'prêts CDC ≥ 50 % du prix de revient (règle PLS; contrôle LEON pour le PLUS)',
    run: (ev) => ev.financing.rental.filter((f) => f.cdcAtLeastHalf !== null).map((f) => {
      const share = f.cdcLoansEur.div(f.usesEur).times(HUNDRED);
      return builtin('CDC_LOANS_AT_LEAST_HALF', 'warning', f.cdcAtLeastHalf!, ['financing'], { subject: lotOf(ev, f.lotIndex), expected: { kind: 'compare', op: '≥', value: '50' }, actual: value(share, 2), unit: 'pct', unitOn: 'both' }, share.minus(50));
    }),
    warning: {
      codes: ['CDC_LOANS_BELOW_HALF'], stage: 'financing', rank: 1,
      of: (ev, i) => {
        const f = ev.financing.rental.find((x) => x.lotIndex === i);
        if (!f || f.cdcAtLeastHalf !== false) return null;
        const lot = ev.model.lots[i]!;
        return diag('CDC_LOANS_BELOW_HALF', 'warning', ['financing'], {
          lot: lot.id, tenure: lot.tenure, cdc_pct: f.cdcLoansEur.div(f.usesEur).times(HUNDRED).toDecimalPlaces(1).toNumber(), cdc: f.cdcLoansEur.toFixed(2), uses: f.usesEur.toFixed(2),
        });
      },
    },
  },
  {
    code: 'RENTAL_TEST', severity: 'warning', rule: 'cumul d’autofinancement ≥ 0 chaque année sur la durée du prêt principal (circ. 97-51 annexe IV)',
    run: (ev) => ev.rental ? [builtin('RENTAL_TEST', 'warning', ev.rental.total.balanced, ['lots'], { subject: { kind: 'rental_account', years: ev.rental.total.testYears }, expected: { kind: 'compare', op: '≥', value: '0' }, actual: value(ev.rental.total.minCumulativeEur, 2), unit: 'eur', unitOn: 'both', year: ev.rental.total.minCumulativeYear }, ev.rental.total.minCumulativeEur)] : [],
  },
  {
    code: 'SALE_MARGIN_TARGET', severity: 'warning', rule: 'marge de vente ≥ marge cible',
    run: (ev) => (ev.sales?.lots ?? []).filter((l) => l.marginPct !== null).map((l) => {
      return builtin('SALE_MARGIN_TARGET', 'warning', l.meetsTarget, ['lots', l.lotIndex, 'sale'], { subject: lotOf(ev, l.lotIndex), expected: { kind: 'compare', op: '≥', value: num(l.targetMarginPct, 2) }, actual: value(l.marginPct!, 2), unit: 'pct', unitOn: 'both' }, l.marginPct!.minus(l.targetMarginPct));
    }),
    // The report warns only of a price the file gives: a price derived from the target meets it.
    warning: {
      codes: ['SALE_MARGIN_BELOW_TARGET'], stage: 'sales', rank: 1,
      of: (ev, i) => {
        const l = ev.sales?.lots.find((x) => x.lotIndex === i);
        if (!l || l.meetsTarget || l.priceOrigin !== 'file') return null;
        return diag('SALE_MARGIN_BELOW_TARGET', 'warning', ['lots', i, 'sale'], { lot: ev.model.lots[i]!.id, margin_pct: l.marginPct!.toDecimalPlaces(1).toNumber(), target_pct: l.targetMarginPct.toNumber() });
      },
    },
  },
  {
    code: 'ANNEXES_RULE', severity: 'warning', rule: 'règle des annexes importantes (circulaire loyers annexe 8)',
    run: (ev) => (ev.rental?.lots ?? []).filter((l) => l.rent.annexes !== null).map((l) => {
      const a = l.rent.annexes!;
      return builtin('ANNEXES_RULE', 'warning', a.withinLimit, ['lots', l.lotIndex, 'annexes_m2'], { subject: lotOf(ev, l.lotIndex), expected: { kind: 'compare', op: '≤', value: a.limitPct.toString() }, actual: a.withinLimit ? { kind: 'met' } : { kind: 'value', value: String(a.ratioPct.toDecimalPlaces(1).toNumber()) }, unit: 'pct', unitOn: 'both' }, null);
    }),
    warning: {
      codes: ['ANNEXES_RULE'], stage: 'rental', rank: 0,
      of: (ev, i) => {
        const a = ev.rental?.lots.find((x) => x.lotIndex === i)?.rent.annexes;
        if (!a || a.withinLimit) return null;
        return diag('ANNEXES_RULE', 'warning', ['lots', i, 'annexes_m2'], { lot: ev.model.lots[i]!.id, ratio_pct: a.ratioPct.toDecimalPlaces(1).toNumber(), limit_pct: a.limitPct.toNumber() });
      },
    },
  },
  {
    code: 'OFS_BALANCE', severity: 'warning', rule: 'OFS: cumul ≥ 0 sur la durée du prêt foncier ([CCH-BRS], [CDC-GAIA])',
    run: (ev) => (ev.sales?.lots ?? []).filter((l) => l.ofs).map((l) => {
      return builtin('OFS_BALANCE', 'warning', l.ofs!.balanced, ['lots', l.lotIndex, 'brs'], { subject: { kind: 'ofs', lot: ev.model.lots[l.lotIndex]!.id }, expected: { kind: 'compare', op: '≥', value: '0' }, actual: value(l.ofs!.minCumulativeEur, 2), unit: 'eur', unitOn: 'both', year: l.ofs!.minCumulativeYear }, l.ofs!.minCumulativeEur);
    }),
  },
];

/** The codes of the diagnostics that a built-in check also reports (a check run does not repeat them). */
export const RULE_WARNING_CODES: ReadonlySet<string> = new Set(BUILTIN_CHECKS.flatMap((c) => c.warning?.codes ?? []));

/** The warnings of the rules for one lot of a stage, in their order (rank). */
function ruleWarnings(ev: Evaluation, stage: RuleStage, lotIndex: number): Diagnostic[] {
  return BUILTIN_CHECKS.flatMap((c) => (c.warning?.stage === stage ? [c.warning] : []))
    .sort((a, b) => a.rank - b.rank)
    .flatMap((w) => { const d = w.of(ev, lotIndex); return d ? [d] : []; });
}

/**
 * The diagnostics of an evaluation: those of the engine's stages (financing, rental, sales) with
 * the rules' warnings, each after its stage's own diagnostics of the same lot. The engine computes
 * the facts (`gapEur`, `cdcAtLeastHalf`, `rentWithinMaximum`, `annexes`, `priceWithinCeiling`,
 * `meetsTarget`); only here do they become diagnostics, from the same table as the checks.
 */
export function evaluationDiagnostics(ev: Evaluation): Diagnostic[] {
  const stage = (own: readonly Diagnostic[], lots: readonly number[], name: RuleStage): Diagnostic[] => {
    // A stage's own diagnostics of a lot have the path lots[i]…; the others come before its lots.
    const lotOf = (d: Diagnostic) => (d.path[0] === 'lots' && typeof d.path[1] === 'number' && lots.includes(d.path[1]) ? d.path[1] : undefined);
    return [...own.filter((d) => lotOf(d) === undefined), ...lots.flatMap((i) => [...own.filter((d) => lotOf(d) === i), ...ruleWarnings(ev, name, i)])];
  };
  return [
    ...(ev.vefa?.diagnostics ?? []), // VEFA_PRICE_ABOVE_CAP (engine/vefa.ts), before the stages that work on the buyer's cost
    ...stage(ev.financing.diagnostics, ev.financing.rental.map((f) => f.lotIndex), 'financing'),
    ...(ev.rental ? stage(ev.rental.diagnostics, ev.rental.lots.map((l) => l.lotIndex), 'rental') : []),
    ...(ev.sales ? stage(ev.sales.diagnostics, ev.sales.lots.map((l) => l.lotIndex), 'sales') : []),
  ];
}

function builtin(code: string, severity: Severity, passed: boolean, path: (string | number)[], facts: CheckFacts, difference: Dec | null): CheckResult {
  return { code, kind: 'builtin', ...resultStrings(facts), passed, severity, path, difference: difference === null ? null : num(difference, 2), facts };
}

const num = (d: Dec, dp: number) => d.toDecimalPlaces(dp).toString();
const value = (d: Dec, dp: number): CheckFacts['actual'] => ({ kind: 'value', value: num(d, dp) });
const lotOf = (ev: Evaluation, i: number): CheckFacts['subject'] => ({ kind: 'lot', lot: ev.model.lots[i]!.id });

/** The unit of an assertion's metric, where a check words it (the others are bare numbers). */
const METRIC_UNIT: Record<string, CheckUnit> = { eur: 'eur', pct: 'pct', m2: 'm2', eur_per_m2_su_month: 'eur_per_m2_su_month', eur_per_m2_shab: 'eur_per_m2_shab' };

export const OPS = ['>=', '<=', '>', '<', '==', '!='] as const;
export type Op = (typeof OPS)[number] | 'between';

export interface Assertion {
  index: number;
  text: string;
  metric: string;
  op: Op;
  value?: Dec | boolean;
  min?: Dec;
  max?: Dec;
  tolerance: Dec;
  severity: Severity;
  message?: string;
}

export type AssertionInput = string | { metric: string; op: Op; value?: number | boolean | undefined; min?: number | undefined; max?: number | undefined; tolerance?: number | undefined; severity?: 'error' | 'warning' | undefined; message?: string | undefined };

/** `metric op value` or `metric between a and b`; numbers may use `_` or a thin space as thousands separator. */
export function parseAssertion(input: AssertionInput, index: number): Assertion | { error: string } {
  if (typeof input !== 'string') {
    const base = { index, text: `${input.metric} ${input.op} ${input.op === 'between' ? `${input.min} and ${input.max}` : String(input.value)}`, metric: input.metric, op: input.op, tolerance: D(input.tolerance ?? 0), severity: (input.severity ?? 'error') as Severity, ...(input.message ? { message: input.message } : {}) };
    if (input.op === 'between') {
      if (input.min === undefined || input.max === undefined) return { error: '`between` needs `min` and `max`' };
      return { ...base, min: D(input.min), max: D(input.max) };
    }
    if (input.value === undefined) return { error: '`value` is missing' };
    if (typeof input.value === 'boolean' && input.op !== '==' && input.op !== '!=') return { error: `\`${input.op}\` compares numbers: a true/false value takes \`==\` or \`!=\`` };
    return { ...base, value: typeof input.value === 'boolean' ? input.value : D(input.value) };
  }
  const text = input.trim();
  const numRe = String.raw`([-+]?\d[\d_\u202f ]*(?:[.,]\d+)?(?:e[-+]?\d+)?)`;
  const between = new RegExp(String.raw`^([a-z0-9_.]+)\s+between\s+${numRe}\s+and\s+${numRe}$`, 'i').exec(text);
  const parseNum = (s: string) => D(s.replace(/[_\u202f ]/g, '').replace(',', '.'));
  if (between) {
    const a = parseNum(between[2]!), b = parseNum(between[3]!);
    return { index, text, metric: between[1]!, op: 'between', min: a.lte(b) ? a : b, max: a.lte(b) ? b : a, tolerance: ZERO, severity: 'error' };
  }
  const m = new RegExp(String.raw`^([a-z0-9_.]+)\s*(>=|<=|==|!=|>|<)\s*(true|false|${numRe})$`, 'i').exec(text);
  if (!m) return { error: 'expected `metric op value` (op: >= <= > < == !=) or `metric between a and b`' };
  const v = m[3]!.toLowerCase();
  if ((v === 'true' || v === 'false') && m[2] !== '==' && m[2] !== '!=') return { error: `\`${m[2]!}\` compares numbers: a true/false value takes \`==\` or \`!=\`` };
  return { index, text, metric: m[1]!, op: m[2] as Op, value: v === 'true' ? true : v === 'false' ? false : parseNum(m[3]!), tolerance: ZERO, severity: 'error' };
}

/**
 * Why an assertion cannot be evaluated against its metric, or undefined: a true/false value
 * compared with a number, or a number with a true/false metric. A malformed assertion
 * (ASSERTION_SYNTAX, exit 2), not a failed check.
 */
export function assertionMismatch(a: Assertion, metric: MetricDef): string | undefined {
  const v = metric.value;
  if (v === null) return undefined;
  if (typeof a.value === 'boolean' && typeof v !== 'boolean') return 'the metric is a number: compare it with a number, not true/false';
  if (typeof v === 'boolean' && typeof a.value !== 'boolean') return 'the metric is true/false: compare it with `== true` or `== false`';
  return undefined;
}

/** Evaluate one assertion against the metrics. Unknown metrics are reported by the caller (suggestion). */
export function evalAssertion(a: Assertion, metric: MetricDef): CheckResult {
  const v = metric.value;
  const expected: CheckFacts['expected'] = a.op === 'between' ? { kind: 'between', min: a.min!.toString(), max: a.max!.toString() } : { kind: 'compare', op: a.op, value: typeof a.value === 'boolean' ? a.value : String(a.value) };
  const tolerance = a.tolerance.gt(0) ? { tolerance: a.tolerance.toString() } : {};
  const facts = (actual: CheckFacts['actual'], unit: CheckUnit, tol: boolean): CheckFacts => ({
    subject: { kind: 'assertion', text: a.text }, expected, ...(tol ? tolerance : {}), actual, unit, unitOn: 'actual', ...(/year/.test(a.text) ? { asWritten: true } : {}),
  });
  const result = (passed: boolean, f: CheckFacts, difference: string | null): CheckResult => ({
    code: 'ASSERTION', kind: 'assertion', ...resultStrings(f), ...(a.message ? { note: a.message } : {}), passed, severity: a.severity, path: ['checks', a.index], difference, facts: f,
  });
  if (v === null) return result(false, facts({ kind: 'unavailable' }, 'number', true), null);
  if (typeof v === 'boolean' || typeof a.value === 'boolean') {
    const actualB = typeof v === 'boolean' ? v : null;
    const ok = actualB !== null && typeof a.value === 'boolean' && (a.op === '==' ? actualB === a.value : a.op === '!=' ? actualB !== a.value : false);
    return result(ok, facts(typeof v === 'boolean' ? { kind: 'boolean', value: v } : { kind: 'value', value: String(v) }, 'number', false), null);
  }
  // Assertions compare the figure as published (money to the cent, percents to 4 decimals…), so
  // that a margin derived to be exactly 5 % passes `>= 5` whatever its 24th digit.
  const x = typeof v === 'number' ? D(v) : v.toDecimalPlaces(publishedDp(metric.unit));
  const t = a.tolerance;
  let ok: boolean;
  let diff: Dec | null = null;
  switch (a.op) {
    case '>=': ok = x.gte((a.value as Dec).minus(t)); diff = x.minus(a.value as Dec); break;
    case '<=': ok = x.lte((a.value as Dec).plus(t)); diff = x.minus(a.value as Dec); break;
    case '>': ok = x.gt((a.value as Dec).minus(t)); diff = x.minus(a.value as Dec); break;
    case '<': ok = x.lt((a.value as Dec).plus(t)); diff = x.minus(a.value as Dec); break;
    case '==': diff = x.minus(a.value as Dec); ok = diff.abs().lte(t); break;
    case '!=': diff = x.minus(a.value as Dec); ok = diff.abs().gt(t); break;
    case 'between': {
      ok = x.gte(a.min!.minus(t)) && x.lte(a.max!.plus(t));
      diff = x.lt(a.min!) ? x.minus(a.min!) : x.gt(a.max!) ? x.minus(a.max!) : ZERO;
      break;
    }
  }
  // The actual figure at its published precision with its unit, like the built-in checks' strings.
  const dp = typeof v === 'number' ? 0 : publishedDp(metric.unit);
  return result(ok, facts({ kind: 'value', value: x.toFixed(dp) }, METRIC_UNIT[metric.unit] ?? 'number', true), diff === null ? null : diff.toFixed(dp));
}

export function suggestMetric(name: string, metrics: Map<string, MetricDef>): string | undefined {
  return suggest(name, [...metrics.keys()]);
}
