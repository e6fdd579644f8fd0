/**
 * Diagnostic codes → one sentence with the figures, and a hint; French and English.
 * Every code here is documented in docs/diagnostics.md and has a reproducer under
 * test/fixtures/diagnostics/<CODE>.yaml (a test enforces both).
 */
import type { ArgValue } from '../domain/diagnostic';
import { D } from '../domain/money';
import { fmtEur, fmtNum, fmtPct, type Lang } from './format';

type Args = Record<string, ArgValue>;
interface MessageDef {
  /** The rule or text it comes from. */
  rule: string;
  fr: (a: Args) => string;
  en: (a: Args) => string;
  hintFr?: (a: Args) => string;
  hintEn?: (a: Args) => string;
}

const list = (v: ArgValue | undefined): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const didYouMeanFr = (a: Args) => (a.suggestion ? `vouliez-vous dire « ${String(a.suggestion)} » ?` : '');
const didYouMeanEn = (a: Args) => (a.suggestion ? `did you mean "${String(a.suggestion)}"?` : '');
const TYPE_FR: Record<string, string> = {
  number: 'un nombre', string: 'un texte', boolean: 'vrai/faux (true/false)', object: 'une table de clés (mapping)', array: 'une liste',
  mapping: 'une table de clés', list: 'une liste', nothing: 'rien', null: 'une valeur vide', NaN: 'NaN', infinity: "l'infini", int: 'un nombre entier',
  'non-empty text': 'un texte non vide', 'a whole number': 'un nombre entier', 'a number': 'un nombre', 'a list of numbers': 'une liste de nombres',
  'see docs/format.md': 'une valeur décrite dans docs/format.md',
  date: 'une date YAML (étiquette !!timestamp)', binary: 'des données binaires (étiquette !!binary)', set: 'un ensemble (étiquette !!set)',
};
const tf = (t: ArgValue | undefined): string => {
  const m = /^text of at most (\d+) characters$/.exec(String(t));
  return m ? `un texte d’au plus ${m[1]} caractères` : TYPE_FR[String(t)] ?? String(t);
};
/** « un nombre attendu », « une liste attendue »: the participle agrees with the French type. */
const expectedFr = (t: ArgValue | undefined): string => {
  const what = tf(t);
  return `${what} ${what.startsWith('une ') ? 'attendue' : 'attendu'}`;
};

/**
 * Numbers are formatted here, at render time: args stay raw (JSON numbers or plain decimal
 * strings such as "1638993.02", so that `--format json` keeps them machine-readable), and the
 * sentence shows them fr-FR (`1 638 993,02 €`, `27,6 %`) or en (`€1,638,993.02`, `27.6%`), with
 * as many decimals as the raw value has.
 */
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;
const isNumeric = (v: ArgValue | undefined): v is number | string =>
  typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && DECIMAL.test(v);
/** Decimal places as written ("0.00" keeps 2), at most 6. */
function dpOf(v: number | string): number {
  if (typeof v === 'number') return Math.min(6, D(v).decimalPlaces());
  const i = v.indexOf('.');
  return i < 0 ? 0 : Math.min(6, v.length - i - 1);
}

/** Decimals that carry something: trailing zeros dropped (`21.2400` → 2, `5.0000` → 0). */
function sigDp(v: number | string): number {
  const s = typeof v === 'number' ? D(v).toFixed() : v;
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(6, s.slice(i + 1).replace(/0+$/, '').length);
}

/** A percent to 0.1–0.01 (its significant decimals, at most 2), more only where 2 would show a non-zero as 0. */
function pctDp(v: number | string): number {
  const sig = sigDp(v);
  if (sig <= 2) return sig;
  return D(v).toDecimalPlaces(2).isZero() && !D(v).isZero() ? sig : 2;
}

interface NumFmt {
  /** A plain number: `1 234,5`. Non-numbers are shown as they are. */
  n: (v: ArgValue | undefined) => string;
  /** Euros: `1 234,50 €` / `€1,234.50`. */
  eur: (v: ArgValue | undefined) => string;
  /** A percent value: `27,6 %` / `27.6%`. */
  pct: (v: ArgValue | undefined) => string;
  m2: (v: ArgValue | undefined) => string;
}

function numFmt(lang: Lang): NumFmt {
  const n = (v: ArgValue | undefined) => (isNumeric(v) ? fmtNum(D(v), dpOf(v), lang) : String(v ?? ''));
  return {
    n,
    // euros whole or to the cent (never `362 019,8 €`); percents with the decimals they need, at most 2
    eur: (v) => (isNumeric(v) ? fmtEur(D(v), lang, dpOf(v) > 0 ? 2 : 0) : String(v ?? '')),
    pct: (v) => (isNumeric(v) ? fmtPct(D(v), lang, pctDp(v)) : String(v ?? '')),
    m2: (v) => `${n(v)} m²`,
  };
}
/** LOAN_TERMS_MISSING: the missing keys, the rate of a fixed-rate loan said so. */
const missingTerms = (a: Args, fixed: string): string =>
  (Array.isArray(a.missing) ? a.missing : []).map((k) => (k === 'rate_pct' && a.revisability === 'fixed' ? `rate_pct (${fixed})` : k)).join(', ');
const F = numFmt('fr');
const E = numFmt('en');
/** "-361006.98" → "361006.98": a shortfall is said in words ("il manque"), not with a sign. */
const abs = (v: ArgValue | undefined): ArgValue => (typeof v === 'number' ? Math.abs(v) : String(v ?? '').replace(/^[-+]/, ''));

/**
 * The sentence of a built-in check or an assertion, from the result's facts (src/checks/checks.ts
 * `resultArgs`): subject, expected, actual, difference (with the unit of the figures), note.
 * Assertions on a year metric keep their numbers as written (2040, not 2 040).
 */
const CHECK_WORDS = {
  fr: {
    lot: (l: string) => `lot ${l}`, rental: (y: ArgValue | undefined) => `compte locatif (${String(y)} ans)`, ofs: (l: string) => `OFS du lot ${l}`,
    sources: 'ressources = ', between: (a: string, b: string) => `entre ${a} et ${b}`, met: 'respectée', unavailable: 'non disponible',
    bool: (b: boolean) => (b ? 'oui' : 'non'), year: (y: ArgValue | undefined) => `année ${String(y)}`,
    unit: { eur_per_m2_su_month: '/m² SU/mois', eur_ht_per_m2_su: ' HT/m² SU', eur_per_m2_shab: '/m² SHAB' } as Record<string, string>,
    sentence: (s: string, e: string, a: string, d: string, n: string) => `${s}: attendu ${e}, obtenu ${a}${d ? `, écart ${d}` : ''}${n ? ` — ${n}` : ''}`,
  },
  en: {
    lot: (l: string) => `lot ${l}`, rental: (y: ArgValue | undefined) => `rental account (${String(y)} years)`, ofs: (l: string) => `OFS of lot ${l}`,
    sources: 'sources = ', between: (a: string, b: string) => `between ${a} and ${b}`, met: 'met', unavailable: 'not available',
    bool: (b: boolean) => String(b), year: (y: ArgValue | undefined) => `year ${String(y)}`,
    unit: { eur_per_m2_su_month: '/m² SU/month', eur_ht_per_m2_su: ' excl. VAT/m² SU', eur_per_m2_shab: '/m² SHAB' } as Record<string, string>,
    sentence: (s: string, e: string, a: string, d: string, n: string) => `${s}: expected ${e}, got ${a}${d ? `, difference ${d}` : ''}${n ? ` — ${n}` : ''}`,
  },
};

function checkSentence(lang: Lang): (a: Args) => string {
  const f = lang === 'fr' ? F : E;
  const w = CHECK_WORDS[lang];
  return (a) => {
    const raw = a.as_written === true;
    const unit = String(a.unit ?? 'number');
    // a figure with its unit: euros to the cent or whole, percents with their significant decimals
    const withUnit = (v: ArgValue | undefined): string => {
      if (raw || !isNumeric(v)) return String(v ?? '');
      if (unit === 'pct') return f.pct(v);
      if (unit === 'm2') return f.m2(v);
      if (unit.startsWith('eur')) return f.eur(v) + (w.unit[unit] ?? '');
      return f.n(v);
    };
    const bare = (v: ArgValue | undefined): string => (raw ? String(v ?? '') : f.n(v));
    const fig = (v: ArgValue | undefined, side: 'expected' | 'actual') => (a.unit_on === 'both' || a.unit_on === side ? withUnit(v) : bare(v));
    const value = (v: ArgValue | undefined, side: 'expected' | 'actual') => (typeof v === 'boolean' ? (raw ? String(v) : w.bool(v)) : fig(v, side));
    const subject = a.subject_kind === 'lot' ? w.lot(String(a.lot)) : a.subject_kind === 'rental_account' ? w.rental(a.years) : a.subject_kind === 'ofs' ? w.ofs(String(a.lot)) : String(a.text ?? '');
    const expected = (a.expected_kind === 'sources_equal_uses' ? w.sources + withUnit(a.expected)
      : a.expected_kind === 'between' ? w.between(fig(a.min, 'expected'), fig(a.max, 'expected'))
      : `${String(a.op)} ${value(a.expected, 'expected')}`) + (a.tolerance !== undefined ? ` (± ${bare(a.tolerance)})` : '');
    const actual = a.actual_kind === 'met' ? w.met : a.actual_kind === 'unavailable' ? w.unavailable : value(a.actual, 'actual');
    // the difference in the unit of the figures, but a bare number for m² (as the figures of an area are compared)
    const d = a.difference === '' || a.difference === undefined ? '' : unit === 'pct' || unit.startsWith('eur') ? withUnit(a.difference) : bare(a.difference);
    const note = a.year !== undefined ? w.year(a.year) : String(a.note ?? '');
    return w.sentence(subject, expected, actual, d, note);
  };
}
const checkFr = checkSentence('fr');
const checkEn = checkSentence('en');

