import { OffsetMap } from '../../shell/offset-map';
import type { Span } from '../../types';
import type { SyntaxNode } from './parse';

/** What an interpolation (`${…}`, `$var`) becomes in shell text: an expansion, so a word holding it is dynamic. */
const DYNAMIC = '$_';
/** Nodes inside a double-quoted string whose value is only known when the catalog compiles. */
const INTERPOLATED = new Set(['interpolation', 'variable']);
/** Bare words and other literals that are their own text. */
const BARE_LITERALS = new Set(['identifier', 'number', 'float', 'boolean']);

/** The value of a literal: a string without interpolation, a bare word (`latest`), a number or a boolean; else undefined. */
export function literalText(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (BARE_LITERALS.has(node.type)) return node.text;
  if (node.type !== 'string' || node.namedChildren.some((c) => INTERPOLATED.has(c.type))) return undefined;
  return stringPieces(node).map((p) => p.text).join('');
}

/** The span of a value: inside the quotes for a string, the whole node otherwise. */
export function valueSpan(node: SyntaxNode): Span {
  return node.type === 'string' ? { start: node.startIndex + 1, end: node.endIndex - 1 } : { start: node.startIndex, end: node.endIndex };
}

/** A string literal written exactly as its value (no escapes, no interpolation): text can be inserted inside its quotes. */
export function isVerbatimString(node: SyntaxNode): boolean {
  return node.type === 'string' && literalText(node) === node.text.slice(1, -1);
}

/** The static text before a string's first interpolation (all of it when there is none); undefined for other nodes. */
export function literalPrefix(node: SyntaxNode): string | undefined {
  if (BARE_LITERALS.has(node.type)) return node.text;
  if (node.type !== 'string') return undefined;
  let prefix = '';
  for (const piece of stringPieces(node)) {
    if (piece.dynamic) break;
    prefix += piece.text;
  }
  return prefix;
}

/**
 * The text a shell receives from a Puppet string, mapped back into the file: escapes are synthetic pieces standing
 * for their source text, interpolations are expansions. Undefined for anything but a string or a bare word.
 */
export function shellTextMap(node: SyntaxNode): OffsetMap | undefined {
  if (node.type === 'identifier') return OffsetMap.identity(node.text, node.startIndex);
  if (node.type !== 'string') return undefined;
  const map = new OffsetMap();
  for (const piece of stringPieces(node)) {
    if (piece.fileLength === undefined) map.append(piece.text, piece.fileStart);
    else map.appendSynthetic(piece.text, piece.fileStart, piece.fileLength);
  }
  return map;
}

/** One run of a string's value: file text at `fileStart`, or text standing for `fileLength` characters (an escape, an interpolation). */
interface Piece {
  text: string;
  fileStart: number;
  fileLength?: number;
  dynamic?: boolean;
}

/** A string's value in runs, by Puppet's quoting rules (tree-sitter-puppet tokenizes escapes the same way in both quotes). */
function stringPieces(node: SyntaxNode): Piece[] {
  const source = node.text;
  const base = node.startIndex;
  const double = source.startsWith('"');
  const pieces: Piece[] = [];
  let at = 1;
  const end = source.length - 1;
  for (const child of double ? node.namedChildren.filter((c) => INTERPOLATED.has(c.type)) : []) {
    const childStart = child.startIndex - base;
    unescape(source, at, childStart, double, base, pieces);
    pieces.push({ text: DYNAMIC, fileStart: child.startIndex, fileLength: child.endIndex - child.startIndex, dynamic: true });
    at = child.endIndex - base;
  }
  unescape(source, at, end, double, base, pieces);
  return pieces;
}

const DOUBLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', "'": "'", n: '\n', r: '\r', t: '\t', s: ' ', $: '$' };
const MAX_CODE_POINT = 0x10ffff;
const UNICODE_ESCAPE = /^u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})/;

/** Literal runs and escapes of `source[from, to)`; a backslash that starts no escape stays, as Puppet keeps it. */
function unescape(source: string, from: number, to: number, double: boolean, base: number, pieces: Piece[]): void {
  let runStart = from;
  const flush = (until: number): void => {
    if (until > runStart) pieces.push({ text: source.slice(runStart, until), fileStart: base + runStart });
  };
  let i = from;
  while (i < to) {
    if (source[i] !== '\\' || i + 1 >= to) {
      i++;
      continue;
    }
    const escape = double ? doubleEscape(source.slice(i + 1, Math.min(to, i + 11))) : singleEscape(source[i + 1]);
    if (!escape) {
      i++;
      continue;
    }
    flush(i);
    pieces.push({ text: escape.value, fileStart: base + i, fileLength: escape.length });
    i += escape.length;
    runStart = i;
  }
  flush(to);
}

interface Escape {
  value: string;
  /** Source characters, the backslash included. */
  length: number;
}

function singleEscape(next: string): Escape | undefined {
  return next === '\\' || next === "'" ? { value: next, length: 2 } : undefined;
}

function doubleEscape(rest: string): Escape | undefined {
  const simple = DOUBLE_ESCAPES[rest[0]];
  if (simple !== undefined) return { value: simple, length: 2 };
  const unicode = UNICODE_ESCAPE.exec(rest);
  const codePoint = unicode ? parseInt(unicode[1] ?? unicode[2], 16) : undefined;
  if (!unicode || codePoint === undefined || codePoint > MAX_CODE_POINT) return undefined;
  return { value: String.fromCodePoint(codePoint), length: 1 + unicode[0].length };
}
