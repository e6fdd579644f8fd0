/**
 * `--format html` without a browser: the page is self-contained, renders the same document as the
 * markdown format (every section, every table row), carries the charts' facts, escapes what comes
 * from the file, and ECharts stays off the path of the other formats. The browser checks (load,
 * network, SVG marks, print layout) are in html-browser.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, runBin, runCli } from './helpers/cli';
import { renderHtml } from '../src/report/html/index';
import { axisNumber } from '../src/report/html/charts';
import { reportCharts } from '../src/report/charts/report-charts';
import { processIo } from '../src/cli/io';
import { runFile } from '../src/cli/load-file';

const EXAMPLE = 'examples/exemple.yaml';
const loadFile = (file: string) => runFile(processIo(), path.join(ROOT, file)).evaluation!;

/** h2 titles and body-table row counts of a page, outside the charts' data tables. */
function structure(html: string): { titles: string[]; rows: number } {
  const titles = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'));
  const body = html.replace(/<details>[\s\S]*?<\/details>/g, '');
  const rows = [...body.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].reduce((s, m) => s + (m[1]!.match(/<tr[ >]/g)?.length ?? 0), 0);
  return { titles, rows };
}
/** The same from the markdown format: `## ` titles and table body rows (not the header or the rule). */
function mdStructure(md: string): { titles: string[]; rows: number } {
  const lines = md.split('\n');
  const titles = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
  // table body lines: `| …` lines that are neither a header (followed by a rule) nor the rule
  const rule = (l: string | undefined) => l !== undefined && /^\|[-:|]+\|$/.test(l);
  const rows = lines.filter((l, i) => l.startsWith('| ') && !rule(lines[i + 1])).length;
  return { titles, rows };
}

