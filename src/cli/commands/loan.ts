/** `equilibre loan`: one CDC-style loan schedule from flags ([CDC-PLUS]). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { D, HUNDRED, pct, type Dec } from '../../domain/money';
import { loanSchedule, validateLoanSpec, type LoanSpec, type Revisability } from '../../engine/loan';
import { getParamYear, listParamYears, paramDec, productLine } from '../../params/index';
import { resolveLivretA } from '../../engine/model';
import { renderMarkdown, renderText } from '../../report/render';
import { scheduleBlock, scheduleJson } from '../../report/rental';
import { publishSchedule } from '../../report/foot';
import { fmtEur, fmtNum, fmtPct, jsonNum, plain, type Lang } from '../../report/format';
import { toJsonText } from '../../report/json';
import { JSON_SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../../version';
import { EXIT_ERROR, EXIT_OK, type Io } from '../io';
import { emit } from '../common';
import { langOption, outputWidth, widthOption } from '../help';
import { extraCommands } from './registry';
import { MAX_EUR } from '../../schema/primitives';

/** The smallest amount `loan` schedules: one cent (the published schedule is in cents). */
const MIN_AMOUNT_EUR = '0.01';

interface LoanOptions {
  amount?: string;
  product?: string;
  line: 'building' | 'land';
  marginPct?: string;
  ratePct?: string;
  livretAPct?: string;
  livretAPath?: string;
  years?: string;
  progressivityPct?: string;
  deferralYears?: string;
  revisability: string;
  year?: string;
  format: string;
  lang: Lang;
  output?: string;
  width?: number;
}

const PRODUCTS = ['PLAI', 'PLUS', 'PLS', 'LLI', 'PSLA', 'gaia_lt'];

function num(io: Io, name: string, text: string | undefined, lang: Lang): Dec | undefined | null {
  if (text === undefined) return undefined;
  const t = text.trim().replace(',', '.');
  // Plain decimals, and exponent notation (1e11, 2.5E6) as the help and docs/json.md allow.
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$/.test(t)) {
    io.stderr(lang === 'fr' ? `erreur[INVALID_OPTION]: --${name} ${JSON.stringify(text)}: nombre attendu\naide: écrivez par exemple --${name} 1.5\n` : `error[INVALID_OPTION]: --${name} ${JSON.stringify(text)}: a number is expected\nhint: for example --${name} 1.5\n`);
    return null;
  }
  return D(t);
}

function fail(io: Io, lang: Lang, fr: string, en: string, hintFr: string, hintEn: string): number {
  io.stderr(lang === 'fr' ? `erreur[INVALID_OPTION]: ${fr}\naide: ${hintFr}\n` : `error[INVALID_OPTION]: ${en}\nhint: ${hintEn}\n`);
  return EXIT_ERROR;
}

