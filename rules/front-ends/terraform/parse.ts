import type { Parser, Tree } from 'web-tree-sitter';
import { initShellParser } from '../../shell/parse';
import { describeSyntaxError, loadGrammar, syntaxErrorNodes, tooDeepError } from '../../tree-sitter/grammar';
import { copyTree, type SyntaxNode } from '../../tree-sitter/syntax-tree';
import type { ParseError } from '../../types';

export type { SyntaxNode };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** The front end reads no grammar field names: every node skips that WASM call. */
const NO_FIELDS: ReadonlySet<string> = new Set();

/** Loads the Terraform grammar, and the shell parser the provisioners' commands need, once. */
export function initTerraformParser(): Promise<void> {
  loading ??= Promise.all([initShellParser(), loadGrammar('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')]).then(([, loaded]) => {
    parser = loaded;
  });
  return loading;
}

export interface ParsedHcl {
  root: SyntaxNode;
  /** The first ERROR or MISSING node, with how many there are; tree-sitter recovers, so the rest is still read. */
  error: ParseError | undefined;
}

/** Re-syncs after syntax errors at most this many times per file. */
const MAX_RESYNCS = 8;

/**
 * Parses the file; after a syntax error, tree-sitter's recovery often swallows the blocks that follow, so the
 * broken top-level block is blanked (offsets kept) up to the next line that starts a top-level block, and the
 * text parsed again: the blocks after an error are still read.
 */
export function parseHcl(text: string): ParsedHcl {
  let tree = parseTree(text);
  try {
    const error = tree.rootNode.hasError ? syntaxError(tree) : undefined;
    let source = text;
    for (let i = 0; i < MAX_RESYNCS && tree.rootNode.hasError; i++) {
      const blanked = blankBrokenBlock(tree, source);
      if (blanked === undefined) break;
      tree.delete();
      source = blanked;
      tree = parseTree(source);
    }
    const { root, tooDeepAt } = copyTree(tree, source, NO_FIELDS);
    return { root, error: tooDeepAt === undefined ? error : { rule: 'hcl-syntax', ...tooDeepError(tooDeepAt, source) } };
  } finally {
    tree.delete();
  }
}

function parseTree(text: string): Tree {
  if (!parser) throw new Error('initTerraformParser() must be awaited before parseHcl()');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree for a Terraform file');
  return tree;
}

/** The text with the top-level block holding the first error blanked up to the next block; undefined when none follows. */
function blankBrokenBlock(tree: Tree, source: string): string | undefined {
  const [error] = syntaxErrorNodes(tree.rootNode);
  if (!error) return undefined;
  const body = tree.rootNode.children.find((c) => c?.type === 'body');
  const holder = body?.children.find((c) => c !== null && c.startIndex <= error.startIndex && error.startIndex < Math.max(c.endIndex, c.startIndex + 1));
  const start = Math.min(holder?.startIndex ?? error.startIndex, error.startIndex);
  const resume = nextTopLevelLine(source, error.startIndex);
  if (resume === undefined || resume <= start) return undefined;
  return source.slice(0, start) + source.slice(start, resume).replace(/[^\r\n]/g, ' ') + source.slice(resume);
}

/** The start of the first line after `offset`'s line that begins with a letter at column 0, as `terraform fmt` writes a block. */
function nextTopLevelLine(source: string, offset: number): number | undefined {
  for (let at = source.indexOf('\n', offset); at >= 0; at = source.indexOf('\n', at + 1)) {
    if (/[A-Za-z]/.test(source.charAt(at + 1))) return at + 1;
  }
  return undefined;
}


function syntaxError(tree: Tree): ParseError | undefined {
  const found = syntaxErrorNodes(tree.rootNode);
  const [first] = found;
  if (!first) return undefined;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return { rule: 'hcl-syntax', message: `${describeSyntaxError(first)}${more}`, span: { start: first.startIndex, end: first.endIndex } };
}
