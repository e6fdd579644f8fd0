/**
 * Table output fits a width (issue 11, point 3): no line of any table-format output is wider than
 * `--width` (default 100 off a terminal; minimum 60), measured in terminal columns (displayWidth).
 * Wide tables are split into column groups that repeat the label column, and no cell is lost.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROOT, runCli } from './helpers/cli';
import { displayWidth, layoutTable, renderBoxTable, tableWidth, type TableSpec } from '../src/report/table';
import { renderText, wrapLines } from '../src/report/render';
import type { ReportDoc } from '../src/report/document';
import { outputWidth, parseWidth } from '../src/cli/help';

const INPUTS = [
  ...fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/${f}`),
  'examples/exemple.yaml',
];
const EXAMPLE = 'examples/exemple.yaml';
const VARIANTS = 'fixtures/roubaix-esperance-variants.yaml';

/** The widest line and the line itself, for the failure message. */
function widest(text: string): { width: number; line: string } {
  let best = { width: 0, line: '' };
  for (const line of text.split('\n')) {
    const w = displayWidth(line);
    if (w > best.width) best = { width: w, line };
  }
  return best;
}

function expectFits(text: string, width: number, what: string): void {
  const w = widest(text);
  expect(w.width, `${what}: a line of ${w.width} columns > ${width}:\n${w.line}`).toBeLessThanOrEqual(width);
}

describe('every fixture and the example: report within the width', () => {
  for (const file of INPUTS) {
    it(`${file} at 100, 80 and 60 columns, with --detail loans,years`, async () => {
      for (const width of [100, 80, 60]) {
        const args = ['report', file, '--width', String(width), ...(width === 80 ? ['--detail', 'loans,years'] : [])];
        const r = await runCli(args);
        expect(r.code, r.stderr).toBe(0);
        expectFits(r.stdout, width, args.join(' '));
      }
    }, 60_000);
  }

  it('the default width is 100 when stdout is not a terminal', async () => {
    const r = await runCli(['report', 'fixtures/terra-arte.yaml']);
    expect(r.stdout).toBe((await runCli(['report', 'fixtures/terra-arte.yaml', '--width', '100'])).stdout);
    expect(widest(r.stdout).width).toBeLessThanOrEqual(100);
    // the widest table of the example is far wider than 100 columns unsplit: the limit is doing work
    expect(widest((await runCli(['report', EXAMPLE, '--width', '10000'])).stdout).width).toBeGreaterThan(150);
  });

  it('the default: the terminal\'s width when stdout is one (never under 60), else 100; --width wins; -o is not the terminal', () => {
    expect(outputWidth({}, undefined)).toBe(100);
    expect(outputWidth({}, 132)).toBe(132);
    expect(outputWidth({}, 40)).toBe(60);
    expect(outputWidth({ width: 70 }, 132)).toBe(70);
    expect(outputWidth({ output: 'r.txt' }, 132)).toBe(100);
    expect(parseWidth('60')).toBe(60);
    expect(() => parseWidth('59')).toThrow();
  });

  it('markdown and JSON are not width-bound', async () => {
    const md = (await runCli(['report', EXAMPLE, '--format', 'markdown', '--width', '60'])).stdout;
    expect(widest(md).width).toBeGreaterThan(60);
    expect(md).toBe((await runCli(['report', EXAMPLE, '--format', 'markdown'])).stdout);
  });
});

