import type { Parser, Tree } from 'web-tree-sitter';
import { describeSyntaxError, loadGrammar, parseBackstop, ParseBudget, parseWithinBudget, syntaxErrorNodes, tooDeepError, tooSlowError } from '../../tree-sitter/grammar';
import { TERRAFORM_GRAMMAR } from '../../tree-sitter/wasm-modules';
import { TreeCopy, type SyntaxNode, type TreeShape } from '../../tree-sitter/syntax-tree';
import { editBetween, parseWithCache, treeCache } from '../../tree-sitter/tree-cache';
import type { ParseError, Span } from '../../types';

export type { SyntaxNode };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * What the front end reads of the tree: no grammar field names; an attribute's value only for the attributes
 * it looks at (copied then); nothing below a string literal (its text is read), a token or a block's braces.
 */
const HCL_SHAPE: TreeShape = {
  fieldsRead: new Set(),
  deferred: new Set(['expression']),
  leaves: new Set([
    'identifier',
    'comment',
    'string_lit',
    'template_literal',
    'quoted_template_start',
    'quoted_template_end',
    'heredoc_start',
    'heredoc_identifier',
    'block_start',
    'block_end',
    'object_start',
    'object_end',
    'tuple_start',
    'tuple_end',
    'bool_lit',
    'numeric_lit',
    'null_lit',
  ]),
  listed: new Set(['comment']),
  reused: new Set(['block']),
};

/** Loads the Terraform grammar once. */
export function initTerraformParser(): Promise<void> {
  loading ??= loadGrammar(TERRAFORM_GRAMMAR).then((loaded) => {
    parser = loaded;
  });
  return loading;
}

export interface ParsedHcl {
  /** The copy of the tree; an attribute's value is copied when first read, so only while `readHcl` runs. */
  root: SyntaxNode;
  /**
   * The comments between blocks and attributes, and those inside the values read so far: a comment inside a
   * value no reader looked at sits above no fact.
   */
  comments(): Span[];
  /** The first ERROR or MISSING node, with how many there are; tree-sitter recovers, so the rest is still read. */
  error: ParseError | undefined;
}

/**
 * Re-syncs after syntax errors at most this many times per file, and together with at most the work of about two
 * parses of the whole file (eight re-parses of a broken 250 KB file took 1.6 s). Counted as a parse's work is (see
 * ParseBudget), not timed: the same text re-syncs alike on a busy machine.
 */
const MAX_RESYNCS = 8;
function resyncBudget(length: number): ParseBudget {
  return new ParseBudget(64_000 + 2 * length, 2_000 + Math.ceil(0.1 * length));
}

/**
 * Parses the file and gives `read` the copy of its tree. After a syntax error, tree-sitter's recovery often
 * swallows the blocks that follow (an unterminated string turns the rest of the file inside out), so the broken
 * top-level block is blanked (offsets kept) up to where the next block starts, and the text parsed again: the
 * blocks after an error are still read. Where the next block starts comes from the document's last parse
 * without an error (a language server keeps it): its top-level blocks past the edited stretch are unchanged
 * text. A file with no such parse (the CLI, a document opened broken) resumes at the next line that starts
 * with a letter at column 0, as `terraform fmt` writes a block. In a language server, the first parse also
 * edits the document's previous tree (see TreeCache).
 */
