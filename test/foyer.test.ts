/**
 * Logements-foyers and résidences sociales (issue 17, `lots[].foyer`): the redevance's
 * rent-equivalent part is the lot's rent, its ceiling takes the foyer structure coefficient
 * CS = 0.77 × (1 + 38 N / SU) (circulaire loyers annexe 6), the charges part is an income of the
 * account. Figures worked by hand on test/fixtures/foyer/residence-sociale.yaml: a PLAI résidence
 * sociale of 30 units, 600 m² SHAB (no annexes: SU = 600 m²), zone HLM 2, redevance 380 €/unit/month
 * of which 130 € charges.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runText } from '../src/pipeline';
import { BUILTIN_CHECKS } from '../src/checks/checks';
import { D } from '../src/domain/money';
import { take } from '../src/engine/model';
import type { Evaluation } from '../src/engine/evaluate';
import { rentalJson } from '../src/report/rental';

const ROOT = path.resolve(__dirname, '..');
const FILE = 'test/fixtures/foyer/residence-sociale.yaml';
const base = () => parse(fs.readFileSync(path.join(ROOT, FILE), 'utf8')) as Record<string, any>;
const run = (d: Record<string, any>) => runText('foyer.yaml', stringify(d));
const evalOf = (d: Record<string, any>): Evaluation => {
  const r = run(d);
  expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  expect(r.evaluated).toBe(true);
  return r.evaluation!;
};
const codes = (d: Record<string, any>) => run(d).diagnostics.map((x) => x.code);
const check = (ev: Evaluation, code: string) => BUILTIN_CHECKS.find((c) => c.code === code)!.run(ev);

describe('foyer: the redevance and its ceiling', () => {
  it('rent-equivalent = (380 − 130) × 30 / 600 = 12.50 €/m² SU/month; maximum = PLAI zone 2 ceiling × 0.77 × (1 + 38 × 30 / 600)', () => {
    const ev = evalOf(base());
    const r = ev.rental!.lots[0]!.rent;
    expect(r.rent.toFixed(10)).toBe('12.5000000000');
    expect(r.foyer!.redevancePerM2.toFixed(10)).toBe('19.0000000000'); // 380 × 30 / 600
    expect(r.foyer!.chargesPerM2.toFixed(10)).toBe('6.5000000000'); // 130 × 30 / 600
    // CS des foyers: 0.77 × (1 + 38 × 30 / 600) = 0.77 × 2.9 = 2.233 (with 20: 0.77 × 2 = 1.54)
    expect(r.structureCoefficient!.toString()).toBe('2.233');
    const ceiling = D(ev.model.params['rent_ceiling.plai.2']!.value as string);
    expect(ceiling.toString()).toBe('5.77');
    expect(r.maxRent!.toString()).toBe('12.88441'); // 5.77 × 2.233
    expect(r.rentWithinMaximum).toBe(true);
  });

  it('year 1: rent-equivalent 12 × 30 × 250 = 90 000 €, charges part 12 × 30 × 130 = 46 800 €, losses on both, contributions on the rent only', () => {
    const ev = evalOf(base());
    const lot = ev.rental!.lots[0]!;
    expect(lot.rent.year1RentEur.toFixed(2)).toBe('90000.00');
    expect(lot.rent.foyer!.chargesYear1Eur.toFixed(2)).toBe('46800.00');
    const y1 = lot.account.rows[0]!;
    expect(y1.rentEur.toFixed(2)).toBe('90000.00');
    expect(y1.redevanceChargesEur!.toFixed(2)).toBe('46800.00');
    const loss = take(ev.model, 'assumptions.vacancy_pct').plus(take(ev.model, 'assumptions.bad_debt_pct')).div(100);
    const contrib = take(ev.model, 'assumptions.cglls_pct').plus(take(ev.model, 'assumptions.ancols_pct')).div(100);
    expect(y1.lossesEur.toFixed(6)).toBe(D(136800).times(loss).toFixed(6));
    expect(y1.collectedEur.toFixed(6)).toBe(D(136800).times(D(1).minus(loss)).toFixed(6));
    expect(y1.contributionsEur.toFixed(6)).toBe(D(90000).times(D(1).minus(loss)).times(contrib).toFixed(6));
    // the cash flow of the year is what the account adds up to: collected − every charge
    expect(y1.cashFlowEur.toFixed(6)).toBe(y1.collectedEur.minus(y1.chargesEur).toFixed(6));
    // the charges part is indexed like the rents: the same ratio 46 800 / 90 000 every year
    for (const row of lot.account.rows.slice(1, 10)) expect(row.redevanceChargesEur!.div(row.rentEur).toFixed(12)).toBe(D(46800).div(90000).toFixed(12));
    // JSON: the lot's foyer and the account years' charges part
    const json = rentalJson(ev) as any;
    expect(json.lots[0].rent.foyer).toMatchObject({ kind: 'residence_sociale', redevance_eur_per_m2_su_month: 19, charges_eur_per_m2_su_month: 6.5, rent_equivalent_eur_per_m2_su_month: 12.5, year1_charges_eur: 46800 });
    expect(json.lots[0].account.years[0].redevance_charges_eur).toBe(46800);
  });

  it('per m² SU: 19 € of which 6.50 € charges is the same operation as 380 € of which 130 € per unit', () => {
    const a = evalOf(base());
    const d = base();
    d.lots[0].foyer.redevance = { eur_per_m2_su_month: 19, charges_eur_per_m2_su_month: 6.5 };
    const b = evalOf(d);
    expect(b.rental!.lots[0]!.account.cumulative.map((x) => x.toFixed(6))).toEqual(a.rental!.lots[0]!.account.cumulative.map((x) => x.toFixed(6)));
  });

  it('REDEVANCE_WITHIN_MAXIMUM passes at 12.50 ≤ 12.88 and fails at (420 − 130) × 30 / 600 = 14.50 > 12.88, with its warning; RENT_WITHIN_MAXIMUM leaves the foyer out', () => {
    const ok = evalOf(base());
    expect(check(ok, 'REDEVANCE_WITHIN_MAXIMUM').map((r) => r.passed)).toEqual([true]);
    expect(check(ok, 'RENT_WITHIN_MAXIMUM')).toEqual([]);
    expect(ok.diagnostics.map((x) => x.code)).not.toContain('REDEVANCE_ABOVE_MAXIMUM');
    const d = base();
    d.lots[0].foyer.redevance.eur_per_unit_month = 420;
    const above = evalOf(d);
    const [res] = check(above, 'REDEVANCE_WITHIN_MAXIMUM');
    expect(res!.passed).toBe(false);
    expect(D((res!.facts.actual as { value: string }).value).toString()).toBe('14.5');
    expect(res!.facts.expected).toMatchObject({ kind: 'compare', op: '≤' });
    expect(D((res!.facts.expected as { value: string }).value).toFixed(4)).toBe('12.8844');
    expect(above.diagnostics.map((x) => x.code)).toContain('REDEVANCE_ABOVE_MAXIMUM');
    expect(above.diagnostics.map((x) => x.code)).not.toContain('RENT_ABOVE_MAXIMUM');
  });

  it('a family PLUS lot beside the foyer keeps its own CS, 0.77 × (1 + 20 × 10 / 650), over its own dwellings', () => {
    const d = base();
    d.lots.push({ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 650 });
    const ev = evalOf(d);
    const [foyer, plus] = ev.rental!.lots;
    expect(foyer!.rent.structureCoefficient!.toString()).toBe('2.233');
    expect(plus!.rent.structureCoefficient!.toFixed(12)).toBe(D('0.77').times(D(1).plus(D(200).div(650))).toFixed(12));
    expect(plus!.rent.foyer).toBeUndefined();
  });

  it('the loyer d’équilibre of a foyer is a rent-equivalent: charged it (plus the charges part), the lowest cumulative is 0', () => {
    const ev = evalOf(base());
    const be = ev.rental!.lots[0]!.account.breakEvenRent!;
    expect(be.gt(0)).toBe(true);
    const d = base();
    d.lots[0].foyer.redevance = { eur_per_m2_su_month: Number(be.plus('6.5').toFixed(12)), charges_eur_per_m2_su_month: 6.5 };
    const at = evalOf(d).rental!.lots[0]!.account;
    expect(at.minCumulativeEur.abs().lt(D('0.01'))).toBe(true);
  });

  it('default CDC loans are the lot’s product « foyer »', () => {
    const ev = evalOf(base());
    expect(ev.financing.loans.map((l) => [l.product, l.foyer])).toEqual([['plai', true], ['plai', true]]);
  });
});

describe('foyer: errors', () => {
  it('FOYER_TENURE on an LLI lot; PLAI, PLUS and PLS accept it', () => {
    for (const t of ['PLAI', 'PLUS', 'PLS']) { const d = base(); d.lots[0].tenure = t; expect(codes(d)).not.toContain('FOYER_TENURE'); }
    const d = base();
    d.lots[0].tenure = 'LLI';
    expect(codes(d)).toContain('FOYER_TENURE');
  });

  it('FOYER_REDEVANCE: charges ≥ redevance (same form, and across forms on the SU), both forms, a rent besides it', () => {
    const with_ = (r: Record<string, number>, extra?: (d: Record<string, any>) => void) => { const d = base(); d.lots[0].foyer.redevance = r; extra?.(d); return codes(d); };
    expect(with_({ eur_per_unit_month: 380, charges_eur_per_unit_month: 380 })).toContain('FOYER_REDEVANCE');
    expect(with_({ eur_per_unit_month: 380, charges_eur_per_unit_month: 379.99 })).not.toContain('FOYER_REDEVANCE');
    // 19 €/m² SU × 600 / 30 = 380 € per unit
    expect(with_({ eur_per_unit_month: 380, charges_eur_per_m2_su_month: 19 })).toContain('FOYER_REDEVANCE');
    expect(with_({ eur_per_unit_month: 380, charges_eur_per_m2_su_month: 18.99 })).not.toContain('FOYER_REDEVANCE');
    expect(with_({ eur_per_m2_su_month: 19, charges_eur_per_unit_month: 380 })).toContain('FOYER_REDEVANCE');
    expect(with_({ eur_per_unit_month: 380, eur_per_m2_su_month: 19 })).toContain('FOYER_REDEVANCE');
    expect(with_({ charges_eur_per_unit_month: 100 })).toContain('MISSING_ONE_OF');
    expect(with_({ eur_per_unit_month: 380 }, (d) => { d.lots[0].rent = { rent_eur_per_m2_su_month: 10 }; })).toContain('FOYER_REDEVANCE');
  });
});

describe('foyer: explain', () => {
  // The explain test walks fixtures/; the foyer test fixture, in both forms and beside a family lot, here.
  it('every metric recomputes from its children and every leaf is traced (per unit, per m² SU, with a family lot)', async () => {
    const { synthesisOf } = await import('../src/report/synthesis');
    const { explainerFor } = await import('../src/explain/index');
    const { leaves, mismatches } = await import('./explain-check');
    const variants = [base(), base(), base()];
    variants[1]!.lots[0].foyer.redevance = { eur_per_m2_su_month: 19, charges_eur_per_unit_month: 130 };
    variants[2]!.lots.push({ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 650, rent: { annex_rent_eur_per_month: 40, annex_count: 5 } });
    let metrics = 0;
    for (const d of variants) {
      const r = run(d);
      const ev = r.evaluation!;
      synthesisOf(ev);
      const x = explainerFor(ev, r.load.source);
      const bad: string[] = [];
      for (const [metric, def] of ev.metrics) {
        const tree = x.metric(metric)!;
        expect(String(tree.value), metric).toBe(String(def.value));
        bad.push(...mismatches(tree).map((m) => `${metric}: ${m.id} (${m.op}) ${m.expected} ≠ ${m.got}`));
        for (const l of leaves(tree)) if (!l.origin || l.origin.kind === 'computed') bad.push(`${metric}: ${l.id} untraced`);
        metrics++;
      }
      expect(bad.slice(0, 10)).toEqual([]);
    }
    expect(metrics).toBeGreaterThan(50);
  }, 60_000);
});

describe('the synthesis says logements-foyers', () => {
  it.each([['fixtures/residence-sociale-vefa.yaml'], ['test/fixtures/foyer/residence-sociale.yaml']])('%s: « N logements-foyers », JSON foyer_units = the foyer lots’ dwellings of the file', async (rel) => {
    const { synthesisJson } = await import('../src/report/synthesis');
    const text = fs.readFileSync(path.join(__dirname, '..', rel), 'utf8');
    const doc = parse(text) as { lots: { dwellings: number; foyer?: unknown }[] };
    const units = doc.lots.filter((l) => l.foyer).reduce((n, l) => n + l.dwellings, 0);
    const all = doc.lots.reduce((n, l) => n + l.dwellings, 0);
    expect(units).toBe(all); // both files are foyers only
    const ev = runText(rel, text).evaluation!;
    const j = synthesisJson(ev) as { operation: { foyer_units?: number; dwellings: number } };
    expect(j.operation.foyer_units).toBe(units);
    const { synthesisSection } = await import('../src/report/synthesis');
    const sec = synthesisSection(ev, 'fr') as { blocks: { kind: string; lines?: string[] }[] };
    const first = sec.blocks.flatMap((b) => b.lines ?? [])[0]!;
    expect(first).toMatch(new RegExp(`^Opération : ${units} logements-foyers \\(`));
  });
  it('a file without foyers: no foyer_units, « logements »', () => {
    const rel = 'examples/exemple.yaml';
    const ev = runText(rel, fs.readFileSync(path.join(__dirname, '..', rel), 'utf8')).evaluation!;
    return import('../src/report/synthesis').then(({ synthesisJson }) => {
      expect((synthesisJson(ev) as { operation: Record<string, unknown> }).operation.foyer_units).toBeUndefined();
    });
  });
});
