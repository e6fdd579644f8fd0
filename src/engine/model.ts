/**
 * build model: validated input + regulated parameters → an exact model (Decimals, units,
 * defaults applied and recorded). Cross-field rules that a schema cannot say live here, as
 * diagnostics with the path of the value concerned.
 */
import { diag, type Diagnostic } from '../domain/diagnostic';
import { D, Decimal, ZERO, pct, type Dec } from '../domain/money';
import { tenureInfo, type TenureInfo } from '../domain/tenures';
import { getParamYear, listParamYears, nearestParamYear, productLine } from '../params/index';
import { crossFieldErrors } from './rules';
import { foyerParts } from './foyer';
import { lineDiagnostics } from './lines-check';
import type { ParamDef, ParamStatus } from '../params/types';
import { DEFAULTS, type DefaultKey } from '../schema/defaults';
import { BT01 } from '../params/indices';
import type { DwellingTypeInput, LotInput, OperationFile, Tenure, ZoneAbc, ZoneHlm } from '../schema/operation';
import type { Provenance } from './facts';
import { profileLabel, type ProfileSummary } from '../load/profile';

/**
 * One assumption the evaluation relied on: a regulated parameter, a default, or a parameter the
 * file (`parameters:`) or the command line (`--set parameters.…`) overrides. `label` and `source`
 * are the data's own (the embedded parameter's or the default's); for an override the report says
 * where the value comes from (`path`) and the embedded value it replaces (`embedded`).
 */
export interface AssumptionUse {
  key: string;
  value: string;
  unit: string;
  label: string;
  source: string;
  status: ParamStatus;
  origin: 'parameter' | 'default' | 'file' | 'override' | 'profile';
  /** The input path of an override (`parameters.livret_a.rate_pct`). */
  path?: string;
  /** The embedded value an override replaces. */
  embedded?: string;
  /** The management profile the value comes from (« HER 2026 »), when `origin` is `profile`. */
  profile?: string;
}

/**
 * A parameter the operation changes: from its `parameters:` ('file'), a `--set` ('override') or
 * the `parameters:` of its management profile ('profile', named in `profile`).
 */
export interface ParamOverride {
  origin: 'file' | 'override' | 'profile';
  path: string;
  /** The embedded value, as the parameter set has it (`3` or `1.7 ; 1.6`). */
  embedded: string;
  /** The profile's label (« HER 2026 »), when `origin` is `profile`. */
  profile?: string;
}

/**
 * The Livret A at signing (LA₀) and its path (fractions, year 1 first; the last value holds),
 * resolved once, each with where it comes from: the file's assumptions (its input path), or a
 * parameter (its key, embedded or overridden). `pathFrom` null: the rate is held flat.
 */
export interface LivretA {
  la0: Dec;
  path: Dec[];
  la0From: Provenance;
  pathFrom: Provenance | null;
}

/** A default's value as resolved by buildModel: a number, a flag, a word (`double`), or a section (`construction.price_revision`). */
export interface ResolvedDefault {
  value: Dec | boolean | string | Readonly<Record<string, unknown>>;
  from: Provenance;
}

/** The defaults whose key is also the operation file's path (the others are a lot's, read from the lot). */
export const FILE_DEFAULT_PREFIXES = ['construction.', 'land.', 'financing.', 'assumptions.'] as const;
export const hasFilePath = (key: DefaultKey): boolean => FILE_DEFAULT_PREFIXES.some((p) => key.startsWith(p));

/** A resolved value with its provenance. */
export interface Resolved<T> {
  value: T;
  from: Provenance;
}

export interface LotModel {
  index: number;
  id: string;
  label: string;
  tenure: Tenure;
  info: TenureInfo;
  dwellings: number;
  shabM2: Dec;
  annexesM2: Dec;
  garageM2: Dec;
  /** Surface utile, social-rental regime: SHAB + ½ annexes (CCH R.331-10). Also the allocation key of shared costs. */
  suM2: Dec;
  /** The surface utile of the lot's own regime (fiscal for LLI, accession for PSLA/BRS). */
  suRegulatoryM2: Dec;
  costEurPerM2Shab: Dec;
  vatRate: Dec;
  /** An existing building bought and improved (acquisition-amélioration): the lot's own `acquisition:`, or `land.existing_building`. */
  acquisition: boolean;
  input: LotInput;
}

