/**
 * fast-zod.ts validates the common case without zod (docs/performance.md, « Chargement »): built
 * from the same schema code (operation.ts), it must accept exactly the plain data zod accepts and
 * give zod's output (same values, same key order), and refuse everything else, which zod then
 * reports. The oracle is zod itself: every YAML file of the repository, data generated from the
 * schema (valid and near-valid, every key of every section), each valid file mutated leaf by leaf,
 * and the edge values of each kind of node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { fastOperation, operationFile } from '../src/schema/operation';
import { parseYamlText } from '../src/load/yaml';
import { ROOT } from './helpers/cli';
import { repoYamlFiles } from './helpers/repo-yaml';

type Def = { type: string; [k: string]: unknown };
type Schema = { def: Def; safeParse(v: unknown): { success: boolean; data?: unknown } };

/** Same values, same key order, at every level (-0 included). */
function same(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  const order = (x: unknown): unknown => (Array.isArray(x) ? x.map(order) : x !== null && typeof x === 'object' ? Object.entries(x).map(([k, v]) => [k, order(v)]) : x);
  return isDeepStrictEqual(order(a), order(b));
}

/** How fastOperation and zod compare on `data`: 'both' (same output), 'neither', or a disagreement. */
function compare(data: unknown): { agree: boolean; fast: boolean; zod: boolean; why?: string } {
  const fast = fastOperation(data);
  const zod = operationFile().safeParse(data);
  if (fast === undefined) return { agree: !zod.success || hasProtoKey(data), fast: false, zod: zod.success, why: zod.success ? 'zod accepts, fast refuses' : undefined };
  if (!zod.success) return { agree: false, fast: true, zod: false, why: `fast accepts what zod refuses: ${JSON.stringify(zod.error.issues[0])}` };
  return { agree: same(fast, zod.data), fast: true, zod: true, why: 'different outputs' };
}
/** A `__proto__` own key (zod's records skip it; fast-zod refuses such data). */
function hasProtoKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return true;
  return Object.values(v).some(hasProtoKey);
}

const repoData = (): { file: string; data: unknown }[] => repoYamlFiles()
  .map((f) => ({ file: path.relative(ROOT, f), data: parseYamlText(f, fs.readFileSync(f, 'utf8')).data }))
  .filter((x) => x.data !== undefined);

