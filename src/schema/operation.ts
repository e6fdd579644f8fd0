/**
 * The operation file, format `equilibre/v1`. This strict schema is the only gate for input:
 * unknown keys are errors, every number has a unit in its key name, `_pct` values are percents.
 * Defaults are NOT applied here (so a report can list which defaults it used): the model
 * builder (`engine/model.ts`) applies them from `schema/defaults.ts`.
 */
import type * as zod from 'zod/mini';
import { array, boolean, config, enum as zenum, gt, gte, int, literal, lte, maxLength, minLength, number, optional, record, refine, regex, strictObject, string, tuple, union, unknown } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { linesSchemas } from './lines';
import { primitives, type Z } from './primitives';
import { fastZ } from './fast-zod';

export const TENURES = ['PLAI', 'PLUS', 'PLS', 'LLI', 'PSLA', 'BRS', 'SCIAPP', 'coop', 'libre'] as const;
export type Tenure = (typeof TENURES)[number];
export const ZONES_ABC = ['A bis', 'A', 'B1', 'B2', 'C'] as const;
export type ZoneAbc = (typeof ZONES_ABC)[number];
export const ZONES_HLM = ['1 bis', '1', '2', '3'] as const;
export type ZoneHlm = (typeof ZONES_HLM)[number];
export const CHAPTERS = ['land', 'building', 'fees', 'misc', 'financial'] as const;
export type Chapter = (typeof CHAPTERS)[number];
export const REVISABILITY = ['simple', 'double', 'double_limited', 'fixed'] as const;
export const DWELLING_TYPES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;

/** Lines of a list without a natural bound (subsidies, loans, cost lines, checks…): far above any operation, low enough to bound the work. */
export const MAX_LINES = 500;
export const FOYER_KINDS = ['foyer', 'residence_sociale', 'pension_de_famille'] as const;
export const OWNER_KINDS = ['bailleur_social', 'coop_hlm', 'ofs', 'promoteur', 'cooperative_habitants', 'sccv', 'collectivite', 'autre'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];
/** Most draws of `equilibre risk` (RISK_DRAWS_MAX): the schema's bound on `risk.draws`, the command's on `--draws`. */
export const RISK_DRAWS_MAX = 1_000_000;

