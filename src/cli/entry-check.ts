/**
 * Process entry of `equilibre check`'s own build (dist/equilibre-check.cjs): the root command and
 * `check` alone, without the report, explain, sensitivity, compare and risk commands, so that a
 * check reads, compiles and initialises less of the program (docs/performance.md, « Démarrage à
 * froid »). bin/load-bundle.cjs starts it only for `equilibre check …` (optionally after `--lang
 * X`); anything else, `--help` at the root included, starts the whole build (entry.ts).
 */
import { processIo } from './io';
import { runProgram, terminalSafe } from './program';
import { checkAndSummarize, type FileSummary, type RenderOptions } from './commands/check';
import { extraCommands } from './commands/registry';

/** A worker's share of `check` (parallel.ts): the same checks and rendering, on the files it is given. */
export function checkShare(files: string[], opts: RenderOptions): FileSummary[] {
  const io = terminalSafe(processIo());
  return files.map((f) => checkAndSummarize(io, f, opts));
}

export async function run(): Promise<void> {
  // only commands/check.ts registers itself here in this build
  const code = await runProgram(process.argv.slice(2), processIo(), (program, io, setCode) => {
    for (const add of extraCommands) add(program, io, setCode);
  });
  process.exitCode = code;
}