/** FILE_NOT_FOUND: the reason is an errno code (args stay machine-readable), said in words here. */
const READ_REASON: Record<string, [string, string]> = {
  ENOENT: ['fichier introuvable', 'no such file'],
  EACCES: ['lecture refusée (droits insuffisants)', 'permission denied'],
  EPERM: ['lecture refusée (droits insuffisants)', 'permission denied'],
  EISDIR: ["c'est un dossier, pas un fichier", 'a directory, not a file'],
  ENOTDIR: ["un élément du chemin n'est pas un dossier", 'a part of the path is not a directory'],
  ENAMETOOLONG: ['chemin trop long', 'path too long'],
  ELOOP: ['trop de liens symboliques', 'too many symbolic links'],
  EMFILE: ['trop de fichiers ouverts', 'too many open files'],
  EIO: ["erreur d'entrée-sortie", 'input/output error'],
};
const reasonText = (a: Args, i: 0 | 1): string => {
  const r = String(a.reason ?? '');
  return READ_REASON[r]?.[i] ?? (i === 0 ? `fichier illisible (${r || 'erreur inconnue'})` : `unreadable file (${r || 'unknown error'})`);
};

export const MESSAGES: Record<string, MessageDef> = {
  FILE_NOT_FOUND: {
    rule: 'lecture du fichier',
    fr: (a) => reasonText(a, 0),
    en: (a) => reasonText(a, 1),
    hintFr: (a) => (a.reason === 'EACCES' || a.reason === 'EPERM' ? 'vérifiez les droits de lecture du fichier (ls -l)' : a.reason === 'EISDIR' ? 'donnez un fichier .yaml de ce dossier; `equilibre check dossier/*.yaml` vérifie tout un dossier' : 'vérifiez le chemin; `equilibre init exemple.yaml` écrit un fichier de départ'),
    hintEn: (a) => (a.reason === 'EACCES' || a.reason === 'EPERM' ? 'check the read permissions of the file (ls -l)' : a.reason === 'EISDIR' ? 'give a .yaml file of that directory; `equilibre check dir/*.yaml` checks a whole directory' : 'check the path; `equilibre init example.yaml` writes a starting file'),
  },
  PROFILE_NOT_READABLE: {
    rule: 'profil de gestion (docs/format.md, « Profile file »)',
    fr: (a) => `le profil « ${String(a.profile)} » ne peut pas être lu (${String(a.file)}): ${a.reason === 'E2BIG' ? `plus de ${String(a.max_mb)} Mo` : a.reason === 'ENOTREG' ? "ce n'est pas un fichier ordinaire" : reasonText(a, 0)}`,
    en: (a) => `the profile "${String(a.profile)}" cannot be read (${String(a.file)}): ${a.reason === 'E2BIG' ? `more than ${String(a.max_mb)} MB` : a.reason === 'ENOTREG' ? 'not a regular file' : reasonText(a, 1)}`,
    hintFr: () => "le chemin du profil est relatif au fichier qui le nomme (profile: profils/mon-bailleur-2026.yaml); `equilibre profile show FICHIER` affiche un profil",
    hintEn: () => 'the path of a profile is relative to the file naming it (profile: profils/my-bailleur-2026.yaml); `equilibre profile show FILE` shows a profile',
  },
  PROFILE_CYCLE: {
    rule: 'profil de gestion: chaîne de profils de base',
    fr: (a) => `le profil « ${String(a.profile)} » s'inclut lui-même: ${(a.chain as readonly string[]).join(' → ')}`,
    en: (a) => `the profile "${String(a.profile)}" includes itself: ${(a.chain as readonly string[]).join(' → ')}`,
    hintFr: () => 'un profil peut nommer un profil de base (profile:), qui ne doit pas revenir à un fichier déjà dans la chaîne; retirez ce `profile:`',
    hintEn: () => 'a profile may name a base profile (profile:) that must not lead back to a file already in the chain; remove this `profile:`',
  },
  PROFILE_KEY_NOT_ALLOWED: {
    rule: 'profil de gestion: clés admises',
    fr: (a) => `un profil de gestion ne contient pas « ${String(a.key)} »; il admet: ${(a.allowed as readonly string[]).join(', ')}`,
    en: (a) => `a management profile does not hold "${String(a.key)}"; it holds: ${(a.allowed as readonly string[]).join(', ')}`,
    hintFr: () => "les lots, le foncier, la construction et le financement sont propres à l'opération: mettez-les dans le fichier d'opération; un profil porte `assumptions:` et `parameters:`",
    hintEn: () => 'lots, land, construction and financing belong to the operation: put them in the operation file; a profile holds `assumptions:` and `parameters:`',
  },
  OUTPUT_NOT_WRITABLE: {
    rule: 'option -o / --junit: écriture atomique (fichier temporaire puis renommage)',
    fr: (a) => `impossible d'écrire ${String(a.file)}: ${({ ENOENT: 'le dossier n’existe pas', EACCES: 'écriture refusée (droits insuffisants)', EPERM: 'écriture refusée (droits insuffisants)', EISDIR: "c'est un dossier", ENOTDIR: "un élément du chemin n'est pas un dossier", ENOSPC: 'disque plein', EDQUOT: 'quota disque dépassé', EFBIG: 'fichier trop grand', EROFS: 'système de fichiers en lecture seule', EBADF: 'descripteur fermé', ELOOP: 'trop de liens symboliques', EIO: "erreur d'entrée-sortie" } as Record<string, string>)[String(a.reason)] ?? String(a.reason)}`,
    en: (a) => `cannot write ${String(a.file)}: ${({ ENOENT: 'the directory does not exist', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a directory', ENOTDIR: 'a part of the path is not a directory', ENOSPC: 'disk full', EDQUOT: 'disk quota exceeded', EFBIG: 'file too large', EROFS: 'read-only file system', EBADF: 'closed descriptor', ELOOP: 'too many symbolic links', EIO: 'input/output error' } as Record<string, string>)[String(a.reason)] ?? String(a.reason)}`,
    hintFr: (a) => (a.stdout ? 'la sortie est incomplète; redirigez-la ailleurs ou écrivez-la dans un fichier avec -o' : a.reason === 'EISDIR' ? 'donnez un nom de fichier, par exemple DOSSIER/operation.yaml' : 'créez le dossier ou choisissez un autre chemin; rien n’a été écrit (pas de fichier à moitié écrit)'),
    hintEn: (a) => (a.stdout ? 'the output is incomplete; redirect it elsewhere or write it to a file with -o' : a.reason === 'EISDIR' ? 'give a file name, e.g. DIR/operation.yaml' : 'create the directory or choose another path; nothing was written (no half-written file)'),
  },
  OUTPUT_IS_INPUT: {
    rule: 'option -o / --junit: une sortie n’écrase jamais un fichier lu',
    fr: (a) => `${String(a.option)} ${String(a.file)} est le fichier d'entrée ${String(a.input)}: il serait écrasé`,
    en: (a) => `${String(a.option)} ${String(a.file)} is the input file ${String(a.input)}: it would be overwritten`,
    hintFr: () => 'choisissez un autre chemin de sortie; rien n’a été écrit',
    hintEn: () => 'choose another output path; nothing was written',
  },
  EVALUATION_FAILED: {
    rule: "défaut interne d'equilibre, limité au fichier concerné",
    fr: (a) => `l'évaluation de ce fichier a échoué sur un cas que l'outil ne traite pas (${String(a.detail)}); les autres fichiers sont traités`,
    en: (a) => `evaluating this file failed on a case the tool does not handle (${String(a.detail)}); the other files are still processed`,
    hintFr: () => "c'est un défaut d'equilibre, pas forcément de votre fichier: merci de le signaler avec le fichier et la commande (EQUILIBRE_DEBUG=1 affiche la trace)",
    hintEn: () => 'this is a defect of equilibre, not necessarily of your file: please report it with the file and the command (EQUILIBRE_DEBUG=1 shows the trace)',
  },
  UNKNOWN_COMMAND: {
    rule: 'ligne de commande (equilibre --help)',
    fr: (a) => `commande inconnue « ${String(a.command)} »${a.suggestion ? `; ${didYouMeanFr(a)}` : ''} (et pas de fichier de ce nom)`,
    en: (a) => `unknown command "${String(a.command)}"${a.suggestion ? `; ${didYouMeanEn(a)}` : ''} (and no file of that name)`,
    hintFr: (a) => `commandes: ${list(a.commands)}; pour un fichier: equilibre FICHIER.yaml`,
    hintEn: (a) => `commands: ${list(a.commands)}; for a file: equilibre FILE.yaml`,
  },
  USAGE: {
    rule: 'ligne de commande (equilibre COMMANDE --help)',
    fr: (a) => String(a.detail ?? ''),
    en: (a) => String(a.detail ?? ''),
    hintFr: (a) => `equilibre ${a.command ? `${String(a.command)} ` : ''}--help`,
    hintEn: (a) => `equilibre ${a.command ? `${String(a.command)} ` : ''}--help`,
  },
  FILE_EXISTS: {
    rule: 'equilibre init: un fichier existant n’est remplacé qu’avec --force',
    fr: () => 'le fichier existe déjà: il n’est pas remplacé',
    en: () => 'the file already exists: it is not replaced',
    hintFr: () => 'choisissez un autre nom ou ajoutez --force',
    hintEn: () => 'choose another name or add --force',
  },
  UNKNOWN_PARAMETERS_YEAR: {
    rule: 'paramètres réglementaires par millésime (equilibre params)',
    fr: (a) => `pas de paramètres pour ${String(a.year)}`,
    en: (a) => `no parameters for ${String(a.year)}`,
    hintFr: (a) => `millésimes disponibles: ${list(a.available)}`,
    hintEn: (a) => `available years: ${list(a.available)}`,
  },
  NO_FILE_MATCHES: {
    rule: 'equilibre check: motifs de fichiers',
    fr: (a) => `aucun fichier ne correspond à ${String(a.pattern)}`,
    en: (a) => `no file matches ${String(a.pattern)}`,
    hintFr: () => 'vérifiez le motif (les guillemets évitent que le shell le développe)',
    hintEn: () => 'check the pattern (quote it so the shell leaves it alone)',
  },
  INVALID_OPTION: {
    rule: 'equilibre loan: options numériques et bornes ([CDC-PLUS])',
    fr: (a) => String(a.detail ?? ''),
    en: (a) => String(a.detail ?? ''),
    hintFr: () => 'equilibre loan --help',
    hintEn: () => 'equilibre loan --help',
  },
  BAD_RANGE: {
    rule: 'equilibre sensitivity: plages début:fin:pas, bornes par levier',
    fr: (a) => String(a.detail ?? ''),
    en: (a) => String(a.detail ?? ''),
    hintFr: () => 'equilibre sensitivity --help',
    hintEn: () => 'equilibre sensitivity --help',
  },
  TOO_MANY_EVALUATIONS: {
    rule: 'budget des calculs longs (--max-evaluations)',
    fr: (a) => String(a.detail ?? ''),
    en: (a) => String(a.detail ?? ''),
    hintFr: () => 'réduisez le travail ou relevez --max-evaluations',
    hintEn: () => 'reduce the work or raise --max-evaluations',
  },
  BAD_SET: {
    rule: 'option --set',
    fr: (a) => a.reason === 'index' ? `option --set « ${String(a.expr ?? '')} »: indice au-delà de la liste (au plus ${F.n(a.max)} ici)`
      : a.reason === 'forbidden' ? `option --set « ${String(a.expr ?? '')} »: __proto__, constructor et prototype ne sont pas des clés du fichier`
      : `option --set mal formée: « ${String(a.expr ?? '')} » (attendu: chemin=valeur)`,
    en: (a) => a.reason === 'index' ? `--set option "${String(a.expr ?? '')}": index past the list (at most ${E.n(a.max)} here)`
      : a.reason === 'forbidden' ? `--set option "${String(a.expr ?? '')}": __proto__, constructor and prototype are not keys of the file`
      : `malformed --set option: "${String(a.expr ?? '')}" (expected: path=value)`,
    hintFr: () => 'un chemin de clés du fichier, un « = » et une valeur YAML: --set construction.cost_eur_per_m2_shab=1500 ou --set lots[0].shab_m2=120',
    hintEn: () => 'a key path of the file, "=" and a YAML value: --set construction.cost_eur_per_m2_shab=1500 or --set lots[0].shab_m2=120',
  },
  FILE_TOO_LARGE: {
    rule: 'limite de robustesse (product.md)',
    fr: (a) => `fichier trop gros: plus de ${F.n(a.max_mb)} Mo`,
    en: (a) => `file too large: over ${E.n(a.max_mb)} MB`,
    hintFr: () => "un fichier d'opération fait quelques Ko; ce fichier n'en est probablement pas un",
    hintEn: () => 'an operation file is a few KB; this is probably not one',
  },
  FILE_EMPTY: {
    rule: 'format equilibre/v1',
    fr: () => 'fichier vide',
    en: () => 'empty file',
    hintFr: () => '`equilibre init` écrit un fichier annoté à compléter',
    hintEn: () => '`equilibre init` writes an annotated file to fill in',
  },
  FILE_NOT_UTF8: {
    rule: 'YAML 1.2: texte UTF-8',
    fr: () => "le fichier n'est pas un texte UTF-8 valide",
    en: () => 'the file is not valid UTF-8 text',
    hintFr: () => 'réenregistrez-le en UTF-8 (les tableurs proposent souvent Latin-1 par défaut)',
    hintEn: () => 'save it again as UTF-8',
  },
  YAML_SYNTAX: {
    rule: 'YAML 1.2',
    fr: (a) => `YAML invalide: ${String(a.detail)}`,
    en: (a) => `invalid YAML: ${String(a.detail)}`,
    hintFr: () => 'vérifiez l’indentation (espaces, pas de tabulations) et les « : » après chaque clé',
    hintEn: () => 'check the indentation (spaces, no tabs) and the ":" after each key',
  },
  YAML_DUPLICATE_KEY: {
    rule: 'YAML 1.2: clés uniques',
    fr: (a) => `clé « ${String(a.key ?? '')} » en double dans la même table`,
    en: (a) => `duplicate key "${String(a.key ?? '')}" in the same mapping`,
    hintFr: () => 'une clé ne peut apparaître qu’une fois dans une même table; supprimez ou renommez l’une des deux',
    hintEn: () => 'a key may appear only once in a mapping; remove or rename one',
  },
  YAML_ALIAS_LIMIT: {
    rule: 'limite de robustesse (alias YAML)',
    fr: (a) => `trop d'alias YAML (plus de ${F.n(a.max)} expansions) — refusé pour éviter une « bombe » d'alias`,
    en: (a) => `too many YAML aliases (over ${E.n(a.max)} expansions) — refused to avoid an alias bomb`,
    hintFr: () => 'écrivez les valeurs en clair plutôt qu’avec des ancres (&) et alias (*)',
    hintEn: () => 'write values out rather than with anchors (&) and aliases (*)',
  },
  YAML_TOO_DEEP: {
    rule: 'limite de robustesse (imbrication)',
    fr: (a) => `imbrication trop profonde (plus de ${F.n(a.max)} niveaux)`,
    en: (a) => `nesting too deep (over ${E.n(a.max)} levels)`,
    hintFr: () => "un fichier d'opération a au plus 5 niveaux; ce fichier n'en est probablement pas un",
    hintEn: () => 'an operation file has at most 5 levels',
  },
  ROOT_NOT_MAPPING: {
    rule: 'format equilibre/v1',
    fr: (a) => `le fichier doit être une table de clés (format:, operation:, lots:…), pas ${({ 'a list': 'une liste', 'a string': 'un texte', number: 'un nombre', boolean: 'vrai/faux', nothing: 'rien', 'a value': 'une valeur' } as Record<string, string>)[String(a.found)] ?? String(a.found)}`,
    en: (a) => `the file must be a mapping of keys (format:, operation:, lots:…), not ${String(a.found)}`,
    hintFr: () => 'commencez par `format: equilibre/v1`, voir docs/format.md',
    hintEn: () => 'start with `format: equilibre/v1`, see docs/format.md',
  },
  FORMAT_VERSION: {
    rule: 'format equilibre/v1',
    fr: (a) => `format ${String(a.value) || 'absent'}: attendu « ${String(a.expected)} »`,
    en: (a) => `format ${String(a.value) || 'missing'}: expected "${String(a.expected)}"`,
    hintFr: () => 'la première ligne est `format: equilibre/v1`',
    hintEn: () => 'the first line is `format: equilibre/v1`',
  },
  UNKNOWN_KEY: {
    rule: 'schéma strict (docs/format.md)',
    fr: (a) => `clé inconnue « ${String(a.key)} »${a.suggestion ? `; ${didYouMeanFr(a)}` : ''}`,
    en: (a) => `unknown key "${String(a.key)}"${a.suggestion ? `; ${didYouMeanEn(a)}` : ''}`,
    hintFr: (a) => `clés admises ici: ${list(a.allowed)}`,
    hintEn: (a) => `keys allowed here: ${list(a.allowed)}`,
  },
  MISSING_KEY: {
    rule: 'schéma strict (docs/format.md)',
    fr: (a) => `clé obligatoire absente: « ${String(a.key)} » (attendu: ${a.expected === 'choice' ? `une valeur parmi ${list(a.allowed)}` : tf(a.expected)})`,
    en: (a) => `required key missing: "${String(a.key)}" (expected: ${a.expected === 'choice' ? `one of ${list(a.allowed)}` : String(a.expected)})`,
    hintFr: () => 'voir docs/format.md ou `equilibre init` pour un exemple complet',
    hintEn: () => 'see docs/format.md or `equilibre init` for a complete example',
  },
  WRONG_TYPE: {
    rule: 'schéma strict (docs/format.md)',
    fr: (a) => `${expectedFr(a.expected)}, trouvé ${tf(a.found)}${a.value ? ` (${String(a.value)})` : ''}`,
    en: (a) => `expected ${String(a.expected)}, found ${String(a.found)}${a.value ? ` (${String(a.value)})` : ''}`,
    hintFr: (a) => (a.found === 'string' && a.expected === 'number' ? 'écrivez le nombre sans guillemets ni unité, avec un point décimal: 1210.5' : 'voir docs/format.md pour le type de cette clé'),
    hintEn: (a) => (a.found === 'string' && a.expected === 'number' ? 'write the number without quotes or unit, with a decimal point: 1210.5' : 'see docs/format.md for the type of this key'),
  },
  VALUE_OUT_OF_RANGE: {
    rule: 'bornes de vraisemblance (docs/format.md)',
    fr: (a) => `valeur ${F.n(a.value)} hors bornes: ${{ min: 'au moins', gt: 'strictement plus de', max: 'au plus', lt: 'strictement moins de' }[String(a.side)] ?? ''} ${F.n(a.bound)} attendu`,
    en: (a) => `value ${E.n(a.value)} out of range: ${{ min: 'at least', gt: 'more than', max: 'at most', lt: 'less than' }[String(a.side)] ?? ''} ${E.n(a.bound)} expected`,
    hintFr: () => 'les `_pct` sont des pourcentages (5 = 5 %); les surfaces sont en m², les montants en euros',
    hintEn: () => '`_pct` values are percents (5 = 5 %); areas are in m², amounts in euros',
  },
  INVALID_CHOICE: {
    rule: 'schéma strict (docs/format.md)',
    fr: (a) => `valeur ${String(a.value)} non admise${a.suggestion ? `; ${didYouMeanFr(a)}` : ''}`,
    en: (a) => `value ${String(a.value)} not allowed${a.suggestion ? `; ${didYouMeanEn(a)}` : ''}`,
    hintFr: (a) => `valeurs admises: ${list(a.allowed)}`,
    hintEn: (a) => `allowed values: ${list(a.allowed)}`,
  },
  INVALID_FORMAT: {
    rule: 'schéma strict (docs/format.md)',
    fr: (a) => `valeur ${String(a.value)} mal formée: ${String(a.expected)} attendu`,
    en: (a) => `malformed value ${String(a.value)}: ${String(a.expected)} expected`,
    hintFr: () => 'dates en AAAA-MM-JJ; identifiants de lot en minuscules, chiffres et _',
    hintEn: () => 'dates as YYYY-MM-DD; lot ids in lower case, digits and _',
  },
  LIST_TOO_SHORT: {
    rule: 'schéma strict (docs/format.md)',
    fr: (a) => `liste trop courte: au moins ${F.n(a.bound)} élément(s) attendu(s)`,
    en: (a) => `list too short: at least ${E.n(a.bound)} item(s) expected`,
    hintFr: () => 'une opération a au moins un lot',
    hintEn: () => 'an operation has at least one lot',
  },
  LIST_TOO_LONG: {
    rule: 'schéma strict (docs/format.md)',
    fr: (a) => `liste trop longue: au plus ${F.n(a.bound)} éléments`,
    en: (a) => `list too long: at most ${E.n(a.bound)} items`,
    hintFr: (a) => `gardez au plus ${F.n(a.bound)} éléments dans cette liste`,
    hintEn: (a) => `keep at most ${E.n(a.bound)} items in this list`,
  },
  CONFLICTING_KEYS: {
    rule: 'une seule façon de donner un montant',
    fr: (a) => `clés incompatibles: ${list(a.keys)} — une seule doit être donnée`,
    en: (a) => `conflicting keys: ${list(a.keys)} — give only one`,
    hintFr: () => 'gardez la forme que vous connaissez (montant, au m², par logement…) et supprimez les autres',
    hintEn: () => 'keep the form you know (amount, per m², per dwelling…) and remove the others',
  },
  MISSING_ONE_OF: {
    rule: 'une seule façon de donner un montant',
    fr: (a) => `il manque le montant: une de ${list(a.keys)}`,
    en: (a) => `the amount is missing: one of ${list(a.keys)}`,
    hintFr: () => 'voir docs/format.md pour les formes admises',
    hintEn: () => 'see docs/format.md for the accepted forms',
  },
  DUPLICATE_LOT_ID: {
    rule: 'identifiants de lots uniques (noms de métriques)',
    fr: (a) => `identifiant de lot « ${String(a.id)} » déjà utilisé par le lot n° ${Number(a.first) + 1}`,
    en: (a) => `lot id "${String(a.id)}" already used by lot #${Number(a.first) + 1}`,
    hintFr: () => 'chaque lot a un identifiant propre: il sert dans les métriques (sale.<lot>.margin_pct)',
    hintEn: () => 'each lot needs its own id: metrics use it (sale.<lot>.margin_pct)',
  },
  UNKNOWN_LOT: {
    rule: 'références de lots',
    fr: (a) => `lot « ${String(a.id)} » inconnu${a.suggestion ? `; ${didYouMeanFr(a)}` : ''}`,
    en: (a) => `unknown lot "${String(a.id)}"${a.suggestion ? `; ${didYouMeanEn(a)}` : ''}`,
    hintFr: () => 'utilisez un `id` déclaré sous `lots:`',
    hintEn: () => 'use an `id` declared under `lots:`',
  },
  UNKNOWN_OWNER: {
    rule: 'propriétaires (owners:)',
    fr: (a) => `propriétaire « ${String(a.id)} » inconnu${a.declared ? '' : ' (aucune liste owners:)'}${a.suggestion ? `; ${didYouMeanFr(a)}` : ''}`,
    en: (a) => `unknown owner "${String(a.id)}"${a.declared ? '' : ' (no owners: list)'}${a.suggestion ? `; ${didYouMeanEn(a)}` : ''}`,
    hintFr: () => 'déclarez chaque propriétaire sous `owners:` (id, name, kind) et utilisez son `id`',
    hintEn: () => 'declare each owner under `owners:` (id, name, kind) and use its `id`',
  },
  DUPLICATE_OWNER_ID: {
    rule: 'propriétaires (owners:)',
    fr: (a) => `identifiant de propriétaire « ${String(a.id)} » déjà utilisé par le propriétaire n° ${Number(a.first) + 1}`,
    en: (a) => `owner id "${String(a.id)}" already used by owner #${Number(a.first) + 1}`,
    hintFr: () => 'chaque propriétaire a un identifiant propre: il sert dans les métriques (owner.<id>.balance_eur)',
    hintEn: () => 'each owner needs its own id: metrics use it (owner.<id>.balance_eur)',
  },
  OWNER_MISSING: {
    rule: 'propriétaires (owners:)',
    fr: (a) => `le lot « ${String(a.lot)} » n’a pas de propriétaire (owner:) alors que le fichier déclare owners:`,
    en: (a) => `lot "${String(a.lot)}" has no owner (owner:) while the file declares owners:`,
    hintFr: () => 'donnez `owner: <id>` à chaque lot, ou retirez `owners:` pour un seul maître d’ouvrage',
    hintEn: () => 'give every lot `owner: <id>`, or remove `owners:` for a single owner',
  },
  VEFA_SELLER_IS_BUYER: {
    rule: 'VEFA entre propriétaires: le vendeur n’est pas l’acquéreur',
    fr: (a) => `le lot « ${String(a.lot)} » est acheté en VEFA par « ${String(a.owner)} » à lui-même`,
    en: (a) => `lot "${String(a.lot)}" is bought in VEFA by "${String(a.owner)}" from itself`,
    hintFr: () => '`vefa.seller` est le propriétaire qui construit et vend; `owner` celui qui achète — retirez `vefa:` si le lot est construit par son propriétaire',
    hintEn: () => '`vefa.seller` is the owner that builds and sells; `owner` the one that buys — remove `vefa:` if the lot is built by its owner',
  },
  PARTNER_SHARES: {
    rule: 'mise en commun déclarée: les parts font 100 %',
    fr: (a) => `les parts des associés font ${String(a.total).replace('.', ',')} %, pas 100 %`,
    en: (a) => `the partners' shares add up to ${String(a.total)} %, not 100 %`,
    hintFr: () => 'le résultat est partagé en entier: les `share_pct` des associés font 100',
    hintEn: () => 'the whole result is shared: the partners\' `share_pct` add up to 100',
  },
  UNKNOWN_PARAMETER: {
    rule: 'paramètres réglementaires (equilibre params)',
    fr: (a) => `paramètre inconnu « ${String(a.key)} »${a.suggestion ? `; ${didYouMeanFr(a)}` : ''}`,
    en: (a) => `unknown parameter "${String(a.key)}"${a.suggestion ? `; ${didYouMeanEn(a)}` : ''}`,
    hintFr: () => '`equilibre params` liste les clés et leurs valeurs',
    hintEn: () => '`equilibre params` lists the keys and their values',
  },
  VAT_LINE_UNKNOWN: {
    rule: 'TVA par ligne du prix de revient (docs/cost-price.md)',
    fr: (a) => `ligne du prix de revient inconnue « ${String(a.key)} » dans vat_by_line_pct${a.suggestion ? `; ${didYouMeanFr(a)}` : ''}`,
    en: (a) => `unknown cost-price line "${String(a.key)}" in vat_by_line_pct${a.suggestion ? `; ${didYouMeanEn(a)}` : ''}`,
    hintFr: (a) => `les clés sont les lignes du prix de revient: ${list(a.allowed)}; une ligne de \`other:\` prend son propre \`vat_pct\``,
    hintEn: (a) => `the keys are the cost-price lines: ${list(a.allowed)}; a line of \`other:\` takes its own \`vat_pct\``,
  },
  SECTION_NOT_FOR_TENURE: {
    rule: 'produits (docs/format.md)',
    fr: (a) => `la section « ${String(a.section)} » ne s'applique pas à un lot ${String(a.tenure)}`,
    en: (a) => `section "${String(a.section)}" does not apply to a ${String(a.tenure)} lot`,
    hintFr: () => '`rent:` pour les lots locatifs (PLAI, PLUS, PLS, LLI, SCIAPP, coop), `sale:` pour PSLA, BRS, libre',
    hintEn: () => '`rent:` for rental lots (PLAI, PLUS, PLS, LLI, SCIAPP, coop), `sale:` for PSLA, BRS, libre',
  },
  FOYER_TENURE: {
    rule: 'logements-foyers et résidences sociales: PLAI, PLUS ou PLS (docs/format.md, « lots[].foyer »)',
    fr: (a) => `lot ${String(a.lot)}: la section « foyer » (logements-foyers, résidence sociale) ne s'applique pas à un lot ${String(a.tenure)}`,
    en: (a) => `lot ${String(a.lot)}: section "foyer" (foyer housing, social residence) does not apply to a ${String(a.tenure)} lot`,
    hintFr: () => 'un logement-foyer est financé en PLAI, PLUS ou PLS: changez `tenure` ou retirez `foyer:`',
    hintEn: () => 'foyer housing is financed as PLAI, PLUS or PLS: change `tenure` or remove `foyer:`',
  },
  FOYER_REDEVANCE: {
    rule: 'redevance d\'un logement-foyer: un montant sous une seule forme, part charges < redevance (docs/format.md, « lots[].foyer »)',
    fr: (a) => a.problem === 'rent' ? `lot ${String(a.lot)}: un loyer est donné en plus de la redevance (l'équivalence de loyer est la redevance moins sa part charges)`
      : a.problem === 'both_forms' ? `lot ${String(a.lot)}: montant de la redevance donné à la fois par logement et par m² SU`
      : `lot ${String(a.lot)}: part charges ${F.eur(a.charges)} ≥ redevance ${F.eur(a.redevance)}${a.per_m2 ? ' (par m² SU et par mois)' : ' (par mois)'}`,
    en: (a) => a.problem === 'rent' ? `lot ${String(a.lot)}: a rent is given besides the redevance (the rent-equivalent is the redevance minus its charges part)`
      : a.problem === 'both_forms' ? `lot ${String(a.lot)}: redevance amount given both per unit and per m² SU`
      : `lot ${String(a.lot)}: charges part ${E.eur(a.charges)} ≥ redevance ${E.eur(a.redevance)}${a.per_m2 ? ' (per m² SU per month)' : ' (per month)'}`,
    hintFr: (a) => a.problem === 'rent' ? 'retirez le loyer: la redevance le donne' : a.problem === 'both_forms' ? 'gardez une seule forme: `..._per_unit_month` ou `..._per_m2_su_month`' : 'la part charges est une partie de la redevance: elle lui est inférieure',
    hintEn: (a) => a.problem === 'rent' ? 'remove the rent: the redevance gives it' : a.problem === 'both_forms' ? 'keep one form: `..._per_unit_month` or `..._per_m2_su_month`' : 'the charges part is a part of the redevance: it is below it',
  },
  REDEVANCE_ABOVE_MAXIMUM: {
    rule: 'équivalence de loyer de la redevance ≤ loyer maximal, CS des logements-foyers (circulaire loyers annexe 6)',
    fr: (a) => `lot ${String(a.lot)}: équivalence de loyer de la redevance ${F.eur(a.rent)}/m² SU/mois au-dessus du maximum ${F.eur(a.max)}/m² SU/mois`,
    en: (a) => `lot ${String(a.lot)}: rent-equivalent of the redevance ${E.eur(a.rent)}/m² SU/month above the maximum ${E.eur(a.max)}/m² SU/month`,
    hintFr: () => 'baissez la redevance ou augmentez sa part charges (`foyer.redevance`)',
    hintEn: () => 'lower the redevance or raise its charges part (`foyer.redevance`)',
  },
  PARAMETERS_YEAR_FALLBACK: {
    rule: 'paramètres réglementaires par millésime',
    fr: (a) => `pas de paramètres pour ${String(a.requested)}: ceux de ${String(a.used)} sont utilisés (disponibles: ${list(a.available)})`,
    en: (a) => `no parameters for ${String(a.requested)}: those of ${String(a.used)} are used (available: ${list(a.available)})`,
    hintFr: () => 'donnez sous `parameters:` les valeurs de votre année qui comptent (plafonds, Livret A…)',
    hintEn: () => 'give the values of your year that matter under `parameters:`',
  },
  IMPLAUSIBLE_DWELLING_SIZE: {
    rule: 'vraisemblance',
    fr: (a) => `lot ${String(a.lot)}: ${F.m2(a.m2_per_dwelling)} SHAB par logement, peu vraisemblable`,
    en: (a) => `lot ${String(a.lot)}: ${E.m2(a.m2_per_dwelling)} per dwelling, implausible`,
    hintFr: () => '`shab_m2` est la SHAB totale du lot, pas celle d’un logement',
    hintEn: () => '`shab_m2` is the total living area of the lot, not of one dwelling',
  },
  TYPES_COUNT_MISMATCH: {
    rule: 'typologie du lot (`types:`)',
    fr: (a) => `lot ${String(a.lot)}: les types comptent ${F.n(a.counts)} logement(s), le lot en déclare ${F.n(a.dwellings)}`,
    en: (a) => `lot ${String(a.lot)}: the types count ${E.n(a.counts)} dwelling(s), the lot says ${E.n(a.dwellings)}`,
    hintFr: () => 'la somme des `count` des types doit faire `dwellings`: corrigez l’un ou l’autre',
    hintEn: () => 'the `count`s of the types must add up to `dwellings`: fix one or the other',
  },
  TYPES_SURFACE_MISMATCH: {
    rule: 'typologie du lot (`types:`)',
    fr: (a) => `lot ${String(a.lot)}: les types font ${F.m2(a.types)} (Σ nombre × surface), \`${String(a.key)}\` en déclare ${F.m2(a.given)}`,
    en: (a) => `lot ${String(a.lot)}: the types give ${E.m2(a.types)} (Σ count × area), \`${String(a.key)}\` says ${E.m2(a.given)}`,
    hintFr: (a) => `la somme de count × ${String(a.key)} des types doit faire le \`${String(a.key)}\` du lot, au centième de m² près`,
    hintEn: (a) => `the sum of count × ${String(a.key)} over the types must equal the lot's \`${String(a.key)}\`, to 0.01 m²`,
  },
  TYPES_INCOMPLETE: {
    rule: 'typologie du lot (`types:`)',
    fr: (a) => `lot ${String(a.lot)}: le type ${String(a.type)} n'a pas de \`${String(a.key)}\` alors que d'autres types en ont`,
    en: (a) => `lot ${String(a.lot)}: type ${String(a.type)} has no \`${String(a.key)}\` while other types have one`,
    hintFr: () => 'donnez le prix (ou le loyer) de chaque type, ou d’aucun (le lot a alors son propre prix ou loyer)',
    hintEn: () => 'give the price (or rent) of every type, or of none (the lot then has its own price or rent)',
  },
  SP_BELOW_SHAB: {
    rule: 'surfaces (SP ≥ SHAB)',
    fr: (a) => `surface de plancher (${F.m2(a.sp)}) inférieure à la SHAB (${F.m2(a.shab)})`,
    en: (a) => `floor area (${E.m2(a.sp)}) below the living area (${E.m2(a.shab)})`,
    hintFr: () => 'la SP inclut murs intérieurs et circulations: elle dépasse la SHAB (rapport SHAB/SP ≈ 0,85)',
    hintEn: () => 'floor area includes walls and circulations: it exceeds living area (ratio ≈ 0.85)',
  },
  FINANCING_UNBALANCED: {
    rule: 'plan de financement: ressources = prix de revient TTC (LEON R-FIN-1)',
    fr: (a) => `lot ${String(a.lot)}: ressources ${F.eur(a.sources)} pour un prix de revient TTC de ${F.eur(a.uses)} — il manque ${F.eur(abs(a.difference))}`,
    en: (a) => `lot ${String(a.lot)}: sources ${E.eur(a.sources)} for a TTC cost of ${E.eur(a.uses)} — ${E.eur(abs(a.difference))} missing`,
    hintFr: () => 'laissez `cdc_default_loans: true` pour que les prêts CDC comblent le reste, ou ajoutez une ressource',
    hintEn: () => 'leave `cdc_default_loans: true` so CDC loans fill the rest, or add a source',
  },
  FINANCING_SURPLUS: {
    rule: 'plan de financement: ressources = prix de revient TTC (LEON R-FIN-1)',
    fr: (a) => `lot ${String(a.lot)}: ressources ${F.eur(a.sources)} pour un prix de revient TTC de ${F.eur(a.uses)} — ${F.eur(a.difference)} de trop`,
    en: (a) => `lot ${String(a.lot)}: sources ${E.eur(a.sources)} for a TTC cost of ${E.eur(a.uses)} — ${E.eur(a.difference)} too much`,
    hintFr: () => 'réduisez les fonds propres, une subvention ou un prêt: les ressources ne peuvent dépasser le coût',
    hintEn: () => 'reduce equity, a subsidy or a loan: sources cannot exceed the cost',
  },
  CDC_LOANS_BELOW_HALF: {
    rule: 'prêts CDC ≥ 50 % du prix de revient (règle PLS, contrôle LEON pour le PLUS)',
    fr: (a) => `lot ${String(a.lot)} (${String(a.tenure)}): prêts CDC ${F.eur(a.cdc)} = ${F.pct(a.cdc_pct)} du prix de revient TTC ${F.eur(a.uses)}, moins de 50 %`,
    en: (a) => `lot ${String(a.lot)} (${String(a.tenure)}): CDC loans ${E.eur(a.cdc)} = ${E.pct(a.cdc_pct)} of the TTC cost ${E.eur(a.uses)}, below 50%`,
    hintFr: () => 'réduisez les fonds propres ou les prêts non CDC, ou vérifiez l’éligibilité avec la CDC',
    hintEn: () => 'reduce equity or non-CDC loans, or check eligibility with the CDC',
  },
  SUBSIDY_WITHOUT_LOT: {
    rule: 'affectation des subventions',
    fr: (a) => `la subvention « ${String(a.source)} » ne s'applique à aucun lot`,
    en: (a) => `subsidy "${String(a.source)}" applies to no lot`,
    hintFr: () => 'sans `lots:` ni `tenures:`, une subvention va aux lots locatifs; précisez ses lots',
    hintEn: () => 'without `lots:` or `tenures:`, a subsidy goes to rental lots; name its lots',
  },
  EQUITY_WITHOUT_RENTAL_LOT: {
    rule: 'plan de financement des lots locatifs',
    fr: () => "des fonds propres sont donnés mais aucun lot locatif ne les reçoit",
    en: () => 'equity is given but no rental lot receives it',
    hintFr: () => 'les lots en accession sont couverts par leurs ventes; retirez ces fonds propres ou corrigez `lots:`',
    hintEn: () => 'sale lots are covered by their revenue; remove this equity or fix `lots:`',
  },
  LOAN_WITHOUT_RENTAL_LOT: {
    rule: 'plan de financement des lots locatifs',
    fr: (a) => `le prêt « ${String(a.label)} » ne finance aucun lot locatif`,
    en: (a) => `loan "${String(a.label)}" finances no rental lot`,
    hintFr: () => 'précisez `lots:` ou `tenures:` vers des lots locatifs',
    hintEn: () => 'point `lots:` or `tenures:` at rental lots',
  },
  LOAN_TERMS_MISSING: {
    rule: 'prêts: taux et durée ([CDC-PLUS])',
    fr: (a) => `prêt « ${String(a.label)} »: conditions manquantes (${missingTerms(a, 'taux fixe')})`,
    en: (a) => `loan "${String(a.label)}": terms missing (${missingTerms(a, 'fixed rate')})`,
    hintFr: () => 'donnez `product:` (PLAI, PLUS, PLS, LLI, PSLA, gaia_lt: conditions CDC des paramètres) ou `margin_pct`/`rate_pct` et `duration_years`',
    hintEn: () => 'give `product:` (CDC terms from the parameters) or `margin_pct`/`rate_pct` and `duration_years`',
  },
  YEAR_NEGATIVE: {
    rule: 'compte d’exploitation ligne à ligne: une année est un rang (1 = première année de location) ou une année civile',
    fr: (a) => `année « ${String(a.year)} »: un rang d’année entier ≥ 1 (ou une année civile) attendu`,
    en: (a) => `year "${String(a.year)}": a whole year index ≥ 1 (or a calendar year) expected`,
    hintFr: () => '1 est la première année de location; une année civile (2031) demande `operation.letting_date`',
    hintEn: () => '1 is the first year of letting; a calendar year (2031) needs `operation.letting_date`',
  },
  BY_YEAR_OUTSIDE_HORIZON: {
    rule: 'compte d’exploitation ligne à ligne: une année dans la durée du compte',
    fr: (a) => a.horizon !== undefined ? `année ${F.n(a.year)} après la durée du compte (${F.n(a.horizon)} ans${a.last !== undefined ? `, dernière année ${String(a.last)}` : ''})` : `année ${String(a.year)} avant la première année de location (${String(a.first)})`,
    en: (a) => a.horizon !== undefined ? `year ${E.n(a.year)} after the account's horizon (${E.n(a.horizon)} years${a.last !== undefined ? `, last year ${String(a.last)}` : ''})` : `year ${String(a.year)} before the first year of letting (${String(a.first)})`,
    hintFr: () => 'corrigez l’année, ou allongez `assumptions.horizon_years`',
    hintEn: () => 'fix the year, or lengthen `assumptions.horizon_years`',
  },
  CALENDAR_YEAR_WITHOUT_DATE: {
    rule: 'compte d’exploitation ligne à ligne: une année civile se place par la date de mise en location',
    fr: (a) => `année civile ${String(a.year)} sans date de mise en location`,
    en: (a) => `calendar year ${String(a.year)} without a letting date`,
    hintFr: () => 'donnez `operation.letting_date` (« 2028-12-01 »), ou écrivez le rang de l’année (1 = première année)',
    hintEn: () => 'give `operation.letting_date` ("2028-12-01"), or write the year index (1 = first year)',
  },
  LINE_SHORTHAND_CONFLICT: {
    rule: 'compte d’exploitation ligne à ligne: une clé abrégée ou l’attribut de sa ligne, pas les deux',
    fr: (a) => `\`${String(a.key)}\` et son abréviation \`${String(a.shorthand)}\` sont tous deux donnés`,
    en: (a) => `\`${String(a.key)}\` and its shorthand \`${String(a.shorthand)}\` are both given`,
    hintFr: (a) => `gardez l’une des deux formes; supprimez \`${String(a.shorthand)}\` pour décrire la ligne en entier`,
    hintEn: (a) => `keep one form; remove \`${String(a.shorthand)}\` to write the line in full`,
  },
  LOAN_DEFERRAL_TOO_LONG: {
    rule: 'prêts CDC: différé d’amortissement < durée ([CDC-PLUS])',
    fr: (a) => `différé de ${F.n(a.deferral)} ans pour un prêt de ${F.n(a.duration)} ans: il ne resterait aucune échéance d’amortissement`,
    en: (a) => `${E.n(a.deferral)}-year deferral on a ${E.n(a.duration)}-year loan: no amortising instalment would be left`,
    hintFr: () => 'la CDC limite le différé à 24 mois; réduisez `deferral_years`',
    hintEn: () => 'the CDC caps deferral at 24 months; reduce `deferral_years`',
  },
  LOCAL_MARGIN_CAPPED: {
    rule: 'marges locales plafonnées (circulaire loyers annexe 6; plafond LEON 12 %)',
    fr: (a) => `lot ${String(a.lot)}: marge locale ${F.pct(a.given)} ramenée au plafond de ${F.pct(a.cap)}`,
    en: (a) => `lot ${String(a.lot)}: local margin ${E.pct(a.given)} capped at ${E.pct(a.cap)}`,
    hintFr: () => 'le plafond est le paramètre `rent.local_margin_cap_pct`',
    hintEn: () => 'the cap is parameter `rent.local_margin_cap_pct`',
  },
  ANNEXES_RULE: {
    rule: 'règle des annexes importantes (circulaire loyers annexe 8: 118 %, 125 % avec ascenseur)',
    fr: (a) => a.subject_kind ? checkFr(a) : `lot ${String(a.lot)}: le produit locatif maximal atteint ${F.pct(a.ratio_pct)} de celui sans annexes ni marge, au-delà de ${F.pct(a.limit_pct)}`,
    en: (a) => a.subject_kind ? checkEn(a) : `lot ${String(a.lot)}: maximum rental product is ${E.pct(a.ratio_pct)} of the one without annexes or margin, above ${E.pct(a.limit_pct)}`,
    hintFr: () => 'le loyer maximal sera écrêté par le service instructeur; réduisez la marge locale ou les annexes comptées en SU',
    hintEn: () => 'the maximum rent will be capped at instruction; reduce the local margin or the annexes counted in SU',
  },
  RENT_ABOVE_MAXIMUM: {
    rule: 'loyer pratiqué ≤ loyer maximal de la convention (circulaire loyers annexe 6)',
    fr: (a) => `lot ${String(a.lot)}: loyer ${F.eur(a.rent)}/m² SU/mois au-dessus du maximum ${F.eur(a.max)}/m² SU/mois`,
    en: (a) => `lot ${String(a.lot)}: rent ${E.eur(a.rent)}/m² SU/month above the maximum ${E.eur(a.max)}/m² SU/month`,
    hintFr: () => 'baissez `rent.rent_eur_per_m2_su_month` ou retirez-le pour appliquer le maximum',
    hintEn: () => 'lower `rent.rent_eur_per_m2_su_month` or remove it to apply the maximum',
  },
  PRICE_ABOVE_CEILING: {
    rule: 'prix PSLA et BRS ≤ plafond PSLA HT par m² SU (arrêté du 26 mars 2004 art. 3; CCH L.255-1)',
    fr: (a) => `lot ${String(a.lot)} (${String(a.tenure)}): prix ${F.eur(a.price)} HT/m² SU au-dessus du plafond ${F.eur(a.ceiling)} HT/m² SU${a.unverified ? ' (plafond non vérifié, voir docs/sources.md)' : ''}`,
    en: (a) => `lot ${String(a.lot)} (${String(a.tenure)}): price ${E.eur(a.price)} excl. VAT/m² SU above the ceiling ${E.eur(a.ceiling)} excl. VAT/m² SU${a.unverified ? ' (ceiling unverified, see docs/sources.md)' : ''}`,
    hintFr: () => 'baissez le prix, ou vérifiez la zone et le millésime du plafond (`equilibre params --grep price_ceiling`)',
    hintEn: () => 'lower the price, or check the zone and year of the ceiling',
  },
  VEFA_PRICE_ABOVE_CAP: {
    rule: 'prix de la VEFA ≤ plafond donné par le fichier (cap_eur_per_m2_su_ht)',
    fr: (a) => `lot ${String(a.lot)}: prix de la VEFA ${F.eur(a.price)} HT/m² SU au-dessus du plafond ${F.eur(a.cap)} HT/m² SU`,
    en: (a) => `lot ${String(a.lot)}: VEFA price ${E.eur(a.price)} excl. VAT/m² SU above the cap ${E.eur(a.cap)} excl. VAT/m² SU`,
    hintFr: () => 'négociez le prix avec le vendeur, ou vérifiez le plafond du financeur (`cap_eur_per_m2_su_ht`)',
    hintEn: () => 'negotiate the price with the seller, or check the financer\'s cap (`cap_eur_per_m2_su_ht`)',
  },
  SALE_MARGIN_BELOW_TARGET: {
    rule: 'marge de vente ≥ marge cible',
    fr: (a) => `lot ${String(a.lot)}: marge ${F.pct(a.margin_pct)} du CA HT, sous la cible de ${F.pct(a.target_pct)}`,
    en: (a) => `lot ${String(a.lot)}: margin ${E.pct(a.margin_pct)} of revenue, below the ${E.pct(a.target_pct)} target`,
    hintFr: () => '`equilibre sensitivity` dit quel prix, quelle subvention ou quelle charge foncière rétablit la marge',
    hintEn: () => '`equilibre sensitivity` tells which price, subsidy or land charge restores the margin',
  },
  PSLA_REDEVANCE_ABOVE_CEILING: {
    rule: 'part locative PSLA ≤ plafond de redevance ([ARR-PSLA])',
    fr: (a) => `lot ${String(a.lot)}: part locative ${F.eur(a.given)}/m² SU/mois ramenée au plafond de ${F.eur(a.ceiling)}/m² SU/mois`,
    en: (a) => `lot ${String(a.lot)}: part locative ${E.eur(a.given)}/m² SU/month capped at ${E.eur(a.ceiling)}/m² SU/month`,
    hintFr: () => 'le plafond est le paramètre `psla.redevance_ceiling.<zone>`',
    hintEn: () => 'the ceiling is parameter `psla.redevance_ceiling.<zone>`',
  },
  FINANCING_BALANCED: {
    rule: 'plan de financement: ressources = prix de revient TTC (LEON R-FIN-1)',
    fr: checkFr,
    en: checkEn,
    hintFr: () => 'le plan de financement doit être équilibré au centime',
    hintEn: () => 'the financing plan must balance to the cent',
  },
  RENT_WITHIN_MAXIMUM: {
    rule: 'loyer pratiqué ≤ loyer maximal (circulaire loyers annexe 6)',
    fr: checkFr,
    en: checkEn,
    hintFr: () => 'baissez le loyer pratiqué ou retirez-le pour appliquer le maximum',
    hintEn: () => 'lower the rent charged or remove it to apply the maximum',
  },
  REDEVANCE_WITHIN_MAXIMUM: {
    rule: 'équivalence de loyer de la redevance ≤ loyer maximal, CS des logements-foyers (circulaire loyers annexe 6)',
    fr: checkFr,
    en: checkEn,
    hintFr: () => 'baissez la redevance ou augmentez sa part charges (`foyer.redevance`)',
    hintEn: () => 'lower the redevance or raise its charges part (`foyer.redevance`)',
  },
  SALE_PRICE_WITHIN_CEILING: {
    rule: 'prix PSLA/BRS ≤ plafond HT par m² SU (arrêté du 26 mars 2004 art. 3)',
    fr: checkFr,
    en: checkEn,
    hintFr: () => 'baissez le prix; `equilibre params --grep price_ceiling` montre les plafonds',
    hintEn: () => 'lower the price; `equilibre params --grep price_ceiling` shows the ceilings',
  },
  CDC_LOANS_AT_LEAST_HALF: {
    rule: 'prêts CDC ≥ 50 % du prix de revient (règle PLS; contrôle LEON pour le PLUS)',
    fr: checkFr,
    en: checkEn,
    hintFr: () => 'réduisez les fonds propres ou les prêts non CDC',
    hintEn: () => 'reduce equity or non-CDC loans',
  },
  RENTAL_TEST: {
    rule: 'cumul d’autofinancement ≥ 0 chaque année sur la durée du prêt principal (circ. 97-51 annexe IV)',
    fr: checkFr,
    en: checkEn,
    hintFr: () => '`equilibre sensitivity` donne les fonds propres, la subvention ou le loyer qui rétablissent l’équilibre',
    hintEn: () => '`equilibre sensitivity` gives the equity, subsidy or rent that restores the balance',
  },
  SALE_MARGIN_TARGET: {
    rule: 'marge de vente ≥ marge cible',
    fr: checkFr,
    en: checkEn,
    hintFr: () => '`equilibre sensitivity` donne le prix qui rétablit la marge cible',
    hintEn: () => '`equilibre sensitivity` gives the price that restores the target margin',
  },
  OFS_BALANCE: {
    rule: 'OFS: cumul ≥ 0 sur la durée du prêt foncier ([CCH-BRS], [CDC-GAIA])',
    fr: checkFr,
    en: checkEn,
    hintFr: () => 'relevez la redevance foncière (voir la redevance d’équilibre) ou apportez des fonds propres à l’OFS',
    hintEn: () => 'raise the land fee (see the break-even fee) or add OFS equity',
  },
  ASSERTION: {
    rule: 'assertion du fichier (`checks:`)',
    fr: checkFr,
    en: checkEn,
    hintFr: () => 'corrigez le scénario, ou l’assertion si elle ne dit plus ce qui est attendu',
    hintEn: () => 'fix the scenario, or the assertion if it no longer says what is expected',
  },
  UNKNOWN_METRIC: {
    rule: 'noms de métriques (docs/json.md)',
    fr: (a) => `métrique inconnue « ${String(a.metric)} »${a.suggestion ? `; vouliez-vous dire « ${String(a.suggestion)} » ?` : ''}`,
    en: (a) => `unknown metric "${String(a.metric)}"${a.suggestion ? `; did you mean "${String(a.suggestion)}"?` : ''}`,
    hintFr: () => '`equilibre report FICHIER --format json` liste les métriques de ce fichier (objet `metrics`)',
    hintEn: () => '`equilibre report FILE --format json` lists this file’s metrics (`metrics` object)',
  },
  ASSERTION_SYNTAX: {
    rule: 'assertions du fichier (`checks:`)',
    fr: (a) => `assertion illisible: ${String(a.text)} — ${assertionDetailFr(String(a.detail))}`,
    en: (a) => `unreadable assertion: ${String(a.text)} — ${String(a.detail)}`,
    hintFr: () => 'forme `métrique op valeur` (op: >= <= > < == !=) ou `métrique between a and b`',
    hintEn: () => 'form `metric op value` (op: >= <= > < == !=) or `metric between a and b`',
  },
  VARIANT_INVALID: {
    rule: 'variantes (`variants:`)',
    fr: (a) => `variante « ${String(a.variant)} »: ${String(a.path)} — ${a.max !== undefined ? `indice au-delà de la liste (au plus ${F.n(a.max)} ici)` : a.cause !== undefined ? causeOf(a, 'fr') : String(a.detail)}`,
    en: (a) => `variant "${String(a.variant)}": ${String(a.path)} — ${a.max !== undefined ? `index past the list (at most ${E.n(a.max)} here)` : a.cause !== undefined ? causeOf(a, 'en') : String(a.detail)}`,
    hintFr: () => 'chaque clé de `set:` est un chemin du fichier (lots[2].tenure) et sa valeur doit respecter le format; null retire une clé',
    hintEn: () => 'each key of `set:` is a path of the file (lots[2].tenure) and its value must fit the format; null removes a key',
  },
  COST_LINE_WITHOUT_LOT: {
    rule: 'affectation des lignes du prix de revient',
    fr: (a) => `la ligne « ${String(a.label)} » ne s'applique à aucun lot (ses \`lots:\`/\`tenures:\` ne désignent aucun lot du fichier)`,
    en: (a) => `line "${String(a.label)}" applies to no lot (its \`lots:\`/\`tenures:\` match no lot of the file)`,
    hintFr: () => 'corrigez `tenures:` ou `lots:`, ou retirez-les pour répartir la ligne sur tous les lots',
    hintEn: () => 'fix `tenures:` or `lots:`, or remove them to spread the line over every lot',
  },
  TA_REGION_OUTSIDE_IDF: {
    rule: "taxe d'aménagement: part régionale en Île-de-France seulement (C. urb. L.331-1 s.)",
    fr: () => "taux régional de taxe d'aménagement donné hors Île-de-France: il n'est pas appliqué",
    en: () => 'regional development-tax rate given outside Île-de-France: it is not applied',
    hintFr: () => 'retirez `ta_region_rate_pct`, ou mettez `operation.ile_de_france: true` si l’opération y est',
    hintEn: () => 'remove `ta_region_rate_pct`, or set `operation.ile_de_france: true` if the operation is there',
  },
  RISK_DISTRIBUTION: {
    rule: 'loi triangulaire de `risk:`: min ≤ mode ≤ max',
    fr: (a) => `loi triangulaire de ${String(a.key)} dans le désordre: [${String(a.min)}, ${String(a.mode)}, ${String(a.max)}]`,
    en: (a) => `triangular distribution of ${String(a.key)} out of order: [${String(a.min)}, ${String(a.mode)}, ${String(a.max)}]`,
    hintFr: () => 'écrivez `triangular: [min, mode, max]` avec min ≤ mode ≤ max, par ex. [-5, 0, 15]',
    hintEn: () => 'write `triangular: [min, mode, max]` with min ≤ mode ≤ max, e.g. [-5, 0, 15]',
  },
  DATES_OUT_OF_ORDER: {
    rule: 'dates dans l’ordre: milieu de chantier après la date des prix, fin du préfinancement après les tirages',
    fr: (a) => `date ${String(a.after)} antérieure à ${String(a.before)}`,
    en: (a) => `date ${String(a.after)} earlier than ${String(a.before)}`,
    hintFr: (a) => (a.rule === 'prefinancing' ? 'la fin du préfinancement (`end_date`) suit le dernier tirage (`draws[].date`); sans `end_date`, c’est la date du dernier tirage' : 'le milieu de chantier (`midpoint_date`) suit la date des prix du marché (`price_date`)'),
    hintEn: (a) => (a.rule === 'prefinancing' ? 'the end of prefinancing (`end_date`) comes after the last draw (`draws[].date`); without `end_date`, it is the last draw’s date' : 'the works midpoint (`midpoint_date`) comes after the price date (`price_date`)'),
  },
  INDEX_BEFORE_SERIES: {
    rule: 'indices datés embarqués ([INSEE-BT01])',
    fr: (a) => `${String(a.index)} de ${String(a.date)}: la série embarquée commence en ${String(a.first)}`,
    en: (a) => `${String(a.index)} of ${String(a.date)}: the embedded series starts in ${String(a.first)}`,
    hintFr: () => 'utilisez `price_revision: { annual_pct, months }` pour une opération plus ancienne',
    hintEn: () => 'use `price_revision: { annual_pct, months }` for an older operation',
  },
  // --- input hardening (issue 12) ---
  INDEX_AFTER_SERIES: {
    rule: 'indices datés embarqués: projection bornée',
    fr: (a) => `${String(a.index)} de ${String(a.date)}: la série embarquée s'arrête en ${String(a.last)} et n'est projetée que jusqu'en ${String(a.horizon)}`,
    en: (a) => `${String(a.index)} of ${String(a.date)}: the embedded series ends in ${String(a.last)} and is projected only up to ${String(a.horizon)}`,
    hintFr: () => 'vérifiez l’année; pour une opération aussi lointaine, utilisez `price_revision: { annual_pct, months }`',
    hintEn: () => 'check the year; for an operation that far ahead, use `price_revision: { annual_pct, months }`',
  },
  INVALID_DATE: {
    rule: 'dates du calendrier (docs/format.md)',
    fr: (a) => `date ${String(a.value)} impossible: ${String(a.value).length === 7 ? 'un mois' : 'un jour'} du calendrier des années ${String(a.min_year)} à ${String(a.max_year)} attendu`,
    en: (a) => `impossible date ${String(a.value)}: a calendar ${String(a.value).length === 7 ? 'month' : 'day'} of the years ${String(a.min_year)} to ${String(a.max_year)} expected`,
    hintFr: () => 'vérifiez le jour du mois (30 février, 31 avril…) et l’année',
    hintEn: () => 'check the day of the month (30 February, 31 April…) and the year',
  },
  CONTROL_CHARACTER: {
    rule: 'textes du fichier: caractères imprimables',
    fr: (a) => `caractère de contrôle ${String(a.char)} dans le texte (caractère n° ${F.n(a.index)})`,
    en: (a) => `control character ${String(a.char)} in the text (character ${E.n(a.index)})`,
    hintFr: () => 'retirez-le: les caractères de contrôle, les marques bidirectionnelles et (hors description et message) les retours à la ligne et tabulations ne sont pas admis',
    hintEn: () => 'remove it: control characters, bidirectional marks and (except in descriptions and messages) line breaks and tabs are not allowed',
  },
  YAML_TOO_MANY_NODES: {
    rule: 'limite de robustesse (nombre de valeurs YAML)',
    fr: (a) => `trop de valeurs YAML (plus de ${F.n(a.max)})`,
    en: (a) => `too many YAML values (over ${E.n(a.max)})`,
    hintFr: () => "un fichier d'opération a quelques centaines de valeurs; ce fichier n'en est probablement pas un",
    hintEn: () => 'an operation file has a few hundred values; this is probably not one',
  },
  YAML_TAG: {
    rule: 'YAML 1.2, schéma de base (docs/format.md)',
    fr: (a) => (a.reason === 'value' ? `la valeur ne correspond pas à son étiquette ${String(a.tag)}` : `étiquette YAML ${String(a.tag)} non prise en charge`),
    en: (a) => (a.reason === 'value' ? `the value does not fit its tag ${String(a.tag)}` : `YAML tag ${String(a.tag)} is not supported`),
    hintFr: () => 'écrivez la valeur sans étiquette (`1850`, `texte`, `true`); seules !!str, !!int, !!float, !!bool, !!null, !!map et !!seq sont admises',
    hintEn: () => 'write the value without a tag (`1850`, `text`, `true`); only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted',
  },
  YAML_MERGE_KEY: {
    rule: 'YAML 1.2 (les clés de fusion `<<` sont du YAML 1.1)',
    fr: () => 'clé de fusion « << » non prise en charge',
    en: () => 'merge key "<<" is not supported',
    hintFr: () => 'recopiez les clés voulues dans la table; une ancre (&) et un alias (*) peuvent reprendre une valeur entière',
    hintEn: () => 'copy the keys into the mapping; an anchor (&) and an alias (*) may repeat a whole value',
  },
  YAML_MULTIPLE_DOCUMENTS: {
    rule: 'format equilibre/v1: un document par fichier',
    fr: () => 'second document YAML (après « --- »): un fichier décrit une seule opération',
    en: () => 'second YAML document (after "---"): a file describes one operation',
    hintFr: () => 'retirez ce « --- » et ce qui suit, ou mettez chaque opération dans son fichier (`equilibre check` en lit plusieurs)',
    hintEn: () => 'remove this "---" and what follows, or put each operation in its own file (`equilibre check` reads several)',
  },
  TOO_MANY_DIAGNOSTICS: {
    rule: 'limite de robustesse (diagnostics par fichier)',
    fr: (a) => `plus de ${F.n(a.max)} problèmes dans ce fichier: les suivants ne sont pas affichés`,
    en: (a) => `over ${E.n(a.max)} problems in this file: the others are not shown`,
    hintFr: () => 'corrigez les premiers et relancez',
    hintEn: () => 'fix the first ones and run again',
  },
};

