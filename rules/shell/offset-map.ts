/**
 * Maps offsets in an assembled shell text back to the file it came from. The shell text is built from
 * pieces of the file (a RUN's physical lines, a YAML block scalar's lines without their indentation,
 * a Ruby string's body); each piece is a contiguous run of file text.
 */
export interface Piece {
  /** Where the piece starts in the shell text. */
  shellStart: number;
  /** Where the same text starts in the file. */
  fileStart: number;
  length: number;
}

export class OffsetMap {
  private readonly pieces: Piece[] = [];
  private shellLength = 0;
  text = '';

  /** Appends file text `[fileStart, fileStart + text.length)` to the shell text. */
  append(text: string, fileStart: number): this {
    if (text.length > 0) this.pieces.push({ shellStart: this.shellLength, fileStart, length: text.length });
    this.text += text;
    this.shellLength += text.length;
    return this;
  }

  /** Appends text that is not in the file (e.g. an unescaped character); it maps to `fileStart`. */
  appendSynthetic(text: string, fileStart: number, fileLength: number): this {
    this.pieces.push({ shellStart: this.shellLength, fileStart, length: 0 });
    this.text += text;
    this.shellLength += text.length;
    this.syntheticEnds.set(this.pieces.length - 1, fileStart + fileLength);
    return this;
  }

  private readonly syntheticEnds = new Map<number, number>();

  /** The file offset of a shell offset; an end offset maps to the end of the piece it closes. */
  toFile(shellOffset: number, isEnd = false): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const start = this.pieces[mid].shellStart;
      if (start < shellOffset || (start === shellOffset && !isEnd)) lo = mid;
      else hi = mid - 1;
    }
    const piece = this.pieces[lo];
    const synthetic = this.syntheticEnds.get(lo);
    if (synthetic !== undefined) return shellOffset > piece.shellStart || isEnd ? synthetic : piece.fileStart;
    return piece.fileStart + Math.min(shellOffset - piece.shellStart, piece.length);
  }

  /** The shell text `[start, end)` as a map of its own (or appended to `out`), to the same file offsets. */
  slice(start: number, end: number, out = new OffsetMap()): OffsetMap {
    this.pieces.forEach((piece, i) => {
      const pieceEnd = i + 1 < this.pieces.length ? this.pieces[i + 1].shellStart : this.shellLength;
      const from = Math.max(start, piece.shellStart);
      const to = Math.min(end, pieceEnd);
      if (from >= to) return;
      const text = this.text.slice(from, to);
      const synthetic = this.syntheticEnds.get(i);
      if (synthetic === undefined) out.append(text, piece.fileStart + (from - piece.shellStart));
      else out.appendSynthetic(text, piece.fileStart, synthetic - piece.fileStart);
    });
    return out;
  }

  /**
   * The text with where its pieces sit relative to the first one: two maps with the same layout key read the
   * same shell text from the same arrangement of file text, `base` apart.
   */
  layout(): { key: string; base: number } {
    const base = this.pieces.length > 0 ? this.pieces[0].fileStart : 0;
    let key = this.text;
    this.pieces.forEach((piece, i) => {
      const synthetic = this.syntheticEnds.get(i);
      key += `\0${piece.shellStart},${piece.fileStart - base},${piece.length}${synthetic === undefined ? '' : `,${synthetic - base}`}`;
    });
    return { key, base };
  }

  static identity(text: string, fileStart: number): OffsetMap {
    return new OffsetMap().append(text, fileStart);
  }
}
