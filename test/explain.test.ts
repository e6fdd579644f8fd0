/**
 * `equilibre explain FILE METRIC` (issue 13 §1). The trees are walked for every metric of every
 * fixture and of the example, in-process: each node's value is recomputed from its children by an
 * evaluator that does not use the engine (test/explain-check.ts, the meaning of each `op` in
 * docs/json.md), to the published precision; every leaf says where it comes from. A few runs of
 * the built binary check the command itself (exit codes, formats, languages).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { synthesisOf } from '../src/report/synthesis';
import { explainerFor } from '../src/explain/index';
import type { ExplainNode } from '../src/explain/tree';
import { applyLever, evalInput } from '../src/engine/sensitivity';
import { leaves, mismatches } from './explain-check';
import { ROOT, runBin, runCli } from './helpers/cli';

const FILES = [...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`), 'examples/exemple.yaml'];

interface Walked { file: string; metric: string; tree: ExplainNode; value: unknown }
const walked: Walked[] = [];

beforeAll(() => {
  for (const file of FILES) {
    const r = runText(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
    expect(r.evaluated, file).toBe(true);
    const ev = r.evaluation!;
    synthesisOf(ev); // the sensitivity metrics of `report --format json`
    const x = explainerFor(ev, r.load.source);
    for (const [metric, def] of ev.metrics) walked.push({ file, metric, tree: x.metric(metric)!, value: def.value });
  }
}, 60_000);

describe('every metric of every fixture', () => {
  it('has a tree whose root is the metric', () => {
    expect(walked.length).toBeGreaterThan(500);
    for (const w of walked) {
      expect(w.tree, `${w.file} ${w.metric}`).toBeDefined();
      expect(w.tree.id).toBe(w.metric);
      expect(String(w.tree.value)).toBe(String(w.value));
    }
  });

  it("recomputes to the published precision from its children, node by node (an evaluator independent of the engine)", () => {
    const bad = walked.flatMap((w) => mismatches(w.tree).map((m) => `${w.file} ${w.metric}: ${m.id} (${m.op}) ${m.expected} ≠ ${m.got}`));
    expect(bad.slice(0, 10)).toEqual([]);
  }, 30_000);

  it('has every leaf traced: a line of the file, a parameter, a default, or a constant of a rule: no figure left computed', () => {
    const bad: string[] = [];
    const kinds = new Map<string, number>();
    for (const w of walked) {
      for (const l of leaves(w.tree)) {
        const k = l.origin?.kind ?? 'none';
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
        if (k === 'none' || k === 'computed') bad.push(`${w.file} ${w.metric}: ${l.id} (${l.concept})`);
        if (l.origin?.kind === 'input') expect(l.origin.line, `${w.file} ${l.id}`).toBeGreaterThan(0);
        if (l.origin?.kind === 'constant' && l.value !== null) expect(l.rule ?? l.unit, l.id).toBeTruthy();
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    // the bulk of the leaves are the file's values, parameters and defaults
    const traced = (kinds.get('input') ?? 0) + (kinds.get('parameter') ?? 0) + (kinds.get('default') ?? 0);
    expect(traced).toBeGreaterThan(0);
    expect(kinds.has('computed')).toBe(false);
  });
});

describe('hand-checked trees of the example', () => {
  const tree = (metric: string) => walked.find((w) => w.file === 'examples/exemple.yaml' && w.metric === metric)!.tree;

  it('lots.plus.su_m2 = SHAB 780 + annexes 60 ÷ 2 = 810 m² (CCH R.331-10), each operand at its line of the file', () => {
    const su = tree('lots.plus.su_m2');
    expect(su.op).toBe('sum');
    expect(su.rule).toBe('CCH R.331-10');
    const shab = su.children[0]!;
    // examples/exemple.yaml: line 42 is `    shab_m2: 780` (key at column 5), line 43 `    annexes_m2: 60`
    expect(shab.origin).toEqual({ kind: 'input', path: ['lots', 0, 'shab_m2'], line: 42, col: 5 });
    expect(String(shab.value)).toBe('780');
    const half = su.children[1]!;
    expect(half.children[0]!.origin).toEqual({ kind: 'input', path: ['lots', 0, 'annexes_m2'], line: 43, col: 5 });
    expect(String(su.value)).toBe('810');
  });

  it('the land line is 250 €/m² SP × SP, SP = (1 720 m² SHAB + 45 m² common) ÷ 0.85 (rounded to the cent)', () => {
    const land = tree('cost_price.land_ht_eur').children.find((c) => c.id === 'cost_price.lines.land')!;
    expect(land.op).toBe('round_cents');
    const exact = land.children[0]!;
    const [price, sp] = exact.children;
    expect(String(price!.value)).toBe('250');
    expect(price!.origin).toMatchObject({ kind: 'input', line: 16 });
    // (780 + 240 + 700 + 45) / 0.85 = 2 076.470588… m²; × 250 = 519 117.65 €
    expect(Number(sp!.value)).toBeCloseTo(1765 / 0.85, 9);
    expect(String(land.value)).toBe('519117.65');
  });

  it('the break-even rent is rent − cumulative ÷ A at its binding year, and re-evaluated at the answer the lowest cumulative is 0', () => {
    const be = tree('rental.plus.break_even_rent_eur_per_m2_su_month');
    expect(be.search?.solves).toBe('rental.plus.min_cumulative_cash_flow_eur');
    expect(be.search?.status).toBe('found');
    // rent 4 decimals: the lowest cumulative at the answer is 0 within what a 1/10 000 € of rent moves (a few euros)
    expect(Math.abs(Number(be.search!.check!.value))).toBeLessThan(5);
    expect(be.op).toBe('diff');
    // its first operand is the lot's rent: the maximum rent = ceiling × CS, a parameter of the vintage
    const rent = be.children[0]!;
    const max = rent.children[0]!;
    expect(max.children[0]!.origin).toMatchObject({ kind: 'parameter', key: 'rent_ceiling.plus.2' });
  });

  it('the break-even construction inflation is checked at its answer: balanced there, not 0.01 % above (re-evaluated here)', () => {
    const t = tree('sensitivity.max_construction_inflation_pct');
    expect(t.search?.bounds).toEqual([-50, 100]);
    expect(Number(t.search!.check!.value)).toBeGreaterThanOrEqual(0);
    const r = runText('examples/exemple.yaml', fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8'));
    const above = evalInput(applyLever(r.model!.input, r.evaluation!, 'construction', Number(t.value) + 0.01)!, 'x')!;
    expect(above.operation.balanceEur.isNegative()).toBe(true);
  });

  it('operation.balance_eur is the PSLA margin less what the rental account lacks at its lowest point', () => {
    const b = tree('operation.balance_eur');
    expect(b.op).toBe('sum');
    const ids = b.children.map((c) => c.concept);
    expect(ids).toContain('sale_margin');
    expect(ids).toContain('rental_need');
  });
});

describe('derivations that used to stop at a computed figure', () => {
  const find = (t: ExplainNode, id: string, seen = new Set<ExplainNode>()): ExplainNode | undefined => {
    if (t.id === id) return t;
    if (seen.has(t)) return undefined;
    seen.add(t);
    for (const c of t.children) { const f = find(c, id, seen); if (f) return f; }
    return undefined;
  };
  const all = (file: string) => walked.filter((w) => w.file === file).map((w) => w.tree);
  const first = (file: string, id: string) => all(file).map((t) => find(t, id)).find(Boolean)!;

  it("terra-arte SCIAPP: share purchases of year 1 = rents × (1 − 2 % − 0.6 %) × 25 % (premium at its line, vacancy and bad debts defaults)", () => {
    const share = first('fixtures/terra-arte.yaml', 'rental.sciapp.rows.1.share_income');
    expect(share.op).toBe('product');
    const [rent, keep, premium] = share.children;
    // fixtures/terra-arte.yaml line 87: `      premium_pct: 25` (key at column 7)
    expect(premium!.origin).toMatchObject({ kind: 'input', line: 87, col: 7 });
    expect(String(keep!.value)).toBe('0.974');
    expect(Number(share.value)).toBeCloseTo(Number(rent!.value) * 0.974 * 0.25, 6);
  });

  it('terra-arte SCIAPP: A(26) = the 25 years of share purchases (× (1 − contributions + 25 %)) + year 26 without them (default term 25 years)', () => {
    const r = runText('fixtures/terra-arte.yaml', fs.readFileSync(path.join(ROOT, 'fixtures/terra-arte.yaml'), 'utf8'));
    const a = explainerFor(r.evaluation!, r.load.source).rentCoef('sciapp', 26);
    expect(a.op).toBe('sum');
    expect(mismatches(a)).toEqual([]);
    expect(a.children.map((c) => c.id)).toEqual(['rental.sciapp.rent_coef.1_25', 'rental.sciapp.rent_coef.26_26']);
  });

  it('village-vertical coop: the redevance is −cum₀(y*) ÷ A(y*) rounded UP to 1/10 000 € (within 1/10 000 above the exact figure)', () => {
    const up = first('fixtures/village-vertical.yaml', 'rental.coop.break_even_rounded_up');
    expect(up.op).toBe('round_up_4dp');
    const exact = Number(up.children[0]!.value), v = Number(up.value);
    expect(v).toBeGreaterThanOrEqual(exact);
    expect(v - exact).toBeLessThan(1e-4);
    expect(Math.round(v * 1e4)).toBe(v * 1e4);
    // its children do not read the redevance itself: the cumulative is at zero rent
    expect(JSON.stringify(up.children[0]).includes('"rental.coop.rent_eur_per_m2_su_month"')).toBe(false);
  });
});

describe('a regulatory SU other than the social one, derived (files made for the test from the example)', () => {
  const example = fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8');
  const treeOf = (text: string, metric: string) => {
    const r = runText('x.yaml', text);
    expect(r.evaluated).toBe(true);
    const x = explainerFor(r.evaluation!, r.load.source);
    return { x, lots: r.evaluation!.model.lots, t: x.metric(metric)! };
  };

  it('accession SU of the PSLA lot with 80 m² of garages: 700 + 80 ÷ 2 + min(80 ÷ 2, 10 × 6) = 780 m² (arrêté du 9 mai 1995)', () => {
    const text = example.replace('    annexes_m2: 80\n', '    annexes_m2: 80\n    garage_m2: 80\n');
    const { x, lots } = treeOf(text, 'operation.balance_eur');
    const su = x.lotSuRegulatory(lots[2]!);
    expect(String(su.value)).toBe('780');
    expect(su.rule).toBe('arrêté du 9 mai 1995');
    expect(mismatches(su)).toEqual([]);
    expect(leaves(su).every((l) => l.origin && l.origin.kind !== 'computed')).toBe(true);
  });

  it('fiscal SU of an LLI lot with 60 m² of annexes for 2 dwellings: 780 + min(30, 2 × 8) = 796 m² (CGI ann. III art. 2 terdecies D), every tree of the file traced', () => {
    const text = example.replace('    tenure: PLUS\n    dwellings: 12\n', '    tenure: LLI\n    dwellings: 2\n');
    const r = runText('x.yaml', text);
    expect(r.evaluated).toBe(true);
    const x = explainerFor(r.evaluation!, r.load.source);
    const su = x.lotSuRegulatory(r.evaluation!.model.lots[0]!);
    expect(String(su.value)).toBe('796');
    expect(mismatches(su)).toEqual([]);
    for (const [metric] of r.evaluation!.metrics) {
      const t = x.metric(metric)!;
      expect(mismatches(t), metric).toEqual([]);
      expect(leaves(t).filter((l) => !l.origin || l.origin.kind === 'computed').map((l) => l.id), metric).toEqual([]);
    }
  });
});

describe('a « % of works » line limited to some lots, derived', () => {
  it('2 % of the PSLA works: (1 850 × 700 + 83 250 × 740 ÷ 1 800 of the common room) × 2 % = 26 584,50 €, every tree of the file traced', () => {
    const example = fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8');
    const text = example.replace('      amount_eur: 25000\n', '      amount_eur: 25000\n    - label: Contrôle PSLA\n      chapter: fees\n      pct_of_works: 2\n      lots: [psla]\n');
    expect(text).not.toBe(example);
    const r = runText('x.yaml', text);
    expect(r.evaluated).toBe(true);
    const x = explainerFor(r.evaluation!, r.load.source);
    const line = x.costLine(r.evaluation!.cost.lines.find((l) => l.id === 'other_1')!);
    expect(String(line.value)).toBe('26584.5');
    expect(line.children[0]!.children[0]!.concept).toBe('scoped_works_base');
    expect(String(line.children[0]!.children[0]!.value)).toBe('1329225');
    for (const [metric] of r.evaluation!.metrics) {
      const t = x.metric(metric)!;
      expect(mismatches(t), metric).toEqual([]);
      expect(leaves(t).filter((l) => !l.origin || l.origin.kind === 'computed').map((l) => l.id), metric).toEqual([]);
    }
  });
});

describe('the command', () => {
  it('prints the tree in one screen by default, with its rule and its search', async () => {
    const r = await runCli(['explain', 'examples/exemple.yaml', 'rental.break_even_rent_eur_per_m2_su_month', '--width', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('circ. 97-51 annexe IV');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('contrôle réévalué: rental.min_cumulative_cash_flow_eur = 0,00 €');
    expect(r.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(40);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('points each value of the file at its line: `exemple.yaml:42:5 lots[0].shab_m2 = 780`', async () => {
    const r = await runCli(['explain', 'examples/exemple.yaml', 'lots.plus.su_m2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('examples/exemple.yaml:42:5 lots[0].shab_m2 = 780');
    expect(r.stdout).toContain('SU du lot plus');
  });

  it('says a value set with --set comes from the option', async () => {
    const r = await runCli(['explain', 'examples/exemple.yaml', 'lots.plus.su_m2', '--set', 'lots[0].shab_m2=800']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--set lots[0].shab_m2=800');
    expect(r.stdout).toContain('830'); // 800 + 60 ÷ 2
  });

  it('is English with --lang en', async () => {
    const r = await runCli(['explain', 'examples/exemple.yaml', 'cost_price.per_m2_shab_ttc_eur', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cost price incl. VAT');
    expect(r.stdout).not.toContain('prix de revient');
  });

  it('gives the tree as JSON (docs/json.md), its value the metric of `report --format json`', async () => {
    const r = await runCli(['explain', 'examples/exemple.yaml', 'operation.balance_eur', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { metric: string; tree: { value: number; op: string; children: unknown[] } };
    const rep = JSON.parse((await runCli(['report', 'examples/exemple.yaml', '--format', 'json'])).stdout) as { metrics: Record<string, number> };
    expect(j.metric).toBe('operation.balance_eur');
    expect(j.tree.value).toBe(rep.metrics['operation.balance_eur']);
    expect(j.tree.op).toBe('sum');
  });

  it('refuses a --depth that is not a whole number ≥ 1 (usage error, exit 2); `all` gives the whole tree', async () => {
    const bad = await runCli(['explain', 'examples/exemple.yaml', 'su_m2', '--depth', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    const all = await runCli(['explain', 'examples/exemple.yaml', 'su_m2', '--depth', 'all']);
    expect(all.code).toBe(0);
    // every lot's SHAB and annexes, down to the file's lines (3 lots: 6 values of the file)
    expect(all.stdout.match(/← examples\/exemple\.yaml:\d+:\d+ /g)?.length).toBe(6);
  });

  it('gives Markdown', async () => {
    const r = await runCli(['explain', 'examples/exemple.yaml', 'su_m2', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('# `su_m2 = 1 800 m²`')).toBe(true);
    expect(r.stdout).toContain('\n- ');
  });

  it('spawned: exit 0, and exit 2 « vouliez-vous dire » for an unknown metric', () => {
    const ok = runBin(['explain', 'examples/exemple.yaml', 'operation.balanced']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('operation.balanced = oui');
    const bad = runBin(['explain', 'examples/exemple.yaml', 'rental.break_even_rent']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('vouliez-vous dire « rental.break_even_rent_eur_per_m2_su_month »');
    expect(bad.stdout).toBe('');
    const en = runBin(['explain', 'examples/exemple.yaml', 'sale.psla.margin_pc', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('did you mean "sale.psla.margin_pct"');
  }, 30_000);
});
