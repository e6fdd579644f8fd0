/**
 * `equilibre risk` on two threads (issue 16 §2): a worker thread loads the same build (with its code
 * cache, bin/load-bundle.cjs), reads and evaluates the same file and builds the same evaluator while
 * this thread starts drawing; then both take chunks of RISK_CHUNK_DRAWS draws in turn from a shared
 * counter, each chunk drawn by replaying the seeded generator up to its first draw (`Drawer.skip`),
 * and write each draw's figures into shared arrays at its index; the percentiles' draws are then
 * evaluated exactly, shared the same way. A draw's figures depend only on the draw (the plan and the
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
import { drawTable, riskStats, sampleDraws, type DrawTable, type RiskResult, type RunOptions } from './run';
import { drawer } from './sample';
import { riskSpec, type RiskSpec } from './spec';

/** Draws a thread takes at a time (a few ms of work: the two threads end within a chunk of each other). */
export const RISK_CHUNK_DRAWS = 250;

/**
 * Below this many draws one thread is faster: the worker pays its own start-up (loading the program,
 * reading and evaluating the file: ~0.1 s of CPU) and warms its own JIT (docs/performance.md).
 */
export const PARALLEL_MIN_DRAWS = 2000;

/**
 * Threads for a run of `draws` draws: `--jobs N` (or EQUILIBRE_WORKERS=N), at most 2 (this thread and
 * one worker); `auto`: 2 when there are two cores; by default 2 from PARALLEL_MIN_DRAWS draws when there
 * are two cores, else 1.
 */
