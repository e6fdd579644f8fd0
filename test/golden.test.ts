/**
 * Golden reports: every seed fixture (fixtures/*.yaml) and the annotated example
 * (examples/exemple.yaml) through `report` (French table) and `report --format json`, run in-process
 * with a fixed environment, compared byte for byte with test/golden/<name>.txt and .json.
 *
 * The goldens catch regressions; they do not carry the truth. The figures that matter are checked
 * by hand from the inputs in test/sales.test.ts ("hand checks of the golden reports").
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` (or `npm run test:update`) rewrites the
 * stored files instead of comparing; review the diff before committing it.
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
    const expected = INPUTS.flatMap((f) => [`${path.basename(f, '.yaml')}.txt`, `${path.basename(f, '.yaml')}.json`]).sort();
    if (UPDATE) {
      for (const f of fs.existsSync(GOLDEN) ? fs.readdirSync(GOLDEN) : []) if (!expected.includes(f)) fs.unlinkSync(path.join(GOLDEN, f));
      return;
    }
    expect(fs.readdirSync(GOLDEN).sort()).toEqual(expected);
  });

  for (const file of INPUTS) {
    const name = path.basename(file, '.yaml');
    describe(file, () => {
      it('table (fr) matches test/golden/' + name + '.txt', async () => {
        compareOrUpdate(`${name}.txt`, await report(file, false));
      }, TIMEOUT);

      it('JSON matches test/golden/' + name + '.json', async () => {
        const text = await report(file, true);
        const parsed = JSON.parse(text) as { file: string; metrics: Record<string, unknown> };
        expect(parsed.file).toBe(file);
        expect(Object.keys(parsed.metrics).length).toBeGreaterThan(10);
        compareOrUpdate(`${name}.json`, text);
      }, TIMEOUT);

      it('is deterministic (two runs give the same bytes)', async () => {
        expect(await report(file, false)).toBe(await report(file, false));
        expect(await report(file, true)).toBe(await report(file, true));
      }, TIMEOUT);
    });
  }
});
