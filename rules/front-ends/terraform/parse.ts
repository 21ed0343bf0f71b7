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

export function parseHcl(text: string): ParsedHcl {
  if (!parser) throw new Error('initTerraformParser() must be awaited before parseHcl()');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree for a Terraform file');
  try {
    return { root: copyTree(tree, text), error: tree.rootNode.hasError ? syntaxError(tree) : undefined };
  } finally {
    tree.delete();
  }
}

function syntaxError(tree: Tree): ParseError | undefined {
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
  const [first] = found;
  if (!first) return undefined;
  const what = first.isMissing ? `missing \`${first.type}\`` : `unexpected \`${firstLine(first.text)}\``;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return { rule: 'hcl-syntax', message: `${what}${more}`, span: { start: first.startIndex, end: Math.max(first.endIndex, first.startIndex) } };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
