/**
 * Plan de financement of the rental lots ([LEON] rule R-FIN-1):
 *   uses = the lot's TTC cost price;  sources = subsidies + equity + loans, equal to the cent.
 * Explicit subsidies, equity and loans are placed first; the default CDC loans of the lot's
 * product fill the remainder: land line ≤ the lot's charge foncière TTC, building line the rest.
 * Sale lots are not financed here: their revenue covers their cost (subsidies aimed at them are
 * listed against their cost).
 */
import { diag, type Diagnostic } from '../domain/diagnostic';
import { allocate, D, min, roundCents, sum, ZERO, pct, type Dec } from '../domain/money';
import type { CostPrice } from './cost-price';
import { take, takeBool, useParam, type LotModel, type Model } from './model';
import { productLine } from '../params/index';

export type SourceKind = 'subsidy' | 'equity' | 'loan';

export interface LoanLine {
  id: string;
  lotIndex: number;
  /** The file's name of an explicit loan; a default CDC loan is named by the report from its product, line and tenure. */
  name?: string;
  /** The tenure of the lot a default CDC loan finances (a SCIAPP or cooperative lot borrows another tenure's product). */
  tenure?: string;
  /** A default CDC loan of a logement-foyer or résidence sociale (`lots[].foyer`): the product's loan « foyer ». */
  foyer?: true;
  lender: string;
  /** CDC product key (`plai`, `plus`, …, `gaia_lt`) or `other`. */
  product: string;
  line: 'building' | 'land';
  isCdc: boolean;
  isDefault: boolean;
  amountEur: Dec;
  /** Index of the file's `financing.loans` entry, when explicit. */
  inputIndex?: number;
}

export interface SourceLine {
  kind: SourceKind;
  /** What the line is: a subsidy of the file, equity, or a cooperative's members' capital (parts sociales). */
  concept: 'subsidy' | 'equity' | 'coop_members';
  /** The file's name of a subsidy (its source, and its label after « — »). */
  name?: string;
  amountEur: Dec;
}

/** A remunerated equity advance (avance de fonds propres rémunérée) of a lot: a source repaid out of the operating account. */
export interface AdvanceLine {
  /** Index of the file's `financing.equity_advances` entry. */
  inputIndex: number;
  /** The file's `source` of the advance. */
  name?: string;
  amountEur: Dec;
  /** Fraction per year. */
  rate: Dec;
  durationYears: number;
  deferralYears: number;
}

export interface LotFinancing {
  lotIndex: number;
  usesEur: Dec;
  subsidies: SourceLine[];
  equity: SourceLine[];
  /** Remunerated equity advances: sources beside equity, repaid out of the account. */
  advances: AdvanceLine[];
  loans: LoanLine[];
  subsidiesEur: Dec;
  equityEur: Dec;
  advancesEur: Dec;
  loansEur: Dec;
  cdcLoansEur: Dec;
  /** sources − uses: zero when the plan balances (the fact of FINANCING_BALANCED, src/checks/checks.ts). */
  gapEur: Dec;
  /**
   * CDC loans ≥ half the TTC cost price (cdc × 2 ≥ uses, exact): the fact of CDC_LOANS_AT_LEAST_HALF;
   * null where the rule does not apply (a tenure without it, or nothing to finance).
   */
  cdcAtLeastHalf: boolean | null;
}

export interface SaleLotCover {
  lotIndex: number;
  costHtEur: Dec;
  costTtcEur: Dec;
  subsidiesEur: Dec;
  /** Cost HT less the subsidies aimed at the lot: what its revenue HT must cover. */
  toCoverHtEur: Dec;
}

export interface Financing {
  rental: LotFinancing[];
  sale: SaleLotCover[];
  totalEur: Dec;
  subsidiesEur: Dec;
  equityEur: Dec;
  advancesEur: Dec;
  loansEur: Dec;
  cdcLoansEur: Dec;
  loans: LoanLine[];
  diagnostics: Diagnostic[];
}

const CDC_LENDER = /\b(cdc|caisse des d[ée]p[ôo]ts|banque des territoires)\b/i;

function inScope(lot: LotModel, s: { lots?: string[] | undefined; tenures?: string[] | undefined }): boolean {
  return (!s.lots || s.lots.includes(lot.id)) && (!s.tenures || s.tenures.includes(lot.tenure));
}

