/**
 * An evaluation leaves nothing behind for the young-generation collector once it has returned.
 * Lazy parts (account rows, NPV, IRR, loyer d'équilibre, lazy metrics) used to be getters in
 * object literals: V8 gave each such object a hidden class of its own in the old generation,
 * which kept the evaluation's young values alive through minor collections (≈ 140 KB of an
 * account's ≈ 430 KB on Prissé) and made a third of a sweep's time garbage collection
 * (docs/performance.md). This measures what a minor GC cannot free after one evaluation.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { buildModel } from '../src/engine/model';
import { evaluate } from '../src/engine/evaluate';
import { compilePlan } from '../src/fast/plan';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (o?: { type: 'minor' | 'major' }) => void;

describe('memory of an evaluation', () => {
  const file = 'fixtures/bayonne-prisse.yaml';
  const input = runText(file, readFileSync(file, 'utf8')).load.input!;
  /** Bytes still in the heap after a minor GC, and bytes allocated, for one evaluation; the best of `trials` (a collection during the evaluation promotes part of it). */
  const survivors = (fn: () => unknown, trials = 7): { kept: number; allocated: number } => {
    for (let i = 0; i < 30; i++) fn();
    let best = { kept: Infinity, allocated: 0 };
    for (let t = 0; t < trials; t++) {
      gc(); gc();
      const h0 = process.memoryUsage().heapUsed;
      fn();
      const h1 = process.memoryUsage().heapUsed;
      gc({ type: 'minor' });
      const kept = process.memoryUsage().heapUsed - h0;
      if (kept < best.kept) best = { kept, allocated: h1 - h0 };
    }
    return best;
  };

  it('an evaluation of the compiled plan with a reused result allocates (almost) nothing: no per-year objects', () => {
    // the example: no split of its cost lines is a near-tie that float64 leaves to the exact engine's split
    const example = 'examples/exemple.yaml';
    const plan = compilePlan(runText(example, readFileSync(example, 'utf8')).evaluation!);
    const out = plan.newResult();
    // every stage moves (cost price, schedules on the Livret A, index series); averaged over 500 evaluations
    const levers = Array.from({ length: 8 }, (_, k) => ({ constructionPct: k % 7, livretAPts: (k % 5) / 10, irlPts: (k % 3) / 10 }));
    for (let k = 0; k < 2000; k++) plan.evaluate(levers[k % 8]!, out);
    let allocated = Infinity;
    for (let t = 0; t < 5; t++) {
      gc(); gc();
      const h0 = process.memoryUsage().heapUsed;
      for (let k = 0; k < 500; k++) plan.evaluate(levers[k % 8]!, out);
      allocated = Math.min(allocated, (process.memoryUsage().heapUsed - h0) / 500);
    }
    // the lever objects and a few transient values; an exact evaluation allocates > 100 KB
    expect(allocated).toBeLessThan(4096);
  });

  it('so does an exact evaluation', () => {
    const { kept, allocated } = survivors(() => evaluate(buildModel(input, file).model!));
    expect(allocated).toBeGreaterThan(100_000);
    expect(kept / allocated).toBeLessThan(0.05);
  });
});
