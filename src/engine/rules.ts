/**
 * Cross-field rules of the operation file that a schema cannot say (duplicate lot ids, unknown
 * lots in scopes, "exactly one way to say an amount", sections that do not fit a tenure).
 */
import { clipText, diag, type Diagnostic } from '../domain/diagnostic';
import { suggest } from '../domain/suggest';
import { TENURE_TABLE } from '../domain/tenures';
import { getParamYear, listParamYears, nearestParamYear } from '../params/index';
import { paramBound } from '../params/bounds';
import { MAX_DIAGNOSTICS, parseDataPath, setIn, setPathProblem } from '../load/load';
import { BT01 } from '../params/indices';
import { isCalendarDate, isCalendarMonth } from '../schema/primitives';
import { VAT_LINE_CONCEPTS } from './vat-lines';

/** How far past its last published month the BT01 index is projected (indices.ts): beyond, a date is INDEX_AFTER_SERIES. */
export const BT01_MAX_PROJECTION_YEARS = 10;

type Obj = Record<string, unknown>;
/** "Did you mean", skipped for words no one types (the raw data has no length limit; the edit distance is quadratic). */
const suggestShort = (word: string, candidates: readonly string[]): string | undefined =>
  word.length <= 100 ? suggest(word, candidates.filter((c) => c.length <= 100)) : undefined;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): [Obj, number][] => (Array.isArray(v) ? v.map((x, i) => [x, i] as [unknown, number]).filter((p): p is [Obj, number] => isObj(p[0])) : []);
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;

/**
 * The cross-field error rules that need no validated values, read defensively: any value of any
 * type may be anywhere, so each rule looks only at what has the right shape and stays silent
 * otherwise. The same code serves a file that failed the schema (pipeline.ts: all its errors at
 * once) and a valid one (buildModel). Left to the model, because they need values the schema has
 * vouched for: LOAN_TERMS_MISSING, LOAN_DEFERRAL_TOO_LONG, COST_LINE_WITHOUT_LOT, the BT01 dates,
 * TA_REGION_OUTSIDE_IDF and the parameter WRONG_TYPE (list vs number) check.
 */
