import { LineIndex } from '../../text';
import type { Span } from '../../types';
import { viewsOf } from '../../yaml/documents';
import type { YamlView } from '../../yaml/nodes';
import type { ParsedYaml } from '../../yaml/parse';
import { parseStretch } from '../../yaml/stretch';
import type { SyntaxNode } from './parse';
import { contentSpan, template } from './values';

/**
 * A heredoc's body read by the YAML layer in place (a `#cloud-config` document, JSON task definitions), so
 * every node's range is an offset in the .tf text. An interpolation stays in the text as written and makes the
 * scalar it sits in unknown to the readers (no image, no package reads `${…}` as a value).
 */
export function heredocYaml(text: string, node: SyntaxNode): YamlView[] {
  const heredoc = template(node);
  const span = heredoc?.type === 'heredoc_template' ? contentSpan(heredoc) : undefined;
  return span ? yamlIn(text, span) : [];
}

/** The YAML documents of `span` in `text`, with ranges in `text`; none when the stretch does not parse. */
export function yamlIn(text: string, span: Span): YamlView[] {
  const stretch = parseStretch(text, span);
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
