/**
 * The calendar of the operating account ([CDC-PLUS] convention of the first annuity):
 * `operation.letting_date` places year 1 in its calendar year and prorates it by the months let;
 * the first annuity of the loans falls in year 1 when letting starts on 1 January, else in year 2
 * (the year after letting), so that year y then carries each schedule's row y − 1.
 */
import { D, ONE, type Dec } from '../domain/money';
import { firstCalendarYear, type Model } from './model';

export interface Calendar {
  /** Calendar year of year 1, or null without a letting date. */
  firstYear: number | null;
  /** Year 1's share of a full year: 1 without a letting date. */
  firstYearFraction: Dec;
  /** 0: first annuity in year 1; 1: in year 2. */
  annuityShift: 0 | 1;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Year 1's share of a full year when letting starts on `date` (YYYY-MM-DD): on day 1 of month m,
 * (13 − m)/12 (1 December → 1/12); on day d ≠ 1, the rest of month m prorated by its days,
 * (12 − m + (D_m − d + 1)/D_m)/12.
 */
export function firstYearFraction(date: string): Dec {
  const y = Number(date.slice(0, 4)), m = Number(date.slice(5, 7)), d = Number(date.slice(8, 10));
  if (d === 1) return D(13 - m).div(12);
  const dm = daysIn(y, m);
  return D(12 - m).plus(D(dm - d + 1).div(dm)).div(12);
}

export function calendarOf(model: Pick<Model, 'input'>): Calendar {
  const date = model.input.operation.letting_date;
  if (date === undefined) return { firstYear: null, firstYearFraction: ONE, annuityShift: 0 };
  const jan1 = date.slice(5) === '01-01';
  return { firstYear: firstCalendarYear(model), firstYearFraction: firstYearFraction(date), annuityShift: jan1 ? 0 : 1 };
}
