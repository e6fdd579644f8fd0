/**
 * The one description of every key of the operation file (src/schema/keys.ts), and what is
 * derived from it: the hover text of the JSON Schema (`equilibre schema`, src/schema/json-schema.ts)
 * and the reference tables of docs/format.md (src/schema/format-doc.ts). Types, bounds and
 * "required" are not repeated here: they are read from the zod schema (src/schema/operation.ts).
 */
import { DEFAULTS, type DefaultKey } from './defaults';

export interface KeyDoc {
  /** French description shown by the editor, with the term of the trade (« surface habitable (SHAB) »). */
  readonly fr: string;
  /** French unit, when the suffix of the key name does not give it (`_eur`, `_pct`, `_m2`, `_years`…). */
  readonly unit?: string;
  /** docs/format.md, column « type, unit » (English). */
  readonly type: string;
  /** docs/format.md, column « effect » (English). */
  readonly effect: string;
  /** A note after the range the schema gives (e.g. a cross-field rule). */
  readonly range?: string;
  /** The « req. » column when it is not plain yes / no / one of n (e.g. `for \`between\``). */
  readonly req?: string;
  /** docs/format.md, column « default » (English); absent: « — » (nothing is computed for it). */
  readonly def?: string;
  /** The default is (or depends on) these assumptions of src/schema/defaults.ts: value and source ids come from there. */
  readonly defaults?: readonly DefaultKey[];
  /** A default that is not an assumption (no source needed): `false`, `0`, `other`… */
  readonly value?: number | boolean | string;
  /** The default in French, when it is neither a single assumption nor a literal (a regulated parameter, another key). */
  readonly defaultFr?: string;
  /** Examples beyond the value the annotated example (`equilibre init`) gives. */
  readonly examples?: readonly unknown[];
}

/** Two spellings of one path: `lots[].rent.local_margin_pct`; cost lines are described once as `other[]`. */
export function docPath(path: string): string {
  // the attributes of a line of the account are described once (`line.from_year`), whatever the line
  return path.replace(/^(land|construction)\.other\[\]/, 'other[]').replace(/^assumptions\.(lines\.[a-z_]+|other_lines\[\])\./, 'line.');
}

/** The French unit a key name says (units are in key names: docs/format.md). */
export function unitFr(key: string, doc: KeyDoc): string | undefined {
  if (doc.unit !== undefined) return doc.unit;
  const rules: [RegExp, string][] = [
    [/eur_per_m2_su_month$/, '€/m² SU/mois'],
    [/eur_per_m2_shab(_ttc)?$/, key.endsWith('_ttc') ? '€ TTC/m² SHAB' : '€/m² SHAB'],
    [/eur_per_m2_shab_ht$/, '€ HT/m² SHAB'],
    [/eur_per_m2_su_ht$/, '€ HT/m² SU'],
    [/eur_per_m2_su_ttc$/, '€ TTC/m² SU'],
    [/eur_per_m2_su$/, '€/m² SU'],
    [/eur_per_m2_sp$/, '€/m² SP'],
    [/eur_per_dwelling$/, '€/logement'],
    [/eur_per_month$/, '€/mois'],
    [/_eur$/, '€'],
    [/_pct$/, '%'],
    [/pct_of_works$/, '% des travaux'],
    [/pct_of_cost$/, '% du prix de revient TTC'],
    [/_m2$/, 'm²'],
    [/_years$/, 'ans'],
    [/_from_year$/, 'année'],
    [/_ratio$/, 'rapport'],
  ];
  for (const [re, u] of rules) if (re.test(key)) return u;
  return undefined;
}

/** A DEFAULTS value as JSON (numbers, booleans, words); `undefined` when it is not a literal (« longest loan »). */
export function defaultValue(key: DefaultKey): number | boolean | string | undefined {
  const d = DEFAULTS[key];
  if (d.unit === 'bool') return d.value === 'true';
  if (d.unit === 'text') return d.value;
  const n = Number(d.value);
  return Number.isFinite(n) && String(n) === d.value ? n : undefined;
}

/** « 1,5 » for 1.5: French decimal comma in the hover text. */
export function frNumber(n: number): string {
  const s = String(n);
  const [int, dec] = s.replace('-', '').split('.');
  const grouped = int!.length > 4 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f') : int!;
  return `${n < 0 ? '−' : ''}${grouped}${dec !== undefined ? ',' + dec : ''}`;
}

/** The French « Défaut » line of a key: value and source ids (docs/sources.md) of the assumption. */
export function defaultFrText(doc: KeyDoc): string | undefined {
  if (doc.defaultFr !== undefined && doc.defaults === undefined) return doc.defaultFr;
  if (doc.defaults !== undefined) {
    const parts = doc.defaults.map((k) => DEFAULTS[k].source);
    return `${doc.defaultFr ?? frLiteral(DEFAULTS[doc.defaults[0]!].value)} — source : ${parts.join(' ; ')}`;
  }
  if (doc.value !== undefined) return frLiteral(doc.value);
  return undefined;
}

function frLiteral(v: number | boolean | string): string {
  if (typeof v === 'boolean') return v ? 'true (oui)' : 'false (non)';
  if (typeof v === 'number') return frNumber(v);
  const n = Number(v);
  if (v === 'true') return 'true (oui)';
  if (v === 'false') return 'false (non)';
  return v !== '' && Number.isFinite(n) ? frNumber(n) : v;
}
