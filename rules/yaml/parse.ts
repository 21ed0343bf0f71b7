import { Composer, isMap, isScalar, isSeq, Parser, visit, YAMLParseError, type CST, type Document } from 'yaml';
import { LineIndex } from '../text';
import type { Comment, ParseError, Span } from '../types';
import { documentChunks, mayHoldSchemas } from './schema-documents';
import { looksLikeTemplate, maskTemplate, type TemplateMask } from './template-mask';

export interface ParsedYaml {
  /** The original text; every range below indexes into it. */
  readonly text: string;
  readonly documents: readonly Document.Parsed[];
  /** CustomResourceDefinition documents recognised and left unparsed (see schema-documents.ts). */
  readonly skippedSchemas: number;
  /** Real comments (from the token stream, so `#` inside block scalars and strings is not one); masked template lines excluded. */
  readonly comments: readonly Comment[];
  /** Syntax errors and duplicate keys; always empty for a template. */
  readonly errors: readonly ParseError[];
  /** Set when the text was parsed as a Helm template (actions masked). */
  readonly template: TemplateMask | undefined;
  readonly lines: LineIndex;
}

export interface ParseYamlOptions {
  /**
   * `auto` parses as a Helm template (actions masked) a text holding `{{ … }}` that sits in a chart's
   * `templates/` folder or does not parse as plain YAML. Default `never`.
   */
  templates?: 'auto' | 'never';
  /** The file's path, for `auto`. */
  path?: string;
}

const CACHE_SIZE = 4;
/** Most recent first. Looked up by the text itself: classify and extract pass the same string, so the check is cheap. */
const cache: { mode: string; parsed: ParsedYaml }[] = [];

const CHART_TEMPLATE = /(?:^|[\\/])templates[\\/](?:[^\\/]+[\\/])*[^\\/]+\.ya?ml$/i;

/** Parses every document of a YAML stream; memoised on the text so classify and extract parse once. */
export function parseYaml(text: string, options: ParseYamlOptions = {}): ParsedYaml {
  if (options.templates !== 'auto' || !looksLikeTemplate(text)) return cached('p', text, undefined);
  if (options.path !== undefined && CHART_TEMPLATE.test(options.path)) return cached('t', text, maskTemplate);
  const plain = cached('p', text, undefined);
  return plain.errors.length === 0 ? plain : cached('t', text, maskTemplate);
}

function cached(mode: string, text: string, mask: ((text: string) => TemplateMask) | undefined): ParsedYaml {
  const index = cache.findIndex((entry) => entry.mode === mode && entry.parsed.text === text);
  if (index >= 0) {
    const [hit] = cache.splice(index, 1);
    cache.unshift(hit);
    return hit.parsed;
  }
  const parsed = parseUncached(text, mask?.(text));
  cache.unshift({ mode, parsed });
  if (cache.length > CACHE_SIZE) cache.pop();
  return parsed;
}

function parseUncached(text: string, template: TemplateMask | undefined): ParsedYaml {
  const source = template?.masked ?? text;
  const documents: Document.Parsed[] = [];
  const commentSpans: Span[] = [];
  const raw: YAMLParseError[] = [];
  const { runs, skippedSchemas } = parsedRuns(source);
  for (const run of runs) parseRun(source, run, { documents, commentSpans, errors: raw });
  const comments: Comment[] = [];
  const masked = template?.templateLines ?? [];
  let m = 0;
  for (const span of commentSpans.sort((a, b) => a.start - b.start)) {
    while (m < masked.length && masked[m].span.end <= span.start) m++;
    if (m < masked.length && masked[m].span.start <= span.start) continue;
    comments.push({ text: text.slice(span.start + 1, span.end), span });
  }
  const errors: ParseError[] = [];
  if (!template) {
    for (const error of raw) {
      const start = Math.min(error.pos[0], text.length);
      let end = Math.max(start, Math.min(error.pos[1], text.length));
      while (end < text.length && !/\s/.test(text[end]) && end - start < 80) end++;
      errors.push({ rule: 'yaml-syntax', message: error.message.split('\n')[0], span: { start, end } });
    }
    errors.sort((a, b) => a.span.start - b.span.start);
  }
  return { text, documents, skippedSchemas, comments, errors, template, lines: new LineIndex(text) };
}

