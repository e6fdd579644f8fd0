/** `equilibre init [FILE]`: an annotated starting file (the bundled example; `--example sccv`: several owners). */
import { Option, type Command } from 'commander';
import { diag } from '../../domain/diagnostic';
import { renderDiagnostic } from '../../report/diagnostics';
import type { Lang } from '../../report/format';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { INIT_TEMPLATE } from '../init-template';
import { INIT_SCCV } from '../init-sccv';
import { OutputError } from '../output';
import { writeOut } from '../common';
import * as fs from 'node:fs';
import * as path from 'node:path';

function isDirectory(io: Io, file: string): boolean {
  try { return fs.statSync(path.resolve(io.cwd, file)).isDirectory(); } catch { return false; }
}
import { langOption } from '../help';

export function initCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('init')
    .description("écrire un fichier d'opération annoté pour démarrer")
    .argument('[file]', 'fichier à créer (sinon: sur la sortie standard)')
    .option('--force', 'remplacer le fichier s’il existe')
    .addOption(new Option('--example <nom>', 'exemple: exemple (un maître d’ouvrage) ou sccv (plusieurs propriétaires, VEFA, OFS, transferts)').choices(['exemple', 'sccv']).default('exemple'))
    .addOption(langOption('langue des messages (le fichier écrit est en français)'))
    .action((file: string | undefined, opts: { force?: boolean; lang: Lang; example: string }) => {
      const template = opts.example === 'sccv' ? INIT_SCCV : INIT_TEMPLATE;
      if (!file) { io.stdout(template); setCode(EXIT_OK); return; }
      // A folder is not a file to replace, even with --force: say so (not « the file exists »).
      if (isDirectory(io, file)) throw new OutputError(file, 'EISDIR');
      if (io.exists(file) && !opts.force) {
        io.stderr(renderDiagnostic({ ...diag('FILE_EXISTS', 'error', []), file }, opts.lang) + '\n');
        setCode(EXIT_ERROR);
        return;
      }
      // A missing folder, no permission…: OUTPUT_NOT_WRITABLE (main.ts), nothing written.
      writeOut(io, file, template);
      io.stderr(opts.lang === 'fr' ? `écrit: ${file} — puis: equilibre ${file}\n` : `written: ${file} — then: equilibre ${file}\n`);
      setCode(EXIT_OK);
    });
}
