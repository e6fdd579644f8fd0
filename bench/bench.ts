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
import { evaluateInput } from '../src/engine/evaluate-input';
import { loadText } from '../src/load/load';
import type { Change } from '../src/load/overrides';
import type { Evaluation } from '../src/engine/evaluate';
import type { OperationFile } from '../src/schema/operation';
import { compilePlan, type Levers } from '../src/fast/plan';
import { operatingAssumptions } from '../src/engine/rental';
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

/**
 * `equilibre risk` with `draws` draws on the example, cold (its own start-up included), against a bare
 * `node -e 0`, NODE_EXTRA_CA_CERTS unset on both sides; with and without the per-draw break-even search, on one
 * thread (the default) and on two (`--jobs 2`).
 * Target (issue 16): ≤ 15× `node -e 0`. Medians of `runs`.
 */
function riskRun(draws: number, runs: number): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'equilibre-bench-risk-'));
  try {
    const probe = path.join(dir, 'cpu-probe.cjs');
    writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\nEQUILIBRE_BENCH_CPU ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n");
    const env = bareEnv();
    const file = 'examples/exemple.yaml';
    const risk = [BIN, 'risk', file, '--draws', String(draws), '--format', 'json', '--max-evaluations', '1000000000'];
    // the default (one thread) and two threads (`--jobs 2`: src/risk/parallel.ts)
    const cases: [string, string[]][] = [
      ['`node -e 0`', ['-e', '0']],
      [`\`equilibre risk ${file} --draws ${draws} --format json\` (default: one thread)`, risk],
      ['the same on two threads (`--jobs 2`)', [...risk, '--jobs', '2']],
      ['the same with `--no-break-even`', [...risk, '--no-break-even']],
      ['`--no-break-even`, two threads', [...risk, '--no-break-even', '--jobs', '2']],
    ];
    const wall = cases.map(() => [] as number[]), cpu = cases.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) cases.forEach(([, args], k) => { const r = coldRun(args, probe, env); wall[k]!.push(r.wall); cpu[k]!.push(r.cpu); });
    const w = wall.map(median), c = cpu.map(median);
    say(`Risk (NODE_EXTRA_CA_CERTS unset on both sides; medians of ${runs} run(s); wall time, then CPU time user + system; ratio to \`node -e 0\`, target ≤ 15):`);
    cases.forEach(([name], k) => say(`  ${name}: ${ms(w[k]!)} wall, ${ms(c[k]!)} CPU${k === 0 ? '' : ` → ×${(w[k]! / w[0]!).toFixed(1)} wall, ×${(c[k]! / c[0]!).toFixed(1)} CPU; ${((draws / c[k]!) * 1000).toFixed(0)} draws per CPU second`}`));
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
  const ev = evaluate(buildModel(input, file).model!);
  const plan = compilePlan(ev);
  const res = plan.newResult();
  let k = 0;
  const float = rate(() => { k++; plan.evaluate({ constructionPct: k % 10, livretAPts: (k % 7) / 10 }, res); }, 2);
  say(`Full evaluations per second on ${file} (${ev.surfaces.dwellings} dwellings, ${ev.model.lots.length} lots, ${ev.rental?.loans.length ?? 0} CDC loan schedules, ${ev.rental?.horizonYears ?? 0}-year account, ${ev.sales?.lots.length ?? 0} sale lots), one process, after warm-up: exact (Decimal) ${exact.toFixed(0)}/s (${(1000 / exact).toFixed(2)} ms each); compiled plan (construction and Livret A moving) ${float.toFixed(0)}/s (${(1000 * 1000 / float).toFixed(1)} µs each) — target ≥ 1 000/s`);
}

/**
 * The exact engine (issue 16, src/engine): evaluations of examples/exemple.yaml and Terra Arte, every
 * metric read. First run: in a fresh process, CPU time of the first evaluation after the file is
 * read and validated, then of a second one with another Livret A path (as each percentile draw of
 * `risk`) and of a third of the same operation (as `report`'s confirmations). Warm: evaluations per
 * second, each with a new Livret A path, and of the same operation again.
 */
