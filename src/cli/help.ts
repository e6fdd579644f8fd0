/**
 * Commander in the user's language and within the width: `--help` headings, option and command
 * descriptions, placeholders, the default help/version options, and commander's own usage errors
 * (unknown option, missing argument, bad choice…), in French by default, in English with
 * `--lang en` anywhere on the command line or EQUILIBRE_LANG=en in the environment.
 *
 * The descriptions are written in French where the commands are declared; their English text is
 * here, by command and option (EN_DESCRIPTIONS), so `equilibre --lang en report --help` is English.
 */
import { Help, InvalidArgumentError, Option, type Argument, type Command } from 'commander';
import type { Lang } from '../report/format';
import { DEFAULT_WIDTH, MIN_WIDTH } from '../report/render';
import { displayWidth, wrapIndented } from '../report/table';

/** The language of what commander prints (help, usage errors): `--lang en` on the command line, else EQUILIBRE_LANG, else French. */
export function cliLang(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) return 'en';
    if (a === '--lang=fr' || (a === '--lang' && argv[i + 1] === 'fr')) return 'fr';
  }
  return envLang(env);
}

/** EQUILIBRE_LANG=en|fr: the default of every `--lang` (and of the help). LANG/LC_* are not read: a machine set to en_US would lose the French output. */
export function envLang(env: Record<string, string | undefined>): Lang {
  return (env.EQUILIBRE_LANG ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'fr';
}

/** The default of `--lang` for the commands being declared (set by main from EQUILIBRE_LANG). */
let defaultLang: Lang = 'fr';
let messageLang: Lang = 'fr';
export function setCliLang(defaults: Lang, messages: Lang): void {
  defaultLang = defaults;
  messageLang = messages;
}
/** The language of usage errors and help for the command line being run. */
export const currentMessageLang = (): Lang => messageLang;

/** `--lang <lang>`: fr or en, default EQUILIBRE_LANG or fr. */
export function langOption(description = 'langue des libellés et des messages'): Option {
  return new Option('--lang <lang>', description).choices(['fr', 'en']).default(defaultLang);
}

/** `--width <n>`: the widest line of a table output, at least 60. */
export function parseWidth(text: string): number {
  const t = text.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isInteger(n) || n < MIN_WIDTH || n > 10_000) {
    throw new InvalidArgumentError(messageLang === 'fr'
      ? `un nombre entier de colonnes, au moins ${MIN_WIDTH}, est attendu`
      : `a whole number of columns, at least ${MIN_WIDTH}, is expected`);
  }
  return n;
}

export function widthOption(): Option {
  return new Option('--width <n>', `largeur maximale des lignes, en colonnes (au moins ${MIN_WIDTH}; défaut: celle du terminal, sinon ${DEFAULT_WIDTH})`).argParser(parseWidth);
}

/** The width of a table output: `--width`, else the terminal's (stdout only, not with -o), else 100; never under 60. */
export function outputWidth(opts: { width?: number | undefined; output?: string | undefined }, stdoutColumns: number | undefined): number {
  if (opts.width !== undefined) return opts.width;
  if (!opts.output && stdoutColumns && stdoutColumns > 0) return Math.max(MIN_WIDTH, stdoutColumns);
  return DEFAULT_WIDTH;
}

/** `--width N` or `--width=N` on the command line, for the help (printed before options are parsed). */
export function argvWidth(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a.startsWith('--width=') ? a.slice(8) : a === '--width' ? argv[i + 1] : undefined;
    if (v !== undefined) {
      try { return parseWidth(v); } catch { return undefined; }
    }
  }
  return undefined;
}

const TITLES_FR: Record<string, string> = {
  'Usage:': 'Utilisation :', 'Options:': 'Options :', 'Commands:': 'Commandes :', 'Arguments:': 'Arguments :', 'Global Options:': 'Options globales :',
};

/** Placeholders of the usage lines and option terms, in French. */
const PLACEHOLDER_FR: Record<string, string> = {
  file: 'fichier', files: 'fichiers', command: 'commande', options: 'options', lang: 'langue', 'path=value': 'chemin=valeur', what: 'détails',
  range: 'plage', 'a:range,b:range': 'a:plage,b:plage', metric: 'indicateur', list: 'liste', eur: 'euros', product: 'produit', line: 'ligne',
  pct: 'pourcent', year: 'année', kind: 'type', text: 'texte', n: 'n', codes: 'codes', format: 'format', version: 'version',
};
const placeholdersFr = (s: string) => s.replace(/([<[])([^<>[\]]+?)(\.\.\.)?([>\]])/g, (m, open: string, name: string, dots: string | undefined, close: string) => {
  const fr = PLACEHOLDER_FR[name];
  return fr ? `${open}${fr}${dots ?? ''}${close}` : m;
});