describe('report --format html', () => {
  it('is one self-contained page: no script, no link, no external reference, styles inline', async () => {
    const r = await runCli(['report', EXAMPLE, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const html = r.stdout;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\((?!#)|@font-face/i); // url(#…): an SVG clip path of the page
    expect(html).not.toMatch(/\s(src|srcset|action)=/i);
    // the only URLs are the SVG namespaces (identifiers, never fetched)
    const urls = [...html.matchAll(/https?:\/\/[^"'\s)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    // every href is an anchor of the page
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]!.startsWith('#'), m[1]).toBe(true);
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    // every attribute of every tag is name="value" with no stray quote (the SVG's font lists were once broken)
    const body = html.replace(/<style>[\s\S]*?<\/style>/, '');
    for (const m of body.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"]|"[^"]*")*)>/g)) {
      expect(m[2], m[0].slice(0, 120)).toMatch(/^(\s+[\w:-]+(="[^"]*")?)*\s*\/?$/);
    }
  });

  it('renders the same document as the markdown format: every section in order, every table row', async () => {
    for (const file of [EXAMPLE, 'fixtures/saint-denis-brs.yaml', 'fixtures/coop-colette.yaml']) {
      const [h, m] = await Promise.all([runCli(['report', file, '--format', 'html']), runCli(['report', file, '--format', 'markdown'])]);
      expect(h.code, file).toBe(m.code);
      const hs = structure(h.stdout), ms = mdStructure(m.stdout);
      expect(hs.titles, file).toEqual(ms.titles);
      expect(hs.titles.length, file).toBeGreaterThan(5);
      expect(hs.rows, file).toBe(ms.rows);
    }
  });

  it('is the same from one run to the next, and -o writes exactly what stdout shows', async () => {
    const a = await runCli(['report', EXAMPLE, '--format', 'html']);
    const b = await runCli(['report', EXAMPLE, '--format', 'html', '-o', 'r.html']);
    expect(b.stdout).toBe('');
    expect(b.written).toEqual({ 'r.html': a.stdout });
    const ids = [...a.stdout.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length); // ids unique in the page
  });

  it('is French by default and English with --lang en', async () => {
    const fr = (await runCli(['report', EXAMPLE, '--format', 'html'])).stdout;
    const en = (await runCli(['report', EXAMPLE, '--format', 'html', '--lang', 'en'])).stdout;
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('Données du graphique');
    expect(fr).toContain('<h2>Prix de revient</h2>');
    expect(fr).toContain('paramètres 2026.1');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Chart data');
    expect(en).toContain('<h2>Cost price</h2>');
    expect(en).not.toMatch(/Données du graphique|<h2>Prix de revient|au plus bas|>Année</);
  });

  it('escapes what comes from the file', async () => {
    const r = await runCli(['report', EXAMPLE, '--format', 'html', '--set', 'operation.name=<b>Quai & "Cie"</b>']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<b>Quai');
    expect(r.stdout).toContain('&lt;b&gt;Quai &amp; &quot;Cie&quot;&lt;/b&gt;');
    // the running header is a CSS string: quotes escaped there
    // in the charts too (scenario names are category labels of compare's charts)
    const c = await runCli(['compare', EXAMPLE, 'fixtures/terra-arte.yaml', '--format', 'html', '--set', 'operation.name=<b>Quai & "Cie"</b>']);
    expect(c.code).toBe(0);
    expect(c.stdout).not.toContain('<b>Quai');
    expect(c.stdout).toMatch(/<text [^>]*>&lt;b&gt;Quai &amp; &quot;Cie&quot;&lt;\/b&gt;<\/text>/);
    expect(r.stdout).toContain(String.raw`@top-left { content: "\3c b\3e Quai & \"Cie\"\3c /b\3e  · equilibre`);
  });
});

describe('charts take their figures from the evaluation', () => {
  it('the example: lowest cumulative of each rental account, chapters adding up to each lot, sources = uses', () => {
    const ev = loadFile(EXAMPLE);
    const charts = reportCharts(ev, 'fr');
    const ids = Object.values(charts).flat().map((c) => c.id);
    // the example has two rental lots (plus, plai) and one PSLA lot with a market price and a ceiling
    expect(ids).toEqual(['cost-by-chapter', 'cost-by-lot', 'sources-uses', 'cumulative-plus', 'cumulative-plai', 'cumulative-all', 'price-vs-market', 'price-vs-ceiling', 'tranches']);
    for (const l of ev.rental!.lots) {
      const lot = ev.model.lots[l.lotIndex]!;
      const c = charts.operating_account!.find((x) => x.id === `cumulative-${lot.id}`)!;
      if (c.kind !== 'line') throw new Error('line chart expected');
      const ys = c.series[0]!.points.map((p) => p[1]!);
      // the chart's lowest point is the account's lowest cumulative, in the year the report gives
      expect(Math.min(...ys)).toBeCloseTo(l.account.minCumulativeEur.toNumber() / 1000, 9);
      expect(ys.indexOf(Math.min(...ys)) + 1).toBe(l.account.minCumulativeYear);
      expect(c.series[0]!.points.length).toBe(ev.rental!.horizonYears);
    }
    const byLot = charts.cost_price!.find((c) => c.id === 'cost-by-lot')!;
    if (byLot.kind !== 'bar') throw new Error('bar chart expected');
    ev.model.lots.forEach((_, i) => {
      const stacked = byLot.series.reduce((s, x) => s + x.values[i]!, 0);
      expect(stacked).toBeCloseTo(ev.cost.perLot[i]!.htEur.toNumber() / 1000, 6);
    });
    const su = charts.financing![0]!;
    if (su.kind !== 'bar') throw new Error('bar chart expected');
    ev.financing.rental.forEach((_, i) => {
      const sources = su.series.filter((s) => s.stack === 'sources').reduce((s, x) => s + x.values[i]!, 0);
      const uses = su.series.find((s) => s.stack === 'uses')!.values[i]!;
      expect(sources).toBeCloseTo(uses, 6); // sources = uses, to the cent
    });
  });

  it('a BRS fixture draws the OFS account', () => {
    const ev = loadFile('fixtures/saint-denis-brs.yaml');
    const charts = reportCharts(ev, 'fr');
    const ofs = (charts.sales ?? []).filter((c) => c.id.startsWith('ofs-'));
    expect(ofs.length).toBe(ev.sales!.lots.filter((l) => l.ofs && l.ofs.rows.length > 0).length);
    expect(ofs.length).toBeGreaterThan(0);
  });
});

describe('chart axes speak the page language', () => {
  it('French: narrow no-break space between thousands, decimal comma, true minus sign; English: comma and point', () => {
    expect(axisNumber(1234567, 'fr')).toBe('1\u202f234\u202f567');
    expect(axisNumber(-8.97, 'fr')).toBe('−8,97');
    expect(axisNumber(-0.001, 'fr')).toBe('0,00'); // no « −0 »
    expect(axisNumber(12.5, 'fr')).toBe('12,5');
    expect(axisNumber(1234567, 'en')).toBe('1,234,567');
    expect(axisNumber(-8.97, 'en')).toBe('−8.97');
  });
});

describe('--strict and exit codes are those of the other formats', () => {
  it('report --strict: the same code in html as in table', async () => {
    for (const f of ['fixtures/bayonne-prisse.yaml', EXAMPLE]) {
      const [h, t] = await Promise.all([runCli(['report', f, '--format', 'html', '--strict']), runCli(['report', f, '--strict'])]);
      expect(h.code, f).toBe(t.code);
    }
  });
});

describe('sensitivity --format html', () => {
  it('marks on the construction sweep the break-even point the JSON output gives', async () => {
    const [h, j] = await Promise.all([runCli(['sensitivity', EXAMPLE, '--format', 'html', '--no-goal-seek']), runCli(['sensitivity', EXAMPLE, '--format', 'json', '--no-goal-seek'])]);
    const be = (JSON.parse(j.stdout) as { break_even: { construction_inflation_pct: { value: number } } }).break_even.construction_inflation_pct.value;
    expect(be).toBeGreaterThan(0);
    const shown = `+${be.toFixed(2).replace('.', ',')} %`;
    expect(h.stdout).toContain(`(point de bascule: ${shown}).</span></figcaption>`);
    expect(h.stdout).toMatch(new RegExp(`<text [^>]*>point de bascule ${shown.replace('+', '\\+')}</text>`));
  });
});

describe('renderHtml renders any section', () => {
  it('a section it has never seen appears; a synthesis section is set apart', () => {
    const html = renderHtml({
      doc: { title: 'T', subtitle: ['s'], sections: [
        { id: 'synthesis', title: 'Synthèse', blocks: [{ kind: 'text', lines: ['Équilibrée.'] }] },
        { id: 'future_section', title: 'Nouvelle', blocks: [{ kind: 'table', headers: ['a', 'b'], align: ['l', 'r'], rows: [['x', '1'], ['Total', '1']], totalRows: [1] }] },
      ] },
      charts: {}, meta: { lang: 'fr', name: 'T', tool: 'equilibre 0.1.0', vintage: '2026.1' },
    });
    expect(html).toMatch(/<section id="synthesis" class="synthesis">\s*<h2>Synthèse<\/h2>/);
    expect(html).toMatch(/section\.synthesis \{[^}]*border/);
    expect(html).toContain('<h2>Nouvelle</h2>');
    expect(html).toContain('<tr class="total"><td>Total</td><td class="r">1</td></tr>');
    expect(html.indexOf('Synthèse')).toBeLessThan(html.indexOf('Nouvelle'));
  });
});

describe('ECharts stays off the other formats', () => {
  beforeAll(() => ensureBuilt());
  /** Files required by a run of the bin (the probe prints the module cache at exit). */
  const loadedModules = (args: string[]) => {
    const probe = "process.on('exit', () => process.stderr.write('\\n@@' + JSON.stringify(Object.keys(require('node:module')._cache))));";
    const r = spawnSync(process.execPath, ['-e', `${probe}\nprocess.argv.splice(1, 0, 'equilibre');\nrequire(${JSON.stringify(path.join(ROOT, 'bin', 'equilibre.js'))});`, ...args], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(r.stderr.split('\n@@').pop()!) as string[];
  };
  it('report --format json does not load dist/equilibre-html.cjs; --format html does', () => {
    const json = loadedModules(['report', EXAMPLE, '--format', 'json']);
    expect(json.some((m) => m.endsWith('load-bundle.cjs'))).toBe(true);
    expect(json.some((m) => m.endsWith('equilibre-html.cjs'))).toBe(false);
    const out = path.join(ROOT, 'dist', 'probe.html.tmp');
    const html = loadedModules(['report', EXAMPLE, '--format', 'html', '-o', out]);
    fs.rmSync(out, { force: true });
    expect(html.some((m) => m.endsWith('equilibre-html.cjs'))).toBe(true);
  });

  it('the built binary writes the page with -o', () => {
    const out = path.join(ROOT, 'dist', 'bin-report.html.tmp');
    const r = runBin(['report', EXAMPLE, '--format', 'html', '-o', out]);
    const page = fs.readFileSync(out, 'utf8');
    fs.rmSync(out, { force: true });
    expect(r.code).toBe(0);
    expect(page).toMatch(/^<!DOCTYPE html>[\s\S]*<svg role="img"[\s\S]*<\/html>\n$/);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });
});