function exactEngine(): void {
  const files = ['examples/exemple.yaml', 'fixtures/terra-arte.yaml'];
  const firsts = (file: string) => {
    const r = spawnSync(process.execPath, [__filename], { env: { ...bareEnv(), EQUILIBRE_BENCH_EXACT_CHILD: file }, encoding: 'utf8' });
    return (/EXACT (\S+) (\S+) (\S+)/.exec(r.stdout) ?? []).slice(1).map(Number);
  };
  for (const file of files) {
    const runs = Array.from({ length: Number(process.env.BENCH_EXACT_RUNS ?? 7) }, () => firsts(file));
    const med = (k: number) => median(runs.map((x) => x[k]!).filter((x) => Number.isFinite(x)));
    const input = runText(file, readFileSync(file, 'utf8')).load.input!;
    const rate = (fn: (k: number) => void, seconds: number) => {
      for (let i = 0; i < 20; i++) fn(i);
      let n = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      while (performance.now() - t0 < seconds * 1000) { fn(1000 + n); n++; }
      const c = process.cpuUsage(c0);
      return n / ((c.user + c.system) / 1e6);
    };
    const moved = rate((k) => readAll(evaluateInput(input, file, livretChanges(k))), 2);
    const same = rate(() => readAll(evaluateInput(input, file)), 2);
    say(`Exact engine on ${file}: first evaluation in a fresh process ${ms(med(0))} of CPU, a second with another Livret A path ${ms(med(1))}, a third of the same operation ${ms(med(2))} (medians of ${runs.length}); warm, per second of CPU: ${moved.toFixed(0)} evaluations each with a new Livret A path, ${same.toFixed(0)} of the same operation`);
  }
}

/** A Livret A path of 60 years, a seeded walk of its own for each k (as a `risk` draw's). */
function livretChanges(k: number): Change[] {
  let seed = 1 + k * 7919, la = 1.5;
  const path: number[] = [];
  for (let y = 0; y < 60; y++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; la = Math.max(0.5, la + (seed / 0x7fffffff - 0.5) * 0.6); path.push(la); }
  return [{ path: ['assumptions', 'livret_a_pct'], value: path[0] }, { path: ['assumptions', 'livret_a_path_pct'], value: path }];
}

function readAll(e: { evaluation?: Evaluation }): void {
  e.evaluation?.metrics.forEach((m) => m.value);
}

/** The child of exactEngine: prints the CPU times (ms) of the three evaluations. */
function exactEngineChild(file: string): void {
  // (read and validated without an evaluation: the first evaluation of the process is the one timed)
  const input = loadText(file, readFileSync(file, 'utf8')).input!;
  const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
  const t0 = cpu();
  readAll(evaluateInput(input, file));
  const t1 = cpu();
  readAll(evaluateInput(input, file, livretChanges(1)));
  const t2 = cpu();
  readAll(evaluateInput(input, file));
  const t3 = cpu();
  process.stdout.write(`EXACT ${t1 - t0} ${t2 - t1} ${t3 - t2}\n`);
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
  say(`Sensitivity on ${file}: default construction sweep 0:30:5 (7 exact evaluations) ${ms(sw)}; the whole default \`sensitivity\` (sweep, break-even, goal seeks, tornado of ${LEVERS.length} levers) ${ms(def)}; 21 × 21 grid construction × Livret A (441 evaluations of the compiled plan) ${ms(g)} (target ≤ 1 000 ms)`);
}

/** The default --max-evaluations (src/cli/budget.ts) in seconds on this machine: the default sensitivity of a generated many-lot file. */
function budget(lots: number): void {
  const file = `generated-${lots}-lots.yaml`;
  const r = runText(file, replicated(lots));
  const input = r.load.input!, base = r.evaluation!;
  const t0 = performance.now(), c0 = process.cpuUsage();
  defaultSensitivity(input, base, file);
  const t = performance.now() - t0, cpu = process.cpuUsage(c0).user / 1000;
  const counted = (7 + 2 * LEVERS.length + BREAK_EVEN_EVALUATIONS + GOAL_SEEK_EVALUATIONS) * lots;
  const perUnit = cpu / counted;
  say(`Budget: the default \`sensitivity\` of a generated ${lots}-lot file (the example's lots replicated) counts ${counted} lot-evaluations and took ${ms(t)} (${ms(cpu)} of CPU, ${perUnit.toFixed(3)} ms each): the default cap of ${DEFAULT_MAX_EVALUATIONS} lot-evaluations is about ${(perUnit * DEFAULT_MAX_EVALUATIONS / 1000).toFixed(0)} s of CPU here`);
}

/** The example's lots replicated to `lots` lots (ids l0, l1, …), as text. */
function replicated(lots: number): string {
  const doc = parse(readFileSync('examples/exemple.yaml', 'utf8')) as { lots: Record<string, unknown>[]; checks?: unknown };
  const proto = doc.lots;
  doc.lots = Array.from({ length: lots }, (_, i) => ({ ...proto[i % proto.length]!, id: `l${i}` }));
  delete doc.checks;
  return stringify(doc);
}

/**
 * The float64 floor: a plain loop doing the work of one evaluation of examples/exemple.yaml — its
 * four CDC loans re-amortised every year on the Livret A path, the 50-year operating account of
 * its two rental lots, the PSLA lot's margin — on numbers read once from the exact evaluation, with
 * none of the plan's generality (no cost lines, no cent splits, no stages). A construction change
 * x scales the loans and the sale lot's cost (so nothing is hoisted out of the loop).
 */
