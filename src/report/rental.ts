/** Report sections of the rental stage: Loyers, Emprunts, Compte d'exploitation, Verdict; and its JSON. */
import { D, HUNDRED, type Dec } from '../domain/money';
import type { Evaluation } from '../engine/evaluate';
import type { Account, LoanTerms, RentInfo } from '../engine/rental';
import type { YearRow } from '../engine/account';
import type { LoanRow } from '../engine/loan';
import { translator, type Block, type Section } from './section';
import { fmtEur, fmtNum, fmtPct, jsonNum, type Lang } from './format';
import { lazyOutput, type ExtensionOutput } from './section';
import { certainUnits, publishAccount, publishAccountColumns, publishAccountUnits, publishSchedule, publishScheduleCents, type AccountColumns, type PublishedSchedule } from './foot';
import { labelText } from './labels';
import { advanceLabel, foyerKindWord, loanLabel } from './words';
import { deflate } from '../engine/constant-euros';
import type { Rental } from '../engine/rental';

const KEY_YEARS = [1, 2, 3, 5, 10, 15, 20, 25, 26, 30, 35, 40, 45, 50, 55, 60, 70, 80];

const REV_LABEL: Record<string, [string, string]> = {
  double: ['double', 'double'], simple: ['simple', 'simple'], double_limited: ['double limitée', 'double limited'], fixed: ['taux fixe', 'fixed rate'],
};

/** An indexed loan whose rate at signing (Livret A + margin) is negative: the engine uses 0 % (a rate is floored at 0). */
function floored(l: LoanTerms): boolean {
  return l.spec.revisability !== 'fixed' && l.spec.floorRateAtZero !== false && l.rate.isNegative();
}

export function rentalExtension(ev: Evaluation, opts: { lang: Lang; detail: string[] }): ExtensionOutput {
  return lazyOutput(() => rentalSections(ev, opts), () => ({ rental: rentalJson(ev) }));
}

