/**
 * One rule, one place (issue 13): each rule the engine reports while evaluating (a warning or an
 * error of the report) and checks (`equilibre check`) is one fact of the engine, worded twice by
 * src/checks/checks.ts. For each former pair — FINANCING_UNBALANCED/SURPLUS ↔ FINANCING_BALANCED,
 * RENT_ABOVE_MAXIMUM ↔ RENT_WITHIN_MAXIMUM (REDEVANCE_ABOVE_MAXIMUM ↔ REDEVANCE_WITHIN_MAXIMUM for a foyer), PRICE_ABOVE_CEILING ↔ SALE_PRICE_WITHIN_CEILING,
 * CDC_LOANS_BELOW_HALF ↔ CDC_LOANS_AT_LEAST_HALF, SALE_MARGIN_BELOW_TARGET ↔ SALE_MARGIN_TARGET,
 * ANNEXES_RULE (both) — the warning is there exactly when the check fails, on every fixture,
 * example and reproducer, and on the edge: exactly at the maximum, the ceiling, 50 %, 118 %.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runText } from '../src/pipeline';
import { BUILTIN_CHECKS, RULE_WARNING_CODES } from '../src/checks/checks';
import type { Evaluation } from '../src/engine/evaluate';

const ROOT = path.resolve(__dirname, '..');
const files = ['fixtures', 'examples', 'test/fixtures/diagnostics'].flatMap((dir) =>
  fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`));

/** The former pairs: the check's code, the warning's codes. */
const PAIRS: [string, string[]][] = [
  ['FINANCING_BALANCED', ['FINANCING_UNBALANCED', 'FINANCING_SURPLUS']],
  ['RENT_WITHIN_MAXIMUM', ['RENT_ABOVE_MAXIMUM']],
  ['REDEVANCE_WITHIN_MAXIMUM', ['REDEVANCE_ABOVE_MAXIMUM']],
  ['SALE_PRICE_WITHIN_CEILING', ['PRICE_ABOVE_CEILING']],
  ['CDC_LOANS_AT_LEAST_HALF', ['CDC_LOANS_BELOW_HALF']],
  ['SALE_MARGIN_TARGET', ['SALE_MARGIN_BELOW_TARGET']],
  ['ANNEXES_RULE', ['ANNEXES_RULE']],
];

/** For one pair: per lot id, [check failed, warning present]. */
function verdicts(ev: Evaluation, check: string, warnings: string[]): Map<string, [boolean, boolean]> {
  const c = BUILTIN_CHECKS.find((x) => x.code === check)!;
  const out = new Map<string, [boolean, boolean]>();
  for (const r of c.run(ev)) out.set(r.subject.replace(/^lot /, ''), [!r.passed, false]);
  for (const d of ev.diagnostics) {
    if (!warnings.includes(d.code)) continue;
    const id = String(d.args.lot);
    out.set(id, [out.get(id)?.[0] ?? false, true]);
  }
  return out;
}

/** The warning is there exactly when the check fails (the margin is warned of only for a price the file gives). */
function expectAgreement(ev: Evaluation): number {
  let failures = 0;
  for (const [check, warnings] of PAIRS) {
    for (const [id, [failed, warned]] of verdicts(ev, check, warnings)) {
      const lot = ev.model.lots.find((l) => l.id === id)!;
      const saleLot = ev.sales?.lots.find((l) => l.lotIndex === lot.index);
      const expected = check === 'SALE_MARGIN_TARGET' ? failed && saleLot?.priceOrigin === 'file' : failed;
      expect({ check, lot: id, warned }).toEqual({ check, lot: id, warned: expected });
      if (failed) failures++;
    }
  }
  return failures;
}

const evalText = (text: string) => {
  const run = runText('rules.yaml', text);
  expect(run.evaluated).toBe(true);
  return run.evaluation!;
};
const reproducer = (code: string) => parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/diagnostics', `${code}.yaml`), 'utf8')) as Record<string, any>;
const resultOf = (ev: Evaluation, check: string, lot: string) => BUILTIN_CHECKS.find((c) => c.code === check)!.run(ev).find((r) => r.subject === `lot ${lot}`)!;
const codes = (ev: Evaluation) => ev.diagnostics.map((d) => d.code);

