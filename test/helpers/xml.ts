/**
 * A small XML 1.0 well-formedness check for the JUnit reports (no dependency): the characters XML
 * 1.0 allows (§2.2 Char), a single root, tags properly nested, attributes quoted and unique,
 * `<` never in an attribute value, every `&` a known entity or a character reference of an allowed
 * character. Returns null when well-formed, else what is wrong. Enough for what `check --junit`
 * writes (no DTD, CDATA, comments or processing instructions other than the declaration).
 */
const NAME = /^[A-Za-z_:][-A-Za-z0-9._:]*$/;

function charOk(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function checkRefs(s: string, where: string): string | null {
  for (const m of s.matchAll(/&([^;]*);?/g)) {
    const body = m[1]!;
    if (!m[0].endsWith(';')) return `${where}: bare &`;
    if (['amp', 'lt', 'gt', 'quot', 'apos'].includes(body)) continue;
    const num = /^#x([0-9a-fA-F]+)$/.exec(body) ?? /^#([0-9]+)$/.exec(body);
    if (!num) return `${where}: unknown entity &${body};`;
    const cp = body.startsWith('#x') ? parseInt(num[1]!, 16) : parseInt(num[1]!, 10);
    if (!charOk(cp)) return `${where}: reference to a forbidden character &${body};`;
  }
  return null;
}

export function xmlWellFormedError(xml: string): string | null {
  for (const ch of xml) {
    const cp = ch.codePointAt(0)!;
    if (!charOk(cp)) return `forbidden character U+${cp.toString(16).padStart(4, '0')}`;
  }
  const s = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  let pos = 0;
  while (pos < s.length) {
    const lt = s.indexOf('<', pos);
    const text = lt < 0 ? s.slice(pos) : s.slice(pos, lt);
    if (text.includes('>') && /\]\]>/.test(text)) return 'text contains ]]>';
    const e = checkRefs(text, 'text');
    if (e) return e;
    if (stack.length === 0 && text.trim() !== '') return 'text outside the root element';
    if (lt < 0) break;
    const gt = s.indexOf('>', lt);
    if (gt < 0) return 'unclosed tag';
    const tag = s.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) return `mismatched </${name}>`;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([^\s]+)([\s\S]*)$/.exec(body);
    if (!m || !NAME.test(m[1]!)) return `bad tag name in <${tag.slice(0, 40)}>`;
    let rest = m[2]!;
    const seen = new Set<string>();
    while (rest.trim() !== '') {
      const a = /^\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
      if (!a) return `bad attribute in <${m[1]}>: ${rest.slice(0, 40)}`;
      if (!NAME.test(a[1]!)) return `bad attribute name ${a[1]}`;
      if (seen.has(a[1]!)) return `duplicate attribute ${a[1]}`;
      seen.add(a[1]!);
      const value = a[3] ?? a[4] ?? '';
      if (value.includes('<')) return `< in attribute ${a[1]}`;
      const re = checkRefs(value, `attribute ${a[1]}`);
      if (re) return re;
      rest = rest.slice(a[0].length);
    }
    if (stack.length === 0) roots++;
    if (roots > 1) return 'more than one root element';
    if (!selfClosing) stack.push(m[1]!);
  }
  if (stack.length) return `unclosed <${stack[stack.length - 1]}>`;
  if (roots !== 1) return 'no root element';
  return null;
}