function rentalSections(ev: Evaluation, opts: { lang: Lang; detail: string[] }): Section[] {
  const r = ev.rental;
  if (!r) return [];
  const { lang } = opts;
  const t = translator(lang);
  const eur = (d: Dec) => fmtEur(d, lang);
  const rate = (d: Dec) => fmtPct(d.times(HUNDRED), lang, 2);
  const m2rent = (d: Dec | null) => (d === null ? '—' : fmtEur(d, lang, 2));
  const model = ev.model;
  const sections: Section[] = [];

  // Loyers
  const ORIGIN: Record<string, [string, string]> = { file: ['fichier', 'file'], maximum: ['maximum', 'maximum'], break_even: ["d'équilibre", 'break-even'] };
  const rentRows = r.lots.map((l) => {
    const lot = model.lots[l.lotIndex]!;
    return [
      lot.id, lot.tenure, `${fmtNum(l.rent.rentSurfaceM2, 0, lang)} m²`, m2rent(l.rent.ceiling),
      l.rent.structureCoefficient === null ? '—' : fmtNum(l.rent.structureCoefficient, 4, lang),
      m2rent(l.rent.maxRent), `${m2rent(l.rent.rent)} (${l.rent.foyer ? t('redevance', 'redevance') : t(ORIGIN[l.rent.rentOrigin]![0], ORIGIN[l.rent.rentOrigin]![1])})`,
      m2rent(l.account.breakEvenRent), eur(l.rent.year1RentEur),
    ];
  });
  sections.push({
    id: 'rents', title: t('Loyers', 'Rents'),
    blocks: [
      { kind: 'table', headers: [t('Lot', 'Lot'), t('Produit', 'Tenure'), 'SU', t('Plafond zone', 'Zone ceiling'), t('Coef. (CS)', 'Coef. (CS)'), t('Loyer max.', 'Max. rent'), t('Loyer pratiqué', 'Rent charged'), t("Loyer d'équilibre", 'Break-even rent'), t('Loyers an 1', 'Year-1 rents')], align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], rows: rentRows },
      { kind: 'text', lines: [
        t('Loyers en € par m² de SU et par mois (LLI: SU fiscale, coefficient 0,7 + 19/S plafonné à 1,2).', 'Rents in € per m² SU per month (LLI: fiscal SU, coefficient 0.7 + 19/S capped at 1.2).'),
        t("CS = 0,77 × (1 + 20 × N / SU); loyer maximal = plafond × CS × (1 + marge locale). Loyer d'équilibre: loyer uniforme qui ramène le cumul d'autofinancement le plus bas à 0 sur la durée du prêt principal.", "CS = 0.77 × (1 + 20 × N / SU); maximum rent = ceiling × CS × (1 + local margin). Break-even rent: the uniform rent bringing the lowest cumulative cash flow to 0 over the main loan's life."),
        ...foyerLines(r.lots, model, lang),
      ] },
    ],
  });

  // Emprunts
  const loanRows = r.loans.map((l) => { const pub = publishSchedule(l.schedule.rows); return [
    labelText(loanLabel(l.line), lang), model.lots[l.line.lotIndex]!.id, eur(l.line.amountEur), floored(l) ? `${rate(D(0))} (${t('plancher', 'floor')})` : rate(l.rate),
    l.marginOrNull === null ? '—' : `LA ${l.marginOrNull.isNegative() ? '−' : '+'} ${fmtNum(l.marginOrNull.abs().times(HUNDRED), 2, lang)}`,
    `${l.spec.durationYears}${l.spec.deferralYears ? ` (${t('différé', 'deferral')} ${l.spec.deferralYears})` : ''}`,
    fmtPct(l.spec.progressivity.times(HUNDRED), lang, 2), t(REV_LABEL[l.spec.revisability]![0], REV_LABEL[l.spec.revisability]![1]),
    eur(pub.rows[0]!.annuityEur), eur(pub.totalInterestEur),
  ]; });
  const loanBlocks: Block[] = [
    { kind: 'table', headers: [t('Prêt', 'Loan'), t('Lot', 'Lot'), t('Montant', 'Amount'), t('Taux an 1', 'Year-1 rate'), t('Index', 'Index'), t('Durée (ans)', 'Years'), t('Progressivité', 'Progressivity'), t('Révisabilité', 'Revisability'), t('1re annuité', '1st annuity'), t('Intérêts cumulés', 'Total interest')], align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r'], rows: loanRows },
    { kind: 'text', lines: [`${t('Livret A à la signature', 'Livret A at signing')}: ${rate(r.livretA0)} · ${t('trajectoire', 'path')}: ${r.livretAPath.map((d) => fmtNum(d.times(HUNDRED), 2, lang)).join(' → ')} % (${t('la dernière valeur est tenue ensuite', 'the last value holds after')})`,
      ...(r.loans.some(floored) ? [t('Plancher: Livret A + marge est négatif, le taux appliqué est 0 % (un taux indexé ne descend pas sous 0 %).', 'Floor: Livret A + margin is negative, the rate applied is 0 % (an indexed rate does not go below 0 %).')] : [])] },
  ];
  if (opts.detail.includes('loans')) {
    for (const l of r.loans) {
      loanBlocks.push({ kind: 'text', lines: [`${labelText(loanLabel(l.line), lang)} — ${model.lots[l.line.lotIndex]!.id}`] });
      loanBlocks.push(scheduleBlock(l.schedule.rows, lang));
    }
  } else {
    loanBlocks.push({ kind: 'text', lines: [t('Échéanciers complets: --detail loans', 'Full schedules: --detail loans')] });
  }
  sections.push({ id: 'loans', title: t('Emprunts', 'Loans'), blocks: loanBlocks });

  // Compte d'exploitation (consolidated)
  const all = opts.detail.includes('years');
  const years = new Set(all ? r.total.rows.map((x) => x.year) : KEY_YEARS.filter((y) => y <= r.horizonYears));
  if (!all) { years.add(r.total.minCumulativeYear); years.add(r.horizonYears); years.add(r.total.testYears); }
  const totalRows = r.total.rows;
  // Only the years shown are published; the share column is shown when a published year has
  // shares, and a published share is 0 in every year when every exact share is 0 (foot.ts).
  const anyShare = totalRows.some((x) => !x.shareIncomeEur.isZero());
  const cols = anyShare ? publishAccountColumns(totalRows, 0) : publishAccountColumns(totalRows, 0, (y) => years.has(y));
  const withShare = anyShare && cols.some((c) => !c!.share.isZero());
  // A foyer's charges part of the redevance: its own column where there is a foyer.
  const withRedevance = r.lots.some((l) => l.rent.foyer);
  // Calendar years (a letting date), the advances' repayments and the constant euros: shown only when the file has them.
  const extra = accountExtras(r);
  const constant = r.constantEuros ? deflate(r.total.cashFlows, r.constantEuros) : null;
  const rows = totalRows.flatMap((x, i) => (years.has(x.year) ? [accountRow(x.year, cols[i]!, withShare, lang, extra, constant, i, withRedevance)] : []));
  const advanceCount = r.lots.reduce((n, l) => n + l.advances.length, 0);
  if (advanceCount > 0) {
    const advRows = r.lots.flatMap((l) => l.advances.map((a) => { const pub = publishSchedule(a.schedule.rows); return [advanceLabel(a.line, lang), model.lots[l.lotIndex]!.id, eur(a.line.amountEur), eur(pub.rows[a.line.deferralYears]?.annuityEur ?? pub.rows[0]!.annuityEur), eur(pub.totalInterestEur)]; }));
    loanBlocks.push({ kind: 'text', lines: [t("Avances de fonds propres rémunérées (annuités constantes, remboursées par le compte d'exploitation)", 'Remunerated equity advances (constant annuities, repaid out of the operating account)')] });
    loanBlocks.push({ kind: 'table', headers: [t('Avance', 'Advance'), t('Lot', 'Lot'), t('Montant', 'Amount'), t('Annuité', 'Annuity'), t('Intérêts', 'Interest')], align: ['l', 'l', 'r', 'r', 'r'], rows: advRows });
  }
  sections.push({
    id: 'operating_account', title: t("Compte d'exploitation", 'Operating account'),
    blocks: [
      { kind: 'table', headers: [t('Année', 'Year'), t('Loyers', 'Rents'), ...(withRedevance ? [t('Redevances: charges', 'Redevances: charges')] : []), t('Vacance, impayés', 'Vacancy, bad debt'), t('Annuités', 'Annuities'), t('Gestion, entretien', 'Management, upkeep'), t('Gros entretien', 'Major maint.'), 'TFPB', t('Autres', 'Other'), ...(extra.advances ? [t('Avances FP', 'Equity adv.')] : []), ...(withShare ? [t('Parts acquises', 'Shares bought')] : []), t('Autofinancement', 'Cash flow'), t('Cumul', 'Cumulative'), ...(constant ? [t('Autofin. (€ cst)', 'Cash flow (const. €)'), t('Cumul (€ cst)', 'Cumul. (const. €)')] : [])], align: ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', ...(withShare ? ['r' as const] : []), ...(withRedevance ? ['r' as const] : []), ...(extra.advances ? ['r' as const] : []), ...(constant ? ['r' as const, 'r' as const] : [])], rows },
      { kind: 'text', lines: [
        all ? t('Toutes les années.', 'Every year.') : t('Années clés (toutes: --detail years). Euros courants; année 1 = première année de location.', 'Key years (all: --detail years). Current euros; year 1 = first year of letting.'),
        ...calendarLines(r, lang),
        ...(totalRows[0]?.teomEur !== undefined ? [t('Autres: assurance, CGLLS et ANCOLS, TEOM et autres charges (détail en JSON: teom_eur, other_eur).', 'Other: insurance, CGLLS and ANCOLS, TEOM and other charges (detail in JSON: teom_eur, other_eur).')] : []),
        ...r.lots.map((l) => `${model.lots[l.lotIndex]!.id}: ${t('TFPB exonérée', 'TFPB exempt')} ${l.tfpbExemptionYears} ${t('ans, payée à partir de l’année', 'years, paid from year')} ${l.tfpbExemptionYears + 1}`),
      ] },
    ],
  });

  // Verdict
  const v = (a: Account, id: string): string[] => [
    id, a.balanced ? t('respecté', 'met') : t('non respecté', 'not met'), eur(a.minCumulativeEur), String(a.minCumulativeYear), `${a.testYears}`,
    String(a.deficitYears), a.equityRecoveryYear === null ? '—' : String(a.equityRecoveryYear), eur(a.npvEquityEur),
    a.irrEquity === null ? '—' : fmtPct(D(a.irrEquity.toFixed(6)).times(HUNDRED), lang, 2),
  ];
  const vrows = [...r.lots.map((l) => v(l.account, model.lots[l.lotIndex]!.id)), v(r.total, t('Ensemble', 'All'))];
  const tot = r.total;
  const verdictLine = tot.balanced
    ? t(`Test réglementaire du compte locatif (circ. 97-51 annexe IV) : respecté — le cumul d'autofinancement reste positif chaque année sur ${tot.testYears} ans (au plus bas ${eur(tot.minCumulativeEur)} l'année ${tot.minCumulativeYear}). L'équilibre de l'opération après péréquation est dans « Équilibre global ».`, `Regulatory test of the rental account (circ. 97-51 annex IV): met — cumulative cash flow stays positive every year over ${tot.testYears} years (lowest ${eur(tot.minCumulativeEur)} in year ${tot.minCumulativeYear}). The operation after cross-subsidy is in "Overall balance".`)
    : t(`Test réglementaire du compte locatif (circ. 97-51 annexe IV) : non respecté — le cumul d'autofinancement descend à ${eur(tot.minCumulativeEur)} l'année ${tot.minCumulativeYear} (test sur ${tot.testYears} ans). L'équilibre de l'opération après péréquation est dans « Équilibre global ».`, `Regulatory test of the rental account (circ. 97-51 annex IV): not met — cumulative cash flow falls to ${eur(tot.minCumulativeEur)} in year ${tot.minCumulativeYear} (test over ${tot.testYears} years). The operation after cross-subsidy is in "Overall balance".`);
  const beLine = tot.breakEvenRent === null ? '' : t(`Loyer d'équilibre de l'ensemble: ${m2rent(tot.breakEvenRent)}/m² SU/mois.`, `Break-even rent of the whole: ${m2rent(tot.breakEvenRent)}/m² SU/month.`);
  sections.push({
    id: 'verdict', title: t('Verdict', 'Verdict'),
    blocks: [
      { kind: 'text', lines: [verdictLine, beLine].filter(Boolean) },
      { kind: 'table', headers: [t('Lot', 'Lot'), t('Test 97-51', 'Test 97-51'), t('Cumul le plus bas', 'Lowest cumulative'), t('Année', 'Year'), t('Durée du test', 'Test years'), t('Années déficitaires', 'Deficit years'), t('Retour des fonds propres', 'Equity recovered'), t('VAN fonds propres', 'Equity NPV'), t('TRI fonds propres', 'Equity IRR')], align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], rows: vrows, totalRows: [vrows.length - 1] },
    ],
  });

  return sections;
}

