/** Process entry of the bundled build: real IO, real exit code. */
import { processIo } from './io';
import { main } from './main';
import { checkOne, type FileCheck } from './commands/check';

/** A worker's share of `check` (parallel.ts): the same checks, on the files it is given. */
export function checkShare(files: string[], opts: { only: string[]; skip: string[]; set: string[] }): FileCheck[] {
  const io = processIo();
  return files.map((f) => checkOne(io, f, opts));
}

export async function run(): Promise<void> {
  // A reader that stops early (`equilibre … | head`) is not an error of ours: stop quietly.
  for (const s of [process.stdout, process.stderr]) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const code = await main(process.argv.slice(2), processIo());
  process.exitCode = code;
}
