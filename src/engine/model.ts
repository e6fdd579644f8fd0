/**
 * build model: validated input + regulated parameters → an exact model (Decimals, units,
 * defaults applied and recorded). Cross-field rules that a schema cannot say live here, as
 * diagnostics with the path of the value concerned.
 */
import { diag, type Diagnostic } from '../domain/diagnostic';
import { D, ZERO, pct, type Dec } from '../domain/money';
import { tenureInfo, type TenureInfo } from '../domain/tenures';
import { getParamYear, listParamYears, nearestParamYear, productLine } from '../params/index';
import { crossFieldErrors } from './rules';
import type { ParamDef, ParamStatus } from '../params/types';
import { DEFAULTS, type DefaultKey } from '../schema/defaults';
import { BT01 } from '../params/indices';
import type { LotInput, OperationFile, Tenure, ZoneAbc, ZoneHlm } from '../schema/operation';
import { profileLabel, type ProfileSummary } from '../load/profile';

/** One assumption the evaluation relied on: a regulated parameter, a default, or a file override. */
export interface AssumptionUse {
  key: string;
  value: string;
  unit: string;
  label: string;
  source: string;
  status: ParamStatus;
  /** `file`: the operation file; `profile`: its management profile (named in `profile`). */
  origin: 'parameter' | 'default' | 'file' | 'profile';
  /** The profile the value comes from (« HER 2026 »), when `origin` is `profile`. */
  profile?: string;
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
  /** Assumptions used, by key, in order of first use. */
  used: Map<string, AssumptionUse>;
  /** The management profile the file names (src/load/profile.ts): its chain and each value's origin. */
  profile?: ProfileSummary;
}

/** A parameter's value given by the user (the operation file or its profile), not embedded. */
export function givenParam(def: Pick<ParamDef, 'source'>): boolean {
  return def.source.startsWith('fichier') || def.source.startsWith('profil ');
}
const paramOrigin = (def: Pick<ParamDef, 'source'>): AssumptionUse['origin'] => (def.source.startsWith('fichier') ? 'file' : def.source.startsWith('profil ') ? 'profile' : 'parameter');

const IDF_DEPARTMENTS = new Set(['75', '77', '78', '91', '92', '93', '94', '95']);

export function zoneKey(zone: string): string {
  return zone.toLowerCase().replace(' ', '_');
}

/** Read a parameter and record it as used. */
export function useParam(model: Pick<Model, 'params' | 'used'>, key: string): Dec {
  const def = model.params[key];
  if (def === undefined || typeof def.value !== 'string') throw new Error(`missing scalar parameter ${key}`);
  record(model.used, key, def, paramOrigin(def));
  return D(def.value);
}

/**
 * The Livret A at signing (LA₀) and its path (fractions, year 1 first; the last value holds):
 * the file's assumptions, else the parameters. A rate given without a path — in `assumptions` or
 * as an overridden `livret_a.rate_pct` — is held flat: the embedded path starts from the embedded
 * rate and would contradict it.
 */
export function livretA(model: Pick<Model, 'params' | 'used' | 'input'>, withPath = true): { la0: Dec; path: Dec[] } {
  const a = model.input.assumptions ?? {};
  const la0 = a.livret_a_pct !== undefined ? pct(a.livret_a_pct) : pct(useParam(model, 'livret_a.rate_pct'));
  // (the path is recorded as an assumption only when the caller uses it)
  if (!withPath) return { la0, path: [la0] };
  if (a.livret_a_path_pct) return { la0, path: a.livret_a_path_pct.map((v) => pct(v)) };
  const rateDef = model.params['livret_a.rate_pct'];
  const pathDef = model.params['livret_a.path_pct'];
  const rateFromFile = a.livret_a_pct !== undefined || (rateDef !== undefined && givenParam(rateDef));
  const pathFromFile = pathDef !== undefined && givenParam(pathDef);
  if (rateFromFile && !pathFromFile) return { la0, path: [la0] };
  return { la0, path: useParamPath(model, 'livret_a.path_pct').map((v) => pct(v)) };
}

/** Default progressivity of loan instalments: the file's assumption, else the parameter. */
export function loanProgressivity(model: Pick<Model, 'params' | 'used' | 'input'>): Dec {
  const a = model.input.assumptions ?? {};
  return a.progressivity_pct !== undefined ? pct(a.progressivity_pct) : pct(useParam(model, 'loan.default.progressivity_pct'));
}

/** The IRL path (fractions; the first value revalues year 2, the last holds): a list, or one yearly rate. */
export function irlPathOf(model: Pick<Model, 'used' | 'input'>): Dec[] {
  const a = model.input.assumptions ?? {};
  return a.irl_path_pct ? a.irl_path_pct.map((v) => pct(v)) : [pct(orDefault(model.used, 'assumptions.irl_pct', a.irl_pct))];
}

