/**
 * The command-line program. It only parses arguments, calls the pure stages, prints and
 * returns the exit code: 0 evaluated and nothing failed · 1 a check failed (`check`, or
 * `--strict`) · 2 could not evaluate (usage, unreadable file, YAML, schema, internal error).
 * The root command and the errors are program.ts's; this file installs every command.
 */
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, type Io } from './io';
import { runProgram } from './program';
import { reportCommand } from './commands/report';
import { paramsCommand } from './commands/params';
import { schemaCommand } from './commands/schema';
import { initCommand } from './commands/init';
import { extraCommands } from './commands/registry';
import './commands/loan';
import './commands/check';
import './commands/sensitivity';
import './commands/compare';
import './commands/risk';
import './commands/explain';
import './commands/profile';

export { addCommon, emit, openSink, OutputError, writeBytesOut, writeOut, type CommonOptions } from './common';
export { terminalSafe } from './program';

export function main(argv: readonly string[], rawIo: Io): Promise<number> {
  return runProgram(argv, rawIo, (program, io, setCode) => {
    reportCommand(program, io, setCode);
    paramsCommand(program, io, setCode);
    schemaCommand(program, io, setCode);
    initCommand(program, io, setCode);
    for (const add of extraCommands) add(program, io, setCode);
  });
}

export { EXIT_ERROR, EXIT_FAILED, EXIT_OK };
