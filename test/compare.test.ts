/**
 * `equilibre compare`: scenarios side by side, in separate files or as `variants:` of one file.
 * The variants of fixtures/roubaix-esperance-variants.yaml must give, to the cent, what the three
 * separate Roubaix files give; ranking, differences to the first scenario, the JSON structure and
 * the errors (VARIANT_INVALID, UNKNOWN_METRIC) are checked on small files written here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runText } from '../src/pipeline';
import { D } from '../src/domain/money';
import { fmtEur } from '../src/report/format';
import { bearableLand, evalInput, rentalGap } from '../src/engine/sensitivity';
import { DEFAULT_ROWS } from '../src/report/compare';
import { ROOT, runCli, type CliResult } from './helpers/cli';

// exact evaluations in loops: generous against a loaded machine (each test takes well under 5 s alone)
vi.setConfig({ testTimeout: 30_000 });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON documents are walked freely in assertions
type Json = Record<string, any>;
const json = (s: string) => JSON.parse(s) as Json;
const STACK = /\n\s+at .+\(.*:\d+:\d+\)/;
const noCrash = (s: string) => {
  expect(s).not.toMatch(STACK);
  for (const w of ['TypeError', 'RangeError', 'ReferenceError', 'erreur interne']) expect(s).not.toContain(w);
};

const VARIANTS = 'fixtures/roubaix-esperance-variants.yaml';
const BASE = 'fixtures/roubaix-esperance.yaml';
const PLUS30 = 'fixtures/roubaix-esperance-plus-30.yaml';
const PLUSPLS = 'fixtures/roubaix-esperance-plus-pls.yaml';
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** Compared to the cent (the brief's contract), on top of every default row being equal. */
const TO_THE_CENT = ['cost_price.total_ttc_eur', 'operation.balance_eur', 'rental.min_cumulative_cash_flow_eur'];

let fromVariants: Json, fromFiles: Json, variantsText: CliResult;

beforeAll(async () => {
  const [a, b, c] = await Promise.all([
    runCli(['compare', VARIANTS, '--format', 'json']),
    // the files in the order of the variants: base, +30 %, more PLS
    runCli(['compare', BASE, PLUS30, PLUSPLS, '--format', 'json']),
    // wide enough for the three scenarios side by side (narrower, the columns are split in groups)
    runCli(['compare', VARIANTS, '--width', '300']),
  ]);
  for (const r of [a, b, c]) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  fromVariants = json(a.stdout);
  fromFiles = json(b.stdout);
  variantsText = c;
}, 60_000);

describe('fixtures/roubaix-esperance-variants.yaml', () => {
  it('above `variants:` it is roubaix-esperance.yaml, comments included (header notes aside)', () => {
    const strip = (t: string) => t.split('\n').filter((l) => !l.startsWith('# ')).join('\n');
    const v = read(VARIANTS);
    const above = v.slice(0, v.indexOf('\n# Variants for'));
    expect(strip(above).trimEnd()).toBe(strip(read(BASE)).trimEnd());
    // every comment of the base is kept
    for (const line of read(BASE).split('\n')) expect(v).toContain(line);
  });

  it('report and check ignore the variants: the same evaluation as roubaix-esperance.yaml', () => {
    const a = runText(VARIANTS, read(VARIANTS)), b = runText(BASE, read(BASE));
    expect(a.evaluated).toBe(true);
    for (const [k, m] of b.evaluation!.metrics) expect(String(a.evaluation!.metrics.get(k)?.value), k).toBe(String(m.value));
    expect(a.load.input!.variants!.map((x) => x.name)).toEqual(['+30 % coûts', 'plus de PLS, moins de PSLA']);
  });

  it('three scenarios: the base, then each variant named after it', () => {
    expect(fromVariants.scenarios.map((s: Json) => [s.variant, s.file])).toEqual([[null, VARIANTS], ['+30 % coûts', VARIANTS], ['plus de PLS, moins de PSLA', VARIANTS]]);
    expect(fromVariants.scenarios.map((s: Json) => s.name)).toEqual([
      'Quartier Espérance (base)', 'Quartier Espérance (base) — +30 % coûts', 'Quartier Espérance (base) — plus de PLS, moins de PSLA',
    ]);
  });

  it('each variant gives the same metrics as its separate file, to the cent, and the same goal seeks', () => {
    expect(fromFiles.scenarios.map((s: Json) => s.file)).toEqual([BASE, PLUS30, PLUSPLS]);
    for (let i = 0; i < 3; i++) {
      const v = fromVariants.scenarios[i], f = fromFiles.scenarios[i];
      for (const m of TO_THE_CENT) {
        expect(typeof v.metrics[m], `${m} is a number`).toBe('number');
        expect(Math.round(v.metrics[m] * 100), `${v.name}: ${m}`).toBe(Math.round(f.metrics[m] * 100));
      }
      for (const [m] of DEFAULT_ROWS) expect(v.metrics[m], `${v.name}: ${m}`).toEqual(f.metrics[m]);
      expect(v.goal_seek, v.name).toEqual(f.goal_seek);
      expect(v.rank).toBe(f.rank);
    }
  });

  it('the exact evaluation of each file equals the variant to the cent (not only the rounded JSON)', () => {
    // the variant's data is rebuilt here the way compare does it: the base data with `set` applied
    const files = [PLUS30, PLUSPLS].map((f) => runText(f, read(f)).evaluation!);
    for (const [i, ev] of files.entries()) {
      const v = fromVariants.scenarios[i + 1];
      for (const m of TO_THE_CENT) {
        const exact = ev.metrics.get(m)!.value as ReturnType<typeof D>;
        expect(Math.abs(exact.toNumber() - v.metrics[m]), `${v.name}: ${m}`).toBeLessThanOrEqual(0.005);
      }
    }
  });
});

