/**
 * The reference tables of docs/format.md, generated from the same description as the JSON Schema
 * (src/schema/keys.ts) and from the schema's own types, bounds and required keys. Each table sits
 * between `<!-- generated:keys:start SECTION -->` and `<!-- generated:keys:end -->`;
 * `npm run docs:format` rewrites them, test/schema.test.ts fails when the file and this disagree.
 */
import { docPath, type KeyDoc } from './describe';
import { bareJsonSchema, rangeText, schemaKeys, type JsonNode } from './json-schema';
import { keyDocs, ONE_OF_GROUPS } from './keys';

/** The tables of docs/format.md, by the object whose keys they list (`''` = the top level). */
export const TABLE_SECTIONS = [
  '', 'operation', 'land', 'land.taxes', 'construction', 'construction.common_spaces[]', 'construction.price_revision',
  'construction.price_revision_bt01', 'construction.prefinancing', 'other[]', 'lots[]', 'lots[].rent', 'lots[].foyer', 'lots[].sale',
  'lots[].psla', 'lots[].brs', 'lots[].sciapp', 'lots[].coop', 'lots[].vefa', 'owners[]', 'transfers[]', 'lots[].types[]', 'lots[].acquisition', 'subsidies[]', 'financing', 'financing.equity[]',
  'financing.loans[]', 'assumptions', 'assumptions.lines', 'line', 'risk', 'checks[]', 'variants[]',
] as const;

const HEADERS: Record<string, string> = {
  'checks[]': '| key (object form) | type | range | req. | default | effect |',
  'variants[]': '| key | type | range | req. | default | effect |',
};
const WORDS = ['', 'one', 'two', 'three', 'four', 'five'];

function parentOf(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}

/** The table a key is listed in: the deepest table section that holds it (`construction.prefinancing` lists `draws[].date`). */
function tableOf(path: string): string | undefined {
  let best: string | undefined;
  const parent = parentOf(path);
  for (const s of TABLE_SECTIONS) {
    if (s === '' ? true : parent === s || parent.startsWith(s + '.') || parent.startsWith(s + '[]')) {
      if (best === undefined || s.length > best.length) best = s;
    }
  }
  return best;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function reqText(path: string, doc: KeyDoc, parent: JsonNode, key: string): string {
  if (doc.req !== undefined) return doc.req;
  if (Array.isArray(parent.required) && parent.required.includes(key)) return 'yes';
  const at = parentOf(path);
  const g = ONE_OF_GROUPS.find((x) => docPath(x.at) === docPath(at) && x.required && x.keys.includes(key));
  if (g) return `one of ${WORDS[g.keys.length] ?? g.keys.length}`;
  return 'no';
}

/** The rows of each table, in schema order. */
export function formatTables(): Map<string, string> {
  const root = bareJsonSchema();
  const docs = keyDocs();
  const rows = new Map<string, string[]>(TABLE_SECTIONS.map((s) => [s, []]));
  const seen = new Set<string>();
  for (const { path, node, parent, key } of schemaKeys(root)) {
    const p = docPath(path);
    if (seen.has(p)) continue; // land.other[] and construction.other[]: one table
    seen.add(p);
    const doc = docs[p];
    if (!doc) throw new Error(`no description for ${path} in src/schema/keys.ts`);
    const table = tableOf(p);
    if (table === undefined) throw new Error(`no table for ${p}`);
    const shown = table === '' ? p : p.slice(table.length + 1);
    const derived = rangeText(node, 'en');
    const range = doc.range === undefined ? derived : derived ? `${derived}, ${doc.range}` : doc.range;
    const cells = [`\`${shown}\``, doc.type, range, reqText(path, doc, parent, key), doc.def ?? '—', doc.effect];
    rows.get(table)!.push(`|${cells.map((c) => (c ? ` ${cell(c)} ` : ' ')).join('|')}|`);
  }
  const out = new Map<string, string>();
  for (const [s, r] of rows) {
    out.set(s, [HEADERS[s] ?? '| key | type, unit | range | req. | default | effect |', '|---|---|---|---|---|---|', ...r].join('\n'));
  }
  return out;
}

const START = /<!-- generated:keys:start ([^ ]*) -->\n/g;
const END = '<!-- generated:keys:end -->';

/** docs/format.md with its generated tables rewritten; throws when a marker is missing or extra. */
export function renderFormatDoc(text: string): string {
  const tables = formatTables();
  const found = new Set<string>();
  let out = '';
  let last = 0;
  for (const m of text.matchAll(START)) {
    const section = m[1] === 'top' ? '' : m[1]!;
    const table = tables.get(section);
    if (table === undefined) throw new Error(`docs/format.md: unknown table ${m[1]}`);
    const from = m.index! + m[0].length;
    const end = text.indexOf(END, from);
    if (end < 0) throw new Error(`docs/format.md: ${m[1]} has no end marker`);
    out += text.slice(last, from) + table + '\n';
    last = end;
    found.add(section);
  }
  const lost = [...tables.keys()].filter((s) => !found.has(s));
  if (lost.length) throw new Error(`docs/format.md: no generated table for ${lost.map((s) => s || 'top').join(', ')}`);
  return out + text.slice(last);
}
