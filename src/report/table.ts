/**
 * Box tables for the terminal. Hand-written rather than cli-table3: with word wrap, that library
 * spent about 200 ms on one report (more than the whole evaluation); this does the same layout
 * (header row, right-aligned figures, wrapped text columns, a rule before total rows) in well
 * under a millisecond.
 *
 * Within a width (renderBoxTable(spec, width), layoutTable): a table that fits is drawn as it is;
 * else its text columns wrap, first down to a comfortable width; else it is split into column
 * groups drawn one under the other, each repeating the label (first) column, choosing the split
 * that wraps least; only then do text columns go down to their longest word; and if not even the
 * label and one column fit, the rows are written as records. Figures are never broken.
 */

/** Strings of one-column characters only (none of the wide or zero-width ranges below, no surrogate). */
const NARROW = /^[\u0000-\u02ff\u0370-\u10ff\u1160-\u200a\u2010-\u205f\u2061-\u2704\u2706-\u274b\u274d-\u2752\u2758-\u2e7f]*$/;

/**
 * Terminal columns taken by a string: emoji and East-Asian wide and fullwidth characters (CJK,
 * kana, Hangul, fullwidth forms: Unicode UAX #11 W/F) are wide, combining marks, variation
 * selectors and zero-width characters take none.
 */
export function displayWidth(s: string): number {
  // Most text (Latin, Greek, Cyrillic, punctuation, €, arrows, box drawing) is one column per
  // code unit: a native test instead of the loop below, for every cell of every table.
  if (NARROW.test(s)) return s.length;
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
}

/**
 * The words of a text for wrapping: split at spaces, except inside a figure — between groups of
 * digits (`1 234 567`) and before its unit (`27,6 %`, `1 850 €`, `€/m²`, `m²`) — so that a
 * number is never broken across lines.
 */
function words(text: string): string[] {
  const out: string[] = [];
  for (const w of text.split(' ')) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /\d$/.test(prev) && (/^\d{3}(?!\d)/.test(w) || /^(%|€|m²|pt|ans\b|years\b)/.test(w))) out[out.length - 1] = `${prev} ${w}`;
    else out.push(w);
  }
  return out;
}

/** Split text into lines of at most `width` columns, at spaces when possible (never inside a figure). */
export function wrap(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  for (const word of words(text)) {
    let w = word;
    while (displayWidth(w) > width) {
      // a word longer than the column: cut it
      if (line) { out.push(line); line = ''; }
      let cut = '';
      for (const ch of w) { if (displayWidth(cut + ch) > width) break; cut += ch; }
      out.push(cut);
      w = w.slice(cut.length);
    }
    const candidate = line ? `${line} ${w}` : w;
    if (displayWidth(candidate) <= width) line = candidate;
    else { out.push(line); line = w; }
  }
  if (line) out.push(line);
  return out;
}

