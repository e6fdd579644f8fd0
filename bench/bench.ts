/**
 * `npm run bench`: the speed and memory figures of docs/performance.md. Benchmarks print
 * figures; they are not tests and never fail on a number.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { runText } from '../src/pipeline';
import { buildModel } from '../src/engine/model';
import { evaluate } from '../src/engine/evaluate';
import type { Evaluation } from '../src/engine/evaluate';
import type { OperationFile } from '../src/schema/operation';
import { withFloat } from '../src/domain/money';
import { workerCount } from '../src/cli/parallel';
import { BREAK_EVEN_EVALUATIONS, DEFAULT_MAX_EVALUATIONS, GOAL_SEEK_EVALUATIONS } from '../src/cli/budget';
import { buildReport } from '../src/report/document';
import { reportExtensions } from '../src/report/extensions';
import { renderText } from '../src/report/render';
import { LEVERS, grid, maxConstructionInflation, range, rentalGap, bearableLand, sweep, targetPrices, tornado } from '../src/engine/sensitivity';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'bin', 'equilibre.js');
const out: string[] = [];
const say = (s = '') => { out.push(s); process.stdout.write(s + '\n'); };
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const ms = (x: number) => `${x.toFixed(1)} ms`;

function time(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function machine(): void {
  const cpus = os.cpus();
  say(`Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

/**
 * The environment of every cold-start run, without NODE_EXTRA_CA_CERTS: when set, Node loads that CA
 * bundle at every start (~30 ms here), which is no part of equilibre and would shrink every ratio.
 */
function bareEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** One cold run: wall time (spawn to exit) and the child's CPU time (user + system, read at exit by a `-r` probe). */
function coldRun(args: string[], probe: string, env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', probe, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  const m = /EQUILIBRE_BENCH_CPU (\d+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) / 1000 : NaN };
}

/**
 * Cold start: `node -e 0` against `report --format json`, `report` (table) and `check` of one file,
 * CA bundle unset on every side, interleaved runs, medians of wall and CPU time and their ratios.
 */
