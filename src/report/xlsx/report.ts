/**
 * `report --format xlsx`: the workbook a montage team audits (docs/xlsx.md). The loan schedules
 * and the operating accounts are LIVE FORMULAS over input cells of the Hypothèses sheet (Livret A
 * and IRL paths, margins, amounts, vacancy, charges…), written to reproduce the engine's
 * arithmetic (src/engine/loan.ts, src/engine/rental.ts); each formula also carries the engine's
 * figure as cached result. The other sheets hold the engine's figures as values, with totals as
 * formulas. Figures the engine finds by a search are values marked as such.
 */
import { lineAssumptionLabel, lineAssumptionValue } from '../line-words';
import type { Workbook } from 'exceljs';
import { D, ONE, type Dec } from '../../domain/money';
import type { Evaluation } from '../../engine/evaluate';
import { operatingAssumptions, pathAt, type Account, type LoanTerms } from '../../engine/rental';
import { take } from '../../engine/model';
import { diagnosticJson } from '../diagnostics';
import type { Lang } from '../format';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { FMT, SheetWriter, addr, ref, type CacheMode } from './sheet';
import { CHAPTER_LABEL } from '../labels';
import { writeOwners } from './owners';
import { assumptionLabel, assumptionOrigin, assumptionSource, loanLabel } from '../words';

export interface XlsxOptions {
  lang: Lang;
  /** Tests: every cached formula result is replaced by a wrong value (proves a recalculation). */
  poisonCache?: boolean;
  /** The JSON report document (reportJson + extensions): the value sheets are filled from it. */
  json: Record<string, unknown>;
}

/** Where the live figures are, for the tests and the docs (1-based rows and columns). */
export interface XlsxLayout {
  sheets: Record<SheetKey, string>;
  hypotheses: { livretA0: string; yearFirstRow: number; livretACol: number; irlCol: number };
  loans: { id: string; lot: string; firstRow: number; years: number; cols: typeof LOAN_COLS }[];
  accounts: { lot: string | null; firstRow: number; years: number; cols: typeof ACC_COLS; extra?: AccountExtraCols; summary: { minCumulative: string; minYear: string; balanced: string; year1Annuities: string; npv: string } }[];
  /** The cost price totals (SUM formulas over the lines) on the cost sheet. */
  cost: { totalHt: string; totalTtc: string };
}

export type SheetKey = 'synthesis' | 'surfaces' | 'cost' | 'financing' | 'loans' | 'account' | 'sales' | 'assumptions' | 'alerts';

export const SHEET_NAMES: Record<SheetKey, [string, string]> = {
  synthesis: ['Synthèse', 'Summary'],
  surfaces: ['Surfaces', 'Areas'],
  cost: ['Prix de revient', 'Cost price'],
  financing: ['Plan de financement', 'Financing plan'],
  loans: ['Emprunts', 'Loans'],
  account: ['Exploitation', 'Operating account'],
  sales: ['Ventes', 'Sales'],
  assumptions: ['Hypothèses', 'Assumptions'],
  alerts: ['Alertes', 'Warnings'],
};

/** Columns of a loan schedule block. */
export const LOAN_COLS = { year: 1, livretA: 2, rate: 3, progressivity: 4, q: 5, annuity: 6, interest: 7, principal: 8, outstanding: 9 } as const;
/** Columns of an operating-account block. */
export const ACC_COLS = {
  year: 1, rentIndex: 2, chargeIndex: 3, rent: 4, annexRent: 5, losses: 6, shareIncome: 7, collected: 8, annuities: 9, management: 10,
  maintenance: 11, majorMaintenance: 12, tfpb: 13, insurance: 14, contributions: 15, charges: 16, cashFlow: 17, cumulative: 18,
  /** A foyer's charges part of the redevance (written only when the operation has a foyer lot). */
  redevanceCharges: 19,
} as const;

/** Columns after the account's usual ones, written only when the file has them: equity advances, constant euros. */
export interface AccountExtraCols { advance?: number; deflator?: number; cashFlowConstant?: number; cumulativeConstant?: number }
/** An account written line by line: TEOM and other lines right of the account (after a foyer's column), then each line's yearly amount as an input. */
const lineCols = (first: number) => ({ teom: first, other: first + 1, inputs: first + 2 });
const LINE_HEADERS: [string, string][] = [['TEOM', 'TEOM'], ['Autres charges', 'Other charges']];
const LINE_INPUTS: [keyof Account['rows'][number], string, string][] = [
  ['managementEur', 'Gestion', 'Management'], ['maintenanceEur', 'Entretien courant', 'Routine maintenance'], ['majorMaintenanceEur', 'Gros entretien', 'Major maintenance'],
  ['tfpbEur', 'TFPB', 'TFPB'], ['insuranceEur', 'Assurance', 'Insurance'], ['teomEur', 'TEOM', 'TEOM'], ['otherEur', 'Autres charges', 'Other charges'],
];