export function runLoan(io: Io, o: LoanOptions): number {
  const lang = o.lang;
  const years = listParamYears();
  const year = o.year !== undefined ? Number(o.year) : years[years.length - 1]!;
  const set = getParamYear(year);
  if (!set) return fail(io, lang, `pas de paramètres pour ${o.year}`, `no parameters for ${o.year}`, `millésimes: ${years.join(', ')}`, `years: ${years.join(', ')}`);
  const raw = [o.amount, o.marginPct, o.ratePct, o.livretAPct, o.years, o.progressivityPct, o.deferralYears];
  const names = ['amount', 'margin-pct', 'rate-pct', 'livret-a-pct', 'years', 'progressivity-pct', 'deferral-years'];
  const parsed = raw.map((v, i) => num(io, names[i]!, v, lang));
  if (parsed.includes(null)) return EXIT_ERROR;
  const [amount, margin, rate, la, yearsOpt, prog, deferral] = parsed as (Dec | undefined)[];
  if (amount === undefined) return fail(io, lang, 'montant manquant', 'amount missing', 'donnez --amount 100000', 'give --amount 100000');
  // Bounds inclusive: 0,01 € (a schedule is published in cents) to 100 milliards € (MAX_EUR of the input files).
  if (amount!.lt(MIN_AMOUNT_EUR) || amount!.gt(MAX_EUR)) return fail(io, lang, `montant ${plain(amount!, 'fr', 6)} € hors bornes: de 0,01 € à 100 milliards € (1e11), bornes comprises`, `amount €${plain(amount!, 'en', 6)} out of range: from €0.01 to €100 billion (1e11), inclusive`, 'un montant en euros, par exemple --amount 100000', 'an amount in euros, for example --amount 100000');
  let path: Dec[] | undefined;
  if (o.livretAPath !== undefined) {
    const parts = o.livretAPath.split(/[;,\s]+/).filter(Boolean);
    path = [];
    for (const p of parts) {
      const v = num(io, 'livret-a-path', p, lang);
      if (v === null || v === undefined) return EXIT_ERROR;
      if (v.lt(0) || v.gt(15)) return fail(io, lang, `Livret A ${p} % hors bornes (0 à 15 %)`, `Livret A ${p} % out of range (0 to 15 %)`, 'des pourcentages: 1.5,2,2.2', 'percents: 1.5,2,2.2');
      path.push(v);
    }
    if (path.length === 0) return fail(io, lang, 'trajectoire du Livret A vide', 'empty Livret A path', '--livret-a-path 1.5,2.0', '--livret-a-path 1.5,2.0');
  }
  const product = o.product ? PRODUCTS.find((p) => p.toLowerCase() === o.product!.toLowerCase()) : undefined;
  if (o.product && !product) return fail(io, lang, `produit ${o.product} inconnu`, `unknown product ${o.product}`, `produits: ${PRODUCTS.join(', ')}`, `products: ${PRODUCTS.join(', ')}`);
  const key = product?.toLowerCase();
  const line = key ? productLine(key, o.line) : o.line;
  if (margin === undefined && rate === undefined && !key) return fail(io, lang, 'taux manquant', 'rate missing', 'donnez --product PLUS, ou --margin-pct 0.6, ou --rate-pct 3 (taux fixe)', 'give --product PLUS, or --margin-pct 0.6, or --rate-pct 3 (fixed)');
  // the same rule as an operation file's assumptions (engine/model.ts): a rate given without a path is held flat
  const { la0, path: livretAPath } = resolveLivretA(set.params, { ratePct: la, pathPct: path });
  const m = margin !== undefined ? pct(margin) : key ? pct(paramDec(set.params, `loan.${key}.${line}.margin_pct`)) : D(0);
  const n = yearsOpt !== undefined ? yearsOpt : key ? paramDec(set.params, `loan.${key}.${line}.duration_years`) : undefined;
  if (n === undefined) return fail(io, lang, 'durée manquante', 'duration missing', 'donnez --years 40', 'give --years 40');
  if (!n.isInteger() || n.lt(1) || n.gt(80)) return fail(io, lang, `durée ${n.toString()} ans: un entier de 1 à 80 attendu`, `duration ${n.toString()}: an integer from 1 to 80 expected`, 'les prêts CDC vont jusqu’à 80 ans (foncier en zone tendue, Gaïa BRS)', 'CDC loans run up to 80 years');
  const p = prog !== undefined ? pct(prog) : pct(paramDec(set.params, 'loan.default.progressivity_pct'));
  if (p.lt(D('-0.03')) || p.gt(D('0.005'))) return fail(io, lang, `progressivité ${p.times(100).toString()} % hors de la plage CDC (−3 % à +0,5 %)`, `progressivity ${p.times(100).toString()} % outside the CDC range (−3 % to +0.5 %)`, '[CDC-PLUS]', '[CDC-PLUS]');
  const d = deferral ?? D(0);
  if (!d.isInteger() || d.lt(0) || d.gte(n)) return fail(io, lang, `différé ${d.toString()} ans: un entier de 0 à ${n.minus(1).toString()} attendu`, `deferral ${d.toString()}: an integer from 0 to ${n.minus(1).toString()} expected`, 'la CDC limite le différé à 24 mois', 'the CDC caps deferral at 24 months');
  if (rate !== undefined && rate.isNegative()) return fail(io, lang, `taux fixe ${plain(rate, 'fr')} %: un taux d'intérêt ne peut pas être négatif`, `fixed rate ${plain(rate, 'en')} %: an interest rate cannot be negative`, 'un taux de 0 % ou plus, par exemple --rate-pct 3', 'a rate of 0 % or more, for example --rate-pct 3');
  const revisability: Revisability = rate !== undefined ? 'fixed' : (o.revisability.replace('-', '_') as Revisability);
  const spec: LoanSpec = {
    amountEur: amount!, margin: m, livretA0: la0, livretAPath, durationYears: n.toNumber(), progressivity: p, deferralYears: d.toNumber(), revisability,
    ...(rate !== undefined ? { fixedRate: pct(rate) } : {}),
  };
  const problems = validateLoanSpec(spec);
  if (problems.length) return fail(io, lang, problems.join('; '), problems.join('; '), 'voir equilibre loan --help', 'see equilibre loan --help');
  const s = publishSchedule(loanSchedule(spec).rows);
  const t0Raw = rate !== undefined ? pct(rate) : la0.plus(m);
  // An indexed rate is floored at 0 % (engine/loan.ts floorRateAtZero; a lender does not pay the
  // borrower interest: Cass. civ. 1re, 25 mars 2020, n° 18-23.803). Say so instead of printing a
  // negative rate that is not the one used: the years whose rate is floored are listed.
  const t0 = t0Raw.isNegative() ? D(0) : t0Raw;
  const flooredYears = rate !== undefined ? [] : s.rows.filter((r) => {
    const laY = livretAPath.length === 0 ? la0 : livretAPath[Math.min(r.year, livretAPath.length) - 1]!;
    return t0Raw.plus(laY.minus(la0)).isNegative();
  }).map((r) => r.year);
  const terms = {
    amount_eur: jsonNum(amount!), product: product ?? null, line, rate_pct: jsonNum(t0.times(HUNDRED), 4), margin_pct: rate !== undefined ? null : jsonNum(m.times(HUNDRED), 4),
    livret_a_pct: jsonNum(la0.times(HUNDRED), 4), livret_a_path_pct: livretAPath.map((v) => jsonNum(v.times(HUNDRED), 4)),
    rate_floored_at_zero: flooredYears.length > 0, unfloored_rate_pct: jsonNum(t0Raw.times(HUNDRED), 4), floored_years: flooredYears, duration_years: spec.durationYears,
    progressivity_pct: jsonNum(p.times(HUNDRED), 4), deferral_years: spec.deferralYears, revisability,
  };
  if (o.format === 'json') {
    emit(io, o, toJsonText({ schema_version: JSON_SCHEMA_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, parameters: { year: set.year, vintage: set.vintage }, terms, rows: scheduleJson(s.rows), totals: { annuity_eur: jsonNum(s.totalAnnuityEur), interest_eur: jsonNum(s.totalInterestEur), principal_eur: jsonNum(s.totalPrincipalEur) } }));
    return EXIT_OK;
  }
  if (o.format === 'csv') {
    const lines = ['year,rate_pct,progressivity_pct,annuity_eur,interest_eur,principal_eur,outstanding_eur'];
    for (const r of scheduleJson(s.rows)) lines.push([r.year, r.rate_pct, r.progressivity_pct, r.annuity_eur, r.interest_eur, r.principal_eur, r.outstanding_eur].join(','));
    emit(io, o, lines.join('\n') + '\n');
    return EXIT_OK;
  }
  const fr = lang === 'fr';
  const pc = (x: Dec) => fmtPct(x.times(HUNDRED), lang, 2);
  const doc = {
    title: fr ? `Prêt de ${fmtEur(amount!, lang)}${product ? ` ${product}${key !== 'gaia_lt' && key !== 'psla' ? (line === 'land' ? ' foncier' : ' construction') : ''}` : ''}` : `Loan of ${fmtEur(amount!, lang)}${product ? ` ${product} ${line}` : ''}`,
    subtitle: [
      rate !== undefined
        ? (fr ? `Taux fixe ${pc(t0)} · ${spec.durationYears} ans` : `Fixed rate ${pc(t0)} · ${spec.durationYears} years`)
        : t0Raw.isNegative()
          ? (fr ? `Taux ${pc(t0)} (plancher: Livret A ${pc(la0)} ${m.isNegative() ? '−' : '+'} ${fmtNum(m.abs().times(HUNDRED), 2, lang)} % = ${pc(t0Raw)}, ramené à 0 %) · ${spec.durationYears} ans · révisabilité ${revisability.replace('_', ' ')}` : `Rate ${pc(t0)} (floor: Livret A ${pc(la0)} ${m.isNegative() ? '−' : '+'} ${fmtNum(m.abs().times(HUNDRED), 2, lang)} % = ${pc(t0Raw)}, raised to 0 %) · ${spec.durationYears} years · ${revisability.replace('_', ' ')} revisability`)
          : (fr ? `Taux ${pc(t0)} = Livret A ${pc(la0)} ${m.isNegative() ? '−' : '+'} ${fmtNum(m.abs().times(HUNDRED), 2, lang)} % · ${spec.durationYears} ans · révisabilité ${revisability.replace('_', ' ')}` : `Rate ${pc(t0)} = Livret A ${pc(la0)} ${m.isNegative() ? '−' : '+'} ${fmtNum(m.abs().times(HUNDRED), 2, lang)} % · ${spec.durationYears} years · ${revisability.replace('_', ' ')} revisability`),
      fr ? `Progressivité ${pc(p)} · différé ${spec.deferralYears} an(s) · Livret A: ${livretAPath.map((v) => fmtNum(v.times(HUNDRED), 2, lang)).join(' → ')} % (dernière valeur tenue)` : `Progressivity ${pc(p)} · deferral ${spec.deferralYears} · Livret A: ${livretAPath.map((v) => fmtNum(v.times(HUNDRED), 2, lang)).join(' → ')} % (last value held)`,
      ...(flooredYears.length ? [fr ? `Taux plancher 0 % (un taux indexé négatif est ramené à 0 %): ${yearsText(flooredYears, lang)}` : `Rate floored at 0 % (a negative indexed rate is raised to 0 %): ${yearsText(flooredYears, lang)}`] : []),
      fr ? `Paramètres ${set.year} (millésime ${set.vintage}) · ${TOOL_NAME} ${TOOL_VERSION}` : `Parameters ${set.year} (vintage ${set.vintage}) · ${TOOL_NAME} ${TOOL_VERSION}`,
    ],
    sections: [{ id: 'schedule', title: fr ? 'Échéancier' : 'Schedule', blocks: [scheduleBlock(s.rows, lang), { kind: 'text' as const, lines: [fr ? `Total: annuités ${fmtEur(s.totalAnnuityEur, lang, 2)}, intérêts ${fmtEur(s.totalInterestEur, lang, 2)}, capital ${fmtEur(s.totalPrincipalEur, lang, 2)}` : `Total: annuities ${fmtEur(s.totalAnnuityEur, lang, 2)}, interest ${fmtEur(s.totalInterestEur, lang, 2)}, principal ${fmtEur(s.totalPrincipalEur, lang, 2)}`] }] }],
  };
  emit(io, o, o.format === 'markdown' ? renderMarkdown(doc) : renderText(doc, { width: outputWidth(o, io.stdoutColumns) }));
  return EXIT_OK;
}

