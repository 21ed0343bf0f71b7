import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { locateWasm } from '../wasm';
import type { Span } from '../types';
import { MAX_SYNTAX_DEPTH } from './syntax-tree';

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

// A real file parses at about 0.35 µs a character; tree-sitter's error recovery can take far longer on hostile
// shapes (a 44 KB Terraform file with a 22,000-character line in a staircase of indents: 6 s). A parse may take
// 5 µs a character above a 250 ms floor: a wide margin for real files, on a loaded machine too.
const PARSE_FLOOR_MS = 250;
const PARSE_MS_PER_CHARACTER = 0.005;

/**
 * The tree of `text` (edited from `oldTree` when given); undefined when parsing takes longer than its budget, or
 * runs past `deadline` (a `performance.now()` time) when one is given.
 */
export function parseWithinBudget(parser: Parser, text: string, oldTree?: Tree, deadline = performance.now() + PARSE_FLOOR_MS + text.length * PARSE_MS_PER_CHARACTER): Tree | undefined {
  const tree = parser.parse(text, oldTree, { progressCallback: () => performance.now() > deadline });
  if (tree) return tree;
  parser.reset();
  parsesOutOfTime++;
  return undefined;
}

let parsesOutOfTime = 0;

/**
 * How many parses of this thread ran out of their time budget so far. The engine's only dependence on the clock:
 * a lint during which the count grew says what the machine's load allowed, not only what its input is (the CLI's
 * result cache keeps no such result).
 */
export function parsesOutOfTimeSoFar(): number {
  return parsesOutOfTime;
}

/** The syntax error of a file whose parse ran out of its budget: nothing of it is read. */
export function tooSlowError(text: string): { message: string; span: Span } {
  const budget = Math.round(PARSE_FLOOR_MS + text.length * PARSE_MS_PER_CHARACTER);
  return { message: `parsing did not finish within ${budget} ms (the parser's error recovery on this text); the file is not read`, span: { start: 0, end: Math.min(1, text.length) } };
}

/** ERROR and MISSING nodes in file order; the insides of an ERROR are not searched again. */
export function syntaxErrorNodes(root: Node): Node[] {
  const found: Node[] = [];
  // An explicit stack, children pushed last first: input sets the depth.
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.isError || node.isMissing) found.push(node);
    else if (node.hasError) {
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) pending.push(child);
      }
    }
  }
  return found;
}

const EXCERPT_LENGTH = 40;

/** The syntax error of a tree cut at MAX_SYNTAX_DEPTH, at the first node left out. */
export function tooDeepError(at: number, source: string): { message: string; span: Span } {
  return { message: `nested deeper than ${MAX_SYNTAX_DEPTH} levels; what lies deeper is not read`, span: { start: at, end: Math.min(source.length, at + 1) } };
}

/** How a syntax error node reads in a message: ``missing `}` `` or ``unexpected `first line of it…` ``. */
export function describeSyntaxError(node: Node): string {
  if (node.isMissing) return `missing \`${node.type}\``;
  const text = node.text;
  const line = text.split(/\r?\n/, 1)[0].trim();
  const cut = line.length > EXCERPT_LENGTH || line.length < text.trim().length;
  return `unexpected \`${cut ? `${line.slice(0, EXCERPT_LENGTH)}…` : line}\``;
}
