/**
 * Charts of the HTML report as plain data: numbers taken from the evaluation (never parsed back
 * from formatted text), labels already translated, and the table a reader without the picture
 * reads instead (accessibility). No charting library here: src/report/html draws them, and is
 * loaded only for `--format html`.
 */

/** Table equivalent of a chart: cells already formatted by format.ts. */
export interface ChartTable {
  headers: string[];
  rows: string[][];
}

interface ChartBase {
  /** Stable id, unique in the page (used for the figure's id). */
  id: string;
  title: string;
  /** Axis names, with their unit (e.g. « Cumul (k€) »). */
  xName: string;
  yName: string;
  /** One sentence saying what the chart shows (read by screen readers with the title). */
  summary: string;
  table: ChartTable;
}

/** Lines over a numeric x axis (years, lever steps). */
export interface LineChart extends ChartBase {
  kind: 'line';
  series: { name: string; points: [number, number | null][]; emphasis?: boolean }[];
  /** Draw the y = 0 line. */
  zeroLine?: boolean;
  /** Mark the lowest point of each series. */
  markMin?: boolean;
  /** Label of the lowest-point marker (« au plus bas »), the y unit and the x word it shows (« −178 k€ (an 19) »). */
  minLabel?: string;
  minUnit?: string;
  minXWord?: string;
  /** A vertical line at x (e.g. the break-even point of a sweep), with its label. */
  markX?: { x: number; label: string };
}

/** Bars over categories; series with the same `stack` pile up. */
export interface BarChart extends ChartBase {
  kind: 'bar';
  categories: string[];
  series: { name: string; values: (number | null)[]; stack?: string }[];
  horizontal?: boolean;
  zeroLine?: boolean;
}

/** Heat map: values[i][j] at (xs[i], ys[j]). */
export interface HeatmapChart extends ChartBase {
  kind: 'heatmap';
  xs: string[];
  ys: string[];
  values: (number | null)[][];
  /** Value decimals shown in the cells. */
  decimals: number;
  /** Colour scale centred on zero (negative red, positive green). */
  diverging: boolean;
}

export type ChartSpec = LineChart | BarChart | HeatmapChart;

/** Charts of a document, by the id of the section they belong to (drawn at the top of it). */
export type ChartsBySection = Record<string, ChartSpec[]>;

/** What the running header of each printed page says. */
export interface PageMeta {
  lang: 'fr' | 'en';
  /** Operation (or comparison) name. */
  name: string;
  tool: string;
  /** Parameter vintage(s). */
  vintage: string;
}
