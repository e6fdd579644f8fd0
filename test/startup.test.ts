/**
 * What a start loads (docs/performance.md): the built bundle must not pull Node modules that no
 * run uses — commander's child_process (and with it net, dgram and the stream machinery) is served
 * lazily by the build — and the bin is CommonJS, so a run starts no ES module job.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, ensureBuilt, runBin, runCli } from './helpers/cli';
import * as evaluation from '../src/engine/evaluate';
import * as fastPlan from '../src/fast/plan';

// Every exact evaluation counted, and every compilation of the plan the searches sample: a report
// that shows no search evaluates once and compiles no plan.
vi.mock('../src/engine/evaluate', async (importOriginal) => {
  const m = await importOriginal<typeof import('../src/engine/evaluate')>();
  return { ...m, evaluate: vi.fn(m.evaluate) };
});
vi.mock('../src/fast/plan', async (importOriginal) => {
  const m = await importOriginal<typeof import('../src/fast/plan')>();
  return { ...m, tryCompilePlan: vi.fn(m.tryCompilePlan) };
});
/** Exact evaluations, and compilations of the plan (a search ran), of one run. */
const work = async (args: string[]) => {
  const count = vi.mocked(evaluation.evaluate);
  const plans = vi.mocked(fastPlan.tryCompilePlan);
  count.mockClear();
  plans.mockClear();
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  return { exact: count.mock.calls.length, plans: plans.mock.calls.length };
};

/**
 * Each command line run by the built binary (which starts from the command's own build) says what the whole
 * program says in-process (runCli: every command): the same standard output, standard error and exit code.
 */
async function sameAsWholeProgram(lines: string[][]): Promise<void> {
  for (const args of lines) {
    const bin = runBin(args);
    const inProcess = await runCli(args);
    expect(bin.stdout, args.join(' ')).toBe(inProcess.stdout);
    expect(bin.stderr, args.join(' ')).toBe(inProcess.stderr);
    expect(bin.code, args.join(' ')).toBe(inProcess.code);
  }
}