/** "années 1 à 7, 9" / "years 1–7, 9": consecutive years as ranges. */
function yearsText(years: readonly number[], lang: Lang): string {
  const parts: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    parts.push(j === i ? String(years[i]) : `${years[i]}${lang === 'fr' ? ' à ' : '–'}${years[j]}`);
    i = j + 1;
  }
  return `${lang === 'fr' ? (years.length > 1 ? 'années' : 'année') : (years.length > 1 ? 'years' : 'year')} ${parts.join(', ')}`;
}

extraCommands.push((program: Command, io: Io, setCode: (c: number) => void) => {
  program
    .command('loan')
    .description('échéancier d’un prêt CDC indexé sur le Livret A (révisions simple, double, double limitée)')
    .option('--amount <eur>', 'capital emprunté, en euros: de 0,01 à 1e11 (100 milliards), bornes comprises')
    .option('--product <product>', `produit CDC: ${PRODUCTS.join(', ')} (marge et durée des paramètres)`)
    .addOption(new Option('--line <line>', 'ligne du produit').choices(['building', 'land']).default('building'))
    .option('--margin-pct <pct>', 'marge sur Livret A, en % (0.6 = LA + 0,60 %)')
    .option('--rate-pct <pct>', 'taux fixe, en % (prêt non indexé)')
    .option('--livret-a-pct <pct>', 'Livret A à la signature, en % (défaut: paramètres)')
    .option('--livret-a-path <list>', 'Livret A année 1, 2, … en % (1.5,2.0,…): la dernière valeur est tenue ensuite')
    .option('--years <n>', 'durée en années, différé compris')
    .option('--progressivity-pct <pct>', 'progressivité des échéances, en % par an (−3 à +0,5)')
    .option('--deferral-years <n>', "années de différé d'amortissement")
    .addOption(new Option('--revisability <kind>', 'révisabilité').choices(['simple', 'double', 'double-limited', 'double_limited']).default('double'))
    .option('-y, --year <year>', 'millésime des paramètres')
    .addOption(new Option('-f, --format <format>', 'format de sortie').choices(['table', 'json', 'csv', 'markdown']).default('table'))
    .addOption(langOption())
    .option('-o, --output <file>', 'écrire dans ce fichier')
    .addOption(widthOption())
    .action((opts: LoanOptions) => setCode(runLoan(io, opts)));
});
