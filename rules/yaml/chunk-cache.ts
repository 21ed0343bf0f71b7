import type { Span } from '../types';
import { moveStretch, parseStretch, type ParsedStretch } from './stretch';

/**
 * Parsed documents of one YAML stream, kept between lints. A language server re-lints the whole file on every
 * keystroke, but an edit touches one document of a multi-document manifest: the others come back from here,
 * moved to where they now sit, instead of being parsed again. Keyed by the document's text, which alone decides
 * its parse (anchors and aliases do not cross documents; streams with `%` directives are not split). Least
 * recently used documents are dropped past `capacity`.
 *
 * Documents are moved in place (copying a `yaml` Document costs about as much as parsing it), so what one
 * stream got is only valid until the next `beginStream()`; the YAML parse memo drops its older parses for that.
 *
 * The text kept is bounded too (`maxChars`): a parsed document weighs tens of times its text, and a storm of edits
 * to a large one-document file would otherwise keep hundreds of its versions. A document larger than a quarter of
 * that is not kept at all (each edit changes it, so it would only push the others out).
 */
export class YamlChunkCache {
  private readonly entries = new Map<string, { base: number; parsed: ParsedStretch; stream: number }>();
  private stream = 0;
  private chars = 0;

  constructor(
    private readonly capacity = 512,
    private readonly maxChars = 4_000_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** A new stream is read: documents handed out before may be moved from now on. */
  beginStream(): void {
    this.stream++;
  }

  /** The document(s) between `chunk.start` and `chunk.end` of `source`, parsed or reused. */
  stretch(source: string, chunk: Span): ParsedStretch {
    const key = source.slice(chunk.start, chunk.end);
    const hit = this.entries.get(key);
    // The same document twice in one stream: the second gets a parse of its own, the first keeps its place.
    if (hit?.stream === this.stream) return parseStretch(source, chunk);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      moveStretch(hit.parsed, chunk.start - hit.base);
      hit.base = chunk.start;
      hit.stream = this.stream;
      return hit.parsed;
    }
    const parsed = parseStretch(source, chunk);
    if (key.length > this.maxChars / 4) return parsed;
    this.entries.set(key, { base: chunk.start, parsed, stream: this.stream });
    this.chars += key.length;
    while (this.entries.size > this.capacity || this.chars > this.maxChars) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
    return parsed;
  }
}