/** English descriptions, by `command` then option long flag or `<argument>` ('' = the command itself). */
const EN_DESCRIPTIONS: Record<string, Record<string, string>> = {
  equilibre: {
    '': "Housing-programme operation balance: cost price, financing plan, rental balance, sales, sensitivity.",
    '--version': 'print the version', '--help': 'display help', '--lang': 'language of reports, messages and help (also: EQUILIBRE_LANG=en)',
  },
  '*': {
    '--format': 'output format', '--lang': 'language of labels and messages', '--output': 'write to this file (atomically) instead of standard output',
    '--set': 'override a value of the file, e.g. construction.cost_eur_per_m2_shab=1500 (repeatable)', '--help': 'display help',
    '--width': 'widest line, in columns (at least 60; default: the terminal’s, else 100)', '--year': 'parameters year', '--strict': 'exit code 1 if a warning or error is reported',
    '--no-goal-seek': 'without the search for what restores the balance',
    '--max-evaluations': 'cap on the work, in lot-evaluations (evaluations × lots; default 50,000)',
  },
  report: {
    '': 'full report of an operation (default command: `equilibre FILE`)', '<file>': 'operation file, YAML (format equilibre/v1)',
    '--detail': 'details: `loans` (full schedules), `years` (every year), comma-separated',
    '--sections': 'sections to show, in the order of the report (ids in French or in English)',
  },
  params: {
    '': 'embedded regulated parameters (ceilings, CDC loans, Livret A, VAT, TFPB, TA), with their sources',
    '--grep': 'keep only keys or labels containing this text', '--lang': 'language of titles, labels and messages',
    '--output': 'write to this file',
  },
  schema: { '': 'JSON schema of the operation file (editor completion)', '--output': 'write to this file', '--profile': 'the schema of a management profile file (docs/format.md, "Profile file")' },
  init: {
    '': 'write an annotated operation file to start from', '[file]': 'file to create (otherwise: standard output)',
    '--force': 'replace the file if it exists', '--lang': 'language of the messages (the file written is in French)',
    '--example': 'example: exemple (one owner) or sccv (several owners, VEFA, OFS, transfers)',
    '--profile': 'the file names this management profile (profile:), its path written relative to the file',
  },
  profile: { '': "a bailleur's management profile (profil de gestion)" },
  show: {
    '': "a management profile's values, with the profile of its chain each comes from", '<file>': 'the profile file',
    '--format': 'output format', '--lang': 'language of titles and messages', '--output': 'write to this file',
  },
  loan: {
    '': 'schedule of a CDC loan indexed on the Livret A (simple, double, double-limited revision)',
    '--amount': 'amount borrowed, in euros', '--product': 'CDC product: PLAI, PLUS, PLS, LLI, PSLA, gaia_lt (margin and term from the parameters)',
    '--line': 'product line', '--margin-pct': 'margin over the Livret A, in % (0.6 = LA + 0.60 %)', '--rate-pct': 'fixed rate, in % (loan not indexed)',
    '--livret-a-pct': 'Livret A at signing, in % (default: parameters)', '--livret-a-path': 'Livret A for years 1, 2, … in % (1.5,2.0,…): the last value holds after',
    '--years': 'term in years, deferral included', '--progressivity-pct': 'progressivity of the annuities, in % a year (−3 to +0.5)',
    '--deferral-years': 'years of deferred amortisation', '--revisability': 'revisability', '--output': 'write to this file',
  },
  check: {
    '': 'evaluate files and run the built-in rules and the `checks:` assertions (exit codes 0/1/2)',
    '<files...>': 'files or patterns (fixtures/*.yaml, scenarios/**/*.yaml)', '--junit': 'also write a JUnit XML report (one case per file × check)',
    '--strict': 'warnings fail too', '--only': 'run only these checks (codes, comma-separated; ASSERTION = the file’s assertions)',
    '--skip': 'do not run these checks', '--set': 'override a value in every file (repeatable)', '--quiet': 'do not print the line per file',
    '--jobs': 'check the files on n cores (auto: one per core); by default two from 200 files', '--output': 'write to this file',
  },
  sensitivity: {
    '': 'sensitivity: construction-cost inflation, other levers, tornado, grid, break-even and what restores the balance',
    '<file>': 'operation file, YAML', '--construction': 'construction-cost inflation in % (default 0:30:5)', '--land': 'change of the land charge in %',
    '--livret-a': 'change of the Livret A in points', '--rents': 'change of the rents in %', '--vacancy': 'change of the vacancy in points',
    '--subsidies': 'change of the subsidies in %', '--prices': 'change of the sale prices in %', '--grid': '2-D grid, e.g. construction:0:30:5,livret-a:0:2:0.5',
    '--grid-metric': 'metric of the grid', '--no-tornado': 'without the tornado',
  },
  risk: {
    '': 'risk: seeded Monte Carlo draws (construction cost, Livret A, IRL, charges, vacancy, sale prices, works delay): percentiles, probabilities, what drives the spread',
    '<file>': 'operation file, YAML', '--draws': 'number of draws (default: the file’s risk.draws, else 1000; at most 1000000)',
    '--seed': 'seed of the generator (default: the file’s risk.seed, else 20260101)',
    '--no-break-even': 'without each draw’s bearable construction-cost rise (about six times less work)',
    '--exact-percentiles': 'evaluate each percentile’s draw again on the exact engine (default: the draw’s figure on the compiled plan, to the cent)',
    '--jobs': 'draw on n cores, at most two (auto: two when there are two, from 2000 draws); by default one; the results do not depend on it',
  },
  compare: {
    '': 'compare operations or variants side by side, ranked by a metric', '<files...>': 'operation files (their `variants:` are compared too)',
    '--rank': 'ranking metric', '--metrics': 'metrics to compare, comma-separated',
  },
  explain: {
    '': 'where a metric comes from: its formula, its operands and, for each input, the line of the file, the parameter or the default',
    '<file>': 'operation file, YAML (format equilibre/v1)', '<metric>': 'metric name (docs/json.md), e.g. rental.break_even_rent_eur_per_m2_su_month',
    '--depth': 'levels shown (default 4; `all`: the whole tree)',
  },
  help: { '': 'display help for a command' },
};

