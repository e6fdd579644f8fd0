/**
 * Checks: built-in rules (a list of pure functions of an evaluation) and the file's own
 * assertions on metrics (`checks:`). Each result passes or fails with a severity; a failure
 * carries expected, actual and difference, and the place in the file.
 */
import { D, HUNDRED, ZERO, type Dec } from '../domain/money';
import { suggest } from '../domain/suggest';
import type { Evaluation, MetricDef } from '../engine/evaluate';
import type { Severity, Span } from '../domain/diagnostic';
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
}

/** The built-in checks, by stable code (docs/diagnostics.md). */
export const BUILTIN_CHECKS: readonly { code: string; severity: Severity; rule: string; run: (ev: Evaluation) => CheckResult[] }[] = [
  {
    code: 'FINANCING_BALANCED', severity: 'error', rule: 'plan de financement: ressources = prix de revient TTC (LEON R-FIN-1)',
    run: (ev) => ev.financing.rental.map((f) => builtin('FINANCING_BALANCED', 'error', `lot ${ev.model.lots[f.lotIndex]!.id}`, f.gapEur.isZero(), ['financing'], `ressources = ${eurText(f.usesEur)}`, eurText(f.usesEur.plus(f.gapEur)), f.gapEur)),
  },
  {
    code: 'RENT_WITHIN_MAXIMUM', severity: 'error', rule: 'loyer pratiqué ≤ loyer maximal (circulaire loyers annexe 6)',
    run: (ev) => (ev.rental?.lots ?? []).filter((l) => l.rent.maxRent !== null).map((l) => {
      const lot = ev.model.lots[l.lotIndex]!;
      return builtin('RENT_WITHIN_MAXIMUM', 'error', `lot ${lot.id}`, l.rent.rent.lte(l.rent.maxRent!), ['lots', l.lotIndex, 'rent'], `≤ ${num(l.rent.maxRent!, 4)} €/m² SU/mois`, `${num(l.rent.rent, 4)}`, l.rent.rent.minus(l.rent.maxRent!));
    }),
  },
  {
    code: 'SALE_PRICE_WITHIN_CEILING', severity: 'error', rule: 'prix PSLA/BRS ≤ plafond HT par m² SU (arrêté du 26 mars 2004 art. 3)',
    run: (ev) => (ev.sales?.lots ?? []).filter((l) => l.ceilingHtPerM2Su !== null).map((l) => {
      const lot = ev.model.lots[l.lotIndex]!;
      return builtin('SALE_PRICE_WITHIN_CEILING', 'error', `lot ${lot.id}`, l.priceHtPerM2Su.lte(l.ceilingHtPerM2Su!), ['lots', l.lotIndex, 'sale'], `≤ ${num(l.ceilingHtPerM2Su!, 2)} € HT/m² SU`, num(l.priceHtPerM2Su, 2), l.priceHtPerM2Su.minus(l.ceilingHtPerM2Su!));
    }),
  },
  {
    code: 'CDC_LOANS_AT_LEAST_HALF', severity: 'warning', rule: 'prêts CDC ≥ 50 % du prix de revient (règle PLS; contrôle LEON pour le PLUS)',
    run: (ev) => ev.financing.rental.filter((f) => ev.model.lots[f.lotIndex]!.info.cdcHalfRule && f.usesEur.gt(0)).map((f) => {
      const lot = ev.model.lots[f.lotIndex]!;
      const share = f.cdcLoansEur.div(f.usesEur).times(HUNDRED);
      return builtin('CDC_LOANS_AT_LEAST_HALF', 'warning', `lot ${lot.id}`, share.gte(50), ['financing'], '≥ 50 %', `${num(share, 2)} %`, share.minus(50));
    }),
  },
  {
    code: 'RENTAL_TEST', severity: 'warning', rule: 'cumul d’autofinancement ≥ 0 chaque année sur la durée du prêt principal (circ. 97-51 annexe IV)',
    run: (ev) => ev.rental ? [builtin('RENTAL_TEST', 'warning', `compte locatif (${ev.rental.total.testYears} ans)`, ev.rental.total.balanced, ['lots'], '≥ 0 €', eurText(ev.rental.total.minCumulativeEur), ev.rental.total.minCumulativeEur, `année ${ev.rental.total.minCumulativeYear}`)] : [],
  },
  {
    code: 'SALE_MARGIN_TARGET', severity: 'warning', rule: 'marge de vente ≥ marge cible',
    run: (ev) => (ev.sales?.lots ?? []).filter((l) => l.marginPct !== null).map((l) => {
      const lot = ev.model.lots[l.lotIndex]!;
      return builtin('SALE_MARGIN_TARGET', 'warning', `lot ${lot.id}`, l.meetsTarget, ['lots', l.lotIndex, 'sale'], `≥ ${num(l.targetMarginPct, 2)} %`, `${num(l.marginPct!, 2)} %`, l.marginPct!.minus(l.targetMarginPct));
    }),
  },
  {
    code: 'ANNEXES_RULE', severity: 'warning', rule: 'règle des annexes importantes (circulaire loyers annexe 8)',
    run: (ev) => (ev.rental?.lots ?? []).filter((l) => l.rent.structureCoefficient !== null && ev.model.lots[l.lotIndex]!.info.rentCeiling !== 'lli').map((l) => {
      const lot = ev.model.lots[l.lotIndex]!;
      const flagged = ev.diagnostics.some((d) => d.code === 'ANNEXES_RULE' && d.args.lot === lot.id);
      const ratio = ev.diagnostics.find((d) => d.code === 'ANNEXES_RULE' && d.args.lot === lot.id)?.args.ratio_pct;
      return builtin('ANNEXES_RULE', 'warning', `lot ${lot.id}`, !flagged, ['lots', l.lotIndex, 'annexes_m2'], `≤ ${ev.model.input.construction.lift ? 125 : 118} %`, flagged ? `${String(ratio)} %` : 'respectée', null);
    }),
  },
  {
    code: 'OFS_BALANCE', severity: 'warning', rule: 'OFS: cumul ≥ 0 sur la durée du prêt foncier ([CCH-BRS], [CDC-GAIA])',
    run: (ev) => (ev.sales?.lots ?? []).filter((l) => l.ofs).map((l) => {
      const lot = ev.model.lots[l.lotIndex]!;
      return builtin('OFS_BALANCE', 'warning', `OFS du lot ${lot.id}`, l.ofs!.balanced, ['lots', l.lotIndex, 'brs'], '≥ 0 €', eurText(l.ofs!.minCumulativeEur), l.ofs!.minCumulativeEur, `année ${l.ofs!.minCumulativeYear}`);
    }),
  },
];