/** One row of the operating-account table, from the published whole-euro columns (they add up to the cash flow). */
function accountRow(year: number, c: AccountColumns, withShare: boolean, lang: Lang, extra: AccountExtras, constant: { cashFlows: Dec[]; cumulative: Dec[] } | null, i: number, withRedevance = false): string[] {
  const e = (d: Dec) => fmtEur(d, lang);
  const yearCell = extra.firstYear === null ? String(year) : `${year} (${extra.firstYear + year - 1})`;
  return [yearCell, e(c.rents), ...(withRedevance ? [e(c.redevanceCharges)] : []), e(c.losses.neg()), e(c.annuities.neg()), e(c.management.neg()), e(c.major.neg()), e(c.tfpb.neg()), e(c.other.neg()), ...(extra.advances ? [e(c.advance.neg())] : []), ...(withShare ? [e(c.share)] : []), e(c.cashFlow), e(c.cumulative),
    ...(constant ? [e(constant.cashFlows[i]!), e(constant.cumulative[i]!)] : [])];
}

/** What the account shows beyond today's columns: the calendar year of year 1, the advances' repayments. */
interface AccountExtras { firstYear: number | null; advances: boolean }
function accountExtras(r: Rental): AccountExtras {
  return { firstYear: r.calendar.firstYear, advances: r.lots.some((l) => l.advances.length > 0) };
}

