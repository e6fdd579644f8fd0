/** Works price revision on the dated BT01 series (domain.md §6.1), worked by hand. */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runText } from '../src/pipeline';
import { bt01At } from '../src/params/indices';
import { D } from '../src/domain/money';

const op = (rev: Record<string, unknown>) => stringify({
  format: 'equilibre/v1',
  operation: { name: 'T', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026 },
  land: { price_eur: 0 },
  construction: { cost_eur_per_m2_shab: 1000, contingencies_pct: 0, price_revision_bt01: rev },
  lots: [{ id: 'a', tenure: 'libre', dwellings: 10, shab_m2: 1000 }],
});

const revision = (rev: Record<string, unknown>) => {
  const r = runText('t.yaml', op(rev));
  return { r, line: r.evaluation?.cost.lines.find((l) => l.id === 'price_revision') };
};

describe('BT01 price revision', () => {
  it('published months: Jan 2022 → Jan 2024 = 130.8 / 121.4 − 1', () => {
    const { line } = revision({ price_date: '2022-01', midpoint_date: '2024-01' });
    // 1 000 000 × (130.8 / 121.4 − 1) = 77 429.9835… → 77 429.98 €
    expect(line!.amountHtEur.toFixed(2)).toBe('77429.98');
  });
  it('interpolates between published months: Feb 2025 is halfway between Jan (132.0) and Mar (132.5)', () => {
    const v = bt01At('2025-02', D('0.014'));
    expect('value' in v && v.value.toFixed(4)).toBe('132.2500');
  });
  it('projects after the last published month at the forecast rate: Nov 2026 = 133.3 × 1.014', () => {
    const { line } = revision({ price_date: '2024-11', midpoint_date: '2026-11' });
    // 133.3 × 1.014 = 135.1662; 1 000 000 × (135.1662 / 131.5 − 1) = 27 879.85 €
    expect(Number(line!.amountHtEur.toFixed(2))).toBeCloseTo(27879.85, 1);
  });
  it('dates out of order and dates before the series are errors at their line', () => {
    const a = revision({ price_date: '2025-06', midpoint_date: '2024-01' }).r;
    expect(a.evaluated).toBe(false);
    expect(a.diagnostics.map((d) => d.code)).toContain('DATES_OUT_OF_ORDER');
    const b = revision({ price_date: '2019-06', midpoint_date: '2024-01' }).r;
    expect(b.diagnostics.map((d) => d.code)).toContain('INDEX_BEFORE_SERIES');
    expect(b.diagnostics.find((d) => d.code === 'INDEX_BEFORE_SERIES')!.span?.line).toBeGreaterThan(1);
  });
});

describe('prefinancing interest capitalised in chapter V (domain.md §3.3)', () => {
  const withPrefi = (pf: Record<string, unknown>) => stringify({
    format: 'equilibre/v1',
    operation: { name: 'T', zone_abc: 'B1', zone_hlm: 2, parameters_year: 2026 },
    land: { price_eur: 0 },
    construction: { cost_eur_per_m2_shab: 1000, contingencies_pct: 0, prefinancing: pf },
    lots: [{ id: 'a', tenure: 'PLUS', dwellings: 10, shab_m2: 1000 }],
  });
  it('100 000 € drawn 365 days before the end at 2 % → 2 000,00 €; a draw on the end date → 0', () => {
    const r = runText('t.yaml', withPrefi({ rate_pct: 2, end_date: '2026-01-01', draws: [{ date: '2025-01-01', amount_eur: 100000 }, { date: '2026-01-01', amount_eur: 50000 }] }));
    const line = r.evaluation!.cost.lines.find((l) => l.id === 'prefinancing')!;
    expect(line.chapter).toBe('financial');
    expect(line.amountHtEur.toFixed(2)).toBe('2000.00');
    expect(r.evaluation!.cost.byChapterHtEur.financial.toFixed(2)).toBe('2000.00');
  });
  it('is exclusive with a given prefinancing_interest_eur', () => {
    const text = withPrefi({ rate_pct: 2, draws: [{ date: '2025-01-01', amount_eur: 1000 }] }).replace('prefinancing:', 'prefinancing_interest_eur: 10\n  prefinancing:');
    const r = runText('t.yaml', text);
    expect(r.evaluated).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain('CONFLICTING_KEYS');
  });
});
