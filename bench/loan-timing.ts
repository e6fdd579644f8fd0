/**
 * Timing of loanSchedule (not a test): 40-year double-revisable PLUS schedules per second.
 * Run: npx esbuild bench/loan-timing.ts --bundle --platform=node --outfile=/tmp/loan-timing.cjs && node /tmp/loan-timing.cjs
 */
import { D } from '../src/domain/money';
import { loanSchedule, type LoanSpec } from '../src/engine/loan';

// AXENTIA-like forward Livret A trajectory (domain.md §3.1), varied per run so nothing is cached.
const paths = Array.from({ length: 100 }, (_, i) => ['0.016', '0.021', '0.02', '0.021', '0.021', '0.022'].map((x) => D(x).plus(D(i).div(100000))));
const spec = (i: number): LoanSpec => ({
  amountEur: D(1_234_567 + i),
  margin: D('0.006'),
  livretA0: D('0.015'),
  livretAPath: paths[i % paths.length]!,
  durationYears: 40,
  progressivity: D('-0.005'),
  deferralYears: 0,
  revisability: 'double',
});

function run(count: number): number {
  let check = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) check += loanSchedule(spec(i)).rows.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (check !== 40 * count) throw new Error('bad schedule');
  return count / seconds;
}

run(2_000); // warm-up
const rates = [run(20_000), run(20_000), run(20_000)];
console.log(`40-year double-revisable schedules/s: ${rates.map((r) => Math.round(r)).join(', ')} (best ${Math.round(Math.max(...rates))})`);

// Flat Livret A (one table, no pow in the loop) for comparison.
const flat = { ...spec(0), livretAPath: [] };
let n = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < 20_000; i++) n += loanSchedule({ ...flat, amountEur: D(1_000_000 + i) }).rows.length;
console.log(`40-year flat-LA schedules/s: ${Math.round(20_000 / (Number(process.hrtime.bigint() - t0) / 1e9))} (${n / 20_000} rows each)`);
