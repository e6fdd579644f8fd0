/**
 * Draw the charts of src/report/charts as static SVG with Apache ECharts' server-side renderer
 * (no DOM, no script in the page). Loaded only for `--format html` (see load.ts).
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { BarChart as BarSpec, ChartSpec, HeatmapChart as HeatSpec, LineChart as LineSpec } from '../charts/spec';

echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, VisualMapComponent, SVGRenderer]);

/**
 * Text width without a canvas, for the layout of labels. ECharts' built-in estimate follows
 * Helvetica; the system fonts a reader may have (DejaVu Sans on Linux) are wider, and labels
 * were cut at the left edge. This errs on the wide side (widths in em, by character class).
 */
export function textWidth(text: string, font?: string): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
  let em = 0;
  for (const ch of text) {
    em += /[il.,:;'|!j]/.test(ch) ? 0.3 : /[ftrI()\[\] ]/.test(ch) ? 0.4 : /[mwMW]/.test(ch) ? 0.92 : /[A-Z]/.test(ch) ? 0.72 : /[0-9a-z€%+−-]/.test(ch) ? 0.62 : 0.66;
  }
  return em * size;
}
echarts.setPlatformAPI({ measureText: ((text: string, font?: string) => ({ width: textWidth(text, font) })) as never });

/** Colours that stay distinct in grey print too (dark, mid, light alternate). */
export const PALETTE = ['#1f4e79', '#e07b39', '#5b9a68', '#8e5ea2', '#c9a227', '#3b8bba', '#b04a5a', '#7f7f7f'];
const NEG = '#b03a2e', POS = '#2e7d4f', INK = '#222', MUTED = '#555';
// single quotes: ECharts writes the font into a double-quoted style attribute without escaping it
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const WIDTH = 760;

/**
 * An axis tick or marker label: grouped thousands, no more decimals than useful. ECharts computes
 * ticks in floating point, and this bundle stays apart from decimal.js (format.ts), so the few
 * lines of format.ts's grouping are repeated here; exact figures are in the tables, by format.ts.
 */
export function axisNumber(v: number, lang: 'fr' | 'en'): string {
  const a = Math.abs(v);
  const dp = a === 0 || a >= 100 || Number.isInteger(v) ? 0 : a >= 10 ? 1 : 2;
  let s = a.toFixed(dp);
  const [i, f] = s.split('.');
  s = i!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u202f' : ',') + (f ? (lang === 'fr' ? ',' : '.') + f : '');
  return (v < 0 && Number(a.toFixed(dp)) !== 0 ? '−' : '') + s;
}

const textStyle = { fontFamily: FONT, color: INK, fontSize: 12 };

function base(spec: ChartSpec, lang: 'fr' | 'en', showLegend: boolean) {
  return {
    animation: false,
    textStyle,
    color: PALETTE,
    legend: showLegend ? { top: 0, textStyle: { ...textStyle, fontSize: 11 }, itemWidth: 14, itemHeight: 10, itemGap: 24 } : { show: false },
    grid: { left: 8, right: 28, top: showLegend ? 40 : 16, bottom: 4, outerBoundsMode: 'same' },
    _lang: lang,
  };
}

function valueAxis(name: string, lang: 'fr' | 'en', vertical: boolean) {
  return {
    type: 'value', name, nameLocation: 'middle', nameGap: vertical ? 56 : 30,
    nameTextStyle: { ...textStyle, color: MUTED },
    axisLabel: { formatter: (v: number) => axisNumber(v, lang), color: MUTED },
    splitLine: { lineStyle: { color: '#e3e3e3' } },
    scale: false,
  };
}

function lineOption(spec: LineSpec, lang: 'fr' | 'en') {
  const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
  return {
    ...base(spec, lang, spec.series.length > 1),
    xAxis: { ...valueAxis(spec.xName, lang, false), min: Math.min(...xs), max: Math.max(...xs), splitLine: { show: false }, axisLabel: { formatter: (v: number) => axisNumber(v, lang), color: MUTED } },
    yAxis: valueAxis(spec.yName, lang, true),
    series: spec.series.map((s, k) => {
      let min: [number, number] | null = null;
      for (const [x, y] of s.points) if (y !== null && (min === null || y < min[1])) min = [x, y];
      return {
        type: 'line', name: s.name, data: s.points, showSymbol: s.points.length <= 16, symbolSize: 5,
        lineStyle: { width: s.emphasis ? 2.5 : 1.5 }, itemStyle: { color: PALETTE[k % PALETTE.length] },
        ...((spec.zeroLine || spec.markX) && k === 0 ? {
          markLine: {
            silent: true, symbol: 'none', lineStyle: { color: INK, type: 'solid', width: 1 },
            data: [
              ...(spec.zeroLine ? [{ yAxis: 0, label: { show: false } }] : []),
              ...(spec.markX ? [{ xAxis: spec.markX.x, lineStyle: { color: NEG, type: 'dashed', width: 1.5 }, label: { show: true, position: 'end', distance: 4, color: NEG, fontSize: 11, textBorderColor: '#fff', textBorderWidth: 3, formatter: spec.markX.label } }] : []),
            ],
          },
        } : {}),
        ...(spec.markMin && min ? {
          markPoint: {
            symbol: 'circle', symbolSize: 9, itemStyle: { color: min[1] < 0 ? NEG : POS, borderColor: '#fff', borderWidth: 1.5 },
            label: { show: true, position: 'top', distance: 8, color: INK, fontSize: 11, textBorderColor: '#fff', textBorderWidth: 3, formatter: () => `${spec.minLabel ?? 'min'}: ${axisNumber(min![1], lang)}${spec.minUnit ? ` ${spec.minUnit}` : ''} (${spec.minXWord ? `${spec.minXWord} ` : ''}${axisNumber(min![0], lang)})` },
            data: [{ coord: min, value: min[1] }],
          },
        } : {}),
      };
    }),
  };
}

