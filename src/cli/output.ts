/**
 * Writing where the user asked (-o, --junit, init FILE, standard output), safely:
 *  - a regular file (or a path that does not exist yet) is replaced atomically: a temporary file
 *    with a random name beside the target, created exclusively (`wx`, never following a planted
 *    link), with the target's mode (0644 for a new file), written in full, then renamed over it;
 *  - a symbolic link is followed: its target is replaced atomically and the link stays;
 *  - anything else that exists (a device such as /dev/null, a FIFO, a socket, /dev/stdout…) is
 *    written directly, never renamed over;
 *  - a temporary file is removed on error, on exit and on SIGINT/SIGTERM/SIGHUP;
 *  - every write handles short writes and EAGAIN; an error is an OutputError (OUTPUT_NOT_WRITABLE).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file asked for with -o, --junit or `init`, or the standard output, that cannot be written: the user's path, not our defect. */
export class OutputError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`cannot write ${file}: ${reason}`);
  }
}

/** An output path that is one of the input files (same file by device and inode). */
export class OutputIsInputError extends Error {
  constructor(readonly file: string, readonly input: string, readonly option: string) {
    super(`${file} is the input ${input}`);
  }
}

/** A progressive writer: `commit()` publishes what was written, `abort()` leaves the target untouched. */
export interface OutputWriter {
  /** Text, or bytes (an xlsx workbook). */
  write: (s: string | Uint8Array) => void;
  commit: () => void;
  abort: () => void;
}

// ---------------------------------------------------------------------------------------------
// Temporary files still on disk, removed however the process ends.

const pending = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
let installed = false;

function removePending(): void {
  for (const t of pending) { try { fs.unlinkSync(t); } catch { /* already gone */ } }
  pending.clear();
}
function onSignal(sig: NodeJS.Signals): void {
  removePending();
  process.exit(SIGNAL_EXIT[sig] ?? 1);
}
function track(tmp: string): void {
  pending.add(tmp);
  if (!installed) {
    installed = true;
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on('exit', removePending);
  }
}
function untrack(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0 && installed) {
    installed = false;
    // Back to the default behaviour of a signal (end the process) once nothing is to clean up.
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', removePending);
  }
}

/** Temporary files currently open (tests). */
export function pendingTemporaryFiles(): string[] {
  return [...pending];
}

// ---------------------------------------------------------------------------------------------

const sleepBuf = new Int32Array(new SharedArrayBuffer(4));
/** Write all of `buf` to `fd`: a short write continues, EAGAIN (a non-blocking pipe or terminal) waits and retries. */
export function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  let waits = 0;
  while (off < buf.length) {
    try {
      const n = fs.writeSync(fd, buf, off, buf.length - off);
      if (n === 0) throw Object.assign(new Error('write returned 0'), { code: 'EIO' });
      off += n;
      waits = 0;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || ++waits > 60_000) throw e;
      Atomics.wait(sleepBuf, 0, 0, 1);
    }
  }
}