/** The lines under the account that state its calendar and its constant-euro index, when the file has them. */
function calendarLines(r: Rental, lang: Lang): string[] {
  const t = translator(lang);
  const out: string[] = [];
  const c = r.calendar;
  if (c.firstYear !== null) {
    const frac = fmtNum(c.firstYearFraction.times(12), 2, lang);
    out.push(t(`Mise en location en ${c.firstYear}: l'année 1 (${c.firstYear}) compte ${frac} mois sur 12 (loyers et charges au prorata); première annuité des prêts l'année ${1 + c.annuityShift}.`,
      `Letting in ${c.firstYear}: year 1 (${c.firstYear}) counts ${frac} months of 12 (rents and charges prorated); first loan annuity in year ${1 + c.annuityShift}.`));
  }
  if (r.constantEuros) {
    const p = r.constantEuros.path.map((d) => fmtNum(d.times(HUNDRED), 2, lang)).join(' → ');
    out.push(t(`Euros constants de l'année 1: autofinancement de l'année y ÷ Π (1 + indice) des années 2 à y, indice ${p} % (${r.constantEuros.key}, la dernière valeur est tenue); cumul = somme des autofinancements en euros constants.`,
      `Constant euros of year 1: cash flow of year y ÷ Π (1 + index) over years 2 to y, index ${p} % (${r.constantEuros.key}, the last value held); cumulative = sum of the constant-euro cash flows.`));
  }
  return out;
}

