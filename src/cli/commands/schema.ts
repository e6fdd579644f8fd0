/** `equilibre schema`: the JSON Schema of the operation file, for editor completion. */
import type { Command } from 'commander';
import * as z from 'zod/mini';
import { EXIT_OK, type Io } from '../io';
import { emit } from '../main';
import { operationFile } from '../../schema/operation';

export function jsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(operationFile, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://equilibre.invalid/schema/equilibre-v1.json', title: "Fichier d'opération equilibre/v1" };
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
