/**
 * A reader of the plain YAML that operation files are written in — block mappings and lists,
 * one-line plain and quoted scalars, one-line flow lists and mappings of plain scalars, folded
 * `>-` texts, comments — for a fast start (docs/performance.md, « Démarrage à froid »): the yaml
 * package lexes, parses, composes and converts a file in several passes of code that runs for
 * the first time on every start (~6 ms for an 8 KB file); this reads it in one.
 *
 * It gives the data only when it is certain to be the data the yaml package gives (YAML 1.2 core
 * schema), and gives up (undefined) on anything else: anchors, aliases, tags, merge keys, keys it
 * does not know to convert the same way, duplicate keys, multi-line plain or quoted scalars,
 * escapes, other block scalars, nested flow collections, several documents, tabs, control
 * characters, deep or large files. Then parseYaml (yaml.ts) reads the file with the yaml package,
 * which also finds and positions every problem. test/fast-yaml.test.ts compares both on every
 * YAML file of the repository and on generated files.
 */

const MAX_TEXT = 256 * 1024;
const MAX_DEPTH = 24;
/** Values read at most (far below yaml.ts's MAX_NODES, which the yaml package's reading enforces and positions). */
const MAX_VALUES = 5_000;
let values = 0;

/** Gives up: the yaml package reads the file. */
class GiveUp extends Error {}
const giveUp = (): never => { throw new GiveUp(); };

/** Keys converted to the same property name by the yaml package (a word, or a whole number without leading zero). */
const KEY = /^(?:[A-Za-z_][A-Za-z0-9_.\-]*|[1-9][0-9]{0,14})$/;
/** Words the core schema reads as a boolean or null (as keys, they would become "true", "" …), and keys a plain object treats apart. */
const SPECIAL_KEY = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|__proto__|constructor|prototype)$/;
/** The core schema's decimal integers and plain decimals (converted here: integers of 15 digits at most). */
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Other core-schema forms (octal, hexadecimal, infinities, NaN, exponents): left to the yaml package. */
const OTHER_NUMBER = /^(?:0o|0x|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE])/;
/** Characters that make a file anything but the plain YAML read here (tabs, CR, BOM, controls, NEL, line separators, U+FFFD). */
const UNUSUAL = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffd]/;

interface Line { indent: number; text: string; }

