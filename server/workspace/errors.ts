/** A path the user named that cannot be read: the CLI exits 2 with this message. */
export class UnreadablePathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadablePathError';
  }
}
