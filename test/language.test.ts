/**
 * French all the way, English with --lang en (issue 11, point 5): every command's output is walked
 * in both languages and fails on a word of the other language from a list, matched on word
 * boundaries. What is not ours to translate is taken out first, explicitly:
 *  - text of the user's file (operation and lot names, labels of subsidies, loans, common spaces):
 *    every string scalar of the YAML, as written;
 *  - code: option flags (`--margin-pct`), dotted or snake_case keys and metric names
 *    (`loan.plai.building.margin_pct`, `operation.balance_eur`), `backquoted` text, source lines
 *    quoted by a diagnostic (`  72 |   - …`), file paths, and the last line of `check`
 *    (`N passed, N failed`, English for scripts whatever --lang, as documented);
 *  - the Source column of the assumptions and parameters tables: it quotes official texts and
 *    titles (CCH, CGI, avis…) as they are named, in their language (docs/sources.md);
 *  - command names where they are commands (`equilibre loan`, the help's list).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli';

const INPUTS = [
  ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`),
  'examples/exemple.yaml',
];
const EXAMPLE = 'examples/exemple.yaml';

/** Words that must not appear in French output (English words the tool used to print). */
const NOT_IN_FR = ['of', 'to', 'for', 'with', 'per', 'not', 'yes', 'no', 'true', 'false', 'years', 'year', 'pct', 'longest', 'loan', 'Usage', 'Options:', 'Commands:', 'Arguments:', 'display', 'help for', 'and', 'the', 'default', 'choices', 'unknown', 'missing', 'argument missing', 'too many', 'is invalid', 'error', 'warning', 'hint', 'internal'];
/** Words that must not appear in English output. */
const NOT_IN_EN = ['les', 'des', 'du', 'et', 'une', 'sur', 'par', 'oui', 'non', 'ans', 'logement', 'logements', 'Prêt', 'prêt', 'Prêts', 'Emprunts', 'équilibre', 'équilibrée', 'équilibré', 'avec', 'pour', 'sans', 'Utilisation', 'Commandes', 'aide', 'erreur', 'avertissement', 'défaut', 'afficher', 'fichier', 'millésime', 'Hypothèse', 'Paramètres', 'Loyers', 'Subvention', 'Fonds propres'];

/** Every string scalar of a YAML file: the user's own words. */
function userStrings(file: string): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') { if (v.length >= 3) out.add(v); } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(parse(fs.readFileSync(path.join(ROOT, file), 'utf8')));
  return [...out].sort((a, b) => b.length - a.length);
}
const ALL_USER = [...new Set(INPUTS.flatMap(userStrings))].sort((a, b) => b.length - a.length);

/** Drop the cells of the columns headed `Source` from box tables (unsplit: the outputs are rendered wide). */
function dropSourceColumns(text: string): string {
  let drop: number[] = [];
  return text.split('\n').map((line) => {
    if (line.startsWith('┌') || line.startsWith('└')) { if (line.startsWith('┌')) drop = []; return line; }
    if (!line.startsWith('│')) { drop = []; return line; }
    const cells = line.split('│');
    if (drop.length === 0 && cells.some((c) => c.trim() === 'Source')) drop = cells.map((c, i) => (c.trim() === 'Source' ? i : -1)).filter((i) => i >= 0);
    return cells.map((c, i) => (drop.includes(i) ? '' : c)).join('│');
  }).join('\n');
}

const COMMANDS = /(equilibre |^ {2})(report|params|schema|init|loan|check|sensitivity|compare|help)\b/gm;