/**
 * The lines of the Loyers section on the foyers (logements-foyers, résidences sociales): the
 * redevance and its parts, the foyer CS, the charges part of year 1, and what the loyer
 * d'équilibre of a foyer is (a rent-equivalent).
 */
function foyerLines(lots: readonly { lotIndex: number; rent: RentInfo; account: Account }[], model: Evaluation['model'], lang: Lang): string[] {
  const t = translator(lang);
  const m2 = (d: Dec) => fmtEur(d, lang, 2);
  const out: string[] = [];
  for (const l of lots) {
    const f = l.rent.foyer;
    if (!f) continue;
    const lot = model.lots[l.lotIndex]!;
    const perUnit = (perM2: Dec) => fmtEur(perM2.times(l.rent.rentSurfaceM2).div(lot.dwellings), lang, 2);
    out.push(t(
      `${lot.id} — ${foyerKindWord(f.kind, 'fr')} (${lot.dwellings} logements-foyers): redevance ${m2(f.redevancePerM2)}/m² SU/mois (${perUnit(f.redevancePerM2)} par logement), dont charges ${m2(f.chargesPerM2)} (${perUnit(f.chargesPerM2)}); équivalence de loyer ${m2(f.rentEquivalentPerM2)}/m² SU/mois, maximum ${l.rent.maxRent ? m2(l.rent.maxRent) : '—'}; part charges an 1: ${fmtEur(f.chargesYear1Eur, lang)}.`,
      `${lot.id} — ${foyerKindWord(f.kind, 'en')} (${lot.dwellings} units): redevance ${m2(f.redevancePerM2)}/m² SU/month (${perUnit(f.redevancePerM2)} per unit), of which charges ${m2(f.chargesPerM2)} (${perUnit(f.chargesPerM2)}); rent-equivalent ${m2(f.rentEquivalentPerM2)}/m² SU/month, maximum ${l.rent.maxRent ? m2(l.rent.maxRent) : '—'}; charges part in year 1: ${fmtEur(f.chargesYear1Eur, lang)}.`));
  }
  if (out.length > 0) out.push(t(
    "Logements-foyers: le loyer pratiqué est l'équivalence de loyer de la redevance (redevance − part charges), sous le maximum calculé avec le CS des foyers = 0,77 × (1 + 38 × N / SU); leur loyer d'équilibre est une équivalence de loyer. La part charges est un produit du compte, indexé comme les loyers, soumis à la vacance et aux impayés.",
    "Foyer housing: the rent charged is the redevance's rent-equivalent (redevance − charges part), under the maximum computed with the foyer CS = 0.77 × (1 + 38 × N / SU); their break-even rent is a rent-equivalent. The charges part is an income of the account, indexed like the rents, subject to vacancy and bad debt."));
  return out;
}