function floorOf(ev: Evaluation): { run: (x: number) => number } {
  const r = ev.rental!;
  const oa = operatingAssumptions({ ...ev.model, used: new Map(ev.model.used) });
  const la0 = r.livretA0.toNumber();
  const path = Float64Array.from(r.livretAPath, (d) => d.toNumber());
  const loans = r.loans.map((l) => ({ lot: l.line.lotIndex, k: l.spec.amountEur.toNumber(), margin: l.spec.margin.toNumber(), n: l.spec.durationYears, p: l.spec.progressivity.toNumber() }));
  const horizon = r.horizonYears;
  const irl = oa.irlPath.map((d) => d.toNumber());
  const ch = oa.chargesIndexation.toNumber();
  const accounts = r.lots.map((l) => {
    const nd = ev.model.lots[l.lotIndex]!.dwellings;
    const keep = 1 - oa.vacancy.toNumber() - oa.badDebt.toNumber();
    return {
      lot: l.lotIndex, test: l.account.testYears, exemption: l.tfpbExemptionYears,
      income: (l.rent.rentSurfaceM2.toNumber() * l.rent.rent.toNumber() * 12 + l.rent.annexRentYear1Eur.toNumber()) * keep * (1 - oa.contributions.toNumber()),
      fixed: (oa.management.toNumber() + oa.insurance.toNumber()) * nd, maint: oa.maintenance.toNumber() * nd, major: oa.majorMaintenancePerDwelling!.toNumber() * nd, tfpb: oa.tfpb.toNumber() * nd,
    };
  });
  const sale = ev.sales!.lots[0]!;
  const saleRevenue = sale.revenueHtEur.toNumber(), saleCost = sale.costToCoverHtEur.toNumber(), saleOther = sale.marketingEur.toNumber() + (sale.psla?.carryingNetEur.toNumber() ?? 0);
  const annuities = new Float64Array(horizon * accounts.length);
  return {
    run(x: number): number {
      annuities.fill(0);
      const f = 1 + x / 100;
      for (const l of loans) {
        const t = Math.max(0, la0 + l.margin);
        let crd = l.k * f;
        const a = accounts.findIndex((c) => c.lot === l.lot);
        for (let y = 1; y <= l.n; y++) {
          const tx = Math.max(0, t + path[Math.min(y, path.length) - 1]! - la0);
          const q = (1 + l.p) / (1 + t);
          const m = l.n - y + 1;
          const ann = m === 1 ? crd * (1 + tx) : (crd * (1 + tx) * (1 - q)) / (1 - q ** m);
          crd -= ann - tx * crd;
          if (y <= horizon) { const j = a * horizon + y - 1; annuities[j] = annuities[j]! + ann; }
        }
      }
      let balance = saleRevenue - saleCost * f - saleOther;
      accounts.forEach((c, a) => {
        let ri = 1, ci = 1, cum = 0, min = Infinity;
        for (let y = 1; y <= horizon; y++) {
          if (y > 1) { ri *= 1 + irl[Math.min(y - 1, irl.length) - 1]!; ci *= 1 + ch; }
          const charges = c.fixed + (y >= oa.maintenanceFrom ? c.maint : 0) + (y >= oa.majorMaintenanceFrom ? c.major : 0) + (y > c.exemption ? c.tfpb : 0);
          cum += ri * c.income - annuities[a * horizon + y - 1]! - ci * charges;
          if (y <= c.test && cum < min) min = cum;
        }
        if (min < 0) balance += min;
      });
      return balance;
    },
  };
}

