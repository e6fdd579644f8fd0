/**
 * What every command shares: the common options (`--format`, `--lang`, `--output`, `--width`,
 * `--set`) and the ways to write a result (standard output, or a file written atomically). The
 * commands import these from here, not from main.ts, which imports the commands.
 */
import { Option, type Command } from 'commander';
import { OutputError, type OutputWriter } from './output';
import type { Io } from './io';
import { langOption, widthOption } from './help';

export interface CommonOptions {
  format: string;
  lang: 'fr' | 'en';
  output?: string;
  set: string[];
  strict?: boolean;
  /** `--width N` (table output): the widest line; see outputWidth. */
  width?: number;
}

export function addCommon(cmd: Command, formats: string[], defaultFormat = 'table'): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(formats).default(defaultFormat))
    .addOption(langOption())
    .option('-o, --output <file>', 'écrire dans ce fichier (atomiquement) plutôt que sur la sortie standard')
    .addOption(widthOption())
    .option('--set <path=value>', 'remplacer une valeur du fichier, ex. construction.cost_eur_per_m2_shab=1500 (répétable)', (v: string, prev: string[]) => [...prev, v], [] as string[]);
}

export { OutputError };

/** Write a file atomically (io.writeFile), a failure becoming an OutputError. */
export function writeOut(io: Io, file: string, text: string): void {
  try {
    io.writeFile(file, text);
  } catch (e) {
    throw e instanceof OutputError ? e : new OutputError(file, (e as NodeJS.ErrnoException).code ?? 'EIO');
  }
}

/**
 * A progressive writer for `file` (io.openWrite: a temporary file renamed at commit), or for the
 * standard output when no file is given; an Io without openWrite (tests) gets one write at commit.
 */
export function openSink(io: Io, file: string | undefined): OutputWriter {
  // check writes text; bytes (never sent here) would be decoded as UTF-8
  const text = (s: string | Uint8Array) => (typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));
  if (!file) return { write: (s) => io.stdout(text(s)), commit: () => {}, abort: () => {} };
  if (io.openWrite) {
    try { return io.openWrite(file); } catch (e) { throw e instanceof OutputError ? e : new OutputError(file, (e as NodeJS.ErrnoException).code ?? 'EIO'); }
  }
  const parts: string[] = [];
  return { write: (s) => { parts.push(text(s)); }, commit: () => writeOut(io, file, parts.join('')), abort: () => { parts.length = 0; } };
}

/** Write a binary file (an xlsx workbook) atomically, a failure becoming an OutputError. */
export function writeBytesOut(io: Io, file: string, bytes: Uint8Array): void {
  try {
    if (!io.writeBytes) throw Object.assign(new Error('no binary writer'), { code: 'EIO' });
    io.writeBytes(file, bytes);
  } catch (e) {
    throw new OutputError(file, (e as NodeJS.ErrnoException).code ?? 'EIO');
  }
}

/** Write the result where asked. */
export function emit(io: Io, opts: { output?: string | undefined }, text: string): void {
  if (opts.output) writeOut(io, opts.output, text);
  else io.stdout(text);
}