/** The operation file's schema, made by the builder `z`: zod/mini, or fast-zod.ts. */
function build(z: Z) {
  const p = primitives(z);
  const { eur, eurPerM2, isoDate, isoMonth, lotId, m2, m2Positive, pctIn, text, years } = p;
  const { linesSection, otherLines } = linesSchemas(z, p);
  const tenure = z.enum(TENURES);
  const scope = {
    /** Restrict to these tenures. */
    tenures: z.optional(z.array(tenure).check(z.minLength(1), z.maxLength(20))),
    /** Restrict to these lots (ids). */
    lots: z.optional(z.array(lotId()).check(z.minLength(1), z.maxLength(200))),
  };

  const costLine = z.strictObject({
    label: text(1, 120),
    chapter: z.optional(z.enum(CHAPTERS)),
    amount_eur: z.optional(eur()),
    pct_of_works: z.optional(pctIn(0, 100)),
    eur_per_m2_shab: z.optional(eurPerM2()),
    eur_per_dwelling: z.optional(eur()),
    /** The line's own VAT rate, in every lot it reaches (docs/cost-price.md, « TVA par ligne »). */
    vat_pct: z.optional(pctIn(0, 30)),
    ...scope,
  });

  const commonSpace = z.strictObject({
    label: text(1, 120),
    area_m2: m2Positive(),
    cost_eur_per_m2_shab: z.optional(eurPerM2()),
    included_in_construction_cost: z.optional(z.boolean()),
    /** The room's own VAT rate (docs/cost-price.md, « TVA par ligne »). */
    vat_pct: z.optional(pctIn(0, 30)),
  });

  const rentLot = z.strictObject({
    rent_eur_per_m2_su_month: z.optional(pctIn(0, 1000)),
    local_margin_pct: z.optional(pctIn(0, 100)),
    annex_rent_eur_per_month: z.optional(eur()),
    annex_count: z.optional(z.int().check(z.gte(0), z.lte(100000))),
  });

  /**
   * A logement-foyer or résidence sociale (PLAI, PLUS, PLS): the monthly redevance, per unit or per
   * m² SU (exactly one), and its charges part (default 0). Redevance − charges is the lot's rent
   * (its rent-equivalent part); the charges part is an income of the account.
   */
  const foyer = z.strictObject({
    kind: z.enum(FOYER_KINDS),
    redevance: z.strictObject({
      eur_per_unit_month: z.optional(eur()),
      eur_per_m2_su_month: z.optional(pctIn(0, 1000)),
      charges_eur_per_unit_month: z.optional(eur()),
      charges_eur_per_m2_su_month: z.optional(pctIn(0, 1000)),
    }),
  });

  const saleLot = z.strictObject({
    price_eur_per_m2_shab_ttc: z.optional(eurPerM2()),
    price_eur_per_m2_shab_ht: z.optional(eurPerM2()),
    price_eur_per_m2_su_ht: z.optional(eurPerM2()),
    price_eur_per_m2_su_ttc: z.optional(eurPerM2()),
    /** Sale price TTC of each dwelling of the lot (« T3 de 67 m² vendu 189 500 € »). */
    price_eur_per_dwelling_ttc: z.optional(eur()),
    target_margin_pct: z.optional(pctIn(-100, 100)),
    market_price_eur_per_m2_shab: z.optional(eurPerM2()),
    market_price_eur_per_m2_su: z.optional(eurPerM2()),
    marketing_pct: z.optional(pctIn(0, 50)),
  });

  const psla = z.strictObject({
    occupancy_years: z.optional(z.number().check(z.gte(0.5), z.lte(10))),
    part_locative_eur_per_m2_su_month: z.optional(pctIn(0, 100)),
    non_exercise_pct: z.optional(pctIn(0, 100)),
    loan_rate_pct: z.optional(pctIn(0, 20)),
  });

  const brs = z.strictObject({
    redevance_eur_per_m2_su_month: z.optional(pctIn(0, 100)),
    ofs_land_eur: z.optional(eur()),
    ofs_management_eur_per_dwelling: z.optional(eur()),
    ofs_equity_eur: z.optional(eur()),
    loan_duration_years: z.optional(years(18, 80)),
    /** The OFS (an owner of kind `ofs`) that carries the land of this lot; several BRS lots may share one. */
    ofs: z.optional(lotId()),
  });

  const sciapp = z.strictObject({
    premium_pct: z.optional(pctIn(0, 100)),
    term_years: z.optional(years(1, 40)),
  });

  const coop = z.strictObject({
    members_capital_pct: z.optional(pctIn(0, 100)),
    current_account_share_pct: z.optional(pctIn(0, 90)),
  });


  /** A lot bought in VEFA by its owner from another owner (the seller builds it). */
  const vefa = z.strictObject({
    seller: lotId(),
    price_eur_per_m2_shab_ht: z.optional(eurPerM2()),
    price_eur_per_m2_shab_ttc: z.optional(eurPerM2()),
    price_eur_per_m2_su_ht: z.optional(eurPerM2()),
    price_eur_per_m2_su_ttc: z.optional(eurPerM2()),
    total_eur_ht: z.optional(eur()),
    total_eur_ttc: z.optional(eur()),
    vat_pct: z.optional(pctIn(0, 30)),
    fees_pct: z.optional(pctIn(0, 30)),
    cap_eur_per_m2_su_ht: z.optional(eurPerM2()),
  });

  const owner = z.strictObject({
    id: lotId(),
    name: text(1, 120),
    kind: z.enum(OWNER_KINDS),
    /** A declared pooling: the owner's result is shared among these partners. */
    partners: z.optional(z.array(z.strictObject({ owner: lotId(), share_pct: pctIn(0, 100) })).check(z.minLength(1), z.maxLength(50))),
  });

  const transfer = z.strictObject({
    from: lotId(),
    to: lotId(),
    label: z.optional(text(0, 120)),
    amount_eur: z.optional(eur()),
    share_of_margin_pct: z.optional(pctIn(0, 100)),
  });

  /** One dwelling type of a lot (T1…T6): how many, their surfaces, optionally their price or rent. */
  const dwellingType = z.strictObject({
    type: z.enum(DWELLING_TYPES),
    count: z.int().check(z.gte(1), z.lte(100000)),
    shab_m2: m2Positive(),
    annexes_m2: z.optional(m2()),
    price_eur_ttc: z.optional(eur()),
    price_eur_per_m2_shab_ttc: z.optional(eurPerM2()),
    rent_eur_per_month: z.optional(eur()),
  });

  /** Acquisition-amélioration of one lot: an existing building bought, then improved. */
  const lotAcquisition = z.strictObject({
    price_eur: z.optional(eur()),
    price_eur_per_m2_shab: z.optional(eurPerM2()),
    fees_eur: z.optional(eur()),
  });

  const lot = z.strictObject({
    id: lotId(),
    label: z.optional(text(1, 120)),
    tenure,
    dwellings: z.int().check(z.gte(1), z.lte(100000)),
    shab_m2: m2Positive(),
    annexes_m2: z.optional(m2()),
    garage_m2: z.optional(m2()),
    /** Construction cost of this lot, if it differs from the operation's. */
    cost_eur_per_m2_shab: z.optional(eurPerM2()),
    vat_pct: z.optional(pctIn(0, 30)),
    rent: z.optional(rentLot),
    foyer: z.optional(foyer),
    sale: z.optional(saleLot),
    psla: z.optional(psla),
    brs: z.optional(brs),
    sciapp: z.optional(sciapp),
    coop: z.optional(coop),
    /** The owner (maître d'ouvrage) of the lot: an id of `owners:`. */
    owner: z.optional(lotId()),
    vefa: z.optional(vefa),
    types: z.optional(z.array(dwellingType).check(z.minLength(1), z.maxLength(50))),
    acquisition: z.optional(lotAcquisition),
  });

  const subsidy = z.strictObject({
    source: text(1, 120),
    label: z.optional(text(0, 120)),
    amount_eur: z.optional(eur()),
    eur_per_dwelling: z.optional(eur()),
    eur_per_m2_su: z.optional(eurPerM2()),
    ...scope,
  });

  const loanLine = z.strictObject({
    label: text(1, 120),
    lender: z.optional(text(0, 120)),
    product: z.optional(z.enum(['PLAI', 'PLUS', 'PLS', 'LLI', 'PSLA', 'gaia_lt', 'other'])),
    line: z.optional(z.enum(['building', 'land'])),
    amount_eur: z.optional(eur()),
    eur_per_dwelling: z.optional(eur()),
    margin_pct: z.optional(pctIn(-5, 10)),
    rate_pct: z.optional(pctIn(0, 20)),
    duration_years: z.optional(years(1, 100)),
    progressivity_pct: z.optional(pctIn(-3, 0.5)),
    deferral_years: z.optional(years(0, 10)),
    revisability: z.optional(z.enum(REVISABILITY)),
    ...scope,
  });

  const equity = z.strictObject({
    amount_eur: z.optional(eur()),
    pct_of_cost: z.optional(pctIn(0, 100)),
    eur_per_dwelling: z.optional(eur()),
    ...scope,
  });

  /** An avance de fonds propres rémunérée: a source beside equity, repaid by constant annuities out of the account. */
  const equityAdvance = z.strictObject({
    source: z.optional(text(0, 120)),
    amount_eur: z.optional(eur()),
    pct_of_cost: z.optional(pctIn(0, 100)),
    rate_pct: pctIn(0, 20),
    duration_years: years(1, 100),
    deferral_years: z.optional(years(0, 10)),
    ...scope,
  });

  const checkObject = z.strictObject({
    metric: text(1, 1_000_000),
    op: z.enum(['>=', '<=', '>', '<', '==', '!=', 'between']),
    value: z.optional(z.union([z.number(), z.boolean()])),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    tolerance: z.optional(z.number().check(z.gte(0))),
    severity: z.optional(z.enum(['error', 'warning'])),
    message: z.optional(text(0, 500, true)),
  });

  /** A distribution of `risk:` (src/risk/spec.ts): `{ normal: [mean, sd] }` or `{ triangular: [min, mode, max] }`. */
  // (exactly one of the two: MISSING_ONE_OF / CONFLICTING_KEYS, engine/rules.ts)
  const riskDistribution = (lo: number, hi: number) => z.strictObject({
    normal: z.optional(z.tuple([pctIn(lo, hi), pctIn(0, hi - lo)])),
    triangular: z.optional(z.tuple([pctIn(lo, hi), pctIn(lo, hi), pctIn(lo, hi)])),
  });
  /** The `risk:` section: what varies in `equilibre risk` (src/risk/spec.ts; defaults there). */
  const riskSection = z.strictObject({
    draws: z.optional(z.int().check(z.gte(1), z.lte(RISK_DRAWS_MAX))),
    seed: z.optional(z.int().check(z.gte(0), z.lte(4294967295))),
    construction_cost_pct: z.optional(riskDistribution(-50, 100)),
    livret_a_step_sd_pct: z.optional(pctIn(0, 5)),
    livret_a_floor_pct: z.optional(pctIn(0, 15)),
    construction_livret_a_correlation: z.optional(z.number().check(z.gte(-1), z.lte(1))),
    irl_pct: z.optional(riskDistribution(-10, 10)),
    charges_indexation_pct: z.optional(riskDistribution(-10, 10)),
    vacancy_pct: z.optional(riskDistribution(-50, 50)),
    sale_prices_pct: z.optional(riskDistribution(-50, 100)),
    works_delay_months: z.optional(riskDistribution(-60, 120)),
  });

  const operationFile = z.strictObject({
    format: z.literal('equilibre/v1'),
    /** The management profile this operation applies (a file, relative to this one): its assumptions and parameters, which this file overrides key by key (src/load/profile.ts). */
    profile: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
    operation: z.strictObject({
      name: text(1, 200),
      commune: z.optional(text(0, 120)),
      department: z.optional(z.string().check(z.regex(/^(\d{2}|2A|2B|\d{3})$/, { message: 'numéro de département' }))),
      description: z.optional(text(0, 4000, true)),
      zone_abc: z.enum(ZONES_ABC),
      zone_hlm: z.union([z.enum(ZONES_HLM), z.literal(1), z.literal(2), z.literal(3)]),
      ile_de_france: z.optional(z.boolean()),
      parameters_year: z.int().check(z.gte(2000), z.lte(2100)),
      delivery_date: z.optional(isoDate()),
      /** Date de mise en location (first letting): year 1 of the account is its calendar year, prorated (src/engine/calendar.ts). */
      letting_date: z.optional(isoDate()),
    }),
    land: z.strictObject({
      price_eur_per_m2_sp: z.optional(eurPerM2()),
      price_eur_per_m2_shab: z.optional(eurPerM2()),
      price_eur: z.optional(eur()),
      acquisition_fees_pct: z.optional(pctIn(0, 20)),
      acquisition_fees_eur: z.optional(eur()),
      /** Acquisition-amélioration of the whole operation: the price is that of an existing building. */
      existing_building: z.optional(z.boolean()),
      site_works_eur: z.optional(eur()),
      taxes: z.optional(z.strictObject({
        ta_eur: z.optional(eur()),
        rap_eur: z.optional(eur()),
        ta_commune_rate_pct: z.optional(pctIn(0, 20)),
        ta_department_rate_pct: z.optional(pctIn(0, 2.5)),
        ta_region_rate_pct: z.optional(pctIn(0, 1)),
        rap_applies: z.optional(z.boolean()),
      })),
      other: z.optional(z.array(costLine).check(z.maxLength(MAX_LINES))),
    }),
    construction: z.strictObject({
      cost_eur_per_m2_shab: eurPerM2(),
      shab_sp_ratio: z.optional(z.number().check(z.gt(0.3), z.lte(1))),
      sp_m2: z.optional(m2Positive()),
      common_spaces: z.optional(z.array(commonSpace).check(z.maxLength(MAX_LINES))),
      price_revision: z.optional(z.strictObject({ annual_pct: pctIn(-10, 30), months: z.int().check(z.gte(0), z.lte(120)) })),
      /** Revision on the BT01 index, from the price date of the works to the works midpoint ([INSEE-BT01]). */
      price_revision_bt01: z.optional(z.strictObject({
        price_date: isoMonth(),
        midpoint_date: isoMonth(),
        forecast_annual_pct: z.optional(pctIn(-10, 30)),
      })),
      contingencies_pct: z.optional(pctIn(0, 30)),
      fees_pct: z.optional(pctIn(0, 40)),
      insurance_pct: z.optional(pctIn(0, 10)),
      prefinancing_interest_eur: z.optional(eur()),
      /** Prefinancing interest computed from the draws ([CDC-PLUS], actuarial exact/365). */
      prefinancing: z.optional(z.strictObject({
        rate_pct: pctIn(0, 20),
        draws: z.array(z.strictObject({ date: isoDate(), amount_eur: eur() })).check(z.minLength(1), z.maxLength(200)),
        end_date: z.optional(isoDate()),
      })),
      /** The building has a lift: the annexes rule allows 125 % instead of 118 % (circ. loyers annexe 8). */
      lift: z.optional(z.boolean()),
      other: z.optional(z.array(costLine).check(z.maxLength(MAX_LINES))),
      /** VAT rate per cost line, by concept id (src/engine/vat-lines.ts; an unknown id is VAT_LINE_UNKNOWN). */
      vat_by_line_pct: z.optional(z.record(z.string(), pctIn(0, 30))),
    }),
    owners: z.optional(z.array(owner).check(z.minLength(1), z.maxLength(50))),
    transfers: z.optional(z.array(transfer).check(z.maxLength(MAX_LINES))),
    lots: z.array(lot).check(z.minLength(1), z.maxLength(200)),
    subsidies: z.optional(z.array(subsidy).check(z.maxLength(MAX_LINES))),
    financing: z.optional(z.strictObject({
      equity: z.optional(z.array(equity).check(z.maxLength(MAX_LINES))),
      equity_advances: z.optional(z.array(equityAdvance).check(z.maxLength(MAX_LINES))),
      cdc_default_loans: z.optional(z.boolean()),
      loans: z.optional(z.array(loanLine).check(z.maxLength(MAX_LINES))),
    })),
    assumptions: z.optional(z.strictObject({
      // Livret A and CDC loan terms ([LA-HIST], [CDC-PLUS])
      livret_a_pct: z.optional(pctIn(0, 15)),
      livret_a_path_pct: z.optional(z.array(pctIn(0, 15)).check(z.minLength(1), z.maxLength(100))),
      progressivity_pct: z.optional(pctIn(-3, 0.5)),
      revisability: z.optional(z.enum(['simple', 'double', 'double_limited'])),
      // Operating account ([CUS-FP])
      horizon_years: z.optional(years(1, 100)),
      irl_pct: z.optional(pctIn(-5, 15)),
      irl_path_pct: z.optional(z.array(pctIn(-5, 15)).check(z.minLength(1), z.maxLength(100))),
      charges_indexation_pct: z.optional(pctIn(-5, 15)),
      vacancy_pct: z.optional(pctIn(0, 50)),
      bad_debt_pct: z.optional(pctIn(0, 50)),
      management_eur_per_dwelling: z.optional(eur()),
      maintenance_eur_per_dwelling: z.optional(eur()),
      maintenance_from_year: z.optional(years(1, 80)),
      major_maintenance_eur_per_dwelling: z.optional(eur()),
      major_maintenance_pct_of_cost: z.optional(pctIn(0, 5)),
      major_maintenance_from_year: z.optional(years(1, 80)),
      tfpb_eur_per_dwelling: z.optional(eur()),
      insurance_eur_per_dwelling: z.optional(eur()),
      cglls_pct: z.optional(pctIn(0, 10)),
      ancols_pct: z.optional(pctIn(0, 1)),
      tfpb_exemption_years: z.optional(years(0, 40)),
      discount_rate_pct: z.optional(pctIn(0, 30)),
      // Constant euros (deflator of the account's cash flow and cumulative)
      constant_euros_index_pct: z.optional(pctIn(-5, 15)),
      constant_euros_index_path_pct: z.optional(z.array(pctIn(-5, 15)).check(z.minLength(1), z.maxLength(100))),
      // The account line by line (src/schema/lines.ts); the keys above are its shorthands.
      lines: z.optional(linesSection),
      other_lines: z.optional(otherLines),
    })),
    parameters: z.optional(z.record(z.string(), z.union([z.number(), z.array(z.number())]))),
    /** What varies in `equilibre risk` (Monte Carlo); absent: the documented defaults. */
    risk: z.optional(riskSection),
    checks: z.optional(z.array(z.union([text(1, 1_000_000), checkObject])).check(z.maxLength(MAX_LINES))),
    /** Variants of this operation for `equilibre compare`: each overrides paths of the file (`lots[2].tenure: PLS`; null removes a key). */
    variants: z.optional(z.array(z.strictObject({
      name: text(1, 120),
      description: z.optional(text(0, 2000, true)),
      // `__proto__`, `constructor` and `prototype` are never a key of the file: refused as a path segment.
      set: z.record(z.string().check(z.regex(/^(?!(?:__proto__|constructor|prototype)(?:[[.]|$))[a-z_][a-z0-9_]*(\[\d+\])*(\.(?!(?:__proto__|constructor|prototype)(?:[[.]|$))[a-z_][a-z0-9_]*(\[\d+\])*)*$/i, { message: 'chemin: lots[2].tenure' })), z.unknown()),
    })).check(z.maxLength(50))),
  });
  return { operationFile, lot, costLine, owner, vefa, dwellingType, riskSection };
}
type Built = ReturnType<typeof build>;

/** zod/mini's functions, named one by one (the namespace as a value would bundle all of zod/mini). */
const zodBuilder: Z = { array, boolean, enum: zenum, gt, gte, int, literal, lte, maxLength, minLength, number, optional, record, refine, regex, strictObject, string, tuple, union, unknown };

let zodBuilt: Built | undefined;
/**
 * The zod schema, built on first use (docs/performance.md): by the validation of a file that the
 * common case's validator (fastOperation) does not accept, by the JSON Schema, the profiles, the
 * error positions and the tests. Building it is ~8 ms of code running for the first time.
 */
export function operationFile(): Built['operationFile'] {
  if (zodBuilt === undefined) {
    // zod/mini, the functional API of zod 4 (the same core, checks and issues): building this schema
    // costs about a third of what the classic API's does, from a bundle half the size
    // (docs/performance.md). The English messages of the classic API, which a few diagnostics quote.
    config(en());
    // zod's default compiles a parser for each object schema with `new Function` on its first parse:
    // ~14 ms of a one-file run (most runs read one file), to win ~5 µs a parse afterwards (a check of
    // 1 000 files: 5 ms). Interpreted parsing it is (docs/performance.md).
    config({ jitless: true });
    zodBuilt = build(zodBuilder);
  }
  return zodBuilt.operationFile;
}

/** Whether the zod schema has been built in this process (test/fast-zod.test.ts: a valid file does not build it). */
export function zodSchemaBuilt(): boolean {
  return zodBuilt !== undefined;
}

let fastBuilt: Built | undefined;
/**
 * The same schema built by fast-zod.ts: the validated data of a file when it is valid and made of
 * the plain values YAML gives (zod's own output, to the key order), else undefined, and the zod
 * schema says what is wrong. test/fast-zod.test.ts compares both on every YAML file of the
 * repository and on generated ones.
 */
export function fastOperation(data: unknown): OperationFile | undefined {
  fastBuilt ??= build(fastZ);
  return fastZ.accept(fastBuilt.operationFile, data) as OperationFile | undefined;
}

/** The validated data of an operation file, or zod's issues (parsed by fastOperation when it can). */
export function parseOperation(data: unknown): { success: true; data: OperationFile } | { success: false; error: zod.core.$ZodError } {
  const fast = fastOperation(data);
  if (fast !== undefined) return { success: true, data: fast };
  return operationFile().safeParse(data);
}

export type OperationFile = zod.infer<Built['operationFile']>;
export type LotInput = zod.infer<Built['lot']>;
export type OwnerInput = zod.infer<Built['owner']>;
export type VefaInput = zod.infer<Built['vefa']>;
export type CostLineInput = zod.infer<Built['costLine']>;
export type DwellingTypeInput = zod.infer<Built['dwellingType']>;
export type RiskInput = zod.infer<Built['riskSection']>;
export type RiskDistributionInput = NonNullable<RiskInput['construction_cost_pct']>;
