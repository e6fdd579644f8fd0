/**
 * The engine hands facts, and the model says where each comes from:
 *   - every assumption the evaluation used has an origin (parameter, default, file, override) that
 *     can be traced back: a parameter key of the year's set, a default key, an input path;
 *   - a parameter given in the file's `parameters:` has origin `file`; set with `--set`, `override`;
 *     the override is a field, not words (the report says it: « — valeur du fichier », « option --set »);
 *   - every cost line carries a structured basis and its provenance, and each file path of that
 *     provenance names a value of the input; the words of a basis come from src/report/words.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { D } from '../src/domain/money';
import { DEFAULTS } from '../src/schema/defaults';
import { getParamYear } from '../src/params/index';
import { profileLabel } from '../src/load/profile';
import { costLineBasis, costLineLabel } from '../src/report/words';
import type { CostLine } from '../src/engine/cost-price';
import { ROOT, runCli } from './helpers/cli';

const INPUTS = [...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`), 'examples/exemple.yaml'];
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** The value at an input path (`lots[1].shab_m2`, `land.taxes.ta_eur`), or undefined. */
function at(data: unknown, p: string): unknown {
  let cur: unknown = data;
  for (const seg of p.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

describe('provenance of the assumptions', () => {
  it.each(INPUTS)('%s: every used assumption has a traceable origin', (f) => {
    const r = runText(f, read(f));
    const m = r.model!;
    const embedded = getParamYear(m.paramYear)!.params;
    expect(m.used.size).toBeGreaterThan(0);
    for (const u of m.used.values()) {
      expect(['parameter', 'default', 'file', 'override', 'profile'], u.key).toContain(u.origin);
      if (u.origin === 'parameter') {
        // the embedded value, unchanged (bt01 is the dated series of params/indices.ts)
        if (u.key !== 'bt01') expect(embedded[u.key], u.key).toBeDefined();
        expect(m.paramOverrides[u.key], u.key).toBeUndefined();
      } else if (u.origin === 'default') {
        if (u.key !== 'construction.price_revision_bt01.forecast_annual_pct') expect(Object.keys(DEFAULTS), u.key).toContain(u.key);
      } else if (u.embedded === undefined) {
        // with a management profile, a value of the merged `assumptions:` (the file's or the profile's), at its path
        expect(m.profile, u.key).toBeDefined();
        expect(u.path).toBe(u.key);
        expect(u.key.startsWith('assumptions.')).toBe(true);
        expect(u.origin === 'profile', u.key).toBe(m.profile!.origins[u.key] !== undefined);
        if (u.origin === 'profile') expect(u.profile).toBe(profileLabel(m.profile!.chain[m.profile!.origins[u.key]!]!));
      } else {
        // an override: the file's (or its profile's) value at its path, and the embedded value it replaces
        expect(u.path).toBe(`parameters.${u.key}`);
        if (u.origin === 'profile') expect(u.profile).toBe(profileLabel(m.profile!.chain[m.profile!.origins[u.path!]!]!));
        const given = (m.input.parameters as Record<string, unknown>)[u.key];
        expect(u.value).toBe(Array.isArray(given) ? given.map((v) => D(v as number).toString()).join(' ; ') : D(given as number).toString());
        const e = embedded[u.key]!.value;
        expect(u.embedded).toBe(typeof e === 'string' ? e : e.join(' ; '));
      }
    }
  });

  it('a parameter of the file\'s `parameters:` has origin file (Terra Arte: the 2012 PSLA ceiling B1)', () => {
    const m = runText('fixtures/terra-arte.yaml', read('fixtures/terra-arte.yaml')).model!;
    const u = m.used.get('psla.price_ceiling.b1')!;
    expect(u).toMatchObject({ origin: 'file', path: 'parameters.psla.price_ceiling.b1', value: '2658' });
    expect(m.paramOverrides['psla.price_ceiling.b1']).toMatchObject({ origin: 'file', path: 'parameters.psla.price_ceiling.b1' });
  });

  it('a parameter set with --set has origin override, in the model, the JSON and the report', async () => {
    const f = 'examples/exemple.yaml';
    const m = runText(f, read(f), [{ path: ['parameters', 'livret_a.rate_pct'], value: 2 }]).model!;
    expect(m.used.get('livret_a.rate_pct')).toMatchObject({ origin: 'override', path: 'parameters.livret_a.rate_pct', value: '2' });
    // a rate given without a path is held flat (the embedded path starts from the embedded rate)
    expect(m.livretA.la0.toString()).toBe('0.02');
    expect(m.livretA.path.map(String)).toEqual(['0.02']);
    expect(m.livretA.pathFrom).toBeNull();
    const json = JSON.parse((await runCli(['report', f, '--format', 'json', '--set', 'parameters.livret_a.rate_pct=2'])).stdout) as { assumptions: { key: string; origin: string; label: string; source: string }[] };
    const a = json.assumptions.find((x) => x.key === 'livret_a.rate_pct')!;
    expect(a.origin).toBe('override');
    expect(a.label).toMatch(/ — valeur de --set$/);
    expect(a.source).toMatch(/^--set parameters\.livret_a\.rate_pct; valeur embarquée /);
    const text = (await runCli(['report', f, '--set', 'parameters.livret_a.rate_pct=2', '--lang', 'en'])).stdout;
    expect(text).toContain('--set option');
    expect(text).toContain('— value from --set');
  });

  it('without an override the Livret A path is the embedded one (year 1 = the parameters year)', () => {
    const f = 'examples/exemple.yaml';
    const m = runText(f, read(f)).model!;
    const p = getParamYear(m.paramYear)!.params['livret_a.path_pct']!.value as readonly string[];
    expect(m.livretA.path.map(String)).toEqual(p.map((v) => D(v).div(100).toString()));
    expect(m.livretA.pathFrom).toEqual({ origin: 'parameter', key: 'livret_a.path_pct' });
  });
});

describe('cost lines are facts', () => {
  it.each(INPUTS)('%s: every line has a basis and a provenance that names the input', (f) => {
    const r = runText(f, read(f));
    const m = r.model!;
    for (const l of r.evaluation!.cost.lines) {
      expect(l.basis.kind, l.id).toBeTruthy();
      expect(l.from.length, l.id).toBeGreaterThan(0);
      for (const p of l.from) {
        if (p.origin === 'file') expect(at(m.input, p.path!), `${l.id}: ${p.path}`).toBeDefined();
        else if (p.origin === 'parameter' && p.key !== 'bt01') expect(m.params[p.key!], `${l.id}: ${p.key}`).toBeDefined();
        else if (p.origin === 'default' && p.key !== 'construction.price_revision_bt01.forecast_annual_pct') expect(Object.keys(DEFAULTS)).toContain(p.key);
      }
    }
  });

  const line = (basis: CostLine['basis'], extra: Partial<CostLine> = {}): CostLine =>
    ({ id: 'x', chapter: 'misc', concept: 'other', name: 'Raccordements', basis, from: [], amountHtEur: D(0), perLotHtEur: [], ...extra });

  it('the words of a basis no fixture has (prefinancing, per dwelling, scoped), in French and English', () => {
    const pf = line({ kind: 'prefinancing', draws: 3, ratePct: D('3.25') }, { concept: 'prefinancing', chapter: 'financial' });
    expect(costLineLabel(pf, 'fr')).toBe('Intérêts de préfinancement');
    expect(costLineBasis(pf, 'fr')).toBe('3 tirage(s) à 3,25 %/an, actuariel jour/365');
    expect(costLineBasis(pf, 'en')).toBe('3 draw(s) at 3.25%/yr, actuarial day/365');
    const pd = line({ kind: 'per_dwelling', eurPerDwelling: D(1500), dwellings: 12 }, { scope: ['plus', 'plai'] });
    expect(costLineLabel(pd, 'en')).toBe('Raccordements');
    expect(costLineBasis(pd, 'fr')).toBe('1 500 € × 12 logements (plus, plai)');
    expect(costLineBasis(pd, 'en')).toBe('€1,500 × 12 dwellings (plus, plai)');
    const ta = line({ kind: 'given', split: 'taxable_sp' }, { concept: 'ta', chapter: 'land' });
    expect(costLineBasis(ta, 'fr')).toBe('montant donné, réparti au prorata de la SP taxable');
    const rev = line({ kind: 'revision_index', index: 'BT01', baseEur: D('1000000.4'), from: { date: '2024-11', value: D('131.5'), how: 'published' }, to: { date: '2026-06', value: D('134.56789'), how: 'projected' } }, { concept: 'price_revision_index' });
    expect(costLineBasis(rev, 'fr')).toBe('1 000 000 € × (BT01 2026-06 134,57 (projeté) / BT01 2024-11 131,5 (publié) − 1)');
    expect(costLineBasis(rev, 'en')).toBe('€1,000,000 × (BT01 2026-06 134.57 (projected) / BT01 2024-11 131.5 (published) − 1)');
  });
});

describe('diagnostic arguments are facts', () => {
  it('LOAN_TERMS_MISSING of a fixed-rate loan without its rate: the key in the args, « taux fixe » / "fixed rate" in the message', async () => {
    const { message } = await import('../src/report/messages');
    const f = 'test/fixtures/diagnostics/LOAN_TERMS_MISSING.yaml';
    const text = read(f).replace('- { label: Prêt bancaire, amount_eur: 100000, lots: [plus] }', '- { label: Prêt bancaire, amount_eur: 100000, lots: [plus], product: PLUS, revisability: fixed }');
    expect(text).not.toBe(read(f));
    const d = runText(f, text).diagnostics.find((x) => x.code === 'LOAN_TERMS_MISSING')!;
    expect(d.args).toMatchObject({ label: 'Prêt bancaire', missing: ['rate_pct'], revisability: 'fixed' });
    expect(message(d.code, d.args, 'fr').text).toBe('prêt « Prêt bancaire »: conditions manquantes (rate_pct (taux fixe))');
    expect(message(d.code, d.args, 'en').text).toBe('loan "Prêt bancaire": terms missing (rate_pct (fixed rate))');
  });
});
