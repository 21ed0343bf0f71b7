import { Edit, type Parser, type Point, type Tree } from 'web-tree-sitter';
import { parseWithinBudget } from './grammar';
import { CopiedNodes } from './syntax-tree';
import { Scoped } from '../scoped';

interface Parsed {
  text: string;
  tree: Tree;
}

/** Deletes a cache's trees (WASM memory) once the document it served is gone and the cache collected. */
const orphans = new FinalizationRegistry<Map<Parser, Parsed>[]>((maps) => {
  for (const map of maps) for (const { tree } of map.values()) tree.delete();
});

/**
 * The last tree each grammar parsed for one document. A keystroke changes a few characters: the next parse is
 * told what changed (the common prefix and suffix of the two texts) and re-uses the rest of the old tree.
 * The last tree without a syntax error is kept too: while someone types, it tells where the blocks were.
 */
export class TreeCache {
  private readonly entries = new Map<Parser, Parsed>();
  private readonly clean = new Map<Parser, Parsed>();
  private readonly copies = new Map<Parser, CopiedNodes>();

  constructor() {
    orphans.register(this, [this.entries, this.clean]);
  }

  /** The document's last text that parsed without a syntax error, with its tree (the cache's: not to be edited or deleted). */
  lastClean(parser: Parser): { readonly text: string; readonly tree: Tree } | undefined {
    return this.clean.get(parser);
  }

  /**
   * The nodes the document's last copy of a tree of `parser` left for the next one to take (see TreeShape.reused),
   * handed out once (none the first time): the copy that takes them keeps its own with `keepCopiedNodes`.
   */
  takeCopiedNodes(parser: Parser): CopiedNodes {
    const nodes = this.copies.get(parser) ?? new CopiedNodes();
    this.copies.delete(parser);
    return nodes;
  }

  keepCopiedNodes(parser: Parser, nodes: CopiedNodes): void {
    this.copies.set(parser, nodes);
  }

  /** Drops the copied nodes kept: the next copy of each tree copies it whole, as the first one did. */
  forgetCopiedNodes(): void {
    this.copies.clear();
  }

  /** The tree of `text`, which the caller deletes; parsed incrementally from this document's previous text. */
  parse(parser: Parser, text: string): Tree | undefined {
    const previous = this.entries.get(parser);
    if (previous?.text === text) return previous.tree.copy();
    let tree: Tree | undefined;
    if (previous) {
      previous.tree.edit(editBetween(previous.text, text));
      tree = parseWithinBudget(parser, text, previous.tree);
      previous.tree.delete();
      this.entries.delete(parser);
    } else tree = parseWithinBudget(parser, text);
    if (!tree) return tree;
    this.entries.set(parser, { text, tree: tree.copy() });
    if (!tree.rootNode.hasError) {
      this.clean.get(parser)?.tree.delete();
      this.clean.set(parser, { text, tree: tree.copy() });
    }
    return tree;
  }
}

/** The document's tree cache for the lint running, if any (see DocumentParseCache). */
export const treeCache = new Scoped<TreeCache>();

/** Parses `text` with the running lint's tree cache when there is one; the caller deletes the tree. */
export function parseWithCache(parser: Parser, text: string): Tree | undefined {
  const cache = treeCache.current;
  return cache ? cache.parse(parser, text) : parseWithinBudget(parser, text);
}

/** The one replaced stretch that turns `before` into `after`: their common prefix and suffix are kept. */
export function editBetween(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let kept = 0;
  while (kept < shorter - start && before.charCodeAt(before.length - 1 - kept) === after.charCodeAt(after.length - 1 - kept)) kept++;
  if (kept > 0 && isLowSurrogate(before.charCodeAt(before.length - kept))) kept--;
  const oldEndIndex = before.length - kept;
  const newEndIndex = after.length - kept;
  const startPosition = pointAt(before, start);
  return new Edit({
    startIndex: start,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition: pointAfter(before, start, startPosition, oldEndIndex),
    newEndPosition: pointAfter(after, start, startPosition, newEndIndex),
  });
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Row and column (UTF-16 code units, as web-tree-sitter counts them) of `index`. */
function pointAt(text: string, index: number): Point {
  return pointAfter(text, 0, { row: 0, column: 0 }, index);
}

/** The point of `index`, counting on from `from`, whose point is `at`. */
function pointAfter(text: string, from: number, at: Point, index: number): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl < index; nl = text.indexOf('\n', nl + 1)) {
    row++;
    lineStart = nl + 1;
  }
  return { row, column: index - lineStart };
}
