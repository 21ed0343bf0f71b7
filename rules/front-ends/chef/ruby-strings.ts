import type { Node, StringNode, XStringNode } from '@ruby/prism';
import { OffsetMap } from '../../shell/offset-map';
import type { Span } from '../../types';
import { rubyNodes } from './prism';
import type { ByteLocation, RubySource } from './source';

/** Methods that do not change what a shell makes of a string: `<<~EOS.strip`, `'…'.freeze`. */
const SHELL_NEUTRAL_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'chomp', 'freeze', 'dup', 'squish']);

/** What a Ruby interpolation (`#{…}`) becomes in the shell text: an expansion, so words holding it are dynamic. */
const DYNAMIC = '$_';

/** The value of a string or symbol literal with no interpolation (adjacent literals joined), else undefined. */
export function staticText(node: Node | null | undefined): string | undefined {
  const P = rubyNodes();
  if (node instanceof P.StringNode || node instanceof P.SymbolNode) {
    return node.unescaped.validEncoding ? node.unescaped.value : undefined;
  }
  if (node instanceof P.InterpolatedStringNode) {
    let value = '';
    for (const part of node.parts) {
      const piece = staticText(part);
      if (piece === undefined) return undefined;
      value += piece;
    }
    return value;
  }
  if (node instanceof P.CallNode && node.name === 'freeze' && !node.arguments_) return staticText(node.receiver);
  return undefined;
}

/** The span of a literal's value: inside the quotes for a plain string, the whole node otherwise. */
export function valueSpan(node: Node, source: RubySource): Span {
  const P = rubyNodes();
  if (node instanceof P.StringNode && node.openingLoc && !isHeredoc(source, node.openingLoc)) {
    return source.span(node.contentLoc);
  }
  return source.nodeSpan(node);
}

/**
 * The text a shell receives from a Ruby string or backtick command (quoted, %-literal, heredoc, adjacent literals, with
 * interpolation), mapped back into the file. Escapes become synthetic pieces standing for their source
 * text; `#{…}` becomes an expansion. Each literal piece is checked against prism's own unescaped value,
 * so a construct this does not model yields undefined instead of a guessed offset.
 */
export function shellTextMap(node: Node, source: RubySource): OffsetMap | undefined {
  const map = new OffsetMap();
  return appendString(node, source, map, undefined) ? map : undefined;
}

/**
 * The argv form (`command ['apt-get', 'upgrade']`): each element becomes one single-quoted shell word
 * standing for the element in the file; a non-literal element becomes an expansion.
 */
