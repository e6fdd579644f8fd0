/**
 * The published JSON Schema of a management profile file (`equilibre schema --profile`): its own
 * keys (name, vintage, description, profile) and the operation file's `assumptions` and
 * `parameters`, with their descriptions, bounds and « at most one of » groups (the same nodes as
 * the operation file's schema, src/schema/json-schema.ts).
 */
import { operationJsonSchema, SCHEMA_DRAFT, type JsonNode } from './json-schema';

export const PROFILE_SCHEMA_ID = 'https://equilibre.invalid/schema/equilibre-profile-v1.json';

export function profileJsonSchema(): JsonNode {
  const op = operationJsonSchema();
  const props = op.properties as Record<string, JsonNode>;
  const text = (description: string, min: number, max: number): JsonNode => ({ type: 'string', minLength: min, maxLength: max, description, markdownDescription: description });
  return {
    $schema: SCHEMA_DRAFT,
    $id: PROFILE_SCHEMA_ID,
    title: 'Profil de gestion equilibre',
    description: "Profil de gestion d'un bailleur (« HER 2026 ») : les `assumptions` et `parameters` qu'un fichier d'opération applique en le nommant (`profile:`), et qu'il remplace clé par clé. Référence : docs/format.md, « Profile file ».",
    type: 'object',
    properties: {
      name: text('Nom du profil de gestion, affiché dans le rapport (en-tête, Hypothèses) et le JSON.', 1, 200),
      vintage: { anyOf: [{ type: 'string', minLength: 1, maxLength: 60 }, { type: 'integer', minimum: 1900, maximum: 2200 }], description: 'Millésime du profil (« 2026 »), affiché après son nom.', markdownDescription: 'Millésime du profil (« 2026 »), affiché après son nom.' },
      description: text('Texte libre, non utilisé par le calcul.', 0, 4000),
      profile: text('Profil de base (chemin relatif à ce fichier) : ce profil remplace ses valeurs clé par clé.', 1, 1000),
      assumptions: props.assumptions!,
      parameters: props.parameters!,
    },
    required: ['name'],
    additionalProperties: false,
  };
}
