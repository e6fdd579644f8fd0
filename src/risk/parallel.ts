/**
 * `equilibre risk` on two threads (issue 16 §2): a worker thread loads the same build (with its code
 * cache, bin/load-bundle.cjs), reads and evaluates the same file and builds the same evaluator while
 * this thread starts drawing; then both take chunks of RISK_CHUNK_DRAWS draws in turn from a shared
 * counter, each chunk drawn by replaying the seeded generator up to its first draw (`Drawer.skip`),
 * and write each draw's figures into shared arrays at its index; with `--exact-percentiles` the
 * percentiles' draws are then evaluated exactly, shared the same way. A draw's figures depend only on the draw (the plan and the
 * exact engine are deterministic), and the statistics read the draws in draw order: the output is
 * byte-identical whatever the number of threads and whichever thread drew what
 * (test/risk-parallel.test.ts). If the worker fails, this thread does its part.
 */
import * as os from 'node:os';
import { D, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import type { OperationFile } from '../schema/operation';
import { processIo } from '../cli/io';
import { runFile } from '../cli/load-file';
import { riskEvaluator, type RiskEvaluator } from './evaluator';
import { CHUNK_DRAWS, drawTable, PERCENTILES, replayer, riskStats, sampleDraws, type DrawTable, type RiskResult, type RunOptions } from './run';
import { drawer } from './sample';
import { riskSpec, type RiskSpec } from './spec';

/** Draws a thread takes at a time (a few ms of work: the two threads end within a chunk of each other). */
export const RISK_CHUNK_DRAWS = CHUNK_DRAWS;

/**
 * Below this many draws `--jobs auto` keeps one thread: the worker pays its own start-up (loading the program,
 * reading and evaluating the file) and warms its own JIT (docs/performance.md).
 */
export const PARALLEL_MIN_DRAWS = 2000;

/**
 * Threads for a run of `draws` draws: `--jobs N` (or EQUILIBRE_WORKERS=N), at most 2 (this thread and one worker);
 * `auto`: 2 from PARALLEL_MIN_DRAWS draws when there are two cores; by default 1 — measured on two cores, the
 * worker gave no shorter wall time (V8's own compiler and collector threads already keep the second core about
 * half busy during a one-thread run) for a third more CPU (docs/performance.md).
 */
export function riskThreads(draws: number, env: Record<string, string | undefined>, jobs?: string, cores = availableCores()): number {
  const asked = jobs ?? env.EQUILIBRE_WORKERS;
  if (asked === undefined) return 1;
  if (asked !== 'auto') return Math.max(1, Math.min(2, Math.floor(Number(asked)) || 1));
  return cores >= 2 && draws >= PARALLEL_MIN_DRAWS ? 2 : 1;
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** The bundle this code runs from, when it runs from the built CLI (dist/equilibre.cjs). */
function bundlePath(): string | null {
  const f = typeof __filename === 'string' ? __filename : '';
  return /equilibre\.cjs$/.test(f) ? f : null;
}

const BOOT = `
const { workerData, parentPort } = require('node:worker_threads');
const { loadBundle } = require(require('node:path').join(workerData.bundle, '..', '..', 'bin', 'load-bundle.cjs'));
loadBundle('main').exports.riskShare(workerData, parentPort);
`;

/** What the worker is started with: the file to read and evaluate as this thread did, and the program's bundle. */
interface WorkerData {
  bundle: string;
  file: string;
  sets: readonly string[];
  breakEven: boolean;
}

/**
 * The run, sent to the worker once known: the shared arrays, and who took each chunk of draws and each wanted draw
 * (0: nobody yet, 1: this thread, 2: the worker; taken by compare-and-exchange, so each is taken once), and the
 * chunks the worker has drawn.
 */
interface Go {
  draws: number;
  seed: number;
  figures: string[];
  booleans: string[];
  table: DrawTable;
  chunkTaker: Int32Array;
  chunkDone: Int32Array;
  wantedTaker: Int32Array;
}

export type FromWorker = { kind: 'sampled' } | { kind: 'exact'; results: [number, (string | null)[] | null][] } | { kind: 'error'; message: string };

interface Port {
  postMessage(m: unknown): void;
  once(event: 'message', f: (m: unknown) => void): unknown;
}

const HERE = 1, WORKER = 2;

/** Take chunks (`me`: HERE or WORKER) and draw them into the table; returns the draws drawn. */
function takeChunks(ev: RiskEvaluator, spec: RiskSpec, seed: number, d: Pick<Go, 'draws' | 'table' | 'chunkTaker' | 'chunkDone'>, me: number, onDraw?: () => void): number {
  const next = drawer(spec, seed);
  let at = 0, drawn = 0;
  for (let c = 0; c < d.chunkTaker.length; c++) {
    if (Atomics.compareExchange(d.chunkTaker, c, 0, me) !== 0) continue;
    const from = c * RISK_CHUNK_DRAWS, to = Math.min(d.draws, from + RISK_CHUNK_DRAWS);
    next.skip(from - at);
    sampleDraws(ev, next, from, to, d.table, onDraw);
    at = to;
    drawn += to - from;
    Atomics.store(d.chunkDone, c, 1);
  }
  return drawn;
}

/** Take wanted draws (in increasing draw order; `me`: HERE or WORKER, 0: every one) and evaluate each exactly. */
function takeExact(ev: RiskEvaluator, spec: RiskSpec, seed: number, starts: Int32Array, wanted: readonly [number, readonly number[]][], taker: Int32Array | null, me: number, into: (i: number, v: (Dec | null)[] | null) => void): void {
  const replay = replayer(spec, seed, starts);
  for (let k = 0; k < wanted.length; k++) {
    if (taker && Atomics.compareExchange(taker, k, 0, me) !== 0) continue;
    const [i, only] = wanted[k]!;
    into(i, ev.exact(replay(i), only)?.values ?? null);
  }
}

/**
 * The worker's side (exported by the bundle's entry, src/cli/entry.ts): it reads and evaluates the file and builds
 * its evaluator, then waits for the run (`Go`), takes chunks of draws, then wanted draws.
 */
export function riskShare(data: WorkerData, port: Port): void {
  const fail = (e: unknown) => port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromWorker);
  try {
    const run = runFile(processIo(), data.file, data.sets);
    if (!run.evaluation || !run.load.input) throw new Error('the file does not evaluate');
    const input = run.load.input, base = run.evaluation;
    const spec = riskSpec(input);
    const ev = riskEvaluator(input, base, data.file, spec, data.breakEven);
    port.once('message', (g) => {
      try {
        const go = g as Go;
        if (ev.figures.map((f) => f.name).join('\n') !== go.figures.join('\n') || ev.booleans.join('\n') !== go.booleans.join('\n')) throw new Error('another evaluator');
        takeChunks(ev, spec, go.seed, go, WORKER);
        port.postMessage({ kind: 'sampled' } satisfies FromWorker);
        port.once('message', (m) => {
          try {
            const results: [number, (string | null)[] | null][] = [];
            takeExact(ev, spec, go.seed, go.table.starts, (m as { wanted: [number, number[]][] }).wanted, go.wantedTaker, WORKER, (i, v) => results.push([i, v ? v.map((x) => (x === null ? null : x.toString())) : null]));
            port.postMessage({ kind: 'exact', results } satisfies FromWorker);
          } catch (e) { fail(e); }
        });
      } catch (e) { fail(e); }
    });
  } catch (e) { fail(e); }
}

/** A started worker: post to it, receive its messages in turn (its end or failure: an error message). */
export interface RiskWorker {
  post(m: unknown): void;
  receive(): Promise<FromWorker>;
  /** The first error the worker reported (it failed to start, or later), whether or not it was received; else null. */
  error(): string | null;
  stop(): void;
}

/**
 * Start the worker of a run (the built CLI only, else null), as early as possible: it loads the program and
 * evaluates the file while this thread does the same, then waits for the run.
 */
export function startRiskWorker(file: string, sets: readonly string[], breakEven: boolean): RiskWorker | null {
  const bundle = bundlePath();
  if (!bundle) return null;
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const data: WorkerData = { bundle, file, sets, breakEven };
  const w = new Worker(BOOT, { eval: true, execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')), workerData: data });
  // (it never keeps the process alive: a worker still starting when this thread has done everything is stopped)
  w.unref();
  const inbox: FromWorker[] = [];
  let waiting: ((m: FromWorker) => void) | null = null;
  let firstError: string | null = null;
  // (its last message is 'exact': an exit after it is its normal end, not a failure)
  let ended = false;
  const deliver = (m: FromWorker) => {
    if (m.kind === 'error') firstError ??= m.message;
    if (m.kind === 'exact') ended = true;
    if (waiting) { const f = waiting; waiting = null; f(m); } else inbox.push(m);
  };
  w.on('message', (m: FromWorker) => deliver(m));
  w.once('error', (e) => deliver({ kind: 'error', message: e.message }));
  w.once('exit', (code) => { if (!(ended && code === 0)) deliver({ kind: 'error', message: `exit ${code}` }); });
  return {
    post: (m) => w.postMessage(m),
    receive: () => new Promise<FromWorker>((resolve) => { const m = inbox.shift(); if (m) resolve(m); else waiting = resolve; }),
    error: () => firstError,
    stop: () => { void w.terminate(); },
  };
}

/**
 * `runRisk` on this thread and a worker (the built CLI only; elsewhere, or with `threads` 1, on this
 * thread alone). The same result as `runRisk` to the byte.
 */
export async function runRiskShared(input: OperationFile, base: Evaluation, file: string, opts: RunOptions & { sets: readonly string[]; threads: number; worker?: RiskWorker | null; onWorkerFailure?: (message: string) => void }): Promise<RiskResult> {
  const spec = opts.spec ?? riskSpec(input);
  const breakEven = opts.breakEven ?? true;
  const ev = opts.evaluator ?? riskEvaluator(input, base, file, spec, breakEven);
  const N = opts.draws;
  const worker = opts.threads > 1 && N > RISK_CHUNK_DRAWS ? opts.worker ?? startRiskWorker(file, opts.sets, breakEven) : null;
  if (!worker) opts.worker?.stop();
  const shared = !!worker;
  const t = drawTable(N, ev.figures.length, ev.booleans.length, shared);
  const chunks = Math.ceil(N / RISK_CHUNK_DRAWS);
  const ints = (n: number) => new Int32Array(shared ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
  const chunkTaker = ints(chunks), chunkDone = ints(chunks), wantedTaker = ints(PERCENTILES.length * ev.figures.length);
  let failed = false;
  const failure = (m: FromWorker) => { if (m.kind === 'error' && !failed) { failed = true; opts.onWorkerFailure?.(m.message); } };
  worker?.post({ draws: N, seed: opts.seed, figures: ev.figures.map((f) => f.name), booleans: [...ev.booleans], table: t, chunkTaker, chunkDone, wantedTaker } satisfies Go);
  try {
    let drawn = takeChunks(ev, spec, opts.seed, { draws: N, table: t, chunkTaker, chunkDone }, HERE, opts.onDraw);
    // the chunks the worker took and has not drawn yet: wait for it (if it fails, they are drawn here)
    const pending = () => { for (let c = 0; c < chunks; c++) if (Atomics.load(chunkDone, c) === 0) return true; return false; };
    while (worker && !failed && pending()) {
      const m = await worker.receive();
      if (m.kind === 'sampled') break;
      failure(m);
    }
    if (pending()) {
      const next = drawer(spec, opts.seed);
      let at = 0;
      for (let c = 0; c < chunks; c++) {
        if (Atomics.load(chunkDone, c) !== 0) continue;
        const from = c * RISK_CHUNK_DRAWS, to = Math.min(N, from + RISK_CHUNK_DRAWS);
        next.skip(from - at);
        sampleDraws(ev, next, from, to, t, opts.onDraw);
        at = to;
        drawn += to - from;
      }
    }
    // (the worker's draws, for the progress display)
    if (opts.onDraw) for (; drawn < N; drawn++) opts.onDraw();
    const stats = riskStats(ev, spec, opts, t);
    const wanted = [...stats.wanted];
    const exact = new Map<number, (Dec | null)[]>();
    const put = (i: number, v: (Dec | null)[] | null) => exact.set(i, v ?? ev.figures.map(() => null));
    // (no percentile evaluated exactly: the worker, left waiting, is stopped at the end)
    if (worker && !failed && wanted.length > 0) worker.post({ wanted });
    takeExact(ev, spec, opts.seed, t.starts, wanted, shared ? wantedTaker : null, HERE, put);
    // the worker's, if it took any
    let theirs = false;
    for (let k = 0; k < wanted.length; k++) if (Atomics.load(wantedTaker, k) === WORKER) theirs = true;
    while (worker && !failed && theirs) {
      const m = await worker.receive();
      if (m.kind === 'exact') { for (const [i, v] of m.results) put(i, v ? v.map((x) => (x === null ? null : D(x))) : null); break; }
      failure(m);
    }
    // what the worker did not give (it failed), here
    const missing = wanted.filter(([i]) => !exact.has(i));
    if (missing.length) takeExact(ev, spec, opts.seed, t.starts, missing, null, 0, put);
    // a worker that failed before it took anything was never waited for (its messages wait for this thread's event
    // loop, which the draws kept busy): let them in, and say so all the same
    if (worker && !failed) await new Promise((resolve) => setImmediate(resolve));
    const early = worker?.error();
    if (early) failure({ kind: 'error', message: early });
    return stats.finish(exact);
  } finally {
    worker?.stop();
  }
}
