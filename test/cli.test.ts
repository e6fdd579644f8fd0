/**
 * The command line through its real entry point, in-process (`runCli`), and a few spawned runs of
 * the built binary (`runBin`) for real exit codes. Expected figures are computed here from the
 * inputs of examples/exemple.yaml, not copied from the output.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { D, Decimal, type Dec } from '../src/domain/money';
import { ensureBuilt, ROOT, runBin, runCli } from './helpers/cli';
import { extraCommands, type CommandInstaller } from '../src/cli/commands/registry';

const EXAMPLE = 'examples/exemple.yaml';
const exampleText = fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8');
const example = parse(exampleText) as {
  construction: { cost_eur_per_m2_shab: number; common_spaces: { area_m2: number }[]; price_revision: { annual_pct: number; months: number }; contingencies_pct: number };
  lots: { id: string; tenure: string; shab_m2: number }[];
};
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** Core metric names of product.md that exist at this stage. */
const CORE_METRICS = [
  'dwellings', 'shab_m2', 'su_m2', 'sp_m2',
  'cost_price.total_ht_eur', 'cost_price.total_ttc_eur', 'cost_price.per_dwelling_ttc_eur', 'cost_price.per_m2_shab_ttc_eur',
  'cost_price.land_ht_eur', 'cost_price.works_ht_eur', 'cost_price.fees_ht_eur',
  'financing.subsidies_eur', 'financing.loans_eur', 'financing.equity_eur', 'financing.equity_pct', 'financing.cdc_loans_pct', 'financing.total_eur',
];

const round2 = (x: Dec) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON documents are walked freely in assertions
const json = (s: string) => JSON.parse(s) as Record<string, any>;

/**
 * Chapter II (bâtiment) of the example with a given cost per m² SHAB, by hand: works and the
 * common room at that cost, the price revision on them, then contingencies on works + revision,
 * each line to the cent.
 */
function buildingByHand(costPerM2: number): Dec {
  const c = example.construction;
  const shab = example.lots.reduce((s, l) => s.plus(D(l.shab_m2)), D(0));
  const common = c.common_spaces.reduce((s, x) => s.plus(D(x.area_m2)), D(0));
  const works = round2(D(costPerM2).times(shab));
  const commonCost = round2(D(costPerM2).times(common));
  const base = works.plus(commonCost);
  const revision = round2(base.times(D(c.price_revision.annual_pct).div(100)).times(c.price_revision.months).div(12));
  const contingencies = round2(base.plus(revision).times(D(c.contingencies_pct).div(100)));
  return base.plus(revision).plus(contingencies);
}

