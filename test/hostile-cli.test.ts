/**
 * Hostile OPTION SETS and OUTPUT PATHS (issue 12): fast-check draws a command, its input files
 * (valid, invalid, missing, a folder, a file with control characters in its name), and random
 * options — formats, languages, --strict, --only/--skip codes (real and typos), --jobs values,
 * --detail values, --set expressions, ranges, -o and --junit pointing at odd places of a
 * temporary folder (a new file, a folder, a missing folder, a symbolic link, a dangling link,
 * an input file, /dev/null). It runs the real entry point in-process with the real file writer,
 * and asserts what a CI job relies on:
 *  - the exit code is 0, 1 or 2, never a stack trace nor « erreur interne »;
 *  - the input files are unchanged (bytes and inode) and no temporary file is left behind;
 *  - what was written is well-formed: JSON parses, a JUnit report is well-formed XML.
 *
 * Reproducible: fixed seed (HOSTILE_SEED); HOSTILE_RUNS=500 to soak.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { processIo, type Io } from '../src/cli/io';
import { ROOT } from './helpers/cli';
import { xmlWellFormedError } from './helpers/xml';
import { expandGlob } from '../src/cli/glob';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 60);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261201);

let dir = '';
const INPUTS: Record<string, string> = {};
/** The run's own input files (bytes and inode): they must be unchanged. Other files may be legitimate outputs. */
const snapshot = (names: readonly string[]) => Object.fromEntries(names.filter((f) => f in INPUTS).map((f) => {
  const p = path.join(dir, f);
  try { const st = fs.lstatSync(p); return [f, `${st.ino}:${st.isDirectory() ? 'dir' : fs.readFileSync(p, 'utf8')}`]; } catch { return [f, 'absent']; }
}));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-hostile-'));
  const example = fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8');
  const files: Record<string, string> = {
    'ok.yaml': example,
    'warn.yaml': fs.readFileSync(path.join(ROOT, 'test/fixtures/diagnostics/RENTAL_TEST.yaml'), 'utf8'),
    'bad.yaml': 'format: equilibre/v1\noperation: [\n',
    'ctl\u001b[2J.yaml': example.replace('name: Les Jardins du Quai (exemple)', 'name: "A\\u001b]0;x\\u0007 | <b>[l](j:x)\\u0000"'),
    'variants.yaml': fs.readFileSync(path.join(ROOT, 'fixtures/roubaix-esperance-variants.yaml'), 'utf8'),
  };
  for (const [f, t] of Object.entries(files)) { fs.writeFileSync(path.join(dir, f), t); INPUTS[f] = t; }
  fs.mkdirSync(path.join(dir, 'folder'));
  INPUTS.folder = '';
  fs.symlinkSync('ok.yaml', path.join(dir, 'link-to-ok.yaml'));
  INPUTS['link-to-ok.yaml'] = example;
});
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

const INPUT_NAMES = ['ok.yaml', 'warn.yaml', 'bad.yaml', 'ctl\u001b[2J.yaml', 'variants.yaml', 'folder', 'absent.yaml', 'link-to-ok.yaml', '*.yaml', '**/*.yaml', 'op[.yaml', 'o?.yaml'];
/** Output targets: relative to the temporary folder unless absolute. */
const OUTPUTS = ['out.txt', 'out.txt', 'folder', 'missing/out.txt', 'ok.yaml', 'link-to-ok.yaml', 'dangling-link', 'existing.txt', '/dev/null', 'folder/inner.xml', '.hidden', 'out with spaces & <xml>.txt'];
const CODES = ['ASSERTION', 'FINANCING_BALANCED', 'RENTAL_TEST', 'RENT_WITHIN_MAXIMUM', 'ASSERTON', 'rental_test', '', 'X'.repeat(300), 'ASSERTION,NOPE'];
const JOBS = ['1', '2', 'auto', '0', '-1', 'abc', '1.5', '', '999', '1e3'];
const SETS = ['construction.cost_eur_per_m2_shab=1500', 'operation.name=x', 'lots[0].shab_m2=-5', 'lots[99].x=1', 'nope', '=1', 'a.b.c=', 'operation.name="\\u001b[31m"', 'lots[0]=null', '__proto__.x=1'];
const RANGES = ['0:30:5', '-10:10:5', '0:0:1', '30:0:5', 'abc', '0:10', '', '1:2:0.5'];
const DETAILS = ['loans', 'years', 'loans,years', 'loan', 'all', ''];