/** 16 random hex digits (Web Crypto, loaded only when a file is written: start-up stays light). */
function randomHex(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'EIO';

function fail(file: string, e: unknown): never {
  throw e instanceof OutputError ? e : new OutputError(file, code(e));
}

/** `/dev/…` and `/proc/…` paths (/dev/stdout, /dev/fd/3, /proc/self/fd/1): written in place, never replaced. */
function isSystemPath(abs: string): boolean {
  return /^\/(dev|proc)\//.test(abs);
}

/** Follow symbolic links (also dangling ones, whose target will be created) to the path to replace. */
export function resolveTarget(file: string): string {
  let p = path.resolve(file);
  for (let i = 0; i < 40; i++) {
    let st: fs.Stats;
    try { st = fs.lstatSync(p); } catch { return p; }
    if (!st.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
}

function statOrNull(p: string): fs.Stats | null {
  try { return fs.statSync(p); } catch (e) { if (code(e) === 'ENOENT') return null; throw e; }
}

function directWriter(file: string, target: string): OutputWriter {
  let fd: number;
  try { fd = fs.openSync(target, 'w'); } catch (e) { fail(file, e); }
  let open = true;
  const close = () => { if (open) { open = false; try { fs.closeSync(fd); } catch { /* closed */ } } };
  return {
    write: (s) => { try { writeAll(fd, Buffer.from(s)); } catch (e) { close(); fail(file, e); } },
    commit: () => close(),
    abort: () => close(),
  };
}

function atomicWriter(file: string, target: string, st: fs.Stats | null): OutputWriter {
  const dir = path.dirname(target);
  const mode = st ? st.mode & 0o7777 : 0o644;
  let fd = -1;
  let tmp = '';
  for (let attempt = 0; fd < 0; attempt++) {
    tmp = path.join(dir, `.${path.basename(target)}.${randomHex()}.tmp`);
    try {
      fd = fs.openSync(tmp, 'wx', mode);
    } catch (e) {
      if (code(e) === 'EEXIST' && attempt < 5) continue;
      fail(file, e);
    }
  }
  track(tmp);
  let done = false;
  const abort = () => {
    if (done) return;
    done = true;
    try { fs.closeSync(fd); } catch { /* closed */ }
    try { fs.unlinkSync(tmp); } catch { /* gone */ }
    untrack(tmp);
  };
  try { if (st) fs.fchmodSync(fd, mode); } catch { /* keep the umask's mode */ }
  return {
    write: (s) => { try { writeAll(fd, Buffer.from(s)); } catch (e) { abort(); fail(file, e); } },
    commit: () => {
      if (done) return;
      try {
        fs.closeSync(fd);
        fs.renameSync(tmp, target);
      } catch (e) {
        try { fs.unlinkSync(tmp); } catch { /* gone */ }
        done = true;
        untrack(tmp);
        fail(file, e);
      }
      done = true;
      untrack(tmp);
    },
    abort,
  };
}

/** /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the descriptor itself (opening it again fails for a socket). */
function ownDescriptor(abs: string): number | null {
  const m = /^\/dev\/(stdout|stderr)$/.exec(abs) ?? /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(abs);
  if (!m) return null;
  return m[1] === 'stdout' ? 1 : m[1] === 'stderr' ? 2 : Number(m[1]);
}

function descriptorWriter(file: string, fd: number): OutputWriter {
  return {
    write: (s) => { try { writeAll(fd, Buffer.from(s)); } catch (e) { fail(file, e); } },
    commit: () => {},
    abort: () => {},
  };
}

/** Open `file` for writing as described at the top of this module. Errors are OutputErrors. */
export function openOutput(file: string): OutputWriter {
  try {
    const abs = path.resolve(file);
    const fd = ownDescriptor(abs);
    if (fd !== null) return descriptorWriter(file, fd);
    const st = statOrNull(abs);
    if (st?.isDirectory()) throw new OutputError(file, 'EISDIR');
    if (isSystemPath(abs) || (st && !st.isFile())) return directWriter(file, abs);
    const target = resolveTarget(abs);
    return atomicWriter(file, target, st);
  } catch (e) {
    fail(file, e);
  }
}

/** Write a whole file (openOutput, write, commit). */
export function writeFileSafely(file: string, text: string | Uint8Array): void {
  const w = openOutput(file);
  try { w.write(text); } catch (e) { w.abort(); throw e; }
  w.commit();
}

/** Bytes (an xlsx workbook), written exactly as text is: links followed, devices in place, atomic otherwise. */
export const writeBytesSafely: (file: string, bytes: Uint8Array) => void = writeFileSafely;

/** Are these two paths the same existing file (device and inode, through links)? */
export function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a), sb = fs.statSync(b);
    if (!sa.isFile() || !sb.isFile()) return false;
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * The output paths of a run (`-o`, `--junit`) must not be one of its inputs: writing the report
 * over the operation file would destroy it. Throws OutputIsInputError.
 */
export function refuseOutputOverInput(cwd: string, inputs: readonly string[], outputs: readonly [string, string | undefined][]): void {
  for (const [option, out] of outputs) {
    if (!out) continue;
    const o = path.resolve(cwd, out);
    for (const i of inputs) if (sameFile(o, path.resolve(cwd, i))) throw new OutputIsInputError(out, i, option);
  }
}
