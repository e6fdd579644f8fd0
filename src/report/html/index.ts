/**
 * `--format html`: the report document (the same sections as the table and markdown formats),
 * with its charts, as ONE self-contained page: styles inline, system fonts, SVG drawn here (no
 * script, no request), a print style for A4 with a running header on each page.
 * This module and ECharts are bundled apart (dist/equilibre-html.cjs) and loaded only for this
 * format (load.ts), so that the other formats do not pay for them at start-up.
 */
import type { Block, ReportDoc, Section } from '../document';
import type { ChartSpec, ChartsBySection, PageMeta } from '../charts/spec';
import { chartSvg } from './charts';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A CSS string literal (for `content:`). */
const cssString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\n\r]/g, ' ').replace(/</g, '\\3c ').replace(/>/g, '\\3e ')}"`;

const STYLE = `
:root { --ink: #1d1d1f; --muted: #5a5a5a; --rule: #d0d4da; --band: #f4f6f9; --accent: #1f4e79; --good: #2e7d4f; --bad: #b03a2e; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
header.doc { border-bottom: 3px solid var(--accent); margin-bottom: 18px; padding-bottom: 8px; }
header.doc h1 { font-size: 1.6em; margin: 0 0 4px; color: var(--accent); }
header.doc p { margin: 0; color: var(--muted); }
nav.toc { font-size: .9em; margin: 0 0 18px; color: var(--muted); }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: .9em; white-space: nowrap; }
section { margin: 0 0 28px; }
h2 { font-size: 1.25em; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 3px; margin: 26px 0 10px; }
p.line { margin: 4px 0; }
.sub { font-weight: 600; margin-top: 12px; }
table.data { border-collapse: collapse; margin: 8px 0 12px; font-size: .88em; font-variant-numeric: tabular-nums; }
table.data th, table.data td { border-bottom: 1px solid var(--rule); padding: 3px 8px; vertical-align: top; }
table.data th { background: var(--band); text-align: left; font-weight: 600; }
table.data .r { text-align: right; white-space: nowrap; }
table.data tr.total td { font-weight: 700; border-top: 1.5px solid var(--ink); }
.scroll { overflow-x: auto; }
pre.diag { background: var(--band); padding: 10px 12px; font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; white-space: pre-wrap; }
figure.chart { margin: 10px 0 18px; padding: 0; }
figure.chart figcaption { font-weight: 600; margin-bottom: 2px; }
figure.chart figcaption span { display: block; font-weight: 400; font-size: .88em; color: var(--muted); }
figure.chart .svg svg { width: 100%; max-width: 760px; height: auto; display: block; }
figure.chart details { font-size: .85em; color: var(--muted); }
figure.chart details table.data { font-size: 1em; }
.charts { display: block; }
section.synthesis { border: 2px solid var(--accent); border-radius: 6px; padding: 4px 18px 10px; background: #f3f7fb; font-size: 1.06em; }
section.synthesis h2 { border: 0; font-size: 1.4em; margin-top: 10px; }
section.synthesis p.line:first-of-type { font-weight: 600; }
footer.doc { margin-top: 32px; font-size: .8em; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 6px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { display: none; }
  header.doc { margin-bottom: 10pt; }
  section { margin: 0; }
  section + section { break-before: page; }
  h2 { margin-top: 0; break-after: avoid; }
  p.sub { break-after: avoid; }
  table.data { font-size: 8pt; max-width: 100%; }
  table.data .r { white-space: normal; }
  table.data.wide { font-size: 7pt; }
  table.data.wide th, table.data.wide td { padding: 1.5pt 2.5pt; }
  table.data th, table.data td { padding: 1.5pt 4pt; }
  table.data thead { display: table-header-group; }
  table.data tr, figure.chart, pre.diag, p.line { break-inside: avoid; }
  .scroll { overflow: visible; }
  figure.chart details { display: none; }
  figure.chart .svg svg { max-width: 100%; max-height: 105mm; }
  section.synthesis { background: none; }
  footer.doc { display: none; }
}
`;

/** A cell's text, its figures kept on one line (`1 234 567 €` never wraps inside), so that cells may wrap. */
const cellText = (s: string): string => esc(s.replace(/(\d) (?=\d)/g, '$1\u202f').replace(/ (€|%|m²)/g, '\u00a0$1'))
  // a key's path (`assumptions.lines.major_maintenance.indexation_path_pct`) may break after each dot, else it widens the page
  .replace(/\b[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?){2,}\b/g, (k) => k.replace(/\./g, '.<wbr>'));

