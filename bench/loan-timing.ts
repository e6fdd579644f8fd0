/**
 * Timing of loanSchedule — not a test, prints figures only. 40-year double-revisable PLUS loans
 * (K ≈ 1.2 M€, LA₀ 1.5 % + 0.6 %, p −0.5 %) on a 6-year forward Livret A path.
 * Run: npx esbuild bench/loan-timing.ts --bundle --platform=node --outfile=/tmp/loan-timing.cjs && node /tmp/loan-timing.cjs
 */
import { D, type Dec } from '../src/domain/money';
import { loanSchedule, type LoanSpec } from '../src/engine/loan';

// AXENTIA-like forward trajectory (domain.md §3.1), shifted by `shift` so paths differ.
const path = (shift: Dec): Dec[] => ['0.016', '0.021', '0.02', '0.021', '0.021', '0.022'].map((x) => D(x).plus(shift));
const spec = (amount: number, livretAPath: Dec[]): LoanSpec => ({
  amountEur: D(amount),
  margin: D('0.006'),
  livretA0: D('0.015'),
  livretAPath,
  durationYears: 40,
  progressivity: D('-0.005'),
  deferralYears: 0,
  revisability: 'double',
});

function rate(name: string, specs: LoanSpec[]): void {
  for (const s of specs.slice(0, 500)) loanSchedule(s); // warm-up (JIT)
  const figures: number[] = [];
  for (let round = 0; round < 3; round++) {
    let rows = 0;
    const start = process.hrtime.bigint();
    for (const s of specs) rows += loanSchedule(s).rows.length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (rows !== 40 * specs.length) throw new Error('bad schedule');
    figures.push(specs.length / seconds);
  }
  console.log(`${name}: ${figures.map((f) => Math.round(f)).join(', ')} schedules/s (best ${Math.round(Math.max(...figures))})`);
}

const N = 20_000;
// Sweep over amounts and 100 Livret A scenarios: the re-amortisation tables are reused.
const shared = Array.from({ length: 100 }, (_, i) => path(D(i).div(100_000)));
rate('double, 6-year LA path, 100 scenarios', Array.from({ length: N }, (_, i) => spec(1_234_567 + i, shared[i % 100]!)));
// Every schedule a new final Livret A: the tail table is rebuilt each time (Monte Carlo worst case).
rate('double, 6-year LA path, all distinct', Array.from({ length: N }, (_, i) => spec(1_234_567 + i, path(D(i).div(10_000_000)))));
rate('double, flat LA', Array.from({ length: N }, (_, i) => spec(1_000_000 + i, [])));
