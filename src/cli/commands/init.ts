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
import { profileLabel, resolveProfileFile } from '../../load/profile';
import { profileReader } from '../load-file';

/**
 * The template naming a profile: `profile:` after `format:`, its path relative to the folder of the
 * file written (of the current folder on standard output), with `/` on every system.
 */
export function withProfile(template: string, file: string | undefined, profile: string, cwd: string, label: string): string {
  const from = file ? path.dirname(path.resolve(cwd, file)) : cwd;
  const rel = path.relative(from, path.resolve(cwd, profile)).split(path.sep).join('/');
  const line = `profile: ${JSON.stringify(rel)}   # profil de gestion « ${label} »: ses hypothèses s'appliquent, ce fichier les remplace clé par clé\n`;
  return template.replace(/^format: equilibre\/v1\n/m, (m) => m + line);
}

export function initCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('init')
    .description("écrire un fichier d'opération annoté pour démarrer")
    .argument('[file]', 'fichier à créer (sinon: sur la sortie standard)')
    .option('--force', 'remplacer le fichier s’il existe')
    .addOption(new Option('--example <nom>', 'exemple: exemple (un maître d’ouvrage) ou sccv (plusieurs propriétaires, VEFA, OFS, transferts)').choices(['exemple', 'sccv']).default('exemple'))
    .option('--profile <file>', 'le fichier nomme ce profil de gestion (profile:), son chemin écrit relatif au fichier')
    .addOption(langOption('langue des messages (le fichier écrit est en français)'))
    .action((file: string | undefined, opts: { force?: boolean; lang: Lang; example: string; profile?: string }) => {
      let template = opts.example === 'sccv' ? INIT_SCCV : INIT_TEMPLATE;
      if (opts.profile !== undefined) {
        // the profile must be one (readable, valid, its chain too): said now, not at the first report
        const res = resolveProfileFile(path.normalize(opts.profile), profileReader(io));
        if (res.diagnostics.length || !res.profile) {
          for (const d of res.diagnostics) io.stderr(renderDiagnostic(d, opts.lang) + '\n\n');
          setCode(EXIT_ERROR);
          return;
        }
        template = withProfile(template, file, opts.profile, io.cwd, profileLabel(res.profile.chain[0]!));
      }
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