export interface Model {
  file: string;
  input: OperationFile;
  name: string;
  zoneAbc: ZoneAbc;
  zoneHlm: ZoneHlm;
  /** Parameter key segments: `a_bis`, `b1`…; `1_bis`, `2`… */
  zoneAbcKey: string;
  zoneHlmKey: string;
  ileDeFrance: boolean;
  requestedYear: number;
  paramYear: number;
  vintage: string;
  params: Readonly<Record<string, ParamDef>>;
  lots: LotModel[];
  commonSpacesM2: Dec;
  spM2: Dec;
  shabSpRatio: Dec | null;
  /** `land.existing_building`: the whole operation is an acquisition-amélioration (the land price is a building's). */
  existingBuilding: boolean;
  /** Parameters the file or the command line overrides, by key. */
  paramOverrides: Readonly<Record<string, ParamOverride>>;
  /** The Livret A (LA₀ and path), resolved once: stages read it through `livretA(model)`, which records its use. */
  livretA: LivretA;
  /**
   * Every default of src/schema/defaults.ts, resolved once: the file's value (origin `file` or
   * `profile`, with its input path) or the default's (origin `default`, with its key). Stages read
   * them through `take` / `takeBool` / `takeNote`, which record a default's use in `used`.
   */
  resolved: Readonly<Record<DefaultKey, ResolvedDefault>>;
  /** Default progressivity of loan instalments (fraction): the file's assumption, else the parameter. */
  progressivity: Resolved<Dec>;
  /** The IRL path (fractions; the first value revalues year 2, the last holds): a list, or one yearly rate, or the default. */
  irlPath: Resolved<Dec[]>;
  /** Assumptions used, by key, in order of first use. */
  used: Map<string, AssumptionUse>;
  /** The management profile the file names (src/load/profile.ts): its chain and each value's origin. */
  profile?: ProfileSummary;
}

const IDF_DEPARTMENTS = new Set(['75', '77', '78', '91', '92', '93', '94', '95']);

export function zoneKey(zone: string): string {
  return zone.toLowerCase().replace(' ', '_');
}

type ParamModel = Pick<Model, 'params' | 'used' | 'paramOverrides'>;

/** Record a parameter as used: embedded, or overridden by the file, its profile or the command line. */
function recordParam(model: ParamModel, key: string, def: ParamDef): void {
  const o = model.paramOverrides[key];
  record(model.used, key, def, o?.origin ?? 'parameter', o ? { path: o.path, embedded: o.embedded, ...(o.profile !== undefined ? { profile: o.profile } : {}) } : undefined);
}

/** Read a parameter and record it as used. */
export function useParam(model: ParamModel, key: string): Dec {
  const def = model.params[key];
  if (def === undefined || typeof def.value !== 'string') throw new Error(`missing scalar parameter ${key}`);
  recordParam(model, key, def);
  return D(def.value);
}

/** Where a parameter's value comes from: the embedded set, or its override. */
export function paramProvenance(model: Pick<Model, 'paramOverrides'>, key: string): Provenance {
  return paramFrom(model.paramOverrides, key);
}

function paramFrom(overrides: Readonly<Record<string, ParamOverride>>, key: string): Provenance {
  const o = overrides[key];
  return o ? { origin: o.origin, path: o.path, key, ...(o.profile !== undefined ? { profile: o.profile } : {}) } : { origin: 'parameter', key };
}

/**
 * Resolve the Livret A: the file's assumptions, else the parameters. A rate given without a path
 * — in `assumptions`, as an overridden `livret_a.rate_pct`, or to `equilibre loan --livret-a-pct` —
 * is held flat: the embedded path starts from the embedded rate and would contradict it. Shared
 * by buildModel and the `loan` command.
 */
export function resolveLivretA(
  params: Readonly<Record<string, ParamDef>>,
  given: { ratePct?: Dec | undefined; ratePath?: string | undefined; pathPct?: Dec[] | undefined; pathPath?: string | undefined },
  overrides: Readonly<Record<string, ParamOverride>> = {},
  /** Where a given value at an input path comes from (the file, or its management profile). */
  fromInput: (path: string) => Provenance = (path) => ({ origin: 'file', path }),
): LivretA {
  const param = (key: string): Provenance => paramFrom(overrides, key);
  const givenFrom = (path: string | undefined): Provenance => (path ? fromInput(path) : { origin: 'file' });
  const la0 = given.ratePct !== undefined ? pct(given.ratePct) : pct(scalar(params, 'livret_a.rate_pct'));
  const la0From: Provenance = given.ratePct !== undefined ? givenFrom(given.ratePath) : param('livret_a.rate_pct');
  if (given.pathPct) return { la0, path: given.pathPct.map((v) => pct(v)), la0From, pathFrom: givenFrom(given.pathPath) };
  const rateGiven = given.ratePct !== undefined || overrides['livret_a.rate_pct'] !== undefined;
  if (rateGiven && !overrides['livret_a.path_pct']) return { la0, path: [la0], la0From, pathFrom: null };
  return { la0, path: list(params, 'livret_a.path_pct').map((v) => pct(v)), la0From, pathFrom: param('livret_a.path_pct') };
}

