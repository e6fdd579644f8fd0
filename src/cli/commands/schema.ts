/** `equilibre schema`: the JSON Schema of the operation file, for editor completion. */
import type { Command } from 'commander';
import { EXIT_OK, type Io } from '../io';
import { emit } from '../common';
import { operationJsonSchema } from '../../schema/json-schema';
import { profileJsonSchema } from '../../schema/profile-json-schema';

/** The published schema: types and bounds from the zod schema, descriptions from src/schema/keys.ts. */
export function jsonSchema(): Record<string, unknown> {
  return operationJsonSchema();
}

export function schemaCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('schema')
    .description("schéma JSON du fichier d'opération (complétion dans l'éditeur)")
    .option('--profile', "le schéma d'un fichier de profil de gestion (docs/format.md, « Profile file »)")
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .action((opts: { output?: string; profile?: boolean }) => {
      emit(io, opts, JSON.stringify(opts.profile ? profileJsonSchema() : jsonSchema(), null, 2) + '\n');
      setCode(EXIT_OK);
    });
}
