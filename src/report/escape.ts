/**
 * Text from an operation file (names, labels, sources, assertion messages, unknown keys) must not
 * drive the terminal nor break the formats it is written in.
 */

/**
 * Control characters made visible: C0 controls except tab and newline, DEL, C1 controls, and the
 * bidirectional overrides and isolates (which can reorder what a terminal shows), as `\u001b`.
 * Applied to everything the CLI writes (main.ts): in JSON, where such characters can only stand
 * inside strings, `\u001b` is the same JSON value; in XML and Markdown it is plain text.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function escapeControls(s: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s) ? s.replace(CONTROL, hex) : s;
}

/** The same for text that must stay on one line (a cell, a name in a message): newlines and tabs too. */
export function escapeInline(s: string): string {
  return escapeControls(s).replace(/[\n\t]/g, hex);
}

/**
 * XML 1.0 character data or attribute value: the five special characters, tab/newline/CR as
 * character references in attributes, and the characters XML 1.0 forbids (C0 controls other than
 * tab, newline, CR; U+FFFE, U+FFFF; lone surrogates) replaced by a visible `\u0001` escape.
 */
export function xmlEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, hex)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** XML element text: as xmlEscape, but newlines and tabs stay (a message keeps its lines). */
export function xmlText(s: string): string {
  return xmlEscape(s).replace(/&#9;/g, '\t').replace(/&#10;/g, '\n');
}

/**
 * Markdown inline text or table cell: `|` (cell separator), newlines (a row is one line), HTML
 * (`<`, `>`), link and image syntax (`[`, `]`), backslashes, and backticks are neutralised; the
 * rendering shows the same characters.
 */
export function mdEscape(s: string): string {
  return escapeControls(s)
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/[|[\]`]/g, '\\$&')
    .replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
