/**
 * Golden reports, kept small enough to be read in a review (test/golden ≤ 1 MB, asserted below).
 * Every seed fixture (fixtures/*.yaml) and the annotated example (examples/exemple.yaml) runs
 * through `report` (French table) and `report --format json`, in-process with a fixed environment,
 * and is compared byte for byte with:
 *   - test/golden/<name>.synthese.txt: the SYNTHÈSE section of the table report (title to the
 *     next section's title, trailing blank lines dropped);
 *   - test/golden/<name>.metrics.json: the `metrics` object of the JSON report, as printed
 *     (its lines cut out of the document and dedented, checked to parse to the same object);
 *   - for FULL only (the example and one fixture, Terra Arte: rental, BRS, PSLA, market sales and
 *     a cooperative in one file): the whole table report <name>.txt and JSON report <name>.json.
 * Every fixture still runs the whole report twice in each format (the determinism test), so a
 * crash or a nondeterminism anywhere in any report is caught even where only a summary is kept.
 *
 * The goldens catch regressions; they do not carry the truth. The figures that matter are checked
 * by hand from the inputs in test/sales.test.ts ("hand checks of the reports").
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` (or `npm run test:update`) rewrites the
 * stored files instead of comparing, and removes the stale ones; review the diff before committing it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli';

const GOLDEN = path.join(ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Relative paths, as a user would type them from the repository root (they appear in the JSON). */
const INPUTS: string[] = [
  ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`),
  'examples/exemple.yaml',
];

/** A fixed environment: no colour, no debug, no locale or terminal influence. */
const ENV = { NO_COLOR: '1', EQUILIBRE_DEBUG: '', LANG: 'C', LC_ALL: 'C', COLUMNS: '80', TZ: 'UTC' };

/**
 * Generous per-test timeout: each test runs up to four full reports in-process (the determinism
 * test), and a slow machine or a loaded CI runner must not turn that into a failure. (Loading a
 * file with a long comment header used to take seconds: the exponential empty-file regex of
 * src/load/load.ts, since replaced by a line-by-line test.)
 */
const TIMEOUT = 30_000;

async function report(file: string, json: boolean): Promise<string> {
  const r = await runCli(['report', file, ...(json ? ['--format', 'json'] : []), '--lang', 'fr'], { cwd: ROOT, env: ENV });
  expect(r.stderr, `${file}: stderr`).toBe('');
  expect(r.code, `${file}: exit code`).toBe(0);
  expect(Object.keys(r.written), `${file}: nothing written`).toEqual([]);
  return r.stdout;
}

/** The full goldens: the annotated example and one fixture. */
const FULL = new Set(['examples/exemple.yaml', 'fixtures/terra-arte.yaml']);

/** The most test/golden may weigh, in bytes, so that a person can review it. */
const MAX_GOLDEN_BYTES = 1_000_000;

/** The golden files of one input. */
function goldenNames(file: string): string[] {
  const name = path.basename(file, '.yaml');
  return [`${name}.synthese.txt`, `${name}.metrics.json`, ...(FULL.has(file) ? [`${name}.txt`, `${name}.json`] : [])];
}

/**
 * The SYNTHÈSE section of a table report: from its title to the line before the next section's
 * title (a non-empty line underlined by as many `─`), trailing blank lines dropped.
 */
export function synthesisSection(table: string): string {
  const lines = table.split('\n');
  const underlined = (i: number) => lines[i] !== '' && /^─+$/.test(lines[i + 1] ?? '') && [...lines[i]!].length === lines[i + 1]!.length;
  const start = lines.findIndex((l, i) => l === 'SYNTHÈSE' && underlined(i));
  expect(start, 'the report has a SYNTHÈSE section').toBeGreaterThanOrEqual(0);
  let end = start + 2;
  while (end < lines.length && !underlined(end)) end++;
  const body = lines.slice(start, end);
  while (body.length && body[body.length - 1]!.trim() === '') body.pop();
  return body.join('\n') + '\n';
}

/** The `metrics` object of a JSON report, as printed (its lines, dedented to the top level). */
export function metricsObject(json: string): string {
  const lines = json.split('\n');
  const start = lines.indexOf('  "metrics": {');
  expect(start, 'the JSON report has metrics').toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^  \},?$/.test(l));
  expect(end).toBeGreaterThan(start);
  const text = ['{', ...lines.slice(start + 1, end).map((l) => l.slice(2)), '}'].join('\n') + '\n';
  expect(JSON.parse(text), 'the cut-out metrics are the document\'s').toEqual((JSON.parse(json) as { metrics: unknown }).metrics);
  return text;
}

function compareOrUpdate(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  expect(fs.existsSync(file), `missing golden ${path.relative(ROOT, file)} — run \`npm run test:update\``).toBe(true);
  const expected = fs.readFileSync(file, 'utf8');
  // toBe on the whole text: vitest prints a line diff on failure.
  expect(actual, `${name} differs from its golden (npm run test:update to accept)`).toBe(expected);
}

