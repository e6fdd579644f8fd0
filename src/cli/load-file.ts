/** Read one operation file and run the pipeline, with `--set` overrides. */
import { parse as parseYamlValue } from 'yaml';
import { diag, type Diagnostic } from '../domain/diagnostic';
import { runText, type Override, type PipelineResult } from '../pipeline';
import { FORBIDDEN_SEGMENTS, MAX_FILE_BYTES, parseDataPath } from '../load/load';
import type { Io } from './io';
import type { ProfileReader } from '../load/profile';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { injectedFault, startingFile } from './contain';

export interface FileRun extends PipelineResult {
  file: string;
  text?: string;
}

/** `lots[0].shab_m2=120` → path ["lots", 0, "shab_m2"], value 120 (YAML scalar). */
export function parseSet(expr: string): Override | Diagnostic {
  const eq = expr.indexOf('=');
  if (eq <= 0) return diag('BAD_SET', 'error', [], { expr });
  const path = parseDataPath(expr.slice(0, eq).trim());
  if (!path) return diag('BAD_SET', 'error', [], { expr });
  if (path.some((seg) => typeof seg === 'string' && FORBIDDEN_SEGMENTS.has(seg))) return diag('BAD_SET', 'error', [], { expr, reason: 'forbidden' });
  const raw = expr.slice(eq + 1);
  let value: unknown;
  try { value = parseYamlValue(raw, { maxAliasCount: 100 }); } catch { value = raw; }
  return { path, value, expr };
}

export function runFile(io: Io, file: string, sets: readonly string[] = []): FileRun {
  startingFile(file);
  const overrides: Override[] = [];
  const setDiags: Diagnostic[] = [];
  for (const s of sets) {
    const o = parseSet(s);
    if ('code' in o) setDiags.push(o);
    else overrides.push(o);
  }
  const read = io.readFile(file);
  if ('error' in read) {
    // The file cannot be read: say so, and still report the bad --set options (all errors at once).
    const d = read.code === 'E2BIG'
      ? diag('FILE_TOO_LARGE', 'error', [], { max_mb: MAX_FILE_BYTES / 1024 / 1024 })
      : diag('FILE_NOT_FOUND', 'error', [], { reason: read.code ?? 'UNKNOWN' });
    const diagnostics = [d, ...setDiags].map((x) => ({ ...x, file }));
    const load = { source: { file, text: '', lineCounter: undefined as never }, diagnostics };
    return { file, load, diagnostics, evaluated: false };
  }
  if (setDiags.length) {
    const diagnostics = setDiags.map((d) => ({ ...d, file }));
    const load = { source: { file, text: read.text, lineCounter: undefined as never }, diagnostics };
    return { file, text: read.text, load, diagnostics, evaluated: false };
  }
  injectedFault(io, file);
  return { file, text: read.text, ...runText(file, read.text, overrides, profileReader(io)) };
}

/**
 * Reading a profile file through the program's Io (its size cap), and only a regular file: a
 * folder, a FIFO or a device named as a profile is refused before it is opened.
 */
export function profileReader(io: Io): ProfileReader {
  return (file) => {
    try {
      const st = fs.statSync(path.resolve(io.cwd, file));
      if (!st.isFile()) return { error: 'not a regular file', code: st.isDirectory() ? 'EISDIR' : 'ENOTREG' };
    } catch { /* absent from the disk: the Io says (a test's virtual file, or ENOENT) */ }
    return io.readFile(file);
  };
}
