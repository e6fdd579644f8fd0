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
import { withFloat } from '../src/domain/money';

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

  it('a float evaluation of the largest fixture keeps < 5 % of what it allocated past a minor GC', () => {
    const { kept, allocated } = survivors(() => withFloat(() => evaluate(buildModel(input, file).model!)));
    expect(allocated).toBeGreaterThan(100_000);
    expect(kept / allocated).toBeLessThan(0.05);
  });

  it('so does an exact evaluation', () => {
    const { kept, allocated } = survivors(() => evaluate(buildModel(input, file).model!));
    expect(allocated).toBeGreaterThan(100_000);
    expect(kept / allocated).toBeLessThan(0.05);
  });
});
