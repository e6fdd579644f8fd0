/**
 * Constant euros of year 1: the account's cash flow of year y divided by the deflator
 * Π_{k=2..y} (1 + index_k) (year 1: 1), the index a yearly rate or a path by year
 * (`assumptions.constant_euros_index_pct` / `constant_euros_index_path_pct`: the first value is the
 * growth into year 2, the last is held, as the IRL path); the cumulative in constant euros is the
 * running sum of the deflated cash flows. Absent both keys: no constant-euro columns.
 */
import { ONE, ZERO, pct, type Dec } from '../domain/money';
import { noteAssumption, type Model } from './model';

export interface ConstantEuros {
  /** The index path (fractions; the first value is the growth into year 2, the last holds). */
  path: Dec[];
  /** The key of the file it comes from. */
  key: 'assumptions.constant_euros_index_pct' | 'assumptions.constant_euros_index_path_pct';
  /** Π (1 + index) from year 2 up to year y (year 1 first: 1). */
  deflator: Dec[];
}

export function constantEuros(model: Pick<Model, 'input' | 'used' | 'profile'>, horizon: number): ConstantEuros | null {
  const a = model.input.assumptions ?? {};
  const list = a.constant_euros_index_path_pct ?? (a.constant_euros_index_pct !== undefined ? [a.constant_euros_index_pct] : undefined);
  if (list === undefined) return null;
  const key = a.constant_euros_index_path_pct !== undefined ? 'assumptions.constant_euros_index_path_pct' : 'assumptions.constant_euros_index_pct';
  const path = list.map((v) => pct(v));
  const deflator: Dec[] = [];
  let d = ONE;
  for (let y = 1; y <= horizon; y++) {
    if (y > 1) d = d.times(ONE.plus(path[Math.min(y - 1, path.length) - 1]!));
    deflator.push(d);
  }
  const i = model.profile?.origins[key];
  noteAssumption(model.used, {
    key, value: list.map(String).join(' ; '), unit: 'pct', label: '', source: '', status: 'confirmed',
    origin: i !== undefined ? 'profile' : 'file', path: key,
  });
  return { path, key, deflator };
}

/** The cash flows and their cumulative in constant euros of year 1 (exact). */
export function deflate(cashFlows: readonly Dec[], ce: ConstantEuros): { cashFlows: Dec[]; cumulative: Dec[] } {
  const cf: Dec[] = [], cum: Dec[] = [];
  let c = ZERO;
  for (let i = 0; i < cashFlows.length; i++) {
    const v = cashFlows[i]!.div(ce.deflator[i]!);
    c = c.plus(v);
    cf.push(v); cum.push(c);
  }
  return { cashFlows: cf, cumulative: cum };
}
