/**
 * The management profile of an operation file (`profile: profils/mon-bailleur-2026.yaml`, relative
 * to the file naming it): read it and its base profiles (a chain), validate each one, and merge their
 * `assumptions` and `parameters` under the operation's, key by key (the operation file wins, a
 * profile wins over its base). Each value taken from a profile keeps its origin (which profile), for
 * the Hypothèses section and the JSON; each problem of a profile points at the profile file.
 *
 * Reading a profile follows the input hardening of the operation file: a regular file (not a
 * folder, a FIFO or a device), at most MAX_FILE_BYTES, the same hardened YAML (yaml.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diag, type ArgValue, type Diagnostic } from '../domain/diagnostic';
import { PROFILE_KEYS, profileFile } from '../schema/profile';
import { ONE_OF_GROUPS } from '../schema/keys';
import { flattenIssues, issueToDiagnostic } from './issues';
import { readCapped } from './read';
import { spanOf, type SourceDoc } from './spans';
import { MAX_FILE_BYTES, parseYaml } from './yaml';

/** Reads a profile file: its text, or why it cannot be read (`code`: ENOENT, E2BIG, ENOTREG…). */
export type ProfileReader = (file: string) => { text: string } | { error: string; code?: string };

/** One profile of the chain, as the report shows it. */
export interface ProfileRef {
  name: string;
  vintage?: string;
  /** The path as resolved from the file naming it (relative to the operation file's folder when that was relative). */
  file: string;
}

/** The facts the model and the report need: the chain and the origin of each value taken from it. */
export interface ProfileSummary {
  /** The profile named by the operation file first, then its base, and so on. */
  chain: ProfileRef[];
  /** `assumptions.irl_pct`, `parameters.livret_a.rate_pct` → the index in `chain` of the profile it comes from. */
  origins: Record<string, number>;
}

export interface ResolvedProfile extends ProfileSummary {
  sources: SourceDoc[];
}

/** The profile's label in the output: « HER 2026 » (its name, then its vintage unless the name ends with it). */
export function profileLabel(p: Pick<ProfileRef, 'name' | 'vintage'>): string {
  return p.vintage === undefined || p.name.endsWith(p.vintage) ? p.name : `${p.name} ${p.vintage}`;
}

/** The default reader: a regular file, capped (load/read.ts); the text decoded as UTF-8 (parseYaml refuses invalid bytes). */
export function readProfileFile(file: string): { text: string } | { error: string; code?: string } {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { error: 'not a regular file', code: st.isDirectory() ? 'EISDIR' : 'ENOTREG' };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.message, ...(err.code ? { code: err.code } : {}) };
  }
  const r = readCapped(file, MAX_FILE_BYTES);
  if (!('bytes' in r)) return r;
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(r.bytes) };
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A file's identity, to find a profile that includes itself (through a link or `./`). */
function identity(file: string): string {
  try { return fs.realpathSync(file); } catch { return path.resolve(file); }
}

/** The keys of `layer` replace the keys of `acc`; a key of an « at most one of » group drops its siblings (irl_pct / irl_path_pct). */
function overlay(acc: Record<string, unknown>, layer: Record<string, unknown>, section: 'assumptions' | 'parameters'): Record<string, unknown> {
  const out = { ...acc };
  for (const k of Object.keys(layer)) {
    if (section === 'assumptions') for (const g of ONE_OF_GROUPS) if (g.at === 'assumptions' && g.keys.includes(k)) for (const s of g.keys) if (s !== k) delete out[s];
    // the account line by line: merged down to a line's attribute (lists replaced whole)
    if (section === 'assumptions' && k === 'lines' && isObj(layer.lines)) { out.lines = mergeLines(isObj(out.lines) ? out.lines : {}, layer.lines, out, layer); continue; }
    if (section === 'assumptions') dropLineOfShorthand(out, k);
    out[k] = layer[k];
  }
  return out;
}

