/**
 * The published JSON Schema (`equilibre schema`) and docs/format.md's reference tables come from one
 * description of every key (src/schema/keys.ts):
 *  - every key of the zod schema has a description, and every description a key;
 *  - the « exactly one of » groups of the schema are the ones the engine enforces (engine/rules.ts);
 *  - the annotated example (`equilibre init`), every seed fixture and the complete examples of
 *    docs/format.md validate against the published schema with a standard validator (ajv, draft
 *    7, the draft it declares: the one VS Code's YAML extension ships), read by a YAML 1.2 loader and by a YAML 1.1 one (which reads an unquoted date as a date);
 *  - docs/format.md's generated tables are what the generator writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { INIT_TEMPLATE } from '../src/cli/init-template';
import { runText, crossFieldErrors } from '../src/pipeline';
import { DEFAULTS, type DefaultKey } from '../src/schema/defaults';
import { docPath } from '../src/schema/describe';
import { renderFormatDoc } from '../src/schema/format-doc';
import { bareJsonSchema, nodeAt, operationJsonSchema, schemaKeys, type JsonNode } from '../src/schema/json-schema';
import { keyDocs, ONE_OF_GROUPS, type OneOfGroup } from '../src/schema/keys';
import { ROOT, runCli } from './helpers/cli';

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const SCHEMA = operationJsonSchema();
const DOCS = keyDocs();

function newAjv() {
  // strictRequired off: a `oneOf` branch lists the `required` keys of its object's `properties` (the usual form of « one of »); union types (`"type": ["number", "boolean"]`) are standard.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addKeyword('markdownDescription'); // VS Code's annotation (the description as markdown), no validation
  return ajv;
}
const validate = newAjv().compile(SCHEMA);
const errorsOf = (data: unknown): string[] => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

/** Every property node of the published schema, with its path. */
function publishedProperties(): { path: string; node: JsonNode }[] {
  return schemaKeys(SCHEMA).map(({ path: p, node }) => ({ path: p, node }));
}

