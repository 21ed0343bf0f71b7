/** Runs a job per key after a quiet period; a newer request for the same key replaces the pending one. */
export class Debouncer {
  private readonly pending = new Map<string, { cancel(): void }>();

  constructor(private readonly run: (key: string) => void) {}

  /** A delay of 0 runs once the messages already received are handled (setTimeout would wait at least 1 ms). */
  schedule(key: string, delayMs: number): void {
    this.cancel(key);
    const fire = (): void => {
      this.pending.delete(key);
      this.run(key);
    };
    if (delayMs > 0) {
      const timer = setTimeout(fire, delayMs);
      this.pending.set(key, { cancel: () => clearTimeout(timer) });
    } else {
      // Two turns of the loop, not one: the protocol library handles one queued message per turn, so a lint due
      // after one turn would run between every two of a burst of changes already received. After two turns a
      // newer change of the burst has replaced it; the lint runs once the burst is handled.
      let immediate = setImmediate(() => {
        immediate = setImmediate(fire);
      });
      this.pending.set(key, { cancel: () => clearImmediate(immediate) });
    }
  }

  cancel(key: string): void {
    this.pending.get(key)?.cancel();
    this.pending.delete(key);
  }
}

/** A lint slower than this still waits at most this long for a document's changes to pause. */
export const MAX_QUIET_MS = 2000;

/**
 * How long a document's changes must pause before it is linted again: the configured debounce, and at least as
 * long as its last lint took (up to MAX_QUIET_MS). A lint blocks the reading of the next change, so with a quiet
 * period shorter than the lint, a client sending changes faster than the server lints gets every one of them
 * linted in turn (200 full-text changes of a 2 MB file, 200 lints). Waiting as long as the lint takes keeps the
 * time spent on lints that a later change makes stale to at most about half; a cheap lint adds no noticeable wait.
 */
export function quietPeriodMs(debounceMs: number, lastLintMs: number | undefined): number {
  return Math.max(debounceMs, Math.min(Math.ceil(lastLintMs ?? 0), MAX_QUIET_MS));
}
