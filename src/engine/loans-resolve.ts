/**
 * Loan resolution of the rental lots: each loan line of the financing plan (explicit or default
 * CDC) gets its terms — margin over the Livret A or fixed rate, duration, progressivity, deferral,
 * revisability, from the file, the product's parameters or the defaults — and its schedule on the
 * model's Livret A path ([CDC-PLUS]).
 */
import type { Diagnostic } from '../domain/diagnostic';
import { ZERO, pct, type Dec } from '../domain/money';
import type { LoanLine } from './financing';
import { loanSchedule, type LoanSchedule, type LoanSpec, type Revisability } from './loan';
import { livretA, loanProgressivity, takeNote, useParam, type Model } from './model';
import { productLine } from '../params/index';

export interface LoanTerms {
  line: LoanLine;
  spec: LoanSpec;
  /** Rate at signing (t), fraction. */
  rate: Dec;
  marginOrNull: Dec | null;
  schedule: LoanSchedule;
}

/** Resolve the terms of every loan line and compute its schedule. */
export function resolveLoans(model: Model, lines: readonly LoanLine[], ds: Diagnostic[]): { loans: LoanTerms[]; la0: Dec; path: Dec[] } {
  const { la0, path } = livretA(model);
  const progressivityDefault = loanProgressivity(model);
  const revisability = model.resolved['assumptions.revisability'].value as Revisability;
  if (lines.length > 0) takeNote(model, 'assumptions.revisability');
  const loans: LoanTerms[] = [];
  for (const line of lines) {
    const input = line.inputIndex !== undefined ? model.input.financing?.loans?.[line.inputIndex] : undefined;
    const product = line.product;
    const hasProduct = product !== 'other';
    let margin: Dec | null = null;
    let fixed: Dec | undefined;
    if (input?.rate_pct !== undefined) fixed = pct(input.rate_pct);
    else if (input?.margin_pct !== undefined) margin = pct(input.margin_pct);
    else if (hasProduct) margin = pct(useParam(model, `loan.${product}.${productLine(product, line.line)}.margin_pct`));
    let duration: number | undefined = input?.duration_years;
    if (duration === undefined && hasProduct) duration = useParam(model, `loan.${product}.${productLine(product, line.line)}.duration_years`).toNumber();
    // buildModel has checked that every explicit line has its terms (LOAN_TERMS_MISSING).
    if ((margin === null && fixed === undefined) || duration === undefined) throw new Error(`loan ${line.id}: terms missing after validation`);
    const rev: Revisability = fixed !== undefined ? 'fixed' : (input?.revisability ?? revisability);
    const spec: LoanSpec = {
      amountEur: line.amountEur,
      margin: margin ?? ZERO,
      livretA0: la0,
      livretAPath: path,
      ...(fixed !== undefined ? { fixedRate: fixed } : {}),
      durationYears: duration,
      progressivity: input?.progressivity_pct !== undefined ? pct(input.progressivity_pct) : progressivityDefault,
      deferralYears: input?.deferral_years ?? 0,
      revisability: rev,
    };
    const rate = fixed ?? la0.plus(margin!);
    loans.push({ line, spec, rate, marginOrNull: margin, schedule: loanSchedule(spec) });
  }
  return { loans, la0, path };
}
