import type { Parser } from 'web-tree-sitter';
import { copyTree, type SyntaxNode } from '../../tree-sitter/syntax-tree';
import { describeSyntaxError, loadGrammar, syntaxErrorNodes, tooDeepError } from '../../tree-sitter/grammar';
import { PUPPET_GRAMMAR } from '../../tree-sitter/wasm-modules';
import type { Span } from '../../types';

export type { SyntaxNode };

/** Where tree-sitter could not parse the manifest: an ERROR node (unexpected text) or a MISSING token. */
export interface SyntaxError {
  message: string;
  span: Span;
}

export interface ParsedManifest {
  root: SyntaxNode;
  /** The first syntax error, with the count of the others; undefined when the manifest parses. */
  error: { first: SyntaxError; more: number } | undefined;
}

/** Parents whose children's field names the front end reads (`type`, `title`, `name`, `value`). */
const FIELDS_READ = new Set(['resource_declaration', 'resource_default', 'attribute']);

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the Puppet grammar once. */
export function loadPuppetParser(): Promise<void> {
  loading ??= loadGrammar(PUPPET_GRAMMAR).then((loaded) => {
    parser = loaded;
  });
  return loading;
}

export function parsePuppet(text: string): ParsedManifest {
  if (!parser) throw new Error('loadPuppetParser() must be awaited before parsePuppet()');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree for a Puppet manifest');
  try {
    const errors = syntaxErrorNodes(tree.rootNode).map((node) => ({ message: describeSyntaxError(node), span: { start: node.startIndex, end: node.endIndex } }));
    const { root, tooDeepAt } = copyTree(tree, text, FIELDS_READ);
    if (tooDeepAt !== undefined) errors.unshift(tooDeepError(tooDeepAt, text));
    return {
      root,
      error: errors.length > 0 ? { first: errors[0], more: errors.length - 1 } : undefined,
    };
  } finally {
    tree.delete();
  }
}
