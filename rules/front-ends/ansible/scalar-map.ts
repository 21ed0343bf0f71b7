import { Scalar } from 'yaml';
import { OffsetMap } from '../../shell/offset-map';
import { isNullScalar } from '../../yaml/nodes';
import { appendAll } from '../../arrays';

/**
 * An OffsetMap from a YAML string scalar's value back to the file: plain, single- and double-quoted
 * (escapes, line folding) and block literal/folded scalars. The map is rebuilt from the source and checked
 * against the parser's value; undefined when they differ (a construct this does not model), so callers never
 * report or edit at a guessed offset.
 */
export function scalarOffsetMap(text: string, node: Scalar): OffsetMap | undefined {
  if (typeof node.value !== 'string' || isNullScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const inner = node.type === Scalar.PLAIN ? start : start + 1;
  if (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE) {
    if (text.slice(inner, inner + node.value.length) === node.value && !/[\n\\']/.test(node.value)) {
      return OffsetMap.identity(node.value, inner);
    }
  }
  let segments: Segment[] | undefined;
  switch (node.type) {
    case Scalar.PLAIN:
      segments = flowSegments(text, start, end, 'plain');
      break;
    case Scalar.QUOTE_SINGLE:
      segments = flowSegments(text, start + 1, end - 1, 'single');
      break;
    case Scalar.QUOTE_DOUBLE:
      segments = flowSegments(text, start + 1, end - 1, 'double');
      break;
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED:
      segments = blockSegments(text, start, end, node.type === Scalar.BLOCK_FOLDED);
      break;
    default:
      return undefined;
  }
  return segments && toOffsetMap(segments, node.value);
}

/** A run of the value: file text at `fileStart`, or (with `fileLength`) text standing for other file text. */
interface Segment {
  text: string;
  fileStart: number;
  fileLength?: number;
}

function toOffsetMap(segments: Segment[], value: string): OffsetMap | undefined {
  const map = new OffsetMap();
  let built = '';
  for (const s of segments) {
    const room = value.length - built.length;
    if (room <= 0) break;
    const piece = s.text.length > room ? s.text.slice(0, room) : s.text;
    if (s.fileLength === undefined) map.append(piece, s.fileStart);
    else map.appendSynthetic(piece, s.fileStart, s.fileLength);
    built += piece;
  }
  return built === value ? map : undefined;
}

interface Line {
  start: number;
  /** End of content, before `\r\n` / `\n`. */
  end: number;
  /** Offset of the `\n` ending the line, or -1 for the last line. */
  newline: number;
}

function splitLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let lineStart = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      const contentEnd = i > lineStart && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      lines.push({ start: lineStart, end: contentEnd, newline: i });
      lineStart = i + 1;
    }
  }
  lines.push({ start: lineStart, end, newline: -1 });
  return lines;
}

const isBlank = (c: string) => c === ' ' || c === '\t';

/** Plain and quoted scalars: lines folded (one break -> space, n blank lines -> n newlines), quotes unescaped. */
function flowSegments(text: string, start: number, end: number, style: 'plain' | 'single' | 'double'): Segment[] | undefined {
  const lines = splitLines(text, start, end);
  const out: Segment[] = [];
  let pendingBreaks = 0;
  let joinedByEscape = false;
  for (let l = 0; l < lines.length; l++) {
    let a = lines[l].start;
    let b = lines[l].end;
    if (l > 0) while (a < b && isBlank(text[a])) a++;
    if (l < lines.length - 1) {
      while (b > a && isBlank(text[b - 1]) && !(style === 'double' && escapedAt(text, a, b - 1))) b--;
    }
    const empty = a === b && l > 0 && l < lines.length - 1;
    if (empty) {
      pendingBreaks++;
      continue;
    }
    if (l > 0) {
      if (pendingBreaks > 0) out.push({ text: '\n'.repeat(pendingBreaks), fileStart: lines[l].start, fileLength: 0 });
      else if (!joinedByEscape) out.push({ text: ' ', fileStart: lines[l - 1].newline, fileLength: 1 });
    }
    pendingBreaks = 0;
    joinedByEscape = false;
    if (style === 'double' && l < lines.length - 1 && b > a && text[b - 1] === '\\' && !escapedAt(text, a, b - 1)) {
      b--;
      joinedByEscape = true;
    }
    const pieces = style === 'plain' ? [{ text: text.slice(a, b), fileStart: a }] : unescape(text, a, b, style);
    if (!pieces) return undefined;
    appendAll(out, pieces);
  }
  return out;
}

