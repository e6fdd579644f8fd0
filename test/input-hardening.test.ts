/**
 * Issue 12, the input side: every case of the issue and its neighbours, through the real entry
 * point (in-process, files read from disk or given as virtual files). Expected values come from
 * the calendar, the schema's documented bounds (docs/format.md), the issue's own examples, or
 * from an equivalent input (a tagged number gives the same report as the untagged one).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataPath, setPathProblem, MAX_NODES } from '../src/load/load';
import { readCapped } from '../src/load/read';
import { paramBound, PARAM_BOUND_FAMILIES } from '../src/params/bounds';
import { PARAM_YEARS } from '../src/params/data';
import { isCalendarDate } from '../src/schema/primitives';
import { ROOT, runCli, type CliResult } from './helpers/cli';

const VALID = fs.readFileSync(path.join(ROOT, 'test/fixtures/diagnostics/_valid.yaml'), 'utf8');
const run = (text: string, args: string[] = [], cmd = 'report') => runCli([cmd, 'op.yaml', ...args], { files: { 'op.yaml': text } });
/** `_valid.yaml` with `extra` lines after `anchor` (a whole line of the file). */
const after = (anchor: string, extra: string) => {
  expect(VALID).toContain(`${anchor}\n`);
  return VALID.replace(`${anchor}\n`, `${anchor}\n${extra}\n`);
};
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** A tool's answer, never a crash: exit 0/1/2, no stack trace, no internal error. */
function sane(r: CliResult): void {
  expect([0, 1, 2]).toContain(r.code);
  const out = r.stdout + r.stderr;
  expect(out).not.toMatch(/^ {4}at /m);
  expect(out).not.toMatch(/erreur interne|internal error|TypeError|RangeError/);
}
function refused(r: CliResult, code: string, line?: number): void {
  sane(r);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`[${code}]`);
  if (line !== undefined) expect(r.stderr).toMatch(new RegExp(`\\[${code}\\]: op\\.yaml:${line}:\\d+`));
}

describe('dates are days of the calendar, checked by the schema', () => {
  it('isCalendarDate: leap years by the Gregorian rule, months of 28–31 days, years 1950–2100', () => {
    for (const d of ['2028-02-29', '2000-02-29', '2030-01-31', '2030-04-30', '1950-01-01', '2100-12-31']) expect(isCalendarDate(d), d).toBe(true);
    for (const d of ['2030-02-30', '2027-02-29', '2100-02-29', '2031-04-31', '2030-06-31', '2030-00-10', '2030-13-01', '2030-01-00', '0001-01-01', '9999-12-31', '1949-12-31', '2101-01-01']) expect(isCalendarDate(d), d).toBe(false);
  });

  it.each(['2030-02-30', '2027-02-29', '2031-04-31', '0001-01-01', '9999-12-31'])('delivery_date %s is INVALID_DATE at the value', async (date) => {
    const text = after('  parameters_year: 2026', `  delivery_date: ${date}`);
    const r = await run(text);
    refused(r, 'INVALID_DATE', lineOf(text, 'delivery_date'));
    expect(r.stderr).toContain(`date ${date} impossible`);
  });

  it('a real leap day is accepted', async () => {
    const r = await run(after('  parameters_year: 2026', '  delivery_date: 2028-02-29'));
    expect(r.code, r.stderr).toBe(0);
  });

  const prefinancing = (draws: string, end?: string) => after('  cost_eur_per_m2_shab: 1850',
    `  prefinancing:\n    rate_pct: 3\n    draws: [${draws}]${end ? `\n    end_date: ${end}` : ''}`);

  it('a draw on an impossible date is INVALID_DATE, not an engine exception', async () => {
    const text = prefinancing('{ date: 2030-02-30, amount_eur: 1000 }');
    for (const cmd of ['report', 'check']) refused(await run(text, [], cmd), 'INVALID_DATE', lineOf(text, 'draws'));
  });

  it('a prefinancing end_date before a draw is DATES_OUT_OF_ORDER at end_date, for report and check alike', async () => {
    const text = prefinancing('{ date: 2026-01-15, amount_eur: 1000 }, { date: 2026-09-15, amount_eur: 1000 }', '2026-06-30');
    for (const cmd of ['report', 'check']) {
      const r = await run(text, [], cmd);
      refused(r, 'DATES_OUT_OF_ORDER', lineOf(text, 'end_date'));
      expect(r.stderr).toContain('date 2026-06-30 antérieure à 2026-09-15');
      expect(r.stderr).toContain('la fin du préfinancement');
    }
    // neighbours: ending on the last draw, or after it, is fine
    for (const end of ['2026-09-15', '2027-01-01']) expect((await run(prefinancing('{ date: 2026-01-15, amount_eur: 1000 }, { date: 2026-09-15, amount_eur: 1000 }', end))).code).toBe(0);
  });

  const bt01 = (price: string, midpoint: string) => after('  cost_eur_per_m2_shab: 1850', `  price_revision_bt01: { price_date: ${price}, midpoint_date: ${midpoint} }`);

  it('a BT01 month in year 9999 or 0001 is INVALID_DATE; past the projection horizon INDEX_AFTER_SERIES', async () => {
    const y9999 = await run(bt01('2025-06', '9999-01'));
    refused(y9999, 'INVALID_DATE');
    expect(y9999.stderr).toContain('date 9999-01 impossible: un mois du calendrier des années 1950 à 2100 attendu');
    refused(await run(bt01('0001-01', '2025-06')), 'INVALID_DATE');
    // the series ends 2025-11 (params/indices.ts) and is projected 10 years: 2035-11 is the last month
    expect((await run(bt01('2025-06', '2035-11'))).code).toBe(0);
    const r = await run(bt01('2025-06', '2035-12'));
    refused(r, 'INDEX_AFTER_SERIES', lineOf(bt01('2025-06', '2035-12'), 'price_revision_bt01'));
    expect(r.stderr).toContain("n'est projetée que jusqu'en 2035-11");
    for (const cmd of ['check', 'sensitivity']) refused(await run(bt01('2040-01', '2041-01'), [], cmd), 'INDEX_AFTER_SERIES');
  });
});

