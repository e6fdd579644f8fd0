/**
 * A small glob for `check` (Node 20 has no fs.glob): `*`, `?` and `[abc]`/`[a-z]`/`[!a]` within a
 * segment, `**` across folders. A `[` without its `]` is an ordinary character. Hidden entries
 * (`.x`) match only a segment that starts with `.`; `**` skips hidden folders and node_modules.
 * Symbolic links to folders are followed the same way by `*` and `**`; a folder reached twice
 * (a link loop, or two links to one folder) is walked once under `**`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function hasMagic(p: string): boolean {
  return /[*?[]/.test(p);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One segment as a regular expression; never throws (an unusable class is taken literally). */
export function segmentRe(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      let j = i + 1;
      const neg = seg[j] === '!' || seg[j] === '^';
      if (neg) j++;
      const start = j;
      if (seg[j] === ']') j++; // a `]` first in the class is a member
      while (j < seg.length && seg[j] !== ']') j++;
      if (j >= seg.length || j === start) { re += '\\['; continue; }
      const body = seg.slice(start, j).replace(/[\\^[\]]/g, '\\$&');
      const cls = `[${neg ? '^' : ''}${body}]`;
      try { new RegExp(cls); re += cls; i = j; } catch { re += '\\['; }
    } else re += escapeRe(c);
  }
  try { return new RegExp(`^${re}$`); } catch { return new RegExp(`^${escapeRe(seg)}$`); }
}

function isDir(full: string, e: fs.Dirent): boolean {
  if (e.isDirectory()) return true;
  if (!e.isSymbolicLink()) return false;
  try { return fs.statSync(full).isDirectory(); } catch { return false; }
}

/** Expand one pattern to the sorted list of files it matches (none: empty list). */
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  const abs = path.isAbsolute(pattern);
  const parts = pattern.split(/[\\/]+/).filter((s, i) => s !== '' || i === 0);
  const out: string[] = [];
  const seen = new Set<string>(); // `**` levels already walked: real path and segment index
  const walk = (dir: string, rel: string, i: number) => {
    if (i === parts.length) {
      try { if (fs.statSync(dir).isFile()) out.push(rel); } catch { /* gone */ }
      return;
    }
    const seg = parts[i]!;
    if (seg === '') { walk(path.sep, '/', i + 1); return; }
    if (seg === '**') {
      let real: string;
      try { real = fs.realpathSync(dir); } catch { return; }
      const key = `${i}\0${real}`;
      if (seen.has(key)) return;
      seen.add(key);
      walk(dir, rel, i + 1);
      for (const e of safeReaddir(dir)) {
        const full = path.join(dir, e.name);
        if (!e.name.startsWith('.') && e.name !== 'node_modules' && isDir(full, e)) walk(full, join(rel, e.name), i);
      }
      return;
    }
    if (!hasMagic(seg)) { walk(path.join(dir, seg), join(rel, seg), i + 1); return; }
    const re = segmentRe(seg);
    for (const e of safeReaddir(dir)) if (re.test(e.name) && !(e.name.startsWith('.') && !seg.startsWith('.'))) walk(path.join(dir, e.name), join(rel, e.name), i + 1);
  };
  walk(abs ? path.sep : cwd, abs ? '' : '', 0);
  return [...new Set(out)].sort();
}

function join(rel: string, name: string): string {
  return rel === '' ? name : rel.endsWith('/') ? rel + name : `${rel}/${name}`;
}

function safeReaddir(dir: string): fs.Dirent[] {
  // Sorted: which of two paths to one folder is walked (and reported) does not depend on the disk.
  try { return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); } catch { return []; }
}
