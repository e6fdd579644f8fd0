/** `equilibre schema`: the JSON Schema of the operation file, for editor completion. */
import type { Command } from 'commander';
import { EXIT_OK, type Io } from '../io';
import { emit } from '../common';
import { operationJsonSchema } from '../../schema/json-schema';

/** The published schema: types and bounds from the zod schema, descriptions from src/schema/keys.ts. */
export function jsonSchema(): Record<string, unknown> {
  return operationJsonSchema();
}

export function schemaCommand(program: Command, io: Io, setCode: (c: number) => void): void {
  program
    .command('schema')
    .description("schéma JSON du fichier d'opération (complétion dans l'éditeur)")
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .action((opts: { output?: string }) => {
      emit(io, opts, JSON.stringify(jsonSchema(), null, 2) + '\n');
      setCode(EXIT_OK);
    });
}
