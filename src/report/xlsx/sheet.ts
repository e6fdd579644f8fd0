/**
 * Small helpers over exceljs for the workbook renderers: cell addresses, values and formulas with
 * their cached result, number formats (stored as codes: a French spreadsheet shows `1 234,56 €`),
 * input cells, headers, widths, frozen panes and print areas.
 */
import type { Cell, Worksheet } from 'exceljs';
import type { Dec } from '../../domain/money';

/** Number format codes (the separators follow the reader's locale: `# ##0,00 €` in French). */
export const FMT = {
  eur: '#,##0.00 "€";-#,##0.00 "€"',
  eurPerM2: '#,##0.0000 "€"',
  pct2: '0.00%',
  rate: '0.0000%',
  int: '0',
  num2: '#,##0.00',
  num4: '0.0000',
  num6: '0.000000',
  m2: '#,##0.00 "m²"',
} as const;

/** Fill of the cells a user may change (inputs): pale yellow, as the LEON workbook marks them. */
const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const HEAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
const SEARCH_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } as const;

/** Column letters of a 1-based column number. */
export function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A1 address; `abs` gives $A$1. */
export function addr(row: number, column: number, abs = false): string {
  return abs ? `$${col(column)}$${row}` : `${col(column)}${row}`;
}

/** A reference to a cell of another sheet, quoted (sheet names have accents and spaces). */
export function ref(sheet: string, row: number, column: number, abs = true): string {
  return `'${sheet.replace(/'/g, "''")}'!${addr(row, column, abs)}`;
}

export type Num = Dec | number;
const num = (v: Num): number => (typeof v === 'number' ? v : v.toNumber());

/** Cached results: the engine's figure, to the cent for money. `poison` (tests) replaces them all with a wrong value. */
export interface CacheMode {
  poison: boolean;
}

export class SheetWriter {
  constructor(readonly ws: Worksheet, readonly name: string, private readonly cache: CacheMode) {}

  cell(row: number, column: number): Cell {
    return this.ws.getCell(row, column);
  }

  text(row: number, column: number, s: string, opts: { bold?: boolean; italic?: boolean; size?: number } = {}): Cell {
    const c = this.cell(row, column);
    c.value = s;
    if (opts.bold || opts.italic || opts.size) c.font = { ...(opts.bold ? { bold: true } : {}), ...(opts.italic ? { italic: true } : {}), ...(opts.size ? { size: opts.size } : {}) };
    return c;
  }

  /** A plain value (not an input): a figure of the engine or a structural term. */
  value(row: number, column: number, v: Num | string | boolean | null, fmt?: string): Cell {
    const c = this.cell(row, column);
    c.value = v === null ? null : typeof v === 'object' ? num(v) : v;
    if (fmt) c.numFmt = fmt;
    return c;
  }

  /** An input cell: a value the formulas read; marked yellow. */
  input(row: number, column: number, v: Num | string, fmt?: string): Cell {
    const c = this.value(row, column, v, fmt);
    c.fill = INPUT_FILL;
    return c;
  }

  /** A figure found by a search of the engine (not a formula): marked grey. */
  searched(row: number, column: number, v: Num | string | null, fmt?: string): Cell {
    const c = this.value(row, column, v, fmt);
    c.fill = SEARCH_FILL;
    return c;
  }

  /**
   * A formula (no leading `=`) with its cached result. Money results are rounded to the cent
   * (`dp` 2); rates keep more decimals.
   */
  formula(row: number, column: number, f: string, result: Num | string | boolean | null, fmt?: string, dp = 2): Cell {
    const c = this.cell(row, column);
    let r: number | string | boolean | undefined;
    if (this.cache.poison) r = typeof result === 'string' || typeof result === 'boolean' ? 'POISON' : -987654.32;
    else if (result === null) r = undefined;
    else if (typeof result === 'string' || typeof result === 'boolean') r = result;
    else r = typeof result === 'number' ? roundTo(result, dp) : result.toDecimalPlaces(dp).toNumber();
    c.value = r === undefined ? { formula: f, date1904: false } as never : { formula: f, result: r } as never;
    if (fmt) c.numFmt = fmt;
    return c;
  }

  header(row: number, firstCol: number, labels: string[]): void {
    labels.forEach((l, i) => {
      const c = this.text(row, firstCol + i, l, { bold: true });
      c.fill = HEAD_FILL;
      c.alignment = { wrapText: true, vertical: 'middle' };
    });
  }

  widths(ws: number[]): void {
    ws.forEach((w, i) => { this.ws.getColumn(i + 1).width = w; });
  }

  /** Freeze the rows above `row` and the columns left of `column`; A4 landscape print of the used range. */
  finish(freezeRow: number, freezeCol: number, lastCol: number): void {
    this.ws.views = [{ state: 'frozen', xSplit: freezeCol - 1, ySplit: freezeRow - 1, topLeftCell: addr(freezeRow, freezeCol), activeCell: addr(freezeRow, freezeCol) }];
    const last = Math.max(1, this.ws.rowCount);
    this.ws.pageSetup.printArea = `A1:${addr(last, lastCol)}`;
    this.ws.pageSetup.orientation = 'landscape';
    this.ws.pageSetup.paperSize = 9; // A4
    this.ws.pageSetup.fitToPage = true;
    this.ws.pageSetup.fitToWidth = 1;
    this.ws.pageSetup.fitToHeight = 0;
    if (freezeRow > 1) this.ws.pageSetup.printTitlesRow = `1:${freezeRow - 1}`;
  }
}

export function roundTo(x: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
}

/** A sheet name Excel accepts: ≤ 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '-').slice(0, 31).trim() || 'Feuille';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}
