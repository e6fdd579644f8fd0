/**
 * The published JSON Schema of the operation file (`equilibre schema`): zod's conversion of the
 * schema (types, bounds, required keys), annotated from the one description of every key
 * (src/schema/keys.ts): `description` (French: the key, its unit, range, default and the source of
 * the default), `default`, `examples` (the values of the annotated example, `equilibre init`), and
 * the « exactly one of » groups as `oneOf` of `required`. Deterministic: same input, same bytes.
 * Draft 7, for VS Code's YAML extension (below).
 */
import * as z from 'zod/mini';
import { parse as parseYaml } from 'yaml';
import { INIT_TEMPLATE } from '../cli/init-template';
import { defaultFrText, defaultValue, docPath, unitFr, type KeyDoc } from './describe';
import { keyDocs, ONE_OF_GROUPS, type OneOfGroup } from './keys';
import { operationFile } from './operation';

export const SCHEMA_ID = 'https://equilibre.invalid/schema/equilibre-v1.json';
export const SCHEMA_TITLE = "Fichier d'opération equilibre/v1";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonNode = { [k: string]: Json };

/**
 * zod's JSON Schema of the operation file, before annotation (types, bounds, required). Draft 7:
 * the draft VS Code's YAML extension ships (it warns that 2020-12 is « not yet fully supported »);
 * the schema uses no keyword that differs between draft 7 and 2020-12.
 */
export const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';
export function bareJsonSchema(): JsonNode {
  const s = z.toJSONSchema(operationFile(), { io: 'input', unrepresentable: 'any', target: 'draft-7' });
  return JSON.parse(JSON.stringify(s)) as JsonNode; // a tree of its own: zod may share nodes between fields
}

/** Every property of the schema with its path (`lots[].rent.local_margin_pct`), in schema order. */
export function schemaKeys(root: JsonNode): { path: string; node: JsonNode; parent: JsonNode; key: string }[] {
  const out: { path: string; node: JsonNode; parent: JsonNode; key: string }[] = [];
  const visit = (node: JsonNode, path: string) => {
    const props = node.properties as Record<string, JsonNode> | undefined;
    if (props) {
      for (const [k, child] of Object.entries(props)) {
        const p = path ? `${path}.${k}` : k;
        out.push({ path: p, node: child, parent: node, key: k });
        visit(child, p);
      }
    }
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) visit(node.items as JsonNode, `${path}[]`);
    for (const alt of (node.anyOf as JsonNode[] | undefined) ?? []) visit(alt, path);
  };
  visit(root, '');
  return out;
}

/** The object node at `path` (`land`, `lots[].sale`, `financing.loans[]`). */
export function nodeAt(root: JsonNode, path: string): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const seg of path.split('.')) {
    if (!node) return undefined;
    const list = seg.endsWith('[]');
    const key = list ? seg.slice(0, -2) : seg;
    const props: Record<string, JsonNode> | undefined = node.properties as Record<string, JsonNode> | undefined;
    node = props?.[key];
    if (node && list) node = node.items as JsonNode | undefined;
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// Ranges, in both languages, from the schema's own bounds.

const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

function num(n: number, lang: 'en' | 'fr'): string {
  const minus = n < 0 ? '−' : '';
  const a = Math.abs(n);
  if (a >= 1e7 && Number.isInteger(Math.log10(a))) return `${minus}10${[...String(Math.log10(a))].map((c) => SUP[c]).join('')}`;
  const [int, dec] = String(a).split('.');
  const grouped = int!.length > 4 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ' ' : '\u202f') : int!;
  return `${minus}${grouped}${dec !== undefined ? (lang === 'en' ? '.' : ',') + dec : ''}`;
}

