/**
 * Every diagnostic code has a minimal reproducer and is documented (house style, "Errors and
 * diagnostics"). The reproducers live in test/fixtures/diagnostics/<CODE>.yaml; each one is
 * `_valid.yaml` with exactly one thing broken, on the line marked `# ←` (or `# <-` in the Latin-1
 * file). Some codes have no committed file: FILE_NOT_FOUND (a path that must not exist),
 * FILE_TOO_LARGE (generated here, > 10 MB), BAD_SET (a bad `--set` argument) and the codes of the
 * command line (CLI_REPRODUCERS: a command line each).
 * A reproducer is run with `report` unless its header has a line `# command: <name>` (e.g. `check`
 * for the codes of built-in checks and assertions).
 * A problem inside a management profile (PROFILE_KEY_NOT_ALLOWED) has `# profile-reproducer: profils/<CODE>.yaml`
 * in its header: that profile file carries the marker, and the diagnostic points at its line.
 *
 * Severity and exit code of each code are read from docs/diagnostics.md and checked against what
 * the CLI does, so the document cannot drift from the behaviour.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MESSAGES, message } from '../src/report/messages';
import { evalAssertion, parseAssertion, resultArgs } from '../src/checks/checks';
import { D } from '../src/domain/money';
import { crossFieldErrors, runText } from '../src/pipeline';
import { ROOT, runCli, type CliResult } from './helpers/cli';

const DIR = 'test/fixtures/diagnostics';
const VALID = `${DIR}/_valid.yaml`;
const fixturePath = (code: string) => `${DIR}/${code}.yaml`;
const readFixture = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const validText = () => fs.readFileSync(path.join(ROOT, VALID), 'utf8');

/**
 * Codes of the command line, not of a file: their reproducer is a command line (run with the
 * extra arguments of each test, e.g. `--lang en`), their sentence is on the head line.
 */
const CLI_REPRODUCERS: Record<string, string[]> = {
  UNKNOWN_COMMAND: ['chek', VALID],
  USAGE: ['report', VALID, '--bogus'],
  FILE_EXISTS: ['init', VALID],
  UNKNOWN_PARAMETERS_YEAR: ['params', '--year', '1990'],
  NO_FILE_MATCHES: ['check', `${DIR}/nothing-matches-*.yaml`],
  INVALID_OPTION: ['loan', '--amount', 'abc'],
  BAD_RANGE: ['sensitivity', VALID, '--livret-a', '0:100:10'],
  TOO_MANY_EVALUATIONS: ['sensitivity', VALID, '--max-evaluations', '1'],
  OUTPUT_NOT_WRITABLE: ['report', VALID, '-o', 'no-such-folder/out.txt'],
  OUTPUT_IS_INPUT: ['report', VALID, '-o', `./${VALID}`],
};
/** Codes whose reproducer is not a committed file. */
const GENERATED = new Set(['FILE_NOT_FOUND', 'FILE_TOO_LARGE', 'BAD_SET', 'EVALUATION_FAILED', 'YAML_TOO_MANY_NODES', 'TOO_MANY_DIAGNOSTICS', ...Object.keys(CLI_REPRODUCERS)]);
/** Codes about the whole file or the command line: no line:col to give. */
const NO_POSITION = new Set(['FILE_NOT_FOUND', 'FILE_TOO_LARGE', 'BAD_SET', 'EVALUATION_FAILED', 'TOO_MANY_DIAGNOSTICS', ...Object.keys(CLI_REPRODUCERS)]);

