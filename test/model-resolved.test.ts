/**
 * A model that is complete (issue 13 §2): buildModel resolves every default of
 * src/schema/defaults.ts once, with its origin, and the stages read the model, not the input.
 *   - each default whose key is a path of the operation file takes the file's value (read here
 *     from the YAML text itself, independently of the loader) with origin `file` and that path, the
 *     management profile's (origin `profile`), or else the table's default (origin `default`, its key);
 *   - a lot's default (`sale.…`, `psla.…`) is the table's, with origin `default`;
 *   - no stage of src/engine resolves a default lazily (`orDefault(`, `defaultBool(`, `noteDefault(`)
 *     or reads a default-bearing value out of the input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runText } from '../src/pipeline';
import { D, Decimal, type Dec } from '../src/domain/money';
import { DEFAULTS, type DefaultKey } from '../src/schema/defaults';
import { buildModel, hasFilePath, take } from '../src/engine/model';
import { ROOT } from './helpers/cli';

const INPUTS = [...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`), 'examples/exemple.yaml', 'examples/sccv.yaml'];
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const KEYS = Object.keys(DEFAULTS) as DefaultKey[];

function at(data: unknown, p: string): unknown {
  let cur: unknown = data;
  for (const seg of p.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** The table's value as a value of the model: a flag, a number, or a word. */
function tableValue(key: DefaultKey): unknown {
  const v: string = DEFAULTS[key].value;
  if (v === 'true' || v === 'false') return v === 'true';
  return /^[0-9.]+$/.test(v) ? D(v) : v;
}

const same = (a: unknown, b: unknown) => (Decimal.isDecimal(a) && Decimal.isDecimal(b) ? (a as Dec).eq(b as Dec) : a === b || JSON.stringify(a) === JSON.stringify(b));

describe('buildModel resolves every default once, with its origin', () => {
  it('the defaults that are paths of the file are those of construction, land, financing and assumptions', () => {
    // written out by hand from src/schema/defaults.ts: the others are a lot's (its sale, PSLA, BRS, SCIAPP, coop, VEFA section)
    expect(KEYS.filter(hasFilePath).map((k) => k.split('.')[0])).toEqual(KEYS.filter((k) => /^(construction|land|financing|assumptions)\./.test(k)).map((k) => k.split('.')[0]));
    expect(KEYS.filter((k) => !hasFilePath(k)).every((k) => /^(sale|psla|brs|sciapp|coop|vefa)\./.test(k))).toBe(true);
  });

  it.each(INPUTS)('%s: every default is resolved, from the file, its profile or the table', (f) => {
    const text = read(f);
    const raw = parse(text) as unknown;
    const m = runText(f, text).model!;
    expect(Object.keys(m.resolved).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      const r = m.resolved[key];
      const given = hasFilePath(key) ? at(raw, key) : undefined;
      if (given !== undefined) {
        expect(r.from, key).toEqual({ origin: 'file', path: key });
        expect(same(r.value, typeof given === 'number' ? D(given) : given), `${f} ${key}`).toBe(true);
      } else if (hasFilePath(key) && m.profile?.origins[key] !== undefined) {
        expect(r.from.origin, key).toBe('profile');
        expect(r.from.path, key).toBe(key);
      } else {
        expect(r.from, key).toEqual({ origin: 'default', key });
        expect(same(r.value, tableValue(key)), `${f} ${key}`).toBe(true);
      }
    }
  });

  it('a value of the file wins over the default, and take records only a default, at its first read', () => {
    const base = runText('examples/exemple.yaml', read('examples/exemple.yaml')).model!.input;
    const construction = { ...base.construction, fees_pct: 10.5 };
    delete (construction as { insurance_pct?: number }).insurance_pct;
    const { model } = buildModel({ ...base, construction }, 'x.yaml');
    const m = model!;
    expect(m.resolved['construction.fees_pct']).toEqual({ value: D('10.5'), from: { origin: 'file', path: 'construction.fees_pct' } });
    expect(m.resolved['construction.insurance_pct'].from).toEqual({ origin: 'default', key: 'construction.insurance_pct' });
    m.used.clear();
    expect(take(m, 'construction.fees_pct').eq(D('10.5'))).toBe(true);
    expect(m.used.has('construction.fees_pct')).toBe(false);
    expect(take(m, 'construction.insurance_pct').eq(D('1.5'))).toBe(true);
    expect([...m.used.keys()]).toEqual(['construction.insurance_pct']);
  });
});

describe('the stages read the model', () => {
  const ENGINE = path.join(ROOT, 'src', 'engine');
  // model.ts resolves; rules.ts checks the raw input; sensitivity and evaluate-input change the input before buildModel
  const STAGES = fs.readdirSync(ENGINE).filter((f) => f.endsWith('.ts') && !['model.ts', 'rules.ts', 'sensitivity.ts', 'sensitivity-run.ts', 'evaluate-input.ts', 'facts.ts'].includes(f));
  const OTHERS = ['src/fast/plan.ts', 'src/report/xlsx/report.ts'];
  const source = (f: string) => fs.readFileSync(f, 'utf8').replace(/'(?:[^'\\\n]|\\.)*'/g, "''");

  it.each([...STAGES.map((f) => `src/engine/${f}`), ...OTHERS])('%s resolves no default lazily', (f) => {
    expect(source(path.join(ROOT, f))).not.toMatch(/\b(orDefault|defaultBool|noteDefault)\(/);
  });

  it.each(STAGES.map((f) => `src/engine/${f}`))('%s reads no default-bearing value of the file out of the input', (f) => {
    const src = source(path.join(ROOT, f));
    const alias: Record<string, string> = { assumptions: '(?:a|assumptions)', financing: '(?:fin|financing)', taxes: 'taxes', land: 'land', construction: 'construction' };
    for (const key of KEYS.filter(hasFilePath)) {
      const segs = key.split('.');
      const re = new RegExp(`\\b${alias[segs[segs.length - 2]!]}\\??\\.${segs[segs.length - 1]}\\b`);
      expect(src, `${f}: ${key}`).not.toMatch(re);
    }
  });
});