describe('start-up', () => {
  it('loading the build loads neither child_process nor net nor dgram', () => {
    ensureBuilt();
    const probe = `const seen = new Set(process.moduleLoadList);
require(${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.cjs'))}).loadBundle();
const loaded = JSON.stringify(process.moduleLoadList.filter((m) => !seen.has(m)));
process.stdout.write(loaded);`;
    const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = JSON.parse(r.stdout) as string[];
    expect(loaded).toContain('NativeModule vm'); // the probe does see what loading the bundle loads
    for (const m of ['NativeModule child_process', 'NativeModule net', 'NativeModule dgram']) expect(loaded).not.toContain(m);
  });

  it('a command starts from its own code cache, which V8 accepts', () => {
    ensureBuilt();
    const probe = `const { loadBundle, cacheFor } = require(${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.cjs'))});
const choice = [['check', 'f.yaml'], ['--lang', 'en', 'check', 'f.yaml'], ['--lang=en', 'check'], ['f.yaml'], ['report', 'f.yaml'], ['sensitivity', 'f.yaml'], [], ['--help', 'check'], ['help', 'check'], ['report', 'check']].map(cacheFor);
const rejected = ['main', 'report', 'check'].map((c) => loadBundle(c).script.cachedDataRejected);
process.stdout.write(JSON.stringify({ choice, rejected }));`;
    const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const { choice, rejected } = JSON.parse(r.stdout) as { choice: string[]; rejected: (boolean | undefined)[] };
    // `check` or `report` first (after --lang alone): its own build; any other option or command first (the root's help lists every command), or none: the whole one
    expect(choice).toEqual(['check', 'check', 'check', 'main', 'report', 'main', 'main', 'main', 'main', 'report']);
    // false (not undefined): each cache was given to V8 and used; a missing or rejected cache fails here
    expect(rejected).toEqual([false, false, false]);
  });

  it('`check` starts from a build of its own, without the other commands, that says the same', async () => {
    ensureBuilt();
    const size = (f: string) => fs.statSync(path.join(ROOT, 'dist', f)).size;
    // the point of it: much less program to read, compile and initialise (about half when written)
    expect(size('equilibre-check.cjs')).toBeLessThan(0.7 * size('equilibre.cjs'));
    const probe = `const { loadBundle } = require(${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.cjs'))});
const b = loadBundle('check');
process.stdout.write(JSON.stringify({ exports: Object.keys(b.exports).sort() }));`;
    const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { exports: string[] }).exports).toEqual(['checkShare', 'run']);
    // the same words as the whole program: check's help, a usage error, a run (in-process main = every command)
    await sameAsWholeProgram([['check', '--help'], ['--lang', 'en', 'check', '--help'], ['check'], ['check', 'fixtures/terra-arte.yaml', '--bogus'], ['check', 'fixtures/terra-arte.yaml', 'examples/exemple.yaml'], ['check', 'fixtures/terra-arte.yaml', '--format', 'json', '--lang', 'en']]);
  }, 60_000);

  it('the yaml package is a file of its own, loaded with its code cache only when a file needs it', () => {
    ensureBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-probe-'));
    try {
      // at exit: the libraries the run loaded, and whether V8 rejected each one's code cache
      const probe = path.join(dir, 'probe.cjs');
      fs.writeFileSync(probe, `process.on('exit', () => { const lb = require(${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.cjs'))}); require('node:fs').writeSync(2, '\\nLIBS ' + JSON.stringify(Object.fromEntries(Object.entries(lb.loadedLibs).map(([k, v]) => [k, v.script.cachedDataRejected])))); });\n`);
      const libs = (args: string[]) => {
        const r = spawnSync(process.execPath, ['--require', probe, path.join(ROOT, 'bin', 'equilibre.js'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
        return JSON.parse(/LIBS (.*)$/.exec(r.stderr)![1]!) as Record<string, boolean>;
      };
      // a valid file in plain YAML, nothing to position: neither read nor compiled
      expect(libs(['check', 'fixtures/terra-arte.yaml', '-q'])).toEqual({});
      expect(libs(['report', 'fixtures/terra-arte.yaml', '--format', 'json'])).toEqual({});
      // warnings to position (the example's), a file the one-pass reader gives up on: loaded, from its cache (false: accepted)
      expect(libs(['check', 'examples/exemple.yaml', '-q'])).toEqual({ yaml: false });
      expect(libs(['check', 'test/fixtures/diagnostics/YAML_SYNTAX.yaml'])).toEqual({ yaml: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(fs.statSync(path.join(ROOT, 'dist', 'equilibre-check.cjs')).size).toBeLessThan(500_000);
  });

  it('the builds of the CLI are ASCII: a one-byte string, read without decoding UTF-8', () => {
    ensureBuilt();
    for (const f of ['equilibre.cjs', 'equilibre-check.cjs']) {
      const bytes = fs.readFileSync(path.join(ROOT, 'dist', f));
      const at = bytes.findIndex((b) => b > 0x7f);
      expect(at, `${f}: a non-ASCII byte at ${at}: ${bytes.subarray(Math.max(0, at - 40), at + 10).toString('utf8')}`).toBe(-1);
    }
    // the escapes mean what the characters meant (a lender's name, a number with a minus sign U+2212)
    const src = fs.readFileSync(path.join(ROOT, 'dist', 'equilibre.cjs'), 'latin1');
    expect(src).toContain('caisse des d[\\u00e9e]p[\\u00f4o]ts');
  });

  it('`report` starts from a build of its own, without the other commands, that says the same', async () => {
    ensureBuilt();
    const size = (f: string) => fs.statSync(path.join(ROOT, 'dist', f)).size;
    expect(size('equilibre-report.cjs')).toBeLessThan(0.7 * size('equilibre.cjs'));
    // the same words as the whole program: report's help, usage errors, runs in every text format (in-process main = every command)
    await sameAsWholeProgram([['report', '--help'], ['--lang', 'en', 'report', '--help'], ['report'], ['report', 'fixtures/terra-arte.yaml', '--bogus'], ['report', 'fixtures/terra-arte.yaml', '--format', 'pdf'],
      ['report', 'fixtures/terra-arte.yaml', '--format', 'json'], ['report', 'examples/exemple.yaml', '--lang', 'en'], ['report', 'examples/exemple.yaml', '--format', 'markdown', '--sections', 'verdict,equilibre'],
      ['report', 'test/fixtures/diagnostics/YAML_SYNTAX.yaml'], ['report', 'no-such-file.yaml']]);
  }, 60_000);

  it('a run whose output goes to /dev/null does not load tty (nor, with it, net)', () => {
    ensureBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-probe-'));
    try {
      const probe = path.join(dir, 'probe.cjs');
      // fs.writeSync, not process.stderr: the stream of a pipe would load net itself
      fs.writeFileSync(probe, "process.on('exit', () => require('node:fs').writeSync(2, '\\nLOADED ' + JSON.stringify(process.moduleLoadList)));\n");
      for (const args of [['check', 'fixtures/terra-arte.yaml', '-q'], ['report', 'fixtures/terra-arte.yaml', '--format', 'json']]) {
        // 'ignore' gives the child /dev/null as its standard output
        const r = spawnSync(process.execPath, ['--require', probe, path.join(ROOT, 'bin', 'equilibre.js'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
        expect(r.status).toBe(0);
        const loaded = JSON.parse(/LOADED (.*)$/.exec(r.stderr)![1]!) as string[];
        expect(loaded).toContain('NativeModule vm'); // the probe sees the run's modules
        expect(loaded).not.toContain('NativeModule tty');
        expect(loaded).not.toContain('NativeModule net');
        // nor os: only a check of many files asks how many cores there are (src/cli/parallel.ts)
        expect(loaded).not.toContain('NativeModule os');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bin is CommonJS: a run starts no ES module job', () => {
    ensureBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-probe-'));
    try {
      // Preloaded: at exit, the ES module machinery the run loaded.
      const probe = path.join(dir, 'probe.cjs');
      fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => m.includes('/esm/')))));\n");
      const r = spawnSync(process.execPath, ['--require', probe, path.join(ROOT, 'bin', 'equilibre.js'), '--version'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stdout.trim()).toBe('0.1.0');
      const esm = JSON.parse(r.stderr) as string[];
      expect(esm).not.toContain('NativeModule internal/modules/esm/module_job');
      expect(esm).not.toContain('NativeModule internal/modules/esm/translators');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a report runs the searches (break-even, synthesis levers) only when it shows them', async () => {
    const file = 'fixtures/terra-arte.yaml';
    // shown: the synthesis and the « Sensibilité » section search on the plan (the break-even, the
    // land, the price); the balancing price of the lot « psla » is computed exactly on that lot alone
    // (saleAlone), and the break-even and the land, which the plan puts more than CERTAIN_BALANCE_EUR
    // inside the balanced side, need no exact confirmation: the base is the one exact evaluation
    expect(await work(['report', file])).toEqual({ exact: 1, plans: 1 });
    expect(await work(['report', file, '--sections', 'sensibilite'])).toEqual({ exact: 1, plans: 1 });
    // not shown: the base evaluation alone
    expect(await work(['report', file, '--sections', 'verdict,exploitation'])).toEqual({ exact: 1, plans: 0 });
    expect(await work(['report', file, '--sections', 'equilibre', '--format', 'markdown'])).toEqual({ exact: 1, plans: 0 });
    // JSON: the metrics (always printed) carry the break-even and the balancing prices, whatever the sections
    expect(await work(['report', file, '--sections', 'verdict', '--format', 'json'])).toEqual({ exact: 1, plans: 1 });
  });
});

