import type { Document } from 'yaml';
import { LineIndex, outsideCrlf } from '../text';
import { Scoped } from '../scoped';
import type { Comment, ParseError, Span } from '../types';
import type { YamlChunkCache } from './chunk-cache';
import { documentChunks } from './document-chunks';
import { parseStretch, type ParsedStretch, type StretchError } from './stretch';
import { looksLikeTemplate, maskTemplate, type TemplateMask } from './template-mask';
import { appendAll } from '../arrays';

export interface ParsedYaml {
  /** The original text; every range below indexes into it. */
  readonly text: string;
  readonly documents: readonly Document.Parsed[];
  /** CustomResourceDefinition documents recognised and left unparsed (see document-chunks.ts). */
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

interface MemoEntry {
  mode: string;
  chunkCache: YamlChunkCache | undefined;
  parsed: ParsedYaml;
}

/**
 * The parses of the lint running, most recent first. A lint asks for the same text more than once (classify
 * and extract, a text read plain and as a template, a values file and its chart's Chart.yaml); once it returns
 * its parses go, so the next lint's GC does not mark a whole file's documents again (for a 10,000-line manifest
 * about 30 MB). Looked up by the text itself: classify and extract pass the same string, so the check is cheap.
 * An entry answers only under the chunk cache it was parsed with (none, or one open document's), so a lint
 * with a document cache and one without never share a parse.
 */
const parseMemo = new Scoped<MemoEntry[]>();

/** Runs `lint` with a YAML parse memo, or in the one of the lint it is part of. */
export function withYamlParseMemo<T>(lint: () => T): T {
  return parseMemo.current ? lint() : parseMemo.run([], lint);
}

/** The chunk cache parses answer from, for the lint running (see YamlChunkCache). */
export const yamlChunkCache = new Scoped<YamlChunkCache>();

/**
 * Another file's YAML, read beside the document being linted (a `Chart.yaml`, a `skaffold.yaml`, a role's
 * defaults, a GitLab include): parsed apart from that document's chunk cache, which moves the documents it hands
 * out, so a chunk the two files share cannot shift the document's spans.
 */
export function parseSideFileYaml(text: string): ParsedYaml {
  return yamlChunkCache.run(undefined, () => parseYaml(text));
}

const CHART_TEMPLATE = /(?:^|[\\/])templates[\\/](?:[^\\/]+[\\/])*[^\\/]+\.ya?ml$/i;

/** Parses every document of a YAML stream; memoised for the lint running, so classify and extract parse once. */
export function parseYaml(text: string, options: ParseYamlOptions = {}): ParsedYaml {
  if (options.templates !== 'auto' || !looksLikeTemplate(text)) return cached('p', text, undefined);
  if (options.path !== undefined && CHART_TEMPLATE.test(options.path)) return cached('t', text, maskTemplate);
  const plain = cached('p', text, undefined);
  return plain.errors.length === 0 ? plain : cached('t', text, maskTemplate);
}

function cached(mode: string, text: string, mask: ((text: string) => TemplateMask) | undefined): ParsedYaml {
  const chunkCache = yamlChunkCache.current;
  const memo = parseMemo.current;
  const hit = memo?.find((entry) => entry.mode === mode && entry.chunkCache === chunkCache && entry.parsed.text === text);
  if (hit) return hit.parsed;
  if (memo && chunkCache) {
    // This parse may move documents that earlier parses of other texts under the same chunk cache hold.
    for (let i = memo.length - 1; i >= 0; i--) if (memo[i].chunkCache === chunkCache && memo[i].parsed.text !== text) memo.splice(i, 1);
  }
  const parsed = parseUncached(text, mask?.(text), chunkCache);
  memo?.unshift({ mode, chunkCache, parsed });
  return parsed;
}

function parseUncached(text: string, template: TemplateMask | undefined, chunkCache: YamlChunkCache | undefined): ParsedYaml {
  const source = template?.masked ?? text;
  const documents: Document.Parsed[] = [];
  const commentSpans: Span[] = [];
  const raw: StretchError[] = [];
  const { stretches, skippedSchemas } = parsedStretches(source, template ? undefined : chunkCache);
  for (const parsed of stretches) {
    appendAll(documents, parsed.documents);
    appendAll(commentSpans, parsed.comments);
    appendAll(raw, parsed.errors);
  }
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
      errors.push({ rule: 'yaml-syntax', message: error.message, span: outsideCrlf(text, { start, end }) });
    }
    errors.sort((a, b) => a.span.start - b.span.start);
  }
  return { text, documents, skippedSchemas, comments, errors, template, lines: new LineIndex(text) };
}

/**
 * The stream parsed document by document (its `---`/`...` markers cut it exactly): skipped
 * CustomResourceDefinitions aside, and with a chunk cache (an open document in the language server), unchanged
 * documents reused. Document by document also keeps the comments that end a document: parsed as one stream,
 * the `yaml` token stream keeps only the first of the comment lines that follow a key without a value there.
 * A stream with `%` directives is parsed whole (a directive belongs to the document after it).
 */
function parsedStretches(source: string, chunkCache: YamlChunkCache | undefined): { stretches: ParsedStretch[]; skippedSchemas: number } {
  const chunks = documentChunks(source);
  if (!chunks) return { stretches: [parseStretch(source, { start: 0, end: source.length })], skippedSchemas: 0 };
  const stretches: ParsedStretch[] = [];
  let skippedSchemas = 0;
  chunkCache?.beginStream();
  for (const chunk of chunks) {
    if (chunk.schema) {
      skippedSchemas++;
      stretches.push({ documents: [], comments: leadingComments(source, chunk), errors: [] });
    } else stretches.push(chunkCache ? chunkCache.stretch(source, chunk) : parseStretch(source, chunk));
  }
  return { stretches, skippedSchemas };
}

/**
 * The comment lines that open a skipped chunk, before its first line of content (no block scalar can hold them
 * there): a `# driftless-disable-file` above a CustomResourceDefinition still covers the file.
 */
function leadingComments(source: string, chunk: Span): Span[] {
  const out: Span[] = [];
  for (let line = chunk.start; line < chunk.end; ) {
    const next = source.indexOf('\n', line);
    const end = next < 0 || next > chunk.end ? chunk.end : next;
    const content = source.slice(line, end).replace(/\r$/, '');
    const hash = content.search(/\S/);
    if (hash >= 0 && content[hash] === '#') out.push({ start: line + hash, end: line + content.length });
    else if (hash >= 0 && !/^---[ \t]*$/.test(content)) break;
    line = end + 1;
  }
  return out;
}
