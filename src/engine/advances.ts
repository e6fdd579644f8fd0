/**
 * Remunerated equity advances (avances de fonds propres rémunérées): the bailleur advances its own
 * funds to the operation, which repays them by constant annuities out of the operating account,
 * interest at the advance's rate on the capital outstanding (after interest-only deferral years):
 *   A = K · t / (1 − (1 + t)^−(n − d))  (K / (n − d) at 0 %).
 * The schedule is the loans' (loan.ts) at a fixed rate without progressivity.
 */
import { ZERO, type Dec } from '../domain/money';
import type { AdvanceLine } from './financing';
import { loanSchedule, type LoanSchedule } from './loan';

export interface AdvanceTerms {
  line: AdvanceLine;
  lotIndex: number;
  schedule: LoanSchedule;
}

export function advanceSchedule(a: AdvanceLine): LoanSchedule {
  return loanSchedule({ amountEur: a.amountEur, margin: ZERO, livretA0: ZERO, livretAPath: [], fixedRate: a.rate, durationYears: a.durationYears, progressivity: ZERO, deferralYears: a.deferralYears, revisability: 'fixed' });
}

/** The advances' annuities by account year (year 1 first), year y carrying each schedule's row y − shift. */
export function advanceAnnuities(terms: readonly AdvanceTerms[], horizon: number, shift: number): Dec[] {
  const out: Dec[] = [];
  for (let y = 1; y <= horizon; y++) {
    let a = ZERO;
    for (const t of terms) { const row = t.schedule.rows[y - 1 - shift]; if (row) a = a.plus(row.annuityEur); }
    out.push(a);
  }
  return out;
}
