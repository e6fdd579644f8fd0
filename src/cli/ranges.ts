/**
 * Ranges of the sensitivity levers (`--construction a:b:step`, `--grid lever:a:b:step,…`): their
 * syntax and the rules they must follow, each error naming the rule that failed (BAD_RANGE,
 * docs/diagnostics.md). Rules:
 *  1. syntax `start:end[:step]` — decimals with `.` or `,`, a sign allowed; step 1 when omitted;
 *  2. the step is > 0;
 *  3. ranges go upwards: start ≤ end (start > end is an error; write end:start);
 *  4. at most MAX_RANGE_STEPS values (start, start + step, … ≤ end);
 *  5. bounds per lever — relative changes of a cost or a price (construction, land, rents,
 *     prices) stay > −100 % (no negative or zero cost, rent or price) and ≤ +1000 %; subsidies
 *     ≥ −100 % (none left) and ≤ +1000 %; the Livret A moved by x points stays within 0–20 % for
 *     every rate the operation uses (at signing and on its path); the vacancy moved by x points
 *     stays within 0–50 % (the file's own bound for `assumptions.vacancy_pct`).
 */
import { D } from '../domain/money';
import { range, type LeverId } from '../engine/sensitivity';
import { plain, type Lang } from '../report/format';

/** The most values one range may have (one sweep, one axis of a grid). */
export const MAX_RANGE_STEPS = 201;
/** Relative changes (%) allowed: above −100 % (costs, rents, prices) or from −100 % (subsidies), up to +1000 %. */
export const MAX_CHANGE_PCT = 1000;
export const LIVRET_A_MAX_PCT = 20;
export const VACANCY_MAX_PCT = 50;

/** What the bounds of the point levers depend on: the base operation's Livret A rates and vacancy, in %. */
export interface RangeContext {
  livretAPct: readonly number[];
  vacancyPct: number;
}

export interface RangeProblem {
  fr: string;
  en: string;
  hintFr: string;
  hintEn: string;
}

const NUM = String.raw`[-+−]?\d+(?:[.,]\d+)?`;
const RANGE_RE = new RegExp(String.raw`^\s*(${NUM})\s*:\s*(${NUM})\s*(?::\s*(${NUM}))?\s*$`);
const num = (s: string) => Number(s.replace('−', '-').replace(',', '.'));

export const optionName = (lever: LeverId): string => `--${lever.replace('_', '-')}`;

/**
 * The values of a range, or the rule it breaks. `option` is how the user wrote it (`--construction`,
 * `--grid construction`), for the message.
 */
export function parseLeverRange(option: string, text: string, lever: LeverId, ctx: RangeContext): { xs: number[] } | { problem: RangeProblem } {
  const q = JSON.stringify(text);
  const fr = (l: Lang, v: number) => plain(D(v), l, 4);
  const m = RANGE_RE.exec(text);
  if (!m) {
    return { problem: {
      fr: `${option} ${q}: syntaxe début:fin:pas attendue (nombres, pas facultatif)`,
      en: `${option} ${q}: start:end:step expected (numbers, step optional)`,
      hintFr: `par exemple ${option} 0:30:5 (de 0 à 30 par pas de 5)`, hintEn: `for example ${option} 0:30:5 (0 to 30 in steps of 5)`,
    } };
  }
  const a = num(m[1]!), b = num(m[2]!), step = m[3] === undefined ? 1 : num(m[3]);
  if (!(step > 0)) {
    return { problem: {
      fr: `${option} ${q}: le pas doit être > 0 (ici ${fr('fr', step)})`, en: `${option} ${q}: the step must be > 0 (here ${fr('en', step)})`,
      hintFr: `un pas positif: ${option} ${m[1]}:${m[2]}:1`, hintEn: `a positive step: ${option} ${m[1]}:${m[2]}:1`,
    } };
  }
  if (a > b) {
    return { problem: {
      fr: `${option} ${q}: le début (${fr('fr', a)}) dépasse la fin (${fr('fr', b)}): une plage va en croissant, avec un pas positif`,
      en: `${option} ${q}: the start (${fr('en', a)}) is above the end (${fr('en', b)}): a range goes upwards, with a positive step`,
      hintFr: `écrivez ${option} ${m[2]}:${m[1]}${m[3] ? `:${m[3]}` : ''}`, hintEn: `write ${option} ${m[2]}:${m[1]}${m[3] ? `:${m[3]}` : ''}`,
    } };
  }
  const count = D(b).minus(D(a)).div(D(step)).floor().toNumber() + 1;
  if (count > MAX_RANGE_STEPS) {
    const minStep = D(b).minus(D(a)).div(MAX_RANGE_STEPS - 1).toSignificantDigits(2, 0).toNumber();
    return { problem: {
      fr: `${option} ${q}: ${count} valeurs, au-delà du maximum de ${MAX_RANGE_STEPS} par plage`,
      en: `${option} ${q}: ${count} values, above the maximum of ${MAX_RANGE_STEPS} per range`,
      hintFr: `un pas plus grand, par exemple ${option} ${m[1]}:${m[2]}:${fr('fr', minStep).replace(',', '.')}`, hintEn: `a larger step, for example ${option} ${m[1]}:${m[2]}:${fr('en', minStep).replace(/,/g, '')}`,
    } };
  }
  const bound = leverBounds(lever, ctx);
  const bad = a < bound.min || (!bound.minInclusive && a === bound.min) ? a : b > bound.max ? b : null;
  if (bad !== null) {
    return { problem: {
      fr: `${option} ${q}: ${fr('fr', bad)} ${bound.unitFr} ${bound.whyFr}`,
      en: `${option} ${q}: ${fr('en', bad)} ${bound.unitEn} ${bound.whyEn}`,
      hintFr: `pour ce levier: ${bound.allowedFr}`, hintEn: `for this lever: ${bound.allowedEn}`,
    } };
  }
  return { xs: range(a, b, step) };
}

