/** The process, injected: tests run the real entry point in-process with a fake IO. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommanderError, type Command } from 'commander';
import { diag } from '../domain/diagnostic';
import { suggest } from '../domain/suggest';
import { renderDiagnostic } from '../report/diagnostics';
import type { Lang } from '../report/format';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /**
   * `code` is the errno code (ENOENT, EACCES, EISDIR…; E2BIG: over the size limit): diagnostics
   * carry it and render it in words; `error` is the system's own message, for debugging only.
   */
  readFile: (file: string) => { text: string } | { error: string; code?: string };
  /** Write atomically: a temp file beside the target, then rename. */
  writeFile: (file: string, text: string) => void;
  /** Write bytes atomically, like writeFile (an xlsx workbook). Optional: an Io without it cannot write a workbook. */
  writeBytes?: (file: string, bytes: Uint8Array) => void;
  exists: (file: string) => boolean;
  env: Record<string, string | undefined>;
  stderrIsTTY: boolean;
  cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_ERROR = 2;

const MAX_READ = 10 * 1024 * 1024;

export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: (file) => {
      try {
        const st = fs.statSync(file);
        if (st.isDirectory()) return { error: 'is a directory', code: 'EISDIR' };
        if (st.size > MAX_READ) return { error: 'too large', code: 'E2BIG' };
        const buf = fs.readFileSync(file);
        return { text: decodeUtf8(buf) };
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        return { error: err.message, ...(err.code ? { code: err.code } : {}) };
      }
    },
    writeFile: (file, text) => {
      const dir = path.dirname(path.resolve(file));
      const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
      try {
        fs.writeFileSync(tmp, text);
        fs.renameSync(tmp, file);
      } catch (e) {
        try { fs.unlinkSync(tmp); } catch { /* nothing left behind */ }
        throw e;
      }
    },
    writeBytes: writeBytesAtomic,
    exists: (file) => fs.existsSync(file),
    env: process.env,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

/** Bytes written as writeFile writes text: a temp file beside the target, then rename. */
function writeBytesAtomic(file: string, bytes: Uint8Array): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* nothing left behind */ }
    throw e;
  }
}

/** Strict UTF-8 decoding: invalid sequences become U+FFFD, which the loader reports (FILE_NOT_UTF8). */
export function decodeUtf8(buf: Uint8Array): string {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** `--lang en` anywhere on the command line: usage errors happen before the options are parsed. */
function usageLang(argv: readonly string[]): Lang {
  return argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'fr';
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
        const detail = str.replace(/^error:\s*/, '').trim();
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