/** The attributes of a line that are one « form » (a line's amount, its indexation): a layer's form replaces the one below. */
const LINE_FORMS: readonly (readonly string[])[] = [
  ['eur_per_dwelling', 'eur_per_m2_su', 'eur_per_m2_shab', 'eur_per_year', 'pct_of_rents', 'pct_of_cost', 'plan'],
  ['indexation_pct', 'indexation_path_pct'],
];
/** Each shorthand of `assumptions` and the line attributes it stands for (src/engine/lines-check.ts SHORTHANDS). */
const SHORTHAND_OF: Record<string, [string, readonly string[]]> = {
  irl_pct: ['rents', LINE_FORMS[1]!], irl_path_pct: ['rents', LINE_FORMS[1]!], vacancy_pct: ['vacancy', ['pct_of_rents']], bad_debt_pct: ['bad_debt', ['pct_of_rents']],
  management_eur_per_dwelling: ['management', LINE_FORMS[0]!], maintenance_eur_per_dwelling: ['maintenance', LINE_FORMS[0]!], maintenance_from_year: ['maintenance', ['from_year', 'plan']],
  major_maintenance_eur_per_dwelling: ['major_maintenance', LINE_FORMS[0]!], major_maintenance_pct_of_cost: ['major_maintenance', LINE_FORMS[0]!], major_maintenance_from_year: ['major_maintenance', ['from_year', 'plan']],
  tfpb_eur_per_dwelling: ['tfpb', LINE_FORMS[0]!], insurance_eur_per_dwelling: ['insurance', LINE_FORMS[0]!], cglls_pct: ['cglls', ['pct_of_rents']], ancols_pct: ['ancols', ['pct_of_rents']],
};

/** A shorthand given by a higher layer drops the same attribute of its line below it. */
function dropLineOfShorthand(out: Record<string, unknown>, k: string): void {
  const s = SHORTHAND_OF[k];
  if (!s || !isObj(out.lines) || !isObj(out.lines[s[0]])) return;
  const line = { ...(out.lines[s[0]] as Record<string, unknown>) };
  for (const a of s[1]) delete line[a];
  out.lines = { ...out.lines, [s[0]]: line };
}

/** `lines` of a layer over those below: line by line, attribute by attribute (objects merged, lists replaced); a line's attribute drops its shorthand below. */
function mergeLines(acc: Record<string, unknown>, layer: Record<string, unknown>, section: Record<string, unknown>, layerSection: Record<string, unknown>): Record<string, unknown> {
  const out = { ...acc };
  for (const [id, l] of Object.entries(layer)) {
    const below = out[id];
    if (!isObj(l) || !isObj(below)) { out[id] = l; continue; }
    const line = { ...below };
    for (const [a, v] of Object.entries(l)) {
      for (const f of LINE_FORMS) if (f.includes(a)) for (const o of f) if (o !== a) delete line[o];
      line[a] = isObj(v) && isObj(line[a]) ? { ...line[a], ...v } : v;
    }
    out[id] = line;
  }
  for (const [short, [id, attrs]] of Object.entries(SHORTHAND_OF)) {
    const l = layer[id];
    if (isObj(l) && attrs.some((a) => a in l) && !(short in layerSection)) delete section[short];
  }
  return out;
}

/** The attributes of the lines of a layer, as origin keys (`lines.management.eur_per_dwelling`). */
function lineKeys(lines: unknown): string[] {
  if (!isObj(lines)) return [];
  return Object.entries(lines).flatMap(([id, l]) => (isObj(l) ? Object.keys(l).map((a) => `lines.${id}.${a}`) : [`lines.${id}`]));
}

/** Whether the dotted key (`lines.management.eur_per_dwelling`) is in the object. */
function hasDeep(o: Record<string, unknown> | undefined, key: string): boolean {
  let x: unknown = o;
  for (const seg of key.split('.')) { if (!isObj(x) || !(seg in x)) return false; x = x[seg]; }
  return true;
}

export interface ProfileResult {
  /** The operation's data with the profiles' values merged in (unchanged without a profile). */
  data: unknown;
  profile?: ResolvedProfile;
  diagnostics: Diagnostic[];
}

/**
 * Resolve the `profile:` of an operation file's data. Problems: PROFILE_NOT_READABLE and
 * PROFILE_CYCLE at the `profile:` that names the file, PROFILE_KEY_NOT_ALLOWED and the schema's
 * own codes inside the profile, each with the profile's file, line and column.
 */
