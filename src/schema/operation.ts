/**
 * The operation file, format `equilibre/v1`. This strict schema is the only gate for input:
 * unknown keys are errors, every number has a unit in its key name, `_pct` values are percents.
 * Defaults are NOT applied here (so a report can list which defaults it used): the model
 * builder (`engine/model.ts`) applies them from `schema/defaults.ts`.
 */
import { z } from 'zod';

// zod's default compiles a parser for each object schema with `new Function` on its first parse:
// ~14 ms of a one-file run (most runs read one file), to win ~5 µs a parse afterwards (a check of
// 1 000 files: 5 ms). Interpreted parsing it is (docs/performance.md).
z.config({ jitless: true });
import { eur, eurPerM2, isoDate, lotId, m2, m2Positive, pctIn, years } from './primitives';

export const TENURES = ['PLAI', 'PLUS', 'PLS', 'LLI', 'PSLA', 'BRS', 'SCIAPP', 'coop', 'libre'] as const;
export type Tenure = (typeof TENURES)[number];
export const ZONES_ABC = ['A bis', 'A', 'B1', 'B2', 'C'] as const;
export type ZoneAbc = (typeof ZONES_ABC)[number];
export const ZONES_HLM = ['1 bis', '1', '2', '3'] as const;
export type ZoneHlm = (typeof ZONES_HLM)[number];
export const CHAPTERS = ['land', 'building', 'fees', 'misc', 'financial'] as const;
export type Chapter = (typeof CHAPTERS)[number];
export const REVISABILITY = ['simple', 'double', 'double_limited', 'fixed'] as const;

const tenure = z.enum(TENURES);
const scope = {
  /** Restrict to these tenures. */
  tenures: z.array(tenure).min(1).optional(),
  /** Restrict to these lots (ids). */
  lots: z.array(lotId()).min(1).optional(),
};

export const costLine = z.strictObject({
  label: z.string().min(1).max(120),
  chapter: z.enum(CHAPTERS).optional(),
  amount_eur: eur().optional(),
  pct_of_works: pctIn(0, 100).optional(),
  eur_per_m2_shab: eurPerM2().optional(),
  eur_per_dwelling: eur().optional(),
  ...scope,
});

const commonSpace = z.strictObject({
  label: z.string().min(1).max(120),
  area_m2: m2Positive(),
  cost_eur_per_m2_shab: eurPerM2().optional(),
  included_in_construction_cost: z.boolean().optional(),
});

const rentLot = z.strictObject({
  rent_eur_per_m2_su_month: pctIn(0, 1000).optional(),
  local_margin_pct: pctIn(0, 100).optional(),
  annex_rent_eur_per_month: eur().optional(),
  annex_count: z.int().min(0).max(100000).optional(),
});

const saleLot = z.strictObject({
  price_eur_per_m2_shab_ttc: eurPerM2().optional(),
  price_eur_per_m2_shab_ht: eurPerM2().optional(),
  price_eur_per_m2_su_ht: eurPerM2().optional(),
  price_eur_per_m2_su_ttc: eurPerM2().optional(),
  target_margin_pct: pctIn(-100, 100).optional(),
  market_price_eur_per_m2_shab: eurPerM2().optional(),
  marketing_pct: pctIn(0, 50).optional(),
});

const psla = z.strictObject({
  occupancy_years: z.number().min(0.5).max(10).optional(),
  part_locative_eur_per_m2_su_month: pctIn(0, 100).optional(),
  non_exercise_pct: pctIn(0, 100).optional(),
  loan_rate_pct: pctIn(0, 20).optional(),
});

const brs = z.strictObject({
  redevance_eur_per_m2_su_month: pctIn(0, 100).optional(),
  ofs_land_eur: eur().optional(),
  ofs_management_eur_per_dwelling: eur().optional(),
  ofs_equity_eur: eur().optional(),
  loan_duration_years: years(18, 80).optional(),
});

const sciapp = z.strictObject({
  premium_pct: pctIn(0, 100).optional(),
  term_years: years(1, 40).optional(),
});