/** The problem a variant's change causes (VARIANT_INVALID: `cause`, its args as `cause_*`): its code and its own sentence. */
function causeOf(a: Args, lang: Lang): string {
  const args: Args = {};
  for (const [k, v] of Object.entries(a)) if (k.startsWith('cause_')) args[k.slice('cause_'.length)] = v;
  return `[${String(a.cause)}] ${message(String(a.cause), args, lang).text}`;
}

/** The details of ASSERTION_SYNTAX (checks/checks.ts writes them in English), in French. */
function assertionDetailFr(detail: string): string {
  const op = /^`([<>=!]+)` compares numbers: a true\/false value takes `==` or `!=`$/.exec(detail);
  if (op) return `\`${op[1]!}\` compare des nombres: une valeur vrai/faux (true/false) se compare avec \`==\` ou \`!=\``;
  return ({
    'the metric is a number: compare it with a number, not true/false': 'la métrique est un nombre: comparez-la à un nombre, pas à true/false',
    'the metric is true/false: compare it with `== true` or `== false`': 'la métrique est vrai/faux: comparez-la avec `== true` ou `== false`',
    '`between` needs `min` and `max`': '`between` demande `min` et `max`',
    '`value` is missing': '`value` manque',
    'expected `metric op value` (op: >= <= > < == !=) or `metric between a and b`': 'attendu `métrique op valeur` (op: >= <= > < == !=) ou `métrique between a and b`',
  } as Record<string, string>)[detail] ?? detail;
}

export function message(code: string, args: Args, lang: Lang): { text: string; hint?: string; rule: string } {
  const def = MESSAGES[code];
  if (!def) return { text: code, rule: '' };
  const hint = lang === 'fr' ? def.hintFr?.(args) : def.hintEn?.(args);
  return { text: lang === 'fr' ? def.fr(args) : def.en(args), ...(hint ? { hint } : {}), rule: def.rule };
}