export function readHcl<T>(text: string, read: (parsed: ParsedHcl) => T, options: { documentCache: boolean } = { documentCache: true }): T {
  // Re-syncs share the first parse's backstop: each of them on its own could take as long again.
  const backstop = parseBackstop(text.length);
  const parsed = parseTree(text, options.documentCache);
  const tooSlow: ParseError | undefined = parsed ? undefined : { rule: 'hcl-syntax', ...tooSlowError(text) };
  let tree = parsed ?? emptyTree();
  try {
    const error = tooSlow ?? (tree.rootNode.hasError ? syntaxError(tree) : undefined);
    const resumes = error && options.documentCache ? blockStartsOfLastCleanParse(text) : undefined;
    let source = tooSlow ? '' : text;
    const budget = resyncBudget(text.length);
    for (let i = 0; i < MAX_RESYNCS && tree.rootNode.hasError; i++) {
      const blanked = blankBrokenBlock(tree, source, resumes);
      if (blanked === undefined) break;
      const next = reparse(blanked, budget, backstop);
      if (!next) break;
      tree.delete();
      tree = next;
      source = blanked;
    }
    // In a language server, the top-level blocks a keystroke left as they were come from the last lint's copy.
    const documentCache = options.documentCache && parser ? treeCache.current : undefined;
    const copy = new TreeCopy(tree, source, HCL_SHAPE, parser ? documentCache?.takeCopiedNodes(parser) : undefined);
    const comments = (): Span[] => copy.listed.map((c) => ({ start: c.startIndex, end: c.endIndex })).sort((a, b) => a.start - b.start);
    try {
      const root = copy.root();
      const tooDeep: ParseError | undefined = copy.tooDeepAt === undefined ? undefined : { rule: 'hcl-syntax', ...tooDeepError(copy.tooDeepAt, source) };
      const result = read({ root, comments, error: tooDeep ?? error });
      if (parser) documentCache?.keepCopiedNodes(parser, copy.reusable());
      return result;
    } finally {
      copy.release();
    }
  } finally {
    tree.delete();
  }
}

/** The file's first syntax error, if any. */
export function hclSyntaxError(text: string): ParseError | undefined {
  return readHcl(text, (parsed) => parsed.error);
}

/**
 * The tree of `text`, from the document's previous tree in a language server (see TreeCache) when `documentCache`;
 * undefined when parsing takes longer than its budget.
 */
function parseTree(text: string, documentCache: boolean): Tree | undefined {
  if (!parser) throw new Error('initTerraformParser() must be awaited before readHcl()');
  return documentCache ? parseWithCache(parser, text) : parseWithinBudget(parser, text);
}

/** What is read of a file whose parse ran out of its budget: nothing. */
function emptyTree(): Tree {
  const tree = parser?.parse('');
  if (!tree) throw new Error('tree-sitter returned no tree for an empty Terraform file');
  return tree;
}

/**
 * The tree of the re-synced text, parsed afresh: re-using the broken tree made tree-sitter's parse quadratic in
 * the error's length (a line of 4,000 `&&` in a block: 6 s instead of 0.1 s). Undefined once `budget` is spent
 * or past `backstop`.
 */
function reparse(text: string, budget: ParseBudget, backstop: number): Tree | undefined {
  if (!parser) throw new Error('initTerraformParser() must be awaited before readHcl()');
  return parseWithinBudget(parser, text, undefined, budget, backstop);
}

/**
 * Where the top-level blocks of the document's last parse without an error start in `text`: those before the
 * edited stretch and those after it (moved by what the edit added or removed); undefined without such a parse.
 */
function blockStartsOfLastCleanParse(text: string): number[] | undefined {
  const clean = parser && treeCache.current?.lastClean(parser);
  if (!clean) return undefined;
  const edit = editBetween(clean.text, text);
  const moved = edit.newEndIndex - edit.oldEndIndex;
  const starts: number[] = [];
  const body = clean.tree.rootNode.children.find((c) => c?.type === 'body');
  const cursor = body?.walk();
  try {
    for (let more = cursor?.gotoFirstChild() ?? false; cursor && more; more = cursor.gotoNextSibling()) {
      if (cursor.nodeType !== 'block') continue;
      const start = cursor.startIndex;
      if (start <= edit.startIndex) starts.push(start);
      else if (start >= edit.oldEndIndex) starts.push(start + moved);
    }
  } finally {
    cursor?.delete();
  }
  return starts;
}

/**
 * The text with the top-level block holding the first error blanked up to the next block (the first of
 * `resumes` after the error, else the next top-level line); undefined when none follows.
 */
function blankBrokenBlock(tree: Tree, source: string, resumes: readonly number[] | undefined): string | undefined {
  const [error] = syntaxErrorNodes(tree.rootNode);
  if (!error) return undefined;
  const body = tree.rootNode.children.find((c) => c?.type === 'body');
  const holder = body?.children.find((c) => c !== null && c.startIndex <= error.startIndex && error.startIndex < Math.max(c.endIndex, c.startIndex + 1));
  const start = Math.min(holder?.startIndex ?? error.startIndex, error.startIndex);
  const resume = resumes?.find((at) => at > error.startIndex) ?? nextTopLevelLine(source, error.startIndex);
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