export function resolveProfile(file: string, data: unknown, source: SourceDoc, read: ProfileReader = readProfileFile): ProfileResult {
  if (!isObj(data) || typeof data.profile !== 'string' || data.profile === '') return { data, diagnostics: [] };
  const chain: ProfileRef[] = [];
  const sources: SourceDoc[] = [];
  const layers: { assumptions: Record<string, unknown>; parameters: Record<string, unknown> }[] = [];
  const seen = [identity(file)];
  const ds: Diagnostic[] = [];
  const at = (src: SourceDoc, p: (string | number)[], d: Diagnostic, key = false): Diagnostic => {
    const span = spanOf(src, p, key ? { at: 'key' } : {});
    return { ...d, file: src.file, ...(span ? { span } : {}), ...(src.file !== file ? { sourceText: src.text } : {}) };
  };
  let from: SourceDoc = source;
  let ref: string = data.profile;
  for (;;) {
    const target = path.isAbsolute(ref) ? ref : path.join(path.dirname(from.file), ref);
    const id = identity(target);
    if (seen.includes(id)) {
      const names = [path.basename(file), ...chain.map((c) => path.basename(c.file)), path.basename(target)];
      ds.push(at(from, ['profile'], diag('PROFILE_CYCLE', 'error', ['profile'], { profile: ref, chain: names })));
      break;
    }
    seen.push(id);
    const r = read(target);
    if ('error' in r) {
      const args: Record<string, ArgValue> = { profile: ref, file: target, reason: r.code ?? 'UNKNOWN' };
      if (r.code === 'E2BIG') args.max_mb = MAX_FILE_BYTES / 1024 / 1024;
      ds.push(at(from, ['profile'], diag('PROFILE_NOT_READABLE', 'error', ['profile'], args)));
      break;
    }
    const y = parseYaml(target, r.text);
    if (y.data === undefined || y.diagnostics.some((d) => d.severity === 'error')) {
      ds.push(...y.diagnostics.map((d) => ({ ...d, file: target, sourceText: r.text })));
      if (y.data === undefined) break;
    }
    const src = y.source;
    const pdata = y.data;
    if (!isObj(pdata)) {
      ds.push(at(src, [], diag('WRONG_TYPE', 'error', [], { expected: 'a mapping (name:, vintage:, assumptions:, parameters:)', found: Array.isArray(pdata) ? 'list' : typeof pdata, value: JSON.stringify(pdata)?.slice(0, 60) ?? '' })));
      break;
    }
    // A key a profile may not hold (lots:, financing:…): said once, in our words, at the key.
    const allowed: Record<string, unknown> = {};
    let refused = false;
    for (const [k, v] of Object.entries(pdata)) {
      if ((PROFILE_KEYS as readonly string[]).includes(k)) allowed[k] = v;
      else { refused = true; ds.push(at(src, [k], diag('PROFILE_KEY_NOT_ALLOWED', 'error', [k], { key: k, allowed: [...PROFILE_KEYS] }), true)); }
    }
    const parsed = profileFile().safeParse(allowed);
    if (!parsed.success) {
      for (const issue of flattenIssues(parsed.error.issues).slice(0, 100)) ds.push({ ...issueToDiagnostic(issue, allowed, src), sourceText: r.text });
      break;
    }
    if (refused) break;
    const p = parsed.data;
    chain.push({ name: p.name, ...(p.vintage !== undefined ? { vintage: String(p.vintage) } : {}), file: target });
    sources.push(src);
    layers.push({ assumptions: (p.assumptions ?? {}) as Record<string, unknown>, parameters: (p.parameters ?? {}) as Record<string, unknown> });
    if (p.profile === undefined) break;
    from = src;
    ref = p.profile;
  }
  if (ds.length) return { data, diagnostics: ds };

  // Merge: the deepest base first, each profile over it, the operation file last.
  let assumptions: Record<string, unknown> = {};
  let parameters: Record<string, unknown> = {};
  const origins: Record<string, number> = {};
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    assumptions = overlay(assumptions, l.assumptions, 'assumptions');
    parameters = overlay(parameters, l.parameters, 'parameters');
    for (const k of Object.keys(l.assumptions)) if (k !== 'lines') origins[`assumptions.${k}`] = i;
    for (const k of lineKeys(l.assumptions.lines)) origins[`assumptions.${k}`] = i;
    for (const k of Object.keys(l.parameters)) origins[`parameters.${k}`] = i;
  }
  const opA = isObj(data.assumptions) ? data.assumptions : undefined;
  const opP = isObj(data.parameters) ? data.parameters : undefined;
  if (opA) assumptions = overlay(assumptions, opA, 'assumptions');
  if (opP) parameters = overlay(parameters, opP, 'parameters');
  for (const k of Object.keys(origins)) {
    const [section, key] = [k.slice(0, k.indexOf('.')), k.slice(k.indexOf('.') + 1)];
    const holder = section === 'assumptions' ? assumptions : parameters;
    const own = section === 'assumptions' ? opA : opP;
    const has = (o: Record<string, unknown>) => (section === 'assumptions' && key.startsWith('lines.') ? hasDeep(o, key) : key in o);
    if (!has(holder) || (own && has(own))) delete origins[k];
  }
  const merged: Record<string, unknown> = { ...data };
  // a section the operation gives but not as a mapping stays as written (the schema says what is wrong)
  if (data.assumptions === undefined || opA) { if (Object.keys(assumptions).length) merged.assumptions = assumptions; }
  if (data.parameters === undefined || opP) { if (Object.keys(parameters).length) merged.parameters = parameters; }
  return { data: merged, profile: { chain, origins, sources }, diagnostics: [] };
}