/** Issue 16 §2: the compiled plan against the float64 floor, at 3, 30 and 200 lots, and a 51 × 51 grid on 200 lots. */
function fastPath(): void {
  const rate = (fn: () => void, seconds: number) => {
    for (let i = 0; i < 2000; i++) fn();
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) { fn(); n++; }
    return n / ((performance.now() - t0) / 1000);
  };
  const example = 'examples/exemple.yaml';
  const ev = runText(example, readFileSync(example, 'utf8')).evaluation!;
  const floor = floorOf(ev);
  let k = 0, sink = 0;
  const floorRate = rate(() => { k++; sink += floor.run(k % 10); }, 2);
  say(`Fast path — float64 floor on ${example} (4 CDC loans re-amortised every year, ${ev.rental!.horizonYears}-year account, 1 sale lot): ${floorRate.toFixed(0)} evaluations/s; its balance at the base ${floor.run(0).toFixed(2)} € (exact ${ev.operation.balanceEur.toFixed(2)} €)`);
  for (const lots of [3, 30, 200]) {
    const file = lots === 3 ? example : `generated-${lots}-lots.yaml`;
    const base = lots === 3 ? ev : runText(file, replicated(lots)).evaluation!;
    const t0 = performance.now();
    const plan = compilePlan(base);
    const compileMs = performance.now() - t0;
    const res = plan.newResult();
    const all: Levers[] = Array.from({ length: 16 }, (_, i) => ({ constructionPct: i % 10, livretAPts: (i % 7) / 10, irlPts: (i % 3) / 10 }));
    const cons: Levers[] = Array.from({ length: 16 }, (_, i) => ({ constructionPct: i }));
    const rest: Levers[] = Array.from({ length: 16 }, (_, i) => ({ rentsPct: i, vacancyPts: i % 3 }));
    const rAll = rate(() => { k++; plan.evaluate(all[k % 16]!, res); }, 1.5);
    const rCons = rate(() => { k++; plan.evaluate(cons[k % 16]!, res); }, 1.5);
    const rRest = rate(() => { k++; plan.evaluate(rest[k % 16]!, res); }, 1.5);
    say(`  compiled plan, ${lots} lots (compiled in ${ms(compileMs)}): every stage moving (construction, Livret A, IRL) ${rAll.toFixed(0)}/s, ×lots ${(rAll * lots).toFixed(0)}/s${lots === 3 ? ` — ${(floorRate / rAll).toFixed(2)}× the floor (target ≤ 2.5×, ≥ 50 000/s)` : ''}; construction only ${rCons.toFixed(0)}/s (×lots ${(rCons * lots).toFixed(0)}); rents and vacancy only ${rRest.toFixed(0)}/s (×lots ${(rRest * lots).toFixed(0)})`);
  }
  const file = 'generated-200-lots.yaml';
  const text = replicated(200);
  const xs = range(-25, 25, 1), ys = range(-1, 1.5, 0.05);
  const r1 = runText(file, text);
  grid(r1.load.input!, r1.evaluation!, file, 'construction', xs, 'livret_a', ys, 'operation.balance_eur');
  const r2 = runText(file, text);
  const t0 = performance.now();
  grid(r2.load.input!, r2.evaluation!, file, 'construction', xs, 'livret_a', ys, 'operation.balance_eur');
  const g = performance.now() - t0;
  say(`  ${xs.length} × ${ys.length} grid construction × Livret A on a 200-lot operation (the example's lots replicated), the plan's compilation included: ${ms(g)} (target < 2 000 ms)`);
  if (sink === 42) say('');
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

if (process.env.EQUILIBRE_BENCH_EXACT_CHILD) {
  exactEngineChild(process.env.EQUILIBRE_BENCH_EXACT_CHILD);
  process.exit(0);
}
machine();
say(`Commit: ${(() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })()} · ${new Date().toISOString().slice(0, 10)}`);
say();
// BENCH_ONLY=check: only the `check` figures (minutes on a loaded machine); BENCH_ONLY=cold: only the cold start;
// BENCH_ONLY=fast: only the compiled plan against the float64 floor, and the 51 × 51 grid;
// BENCH_ONLY=risk: only `risk` (BENCH_RISK_DRAWS, default 10 000; BENCH_RISK_RUNS, default 1);
// BENCH_ONLY=exact: only the exact engine's evaluations (BENCH_EXACT_RUNS fresh processes, default 7).
if (process.env.BENCH_ONLY === 'exact') {
  exactEngine();
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'risk') {
  riskRun(Number(process.env.BENCH_RISK_DRAWS ?? 10000), Number(process.env.BENCH_RISK_RUNS ?? 1));
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'cold') {
  coldStart(Number(process.env.BENCH_RUNS ?? 15));
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'fast') {
  fastPath();
  process.exit(0);
}
if (process.env.BENCH_ONLY !== 'check') {
  coldStart(Number(process.env.BENCH_RUNS ?? 15));
  fastPath();
  xlsxReport('examples/exemple.yaml', 5);
  const big = largestFixture();
  evalsPerSecond(big.file, big.text);
  exactEngine();
  rendering(big.file, big.text);
  sweeps('fixtures/roubaix-esperance.yaml', readFileSync('fixtures/roubaix-esperance.yaml', 'utf8'));
  sweeps(big.file, big.text);
  budget(Number(process.env.BENCH_LOTS ?? 40));
  riskRun(Number(process.env.BENCH_RISK_DRAWS ?? 10000), Number(process.env.BENCH_RISK_RUNS ?? 1));
}
manyFiles(Number(process.env.BENCH_FILES ?? 1000));
manyFiles(Number(process.env.BENCH_FILES ?? 1000), '1');
// Memory flat in the number of files (issue 12): 5 000 files, by default and on one thread.
manyFiles(Number(process.env.BENCH_MANY_FILES ?? 5000));
manyFiles(Number(process.env.BENCH_MANY_FILES ?? 5000), '1');
hostileInputs();
