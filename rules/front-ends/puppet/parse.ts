import { Language, Parser, type Node } from 'web-tree-sitter';
import { copyTree, type ShellNode as SyntaxNode } from '../../shell/syntax-tree';
import { initShellParser } from '../../shell/parse';
import type { Span } from '../../types';
import { locateWasm } from '../../wasm';

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

/** Loads the Puppet grammar (and web-tree-sitter with the bash grammar, which `exec` commands need) once. */
export function loadPuppetParser(): Promise<void> {
  loading ??= (async () => {
    await initShellParser();
    const puppet = await Language.load(locateWasm('tree-sitter-puppet/tree-sitter-puppet.wasm'));
    parser = new Parser().setLanguage(puppet);
  })();
  return loading;
}

export function parsePuppet(text: string): ParsedManifest {
  if (!parser) throw new Error('loadPuppetParser() must be awaited before parsePuppet()');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree for a Puppet manifest');
  try {
    const errors = tree.rootNode.hasError ? syntaxErrors(tree.rootNode) : [];
    return {
      root: copyTree(tree, text, FIELDS_READ),
      error: errors.length > 0 ? { first: errors[0], more: errors.length - 1 } : undefined,
    };
  } finally {
    tree.delete();
  }
}

/** ERROR and MISSING nodes in source order; an ERROR's insides are not searched again. */
function syntaxErrors(root: Node): SyntaxError[] {
  const errors: SyntaxError[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing) {
      errors.push({ message: `missing \`${node.type}\``, span: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    if (node.isError) {
      errors.push({ message: `unexpected \`${excerpt(node.text)}\``, span: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    for (const child of node.children) if (child?.hasError || child?.isMissing) visit(child);
  };
  visit(root);
  return errors;
}

const EXCERPT_LENGTH = 40;

function excerpt(text: string): string {
  const line = text.split(/\r?\n/, 1)[0];
  return line.length > EXCERPT_LENGTH || line.length < text.length ? `${line.slice(0, EXCERPT_LENGTH)}…` : line;
}