describe('golden reports', () => {
  it('covers every fixture and the example, and no stale golden is left behind', () => {
    expect(INPUTS.length).toBeGreaterThan(1);
    for (const f of FULL) expect(INPUTS, 'a full golden names an input').toContain(f);
    const expected = INPUTS.flatMap(goldenNames).sort();
    if (UPDATE) {
      for (const f of fs.existsSync(GOLDEN) ? fs.readdirSync(GOLDEN) : []) if (!expected.includes(f)) fs.unlinkSync(path.join(GOLDEN, f));
      return;
    }
    expect(fs.readdirSync(GOLDEN).sort()).toEqual(expected);
  });

  it(`test/golden weighs at most ${MAX_GOLDEN_BYTES} bytes (reviewable)`, () => {
    const bytes = fs.readdirSync(GOLDEN).reduce((n, f) => n + fs.statSync(path.join(GOLDEN, f)).size, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(MAX_GOLDEN_BYTES);
  });

  it('the cutters keep the synthesis and the metrics whole (guards the guard)', () => {
    const table = 'Titre\n═════\n\nSYNTHÈSE\n────────\nLigne 1\n  suite\n\nSURFACES\n────────\n│ x │\n';
    expect(synthesisSection(table)).toBe('SYNTHÈSE\n────────\nLigne 1\n  suite\n');
    const json = '{\n  "a": 1,\n  "metrics": {\n    "x": 1.5,\n    "y": null\n  },\n  "b": {}\n}\n';
    expect(metricsObject(json)).toBe('{\n  "x": 1.5,\n  "y": null\n}\n');
  });

  for (const file of INPUTS) {
    const name = path.basename(file, '.yaml');
    describe(file, () => {
      it(`synthesis (fr table) matches test/golden/${name}.synthese.txt${FULL.has(file) ? ` and the whole table ${name}.txt` : ''}`, async () => {
        const text = await report(file, false);
        const synthesis = synthesisSection(text);
        expect(synthesis).toContain('Prix de revient');
        compareOrUpdate(`${name}.synthese.txt`, synthesis);
        if (FULL.has(file)) compareOrUpdate(`${name}.txt`, text);
      }, TIMEOUT);

      it(`metrics (JSON) match test/golden/${name}.metrics.json${FULL.has(file) ? ` and the whole JSON ${name}.json` : ''}`, async () => {
        const text = await report(file, true);
        const parsed = JSON.parse(text) as { file: string; metrics: Record<string, unknown> };
        expect(parsed.file).toBe(file);
        expect(Object.keys(parsed.metrics).length).toBeGreaterThan(10);
        compareOrUpdate(`${name}.metrics.json`, metricsObject(text));
        if (FULL.has(file)) compareOrUpdate(`${name}.json`, text);
      }, TIMEOUT);

      it('is deterministic (two runs give the same bytes)', async () => {
        expect(await report(file, false)).toBe(await report(file, false));
        expect(await report(file, true)).toBe(await report(file, true));
      }, TIMEOUT);
    });
  }
});
