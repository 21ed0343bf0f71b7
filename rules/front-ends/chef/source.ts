import type { Node } from '@ruby/prism';
import type { Span } from '../../types';
import { ByteOffsets } from './byte-offsets';

/** prism's location: UTF-8 byte offset and length. */
export interface ByteLocation {
  startOffset: number;
  length: number;
}

/** The file text with prism's byte locations turned into UTF-16 spans. */
export class RubySource {
  private readonly offsets: ByteOffsets;
  /** False when the text has no `<<` at all: no resource then needs its heredoc bodies looked for. */
  readonly mayHoldHeredocs: boolean;

  constructor(readonly text: string) {
    this.offsets = new ByteOffsets(text);
    this.mayHoldHeredocs = text.includes('<<');
  }

  span(location: ByteLocation): Span {
    return {
      start: this.offsets.utf16(location.startOffset),
      end: this.offsets.utf16(location.startOffset + location.length),
    };
  }

  nodeSpan(node: Node): Span {
    return this.span(node.location);
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}