export function scheduleBlock(rows: readonly LoanRow[], lang: Lang): Block {
  const t = translator(lang);
  return {
    kind: 'table',
    headers: [t('Année', 'Year'), t('Taux', 'Rate'), t('Progressivité', 'Progressivity'), t('Annuité', 'Annuity'), t('Intérêts', 'Interest'), t('Amortissement', 'Principal'), t('Capital restant dû', 'Outstanding')],
    align: ['r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: publishSchedule(rows).rows.map((x) => [String(x.year), fmtPct(x.rate.times(HUNDRED), lang, 2), fmtPct(x.progressivity.times(HUNDRED), lang, 2), fmtEur(x.annuityEur, lang, 2), fmtEur(x.interestEur, lang, 2), fmtEur(x.principalEur, lang, 2), fmtEur(x.outstandingEur, lang, 2)]),
  };
}

/** The schedule's rows as published (see foot.ts: every row foots, Σ principal = the amount). */
export function scheduleJson(rows: readonly LoanRow[]): Record<string, number>[] {
  return publishedScheduleJson(publishSchedule(rows));
}

function publishedScheduleJson(pub: PublishedSchedule): Record<string, number>[] {
  return pub.rows.map((x) => ({
    year: x.year, rate_pct: jsonNum(x.rate.times(HUNDRED), 4), progressivity_pct: jsonNum(x.progressivity.times(HUNDRED), 4),
    annuity_eur: jsonNum(x.annuityEur), interest_eur: jsonNum(x.interestEur), principal_eur: jsonNum(x.principalEur), outstanding_eur: jsonNum(x.outstandingEur),
  }));
}

/**
 * A rate (fraction) as a JSON percent to `dp` decimals: jsonNum(rate × 100, dp) without the
 * product when float64 rounds rate × 10^(dp+2) for certain (foot.ts certainUnits); the same number.
 */
function pctJson(rate: Dec, dp = 4): number {
  const n = certainUnits(rate, dp + 2);
  return n !== null ? n / 10 ** dp : jsonNum(rate.times(HUNDRED), dp);
}

/** The JSON rows of a schedule published in cents (publishScheduleCents): the numbers of publishedScheduleJson. */
function scheduleCentsJson(rows: ReturnType<typeof publishScheduleCents>['rows']): Record<string, number>[] {
  // consecutive rows mostly share their rate and progressivity (the same Decimal values)
  let lastRate: Dec | null = null, ratePct = 0, lastProg: Dec | null = null, progPct = 0;
  return rows.map((x) => {
    if (x.rate !== lastRate) { lastRate = x.rate; ratePct = pctJson(x.rate); }
    if (x.progressivity !== lastProg) { lastProg = x.progressivity; progPct = pctJson(x.progressivity); }
    return { year: x.year, rate_pct: ratePct, progressivity_pct: progPct, annuity_eur: x.annuity / 100, interest_eur: x.interest / 100, principal_eur: x.principal / 100, outstanding_eur: x.outstanding / 100 };
  });
}

function loanJson(l: LoanTerms, lotId: string): Record<string, unknown> {
  const pub = publishScheduleCents(l.schedule.rows);
  return {
    id: l.line.id, label: loanLabel(l.line), lot: lotId, lender: l.line.lender, product: l.line.product, line: l.line.line, amount_eur: jsonNum(l.line.amountEur),
    rate_pct: jsonNum((floored(l) ? D(0) : l.rate).times(HUNDRED), 4), rate_floored_at_zero: floored(l), margin_pct: l.marginOrNull === null ? null : jsonNum(l.marginOrNull.times(HUNDRED), 4),
    duration_years: l.spec.durationYears, deferral_years: l.spec.deferralYears, progressivity_pct: jsonNum(l.spec.progressivity.times(HUNDRED), 4), revisability: l.spec.revisability,
    total_interest_eur: pub.totalInterest / 100, schedule: scheduleCentsJson(pub.rows),
  };
}

function accountJson(a: Account, r: Rental, foyer = false): Record<string, unknown> {
  const extra = accountExtras(r);
  const constant = r.constantEuros ? deflate(a.cashFlows, r.constantEuros) : null;
  return {
    test_years: a.testYears, balanced: a.balanced, min_cumulative_cash_flow_eur: jsonNum(a.minCumulativeEur), min_cumulative_year: a.minCumulativeYear,
    deficit_years: a.deficitYears, equity_eur: jsonNum(a.equityEur), equity_recovery_year: a.equityRecoveryYear, npv_equity_eur: jsonNum(a.npvEquityEur),
    irr_equity_pct: a.irrEquity === null ? null : Math.round(a.irrEquity * 1e6) / 1e4,
    break_even_rent_eur_per_m2_su_month: a.breakEvenRent === null ? null : jsonNum(a.breakEvenRent, 4),
    years: accountYearsJson(a, extra, constant, foyer),
  };
}

/** Every year of an account as published to the cent (foot.ts publishAccountUnits), its fields in the documented order. */
function accountYearsJson(a: Account, extra: AccountExtras, constant: { cashFlows: Dec[]; cumulative: Dec[] } | null, foyer: boolean): Record<string, unknown>[] {
  const pub = publishAccountUnits(a.rows, 2);
  if (!pub) return accountYearsJsonDec(a, extra, constant, foyer);
  const ix = (k: keyof YearRow) => pub.keys.indexOf(k);
  const lines = ix('teomEur') >= 0;
  const [rent, annex, redev, losses, ann, mgmt, maint, major, tfpb, ins, teom, other, contrib, share, adv] = (['rentEur', 'annexRentEur', 'redevanceChargesEur', 'lossesEur', 'annuitiesEur', 'managementEur', 'maintenanceEur', 'majorMaintenanceEur', 'tfpbEur', 'insuranceEur', 'teomEur', 'otherEur', 'contributionsEur', 'shareIncomeEur', 'advanceRepaymentEur'] as const).map(ix) as number[];
  // (fields assigned one by one, in the documented order: no object spread per year)
  const calendar = extra.firstYear, advances = extra.advances;
  return pub.years.map((x, i) => {
    const p = x.parts;
    const o: Record<string, number> = { year: x.year };
    if (calendar !== null) o.calendar_year = calendar + x.year - 1;
    o.rent_eur = p[rent!]! / 100;
    o.annex_rent_eur = p[annex!]! / 100;
    if (foyer) o.redevance_charges_eur = p[redev!]! / 100;
    o.losses_eur = p[losses!]! / 100;
    o.collected_eur = x.collected / 100;
    o.annuities_eur = p[ann!]! / 100;
    o.management_eur = p[mgmt!]! / 100;
    o.maintenance_eur = p[maint!]! / 100;
    o.major_maintenance_eur = p[major!]! / 100;
    o.tfpb_eur = p[tfpb!]! / 100;
    o.insurance_eur = p[ins!]! / 100;
    if (lines) { o.teom_eur = p[teom!]! / 100; o.other_eur = p[other!]! / 100; }
    o.contributions_eur = p[contrib!]! / 100;
    o.share_income_eur = p[share!]! / 100;
    if (advances) o.equity_advance_repayment_eur = p[adv!]! / 100;
    o.charges_eur = x.charges / 100;
    o.cash_flow_eur = x.cashFlow / 100;
    o.cumulative_eur = x.cumulative / 100;
    if (constant) { o.cash_flow_constant_eur = jsonNum(constant.cashFlows[i]!); o.cumulative_constant_eur = jsonNum(constant.cumulative[i]!); }
    return o;
  });
}

/** accountYearsJson of an account whose years are not all written the same way (with and without TEOM and other lines), with decimal.js. */
function accountYearsJsonDec(a: Account, extra: AccountExtras, constant: { cashFlows: Dec[]; cumulative: Dec[] } | null, foyer: boolean): Record<string, unknown>[] {
  return publishAccount(a.rows, 2).map((x, i) => ({
    year: x.year, ...(extra.firstYear !== null ? { calendar_year: extra.firstYear + x.year - 1 } : {}), rent_eur: jsonNum(x.rentEur), annex_rent_eur: jsonNum(x.annexRentEur), ...(foyer ? { redevance_charges_eur: jsonNum(x.redevanceChargesEur!) } : {}), losses_eur: jsonNum(x.lossesEur), collected_eur: jsonNum(x.collectedEur),
    annuities_eur: jsonNum(x.annuitiesEur), management_eur: jsonNum(x.managementEur), maintenance_eur: jsonNum(x.maintenanceEur), major_maintenance_eur: jsonNum(x.majorMaintenanceEur),
    tfpb_eur: jsonNum(x.tfpbEur), insurance_eur: jsonNum(x.insuranceEur),
    ...(x.teomEur !== undefined ? { teom_eur: jsonNum(x.teomEur), other_eur: jsonNum(x.otherEur!) } : {}),
    contributions_eur: jsonNum(x.contributionsEur), share_income_eur: jsonNum(x.shareIncomeEur),
    ...(extra.advances ? { equity_advance_repayment_eur: jsonNum(x.advanceRepaymentEur) } : {}), charges_eur: jsonNum(x.chargesEur),
    cash_flow_eur: jsonNum(x.cashFlowEur), cumulative_eur: jsonNum(x.cumulativeEur),
    ...(constant ? { cash_flow_constant_eur: jsonNum(constant.cashFlows[i]!), cumulative_constant_eur: jsonNum(constant.cumulative[i]!) } : {}),
  }));
}

/** A foyer's redevance (RentInfo.foyer): its parts per m² SU per month and the charges part of year 1. */
function foyerJson(f: NonNullable<RentInfo['foyer']>): Record<string, unknown> {
  return {
    kind: f.kind, redevance_eur_per_m2_su_month: jsonNum(f.redevancePerM2, 4), charges_eur_per_m2_su_month: jsonNum(f.chargesPerM2, 4),
    rent_equivalent_eur_per_m2_su_month: jsonNum(f.rentEquivalentPerM2, 4), year1_charges_eur: jsonNum(f.chargesYear1Eur),
  };
}

export function rentalJson(ev: Evaluation): Record<string, unknown> | null {
  const r = ev.rental;
  if (!r) return null;
  const id = (i: number) => ev.model.lots[i]!.id;
  // One rental lot is its own consolidation (the same Account): published once, printed twice.
  const published = new Map<Account, Record<string, unknown>>();
  // A foyer's charges part (the redevance's): a field of the account years only where there is a foyer.
  const anyFoyer = r.lots.some((l) => l.rent.foyer);
  const accountJsonOnce = (a: Account) => { let j = published.get(a); if (!j) published.set(a, (j = accountJson(a, r, anyFoyer))); return j; };
  const c = r.calendar;
  return {
    horizon_years: r.horizonYears,
    ...(c.firstYear !== null ? { calendar: { letting_date: ev.model.input.operation.letting_date, first_calendar_year: c.firstYear, first_year_fraction: jsonNum(c.firstYearFraction, 6), first_annuity_year: 1 + c.annuityShift } } : {}),
    ...(r.constantEuros ? { constant_euros: { index_key: r.constantEuros.key, index_path_pct: r.constantEuros.path.map((d) => jsonNum(d.times(HUNDRED), 4)) } } : {}),
    livret_a: { rate_pct: jsonNum(r.livretA0.times(HUNDRED), 4), path_pct: r.livretAPath.map((d) => jsonNum(d.times(HUNDRED), 4)) },
    lots: r.lots.map((l) => ({
      id: id(l.lotIndex), tfpb_exemption_years: l.tfpbExemptionYears,
      rent: {
        ceiling_eur_per_m2_su_month: l.rent.ceiling === null ? null : jsonNum(l.rent.ceiling, 4),
        structure_coefficient: l.rent.structureCoefficient === null ? null : jsonNum(l.rent.structureCoefficient, 6),
        local_margin_pct: jsonNum(l.rent.localMargin.times(HUNDRED), 4),
        max_rent_eur_per_m2_su_month: l.rent.maxRent === null ? null : jsonNum(l.rent.maxRent, 4),
        rent_eur_per_m2_su_month: jsonNum(l.rent.rent, 4), rent_origin: l.rent.rentOrigin, rent_surface_m2: jsonNum(l.rent.rentSurfaceM2),
        year1_rent_eur: jsonNum(l.rent.year1RentEur),
        ...(l.rent.foyer ? { foyer: foyerJson(l.rent.foyer) } : {}),
      },
      loans: l.loans.map((x) => loanJson(x, id(l.lotIndex))),
      ...(l.advances.length ? { equity_advances: l.advances.map((a) => { const pub = publishScheduleCents(a.schedule.rows); return { source: a.line.name ?? null, amount_eur: jsonNum(a.line.amountEur), rate_pct: jsonNum(a.line.rate.times(HUNDRED), 4), duration_years: a.line.durationYears, deferral_years: a.line.deferralYears, total_interest_eur: pub.totalInterest / 100, schedule: scheduleCentsJson(pub.rows) }; }) } : {}),
      account: accountJsonOnce(l.account),
    })),
    total: accountJsonOnce(r.total),
  };
}