const coop = z.strictObject({
  members_capital_pct: pctIn(0, 100).optional(),
  current_account_share_pct: pctIn(0, 90).optional(),
});

export const lot = z.strictObject({
  id: lotId(),
  label: z.string().min(1).max(120).optional(),
  tenure,
  dwellings: z.int().min(1).max(100000),
  shab_m2: m2Positive(),
  annexes_m2: m2().optional(),
  garage_m2: m2().optional(),
  /** Construction cost of this lot, if it differs from the operation's. */
  cost_eur_per_m2_shab: eurPerM2().optional(),
  vat_pct: pctIn(0, 30).optional(),
  rent: rentLot.optional(),
  sale: saleLot.optional(),
  psla: psla.optional(),
  brs: brs.optional(),
  sciapp: sciapp.optional(),
  coop: coop.optional(),
});

const subsidy = z.strictObject({
  source: z.string().min(1).max(120),
  label: z.string().max(120).optional(),
  amount_eur: eur().optional(),
  eur_per_dwelling: eur().optional(),
  eur_per_m2_su: eurPerM2().optional(),
  ...scope,
});

const loanLine = z.strictObject({
  label: z.string().min(1).max(120),
  lender: z.string().max(120).optional(),
  product: z.enum(['PLAI', 'PLUS', 'PLS', 'LLI', 'PSLA', 'gaia_lt', 'other']).optional(),
  line: z.enum(['building', 'land']).optional(),
  amount_eur: eur().optional(),
  eur_per_dwelling: eur().optional(),
  margin_pct: pctIn(-5, 10).optional(),
  rate_pct: pctIn(0, 20).optional(),
  duration_years: years(1, 80).optional(),
  progressivity_pct: pctIn(-3, 0.5).optional(),
  deferral_years: years(0, 10).optional(),
  revisability: z.enum(REVISABILITY).optional(),
  ...scope,
});

const equity = z.strictObject({
  amount_eur: eur().optional(),
  pct_of_cost: pctIn(0, 100).optional(),
  eur_per_dwelling: eur().optional(),
  ...scope,
});