/**
 * A diagnostic about a value that came from a profile (UNKNOWN_PARAMETER, a parameter's bounds,
 * its type): placed in that profile's file, at that key.
 */
export function inProfile(d: Diagnostic, profile: ResolvedProfile | undefined, byKey = false): Diagnostic {
  if (!profile || d.path.length < 2 || (d.path[0] !== 'assumptions' && d.path[0] !== 'parameters')) return d;
  // the deepest key with an origin (a line's attribute: `assumptions.lines.management.by_year`)
  let i: number | undefined;
  for (let n = Math.min(4, d.path.length); n >= 2 && i === undefined; n--) i = profile.origins[d.path.slice(0, n).map(String).join('.')];
  if (i === undefined) return d;
  const src = profile.sources[i]!;
  const span = spanOf(src, d.path, byKey ? { at: 'key' } : {});
  return { ...d, file: profile.chain[i]!.file, sourceText: src.text, ...(span ? { span } : {}) };
}

/** The facts without the parsed sources (what the model keeps). */
export function profileSummary(p: ResolvedProfile | undefined): ProfileSummary | undefined {
  return p ? { chain: p.chain, origins: p.origins } : undefined;
}

/**
 * A profile file on its own (`equilibre profile show`, `init --profile`): read it and its chain,
 * as an operation naming it would. The values are the chain's, merged; `origins` says which
 * profile of the chain gives each.
 */
export function resolveProfileFile(file: string, read: ProfileReader = readProfileFile): ProfileResult {
  const r = read(file);
  if ('error' in r) {
    const args: Record<string, ArgValue> = { profile: file, file, reason: r.code ?? 'UNKNOWN' };
    if (r.code === 'E2BIG') args.max_mb = MAX_FILE_BYTES / 1024 / 1024;
    return { data: {}, diagnostics: [{ ...diag('PROFILE_NOT_READABLE', 'error', [], args), file }] };
  }
  // an operation that names the profile, in the profile's folder (a name no file has)
  const dir = path.dirname(file);
  const op = path.join(dir, '<profile show>');
  const source = { file: op, text: '', lineCounter: undefined as never } as SourceDoc;
  const cached: ProfileReader = (f) => (f === path.join(dir, path.basename(file)) ? r : read(f));
  const res = resolveProfile(op, { profile: path.basename(file) }, source, cached);
  const diagnostics = res.diagnostics.map((d) => (d.code === 'PROFILE_CYCLE' && Array.isArray(d.args.chain) ? { ...d, args: { ...d.args, chain: (d.args.chain as readonly string[]).slice(1) } } : d));
  return { ...res, diagnostics };
}