describe('parameters: overrides have a unit and a range (params/bounds.ts)', () => {
  it('every parameter key of every year matches exactly one range, and the embedded values lie within it', () => {
    for (const year of PARAM_YEARS) {
      for (const [key, def] of Object.entries(year.params)) {
        const matching = PARAM_BOUND_FAMILIES.filter(([re]) => re.test(key));
        expect(matching.length, `${year.year} ${key}`).toBe(1);
        const b = paramBound(key)!;
        expect(b.unit, key).toBe(def.unit);
        const values = typeof def.value === 'string' ? [def.value] : def.value;
        expect(typeof def.value !== 'string', `${key}: list iff maxItems`).toBe(b.maxItems !== undefined);
        for (const v of values) {
          expect(Number(v), `${key} = ${v}`).toBeGreaterThanOrEqual(b.min);
          expect(Number(v), `${key} = ${v}`).toBeLessThanOrEqual(b.max);
          if (b.integer) expect(Number.isInteger(Number(v)), key).toBe(true);
        }
      }
    }
    // every family is used by some key (no dead range)
    const keys = PARAM_YEARS.flatMap((y) => Object.keys(y.params));
    for (const [re] of PARAM_BOUND_FAMILIES) expect(keys.some((k) => re.test(k)), String(re)).toBe(true);
  });

  const withParams = (lines: string) => `${VALID}parameters:\n${lines}\n`;
  it.each([
    ['livret_a.rate_pct: 150', 'VALUE_OUT_OF_RANGE', 'au plus 15'],
    ['livret_a.rate_pct: -1', 'VALUE_OUT_OF_RANGE', 'au moins 0'],
    ['loan.plus.building.margin_pct: 500', 'VALUE_OUT_OF_RANGE', 'au plus 10'],
    ['loan.plus.building.duration_years: 0', 'VALUE_OUT_OF_RANGE', 'au moins 1'],
    ['loan.plus.building.duration_years: 2.5', 'WRONG_TYPE', 'un nombre entier attendu'],
    ['loan.default.progressivity_pct: -200', 'VALUE_OUT_OF_RANGE', 'au moins −3'],
    ['vat.plus_pct: -5', 'VALUE_OUT_OF_RANGE', 'au moins 0'],
    ['vat.plus_pct: 1e308', 'VALUE_OUT_OF_RANGE', 'au plus 100'],
    ['tfpb.plus.exemption_years: 7.5', 'WRONG_TYPE', 'un nombre entier attendu'],
    ['rent_ceiling.plus.2: -6.42', 'VALUE_OUT_OF_RANGE', 'au moins 0'],
  ])('%s is %s at the key, with its position', async (line, code, words) => {
    const text = withParams(`  ${line}`);
    const r = await run(text);
    refused(r, code, lineOf(text, line.split(':')[0]!));
    expect(r.stderr).toContain(words);
    expect(r.stderr).toContain(`parameters.${line.split(':')[0]}`);
  });

  it('a list parameter is checked item by item, and may not be empty', async () => {
    const text = withParams('  livret_a.path_pct: [2, -5]');
    const r = await run(text);
    refused(r, 'VALUE_OUT_OF_RANGE', lineOf(text, 'path_pct'));
    expect(r.stderr).toContain('parameters.livret_a.path_pct[1]');
    refused(await run(withParams('  livret_a.path_pct: []')), 'LIST_TOO_SHORT');
  });

  it('values at the bounds are accepted (the range is inclusive)', async () => {
    const r = await run(withParams('  vat.libre_pct: 100\n  loan.plus.building.margin_pct: -5\n  loan.plus.building.duration_years: 80\n  livret_a.path_pct: [0, 15]'), ['--format', 'json']);
    sane(r);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('reading: at most the cap + 1 byte from anything', () => {
  let dir = '';
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-read-')); });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('a regular file at the cap is read; one byte more is E2BIG', () => {
    const f = path.join(dir, 'a.yaml');
    fs.writeFileSync(f, 'x'.repeat(1000));
    const ok = readCapped(f, 1000);
    expect('bytes' in ok && ok.bytes.length).toBe(1000);
    fs.writeFileSync(f, 'x'.repeat(1001));
    expect(readCapped(f, 1000)).toMatchObject({ code: 'E2BIG' });
  });

  it('/dev/zero (stat size 0, endless) is E2BIG after cap + 1 bytes, at once', () => {
    if (!fs.existsSync('/dev/zero')) return;
    expect(readCapped('/dev/zero', 1000)).toMatchObject({ code: 'E2BIG' });
  });

  it('a directory is EISDIR; a missing file ENOENT', () => {
    expect(readCapped(dir, 1000)).toMatchObject({ code: 'EISDIR' });
    expect(readCapped(path.join(dir, 'missing.yaml'), 1000)).toMatchObject({ code: 'ENOENT' });
  });

  it('`report /dev/zero` is FILE_TOO_LARGE, exit 2 (it used to grow without end)', async () => {
    if (!fs.existsSync('/dev/zero')) return;
    const r = await runCli(['report', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[FILE_TOO_LARGE]');
  });

  it('a FIFO is read to its end, through the binary', async () => {
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'op.fifo');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/equilibre.js'), 'report', fifo, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    fs.writeFileSync(fifo, VALID); // blocks until the reader opens it
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(out).operation.name).toBe('Reproducteur');
  }, 30_000);
});

describe('the number of YAML values is bounded', () => {
  it(`a 9.8 MB flow list of 4.9 M items is YAML_TOO_MANY_NODES (over ${MAX_NODES}), exit 2, quickly`, async () => {
    const text = 'format: equilibre/v1\nx: [' + '1,'.repeat(4_900_000) + '1]\n';
    expect(text.length).toBeGreaterThan(9.8e6);
    expect(text.length).toBeLessThan(10 * 1024 * 1024);
    const t0 = performance.now();
    const r = await run(text);
    // a hang guard, not a speed target (it exhausted the heap, and 2 MB took 6 s)
    expect(performance.now() - t0).toBeLessThan(15_000);
    refused(r, 'YAML_TOO_MANY_NODES', 2);
    expect(r.stderr).toContain('trop de valeurs YAML (plus de 50 000)');
    // the source line is cut at 160 characters, and so is the caret line (not 100 000 spaces)
    expect(r.stderr.length).toBeLessThan(2000);
  }, 60_000);

  it('a block list of as many values is refused too; a file under the limit is not', async () => {
    refused(await run(VALID + 'x:\n' + '  - 1\n'.repeat(MAX_NODES + 1)), 'YAML_TOO_MANY_NODES');
    const under = await run(VALID + 'x: [' + '1,'.repeat(MAX_NODES - 100) + '1]\n');
    sane(under);
    expect(under.stderr).not.toContain('YAML_TOO_MANY_NODES');
    expect(under.stderr).toContain('[UNKNOWN_KEY]');
  }, 60_000);

  it('50 000 unknown parameters give 100 diagnostics and TOO_MANY_DIAGNOSTICS, not minutes and a heap crash', async () => {
    const text = VALID + 'parameters: {' + Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(', ') + '}\n';
    const r = await run(text);
    refused(r, 'TOO_MANY_DIAGNOSTICS');
    expect(r.stderr.match(/\[UNKNOWN_PARAMETER\]/g)?.length).toBe(100);
  }, 60_000);

  it('a 9 MB key is reported in a few hundred characters (key and path cut), at its place', async () => {
    for (const text of [`${VALID}? ${'k'.repeat(9_000_000)}\n: 1\n`, `${VALID}parameters:\n  ? ${'k'.repeat(9_000_000)}\n  : 1\n`]) {
      const r = await run(text);
      refused(r, text.includes('parameters:') ? 'UNKNOWN_PARAMETER' : 'UNKNOWN_KEY', VALID.split('\n').length + (text.includes('parameters:') ? 1 : 0));
      expect(r.stderr.length).toBeLessThan(3000);
      expect(r.stderr).toContain(`${'k'.repeat(99)}…`);
    }
  }, 60_000);

  it('a list longer than 500 subsidies is LIST_TOO_LONG', async () => {
    const r = await run(VALID + 'subsidies: [' + Array.from({ length: 501 }, () => '{source: a, amount_eur: 1}').join(', ') + ']\n');
    refused(r, 'LIST_TOO_LONG');
    expect(r.stderr).toContain('au plus 500');
  });
});

describe('--set: bounded paths, null removes, errors point at the option', () => {
  it.each(['lots[4294967294].x=1', 'lots[100000000].x=1', 'subsidies[5000000].x=1', 'lots[99999999999].x=1', 'lots[999999999999999999999999].x=1', 'lots[3].id=x'])('%s is BAD_SET at once', async (expr) => {
    const t0 = performance.now();
    const r = await run(VALID, ['--set', expr]);
    expect(performance.now() - t0).toBeLessThan(5000); // a hang guard: 4294967294 spun forever
    refused(r, 'BAD_SET');
    expect(r.stderr).toContain('indice au-delà de la liste');
  });

  it('the largest index allowed: the list length (append), within the schema maximum', () => {
    const data = { lots: [{}, {}], subsidies: [] };
    expect(setPathProblem(data, ['lots', 2, 'id'])).toBeUndefined();
    expect(setPathProblem(data, ['lots', 3, 'id'])).toEqual({ reason: 'index', max: 2 });
    expect(setPathProblem(data, ['subsidies', 0, 'source'])).toBeUndefined();
    expect(setPathProblem(data, ['subsidies', 1, 'source'])).toEqual({ reason: 'index', max: 0 });
    expect(setPathProblem({}, ['financing', 'loans', 0, 'label'])).toBeUndefined();
    // lots: at most 200 items, so index 199 at most even when appending
    expect(setPathProblem({ lots: Array.from({ length: 200 }, () => ({})) }, ['lots', 200])).toEqual({ reason: 'index', max: 199 });
    expect(parseDataPath('lots[99999999999999999999].x')).toEqual(['lots', Infinity, 'x']);
  });

  it.each(['__proto__.x=1', 'operation.constructor=1', 'lots[0].prototype=1', 'operation.__proto__.polluted=1'])('%s is refused (BAD_SET)', async (expr) => {
    const r = await run(VALID, ['--set', expr]);
    refused(r, 'BAD_SET');
    expect(r.stderr).toContain('ne sont pas des clés du fichier');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('appending a lot works; its problems point at the option', async () => {
    const r = await run(VALID, ['--set', 'lots[2]={id: pls, tenure: PLS, dwellings: 0, shab_m2: 60}']);
    refused(r, 'VALUE_OUT_OF_RANGE');
    expect(r.stderr).toContain('op.yaml: --set lots[2]={id: pls, tenure: PLS, dwellings: 0, shab_m2: 60}: lots[2].dwellings');
    const ok = await run(VALID, ['--set', 'lots[2]={id: pls, tenure: PLS, dwellings: 4, shab_m2: 260}', '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).surfaces.lots).toHaveLength(3);
  });

  it('--set x=null removes the key, as in variants', async () => {
    const text = after('  parameters_year: 2026', '  delivery_date: 2028-09-01');
    const r = await run(text, ['--set', 'operation.delivery_date=null']);
    expect(r.code, r.stderr).toBe(0);
    const oneLot = await run(VALID, ['--set', 'lots[1]=null', '--format', 'json']);
    expect(oneLot.code, oneLot.stderr).toBe(0);
    expect(JSON.parse(oneLot.stdout).surfaces.lots.map((l: { id: string }) => l.id)).toEqual(['plus']);
  });

  it('a --set error points at the option, not at the old value of the file', async () => {
    const r = await run(VALID, ['--set', 'lots[0].shab_m2=abc']);
    refused(r, 'WRONG_TYPE');
    expect(r.stderr).toContain('erreur[WRONG_TYPE]: op.yaml: --set lots[0].shab_m2=abc: lots[0].shab_m2');
    expect(r.stderr).not.toContain('op.yaml:20:'); // line 20 holds the file's `shab_m2: 650`
    expect(r.stderr).not.toMatch(/^ +20 \| /m);
    const json = await runCli(['check', 'op.yaml', '--set', 'lots[0].shab_m2=abc', '--format', 'json'], { files: { 'op.yaml': VALID } });
    const d = (JSON.parse(json.stdout).files[0].diagnostics as { code: string; option?: string; line: number | null }[]).find((x) => x.code === 'WRONG_TYPE')!;
    expect(d.option).toBe('--set lots[0].shab_m2=abc');
    expect(d.line).toBeNull();
    // a rule across fields too: the duplicate id comes from the option
    const dup = await run(VALID, ['--set', 'lots[1].id=plus']);
    refused(dup, 'DUPLICATE_LOT_ID');
    expect(dup.stderr).toContain('op.yaml: --set lots[1].id=plus: lots[1].id');
    // an error elsewhere in the file keeps its line
    const other = await run(VALID.replace('shab_m2: 420', 'shab_m2: -1'), ['--set', 'lots[0].shab_m2=100']);
    expect(other.stderr).toMatch(/\[VALUE_OUT_OF_RANGE\]: op\.yaml:\d+:\d+: lots\[1\]\.shab_m2/);
  });

  it('variants: a path through __proto__ is refused by the schema, an index past a list is VARIANT_INVALID', async () => {
    const proto = await run(`${VALID}variants:\n  - name: a\n    set:\n      __proto__.x: 1\n  - name: b\n    set:\n      lots[0].constructor: 1\n`, [], 'compare');
    refused(proto, 'INVALID_FORMAT');
    expect(proto.stderr.match(/\[INVALID_FORMAT\]/g)?.length).toBe(2);
    const far = `${VALID}variants:\n  - name: loin\n    set:\n      lots[100000000].x: 1\n`;
    const t0 = performance.now();
    const r = await run(far, [], 'compare');
    expect(performance.now() - t0).toBeLessThan(5000);
    refused(r, 'VARIANT_INVALID', lineOf(far, 'lots[100000000]'));
    expect(r.stderr).toContain('indice au-delà de la liste (au plus 2 ici)');
  });
});

describe('texts refuse control characters (the schema)', () => {
  it.each([
    ['ESC', '"Op\\e[2J"'], ['BEL', '"Op\\a"'], ['NUL', '"Op\\0"'], ['DEL', '"Op\\x7f"'], ['C1 NEL', '"Op\\x85"'], ['C1 CSI', '"Op\\x9b"'],
    ['RLO override', '"Op\\u202e"'], ['RLI isolate', '"Op\\u2067"'], ['tab', '"Op\\tX"'], ['line feed', '"Op\\nX"'], ['line separator', '"Op\\u2028"'],
  ])('%s in the name is CONTROL_CHARACTER at the value', async (_what, value) => {
    const text = VALID.replace('  name: Reproducteur', `  name: ${value}`);
    const r = await run(text);
    refused(r, 'CONTROL_CHARACTER', 5);
    expect(r.stderr).toMatch(/caractère de contrôle U\+[0-9A-F]{4} dans le texte \(caractère n° 3\)/);
  });

  it('a description and an assertion message may hold tabs and line breaks, not ESC', async () => {
    expect((await run(after('  name: Reproducteur', '  description: "ligne 1\\n\\tligne 2"'))).code).toBe(0);
    refused(await run(after('  name: Reproducteur', '  description: "ligne 1\\e]0;titre\\a"')), 'CONTROL_CHARACTER');
    refused(await run(`${VALID}checks:\n  - { metric: dwellings, op: '>=', value: 1, message: "\\e[31mrouge" }\n`, [], 'check'), 'CONTROL_CHARACTER');
  });

  it('keys too: an unknown key or parameter holding ESC is CONTROL_CHARACTER at the key, never echoed raw', async () => {
    for (const text of [VALID.replace('  zone_abc: B1', '  "zone\\e[2J": 1\n  zone_abc: B1'), `${VALID}parameters:\n  "livret\\e]0;x\\a": 1\n`]) {
      const r = await run(text);
      refused(r, 'CONTROL_CHARACTER');
      expect(r.stderr).not.toContain('\u001b');
      expect(r.stderr).not.toContain('[UNKNOWN_KEY]');
    }
  });

  it('labels, sources and assertions are checked too; plain accents and emoji are fine', async () => {
    refused(await run(`${VALID}subsidies:\n  - { source: "État\\e[2J", amount_eur: 1000 }\n`), 'CONTROL_CHARACTER');
    refused(await run(VALID.replace('    shab_m2: 650', '    shab_m2: 650\n    label: "PLUS\\u202egpj.exe"')), 'CONTROL_CHARACTER');
    refused(await run(`${VALID}checks:\n  - "dwellings >= 1\\e[2J"\n`, [], 'check'), 'CONTROL_CHARACTER');
    expect((await run(VALID.replace('  name: Reproducteur', '  name: Résidence « Les Tilleuls » 🌳 — 12 logements'))).code).toBe(0);
  });
});

describe('YAML tags, merge keys, documents', () => {
  it('!!float 1850 and !!int 1850 are the number 1850: the same report as without a tag', async () => {
    const plain = await run(VALID, ['--format', 'json']);
    for (const tag of ['!!float', '!!int', '!!float ']) {
      const r = await run(VALID.replace('cost_eur_per_m2_shab: 1850', `cost_eur_per_m2_shab: ${tag} 1850`), ['--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).metrics).toEqual(JSON.parse(plain.stdout).metrics);
    }
    expect((await run(VALID.replace('tenure: PLUS', 'tenure: !!str PLUS'))).code).toBe(0);
    expect((await run(VALID.replace('cost_eur_per_m2_shab: 1850', 'cost_eur_per_m2_shab: !!float 1.85e3'))).code).toBe(0);
  });

  it.each([
    ['!!int 1850.5', 'la valeur ne correspond pas à son étiquette !!int'],
    ['!!float abc', 'la valeur ne correspond pas à son étiquette !!float'],
    ['!!bool 1850', 'la valeur ne correspond pas à son étiquette !!bool'],
    ['!!binary MTg1MA==', 'étiquette YAML !!binary non prise en charge'],
    ['!!timestamp 2020-01-01', 'étiquette YAML !!timestamp non prise en charge'],
    ['!!set { a, b }', 'étiquette YAML !!set non prise en charge'],
    ['!!omap [ a: 1 ]', 'étiquette YAML !!omap non prise en charge'],
    ['!euros 1850', 'étiquette YAML !euros non prise en charge'],
  ])('%s is YAML_TAG, in French, at the value', async (value, words) => {
    const text = VALID.replace('cost_eur_per_m2_shab: 1850', `cost_eur_per_m2_shab: ${value}`);
    const r = await run(text);
    refused(r, 'YAML_TAG', lineOf(text, 'cost_eur_per_m2_shab'));
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toContain('guillemets'); // not "text with a quotes hint"
  });

  it('Date, Buffer and Set values are described as such, not as « table de clés »', async () => {
    // through --set, whose value is read with the yaml package's default schema
    const r = await run(VALID, ['--set', 'operation.name=!!timestamp 2020-01-01']);
    refused(r, 'WRONG_TYPE');
    expect(r.stderr).toContain('trouvé une date YAML');
    expect(r.stderr).not.toContain('table de clés');
  });

  it('a merge key `<<:` says merge keys are not supported; a quoted "<<" is an unknown key', async () => {
    const text = VALID.replace('land:\n  price_eur_per_m2_sp: 250\n', 'defaults: &d { site_works_eur: 1000 }\nland:\n  <<: *d\n  price_eur_per_m2_sp: 250\n');
    const r = await run(text);
    refused(r, 'YAML_MERGE_KEY', lineOf(text, '<<'));
    expect(r.stderr).toContain('clé de fusion « << » non prise en charge');
    expect(r.stderr).not.toContain('[UNKNOWN_KEY]: op.yaml:' + lineOf(text, '<<'));
    const quoted = await run(VALID.replace('  price_eur_per_m2_sp: 250', '  price_eur_per_m2_sp: 250\n  "<<": 1'));
    refused(quoted, 'UNKNOWN_KEY');
  });

  it('a trailing `---` is YAML_MULTIPLE_DOCUMENTS in French, in English with --lang en', async () => {
    const r = await run(VALID + '---\n');
    refused(r, 'YAML_MULTIPLE_DOCUMENTS', VALID.split('\n').length);
    expect(r.stderr).not.toMatch(/Source contains|parseAllDocuments/);
    const en = await run(VALID + '---\n', ['--lang', 'en']);
    expect(en.stderr).toContain('second YAML document (after "---")');
  });
});

describe('assertions: a boolean compared with a number is malformed, not a failed check', () => {
  const withChecks = (lines: string) => `${VALID}checks:\n${lines}\n`;
  it.each([
    ['  - dwellings == true', 'la métrique est un nombre'],
    ['  - dwellings >= false', '`>=` compare des nombres'],
    ['  - financing.balanced == 1', 'la métrique est vrai/faux'],
    ['  - financing.balanced >= true', '`>=` compare des nombres'],
    ["  - { metric: dwellings, op: '==', value: true }", 'la métrique est un nombre'],
    ["  - { metric: financing.balanced, op: '<', value: true }", '`<` compare des nombres'],
  ])('%s is ASSERTION_SYNTAX (exit 2)', async (line, words) => {
    const text = withChecks(line);
    // unwrapped (--width 1000): the test reads the sentence, not the layout
    const r = await run(text, ['--width', '1000'], 'check');
    sane(r);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout + r.stderr).toContain('[ASSERTION_SYNTAX]');
    expect(r.stdout + r.stderr).toContain(words);
    expect(r.stdout + r.stderr).not.toContain('[ASSERTION]:');
  });

  it('in English with --lang en', async () => {
    const r = await run(withChecks('  - dwellings == true'), ['--lang', 'en', '--width', '1000'], 'check');
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('the metric is a number: compare it with a number, not true/false');
  });

  it('neighbours: a boolean metric compared with true/false, a number with a number, still evaluate', async () => {
    const r = await run(withChecks('  - financing.balanced == true\n  - dwellings == 16\n  - financing.balanced != false'), [], 'check');
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
