/** Shown only when the run takes longer than this. */
const DELAY_MS = 1000;
const REDRAW_MS = 100;

export interface ProgressLine {
  update(done: number, total: number): void;
  /** Erases the line; the next output starts on a clean line. */
  stop(): void;
}

/** A single self-overwriting `driftless: 120/5000 files` line on a terminal's stderr. */
export function progressLine(write: (text: string) => void): ProgressLine {
  const startedAt = Date.now();
  let lastDrawn = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - startedAt < DELAY_MS || now - lastDrawn < REDRAW_MS) return;
      lastDrawn = now;
      shown = true;
      write(`\r\x1b[2Kdriftless: ${done}/${total} files`);
    },
    stop() {
      if (shown) write('\r\x1b[2K');
    },
  };
}
