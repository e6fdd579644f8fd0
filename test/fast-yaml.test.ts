/**
 * fast-yaml.ts reads the plain YAML of operation files for a faster start; whenever it gives data,
 * it must be exactly what the yaml package gives (parseYamlText: same values, same key order) for a
 * file the yaml package accepts without a diagnostic — else it must give up. The oracle is the yaml
 * package itself, on every YAML file of the repository and on generated and mutated files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastYaml } from '../src/load/fast-yaml';
import { parseYaml, parseYamlText } from '../src/load/yaml';
import { spanOf } from '../src/load/load';
import { ROOT } from './helpers/cli';
import { repoYamlFiles } from './helpers/repo-yaml';

/** Same data and same key order (JSON text), -0 included (deep equality). */
function agrees(text: string): { ok: boolean; read: boolean; why?: string } {
  const fast = fastYaml(text);
  if (fast === undefined) return { ok: true, read: false };
  const full = parseYamlText('f.yaml', text);
  if (full.diagnostics.length > 0) return { ok: false, read: true, why: `yaml package: ${full.diagnostics.map((d) => d.code).join(', ')}` };
  if (!isDeepStrictEqual(fast, full.data) || JSON.stringify(fast) !== JSON.stringify(full.data)) return { ok: false, read: true, why: `${JSON.stringify(fast)} ≠ ${JSON.stringify(full.data)}` };
  return { ok: true, read: true };
}