function barOption(spec: BarSpec, lang: 'fr' | 'en') {
  const cat = { type: 'category', data: spec.categories, name: spec.xName, nameLocation: 'middle', nameGap: spec.horizontal ? 0 : 28, nameTextStyle: { ...textStyle, color: MUTED }, axisLabel: { color: INK, interval: 0, hideOverlap: false, width: spec.horizontal ? 300 : 120, overflow: 'truncate' }, axisTick: { alignWithLabel: true } };
  const val = valueAxis(spec.yName, lang, !spec.horizontal);
  const signColours = spec.series.length === 1 && spec.zeroLine;
  return {
    ...base(spec, lang, spec.series.length > 1),
    xAxis: spec.horizontal ? val : cat,
    yAxis: spec.horizontal ? { ...cat, inverse: true, name: '' } : val,
    series: spec.series.map((s, k) => ({
      type: 'bar', name: s.name, ...(s.stack ? { stack: s.stack } : {}), barMaxWidth: 48,
      itemStyle: { color: PALETTE[k % PALETTE.length] },
      data: s.values.map((v) => (signColours && v !== null ? { value: v, itemStyle: { color: v < 0 ? NEG : POS } } : v)),
      ...(spec.zeroLine && k === 0 ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: INK, type: 'solid', width: 1 }, data: [spec.horizontal ? { xAxis: 0 } : { yAxis: 0 }] } } : {}),
    })),
  };
}

function heatOption(spec: HeatSpec, lang: 'fr' | 'en') {
  const vals = spec.values.flat().filter((v): v is number => v !== null);
  const lo = vals.length ? Math.min(...vals) : 0, hi = vals.length ? Math.max(...vals) : 1;
  const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const data: [number, number, number | '-'][] = [];
  spec.values.forEach((row, i) => row.forEach((v, j) => data.push([j, i, v === null ? '-' : v])));
  return {
    animation: false, textStyle,
    grid: { left: 8, right: 28, top: 12, bottom: spec.ys.length > 8 ? 70 : 48, outerBoundsMode: 'same' },
    xAxis: { type: 'category', data: spec.ys, name: spec.xName, nameLocation: 'middle', nameGap: spec.ys.length > 8 ? 52 : 26, nameTextStyle: { ...textStyle, color: MUTED }, splitArea: { show: false }, axisLabel: { color: INK, interval: spec.ys.length > 24 ? 'auto' : 0, rotate: spec.ys.length > 8 ? 45 : 0, hideOverlap: true } },
    yAxis: { type: 'category', inverse: true, data: spec.xs, name: spec.yName, nameLocation: 'middle', nameGap: 64, nameTextStyle: { ...textStyle, color: MUTED }, axisLabel: { color: INK, interval: 0 } },
    visualMap: {
      type: 'continuous', orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 220, itemWidth: 10, calculable: false,
      min: spec.diverging ? -m : lo, max: spec.diverging ? m : hi === lo ? lo + 1 : hi,
      text: [axisNumber(spec.diverging ? m : hi, lang), axisNumber(spec.diverging ? -m : lo, lang)], textStyle: { ...textStyle, fontSize: 11 },
      inRange: { color: spec.diverging ? [NEG, '#f6e3df', '#f7f7f7', '#dcefe2', POS] : ['#eef3f8', '#1f4e79'] },
      formatter: (v: number) => axisNumber(v, lang),
    },
    // values in the cells while they fit (the data table has them all)
    series: [{ type: 'heatmap', data, label: { show: spec.ys.length <= 12 && spec.xs.length <= 24, fontSize: 10, color: INK, formatter: (p: { value: [number, number, number | '-'] }) => (p.value[2] === '-' ? '—' : axisNumber(Number(p.value[2].toFixed(spec.decimals)), lang)) }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  };
}

/** Height that keeps bars and labels readable. */
function heightOf(spec: ChartSpec): number {
  if (spec.kind === 'heatmap') return Math.max(240, 90 + 26 * spec.xs.length);
  if (spec.kind === 'bar' && spec.horizontal) return Math.max(160, 60 + 30 * spec.categories.length * Math.max(1, new Set(spec.series.map((s) => s.stack ?? s.name)).size));
  return 300;
}

/** The chart as one SVG element (no script, no external reference). */
export function chartSvg(spec: ChartSpec, lang: 'fr' | 'en'): string {
  const height = heightOf(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    const option = spec.kind === 'line' ? lineOption(spec, lang) : spec.kind === 'bar' ? barOption(spec, lang) : heatOption(spec, lang);
    delete (option as { _lang?: unknown })._lang;
    chart.setOption(option as echarts.EChartsCoreOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