describe('program', () => {
  it('--version and -V print the package version, exit 0', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
      expect(r.stderr).toBe('');
    }
  });

  it('--help lists the commands, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Utilisation : equilibre/);
    expect(r.stdout).toMatch(/^Commandes :$/m);
    for (const c of ['report', 'params', 'schema', 'init']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    const en = await runCli(['--lang', 'en', '--help']);
    expect(en.stdout).toMatch(/^Usage: equilibre/);
    expect(en.stdout).toMatch(/^Commands:$/m);
    expect((await runCli(['--help'], { env: { EQUILIBRE_LANG: 'en' } })).stdout).toBe(en.stdout);
    // --lang before the command applies to the command (its help and its output)
    expect((await runCli(['--lang', 'en', 'report', '--help'])).stdout).toMatch(/^Usage: equilibre report \[options\] <file>\n\nfull report/);
    const report = (await runCli(['report', EXAMPLE, '--lang', 'en'])).stdout;
    expect(report).toContain('26 dwellings');
    expect((await runCli(['--lang', 'en', EXAMPLE])).stdout).toBe(report);
    expect((await runCli(['report', EXAMPLE], { env: { EQUILIBRE_LANG: 'en' } })).stdout).toBe(report);
    expect((await runCli(['report', EXAMPLE, '--lang', 'fr'], { env: { EQUILIBRE_LANG: 'en' } })).stdout).toContain('26 logements');
    const sub = await runCli(['report', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--format');
    expect(sub.stdout).toContain('--set');
  });

  it('an internal error is said in the language of --lang, exit 2, no stack trace', async () => {
    const boom: CommandInstaller = (program) => { program.command('boom').action(() => { throw new Error('kaput'); }); };
    extraCommands.push(boom);
    try {
      const fr = await runCli(['boom']);
      expect(fr.code).toBe(2);
      expect(fr.stderr).toBe("erreur interne: kaput\naide: c'est un défaut d'equilibre, pas de votre fichier; merci de le signaler avec le fichier et la commande\n");
      const en = await runCli(['boom', '--lang', 'en']);
      expect(en.code).toBe(2);
      expect(en.stderr).toBe('internal error: kaput\nhint: this is a defect of equilibre, not of your file; please report it with the file and the command\n');
    } finally {
      extraCommands.splice(extraCommands.indexOf(boom), 1);
    }
  });

  it('an unknown option is a coded usage error, exit 2, nothing on stdout', async () => {
    const r = await runCli(['report', EXAMPLE, '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('erreur[USAGE]: option inconnue « --bogus »\naide: equilibre report --help\n');
    const en = await runCli(['check', EXAMPLE, '--bogus', '--lang', 'en']);
    expect(en.stderr).toBe("error[USAGE]: unknown option '--bogus'\nhint: equilibre check --help\n");
  });

  it('an unknown command is UNKNOWN_COMMAND with a did-you-mean, exit 2', async () => {
    // a misspelt command followed by a file (was: "too many arguments for 'report'")
    const typo = await runCli(['chek', EXAMPLE]);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toMatch(/^erreur\[UNKNOWN_COMMAND\]: commande inconnue « chek »; vouliez-vous dire « check » \?.*\naide: commandes: report, .*check/);
    // a word alone (was: FILE_NOT_FOUND)
    const alone = await runCli(['frobnicate']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^erreur\[UNKNOWN_COMMAND\]: commande inconnue « frobnicate »/);
    expect(alone.stderr).not.toContain('FILE_NOT_FOUND');
    expect((await runCli(['sensitivty', EXAMPLE, '--lang', 'en'])).stderr).toMatch(/^error\[UNKNOWN_COMMAND\]: unknown command "sensitivty"; did you mean "sensitivity"\?/);
    // a word that is an existing file is a file; a name with a dot or a slash is a file name
    const file = await runCli(['exemple'], { files: { exemple: exampleText } });
    expect(file.code, file.stderr).toBe(0);
    expect((await runCli(['absent.yaml'])).stderr).toContain('erreur[FILE_NOT_FOUND]: absent.yaml');
    expect((await runCli(['dossier/absent'])).stderr).toContain('erreur[FILE_NOT_FOUND]: dossier/absent');
  });

  it('commander\'s usage errors all come out coded: missing argument, bad choice, too many arguments', async () => {
    for (const [args, text] of [
      [['report'], 'erreur[USAGE]: argument obligatoire manquant : fichier\naide: equilibre report --help\n'],
      [['report', EXAMPLE, '--format', 'csv'], 'erreur[USAGE]: valeur « csv » invalide pour l’option « -f, --format <format> » ; valeurs possibles : table, json, markdown, html, xlsx\naide: equilibre report --help\n'],
      [['report', EXAMPLE, EXAMPLE], 'erreur[USAGE]: trop d’arguments pour « report » : 1 attendu(s), 2 reçu(s)\naide: equilibre report --help\n'],
      [['report', EXAMPLE, '--width', '59'], 'erreur[USAGE]: valeur « 59 » invalide pour l’option « --width <n> » : un nombre entier de colonnes, au moins 60, est attendu\naide: equilibre report --help\n'],
      [['report', EXAMPLE, '--lang', 'en', '--width', 'x'], "error[USAGE]: option '--width <n>' argument 'x' is invalid. a whole number of columns, at least 60, is expected\nhint: equilibre report --help\n"],
      [['report', EXAMPLE, '--lang', 'en', EXAMPLE], "error[USAGE]: too many arguments for 'report'. Expected 1 argument but got 2.\nhint: equilibre report --help\n"],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(text);
      expect(r.stdout).toBe('');
    }
  });

  it('a format the command does not have, or no file, is a usage error, exit 2', async () => {
    expect((await runCli(['report', EXAMPLE, '--format', 'csv'])).code).toBe(2);
    expect((await runCli(['report', EXAMPLE, '--lang', 'de'])).code).toBe(2);
    expect((await runCli(['report'])).code).toBe(2);
  });
});

describe('report', () => {
  it('examples/exemple.yaml: exit 0, French section titles, fr-FR numbers', async () => {
    const r = await runCli(['report', EXAMPLE, '--width', '200']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const title of ['SURFACES', 'PRIX DE REVIENT', 'PLAN DE FINANCEMENT', 'HYPOTHÈSES']) expect(r.stdout).toMatch(new RegExp(`^${title}\\n─+$`, 'm'));
    // 1 850 €/m² × 1 720 m² = 3 182 000 €, grouped by spaces, euro sign after
    expect(r.stdout).toContain('1 850 €/m² SHAB × 1 720 m² SHAB');
    expect(r.stdout).toMatch(/│ +3 182 000 € │/);
    expect(r.stdout).toMatch(/\b10,0 %/); // decimal comma, space before %
    expect(r.stdout).not.toMatch(/\d,\d{3},\d{3}|€\d/); // no English grouping or leading euro sign
    expect(r.stdout).not.toContain('ALERTES'); // the example is clean
  });

  it('equilibre FILE is report FILE', async () => {
    expect((await runCli([EXAMPLE])).stdout).toBe((await runCli(['report', EXAMPLE])).stdout);
  });

  it('--lang en: English titles and numbers', async () => {
    const r = await runCli(['report', EXAMPLE, '--lang', 'en']);
    expect(r.code).toBe(0);
    for (const title of ['SURFACES', 'COST PRICE', 'FINANCING PLAN', 'ASSUMPTIONS']) expect(r.stdout).toMatch(new RegExp(`^${title}\\n─+$`, 'm'));
    expect(r.stdout).toContain('€3,182,000');
    expect(r.stdout).not.toContain('PRIX DE REVIENT');
  });

  it('--format json: parses, has schema_version and the core metrics of product.md', async () => {
    const r = await runCli(['report', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.schema_version).toMatch(/^\d+\.\d+$/);
    expect(doc.tool).toEqual({ name: 'equilibre', version: pkg.version });
    for (const m of CORE_METRICS) {
      expect(doc.metrics, m).toHaveProperty([m]);
      expect(typeof doc.metrics[m], m).toBe('number');
    }
    const shab = example.lots.reduce((s, l) => s + l.shab_m2, 0);
    expect(doc.metrics.shab_m2).toBe(shab);
    expect(doc.metrics.dwellings).toBe(26);
    // money rounded to the cent
    for (const m of CORE_METRICS.filter((x) => x.endsWith('_eur'))) expect(Math.round(doc.metrics[m] * 100) / 100, m).toBe(doc.metrics[m]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('--format markdown: headings and pipe tables', async () => {
    const r = await runCli(['report', EXAMPLE, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Les Jardins du Quai/);
    for (const h of ['Surfaces', 'Prix de revient', 'Plan de financement', 'Hypothèses']) expect(r.stdout).toMatch(new RegExp(`^## ${h}$`, 'm'));
    expect(r.stdout).toMatch(/^\| Poste \| Base de calcul \| Montant HT \|/m);
    expect(r.stdout).toMatch(/^\|:---\|:---\|---:\|/m);
    expect(r.stdout).toContain('| Travaux de construction | 1 850 €/m² SHAB × 1 720 m² SHAB | 3 182 000 € |');
  });

  it('-o FILE: nothing on stdout, the file holds exactly what stdout would', async () => {
    for (const format of ['json', 'table', 'markdown']) {
      const direct = await runCli(['report', EXAMPLE, '--format', format]);
      const r = await runCli(['report', EXAMPLE, '--format', format, '-o', 'out.txt']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.written).toEqual({ 'out.txt': direct.stdout });
    }
  });

  it('nothing is written when the file cannot be evaluated, even with -o', async () => {
    const r = await runCli(['report', 'op.yaml', '-o', 'out.json'], { files: { 'op.yaml': 'format: equilibre/v1\n' } });
    expect(r.code).toBe(2);
    expect(r.written).toEqual({});
    expect(r.stdout).toBe('');
  });

  it('hand check: works line 1 850 × 1 720 = 3 182 000 €, TVA of the PLUS lot at 10 %', async () => {
    const doc = json((await runCli(['report', EXAMPLE, '--format', 'json'])).stdout);
    const cost = D(example.construction.cost_eur_per_m2_shab);
    const shab = example.lots.reduce((s, l) => s.plus(D(l.shab_m2)), D(0));
    const works = doc.cost_price.lines.find((l: { id: string }) => l.id === 'works');
    expect(works.amount_ht_eur).toBe(cost.times(shab).toNumber());
    expect(works.amount_ht_eur).toBe(3_182_000);
    // the PLUS lot carries its own works: 1 850 × 780
    const plus = example.lots.find((l) => l.tenure === 'PLUS')!;
    expect(works.per_lot_ht_eur[plus.id]).toBe(cost.times(D(plus.shab_m2)).toNumber());
    // TVA PLUS 10 % (CGI 278 sexies), to the cent, on the lot's HT cost price
    const lot = doc.cost_price.lots.find((l: { id: string }) => l.id === plus.id);
    expect(lot.vat_pct).toBe(10);
    expect(lot.vat_eur).toBe(round2(D(lot.total_ht_eur).times(D('0.10'))).toNumber());
    expect(lot.total_ttc_eur).toBe(D(lot.total_ht_eur).plus(D(lot.vat_eur)).toNumber());
  });

  it('--set construction.cost_eur_per_m2_shab=2000 changes the works metric as computed by hand', async () => {
    const base = json((await runCli(['report', EXAMPLE, '--format', 'json'])).stdout);
    const r = await runCli(['report', EXAMPLE, '--format', 'json', '--set', 'construction.cost_eur_per_m2_shab=2000']);
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r.stdout);
    expect(base.metrics['cost_price.works_ht_eur']).toBe(buildingByHand(example.construction.cost_eur_per_m2_shab).toNumber());
    expect(doc.metrics['cost_price.works_ht_eur']).toBe(buildingByHand(2000).toNumber());
    expect(buildingByHand(2000).toNumber()).toBe(3_708_618); // 3 440 000 + 90 000 + 70 600 + 108 018
    expect(doc.metrics['cost_price.total_ht_eur']).toBeGreaterThan(base.metrics['cost_price.total_ht_eur']);
  });

  it('--set into a list and a repeated --set', async () => {
    const r = await runCli(['report', EXAMPLE, '--format', 'json', '--set', 'lots[0].shab_m2=800', '--set', 'lots[1].dwellings=5']);
    expect(r.code, r.stderr).toBe(0);
    const doc = json(r.stdout);
    expect(doc.metrics.shab_m2).toBe(1740);
    expect(doc.metrics.dwellings).toBe(27);
  });

  it('--set with a value of the wrong type is a located schema error', async () => {
    const r = await runCli(['report', EXAMPLE, '--set', 'construction.cost_eur_per_m2_shab=cher']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('erreur[WRONG_TYPE]: examples/exemple.yaml:');
    expect(r.stderr).toContain('construction.cost_eur_per_m2_shab');
  });
});

describe('params', () => {
  it('params: a table of the latest year, exit 0', async () => {
    const r = await runCli(['params']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Paramètres réglementaires \d{4}\n/);
    expect(r.stdout).toContain('HISTORIQUE DU LIVRET A');
  });

  it('params --year 2025 --format json', async () => {
    const r = await runCli(['params', '--year', '2025', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.schema_version).toBeDefined();
    expect(doc.year).toBe(2025);
    expect(Object.keys(doc.parameters).length).toBeGreaterThan(20);
    for (const p of Object.values(doc.parameters) as { source: string; unit: string }[]) expect(p.source).toBeTruthy();
    expect(doc.parameters['vat.plus_pct'].value).toBe('10');
  });

  it('params --year 1990: UNKNOWN_PARAMETERS_YEAR, exit 2', async () => {
    const r = await runCli(['params', '--year', '1990']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^erreur\[UNKNOWN_PARAMETERS_YEAR\]: pas de paramètres pour 1990\naide: millésimes disponibles: \d{4}/);
    const en = await runCli(['params', '--year', '1990', '--lang', 'en']);
    expect(en.stderr).toMatch(/^error\[UNKNOWN_PARAMETERS_YEAR\]: no parameters for 1990\nhint: available years: \d{4}/);
  });

  it('params --lang en: English titles', async () => {
    const r = await runCli(['params', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Regulated parameters \d{4}\n/);
    expect(r.stdout).toContain('LIVRET A HISTORY');
  });
});

describe('schema', () => {
  it('outputs a JSON Schema of the operation file', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const s = json(r.stdout);
    expect(s.type).toBe('object');
    expect(s.properties.lots.type).toBe('array');
    expect(s.properties.lots.items.properties).toHaveProperty('shab_m2');
    expect(s.required).toEqual(expect.arrayContaining(['format', 'operation', 'land', 'construction', 'lots']));
  });
});

describe('init', () => {
  it('prints examples/exemple.yaml byte for byte, which itself evaluates cleanly', async () => {
    const r = await runCli(['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(exampleText);
    const ev = await runCli(['report', 'new.yaml', '--format', 'json'], { files: { 'new.yaml': r.stdout } });
    expect(ev.code, ev.stderr).toBe(0);
    expect(json(ev.stdout).diagnostics).toEqual([]);
  });

  it('init FILE writes the file; an existing file needs --force', async () => {
    const created = await runCli(['init', 'nouveau.yaml']);
    expect(created.code).toBe(0);
    expect(created.written).toEqual({ 'nouveau.yaml': exampleText });
    expect(created.stdout).toBe('');

    const refused = await runCli(['init', EXAMPLE]);
    expect(refused.code).toBe(2);
    expect(refused.written).toEqual({});
    expect(refused.stderr).toBe(`erreur[FILE_EXISTS]: ${EXAMPLE}\nle fichier existe déjà: il n’est pas remplacé\naide: choisissez un autre nom ou ajoutez --force\n`);

    const forced = await runCli(['init', EXAMPLE, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.written).toEqual({ [EXAMPLE]: exampleText });
  });
});

describe('check', () => {
  it('a file that cannot be evaluated: its errors on stderr as with report, results and the last line on stdout', async () => {
    const r = await runCli(['check', EXAMPLE, 'absent.yaml', 'op.yaml'], { files: { 'op.yaml': 'format: equilibre/v1\n' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^erreur\[FILE_NOT_FOUND\]: absent\.yaml\nfichier introuvable\naide: .*\n\nabsent\.yaml: 1 erreur\(s\): le fichier n'a pas pu être évalué\.\n/);
    expect(r.stderr).toContain("op.yaml: 4 erreur(s): le fichier n'a pas pu être évalué.");
    expect(r.stdout).not.toContain('erreur[');
    expect(r.stdout).toContain('absent.yaml: non évalué\n');
    expect(r.stdout).toMatch(/^examples\/exemple\.yaml: \d+ réussi\(s\), 0 échoué\(s\) \(paramètres \d{4}\.\d+\)$/m);
    // the last line, exactly, and in English whatever --lang (CI tools read it); the two files
    // that could not be evaluated are counted (issue 12: CI must see that files were not checked)
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed, 2 not evaluated\n$/);
    const en = await runCli(['check', EXAMPLE, '--lang', 'en']);
    expect(en.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
    const quiet = (await runCli(['check', EXAMPLE, '--quiet'])).stdout;
    expect(quiet).not.toContain('réussi(s)');
    expect(quiet).toMatch(/\n\d+ passed, 0 failed\n$/);
  });

  it('with -o the results go to the file and the errors still to stderr', async () => {
    const r = await runCli(['check', 'absent.yaml', '-o', 'out.txt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.written['out.txt']).toBe('absent.yaml: non évalué\n0 passed, 0 failed, 1 not evaluated\n');
    expect(r.stderr).toContain('erreur[FILE_NOT_FOUND]: absent.yaml');
  });

  it('a pattern that matches nothing is NO_FILE_MATCHES on stderr, exit 2', async () => {
    const r = await runCli(['check', 'nulle-part/*.yaml', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^erreur\[NO_FILE_MATCHES\]: aucun fichier ne correspond à nulle-part\/\*\.yaml\naide: /);
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
  });
});

describe('loan', () => {
  it('a bad option is INVALID_OPTION, exit 2', async () => {
    const r = await runCli(['loan', '--amount', 'beaucoup']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^erreur\[INVALID_OPTION\]: --amount "beaucoup": nombre attendu\naide: /);
    expect((await runCli(['loan', '--amount', '1000', '--lang', 'en'])).stderr).toMatch(/^error\[INVALID_OPTION\]: rate missing\nhint: /);
  });
});

describe('the built binary (spawned)', () => {
  let tmp: string;
  beforeAll(() => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'equilibre-cli-'));
  }, 120_000);
  afterAll(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it('exit 0 on --version and on the example', () => {
    const v = runBin(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const r = runBin(['report', EXAMPLE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('PRIX DE REVIENT');
    expect(r.stderr).toBe('');
  });

  it('exit 2 on a missing file, a YAML error, an unknown option — never a stack trace', () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, 'format: equilibre/v1\noperation: { name: [\n');
    for (const args of [['report', path.join(tmp, 'absent.yaml')], ['report', bad], ['report', EXAMPLE, '--bogus'], ['params', '--year', '1990']]) {
      const r = runBin(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).not.toMatch(/^ {4}at /m);
    }
  });

  it('a real file over 10 MB is refused quickly with FILE_TOO_LARGE, exit 2', () => {
    const big = path.join(tmp, 'big.yaml');
    fs.writeFileSync(big, 'format: equilibre/v1\n# ' + 'x'.repeat(11 * 1024 * 1024) + '\n');
    const t0 = Date.now();
    const r = runBin(['report', big]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[FILE_TOO_LARGE]');
  });

  it('-o writes the file on disk, nothing on stdout, no temporary file left', () => {
    const out = path.join(tmp, 'out.json');
    const r = runBin(['report', EXAMPLE, '--format', 'json', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).schema_version).toBeDefined();
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