function numberRange(node: JsonNode, lang: 'en' | 'fr'): string {
  const lo = node.minimum as number | undefined;
  const xlo = node.exclusiveMinimum as number | undefined;
  const hi = node.maximum as number | undefined;
  const xhi = node.exclusiveMaximum as number | undefined;
  if (xlo !== undefined || xhi !== undefined) {
    const left = xlo !== undefined ? `]${num(xlo, lang)}` : lo !== undefined ? `[${num(lo, lang)}` : '[−∞';
    const right = xhi !== undefined ? `${num(xhi, lang)}[` : hi !== undefined ? `${num(hi, lang)}]` : '+∞[';
    return `${left}, ${right}`;
  }
  if (lo !== undefined && hi !== undefined) {
    if (lang === 'fr') return `de ${num(lo, lang)} à ${num(hi, lang)}`;
    return lo < 0 || hi < 0 ? `${num(lo, lang)} to ${num(hi, lang)}` : `${num(lo, lang)}–${num(hi, lang)}`;
  }
  if (lo !== undefined) return `≥ ${num(lo, lang)}`;
  if (hi !== undefined) return `≤ ${num(hi, lang)}`;
  return '';
}

function countRange(lo: number | undefined, hi: number | undefined, what: [string, string], lang: 'en' | 'fr'): string {
  const [one, many] = what;
  if (lo !== undefined && hi !== undefined) return lang === 'fr' ? `${num(lo, lang)} à ${num(hi, lang)} ${many}` : `${num(lo, lang)}–${num(hi, lang)} ${many}`;
  if (lo !== undefined) return `≥ ${num(lo, lang)} ${lo > 1 ? many : one}`;
  if (hi !== undefined) return `≤ ${num(hi, lang)} ${hi > 1 ? many : one}`;
  return '';
}

/** The range of a value as the schema bounds it (`0–20`, `]0.3, 1]`, `1–200 chars`, `1–100 items, each 0–15`). */
export function rangeText(node: JsonNode, lang: 'en' | 'fr'): string {
  if (node.type === 'number' || node.type === 'integer') return numberRange(node, lang);
  if (node.type === 'string') {
    return countRange(node.minLength as number | undefined, node.maxLength as number | undefined, lang === 'en' ? ['char', 'chars'] : ['caractère', 'caractères'], lang);
  }
  if (node.type === 'array') {
    const n = countRange(node.minItems as number | undefined, node.maxItems as number | undefined, lang === 'en' ? ['item', 'items'] : ['élément', 'éléments'], lang);
    const items = node.items as JsonNode | undefined;
    const each = items && (items.type === 'number' || items.type === 'integer') ? numberRange(items, lang) : '';
    if (each) return [n, lang === 'en' ? `each ${each}` : `chacun ${each}`].filter(Boolean).join(', ');
    return n;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------

function groupsOf(path: string): OneOfGroup[] {
  return ONE_OF_GROUPS.filter((g) => path.startsWith(g.at + '.') && !path.slice(g.at.length + 1).includes('.') && g.keys.includes(path.slice(g.at.length + 1)));
}

function fitsType(node: JsonNode, v: unknown): boolean {
  const t = node.type;
  if (t === 'number') return typeof v === 'number';
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'boolean') return typeof v === 'boolean';
  if (t === 'string') return typeof v === 'string' && (!Array.isArray(node.enum) || (node.enum as Json[]).includes(v as string));
  return false;
}

/** The JSON `default` of a key: a literal, or the value of its one assumption when the schema accepts it. */
export function jsonDefault(doc: KeyDoc, node: JsonNode): Json | undefined {
  // A default said in words (« 1 en Île-de-France, 0 ailleurs ») is no single value to complete with.
  if (doc.defaultFr !== undefined && doc.value === undefined) return undefined;
  const v = doc.value !== undefined ? doc.value : doc.defaults?.length === 1 ? defaultValue(doc.defaults[0]!) : undefined;
  return v !== undefined && fitsType(node, v) ? v : undefined;
}

function description(path: string, doc: KeyDoc, node: JsonNode): string {
  const key = path.slice(path.lastIndexOf('.') + 1).replace('[]', '');
  const lines = [doc.fr];
  const facts: string[] = [];
  const unit = unitFr(key, doc);
  if (unit) facts.push(`Unité : ${unit}`);
  const range = rangeText(node, 'fr');
  if (range) facts.push(`Plage : ${range}`);
  const def = defaultFrText(doc);
  if (def) facts.push(`Défaut : ${def}`);
  if (facts.length) lines.push(facts.join('. ') + '.');
  for (const g of groupsOf(path)) {
    const others = g.keys.filter((k) => k !== key).map((k) => `\`${k}\``).join(', ');
    lines.push(g.required ? `Une seule de ces formes, obligatoire : celle-ci ou ${others}.` : `Exclusif avec ${others}.`);
  }
  return lines.join('\n');
}

/** The values the annotated example gives at each path (lists of scalars count as one value). */
function exampleValues(): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  const add = (path: string, v: Json) => {
    const list = out.get(path) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(v))) list.push(v);
    out.set(path, list);
  };
  const visit = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      if (v.every((x) => x === null || typeof x !== 'object')) { if (path) add(path, v as Json[]); return; }
      for (const x of v) visit(x, `${path}[]`);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k);
    } else if (path) add(path, v as Json);
  };
  visit(parseYaml(INIT_TEMPLATE), '');
  return out;
}

