/**
 * Box tables for the terminal. Hand-written rather than cli-table3: with word wrap, that library
 * spent about 200 ms on one report (more than the whole evaluation); this does the same layout
 * (header row, right-aligned figures, wrapped text columns, a rule before total rows) in well
 * under a millisecond.
 */

/**
 * Terminal columns taken by a string: emoji and East-Asian wide and fullwidth characters (CJK,
 * kana, Hangul, fullwidth forms: Unicode UAX #11 W/F) are wide, combining marks, variation
 * selectors and zero-width characters take none.
 */
export function displayWidth(s: string): number {
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

/** Split text into lines of at most `width` columns, at spaces when possible. */
export function wrap(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
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

export function renderBoxTable(spec: TableSpec): string {
  const n = spec.headers.length;
  const maxText = spec.maxTextWidth ?? 64, maxFig = spec.maxFigureWidth ?? 40;
  const widths: number[] = [];
  for (let c = 0; c < n; c++) {
    let w = displayWidth(spec.headers[c] ?? '');
    for (const r of spec.rows) w = Math.max(w, displayWidth(r[c] ?? ''));
    widths.push(Math.min(w, spec.align[c] === 'r' ? maxFig : maxText));
  }
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells: string[], isHeader: boolean) => {
    const wrapped = cells.map((cell, c) => wrap(cell ?? '', widths[c]!));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push('│' + wrapped.map((w, c) => ` ${pad(w[k] ?? '', widths[c]!, !isHeader ? spec.align[c] === 'r' : spec.align[c] === 'r')} `).join('│') + '│');
    }
    return out;
  };
  const out = [rule('┌', '┬', '┐'), ...line(spec.headers, true)];
  spec.rows.forEach((r, i) => {
    if (i > 0 && spec.ruleBefore?.has(i)) out.push(rule('├', '┼', '┤'));
    out.push(...line(r, false));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