function enText(cmd: Command | undefined, key: string, fallback: string): string {
  const name = cmd?.name() ?? '';
  return EN_DESCRIPTIONS[name]?.[key] ?? (key === '' ? undefined : EN_DESCRIPTIONS['*']![key]) ?? fallback;
}

const json = (v: unknown) => JSON.stringify(v);

/**
 * Help configuration for commander: translated headings and descriptions, French placeholders,
 * defaults and choices in words, wrapped at `width` (no line wider, the usage line included).
 */
export function helpConfiguration(lang: Lang, width: number): Partial<Help> {
  let current: Command | undefined;
  const fr = lang === 'fr';
  const extra = (choices: readonly string[] | undefined, def: unknown, show: boolean, defText?: string) => {
    const parts: string[] = [];
    if (choices) parts.push(`${fr ? 'choix' : 'choices'}: ${choices.map(json).join(', ')}`);
    if (show && def !== undefined && !(Array.isArray(def) && def.length === 0)) parts.push(`${fr ? 'défaut' : 'default'}: ${defText ?? json(def)}`);
    return parts.length ? ` (${parts.join(fr ? ' ; ' : ', ')})` : '';
  };
  return {
    helpWidth: width,
    minWidthToWrap: 20,
    styleTitle: (s: string) => (fr ? TITLES_FR[s] ?? s : s),
    commandUsage(this: Help, cmd: Command) {
      const u = Help.prototype.commandUsage.call(this, cmd);
      return fr ? placeholdersFr(u) : u;
    },
    subcommandTerm(this: Help, cmd: Command) {
      const s = Help.prototype.subcommandTerm.call(this, cmd);
      return fr ? placeholdersFr(s) : s;
    },
    optionTerm(this: Help, option: Option) {
      const s = Help.prototype.optionTerm.call(this, option);
      return fr ? placeholdersFr(s) : s;
    },
    argumentTerm(this: Help, argument: Argument) {
      return fr ? PLACEHOLDER_FR[argument.name()] ?? argument.name() : argument.name();
    },
    commandDescription: (cmd: Command) => (fr ? cmd.description() : enText(cmd, '', cmd.description())),
    subcommandDescription: (cmd: Command) => (fr ? cmd.summary() || cmd.description() : enText(cmd, '', cmd.summary() || cmd.description())),
    optionDescription: (option: Option) => {
      const key = option.long ?? option.short ?? '';
      const base = fr ? option.description : enText(current, key, option.description);
      const show = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      // --lang: its default is the language of this command line, said as the rule it follows
      const langDefault = option.long === '--lang' ? (fr ? '"fr", ou EQUILIBRE_LANG' : '"fr", or EQUILIBRE_LANG') : undefined;
      return base + extra(option.argChoices, option.defaultValue, show && !option.negate, langDefault);
    },
    argumentDescription: (argument: Argument) => {
      const key = argument.variadic ? `<${argument.name()}...>` : argument.required ? `<${argument.name()}>` : `[${argument.name()}]`;
      const base = fr ? argument.description : enText(current, key, argument.description);
      return base + extra(argument.argChoices, argument.defaultValue, argument.defaultValue !== undefined);
    },
    formatHelp(this: Help, cmd: Command, helper: Help) {
      current = cmd;
      const text = Help.prototype.formatHelp.call(this, cmd, helper);
      // commander wraps descriptions, not the usage line nor a term wider than the room left: wrap what is still too wide
      return text.split('\n').flatMap((l) => (displayWidth(l) > width ? wrapIndented(l, width, 4) : [l])).join('\n');
    },
  };
}

