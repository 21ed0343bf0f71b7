import { emptyFacts, type Facts, type FileKind } from '../types';
import { YamlView } from './nodes';
import type { ParsedYaml } from './parse';
import { appendAll } from '../arrays';

/** One view per document of the stream (empty documents skipped). */
export function viewsOf(parsed: ParsedYaml): YamlView[] {
  return parsed.documents.filter((d) => d.contents !== null).map((d) => new YamlView(parsed, d));
}

/** Facts every YAML kind starts from: the file's comments and its first syntax error (one finding, not a cascade). */
export function baseYamlFacts(kind: FileKind, parsed: ParsedYaml): Facts {
  const facts = emptyFacts(kind);
  appendAll(facts.comments, parsed.comments);
  const [first, ...rest] = parsed.errors;
  if (first) {
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    facts.parseErrors.push({ ...first, message: `${first.message}${more}` });
  }
  return facts;
}