function coldStart(runs: number): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'equilibre-bench-cold-'));
  try {
    const probe = path.join(dir, 'cpu-probe.cjs');
    // The same probe on every side (it costs the same everywhere): user + system CPU in µs at exit.
    writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\nEQUILIBRE_BENCH_CPU ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n");
    const env = bareEnv();
    const file = 'fixtures/terra-arte.yaml';
    const cases: [string, string[]][] = [
      ['`node -e 0`', ['-e', '0']],
      [`\`equilibre report ${file} --format json\``, [BIN, 'report', file, '--format', 'json']],
      [`\`equilibre report ${file}\` (table)`, [BIN, 'report', file]],
      [`\`equilibre check ${file} -q\``, [BIN, 'check', file, '-q']],
      // the floor of every command: reading, compiling (from the code cache) and initialising the program
      ['`equilibre --version`', [BIN, '--version']],
    ];
    for (const [, args] of cases) coldRun(args, probe, env); // warm the file cache
    const wall = cases.map(() => [] as number[]), cpu = cases.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      cases.forEach(([, args], k) => { const r = coldRun(args, probe, env); wall[k]!.push(r.wall); cpu[k]!.push(r.cpu); });
    }
    const w = wall.map(median), c = cpu.map(median);
    say(`Cold start (NODE_EXTRA_CA_CERTS unset on every side; medians of ${runs} interleaved runs; wall time, then CPU time user + system; ratio to \`node -e 0\`):`);
    cases.forEach(([name], k) => {
      const ratio = k === 0 ? '' : ` → ×${(w[k]! / w[0]!).toFixed(2)} wall, ×${(c[k]! / c[0]!).toFixed(2)} CPU${k === 1 ? ' (target ≤ 3)' : k === 3 ? ' (target ≤ 2.5)' : ''}`;
      say(`  ${name}: ${ms(w[k]!)} wall, ${ms(c[k]!)} CPU${ratio}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `report --format xlsx` of a file, cold (the xlsx renderer and exceljs load from dist/xlsx.cjs), median of `runs`. */
function xlsxReport(file: string, runs: number): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'equilibre-bench-xlsx-'));
  try {
    const args = [BIN, 'report', file, '--format', 'xlsx', '-o', path.join(dir, 'r.xlsx')];
    const ts: number[] = [];
    for (let i = 0; i < runs; i++) ts.push(time(process.execPath, args));
    say(`\`equilibre report ${file} --format xlsx -o r.xlsx\`, median of ${runs} cold runs: ${ms(median(ts))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function largestFixture(): { file: string; text: string } {
  let best = { file: '', text: '', n: 0 };
  for (const f of readdirSync('fixtures').filter((x) => x.endsWith('.yaml'))) {
    const text = readFileSync(path.join('fixtures', f), 'utf8');
    const r = runText(`fixtures/${f}`, text);
    const n = r.evaluation?.surfaces.dwellings ?? 0;
    if (n > best.n) best = { file: `fixtures/${f}`, text, n };
  }
  return best;
}

function evalsPerSecond(file: string, text: string): void {
  const input = runText(file, text).load.input!;
  const rate = (fn: () => void, seconds: number) => {
    for (let i = 0; i < 30; i++) fn();
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) { fn(); n++; }
    return n / ((performance.now() - t0) / 1000);
  };
  const exact = rate(() => { evaluate(buildModel(input, file).model!); }, 2);
  const float = rate(() => { withFloat(() => evaluate(buildModel(input, file).model!)); }, 2);
  const ev = evaluate(buildModel(input, file).model!);
  say(`Full evaluations per second on ${file} (${ev.surfaces.dwellings} dwellings, ${ev.model.lots.length} lots, ${ev.rental?.loans.length ?? 0} CDC loan schedules, ${ev.rental?.horizonYears ?? 0}-year account, ${ev.sales?.lots.length ?? 0} sale lots), one process, after warm-up: exact (Decimal) ${exact.toFixed(0)}/s (${(1000 / exact).toFixed(2)} ms each); float twin ${float.toFixed(0)}/s (${(1000 / float).toFixed(2)} ms each) — target ≥ 1 000/s`);
}

/** The work of a default `equilibre sensitivity`: the construction sweep, the break-even, the goal seeks, the tornado. */
function defaultSensitivity(input: OperationFile, base: Evaluation, file: string): void {
  sweep(input, base, file, 'construction', range(0, 30, 5));
  maxConstructionInflation(input, base, file);
  rentalGap(input, base, file);
  bearableLand(input, base, file);
  targetPrices(input, file);
  tornado(input, base, file);
}

function sweeps(file: string, text: string): void {
  const r = runText(file, text);
  const input = r.load.input!, base = r.evaluation!;
  const once = () => defaultSensitivity(input, base, file);
  once();
  const t0 = performance.now(); once(); const def = performance.now() - t0;
  const t1 = performance.now(); sweep(input, base, file, 'construction', range(0, 30, 5)); const sw = performance.now() - t1;
  const xs = range(0, 30, 1.5), ys = range(0, 2, 0.1);
  grid(input, base, file, 'construction', xs, 'livret_a', ys, 'operation.balance_eur');
  const t2 = performance.now(); grid(input, base, file, 'construction', xs, 'livret_a', ys, 'operation.balance_eur'); const g = performance.now() - t2;
  say(`Sensitivity on ${file}: default construction sweep 0:30:5 (7 exact evaluations) ${ms(sw)}; the whole default \`sensitivity\` (sweep, break-even, goal seeks, tornado of ${LEVERS.length} levers) ${ms(def)}; 21 × 21 grid construction × Livret A (441 float-twin evaluations) ${ms(g)} (target ≤ 1 000 ms)`);
}

/** The default --max-evaluations (src/cli/budget.ts) in seconds on this machine: the default sensitivity of a generated many-lot file. */
function budget(lots: number): void {
  const doc = parse(readFileSync('examples/exemple.yaml', 'utf8')) as { lots: Record<string, unknown>[]; checks?: unknown };
  const proto = doc.lots;
  doc.lots = Array.from({ length: lots }, (_, i) => ({ ...proto[i % proto.length]!, id: `l${i}` }));
  delete doc.checks;
  const file = `generated-${lots}-lots.yaml`;
  const r = runText(file, stringify(doc));
  const input = r.load.input!, base = r.evaluation!;
  const t0 = performance.now(), c0 = process.cpuUsage();
  defaultSensitivity(input, base, file);
  const t = performance.now() - t0, cpu = process.cpuUsage(c0).user / 1000;
  const counted = (7 + 2 * LEVERS.length + BREAK_EVEN_EVALUATIONS + GOAL_SEEK_EVALUATIONS) * lots;
  const perUnit = cpu / counted;
  say(`Budget: the default \`sensitivity\` of a generated ${lots}-lot file (the example's lots replicated) counts ${counted} lot-evaluations and took ${ms(t)} (${ms(cpu)} of CPU, ${perUnit.toFixed(3)} ms each): the default cap of ${DEFAULT_MAX_EVALUATIONS} lot-evaluations is about ${(perUnit * DEFAULT_MAX_EVALUATIONS / 1000).toFixed(0)} s of CPU here`);
}

function manyFiles(count: number, jobs?: string): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'equilibre-bench-'));
  try {
    const seeds = readdirSync('fixtures').filter((x) => x.endsWith('.yaml')).map((f) => parse(readFileSync(path.join('fixtures', f), 'utf8')) as Record<string, unknown>);
    let seed = 42;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    mkdirSync(path.join(dir, 'ops'));
    cpSync('fixtures/profils', path.join(dir, 'ops', 'profils'), { recursive: true }); // the profiles the copies name
    for (let i = 0; i < count; i++) {
      const op = structuredClone(seeds[i % seeds.length]!) as { construction: { cost_eur_per_m2_shab: number }; operation: { name: string } };
      op.construction.cost_eur_per_m2_shab = Math.round(op.construction.cost_eur_per_m2_shab * (0.8 + 0.5 * rnd()));
      op.operation.name = `${op.operation.name} #${i}`;
      writeFileSync(path.join(dir, 'ops', `op-${String(i).padStart(5, '0')}.yaml`), stringify(op));
    }
    const probe = `const t0=process.hrtime.bigint();process.argv=[process.argv[0],'x','check',${JSON.stringify(path.join(dir, 'ops', '*.yaml'))},'-q','--skip','ASSERTION'${jobs ? `,'--jobs','${jobs}'` : ''}];` +

      `process.on('exit',()=>{const s=Number(process.hrtime.bigint()-t0)/1e9;process.stderr.write(JSON.stringify({s,maxRssMb:process.resourceUsage().maxRSS/1024}))});` +
      `import(${JSON.stringify('file://' + BIN)});`;
    // The results go to /dev/null (the CLI writes standard output with blocking writes to fd 1).
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const m = /\{.*\}$/.exec(r.stderr.trim());
    if (!m) { say(`check of ${count} files: could not measure (${r.stderr.slice(0, 200)})`); return; }
    const { s, maxRssMb } = JSON.parse(m[0]) as { s: number; maxRssMb: number };
    say(`\`equilibre check${jobs ? ` --jobs ${jobs}` : ''}\`${jobs ? '' : ` (default: ${workerCount(count, {})} share(s) on this machine)`} over ${count} generated operations (the fixtures with construction costs drawn in −20 %…+30 %): ${s.toFixed(2)} s${count <= 1000 ? ' (target ≤ 5 s)' : ''}, peak memory (max RSS) ${maxRssMb.toFixed(0)} MB (target ≤ 200 MB), load average ${os.loadavg()[0]!.toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rendering the text report within a width (table layout, column groups, wrapping), against no limit. */
export function rendering(file: string, text: string, runs = 30): void {
  const ev = runText(file, text).evaluation!;
  const ext = reportExtensions.map((x) => x(ev, { lang: 'fr', detail: ['loans', 'years'] }));
  const doc = buildReport(ev, { lang: 'fr', extraSections: ext.flatMap((e) => e.sections), sourceText: text });
  const parts = [100_000, 100, 80, 60].map((width) => {
    renderText(doc, { width });
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) { const t0 = process.hrtime.bigint(); renderText(doc, { width }); xs.push(Number(process.hrtime.bigint() - t0) / 1e6); }
    return `${width === 100_000 ? 'unbounded' : `--width ${width}`} ${ms(median(xs))}`;
  });
  say(`Text rendering of ${file} --detail loans,years (medians of ${runs}): ${parts.join(', ')}`);
}

/** Hostile inputs (issue 12): each must end in bounded time and memory with exit 2; prints time and peak memory. */
function hostileInputs(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'equilibre-hostile-'));
  try {
    const valid = readFileSync('test/fixtures/diagnostics/_valid.yaml', 'utf8');
    const cases: [string, string][] = [];
    const put = (name: string, text: string) => { const f = path.join(dir, name); writeFileSync(f, text); cases.push([name, f]); };
    put('a 9.8 MB flow list of 4.9 M items', 'format: equilibre/v1\nx: [' + '1,'.repeat(4_900_000) + '1]\n');
    put('49 000 values, just under the cap (a block list)', valid + 'x:\n' + '  - 1\n'.repeat(49_000));
    put('20 000 unknown parameters', valid + 'parameters: {' + Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(', ') + '}\n');
    if (os.platform() !== 'win32') cases.push(['/dev/zero', '/dev/zero']);
    for (const [name, file] of cases) {
      const probe = `const t0=process.hrtime.bigint();const w=process.stderr.write.bind(process.stderr);process.argv=[process.argv[0],'x','report',${JSON.stringify(file)}];process.stdout.write=()=>true;process.stderr.write=()=>true;` +
        `process.on('exit',(c)=>{const s=Number(process.hrtime.bigint()-t0)/1e9;w(JSON.stringify({c,s,maxRssMb:process.resourceUsage().maxRSS/1024}))});` +
        `import(${JSON.stringify('file://' + BIN)});`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 120_000 });
      const m = /\{[^{}]*\}$/.exec(r.stderr.trim());
      if (!m) { say(`hostile input, ${name}: could not measure (${r.status ?? r.signal}: ${r.stderr.slice(0, 200)})`); continue; }
      const { c, s, maxRssMb } = JSON.parse(m[0]) as { c: number; s: number; maxRssMb: number };
      say(`hostile input, \`equilibre report\` of ${name}: exit ${c}, ${s.toFixed(2)} s, peak memory (max RSS) ${maxRssMb.toFixed(0)} MB`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

machine();
say(`Commit: ${(() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })()} · ${new Date().toISOString().slice(0, 10)}`);
say();
// BENCH_ONLY=check: only the `check` figures (minutes on a loaded machine); BENCH_ONLY=cold: only the cold start.
if (process.env.BENCH_ONLY === 'cold') {
  coldStart(Number(process.env.BENCH_RUNS ?? 15));
  process.exit(0);
}
if (process.env.BENCH_ONLY !== 'check') {
  coldStart(Number(process.env.BENCH_RUNS ?? 15));
  xlsxReport('examples/exemple.yaml', 5);
  const big = largestFixture();
  evalsPerSecond(big.file, big.text);
  rendering(big.file, big.text);
  sweeps('fixtures/roubaix-esperance.yaml', readFileSync('fixtures/roubaix-esperance.yaml', 'utf8'));
  sweeps(big.file, big.text);
  budget(Number(process.env.BENCH_LOTS ?? 40));
}
manyFiles(Number(process.env.BENCH_FILES ?? 1000));
manyFiles(Number(process.env.BENCH_FILES ?? 1000), '1');
// Memory flat in the number of files (issue 12): 5 000 files, by default and on one thread.
manyFiles(Number(process.env.BENCH_MANY_FILES ?? 5000));
manyFiles(Number(process.env.BENCH_MANY_FILES ?? 5000), '1');
hostileInputs();