/** A seeded generator (mulberry32): the same data on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['a', 'abc_1', 'Résidence Les Tilleuls', '', 'x'.repeat(121), 'x'.repeat(201), 'a\u0007b', 'deux\nlignes', 'tab\tici', 'bidi\u202e', 'sep\u2028',
  '2024-05-01', '2024-02-29', '2023-02-29', '2024-13-01', '1949-12-31', '2024-05', '2024-00', '75', '2A', '971', '7', 'lots[2].tenure', 'operation.name',
  'lots[0].rent.local_margin_pct', '__proto__.x', 'Lot_1', 'lot1', '1lot', 'equilibre/v1', 'PLUS', 'A bis', '1 bis', 'building', 'double', 'T3', 'normal',
  'operation.balance_eur >= 0', '>=', 'between', 'error', 'ofs', 'foyer'];
const KEYS = ['1', '2', '2030', 'x', 'lots[0].tenure', 'abc', 'Lot', '0'];

/** Checks of a zod node, as plain facts. */
function checksOf(def: Def): { lo?: number; loIn?: boolean; hi?: number; hiIn?: boolean; min?: number; max?: number } {
  const r: ReturnType<typeof checksOf> = {};
  for (const c of (def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []) {
    const d = c._zod.def;
    if (d.check === 'greater_than') { r.lo = d.value as number; r.loIn = d.inclusive as boolean; }
    if (d.check === 'less_than') { r.hi = d.value as number; r.hiIn = d.inclusive as boolean; }
    if (d.check === 'min_length') r.min = d.minimum as number;
    if (d.check === 'max_length') r.max = d.maximum as number;
  }
  return r;
}

/**
 * A value for the zod node `s`: mostly valid when `clean` (a leaf picks among the candidates zod
 * accepts for it), else any candidate, boundaries and wrong types included.
 */
function gen(s: Schema, r: () => number, clean: boolean, depth: number): unknown {
  const def = s.def;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const leaf = (cands: unknown[]) => {
    const ok = cands.filter((c) => s.safeParse(c).success);
    return clean && ok.length && r() < 0.97 ? pick(ok) : pick(cands);
  };
  switch (def.type) {
    case 'number': {
      const c = checksOf(def);
      const lo = c.lo ?? -1e6, hi = c.hi ?? 1e6;
      return leaf([lo, hi, (lo + hi) / 2, Math.round((lo + hi) / 2), lo + 0.5, lo + 1, hi - 0.25, lo - 1, hi + 1, lo - 1e-9, hi + 1e-9, -0, 0, 1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 1e300, '5', null, true]);
    }
    case 'string': return leaf(STRINGS);
    case 'boolean': return leaf([true, false, 'yes', 0, null]);
    case 'enum': return leaf([...Object.values(def.entries as Record<string, unknown>), 'bogus', 1, null]);
    case 'literal': return leaf([...(def.values as unknown[]), 'x', 0, 4]);
    case 'unknown': return pick([1, 'x', null, [1, 2], { a: 1 }, true]);
    case 'optional': return gen(def.innerType as Schema, r, clean, depth);
    case 'union': return gen(pick(def.options as Schema[]), r, clean, depth);
    case 'array': {
      const c = checksOf(def);
      const n = !clean && r() < 0.1 ? pick([0, (c.max ?? 3) + 1]) : Math.max(c.min ?? 0, Math.floor(r() * (depth > 3 ? 2 : 3)));
      if (n > 60) return pick([[], 'x']);
      return Array.from({ length: n }, () => gen(def.element as Schema, r, clean, depth + 1));
    }
    case 'tuple': {
      const items = (def.items as Schema[]).map((i) => gen(i, r, clean, depth + 1));
      if (!clean && r() < 0.2) return r() < 0.5 ? items.slice(1) : [...items, 1];
      return items;
    }
    case 'record': {
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 3);
      for (let i = 0; i < n; i++) o[pick(KEYS)] = gen(def.valueType as Schema, r, clean, depth + 1);
      if (!clean && r() < 0.05) Object.defineProperty(o, '__proto__', { value: 1, enumerable: true, configurable: true, writable: true });
      return o;
    }
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, Schema>)) {
        const optional = v.def.type === 'optional';
        const p = !optional ? (clean ? 1 : 0.97) : depth === 0 ? 0.6 : depth < 3 ? 0.35 : 0.15;
        if (r() < p) o[k] = gen(v, r, clean, depth + 1);
      }
      if (!clean && r() < 0.05) o.unknown_key = 1;
      return o;
    }
    default: throw new Error(`fast-zod.test: a zod node of type ${def.type} (teach gen and fast-zod.ts)`);
  }
}

/** Every leaf path of `data` (values that are not objects or lists, and empty ones). */
function leaves(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (data === null || typeof data !== 'object' || Object.keys(data).length === 0) return [at];
  return Object.entries(data).flatMap(([k, v]) => leaves(v, [...at, Array.isArray(data) ? Number(k) : k]));
}
/** Every path of `data`, its nodes included (objects and lists), the root first. */
function allPaths(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (data === null || typeof data !== 'object') return [at];
  return [at, ...Object.entries(data).flatMap(([k, v]) => allPaths(v, [...at, Array.isArray(data) ? Number(k) : k]))];
}
function setAt(data: unknown, p: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let o = copy;
  for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  if (remove) { if (Array.isArray(o)) o.splice(last as number, 1); else delete o[last]; } else o[last] = value;
  return copy;
}

