import { Composer, isMap, isScalar, isSeq, Parser, visit, YAMLParseError, type CST, type Document } from 'yaml';
import type { Span } from '../types';
import { MAX_YAML_NESTING, yamlTooDeepAt } from './nesting';
import { appendAll } from '../arrays';

/** What parsing a stretch of a YAML stream gives; every offset is an offset in the whole source. */
export interface ParsedStretch {
  documents: Document.Parsed[];
  /** Spans of real comments (from the token stream). */
  comments: Span[];
  /** Syntax errors and duplicate keys, first line of the message only. */
  errors: StretchError[];
}

export interface StretchError {
  pos: [number, number];
  message: string;
}

/** Parses `source` between `stretch.start` and `stretch.end` as a YAML stream of its own. */
export function parseStretch(source: string, stretch: Span): ParsedStretch {
  const tooDeep = yamlTooDeepAt(source, stretch.start, stretch.end);
  if (tooDeep !== undefined) return tooDeepStretch(tooDeep);
  const text = stretch.start === 0 && stretch.end === source.length ? source : source.slice(stretch.start, stretch.end);
  // The scan reads nesting as YAML means it; recovering from errors, the parser can nest otherwise (a fuzz-found
  // workflow: a value with `: ` inside, then 500 steps indented under it, one level deeper each). Its own stack
  // is checked at every line, before unwinding it recurses that deep.
  const parser: Parser = new Parser((lineStart) => {
    if (parser.stack.length > MAX_YAML_NESTING) throw new ParserTooDeep(lineStart);
  });
  try {
    return parseTokens(parser, text, stretch);
  } catch (error) {
    if (error instanceof ParserTooDeep) return tooDeepStretch(error.at);
    throw error;
  }
}

class ParserTooDeep extends Error {
  constructor(readonly at: number) {
    super(`the YAML parser nested deeper than ${MAX_YAML_NESTING} levels at offset ${at}`);
  }
}

function tooDeepStretch(at: number): ParsedStretch {
  const message = `nested deeper than ${MAX_YAML_NESTING} levels; this document is not read`;
  return { documents: [], comments: [], errors: [{ pos: [at, at + 1], message }] };
}

function parseTokens(parser: Parser, text: string, stretch: Span): ParsedStretch {
  // Tokens, and so every range and error, count from where the stretch sits in the source.
  parser.offset = stretch.start;
  // The composer's own duplicate-key check is quadratic in a map's size; duplicateKeys() below is linear.
  // The failsafe schema composes every scalar as a string: the front ends read scalar text from the source
  // (YAML 1.2 would read a `1.10` tag as a number), and matching each plain scalar against the core schema's
  // null/bool/int/float patterns took about a tenth of the parse.
  const composer = new Composer({ uniqueKeys: false, schema: 'failsafe' });
  const documents: Document.Parsed[] = [];
  const hashes = hashPositions(text, stretch.start);
  const comments: Span[] = [];
  let previous: CST.Token | undefined;
  for (const token of parser.parse(text)) {
    if (previous && hasHashIn(hashes, previous.offset, token.offset)) collectComments(previous, comments);
    previous = token;
    for (const doc of composer.next(token)) documents.push(doc);
  }
  if (previous && hasHashIn(hashes, previous.offset, stretch.end)) collectComments(previous, comments);
  for (const doc of composer.end()) documents.push(doc);
  for (const doc of documents) duplicateKeys(doc.contents, doc.errors);
  const raw = documents.flatMap((d) => d.errors);
  if (documents.length === 0) appendAll(raw, composer.streamInfo().errors);
  const errors = raw.map((e): StretchError => ({ pos: [e.pos[0], e.pos[1]], message: e.message.split('\n')[0] }));
  return { documents, comments, errors };
}

/** Moves what was parsed by `delta`, in place (a reused document that now sits elsewhere in its file). */
export function moveStretch(parsed: ParsedStretch, delta: number): void {
  if (delta === 0) return;
  for (const doc of parsed.documents) shiftDocument(doc, delta);
  for (const span of parsed.comments) {
    span.start += delta;
    span.end += delta;
  }
  for (const error of parsed.errors) shiftRange(error.pos, delta);
}

function shiftRange(range: number[], by: number): void {
  for (let i = 0; i < range.length; i++) range[i] += by;
}

/** Moves a document, its errors and every node's range by `by`. */
function shiftDocument(doc: Document.Parsed, by: number): void {
  shiftRange(doc.range, by);
  for (const error of doc.errors) shiftRange(error.pos, by);
  for (const warning of doc.warnings) shiftRange(warning.pos, by);
  visit(doc, {
    Node(_, node) {
      if (node.range) shiftRange(node.range, by);
    },
  });
}

/** Offsets (from `base`) of every `#`, ascending: a top-level token without one holds no comment and is not walked. */
function hashPositions(text: string, base: number): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) out.push(base + i);
  return out;
}

function hasHashIn(hashes: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hashes[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < hashes.length && hashes[lo] < end;
}

type TokenPart = CST.Token | CST.SourceToken | CST.CollectionItem;

/** Every `comment` source token anywhere in a CST token, in source order; iterative, since input sets the depth. */
function collectComments(first: TokenPart, out: Span[]): void {
  const stack: Array<TokenPart | undefined | null> = [first];
  while (stack.length > 0) {
    const token = stack.pop();
    if (!token) continue;
    if ('type' in token && token.type === 'comment') {
      out.push({ start: token.offset, end: token.offset + token.source.length });
      continue;
    }
    const parts = partsOf(token);
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
  }
}

/** The tokens a CST token holds, in source order. */
function partsOf(token: TokenPart): ReadonlyArray<TokenPart | undefined | null> {
  if (!('type' in token)) return [...token.start, token.key, ...(token.sep ?? []), token.value];
  switch (token.type) {
    case 'document':
      return [...token.start, token.value, ...(token.end ?? [])];
    case 'doc-end':
      return token.end ?? [];
    case 'block-map':
    case 'block-seq':
      return token.items;
    case 'flow-collection':
      return [token.start, ...token.items, ...token.end];
    case 'block-scalar':
      return token.props;
    case 'alias':
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      return token.end ?? [];
    default:
      return [];
  }
}

const SMALL_MAP = 8;

function repeatsEarlierKey(items: readonly { key: unknown }[], index: number, value: unknown): boolean {
  for (let j = 0; j < index; j++) {
    const key = items[j].key;
    if (isScalar(key) && key.value === value) return true;
  }
  return false;
}

/** Adds a DUPLICATE_KEY error for each key repeated in a map, as the composer would, in linear time. */
function duplicateKeys(node: unknown, out: YAMLParseError[]): void {
  if (isSeq(node)) {
    for (const item of node.items) duplicateKeys(item, out);
    return;
  }
  if (!isMap(node)) return;
  const items = node.items;
  const seen = items.length > SMALL_MAP ? new Set<unknown>() : undefined;
  for (let i = 0; i < items.length; i++) {
    const key = items[i].key;
    if (isScalar(key) && key.range) {
      const value = key.value;
      const repeated = seen ? seen.has(value) : repeatsEarlierKey(items, i, value);
      if (repeated && value !== '<<') out.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
      seen?.add(value);
    } else duplicateKeys(key, out);
    const child = items[i].value;
    if (isMap(child) || isSeq(child)) duplicateKeys(child, out);
  }
}