describe('one description of every key', () => {
  const paths = schemaKeys(bareJsonSchema()).map((k) => k.path);

  it('walks the whole schema (sanity: the deepest keys are there)', () => {
    for (const p of ['construction.prefinancing.draws[].date', 'lots[].coop.current_account_share_pct', 'checks[].severity', 'variants[].set', 'land.other[].pct_of_works', 'construction.other[].chapter']) {
      expect(paths).toContain(p);
    }
    expect(paths.length).toBeGreaterThan(170);
  });

  it('every key of the schema has a description, and every description is of a key', () => {
    const described = new Set(Object.keys(DOCS));
    const missing = paths.filter((p) => !described.has(docPath(p)));
    expect(missing, 'keys without an entry in src/schema/keys.ts').toEqual([]);
    const used = new Set(paths.map(docPath));
    expect([...described].filter((d) => !used.has(d)), 'entries of src/schema/keys.ts that are no key of the schema').toEqual([]);
  });

  it('every description is a French sentence; every key of the published schema carries it', () => {
    for (const [p, d] of Object.entries(DOCS)) {
      expect(d.fr.length, p).toBeGreaterThan(8);
      expect(d.fr, p).toMatch(/[.)»]$/);
      expect(d.effect.length, p).toBeGreaterThan(3);
    }
    for (const { path: p, node } of publishedProperties()) {
      expect(typeof node.description, p).toBe('string');
      expect(node.description as string, p).toContain(DOCS[docPath(p)]!.fr);
    }
  });

  it('an assumed default carries its value and the ids of its sources (docs/sources.md)', () => {
    const referenced = new Set<DefaultKey>();
    for (const { path: p, node } of publishedProperties()) {
      const d = DOCS[docPath(p)]!;
      for (const k of d.defaults ?? []) {
        referenced.add(k);
        for (const id of DEFAULTS[k].sources) expect(node.description as string, `${p}: source ${id} of ${k}`).toContain(`[${id}]`);
        // The doc's default column names the same assumptions, and only those.
        expect(d.def ?? '', p).toContain(`DEFAULTS \`${k}\``);
      }
      const named = [...(d.def ?? '').matchAll(/DEFAULTS `([^`]+)`/g)].map((m) => m[1]);
      expect(named.filter((k) => k !== 'psla.annual_price_reduction_pct').sort(), p).toEqual([...(d.defaults ?? [])].sort());
    }
    // Every assumption that stands for a key of the file is attached to it (the PSLA yearly price reduction is no key).
    const unattached = (Object.keys(DEFAULTS) as DefaultKey[]).filter((k) => !referenced.has(k));
    expect(unattached).toEqual(['psla.annual_price_reduction_pct']);
  });

  it('JSON defaults: those of defaults.ts and the literal ones, each valid for its key', () => {
    const props = (at: string) => nodeAt(SCHEMA, at)!.properties as Record<string, JsonNode>;
    // Values of src/schema/defaults.ts (12 %, 0.85, double) and structural ones (docs/format.md: `false`, `other`).
    expect(props('construction').fees_pct!.default).toBe(12);
    expect(props('construction').shab_sp_ratio!.default).toBe(0.85);
    expect(props('assumptions').revisability!.default).toBe('double');
    expect(props('financing').cdc_default_loans!.default).toBe(true);
    expect(props('construction').lift!.default).toBe(false);
    expect(props('financing.loans[]').product!.default).toBe('other');
    // No JSON default where the default is not one value: « the longest loan », PSLA/BRS 5 vs libre 8, a mapping.
    expect(props('assumptions').horizon_years!.default).toBeUndefined();
    expect(props('lots[].sale').target_margin_pct!.default).toBeUndefined();
    expect(props('construction').price_revision!.default).toBeUndefined();
    expect(props('land.taxes').ta_region_rate_pct!.default).toBeUndefined(); // 1 in Île-de-France, 0 elsewhere
    let n = 0;
    for (const { path: p, node } of publishedProperties()) {
      if (node.default === undefined) continue;
      n++;
      const { default: def, ...rest } = node;
      expect(newAjv().validate(rest, def), `${p}: default ${JSON.stringify(def)}`).toBe(true);
    }
    expect(n).toBeGreaterThan(30);
  });

  it('every example is valid for its key', () => {
    let n = 0;
    for (const { path: p, node } of publishedProperties()) {
      const { examples, default: _d, ...rest } = node;
      for (const ex of (examples as unknown[] | undefined) ?? []) {
        n++;
        expect(newAjv().validate(rest, ex), `${p}: example ${JSON.stringify(ex)}`).toBe(true);
      }
    }
    expect(n).toBeGreaterThan(60);
  });

  it('hover text: unit, range, default and source in French', () => {
    const fees = (nodeAt(SCHEMA, 'construction')!.properties as Record<string, JsonNode>).fees_pct!.description as string;
    expect(fees).toContain('Honoraires');
    expect(fees).toContain('Unité : %');
    expect(fees).toContain('Plage : de 0 à 40');
    expect(fees).toContain('Défaut : 12 — source : [PRO-MOE]');
    const ratio = (nodeAt(SCHEMA, 'construction')!.properties as Record<string, JsonNode>).shab_sp_ratio!.description as string;
    expect(ratio).toContain('Plage : ]0,3, 1]');
    expect(ratio).toContain('Défaut : 0,85');
    expect(ratio).toContain('Exclusif avec `sp_m2`');
  });

  it('examples are the values of the annotated example (`equilibre init`)', () => {
    const land = nodeAt(SCHEMA, 'land')!.properties as Record<string, JsonNode>;
    expect(land.price_eur_per_m2_sp!.examples).toEqual([250]); // examples/exemple.yaml: price_eur_per_m2_sp: 250
    const lots = nodeAt(SCHEMA, 'lots[]')!.properties as Record<string, JsonNode>;
    expect(lots.tenure!.examples).toEqual(['PLUS', 'PLAI', 'PSLA']);
    const op = nodeAt(SCHEMA, 'operation')!.properties as Record<string, JsonNode>;
    expect(op.delivery_date!.examples).toEqual(['2028-09-01']);
  });
});

// ---------------------------------------------------------------------------------------------

/** A valid value for a key of a one-of group. */
const VALUES: Record<string, unknown> = {
  prefinancing: { rate_pct: 2, draws: [{ date: '2027-01-15', amount_eur: 100000 }] },
  price_revision: { annual_pct: 2, months: 12 },
  price_revision_bt01: { price_date: '2025-01', midpoint_date: '2026-01' },
  irl_path_pct: [1.5, 1.8],
  normal: [0, 1],
  triangular: [-1, 0, 2],
};
const valueOf = (k: string) => VALUES[k] ?? (k === 'shab_sp_ratio' ? 0.8 : k.endsWith('_pct') ? 1.5 : 1000);

/** The example with the object of the group present (a list gets one item); returns it and its path. */
function withGroupObject(g: OneOfGroup): { data: Record<string, unknown>; obj: Record<string, unknown>; at: (string | number)[] } {
  const data = parseYaml(INIT_TEMPLATE) as Record<string, unknown>;
  const items: Record<string, Record<string, unknown>> = {
    'land.other[]': { label: 'Démolition' },
    'construction.other[]': { label: 'Divers' },
    'financing.loans[]': { label: 'Prêt', product: 'PLUS', amount_eur: 100000 },
    'subsidies[]': { source: 'Région' },
    'financing.equity[]': {},
    'transfers[]': { from: 'a', to: 'b' },
    'lots[].types[]': { type: 'T3', count: 1, shab_m2: 65 },
  };
  // owners for the groups that name them (lots[].vefa, transfers[]): every lot is a's, a VEFA is bought from b
  if (g.at === 'lots[].vefa' || g.at === 'transfers[]') {
    data.owners = [{ id: 'a', name: 'A', kind: 'bailleur_social' }, { id: 'b', name: 'B', kind: 'promoteur' }];
    for (const l of data.lots as Record<string, unknown>[]) l.owner = 'a';
    if (g.at === 'lots[].vefa') for (const l of data.lots as Record<string, unknown>[]) if (l.tenure === 'PSLA') l.vefa = { seller: 'b' };
  }
  const at: (string | number)[] = [];
  let node: Record<string, unknown> = data;
  for (const seg of g.at.split('.')) {
    const list = seg.endsWith('[]');
    const key = list ? seg.slice(0, -2) : seg;
    at.push(key);
    if (!list) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
      continue;
    }
    const arr = (node[key] ??= []) as Record<string, unknown>[];
    if (key === 'lots') {
      const i = arr.findIndex((l) => l.tenure === 'PSLA');
      at.push(i);
      node = arr[i]!;
    } else {
      arr.push(structuredClone(items[g.at]!));
      at.push(arr.length - 1);
      node = arr[arr.length - 1]!;
    }
  }
  for (const k of g.keys) delete node[k];
  return { data, obj: node, at };
}

describe('« exactly one of » groups: the schema says what the engine enforces', () => {
  it('the groups are those of engine/rules.ts (CONFLICTING_KEYS / MISSING_ONE_OF)', () => {
    const src = read('src/engine/rules.ts');
    const lineAmount = /const LINE_AMOUNT = (\[[^\]]*\])/.exec(src)![1]!;
    const calls = [...src.matchAll(/exactlyOne\([^,]+, (\[[^\]]*\]|LINE_AMOUNT), [^)]*?, (true|false)\)/g)]
      .map((m) => `${JSON.stringify(JSON.parse((m[1] === 'LINE_AMOUNT' ? lineAmount : m[1]!).replace(/'/g, '"')))} ${m[2]}`).sort();
    const declared = ONE_OF_GROUPS.map((g) => `${JSON.stringify(g.keys)} ${g.required}`).sort();
    expect(calls.length).toBe(25);
    expect(declared).toEqual(calls);
  });

  it('docs/format.md « Exactly one of » names every group', () => {
    const text = read('docs/format.md');
    const section = text.slice(text.indexOf('## "Exactly one of" groups'), text.indexOf('## Scopes'));
    for (const g of ONE_OF_GROUPS) for (const k of g.keys) expect(section, `${g.at}: ${k}`).toMatch(new RegExp(`[\`.]${k}\``));
  });

  it.each(ONE_OF_GROUPS.map((g) => [`${g.at}: ${g.keys.join(' · ')}`, g] as const))('%s', (_name, g) => {
    const codesAt = (data: unknown, at: (string | number)[]) =>
      crossFieldErrors(data as Record<string, unknown>).filter((d) => d.path.slice(0, at.length).join('.') === at.join('.')).map((d) => d.code);
    // Exactly one: valid for both.
    const one = withGroupObject(g);
    one.obj[g.keys[0]!] = valueOf(g.keys[0]!);
    expect(codesAt(one.data, one.at)).toEqual([]);
    expect(errorsOf(one.data)).toEqual([]);
    // Two: CONFLICTING_KEYS, and the schema rejects it.
    const two = withGroupObject(g);
    two.obj[g.keys[0]!] = valueOf(g.keys[0]!);
    two.obj[g.keys[1]!] = valueOf(g.keys[1]!);
    expect(codesAt(two.data, two.at)).toContain('CONFLICTING_KEYS');
    expect(errorsOf(two.data).length).toBeGreaterThan(0);
    // None: MISSING_ONE_OF if required (and the schema rejects it), else nothing.
    const none = withGroupObject(g);
    expect(codesAt(none.data, none.at)).toEqual(g.required ? ['MISSING_ONE_OF'] : []);
    expect(errorsOf(none.data).length > 0).toBe(g.required);
  });
});

// ---------------------------------------------------------------------------------------------

const FIXTURES = fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`);
/** The complete files shown in docs/format.md (those that start with `format:`). */
const DOC_FILES = [...read('docs/format.md').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((t) => /^(#.*\n)*format: /.test(t));

describe('the published schema validates the files users start from (ajv, draft 7)', () => {
  it('declares its draft, $id and title, and is a valid schema of that draft', () => {
    expect(SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(SCHEMA.$id).toMatch(/^https:\/\//);
    expect(SCHEMA.title).toContain('equilibre/v1');
    const ajv = newAjv();
    expect(ajv.validateSchema(SCHEMA), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('the file of `equilibre init`', async () => {
    const r = await runCli(['init']);
    expect(r.code).toBe(0);
    for (const version of ['1.1', '1.2'] as const) expect(errorsOf(parseYaml(r.stdout, { version })), version).toEqual([]);
  });

  it.each(['examples/exemple.yaml', ...FIXTURES])('%s', (file) => {
    for (const version of ['1.1', '1.2'] as const) expect(errorsOf(parseYaml(read(file), { version })), version).toEqual([]);
  });

  it('the complete examples of docs/format.md', () => {
    expect(DOC_FILES.length).toBeGreaterThanOrEqual(2);
    for (const t of DOC_FILES) for (const version of ['1.1', '1.2'] as const) expect(errorsOf(parseYaml(t, { version })), version).toEqual([]);
  });

  it('is not vacuous: an unknown key, a value out of range, a missing key are rejected', () => {
    const base = () => parseYaml(INIT_TEMPLATE) as Record<string, Record<string, unknown>>;
    const unknown = base(); unknown.construction!.fess_pct = 12;
    const range = base(); range.construction!.fees_pct = 0.12e3;
    const missing = base(); delete missing.operation!.zone_abc;
    for (const d of [unknown, range, missing]) expect(errorsOf(d).length).toBeGreaterThan(0);
  });

  it('dates: an unquoted date is a date for a YAML 1.1 loader, so init writes it quoted; equilibre reads both', () => {
    const unquoted = INIT_TEMPLATE.replace('delivery_date: "2028-09-01"', 'delivery_date: 2028-09-01');
    expect(unquoted).not.toBe(INIT_TEMPLATE);
    // The reason for the quotes: a YAML 1.1 loader (VS Code's YAML extension can be set to 1.1, PyYAML, js-yaml…) makes it a Date.
    expect((parseYaml(unquoted, { version: '1.1' }) as { operation: { delivery_date: unknown } }).operation.delivery_date).toBeInstanceOf(Date);
    expect(errorsOf(parseYaml(unquoted, { version: '1.1' })).join()).toContain('/operation/delivery_date');
    // equilibre itself reads YAML 1.2: both forms are the same text date.
    for (const text of [INIT_TEMPLATE, unquoted]) {
      const r = runText('op.yaml', text);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.load.input?.operation.delivery_date).toBe('2028-09-01');
    }
  });
});

describe('`equilibre schema` and docs/format.md', () => {
  it('prints the published schema, deterministically', async () => {
    const a = await runCli(['schema']);
    const b = await runCli(['schema']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toBe(JSON.stringify(SCHEMA, null, 2) + '\n');
    expect(JSON.stringify(operationJsonSchema())).toBe(JSON.stringify(SCHEMA));
  });

  it('docs/format.md: the reference tables are generated from the same descriptions (npm run docs:format)', () => {
    const text = read('docs/format.md');
    expect(text.match(/<!-- generated:keys:start /g)?.length).toBe(32);
    expect(renderFormatDoc(text), 'docs/format.md is out of date: npm run docs:format').toBe(text);
  });

  it('docs/format.md: a changed description shows as a difference', () => {
    const text = read('docs/format.md');
    const tampered = text.replace('| `fees_pct` | % | 0–40 |', '| `fees_pct` | % | 0–45 |');
    expect(tampered).not.toBe(text);
    expect(renderFormatDoc(tampered)).toBe(text);
  });
});