describe('every command with table output, at 100, 80 and 60 columns', () => {
  const commands: [string, string[]][] = [
    ['sensitivity', ['sensitivity', EXAMPLE, '--grid', 'construction:0:30:5,livret-a:0:2:0.5']],
    ['compare', ['compare', VARIANTS, 'fixtures/terra-arte.yaml']],
    ['check', ['check', ...INPUTS]],
    ['params', ['params']],
    ['loan', ['loan', '--amount', '100000', '--product', 'PLUS', '--livret-a-path', '1.5,2.0']],
    ['init --help', ['init', '--help']],
    ['--help', ['--help']],
    ['report --help', ['report', '--help']],
    ['sensitivity --help', ['sensitivity', '--help']],
    ['loan --help', ['loan', '--help']],
    ['check --help', ['check', '--help']],
  ];
  for (const [name, args] of commands) {
    it(name, async () => {
      for (const width of [100, 80, 60]) {
        for (const lang of ['fr', 'en']) {
          const r = await runCli([...args, '--width', String(width), '--lang', lang]);
          expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
          expectFits(r.stdout, width, `${args.join(' ')} --width ${width} --lang ${lang}`);
          expectFits(r.stderr, width, `${args.join(' ')} --width ${width} --lang ${lang} (stderr)`);
        }
      }
    }, 120_000);
  }

  it('--width below 60 or not a number is a usage error (exit 2)', async () => {
    for (const w of ['59', '0', 'abc', '80.5']) {
      const r = await runCli(['report', EXAMPLE, '--width', w]);
      expect(r.code, w).toBe(2);
      expect(r.stderr).toMatch(/^erreur\[USAGE\]: .*--width/);
      expect(r.stdout).toBe('');
    }
    expect((await runCli(['report', EXAMPLE, '--width', '60'])).code).toBe(0);
  });
});

/** A wide table whose cells are all distinct tokens: where each one ends up can be counted. */
function wideSpec(cols: number, rows: number): TableSpec {
  const headers = ['Poste', ...Array.from({ length: cols - 1 }, (_, c) => `col${c + 1}`)];
  return {
    headers,
    align: headers.map((_, c) => (c === 0 ? 'l' : 'r')),
    rows: Array.from({ length: rows }, (_, r) => [`ligne${r}`, ...Array.from({ length: cols - 1 }, (_, c) => `${r}x${c + 1}_${'9'.repeat(6)}`)]),
    ruleBefore: new Set([rows - 1]),
  };
}

describe('column groups', () => {
  it('a table too wide is split into groups that each repeat the label column and fit', () => {
    const spec = wideSpec(14, 5);
    const unsplit = renderBoxTable(spec);
    expect(widest(unsplit).width).toBeGreaterThan(100);
    for (const width of [100, 80, 60]) {
      const layout = layoutTable(spec, width)!;
      expect(layout.groups.length).toBeGreaterThan(1);
      for (const g of layout.groups) {
        expect(g.cols[0]).toBe(0);
        expect(tableWidth(g.widths)).toBeLessThanOrEqual(width);
      }
      // every other column exactly once, in order
      expect(layout.groups.flatMap((g) => g.cols.slice(1))).toEqual([...Array(14).keys()].slice(1));
    }
  });

  it('no data lost: each cell of the unsplit table appears once in the split one (labels once per group)', () => {
    const spec = wideSpec(12, 6);
    for (const width of [100, 80, 60]) {
      const text = renderBoxTable(spec, width);
      expectFits(text, width, `split table at ${width}`);
      const tokens = text.split(/[│\s]+/).filter((x) => x && !/^[─┌┐└┘├┤┬┴┼]+$/.test(x));
      const count = (s: string) => tokens.filter((x) => x === s).length;
      const groups = layoutTable(spec, width)!.groups.length;
      for (const row of spec.rows) {
        expect(count(row[0]!), row[0]).toBe(groups);
        for (const cell of row.slice(1)) expect(count(cell), `${cell} at ${width}`).toBe(1);
      }
      for (const h of spec.headers.slice(1)) expect(count(h)).toBe(1);
    }
  });

  it('when not even the label and one column fit, rows are written as records, every cell kept', () => {
    const fig = '1 234 567 890 123 456 789 € (maximum, plafond, majoré)';
    const spec: TableSpec = { headers: ['Lot avec un nom assez long', 'Montant'], align: ['l', 'r'], rows: [['lot un au nom long, très long', fig], ['lot deux', '12 €']], maxFigureWidth: 80 };
    expect(layoutTable(spec, 60)).toBeNull();
    const text = renderBoxTable(spec, 60);
    expectFits(text, 60, 'records');
    const flat = text.replace(/\s+/g, ' ');
    for (const c of ['lot un au nom long, très long', 'lot deux', '12 €', 'Montant']) expect(flat).toContain(c);
    expect(flat).toContain('1 234 567 890 123 456 789 €');
  });

  it('a table that fits is rendered as it is', () => {
    const spec = wideSpec(3, 3);
    expect(renderBoxTable(spec, 100)).toBe(renderBoxTable(spec));
  });

  it('long text is wrapped within a cell, never cut inside a figure', () => {
    const spec: TableSpec = {
      headers: ['Hypothèse', 'Valeur', 'Source'], align: ['l', 'r', 'l'],
      rows: [['Taux de la redevance d’archéologie préventive', '1 234 567 €', 'C. urb. L.331-7, L.331-12, une source longue '.repeat(4)]],
    };
    const text = renderBoxTable(spec, 60);
    expectFits(text, 60, 'wrapped');
    expect(text).toContain('1 234 567 €');
  });

  it('a diagnostic\'s quoted source line is shifted, not wrapped: the caret stays under its key', () => {
    const src = `  6 |   - { id: plus, tenure: PLUS, dwellings: 12, shab_m2: 780, annexes_m2: 60, bogus_key: 1 }`;
    const col = src.indexOf('bogus_key') - '  6 | '.length; // 0-based column in the source line
    const caret = `    | ${' '.repeat(col)}${'^'.repeat('bogus_key'.length)}`;
    const out = wrapLines([`erreur[UNKNOWN_KEY]: op.yaml:6:${col + 1}: lots[0].bogus_key`, src, caret], 60);
    for (const l of out) expect(displayWidth(l), l).toBeLessThanOrEqual(60);
    const s = out.find((l) => l.startsWith('  6 | '))!, c = out.find((l) => l.includes('^'))!;
    expect(s.slice(c.indexOf('^'), c.indexOf('^') + 'bogus_key'.length)).toBe('bogus_key');
  });

  it('the renderer wraps titles and text lines of any section, including ones added later', () => {
    const long = 'Un texte de synthèse très long qui ne tient pas sur une ligne de soixante colonnes, loin de là, et continue encore.';
    const doc: ReportDoc = {
      title: `Une opération au nom très long ${'x'.repeat(10)} — une commune au nom tout aussi long`,
      subtitle: [long],
      sections: [{ id: 'synthese', title: 'Synthèse: chaque question et sa réponse, avec ses chiffres', blocks: [{ kind: 'text', lines: [long, `  · ${long}`] }, { kind: 'table', ...wideSpec(10, 3), totalRows: [2] }] }],
    };
    for (const width of [60, 80]) {
      const text = renderText(doc, { width });
      expectFits(text, width, `doc at ${width}`);
      expect(text.replace(/\s+/g, ' ')).toContain('loin de là, et continue encore.');
    }
  });
});