/** The stretches of the stream to parse: all of it, or what lies between skipped CustomResourceDefinitions. */
function parsedRuns(source: string): { runs: Span[]; skippedSchemas: number } {
  const chunks = mayHoldSchemas(source) ? documentChunks(source) : undefined;
  if (!chunks) return { runs: [{ start: 0, end: source.length }], skippedSchemas: 0 };
  const runs: Span[] = [];
  let skippedSchemas = 0;
  for (const chunk of chunks) {
    if (chunk.schema) {
      skippedSchemas++;
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.end === chunk.start) last.end = chunk.end;
    else runs.push({ start: chunk.start, end: chunk.end });
  }
  return { runs, skippedSchemas };
}

interface RunOutput {
  documents: Document.Parsed[];
  commentSpans: Span[];
  errors: YAMLParseError[];
}

/** Parses `source` between `run.start` and `run.end`; every offset in what it adds is an offset in `source`. */
function parseRun(source: string, run: Span, out: RunOutput): void {
  const text = run.start === 0 && run.end === source.length ? source : source.slice(run.start, run.end);
  const parser = new Parser();
  // The composer's own duplicate-key check is quadratic in a map's size; duplicateKeys() below is linear.
  const composer = new Composer({ uniqueKeys: false });
  const documents: Document.Parsed[] = [];
  const hashes = hashPositions(text);
  const comments: Span[] = [];
  let previous: CST.Token | undefined;
  for (const token of parser.parse(text)) {
    if (previous && hasHashIn(hashes, previous.offset, token.offset)) collectComments(previous, comments);
    previous = token;
    for (const doc of composer.next(token)) documents.push(doc);
  }
  if (previous && hasHashIn(hashes, previous.offset, text.length)) collectComments(previous, comments);
  for (const doc of composer.end()) documents.push(doc);
  for (const doc of documents) duplicateKeys(doc.contents, doc.errors);
  const errors = documents.flatMap((d) => d.errors);
  if (documents.length === 0) errors.push(...composer.streamInfo().errors);
  if (run.start > 0) {
    for (const doc of documents) shiftDocument(doc, run.start);
    for (const span of comments) shift(span, run.start);
    for (const error of errors) shiftRange(error.pos, run.start);
  }
  out.documents.push(...documents);
  out.commentSpans.push(...comments);
  out.errors.push(...errors);
}

function shift(span: Span, by: number): void {
  span.start += by;
  span.end += by;
}

function shiftRange(range: number[], by: number): void {
  for (let i = 0; i < range.length; i++) range[i] += by;
}

/** Moves a document parsed from a slice to where the slice sits. Errors are moved by the caller. */
function shiftDocument(doc: Document.Parsed, by: number): void {
  shiftRange(doc.range, by);
  for (const warning of doc.warnings) shiftRange(warning.pos, by);
  visit(doc, {
    Node(_, node) {
      if (node.range) shiftRange(node.range, by);
    },
  });
}

/** Offsets of every `#`, ascending: a top-level token without one holds no comment and is not walked. */
function hashPositions(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) out.push(i);
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

/** Every `comment` source token anywhere in a CST token. */
function collectComments(token: TokenPart | undefined | null, out: Span[]): void {
  if (!token) return;
  if ('type' in token) {
    if (token.type === 'comment') {
      out.push({ start: token.offset, end: token.offset + token.source.length });
      return;
    }
    switch (token.type) {
      case 'document':
        for (const t of token.start) collectComments(t, out);
        collectComments(token.value, out);
        for (const t of token.end ?? []) collectComments(t, out);
        return;
      case 'doc-end':
        for (const t of token.end ?? []) collectComments(t, out);
        return;
      case 'block-map':
      case 'block-seq':
        for (const item of token.items) collectComments(item, out);
        return;
      case 'flow-collection':
        collectComments(token.start, out);
        for (const item of token.items) collectComments(item, out);
        for (const t of token.end) collectComments(t, out);
        return;
      case 'block-scalar':
        for (const t of token.props) collectComments(t, out);
        return;
      case 'alias':
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        for (const t of token.end ?? []) collectComments(t, out);
        return;
      default:
        return;
    }
  }
  for (const t of token.start) collectComments(t, out);
  collectComments(token.key, out);
  for (const t of token.sep ?? []) collectComments(t, out);
  collectComments(token.value, out);
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