/** Spread an amount given per operation (whole euros-cents), per dwelling or per m² SU over eligible lots. */
function spread(
  lots: readonly LotModel[], eligible: boolean[], weightsFor: (l: LotModel) => Dec,
  spec: { amount_eur?: number | undefined; eur_per_dwelling?: number | undefined; eur_per_m2_su?: number | undefined; pct_of_cost?: number | undefined },
  costTtc: readonly Dec[],
): Dec[] {
  if (spec.amount_eur !== undefined) {
    if (!eligible.some(Boolean)) return lots.map(() => ZERO);
    return allocate(roundCents(D(spec.amount_eur)), lots.map((l, i) => (eligible[i] ? weightsFor(l) : ZERO)));
  }
  return lots.map((l, i) => {
    if (!eligible[i]) return ZERO;
    if (spec.eur_per_dwelling !== undefined) return roundCents(D(spec.eur_per_dwelling).times(l.dwellings));
    if (spec.eur_per_m2_su !== undefined) return roundCents(D(spec.eur_per_m2_su).times(l.suM2));
    if (spec.pct_of_cost !== undefined) return roundCents(costTtc[i]!.times(pct(spec.pct_of_cost)));
    return ZERO;
  });
}

export function computeFinancing(model: Model, cost: CostPrice): Financing {
  const { lots, input } = model;
  const fin = input.financing ?? {};
  const ds: Diagnostic[] = [];
  const ttc = cost.perLot.map((p) => p.ttcEur);
  const rentalMask = lots.map((l) => l.info.kind === 'rental');
  const rental: LotFinancing[] = lots.map((l, i) => ({
    lotIndex: i, usesEur: ttc[i]!, subsidies: [], equity: [], advances: [], loans: [], subsidiesEur: ZERO, equityEur: ZERO, advancesEur: ZERO, loansEur: ZERO, cdcLoansEur: ZERO, gapEur: ZERO, cdcAtLeastHalf: null,
  }));
  const saleSubsidies = lots.map(() => ZERO);

  // Subsidies: without a scope they go to the rental lots; with one, wherever it points.
  (input.subsidies ?? []).forEach((s, k) => {
    const scoped = Boolean(s.lots || s.tenures);
    const eligible = lots.map((l) => inScope(l, s) && (scoped || l.info.kind === 'rental'));
    if (!eligible.some(Boolean)) {
      ds.push(diag('SUBSIDY_WITHOUT_LOT', 'warning', ['subsidies', k], { source: s.source }));
      return;
    }
    const parts = spread(lots, eligible, (l) => l.suM2, s, ttc);
    parts.forEach((v, i) => {
      if (v.isZero()) return;
      if (rentalMask[i]) rental[i]!.subsidies.push({ kind: 'subsidy', concept: 'subsidy', name: s.label ? `${s.source} — ${s.label}` : s.source, amountEur: v });
      else saleSubsidies[i] = saleSubsidies[i]!.plus(v);
    });
  });

  // Cooperative: the members' capital (parts sociales) is the equity of the coop lot ([LELABO-ESS]).
  lots.forEach((l, i) => {
    if (l.tenure !== 'coop') return;
    const share = (l.input.coop?.members_capital_pct !== undefined ? D(l.input.coop.members_capital_pct) : take(model, 'coop.members_capital_pct'));
    const v = roundCents(ttc[i]!.times(pct(share)));
    if (!v.isZero()) rental[i]!.equity.push({ kind: 'equity', concept: 'coop_members', amountEur: v });
  });

  // Equity (fonds propres): rental lots only.
  (fin.equity ?? []).forEach((e, k) => {
    const eligible = lots.map((l, i) => rentalMask[i]! && inScope(l, e));
    if (!eligible.some(Boolean)) { ds.push(diag('EQUITY_WITHOUT_RENTAL_LOT', 'warning', ['financing', 'equity', k], {})); return; }
    const parts = spread(lots, eligible, (l) => ttc[l.index]!, e, ttc);
    parts.forEach((v, i) => { if (!v.isZero()) rental[i]!.equity.push({ kind: 'equity', concept: 'equity', amountEur: v }); });
  });

  // Remunerated equity advances: allocated like equity (rental lots, pro rata of the TTC cost).
  (fin.equity_advances ?? []).forEach((e, k) => {
    const eligible = lots.map((l, i) => rentalMask[i]! && inScope(l, e));
    if (!eligible.some(Boolean)) { ds.push(diag('EQUITY_WITHOUT_RENTAL_LOT', 'warning', ['financing', 'equity_advances', k], {})); return; }
    const parts = spread(lots, eligible, (l) => ttc[l.index]!, e, ttc);
    parts.forEach((v, i) => {
      if (!v.isZero()) rental[i]!.advances.push({ inputIndex: k, ...(e.source ? { name: e.source } : {}), amountEur: v, rate: pct(e.rate_pct), durationYears: e.duration_years, deferralYears: e.deferral_years ?? 0 });
    });
  });

  // Explicit loans.
  (fin.loans ?? []).forEach((ln, k) => {
    const eligible = lots.map((l, i) => rentalMask[i]! && inScope(l, ln));
    if (!eligible.some(Boolean)) { ds.push(diag('LOAN_WITHOUT_RENTAL_LOT', 'warning', ['financing', 'loans', k], { label: ln.label })); return; }
    const parts = spread(lots, eligible, (l) => ttc[l.index]!, ln, ttc);
    const product = ln.product ? (ln.product === 'other' ? 'other' : ln.product.toLowerCase()) : 'other';
    // A CDC product is a CDC loan unless the file names another lender (a PLS may come from a bank).
    const isCdc = ln.lender !== undefined ? CDC_LENDER.test(ln.lender) : product !== 'other' && product !== 'psla';
    parts.forEach((v, i) => {
      if (v.isZero()) return;
      rental[i]!.loans.push({ id: `loan_${k}_${lots[i]!.id}`, lotIndex: i, name: ln.label, lender: ln.lender ?? (isCdc ? 'CDC' : ''), product, line: productLine(product, ln.line ?? 'building'), isCdc, isDefault: false, amountEur: v, inputIndex: k });
    });
  });

  // Default CDC loans fill the rest.
  const cdcDefault = lots.some((l) => l.info.kind === 'rental') ? takeBool(model, 'financing.cdc_default_loans') : (model.resolved['financing.cdc_default_loans'].value as boolean);
  for (const f of rental) {
    const lot = lots[f.lotIndex]!;
    if (lot.info.kind !== 'rental') continue;
    f.subsidiesEur = sum(f.subsidies.map((s) => s.amountEur));
    f.equityEur = sum(f.equity.map((s) => s.amountEur));
    f.advancesEur = sum(f.advances.map((s) => s.amountEur));
    let loans = sum(f.loans.map((s) => s.amountEur));
    const remainder = f.usesEur.minus(f.subsidiesEur).minus(f.equityEur).minus(f.advancesEur).minus(loans);
    if (cdcDefault && remainder.gt(0) && lot.info.loanProduct) {
      const product = lot.info.loanProduct;
      useParam(model, `loan.${product}.land.margin_pct`);
      useParam(model, `loan.${product}.building.margin_pct`);
      const landPart = min(remainder, cost.perLot[f.lotIndex]!.landTtcEur);
      const buildingPart = remainder.minus(landPart);
      if (landPart.gt(0)) f.loans.push({ id: `cdc_${product}_land_${lot.id}`, lotIndex: f.lotIndex, tenure: lot.tenure, ...(lot.input.foyer ? { foyer: true as const } : {}), lender: 'CDC', product, line: 'land', isCdc: true, isDefault: true, amountEur: landPart });
      if (buildingPart.gt(0)) f.loans.push({ id: `cdc_${product}_building_${lot.id}`, lotIndex: f.lotIndex, tenure: lot.tenure, ...(lot.input.foyer ? { foyer: true as const } : {}), lender: 'CDC', product, line: 'building', isCdc: true, isDefault: true, amountEur: buildingPart });
      loans = loans.plus(remainder);
    }
    f.loansEur = loans;
    f.cdcLoansEur = sum(f.loans.filter((l) => l.isCdc).map((l) => l.amountEur));
    f.gapEur = f.subsidiesEur.plus(f.equityEur).plus(f.advancesEur).plus(f.loansEur).minus(f.usesEur);
    f.cdcAtLeastHalf = lot.info.cdcHalfRule && f.usesEur.gt(0) ? f.cdcLoansEur.times(2).gte(f.usesEur) : null;
  }
  const rentalOnly = rental.filter((f) => lots[f.lotIndex]!.info.kind === 'rental');
  const sale: SaleLotCover[] = lots.filter((l) => l.info.kind === 'sale').map((l) => ({
    lotIndex: l.index, costHtEur: cost.perLot[l.index]!.htEur, costTtcEur: ttc[l.index]!, subsidiesEur: saleSubsidies[l.index]!,
    toCoverHtEur: cost.perLot[l.index]!.htEur.minus(saleSubsidies[l.index]!),
  }));
  return {
    rental: rentalOnly, sale,
    totalEur: sum(rentalOnly.map((f) => f.usesEur)),
    subsidiesEur: sum(rentalOnly.map((f) => f.subsidiesEur)),
    equityEur: sum(rentalOnly.map((f) => f.equityEur)),
    advancesEur: sum(rentalOnly.map((f) => f.advancesEur)),
    loansEur: sum(rentalOnly.map((f) => f.loansEur)),
    cdcLoansEur: sum(rentalOnly.map((f) => f.cdcLoansEur)),
    loans: rentalOnly.flatMap((f) => f.loans),
    diagnostics: ds,
  };
}
