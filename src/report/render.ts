/** Render a report document as a terminal table (no colour) or as markdown. */
import type { Block, ReportDoc } from './document';
import { renderBoxTable } from './table';
import { mdEscape } from './escape';

/** Text columns wider than this wrap, so a report stays readable at a fixed terminal width. */
const MAX_TEXT_COL = 62;

function renderTable(block: Extract<Block, { kind: 'table' }>): string {
  return renderBoxTable({ headers: block.headers, align: block.align, rows: block.rows, ruleBefore: new Set(block.totalRows ?? []), maxTextWidth: MAX_TEXT_COL, maxFigureWidth: 38 });
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

/** A fence longer than any run of backticks in the lines: file content cannot close the block. */
const fence = (lines: readonly string[]) => '`'.repeat(Math.max(3, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length + 1)))));

export function renderMarkdown(doc: ReportDoc): string {
  const out: string[] = [`# ${mdEscape(doc.title)}`, '', ...doc.subtitle.map((l) => `${mdEscape(l)}  `)];
  for (const s of doc.sections) {
    out.push('', `## ${mdEscape(s.title)}`, '');
    for (const b of s.blocks) {
      if (b.kind === 'text') {
        if (s.id === 'diagnostics') out.push(fence(b.lines), ...b.lines, fence(b.lines), '');
        else out.push(...b.lines.map((l) => `${mdEscape(l)}  `), '');
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
