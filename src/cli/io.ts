/** The process, injected: tests run the real entry point in-process with a fake IO. */
import * as fs from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { diag } from '../domain/diagnostic';
import { readCapped } from '../load/read';
import { suggest } from '../domain/suggest';
import { renderDiagnostic } from '../report/diagnostics';
import type { Lang } from '../report/format';
import { OutputError, openOutput, writeAll, writeBytesSafely, writeFileSafely, type OutputWriter } from './output';
import { currentMessageLang, translateUsageError } from './help';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /**
   * `code` is the errno code (ENOENT, EACCES, EISDIR…; E2BIG: over the size limit): diagnostics
   * carry it and render it in words; `error` is the system's own message, for debugging only.
   */
  readFile: (file: string) => { text: string } | { error: string; code?: string };
  /** Write atomically: a temp file beside the target, then rename (src/cli/output.ts). */
  writeFile: (file: string, text: string) => void;
  /** Write progressively, published at `commit()` (src/cli/output.ts); without it, writeFile at the end. */
  openWrite?: (file: string) => OutputWriter;
  /** Write bytes atomically, like writeFile (an xlsx workbook). Optional: an Io without it cannot write a workbook. */
  writeBytes?: (file: string, bytes: Uint8Array) => void;
  exists: (file: string) => boolean;
  env: Record<string, string | undefined>;
  stderrIsTTY: boolean;
  /** Columns of the terminal when stdout is one (the default `--width`); undefined for a file or a pipe. */
  stdoutColumns?: number | undefined;
  cwd: string;
  /**
   * Standard error as it is, for the progress bar alone: its `\r` must reach the terminal, while
   * everything else goes through `terminalSafe` (main.ts), which makes control characters visible.
   */
  rawStderr?: (s: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_ERROR = 2;

const MAX_READ = 10 * 1024 * 1024;

/**
 * Standard output and error written with blocking writes that handle short writes: an error on
 * standard output (disk full, /dev/full, a closed descriptor) is an OutputError (exit 2,
 * OUTPUT_NOT_WRITABLE); a reader that went away (EPIPE: `equilibre … | head`) is not an error of
 * ours: the rest of the output is dropped quietly and the run ends with its own exit code. An
 * error on standard error has nowhere to be reported: it is dropped.
 */
function fdWriter(fd: 1 | 2): (s: string) => void {
  let closed = false;
  return (s) => {
    if (closed || s.length === 0) return;
    try {
      writeAll(fd, Buffer.from(s));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      if (code === 'EPIPE' || fd === 2) { closed = true; return; }
      closed = true;
      throw new OutputError(STDOUT, code);
    }
  };
}

/** The name OutputError gives the standard output. */
export const STDOUT = '<stdout>';

export function processIo(): Io {
  return {
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    readFile: (file) => {
      // at most MAX_READ + 1 bytes from anything, whatever stat() says (load/read.ts)
      const r = readCapped(file, MAX_READ);
      return 'bytes' in r ? { text: decodeUtf8(r.bytes) } : r;
    },
    writeFile: writeFileSafely,
    openWrite: openOutput,
    writeBytes: writeBytesSafely,
    exists: (file) => fs.existsSync(file),
    env: process.env,
    stderrIsTTY: isTerminal(2),
    stdoutColumns: isTerminal(1) ? process.stdout.columns : undefined,
    cwd: process.cwd(),
  };
}

/**
 * Whether a standard descriptor is a terminal, without building process.stdout or process.stderr
 * for a file or a pipe (that loads Node's stream machinery, ~3 ms of every start;
 * docs/performance.md): only a character device can be a terminal, and only then is `tty` asked.
 */
function isTerminal(fd: 1 | 2): boolean {
  try {
    const st = fs.fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    // /dev/null (a run whose output is discarded) is a character device too: asking `tty` loads
    // it and, with it, `net` and the stream machinery (~4 ms); the same device is not a terminal.
    if (process.platform !== 'win32' && st.rdev === devNullRdev()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}

let devNull: number | undefined;
function devNullRdev(): number {
  if (devNull === undefined) {
    try { devNull = fs.statSync('/dev/null').rdev; } catch { devNull = -1; }
  }
  return devNull;
}

/** Strict UTF-8 decoding: invalid sequences become U+FFFD, which the loader reports (FILE_NOT_UTF8). */
export function decodeUtf8(buf: Uint8Array): string {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** `--lang en` anywhere on the command line: usage errors happen before the options are parsed. */
function usageLang(argv: readonly string[]): Lang {
  if (argv.some((a, i) => a === '--lang=fr' || (a === '--lang' && argv[i + 1] === 'fr'))) return 'fr';
  return argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : currentMessageLang();
}

/**
 * Usage errors as coded diagnostics, exit 2:
 *  - commander's own (unknown option, missing argument, bad choice…): `erreur[USAGE]: <commander's
 *    text>` and `aide: equilibre <cmd> --help`, instead of its bare `error: …` line;
 *  - a first word that is neither a command nor an existing file, and looks like a command (no
 *    `.`, `/` or `\\`): `erreur[UNKNOWN_COMMAND]` with a did-you-mean, instead of `report` taking
 *    it as a file name (`equilibre chek op.yaml` was "too many arguments for 'report'").
 * Subcommands copy their parent's output settings when they are created, so each one is
 * configured when it is dispatched (preSubcommand hook), whatever the order of installation.
 */
export function installUsageErrors(program: Command, io: Io): void {
  let args: readonly string[] = []; // the words after the program name, known once a command is dispatched
  const configure = (cmd: Command, name?: string) => {
    cmd.showHelpAfterError(false);
    cmd.configureOutput({
      outputError: (str, write) => {
        const detail = translateUsageError(str.replace(/^error:\s*/, '').trim(), usageLang(args));
        write(renderDiagnostic(diag('USAGE', 'error', [], { detail, ...(name ? { command: name } : {}) }), usageLang(args)) + '\n');
      },
    });
  };
  configure(program);
  program.hook('preSubcommand', (root, sub) => {
    args = root.args;
    configure(sub, sub.name());
    const first = root.args[0];
    const isCommand = (w: string) => w === 'help' || root.commands.some((c) => c.name() === w || c.aliases().includes(w));
    // Only the default command (`report`) is dispatched without its name as first word.
    if (first === undefined || isCommand(first) || first.startsWith('-') || /[./\\]/.test(first) || io.exists(first)) return;
    const commands = root.commands.map((c) => c.name());
    const s = suggest(first, commands);
    io.stderr(renderDiagnostic(diag('UNKNOWN_COMMAND', 'error', [], { command: first, commands, ...(s ? { suggestion: s } : {}) }), usageLang(args)) + '\n');
    throw new CommanderError(EXIT_ERROR, 'equilibre.unknownCommand', `unknown command ${first}`);
  });
}


