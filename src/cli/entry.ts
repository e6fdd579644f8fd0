/** Process entry of the bundled build: real IO, real exit code. */
import { processIo } from './io';
import { main } from './main';
import { checkAndSummarize, type FileSummary, type RenderOptions } from './commands/check';
import { terminalSafe } from './main';
// a worker thread's share of `equilibre risk` (src/risk/parallel.ts)
export { riskShare } from '../risk/parallel';

/** A worker's share of `check` (parallel.ts): the same checks and rendering, on the files it is given. */
export function checkShare(files: string[], opts: RenderOptions): FileSummary[] {
  const io = terminalSafe(processIo());
  return files.map((f) => checkAndSummarize(io, f, opts));
}

export async function run(): Promise<void> {
  // Standard output and error are written with blocking writes (io.ts): EPIPE (`equilibre … | head`)
  // is dropped quietly there, any other error of standard output is OUTPUT_NOT_WRITABLE.
  const code = await main(process.argv.slice(2), processIo());
  process.exitCode = code;
}