export function useParamPath(model: Pick<Model, 'params' | 'used'>, key: string): Dec[] {
  const def = model.params[key];
  if (def === undefined || typeof def.value === 'string') throw new Error(`missing list parameter ${key}`);
  record(model.used, key, def, paramOrigin(def));
  return def.value.map((v) => D(v));
}

/** Take `given` if the file has it, else the default (recorded as used). */
export function orDefault(used: Map<string, AssumptionUse>, key: DefaultKey, given: number | undefined): Dec {
  if (given !== undefined) return D(given);
  const def = DEFAULTS[key];
  record(used, key, def, 'default');
  return D(def.value);
}

/** Record a default that is not a number (e.g. "the longest loan") as used. */
export function noteDefault(used: Map<string, AssumptionUse>, key: DefaultKey): void {
  record(used, key, DEFAULTS[key], 'default');
}

export function defaultBool(used: Map<string, AssumptionUse>, key: DefaultKey, given: boolean | undefined): boolean {
  if (given !== undefined) return given;
  const def = DEFAULTS[key];
  record(used, key, def, 'default');
  return def.value === 'true';
}

function record(used: Map<string, AssumptionUse>, key: string, def: { value: string | readonly string[]; unit: string; label: string; source: string; status: ParamStatus; profile?: string }, origin: AssumptionUse['origin']): void {
  if (used.has(key)) return;
  const value = typeof def.value === 'string' ? def.value : def.value.join(' ; ');
  const profile = def.profile ?? (origin === 'profile' ? /^profil « (.*?) »/.exec(def.source)?.[1] : undefined);
  used.set(key, { key, value, unit: def.unit, label: def.label, source: def.source, status: def.status, origin, ...(profile !== undefined ? { profile } : {}) });
}

/** The words of the assumptions that have no default (src/schema/defaults.ts has the others'). */
export const ASSUMPTION_LABELS: Readonly<Record<string, string>> = {
  'assumptions.livret_a_pct': 'Taux du Livret A à la signature (LA₀)',
  'assumptions.livret_a_path_pct': 'Trajectoire du Livret A (an 1 = année de signature)',
  'assumptions.progressivity_pct': 'Progressivité des échéances des prêts CDC',
  'assumptions.irl_path_pct': 'Trajectoire de révision des loyers (IRL), à partir de la 2e année',
  'assumptions.major_maintenance_pct_of_cost': 'Gros entretien, en % du prix de revient',
  'assumptions.tfpb_eur_per_dwelling': 'TFPB après exonération, par logement et par an',
  'assumptions.tfpb_exemption_years': 'Durée d’exonération de TFPB',
};

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
 * With a management profile, every assumption of the operation's merged `assumptions` is shown
 * with its origin: the profile's values (`profile`, naming it), and the operation's own where the
 * profile also had one or where a profile is in use (`file`), so that the key-by-key override is seen.
 */
function recordProfileAssumptions(used: Map<string, AssumptionUse>, input: OperationFile, profile: ProfileSummary): void {
  for (const [key, value] of Object.entries(input.assumptions ?? {})) {
    if (value === undefined) continue;
    const path = `assumptions.${key}`;
    const i = profile.origins[path];
    const def = (DEFAULTS as Record<string, { unit: string; label: string } | undefined>)[path];
    const text = Array.isArray(value) ? value.map(String) : String(value);
    const p = i !== undefined ? profile.chain[i]! : undefined;
    record(used, path, {
      value: text, unit: def?.unit ?? unitOfKey(key), label: def?.label ?? ASSUMPTION_LABELS[path] ?? path, status: 'confirmed',
      source: p ? `profil « ${profileLabel(p)} » (assumptions.${key})` : `fichier (assumptions.${key})`,
      ...(p ? { profile: profileLabel(p) } : {}),
    }, p ? 'profile' : 'file');
  }
}

export interface BuildResult {
  model?: Model;
  diagnostics: Diagnostic[];
}