describe('ranking and differences', () => {
  it('--format json: structure', () => {
    const j = fromVariants;
    expect(j).toMatchObject({ schema_version: expect.any(String), tool: { name: 'equilibre' }, rank_metric: 'operation.balance_eur' });
    expect(j.scenarios).toHaveLength(3);
    for (const s of j.scenarios) {
      expect(Object.keys(s).sort()).toEqual(['difference_to_first', 'file', 'goal_seek', 'metrics', 'name', 'parameters', 'rank', 'variant']);
      expect(Object.keys(s.metrics)).toEqual(DEFAULT_ROWS.map(([m]) => m));
      expect(Object.keys(s.difference_to_first)).toEqual(DEFAULT_ROWS.map(([m]) => m));
      expect(Object.keys(s.goal_seek).sort()).toEqual(['bearable_land_eur', 'rental_extra_subsidy_or_equity_eur']);
    }
    expect(j.scenarios.map((s: Json) => s.rank).sort()).toEqual([1, 2, 3]);
  });

  it('the ranking follows --rank (descending, ties in file order)', async () => {
    const byBalance = fromVariants.scenarios.map((s: Json) => [s.metrics['operation.balance_eur'], s.rank]);
    const sorted = [...byBalance].sort((a, b) => b[0] - a[0]);
    expect(sorted.map((x) => x[1])).toEqual([1, 2, 3]);
    // base 88 051 € > more PLS 14 798 € > +30 % −584 590 €
    expect(fromVariants.scenarios.map((s: Json) => s.rank)).toEqual([1, 3, 2]);

    const cost = json((await runCli(['compare', VARIANTS, '--format', 'json', '--no-goal-seek', '--rank', 'cost_price.total_ttc_eur'])).stdout);
    expect(cost.rank_metric).toBe('cost_price.total_ttc_eur');
    expect(cost.scenarios.map((s: Json) => s.rank)).toEqual([3, 1, 2]); // +30 % costs most
    const rent = json((await runCli(['compare', VARIANTS, '--format', 'json', '--no-goal-seek', '--rank', 'rental.min_cumulative_cash_flow_eur'])).stdout);
    expect(rent.scenarios.map((s: Json) => s.rank)).toEqual([2, 3, 1]);

    // the text table: the reference first, then the others in rank order
    const t = await runCli(['compare', VARIANTS, '--no-goal-seek', '--rank', 'cost_price.total_ttc_eur', '--width', '300']);
    const header = t.stdout.split('\n').find((l) => l.includes('Indicateur'))!;
    expect(header.indexOf('(base)')).toBeLessThan(header.indexOf('+30 %'));
    const rankRow = t.stdout.split('\n').find((l) => l.includes('Rang (cost_price.total_ttc_eur)'))!;
    expect(rankRow.split('│').map((c) => c.trim()).filter(Boolean).slice(1)).toEqual(['3', '1', '2']);
  });

  it('differences are relative to the first scenario (JSON, and in brackets in the table)', () => {
    const [first, ...rest] = fromVariants.scenarios as Json[];
    for (const [m] of DEFAULT_ROWS) {
      const d = first!.difference_to_first[m];
      if (d !== null) expect(d, m).toBe(0);
    }
    for (const s of rest) {
      // difference_to_first is taken on the exact values (4 decimals), the metrics are rounded to the cent
      for (const m of TO_THE_CENT) expect(Math.abs(s.difference_to_first[m] - (s.metrics[m] - first!.metrics[m])), `${s.name}: ${m}`).toBeLessThanOrEqual(0.01);
    }
    const costRow = variantsText.stdout.split('\n').find((l) => l.startsWith('│ Prix de revient TTC  '))!;
    const plus30 = fromVariants.scenarios[1];
    const diff = D(plus30.metrics['cost_price.total_ttc_eur']).minus(D(first!.metrics['cost_price.total_ttc_eur']));
    expect(costRow).toContain(`(+${fmtEur(diff, 'fr')})`);
    expect(variantsText.stdout).toContain("l'écart avec « Quartier Espérance (base) »");
    // the reference column has no bracket
    expect(costRow.split('│')[2]!.trim()).toBe(fmtEur(D(first!.metrics['cost_price.total_ttc_eur']), 'fr'));
  });
});

