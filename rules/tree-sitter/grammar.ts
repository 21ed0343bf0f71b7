import { Language, Parser, type Node } from 'web-tree-sitter';
import { locateWasm } from '../wasm';

let runtime: Promise<void> | undefined;

/**
 * A parser for one grammar: web-tree-sitter's runtime is loaded once for all of them, then the grammar's WASM
 * (`packageFile`, its path inside node_modules, found beside the bundle first).
 */
export async function loadGrammar(packageFile: string): Promise<Parser> {
  runtime ??= Parser.init({ locateFile: () => locateWasm('web-tree-sitter/web-tree-sitter.wasm') });
  await runtime;
  return new Parser().setLanguage(await Language.load(locateWasm(packageFile)));
}

/** ERROR and MISSING nodes in file order; the insides of an ERROR are not searched again. */
export function syntaxErrorNodes(root: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      found.push(node);
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return found;
}

const EXCERPT_LENGTH = 40;

/** How a syntax error node reads in a message: ``missing `}` `` or ``unexpected `first line of it…` ``. */
export function describeSyntaxError(node: Node): string {
  if (node.isMissing) return `missing \`${node.type}\``;
  const text = node.text;
  const line = text.split(/\r?\n/, 1)[0].trim();
  const cut = line.length > EXCERPT_LENGTH || line.length < text.trim().length;
  return `unexpected \`${cut ? `${line.slice(0, EXCERPT_LENGTH)}…` : line}\``;
}
