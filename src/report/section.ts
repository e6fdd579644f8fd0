/**
 * The neutral document every renderer reads (sections of tables and lines of text), the
 * fr/en translator, and what a report extension contributes. The pieces of the report
 * (document.ts, synthesis.ts, rental.ts, sales.ts, sensitivity.ts, extensions.ts) all import
 * these from here, so that none of them needs another to exist first.
 */
import type { Evaluation } from '../engine/evaluate';
import type { Lang } from './format';

export interface TableBlock {
  kind: 'table';
  headers: string[];
  align: ('l' | 'r')[];
  rows: string[][];
  /** Indexes of rows that are totals (rendered with emphasis). */
  totalRows?: number[];
}
export interface TextBlock {
  kind: 'text';
  lines: string[];
}
export type Block = TableBlock | TextBlock;
export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}
export interface ReportDoc {
  title: string;
  subtitle: string[];
  sections: Section[];
}

export type Tr = (fr: string, en: string) => string;
export const translator = (lang: Lang): Tr => (fr, en) => (lang === 'fr' ? fr : en);

/** What a stage after cost price and financing adds to the report: sections, and keys of the JSON document. */
export interface ExtensionOutput {
  readonly sections: Section[];
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
