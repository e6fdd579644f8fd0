/**
 * `equilibre risk --jobs`: the draws shared between this thread and a worker (src/risk/parallel.ts)
 * give the one-thread output to the byte — chunks of draws taken in turn, each drawn by replaying
 * the seeded generator up to its first draw (`Drawer.skip`), and with --exact-percentiles the
 * percentiles' draws evaluated exactly on either thread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runText } from '../src/pipeline';
import { PARALLEL_MIN_DRAWS, RISK_CHUNK_DRAWS, riskThreads } from '../src/risk/parallel';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { drawer, normalQuantile, quantileOf } from '../src/risk/sample';
import { CHUNK_DRAWS, drawTable, replayer, sampleDraws } from '../src/risk/run';
import type { RiskEvaluator } from '../src/risk/evaluator';
import { FACTOR_ORDER, riskSpec, WALK_YEARS } from '../src/risk/spec';
import { ROOT, ensureBuilt, runBin } from './helpers/cli';

describe('a draw is the inverse distribution functions at pure-rand\'s uniforms', () => {
  it('each input and each year of the Livret A walk, to the bit, with and without the copula', () => {
    for (const extra of ['', '\nrisk:\n  construction_livret_a_correlation: 0.6\n', '\nrisk:\n  livret_a_step_sd_pct: 0.8\n']) {
      const text = fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8') + extra;
      const spec = riskSpec(runText('examples/exemple.yaml', text).load.input!);
      const dist = (id: string) => spec.factors.find((f) => f.id === id)!.dist;
      const rng = xoroshiro128plus(77);
      const g = drawer(spec, 77);
      for (let k = 0; k < 400; k++) {
        const d = g();
        // the draw written as its definition: one uniform each, in order (construction, the walk's years, the others)
        const u1 = uniformFloat64(rng);
        expect(d.values.construction).toBe(quantileOf(dist('construction'), u1));
        const sd = (dist('livret_a') as { sd: number }).sd, rho = spec.correlation;
        let s = 0;
        for (let y = 0; y < WALK_YEARS; y++) {
          let z = normalQuantile(uniformFloat64(rng));
          if (y === 0 && rho !== 0) z = rho * normalQuantile(u1) + Math.sqrt(1 - rho * rho) * z;
          s += sd * z;
          expect(d.livretAShift[y], `draw ${k} year ${y + 1}`).toBe(s);
        }
        for (const id of FACTOR_ORDER.filter((x) => x !== 'construction' && x !== 'livret_a')) expect(d.values[id], `draw ${k} ${id}`).toBe(quantileOf(dist(id), uniformFloat64(rng)));
      }
    }
  });
});

describe('the generator passes draws without drawing them', () => {
  it('skip(k) then a draw is the (k + 1)-th draw, with spreads and without (the same uniforms a draw)', () => {
    for (const extra of ['', '\nrisk:\n  construction_cost_pct: { normal: [0, 0] }\n  livret_a_step_sd_pct: 0\n']) {
      const text = fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8') + extra;
      const spec = riskSpec(runText('examples/exemple.yaml', text).load.input!);
      const a = drawer(spec, 42), b = drawer(spec, 42);
      for (const k of [0, 1, 7, 250]) {
        const seen: number[][] = [];
        for (let i = 0; i <= k; i++) { const d = a(); if (i === k) seen.push([...FACTOR_ORDER.map((id) => d.values[id]), ...d.livretAShift]); }
        b.skip(k);
        const d = b();
        expect([...FACTOR_ORDER.map((id) => d.values[id]), ...d.livretAShift]).toEqual(seen[0]);
      }
    }
  });
});

describe('a percentile\'s draw drawn again from the saved state of its chunk', () => {
  it('replayer(i), for increasing i within and across chunks, is the i-th draw', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/exemple.yaml'), 'utf8');
    const spec = riskSpec(runText('examples/exemple.yaml', text).load.input!);
    const N = CHUNK_DRAWS * 4 + 3;
    // (an evaluator of no figure: only the generator's states are of interest here)
    const none = { figures: [], booleans: [], grip: {}, evaluationsPerDraw: 1, sample: () => ({ values: new Float64Array(0), flags: new Uint8Array(0) }), exact: () => null } as unknown as RiskEvaluator;
    const t = drawTable(N, 0, 0);
    sampleDraws(none, drawer(spec, 9), 0, N, t);
    const all: number[][] = [];
    const g = drawer(spec, 9);
    for (let i = 0; i < N; i++) { const d = g(); all.push([...FACTOR_ORDER.map((id) => d.values[id]), ...d.livretAShift]); }
    const replay = replayer(spec, 9, t.starts);
    for (const i of [0, 1, CHUNK_DRAWS - 1, CHUNK_DRAWS, CHUNK_DRAWS + 5, 3 * CHUNK_DRAWS + 1, N - 1]) {
      const d = replay(i);
      expect([...FACTOR_ORDER.map((id) => d.values[id]), ...d.livretAShift], `draw ${i}`).toEqual(all[i]);
    }
  });
});

describe('how many threads', () => {
  it('by default one; --jobs auto two from PARALLEL_MIN_DRAWS draws on two cores; --jobs N at most two; EQUILIBRE_WORKERS', () => {
    expect(riskThreads(100_000, {}, undefined, 8)).toBe(1);
    expect(riskThreads(PARALLEL_MIN_DRAWS, {}, 'auto', 2)).toBe(2);
    expect(riskThreads(PARALLEL_MIN_DRAWS - 1, {}, 'auto', 2)).toBe(1);
    expect(riskThreads(100_000, {}, 'auto', 1)).toBe(1);
    expect(riskThreads(100_000, {}, '1', 8)).toBe(1);
    expect(riskThreads(100, {}, '2', 1)).toBe(2);
    expect(riskThreads(100, {}, '8', 8)).toBe(2);
    expect(riskThreads(100_000, { EQUILIBRE_WORKERS: '2' }, undefined, 2)).toBe(2);
    expect(riskThreads(100_000, { EQUILIBRE_WORKERS: '2' }, '1', 2)).toBe(1);
  });
});

describe('risk --jobs 2 gives the output of --jobs 1 to the byte', { timeout: 120_000 }, () => {
  // (more draws than a chunk, so that both threads take several; the example, owners, a BRS, an account line by line;
  // and the percentiles' draws evaluated exactly, shared between the threads too)
  const draws = String(RISK_CHUNK_DRAWS * 9 + 17);
  it.each([
    ['examples/exemple.yaml', ''], ['examples/exemple.yaml', '--exact-percentiles'], ['fixtures/bayonne-prisse-owners.yaml', ''],
    ['fixtures/saint-denis-brs.yaml', '--exact-percentiles'], ['fixtures/residence-sociale-vefa.yaml', ''],
  ])('%s %s: JSON and table', (file, extra) => {
    ensureBuilt();
    const more = extra ? [extra] : [];
    for (const format of ['json', 'table']) {
      const one = runBin(['risk', file, '--draws', draws, '--format', format, '--max-evaluations', '1000000', '--jobs', '1', ...more]);
      const two = runBin(['risk', file, '--draws', draws, '--format', format, '--max-evaluations', '1000000', '--jobs', '2', ...more]);
      expect(one.code).toBe(0);
      expect(two.code).toBe(0);
      // (no fallback to one thread: the worker did its part)
      expect(two.stderr).toBe('');
      expect(two.stdout).toBe(one.stdout);
    }
  });
  it('--jobs is checked like check\'s', () => {
    ensureBuilt();
    const r = runBin(['risk', 'examples/exemple.yaml', '--jobs', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });
});
