/**
 * `check` over many files on every core: the files are split into contiguous shares, one per
 * worker thread (the main thread takes a share too), each worker runs the same single-file
 * build with its code cache, and the results come back in file order. Used only from the built
 * CLI with enough files to pay for starting a worker; otherwise files are checked in turn.
 */
import type * as Os from 'node:os';
import type { Io } from './io';

/**
 * Below this many files one thread is faster: a worker pays its start-up and warms its own JIT
 * (measured on 2 cores: 100 files 1.0 s on one thread vs 1.2 s on two, 200 files even, 1 000 files
 * about a fifth faster on two; docs/performance.md).
 */
export const PARALLEL_MIN_FILES = 200;

/** The bundle this code runs from, when it runs from the built CLI (dist/equilibre.cjs or dist/equilibre-check.cjs). */
function bundlePath(): string | null {
  const f = typeof __filename === 'string' ? __filename : '';
  return /equilibre(-check)?\.cjs$/.test(f) ? f : null;
}

/**
 * The default number of shares at most: each share costs ~50 MB (its own heap and JIT), and two
 * keep a check of 1 000 files within the 200 MB budget (115 MB on one thread, 165 MB on two, 220
 * on three: docs/performance.md). `--jobs auto` takes one per core.
 */
export const DEFAULT_MAX_SHARES = 2;

/**
 * How many shares: `--jobs N` (or EQUILIBRE_WORKERS=N); `auto` for one per core, at most 8; by
 * default as `auto` but at most DEFAULT_MAX_SHARES. Under PARALLEL_MIN_FILES files, `auto` and the
 * default use one. Outside the built CLI (tests in-process), mapShares checks every share on this
 * thread whatever the count.
 */
export function workerCount(files: number, env: Record<string, string | undefined>, jobs?: string, cores?: number): number {
  const asked = jobs ?? env.EQUILIBRE_WORKERS;
  if (asked !== undefined && asked !== 'auto') return Math.max(1, Math.min(16, Math.floor(Number(asked)) || 1));
  if (files < PARALLEL_MIN_FILES) return 1;
  const cap = asked === 'auto' ? 8 : DEFAULT_MAX_SHARES;
  return Math.max(1, Math.min(cores ?? availableCores(), cap, Math.floor(files / (PARALLEL_MIN_FILES / 2))));
}

function availableCores(): number {
  // node:os is loaded only here (a check of one file, which takes one share, never asks; docs/performance.md)
  const os = process.getBuiltinModule('node:os') as typeof Os;
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * A worker loads the same build, with `check`'s code cache, through the CLI's own loader (bin/load-bundle.cjs).
 * `checkShare` contains every failure of a file as that file's diagnostic: a worker fails only
 * if the thread itself does (out of memory, killed), and then its share is done on this thread.
 */
const BOOT = `
const { workerData, parentPort } = require('node:worker_threads');
const { loadBundle } = require(require('node:path').join(workerData.bundle, '..', '..', 'bin', 'load-bundle.cjs'));
parentPort.postMessage(loadBundle('check').exports.checkShare(workerData.files, workerData.opts));
`;

/**
 * Map `local` over `items`, the first share on this thread and the others on workers that call
 * the bundle's exported `checkShare(items, opts)`. Each result is handed to `sink` in the order
 * of `items` as soon as it is known, and nothing is kept: the first share is checked here file by
 * file while the workers check the others, whose results are passed on when this thread reaches
 * them (a worker's share is held until then, as small per-file summaries).
 */
export async function streamShares<T, R>(items: readonly T[], workers: number, opts: unknown, io: Io, local: (item: T) => R, sink: (r: R) => void): Promise<void> {
  const bundle = bundlePath();
  // The event loop gets a turn every few files: a SIGINT/SIGTERM is handled at once (output.ts
  // removes the temporary files and ends the process) rather than after the whole run.
  let n = 0;
  const each = async (share: readonly T[]) => {
    for (const it of share) {
      sink(local(it));
      if (++n % 8 === 0) await new Promise<void>((r) => setImmediate(r));
    }
  };
  if (workers <= 1 || !bundle || items.length < 2) { await each(items); return; }
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const size = Math.ceil(items.length / workers);
  const shares: T[][] = [];
  for (let i = 0; i < items.length; i += size) shares.push(items.slice(i, i + size));
  type Got = { ok: true; r: R[] } | { ok: false; e: unknown };
  const threads: { terminate: () => unknown }[] = [];
  const remote: (Promise<Got> | undefined)[] = shares.slice(1).map((share) => new Promise<R[]>((resolve, reject) => {
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const w = new Worker(BOOT, { eval: true, execArgv, workerData: { bundle, files: share, opts } });
    threads.push(w);
    w.once('message', (m: R[]) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`worker exited with ${code}`)); });
  }).then((r): Got => ({ ok: true, r }), (e: unknown): Got => ({ ok: false, e })));
  try {
    await each(shares[0] ?? []);
    for (let k = 0; k < remote.length; k++) {
      const got = await remote[k]!;
      remote[k] = undefined; // the share's results are not kept once passed on
      if (got.ok) { for (const r of got.r) sink(r); continue; }
      io.stderr(`equilibre: vérification parallèle indisponible (${(got.e as Error).message}), poursuite sur un seul cœur\n`);
      await each(shares[k + 1]!);
    }
  } catch (e) {
    // The run stops (an output that cannot be written…): the workers' work is of no use any more.
    for (const w of threads) void w.terminate();
    throw e;
  }
}