export function buildModel(input: OperationFile, file: string, profile?: ProfileSummary): BuildResult {
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
  for (const [key, value] of Object.entries(input.parameters ?? {})) {
    const base = params[key];
    if (!base) continue; // UNKNOWN_PARAMETER, above
    const isList = typeof base.value !== 'string';
    if (isList !== Array.isArray(value)) {
      ds.push(diag('WRONG_TYPE', 'error', ['parameters', key], { expected: isList ? 'a list of numbers' : 'a number', found: Array.isArray(value) ? 'list' : 'number', value: JSON.stringify(value) }));
      continue;
    }
    const embedded = `valeur embarquée ${typeof base.value === 'string' ? base.value : base.value.join(' ; ')}: ${base.source}`;
    const pi = profile?.origins[`parameters.${key}`];
    const p = pi !== undefined ? profile!.chain[pi]! : undefined;
    params[key] = p
      ? { ...base, label: `${base.label} — valeur du profil`, value: Array.isArray(value) ? value.map((v) => D(v).toString()) : D(value).toString(), source: `profil « ${profileLabel(p)} » (parameters.${key}); ${embedded}` }
      : { ...base, label: `${base.label} — valeur du fichier`, value: Array.isArray(value) ? value.map((v) => D(v).toString()) : D(value).toString(), source: `fichier (parameters.${key}); ${embedded}` };
  }

  // Lots: surfaces.
  const lots: LotModel[] = [];
  input.lots.forEach((l, index) => {
    const info = tenureInfo(l.tenure);
    const shab = D(l.shab_m2);
    const annexes = D(l.annexes_m2 ?? 0);
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
    const shabPerDwelling = shab.div(n);
    if (shabPerDwelling.lt(9) || shabPerDwelling.gt(400)) {
      ds.push(diag('IMPLAUSIBLE_DWELLING_SIZE', 'warning', ['lots', index, 'shab_m2'], { m2_per_dwelling: shabPerDwelling.toDecimalPlaces(1).toNumber(), lot: l.id }));
    }
    lots.push({
      index, id: l.id, label: l.label ?? l.id, tenure: l.tenure, info, dwellings: l.dwellings,
      shabM2: shab, annexesM2: annexes, garageM2: garage, suM2: su, suRegulatoryM2: suReg,
      costEurPerM2Shab: D(l.cost_eur_per_m2_shab ?? input.construction.cost_eur_per_m2_shab),
      vatRate: l.vat_pct !== undefined ? pct(l.vat_pct) : ZERO, // filled below from parameters
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
    if (s.revisability === 'fixed' && s.rate_pct === undefined) missing.push('rate_pct (taux fixe)');
    if (!product && s.duration_years === undefined) missing.push('duration_years');
    if (missing.length) { ds.push(diag('LOAN_TERMS_MISSING', 'error', ['financing', 'loans', i], { label: s.label, missing })); return; }
    const duration = s.duration_years ?? Number((params[`loan.${product}.${line}.duration_years`]?.value as string | undefined) ?? 0);
    if (s.deferral_years !== undefined && s.deferral_years >= duration) {
      ds.push(diag('LOAN_DEFERRAL_TOO_LONG', 'error', ['financing', 'loans', i, 'deferral_years'], { deferral: s.deferral_years, duration }));
    }
  });
  if (ds.some((d) => d.severity === 'error')) return { diagnostics: ds };

  const model: Model = {
    file, input, name: op.name,
    zoneAbc: op.zone_abc, zoneHlm: String(op.zone_hlm) as ZoneHlm,
    zoneAbcKey: zoneKey(op.zone_abc), zoneHlmKey: zoneKey(String(op.zone_hlm)),
    ileDeFrance: op.ile_de_france ?? (op.department !== undefined && IDF_DEPARTMENTS.has(op.department)),
    requestedYear, paramYear, vintage: set.vintage, params, lots,
    commonSpacesM2: ZERO, spM2: ZERO, shabSpRatio: null, used, ...(profile ? { profile } : {}),
  };
  for (const lot of lots) {
    if (lot.input.vat_pct === undefined) lot.vatRate = pct(useParam(model, `vat.${lot.info.key}_pct`));
  }

  // Surface de plancher: given, or (SHAB + common spaces) / ratio.
  const shabTotal = lots.reduce((s, l) => s.plus(l.shabM2), ZERO);
  model.commonSpacesM2 = (input.construction.common_spaces ?? []).reduce((s, c) => s.plus(D(c.area_m2)), ZERO);
  if (input.construction.sp_m2 !== undefined) {
    model.spM2 = D(input.construction.sp_m2);
  } else {
    const ratio = orDefault(used, 'construction.shab_sp_ratio', input.construction.shab_sp_ratio);
    model.shabSpRatio = ratio;
    model.spM2 = shabTotal.plus(model.commonSpacesM2).div(ratio);
  }
  if (model.spM2.lt(shabTotal.times(D('0.95')))) {
    ds.push(diag('SP_BELOW_SHAB', 'warning', ['construction', 'sp_m2'], { sp: model.spM2.toDecimalPlaces(0).toNumber(), shab: shabTotal.toDecimalPlaces(0).toNumber() }));
  }
  return { model, diagnostics: ds };
}