function scalar(params: Readonly<Record<string, ParamDef>>, key: string): Dec {
  const def = params[key];
  if (def === undefined || typeof def.value !== 'string') throw new Error(`missing scalar parameter ${key}`);
  return D(def.value);
}

function list(params: Readonly<Record<string, ParamDef>>, key: string): Dec[] {
  const def = params[key];
  if (def === undefined || typeof def.value === 'string') throw new Error(`missing list parameter ${key}`);
  return def.value.map((v) => D(v));
}

/** Record the use of a resolved value that comes from a parameter (a file value is not an assumption). */
function recordFrom(model: ParamModel, from: Provenance | null): void {
  if (from?.key !== undefined) recordParam(model, from.key, model.params[from.key]!);
}

/**
 * The Livret A at signing (LA₀) and its path, from the model (resolved once by buildModel,
 * `resolveLivretA`), recorded as used. Without `withPath` only LA₀ is used (and recorded).
 */
export function livretA(model: Pick<Model, 'params' | 'used' | 'paramOverrides' | 'livretA'>, withPath = true): { la0: Dec; path: Dec[] } {
  const l = model.livretA;
  recordFrom(model, l.la0From);
  if (!withPath) return { la0: l.la0, path: [l.la0] };
  recordFrom(model, l.pathFrom);
  return { la0: l.la0, path: l.path };
}

/** Default progressivity of loan instalments, from the model, recorded as used. */
export function loanProgressivity(model: Pick<Model, 'params' | 'used' | 'paramOverrides' | 'progressivity'>): Dec {
  recordFrom(model, model.progressivity.from);
  return model.progressivity.value;
}

/** The calendar year of year 1 of the account: the year of `operation.letting_date`, else null (no calendar). */
export function firstCalendarYear(model: Pick<Model, 'input'>): number | null {
  const d = model.input.operation.letting_date;
  return d === undefined ? null : Number(d.slice(0, 4));
}

/** The IRL path, from the model, recorded as used (the default yearly rate when the file gives none). */
export function irlPathOf(model: Pick<Model, 'used' | 'irlPath'>): Dec[] {
  if (model.irlPath.from.origin === 'default') noteDefault(model.used, 'assumptions.irl_pct');
  return model.irlPath.value;
}

export function useParamPath(model: ParamModel, key: string): Dec[] {
  const def = model.params[key];
  if (def === undefined || typeof def.value === 'string') throw new Error(`missing list parameter ${key}`);
  recordParam(model, key, def);
  return def.value.map((v) => D(v));
}

/** The value of a default as buildModel resolved it; a default's use is recorded (first read orders the Hypothèses). */
export function take(model: Pick<Model, 'used' | 'resolved'>, key: DefaultKey): Dec {
  const r = model.resolved[key];
  if (!Decimal.isDecimal(r.value)) throw new Error(`default ${key} is not a number`);
  if (r.from.origin === 'default') record(model.used, key, DEFAULTS[key], 'default');
  return r.value as Dec;
}

/** A flag default as buildModel resolved it, its use recorded when it is the default. */
export function takeBool(model: Pick<Model, 'used' | 'resolved'>, key: DefaultKey): boolean {
  const r = model.resolved[key];
  if (typeof r.value !== 'boolean') throw new Error(`default ${key} is not a flag`);
  if (r.from.origin === 'default') record(model.used, key, DEFAULTS[key], 'default');
  return r.value;
}

/** Whether the default of `key` is the one used (not the file's value); its use is then recorded. */
export function takeNote(model: Pick<Model, 'used' | 'resolved'>, key: DefaultKey): boolean {
  const isDefault = model.resolved[key].from.origin === 'default';
  if (isDefault) record(model.used, key, DEFAULTS[key], 'default');
  return isDefault;
}