describe('displayWidth: the one-column fast path gives the per-character count', () => {
  // The reference: the per-code-point rule of src/report/table.ts, written out.
  const ref = (s: string): number => {
    let w = 0;
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || cp === 0xfeff) continue;
      w += cp >= 0x1f000 || cp === 0x2705 || cp === 0x274c || (cp >= 0x2753 && cp <= 0x2757) ||
        (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
        (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
        (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe10 && cp <= 0xfe19) || (cp >= 0xfe30 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
    }
    return w;
  };
  // code points on and around every boundary of the rule and of the fast path's ranges
  const edges = [0, 0x20, 0x7e, 0xe9, 0x2ff, 0x300, 0x36f, 0x370, 0x10ff, 0x1100, 0x115f, 0x1160, 0x200a, 0x200b, 0x200f, 0x2010, 0x2014, 0x205f, 0x2060, 0x2061,
    0x20ac, 0x2265, 0x2500, 0x2704, 0x2705, 0x2706, 0x274b, 0x274c, 0x274d, 0x2752, 0x2753, 0x2757, 0x2758, 0x2e7f, 0x2e80, 0x303e, 0x303f, 0x3041, 0x4e00,
    0xac00, 0xd7a3, 0xfe00, 0xfe0f, 0xfe10, 0xfeff, 0xff00, 0xff60, 0xff61, 0xffe6, 0xffff, 0x1f000, 0x1f600, 0x20000, 0x3fffd, 0x3fffe];
  const cp = fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff), fc.integer({ min: 0x20, max: 0x17f }));
  it('generated strings around every range boundary', () => {
    fc.assert(fc.property(fc.array(cp, { maxLength: 12 }), (cps) => {
      const s = String.fromCodePoint(...cps);
      expect(displayWidth(s)).toBe(ref(s));
    }), { numRuns: 5000 });
    expect(displayWidth('Coût: 1 234 € — ≥ 0 │ ok')).toBe(24);
  });
});
