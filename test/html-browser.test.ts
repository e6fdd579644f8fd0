/**
 * `--format html` in a real browser: Debian's Chromium (scripts/system-deps.sh) driven by
 * playwright-core, launched once. For the example and every fixture (report), and sensitivity and
 * compare on a few files: the page loads from a file:// URL with no console error and no request
 * but the page itself; every chart is a non-empty SVG with marks; printed to PDF (A4, the page's
 * own @page rules) it has the expected number of pages ± 1, the running header on every page, and
 * no table row cut across two pages. A missing Chromium fails (never skips).
 * Screenshots and pages are kept in test/artifacts/ (git-ignored).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ROOT, runCli } from './helpers/cli';

// the page-side functions run in Chromium (page.evaluate); the test's types have no DOM
declare const document: { querySelectorAll: (s: string) => Iterable<DomEl> & ArrayLike<DomEl>; documentElement: { scrollWidth: number }; createElement: (t: string) => DomEl; head: DomEl };
declare const window: { innerWidth: number };
interface DomEl { tagName: string; textContent: string | null; classList: { add: (c: string) => void }; getBoundingClientRect: () => { top: number; bottom: number; height: number }; closest: (s: string) => DomEl | null; querySelector: (s: string) => DomEl | null; querySelectorAll: (s: string) => Iterable<DomEl> & ArrayLike<DomEl>; insertAdjacentHTML: (where: string, html: string) => void; appendChild: (e: DomEl) => void }

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
const FIXTURES = fs.readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.yaml')).map((f) => `fixtures/${f}`);

// A4 at 96 px/in with the page's margins (@page: 16mm top, 14mm bottom, 13mm sides).
const MM = 96 / 25.4;
const PRINT_WIDTH = Math.floor((210 - 26) * MM);
const PRINT_HEIGHT = (297 - 30) * MM;

/** How far each page's print layout overflows the printed width (px), for the record. */
const overflows: string[] = [];
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // launch() gives the browser a fresh temporary profile (user-data-dir), removed on close
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  fs.writeFileSync(path.join(ARTIFACTS, 'print-overflow.txt'), overflows.join('\n') + '\n');
});

interface PageCheck {
  requests: string[];
  errors: string[];
  figures: { id: string; marks: number; caption: string; label: string; dataRows: number }[];
  simulatedPages: number;
  pdfPages: number;
  pagesWithoutHeader: number[];
  cutRows: string[];
  sections: number;
  /** How far the print layout is wider than the printed page (px). */
  overflow: number;
}

/**
 * The pages the print layout needs, by the page's own rules: every section starts a page (forced
 * break); within a section, rows, figures and paragraphs are not split (break-inside: avoid), so
 * one that does not fit in what is left of the page moves to the next one, where a table's header
 * row is repeated. Heights are measured in print emulation at the printed width; content wider than
 * the page makes Chromium shrink the whole print to fit, i.e. a page holds proportionally more.
 */
const SIMULATE = ({ H: pageHeight }: { H: number }) => {
  const H = pageHeight * Math.max(1, document.documentElement.scrollWidth / window.innerWidth);
  const sections = [...document.querySelectorAll('main > section')];
  let pages = 0;
  sections.forEach((sec, k) => {
    pages++;
    const origin = k === 0 ? 0 : sec.getBoundingClientRect().top;
    let pageStart = 0, shift = 0;
    const atoms = [...sec.querySelectorAll('h2, figure, p, pre, table.data > tbody > tr')].filter((e) => !e.closest('figure') || e.tagName === 'FIGURE');
    for (const a of atoms) {
      const r = a.getBoundingClientRect();
      if (r.height === 0) continue;
      let top = r.top - origin + shift, bottom = r.bottom - origin + shift;
      const h = bottom - top;
      if (bottom > pageStart + H + 0.5) {
        const thead = a.tagName === 'TR' ? (a.closest('table')!.querySelector('thead')!.getBoundingClientRect().height) : 0;
        if (h + thead <= H && top > pageStart) {
          pageStart += H; pages++;
          const newTop = pageStart + thead;
          shift += newTop - top; top = newTop; bottom = top + h;
        }
        while (bottom > pageStart + H + 0.5) { pageStart += H; pages++; }
      }
    }
  });
  return { pages, sections: sections.length, overflow: document.documentElement.scrollWidth - window.innerWidth };
};