/** Record a default that is not a number (e.g. "the longest loan") as used. */
function noteDefault(used: Map<string, AssumptionUse>, key: DefaultKey): void {
  record(used, key, DEFAULTS[key], 'default');
}

/** The text of a parameter's or a default's value (`3`, `1.7 ; 1.6`). */
const valueText = (v: string | readonly string[]): string => (typeof v === 'string' ? v : v.join(' ; '));

function record(used: Map<string, AssumptionUse>, key: string, def: { value: string | readonly string[]; unit: string; label: string; source: string; status: ParamStatus }, origin: AssumptionUse['origin'], override?: { path: string; embedded?: string; profile?: string }): void {
  if (used.has(key)) return;
  used.set(key, { key, value: valueText(def.value), unit: def.unit, label: def.label, source: def.source, status: def.status, origin, ...(override ?? {}) });
}

/** Record an assumption that is not a parameter or a default of the tables (a dated index series, a projection), as used. */
export function noteAssumption(used: Map<string, AssumptionUse>, use: AssumptionUse): void {
  if (!used.has(use.key)) used.set(use.key, use);
}

/**
 * Dwelling types of a lot (`lots[].types`): their counts and surfaces must give the lot's
 * `dwellings`, `shab_m2` and (when given) `annexes_m2`; a price or a rent is given for every type
 * or for none, and only where the lot's tenure has one (a price for a sale lot, a rent for a rental lot).
 */
function typeErrors(l: LotInput, index: number): Diagnostic[] {
  const types = l.types;
  if (!types) return [];
  const ds: Diagnostic[] = [];
  const at = (k: number, key: string) => ['lots', index, 'types', k, key];
  const count = types.reduce((s, t) => s + t.count, 0);
  if (count !== l.dwellings) ds.push(diag('TYPES_COUNT_MISMATCH', 'error', ['lots', index, 'dwellings'], { lot: l.id, dwellings: l.dwellings, counts: count }));
  const shab = types.reduce((s, t) => s.plus(D(t.shab_m2).times(t.count)), ZERO);
  // To the hundredth of a m² (the precision of a surface).
  if (shab.minus(D(l.shab_m2)).abs().gte(D('0.005'))) ds.push(diag('TYPES_SURFACE_MISMATCH', 'error', ['lots', index, 'shab_m2'], { lot: l.id, key: 'shab_m2', given: l.shab_m2, types: shab.toNumber() }));
  if (l.annexes_m2 !== undefined && types.some((t) => t.annexes_m2 !== undefined)) {
    const annexes = types.reduce((s, t) => s.plus(D(t.annexes_m2 ?? 0).times(t.count)), ZERO);
    if (annexes.minus(D(l.annexes_m2)).abs().gte(D('0.005'))) ds.push(diag('TYPES_SURFACE_MISMATCH', 'error', ['lots', index, 'annexes_m2'], { lot: l.id, key: 'annexes_m2', given: l.annexes_m2, types: annexes.toNumber() }));
  }
  const kind = tenureInfo(l.tenure).kind;
  // A price or a rent said twice: by the types and by the lot.
  const salePrice = (['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc', 'price_eur_per_dwelling_ttc'] as const).find((k) => l.sale?.[k] !== undefined);
  if (salePrice && types.some((t) => t.price_eur_ttc !== undefined || t.price_eur_per_m2_shab_ttc !== undefined)) ds.push(diag('CONFLICTING_KEYS', 'error', ['lots', index, 'sale', salePrice], { keys: [salePrice, 'types[].price_eur_ttc'] }));
  if (l.rent?.rent_eur_per_m2_su_month !== undefined && types.some((t) => t.rent_eur_per_month !== undefined)) ds.push(diag('CONFLICTING_KEYS', 'error', ['lots', index, 'rent', 'rent_eur_per_m2_su_month'], { keys: ['rent_eur_per_m2_su_month', 'types[].rent_eur_per_month'] }));
  const priced = (t: DwellingTypeInput) => t.price_eur_ttc !== undefined || t.price_eur_per_m2_shab_ttc !== undefined;
  const groups: [string, (t: DwellingTypeInput) => boolean, boolean][] = [
    ['price_eur_ttc', priced, kind === 'sale'],
    ['rent_eur_per_month', (t) => t.rent_eur_per_month !== undefined, kind === 'rental'],
  ];
  for (const [key, has, fits] of groups) {
    const k = types.findIndex(has);
    if (k < 0) continue;
    if (!fits) { ds.push(diag('SECTION_NOT_FOR_TENURE', 'error', at(k, has === priced && types[k]!.price_eur_ttc === undefined ? 'price_eur_per_m2_shab_ttc' : key), { section: `types[].${key}`, tenure: l.tenure })); continue; }
    const missing = types.findIndex((t) => !has(t));
    if (missing >= 0) ds.push(diag('TYPES_INCOMPLETE', 'error', ['lots', index, 'types', missing], { lot: l.id, key, type: types[missing]!.type }));
  }
  return ds;
}

