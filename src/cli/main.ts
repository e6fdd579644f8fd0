/**
 * The command-line program. It only parses arguments, calls the pure stages, prints and
 * returns the exit code: 0 evaluated and nothing failed · 1 a check failed (`check`, or
 * `--strict`) · 2 could not evaluate (usage, unreadable file, YAML, schema, internal error).
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, installUsageErrors, type Io } from './io';
import { TOOL_VERSION } from '../version';
import { diag } from '../domain/diagnostic';
import { renderDiagnostic } from '../report/diagnostics';
import { reportCommand } from './commands/report';
import { paramsCommand } from './commands/params';
import { schemaCommand } from './commands/schema';
import { initCommand } from './commands/init';
import { extraCommands } from './commands/registry';
import './commands/loan';
import './commands/check';
import './commands/sensitivity';
import './commands/compare';

export interface CommonOptions {
  format: string;
  lang: 'fr' | 'en';
  output?: string;
  set: string[];
  strict?: boolean;
}

export function addCommon(cmd: Command, formats: string[], defaultFormat = 'table'): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(formats).default(defaultFormat))
    .addOption(new Option('--lang <lang>', 'langue des libellés').choices(['fr', 'en']).default('fr'))
    .option('-o, --output <file>', 'écrire dans ce fichier (atomiquement) plutôt que sur la sortie standard')
    .option('--set <path=value>', 'remplacer une valeur du fichier, ex. construction.cost_eur_per_m2_shab=1500 (répétable)', (v: string, prev: string[]) => [...prev, v], [] as string[]);
}

/** A file asked for with -o or --junit that cannot be written: the user's path, not our defect. */
export class OutputError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`cannot write ${file}: ${reason}`);
  }
}

/** Write a file atomically (io.writeFile), a failure becoming an OutputError. */
export function writeOut(io: Io, file: string, text: string): void {
  try {
    io.writeFile(file, text);
  } catch (e) {
    throw new OutputError(file, (e as NodeJS.ErrnoException).code ?? 'EIO');
  }
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

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = EXIT_OK;
  const program = new Command();
  program
    .name('equilibre')
    .description("Équilibre d'opération d'un programme de logements: prix de revient, plan de financement, équilibre locatif, ventes, sensibilité.")
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(equilibre --help pour l’aide)');
  installUsageErrors(program, io);

  const setCode = (c: number) => { code = c; };
  reportCommand(program, io, setCode);
  paramsCommand(program, io, setCode);
  schemaCommand(program, io, setCode);
  initCommand(program, io, setCode);
  for (const add of extraCommands) add(program, io, setCode);

  if (argv.length === 0) {
    // No arguments: the commands and how to start, not "missing argument 'file'".
    io.stderr(program.helpInformation() + '\naide: equilibre FICHIER.yaml pour le rapport d’une opération; equilibre init mon-operation.yaml pour en écrire une\n');
    return EXIT_ERROR;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof OutputError) {
      const lang = argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'fr';
      io.stderr(renderDiagnostic(diag('OUTPUT_NOT_WRITABLE', 'error', [], { file: e.file, reason: e.reason }), lang) + '\n');
      return EXIT_ERROR;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_ERROR;
    }
    io.stderr(`erreur interne: ${(e as Error).message}\naide: c'est un défaut d'equilibre, pas de votre fichier; merci de le signaler avec le fichier et la commande\n`);
    if (io.env.EQUILIBRE_DEBUG) io.stderr(String((e as Error).stack) + '\n');
    return EXIT_ERROR;
  }
  return code;
}

export { EXIT_ERROR, EXIT_FAILED, EXIT_OK };
