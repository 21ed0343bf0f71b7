import { emptyFacts, type Facts, type FileKind } from '../types';
import { YamlView } from './nodes';
import type { ParsedYaml } from './parse';

/** One view per document of the stream (empty documents skipped). */
export function viewsOf(parsed: ParsedYaml): YamlView[] {
  return parsed.documents.filter((d) => d.contents !== null).map((d) => new YamlView(parsed, d));
}

/** Facts every YAML kind starts from: the file's comments and its first syntax error (one finding, not a cascade). */
export function baseYamlFacts(kind: FileKind, parsed: ParsedYaml): Facts {
  const facts = emptyFacts(kind);
  facts.comments.push(...parsed.comments);
  const [first, ...rest] = parsed.errors;
  if (first) {
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    facts.parseErrors.push({ ...first, message: `${first.message}${more}` });
  }
  return facts;
}

/** The file name without its folder, either separator. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** The folder part of a path, either separator, with its trailing separator; '' for a bare name. */
export function folderOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}
