/** A small glob for `check` (Node 20 has no fs.glob): `*`, `?` within a segment, `**` across folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function hasMagic(p: string): boolean {
  return /[*?[]/.test(p);
}

function segmentRe(seg: string): RegExp {
  const re = seg.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${re}$`);
}

/** Expand one pattern to the sorted list of files it matches (none: empty list). */
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  const abs = path.isAbsolute(pattern);
  const parts = pattern.split(/[\\/]+/).filter((s, i) => s !== '' || i === 0);
  const out: string[] = [];
  const walk = (dir: string, rel: string, i: number) => {
    if (i === parts.length) {
      try { if (fs.statSync(dir).isFile()) out.push(rel); } catch { /* gone */ }
      return;
    }
    const seg = parts[i]!;
    if (seg === '') { walk(path.sep, '/', i + 1); return; }
    if (seg === '**') {
      walk(dir, rel, i + 1);
      for (const e of safeReaddir(dir)) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') walk(path.join(dir, e.name), join(rel, e.name), i);
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
  try { return fs.readdirSync(dir, { withFileTypes: true }); } catch { return []; }
}
