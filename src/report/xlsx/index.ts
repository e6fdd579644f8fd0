/**
 * The xlsx renderers (docs/xlsx.md), loaded only for `--format xlsx`: the build makes this module
 * and exceljs a separate file, dist/xlsx.cjs, required on first use (scripts/build.mjs), so the
 * other formats never load them.
 */
import * as ExcelJSNs from 'exceljs';
import type { Workbook } from 'exceljs';
import type { Evaluation } from '../../engine/evaluate';
import type { Lang } from '../format';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { buildReportWorkbook, type XlsxLayout } from './report';
import { buildCompareWorkbook, type CompareInput } from './compare';

export type { XlsxLayout } from './report';
export type { CompareInput } from './compare';

function newWorkbook(): Workbook {
  // exceljs is CommonJS: its namespace is the default export under some loaders.
  const ns = ((ExcelJSNs as unknown as { default?: typeof ExcelJSNs }).default ?? ExcelJSNs) as typeof ExcelJSNs;
  const wb = new ns.Workbook();
  wb.creator = `${TOOL_NAME} ${TOOL_VERSION}`;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // Ask the spreadsheet to recalculate every formula when it opens the file.
  wb.calcProperties = { fullCalcOnLoad: true };
  return wb;
}

async function toBytes(wb: Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** The report workbook; `json` is the JSON report document of the same evaluation (its value sheets are filled from it). */
export async function renderReportXlsx(ev: Evaluation, opts: { lang: Lang; json: Record<string, unknown>; poisonCache?: boolean }): Promise<{ bytes: Uint8Array; layout: XlsxLayout }> {
  const wb = newWorkbook();
  const layout = buildReportWorkbook(wb, ev, opts);
  return { bytes: await toBytes(wb), layout };
}

/** The compare workbook: a comparison sheet, then one sheet per scenario. */
export async function renderCompareXlsx(input: CompareInput): Promise<Uint8Array> {
  const wb = newWorkbook();
  buildCompareWorkbook(wb, input);
  return toBytes(wb);
}
