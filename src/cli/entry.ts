/** Process entry of the bundled build: real IO, real exit code. */
import { processIo } from './io';
import { main } from './main';

export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2), processIo());
  process.exitCode = code;
}