export const SEARCH_LABEL: [string, string] = ['valeur calculée par equilibre (recherche)', 'value computed by equilibre (search)'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON document is walked freely
type Json = Record<string, any>;

export function buildReportWorkbook(wb: Workbook, ev: Evaluation, opts: XlsxOptions): XlsxLayout {
  const lang = opts.lang;
  const t = (fr: string, en: string) => (lang === 'fr' ? fr : en);
  const cache: CacheMode = { poison: opts.poisonCache === true };
  const names = Object.fromEntries(Object.entries(SHEET_NAMES).map(([k, v]) => [k, lang === 'fr' ? v[0] : v[1]])) as Record<SheetKey, string>;
  // Sheet order: synthesis first, inputs and alerts last.
  const order: SheetKey[] = ['synthesis', 'surfaces', 'cost', 'financing', 'loans', 'account', 'sales', 'assumptions', 'alerts'];
  const sheets = {} as Record<SheetKey, SheetWriter>;
  for (const k of order) sheets[k] = new SheetWriter(wb.addWorksheet(names[k]), names[k], cache);
  const json = opts.json as Json;
  const layout: XlsxLayout = { sheets: names, hypotheses: { livretA0: '', yearFirstRow: 0, livretACol: 2, irlCol: 3 }, loans: [], accounts: [], cost: { totalHt: '', totalTtc: '' } };

  const H = sheets.assumptions;
  const hyp = writeAssumptions(H, ev, t, layout);
  writeLoans(sheets.loans, ev, t, hyp, layout);
  const accRefs = writeAccounts(sheets.account, ev, t, hyp, layout, sheets.loans.name);
  writeSynthesis(sheets.synthesis, ev, json, t, accRefs);
  writeSurfaces(sheets.surfaces, json, t);
  const cost = writeCost(sheets.cost, json, t);
  layout.cost = { totalHt: cost.totalHt, totalTtc: cost.totalTtc };
  // The financing plan's loan lines are the loan amounts of Hypothèses (inputs), linked.
  const loanAmount = new Map<string, string>();
  if (hyp && ev.rental) for (const l of ev.rental.loans) loanAmount.set(`${ev.model.lots[l.line.lotIndex]!.id}|${l.line.id}`, hyp.loan.get(l)!.amount);
  writeFinancing(sheets.financing, json, t, (lot, id) => loanAmount.get(`${lot}|${id}`) ?? null, (lot) => cost.lotTtc.get(lot) ?? null);
  writeSales(sheets.sales, json, t);
  writeAlerts(sheets.alerts, ev, lang, t);
  return layout;
}

// ───────────────────────────── Hypothèses ─────────────────────────────

interface HypRefs {
  sheet: string;
  la0: string;
  /** Absolute references of year y's Livret A and IRL (y ≥ 1). */
  livretA: (y: number) => string;
  irl: (y: number) => string;
  chargesIndexation: string;
  vacancy: string;
  badDebt: string;
  cglls: string;
  ancols: string;
  management: string;
  maintenance: string;
  maintenanceFrom: string;
  major: string;
  majorIsPct: boolean;
  majorFrom: string;
  tfpb: string;
  insurance: string;
  discount: string;
  /** Year 1's share let (a letting date), or null; 1 when the loans' first annuity falls in year 2. */
  fraction: string | null;
  /** The years with rates of the rents of their own (`by_year_pct`): their vacancy, bad debt and contributions (CGLLS + ANCOLS) cells. */
  yearRates?: Map<number, { vacancy: string; badDebt: string; contributions: string }>;
  shift: number;
  /** The remunerated equity advances by lot: amount, rate (cells), duration and deferral (shape). */
  advances: Map<number, { amount: string; rate: string; duration: number; deferral: number }[]>;
  /** The constant-euro index of year y (growth into year y + 1), or null without constant euros. */
  constantIndex: ((y: number) => string) | null;
  loan: Map<LoanTerms, { amount: string; margin: string | null; fixed: string | null; progressivity: string; duration: number; deferral: number }>;
  lot: Map<number, { dwellings: string; surface: string; rent: string; annex: string; exemption: string; premium: string; premiumYears: string; costTtc: string; equity: string; redevanceCharges?: string }>;
}

function writeAssumptions(H: SheetWriter, ev: Evaluation, t: (fr: string, en: string) => string, layout: XlsxLayout): HypRefs | null {
  const model = ev.model;
  H.widths([44, 16, 16, 14, 14, 14, 14, 16, 14, 16, 16, 60]);
  H.text(1, 1, t('Hypothèses', 'Assumptions'), { bold: true, size: 14 });
  H.text(2, 1, t('Cellules jaunes: entrées modifiables; les feuilles Emprunts et Exploitation se recalculent. Taux et pourcentages en fractions affichées en %.', 'Yellow cells: inputs you may change; the Loans and Operating account sheets recalculate. Rates and percents are fractions shown as %.'), { italic: true });
  let row = 4;
  let refs: HypRefs | null = null;
  const r = ev.rental;
  if (r) {
    const oa = operatingAssumptions(model);
    const S = H.name;
    const put = (label: string, v: Dec | number, fmt: string): string => {
      H.text(row, 1, label);
      H.input(row, 2, v, fmt);
      return ref(S, row++, 2);
    };
    H.text(row++, 1, t('Compte d’exploitation et prêts', 'Operating account and loans'), { bold: true });
    const la0 = put(t('Livret A à la signature (LA₀)', 'Livret A at signing (LA₀)'), r.livretA0, FMT.rate);
    layout.hypotheses.livretA0 = la0;
    const chargesIndexation = put(t('Indexation des charges (par an)', 'Charges indexation (per year)'), oa.chargesIndexation, FMT.pct2);
    const vacancy = put(t('Vacance', 'Vacancy'), oa.vacancy, FMT.pct2);
    const badDebt = put(t('Impayés', 'Bad debt'), oa.badDebt, FMT.pct2);
    const cglls = put(t('Cotisation CGLLS (% des loyers encaissés)', 'CGLLS contribution (% of rents collected)'), contributionOf(model, 'assumptions.cglls_pct'), FMT.pct2);
    const ancols = put(t('Cotisation ANCOLS (% des loyers encaissés)', 'ANCOLS contribution (% of rents collected)'), contributionOf(model, 'assumptions.ancols_pct'), FMT.pct2);
    const management = put(t('Frais de gestion (€ par logement, an 1)', 'Management (€ per dwelling, year 1)'), oa.management, FMT.eur);
    const maintenance = put(t('Entretien courant (€ par logement, an 1)', 'Routine maintenance (€ per dwelling, year 1)'), oa.maintenance, FMT.eur);
    const maintenanceFrom = put(t('Entretien courant à partir de l’année', 'Routine maintenance from year'), oa.maintenanceFrom, FMT.int);
    const majorIsPct = oa.majorMaintenancePctOfCost !== null;
    const major = majorIsPct
      ? put(t('Gros entretien (% du prix de revient TTC du lot, an 1)', 'Major maintenance (% of the lot’s cost incl. VAT, year 1)'), oa.majorMaintenancePctOfCost!, FMT.rate)
      : put(t('Gros entretien (€ par logement, an 1)', 'Major maintenance (€ per dwelling, year 1)'), oa.majorMaintenancePerDwelling!, FMT.eur);
    const majorFrom = put(t('Gros entretien à partir de l’année', 'Major maintenance from year'), oa.majorMaintenanceFrom, FMT.int);
    const tfpb = put(t('TFPB (€ par logement, an 1)', 'Property tax TFPB (€ per dwelling, year 1)'), oa.tfpb, FMT.eur);
    const insurance = put(t('Assurance (€ par logement, an 1)', 'Insurance (€ per dwelling, year 1)'), oa.insurance, FMT.eur);
    const discount = put(t('Taux d’actualisation (VAN)', 'Discount rate (NPV)'), oa.discountRate, FMT.pct2);
    const fraction = r.calendar.firstYearFraction.eq(1) ? null : put(t('Part de l’année 1 louée (date de mise en location)', 'Share of year 1 let (letting date)'), r.calendar.firstYearFraction, FMT.num6);
    row++;

    // Lots
    H.text(row++, 1, t('Lots locatifs', 'Rental lots'), { bold: true });
    H.header(row++, 1, [t('Lot', 'Lot'), t('Logements', 'Dwellings'), t('Surface louée (m² SU)', 'Let area (m² SU)'), t('Loyer (€/m² SU/mois)', 'Rent (€/m² SU/month)'), t('Loyers annexes an 1', 'Annex rents year 1'), t('Exonération TFPB (ans)', 'TFPB exemption (years)'), t('Prime SCIAPP', 'SCIAPP premium'), t('Durée SCIAPP (ans)', 'SCIAPP term (years)'), t('Prix de revient TTC', 'Cost incl. VAT'), t('Fonds propres', 'Equity'), t('Origine du loyer', 'Rent origin'), ...(r.lots.some((l) => l.rent.foyer) ? [t('Redevances: part charges an 1', 'Redevances: charges part year 1')] : [])]);
    const lot = new Map<number, NonNullable<HypRefs['lot'] extends Map<number, infer V> ? V : never>>();
    for (const l of r.lots) {
      const m = model.lots[l.lotIndex]!;
      let premium: Dec = D(0), premiumYears = 0;
      if (m.tenure === 'SCIAPP') {
        premium = D(m.input.sciapp?.premium_pct !== undefined ? m.input.sciapp.premium_pct : take(model, 'sciapp.premium_pct')).div(100);
        premiumYears = m.input.sciapp?.term_years ?? take(model, 'sciapp.term_years').toNumber();
      }
      H.text(row, 1, `${m.id} (${m.tenure})`);
      H.input(row, 2, m.dwellings, FMT.int);
      H.input(row, 3, l.rent.rentSurfaceM2, FMT.num2);
      if (l.rent.rentOrigin === 'break_even') H.searched(row, 4, l.rent.rent, FMT.num4); else H.input(row, 4, l.rent.rent, FMT.num4);
      H.input(row, 5, l.rent.annexRentYear1Eur, FMT.eur);
      H.input(row, 6, l.tfpbExemptionYears, FMT.int);
      H.input(row, 7, premium, FMT.pct2);
      H.input(row, 8, premiumYears, FMT.int);
      H.input(row, 9, ev.cost.perLot[l.lotIndex]!.ttcEur, FMT.eur);
      H.input(row, 10, l.account.equityEur, FMT.eur);
      const origin: Record<string, [string, string]> = { file: ['fichier', 'file'], maximum: ['loyer maximal', 'maximum rent'], break_even: [`loyer d'équilibre: ${SEARCH_LABEL[0]}`, `break-even rent: ${SEARCH_LABEL[1]}`] };
      // a foyer: the rent is the redevance's rent-equivalent; its charges part of year 1 is an input of the account
      H.text(row, 11, l.rent.foyer ? t('redevance − part charges (logements-foyers)', 'redevance − charges part (foyer housing)') : t(origin[l.rent.rentOrigin]![0], origin[l.rent.rentOrigin]![1]));
      if (l.rent.foyer) H.input(row, 12, l.rent.foyer.chargesYear1Eur, FMT.eur);
      lot.set(l.lotIndex, {
        dwellings: ref(S, row, 2), surface: ref(S, row, 3), rent: ref(S, row, 4), annex: ref(S, row, 5), exemption: ref(S, row, 6),
        premium: ref(S, row, 7), premiumYears: ref(S, row, 8), costTtc: ref(S, row, 9), equity: ref(S, row, 10),
        ...(l.rent.foyer ? { redevanceCharges: ref(S, row, 12) } : {}),
      });
      row++;
    }
    row++;

    // Loans
    H.text(row++, 1, t('Prêts', 'Loans'), { bold: true });
    H.header(row++, 1, [t('Prêt', 'Loan'), t('Lot', 'Lot'), t('Montant', 'Amount'), t('Marge sur Livret A', 'Margin over Livret A'), t('Taux fixe', 'Fixed rate'), t('Progressivité', 'Progressivity'), t('Durée (ans)', 'Years'), t('Différé (ans)', 'Deferral (years)'), t('Révisabilité', 'Revisability')]);
    const loan = new Map<LoanTerms, { amount: string; margin: string | null; fixed: string | null; progressivity: string; duration: number; deferral: number }>();
    for (const l of r.loans) {
      H.text(row, 1, loanLabel(l.line));
      H.text(row, 2, model.lots[l.line.lotIndex]!.id);
      H.input(row, 3, l.line.amountEur, FMT.eur);
      const fixed = l.spec.revisability === 'fixed';
      if (fixed) { H.value(row, 4, null); H.input(row, 5, l.spec.fixedRate!, FMT.rate); } else { H.input(row, 4, l.spec.margin, FMT.rate); H.value(row, 5, null); }
      H.input(row, 6, l.spec.progressivity, FMT.rate);
      H.value(row, 7, l.spec.durationYears, FMT.int);
      H.value(row, 8, l.spec.deferralYears, FMT.int);
      H.value(row, 9, revLabel(l.spec.revisability, t));
      loan.set(l, { amount: ref(S, row, 3), margin: fixed ? null : ref(S, row, 4), fixed: fixed ? ref(S, row, 5) : null, progressivity: ref(S, row, 6), duration: l.spec.durationYears, deferral: l.spec.deferralYears });
      row++;
    }
    H.text(row++, 1, t('Durée, différé et révisabilité fixent la forme des échéanciers: pour les changer, modifier le fichier et relancer equilibre.', 'Duration, deferral and revisability shape the schedules: to change them, edit the file and run equilibre again.'), { italic: true });
    row++;

    // Remunerated equity advances
    const advances = new Map<number, { amount: string; rate: string; duration: number; deferral: number }[]>();
    if (r.lots.some((l) => l.advances.length > 0)) {
      H.text(row++, 1, t('Avances de fonds propres rémunérées (annuités constantes)', 'Remunerated equity advances (constant annuities)'), { bold: true });
      H.header(row++, 1, [t('Avance', 'Advance'), t('Lot', 'Lot'), t('Montant', 'Amount'), t('Taux', 'Rate'), t('Durée (ans)', 'Years'), t('Différé (ans)', 'Deferral (years)')]);
      for (const l of r.lots) {
        const list: { amount: string; rate: string; duration: number; deferral: number }[] = [];
        for (const a of l.advances) {
          H.text(row, 1, a.line.name ?? t('Avance de fonds propres', 'Equity advance'));
          H.text(row, 2, model.lots[l.lotIndex]!.id);
          H.input(row, 3, a.line.amountEur, FMT.eur);
          H.input(row, 4, a.line.rate, FMT.rate);
          H.value(row, 5, a.line.durationYears, FMT.int);
          H.value(row, 6, a.line.deferralYears, FMT.int);
          list.push({ amount: ref(S, row, 3), rate: ref(S, row, 4), duration: a.line.durationYears, deferral: a.line.deferralYears });
          row++;
        }
        advances.set(l.lotIndex, list);
      }
      row++;
    }

    // Year table: Livret A and IRL paths, the last value of each path holding after.
    const years = Math.max(r.horizonYears, ...r.loans.map((l) => l.spec.durationYears));
    H.text(row++, 1, t('Trajectoires par année (la dernière valeur donnée est tenue ensuite: cellules en formule)', 'Paths by year (the last given value holds after: formula cells)'), { bold: true });
    const ce = r.constantEuros;
    H.header(row++, 1, [t('Année', 'Year'), t('Livret A de l’année', 'Livret A of the year'), t('IRL: revalorisation de l’année N à N+1', 'IRL: revaluation from year N to N+1'), ...(ce ? [t('Indice des euros constants de l’année N à N+1', 'Constant-euro index from year N to N+1')] : [])]);
    const first = row;
    layout.hypotheses.yearFirstRow = first;
    const laPath = r.livretAPath.length ? r.livretAPath : [r.livretA0];
    for (let y = 1; y <= years; y++) {
      H.value(row, 1, y, FMT.int);
      if (y <= laPath.length) H.input(row, 2, laPath[y - 1]!, FMT.rate); else H.formula(row, 2, addr(row - 1, 2), pathAt(laPath, y), FMT.rate, 10);
      if (y <= oa.irlPath.length) H.input(row, 3, oa.irlPath[y - 1]!, FMT.rate); else H.formula(row, 3, addr(row - 1, 3), pathAt(oa.irlPath, y), FMT.rate, 10);
      if (ce) { if (y <= ce.path.length) H.input(row, 4, ce.path[y - 1]!, FMT.rate); else H.formula(row, 4, addr(row - 1, 4), pathAt(ce.path, y), FMT.rate, 10); }
      row++;
    }
    // the rates of the rents by year (`by_year_pct` of the lines at a % of the rents): that year's formulas read them
    let yearRates: HypRefs['yearRates'];
    if (oa.ratesByYear) {
      row++;
      H.text(row++, 1, t('Taux des loyers par année (remplacent vacance, impayés et cotisations ci-dessus cette année-là)', 'Rates of the rents by year (replace the vacancy, bad debt and contributions above that year)'), { bold: true });
      H.header(row++, 1, [t('Année', 'Year'), t('Vacance', 'Vacancy'), t('Impayés', 'Bad debt'), t('Cotisations CGLLS + ANCOLS', 'CGLLS + ANCOLS contributions')]);
      yearRates = new Map();
      for (const [y, rr] of oa.ratesByYear) {
        if (y > r.horizonYears) continue;
        H.value(row, 1, y, FMT.int);
        H.input(row, 2, rr.vacancy, FMT.pct2); H.input(row, 3, rr.badDebt, FMT.pct2); H.input(row, 4, rr.contributions, FMT.pct2);
        yearRates.set(y, { vacancy: ref(S, row, 2), badDebt: ref(S, row, 3), contributions: ref(S, row, 4) });
        row++;
      }
    }
    refs = {
      ...(yearRates ? { yearRates } : {}),
      sheet: S, la0, livretA: (y) => ref(S, first + y - 1, 2), irl: (y) => ref(S, first + y - 1, 3),
      chargesIndexation, vacancy, badDebt, cglls, ancols, management, maintenance, maintenanceFrom, major, majorIsPct, majorFrom, tfpb, insurance, discount, loan, lot,
      fraction, shift: r.calendar.annuityShift, advances, constantIndex: ce ? (y) => ref(S, first + y - 1, 4) : null,
    };
    row++;
  }

  // Every assumption used, with its source.
  H.text(row++, 1, t('Hypothèses et paramètres utilisés, avec leurs sources', 'Assumptions and parameters used, with their sources'), { bold: true });
  H.header(row++, 1, [t('Clé', 'Key'), t('Valeur', 'Value'), t('Unité', 'Unit'), t('Origine', 'Origin'), t('Statut', 'Status'), t('Libellé', 'Label'), '', '', '', '', '', t('Source', 'Source')]);
  const STATUS: Record<string, [string, string]> = { confirmed: ['✅ vérifié', '✅ confirmed'], single_source: ['🔶 source unique', '🔶 single source'], unverified: ['❓ non vérifié', '❓ unverified'] };
  for (const u of model.used.values()) {
    H.text(row, 1, u.key);
    const n = Number(u.value);
    const lineValue = lineAssumptionValue(u.key, model.input, t('fr', 'en') as Lang);
    if (u.value.trim() !== '' && Number.isFinite(n)) H.value(row, 2, n); else H.text(row, 2, lineValue ?? u.value);
    H.text(row, 3, u.unit);
    H.text(row, 4, assumptionOrigin(u, t('fr', 'en') as Lang));
    H.text(row, 5, STATUS[u.status] ? t(STATUS[u.status]![0], STATUS[u.status]![1]) : u.status);
    H.text(row, 6, lineAssumptionLabel(u.key, model.input, t('fr', 'en') as Lang) ?? assumptionLabel(u));
    H.text(row, 12, assumptionSource(u));
    row++;
  }
  H.finish(3, 2, 12);
  return refs;
}

/** CGLLS or ANCOLS rate (fraction), as the engine reads it (the engine uses their sum). */
function contributionOf(model: Evaluation['model'], key: 'assumptions.cglls_pct' | 'assumptions.ancols_pct'): Dec {
  // an account written line by line may give the rate as its line's `pct_of_rents`
  const line = model.input.assumptions?.lines?.[key === 'assumptions.cglls_pct' ? 'cglls' : 'ancols']?.pct_of_rents;
  if (line !== undefined) return D(line).div(100);
  return take(model, key).div(100);
}

function revLabel(rev: string, t: (fr: string, en: string) => string): string {
  const L: Record<string, [string, string]> = { double: ['double', 'double'], simple: ['simple', 'simple'], double_limited: ['double limitée', 'double limited'], fixed: ['taux fixe', 'fixed rate'] };
  return L[rev] ? t(L[rev]![0], L[rev]![1]) : rev;
}

// ───────────────────────────── Emprunts ─────────────────────────────

/** Absolute reference of each loan's annuity in year y (null beyond its term). */
type AnnuityRef = Map<LoanTerms, (y: number) => string | null>;

function writeLoans(E: SheetWriter, ev: Evaluation, t: (fr: string, en: string) => string, hyp: HypRefs | null, layout: XlsxLayout): void {
  E.widths([8, 14, 12, 14, 14, 16, 16, 16, 18]);
  E.text(1, 1, t('Emprunts: échéanciers annuels (formules)', 'Loans: yearly schedules (formulas)'), { bold: true, size: 14 });
  E.text(2, 1, t('Taux de l’année = Livret A de l’année + marge, plancher 0 %; annuité progressive recalculée chaque année sur la durée restante: A = CRD × (1 + taux) × (1 − q) / (1 − q^m), q = (1 + progressivité) / (1 + taux).', 'Rate of the year = Livret A of the year + margin, floored at 0 %; progressive annuity re-amortised each year on the remaining term: A = outstanding × (1 + rate) × (1 − q) / (1 − q^m), q = (1 + progressivity) / (1 + rate).'), { italic: true });
  const r = ev.rental;
  if (!r || !hyp || r.loans.length === 0) {
    E.text(4, 1, t('Pas de prêt locatif.', 'No rental loan.'));
    E.finish(4, 2, 9);
    return;
  }
  let row = 4;
  const C = LOAN_COLS;
  for (const l of r.loans) {
    const h = hyp.loan.get(l)!;
    const n = l.spec.durationYears, d = l.spec.deferralYears;
    const mode = l.spec.revisability;
    // The engine's options (loan.ts): a revised rate floored at 0 unless told otherwise; deferral
    // years pay the interest, or (capitalised) pay nothing and add the interest to the outstanding.
    const floor = (f: string) => (l.spec.floorRateAtZero === false ? f : `MAX(${f},0)`);
    const capitalised = l.spec.deferralMode === 'capitalised';
    E.text(row, 1, `${loanLabel(l.line)} — ${ev.model.lots[l.line.lotIndex]!.id}`, { bold: true });
    E.text(row, 4, `${revLabel(mode, t)} · ${n} ${t('ans', 'years')}${d ? ` · ${t('différé', 'deferral')} ${d}` : ''}`);
    row++;
    // Rate at signing t (floored at 0 unless fixed): the base of the double revision.
    E.text(row, 1, t('Taux à la signature', 'Rate at signing'));
    const tCell = addr(row, 3, true);
    const tFormula = mode === 'fixed' ? h.fixed! : floor(`${hyp.la0}+${h.margin!}`);
    const tValue = mode === 'fixed' ? l.spec.fixedRate! : l.spec.floorRateAtZero === false || !l.rate.isNegative() ? l.rate : D(0);
    E.formula(row, 3, tFormula, tValue, FMT.rate, 10);
    E.text(row, 4, t('Montant', 'Amount'));
    const kCell = addr(row, 6, true);
    E.formula(row, 6, h.amount, l.line.amountEur, FMT.eur);
    row++;
    E.header(row, 1, [t('Année', 'Year'), t('Livret A', 'Livret A'), t('Taux', 'Rate'), t('Progressivité', 'Progressivity'), 'q', t('Annuité', 'Annuity'), t('Intérêts', 'Interest'), t('Amortissement', 'Principal'), t('Capital restant dû', 'Outstanding')]);
    row++;
    const first = row;
    layout.loans.push({ id: l.line.id, lot: ev.model.lots[l.line.lotIndex]!.id, firstRow: first, years: n, cols: LOAN_COLS });
    const p = h.progressivity;
    for (let y = 1; y <= n; y++) {
      const x = l.schedule.rows[y - 1]!;
      const A = (c: number) => addr(row, c);
      const prevOut = y === 1 ? kCell : addr(row - 1, C.outstanding);
      E.value(row, C.year, y, FMT.int);
      if (mode === 'fixed') {
        E.value(row, C.livretA, '—');
        E.formula(row, C.rate, tCell, x.rate, FMT.rate, 10);
      } else {
        E.formula(row, C.livretA, hyp.livretA(y), pathAt(r.livretAPath.length ? r.livretAPath : [r.livretA0], y), FMT.rate, 10);
        E.formula(row, C.rate, floor(`${A(C.livretA)}+${h.margin!}`), x.rate, FMT.rate, 10);
      }
      const doubleRev = `IF(${A(C.rate)}=${tCell},${p},(1+${p})*(1+${A(C.rate)})/(1+${tCell})-1)`;
      const revF = mode === 'double' ? doubleRev : mode === 'double_limited' ? `MAX(${doubleRev},0)` : p;
      E.formula(row, C.progressivity, revF, x.progressivity, FMT.rate, 10);
      const qValue = ONE.plus(x.progressivity).div(ONE.plus(x.rate));
      E.formula(row, C.q, `(1+${A(C.progressivity)})/(1+${A(C.rate)})`, qValue, FMT.num6, 12);
      E.formula(row, C.interest, `${A(C.rate)}*${prevOut}`, x.interestEur, FMT.eur);
      const m = n - y + 1;
      let annuityF: string;
      if (y <= d) annuityF = capitalised ? '0' : A(C.interest);
      else if (m === 1) annuityF = `${prevOut}+${A(C.interest)}`;
      else {
        const q = A(C.q);
        annuityF = `MIN(${prevOut}*(1+${A(C.rate)})*IF(${q}=1,1/${m},(1-${q})/(1-${q}^${m})),${A(C.interest)}+${prevOut})`;
      }
      E.formula(row, C.annuity, annuityF, x.annuityEur, FMT.eur);
      E.formula(row, C.principal, `${A(C.annuity)}-${A(C.interest)}`, x.principalEur, FMT.eur);
      E.formula(row, C.outstanding, `${prevOut}-${A(C.principal)}`, x.outstandingEur, FMT.eur);
      row++;
    }
    const last = row - 1;
    E.text(row, 1, t('Total', 'Total'), { bold: true });
    E.formula(row, C.annuity, `SUM(${addr(first, C.annuity)}:${addr(last, C.annuity)})`, l.schedule.totalAnnuityEur, FMT.eur);
    E.formula(row, C.interest, `SUM(${addr(first, C.interest)}:${addr(last, C.interest)})`, l.schedule.totalInterestEur, FMT.eur);
    E.formula(row, C.principal, `SUM(${addr(first, C.principal)}:${addr(last, C.principal)})`, l.schedule.totalPrincipalEur, FMT.eur);
    row += 2;
  }
  E.finish(4, 2, 9);
}

// ───────────────────────────── Exploitation ─────────────────────────────

interface AccountRefs {
  total: { minCumulative: string; minYear: string; balanced: string; year1Annuities: string; npv: string } | null;
}

function writeAccounts(X: SheetWriter, ev: Evaluation, t: (fr: string, en: string) => string, hyp: HypRefs | null, layout: XlsxLayout, loanSheet: string): AccountRefs {
  X.widths([8, 10, 10, ...Array(15).fill(15)]);
  X.text(1, 1, t('Compte d’exploitation par année (formules)', 'Operating account by year (formulas)'), { bold: true, size: 14 });
  X.text(2, 1, t('Euros courants; année 1 = première année de location. Autofinancement = encaissements + parts acquises − charges; test: cumul ≥ 0 chaque année sur la durée du prêt principal (circ. 97-51).', 'Current euros; year 1 = first year of letting. Cash flow = collected + shares bought − charges; test: cumulative ≥ 0 every year over the main loan’s life (circ. 97-51).'), { italic: true });
  const r = ev.rental;
  if (!r || !hyp) {
    X.text(4, 1, t('Pas de lot locatif.', 'No rental lot.'));
    X.finish(4, 2, 18);
    return { total: null };
  }
  const C = ACC_COLS;
  const horizon = r.horizonYears;
  const oa = operatingAssumptions(ev.model);
  // logements-foyers: the charges part of their redevance, a column of its own after the cumulative
  const withFoyer = r.lots.some((l) => l.rent.foyer);
  if (withFoyer) X.widths([8, 10, 10, ...Array(16).fill(15)]);
  // Index series for the cached values (as the engine: products of yearly factors).
  const rentIdx: number[] = [], chargeIdx: number[] = [];
  for (let y = 1; y <= horizon; y++) {
    rentIdx.push(y === 1 ? 1 : rentIdx[y - 2]! * (1 + pathAt(oa.irlPath, y - 1).toNumber()));
    chargeIdx.push(y === 1 ? 1 : chargeIdx[y - 2]! * (1 + oa.chargesIndexation.toNumber()));
  }
  const headers = [t('Année', 'Year'), t('Indice loyers', 'Rent index'), t('Indice charges', 'Charges index'), t('Loyers', 'Rents'), t('Loyers annexes', 'Annex rents'), t('Vacance et impayés', 'Vacancy and bad debt'), t('Parts acquises (SCIAPP)', 'Shares bought (SCIAPP)'), t('Loyers encaissés', 'Rents collected'), t('Annuités', 'Annuities'), t('Gestion', 'Management'), t('Entretien courant', 'Routine maintenance'), t('Gros entretien', 'Major maintenance'), 'TFPB', t('Assurance', 'Insurance'), t('Cotisations CGLLS, ANCOLS', 'CGLLS, ANCOLS contributions'), t('Total des charges', 'Total charges'), t('Autofinancement', 'Cash flow'), t('Cumul', 'Cumulative'), ...(withFoyer ? [t('Redevances: part charges', 'Redevances: charges part')] : [])];
  // Columns after the cumulative, only when the file has them: the advances' repayments, constant euros.
  const extra: AccountExtraCols = {};
  // An account written line by line: TEOM, other lines and each line's input cells after the cumulative (and a foyer's column).
  const afterAccount = C.cumulative + 1 + (withFoyer ? 1 : 0);
  const LINE_COLS = lineCols(afterAccount);
  // the calendar's columns (advances, constant euros) start after the lines' input cells, if any
  const extraStart = oa.lines ? LINE_COLS.inputs + LINE_INPUTS.length + (oa.lines.annexPath ? 1 : 0) : afterAccount;
  let nextCol = extraStart;
  const extraHeaders: string[] = [];
  if (r.lots.some((l) => l.advances.length > 0)) { extra.advance = nextCol++; extraHeaders.push(t('Remboursement d’avances de fonds propres', 'Equity advance repayments')); }
  if (r.constantEuros) {
    extra.deflator = nextCol++; extra.cashFlowConstant = nextCol++; extra.cumulativeConstant = nextCol++;
    extraHeaders.push(t('Déflateur (euros constants de l’année 1)', 'Deflator (constant euros of year 1)'), t('Autofinancement (euros constants)', 'Cash flow (constant euros)'), t('Cumul (euros constants)', 'Cumulative (constant euros)'));
  }
  const extraUsed = nextCol > extraStart;
  const deflator = r.constantEuros?.deflator;
  const constantCells = (at: number, y: number, acc: Account): void => {
    if (!extra.deflator || !deflator || !hyp.constantIndex) return;
    const cfc = acc.cashFlows[y - 1]!.div(deflator[y - 1]!);
    const cumc = acc.cashFlows.slice(0, y).reduce((s, v, i) => s.plus(v.div(deflator[i]!)), D(0));
    X.formula(at, extra.deflator, y === 1 ? '1' : `${addr(at - 1, extra.deflator)}*(1+${hyp.constantIndex(y - 1)})`, deflator[y - 1]!, FMT.num6, 10);
    X.formula(at, extra.cashFlowConstant!, `${addr(at, C.cashFlow)}/${addr(at, extra.deflator)}`, cfc, FMT.eur);
    X.formula(at, extra.cumulativeConstant!, y === 1 ? addr(at, extra.cashFlowConstant!) : `${addr(at - 1, extra.cumulativeConstant!)}+${addr(at, extra.cashFlowConstant!)}`, cumc, FMT.eur);
  };
  let row = 4;
  const lotBlocks: { first: number }[] = [];
  const loanAnnuity = annuityRefs(r.loans, loanSheet, layout);

  const summary = (acc: Account, first: number, label: string): { minCumulative: string; minYear: string; balanced: string; year1Annuities: string; npv: string; at: number } => {
    // Rows: lowest cumulative, its year, test, deficit years, year-1 annuities, NPV, IRR, break-even rent.
    const testLast = first + acc.testYears - 1;
    const cumRange = `${addr(first, C.cumulative, true)}:${addr(testLast, C.cumulative, true)}`;
    const cfRange = `${addr(first, C.cashFlow, true)}:${addr(first + horizon - 1, C.cashFlow, true)}`;
    const at = row;
    X.text(row, 1, label, { bold: true });
    row++;
    const line = (fr: string, en: string) => { X.text(row, 2, t(fr, en)); };
    line(`Cumul le plus bas (test sur ${acc.testYears} ans)`, `Lowest cumulative (test over ${acc.testYears} years)`);
    const minCumulative = addr(row, 6);
    X.formula(row, 6, `MIN(${cumRange})`, acc.minCumulativeEur, FMT.eur); row++;
    line('Année du cumul le plus bas', 'Year of the lowest cumulative');
    const minYear = addr(row, 6);
    X.formula(row, 6, `MATCH(${minCumulative},${cumRange},0)`, acc.minCumulativeYear, FMT.int, 0); row++;
    line('Test locatif (cumul ≥ 0)', 'Rental test (cumulative ≥ 0)');
    const balanced = addr(row, 6);
    X.formula(row, 6, `IF(${minCumulative}>=0,"${t('oui', 'yes')}","${t('non', 'no')}")`, acc.balanced ? t('oui', 'yes') : t('non', 'no')); row++;
    line('Années d’autofinancement négatif', 'Years of negative cash flow');
    X.formula(row, 6, `COUNTIF(${cfRange},"<0")`, acc.deficitYears, FMT.int, 0); row++;
    line('Annuités de l’année 1', 'Year-1 annuities');
    const year1Annuities = addr(row, 6);
    X.formula(row, 6, addr(first, C.annuities), acc.annuities[0] ?? 0, FMT.eur); row++;
    line('VAN des fonds propres', 'Equity NPV');
    const npv = addr(row, 6);
    X.formula(row, 6, `-${equityRef(acc, hyp, r)}+NPV(${hyp.discount},${cfRange})`, acc.npvEquityEur, FMT.eur); row++;
    line('TRI des fonds propres', 'Equity IRR');
    if (acc.irrEquity === null) X.value(row, 6, '—'); else X.searched(row, 6, acc.irrEquity, FMT.pct2);
    X.text(row, 7, t(SEARCH_LABEL[0], SEARCH_LABEL[1]), { italic: true }); row++;
    line('Loyer d’équilibre (€/m² SU/mois)', 'Break-even rent (€/m² SU/month)');
    X.searched(row, 6, acc.breakEvenRent, FMT.num4);
    X.text(row, 7, t(SEARCH_LABEL[0], SEARCH_LABEL[1]), { italic: true }); row++;
    return { minCumulative, minYear, balanced, year1Annuities, npv, at };
  };

  // Map account → its equity reference (a lot's, or the sum of the lots' for the whole).
  const equityCells = new Map<Account, string>();
  for (const l of r.lots) equityCells.set(l.account, hyp.lot.get(l.lotIndex)!.equity);
  function equityRef(acc: Account, h: HypRefs, rr: NonNullable<Evaluation['rental']>): string {
    const e = equityCells.get(acc);
    if (e) return e;
    return `(${rr.lots.map((l) => h.lot.get(l.lotIndex)!.equity).join('+')})`;
  }

  for (const l of r.lots) {
    const m = ev.model.lots[l.lotIndex]!;
    const L = hyp.lot.get(l.lotIndex)!;
    const sum = summary(l.account, row + 11, `${m.id} (${m.tenure})${m.label && m.label !== m.id ? ` — ${m.label}` : ''}`);
    row = sum.at + 10;
    X.header(row, 1, headers);
    if (extraUsed) X.header(row, extraStart, extraHeaders);
    row++;
    const first = row;
    const rows = l.account.rows;
    const lotLoans = r.loans.filter((x) => x.line.lotIndex === l.lotIndex);
    const advs = hyp.advances.get(l.lotIndex) ?? [];
    // An account written line by line (assumptions.lines): each charge line's amount of each year
    // is an input cell (yellow, right of the account), the account's columns read them.
    const byLine = oa.lines !== undefined;
    if (byLine) X.header(row - 1, LINE_COLS.teom, [...LINE_HEADERS.map(([fr, en]) => t(fr, en)), ...LINE_INPUTS.map(([, fr, en]) => t(`${fr} (entrée)`, `${en} (input)`))]);
    for (let y = 1; y <= horizon; y++) {
      const x = rows[y - 1]!;
      const A = (c: number) => addr(row, c);
      // a letting date: year 1 × the share let; the loans' (and advances') row k = y − shift
      const p = y === 1 && hyp.fraction ? `*${hyp.fraction}` : '';
      const k = y - hyp.shift;
      X.value(row, C.year, y, FMT.int);
      X.formula(row, C.rentIndex, y === 1 ? '1' : `${addr(row - 1, C.rentIndex)}*(1+${hyp.irl(y - 1)})`, rentIdx[y - 1]!, FMT.num6, 10);
      X.formula(row, C.chargeIndex, y === 1 ? '1' : `${addr(row - 1, C.chargeIndex)}*(1+${hyp.chargesIndexation})`, chargeIdx[y - 1]!, FMT.num6, 10);
      X.formula(row, C.rent, `${L.surface}*${L.rent}*12*${A(C.rentIndex)}${p}`, x.rentEur, FMT.eur);
      X.formula(row, C.annexRent, `${L.annex}*${A(C.rentIndex)}${p}`, x.annexRentEur, FMT.eur);
      const rc = L.redevanceCharges ? `+${A(C.redevanceCharges)}` : '';
      if (withFoyer) X.formula(row, C.redevanceCharges, L.redevanceCharges ? `${L.redevanceCharges}*${A(C.rentIndex)}${p}` : '0', x.redevanceChargesEur ?? D(0), FMT.eur);
      // a year with rates of its own (`by_year_pct`) reads them
      const yr = hyp.yearRates?.get(y);
      const vac = yr?.vacancy ?? hyp.vacancy, bad = yr?.badDebt ?? hyp.badDebt, contrib = yr ? yr.contributions : `${hyp.cglls}+${hyp.ancols}`;
      X.formula(row, C.losses, `(${A(C.rent)}+${A(C.annexRent)}${rc})*(${vac}+${bad})`, x.lossesEur, FMT.eur);
      X.formula(row, C.shareIncome, `IF(${A(C.year)}<=${L.premiumYears},${A(C.rent)}*(1-${vac}-${bad})*${L.premium},0)`, x.shareIncomeEur, FMT.eur);
      X.formula(row, C.collected, `${A(C.rent)}+${A(C.annexRent)}${rc}-${A(C.losses)}`, x.collectedEur, FMT.eur);
      const ann = lotLoans.map((ln) => loanAnnuity.get(ln)!(k)).filter((s): s is string => s !== null);
      X.formula(row, C.annuities, ann.length ? ann.join('+') : '0', x.annuitiesEur, FMT.eur);
      X.formula(row, C.management, `${hyp.management}*${L.dwellings}*${A(C.chargeIndex)}${p}`, x.managementEur, FMT.eur);
      X.formula(row, C.maintenance, `IF(${A(C.year)}>=${hyp.maintenanceFrom},${hyp.maintenance}*${L.dwellings}*${A(C.chargeIndex)}${p},0)`, x.maintenanceEur, FMT.eur);
      const major1 = hyp.majorIsPct ? `${L.costTtc}*${hyp.major}` : `${hyp.major}*${L.dwellings}`;
      X.formula(row, C.majorMaintenance, `IF(${A(C.year)}>=${hyp.majorFrom},${major1}*${A(C.chargeIndex)}${p},0)`, x.majorMaintenanceEur, FMT.eur);
      X.formula(row, C.tfpb, `IF(${A(C.year)}>${L.exemption},${hyp.tfpb}*${L.dwellings}*${A(C.chargeIndex)}${p},0)`, x.tfpbEur, FMT.eur);
      X.formula(row, C.insurance, `${hyp.insurance}*${L.dwellings}*${A(C.chargeIndex)}${p}`, x.insuranceEur, FMT.eur);
      // a foyer's charges part is not a rent: outside the base of the contributions
      X.formula(row, C.contributions, rc ? `(${A(C.collected)}-${A(C.redevanceCharges)}*(1-${vac}-${bad}))*(${contrib})` : `${A(C.collected)}*(${contrib})`, x.contributionsEur, FMT.eur);
      if (extra.advance) {
        // constant annuities: interest only during the deferral, then PMT over the remaining years
        const parts = advs.flatMap((a) => (k >= 1 && k <= a.deferral ? [`${a.amount}*${a.rate}`] : k > a.deferral && k <= a.duration ? [`PMT(${a.rate},${a.duration - a.deferral},-${a.amount})`] : []));
        X.formula(row, extra.advance, parts.length ? parts.join('+') : '0', x.advanceRepaymentEur, FMT.eur);
      }
      if (byLine) {
        LINE_INPUTS.forEach(([k], i) => X.input(row, LINE_COLS.inputs + i, (x[k] as Dec | undefined) ?? 0, FMT.eur));
        if (oa.lines!.annexPath) X.formula(row, C.annexRent, A(LINE_COLS.inputs + LINE_INPUTS.length), x.annexRentEur, FMT.eur);
        if (oa.lines!.annexPath) X.input(row, LINE_COLS.inputs + LINE_INPUTS.length, x.annexRentEur, FMT.eur);
        const cols: Record<string, number> = { managementEur: C.management, maintenanceEur: C.maintenance, majorMaintenanceEur: C.majorMaintenance, tfpbEur: C.tfpb, insuranceEur: C.insurance, teomEur: LINE_COLS.teom, otherEur: LINE_COLS.other };
        LINE_INPUTS.forEach(([k], i) => X.formula(row, cols[k]!, A(LINE_COLS.inputs + i), (x[k] as Dec | undefined) ?? 0, FMT.eur));
        X.formula(row, C.charges, `SUM(${A(C.annuities)}:${A(C.contributions)})+${A(LINE_COLS.teom)}+${A(LINE_COLS.other)}${extra.advance ? `+${A(extra.advance)}` : ''}`, x.chargesEur, FMT.eur);
      } else X.formula(row, C.charges, `SUM(${A(C.annuities)}:${A(C.contributions)})${extra.advance ? `+${A(extra.advance)}` : ''}`, x.chargesEur, FMT.eur);
      X.formula(row, C.cashFlow, `${A(C.collected)}+${A(C.shareIncome)}-${A(C.charges)}`, x.cashFlowEur, FMT.eur);
      X.formula(row, C.cumulative, y === 1 ? A(C.cashFlow) : `${addr(row - 1, C.cumulative)}+${A(C.cashFlow)}`, x.cumulativeEur, FMT.eur);
      constantCells(row, y, l.account);
      row++;
    }
    lotBlocks.push({ first });
    layout.accounts.push({ lot: m.id, firstRow: first, years: horizon, cols: ACC_COLS, ...(extraUsed ? { extra } : {}), summary: { minCumulative: addr(sum.at + 1, 6), minYear: addr(sum.at + 2, 6), balanced: addr(sum.at + 3, 6), year1Annuities: addr(sum.at + 5, 6), npv: addr(sum.at + 6, 6) } });
    row += 2;
  }

  let total: AccountRefs['total'];
  if (r.lots.length === 1) {
    const s = layout.accounts[0]!.summary;
    total = { minCumulative: ref(X.name, Number(s.minCumulative.slice(1)), 6), minYear: ref(X.name, Number(s.minYear.slice(1)), 6), balanced: ref(X.name, Number(s.minYear.slice(1)) + 1, 6), year1Annuities: ref(X.name, Number(s.year1Annuities.slice(1)), 6), npv: ref(X.name, Number(s.npv.slice(1)), 6) };
  } else {
    const acc = r.total;
    const sum = summary(acc, row + 11, t('Ensemble des lots locatifs', 'All rental lots'));
    row = sum.at + 10;
    X.header(row, 1, headers);
    if (extraUsed) X.header(row, extraStart, extraHeaders);
    row++;
    const first = row;
    const keys: [number, keyof Account['rows'][number]][] = [
      [C.rent, 'rentEur'], [C.annexRent, 'annexRentEur'], [C.losses, 'lossesEur'], [C.shareIncome, 'shareIncomeEur'], [C.collected, 'collectedEur'], [C.annuities, 'annuitiesEur'],
      [C.management, 'managementEur'], [C.maintenance, 'maintenanceEur'], [C.majorMaintenance, 'majorMaintenanceEur'], [C.tfpb, 'tfpbEur'], [C.insurance, 'insuranceEur'],
      [C.contributions, 'contributionsEur'], [C.charges, 'chargesEur'], [C.cashFlow, 'cashFlowEur'],
      ...(withFoyer ? [[C.redevanceCharges, 'redevanceChargesEur'] as [number, keyof Account['rows'][number]]] : []),
    ];
    for (let y = 1; y <= horizon; y++) {
      const x = acc.rows[y - 1]!;
      X.value(row, C.year, y, FMT.int);
      X.formula(row, C.rentIndex, addr(lotBlocks[0]!.first + y - 1, C.rentIndex), rentIdx[y - 1]!, FMT.num6, 10);
      X.formula(row, C.chargeIndex, addr(lotBlocks[0]!.first + y - 1, C.chargeIndex), chargeIdx[y - 1]!, FMT.num6, 10);
      for (const [c, k] of keys) X.formula(row, c, lotBlocks.map((b) => addr(b.first + y - 1, c)).join('+'), x[k] as Dec, FMT.eur);
      if (extra.advance) X.formula(row, extra.advance, lotBlocks.map((b) => addr(b.first + y - 1, extra.advance!)).join('+'), x.advanceRepaymentEur, FMT.eur);
      if (oa.lines) for (const [c, k] of [[LINE_COLS.teom, 'teomEur'], [LINE_COLS.other, 'otherEur']] as const) X.formula(row, c, lotBlocks.map((b) => addr(b.first + y - 1, c)).join('+'), x[k] ?? 0, FMT.eur);
      X.formula(row, C.cumulative, y === 1 ? addr(row, C.cashFlow) : `${addr(row - 1, C.cumulative)}+${addr(row, C.cashFlow)}`, x.cumulativeEur, FMT.eur);
      constantCells(row, y, acc);
      row++;
    }
    layout.accounts.push({ lot: null, firstRow: first, years: horizon, cols: ACC_COLS, ...(extraUsed ? { extra } : {}), summary: { minCumulative: addr(sum.at + 1, 6), minYear: addr(sum.at + 2, 6), balanced: addr(sum.at + 3, 6), year1Annuities: addr(sum.at + 5, 6), npv: addr(sum.at + 6, 6) } });
    total = { minCumulative: ref(X.name, sum.at + 1, 6), minYear: ref(X.name, sum.at + 2, 6), balanced: ref(X.name, sum.at + 3, 6), year1Annuities: ref(X.name, sum.at + 5, 6), npv: ref(X.name, sum.at + 6, 6) };
  }
  X.finish(4, 2, withFoyer ? 19 : 18);
  return { total };
}

function annuityRefs(loans: readonly LoanTerms[], sheet: string, layout: XlsxLayout): AnnuityRef {
  const out: AnnuityRef = new Map();
  loans.forEach((l, i) => {
    const b = layout.loans[i]!;
    out.set(l, (y) => (y >= 1 && y <= b.years ? ref(sheet, b.firstRow + y - 1, LOAN_COLS.annuity) : null));
  });
  return out;
}

// ───────────────────────────── Synthèse ─────────────────────────────

const METRIC_LABELS: Record<string, [string, string]> = {
  dwellings: ['Logements', 'Dwellings'],
  shab_m2: ['SHAB (m²)', 'Living area (m²)'],
  'cost_price.total_ttc_eur': ['Prix de revient TTC', 'Cost price incl. VAT'],
  'cost_price.per_dwelling_ttc_eur': ['Prix de revient TTC par logement', 'Cost per dwelling incl. VAT'],
  'financing.subsidies_eur': ['Subventions (locatif)', 'Subsidies (rental)'],
  'financing.equity_eur': ['Fonds propres (locatif)', 'Equity (rental)'],
  'financing.loans_eur': ['Emprunts (locatif)', 'Loans (rental)'],
  'rental.year1_rent_eur': ['Loyers an 1', 'Year-1 rents'],
  'rental.min_cumulative_cash_flow_eur': ['Cumul d’autofinancement le plus bas', 'Lowest cumulative cash flow'],
  'rental.balanced': ['Test locatif (circ. 97-51)', 'Rental test (circ. 97-51)'],
  'rental.break_even_rent_eur_per_m2_su_month': ['Loyer d’équilibre (€/m² SU/mois)', 'Break-even rent (€/m² SU/month)'],
  'sale.revenue_ht_eur': ['Chiffre d’affaires des ventes HT', 'Sales revenue excl. VAT'],
  'sale.margin_eur': ['Marge des ventes', 'Sales margin'],
  'sale.margin_pct': ['Marge des ventes (%)', 'Sales margin (%)'],
  'operation.balance_eur': ['Équilibre de l’opération', 'Operation balance'],
  'operation.balanced': ['Opération équilibrée', 'Operation balanced'],
};

/** Metrics found by a search (bisection, goal seek, closed-form inversion of the account). */
export function isSearchMetric(key: string): boolean {
  return /break_even|sensitivity\.|irr|bearable|goal|max_.*inflation/.test(key);
}

/** Write a metric value with the format of its unit; booleans as oui/non. */
export function metricCell(S: SheetWriter, row: number, column: number, v: unknown, unit: string, t: (fr: string, en: string) => string): void {
  if (v === null || v === undefined) { S.value(row, column, '—'); return; }
  if (typeof v === 'boolean') { S.value(row, column, v ? t('oui', 'yes') : t('non', 'no')); return; }
  if (typeof v !== 'number') { S.value(row, column, String(v)); return; }
  const fmt = unit === 'eur' ? FMT.eur : unit === 'pct' ? FMT.pct2 : unit === 'm2' ? FMT.num2 : unit === 'ratio' ? FMT.num6 : unit.includes('month') ? FMT.num4 : Number.isInteger(v) ? FMT.int : FMT.num4;
  S.value(row, column, unit === 'pct' ? v / 100 : v, fmt);
}

export function unitLabel(unit: string, t: (fr: string, en: string) => string): string {
  const U: Record<string, [string, string]> = { eur: ['€', '€'], pct: ['%', '%'], m2: ['m²', 'm²'], count: ['nombre', 'count'], bool: ['oui/non', 'yes/no'], eur_per_m2_su_month: ['€/m² SU/mois', '€/m² SU/month'], year: ['année', 'year'], ratio: ['ratio', 'ratio'] };
  return U[unit] ? t(U[unit]![0], U[unit]![1]) : unit;
}

function writeSynthesis(S: SheetWriter, ev: Evaluation, json: Json, t: (fr: string, en: string) => string, acc: AccountRefs): void {
  S.widths([52, 20, 16, 44]);
  S.text(1, 1, ev.model.name, { bold: true, size: 14 });
  S.text(2, 1, `${ev.model.input.operation.commune ?? ''} · ${t('paramètres', 'parameters')} ${ev.model.vintage} · ${TOOL_NAME} ${TOOL_VERSION}`, { italic: true });
  let row = 4;
  if (acc.total) {
    S.text(row++, 1, t('Compte d’exploitation (formules liées à la feuille Exploitation)', 'Operating account (formulas linked to the Operating account sheet)'), { bold: true });
    const tot = ev.rental!.total;
    const link = (label: string, f: string, v: Dec | number | string, fmt?: string, dp = 2) => { S.text(row, 1, label); S.formula(row, 2, f, v, fmt, dp); row++; };
    link(t('Cumul d’autofinancement le plus bas', 'Lowest cumulative cash flow'), acc.total.minCumulative, tot.minCumulativeEur, FMT.eur);
    link(t('Année du cumul le plus bas', 'Year of the lowest cumulative'), acc.total.minYear, tot.minCumulativeYear, FMT.int, 0);
    link(t('Test locatif (circ. 97-51)', 'Rental test (circ. 97-51)'), acc.total.balanced, tot.balanced ? t('oui', 'yes') : t('non', 'no'));
    link(t('Annuités de l’année 1', 'Year-1 annuities'), acc.total.year1Annuities, tot.annuities[0] ?? 0, FMT.eur);
    link(t('VAN des fonds propres', 'Equity NPV'), acc.total.npv, tot.npvEquityEur, FMT.eur);
    row++;
  }
  S.text(row++, 1, t('Indicateurs (valeurs calculées par equilibre)', 'Metrics (values computed by equilibre)'), { bold: true });
  S.header(row++, 1, [t('Indicateur', 'Metric'), t('Valeur', 'Value'), t('Unité', 'Unit'), t('Clé', 'Key')]);
  const metrics = json.metrics as Record<string, unknown>;
  const keys = Object.keys(metrics);
  const ordered = [...Object.keys(METRIC_LABELS).filter((k) => k in metrics), ...keys.filter((k) => !(k in METRIC_LABELS))];
  for (const k of ordered) {
    const unit = ev.metrics.get(k)?.unit ?? '';
    const label = METRIC_LABELS[k];
    S.text(row, 1, label ? t(label[0], label[1]) : k);
    metricCell(S, row, 2, metrics[k], unit, t);
    S.text(row, 3, unitLabel(unit, t));
    S.text(row, 4, isSearchMetric(k) ? `${k} — ${t(SEARCH_LABEL[0], SEARCH_LABEL[1])}` : k);
    row++;
  }
  S.finish(4, 2, 4);
}

// ───────────────────────────── value sheets ─────────────────────────────

function writeSurfaces(S: SheetWriter, json: Json, t: (fr: string, en: string) => string): void {
  S.widths([14, 36, 10, 12, 14, 14, 14, 18, 14]);
  S.text(1, 1, t('Surfaces', 'Areas'), { bold: true, size: 14 });
  S.header(3, 1, [t('Lot', 'Lot'), t('Libellé', 'Label'), t('Produit', 'Tenure'), t('Logements', 'Dwellings'), 'SHAB (m²)', t('Annexes (m²)', 'Annexes (m²)'), 'SU (m²)', t('SU réglementaire (m²)', 'Regulatory SU (m²)'), t('Régime', 'Regime')]);
  const lots = json.surfaces.lots as Json[];
  let row = 4;
  for (const l of lots) {
    S.value(row, 1, l.id); S.value(row, 2, l.label); S.value(row, 3, l.tenure); S.value(row, 4, l.dwellings, FMT.int);
    S.value(row, 5, l.shab_m2, FMT.num2); S.value(row, 6, l.annexes_m2, FMT.num2); S.value(row, 7, l.su_m2, FMT.num2); S.value(row, 8, l.su_regulatory_m2, FMT.num2); S.value(row, 9, l.su_regime ?? '');
    row++;
  }
  const last = row - 1;
  S.text(row, 1, t('Total', 'Total'), { bold: true });
  const s = json.surfaces;
  S.formula(row, 4, `SUM(D4:D${last})`, s.dwellings, FMT.int, 0);
  S.formula(row, 5, `SUM(E4:E${last})`, s.shab_m2, FMT.num2);
  S.formula(row, 6, `SUM(F4:F${last})`, lots.reduce((a, l) => a + (l.annexes_m2 as number), 0), FMT.num2);
  S.formula(row, 7, `SUM(G4:G${last})`, s.su_m2, FMT.num2);
  row += 2;
  const kv: [string, string, number][] = [
    [t('Surface de plancher (m² SP)', 'Floor area (m² SP)'), '', s.sp_m2], [t('Espaces communs (m²)', 'Common spaces (m²)'), '', s.common_spaces_m2],
  ];
  for (const [label, , v] of kv) { S.text(row, 1, label); S.value(row, 5, v, FMT.num2); row++; }
  S.finish(4, 2, 9);
}

function writeCost(S: SheetWriter, json: Json, t: (fr: string, en: string) => string): { totalHt: string; totalTtc: string; lotTtc: Map<string, string> } {
  const cp = json.cost_price;
  const lotIds = (cp.lots as Json[]).map((l) => l.id as string);
  S.widths([12, 40, 50, 16, ...lotIds.map(() => 16)]);
  S.text(1, 1, t('Prix de revient', 'Cost price'), { bold: true, size: 14 });
  S.header(3, 1, [t('Chapitre', 'Chapter'), t('Poste', 'Item'), t('Base', 'Basis'), t('Montant HT', 'Amount excl. VAT'), ...lotIds.map((id) => t(`${id} HT`, `${id} excl. VAT`))]);
  let row = 4;
  for (const l of cp.lines as Json[]) {
    const ch = CHAPTER_LABEL[l.chapter as keyof typeof CHAPTER_LABEL];
    S.value(row, 1, ch ? t(ch[0], ch[1]) : l.chapter); S.value(row, 2, l.label); S.value(row, 3, l.basis);
    S.value(row, 4, l.amount_ht_eur, FMT.eur);
    lotIds.forEach((id, i) => S.value(row, 5 + i, l.per_lot_ht_eur[id] ?? 0, FMT.eur));
    row++;
  }
  const last = row - 1;
  S.text(row, 2, t('Total HT', 'Total excl. VAT'), { bold: true });
  S.formula(row, 4, `SUM(D4:D${last})`, cp.total_ht_eur, FMT.eur);
  lotIds.forEach((_, i) => S.formula(row, 5 + i, `SUM(${addr(4, 5 + i)}:${addr(last, 5 + i)})`, cp.lots[i].total_ht_eur, FMT.eur));
  const htRow = row;
  row++;
  S.text(row, 2, t('TVA', 'VAT'));
  // VAT per line (docs/cost-price.md): the lines carry their VAT; the VAT row adds up the table of the lines' VAT below.
  const lines = cp.lines as Json[];
  const byLine = lines.length > 0 && lines[0]!.vat_eur !== undefined;
  const per: [string, string, string][] = [['per_dwelling_ttc_eur', 'TTC par logement', 'Per dwelling incl. VAT'], ['per_m2_shab_ttc_eur', 'TTC par m² SHAB', 'Per m² living area incl. VAT'], ['per_m2_su_ttc_eur', 'TTC par m² SU', 'Per m² SU incl. VAT'], ['land_ttc_eur', 'Charge foncière TTC', 'Land charge incl. VAT']];
  // rows below: TTC, rate, `per`, a blank, the chapters' header and rows, a blank, the VAT lines' header, its lines, its total
  const vatFirst = row + 3 + per.length + 2 + Object.keys(CHAPTER_LABEL).length + 2;
  const vatTotal = vatFirst + lines.length;
  if (byLine) {
    S.formula(row, 4, `SUM(D${vatFirst}:D${vatTotal - 1})`, cp.vat_eur, FMT.eur);
    lotIds.forEach((_, i) => S.formula(row, 5 + i, addr(vatTotal, 5 + i), cp.lots[i].vat_eur, FMT.eur));
  } else {
    S.value(row, 4, cp.vat_eur, FMT.eur);
    lotIds.forEach((_, i) => S.value(row, 5 + i, cp.lots[i].vat_eur, FMT.eur));
  }
  const vatRow = row;
  row++;
  S.text(row, 2, t('Total TTC', 'Total incl. VAT'), { bold: true });
  const totals = { totalHt: `D${htRow}`, totalTtc: `D${row}`, lotTtc: new Map(lotIds.map((id, i) => [id, ref(S.name, row, 5 + i)])) };
  S.formula(row, 4, `D${htRow}+D${vatRow}`, cp.total_ttc_eur, FMT.eur);
  lotIds.forEach((_, i) => S.formula(row, 5 + i, `${addr(htRow, 5 + i)}+${addr(vatRow, 5 + i)}`, cp.lots[i].total_ttc_eur, FMT.eur));
  row++;
  S.text(row, 2, t('Taux de TVA', 'VAT rate'));
  lotIds.forEach((_, i) => S.value(row, 5 + i, cp.lots[i].vat_pct / 100, FMT.pct2));
  row++;
  for (const [k, fr, en] of per) {
    S.text(row, 2, t(fr, en));
    lotIds.forEach((_, i) => S.value(row, 5 + i, cp.lots[i][k], FMT.eur));
    row++;
  }
  // Totals by chapter: SUMIF over the chapter column.
  row++;
  S.header(row++, 1, [t('Chapitre', 'Chapter'), '', '', t('Montant HT', 'Amount excl. VAT'), ...lotIds.map((id) => t(`${id} HT`, `${id} excl. VAT`))]);
  for (const [k, [fr, en]] of Object.entries(CHAPTER_LABEL)) {
    S.text(row, 1, t(fr, en));
    const crit = addr(row, 1, true);
    S.formula(row, 4, `SUMIF($A$4:$A$${last},${crit},D$4:D$${last})`, cp.chapters?.[k] ?? 0, FMT.eur);
    lotIds.forEach((_, i) => S.formula(row, 5 + i, `SUMIF($A$4:$A$${last},${crit},${addr(4, 5 + i).replace(/\d+$/, '')}$4:${addr(4, 5 + i).replace(/\d+$/, '')}$${last})`, cp.lots[i].chapters_ht_eur?.[k] ?? 0, FMT.eur));
    row++;
  }
  if (byLine) {
    // VAT per line: each line's rate (its own, or the lot's) and its VAT per lot, to the cent
    row++;
    S.header(row++, 1, [t('Taux de TVA', 'VAT rate'), t('Poste', 'Item'), '', t('TVA', 'VAT'), ...lotIds.map((id) => t(`${id} TVA`, `${id} VAT`))]);
    for (const l of lines) {
      if (l.vat_pct === null) S.text(row, 1, t('taux du lot', 'lot’s rate')); else S.value(row, 1, l.vat_pct / 100, FMT.pct2);
      S.value(row, 2, l.label);
      S.formula(row, 4, `SUM(${addr(row, 5)}:${addr(row, 4 + lotIds.length)})`, l.vat_eur, FMT.eur);
      lotIds.forEach((id, i) => S.value(row, 5 + i, l.per_lot_vat_eur[id] ?? 0, FMT.eur));
      row++;
    }
    S.text(row, 2, t('TVA', 'VAT'), { bold: true });
    S.formula(row, 4, `SUM(D${vatFirst}:D${row - 1})`, cp.vat_eur, FMT.eur);
    lotIds.forEach((_, i) => S.formula(row, 5 + i, `SUM(${addr(vatFirst, 5 + i)}:${addr(row - 1, 5 + i)})`, cp.lots[i].vat_eur, FMT.eur));
    row++;
  }
  S.finish(4, 3, 4 + lotIds.length);
  return totals;
}

function writeFinancing(S: SheetWriter, json: Json, t: (fr: string, en: string) => string, loanRef: (lot: string, id: string) => string | null, usesRef: (lot: string) => string | null): void {
  const f = json.financing;
  S.widths([46, 18, 18, 40]);
  S.text(1, 1, t('Plan de financement des lots locatifs', 'Financing plan of the rental lots'), { bold: true, size: 14 });
  let row = 3;
  for (const l of f.lots as Json[]) {
    S.text(row++, 1, `${t('Lot', 'Lot')} ${l.id}`, { bold: true });
    S.header(row++, 1, [t('Ressource', 'Source'), t('Montant', 'Amount'), t('Part des emplois', 'Share of uses'), t('Nature', 'Kind')]);
    S.text(row, 1, t('Emplois: prix de revient TTC', 'Uses: cost price incl. VAT'));
    const usesCell = addr(row, 2);
    // linked to the cost sheet when the uses are the lot's cost TTC (as the engine has them)
    const lotCost = (json.cost_price.lots as Json[]).find((c) => c.id === l.id);
    const uses = lotCost && lotCost.total_ttc_eur === l.uses_eur ? usesRef(l.id) : null;
    if (uses) S.formula(row, 2, uses, l.uses_eur, FMT.eur); else S.value(row, 2, l.uses_eur, FMT.eur);
    row++;
    const first = row;
    const line = (label: string, v: number, kind: string, link: string | null = null) => {
      S.text(row, 1, label);
      if (link) S.formula(row, 2, link, v, FMT.eur); else S.value(row, 2, v, FMT.eur);
      S.formula(row, 3, `IF(${usesCell}=0,0,${addr(row, 2)}/${usesCell})`, l.uses_eur === 0 ? 0 : v / l.uses_eur, FMT.pct2, 12);
      S.text(row, 4, kind); row++;
    };
    for (const s of l.subsidies as Json[]) line(s.label, s.amount_eur, t('subvention', 'subsidy'));
    for (const s of l.equity as Json[]) line(s.label, s.amount_eur, t('fonds propres', 'equity'));
    for (const s of l.loans as Json[]) line(s.label, s.amount_eur, `${t('prêt', 'loan')} ${s.lender ?? ''}`.trim(), loanRef(l.id, s.id));
    const last = row - 1;
    S.text(row, 1, t('Total des ressources', 'Total sources'), { bold: true });
    const total = (l.subsidies_eur as number) + (l.equity_eur as number) + (l.loans_eur as number);
    S.formula(row, 2, last >= first ? `SUM(B${first}:B${last})` : '0', total, FMT.eur);
    row++;
    S.text(row, 1, t('Écart emplois − ressources', 'Gap uses − sources'));
    S.formula(row, 2, `${usesCell}-B${row - 1}`, l.gap_eur, FMT.eur);
    row += 2;
  }
  if ((f.sale_lots as Json[]).length) {
    S.text(row++, 1, t('Lots en accession ou en vente', 'Home-ownership and sale lots'), { bold: true });
    S.header(row++, 1, [t('Lot', 'Lot'), t('Prix de revient HT', 'Cost excl. VAT'), t('Subventions', 'Subsidies'), t('À couvrir par les ventes (HT)', 'To cover by sales (excl. VAT)')]);
    for (const s of f.sale_lots as Json[]) {
      S.value(row, 1, s.id); S.value(row, 2, s.cost_ht_eur, FMT.eur); S.value(row, 3, s.subsidies_eur, FMT.eur);
      S.formula(row, 4, `B${row}-C${row}`, s.to_cover_ht_eur, FMT.eur);
      row++;
    }
  }
  S.finish(3, 2, 4);
}

const SALE_LABELS: Record<string, [string, string]> = {
  price_origin: ['Origine du prix', 'Price origin'],
  price_ttc_eur_per_m2_shab: ['Prix TTC (€/m² SHAB)', 'Price incl. VAT (€/m² living area)'],
  price_ht_eur_per_m2_shab: ['Prix HT (€/m² SHAB)', 'Price excl. VAT (€/m² living area)'],
  price_ht_eur_per_m2_su: ['Prix HT (€/m² SU)', 'Price excl. VAT (€/m² SU)'],
  contract_revenue_ht_eur: ['Chiffre d’affaires contractuel HT', 'Contract revenue excl. VAT'],
  revenue_ht_eur: ['Chiffre d’affaires HT', 'Revenue excl. VAT'],
  revenue_ttc_eur: ['Chiffre d’affaires TTC', 'Revenue incl. VAT'],
  cost_to_cover_ht_eur: ['Prix de revient à couvrir HT', 'Cost to cover excl. VAT'],
  marketing_eur: ['Frais de commercialisation', 'Marketing costs'],
  margin_eur: ['Marge', 'Margin'],
  margin_pct: ['Marge (% du CA HT)', 'Margin (% of revenue excl. VAT)'],
  target_margin_pct: ['Marge visée', 'Target margin'],
  market_price_eur_per_m2_shab: ['Prix du marché (€/m² SHAB)', 'Market price (€/m² living area)'],
  discount_vs_market_pct: ['Décote sur le marché', 'Discount to market'],
  ceiling_ht_eur_per_m2_su: ['Plafond HT (€/m² SU)', 'Ceiling excl. VAT (€/m² SU)'],
  headroom_vs_ceiling_pct: ['Marge sous le plafond', 'Headroom under the ceiling'],
  residual_land_charge_eur: ['Charge foncière résiduelle', 'Residual land charge'],
  land_charge_ht_eur: ['Charge foncière HT', 'Land charge excl. VAT'],
  'psla.occupancy_years': ['PSLA: années de location-accession', 'PSLA: years of tenancy'],
  'psla.price_factor': ['PSLA: coefficient de prix à la levée d’option', 'PSLA: price factor at the option'],
  'psla.part_locative_eur_per_m2_su_month': ['PSLA: part locative (€/m² SU/mois)', 'PSLA: rent part (€/m² SU/month)'],
  'psla.part_locative_ceiling': ['PSLA: plafond de la part locative', 'PSLA: rent part ceiling'],
  'psla.loan_rate_pct': ['PSLA: taux du prêt', 'PSLA: loan rate'],
  'psla.carrying_interest_eur': ['PSLA: intérêts de portage', 'PSLA: carrying interest'],
  'psla.part_locative_income_eur': ['PSLA: parts locatives encaissées', 'PSLA: rent parts received'],
  'psla.carrying_net_eur': ['PSLA: portage net', 'PSLA: net carrying'],
  'psla.non_exercise_pct': ['PSLA: taux de non-levée d’option', 'PSLA: option not exercised'],
  'psla.dwellings_at_risk': ['PSLA: logements à risque', 'PSLA: dwellings at risk'],
  'psla.revenue_at_risk_ht_eur': ['PSLA: chiffre d’affaires à risque HT', 'PSLA: revenue at risk excl. VAT'],
  'ofs.land_eur': ['OFS: foncier', 'OFS: land'],
  'ofs.equity_eur': ['OFS: fonds propres', 'OFS: equity'],
  'ofs.loan_eur': ['OFS: prêt', 'OFS: loan'],
  'ofs.loan_rate_pct': ['OFS: taux du prêt', 'OFS: loan rate'],
  'ofs.loan_years': ['OFS: durée du prêt (ans)', 'OFS: loan years'],
  'ofs.redevance_eur_per_m2_su_month': ['OFS: redevance (€/m² SU/mois)', 'OFS: ground rent (€/m² SU/month)'],
  'ofs.break_even_redevance_eur_per_m2_su_month': ['OFS: redevance d’équilibre (€/m² SU/mois)', 'OFS: break-even ground rent (€/m² SU/month)'],
  'ofs.min_cumulative_eur': ['OFS: cumul le plus bas', 'OFS: lowest cumulative'],
  'ofs.min_cumulative_year': ['OFS: année du cumul le plus bas', 'OFS: year of the lowest cumulative'],
  'ofs.balanced': ['OFS: équilibré', 'OFS: balanced'],
};

function writeSales(S: SheetWriter, json: Json, t: (fr: string, en: string) => string): void {
  S.widths([48, 20, 20, 20, 20, 20]);
  S.text(1, 1, t('Ventes', 'Sales'), { bold: true, size: 14 });
  const sales = json.sales as Json | null | undefined;
  if (!sales) {
    S.text(3, 1, t('Pas de lot en accession ou en vente.', 'No home-ownership or sale lot.'));
    S.finish(3, 2, 2);
    return;
  }
  const lots = sales.lots as Json[];
  S.header(3, 1, [t('Lot', 'Lot'), ...lots.map((l) => String(l.id)), t('Clé (JSON)', 'Key (JSON)')]);
  // Union of the keys of every lot, nested objects flattened (psla.*, ofs.*); the yearly lists
  // (an OFS account) are in the JSON output.
  const flat = (o: Json, prefix = ''): [string, unknown][] => Object.entries(o).flatMap(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? flat(v as Json, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
  const flats = lots.map((l) => new Map(flat(l)));
  const keys: string[] = [];
  for (const f of flats) for (const [k, v] of f) if (k !== 'id' && k !== 'psla' && k !== 'ofs' && !Array.isArray(v) && !keys.includes(k)) keys.push(k);
  let row = 4;
  for (const k of keys) {
    const label = SALE_LABELS[k];
    S.text(row, 1, label ? t(label[0], label[1]) : k);
    flats.forEach((f, i) => {
      const v = f.get(k);
      const unit = k.endsWith('_pct') ? 'pct' : k.endsWith('_month') ? 'eur_per_m2_su_month' : k.includes('_eur') ? 'eur' : '';
      metricCell(S, row, 2 + i, v === undefined ? null : v, unit, t);
    });
    S.text(row, 2 + lots.length, k);
    row++;
  }
  row++;
  S.text(row, 1, t('Marge totale des ventes', 'Total sales margin'), { bold: true });
  metricCell(S, row, 2, sales.margin_eur, 'eur', t);
  writeOwners(S, json, row + 2, t, metricCell);
  S.finish(4, 2, 2 + Math.max(lots.length, ((json.owners as Json | null | undefined)?.owners as unknown[] | undefined)?.length ?? 0));
}

function writeAlerts(S: SheetWriter, ev: Evaluation, lang: Lang, t: (fr: string, en: string) => string): void {
  S.widths([12, 30, 30, 80, 60]);
  S.text(1, 1, t('Alertes', 'Warnings'), { bold: true, size: 14 });
  S.header(3, 1, [t('Gravité', 'Severity'), t('Code', 'Code'), t('Chemin', 'Path'), t('Message', 'Message'), t('Aide', 'Hint')]);
  const SEV: Record<string, [string, string]> = { error: ['erreur', 'error'], warning: ['avertissement', 'warning'], info: ['information', 'info'] };
  let row = 4;
  for (const d of ev.diagnostics) {
    const j = diagnosticJson(d, lang);
    S.text(row, 1, SEV[d.severity] ? t(SEV[d.severity]![0], SEV[d.severity]![1]) : d.severity);
    S.text(row, 2, d.code); S.text(row, 3, String(j.path ?? '')); S.text(row, 4, String(j.message ?? '')); S.text(row, 5, String(j.hint ?? ''));
    S.cell(row, 4).alignment = { wrapText: true };
    row++;
  }
  if (ev.diagnostics.length === 0) S.text(row, 1, t('Aucune alerte.', 'No warning.'));
  S.finish(4, 2, 5);
}