async function pdfText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const tc = await (await doc.getPage(i)).getTextContent();
    pages.push(tc.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

async function check(name: string, html: string, runningHead: string, screenshot = false): Promise<PageCheck> {
  const file = path.join(ARTIFACTS, `${name}.html`);
  fs.writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  // any request other than the page itself is refused (and recorded above)
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  try {
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    if (process.env.HTML_TEST_TIMES) process.stderr.write(`${name}: load ${Date.now() - t0} ms\n`);
    if (screenshot) await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    const figures = await page.$$eval('figure.chart', (fs) => fs.map((f) => {
      const svg = f.querySelector('svg');
      return {
        id: f.id,
        marks: svg ? svg.querySelectorAll('path, rect, circle, polyline, polygon, line').length : 0,
        caption: f.querySelector('figcaption')?.textContent?.trim() ?? '',
        label: svg?.getAttribute('role') === 'img' ? svg.getAttribute('aria-label') ?? '' : '',
        dataRows: f.querySelectorAll('details tbody tr').length,
      };
    }));
    // print layout: measured at the printed width, then printed
    await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const sim = await page.evaluate(SIMULATE, { H: PRINT_HEIGHT });
    overflows.push(`${name}: ${sim.overflow}`);
    const t1 = Date.now();
    // mark the first and the last line of every body row, to find them in the PDF: out of the flow
    // (absolute, in the cell), so the layout does not move
    const rows = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'td.mk { position: relative; } span.mk { position: absolute; font-size: 5px; line-height: 5px; color: #fff; white-space: nowrap; }';
      document.head.appendChild(style);
      const trs = [...document.querySelectorAll('main table.data > tbody > tr')].filter((tr) => !tr.closest('figure'));
      trs.forEach((tr, i) => {
        const cells = tr.querySelectorAll('td');
        const first = cells[0]!, last = cells[cells.length - 1]!;
        first.classList.add('mk'); last.classList.add('mk');
        first.insertAdjacentHTML('afterbegin', `<span class="mk" style="top:0;left:0">QQ${i}AQQ</span>`);
        last.insertAdjacentHTML('beforeend', `<span class="mk" style="bottom:0;right:0">QQ${i}ZQQ</span>`);
      });
      return trs.length;
    });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const texts = (await pdfText(pdf)).map((t) => t.replace(/\s+/g, ''));
    const cutRows: string[] = [];
    for (let i = 0; i < rows; i++) {
      const a = texts.findIndex((t) => t.includes(`QQ${i}AQQ`)), z = texts.findIndex((t) => t.includes(`QQ${i}ZQQ`));
      if (a < 0 || z < 0 || a !== z) cutRows.push(`row ${i}: pages ${a + 1}/${z + 1}`);
    }
    const head = runningHead.replace(/\s+/g, '');
    const pagesWithoutHeader = texts.map((t, i) => (t.includes(head) ? -1 : i + 1)).filter((i) => i > 0);
    fs.writeFileSync(path.join(ARTIFACTS, `${name}.pdf`), pdf);
    if (process.env.HTML_TEST_TIMES) process.stderr.write(`${name}: print+pdf ${Date.now() - t1} ms\n`);
    return { requests, errors, figures, simulatedPages: sim.pages, sections: sim.sections, overflow: sim.overflow, pdfPages: texts.length, pagesWithoutHeader, cutRows };
  } finally {
    await page.close();
  }
}

function expectGood(c: PageCheck, what: string, url: string): void {
  expect(c.errors, what).toEqual([]);
  expect(c.requests, what).toEqual([url]);
  expect(c.figures.length, what).toBeGreaterThan(0);
  for (const f of c.figures) {
    expect(f.marks, `${what} ${f.id}`).toBeGreaterThan(5);
    expect(f.caption.length, `${what} ${f.id}`).toBeGreaterThan(5);
    expect(f.label.length, `${what} ${f.id}`).toBeGreaterThan(5);
    expect(f.dataRows, `${what} ${f.id}`).toBeGreaterThan(0);
  }
  // at least one page per section (forced breaks); the simulation of the layout within ± 1
  expect(c.pdfPages, what).toBeGreaterThanOrEqual(c.sections);
  expect(Math.abs(c.pdfPages - c.simulatedPages), `${what}: ${c.pdfPages} pages printed, ${c.simulatedPages} expected`).toBeLessThanOrEqual(1);
  expect(c.pagesWithoutHeader, what).toEqual([]);
  // nothing wider than the page (else Chromium shrinks the whole print, or a column is lost)
  expect(c.overflow, what).toBeLessThanOrEqual(1);
  expect(c.cutRows, what).toEqual([]);
}

