/**
 * Process entry of `equilibre report`'s own build (dist/equilibre-report.cjs): the root command and
 * `report` alone, without check, explain, sensitivity, compare, risk, loan, init, params, schema and
 * profile, so that a report reads, compiles and initialises less of the program (docs/performance.md).
 * bin/load-bundle.cjs starts it only for `equilibre report …` (optionally after `--lang X`);
 * anything else, a file without the word `report` included, starts the whole build (entry.ts).
 */
import { processIo } from './io';
import { runProgram } from './program';
import { reportCommand } from './commands/report';

export async function run(): Promise<void> {
  const code = await runProgram(process.argv.slice(2), processIo(), (program, io, setCode) => {
    reportCommand(program, io, setCode);
  });
  process.exitCode = code;
}
