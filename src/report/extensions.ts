/**
 * Report sections contributed by the stages after cost price and financing (rents and loans,
 * sales, sensitivity). Each one renders from the same evaluation: sections for the table and
 * markdown formats, keys for the JSON document.
 */
import type { ReportExtension } from './section';
import { rentalExtension } from './rental';
import { salesExtension } from './sales';
import { sensitivityExtension } from './sensitivity';

export type { ExtensionOutput, ReportExtension } from './section';

/** In report order. */
export const reportExtensions: ReportExtension[] = [rentalExtension, salesExtension, sensitivityExtension];
