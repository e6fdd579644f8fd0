/**
 * A progress bar on stderr, only on a TTY, and only once a run has lasted about a second. Off a terminal the clock is
 * never read (`performance` is a module of its own that Node loads on first use: ~7 ms of a cold `risk`).
 */
import type { Io } from './io';

export interface Progress {
  (): void;
  done(): void;
}

export function progress(io: Io, total: number, label: string, now: () => number = () => performance.now()): Progress {
  const live = io.stderrIsTTY && !io.env.NO_PROGRESS;
  const start = live ? now() : 0;
  let count = 0;
  let shown = false;
  let last = 0;
  // the bar's own text (a label, # and spaces) has no control character but the \r it is drawn with
  const write = io.rawStderr ?? io.stderr;
  const tick = (() => {
    count++;
    if (!live) return;
    const t = now();
    if (t - start < 1000 || t - last < 100) return;
    last = t;
    shown = true;
    const frac = Math.min(1, count / Math.max(1, total));
    const width = 30;
    const full = Math.round(frac * width);
    write(`\r${label} [${'#'.repeat(full)}${' '.repeat(width - full)}] ${Math.round(frac * 100)} %`);
  }) as Progress;
  tick.done = () => { if (shown) write('\r' + ' '.repeat(label.length + 40) + '\r'); };
  return tick;
}