function tableHtml(b: Extract<Block, { kind: 'table' }>): string {
  const totals = new Set(b.totalRows ?? []);
  const cls = (c: number) => (b.align[c] === 'r' ? ' class="r"' : '');
  const head = `<thead><tr>${b.headers.map((h, c) => `<th scope="col"${cls(c)}>${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = b.rows.map((r, i) => `<tr${totals.has(i) ? ' class="total"' : ''}>${r.map((cell, c) => `<td${cls(c)}>${cellText(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table class="data${b.headers.length >= 9 ? ' wide' : ''}">${head}\n<tbody>\n${body}\n</tbody></table></div>`;
}

function blockHtml(b: Block, section: Section): string {
  if (b.kind === 'table') return tableHtml(b);
  if (section.id === 'diagnostics') return `<pre class="diag">${esc(b.lines.join('\n'))}</pre>`;
  const lines = b.lines.filter((l) => l.trim() !== '');
  // a text block of one short line before a table is the table's heading (e.g. a lot's financing plan)
  const cls = lines.length === 1 && lines[0]!.length < 90 && section.blocks[section.blocks.indexOf(b) + 1]?.kind === 'table' ? 'line sub' : 'line';
  return lines.map((l) => `<p class="${cls}">${esc(l)}</p>`).join('\n');
}

function figureHtml(spec: ChartSpec, lang: 'fr' | 'en'): string {
  const label = `${spec.title}. ${spec.summary}`;
  // ECharts numbers its SVG ids by instance (zr12-…): named after the chart instead, so the page is
  // the same from one run to the next and its ids stay unique
  const seen = new Map<string, number>();
  const svg = chartSvg(spec, lang)
    .replace(/\bzr\d+-/g, `${spec.id}-`)
    .replace(/-cls-(\d+)\b/g, (_, n: string) => `-cls-${seen.get(n) ?? (seen.set(n, seen.size), seen.size - 1)}`)
    .replace(/^<svg /, `<svg role="img" aria-label="${esc(label)}" `);
  const t = lang === 'fr' ? 'Données du graphique' : 'Chart data';
  const table = tableHtml({ kind: 'table', headers: spec.table.headers, align: spec.table.headers.map((_, i) => (i === 0 ? 'l' : 'r')), rows: spec.table.rows });
  return `<figure class="chart" id="fig-${esc(spec.id)}" data-kind="${spec.kind}">
<figcaption>${esc(spec.title)}<span>${esc(spec.summary)}</span></figcaption>
<div class="svg">${svg}</div>
<details><summary>${t}</summary>${table}</details>
</figure>`;
}

export interface HtmlInput {
  doc: ReportDoc;
  charts: ChartsBySection;
  meta: PageMeta;
}

export function renderHtml({ doc, charts, meta }: HtmlInput): string {
  const lang = meta.lang;
  const runningHead = `${meta.name} · ${meta.tool} · ${lang === 'fr' ? 'paramètres' : 'parameters'} ${meta.vintage}`;
  const pageStyle = `@page { size: A4; margin: 16mm 13mm 14mm;
  @top-left { content: ${cssString(runningHead)}; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #555; }
}`;
  const sections = doc.sections.map((s) => {
    const figs = (charts[s.id] ?? []).map((c) => figureHtml(c, lang)).join('\n');
    const body = s.blocks.map((b) => blockHtml(b, s)).join('\n');
    return `<section id="${esc(s.id)}" class="${esc(s.id)}">
<h2>${esc(s.title)}</h2>
${figs ? `<div class="charts">\n${figs}\n</div>\n` : ''}${body}
</section>`;
  }).join('\n');
  const toc = doc.sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.title)}</a>`).join(' ');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(meta.tool)}">
<title>${esc(doc.title)}</title>
<style>${STYLE}
${pageStyle}
</style>
</head>
<body>
<header class="doc">
<h1>${esc(doc.title)}</h1>
${doc.subtitle.map((l) => `<p>${esc(l)}</p>`).join('\n')}
</header>
<nav class="toc" aria-label="${lang === 'fr' ? 'Sommaire' : 'Contents'}">${toc}</nav>
<main>
${sections}
</main>
<footer class="doc">${esc(runningHead)}</footer>
</body>
</html>
`;
}
