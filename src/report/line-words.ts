/**
 * The words of an operating account written line by line (`assumptions.lines.<id>.<attribute>`,
 * `assumptions.other_lines[k].<attribute>`, src/engine/lines.ts) in the Hypothèses: the line and
 * its attribute named in the language, and the value the file (or the profile) gives, with its unit:
 * « Gros entretien — plan : dès l'année 6 : 2 €/m² SHAB ; dès l'année 11 : 4 €/m² SHAB ».
 */
import { paramValueText, type Lang } from './format';

const LINE_NAMES: Record<string, [string, string]> = {
  rents: ['Loyers', 'Rents'], annex_rents: ['Loyers annexes', 'Annex rents'], vacancy: ['Vacance', 'Vacancy'], bad_debt: ['Impayés', 'Bad debt'],
  management: ['Gestion', 'Management'], maintenance: ['Entretien courant', 'Routine maintenance'], major_maintenance: ['Gros entretien', 'Major maintenance'],
  tfpb: ['TFPB', 'TFPB'], teom: ['TEOM', 'TEOM'], insurance: ['Assurance', 'Insurance'], cglls: ['Cotisation CGLLS', 'CGLLS contribution'], ancols: ['Contribution ANCOLS', 'ANCOLS contribution'],
};

const ATTRIBUTES: Record<string, [string, string]> = {
  eur_per_dwelling: ['montant par logement', 'amount per dwelling'], eur_per_m2_su: ['montant au m² SU', 'amount per m² SU'],
  eur_per_m2_shab: ['montant au m² SHAB', 'amount per m² SHAB'], eur_per_year: ['montant annuel de l’opération', 'yearly amount of the operation'],
  pct_of_rents: ['en % des loyers', 'as % of rents'], pct_of_cost: ['en % du prix de revient TTC', 'as % of the cost incl. VAT'],
  from_year: ['première année', 'first year'], indexation_pct: ['indexation', 'indexation'], indexation_path_pct: ['trajectoire d’indexation', 'indexation path'],
  by_year: ['montants par année', 'amounts by year'], by_year_pct: ['taux par année', 'rate by year'], recoverable: ['récupérable', 'recoverable'], plan: ['plan de gros entretien', 'major maintenance plan'],
};

const LINE_KEY = /^assumptions\.(?:lines\.([a-z_]+)|other_lines\[(\d+)\])\.([a-z_]+)$/;

/** Whether a key of the Hypothèses is an attribute of a line of the account. */
export function isLineKey(key: string): boolean {
  return LINE_KEY.test(key);
}

type Input = { assumptions?: { lines?: Record<string, Record<string, unknown> | undefined>; other_lines?: readonly Record<string, unknown>[] } };

function lineOf(key: string, input: Input): { name: [string, string]; attr: string; line: Record<string, unknown> | undefined } | null {
  const m = LINE_KEY.exec(key);
  if (!m) return null;
  if (m[1] !== undefined) return { name: LINE_NAMES[m[1]] ?? [m[1], m[1]], attr: m[3]!, line: input.assumptions?.lines?.[m[1]] };
  const k = Number(m[2]);
  const line = input.assumptions?.other_lines?.[k];
  const label = typeof line?.label === 'string' ? line.label : String(line?.id ?? k + 1);
  // (in English, the line's id: its label is the file's own words)
  return { name: [`Autre charge « ${label} »`, `Other charge “${String(line?.id ?? k + 1)}”`], attr: m[3]!, line };
}

/** « Gros entretien — plan de gros entretien » (null: not a line's key). */
export function lineAssumptionLabel(key: string, input: Input, lang: Lang): string | null {
  const l = lineOf(key, input);
  if (!l) return null;
  const i = lang === 'fr' ? 0 : 1;
  return `${l.name[i]} — ${(ATTRIBUTES[l.attr] ?? [l.attr, l.attr])[i]}`;
}

/** A figure as the file writes it (decimals as written), by the Hypothèses' own formatter (src/report/format.ts). */
const eurText = (v: number, lang: Lang) => paramValueText(String(v), 'eur', lang);
const pctText = (v: number, lang: Lang) => paramValueText(String(v), 'pct', lang);

/** An amount with its unit, in the language: « 2 €/m² SHAB », « 0,60 % des loyers ». */
function amountText(k: string, v: number, lang: Lang): string {
  const fr = lang === 'fr';
  switch (k) {
    case 'eur_per_dwelling': return `${eurText(v, lang)}${fr ? '/logement' : '/dwelling'}`;
    case 'eur_per_m2_su': return `${eurText(v, lang)}/m² SU`;
    case 'eur_per_m2_shab': return `${eurText(v, lang)}/m² SHAB`;
    case 'eur_per_year': return `${eurText(v, lang)}${fr ? '/an' : '/year'}`;
    case 'pct_of_rents': return `${pctText(v, lang)}${fr ? ' des loyers' : ' of rents'}`;
    case 'pct_of_cost': return `${pctText(v, lang)}${fr ? ' du prix de revient TTC' : ' of the cost incl. VAT'}`;
    default: return paramValueText(String(v), 'ratio', lang);
  }
}

/** A year as written: an index (« année 6 ») or a calendar year (« 2043 »). */
const yearText = (y: number | string, lang: Lang): string => (Number(y) >= 1900 ? String(y) : lang === 'fr' ? `année ${y}` : `year ${y}`);

/** The value of a line's attribute as the file writes it, in words (null: not a line's key). */
export function lineAssumptionValue(key: string, input: Input, lang: Lang): string | null {
  const l = lineOf(key, input);
  if (!l) return null;
  const v = l.line?.[l.attr];
  const fr = lang === 'fr';
  if (v === undefined) return '—';
  switch (l.attr) {
    case 'from_year': return yearText(v as number, lang);
    case 'recoverable': return v ? (fr ? 'oui' : 'yes') : (fr ? 'non' : 'no');
    case 'indexation_pct': return `${pctText(v as number, lang)}${fr ? '/an' : '/year'}`;
    case 'indexation_path_pct':
      if (Array.isArray(v)) return v.map((x) => pctText(x as number, lang)).join(fr ? ' puis ' : ', then ');
      return Object.entries(v as Record<string, number>).map(([y, x]) => `${yearText(y, lang)}${fr ? ' : ' : ': '}${pctText(x, lang)}`).join(' ; ');
    case 'by_year': return Object.entries(v as Record<string, number>).map(([y, x]) => `${yearText(y, lang)}${fr ? ' : ' : ': '}${eurText(x, lang)}`).join(' ; ');
    case 'by_year_pct': return Object.entries(v as Record<string, number>).map(([y, x]) => `${yearText(y, lang)}${fr ? ' : ' : ': '}${pctText(x, lang)}`).join(' ; ');
    case 'plan': return (v as Record<string, number>[]).map((row) => {
      const k = Object.keys(row).find((x) => x !== 'from_year')!;
      const y = row.from_year!;
      return `${fr ? (y >= 1900 ? `dès ${y}` : `dès l’année ${y}`) : `from ${yearText(y, lang)}`}${fr ? ' : ' : ': '}${amountText(k, row[k]!, lang)}`;
    }).join(' ; ');
    default: return typeof v === 'number' ? amountText(l.attr, v, lang) : String(v);
  }
}
