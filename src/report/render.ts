/** Render a report document as a terminal table (cli-table3, no colour) or as markdown. */
import Table from 'cli-table3';
import type { Block, ReportDoc } from './document';

/** Text columns wider than this wrap, so a report stays readable at a fixed terminal width. */
const MAX_TEXT_COL = 64;

function renderTable(block: Extract<Block, { kind: 'table' }>): string {
  const widths = block.headers.map((h, c) => {
    const natural = Math.max(h.length, ...block.rows.map((r) => (r[c] ?? '').length)) + 2;
    return Math.min(natural, block.align[c] === 'l' ? MAX_TEXT_COL : 40);
  });
  const table = new Table({
    head: block.headers,
    colWidths: widths,
    wordWrap: true,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    colAligns: block.align.map((a) => (a === 'r' ? 'right' : 'left')),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const totals = new Set(block.totalRows ?? []);
  block.rows.forEach((r, i) => {
    if (totals.has(i) && i > 0) table.push(block.headers.map(() => '') as string[]);
    table.push(r);
  });
  // blank rows used as separators before totals: replace by a thin rule
  return table.toString().split('\n').map((line) => (/^│(\s*│)+\s*$/.test(line) ? line.replace(/ /g, '─').replace(/│/g, '┼').replace(/^┼/, '├').replace(/┼$/, '┤') : line)).join('\n');
}

export function renderText(doc: ReportDoc): string {
  const out: string[] = [];
  out.push(doc.title);
  out.push('═'.repeat(Math.min(80, Math.max(10, doc.title.length))));
  out.push(...doc.subtitle);
  for (const s of doc.sections) {
    out.push('');
    out.push(s.title.toUpperCase());
    out.push('─'.repeat(Math.min(80, s.title.length)));
    for (const b of s.blocks) {
      if (b.kind === 'text') out.push(...b.lines);
      else out.push(renderTable(b));
    }
  }
  return out.join('\n') + '\n';
}

const mdEscape = (s: string) => s.replace(/\|/g, '\\|');

export function renderMarkdown(doc: ReportDoc): string {
  const out: string[] = [`# ${doc.title}`, '', ...doc.subtitle.map((l) => `${l}  `)];
  for (const s of doc.sections) {
    out.push('', `## ${s.title}`, '');
    for (const b of s.blocks) {
      if (b.kind === 'text') {
        if (s.id === 'diagnostics') out.push('```', ...b.lines, '```', '');
        else out.push(...b.lines.map((l) => `${l}  `), '');
      } else {
        const totals = new Set(b.totalRows ?? []);
        out.push(`| ${b.headers.map(mdEscape).join(' | ')} |`);
        out.push(`|${b.align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`);
        b.rows.forEach((r, i) => out.push(`| ${r.map((c) => (totals.has(i) && c ? `**${mdEscape(c)}**` : mdEscape(c))).join(' | ')} |`));
        out.push('');
      }
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