/** The data of `text`, or undefined when this reader cannot be sure to read it as the yaml package does. */
export function fastYaml(text: string): Record<string, unknown> | undefined {
  if (text.length > MAX_TEXT || UNUSUAL.test(text)) return undefined;
  values = 0;
  try {
    return new Reader(text.split('\n')).root();
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

class Reader {
  /** Index of the next line to read. */
  private i = 0;
  /** A line rewritten by a list item (`- key: v` is read as a mapping at the key's column). */
  private pending: Line | undefined;

  constructor(private readonly raw: string[]) {}

  root(): Record<string, unknown> {
    const first = this.peek();
    if (!first || first.indent !== 0 || isItem(first.text)) giveUp();
    const data = this.map(0, 0);
    if (this.peek()) giveUp();
    return data;
  }

  /** The next line that holds something (not blank, not a comment), without taking it. */
  private peek(): Line | undefined {
    if (this.pending) return this.pending;
    for (; this.i < this.raw.length; this.i++) {
      const s = this.raw[this.i]!;
      let k = 0;
      while (k < s.length && s.charCodeAt(k) === 32) k++;
      if (k === s.length || s.charCodeAt(k) === 35 /* # */) continue;
      // document markers and directives: several documents, or a %YAML line
      if (k === 0 && (s.startsWith('---') || s.startsWith('...') || s.startsWith('%'))) giveUp();
      return { indent: k, text: s.slice(k) };
    }
    return undefined;
  }

  private take(): void {
    if (this.pending) this.pending = undefined;
    else this.i++;
  }

  /** The node whose first line is at `indent`: a list or a mapping. */
  private node(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) giveUp();
    const line = this.peek()!;
    return isItem(line.text) ? this.list(indent, depth) : this.map(indent, depth);
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    if (++values > MAX_VALUES) giveUp();
    const out: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent || isItem(line.text)) giveUp();
      const m = /^([^\s:#'"[\]{},&*!|>?%@`-][^\s:]*):(?: +(.*))?$/.exec(line.text);
      if (!m) giveUp();
      const key = m![1]!;
      if (!KEY.test(key) || SPECIAL_KEY.test(key) || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      this.take();
      out[key] = this.value(m![2] ?? '', indent, depth, true);
    }
    return out;
  }

  private list(indent: number, depth: number): unknown[] {
    if (++values > MAX_VALUES) giveUp();
    const out: unknown[] = [];
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent || !isItem(line.text) || ++values > MAX_VALUES) giveUp();
      const rest = line.text.slice(1);
      const spaces = lead(rest);
      const inner = rest.slice(spaces);
      if (inner !== '' && !inner.startsWith('#') && (/^[^\s:#'"[\]{},&*!|>?%@`-][^\s:]*:(?: |$)/.test(inner) || isItem(inner))) {
        // `- key: v` (a mapping) or `- - v` (a list) at the column of its first character
        this.take();
        this.pending = { indent: indent + 1 + spaces, text: inner };
        out.push(this.node(indent + 1 + spaces, depth + 1));
        continue;
      }
      this.take();
      out.push(this.value(inner, indent, depth, false));
    }
    return out;
  }

  /**
   * The value after `key:` or `- ` (`rest`, the rest of the line), for a node at `indent`: on the
   * line itself, or the block below (more indented; a list may also sit at the key's own indent).
   */
  private value(rest: string, indent: number, depth: number, inMap: boolean): unknown {
    if (rest === '' || rest.startsWith('#')) {
      const next = this.peek();
      if (next && next.indent > indent) return this.node(next.indent, depth + 1);
      if (inMap && next && next.indent === indent && isItem(next.text)) return this.list(indent, depth + 1);
      return null;
    }
    const c = rest[0]!;
    if (c === '>' || c === '|') return inMap ? this.folded(rest, indent) : giveUp();
    let value: unknown, after: string;
    if (c === '"' || c === "'") {
      const close = c === '"' ? rest.indexOf('"', 1) : singleQuoteEnd(rest);
      if (close < 0) giveUp();
      const body = rest.slice(1, close);
      if (c === '"' && body.includes('\\')) giveUp();
      value = c === '"' ? body : body.replace(/''/g, "'");
      after = rest.slice(close + 1);
    } else if (c === '[' || c === '{') {
      const close = rest.indexOf(c === '[' ? ']' : '}');
      if (close < 0) giveUp();
      value = flow(rest.slice(1, close), c === '{');
      after = rest.slice(close + 1);
    } else {
      const hash = rest.search(/ #/);
      const text = trimSpaces(hash < 0 ? rest : rest.slice(0, hash));
      return plain(text);
    }
    // after a quoted or flow value: spaces, then nothing or a comment
    if (!/^(?: *| +#.*)$/.test(after)) giveUp();
    return value;
  }

  /** A `>-` text (folded, no final line break) whose lines share one indentation, with no blank line inside. */
  private folded(header: string, indent: number): string {
    if (!/^>-(?: *| +#.*)$/.test(header) || this.pending) giveUp();
    const lines: string[] = [];
    let width = -1;
    for (; this.i < this.raw.length; this.i++) {
      const s = this.raw[this.i]!;
      const k = lead(s);
      if (k === s.length) break;
      if (k <= indent) break;
      if (width < 0) width = k;
      if (k !== width || s.endsWith(' ')) giveUp();
      lines.push(s.slice(k));
    }
    if (lines.length === 0) giveUp();
    // a blank line inside the text (followed by more of it) changes the folding: the yaml package reads it
    if (this.i < this.raw.length && lead(this.raw[this.i]!) === this.raw[this.i]!.length) {
      let j = this.i;
      while (j < this.raw.length && lead(this.raw[j]!) === this.raw[j]!.length) j++;
      if (j < this.raw.length && lead(this.raw[j]!) > indent) giveUp();
    }
    return lines.join(' ');
  }
}

/**
 * Leading spaces, and a text without its leading and trailing spaces: only U+0020 (YAML's white
 * space here, tabs being refused), not the no-break and other spaces JavaScript's trim removes,
 * which YAML keeps in a scalar.
 */
function lead(s: string): number {
  let k = 0;
  while (k < s.length && s.charCodeAt(k) === 32) k++;
  return k;
}
function trimSpaces(s: string): string {
  let a = 0, b = s.length;
  while (a < b && s.charCodeAt(a) === 32) a++;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return s.slice(a, b);
}

/** `- x` or a lone `-`: a list item. */
function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** Index of the quote closing a single-quoted scalar (`''` is an escaped quote), or −1. */
function singleQuoteEnd(s: string): number {
  for (let k = 1; k < s.length; k++) {
    if (s[k] !== "'") continue;
    if (s[k + 1] === "'") { k++; continue; }
    return k;
  }
  return -1;
}

/** The items of a one-line flow list or mapping of plain scalars (`inner`: between the brackets). */
function flow(inner: string, isMap: boolean): unknown {
  if (/[[\]{}"'#&*!|>?%@`]/.test(inner)) giveUp();
  if (trimSpaces(inner) === '') return isMap ? {} : [];
  const items = inner.split(',').map(trimSpaces);
  if (items.some((s) => s === '')) giveUp();
  if (!isMap) return items.map((s) => (s.includes(':') ? giveUp() : plain(s)));
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const m = /^([^\s:]+): +(\S.*)$/.exec(item);
    if (!m || !KEY.test(m[1]!) || SPECIAL_KEY.test(m[1]!) || m[2]!.includes(':') || Object.prototype.hasOwnProperty.call(out, m[1]!)) giveUp();
    out[m![1]!] = plain(m![2]!);
  }
  return out;
}

/** A one-line plain scalar, resolved as the YAML 1.2 core schema does. */
function plain(s: string): unknown {
  if (++values > MAX_VALUES) giveUp();
  if (s === '') giveUp();
  // indicators that cannot start a plain scalar, and what would make it a mapping or a comment
  if (/^[-?:,[\]{}#&*!|>'"%@`](?:\s|$)|^[,[\]{}#&*!|>'"%@`]/.test(s) || s.includes(': ') || s.endsWith(':') || s.includes(' #')) giveUp();
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  // parseInt (the yaml package's) and Number agree on up to 15 digits; parseFloat and Number always
  if (INT.test(s)) return s.length <= 15 ? Number(s) : giveUp();
  if (FLOAT.test(s)) return Number(s);
  if (OTHER_NUMBER.test(s)) giveUp();
  return s;
}