const urlOf = (name: string) => pathToFileURL(path.join(ARTIFACTS, `${name}.html`)).href;
const head = (name: string, vintage = '2026.1') => `${name} · equilibre 0.1.0 · paramètres ${vintage}`;

describe('report --format html in Chromium', () => {
  it('the example: loads offline, charts drawn, prints to A4 without cut rows', async () => {
    const r = await runCli(['report', 'examples/exemple.yaml', '--format', 'html']);
    expect(r.code).toBe(0);
    const c = await check('rapport-exemple', r.stdout, head('Les Jardins du Quai (exemple)'), true);
    expectGood(c, 'exemple', urlOf('rapport-exemple'));
    expect(c.figures.map((f) => f.id)).toContain('fig-cumulative-all');
    // the screenshot of the top of the report shown in README (docs/rapport-html.png)
    // (the operating account: a cumulative cash-flow chart, its zero line and lowest point)
    const page = await context.newPage();
    await page.setViewportSize({ width: 1100, height: 1000 });
    await page.goto(`${urlOf('rapport-exemple')}#operating_account`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'rapport-html.png') });
    await page.close();
  }, 60_000);

  it('in English (--lang en): the same checks, the running header in English', async () => {
    const r = await runCli(['report', 'examples/exemple.yaml', '--format', 'html', '--lang', 'en']);
    expect(r.code).toBe(0);
    const c = await check('report-example-en', r.stdout, 'Les Jardins du Quai (exemple) · equilibre 0.1.0 · parameters 2026.1');
    expectGood(c, 'example en', urlOf('report-example-en'));
  }, 60_000);

  it('every fixture', async () => {
    // two at a time: the rendering here overlaps the browser's printing of the other
    const one = async (f: string) => {
      const t0 = Date.now();
      const r = await runCli(['report', f, '--format', 'html']);
      if (process.env.HTML_TEST_TIMES) process.stderr.write(`${f}: render ${Date.now() - t0} ms\n`);
      expect(r.code === 0 || r.code === 1, f).toBe(true);
      const name = `rapport-${path.basename(f, '.yaml')}`;
      const vintage = /paramètres ([0-9.]+)/.exec(r.stdout)![1]!;
      const opName = /@top-left \{ content: "(.*?) · equilibre/.exec(r.stdout)![1]!.replace(/\\"/g, '"');
      expectGood(await check(name, r.stdout, head(opName, vintage)), f, urlOf(name));
    };
    const queue = [...FIXTURES];
    await Promise.all([0, 1].map(async () => { for (let f = queue.shift(); f; f = queue.shift()) await one(f); }));
  }, 120_000);
});

describe('sensitivity and compare --format html in Chromium', () => {
  it('sensitivity with a grid: sweep, tornado and heat map drawn', async () => {
    const r = await runCli(['sensitivity', 'examples/exemple.yaml', '--format', 'html', '--grid', 'construction:0:20:10,livret-a:0:1:0.5']);
    expect(r.code).toBe(0);
    const c = await check('sensibilite-exemple', r.stdout, head('Les Jardins du Quai (exemple)'), true);
    expectGood(c, 'sensitivity', urlOf('sensibilite-exemple'));
    expect(c.figures.map((f) => f.id)).toEqual(['fig-sweep-construction', 'fig-tornado', 'fig-grid']);
    // the heat map has one cell per combination (3 × 3)
    expect(c.figures.find((f) => f.id === 'fig-grid')!.dataRows).toBe(3);
  }, 60_000);

  it('sensitivity of a rental-only fixture', async () => {
    const r = await runCli(['sensitivity', 'fixtures/roubaix-esperance.yaml', '--format', 'html', '--rents', '-10:10:5']);
    expect(r.code).toBe(0);
    expectGood(await check('sensibilite-roubaix', r.stdout, head('Quartier Espérance (base)')), 'sensitivity roubaix', urlOf('sensibilite-roubaix'));
  }, 60_000);

  it('compare: one chart per key indicator across scenarios', async () => {
    const r = await runCli(['compare', 'fixtures/roubaix-esperance-variants.yaml', 'examples/exemple.yaml', '--format', 'html']);
    expect(r.code).toBe(0);
    const c = await check('comparaison', r.stdout, head('Comparaison'), true);
    expectGood(c, 'compare', urlOf('comparaison'));
    expect(c.figures.map((f) => f.id)).toContain('fig-metric-operation-balance_eur');
    for (const f of c.figures) expect(f.dataRows, f.id).toBe(4); // 3 scenarios of the variants file + the example
  }, 60_000);
});
