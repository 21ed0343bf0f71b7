import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { initShellParser } from '../../shell/parse';
import { copyTree, type ShellNode as SyntaxNode } from '../../shell/syntax-tree';
import type { ParseError } from '../../types';
import { locateWasm } from '../../wasm';

export type { SyntaxNode };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads web-tree-sitter (through the shell parser, which the provisioners' shell needs anyway) and the Terraform grammar once. */
export function initTerraformParser(): Promise<void> {
  loading ??= (async () => {
    await initShellParser();
    const terraform = await Language.load(locateWasm('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
    parser = new Parser().setLanguage(terraform);
  })();
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
    return { root: copyTree(tree, source), error };
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
  const [error] = errorNodes(tree);
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
  const found = errorNodes(tree);
  const [first] = found;
  if (!first) return undefined;
  const what = first.isMissing ? `missing \`${first.type}\`` : `unexpected \`${firstLine(first.text)}\``;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return { rule: 'hcl-syntax', message: `${what}${more}`, span: { start: first.startIndex, end: Math.max(first.endIndex, first.startIndex) } };
}

/** ERROR and MISSING nodes, in file order. */
function errorNodes(tree: Tree): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      found.push(node);
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  return found;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
