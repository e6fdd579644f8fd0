/**
 * The documentation keeps up with the code: every key of the operation schema is documented in
 * docs/format.md, every default of schema/defaults.ts too, and every metric the engine emits (for
 * the example and every seed fixture) is in docs/json.md's metrics table — and that table lists
 * no metric the engine never emits. The YAML examples of docs/format.md evaluate without error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operationFile } from '../src/schema/operation';
import { DEFAULTS } from '../src/schema/defaults';
import { runText } from '../src/pipeline';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const FORMAT_MD = read('docs/format.md');
const JSON_MD = read('docs/json.md');

/** A zod 4 schema seen through its `.def` (the public alias of `_zod.def`). */
interface Def {
  type?: string;
  shape?: Record<string, { def: Def }>;
  element?: { def: Def };
  innerType?: { def: Def };
  options?: { def: Def }[];
  valueType?: { def: Def };
}

/** Every key name of the schema: object shapes, through arrays, optionals, unions and records. */
function schemaKeys(def: Def, out = new Set<string>()): Set<string> {
  if (def.shape) {
    for (const [key, child] of Object.entries(def.shape)) {
      out.add(key);
      schemaKeys(child.def, out);
    }
  }
  if (def.element) schemaKeys(def.element.def, out);
  if (def.innerType) schemaKeys(def.innerType.def, out);
  if (def.options) for (const o of def.options) schemaKeys(o.def, out);
  if (def.valueType) schemaKeys(def.valueType.def, out);
  return out;
}

const KEYS = [...schemaKeys((operationFile() as unknown as { def: Def }).def)].sort();

describe('docs/format.md', () => {
  it('walks the whole schema (sanity: keys of every section are found)', () => {
    // One key from each section, the deepest ones included: if the walk stopped early these would be missing.
    for (const k of ['format', 'zone_hlm', 'taxes', 'rap_applies', 'pct_of_works', 'included_in_construction_cost', 'annual_pct',
      'draws', 'date', 'end_date', 'annex_count', 'price_eur_per_m2_su_ttc', 'non_exercise_pct', 'ofs_equity_eur', 'term_years',
      'current_account_share_pct', 'eur_per_m2_su', 'cdc_default_loans', 'deferral_years', 'discount_rate_pct', 'tolerance', 'severity']) {
      expect(KEYS).toContain(k);
    }
    expect(KEYS.length).toBeGreaterThan(130);
  });

  it.each(KEYS)('documents the key `%s`', (key) => {
    expect(FORMAT_MD.includes(`\`${key}\``), `\`${key}\` not found in docs/format.md`).toBe(true);
  });

  it.each(Object.keys(DEFAULTS))('documents the default `%s`', (key) => {
    expect(FORMAT_MD.includes(`\`${key}\``), `\`${key}\` not found in docs/format.md`).toBe(true);
  });

  it('quotes the value and the source of every default', () => {
    for (const [key, def] of Object.entries(DEFAULTS)) {
      const row = FORMAT_MD.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row!.split('|')[2]!.trim(), key).toBe(def.value);
      expect(row!.includes(def.source), `${key}: source text not quoted as in defaults.ts`).toBe(true);
    }
  });

  it('has YAML examples that evaluate without error', () => {
    const blocks = [...FORMAT_MD.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^format: equilibre\/v1$/m.test(b));
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const [i, text] of blocks.entries()) {
      const r = runText(`docs/format.md#example-${i}`, text);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path.join('.')}`), `example ${i}`).toEqual([]);
      expect(r.evaluated).toBe(true);
    }
  });

  it('shows examples/exemple.yaml as it is', () => {
    expect(FORMAT_MD.includes(read('examples/exemple.yaml')), 'examples/exemple.yaml not shown verbatim').toBe(true);
  });
});

/** The operation files whose metrics must be documented: the example and every seed fixture. */
const FILES = ['examples/exemple.yaml', ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`)];