describe('fast YAML reader', () => {
  it('reads every YAML file of the repository as the yaml package does, or gives up', () => {
    const files = repoYamlFiles();
    expect(files.length).toBeGreaterThan(50);
    let read = 0;
    for (const f of files) {
      const r = agrees(fs.readFileSync(f, 'utf8'));
      expect(r.ok, `${path.relative(ROOT, f)}: ${r.why}`).toBe(true);
      if (r.read) read++;
    }
    // it is of use: it reads most of them (it gives up on anchors, nested flow lists, problems…)
    expect(read).toBeGreaterThan(files.length / 2);
  }, 60_000);

  it('reads the example and the fixtures the benchmark starts on', () => {
    for (const f of ['examples/exemple.yaml', 'fixtures/terra-arte.yaml']) expect(fastYaml(fs.readFileSync(path.join(ROOT, f), 'utf8')), f).toBeDefined();
  });

  it('gives up on what it does not read the same way', () => {
    const cases = [
      'a: &x 1\nb: *x\n', 'a: !!str 1\n', '<<: {a: 1}\n', 'a: 1\na: 2\n', 'a: 0x1F\n', 'a: 1e3\n', 'a: .inf\n', 'a: 0o17\n',
      'a: 1234567890123456789\n', 'a: "x\\ty"\n', 'a: |\n  x\n', 'a: >\n  x\n', 'a: [[1]]\n', 'a: {b: {c: 1}}\n', 'a: b\n  c\n',
      '---\na: 1\n', 'a: 1\n---\nb: 2\n', 'a:\tb\n', 'a: 1\r\n', '- 1\n', '"a": 1\n', 'true: 1\n', '__proto__: 1\n', '007: 1\n',
      'a: b: c\n', 'a: - b\n', 'a: "b\n  c"\n', 'a: >-\n  b\n\n  c\n', 'a: >-\n  b\n   c\n', '  a: 1\n', 'a: [1, , 2]\n', '? a\n: b\n',
    ];
    for (const c of cases) expect(fastYaml(c), JSON.stringify(c)).toBeUndefined();
    // no-break spaces are text in YAML (JavaScript's trim would drop them)
    for (const c of ['a: b\u00a0\n', 'a: [b\u00a0, c]\n', 'a: \u202fb # c\n', 'a: >-\n  b\u00a0\n', 'a:\n  - b\u00a0\n']) {
      const r = agrees(c);
      expect(r.ok, `${JSON.stringify(c)}: ${r.why}`).toBe(true);
    }
    expect(fastYaml('a: b\u00a0 # c\n')).toEqual({ a: 'b\u00a0' });
  });

  it('reads what it reads as the yaml package does (generated files, and mutations of them)', () => {
    // mostly what operation files hold, sometimes what the reader must give up on or convert with care
    const plainScalars = ['yes', 'no', 'on', '~', 'null', 'Null', 'NULL', 'true', 'False', '0', '-0', '+3', '007', '.5', '1.', '-.5', '1.50', '12345', '2026-01-15',
      '1_000', 'é à', '—', 'a#b', 'a:b', "it's", '-x', 'x,y', '1 210', 'PLAI', 'B1', 'nan', 'inf', 'Terra Arte — Le COL (64)', '1\u00a0210 €', 'x\u00a0', '\u202fy', 'a\u00a0#b'];
    const trickyScalars = ['a # b', 'a: b', '"q"', '[x]', '{x}', '&a', '*a', '!t', '- x', '?x', ' lead', 'trail ', '', '.NaN', '1e5', '0x1F', 'a\nb', 'a\tb', '12345678901234567'];
    const scalar = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...plainScalars) }, { weight: 1, arbitrary: fc.constantFrom(...trickyScalars) });
    const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('a', 'b_c', 'lots', 'x.y', 'x-y', '2030', 'tenure', 'amount_eur') }, { weight: 1, arbitrary: fc.constantFrom('1', '0', '01', 'true', 'null', 'é', 'a b', 'k:', '-k', '_', '__proto__') });
    const u = (a: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => a;
    const value: fc.Memo<unknown> = fc.memo((n): fc.Arbitrary<unknown> => (n <= 1
      ? fc.oneof({ weight: 3, arbitrary: u(scalar) }, { weight: 2, arbitrary: u(fc.integer({ min: -1e6, max: 1e6 })) }, { weight: 1, arbitrary: u(fc.double({ noNaN: true, min: -1e9, max: 1e9 })) }, { weight: 1, arbitrary: u(fc.boolean()) }, { weight: 1, arbitrary: u(fc.constant(null)) })
      : fc.oneof(
        { weight: 2, arbitrary: u(scalar) },
        { weight: 1, arbitrary: u(fc.array(value(n - 1), { maxLength: 4 })) },
        { weight: 2, arbitrary: u(fc.dictionary(key, value(n - 1), { maxKeys: 4 })) },
      )));
    const options = fc.record({
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      flowLevel: fc.constantFrom(0, 0, 0, 1, 2, 3),
      lineWidth: fc.constantFrom(0, 20, 80),
      defaultStringType: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_FOLDED') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_FOLDED'>,
    });
    const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), insert: fc.constantFrom('', ' ', '  ', ':', ': ', ' #', '#', '-', '- ', '\n', '\n  ', '[', ']', '{', '}', ',', "'", '"', '>-', '|', '&', '*', '!', '~', '0', 'x') });
    let read = 0;
    fc.assert(fc.property(fc.dictionary(key, value(4), { minKeys: 1, maxKeys: 5 }), options, fc.oneof(fc.constant([]), fc.array(mutation, { maxLength: 2 })), (data, opts, muts) => {
      let text = stringify(data, { ...opts, defaultKeyType: 'PLAIN', flowCollectionPadding: true });
      for (const m of muts) { const at = m.at % (text.length + 1); text = text.slice(0, at) + m.insert + text.slice(at + m.cut); }
      const r = agrees(text);
      if (r.read) read++;
      if (!r.ok) throw new Error(`${JSON.stringify(text)}: ${r.why}`);
    }), { numRuns: 3000, seed: 16 });
    // the property is not empty: many of the generated files are read
    expect(read).toBeGreaterThan(300);
  }, 60_000);

  it('a file it reads still gives the positions of the yaml package', () => {
    const file = 'fixtures/terra-arte.yaml';
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const fast = parseYaml(file, text), full = parseYamlText(file, text);
    expect(fast.data).toEqual(full.data);
    for (const p of [['lots', 0, 'tenure'], ['checks', 2], ['construction'], ['land', 'taxes', 'rap_applies'], ['lots', 9]]) {
      expect(spanOf(fast.source, p), p.join('.')).toEqual(spanOf(full.source, p));
    }
    expect(spanOf(fast.source, ['checks', 2])).toBeDefined();
  });
});
