/**
 * The editor help docs/format.md promises, checked with the engine of VS Code's YAML extension
 * (yaml-language-server, run in-process): with `# yaml-language-server: $schema=equilibre-v1.json`
 * at the top of the file and the output of `equilibre schema` in equilibre-v1.json, the file of
 * `equilibre init` has no problem, a second form of an « exactly one of » group is flagged, hovering
 * a key shows its French description with its default and source, and completion offers the keys.
 */
import { describe, expect, it } from 'vitest';
import { getLanguageService, type CompletionItem, type Diagnostic, type MarkupContent } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { INIT_TEMPLATE } from '../src/cli/init-template';
import { operationJsonSchema } from '../src/schema/json-schema';

const SCHEMA_FILE = 'file:///projet/equilibre-v1.json';
const MODELINE = '# yaml-language-server: $schema=equilibre-v1.json\n';
const requested: string[] = [];

function languageService(yamlVersion: '1.1' | '1.2') {
  const service = getLanguageService({
    schemaRequestService: async (uri: string) => {
      requested.push(uri);
      if (uri !== SCHEMA_FILE) throw new Error(`no such schema ${uri}`);
      return JSON.stringify(operationJsonSchema(), null, 2);
    },
    workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).href },
  });
  service.configure({ validate: true, hover: true, completion: true, yamlVersion });
  return service;
}
/** The extension's default (`yaml.yamlVersion`: 1.2). */
const ls = languageService('1.2');

let n = 0;
/** A new document each time (the language service caches what it parsed by URI and version). */
const doc = (text: string) => TextDocument.create(`file:///projet/operation-${++n}.yaml`, 'yaml', 1, MODELINE + text);
/** The position just after `needle` (its first occurrence after `after`, if given). */
function positionOf(d: TextDocument, needle: string, after = ''): { line: number; character: number } {
  const text = d.getText();
  const i = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (i < 0) throw new Error(`${needle} not found`);
  return d.positionAt(i + 1);
}
/** The problems shown (the YAML extension reports schema problems as warnings). */
const problems = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}: ${d.message}`);

describe('VS Code YAML extension (yaml-language-server) with `equilibre schema`', () => {
  it('the file of `equilibre init` has no problem; the schema is the one of the modeline', async () => {
    expect(problems(await ls.doValidation(doc(INIT_TEMPLATE), false))).toEqual([]);
    expect(requested).toContain(SCHEMA_FILE);
  });

  it('dates: the file of init passes with the extension set to YAML 1.1 too (the editor reads dates as text either way)', async () => {
    // Other YAML 1.1 readers make an unquoted date a Date: test/schema.test.ts shows why init quotes it.
    expect(problems(await languageService('1.1').doValidation(doc(INIT_TEMPLATE), false))).toEqual([]);
    const unquoted = INIT_TEMPLATE.replace('delivery_date: "2028-09-01"', 'delivery_date: 2028-09-01');
    expect(unquoted).not.toBe(INIT_TEMPLATE);
    expect(problems(await ls.doValidation(doc(unquoted), false))).toEqual([]);
  });

  it('flags a value out of range and an unknown key', async () => {
    const text = INIT_TEMPLATE.replace('  fees_pct: 12 ', '  fees_pct: 120').replace('  insurance_pct: 1.5', '  insurence_pct: 1.5');
    const ds = problems(await ls.doValidation(doc(text), false));
    // Lines count the modeline: fees_pct is on line 31 (0-based) of the document.
    expect(ds).toEqual(expect.arrayContaining([expect.stringMatching(/^31: .*maximum of 40/), expect.stringMatching(/^32: .*insurence_pct/)]));
  });

  it('flags a second form of an « exactly one of » group, and a missing required one (land)', async () => {
    const two = INIT_TEMPLATE.replace('  site_works_eur: 120000', '  acquisition_fees_eur: 9000\n  site_works_eur: 120000');
    expect(two).not.toBe(INIT_TEMPLATE);
    expect(problems(await ls.doValidation(doc(two), false))).toEqual([expect.stringMatching(/^16: .*(multiple schemas|only one)/)]);
    const none = INIT_TEMPLATE.replace(/  price_eur_per_m2_sp: 250 .*\n/, '');
    expect(none).not.toBe(INIT_TEMPLATE);
    expect(problems(await ls.doValidation(doc(none), false)).join('\n')).toMatch(/price_eur_per_m2_sp|price_eur/);
  });

  it('hover on a key shows its French description, unit, default and the source of the default', async () => {
    const d = doc(INIT_TEMPLATE);
    const h = await ls.doHover(d, positionOf(d, 'fees_pct: 12'));
    const text = (h?.contents as MarkupContent).value.replace(/\\(.)/g, '$1'); // markdown escapes
    expect(text).toContain('Honoraires (maîtrise d');
    expect(text).toContain('Unité : %. Plage : de 0 à 40. Défaut : 12 — source : [PRO-MOE]');
    expect(text).toContain('construction.fees_pct'); // its title: where the key is
    const ratio = await ls.doHover(d, positionOf(d, 'shab_sp_ratio: 0.85'));
    expect((ratio?.contents as MarkupContent).value).toContain('Exclusif avec `sp_m2`'); // markdown: a code span
  });

  it('completion under `construction:` offers its keys with their description', async () => {
    const text = INIT_TEMPLATE.replace('  lift_', '').replace('  insurance_pct: 1.5        # DO + TRC, % des travaux\n', '  insurance_pct: 1.5        # DO + TRC, % des travaux\n  \n');
    const d = doc(text);
    const pos = positionOf(d, '  \n', '  insurance_pct: 1.5');
    const list = await ls.doComplete(d, { line: pos.line, character: 2 }, false);
    const labels = list.items.map((i: CompletionItem) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['lift', 'prefinancing', 'sp_m2']));
    const lift = list.items.find((i: CompletionItem) => i.label === 'lift')!;
    const docText = typeof lift.documentation === 'string' ? lift.documentation : (lift.documentation as MarkupContent | undefined)?.value ?? '';
    expect(docText).toContain('ascenseur');
  });
});
