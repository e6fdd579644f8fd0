/**
 * Run the CLI the two ways the house style asks for:
 *  - `runCli`: the real entry point `main(argv, io)` in-process, with a fake Io (NO_COLOR, not a
 *    TTY, writes captured instead of touching the disk, files read from disk unless overridden);
 *  - `runBin`: the built single-file binary spawned with `node bin/equilibre.js`, for real exit codes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main';
import { decodeUtf8, processIo, type Io } from '../../src/cli/io';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Files written through `io.writeFile`, by the path the command gave. Nothing reaches the disk. */
  written: Record<string, string>;
}

export interface CliOptions {
  /** Virtual files, by path as given on the command line (or resolved against `cwd`). Bytes are decoded like real files. */
  files?: Record<string, string | Uint8Array>;
  /** Working directory for relative paths; the repository root by default. */
  cwd?: string;
  /** Extra environment variables (NO_COLOR is always set). */
  env?: Record<string, string>;
}

export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const cwd = opts.cwd ?? ROOT;
  const real = processIo();
  const virtual = new Map<string, string | Uint8Array>();
  for (const [p, content] of Object.entries(opts.files ?? {})) virtual.set(path.resolve(cwd, p), content);
  const written: Record<string, string> = {};
  let stdout = '';
  let stderr = '';
  const abs = (file: string) => path.resolve(cwd, file);
  const io: Io = {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    readFile: (file) => {
      const p = abs(file);
      if (Object.prototype.hasOwnProperty.call(written, file)) return { text: written[file]! };
      const v = virtual.get(p);
      if (v !== undefined) return { text: typeof v === 'string' ? v : decodeUtf8(v) };
      return real.readFile(p);
    },
    writeFile: (file, text) => {
      // like the real writer: a missing folder is an error (nothing is written)
      if (!fs.existsSync(path.dirname(abs(file)))) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      written[file] = text;
    },
    exists: (file) => Object.prototype.hasOwnProperty.call(written, file) || virtual.has(abs(file)) || fs.existsSync(abs(file)),
    env: { NO_COLOR: '1', ...(opts.env ?? {}) },
    stderrIsTTY: false,
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout, stderr, written };
}

const DIST = path.join(ROOT, 'dist', 'equilibre.cjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

let built = false;
/** Build dist/equilibre.cjs once if it is missing or older than any file under src/. */
export function ensureBuilt(): void {
  if (built) return;
  // (a build from before the per-command code caches has no check cache: rebuild it too)
  const stale = !fs.existsSync(DIST) || fs.statSync(DIST).mtimeMs < newestMtime(path.join(ROOT, 'src')) || ['equilibre-check.cache', 'equilibre-report.cache', 'yaml.cache'].some((f) => !fs.existsSync(path.join(ROOT, 'dist', f)));
  if (stale) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed (${r.status}): ${r.stderr}`);
  }
  built = true;
}

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn the built binary; call `ensureBuilt()` first (in a beforeAll). */
export function runBin(args: string[], opts: { cwd?: string; input?: string } = {}): BinResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'equilibre.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', EQUILIBRE_DEBUG: '' },
    timeout: 30_000,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