/** The 1-based line carrying the `# ←` marker: where the reproducer is broken. */
function markerLine(text: string): number {
  const idx = text.split('\n').findIndex((l) => /# (←|<-)/.test(l));
  if (idx < 0) throw new Error('reproducer without a `# ←` marker');
  return idx + 1;
}

interface DocRow { code: string; severity: string; exit: number; strictExit: number; row: string }
function docRows(): Map<string, DocRow> {
  const text = fs.readFileSync(path.join(ROOT, 'docs/diagnostics.md'), 'utf8');
  const rows = new Map<string, DocRow>();
  for (const line of text.split('\n')) {
    const m = /^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|\s*(error|warning)\s*\|\s*(\d)(?:\s*\(1 with `--strict`\))?\s*\|/.exec(line);
    if (m) rows.set(m[1]!, { code: m[1]!, severity: m[2]!, exit: Number(m[3]), strictExit: line.includes('with `--strict`') ? 1 : Number(m[3]), row: line });
  }
  return rows;
}

/** The command a reproducer is meant for: `# command: check` in its header, else `report`. */
function commandOf(text: string): string {
  return /^# command: ([a-z]+)\s*$/m.exec(text)?.[1] ?? 'report';
}

interface Reproduced { file: string; command: string; run: CliResult; line?: number }

/** Run the reproducer of `code` (with `report`, or the command its header names). */
async function reproduce(code: string, extra: string[] = []): Promise<Reproduced> {
  const cli = CLI_REPRODUCERS[code];
  if (cli) return { file: '', command: 'cli', run: await runCli([...cli, ...extra]) };
  if (code === 'FILE_NOT_FOUND') {
    const file = fixturePath(code);
    return { file, command: 'report', run: await runCli(['report', file, ...extra]) };
  }
  if (code === 'FILE_TOO_LARGE') {
    const file = `${DIR}/FILE_TOO_LARGE.yaml`;
    const big = validText() + '# ' + 'x'.repeat(10 * 1024 * 1024) + '\n';
    return { file, command: 'report', run: await runCli(['report', file, ...extra], { files: { [file]: big } }) };
  }
  if (code === 'EVALUATION_FAILED') {
    // A defect of the engine, injected by the test-only hook (src/cli/contain.ts).
    return { file: VALID, command: 'report', run: await runCli(['report', VALID, ...extra], { env: { EQUILIBRE_TEST_FAULT: '_valid.yaml' } }) };
  }
  if (code === 'YAML_TOO_MANY_NODES') {
    // 50 001 list items on the line after the valid file: over the limit on that line
    const file = `${DIR}/YAML_TOO_MANY_NODES.yaml`;
    const base = validText();
    const text = base + 'x: [' + '1,'.repeat(50_000) + '1]\n';
    return { file, command: 'report', run: await runCli(['report', file, ...extra], { files: { [file]: text } }), line: base.split('\n').length };
  }
  if (code === 'TOO_MANY_DIAGNOSTICS') {
    // 101 unknown parameters: 100 are shown, then TOO_MANY_DIAGNOSTICS
    const file = `${DIR}/TOO_MANY_DIAGNOSTICS.yaml`;
    const text = validText() + 'parameters:\n' + Array.from({ length: 101 }, (_, i) => `  inconnu_${i}: 1\n`).join('');
    return { file, command: 'report', run: await runCli(['report', file, ...extra], { files: { [file]: text } }) };
  }
  if (code === 'BAD_SET') {
    return { file: VALID, command: 'report', run: await runCli(['report', VALID, '--set', 'construction.cost_eur_per_m2_shab', ...extra]) };
  }
  const file = fixturePath(code);
  const text = readFixture(file);
  const command = commandOf(text);
  // a problem inside a management profile: `# profile-reproducer: profils/X.yaml` names the profile
  // file, which carries the marker; the diagnostic points at that file's line
  const inProfile = /^# profile-reproducer: (\S+)\s*$/m.exec(text)?.[1];
  if (inProfile) {
    const pfile = `${DIR}/${inProfile}`;
    return { file: pfile, command, run: await runCli([command, file, ...extra]), line: markerLine(readFixture(pfile)) };
  }
  return { file, command, run: await runCli([command, file, ...extra]), line: markerLine(text) };
}

const CODES = Object.keys(MESSAGES);

describe('diagnostic catalogue', () => {
  it('every code has French and English text, a hint in both languages and a rule', () => {
    for (const [code, def] of Object.entries(MESSAGES)) {
      expect(code, code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(def.rule.trim(), `${code}.rule`).not.toBe('');
      expect(def.hintFr, `${code}.hintFr`).toBeTypeOf('function');
      expect(def.hintEn, `${code}.hintEn`).toBeTypeOf('function');
    }
  });

  it('every code has a reproducer, and every reproducer is a code', () => {
    const files = fs.readdirSync(path.join(ROOT, DIR)).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).map((f) => f.replace(/\.yaml$/, ''));
    const missing = CODES.filter((c) => !GENERATED.has(c) && !files.includes(c));
    expect(missing, 'codes without test/fixtures/diagnostics/<CODE>.yaml').toEqual([]);
    expect(files.filter((f) => !(f in MESSAGES)), 'reproducers of unknown codes').toEqual([]);
    // FILE_NOT_FOUND's reproducer is a path that must stay absent.
    expect(fs.existsSync(path.join(ROOT, fixturePath('FILE_NOT_FOUND')))).toBe(false);
  });

  it('the base of the reproducers is a valid operation without any diagnostic', async () => {
    const r = await runCli(['report', VALID, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });

  it('every code is in docs/diagnostics.md and every documented code exists', () => {
    const documented = [...docRows().keys()];
    expect(CODES.filter((c) => !documented.includes(c)), 'codes missing from docs/diagnostics.md').toEqual([]);
    expect(documented.filter((c) => !(c in MESSAGES)), 'documented codes that do not exist').toEqual([]);
  });

  it('docs/diagnostics.md states the rule of each code as in messages.ts', () => {
    const rows = docRows();
    for (const code of CODES) expect(rows.get(code)?.row ?? '', code).toContain(MESSAGES[code]!.rule);
  });
});

/** Read once at collection time: which tests a code gets depends on its documented exit code. */
const DOC: Map<string, DocRow> = (() => { try { return docRows(); } catch { return new Map(); } })();

describe.each(CODES)('%s', (code) => {
  const doc = DOC.get(code);
  if (!doc) {
    it('is documented in docs/diagnostics.md', () => { expect.fail(`${code} is not in the table of docs/diagnostics.md`); });
    return;
  }
  const severityFr = doc.severity === 'error' ? 'erreur' : 'avertissement';
  // check wraps its text at 100 columns: a long head line continues after `severity[CODE]:`
  const both = (r: CliResult) => (r.stdout + r.stderr).replace(/\]:\n {2}/g, ']: ');

  it('is produced by its reproducer with the documented exit code', async () => {
    const { run, command } = await reproduce(code);
    expect(run.code, both(run)).toBe(doc.exit);
    if (command !== 'report') expect(both(run)).toContain(`[${code}]`);
    else if (doc.exit === 2) expect(run.stderr).toContain(`[${code}]`);
    else {
      const json = await reproduce(code, ['--format', 'json']);
      const codes = (JSON.parse(json.run.stdout).diagnostics as { code: string }[]).map((d) => d.code);
      expect(codes).toContain(code);
    }
  });

  it('renders as documented (error path: file:line:col, source line, hint, no stack trace)', async () => {
    const { file, run, line, command } = await reproduce(code);
    expect(both(run)).not.toMatch(/^ {4}at /m);
    if (command === 'cli') {
      // The command line: `erreur[CODE]: <sentence>` then `aide: …` on standard error, exit 2.
      expect(run.stderr).toMatch(new RegExp(`^${severityFr}\\[${code}\\]: \\S`, 'm'));
      expect(run.stderr).toMatch(/^aide: \S/m);
      expect(run.stderr).not.toMatch(/undefined|\[object /);
      expect(run.written).toEqual({});
      // only `check` prints on stdout, and then only its results
      expect(run.stdout).toMatch(code === 'NO_FILE_MATCHES' ? /^0 passed, 0 failed\n$/ : /^$/);
    } else if (command === 'report' && doc.exit === 2) {
      const { stderr } = run;
      expect(run.stdout).toBe('');
      expect(run.written).toEqual({});
      expect(stderr).toContain(`${severityFr}[${code}]: ${file}`);
      if (!NO_POSITION.has(code)) {
        const expected = line!;
        expect(stderr).toMatch(new RegExp(`\\[${code}\\]: ${escapeRe(file)}:${expected}:\\d+`));
        // the source line, then the caret
        expect(stderr).toMatch(new RegExp(`^ +${expected} \\| .*\\n +\\| +\\^+`, 'm'));
      }
      expect(stderr).toMatch(/^aide: \S/m);
      expect(stderr).not.toMatch(/undefined|\[object |NaN €/);
      expect(stderr).toMatch(/\d+ erreur\(s\): le fichier n'a pas pu être évalué\.\n$/);
    } else if (command === 'report') {
      // Evaluated: the diagnostic is in the report's Alertes section, at the broken line.
      expect(run.stderr).toBe('');
      // a head line wider than the report (100 columns) is wrapped after `severity[CODE]:`: join it back
      const alerts = run.stdout.slice(run.stdout.indexOf('\nALERTES\n')).replace(/\]:\n {2}/g, ']: ');
      expect(alerts.startsWith('\nALERTES\n'), 'an ALERTES section').toBe(true);
      expect(alerts).toContain(`${severityFr}[${code}]: ${file}:${line}:`);
      expect(alerts).toMatch(/^aide: \S/m);
      const json = JSON.parse((await reproduce(code, ['--format', 'json'])).run.stdout) as { diagnostics: { code: string; severity: string; line: number; hint: string | null; message: string }[] };
      const d = json.diagnostics.find((x) => x.code === code)!;
      expect(d.severity).toBe(doc.severity);
      expect(d.line).toBe(line);
      expect(d.hint).toBeTruthy();
      expect(d.message).not.toMatch(/undefined|\[object /);
    } else {
      // Another command (check): the code, located at the broken line, with its hint.
      expect(both(run)).toContain(`${severityFr}[${code}]: ${file}:${line}:`);
      expect(both(run)).toMatch(new RegExp(`^ +${line} \\| .*\\n +\\| +\\^+`, 'm'));
      expect(both(run)).toMatch(/^aide: \S/m);
      expect(both(run)).not.toMatch(/undefined|\[object /);
    }
  });

  it('in English: the same code, a hint: line', async () => {
    const { run, command } = await reproduce(code, ['--lang', 'en']);
    expect(both(run)).toContain(command === 'report' || command === 'cli' ? `${doc.severity}[${code}]` : `[${code}]`);
    expect(both(run)).toMatch(/^hint: \S/m);
    expect(both(run)).not.toMatch(/^aide: /m);
  });

  if (doc.strictExit === 1 && doc.exit === 0) {
    it('--strict turns it into exit 1', async () => {
      expect((await reproduce(code, ['--strict'])).run.code).toBe(1);
    });
  }
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('positions of the parse guards (formerly 1:1)', () => {
  it('YAML_TOO_DEEP points at the first bracket beyond the limit', async () => {
    const { file, run } = await reproduce('YAML_TOO_DEEP');
    // `operation:` and `description:` are 2 block levels; the 63rd bracket (column 16 + 62) is level 65
    expect(run.stderr).toContain(`[YAML_TOO_DEEP]: ${file}:6:78`);
  });

  it('YAML_ALIAS_LIMIT points at the alias whose expansion goes over the limit', async () => {
    const { file, run } = await reproduce('YAML_ALIAS_LIMIT');
    // 9 × *a (9), 9 × *b (9 × 10 = 90): the first *c brings the count over 100
    expect(run.stderr).toContain(`[YAML_ALIAS_LIMIT]: ${file}:30:10`);
    expect(run.stderr).toMatch(/^ {2}30 \| {3}d: &d \[\*c,.*\n {5}\| {10}\^$/m);
  });

  it('an alias without anchor is a located YAML_SYNTAX, not an alias bomb', async () => {
    const r = await runCli(['report', 'op.yaml'], { files: { 'op.yaml': validText().replace('  name: Reproducteur\n', '  name: *nom\n') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('erreur[YAML_SYNTAX]: op.yaml:5:9');
    expect(r.stderr).not.toContain('YAML_ALIAS_LIMIT');
  });
});

describe('missing keys of every type are MISSING_KEY', () => {
  it('a missing enum key (zone_abc) is MISSING_KEY with the allowed values, at the key `operation:`', async () => {
    const text = validText().replace('  zone_abc: B1\n', '');
    const r = await runCli(['report', 'op.yaml'], { files: { 'op.yaml': text } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('erreur[MISSING_KEY]: op.yaml:4:1: operation.zone_abc');
    expect(r.stderr).toContain('clé obligatoire absente: « zone_abc » (attendu: une valeur parmi A bis, A, B1, B2, C)');
    expect(r.stderr).not.toContain('INVALID_CHOICE');
    const en = await runCli(['report', 'op.yaml', '--lang', 'en'], { files: { 'op.yaml': text } });
    expect(en.stderr).toContain('required key missing: "zone_abc" (expected: one of A bis, A, B1, B2, C)');
  });

  it('a missing union key (zone_hlm) too', async () => {
    const r = await runCli(['report', 'op.yaml'], { files: { 'op.yaml': validText().replace('  zone_hlm: 2\n', '') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('erreur[MISSING_KEY]: op.yaml:4:1: operation.zone_hlm');
    expect(r.stderr).toMatch(/« zone_hlm » \(attendu: une valeur parmi (1 bis|1|2|3)(, (1 bis|1|2|3)){3}\)/);
    expect(r.stderr).not.toContain('INVALID_CHOICE');
  });

  it('a missing mapping: « une table de clés (mapping) » with agreement', async () => {
    const text = validText().replace('construction:\n  cost_eur_per_m2_shab: 1850\n', '');
    const r = await runCli(['report', 'op.yaml'], { files: { 'op.yaml': text } });
    expect(r.stderr).toContain('clé obligatoire absente: « construction » (attendu: une table de clés (mapping))');
    const wrong = await runCli(['report', 'op.yaml'], { files: { 'op.yaml': validText().replace('construction:\n  cost_eur_per_m2_shab: 1850\n', 'construction: [1850]\n') } });
    expect(wrong.stderr).toContain('une table de clés (mapping) attendue, trouvé une liste');
  });
});

describe('the nesting guard reads tokens, not characters', () => {
  const run = (text: string) => runCli(['report', 'op.yaml'], { files: { 'op.yaml': text } });

  it('a comment full of brackets is not nesting', async () => {
    const r = await run(validText() + '# ' + '['.repeat(70) + '\n');
    expect(r.code, r.stderr).toBe(0);
  });

  it('brackets in quoted strings and in plain text are not nesting', async () => {
    const deep = '['.repeat(70);
    for (const name of [`"${deep}"`, `'${deep}'`, `"a\n    ${deep}"`, `texte ${deep}`]) {
      const r = await run(validText().replace('  name: Reproducteur', `  name: ${name}`));
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
    }
  });

  it('a deeply indented block scalar is not nesting', async () => {
    const text = validText().replace('  name: Reproducteur\n', `  name: Reproducteur\n  description: |\n${' '.repeat(140)}texte [[[[\n${' '.repeat(140)}# pas un commentaire ${'{'.repeat(70)}\n`);
    const r = await run(text);
    expect(r.code, r.stderr).toBe(0);
  });

  it('100 000 open brackets, or 100 000 nested `- `, are refused in bounded time without a stack overflow', async () => {
    for (const tail of ['x: ' + '['.repeat(100_000) + '\n', 'x:\n' + '- '.repeat(100_000) + 'v\n', 'x: ' + '{a: '.repeat(100_000) + '\n']) {
      const t0 = performance.now();
      const r = await run(validText() + tail);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/erreur\[YAML_TOO_DEEP\]: op\.yaml:2[56]:\d+/);
      noStack(r);
    }
  });

  function noStack(r: CliResult) { expect(r.stderr).not.toMatch(/^ {4}at /m); }
});

describe('positions: a mapping or list value is pointed at its key', () => {
  const run = (text: string, args: string[] = []) => runCli(['report', 'op.yaml', ...args], { files: { 'op.yaml': text } });

  it('SECTION_NOT_FOR_TENURE on a block `sale:` points at `sale:`, not at its first child', async () => {
    const r = await run(validText().replace('    shab_m2: 650\n', '    shab_m2: 650\n    sale:\n      price_eur_per_m2_shab_ttc: 3000\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/erreur\[SECTION_NOT_FOR_TENURE\]: op\.yaml:21:5: lots\[0\]\.sale\n {2}21 \| {5}sale:\n {5}\| {5}\^\^\^\^\n/);
  });

  it('UNKNOWN_PARAMETER points at the key, a scalar value at the value', async () => {
    const r = await reproduce('UNKNOWN_PARAMETER');
    expect(r.run.stderr).toContain(`[UNKNOWN_PARAMETER]: ${r.file}:27:3`);
    const v = await reproduce('VALUE_OUT_OF_RANGE');
    expect(v.run.stderr).toContain(`[VALUE_OUT_OF_RANGE]: ${v.file}:19:16`);
  });

  it('FINANCING_SURPLUS (path `financing`) points at `financing:`', async () => {
    const { file, run } = await reproduce('FINANCING_SURPLUS');
    expect(run.stdout).toMatch(new RegExp(`\\[FINANCING_SURPLUS\\]: ${escapeRe(file)}:26:1: financing\\n {2}26 \\| financing:.*\\n {5}\\| \\^{9}\\n`));
  });
});

describe('figures in messages: fr-FR or en at render time, raw in args', () => {
  it('money, percents and areas in French and in English', async () => {
    const fr = (await reproduce('FINANCING_SURPLUS', ['--width', '200'])).run.stdout;
    expect(fr).toMatch(/lot plus: ressources 5 000 000,00 € pour un prix de revient TTC de \d{1,3}(?: \d{3})+,\d{2} € — \d{1,3}(?: \d{3})+,\d{2} € de trop/);
    const en = (await reproduce('FINANCING_SURPLUS', ['--lang', 'en', '--width', '200'])).run.stdout;
    expect(en).toMatch(/lot plus: sources €5,000,000\.00 for a TTC cost of €\d{1,3}(?:,\d{3})+\.\d{2} — €\d{1,3}(?:,\d{3})+\.\d{2} too much/);
    const json = JSON.parse((await reproduce('FINANCING_SURPLUS', ['--format', 'json'])).run.stdout) as { diagnostics: { code: string; args: Record<string, unknown> }[] };
    const d = json.diagnostics.find((x) => x.code === 'FINANCING_SURPLUS')!;
    expect(d.args.sources).toBe('5000000.00');
    expect(d.args.uses).toMatch(/^\d+\.\d{2}$/);

    expect((await reproduce('IMPLAUSIBLE_DWELLING_SIZE')).run.stdout).toContain('lot plus: 6,5 m² SHAB par logement');
    expect((await reproduce('IMPLAUSIBLE_DWELLING_SIZE', ['--lang', 'en'])).run.stdout).toContain('lot plus: 6.5 m² per dwelling');
    expect((await reproduce('CDC_LOANS_BELOW_HALF')).run.stdout).toMatch(/prêts CDC \d{1,3}(?: \d{3})+,\d{2} € = 40 % du prix de revient TTC/);
    expect((await reproduce('CDC_LOANS_BELOW_HALF', ['--lang', 'en'])).run.stdout).toMatch(/CDC loans €\d{1,3}(?:,\d{3})+\.\d{2} = 40% of the TTC cost/);
  });

  it('PSLA_REDEVANCE_ABOVE_CEILING gives the unit of the ceiling', async () => {
    const out = (await reproduce('PSLA_REDEVANCE_ABOVE_CEILING')).run.stdout;
    expect(out).toMatch(/part locative 50 €\/m² SU\/mois ramenée au plafond de \d+(,\d+)? €\/m² SU\/mois/);
  });

  it('check: expected/actual/difference formatted in the text, raw in the JSON', async () => {
    const text = await reproduce('FINANCING_BALANCED');
    expect(text.run.stdout).toMatch(/lot plus: attendu ressources = \d{1,3}(?: \d{3})+,\d{2} €, obtenu 5 000 000 €, écart \d{1,3}(?: \d{3})+,\d{2} €/);
    const en = await reproduce('FINANCING_BALANCED', ['--lang', 'en']);
    expect(en.run.stdout).toMatch(/lot plus: expected sources = €\d{1,3}(?:,\d{3})+\.\d{2}, got €5,000,000, difference €\d{1,3}(?:,\d{3})+\.\d{2}/);
    const json = JSON.parse((await reproduce('FINANCING_BALANCED', ['--format', 'json'])).run.stdout) as { files: { results: { code: string; actual: string; difference: string }[] }[] };
    const r = json.files[0]!.results.find((x) => x.code === 'FINANCING_BALANCED')!;
    expect(r.actual).toBe('5000000 €');
    expect(r.difference).toMatch(/^\d+(\.\d+)?$/);
  });

  it('an assertion on a year metric keeps its years as written', () => {
    // the message words the result's facts (resultArgs), not a French text read back
    const text = (assertion: string, value: number | string, unit: string, lang: 'fr' | 'en') => {
      const a = parseAssertion(assertion, 0);
      if ('error' in a) throw new Error(a.error);
      return message('ASSERTION', resultArgs(evalAssertion(a, { value: typeof value === 'number' ? value : D(value), unit })), lang).text;
    };
    expect(text('rental.equity_recovery_year <= 2040', 2045, 'year', 'fr')).toBe('rental.equity_recovery_year <= 2040: attendu <= 2040, obtenu 2045, écart 5');
    expect(text('surfaces.shab_m2 <= 1000000', '1234567.5', 'm2', 'fr'))
      .toBe('surfaces.shab_m2 <= 1000000: attendu <= 1 000 000, obtenu 1 234 567,50 m², écart 234 567,50');
    expect(text('cost_price.total_ttc_eur <= 1000000', '1234567.5', 'eur', 'fr'))
      .toBe('cost_price.total_ttc_eur <= 1000000: attendu <= 1 000 000, obtenu 1 234 567,50 €, écart 234 567,50 €');
    expect(text('cost_price.total_ttc_eur <= 1000000', '1234567.5', 'eur', 'en'))
      .toBe('cost_price.total_ttc_eur <= 1000000: expected <= 1,000,000, got €1,234,567.50, difference €234,567.50');
    // a range on a year metric: the years as written, the words in the language (English said « entre » before)
    expect(text('rental.equity_recovery_year between 2030 and 2040', 2045, 'year', 'en')).toBe('rental.equity_recovery_year between 2030 and 2040: expected between 2030 and 2040, got 2045, difference 5');
    expect(text('rental.equity_recovery_year between 2030 and 2040', 2045, 'year', 'fr')).toBe('rental.equity_recovery_year between 2030 and 2040: attendu entre 2030 et 2040, obtenu 2045, écart 5');
  });
});

describe('FILE_NOT_FOUND says why, in words', () => {
  it('the reason is an errno code in args, a phrase in the message', async () => {
    const r = await runCli(['check', 'absent.yaml', '--format', 'json']);
    const d = (JSON.parse(r.stdout) as { files: { diagnostics: { code: string; args: { reason: string }; message: string }[] }[] }).files[0]!.diagnostics[0]!;
    expect(d.code).toBe('FILE_NOT_FOUND');
    expect(d.args.reason).toBe('ENOENT');
    expect(d.message).toBe('fichier introuvable');
    const dir = await runCli(['report', DIR, '--lang', 'en']);
    expect(dir.stderr).toContain(`error[FILE_NOT_FOUND]: ${DIR}\na directory, not a file\n`);
    expect(message('FILE_NOT_FOUND', { reason: 'EACCES' }, 'fr')).toMatchObject({ text: 'lecture refusée (droits insuffisants)', hint: 'vérifiez les droits de lecture du fichier (ls -l)' });
    expect(message('FILE_NOT_FOUND', { reason: 'EXDEV' }, 'en').text).toBe('unreadable file (EXDEV)');
  });

  it('an unreadable file and a bad --set: both are reported', async () => {
    const r = await runCli(['report', 'absent.yaml', '--set', 'nothing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('erreur[FILE_NOT_FOUND]: absent.yaml');
    expect(r.stderr).toContain('erreur[BAD_SET]: absent.yaml');
    expect(r.stderr).toContain('2 erreur(s)');
  });
});

describe('YAML_DUPLICATE_KEY names the key', () => {
  it('in block and flow mappings, quoted or not', async () => {
    const { run } = await reproduce('YAML_DUPLICATE_KEY');
    expect(run.stderr).toContain('clé « price_eur_per_m2_sp » en double dans la même table');
    const flow = await runCli(['report', 'op.yaml', '--lang', 'en'], { files: { 'op.yaml': validText().replace('  price_eur_per_m2_sp: 250', '  price_eur_per_m2_sp: 250\n  taxes: { ta_rate_pct: 5, "ta_rate_pct": 6 }') } });
    expect(flow.stderr).toContain('error[YAML_DUPLICATE_KEY]: op.yaml:12:28');
    expect(flow.stderr).toContain('duplicate key "ta_rate_pct" in the same mapping');
  });
});

describe('all errors of a file at once: the cross-field rules run on raw data when the schema fails', () => {
  const run = (text: string) => runCli(['report', 'op.yaml'], { files: { 'op.yaml': text } });

  it('schema errors, a duplicate lot id, an unknown lot, conflicting keys, a misplaced section, an unknown parameter: one list, in file order', async () => {
    const text = validText()
      .replace('  zone_abc: B1', '  zone_abc: b1') // line 6: INVALID_CHOICE
      .replace('  price_eur_per_m2_sp: 250', '  price_eur_per_m2_sp: 250\n  price_eur: 400000') // line 12: CONFLICTING_KEYS
      .replace('  - id: psla', '  - id: plus') // line 23: DUPLICATE_LOT_ID
      .replace('    shab_m2: 650', '    shab_m2: 650\n    sale: { price_eur_per_m2_shab_ttc: 3000 }') + // line 22: SECTION_NOT_FOR_TENURE
      '\nsubsidies:\n  - { source: Région, amount_eur: "beaucoup", lots: [pluss] }\n' + // line 29: WRONG_TYPE, UNKNOWN_LOT
      '\nparameters:\n  livret_a_rate_pct: 2.4\n'; // line 32: UNKNOWN_PARAMETER
    const r = await run(text);
    expect(r.code).toBe(2);
    const heads = [...r.stderr.matchAll(/^erreur\[([A-Z_]+)\]: op\.yaml:(\d+):\d+/gm)].map((m) => `${m[1]}@${m[2]}`);
    expect(heads).toEqual(['INVALID_CHOICE@6', 'CONFLICTING_KEYS@12', 'SECTION_NOT_FOR_TENURE@22', 'DUPLICATE_LOT_ID@23', 'WRONG_TYPE@29', 'UNKNOWN_LOT@29', 'UNKNOWN_PARAMETER@32']);
    expect(r.stderr).toContain('7 erreur(s)');
  });

  it('malformed data of every shape: no crash, no invented cross-field error', async () => {
    const cases = [
      'lots: 5', 'lots: [1, "x", null, []]', 'lots: [{ id: 3 }, { id: plus }, { id: plus }]', 'subsidies: "x"', 'subsidies: [{ lots: "plus" }, { lots: [1, null] }]',
      'financing: [1]', 'financing: { loans: { a: 1 }, equity: [null] }', 'land: null', 'land: [1]', 'parameters: [1, 2]', 'parameters: { null: 1 }', 'operation: { parameters_year: "x" }',
    ];
    for (const extra of cases) {
      const key = extra.split(':')[0]!;
      const text = validText().split(/\n(?=[a-z])/).filter((block) => !block.startsWith(`${key}:`)).join('\n') + `\n${extra}\n`;
      const r = await run(text);
      expect(r.code, extra).toBe(2);
      expect(r.stderr, extra).not.toMatch(/erreur interne|^ {4}at /m);
    }
    // ids that are not all text: no UNKNOWN_LOT (the list of ids is not known), but the duplicate is said
    const r = await run(validText().replace('  - id: psla', '  - id: plus') + '  - { id: 7, tenure: PLS, dwellings: 1, shab_m2: 60 }\nsubsidies:\n  - { source: x, amount_eur: 1, lots: [zzz] }\n');
    expect(r.stderr).toContain('[DUPLICATE_LOT_ID]');
    expect(r.stderr).not.toContain('[UNKNOWN_LOT]');
  });

  it('the raw rules agree with the model on every reproducer and seed file (same code, path and args)', () => {
    const RAW = new Set(['UNKNOWN_PARAMETER', 'DUPLICATE_LOT_ID', 'UNKNOWN_LOT', 'CONFLICTING_KEYS', 'MISSING_ONE_OF', 'SECTION_NOT_FOR_TENURE', 'INDEX_AFTER_SERIES']);
    const files = [
      ...fs.readdirSync(path.join(ROOT, DIR)).filter((f) => f.endsWith('.yaml')).map((f) => `${DIR}/${f}`),
      ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`),
    ];
    let compared = 0;
    for (const rel of files) {
      const text = readFixture(rel);
      const res = runText(rel, text);
      if (!res.load.input) continue; // the model does not run: nothing to compare
      const fromModel = res.diagnostics.filter((d) => RAW.has(d.code)).map((d) => ({ code: d.code, path: d.path, args: d.args }));
      const fromRaw = crossFieldErrors(parseYaml(text)).filter((d) => RAW.has(d.code)).map((d) => ({ code: d.code, path: d.path, args: d.args }));
      expect(fromRaw, rel).toEqual(fromModel);
      compared += fromModel.length;
    }
    expect(compared).toBeGreaterThanOrEqual(RAW.size);
  });
});

describe('the report\'s ALERTES section', () => {
  it('separates its entries with a blank line', async () => {
    const text = readFixture(fixturePath('IMPLAUSIBLE_DWELLING_SIZE')).replace('    shab_m2: 420', '    shab_m2: 42');
    const r = await runCli(['report', 'op.yaml'], { files: { 'op.yaml': text } });
    const alerts = r.stdout.slice(r.stdout.indexOf('\nALERTES\n'));
    expect(alerts).toMatch(/^aide: .*\n\navertissement\[IMPLAUSIBLE_DWELLING_SIZE\]/m);
    expect(alerts.match(/^avertissement\[/gm)).toHaveLength(2);
  });
});

describe('bad input of every kind ends in exit 2 with located, coded messages', () => {
  const run = (text: string | Uint8Array, args: string[] = []) => runCli(['report', 'op.yaml', ...args], { files: { 'op.yaml': text } });
  const noStack = (r: CliResult) => expect(r.stderr).not.toMatch(/^ {4}at /m);

  it('reports all schema errors of a file at once, in file order', async () => {
    const text = validText()
      .replace('  zone_abc: B1', '  zone_abc: b1') // line 6
      .replace('  cost_eur_per_m2_shab: 1850', '  cost_eur_per_m2_shab: "1850 €"') // line 14
      .replace('    dwellings: 6', '    dwellings: 0'); // line 23
    const r = await run(text);
    expect(r.code).toBe(2);
    const heads = [...r.stderr.matchAll(/^erreur\[([A-Z_]+)\]: op\.yaml:(\d+):\d+/gm)].map((m) => `${m[1]}@${m[2]}`);
    expect(heads).toEqual(['INVALID_CHOICE@6', 'WRONG_TYPE@14', 'VALUE_OUT_OF_RANGE@23']);
    expect(r.stderr).toContain('3 erreur(s)');
    expect(r.stderr.match(/^aide: /gm)).toHaveLength(3);
    noStack(r);
  });

  it('unknown key with a did-you-mean: shabm2 → shab_m2', async () => {
    const text = validText().replace('    shab_m2: 650', '    shabm2: 650');
    const r = await run(text);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/erreur\[UNKNOWN_KEY\]: op\.yaml:20:5: lots\[0\]\.shabm2/);
    expect(r.stderr).toContain('clé inconnue « shabm2 »; vouliez-vous dire « shab_m2 » ?');
    expect(r.stderr).toMatch(/^aide: clés admises ici: .*shab_m2/m);
    // the renamed key also leaves shab_m2 missing: both are said
    expect(r.stderr).toContain('[MISSING_KEY]');
    const en = await run(text, ['--lang', 'en']);
    expect(en.stderr).toContain('unknown key "shabm2"; did you mean "shab_m2"?');
  });

  it('a YAML alias bomb (billion laughs) is refused quickly', async () => {
    const t0 = performance.now();
    const r = await run(readFixture(fixturePath('YAML_ALIAS_LIMIT')));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[YAML_ALIAS_LIMIT]');
    noStack(r);
  });

  it('a small alias bomb (5 levels of 10) is refused too', async () => {
    const lines = ['x:', '  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    let prev = 'a';
    for (const l of 'bcde') { lines.push(`  ${l}: &${l} [${Array(10).fill(`*${prev}`).join(', ')}]`); prev = l; }
    const r = await run(validText() + lines.join('\n') + '\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[YAML_ALIAS_LIMIT]');
  });

  it('deep nesting, flow or block, is refused', async () => {
    const flow = await run(validText() + 'x: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
    expect(flow.code).toBe(2);
    expect(flow.stderr).toContain('[YAML_TOO_DEEP]');
    let block = validText() + 'x:\n';
    for (let i = 1; i <= 80; i++) block += `${'  '.repeat(i)}k:\n`;
    block += `${'  '.repeat(81)}v: 1\n`;
    const b = await run(block);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('[YAML_TOO_DEEP]');
    noStack(flow); noStack(b);
  });

  it('a second document is YAML_MULTIPLE_DOCUMENTS at its marker, in our words (the loader composes the parser\'s tokens itself)', async () => {
    const line = validText().split('\n').length;
    for (const tail of ['---\nb: 2\n', '---\n', '---', '...\n---\n# rien\n']) {
      const r = await run(validText() + tail);
      expect(r.code).toBe(2);
      expect(r.stderr, JSON.stringify(tail)).toContain(`erreur[YAML_MULTIPLE_DOCUMENTS]: op.yaml:${line + (tail.startsWith('...') ? 1 : 0)}:1`);
      expect(r.stderr).toContain('second document YAML (après « --- »)');
      expect(r.stderr).not.toMatch(/multiple documents|parseAllDocuments/);
      noStack(r);
    }
  });

  it('1e308 is out of range, located', async () => {
    const r = await run(validText().replace('  cost_eur_per_m2_shab: 1850', '  cost_eur_per_m2_shab: 1e308'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/erreur\[VALUE_OUT_OF_RANGE\]: op\.yaml:14:25: construction\.cost_eur_per_m2_shab/);
    expect(r.stderr).toContain('au plus 1 000 000');
    noStack(r);
  });

  it('.nan and .inf are not numbers', async () => {
    for (const [v, found] of [['.nan', 'NaN'], ['.inf', "l'infini"], ['-.inf', "l'infini"]] as const) {
      const r = await run(validText().replace('    shab_m2: 650', `    shab_m2: ${v}`));
      expect(r.code, v).toBe(2);
      expect(r.stderr, v).toMatch(/erreur\[WRONG_TYPE\]: op\.yaml:20:14: lots\[0\]\.shab_m2/);
      expect(r.stderr, v).toContain(`un nombre attendu, trouvé ${found}`);
    }
  });

  it('a string where a number belongs, with the hint about quotes and units', async () => {
    const r = await run(validText().replace('    dwellings: 10', '    dwellings: "10"'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/erreur\[WRONG_TYPE\]: op\.yaml:19:16: lots\[0\]\.dwellings/);
    expect(r.stderr).toContain('un nombre attendu, trouvé un texte ("10")');
    expect(r.stderr).toContain('aide: écrivez le nombre sans guillemets ni unité');
  });

  it('a list, a number or a string as the root', async () => {
    const list = await run('- format: equilibre/v1\n- lots: []\n');
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('erreur[ROOT_NOT_MAPPING]: op.yaml:1:1');
    expect(list.stderr).toContain('pas une liste');
    const num = await run('42\n');
    expect(num.stderr).toContain('pas un nombre');
    const str = await run('bonjour\n');
    expect(str.stderr).toContain('pas un texte');
  });

  it('an empty file, a blank file, a file of comments', async () => {
    for (const text of ['', '\n\n   \n', '# rien\n# toujours rien\n']) {
      const r = await run(text);
      expect(r.code, JSON.stringify(text)).toBe(2);
      expect(r.stderr, JSON.stringify(text)).toContain('erreur[FILE_EMPTY]: op.yaml:1:1');
      expect(r.stderr).toContain('aide: `equilibre init`');
    }
  });

  it('invalid UTF-8 given as bytes, located at the bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('format: equilibre/v1\noperation:\n  name: Op'), Buffer.from([0xe9]), Buffer.from('ration\n')]);
    const r = await run(bytes);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('erreur[FILE_NOT_UTF8]: op.yaml:3:11');
  });

  it('a bad --set names the expression; one per bad expression', async () => {
    const r = await runCli(['report', VALID, '--set', 'lots[x].shab_m2=1', '--set', 'nothing']);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/erreur\[BAD_SET\]/g)).toHaveLength(2);
    expect(r.stderr).toContain('« lots[x].shab_m2=1 »');
    expect(r.stderr).toContain('« nothing »');
    expect(r.stderr).toContain('2 erreur(s)');
  });

  it('a directory is not a file', async () => {
    const r = await runCli(['report', DIR]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[FILE_NOT_FOUND]');
    noStack(r);
  });
});