function oneOfBranches(g: OneOfGroup): JsonNode {
  const branches: Json[] = g.keys.map((k) => ({ required: [k] }));
  if (!g.required) branches.push({ not: { anyOf: g.keys.map((k) => ({ required: [k] })) } });
  return { oneOf: branches };
}

/** The published schema: zod's, annotated from keys.ts. */
export function operationJsonSchema(): JsonNode {
  const root = bareJsonSchema();
  const docs = keyDocs();
  const examples = exampleValues();
  for (const { path, node, parent, key } of schemaKeys(root)) {
    const doc = docs[docPath(path)];
    if (!doc) continue; // a key without a description (test/schema.test.ts fails on it) is still published, bare
    // The title is the key's place in the file: the editor's hover shows it as the heading.
    const text = description(path, doc, node);
    // markdownDescription: the same text, for the editors that render it (code spans, one paragraph a line).
    const annotated: JsonNode = { title: path, description: text, markdownDescription: text.split('\n').join('\n\n') };
    const def = jsonDefault(doc, node);
    if (def !== undefined) annotated.default = def;
    const ex = [...(examples.get(path) ?? []), ...((doc.examples ?? []) as Json[])];
    if (ex.length > 0 && typeof ex[0] !== 'object') annotated.examples = ex.slice(0, 3);
    else if (ex.length > 0 && Array.isArray(ex[0])) annotated.examples = ex.slice(0, 3);
    (parent.properties as Record<string, JsonNode>)[key] = { ...annotated, ...node };
  }
  const byObject = new Map<string, OneOfGroup[]>();
  for (const g of ONE_OF_GROUPS) byObject.set(g.at, [...(byObject.get(g.at) ?? []), g]);
  for (const [at, gs] of byObject) {
    const node = nodeAt(root, at);
    if (!node) throw new Error(`one-of group at ${at}: no such object in the schema`);
    if (gs.length === 1) Object.assign(node, oneOfBranches(gs[0]!));
    else node.allOf = gs.map(oneOfBranches);
  }
  const { $schema, ...rest } = root;
  return {
    $schema: $schema ?? SCHEMA_DRAFT,
    $id: SCHEMA_ID,
    title: SCHEMA_TITLE,
    description: "Fichier d'opération d'equilibre (équilibre d'opération de logements) : une opération, ses lots, son financement et ses hypothèses. Les `_pct` sont des pourcentages (5 = 5 %), les montants en euros, les surfaces en m². Référence : docs/format.md.",
    ...rest,
  };
}
