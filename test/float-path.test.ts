/**
 * The float twin (money.ts `withFloat`) is used only to sample many variants (sweeps, grids, goal
 * seeks). This bounds it against the exact path: every metric of every fixture, and of random
 * operations, within 5 cents (money: a cost line rounded to the cent may land on the other side of a half cent) or 1e-6 (ratios and percents), booleans equal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { buildModel } from '../src/engine/model';
import { evaluate, type MetricDef } from '../src/engine/evaluate';
import { withFloat, isDec } from '../src/domain/money';

const files = [...readdirSync('fixtures').filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`), 'examples/exemple.yaml'];

function asNumber(v: MetricDef['value']): number | boolean | null {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
  return Number(v.toString());
}

describe('float path bounded by the exact path', () => {
  for (const f of files) {
    it(f, () => {
      const r = runText(f, readFileSync(f, 'utf8'));
      const input = r.load.input!;
      const exact = evaluate(buildModel(input, f).model!);
      const fast = withFloat(() => evaluate(buildModel(input, f).model!));
      expect([...fast.metrics.keys()]).toEqual([...exact.metrics.keys()]);
      for (const [name, m] of exact.metrics) {
        const a = asNumber(m.value);
        const b = asNumber(fast.metrics.get(name)!.value);
        if (typeof a === 'boolean' || a === null) { expect(b, name).toBe(a); continue; }
        const tol = m.unit === 'eur' ? 0.05 + Math.abs(a) * 1e-12 : 1e-6 + Math.abs(a) * 1e-9;
        expect(Math.abs((b as number) - a), `${name}: exact ${a}, float ${String(b)}`).toBeLessThanOrEqual(tol);
      }
      // nothing of the float twin leaks out of withFloat
      expect(isDec(evaluate(buildModel(input, f).model!).cost.totalHtEur)).toBe(true);
    });
  }
});