/** The help and version options and the help command, in the language. */
export function localiseBuiltins(program: Command, lang: Lang, version: string): void {
  const fr = lang === 'fr';
  program
    .version(version, '-V, --version', fr ? 'afficher la version' : 'print the version')
    .helpOption('-h, --help', fr ? 'afficher l’aide' : 'display help')
    .helpCommand(fr ? 'help [commande]' : 'help [command]', fr ? 'afficher l’aide d’une commande' : 'display help for a command');
}

/**
 * Commander's usage errors (the text after `error: `), in French. English: as commander writes them.
 * Unknown forms are kept as they are (the test of every command's output in both languages catches them).
 */
export function translateUsageError(detail: string, lang: Lang): string {
  if (lang === 'en') return detail;
  const q = (s: string) => `« ${placeholdersFr(s)} »`;
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^unknown option '([^']*)'(?:\s*\(Did you mean (.+)\?\))?$/s, (o, s) => `option inconnue ${q(o!)}${s ? ` ; vouliez-vous dire ${s} ?` : ''}`],
    [/^unknown command '([^']*)'(?:\s*\(Did you mean (.+)\?\))?$/s, (c, s) => `commande inconnue ${q(c!)}${s ? ` ; vouliez-vous dire ${s} ?` : ''}`],
    [/^missing required argument '([^']*)'$/, (a) => `argument obligatoire manquant : ${PLACEHOLDER_FR[a!] ?? a}`],
    [/^option '([^']*)' argument missing$/, (o) => `l’option ${q(o!)} attend une valeur`],
    [/^too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (c, e, g) => `trop d’arguments${c ? ` pour ${q(c)}` : ''} : ${e} attendu(s), ${g} reçu(s)`],
    [/^too many arguments(?: for '([^']*)')?$/, (c) => `trop d’arguments${c ? ` pour ${q(c)}` : ''}`],
    [/^option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/, (o, v, c) => `valeur « ${v} » invalide pour l’option ${q(o!)} ; valeurs possibles : ${c}`],
    [/^option '([^']*)' argument '([^']*)' is invalid\.\s*(.*)$/s, (o, v, r) => `valeur « ${v} » invalide pour l’option ${q(o!)}${r ? ` : ${r}` : ''}`],
    [/^command-argument value '([^']*)' is invalid for argument '([^']*)'\.\s*(.*)$/s, (v, a, r) => `valeur « ${v} » invalide pour l’argument ${PLACEHOLDER_FR[a!] ?? a}${r ? ` : ${r}` : ''}`],
    [/^required option '([^']*)' not specified$/, (o) => `option obligatoire ${q(o!)} manquante`],
    [/^(.*) cannot be used with (.*)$/, (a, b) => `${a} ne peut pas être utilisée avec ${b}`],
  ];
  for (const [re, fn] of rules) {
    const m = re.exec(detail);
    if (m) return fn(...m.slice(1).map((x) => x ?? ''));
  }
  return detail;
}