/** True when the character at `i` is preceded by an odd number of backslashes (from `from`). */
function escapedAt(text: string, from: number, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= from && text[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

const DOUBLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function unescape(text: string, a: number, b: number, style: 'single' | 'double'): Segment[] | undefined {
  const out: Segment[] = [];
  let runStart = a;
  let i = a;
  const flush = (to: number) => {
    if (to > runStart) out.push({ text: text.slice(runStart, to), fileStart: runStart });
  };
  while (i < b) {
    if (style === 'single' && text[i] === "'" && text[i + 1] === "'") {
      flush(i);
      out.push({ text: "'", fileStart: i, fileLength: 2 });
      i += 2;
      runStart = i;
    } else if (style === 'double' && text[i] === '\\' && i + 1 < b) {
      flush(i);
      const c = text[i + 1];
      const hex = HEX_ESCAPES[c];
      let length = 2;
      let value: string | undefined = DOUBLE_ESCAPES[c];
      if (hex !== undefined) {
        const code = Number.parseInt(text.slice(i + 2, i + 2 + hex), 16);
        if (!Number.isFinite(code)) return undefined;
        value = String.fromCodePoint(code);
        length += hex;
      }
      if (value === undefined) return undefined;
      out.push({ text: value, fileStart: i, fileLength: length });
      i += length;
      runStart = i;
    } else i++;
  }
  flush(b);
  return out;
}

/** Block scalars: the header line, then content lines with their common indentation removed. */
function blockSegments(text: string, start: number, end: number, folded: boolean): Segment[] | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return [];
  const explicit = /^[|>][+-]?([1-9])?/.exec(text.slice(start, headerEnd));
  if (explicit?.[1]) return undefined;
  const lines = splitLines(text, headerEnd + 1, end);
  let indent = -1;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    if (content.trim().length > 0) {
      indent = content.length - content.replace(/^ +/, '').length;
      break;
    }
  }
  if (indent < 0) return [];
  const out: Segment[] = [];
  let previous: 'none' | 'text' | 'more' = 'none';
  let blanks: Line[] = [];
  for (const line of lines) {
    const contentStart = Math.min(line.start + indent, line.end);
    const isEmpty = text.slice(line.start, line.end).trim().length === 0 && line.end - line.start <= indent;
    if (isEmpty) {
      blanks.push(line);
      continue;
    }
    const kind = isBlank(text[contentStart] ?? '') ? 'more' : 'text';
    if (previous !== 'none') {
      // The value's line break stands for the file's whole `\r\n`: an edit never lands between the two.
      const nextLine = blanks.length > 0 ? blanks[0].start : line.start;
      const breakLength = text[nextLine - 2] === '\r' ? 2 : 1;
      const breakAt = nextLine - breakLength;
      if (folded && previous === 'text' && kind === 'text') {
        if (blanks.length === 0) out.push({ text: ' ', fileStart: breakAt, fileLength: breakLength });
      } else out.push({ text: '\n', fileStart: breakAt, fileLength: breakLength });
      for (const blank of blanks) out.push({ text: '\n', fileStart: blank.start, fileLength: 0 });
    } else {
      for (const blank of blanks) out.push({ text: '\n', fileStart: blank.start, fileLength: 0 });
    }
    blanks = [];
    out.push({ text: text.slice(contentStart, line.end), fileStart: contentStart });
    previous = kind;
  }
  if (previous !== 'none') out.push({ text: '\n'.repeat(1 + blanks.length), fileStart: end, fileLength: 0 });
  return out;
}
