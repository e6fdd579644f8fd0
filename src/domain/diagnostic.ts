/**
 * User-data problems are diagnostics: data, collected, rendered late (house style).
 * Exceptions are for programmer errors only.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Span {
  line: number; // 1-based
  col: number; // 1-based
  endLine?: number;
  endCol?: number;
}

export type ArgValue = string | number | boolean | readonly string[];

export interface Diagnostic {
  /** Stable UPPER_SNAKE code, documented in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  /** YAML path of the value concerned, e.g. ["lots", 2, "shab_m2"]. Empty for file-level problems. */
  path: (string | number)[];
  /** Figures and names the message needs; rendered by report/diagnostics.ts. */
  args: Record<string, ArgValue>;
  file?: string;
  span?: Span;
  /** The command-line option the problem comes from (`--set lots[0].shab_m2=abc`): shown instead of a line of the file. */
  option?: string;
  /** The text of `file` when it is not the file being run (a profile file): its source line is shown from it. */
  sourceText?: string;
}

export function diag(code: string, severity: Severity, path: (string | number)[], args: Record<string, ArgValue> = {}): Diagnostic {
  return { code, severity, path, args };
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** "lots[2].shab_m2"; a key of more than 100 characters (a hostile file's) is cut with an ellipsis. */
export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) {
    const k = typeof seg === 'string' ? clipText(seg) : seg;
    s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  }
  return s;
}

/** A text of the file echoed in a message, cut to `max` characters with an ellipsis. */
export function clipText(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
