/** Render a report document as a terminal table (no colour) or as markdown. */
import type { Block, ReportDoc } from './document';
import { displayWidth, renderBoxTable, wrap, wrapIndented } from './table';
import { mdEscape } from './escape';

/** Text columns wider than this wrap, so a report stays readable at a fixed terminal width. */
const MAX_TEXT_COL = 62;

/** Width of a text rendering when none is given (not a terminal: a file, a pipe, a test). */
export const DEFAULT_WIDTH = 100;
/** Narrowest width accepted by `--width`. */
export const MIN_WIDTH = 60;

export interface TextOptions {
  /** No line of the output is wider than this (terminal columns, see displayWidth). Default 100. */
  width?: number;
}

function renderTable(block: Extract<Block, { kind: 'table' }>, width: number): string {
  return renderBoxTable({ headers: block.headers, align: block.align, rows: block.rows, ruleBefore: new Set(block.totalRows ?? []), maxTextWidth: MAX_TEXT_COL, maxFigureWidth: 38 }, width);
}

/** A line cut at `width` columns, `…` marking the cut. */
function truncate(line: string, width: number): string {
  let out = '';
  for (const ch of line) {
    if (displayWidth(out + ch) > width - 1) return out + '…';
    out += ch;
  }
  return out;
}

/**
 * Lines of text wrapped at `width` (an indented line keeps its indent, and its continuation lines
 * get two more). A source line quoted by a diagnostic (`  12 |   key: value`) and its caret line
 * are cut instead, so that the caret stays under its column.
 */
export function wrapLines(lines: readonly string[], width: number): string[] {
  const all = lines.flatMap((x) => x.split('\n'));
  // a quoted source line too wide, followed by its caret: shift both left so the caret shows
  for (let i = 0; i + 1 < all.length; i++) {
    const src = /^( +\d+ \| )(.*)$/.exec(all[i]!), caret = /^( +\| )( *)(\^+)$/.exec(all[i + 1]!);
    if (!src || !caret || caret[1]!.length !== src[1]!.length || displayWidth(all[i + 1]!) <= width - 1) continue;
    const shift = Math.max(0, caret[2]!.length - 10);
    all[i] = `${src[1]}…${[...src[2]!].slice(shift + 1).join('')}`;
    all[i + 1] = `${caret[1]}${' '.repeat(caret[2]!.length - shift)}${caret[3]}`;
  }
  return all.flatMap((l) => {
    if (/^ +\d* \| /.test(l) && displayWidth(l) > width) return [truncate(l, width)];
    const lead = /^ */.exec(l)![0].length;
    return wrapIndented(l, width, lead + 2);
  });
}

/** A rule under a title: as long as the title's longest line, within the width. */
const underline = (ch: string, lines: string[], width: number, min = 0) => ch.repeat(Math.min(width, Math.max(min, ...lines.map(displayWidth))));

/**
 * The terminal rendering. Width is a property of the renderer: every title, text line and table of
 * any section fits `opts.width` (tables too wide are wrapped, then split into column groups that
 * repeat their label column), so a section added later needs no work of its own to fit.
 */
export function renderText(doc: ReportDoc, opts: TextOptions = {}): string {
  const width = opts.width ?? DEFAULT_WIDTH;
  const out: string[] = [];
  const title = wrap(doc.title, width);
  out.push(...title);
  out.push(underline('═', title, Math.min(80, width), 10));
  out.push(...wrapLines(doc.subtitle, width));
  for (const s of doc.sections) {
    out.push('');
    const st = wrap(s.title.toUpperCase(), width);
    out.push(...st);
    out.push(underline('─', st, Math.min(80, width)));
    for (const b of s.blocks) {
      if (b.kind === 'text') out.push(...wrapLines(b.lines, width));
      else out.push(renderTable(b, width));
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