const checkObject = z.strictObject({
  metric: z.string().min(1),
  op: z.enum(['>=', '<=', '>', '<', '==', '!=', 'between']),
  value: z.union([z.number(), z.boolean()]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  tolerance: z.number().min(0).optional(),
  severity: z.enum(['error', 'warning']).optional(),
  message: z.string().max(500).optional(),
});

export const operationFile = z.strictObject({
  format: z.literal('equilibre/v1'),
  operation: z.strictObject({
    name: z.string().min(1).max(200),
    commune: z.string().max(120).optional(),
    department: z.string().regex(/^(\d{2}|2A|2B|\d{3})$/, { message: 'numéro de département' }).optional(),
    description: z.string().max(4000).optional(),
    zone_abc: z.enum(ZONES_ABC),
    zone_hlm: z.union([z.enum(ZONES_HLM), z.literal(1), z.literal(2), z.literal(3)]),
    ile_de_france: z.boolean().optional(),
    parameters_year: z.int().min(2000).max(2100),
    delivery_date: isoDate().optional(),
  }),
  land: z.strictObject({
    price_eur_per_m2_sp: eurPerM2().optional(),
    price_eur_per_m2_shab: eurPerM2().optional(),
    price_eur: eur().optional(),
    acquisition_fees_pct: pctIn(0, 20).optional(),
    acquisition_fees_eur: eur().optional(),
    site_works_eur: eur().optional(),
    taxes: z
      .strictObject({
        ta_eur: eur().optional(),
        rap_eur: eur().optional(),
        ta_commune_rate_pct: pctIn(0, 20).optional(),
        ta_department_rate_pct: pctIn(0, 2.5).optional(),
        ta_region_rate_pct: pctIn(0, 1).optional(),
        rap_applies: z.boolean().optional(),
      })
      .optional(),
    other: z.array(costLine).optional(),
  }),
  construction: z.strictObject({
    cost_eur_per_m2_shab: eurPerM2(),
    shab_sp_ratio: z.number().gt(0.3).max(1).optional(),
    sp_m2: m2Positive().optional(),
    common_spaces: z.array(commonSpace).optional(),
    price_revision: z.strictObject({ annual_pct: pctIn(-10, 30), months: z.int().min(0).max(120) }).optional(),
    /** Revision on the BT01 index, from the price date of the works to the works midpoint (domain.md §6.1). */
    price_revision_bt01: z
      .strictObject({
        price_date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'mois AAAA-MM' }),
        midpoint_date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'mois AAAA-MM' }),
        forecast_annual_pct: pctIn(-10, 30).optional(),
      })
      .optional(),
    contingencies_pct: pctIn(0, 30).optional(),
    fees_pct: pctIn(0, 40).optional(),
    insurance_pct: pctIn(0, 10).optional(),
    prefinancing_interest_eur: eur().optional(),
    /** Prefinancing interest computed from the draws (domain.md §3.3, actuarial exact/365). */
    prefinancing: z
      .strictObject({
        rate_pct: pctIn(0, 20),
        draws: z.array(z.strictObject({ date: isoDate(), amount_eur: eur() })).min(1).max(200),
        end_date: isoDate().optional(),
      })
      .optional(),
    /** The building has a lift: the annexes rule allows 125 % instead of 118 % (circ. loyers annexe 8). */
    lift: z.boolean().optional(),
    other: z.array(costLine).optional(),
  }),
  lots: z.array(lot).min(1).max(200),
  subsidies: z.array(subsidy).optional(),
  financing: z
    .strictObject({
      equity: z.array(equity).optional(),
      cdc_default_loans: z.boolean().optional(),
      loans: z.array(loanLine).optional(),
    })
    .optional(),
  assumptions: z
    .strictObject({
      // Livret A and CDC loan terms (domain.md §3.1–3.3)
      livret_a_pct: pctIn(0, 15).optional(),
      livret_a_path_pct: z.array(pctIn(0, 15)).min(1).max(100).optional(),
      progressivity_pct: pctIn(-3, 0.5).optional(),
      revisability: z.enum(['simple', 'double', 'double_limited']).optional(),
      // Operating account (domain.md §4.4)
      horizon_years: years(1, 80).optional(),
      irl_pct: pctIn(-5, 15).optional(),
      irl_path_pct: z.array(pctIn(-5, 15)).min(1).max(100).optional(),
      charges_indexation_pct: pctIn(-5, 15).optional(),
      vacancy_pct: pctIn(0, 50).optional(),
      bad_debt_pct: pctIn(0, 50).optional(),
      management_eur_per_dwelling: eur().optional(),
      maintenance_eur_per_dwelling: eur().optional(),
      maintenance_from_year: years(1, 80).optional(),
      major_maintenance_eur_per_dwelling: eur().optional(),
      major_maintenance_pct_of_cost: pctIn(0, 5).optional(),
      major_maintenance_from_year: years(1, 80).optional(),
      tfpb_eur_per_dwelling: eur().optional(),
      insurance_eur_per_dwelling: eur().optional(),
      cglls_pct: pctIn(0, 10).optional(),
      ancols_pct: pctIn(0, 1).optional(),
      tfpb_exemption_years: years(0, 40).optional(),
      discount_rate_pct: pctIn(0, 30).optional(),
    })
    .optional(),
  parameters: z.record(z.string(), z.union([z.number(), z.array(z.number())])).optional(),
  checks: z.array(z.union([z.string().min(1), checkObject])).optional(),
  /** Variants of this operation for `equilibre compare`: each overrides paths of the file (`lots[2].tenure: PLS`; null removes a key). */
  variants: z
    .array(z.strictObject({
      name: z.string().min(1).max(120),
      description: z.string().max(2000).optional(),
      set: z.record(z.string().regex(/^[a-z_][a-z0-9_]*(\[\d+\])*(\.[a-z_][a-z0-9_]*(\[\d+\])*)*$/i, { message: 'chemin: lots[2].tenure' }), z.unknown()),
    }))
    .max(50)
    .optional(),
});

export type OperationFile = z.infer<typeof operationFile>;
export type LotInput = z.infer<typeof lot>;
export type CostLineInput = z.infer<typeof costLine>;
