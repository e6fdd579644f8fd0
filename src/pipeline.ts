/**
 * The whole pipeline for one file's text, pure: parse → validate → build model → evaluate.
 * Every diagnostic comes back with its file and, where it has a path, its line and column.
 */
import type { Diagnostic } from './domain/diagnostic';
import { diag, hasErrors } from './domain/diagnostic';
import { suggest } from './domain/suggest';
import { TENURE_TABLE } from './domain/tenures';
import { loadText, spanOf, type LoadResult, type SourceDoc } from './load/load';
import { buildModel, type Model } from './engine/model';
import { evaluate, type Evaluation } from './engine/evaluate';
import { getParamYear, listParamYears, nearestParamYear } from './params/index';

export interface Override {
  path: (string | number)[];
  value: unknown;
}

export interface PipelineResult {
  load: LoadResult;
  model?: Model;
  evaluation?: Evaluation;
  diagnostics: Diagnostic[];
  /** False when the file could not be evaluated (exit 2). */
  evaluated: boolean;
}

/** Diagnostics about a key rather than its value: the caret goes under the key. */
const ABOUT_THE_KEY = new Set(['UNKNOWN_PARAMETER', 'CONFLICTING_KEYS']);

/** Give a diagnostic its file and, if it has none, the span of its path. */
export function locate(source: SourceDoc, file: string, d: Diagnostic): Diagnostic {
  const span = d.span ?? spanOf(source, d.path, { at: ABOUT_THE_KEY.has(d.code) ? 'key' : 'auto' });
  return { ...d, file, ...(span ? { span } : {}) };
}

export function runText(file: string, text: string, overrides: readonly Override[] = []): PipelineResult {
  const load = loadText(file, text, overrides);
  if (!load.input) {
    // "All errors of a file at once": the schema failed, but the cross-field rules that can be
    // read safely on the raw data still run, so that fixing the schema errors does not reveal a
    // second wave of errors.
    if (load.data === undefined) return { load, diagnostics: load.diagnostics, evaluated: false };
    const seen = new Set(load.diagnostics.map((d) => `${d.code} ${d.path.join('.')}`));
    const cross = rawCrossFieldErrors(load.data).filter((d) => !seen.has(`${d.code} ${d.path.join('.')}`)).map((d) => locate(load.source, file, d));
    const diagnostics = [...load.diagnostics, ...cross].sort((a, b) => (a.span?.line ?? 0) - (b.span?.line ?? 0) || (a.span?.col ?? 0) - (b.span?.col ?? 0));
    return { load: { ...load, diagnostics }, diagnostics, evaluated: false };
  }
  const built = buildModel(load.input, file);
  const buildDiags = built.diagnostics.map((d) => locate(load.source, file, d));
  if (!built.model || hasErrors(buildDiags)) return { load, diagnostics: [...load.diagnostics, ...buildDiags], evaluated: false };
  const evaluation = evaluate(built.model);
  const diagnostics = [...load.diagnostics, ...buildDiags, ...evaluation.diagnostics.map((d) => locate(load.source, file, d))];
  evaluation.diagnostics = diagnostics;
  return { load, model: built.model, evaluation, diagnostics, evaluated: true };
}

type Obj = Record<string, unknown>;
/** "Did you mean", skipped for words no one types (the raw data has no length limit; the edit distance is quadratic). */
const suggestShort = (word: string, candidates: readonly string[]): string | undefined =>
  word.length <= 100 ? suggest(word, candidates.filter((c) => c.length <= 100)) : undefined;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): [Obj, number][] => (Array.isArray(v) ? v.map((x, i) => [x, i] as [unknown, number]).filter((p): p is [Obj, number] => isObj(p[0])) : []);
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;

/**
 * The error rules of `buildModel` (src/engine/model.ts) that do not need valid data, read
 * defensively on the raw data of a file that failed the schema: any value of any type may be
 * anywhere, so each rule looks only at what has the right shape and stays silent otherwise.
 * Same codes, paths and args as the model (test/diagnostics.test.ts compares them on the
 * reproducers). Left to the model, because they need values the schema has not vouched for:
 * LOAN_DEFERRAL_TOO_LONG when the duration comes from the product's parameters, and the
 * parameter WRONG_TYPE (list vs number) check.
 */
export function rawCrossFieldErrors(data: unknown): Diagnostic[] {
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
    for (const key of Object.keys(data.parameters)) {
      if (known.includes(key)) continue;
      const s = ++unknown <= 20 ? suggestShort(key, known) : undefined; // bounded work on a file of junk keys
      ds.push(diag('UNKNOWN_PARAMETER', 'error', ['parameters', key], { key, ...(s ? { suggestion: s } : {}) }));
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
    for (const [l, i] of objects(construction.other)) exactlyOne(l, LINE_AMOUNT, ['construction', 'other', i], true);
  }
  for (const [s, i] of objects(data.subsidies)) exactlyOne(s, ['amount_eur', 'eur_per_dwelling', 'eur_per_m2_su'], ['subsidies', i], true);
  for (const [s, i] of objects(financing.equity)) exactlyOne(s, ['amount_eur', 'pct_of_cost', 'eur_per_dwelling'], ['financing', 'equity', i], true);
  for (const [s, i] of objects(financing.loans)) {
    exactlyOne(s, ['amount_eur', 'eur_per_dwelling'], ['financing', 'loans', i], true);
    exactlyOne(s, ['margin_pct', 'rate_pct'], ['financing', 'loans', i], false);
  }

  // SECTION_NOT_FOR_TENURE, for lots whose tenure is one of the known tenures.
  const OWN: Record<string, string> = { psla: 'PSLA', brs: 'BRS', sciapp: 'SCIAPP', coop: 'coop' };
  for (const [l, i] of lots) {
    if (isObj(l.sale)) exactlyOne(l.sale, ['price_eur_per_m2_shab_ttc', 'price_eur_per_m2_shab_ht', 'price_eur_per_m2_su_ht', 'price_eur_per_m2_su_ttc'], ['lots', i, 'sale'], false);
    const info = typeof l.tenure === 'string' && Object.prototype.hasOwnProperty.call(TENURE_TABLE, l.tenure) ? TENURE_TABLE[l.tenure as keyof typeof TENURE_TABLE] : undefined;
    if (!info) continue;
    if (has(l, 'rent') && info.kind !== 'rental') ds.push(diag('SECTION_NOT_FOR_TENURE', 'error', ['lots', i, 'rent'], { section: 'rent', tenure: info.id }));
    if (has(l, 'sale') && info.kind !== 'sale') ds.push(diag('SECTION_NOT_FOR_TENURE', 'error', ['lots', i, 'sale'], { section: 'sale', tenure: info.id }));
    for (const [section, t] of Object.entries(OWN)) if (has(l, section) && info.id !== t) ds.push(diag('SECTION_NOT_FOR_TENURE', 'error', ['lots', i, section], { section, tenure: info.id }));
  }
  return ds;
}
