/**
 * The break-even construction inflation and the bearable land skip their exact confirmation when the
 * compiled plan puts the answer more than CERTAIN_BALANCE_EUR inside the balanced side
 * (src/engine/sensitivity.ts). The answer must then be the one the exact confirmation keeps: the
 * exact engine balances the operation there (the confirmation returns the first value it finds
 * balanced, so a balanced answer is the same answer). Checked here on every fixture and example,
 * by evaluating each answer exactly — the oracle is the exact engine, not the plan.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { bearableLand, CERTAIN_BALANCE_EUR, maxConstructionInflation } from '../src/engine/sensitivity';
import { readFileSync } from 'node:fs';

const files = [...readdirSync('fixtures').filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`), 'examples/exemple.yaml', 'examples/sccv.yaml',
  ...readdirSync('test/fixtures/plan').map((f) => `test/fixtures/plan/${f}`), 'test/fixtures/foyer/residence-sociale.yaml', 'test/fixtures/vat/vat-lines.yaml', 'test/fixtures/xlsx/calendar.yaml'];

describe('answers certified on the plan are the exact confirmation’s', () => {
  it('the margin is well above the plan’s bound against the exact engine (0.01 €)', () => {
    expect(CERTAIN_BALANCE_EUR).toBeGreaterThanOrEqual(0.05);
  });
  for (const file of files) {
    it(file, () => {
      const run = runText(file, readFileSync(file, 'utf8'));
      const ev = run.evaluation;
      if (!ev) return;
      for (const outcome of [maxConstructionInflation(ev.model.input, ev, file), bearableLand(ev.model.input, ev, file)]) {
        if (outcome.kind !== 'found') continue;
        expect(outcome.exact.operation.balanced, `${file}: balanced exactly at ${outcome.value}`).toBe(true);
      }
    }, 60_000);
  }
});