function clean(text: string, lang: 'fr' | 'en', extraUser: string[] = []): string {
  let t = dropSourceColumns(text);
  for (const s of extraUser) t = t.split(s).join(' ');
  t = t.split('\n').filter((l) => !/^ *\d* \| /.test(l) && !/^\d+ passed, \d+ failed$/.test(l)).join('\n');
  t = t
    .replace(COMMANDS, ' ')
    .replace(/(commandes|commands): [a-z, ]+/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/(^|\s)-{1,2}[\w-]+/g, ' ')
    .replace(/[\w./*-]+\.(ya?ml|json|xml)\b/g, ' ')
    .replace(/[\w-]*[._][\w.-]*\w/g, ' ');
  // the user's strings as whole words only: a short one must not cut the tool's own words
  for (const s of ALL_USER) t = t.replace(new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'), ' ');
  // `non-CDC` is English; proper names
  t = t.replace(/Île-de-France/g, ' ');
  return lang === 'en' ? t.replace(/\bnon-(?=\p{L})/gu, ' ') : t;
}

function offending(text: string, words: readonly string[]): string[] {
  const hits: string[] = [];
  for (const w of words) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
    const m = re.exec(text);
    if (m) hits.push(`« ${w} » in: ${text.slice(Math.max(0, m.index - 60), m.index + 60).replace(/\n/g, '⏎')}`);
  }
  return hits;
}

async function both(args: string[], opts: { files?: Record<string, string> } = {}): Promise<Record<'fr' | 'en', string>> {
  const out = { fr: '', en: '' };
  for (const lang of ['fr', 'en'] as const) {
    const r = await runCli([...args, '--lang', lang, ...(args.includes('--width') ? [] : ['--width', '1000'])], opts);
    out[lang] = r.stdout + '\n' + r.stderr;
  }
  return out;
}

function expectClean(name: string, out: Record<'fr' | 'en', string>, user: string[] = []): void {
  expect(offending(clean(out.fr, 'fr', user), NOT_IN_FR), `${name} --lang fr`).toEqual([]);
  expect(offending(clean(out.en, 'en', user), NOT_IN_EN), `${name} --lang en`).toEqual([]);
}

describe('every command in French and in English', () => {
  for (const file of INPUTS) {
    it(`report ${file} --detail loans,years`, async () => {
      expectClean(file, await both(['report', file, '--detail', 'loans,years']));
    }, 60_000);
  }

  it('sensitivity (sweeps, levers, tornado, grid)', async () => {
    expectClean('sensitivity', await both(['sensitivity', EXAMPLE, '--grid', 'construction:0:30:10,livret-a:0:2:1']));
    expectClean('sensitivity BRS', await both(['sensitivity', 'fixtures/saint-denis-brs.yaml', '--no-tornado']));
  }, 120_000);

  it('compare (booleans, differences, goal seeks)', async () => {
    const out = await both(['compare', 'fixtures/roubaix-esperance-variants.yaml', '--width', '300']);
    expect(out.fr).toMatch(/│ Test réglementaire du compte locatif \(circ\. 97-51\) respecté +│ +(oui|non) │/);
    expect(out.fr).toMatch(/\d %\s+\([+−]\d+,\d{2} pt\)/); // a difference of percents is in points
    expect(out.en).toMatch(/\d%\s+\([+−]\d+\.\d{2} pt\)/);
    expectClean('compare', out);
  }, 60_000);

  it('check, with failing assertions on a boolean, a percent and euros', async () => {
    const text = fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8').replace(/\nchecks:[\s\S]*$/, '\n')
      + 'checks:\n  - operation.balanced == false\n  - sale.margin_pct between 15 and 30\n  - operation.balance_eur <= -1000.5\n';
    const out = await both(['check', 'fail.yaml', ...INPUTS], { files: { 'fail.yaml': text } });
    expect(out.fr).toMatch(/attendu == non, obtenu oui/);
    expect(out.fr).not.toMatch(/\d,\d{3,} %/); // percents to 0.01, not « 12,8858 % »
    expect(out.fr).not.toMatch(/\d,\d €/); // euros whole or to the cent
    expectClean('check', out, ['operation.balanced == false', 'sale.margin_pct between 15 and 30', 'operation.balance_eur <= -1000.5']);
  }, 60_000);

  it('params, loan', async () => {
    const params = await both(['params']);
    expect(params.fr).toContain('1,50 % puis 2,00 %');
    expect(params.en).toContain('1.50%, then 2.00%');
    expectClean('params', params);
    const loan = await both(['loan', '--amount', '100000', '--product', 'PLUS', '--livret-a-path', '1.5,2.0']);
    expectClean('loan', loan);
  }, 60_000);

  it('--help of the program and of every command, and usage errors', async () => {
    for (const c of [[], ['report'], ['sensitivity'], ['compare'], ['check'], ['params'], ['loan'], ['init'], ['schema']]) {
      const out = await both([...c, '--help']);
      expect(out.fr, c.join(' ')).toMatch(/^Utilisation : equilibre/);
      expect(out.fr).toMatch(/afficher l’aide/);
      expect(out.en, c.join(' ')).toMatch(/^Usage: equilibre/);
      expectClean(`${c.join(' ')} --help`, out);
    }
    for (const args of [['report', EXAMPLE, '--bogus'], ['report'], ['report', EXAMPLE, '--format', 'csv'], ['report', EXAMPLE, EXAMPLE], ['frobnicate'], ['report', EXAMPLE, '--width', '20']]) {
      expectClean(args.join(' '), await both(args));
    }
  }, 60_000);
});

describe('values in the assumptions table', () => {
  it('booleans, units, lists and text defaults are in the language', async () => {
    const out = await both(['report', EXAMPLE]);
    expect(out.fr).toMatch(/Redevance d'archéologie préventive due\s*│\s*oui │/);
    expect(out.fr).toMatch(/│ +1,50 % puis 2,00 % │/);
    expect(out.fr).toMatch(/│ +durée du prêt le plus long │/);
    expect(out.fr).toMatch(/│ +40 ans │|│ +50 ans │/);
    expect(out.en).toMatch(/Preventive archaeology fee due\s*│\s*yes │/);
    expect(out.en).toMatch(/│ +1\.50%, then 2\.00% │/);
    expect(out.en).toMatch(/│ +longest loan │/);
    expect(out.en).toMatch(/CDC PLUS land loan/);
  });
});
