/** The process, injected: tests run the real entry point in-process with a fake IO. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (file: string) => { text: string } | { error: string; code?: string };
  /** Write atomically: a temp file beside the target, then rename. */
  writeFile: (file: string, text: string) => void;
  exists: (file: string) => boolean;
  env: Record<string, string | undefined>;
  stderrIsTTY: boolean;
  cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_ERROR = 2;

const MAX_READ = 10 * 1024 * 1024;

export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: (file) => {
      try {
        const st = fs.statSync(file);
        if (st.isDirectory()) return { error: 'is a directory', code: 'EISDIR' };
        if (st.size > MAX_READ) return { text: '\0'.repeat(0), error: 'too large', code: 'E2BIG' };
        const buf = fs.readFileSync(file);
        return { text: decodeUtf8(buf) };
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        return { error: err.code === 'ENOENT' ? 'no such file' : err.message, ...(err.code ? { code: err.code } : {}) };
      }
    },
    writeFile: (file, text) => {
      const dir = path.dirname(path.resolve(file));
      const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
      try {
        fs.writeFileSync(tmp, text);
        fs.renameSync(tmp, file);
      } catch (e) {
        try { fs.unlinkSync(tmp); } catch { /* nothing left behind */ }
        throw e;
      }
    },
    exists: (file) => fs.existsSync(file),
    env: process.env,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

/** Strict UTF-8 decoding: invalid sequences become U+FFFD, which the loader reports (FILE_NOT_UTF8). */
export function decodeUtf8(buf: Uint8Array): string {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}
