import { LineIndex } from '../../text';
import type { Facts, Span } from '../../types';
import { viewsOf } from '../../yaml/documents';
import type { YamlView } from '../../yaml/nodes';
import { MAX_YAML_NESTING, yamlTooDeepAt } from '../../yaml/nesting';
import { yamlChunkCache, type ParsedYaml } from '../../yaml/parse';
import { parseStretch } from '../../yaml/stretch';
import type { SyntaxNode } from './parse';
import { contentSpan, template } from './values';

/**
 * A heredoc's body read by the YAML layer in place (a `#cloud-config` document, JSON task definitions), so
 * every node's range is an offset in the .tf text. An interpolation stays in the text as written and makes the
 * scalar it sits in unknown to the readers (no image, no package reads `${…}` as a value).
 */
export function heredocYaml(text: string, node: SyntaxNode, facts: Facts): YamlView[] {
  const heredoc = template(node);
  const span = heredoc?.type === 'heredoc_template' ? contentSpan(heredoc) : undefined;
  return span ? yamlIn(text, span, facts) : [];
}

/**
 * The YAML documents of `span` in `text`, with ranges in `text`; none when the stretch does not parse. A body
 * nested too deep to read is a syntax finding in `facts` (an interpolation or directive makes other errors
 * likely in what Terraform renders correctly, so they are not reported). In a language server the open
 * document's chunk cache answers for a stretch it has parsed before (a keystroke elsewhere in the file moves a
 * heredoc, it does not change it); a side file's YAML is read with no chunk cache (see readSideFile).
 */
export function yamlIn(text: string, span: Span, facts: Facts): YamlView[] {
  const tooDeep = yamlTooDeepAt(text, span.start, span.end);
  if (tooDeep !== undefined) {
    const message = `the heredoc nests deeper than ${MAX_YAML_NESTING} levels; it is not read`;
    facts.parseErrors.push({ rule: 'hcl-syntax', message, span: { start: tooDeep, end: tooDeep + 1 } });
    return [];
  }
  const cache = yamlChunkCache.current;
  const stretch = cache ? cache.stretch(text, span) : parseStretch(text, span);
  if (stretch.errors.length > 0) return [];
  const parsed: ParsedYaml = {
    text,
    documents: stretch.documents,
    skippedSchemas: 0,
    comments: [],
    errors: [],
    template: undefined,
    lines: new LineIndex(text),
  };
  return viewsOf(parsed);
}

/**
 * Starts the open document's YAML stream, once per lint, before any of its heredocs is read: the heredocs handed
 * out by the previous lint may be moved from now on (see YamlChunkCache).
 */
export function beginHeredocStream(): void {
  yamlChunkCache.current?.beginStream();
}

/**
 * Runs `read` on a file other than the document (a `file()`/`templatefile()` script): apart from the document's
 * chunk cache, which moves the documents it hands out, so a stretch the two texts share cannot shift either's spans.
 */
export function readSideFile<T>(read: () => T): T {
  return yamlChunkCache.run(undefined, read);
}