type Opt = string[];
const opt = fc.oneof(
  fc.constantFrom<Opt>(['--format', 'json'], ['--format', 'table'], ['--format', 'markdown'], ['--format', 'text'], ['--format', 'csv'], ['--lang', 'en'], ['--lang', 'de'], ['--strict'], ['-q'], ['--bogus']),
  fc.constantFrom(...CODES).map((c) => ['--only', c]),
  fc.constantFrom(...CODES).map((c) => ['--skip', c]),
  fc.constantFrom(...JOBS).map((j) => [`--jobs=${j}`]),
  fc.constantFrom(...SETS).map((s) => ['--set', s]),
  fc.constantFrom(...DETAILS).map((d) => ['--detail', d]),
  fc.tuple(fc.constantFrom('--construction', '--land', '--rents'), fc.constantFrom(...RANGES)).map(([o, r]) => [`${o}=${r}`]),
  fc.constantFrom(...OUTPUTS).map((o) => ['-o', o]),
  fc.constantFrom(...OUTPUTS).map((o) => ['--junit', o]),
);
const COMMANDS = ['check', 'check', 'check', 'report', 'report', 'compare', 'sensitivity', 'init', 'params'] as const;
const scenario = fc.record({
  command: fc.constantFrom(...COMMANDS),
  inputs: fc.array(fc.constantFrom(...INPUT_NAMES), { minLength: 0, maxLength: 3 }),
  options: fc.array(opt, { maxLength: 5 }),
});

function resolveArg(a: string): string {
  return a.startsWith('/') || a.startsWith('-') ? a : path.join(dir, a);
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const io: Io = { ...processIo(), stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd: dir, env: { NO_COLOR: '1' }, stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('hostile option sets and output paths', () => {
  it('exit 0/1/2, no stack trace nor internal error, inputs unchanged, outputs well-formed, no temporary file left', async () => {
    await fc.assert(fc.asyncProperty(scenario, async ({ command, inputs, options }) => {
      // fresh output places for each run
      for (const f of ['out.txt', 'existing.txt', 'dangling-link', '.hidden', 'out with spaces & <xml>.txt', 'folder/inner.xml', 'created.txt']) fs.rmSync(path.join(dir, f), { force: true });
      fs.writeFileSync(path.join(dir, 'existing.txt'), 'existing\n');
      fs.symlinkSync('created.txt', path.join(dir, 'dangling-link'));
      // the fixtures as they were (a previous run may legitimately have written over one that was not its input)
      for (const [f, t] of Object.entries(INPUTS)) if (f !== 'folder' && f !== 'link-to-ok.yaml') {
        const p = path.join(dir, f);
        let cur: string | undefined;
        try { cur = fs.readFileSync(p, 'utf8'); } catch { /* replaced by a folder? */ }
        if (cur !== t) { fs.rmSync(p, { recursive: true, force: true }); fs.writeFileSync(p, t); }
      }
      const runInputs = inputs.flatMap((i) => (/[*?[]/.test(i) && !fs.existsSync(path.join(dir, i)) ? expandGlob(path.join(dir, i)).map((f) => path.relative(dir, f)) : [i]));
      const before = snapshot(runInputs);
      const argv: string[] = [command];
      // init takes at most one file name, and only an output-like one
      if (command === 'init') argv.push(...inputs.slice(0, 1).map(() => path.join(dir, 'out.txt')));
      else if (command !== 'params') argv.push(...inputs.map((i) => (/[*?[]/.test(i) ? path.join(dir, i) : resolveArg(i))));
      const flat = options.flat().map((a, i, all) => (all[i - 1] === '-o' || all[i - 1] === '--junit' ? resolveArg(a) : a));
      argv.push(...flat);
      const t0 = Date.now();
      const r = await run(argv);
      const ctx = `${argv.join(' ')}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
      expect(Date.now() - t0, ctx).toBeLessThan(20_000);
      expect([0, 1, 2], ctx).toContain(r.code);
      expect(r.stdout + r.stderr, ctx).not.toMatch(/erreur interne|internal error|EVALUATION_FAILED/);
      expect(r.stdout + r.stderr, ctx).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(r.stdout + r.stderr, ctx).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError): /);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout + r.stderr, ctx).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(snapshot(runInputs), ctx).toEqual(before);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), ctx).toEqual([]);
      expect(fs.readdirSync(path.join(dir, 'folder')).filter((f) => f.endsWith('.tmp')), ctx).toEqual([]);
      // what was written parses
      const last = (o: string) => { let v: string | undefined; flat.forEach((a, i) => { if (flat[i - 1] === o) v = a; }); return v; };
      const format = last('--format');
      const out = last('-o'), junit = last('--junit');
      if (format === 'json' && r.code !== 2 && !out) expect(() => JSON.parse(r.stdout), ctx).not.toThrow();
      if (r.code !== 2 && out && !out.startsWith('/dev/')) {
        const target = fs.realpathSync(out);
        const text = fs.readFileSync(target, 'utf8');
        if (format === 'json') expect(() => JSON.parse(text), ctx).not.toThrow();
      }
      if (command === 'check' && r.code !== 2 && junit && !junit.startsWith('/dev/')) {
        expect(xmlWellFormedError(fs.readFileSync(fs.realpathSync(junit), 'utf8')), ctx).toBeNull();
      }
      if (command === 'check' && format !== 'json' && r.code !== 2 && !out) {
        expect(r.stdout.trimEnd().split('\n').pop(), ctx).toMatch(/^\d+ passed, \d+ failed(, \d+ not evaluated)?$|^$/);
      }
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, 120_000);
});
