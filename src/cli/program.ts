/**
 * The command-line program without its commands: the root command, its options, the usage and
 * output errors and the exit code (main.ts: 0 · 1 · 2). `runProgram` is given what installs the
 * commands: every one (main.ts), or only `check` (entry-check.ts, the smaller build `equilibre
 * check` starts from: docs/performance.md).
 */
import { Command, CommanderError } from 'commander';
import { EXIT_ERROR, EXIT_OK, STDOUT, installUsageErrors, type Io } from './io';
import { OutputError, OutputIsInputError } from './output';
import { TOOL_VERSION } from '../version';
import { diag } from '../domain/diagnostic';
import { renderDiagnostic } from '../report/diagnostics';
import { escapeControls } from '../report/escape';
import { argvWidth, cliLang, helpConfiguration, langOption, localiseBuiltins, outputWidth, setCliLang } from './help';

/**
 * The same Io, every byte written through it with its control characters made visible
 * (report/escape.ts): a name in a file cannot clear the screen or set the terminal's title.
 */
export function terminalSafe(io: Io): Io {
  const open = io.openWrite;
  return {
    ...io,
    rawStderr: io.rawStderr ?? io.stderr,
    stdout: (s) => io.stdout(escapeControls(s)),
    stderr: (s) => io.stderr(escapeControls(s)),
    writeFile: (file, text) => io.writeFile(file, escapeControls(text)),
    ...(open ? { openWrite: (file: string) => { const w = open(file); return { ...w, write: (s: string | Uint8Array) => w.write(typeof s === 'string' ? escapeControls(s) : s) }; } } : {}),
  };
}

/** Installs a program's commands on the root command. */
export type Installer = (program: Command, io: Io, setCode: (c: number) => void) => void;

export async function runProgram(argv: readonly string[], rawIo: Io, install: Installer): Promise<number> {
  const io = terminalSafe(rawIo);
  let code = EXIT_OK;
  const lang = cliLang(argv, io.env);
  // `--lang` anywhere on the line (or EQUILIBRE_LANG) is the default of every command's --lang:
  // `equilibre --lang en report F` and `equilibre report F --lang en` say the same.
  setCliLang(lang, lang);
  const fr = lang === 'fr';
  const program = new Command();
  program
    .name('equilibre')
    .description("Équilibre d'opération d'un programme de logements: prix de revient, plan de financement, équilibre locatif, ventes, sensibilité.")
    .configureHelp(helpConfiguration(lang, argvWidth(argv) ?? outputWidth({}, io.stdoutColumns)));
  localiseBuiltins(program, lang, TOOL_VERSION);
  program.addOption(langOption('langue des rapports, des messages et de l’aide (aussi: EQUILIBRE_LANG=en)'));
  program
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError(fr ? '(equilibre --help pour l’aide)' : '(equilibre --help for help)');
  installUsageErrors(program, io);

  const setCode = (c: number) => { code = c; };
  install(program, io, setCode);

  if (argv.length === 0) {
    // No arguments: the commands and how to start, not "missing argument 'file'".
    io.stderr(program.helpInformation() + (fr
      ? '\naide: equilibre FICHIER.yaml pour le rapport d’une opération; equilibre init mon-operation.yaml pour en écrire une\n'
      : '\nhint: equilibre FILE.yaml for the report of an operation; equilibre init my-operation.yaml to write one\n'));
    return EXIT_ERROR;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof OutputError) {
      const file = e.file === STDOUT ? (lang === 'fr' ? 'la sortie standard' : 'standard output') : e.file;
      io.stderr(renderDiagnostic(diag('OUTPUT_NOT_WRITABLE', 'error', [], { file, reason: e.reason, ...(e.file === STDOUT ? { stdout: true } : {}) }), lang) + '\n');
      return EXIT_ERROR;
    }
    if (e instanceof OutputIsInputError) {
      io.stderr(renderDiagnostic(diag('OUTPUT_IS_INPUT', 'error', [], { file: e.file, input: e.input, option: e.option }), lang) + '\n');
      return EXIT_ERROR;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_ERROR;
    }
    io.stderr(fr
      ? `erreur interne: ${(e as Error).message}\naide: c'est un défaut d'equilibre, pas de votre fichier; merci de le signaler avec le fichier et la commande\n`
      : `internal error: ${(e as Error).message}\nhint: this is a defect of equilibre, not of your file; please report it with the file and the command\n`);
    if (io.env.EQUILIBRE_DEBUG) io.stderr(String((e as Error).stack) + '\n');
    return EXIT_ERROR;
  }
  return code;
}

