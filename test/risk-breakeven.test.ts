/**
 * Each draw's break-even construction change (`sensitivity.max_construction_inflation_pct` of a
 * draw), searched on the compiled plan with a model of the balance between the last two evaluations
 * (src/risk/evaluator.ts, `modelRoot`): checked on the exact engine — the drawn file evaluated at the
 * answer is within half a euro of 0 (a sloped crossing), or balanced there and unbalanced a
 * tolerance further (the end of the balanced side) — on every fixture, and in fewer plan
 * evaluations than the secant search it replaced (4.8 a draw on the example).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { evalInput } from '../src/engine/sensitivity';
import { runRisk } from '../src/risk/run';
import { drawer } from '../src/risk/sample';
import { BREAK_EVEN_TOLERANCE_PCT, drawInput, riskEvaluator } from '../src/risk/evaluator';
import { riskSpec } from '../src/risk/spec';
import { ROOT } from './helpers/cli';
import { read, wide } from './helpers/risk';

const EXAMPLE = 'examples/exemple.yaml';
const FIXTURES = [EXAMPLE, ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`)];
const WIDE = wide({ floorPct: 0.75 });

describe('each draw\'s break-even, checked on the exact engine', () => {
  it.each(FIXTURES)('%s: the drawn file at the answer crosses 0 (within half a euro, or balanced there and not a tolerance further)', (file) => {
    const r = runText(file, read(file) + WIDE);
    const base = r.evaluation!;
    const input = base.model.input;
    const spec = riskSpec(input);
    const ev = riskEvaluator(input, base, file, spec);
    expect(ev.sampling).toBe('plan');
    const be = ev.figures.findIndex((f) => f.name === 'sensitivity.max_construction_inflation_pct');
    const next = drawer(spec, 5);
    const balanceAt = (d: ReturnType<typeof next>, x: number) => evalInput(drawInput(input, base, spec.livretAFloorPct, d, x), file)!.operation.balanceEur.toNumber();
    let checked = 0;
    for (let i = 0; i < 4; i++) {
      const d = next();
      const ans = ev.sample(d)!.values[be]!;
      // the same figure when the draw is evaluated again (a percentile's draw)
      expect(ev.exact(d, [be])!.values[be]?.toNumber() ?? NaN).toBe(ans);
      if (Number.isNaN(ans)) continue;
      const x = ans - d.values.construction;
      const at = balanceAt(d, x);
      // (the plan is within a cent of the exact engine on each figure)
      const crossing = Math.abs(at) < 0.5 + 0.02;
      const end = at >= -0.02 && balanceAt(d, x + BREAK_EVEN_TOLERANCE_PCT) < 0.02;
      expect(crossing || end, `draw ${i}: ${ans} (balance there ${at})`).toBe(true);
      checked++;
    }
    void checked;
  }, 60_000);

  it('the example: about three plan evaluations a draw with the search (the draw, a Newton step, the model\'s root)', () => {
    const r = runText(EXAMPLE, read(EXAMPLE));
    const base = r.evaluation!;
    const spec = riskSpec(base.model.input);
    const ev = riskEvaluator(base.model.input, base, EXAMPLE, spec);
    const before = ev.stats!.evaluations;
    runRisk(base.model.input, base, EXAMPLE, { draws: 2000, seed: spec.seed, spec, evaluator: ev });
    const perDraw = (ev.stats!.evaluations - before) / 2000;
    // (the secant search before the model took 4.8; the percentiles' break-evens add a few searches)
    expect(perDraw).toBeGreaterThanOrEqual(2);
    expect(perDraw).toBeLessThan(3.3);
  }, 60_000);
});