export function riskThreads(draws: number, env: Record<string, string | undefined>, jobs?: string, cores = availableCores()): number {
  const asked = jobs ?? env.EQUILIBRE_WORKERS;
  if (asked !== undefined && asked !== 'auto') return Math.max(1, Math.min(2, Math.floor(Number(asked)) || 1));
  return cores >= 2 && (asked === 'auto' || draws >= PARALLEL_MIN_DRAWS) ? 2 : 1;
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
loadBundle('report').exports.riskShare(workerData, parentPort);
`;

/** What the worker is given: the run, the shared arrays and counters (next chunk, next wanted draw), each chunk's state (2: drawn). */
interface ShareData {
  bundle: string;
  file: string;
  sets: readonly string[];
  breakEven: boolean;
  draws: number;
  seed: number;
  figures: string[];
  booleans: string[];
  table: DrawTable;
  counters: Int32Array;
  state: Int32Array;
}

type FromWorker = { kind: 'sampled' } | { kind: 'exact'; results: [number, (string | null)[] | null][] } | { kind: 'error'; message: string };

interface Port {
  postMessage(m: unknown): void;
  once(event: 'message', f: (m: unknown) => void): unknown;
}

/** Take chunks from the shared counter and draw them into the table, `next` being at draw `at`; returns the draws drawn. */
function takeChunks(ev: RiskEvaluator, spec: RiskSpec, seed: number, d: Pick<ShareData, 'draws' | 'table' | 'counters' | 'state'>, onDraw?: () => void): number {
  const next = drawer(spec, seed);
  let at = 0, drawn = 0;
  for (;;) {
    const c = Atomics.add(d.counters, 0, 1);
    const from = c * RISK_CHUNK_DRAWS;
    if (from >= d.draws) return drawn;
    const to = Math.min(d.draws, from + RISK_CHUNK_DRAWS);
    next.skip(from - at);
    sampleDraws(ev, next, from, to, d.table, onDraw);
    at = to;
    drawn += to - from;
    Atomics.store(d.state, c, 2);
  }
}

/** Take wanted draws (in increasing draw order) from the shared counter and evaluate each exactly. */
function takeExact(ev: RiskEvaluator, spec: RiskSpec, seed: number, wanted: readonly [number, readonly number[]][], counters: Int32Array, into: (i: number, v: (Dec | null)[] | null) => void): void {
  const replay = drawer(spec, seed);
  let at = 0;
  for (;;) {
    const k = Atomics.add(counters, 1, 1);
    if (k >= wanted.length) return;
    const [i, only] = wanted[k]!;
    replay.skip(i - at);
    const d = replay();
    at = i + 1;
    into(i, ev.exact(d, only)?.values ?? null);
  }
}

/** The worker's side (exported by the bundle's entry, src/cli/entry.ts). */
export function riskShare(data: ShareData, port: Port): void {
  const fail = (e: unknown) => port.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromWorker);
  try {
    const run = runFile(processIo(), data.file, data.sets);
    if (!run.evaluation || !run.load.input) throw new Error('the file does not evaluate');
    const input = run.load.input, base = run.evaluation;
    const spec = riskSpec(input);
    const ev = riskEvaluator(input, base, data.file, spec, data.breakEven);
    if (ev.figures.map((f) => f.name).join('\n') !== data.figures.join('\n') || ev.booleans.join('\n') !== data.booleans.join('\n')) throw new Error('another evaluator');
    takeChunks(ev, spec, data.seed, data);
    port.postMessage({ kind: 'sampled' } satisfies FromWorker);
    port.once('message', (m) => {
      try {
        const results: [number, (string | null)[] | null][] = [];
        takeExact(ev, spec, data.seed, (m as { wanted: [number, number[]][] }).wanted, data.counters, (i, v) => results.push([i, v ? v.map((x) => (x === null ? null : x.toString())) : null]));
        port.postMessage({ kind: 'exact', results } satisfies FromWorker);
      } catch (e) { fail(e); }
    });
  } catch (e) { fail(e); }
}

/**
 * `runRisk` on this thread and a worker (the built CLI only; elsewhere, or with `threads` 1, on this
 * thread alone). The same result as `runRisk` to the byte.
 */
export async function runRiskShared(input: OperationFile, base: Evaluation, file: string, opts: RunOptions & { sets: readonly string[]; threads: number; onWorkerFailure?: (message: string) => void }): Promise<RiskResult> {
  const spec = opts.spec ?? riskSpec(input);
  const breakEven = opts.breakEven ?? true;
  const ev = opts.evaluator ?? riskEvaluator(input, base, file, spec, breakEven);
  const bundle = bundlePath();
  const N = opts.draws;
  const shared = opts.threads > 1 && !!bundle && N > RISK_CHUNK_DRAWS;
  const t = drawTable(N, ev.figures.length, ev.booleans.length, shared);
  const chunks = Math.ceil(N / RISK_CHUNK_DRAWS);
  const counters = new Int32Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
  const state = new Int32Array(shared ? new SharedArrayBuffer(4 * chunks) : new ArrayBuffer(4 * chunks));
  // the worker's messages, in turn; a failure (an error message, the thread's error or exit) ends them
  let worker: { postMessage(m: unknown): void; terminate(): unknown } | null = null;
  const inbox: FromWorker[] = [];
  let waiting: ((m: FromWorker) => void) | null = null;
  const deliver = (m: FromWorker) => { if (waiting) { const w = waiting; waiting = null; w(m); } else inbox.push(m); };
  const receive = () => new Promise<FromWorker>((resolve) => { const m = inbox.shift(); if (m) resolve(m); else waiting = resolve; });
  if (shared) {
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const data: ShareData = { bundle: bundle!, file, sets: opts.sets, breakEven, draws: N, seed: opts.seed, figures: ev.figures.map((f) => f.name), booleans: [...ev.booleans], table: t, counters, state };
    const w = new Worker(BOOT, { eval: true, execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')), workerData: data });
    worker = w;
    w.on('message', (m: FromWorker) => deliver(m));
    w.once('error', (e) => deliver({ kind: 'error', message: e.message }));
    w.once('exit', (code) => deliver({ kind: 'error', message: `exit ${code}` }));
  }
  try {
    let drawn = takeChunks(ev, spec, opts.seed, { draws: N, table: t, counters, state }, opts.onDraw);
    let failed = false;
    if (worker) {
      const m = await receive();
      if (m.kind !== 'sampled') {
        // the worker failed: its chunks (the undrawn ones) on this thread
        failed = true;
        opts.onWorkerFailure?.(m.kind === 'error' ? m.message : m.kind);
        const next = drawer(spec, opts.seed);
        let at = 0;
        for (let c = 0; c < chunks; c++) {
          if (Atomics.load(state, c) === 2) continue;
          const from = c * RISK_CHUNK_DRAWS, to = Math.min(N, from + RISK_CHUNK_DRAWS);
          next.skip(from - at);
          sampleDraws(ev, next, from, to, t, opts.onDraw);
          at = to;
          drawn += to - from;
        }
      }
    }
    // (the worker's draws, for the progress display)
    if (opts.onDraw) for (; drawn < N; drawn++) opts.onDraw();
    const stats = riskStats(ev, spec, opts, t);
    const wanted = [...stats.wanted];
    const exact = new Map<number, (Dec | null)[]>();
    const put = (i: number, v: (Dec | null)[] | null) => exact.set(i, v ?? ev.figures.map(() => null));
    if (worker && !failed) worker.postMessage({ wanted });
    takeExact(ev, spec, opts.seed, wanted, counters, put);
    if (worker && !failed) {
      const m = await receive();
      if (m.kind === 'exact') for (const [i, v] of m.results) put(i, v ? v.map((x) => (x === null ? null : D(x))) : null);
      else opts.onWorkerFailure?.(m.kind === 'error' ? m.message : m.kind);
    }
    // what the worker did not give (it failed), on this thread
    const missing = wanted.filter(([i]) => !exact.has(i));
    if (missing.length) { counters[1] = 0; takeExact(ev, spec, opts.seed, missing, counters, put); }
    return stats.finish(exact);
  } finally {
    void worker?.terminate();
  }
}