/** The unit of an assumption key without a default, read from its name. */
function unitOfKey(key: string): string {
  if (key.endsWith('_path_pct')) return 'pct_list';
  if (key.endsWith('_pct')) return 'pct';
  if (key.endsWith('_eur_per_dwelling')) return 'eur_per_dwelling';
  if (key.endsWith('_years')) return 'years';
  if (key.endsWith('_year')) return 'year';
  return 'text';
}

/**
 * With a management profile, every assumption of the operation's merged `assumptions` is recorded
 * with its origin: the profile's values (`profile`, naming it), and the operation's own (`file`),
 * so that the key-by-key override is seen. The label and source are the default's when the key has
 * one (an assumption without a default is named by src/report/words.ts).
 */
function recordProfileAssumptions(used: Map<string, AssumptionUse>, input: OperationFile, profile: ProfileSummary): void {
  for (const [key, value] of Object.entries(input.assumptions ?? {})) {
    // the lines are recorded attribute by attribute when the account reads them (lines.ts)
    if (value === undefined || key === 'lines' || key === 'other_lines') continue;
    const path = `assumptions.${key}`;
    const def = (DEFAULTS as Record<string, { unit: string; label: string; source: string } | undefined>)[path];
    const text = Array.isArray(value) ? value.map(String) : String(value);
    const from = inputProvenance(profile, path);
    record(used, path, { value: text, unit: def?.unit ?? unitOfKey(key), label: def?.label ?? '', source: def?.source ?? '', status: 'confirmed' },
      from.origin, { path, ...(from.profile !== undefined ? { profile: from.profile } : {}) });
  }
}

/** Where a value of the operation's input comes from: the file, or (merged in) its management profile. */
function inputProvenance(profile: ProfileSummary | undefined, path: string): Provenance {
  const i = profile?.origins[path];
  return i !== undefined ? { origin: 'profile', path, profile: profileLabel(profile!.chain[i]!) } : { origin: 'file', path };
}

export interface BuildResult {
  model?: Model;
  diagnostics: Diagnostic[];
}

/**
 * Options of buildModel: the paths the command line set (`--set`), so that a parameter set there
 * is told apart from one the file's `parameters:` gives; the management profile whose values were
 * merged into the input (src/load/profile.ts), so that each value's origin names it.
 */
export interface BuildOptions {
  setPaths?: readonly (readonly (string | number)[])[];
  profile?: ProfileSummary | undefined;
}