const pad = (s: string, width: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

export interface TableSpec {
  headers: string[];
  align: ('l' | 'r')[];
  rows: string[][];
  /** Rows preceded by a rule (totals). */
  ruleBefore?: ReadonlySet<number>;
  /** Widest a left-aligned (text) column may be before it wraps. */
  maxTextWidth?: number;
  maxFigureWidth?: number;
}

/** Columns a box table of these column widths takes: `│ a │ b │`. */
export const tableWidth = (widths: readonly number[]): number => 1 + widths.reduce((s, w) => s + w + 3, 0);

const longestWord = (s: string): number => Math.max(0, ...s.split(' ').map(displayWidth));

/** Narrowest a text column goes before its words are cut. */
const MIN_TEXT = 12;
/** Narrowest a text column goes before a table is split into column groups (then it may go down to MIN_TEXT). */
const COMFORT_TEXT = 24;

interface ColumnSizes {
  natural: number[];
  min: number[];
}

interface ColumnStats {
  /** Widest cell, header, longest word of any cell or the header; per column. */
  cells: number[];
  header: number[];
  words: number[];
  headerWord: number[];
}
/** Measured once per table: every layout attempt reads these instead of the cells. */
const statsCache = new WeakMap<TableSpec, ColumnStats>();
function columnStats(spec: TableSpec): ColumnStats {
  const cached = statsCache.get(spec);
  if (cached) return cached;
  const n = spec.headers.length;
  const st: ColumnStats = { cells: [], header: [], words: [], headerWord: [] };
  for (let c = 0; c < n; c++) {
    const header = spec.headers[c] ?? '';
    let cells = 0, words = 0;
    for (const r of spec.rows) {
      const cell = r[c] ?? '';
      const w = displayWidth(cell);
      if (w > cells) cells = w;
      // the longest word is at most the cell: measure words only when the cell could beat the record
      if (w > words) words = Math.max(words, cell.includes(' ') ? longestWord(cell) : w);
    }
    st.cells.push(cells);
    st.header.push(displayWidth(header));
    st.headerWord.push(longestWord(header));
    st.words.push(Math.max(words, st.headerWord[c]!));
  }
  statsCache.set(spec, st);
  return st;
}

function columnSizes(spec: TableSpec, cols: readonly number[], comfort = false): ColumnSizes {
  const maxText = spec.maxTextWidth ?? 64, maxFig = spec.maxFigureWidth ?? 40;
  const st = columnStats(spec);
  const natural: number[] = [], min: number[] = [];
  for (const c of cols) {
    const cells = st.cells[c]!, words = st.words[c]!;
    const figure = spec.align[c] === 'r';
    const nat = Math.max(1, Math.min(Math.max(cells, st.header[c]!), figure ? maxFig : maxText));
    natural.push(nat);
    // A figure is never broken (its header wraps instead); a text column wraps down to its longest word.
    const textMin = Math.max(MIN_TEXT, Math.min(words, 40), comfort ? COMFORT_TEXT : 0);
    min.push(Math.min(nat, figure ? Math.max(cells, st.headerWord[c]!) : textMin));
  }
  return { natural, min };
}

/** Widths for these columns within `width`: natural if they fit, else text columns narrowed (wrapped); null if even the narrowest do not fit. */
function fitWidths(s: ColumnSizes, width: number): number[] | null {
  if (tableWidth(s.natural) <= width) return [...s.natural];
  if (tableWidth(s.min) > width) return null;
  const widths = [...s.min];
  let spare = width - tableWidth(widths);
  // Give the room back to the columns that wanted more, a column at a time, widest need first.
  while (spare > 0) {
    let best = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! < s.natural[i]! && (best < 0 || s.natural[i]! - widths[i]! > s.natural[best]! - widths[best]!)) best = i;
    if (best < 0) break;
    widths[best]! += 1;
    spare--;
  }
  return widths;
}

export interface TableLayout {
  /** Each group: the column indexes shown together (the label column 0 first in every group). */
  groups: { cols: number[]; widths: number[] }[];
}

/**
 * Lay a table out within `width` columns: as it is when it fits; else its text columns wrapped;
 * else split into column groups that each repeat the label column (the first), so a wide table
 * becomes several narrower ones one under the other. Null: not even the label and one column fit
 * (the caller shows the rows as records).
 */
export function layoutTable(spec: TableSpec, width: number): TableLayout | null {
  const n = spec.headers.length;
  const all = [...Array(n).keys()];
  // Text columns are first narrowed only down to a comfortable width, and the table split in groups
  // rather than squeezed further; only when even that fails do they go down to their longest word.
  for (const comfort of [true, false]) {
    const whole = fitWidths(columnSizes(spec, all, comfort), width);
    if (whole) return { groups: [{ cols: all, widths: whole }] };
    const groups = n < 2 ? null : splitGroups(spec, width, comfort);
    if (groups) return { groups: balanceGroups(spec, width, comfort, groups) };
  }
  return null;
}

function splitGroups(spec: TableSpec, width: number, comfort: boolean): TableLayout['groups'] | null {
  const n = spec.headers.length;
  const groups: TableLayout['groups'] = [];
  let current: number[] = [0];
  let fitted: number[] | null = null;
  for (let c = 1; c < n; c++) {
    const tryCols = [...current, c];
    const w = fitWidths(columnSizes(spec, tryCols, comfort), width);
    if (w) { current = tryCols; fitted = w; continue; }
    if (current.length === 1) return null; // the label and this column alone do not fit
    groups.push({ cols: current, widths: fitted! });
    current = [0, c];
    fitted = fitWidths(columnSizes(spec, current, comfort), width);
    if (!fitted) return null;
  }
  if (current.length > 1) groups.push({ cols: current, widths: fitted! });
  return groups;
}

/**
 * The greedy split fills the first groups and squeezes their text; with the same number of groups,
 * pick the contiguous split that wraps least (the sum of what text columns lose to their natural
 * width), then the most even. Only small searches: beyond that the greedy split stays.
 */
