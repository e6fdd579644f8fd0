/**
 * Dated price indices (docs/sources.md [INSEE-BT01]). BT01 (INSEE, building all trades, base 100 = 2010): the
 * months published in the sources at hand; between two of them the index is interpolated
 * linearly by month, after the last one it is projected at a yearly rate (default: the last
 * year-on-year change found, Nov 2025 / Nov 2024 = +1.4 %).
 */
import { D, ONE, type Dec } from '../domain/money';

export const BT01_SOURCE = '[INSEE-BT01] série INSEE BT01 reproduite à l’identique par abak.ec, groupe-iec.fr, maisonduconseil.fr, retout.fr';

/** [YYYY-MM, value] */
export const BT01: readonly (readonly [string, string])[] = [
  ['2020-01', '111.8'], ['2020-03', '111.7'], ['2020-06', '112.0'], ['2020-09', '112.9'], ['2020-11', '113.2'], ['2020-12', '113.6'],
  ['2021-01', '114.4'], ['2021-03', '116.1'], ['2021-06', '117.5'], ['2021-09', '118.6'], ['2021-11', '119.5'], ['2021-12', '119.7'],
  ['2022-01', '121.4'], ['2022-03', '123.3'], ['2022-06', '127.2'], ['2022-09', '127.1'], ['2022-11', '127.2'], ['2022-12', '126.8'],
  ['2023-01', '128.4'], ['2023-03', '130.6'], ['2023-06', '130.3'], ['2023-09', '130.2'], ['2023-11', '130.3'], ['2023-12', '130.6'],
  ['2024-01', '130.8'], ['2024-03', '130.9'], ['2024-06', '131.2'], ['2024-09', '131.2'], ['2024-11', '131.5'], ['2024-12', '131.7'],
  ['2025-01', '132.0'], ['2025-03', '132.5'], ['2025-06', '133.1'], ['2025-09', '133.3'], ['2025-11', '133.3'],
];

/** Last year-on-year change found (Nov 2025 / Nov 2024), the default projection rate. */
export const BT01_DEFAULT_FORECAST_PCT = '1.4';

/** The BT01 series as an assumption of the evaluation (the report's « Hypothèses »). */
export const BT01_ASSUMPTION = {
  key: 'bt01', value: `${BT01[0]![0]} … ${BT01[BT01.length - 1]![0]}`, unit: 'text', label: 'Indice BT01 (série datée)', source: BT01_SOURCE, status: 'confirmed',
} as const;

/** The default projection of BT01 after the last known month, as an assumption. */
export const BT01_FORECAST_ASSUMPTION = {
  key: 'construction.price_revision_bt01.forecast_annual_pct', value: BT01_DEFAULT_FORECAST_PCT, unit: 'pct', label: 'Projection annuelle du BT01 après le dernier indice connu',
  source: '[INSEE-BT01] dernière évolution annuelle connue, BT01 nov. 2025 / nov. 2024 = +1,4 %', status: 'confirmed',
} as const;

const monthIndex = (ym: string): number => {
  const [y, m] = ym.split('-').map(Number);
  return y! * 12 + (m! - 1);
};

export type IndexLookup = { value: Dec; how: 'published' | 'interpolated' | 'projected' } | { error: 'before_series'; first: string };

/** BT01 of a month (YYYY-MM), with how it was obtained. */
export function bt01At(ym: string, forecastAnnual: Dec): IndexLookup {
  const t = monthIndex(ym);
  const first = BT01[0]!, last = BT01[BT01.length - 1]!;
  if (t < monthIndex(first[0])) return { error: 'before_series', first: first[0] };
  for (let i = 0; i < BT01.length; i++) {
    const [m, v] = BT01[i]!;
    if (monthIndex(m) === t) return { value: D(v), how: 'published' };
    const next = BT01[i + 1];
    if (next && monthIndex(m) < t && t < monthIndex(next[0])) {
      const a = D(v), b = D(next[1]);
      const frac = D(t - monthIndex(m)).div(monthIndex(next[0]) - monthIndex(m));
      return { value: a.plus(b.minus(a).times(frac)), how: 'interpolated' };
    }
  }
  // Projected after the last published month: (1 + yearly rate)^(months / 12), by whole months.
  const months = t - monthIndex(last[0]);
  const monthly = ONE.plus(forecastAnnual).pow(D(1).div(12));
  return { value: D(last[1]).times(monthly.pow(months)), how: 'projected' };
}
