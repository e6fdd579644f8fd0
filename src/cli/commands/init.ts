/** `equilibre init [FILE]`: an annotated starting file (the bundled example). */
import type { Command } from 'commander';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { INIT_TEMPLATE } from '../init-template';

export function initCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('init')
    .description("écrire un fichier d'opération annoté pour démarrer")
    .argument('[file]', 'fichier à créer (sinon: sur la sortie standard)')
    .option('--force', 'remplacer le fichier s’il existe')
    .action((file: string | undefined, opts: { force?: boolean }) => {
      if (!file) { io.stdout(INIT_TEMPLATE); setCode(EXIT_OK); return; }
      if (io.exists(file) && !opts.force) {
        io.stderr(`erreur[FILE_EXISTS]: ${file} existe déjà\naide: choisissez un autre nom ou ajoutez --force\n`);
        setCode(EXIT_ERROR);
        return;
      }
      io.writeFile(file, INIT_TEMPLATE);
      io.stderr(`écrit: ${file} — puis: equilibre ${file}\n`);
      setCode(EXIT_OK);
    });
}