function balanceGroups(spec: TableSpec, width: number, comfort: boolean, greedy: TableLayout['groups']): TableLayout['groups'] {
  const k = greedy.length, m = spec.headers.length - 1;
  if (k < 2) return greedy;
  let count = 1;
  for (let i = 0; i < k - 1; i++) count = (count * (m - 1 - i)) / (i + 1);
  if (count > 500) return greedy;
  const cost = (groups: TableLayout['groups']) => {
    let squeeze = 0;
    for (const g of groups) {
      const nat = columnSizes(spec, g.cols, comfort).natural;
      g.widths.forEach((w, i) => { squeeze += nat[i]! - w; });
    }
    const sizes = groups.map((g) => g.cols.length);
    return squeeze * 1000 + Math.max(...sizes) - Math.min(...sizes);
  };
  let best = greedy, bestCost = cost(greedy);
  const cuts: number[] = [];
  const search = (from: number, left: number) => {
    if (left === 0) {
      const bounds = [1, ...cuts, m + 1];
      const groups: TableLayout['groups'] = [];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const cols = [0, ...Array.from({ length: bounds[i + 1]! - bounds[i]! }, (_, j) => bounds[i]! + j)];
        const w = fitWidths(columnSizes(spec, cols, comfort), width);
        if (!w) return;
        groups.push({ cols, widths: w });
      }
      const c = cost(groups);
      if (c < bestCost) { best = groups; bestCost = c; }
      return;
    }
    for (let cut = from; cut <= m - left + 1; cut++) { cuts.push(cut); search(cut + 1, left - 1); cuts.pop(); }
  };
  search(2, k - 1);
  return best;
}

function renderGroup(spec: TableSpec, cols: number[], widths: number[]): string[] {
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells: string[]) => {
    const wrapped = cols.map((c, i) => wrap(cells[c] ?? '', widths[i]!));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push('│' + wrapped.map((w, i) => ` ${pad(w[k] ?? '', widths[i]!, spec.align[cols[i]!] === 'r')} `).join('│') + '│');
    }
    return out;
  };
  const out = [rule('┌', '┬', '┐'), ...line(spec.headers)];
  spec.rows.forEach((r, i) => {
    if (i > 0 && spec.ruleBefore?.has(i)) out.push(rule('├', '┼', '┤'));
    out.push(...line(r));
  });
  out.push(rule('└', '┴', '┘'));
  return out;
}

/** Rows as records, when no table fits: the label, then `header: value` lines, wrapped. */
function renderRecords(spec: TableSpec, width: number): string[] {
  const out: string[] = [];
  spec.rows.forEach((r, i) => {
    if (i > 0) out.push(spec.ruleBefore?.has(i) ? '─'.repeat(Math.min(width, 20)) : '');
    out.push(...wrap(r[0] ?? '', width));
    for (let c = 1; c < spec.headers.length; c++) {
      const v = r[c] ?? '';
      if (!v) continue;
      const head = spec.headers[c] ? `${spec.headers[c]}: ` : '';
      out.push(...wrapIndented(`  ${head}${v}`, width, 4));
    }
  });
  return out;
}

/** A line wrapped at `width`, continuation lines indented by `indent` spaces. */
export function wrapIndented(text: string, width: number, indent: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const lead = /^ */.exec(text)![0].length;
  const first = wrap(text.slice(lead), width - lead);
  const head = ' '.repeat(lead) + first[0]!;
  const restText = first.slice(1).join(' ');
  const ind = Math.min(indent, Math.max(0, width - 20));
  return restText ? [head, ...wrap(restText, width - ind).map((l) => ' '.repeat(ind) + l)] : [head];
}

/** A box table; with `width`, laid out to fit it (wrapped text, column groups, or records as a last resort). */
export function renderBoxTable(spec: TableSpec, width?: number): string {
  const n = spec.headers.length;
  if (width === undefined) {
    const s = columnSizes(spec, [...Array(n).keys()]);
    return renderGroup(spec, [...Array(n).keys()], s.natural).join('\n');
  }
  const layout = layoutTable(spec, width);
  if (!layout) return renderRecords(spec, width).join('\n');
  return layout.groups.map((g) => renderGroup(spec, g.cols, g.widths).join('\n')).join('\n');
}
