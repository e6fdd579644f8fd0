/**
 * The management profile file (profil de gestion): a bailleur's operating assumptions and
 * parameters for a year, named and dated (« HER 2026 »), shared by its operations. It holds any of
 * the `assumptions` and `parameters` an operation file may hold (the same schema), its own `name`
 * and `vintage`, and may name a base profile (`profile:`, relative to the profile file).
 */
import * as z from 'zod/mini';
import { operationFile } from './operation';

/** The keys a profile file may hold at its top level. */
export const PROFILE_KEYS = ['name', 'vintage', 'description', 'profile', 'assumptions', 'parameters'] as const;

function build() {
  return z.strictObject({
    name: z.string().check(z.minLength(1), z.maxLength(200)),
    vintage: z.optional(z.union([z.string().check(z.minLength(1), z.maxLength(60)), z.int().check(z.gte(1900), z.lte(2200))])),
    description: z.optional(z.string().check(z.maxLength(4000))),
    profile: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
    assumptions: operationFile().shape.assumptions,
    parameters: operationFile().shape.parameters,
  });
}
let memo: ReturnType<typeof build> | undefined;
/** The schema, built on first use: a run without a profile does not build it (cold start, docs/performance.md). */
export function profileFile(): ReturnType<typeof build> {
  return (memo ??= build());
}

export type ProfileFile = z.infer<ReturnType<typeof build>>;