/** The metric names of one file, with its lot ids replaced by `<lot>`. */
function metricNames(rel: string): string[] {
  const r = runText(rel, read(rel));
  if (!r.evaluation) throw new Error(`${rel}: not evaluated: ${r.diagnostics.map((d) => d.code).join(', ')}`);
  const ids = new Set(r.evaluation.model.lots.map((l) => l.id));
  const owners = new Set((r.evaluation.model.input.owners ?? []).map((o) => o.id));
  return [...r.evaluation.metrics.keys()].map((name) => {
    const parts = name.split('.');
    if (parts.length >= 3 && (parts[0] === 'owner' || parts[0] === 'ofs') && owners.has(parts[1]!)) parts[1] = '<owner>';
    else if (parts.length >= 3 && ids.has(parts[1]!)) parts[1] = '<lot>';
    return parts.join('.');
  });
}

const EMITTED = new Map(FILES.map((f) => [f, metricNames(f)]));

/** Metric names listed in the tables of docs/json.md between the metrics markers. */
function documentedMetrics(): string[] {
  const start = JSON_MD.indexOf('<!-- metrics:start -->');
  const end = JSON_MD.indexOf('<!-- metrics:end -->');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return JSON_MD.slice(start, end).split('\n').map((l) => /^\| `([^`]+)` \|/.exec(l)?.[1]).filter((x): x is string => x !== undefined);
}

describe('docs/json.md', () => {
  it.each(FILES)('documents every metric of %s', (file) => {
    const documented = new Set(documentedMetrics());
    const missing = [...new Set(EMITTED.get(file))].filter((n) => !documented.has(n));
    expect(missing).toEqual([]);
    for (const n of EMITTED.get(file)!) expect(JSON_MD.includes(`\`${n}\``), `\`${n}\` not found in docs/json.md`).toBe(true);
  });

  it('lists no metric that the engine does not emit', () => {
    const emitted = new Set([...EMITTED.values()].flat());
    const documented = documentedMetrics();
    expect(documented.length).toBeGreaterThan(50);
    expect(documented.filter((n) => !emitted.has(n))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('gives each metric the unit the engine attaches to it', () => {
    const units = new Map<string, string>();
    for (const f of FILES) {
      const r = runText(f, read(f));
      const ids = new Set(r.evaluation!.model.lots.map((l) => l.id));
      const owners = new Set((r.evaluation!.model.input.owners ?? []).map((o) => o.id));
      for (const [name, m] of r.evaluation!.metrics) {
        const parts = name.split('.');
        if (parts.length >= 3 && (parts[0] === 'owner' || parts[0] === 'ofs') && owners.has(parts[1]!)) parts[1] = '<owner>';
        else if (parts.length >= 3 && ids.has(parts[1]!)) parts[1] = '<lot>';
        units.set(parts.join('.'), m.unit);
      }
    }
    const start = JSON_MD.indexOf('<!-- metrics:start -->');
    const end = JSON_MD.indexOf('<!-- metrics:end -->');
    for (const line of JSON_MD.slice(start, end).split('\n')) {
      const m = /^\| `([^`]+)` \| ([a-z0-9_]+) \|/.exec(line);
      if (m) expect(m[2], m[1]).toBe(units.get(m[1]!));
    }
  });
});

describe('docs/architecture.md', () => {
  const ARCH = read('docs/architecture.md');
  it('every file of src/ it names exists, and it names every folder of src/', () => {
    const named = [...new Set([...ARCH.matchAll(/`(src\/[^`\s]+)`/g)].map((m) => m[1]!))];
    expect(named.length).toBeGreaterThan(30);
    const missing = named.filter((p) => !fs.existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
    const folders = (dir: string): string[] => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory()).flatMap((e) => [`${dir}/${e.name}`, ...folders(`${dir}/${e.name}`)]);
    const unnamed = folders('src').filter((d) => !named.some((p) => p === d || p === `${d}/` || p.startsWith(`${d}/`)));
    expect(unnamed).toEqual([]);
  });
  it('the README links it', () => {
    expect(read('README.md')).toContain('(docs/architecture.md)');
  });
});
