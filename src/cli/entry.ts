/** Process entry of the bundled build: real IO, real exit code. */
import { processIo } from './io';
import { main } from './main';

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