interface Bound { min: number; minInclusive: boolean; max: number; unitFr: string; unitEn: string; whyFr: string; whyEn: string; allowedFr: string; allowedEn: string }

function leverBounds(lever: LeverId, ctx: RangeContext): Bound {
  const p = (l: Lang, v: number) => plain(D(v), l, 4);
  switch (lever) {
    case 'construction': case 'land': case 'rents': case 'prices': {
      const what: Record<string, [string, string]> = { construction: ['le coût de construction', 'the construction cost'], land: ['la charge foncière', 'the land charge'], rents: ['les loyers', 'the rents'], prices: ['les prix de vente', 'the sale prices'] };
      const [wFr, wEn] = what[lever]!;
      return {
        min: -100, minInclusive: false, max: MAX_CHANGE_PCT, unitFr: '%', unitEn: '%',
        whyFr: `hors bornes: une variation doit être > −100 % (${wFr} ne peut devenir nul ni négatif) et ≤ +${MAX_CHANGE_PCT} %`,
        whyEn: `out of bounds: a change must be > −100 % (${wEn} cannot become zero or negative) and ≤ +${MAX_CHANGE_PCT} %`,
        allowedFr: `des variations en % au-dessus de −100 et jusqu'à +${MAX_CHANGE_PCT}, ex. -20:30:5`, allowedEn: `changes in % above −100 and up to +${MAX_CHANGE_PCT}, e.g. -20:30:5`,
      };
    }
    case 'subsidies':
      return {
        min: -100, minInclusive: true, max: MAX_CHANGE_PCT, unitFr: '%', unitEn: '%',
        whyFr: `hors bornes: une variation des subventions va de −100 % (plus aucune) à +${MAX_CHANGE_PCT} %`,
        whyEn: `out of bounds: a change of the subsidies goes from −100 % (none left) to +${MAX_CHANGE_PCT} %`,
        allowedFr: `des variations en % de −100 à +${MAX_CHANGE_PCT}, ex. -50:50:10`, allowedEn: `changes in % from −100 to +${MAX_CHANGE_PCT}, e.g. -50:50:10`,
      };
    case 'livret_a': {
      const lo = ctx.livretAPct.length ? Math.min(...ctx.livretAPct) : 0, hi = ctx.livretAPct.length ? Math.max(...ctx.livretAPct) : 0;
      const min = -lo, max = D(LIVRET_A_MAX_PCT).minus(D(hi)).toNumber();
      return {
        min, minInclusive: true, max, unitFr: 'pt', unitEn: 'pt',
        whyFr: `hors bornes: le Livret A de l'opération (${p('fr', lo)} à ${p('fr', hi)} %) doit rester entre 0 et ${LIVRET_A_MAX_PCT} %`,
        whyEn: `out of bounds: the operation's Livret A (${p('en', lo)} to ${p('en', hi)} %) must stay within 0–${LIVRET_A_MAX_PCT} %`,
        allowedFr: `des variations en points de ${p('fr', min)} à +${p('fr', max)}, ex. -1:2:0.5`, allowedEn: `changes in points from ${p('en', min)} to +${p('en', max)}, e.g. -1:2:0.5`,
      };
    }
    case 'vacancy': {
      const min = -ctx.vacancyPct, max = D(VACANCY_MAX_PCT).minus(D(ctx.vacancyPct)).toNumber();
      return {
        min, minInclusive: true, max, unitFr: 'pt', unitEn: 'pt',
        whyFr: `hors bornes: la vacance de l'opération (${p('fr', ctx.vacancyPct)} %) doit rester entre 0 et ${VACANCY_MAX_PCT} %`,
        whyEn: `out of bounds: the operation's vacancy (${p('en', ctx.vacancyPct)} %) must stay within 0–${VACANCY_MAX_PCT} %`,
        allowedFr: `des variations en points de ${p('fr', min)} à +${p('fr', max)}, ex. 0:5:1`, allowedEn: `changes in points from ${p('en', min)} to +${p('en', max)}, e.g. 0:5:1`,
      };
    }
  }
}
