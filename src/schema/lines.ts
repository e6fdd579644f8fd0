/**
 * The per-line model of the operating account (issue 17, « B »): `assumptions.lines.<id>` and
 * `assumptions.other_lines[]`. Each line is a strict object, every key optional: an amount (at
 * most one form), a first year, an indexation (a rate or a path by year), amounts typed per year,
 * whether it is recovered from the tenants; the gros entretien also takes a plan by year.
 * Years (`by_year` and path-map keys, `from_year`) are year indexes (≥ 1) or calendar years
 * (≥ 1900, which need `operation.letting_date`): the model checks them (src/engine/lines.ts),
 * with positioned errors, since zod would only say « wrong key ».
 */
import type * as Zod from 'zod/mini';
import { primitives, type Z } from './primitives';

/** The charge lines (amounts), in the account's order. */
export const CHARGE_LINE_IDS = ['management', 'maintenance', 'major_maintenance', 'tfpb', 'teom', 'insurance'] as const;
export type ChargeLineId = (typeof CHARGE_LINE_IDS)[number];
/** The lines that are a percentage of the rents. */
export const PCT_LINE_IDS = ['vacancy', 'bad_debt', 'cglls', 'ancols'] as const;
export type PctLineId = (typeof PCT_LINE_IDS)[number];
/** The income lines: only their indexation is a line's attribute (the rent is the lot's). */
export const INCOME_LINE_IDS = ['rents', 'annex_rents'] as const;

/** The amount forms of a line, at most one. */
export const AMOUNT_KEYS = ['eur_per_dwelling', 'eur_per_m2_su', 'eur_per_m2_shab', 'eur_per_year', 'pct_of_rents', 'pct_of_cost'] as const;
export type AmountKey = (typeof AMOUNT_KEYS)[number];

/** The schemas of the lines, made by the builder `z` (operation.ts builds them with the rest of the schema). */
export function linesSchemas(z: Z, p: ReturnType<typeof primitives>) {
  const { eur, eurPerM2, pctIn, text } = p;
  /** A year: an index (1 = the first year of letting) or a calendar year; checked by the model (YEAR_NEGATIVE…). */
  const yearNumber = () => z.number();
  /** A map by year; its keys are checked by the model. */
  const byYear = () => z.record(z.string(), eur());
  const indexPath = () => z.union([
    z.array(pctIn(-5, 15)).check(z.minLength(1), z.maxLength(100)),
    z.record(z.string(), pctIn(-5, 15)),
  ]);

  const amountShape = {
    eur_per_dwelling: z.optional(eur()),
    eur_per_m2_su: z.optional(eurPerM2()),
    eur_per_m2_shab: z.optional(eurPerM2()),
    eur_per_year: z.optional(eur()),
    pct_of_rents: z.optional(pctIn(0, 50)),
    pct_of_cost: z.optional(pctIn(0, 5)),
  };

  const chargeShape = {
    ...amountShape,
    from_year: z.optional(yearNumber()),
    indexation_pct: z.optional(pctIn(-5, 15)),
    indexation_path_pct: z.optional(indexPath()),
    by_year: z.optional(byYear()),
    recoverable: z.optional(z.boolean()),
  };

  const planRow = z.strictObject({ from_year: yearNumber(), ...amountShape });

  const chargeLine = z.strictObject(chargeShape);
  const majorLine = z.strictObject({ ...chargeShape, plan: z.optional(z.array(planRow).check(z.minLength(1), z.maxLength(100))) });
  const incomeLine = z.strictObject({ indexation_pct: z.optional(pctIn(-5, 15)), indexation_path_pct: z.optional(indexPath()) });
  /** A line at a % of the rents: its rate, and the rate of given years (`by_year_pct`, year index or calendar year: that year only). */
  const pctLine = (hi: number) => z.strictObject({ pct_of_rents: z.optional(pctIn(0, hi)), by_year_pct: z.optional(z.record(z.string(), pctIn(0, hi))) });

  const linesSection = z.strictObject({
    rents: z.optional(incomeLine),
    annex_rents: z.optional(incomeLine),
    vacancy: z.optional(pctLine(50)),
    bad_debt: z.optional(pctLine(50)),
    management: z.optional(chargeLine),
    maintenance: z.optional(chargeLine),
    major_maintenance: z.optional(majorLine),
    tfpb: z.optional(chargeLine),
    teom: z.optional(chargeLine),
    insurance: z.optional(chargeLine),
    cglls: z.optional(pctLine(10)),
    ancols: z.optional(pctLine(1)),
  });

  const otherLines = z.array(z.strictObject({
    id: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'identifiant: minuscules, chiffres, _' })),
    label: text(1, 120),
    ...chargeShape,
  })).check(z.maxLength(50));
  return { linesSection, otherLines, chargeLine, planRow };
}
type Lines = ReturnType<typeof linesSchemas>;

export type LinesInput = Zod.infer<Lines['linesSection']>;
export type ChargeLineInput = Zod.infer<Lines['chargeLine']> & { plan?: Zod.infer<Lines['planRow']>[] };
export type OtherLineInput = Zod.infer<Lines['otherLines']>[number];
export type PlanRowInput = Zod.infer<Lines['planRow']>;
