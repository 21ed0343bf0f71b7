import { shellParseCache } from './shell/parse';
import { ShellParseCache } from './shell/parse-cache';
import { TreeCache, treeCache } from './tree-sitter/tree-cache';
import { YamlChunkCache } from './yaml/chunk-cache';
import { withYamlParseMemo, yamlChunkCache } from './yaml/parse';

/**
 * What a language server keeps per open document between lints: its parsed shell scripts and YAML documents,
 * and the last syntax tree of its grammar (Terraform), which the next parse edits instead of starting over.
 * A keystroke changes one script or one document; the rest of the file is answered from here. Lints without
 * one (the CLI, the workspace audit) parse everything.
 */
export class DocumentParseCache {
  readonly shell = new ShellParseCache();
  readonly yaml = new YamlChunkCache();
  readonly trees = new TreeCache();
}

/**
 * Runs `lint` with `cache` (when given) answering the parsers for what they have seen, and with the YAML parse
 * memo of one lint (joined when this runs inside another).
 */
export function withDocumentParseCache<T>(cache: DocumentParseCache | undefined, lint: () => T): T {
  if (!cache) return withYamlParseMemo(lint);
  return shellParseCache.run(cache.shell, () => yamlChunkCache.run(cache.yaml, () => treeCache.run(cache.trees, () => withYamlParseMemo(lint))));
}
