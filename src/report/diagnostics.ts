/** The standard diagnostic text form (hledger / rustc style):
 *
 *   error[UNKNOWN_KEY]: op.yaml:12:5: lots[0].shabm2
 *      12 |     shabm2: 120
 *         |     ^^^^^^
 *   clé inconnue « shabm2 »; vouliez-vous dire « shab_m2 » ?
 *   hint: clés admises ici: …
 */
import { formatPath, type Diagnostic } from '../domain/diagnostic';
import type { Lang } from './format';
import { message } from './messages';
import { escapeControls, escapeInline } from './escape';

/**
 * Text from the file (a key, a name, a value quoted in the message, the file name) stays on its
 * line and cannot drive the terminal: newlines, tabs and control characters are shown escaped.
 */
function inlineArgs(args: Diagnostic['args']): Diagnostic['args'] {
  const out: Diagnostic['args'] = {};
  // `detail` is our own sentence (or commander's), which may span lines.
  for (const [k, v] of Object.entries(args)) out[k] = typeof v === 'string' ? (k === 'detail' ? escapeControls(v) : escapeInline(v)) : Array.isArray(v) ? v.map((x) => escapeInline(String(x))) : v;
  return out;
}

const SEVERITY: Record<Lang, Record<string, string>> = {
  fr: { error: 'erreur', warning: 'avertissement', info: 'info' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

/** The lines of the last source text rendered: a file with many diagnostics is split once, not once per diagnostic. */
let lastSource: { text: string; lines: string[] } | undefined;
function sourceLines(text: string): string[] {
  if (lastSource?.text !== text) lastSource = { text, lines: text.split('\n') };
  return lastSource.lines;
}

export function renderDiagnostic(d: Diagnostic, lang: Lang, runText?: string): string {
  // a problem of another file (a profile) carries that file's text
  const sourceText = d.sourceText ?? runText;
  const where = d.file ? `${escapeInline(d.file)}${d.span ? `:${d.span.line}:${d.span.col}` : ''}` : '';
  // a value set on the command line: the option, not a line of the file (`op.yaml: --set lots[0].shab_m2=abc`)
  const located0 = d.option ? [where, escapeInline(d.option)].filter(Boolean).join(': ') : where;
  const path = d.path.length ? escapeInline(formatPath(d.path)) : '';
  const m = message(d.code, inlineArgs(d.args), lang);
  const located = [located0, path].filter(Boolean).join(': ');
  // Nothing to locate (command line, CLI usage): the sentence goes on the head line.
  const head = `${SEVERITY[lang][d.severity]}[${d.code}]: ${located || m.text}`;
  const out = [head];
  if (sourceText !== undefined && d.span) {
    const lines = sourceLines(sourceText);
    const src = lines[d.span.line - 1]?.replace(/\r$/, '');
    if (src !== undefined) {
      const shown = src.length > 160 ? src.slice(0, 160) + '…' : src;
      const num = String(d.span.line);
      const width = d.span.endLine === d.span.line && d.span.endCol ? Math.max(1, Math.min(d.span.endCol - d.span.col, shown.length - d.span.col + 1)) : 1;
      out.push(`${' '.repeat(2)}${num} | ${shown.replace(/\t/g, ' ')}`);
      // a column past the shown part of a long line (a 10 MB one-line file): the caret under its end, not 10 M spaces
      out.push(`${' '.repeat(2 + num.length)} | ${' '.repeat(Math.max(0, Math.min(d.span.col - 1, shown.length)))}${'^'.repeat(width)}`);
    }
  }
  if (located) out.push(m.text);
  if (m.hint) out.push(`${lang === 'fr' ? 'aide' : 'hint'}: ${m.hint}`);
  return out.join('\n');
}

export function diagnosticJson(d: Diagnostic, lang: Lang): Record<string, unknown> {
  const m = message(d.code, d.args, lang);
  return {
    code: d.code, severity: d.severity, file: d.file ?? null,
    line: d.span?.line ?? null, col: d.span?.col ?? null, ...(d.option ? { option: d.option } : {}),
    path: formatPath(d.path), message: m.text, hint: m.hint ?? null, args: d.args,
  };
}