function builtin(code: string, severity: Severity, subject: string, passed: boolean, path: (string | number)[], expected: string, actual: string, difference: Dec | null, note?: string): CheckResult {
  return { code, kind: 'builtin', subject, passed, severity, path, expected, actual, difference: difference === null ? null : num(difference, 2), ...(note ? { note } : {}) };
}

const num = (d: Dec, dp: number) => d.toDecimalPlaces(dp).toString();
const eurText = (d: Dec) => `${num(d, 2)} €`;

const UNIT_SUFFIX: Record<string, string> = { eur: ' €', pct: ' %', m2: ' m²', eur_per_m2_su_month: ' €/m² SU/mois', eur_per_m2_shab: ' €/m² SHAB' };

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
  const base = { code: 'ASSERTION', kind: 'assertion' as const, subject: a.text, severity: a.severity, path: ['checks', a.index] as (string | number)[], ...(a.message ? { note: a.message } : {}) };
  const expectedText = a.op === 'between' ? `entre ${a.min!.toString()} et ${a.max!.toString()}` : `${a.op} ${String(a.value)}`;
  const tolText = a.tolerance.gt(0) ? ` (± ${a.tolerance.toString()})` : '';
  if (v === null) return { ...base, passed: false, expected: expectedText + tolText, actual: 'non disponible', difference: null };
  if (typeof v === 'boolean' || typeof a.value === 'boolean') {
    const actualB = typeof v === 'boolean' ? v : null;
    const ok = actualB !== null && typeof a.value === 'boolean' && (a.op === '==' ? actualB === a.value : a.op === '!=' ? actualB !== a.value : false);
    return { ...base, passed: ok, expected: expectedText, actual: String(v), difference: null };
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
  const unit = UNIT_SUFFIX[metric.unit] ?? '';
  return { ...base, passed: ok, expected: expectedText + tolText, actual: `${x.toFixed(dp)}${unit}`, difference: diff === null ? null : diff.toFixed(dp) };
}

export function suggestMetric(name: string, metrics: Map<string, MetricDef>): string | undefined {
  return suggest(name, [...metrics.keys()]);
}
