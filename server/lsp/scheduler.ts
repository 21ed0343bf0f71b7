/** Runs a job per key after a quiet period; a newer request for the same key replaces the pending one. */
export class Debouncer {
  private readonly pending = new Map<string, { cancel(): void }>();

  constructor(private readonly run: (key: string) => void) {}

  /** A delay of 0 runs right after the current event (setTimeout would wait at least 1 ms). */
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
      const immediate = setImmediate(fire);
      this.pending.set(key, { cancel: () => clearImmediate(immediate) });
    }
  }

  cancel(key: string): void {
    this.pending.get(key)?.cancel();
    this.pending.delete(key);
  }
}
