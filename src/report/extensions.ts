/**
 * Report sections contributed by the stages after cost price and financing (rents and loans,
 * sales, sensitivity). Each one renders from the same evaluation: sections for the table and
 * markdown formats, keys for the JSON document.
 */
import type { Evaluation } from '../engine/evaluate';
import type { Section } from './document';
import type { Lang } from './format';

export interface ExtensionOutput {
  sections: Section[];
  /** Read only by the formats that print JSON (an extension may build it lazily, in a getter). */
  readonly json: Record<string, unknown>;
}
export type ReportExtension = (ev: Evaluation, opts: { lang: Lang; detail: string[] }) => ExtensionOutput;

/**
 * An extension's output whose parts are built when first read: the JSON formats never read the
 * sections, the table and markdown formats never read the JSON (docs/performance.md).
 */
export function lazyOutput(sections: () => Section[], json: () => Record<string, unknown>): ExtensionOutput {
  let s: Section[] | undefined, j: Record<string, unknown> | undefined;
  return { get sections() { return (s ??= sections()); }, get json() { return (j ??= json()); } };
}
import { rentalExtension } from './rental';
import { salesExtension } from './sales';
import { sensitivityExtension } from './sensitivity';

/** In report order. */
export const reportExtensions: ReportExtension[] = [rentalExtension, salesExtension, sensitivityExtension];
