/**
 * And the balancing price of a sale lot is evaluated on that lot alone (saleAlone: its sale and the
 * operation's balance, the other tranches being the base's): the same Decimals as the whole exact
 * evaluation of the same input, checked on every sale lot of every fixture at several prices.
 *
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
import { balancingPrice, bearableLand, CERTAIN_BALANCE_EUR, COMPUTED_NEED_SOURCE, evalInput, freeze, maxConstructionInflation, ofsBalancingEquity, rentalGap, rentalLotGap, saleAlone, withSalePrice } from '../src/engine/sensitivity';
import type { OperationFile } from '../src/schema/operation';
import { readFileSync } from 'node:fs';
import type { Dec } from '../src/domain/money';

const files = [...readdirSync('fixtures').filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`), 'examples/exemple.yaml', 'examples/sccv.yaml',
  ...readdirSync('test/fixtures/plan').map((f) => `test/fixtures/plan/${f}`), 'test/fixtures/foyer/residence-sociale.yaml', 'test/fixtures/vat/vat-lines.yaml', 'test/fixtures/xlsx/calendar.yaml'];

let gapsChecked = 0;
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
      // the OFS equity of each BRS lot: the OFS balances exactly at the answer
      for (const l of ev.sales?.lots ?? []) {
        const eq = l.ofs ? ofsBalancingEquity(ev.model.input, ev, file, l.lotIndex) : null;
        if (eq?.kind === 'found') expect(eq.exact.sales!.lots.find((x) => x.lotIndex === l.lotIndex)!.ofs!.balanced, `${file}: OFS of lot ${l.lotIndex} balanced at ${eq.value}`).toBe(true);
      }
      // the rental gaps (the whole account, each lot's): the exact account passes at the answer and
      // fails a euro below — the answer the exact steps keep
      const frozen = freeze(ev.model.input, ev);
      const tenures = ['PLAI', 'PLUS', 'PLS', 'LLI', 'SCIAPP', 'coop'].filter((t) => frozen.lots.some((l) => l.tenure === t));
      const withSubsidy = (amount: number, lots?: string[]): OperationFile => ({ ...frozen, subsidies: [...(frozen.subsidies ?? []), { source: COMPUTED_NEED_SOURCE, amount_eur: amount, ...(lots ? { lots } : { tenures }) } as never] });
      const gaps: [ReturnType<typeof rentalGap> | ReturnType<typeof rentalLotGap>, (e: ReturnType<typeof evalInput>) => boolean | undefined, string[] | undefined][] = [[rentalGap(ev.model.input, ev, file), (e) => e?.rental?.total.balanced, undefined]];
      if (ev.rental && ev.rental.lots.length > 1) for (const l of ev.rental.lots) gaps.push([rentalLotGap(ev.model.input, ev, file, l.lotIndex), (e) => e?.rental?.lots.find((x) => x.lotIndex === l.lotIndex)?.account.balanced, [ev.model.lots[l.lotIndex]!.id]]);
      for (const [gap, passes, lots] of gaps) {
        if (!gap || gap.kind !== 'found' || gap.value === 0) continue;
        expect(passes(gap.exact), `${file} ${lots ?? 'all'}: passes at ${gap.value}`).toBe(true);
        expect(passes(evalInput(withSubsidy(gap.value, lots), file)), `${file} ${lots ?? 'all'}: passes at ${gap.value} (the input rebuilt)`).toBe(true);
        expect(passes(evalInput(withSubsidy(gap.value - 1, lots), file)), `${file} ${lots ?? 'all'}: fails at ${gap.value} − 1`).toBe(false);
        gapsChecked++;
      }
    }, 60_000);
  }
  it('checked some rental gaps (the fixtures have rental accounts that fail the test)', () => expect(gapsChecked).toBeGreaterThan(5));
});

describe('a sale lot evaluated alone at another price gives the whole exact evaluation’s figures', () => {
  const text = (d: Dec | null) => (d === null ? null : d.toString());
  let compared = 0;
  for (const file of files) {
    it(file, () => {
      const ev = runText(file, readFileSync(file, 'utf8')).evaluation;
      if (!ev?.sales) return;
      const frozen = freeze(ev.model.input, ev);
      for (const l of ev.sales.lots) {
        const bp = balancingPrice(ev.model.input, ev, file, l.lotIndex);
        const prices = [l.priceTtcPerM2Shab.toNumber() * 0.8, l.priceTtcPerM2Shab.toNumber() * 1.3 + 0.37, ...(bp.kind === 'found' ? [bp.value] : [])];
        for (const p of prices) {
          const input = withSalePrice(frozen, l.lotIndex, p);
          const alone = saleAlone(ev, input, l.lotIndex);
          if (!alone) continue;
          const whole = evalInput(input, file)!;
          const at = whole.sales!.lots.find((x) => x.lotIndex === l.lotIndex)!;
          const what = `${file} lot ${l.lotIndex} at ${p}`;
          expect(text(alone.balanceEur), `${what}: operation balance`).toBe(text(whole.operation.balanceEur));
          for (const k of ['priceTtcPerM2Shab', 'marginEur', 'marginPct', 'discountVsMarketPct', 'headroomVsCeilingPct', 'revenueHtEur'] as const) {
            expect(text(alone.sale[k] as Dec | null), `${what}: ${k}`).toBe(text(at[k] as Dec | null));
          }
          compared++;
        }
        if (bp.kind === 'found') {
          // the answer's figures are the whole evaluation's (made when read)
          expect(text(bp.balanceEur)).toBe(text(bp.exact.operation.balanceEur));
          expect(text(bp.sale.discountVsMarketPct)).toBe(text(bp.exact.sales!.lots.find((x) => x.lotIndex === l.lotIndex)!.discountVsMarketPct));
        }
      }
    }, 60_000);
  }
  it('compared some lots alone (the fixtures have sale lots it applies to)', () => expect(compared).toBeGreaterThan(20));
});