describe('fast-zod: the validator of the common case', () => {
  it('agrees with zod on every YAML file of the repository, and accepts every valid one', () => {
    const files = repoData();
    expect(files.length).toBeGreaterThan(50);
    let valid = 0;
    for (const { file, data } of files) {
      const c = compare(data);
      expect(c.agree, `${file}: ${c.why}`).toBe(true);
      if (c.zod) { valid++; expect(c.fast, `${file}: valid, yet refused`).toBe(true); }
    }
    expect(valid).toBeGreaterThan(40);
  }, 60_000);

  it('agrees with zod on data generated from the schema, valid and near-valid, in every section, and on each valid one changed once', () => {
    const root = operationFile() as unknown as Schema;
    const r = rng(16);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const changes: unknown[] = [-1, 0, 0.5, 1e12, NaN, '', 'x', 'a\u0007', true, null, [], {}, '2030-02-30', 2 ** 53];
    let accepted = 0, refused = 0, changed = 0;
    const check = (data: unknown) => {
      const c = compare(data);
      expect(c.agree, `${c.why}: ${JSON.stringify(data)}`).toBe(true);
      if (c.fast) accepted++; else refused++;
      return c.fast;
    };
    for (let i = 0; i < 1500; i++) {
      const data = gen(root, r, i % 2 === 0, 0);
      if (!check(data)) continue;
      // a valid document, changed at one node: a leaf replaced, a key removed or added, a list or tuple one longer or shorter
      for (let k = 0; k < 4; k++) {
        const nodes = allPaths(data);
        const p = pick(nodes);
        const here = p.reduce<unknown>((o, key) => (o as Record<string | number, unknown>)[key], data);
        const kind = Math.floor(r() * 4);
        let d: unknown;
        if (Array.isArray(here)) d = setAt(data, p, kind === 0 ? here.slice(1) : kind === 1 ? [...here, structuredClone(here[0] ?? 1)] : pick(changes));
        else if (here !== null && typeof here === 'object') d = setAt(data, p, kind === 0 ? { ...here, unknown_key: 1 } : pick(changes));
        else d = p.length && kind === 0 ? setAt(data, p, undefined, true) : p.length ? setAt(data, p, pick(changes)) : data;
        check(d);
        changed++;
      }
    }
    // both sides of the comparison are exercised
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
    expect(changed).toBeGreaterThan(1000);
  }, 120_000);

  it('agrees with zod on each valid fixture changed at each leaf (boundaries, wrong types, keys removed and added)', () => {
    const values: unknown[] = [-1, 0, -0, 0.5, 1e12, NaN, Infinity, '', 'x', 'a\u0007', true, null, [], {}, '2030-02-30', 1.5, 2 ** 53];
    let n = 0;
    for (const file of ['fixtures/terra-arte.yaml', 'examples/exemple.yaml', 'test/fixtures/plan/lines-all.yaml', 'test/fixtures/plan/equity-advances.yaml']) {
      const data = parseYamlText(file, fs.readFileSync(path.join(ROOT, file), 'utf8')).data;
      expect(compare(data).fast, file).toBe(true);
      for (const p of leaves(data)) {
        for (const v of values) {
          const c = compare(setAt(data, p, v));
          expect(c.agree, `${file} ${p.join('.')} = ${String(v)}: ${c.why}`).toBe(true);
          n++;
        }
        for (const d of [setAt(data, p, undefined, true), setAt(data, [...p.slice(0, -1), 'unknown_key'], 1)]) {
          const c = compare(d);
          expect(c.agree, `${file} ${p.join('.')} removed / sibling added: ${c.why}`).toBe(true);
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
  }, 120_000);

  it('refuses what is not plain data, as zod would fail or differ on it', () => {
    const base = parseYamlText('f', fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8')).data as Record<string, unknown>;
    expect(fastOperation(base)).toBeDefined();
    const withUndefined = { ...base, risk: undefined };
    const nullProto = Object.assign(Object.create(null) as object, base);
    class Op {}
    const instance = Object.assign(new Op(), base);
    const holes = { ...base, lots: [...(base.lots as unknown[]), , ] };
    const sym = { ...base, [Symbol('s')]: 1 };
    // undefined, a class instance, holes, symbols: refused (zod is asked); a null-prototype object is plain data
    for (const d of [withUndefined, instance, holes, sym]) expect(fastOperation(d)).toBeUndefined();
    expect(same(fastOperation(nullProto), operationFile().safeParse(nullProto).data)).toBe(true);
    // the output is new objects (zod's), in the schema's key order
    const reordered = Object.fromEntries(Object.entries(base).reverse());
    const out = fastOperation(reordered) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(Object.keys(operationFile().safeParse(reordered).data as object));
    expect(out).not.toBe(reordered);
  });

  it('a valid file is validated without building zod’s schema; an invalid one builds it for its diagnostics', async () => {
    vi.resetModules();
    const op = await import('../src/schema/operation');
    const { runText } = await import('../src/pipeline');
    const text = fs.readFileSync(path.join(ROOT, 'fixtures/terra-arte.yaml'), 'utf8');
    const ok = runText('fixtures/terra-arte.yaml', text);
    expect(ok.evaluated).toBe(true);
    expect(op.zodSchemaBuilt()).toBe(false);
    const bad = runText('f.yaml', text.replace(/cost_eur_per_m2_shab: \d+/, 'cost_eur_per_m2_shab: -5'));
    expect(bad.evaluated).toBe(false);
    expect(bad.diagnostics[0]?.span?.line).toBeGreaterThan(1);
    expect(op.zodSchemaBuilt()).toBe(true);
  });
});