export function buildModel(input: OperationFile, file: string, options: BuildOptions = {}): BuildResult {
  const profile = options.profile;
  const ds: Diagnostic[] = [];
  const used = new Map<string, AssumptionUse>();
  if (profile) recordProfileAssumptions(used, input, profile);
  const op = input.operation;

  // Parameters of the operation's year, or the nearest earlier set (said plainly).
  const requestedYear = op.parameters_year;
  let paramYear = requestedYear;
  let set = getParamYear(requestedYear);
  if (!set) {
    paramYear = nearestParamYear(requestedYear);
    set = getParamYear(paramYear)!;
    ds.push(diag('PARAMETERS_YEAR_FALLBACK', 'warning', ['operation', 'parameters_year'], { requested: requestedYear, used: paramYear, available: listParamYears().map(String) }));
  }
  // The rules that need no validated values (rules.ts, shared with a file that failed the schema):
  // UNKNOWN_PARAMETER, DUPLICATE_LOT_ID, UNKNOWN_LOT, CONFLICTING_KEYS, MISSING_ONE_OF, SECTION_NOT_FOR_TENURE.
  ds.push(...crossFieldErrors(input));
  const params: Record<string, ParamDef> = { ...set.params };
  const paramOverrides: Record<string, ParamOverride> = {};
  // `--set parameters.livret_a.rate_pct=2`: the key may be one segment or split at its dots
  const setKeys = new Set((options.setPaths ?? []).filter((p) => p[0] === 'parameters').map((p) => p.slice(1).join('.')));
  for (const [key, value] of Object.entries(input.parameters ?? {})) {
    const base = params[key];
    if (!base) continue; // UNKNOWN_PARAMETER, above
    const isList = typeof base.value !== 'string';
    if (isList !== Array.isArray(value)) {
      ds.push(diag('WRONG_TYPE', 'error', ['parameters', key], { expected: isList ? 'a list of numbers' : 'a number', found: Array.isArray(value) ? 'list' : 'number', value: JSON.stringify(value) }));
      continue;
    }
    params[key] = { ...base, value: Array.isArray(value) ? value.map((v) => D(v).toString()) : D(value).toString() };
    // the command line wins over the file, the file over its profile (src/load/profile.ts merged them)
    const from = inputProvenance(profile, `parameters.${key}`);
    paramOverrides[key] = setKeys.has(key)
      ? { origin: 'override', path: `parameters.${key}`, embedded: valueText(base.value) }
      : { origin: from.origin === 'profile' ? 'profile' : 'file', path: `parameters.${key}`, embedded: valueText(base.value), ...(from.profile !== undefined ? { profile: from.profile } : {}) };
  }

  // Lots: surfaces.
  const lots: LotModel[] = [];
  input.lots.forEach((l, index) => {
    const info = tenureInfo(l.tenure);
    const shab = D(l.shab_m2);
    // Annexes: given, else the types' (count × annexes of each type), else none.
    const annexes = l.annexes_m2 !== undefined ? D(l.annexes_m2) : (l.types ?? []).reduce((s, t) => s.plus(D(t.annexes_m2 ?? 0).times(t.count)), ZERO);
    const garage = D(l.garage_m2 ?? 0);
    const su = shab.plus(annexes.div(2));
    const n = D(l.dwellings);
    let suReg = su;
    if (info.suRegime === 'fiscal') {
      // SU fiscale: SHAB + half of annexes within 8 m² per dwelling (CGI ann. III art. 2 terdecies D).
      const half = annexes.div(2);
      const cap = n.times(8);
      suReg = shab.plus(half.lte(cap) ? half : cap);
    } else if (info.suRegime === 'accession') {
      // SU accession: SHAB + ½ annexes + ½ garage within 6 m² per dwelling (arrêté 9 May 1995 list).
      const halfG = garage.div(2);
      const capG = n.times(6);
      suReg = su.plus(halfG.lte(capG) ? halfG : capG);
    }
    ds.push(...typeErrors(l, index));
    // FOYER_REDEVANCE: a charges part ≥ the redevance, in different forms (per unit and per m² SU; same forms: rules.ts).
    const fr = l.foyer?.redevance;
    if (fr) {
      const wholeUnit = fr.eur_per_unit_month !== undefined, wholeM2 = fr.eur_per_m2_su_month !== undefined;
      const partUnit = fr.charges_eur_per_unit_month !== undefined, partM2 = fr.charges_eur_per_m2_su_month !== undefined;
      const parts = foyerParts(l, su);
      if (parts && wholeUnit !== wholeM2 && partUnit !== partM2 && wholeUnit !== partUnit && parts.chargesPerM2.gte(parts.redevancePerM2)) {
        ds.push(diag('FOYER_REDEVANCE', 'error', ['lots', index, 'foyer', 'redevance', partUnit ? 'charges_eur_per_unit_month' : 'charges_eur_per_m2_su_month'],
          { lot: l.id, problem: 'charges', charges: parts.chargesPerM2.toDecimalPlaces(2).toNumber(), redevance: parts.redevancePerM2.toDecimalPlaces(2).toNumber(), per_m2: true }));
      }
    }
    const shabPerDwelling = shab.div(n);
    if (shabPerDwelling.lt(9) || shabPerDwelling.gt(400)) {
      ds.push(diag('IMPLAUSIBLE_DWELLING_SIZE', 'warning', ['lots', index, 'shab_m2'], { m2_per_dwelling: shabPerDwelling.toDecimalPlaces(1).toNumber(), lot: l.id }));
    }
    lots.push({
      index, id: l.id, label: l.label ?? l.id, tenure: l.tenure, info, dwellings: l.dwellings,
      shabM2: shab, annexesM2: annexes, garageM2: garage, suM2: su, suRegulatoryM2: suReg,
      costEurPerM2Shab: D(l.cost_eur_per_m2_shab ?? input.construction.cost_eur_per_m2_shab),
      vatRate: l.vat_pct !== undefined ? pct(l.vat_pct) : ZERO, // filled below from parameters
      acquisition: input.land.existing_building === true || l.acquisition !== undefined,
      input: l,
    });
  });

  const bt = input.construction.price_revision_bt01;
  if (bt) {
    if (bt.midpoint_date < bt.price_date) ds.push(diag('DATES_OUT_OF_ORDER', 'error', ['construction', 'price_revision_bt01', 'midpoint_date'], { before: bt.price_date, after: bt.midpoint_date }));
    if (bt.price_date < BT01[0]![0]) ds.push(diag('INDEX_BEFORE_SERIES', 'error', ['construction', 'price_revision_bt01', 'price_date'], { index: 'BT01', date: bt.price_date, first: BT01[0]![0] }));
  }
  // A scoped cost line must reach at least one lot.
  const reaches = (l: { lots?: string[] | undefined; tenures?: string[] | undefined }) =>
    input.lots.some((lot) => (!l.lots || l.lots.includes(lot.id)) && (!l.tenures || l.tenures.includes(lot.tenure)));
  input.land.other?.forEach((l, i) => { if ((l.lots || l.tenures) && !reaches(l)) ds.push(diag('COST_LINE_WITHOUT_LOT', 'error', ['land', 'other', i], { label: l.label })); });
  input.construction.other?.forEach((l, i) => { if ((l.lots || l.tenures) && !reaches(l)) ds.push(diag('COST_LINE_WITHOUT_LOT', 'error', ['construction', 'other', i], { label: l.label })); });
  if (input.land.taxes?.ta_region_rate_pct !== undefined && !(op.ile_de_france ?? (op.department !== undefined && IDF_DEPARTMENTS.has(op.department)))) {
    ds.push(diag('TA_REGION_OUTSIDE_IDF', 'warning', ['land', 'taxes', 'ta_region_rate_pct'], {}));
  }
  input.financing?.loans?.forEach((s, i) => {
    const product = s.product && s.product !== 'other' ? s.product.toLowerCase() : undefined;
    const line = product ? productLine(product, s.line ?? 'building') : 'building';
    const missing: string[] = [];
    if (!product && s.margin_pct === undefined && s.rate_pct === undefined) missing.push('margin_pct | rate_pct');
    // a fixed-rate loan needs its rate (the message says « taux fixe »)
    const fixedWithoutRate = s.revisability === 'fixed' && s.rate_pct === undefined;
    if (fixedWithoutRate) missing.push('rate_pct');
    if (!product && s.duration_years === undefined) missing.push('duration_years');
    if (missing.length) { ds.push(diag('LOAN_TERMS_MISSING', 'error', ['financing', 'loans', i], { label: s.label, missing, ...(fixedWithoutRate ? { revisability: 'fixed' } : {}) })); return; }
    const duration = s.duration_years ?? Number((params[`loan.${product}.${line}.duration_years`]?.value as string | undefined) ?? 0);
    if (s.deferral_years !== undefined && s.deferral_years >= duration) {
      ds.push(diag('LOAN_DEFERRAL_TOO_LONG', 'error', ['financing', 'loans', i, 'deferral_years'], { deferral: s.deferral_years, duration }));
    }
  });
  // a remunerated equity advance is repaid like a loan: its deferral leaves at least one amortising year
  (input.financing?.equity_advances ?? []).forEach((s, i) => {
    if (s.deferral_years !== undefined && s.deferral_years >= s.duration_years) ds.push(diag('LOAN_DEFERRAL_TOO_LONG', 'error', ['financing', 'equity_advances', i, 'deferral_years'], { deferral: s.deferral_years, duration: s.duration_years }));
  });
  ds.push(...lineDiagnostics(input));
  if (ds.some((d) => d.severity === 'error')) return { diagnostics: ds };

  const model: Model = {
    file, input, name: op.name,
    zoneAbc: op.zone_abc, zoneHlm: String(op.zone_hlm) as ZoneHlm,
    zoneAbcKey: zoneKey(op.zone_abc), zoneHlmKey: zoneKey(String(op.zone_hlm)),
    ileDeFrance: op.ile_de_france ?? (op.department !== undefined && IDF_DEPARTMENTS.has(op.department)),
    requestedYear, paramYear, vintage: set.vintage, params, lots,
    commonSpacesM2: ZERO, spM2: ZERO, shabSpRatio: null, existingBuilding: input.land.existing_building === true, used, paramOverrides, ...(profile ? { profile } : {}),
    ...resolveAssumptions(input, params, paramOverrides, profile),
    resolved: resolveDefaults(input, profile),
  };
  for (const lot of lots) {
    // The works of a social-rental acquisition-amélioration: the reduced rate of CGI 278 sexies-0 A / 278 sexies A ([CGI-TVA-AA]).
    const aaSocial = lot.acquisition && (lot.tenure === 'PLAI' || lot.tenure === 'PLUS' || lot.tenure === 'PLS');
    if (lot.input.vat_pct === undefined) lot.vatRate = pct(useParam(model, aaSocial ? 'vat.acquisition_improvement.social_rental_pct' : `vat.${lot.info.key}_pct`));
  }

  // Surface de plancher: given, or (SHAB + common spaces) / ratio.
  const shabTotal = lots.reduce((s, l) => s.plus(l.shabM2), ZERO);
  model.commonSpacesM2 = (input.construction.common_spaces ?? []).reduce((s, c) => s.plus(D(c.area_m2)), ZERO);
  if (input.construction.sp_m2 !== undefined) {
    model.spM2 = D(input.construction.sp_m2);
  } else {
    const ratio = take(model, 'construction.shab_sp_ratio');
    model.shabSpRatio = ratio;
    model.spM2 = shabTotal.plus(model.commonSpacesM2).div(ratio);
  }
  if (model.spM2.lt(shabTotal.times(D('0.95')))) {
    ds.push(diag('SP_BELOW_SHAB', 'warning', ['construction', 'sp_m2'], { sp: model.spM2.toDecimalPlaces(0).toNumber(), shab: shabTotal.toDecimalPlaces(0).toNumber() }));
  }
  return { model, diagnostics: ds };
}