describe('errors', () => {
  const base = {
    format: 'equilibre/v1',
    operation: { name: 'T', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026 },
    land: { price_eur: 100000 },
    construction: { cost_eur_per_m2_shab: 1500 },
    lots: [{ id: 'plus', tenure: 'PLUS', dwellings: 10, shab_m2: 700 }],
  };
  const withVariants = (variants: unknown[]) => stringify({ ...base, variants });
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  for (const [what, set, key, detail] of [
    ['an unknown path', { 'construction.cost_per_m2': 1600 }, 'construction.cost_per_m2', 'cost_per_m2'],
    ['a wrong type', { 'lots[0].dwellings': 'beaucoup' }, 'lots[0].dwellings', 'lots[0].dwellings'],
    ['an unknown lot in a scope', { 'financing.equity': [{ pct_of_cost: 10, lots: ['nope'] }] }, 'financing.equity', 'UNKNOWN_LOT'],
  ] as const) {
    it(`a variant with ${what} → exit 2, VARIANT_INVALID at the variant's line`, async () => {
      const text = withVariants([{ name: 'bonne', set: { 'construction.cost_eur_per_m2_shab': 1600 } }, { name: 'fautive', set }]);
      const r = await runCli(['compare', 'v.yaml'], { files: { 'v.yaml': text } });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      // the diagnostic points inside the faulty variant: from its `name:` line to the faulty key
      const from = lineOf(text, 'name: fautive'), to = lineOf(text, key);
      expect(to).toBeGreaterThan(from);
      const m = /VARIANT_INVALID\]: v\.yaml:(\d+):\d+: variants\[1\]/.exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(from);
      expect(Number(m![1])).toBeLessThanOrEqual(to);
      // with the source line shown under it
      expect(r.stderr).toContain(`${m![1]} | ${text.split('\n')[Number(m![1]) - 1]}`);
      expect(r.stderr).toContain('« fautive »');
      expect(r.stderr).toContain(detail);
      expect(r.stderr).not.toContain('« bonne »');
      noCrash(r.stderr);
    });
  }

  it('a variant with two bad values reports both, each at its own key of `set:`, in the file\'s order', async () => {
    const text = withVariants([
      { name: 'bonne', set: { 'construction.cost_eur_per_m2_shab': 1600 } },
      { name: 'fautive', set: { 'lots[0].dwellings': 'beaucoup', 'construction.cost_eur_per_m2_shab': -5 } },
    ]);
    const r = await runCli(['compare', 'v.yaml', '--no-goal-seek'], { files: { 'v.yaml': text } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const heads = [...r.stderr.matchAll(/VARIANT_INVALID\]: v\.yaml:(\d+):(\d+): variants\[1\]/g)];
    expect(heads.map((m) => Number(m[1])), r.stderr).toEqual([lineOf(text, "lots[0].dwellings"), lineOf(text, 'construction.cost_eur_per_m2_shab: -5')]);
    // the column is the key's (its indentation + 1), under which the caret stands
    for (const m of heads) expect(Number(m[2])).toBe(text.split('\n')[Number(m[1]) - 1]!.search(/\S/) + 1);
    // each says its own problem, in the problem's words
    expect(r.stderr).toContain('lots[0].dwellings — [WRONG_TYPE]');
    expect(r.stderr).toContain('construction.cost_eur_per_m2_shab — [VALUE_OUT_OF_RANGE]');
    noCrash(r.stderr);
  });

  it('an unknown --rank metric → exit 2, UNKNOWN_METRIC with a suggestion', async () => {
    const r = await runCli(['compare', VARIANTS, '--rank', 'operation.balance_euro', '--no-goal-seek']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('UNKNOWN_METRIC');
    expect(r.stderr).toContain('« operation.balance_euro »');
    expect(r.stderr).toContain('vouliez-vous dire « operation.balance_eur »');
    noCrash(r.stderr);
    const m = await runCli(['compare', VARIANTS, '--metrics', 'cost_price.total_ttc,operation.balance_eur', '--no-goal-seek']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('UNKNOWN_METRIC');
    expect(m.stderr).toContain('vouliez-vous dire « cost_price.total_ttc_eur »');
  });
});

describe('the Roubaix story', () => {
  it('the base balances, the +30 % variant does not; the comparison says what closes the gap and the land it can bear', () => {
    const [b, p30, pls] = fromVariants.scenarios as Json[];
    expect(b!.metrics['operation.balanced']).toBe(true);
    expect(p30!.metrics['operation.balanced']).toBe(false);
    expect(pls!.metrics['operation.balanced']).toBe(true);
    expect(p30!.metrics['operation.balance_eur']).toBeLessThan(0);

    // the goal seeks of +30 %, recomputed from the separate file by the engine
    const ev = runText(PLUS30, read(PLUS30)).evaluation!;
    const gap = rentalGap(ev.model.input, ev, PLUS30)!;
    const land = bearableLand(ev.model.input, ev, PLUS30);
    const rows = variantsText.stdout.split('\n');
    const cells = (label: string) => rows.find((l) => l.startsWith(`│ ${label}`))!.split('│').map((c) => c.trim()).filter(Boolean);
    // columns: label, base, then by balance: more PLS, +30 %
    const head = cells('Indicateur');
    expect(head[3]).toContain('+30 %');
    const gapCell = cells('Subvention ou fonds propres pour le test locatif')[3]!;
    const landCell = cells('Charge foncière supportable')[3]!;
    if (gap.kind === 'found') {
      expect(gapCell).toBe(fmtEur(D(gap.value), 'fr'));
      expect(p30!.goal_seek.rental_extra_subsidy_or_equity_eur).toBe(gap.value);
    } else expect(gapCell).toBe('inatteignable');
    if (land.kind === 'found') expect(landCell).toBe(fmtEur(D(land.value), 'fr'));
    else expect(landCell).toBe(land.kind === 'beyond' ? 'sans limite' : 'inatteignable');
    // what the figures are today (the story of the seed): the +30 % rental account needs ≈ 321 k€,
    // and even free land does not restore the operation's balance
    expect(gap.kind).toBe('found');
    expect(land.kind).toBe('unreachable');
    // by their definitions: with that much more subsidy the +30 % rental account holds, and even
    // with the land given away the +30 % operation does not balance
    if (gap.kind === 'found') expect(gap.exact.rental!.total.balanced).toBe(true);
    const free = structuredClone(ev.model.input);
    delete free.land.price_eur_per_m2_sp; delete free.land.price_eur_per_m2_shab;
    free.land.price_eur = 0;
    expect(evalInput(free, PLUS30)!.operation.balanced).toBe(false);
    expect(cells('Opération après péréquation : solde ≥ 0').slice(1)).toEqual(['oui', 'oui', 'non']);
  });
});