describe('one rule, one place', () => {
  it('the warnings a check run leaves out are exactly those of the rules\' table', () => {
    expect([...RULE_WARNING_CODES].sort()).toEqual(PAIRS.flatMap(([, w]) => w).sort());
  });

  it('on every fixture, example and reproducer, each warning is there exactly when its check fails', () => {
    let failures = 0;
    for (const f of files) {
      const run = runText(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
      if (run.evaluated) failures += expectAgreement(run.evaluation!);
    }
    // not vacuous: each pair fails somewhere (the reproducers)
    expect(failures).toBeGreaterThanOrEqual(PAIRS.length);
  });

  it('CDC loans exactly 50 % of the cost: no warning, the check passes; one cent less: both say it', () => {
    const d = reproducer('CDC_LOANS_BELOW_HALF');
    delete d.financing.equity;
    const uses = evalText(stringify(d)).financing.rental.find((f) => f.lotIndex === 0)!.usesEur;
    // a cost price in even cents, so that half of it is a sum in cents (the PLUS lot's SHAB tuned)
    let half = uses.div(2);
    for (let shab = 650; !half.eq(half.toDecimalPlaces(2)) && shab < 700; shab++) {
      d.lots[0].shab_m2 = shab;
      half = evalText(stringify(d)).financing.rental.find((f) => f.lotIndex === 0)!.usesEur.div(2);
    }
    expect(half.eq(half.toDecimalPlaces(2))).toBe(true);
    d.financing.equity = [{ amount_eur: half.toNumber(), lots: ['plus'] }];
    const at = evalText(stringify(d));
    const f = at.financing.rental.find((x) => x.lotIndex === 0)!;
    expect(f.cdcLoansEur.times(2).eq(f.usesEur)).toBe(true); // exactly half
    expect(f.cdcAtLeastHalf).toBe(true);
    expect(resultOf(at, 'CDC_LOANS_AT_LEAST_HALF', 'plus').passed).toBe(true);
    expect(codes(at)).not.toContain('CDC_LOANS_BELOW_HALF');
    expectAgreement(at);
    d.financing.equity = [{ amount_eur: half.plus('0.01').toNumber(), lots: ['plus'] }];
    const below = evalText(stringify(d));
    expect(resultOf(below, 'CDC_LOANS_AT_LEAST_HALF', 'plus').passed).toBe(false);
    expect(codes(below)).toContain('CDC_LOANS_BELOW_HALF');
    expectAgreement(below);
  });

  it('rent exactly at the maximum: no warning, the check passes; above it (to 1/10 000 €): both say it', () => {
    const d = reproducer('RENT_ABOVE_MAXIMUM');
    delete d.lots[0].rent; // the rent charged is then the maximum rent itself
    const at = evalText(stringify(d));
    const r = at.rental!.lots[0]!.rent;
    expect(r.rentOrigin).toBe('maximum');
    expect(r.rent.eq(r.maxRent!)).toBe(true);
    expect(r.rentWithinMaximum).toBe(true);
    expect(resultOf(at, 'RENT_WITHIN_MAXIMUM', 'plus').passed).toBe(true);
    expect(codes(at)).not.toContain('RENT_ABOVE_MAXIMUM');
    expectAgreement(at);
    d.lots[0].rent = { rent_eur_per_m2_su_month: r.maxRent!.toDecimalPlaces(4, 0 /* ROUND_UP */).toNumber() };
    const above = evalText(stringify(d));
    expect(resultOf(above, 'RENT_WITHIN_MAXIMUM', 'plus').passed).toBe(false);
    expect(codes(above)).toContain('RENT_ABOVE_MAXIMUM');
    expectAgreement(above);
    d.lots[0].rent = { rent_eur_per_m2_su_month: r.maxRent!.toDecimalPlaces(4, 1 /* ROUND_DOWN */).toNumber() };
    const below = evalText(stringify(d));
    expect(resultOf(below, 'RENT_WITHIN_MAXIMUM', 'plus').passed).toBe(true);
    expect(codes(below)).not.toContain('RENT_ABOVE_MAXIMUM');
  });

  it('PSLA price exactly at the ceiling: no warning, the check passes; one cent above: both say it', () => {
    const d = reproducer('PRICE_ABOVE_CEILING');
    const ceiling = evalText(stringify(d)).sales!.lots.find((l) => l.ceilingHtPerM2Su)!.ceilingHtPerM2Su!;
    d.lots[1].sale = { price_eur_per_m2_su_ht: ceiling.toNumber() };
    const at = evalText(stringify(d));
    const s = at.sales!.lots.find((l) => l.ceilingHtPerM2Su)!;
    expect(s.priceHtPerM2Su.eq(ceiling)).toBe(true);
    expect(s.priceWithinCeiling).toBe(true);
    expect(resultOf(at, 'SALE_PRICE_WITHIN_CEILING', 'psla').passed).toBe(true);
    expect(codes(at)).not.toContain('PRICE_ABOVE_CEILING');
    expectAgreement(at);
    d.lots[1].sale = { price_eur_per_m2_su_ht: ceiling.plus('0.01').toNumber() };
    const above = evalText(stringify(d));
    expect(resultOf(above, 'SALE_PRICE_WITHIN_CEILING', 'psla').passed).toBe(false);
    expect(codes(above)).toContain('PRICE_ABOVE_CEILING');
    expectAgreement(above);
  });

  it('annexes bringing SU × maximum rent to exactly 118 % of CS × ceiling × SHAB: within the rule; 1 m² more: both say it', () => {
    // SU = SHAB + annexes / 2, so annexes of 36 % of the SHAB give SU = 1.18 × SHAB (no local margin)
    const d = reproducer('ANNEXES_RULE');
    d.lots[0].annexes_m2 = 234; // 650 m² SHAB × 0.36
    const at = evalText(stringify(d));
    const a = at.rental!.lots[0]!.rent.annexes!;
    expect(at.model.lots[0]!.suM2.toNumber()).toBe(767); // = 1.18 × 650
    expect(a.limitPct.toNumber()).toBe(118);
    expect(a.withinLimit).toBe(true);
    expect(resultOf(at, 'ANNEXES_RULE', 'plus').passed).toBe(true);
    expect(codes(at)).not.toContain('ANNEXES_RULE');
    expectAgreement(at);
    d.lots[0].annexes_m2 = 235;
    const above = evalText(stringify(d));
    expect(resultOf(above, 'ANNEXES_RULE', 'plus').passed).toBe(false);
    expect(codes(above)).toContain('ANNEXES_RULE');
    expectAgreement(above);
  });

  it('ANNEXES_RULE: the check states the limit the rule applied, a `parameters:` override included (it said 118 % whatever the limit)', () => {
    const d = reproducer('ANNEXES_RULE');
    d.parameters = { 'rent.annexes_rule.without_lift_pct': 110 };
    const ev = evalText(stringify(d));
    const r = resultOf(ev, 'ANNEXES_RULE', 'plus');
    expect(r.passed).toBe(false);
    expect(r.expected).toBe('≤ 110 %');
    expect(ev.diagnostics.find((x) => x.code === 'ANNEXES_RULE')!.args.limit_pct).toBe(110);
    // 650 m² SHAB, 300 m² annexes: SU 800 m², SU / SHAB = 123.1 % (no local margin), above 110 % and within 125 %
    expect(r.actual).toBe('123.1 %');
    d.parameters = { 'rent.annexes_rule.without_lift_pct': 125 };
    const within = evalText(stringify(d));
    expect(resultOf(within, 'ANNEXES_RULE', 'plus')).toMatchObject({ passed: true, expected: '≤ 125 %', actual: 'respectée' });
    expect(codes(within)).not.toContain('ANNEXES_RULE');
  });

  it('the sale margin exactly at its target: no warning, the check passes', () => {
    // a PSLA price derived from the target margin meets it by construction; given back as the file's price (HT/m² SHAB,
    // rounded to the cent) the margin is a hair off the target either way: warning and check still agree.
    const d = reproducer('SALE_MARGIN_BELOW_TARGET');
    for (const l of d.lots) delete l.sale;
    const derived = evalText(stringify(d));
    for (const s of derived.sales!.lots) {
      expect(s.priceOrigin).toBe('target_margin');
      expect(s.meetsTarget).toBe(true);
    }
    expect(codes(derived)).not.toContain('SALE_MARGIN_BELOW_TARGET');
    expectAgreement(derived);
    const i = derived.sales!.lots[0]!.lotIndex;
    for (const dir of [0, 1] as const) {
      d.lots[i].sale = { price_eur_per_m2_shab_ht: derived.sales!.lots[0]!.priceHtPerM2Shab.toDecimalPlaces(2, dir).toNumber() };
      const given = evalText(stringify(d));
      expect(codes(given).includes('SALE_MARGIN_BELOW_TARGET')).toBe(!given.sales!.lots[0]!.meetsTarget);
      expectAgreement(given);
    }
  });
});
