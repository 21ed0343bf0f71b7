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
