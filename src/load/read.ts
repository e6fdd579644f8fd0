/**
 * Reading an input file with a hard cap: at most `max + 1` bytes are read from anything (a regular
 * file, a pipe, a FIFO, a character device such as /dev/zero), whatever `stat()` says (its size is
 * 0 for a device or a pipe). One more byte than the cap tells "too large" from "exactly the cap".
 */
import * as fs from 'node:fs';

export type ReadResult = { bytes: Buffer } | { error: string; code?: string };

export function readCapped(file: string, max: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    if (fs.fstatSync(fd).isDirectory()) return { error: 'is a directory', code: 'EISDIR' };
    const buf = Buffer.allocUnsafe(Math.min(max + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, Math.min(buf.length, max + 1 - total), null);
      } catch (e) {
        // a non-blocking descriptor with nothing yet (a pipe): wait a little and read again
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); continue; }
        throw e;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      if (total > max) return { error: 'too large', code: 'E2BIG' };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.message, ...(err.code ? { code: err.code } : {}) };
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already closed */ }
  }
}