export function crossFieldErrors(data: unknown): Diagnostic[] {
  const ds: Diagnostic[] = [];
  if (!isObj(data)) return ds;
  const op = isObj(data.operation) ? data.operation : {};
  const land = isObj(data.land) ? data.land : undefined;
  const construction = isObj(data.construction) ? data.construction : undefined;
  const financing = isObj(data.financing) ? data.financing : {};
  const lots = objects(data.lots);

  // UNKNOWN_PARAMETER: the parameter keys of the year asked (or the nearest, or the latest).
  if (isObj(data.parameters)) {
    const years = listParamYears();
    const y = typeof op.parameters_year === 'number' && Number.isInteger(op.parameters_year) ? nearestParamYear(op.parameters_year) : years[years.length - 1]!;
    const known = Object.keys(getParamYear(y)?.params ?? {});
    let unknown = 0;
    for (const [key, value] of Object.entries(data.parameters)) {
      if (!known.includes(key)) {
        if (++unknown > MAX_DIAGNOSTICS + 1) continue; // bounded work on a file of junk keys (runText caps what is shown)
        const s = unknown <= 20 ? suggestShort(key, known) : undefined;
        ds.push(diag('UNKNOWN_PARAMETER', 'error', ['parameters', key], { key: clipText(key), ...(s ? { suggestion: s } : {}) }));
        continue;
      }
      ds.push(...paramBoundErrors(key, value));
    }
  }

  // DUPLICATE_LOT_ID; UNKNOWN_LOT only when every lot has a textual id (else the list of ids is unknown).
  const seen = new Map<string, number>();
  let allIds = Array.isArray(data.lots) && lots.length === data.lots.length;
  for (const [l, index] of lots) {
    if (typeof l.id !== 'string') { allIds = false; continue; }
    if (seen.has(l.id)) ds.push(diag('DUPLICATE_LOT_ID', 'error', ['lots', index, 'id'], { id: l.id, first: seen.get(l.id)! }));
    seen.set(l.id, index);
  }
  if (allIds) {
    const checkScope = (scope: Obj, path: (string | number)[]) => {
      if (!Array.isArray(scope.lots)) return;
      scope.lots.forEach((id: unknown, k: number) => {
        if (typeof id !== 'string' || seen.has(id)) return;
        const s = suggestShort(id, [...seen.keys()]);
        ds.push(diag('UNKNOWN_LOT', 'error', [...path, 'lots', k], { id, ...(s ? { suggestion: s } : {}) }));
      });
    };
    for (const [s, i] of objects(data.subsidies)) checkScope(s, ['subsidies', i]);
    for (const [s, i] of objects(financing.equity)) checkScope(s, ['financing', 'equity', i]);
    for (const [s, i] of objects(financing.equity_advances)) checkScope(s, ['financing', 'equity_advances', i]);
    for (const [s, i] of objects(financing.loans)) checkScope(s, ['financing', 'loans', i]);
    if (land) for (const [s, i] of objects(land.other)) checkScope(s, ['land', 'other', i]);
    if (construction) for (const [s, i] of objects(construction.other)) checkScope(s, ['construction', 'other', i]);
  }

  // CONFLICTING_KEYS / MISSING_ONE_OF: exactly one way to say each amount.
  const exactlyOne = (obj: Obj, keys: string[], path: (string | number)[], required: boolean) => {
    const present = keys.filter((k) => has(obj, k));
    if (present.length > 1) ds.push(diag('CONFLICTING_KEYS', 'error', [...path, present[1]!], { keys: present }));
    else if (present.length === 0 && required) ds.push(diag('MISSING_ONE_OF', 'error', path, { keys }));
  };
  const LINE_AMOUNT = ['amount_eur', 'pct_of_works', 'eur_per_m2_shab', 'eur_per_dwelling'];
  if (land) {
    exactlyOne(land, ['price_eur_per_m2_sp', 'price_eur_per_m2_shab', 'price_eur'], ['land'], true);
    exactlyOne(land, ['acquisition_fees_pct', 'acquisition_fees_eur'], ['land'], false);
    for (const [l, i] of objects(land.other)) exactlyOne(l, LINE_AMOUNT, ['land', 'other', i], true);
  }
  if (construction) {
    exactlyOne(construction, ['shab_sp_ratio', 'sp_m2'], ['construction'], false);
    exactlyOne(construction, ['prefinancing_interest_eur', 'prefinancing'], ['construction'], false);
    exactlyOne(construction, ['price_revision', 'price_revision_bt01'], ['construction'], false);
    for (const [l, i] of objects(construction.other)) exactlyOne(l, LINE_AMOUNT, ['construction', 'other', i], true);
    // VAT_LINE_UNKNOWN: a key of `vat_by_line_pct` that is no concept of a cost line (src/engine/vat-lines.ts).
    if (isObj(construction.vat_by_line_pct)) {
      let unknown = 0;
      for (const key of Object.keys(construction.vat_by_line_pct)) {
        if ((VAT_LINE_CONCEPTS as readonly string[]).includes(key)) continue;
        if (++unknown > MAX_DIAGNOSTICS + 1) continue;
        const s = unknown <= 20 ? suggestShort(key, VAT_LINE_CONCEPTS) : undefined;
        ds.push(diag('VAT_LINE_UNKNOWN', 'error', ['construction', 'vat_by_line_pct', key], { key: clipText(key), ...(s ? { suggestion: s } : {}), allowed: [...VAT_LINE_CONCEPTS] }));
      }
    }
  }
  if (isObj(data.assumptions)) {
    exactlyOne(data.assumptions, ['irl_pct', 'irl_path_pct'], ['assumptions'], false);
    exactlyOne(data.assumptions, ['major_maintenance_eur_per_dwelling', 'major_maintenance_pct_of_cost'], ['assumptions'], false);
    exactlyOne(data.assumptions, ['constant_euros_index_pct', 'constant_euros_index_path_pct'], ['assumptions'], false);
  }
  for (const [s, i] of objects(data.subsidies)) exactlyOne(s, ['amount_eur', 'eur_per_dwelling', 'eur_per_m2_su'], ['subsidies', i], true);
  for (const [s, i] of objects(financing.equity)) exactlyOne(s, ['amount_eur', 'pct_of_cost', 'eur_per_dwelling'], ['financing', 'equity', i], true);
  for (const [s, i] of objects(financing.equity_advances)) exactlyOne(s, ['amount_eur', 'pct_of_cost'], ['financing', 'equity_advances', i], true);
  for (const [s, i] of objects(financing.loans)) {
    exactlyOne(s, ['amount_eur', 'eur_per_dwelling'], ['financing', 'loans', i], true);
    exactlyOne(s, ['margin_pct', 'rate_pct'], ['financing', 'loans', i], false);
  }

  // Dates that must follow each other (only dates the schema accepts: real days of the calendar).
  if (construction && isObj(construction.prefinancing)) {
    const pf = construction.prefinancing;
    if (typeof pf.end_date === 'string' && isCalendarDate(pf.end_date)) {
      // DATES_OUT_OF_ORDER at the end date, against the latest draw after it
      let latest: string | undefined;
      for (const [d] of objects(pf.draws)) if (typeof d.date === 'string' && isCalendarDate(d.date) && d.date > pf.end_date && (latest === undefined || d.date > latest)) latest = d.date;
      if (latest !== undefined) ds.push(diag('DATES_OUT_OF_ORDER', 'error', ['construction', 'prefinancing', 'end_date'], { before: latest, after: pf.end_date, rule: 'prefinancing' }));
    }
  }
  if (construction && isObj(construction.price_revision_bt01)) {
    // INDEX_AFTER_SERIES: the BT01 is projected from its last published month for at most BT01_MAX_PROJECTION_YEARS
    const bt = construction.price_revision_bt01;
    const last = BT01[BT01.length - 1]![0];
    const horizon = `${Number(last.slice(0, 4)) + BT01_MAX_PROJECTION_YEARS}${last.slice(4)}`;
    for (const key of ['price_date', 'midpoint_date']) {
      const v = bt[key];
      if (typeof v === 'string' && isCalendarMonth(v) && v > horizon) ds.push(diag('INDEX_AFTER_SERIES', 'error', ['construction', 'price_revision_bt01', key], { index: 'BT01', date: v, last, horizon }));
    }
  }

  // risk: one distribution per input (normal or triangular), a triangular one in order (RISK_DISTRIBUTION)
  if (isObj(data.risk)) {
    const risk = data.risk;
    const dist = (key: string) => (isObj(risk[key]) ? risk[key] : {});
    if (isObj(risk.construction_cost_pct)) exactlyOne(dist('construction_cost_pct'), ['normal', 'triangular'], ['risk', 'construction_cost_pct'], true);
    if (isObj(risk.irl_pct)) exactlyOne(dist('irl_pct'), ['normal', 'triangular'], ['risk', 'irl_pct'], true);
    if (isObj(risk.charges_indexation_pct)) exactlyOne(dist('charges_indexation_pct'), ['normal', 'triangular'], ['risk', 'charges_indexation_pct'], true);
    if (isObj(risk.vacancy_pct)) exactlyOne(dist('vacancy_pct'), ['normal', 'triangular'], ['risk', 'vacancy_pct'], true);
    if (isObj(risk.sale_prices_pct)) exactlyOne(dist('sale_prices_pct'), ['normal', 'triangular'], ['risk', 'sale_prices_pct'], true);
    if (isObj(risk.works_delay_months)) exactlyOne(dist('works_delay_months'), ['normal', 'triangular'], ['risk', 'works_delay_months'], true);
    for (const key of ['construction_cost_pct', 'irl_pct', 'charges_indexation_pct', 'vacancy_pct', 'sale_prices_pct', 'works_delay_months']) {
      const d = risk[key];
      if (!isObj(d)) continue;
      const tri = d.triangular;
      if (!Array.isArray(tri) || tri.length !== 3 || !tri.every((v) => typeof v === 'number')) continue;
      const [min, mode, max] = tri as [number, number, number];
      if (!(min <= mode && mode <= max)) ds.push(diag('RISK_DISTRIBUTION', 'error', ['risk', key, 'triangular'], { key, min, mode, max }));
    }
  }

  // Variant paths that the schema's pattern admits but that point past a list (`lots[100000000].x`): refused
  // here, before `compare` would build a sparse list of that length.
  for (const [v, i] of objects(data.variants)) {
    if (!isObj(v.set)) continue;
    let applied: unknown = data; // the variant's paths apply in order: an item appended may be followed by the next one
    for (const [key, value] of Object.entries(v.set)) {
      const path = parseDataPath(key);
      const bad = path ? setPathProblem(applied, path) : undefined;
      if (path && !bad) applied = setIn(applied, path, value, true);
      if (bad?.reason === 'index') ds.push(diag('VARIANT_INVALID', 'error', ['variants', i, 'set', key], { variant: typeof v.name === 'string' ? v.name : String(i), path: key, detail: `index > ${bad.max ?? 0}`, max: bad.max ?? 0 }));
    }
  }

  // Owners (docs/owners.md): UNKNOWN_OWNER for a reference to an owner not declared, only when every
  // owner has a textual id; VEFA_SELLER_IS_BUYER; OWNER_MISSING for a lot without owner once owners are declared.
  const owners = objects(data.owners);
  const ownerIds = new Map<string, number>();
  let allOwnerIds = !Array.isArray(data.owners) || owners.length === data.owners.length;
  for (const [o, i] of owners) {
    if (typeof o.id !== 'string') { allOwnerIds = false; continue; }
    if (ownerIds.has(o.id)) ds.push(diag('DUPLICATE_OWNER_ID', 'error', ['owners', i, 'id'], { id: o.id, first: ownerIds.get(o.id)! }));
    ownerIds.set(o.id, i);
  }
  const declared = Array.isArray(data.owners);
  const checkOwner = (id: unknown, path: (string | number)[]) => {
    if (typeof id !== 'string' || !allOwnerIds || ownerIds.has(id)) return;
    const s = suggestShort(id, [...ownerIds.keys()]);
    ds.push(diag('UNKNOWN_OWNER', 'error', path, { id, declared, ...(s ? { suggestion: s } : {}) }));
  };
  for (const [l, i] of lots) {
    if (has(l, 'owner')) checkOwner(l.owner, ['lots', i, 'owner']);
    else if (declared && allOwnerIds && typeof l.id === 'string') ds.push(diag('OWNER_MISSING', 'error', ['lots', i], { lot: l.id }));
    if (isObj(l.brs) && has(l.brs, 'ofs')) checkOwner(l.brs.ofs, ['lots', i, 'brs', 'ofs']);
    if (isObj(l.vefa)) {
      exactlyOne(l.vefa, ['price_eur_per_m2_shab_ht', 'price_eur_per_m2_shab_ttc', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc', 'total_eur_ht', 'total_eur_ttc'], ['lots', i, 'vefa'], true);
      checkOwner(l.vefa.seller, ['lots', i, 'vefa', 'seller']);
      if (typeof l.vefa.seller === 'string' && l.vefa.seller === l.owner) ds.push(diag('VEFA_SELLER_IS_BUYER', 'error', ['lots', i, 'vefa', 'seller'], { lot: typeof l.id === 'string' ? l.id : String(i), owner: l.vefa.seller }));
    }
  }
  for (const [o, i] of owners) {
    for (const [p, k] of objects(o.partners)) checkOwner(p.owner, ['owners', i, 'partners', k, 'owner']);
    // PARTNER_SHARES: a pooling shares the whole result, no more, no less (to a millionth of a percent).
    const shares = objects(o.partners).map(([p]) => p.share_pct);
    if (shares.length > 0 && shares.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const total = (shares as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(total - 100) > 1e-6) ds.push(diag('PARTNER_SHARES', 'error', ['owners', i, 'partners'], { total: String(Math.round(total * 1e6) / 1e6) }));
    }
  }
  for (const [t, i] of objects(data.transfers)) {
    checkOwner(t.from, ['transfers', i, 'from']);
    checkOwner(t.to, ['transfers', i, 'to']);
    exactlyOne(t, ['amount_eur', 'share_of_margin_pct'], ['transfers', i], true);
  }

  // SECTION_NOT_FOR_TENURE, for lots whose tenure is one of the known tenures.
  const OWN: Record<string, string> = { psla: 'PSLA', brs: 'BRS', sciapp: 'SCIAPP', coop: 'coop' };
  for (const [l, i] of lots) {
    if (isObj(l.sale)) exactlyOne(l.sale, ['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc', 'price_eur_per_dwelling_ttc'], ['lots', i, 'sale'], false);
    if (isObj(l.sale)) exactlyOne(l.sale, ['market_price_eur_per_m2_shab', 'market_price_eur_per_m2_su'], ['lots', i, 'sale'], false);
    for (const [t, k] of objects(l.types)) exactlyOne(t, ['price_eur_ttc', 'price_eur_per_m2_shab_ttc'], ['lots', i, 'types', k], false);
    if (isObj(l.acquisition)) exactlyOne(l.acquisition, ['price_eur', 'price_eur_per_m2_shab'], ['lots', i, 'acquisition'], true);
    // A building bought twice: the whole operation's (`land.existing_building`) and the lot's own.
    if (has(l, 'acquisition') && land?.existing_building === true) ds.push(diag('CONFLICTING_KEYS', 'error', ['lots', i, 'acquisition'], { keys: ['land.existing_building', 'acquisition'] }));
    const info = typeof l.tenure === 'string' && Object.prototype.hasOwnProperty.call(TENURE_TABLE, l.tenure) ? TENURE_TABLE[l.tenure as keyof typeof TENURE_TABLE] : undefined;
    if (!info) continue;
    if (has(l, 'rent') && info.kind !== 'rental') ds.push(diag('SECTION_NOT_FOR_TENURE', 'error', ['lots', i, 'rent'], { section: 'rent', tenure: info.id }));
    if (has(l, 'sale') && info.kind !== 'sale') ds.push(diag('SECTION_NOT_FOR_TENURE', 'error', ['lots', i, 'sale'], { section: 'sale', tenure: info.id }));
    for (const [section, t] of Object.entries(OWN)) if (has(l, section) && info.id !== t) ds.push(diag('SECTION_NOT_FOR_TENURE', 'error', ['lots', i, section], { section, tenure: info.id }));
    // A logement-foyer or résidence sociale (PLAI, PLUS, PLS): FOYER_TENURE elsewhere; its redevance in one form, its rent said once (FOYER_REDEVANCE).
    if (has(l, 'foyer') && !info.foyer) ds.push(diag('FOYER_TENURE', 'error', ['lots', i, 'foyer'], { lot: typeof l.id === 'string' ? l.id : String(i), tenure: info.id }));
    else if (isObj(l.foyer)) ds.push(...foyerRedevanceErrors(l, i));
  }
  return ds;
}

/**
 * The redevance of a foyer lot, as the file says it (FOYER_REDEVANCE): each amount in one form
 * (per unit or per m² SU), no rent besides it (the redevance gives the lot's rent), and a charges
 * part below the redevance when both are in the same form (in different forms, buildModel
 * compares them on the lot's SU). The redevance itself is required (MISSING_ONE_OF).
 */
function foyerRedevanceErrors(l: Obj, i: number): Diagnostic[] {
  const ds: Diagnostic[] = [];
  const lot = typeof l.id === 'string' ? l.id : String(i);
  const f = l.foyer as Obj;
  const r = isObj(f.redevance) ? f.redevance : undefined;
  if (isObj(l.rent) && has(l.rent, 'rent_eur_per_m2_su_month')) ds.push(diag('FOYER_REDEVANCE', 'error', ['lots', i, 'rent', 'rent_eur_per_m2_su_month'], { lot, problem: 'rent' }));
  for (const [t, k] of objects(l.types)) if (has(t, 'rent_eur_per_month')) { ds.push(diag('FOYER_REDEVANCE', 'error', ['lots', i, 'types', k, 'rent_eur_per_month'], { lot, problem: 'rent' })); break; }
  if (!r) return ds;
  const both = (a: string, b: string) => has(r, a) && has(r, b);
  if (both('eur_per_unit_month', 'eur_per_m2_su_month')) ds.push(diag('FOYER_REDEVANCE', 'error', ['lots', i, 'foyer', 'redevance', 'eur_per_m2_su_month'], { lot, problem: 'both_forms' }));
  else if (!has(r, 'eur_per_unit_month') && !has(r, 'eur_per_m2_su_month')) ds.push(diag('MISSING_ONE_OF', 'error', ['lots', i, 'foyer', 'redevance'], { keys: ['eur_per_unit_month', 'eur_per_m2_su_month'] }));
  if (both('charges_eur_per_unit_month', 'charges_eur_per_m2_su_month')) ds.push(diag('FOYER_REDEVANCE', 'error', ['lots', i, 'foyer', 'redevance', 'charges_eur_per_m2_su_month'], { lot, problem: 'both_forms' }));
  for (const [whole, part] of [['eur_per_unit_month', 'charges_eur_per_unit_month'], ['eur_per_m2_su_month', 'charges_eur_per_m2_su_month']] as const) {
    const w = r[whole], c = r[part];
    if (typeof w === 'number' && typeof c === 'number' && c >= w) ds.push(diag('FOYER_REDEVANCE', 'error', ['lots', i, 'foyer', 'redevance', part], { lot, problem: 'charges', charges: c, redevance: w }));
  }
  return ds;
}

/**
 * A `parameters:` override outside its sanity range (params/bounds.ts): VALUE_OUT_OF_RANGE at the
 * key (or at the item of a list), a fractional count WRONG_TYPE, a list of the wrong length
 * LIST_TOO_SHORT / LIST_TOO_LONG. A list given for a scalar (or the reverse) is the model's WRONG_TYPE.
 */
export function paramBoundErrors(key: string, value: unknown): Diagnostic[] {
  const bound = paramBound(key);
  if (!bound) return [];
  const ds: Diagnostic[] = [];
  const one = (v: unknown, path: (string | number)[]) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    if (bound.integer && !Number.isInteger(v)) ds.push(diag('WRONG_TYPE', 'error', path, { expected: 'a whole number', found: 'number', value: String(v) }));
    else if (v < bound.min) ds.push(diag('VALUE_OUT_OF_RANGE', 'error', path, { value: String(v), bound: bound.min, side: 'min' }));
    else if (v > bound.max) ds.push(diag('VALUE_OUT_OF_RANGE', 'error', path, { value: String(v), bound: bound.max, side: 'max' }));
  };
  if (bound.maxItems !== undefined) {
    if (!Array.isArray(value)) return ds;
    if (value.length === 0) ds.push(diag('LIST_TOO_SHORT', 'error', ['parameters', key], { bound: 1 }));
    else if (value.length > bound.maxItems) ds.push(diag('LIST_TOO_LONG', 'error', ['parameters', key], { bound: bound.maxItems }));
    else value.forEach((v, i) => one(v, ['parameters', key, i]));
  } else one(value, ['parameters', key]);
  return ds;
}