/**
 * Every default resolved once: a key that is a path of the file takes the file's value (or its
 * profile's) when given, else the default; a lot's default (`sale.…`, `psla.…`) is the default.
 */
export function resolveDefaults(input: OperationFile, profile?: ProfileSummary): Record<DefaultKey, ResolvedDefault> {
  const out = {} as Record<DefaultKey, ResolvedDefault>;
  for (const key of Object.keys(DEFAULTS) as DefaultKey[]) {
    const given = hasFilePath(key) ? atPath(input, key) : undefined;
    if (given === undefined || given === null) {
      const v = DEFAULTS[key].value as string;
      out[key] = { value: v === 'true' || v === 'false' ? v === 'true' : /^-?[0-9.]+$/.test(v) ? D(v) : v, from: { origin: 'default', key } };
    } else {
      out[key] = { value: typeof given === 'number' ? D(given) : given as boolean | string | Record<string, unknown>, from: inputProvenance(profile, key) };
    }
  }
  return out;
}

function atPath(input: OperationFile, path: string): unknown {
  let v: unknown = input;
  for (const seg of path.split('.')) {
    if (v === undefined || v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** The assumptions of the file (`assumptions:`) resolved against the parameters and defaults, once. */
function resolveAssumptions(input: OperationFile, params: Readonly<Record<string, ParamDef>>, overrides: Readonly<Record<string, ParamOverride>>, profile?: ProfileSummary): Pick<Model, 'livretA' | 'progressivity' | 'irlPath'> {
  const a = input.assumptions ?? {};
  // a value of `assumptions:` comes from the file, or from its management profile
  const file = (path: string): Provenance => inputProvenance(profile, path);
  const param = (key: string): Provenance => paramFrom(overrides, key);
  return {
    livretA: resolveLivretA(params, {
      ratePct: a.livret_a_pct !== undefined ? D(a.livret_a_pct) : undefined, ratePath: 'assumptions.livret_a_pct',
      pathPct: a.livret_a_path_pct?.map((v) => D(v)), pathPath: 'assumptions.livret_a_path_pct',
    }, overrides, file),
    progressivity: a.progressivity_pct !== undefined
      ? { value: pct(a.progressivity_pct), from: file('assumptions.progressivity_pct') }
      : { value: pct(scalar(params, 'loan.default.progressivity_pct')), from: param('loan.default.progressivity_pct') },
    irlPath: a.irl_path_pct
      ? { value: a.irl_path_pct.map((v) => pct(v)), from: file('assumptions.irl_path_pct') }
      : a.irl_pct !== undefined
        ? { value: [pct(a.irl_pct)], from: file('assumptions.irl_pct') }
        : { value: [pct(D(DEFAULTS['assumptions.irl_pct'].value))], from: { origin: 'default', key: 'assumptions.irl_pct' } },
  };
}