export function argvTextMap(elements: readonly Node[], source: RubySource): OffsetMap {
  const map = new OffsetMap();
  elements.forEach((element, i) => {
    if (i > 0) {
      const previous = source.nodeSpan(elements[i - 1]);
      map.appendSynthetic(' ', previous.end, 0);
    }
    const span = source.nodeSpan(element);
    const value = staticText(element);
    const word = value === undefined ? DYNAMIC : `'${value.replace(/'/g, `'\\''`)}'`;
    map.appendSynthetic(word, span.start, span.end - span.start);
  });
  return map;
}

type Style = 'raw' | 'single' | 'double';

interface Quoting {
  style: Style;
  /** Delimiters a backslash escapes in single-quoted style. */
  delimiters: string;
  /** A `<<~` heredoc: prism strips the common indentation from each line's value. */
  squiggly: boolean;
}

function appendString(node: Node, source: RubySource, map: OffsetMap, inherited: Quoting | undefined): boolean {
  const P = rubyNodes();
  if (node instanceof P.StringNode || node instanceof P.XStringNode) {
    const quoting = node.openingLoc ? quotingOf(source.slice(source.span(node.openingLoc))) : inherited;
    return quoting !== undefined && appendLiteral(node, source, map, quoting);
  }
  if (node instanceof P.InterpolatedStringNode || node instanceof P.InterpolatedXStringNode) {
    const quoting = node.openingLoc ? quotingOf(source.slice(source.span(node.openingLoc))) : inherited;
    for (const part of node.parts) {
      if (part instanceof P.EmbeddedStatementsNode || part instanceof P.EmbeddedVariableNode) {
        const span = source.nodeSpan(part);
        map.appendSynthetic(DYNAMIC, span.start, span.end - span.start);
      } else if (!appendString(part, source, map, quoting)) {
        return false;
      }
    }
    return true;
  }
  if (node instanceof P.CallNode && SHELL_NEUTRAL_METHODS.has(node.name) && !node.arguments_ && node.receiver) {
    return appendString(node.receiver, source, map, inherited);
  }
  return false;
}

function quotingOf(opening: string): Quoting | undefined {
  const heredoc = /^<<([~-]?)(['"`]?)[A-Za-z_]\w*\2$/.exec(opening);
  if (heredoc) {
    return { style: heredoc[2] === "'" ? 'raw' : 'double', delimiters: '', squiggly: heredoc[1] === '~' };
  }
  if (opening === "'") return { style: 'single', delimiters: "'", squiggly: false };
  if (opening === '"' || opening === '`') return { style: 'double', delimiters: '', squiggly: false };
  const percent = /^%([qQx]?)(.)$/s.exec(opening);
  if (percent) {
    const close = CLOSING[percent[2]] ?? percent[2];
    return { style: percent[1] === 'q' ? 'single' : 'double', delimiters: percent[2] + close, squiggly: false };
  }
  return undefined;
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

function isHeredoc(source: RubySource, opening: ByteLocation): boolean {
  return source.slice(source.span(opening)).startsWith('<<');
}

/** One run of the value: file text at `fileStart`, or text standing for `fileLength` characters of escape. */
interface Segment {
  text: string;
  fileStart: number;
  fileLength?: number;
}

function appendLiteral(node: StringNode | XStringNode, source: RubySource, map: OffsetMap, quoting: Quoting): boolean {
  if (!node.unescaped.validEncoding) return false;
  const content = source.span(node.contentLoc);
  let segments = unescape(source.text, content, quoting);
  const built = segments.map((s) => s.text).join('');
  const expected = node.unescaped.value;
  if (built !== expected) {
    const removed = built.length - expected.length;
    const dedented = quoting.squiggly && removed > 0 && built.endsWith(expected) && /^[ \t]*$/.test(built.slice(0, removed));
    if (!dedented) return false;
    segments = dropPrefix(segments, removed);
  }
  for (const s of segments) {
    if (s.fileLength === undefined) map.append(s.text, s.fileStart);
    else map.appendSynthetic(s.text, s.fileStart, s.fileLength);
  }
  return true;
}

function dropPrefix(segments: Segment[], count: number): Segment[] {
  const out: Segment[] = [];
  let left = count;
  for (const s of segments) {
    if (left === 0 || s.text.length === 0) out.push(s);
    else if (s.text.length <= left) left -= s.text.length;
    else if (s.fileLength === undefined) {
      out.push({ text: s.text.slice(left), fileStart: s.fileStart + left });
      left = 0;
    } else {
      out.push({ text: s.text.slice(left), fileStart: s.fileStart, fileLength: s.fileLength });
      left = 0;
    }
  }
  return out;
}

/** The value's runs: literal text, escapes, and line breaks (Ruby reads a CRLF in a literal as LF). */
function unescape(text: string, content: Span, quoting: Quoting): Segment[] {
  const segments: Segment[] = [];
  let runStart = content.start;
  const flush = (end: number): void => {
    if (end > runStart) segments.push({ text: text.slice(runStart, end), fileStart: runStart });
  };
  let i = content.start;
  while (i < content.end) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      flush(i);
      runStart = i + 1;
      i += 2;
      continue;
    }
    if (quoting.style === 'raw' || text[i] !== '\\' || i + 1 >= content.end) {
      i++;
      continue;
    }
    const escape = quoting.style === 'single' ? singleEscape(text, i, quoting.delimiters) : doubleEscape(text, i, content.end);
    if (!escape) {
      i += 2;
      continue;
    }
    flush(i);
    segments.push({ text: escape.value, fileStart: i, fileLength: escape.length });
    i += escape.length;
    runStart = i;
  }
  flush(content.end);
  return segments;
}

interface Escape {
  value: string;
  length: number;
}

function singleEscape(text: string, at: number, delimiters: string): Escape | undefined {
  const next = text[at + 1];
  return next === '\\' || delimiters.includes(next) ? { value: next, length: 2 } : undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  s: ' ',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
};

function doubleEscape(text: string, at: number, end: number): Escape {
  const next = text[at + 1];
  if (next === '\r' && text[at + 2] === '\n') return { value: '', length: 3 };
  if (next === '\n') return { value: '', length: 2 };
  if (next in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[next], length: 2 };
  const rest = text.slice(at + 1, Math.min(end, at + 12));
  const octal = /^[0-7]{1,3}/.exec(rest);
  if (octal) return { value: String.fromCharCode(parseInt(octal[0], 8) & 0xff), length: 1 + octal[0].length };
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(rest);
  if (hex) return { value: String.fromCharCode(parseInt(hex[1], 16)), length: 1 + hex[0].length };
  const unicode = /^u([0-9a-fA-F]{4})/.exec(rest);
  if (unicode) return { value: String.fromCodePoint(parseInt(unicode[1], 16)), length: 1 + unicode[0].length };
  const braced = /^u\{\s*([0-9a-fA-F]{1,6})\s*\}/.exec(rest);
  if (braced) return { value: String.fromCodePoint(parseInt(braced[1], 16)), length: 1 + braced[0].length };
  return { value: next, length: 2 };
}
