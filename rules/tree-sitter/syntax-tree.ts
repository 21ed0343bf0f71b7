import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import type { Span } from '../types';

/**
 * A tree-sitter node copied out of WASM memory. web-tree-sitter answers every `type`, `isNamed` and `children`
 * with a call into WASM and a new JS object per node; the walk asks several times per node. One cursor pass
 * copies what it needs, and the tree can be deleted right after (or, for a shape with deferred nodes, once the
 * copy has been read).
 */
export class SyntaxNode {
  private copied: SyntaxNode[];
  /** Where the children of a deferred node are, until they are first read. */
  private deferred: DeferredChildren | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The grammar field this node fills in its parent (`condition`, `body`…). */
    readonly field: string | undefined,
    private readonly source: string,
  ) {
    this.copied = [];
  }

  get children(): SyntaxNode[] {
    if (this.deferred) {
      const { copy, descendantIndex, depth } = this.deferred;
      this.deferred = undefined;
      copy.expand(this, descendantIndex, depth);
    }
    return this.copied;
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get span(): Span {
    return { start: this.startIndex, end: this.endIndex };
  }

  get namedChildren(): SyntaxNode[] {
    return this.children.filter((c) => c.isNamed);
  }

  get firstChild(): SyntaxNode | undefined {
    return this.children[0];
  }

  get firstNamedChild(): SyntaxNode | undefined {
    return this.children.find((c) => c.isNamed);
  }

  /** @internal The copy adds children as it walks. */
  adopt(child: SyntaxNode): void {
    this.copied.push(child);
  }

  /** @internal The copy leaves this node's children in the tree until they are read. */
  defer(copy: TreeCopy, descendantIndex: number, depth: number): void {
    this.deferred = { copy, descendantIndex, depth };
  }
}

interface DeferredChildren {
  copy: TreeCopy;
  descendantIndex: number;
  /** How deep the node sits: its children are cut at MAX_SYNTAX_DEPTH like the rest. */
  depth: number;
}

/**
 * How deep a copied tree may go. Every walk of a syntax tree recurses once per level or more (the shell walk
 * about five frames per `$(…)`), and input sets the depth (nested brackets, a chain of 6,000 `&&`), so the
 * nodes below this depth are not copied: a front end reports a syntax error instead of a stack overflow.
 */
export const MAX_SYNTAX_DEPTH = 500;

/** Which nodes a front end reads, so the copy can skip the rest. */
export interface TreeShape {
  /** Parents whose children get their field names (every other node skips that WASM call). */
  fieldsRead: ReadonlySet<string>;
  /** Node types whose children stay in the tree until first read (most attribute values are never read). */
  deferred?: ReadonlySet<string>;
  /** Node types whose children are never read, and that anonymous nodes (tokens) have no children read either. */
  leaves?: ReadonlySet<string>;
  /** Node types the copy lists as it meets them (comments, wherever they sit in what is copied). */
  listed?: ReadonlySet<string>;
}

export interface CopiedTree {
  root: SyntaxNode;
  /** The start of the first node left out for lying deeper than MAX_SYNTAX_DEPTH. */
  tooDeepAt: number | undefined;
}

/**
 * Copies `tree` (parsed from `source`) into SyntaxNodes, down to MAX_SYNTAX_DEPTH; the caller still deletes the
 * tree. `fieldsRead`: the parents whose children get their field names (the bash walk's, or another grammar's own).
 */
export function copyTree(tree: Tree, source: string, fieldsRead: ReadonlySet<string>): CopiedTree {
  const copy = new TreeCopy(tree, source, { fieldsRead });
  try {
    const root = copy.root();
    return { root, tooDeepAt: copy.tooDeepAt };
  } finally {
    copy.release();
  }
}

/**
 * A copy of a tree whose shape defers some nodes' children: they are copied from the tree when first read (their
 * own deferred descendants again only when read), so the tree must live until `release()`, after which reading
 * an unread deferred node is an error.
 */
export class TreeCopy {
  private readonly language: Language;
  private readonly named: boolean[] = [];
  /** The one cursor of the copy: it walks the tree, then finds each deferred node read later. */
  private cursor: TreeCursor | undefined;
  private live = true;
  /** The nodes of the shape's `listed` types copied so far, in the order met. */
  readonly listed: SyntaxNode[] = [];
  /** The start of the first node left out for lying deeper than MAX_SYNTAX_DEPTH, among what was copied so far. */
  tooDeepAt: number | undefined;

  constructor(
    private readonly tree: Tree,
    private readonly source: string,
    private readonly shape: TreeShape,
  ) {
    this.language = tree.language;
  }

  root(): SyntaxNode {
    const cursor = this.walker();
    const root = this.node(cursor, undefined);
    this.copyBelow(cursor, root, 1);
    return root;
  }

  /** The tree is no longer there to read deferred nodes from. */
  release(): void {
    this.live = false;
    this.cursor?.delete();
    this.cursor = undefined;
  }

  /** @internal Copies the children of a deferred node, and everything below them. */
  expand(node: SyntaxNode, descendantIndex: number, depth: number): void {
    if (!this.live) throw new Error(`the ${node.type} node at ${node.startIndex} was read after its syntax tree was released`);
    const cursor = this.walker();
    cursor.gotoDescendant(descendantIndex);
    this.copyBelow(cursor, node, depth);
  }

  /** The copy's cursor, made once (a cursor is a WASM allocation): every walk and every deferred node's copy use it. */
  private walker(): TreeCursor {
    this.cursor ??= this.tree.walk();
    return this.cursor;
  }

  private node(cursor: TreeCursor, parent: SyntaxNode | undefined): SyntaxNode {
    const id = cursor.nodeTypeId;
    const { language } = this;
    const node = new SyntaxNode(
      language.types[id] ?? 'ERROR',
      (this.named[id] ??= language.nodeTypeIsNamed(id)),
      cursor.startIndex,
      cursor.endIndex,
      parent && this.shape.fieldsRead.has(parent.type) ? (language.fields[cursor.currentFieldId] ?? undefined) : undefined,
      this.source,
    );
    if (this.shape.listed?.has(node.type)) this.listed.push(node);
    return node;
  }

  /** Whether the copy goes below `node` now: not for a leaf, and not for a deferred node (until it is read). */
  private descends(cursor: TreeCursor, node: SyntaxNode, depth: number): boolean {
    const { leaves, deferred } = this.shape;
    if (leaves && (!node.isNamed || leaves.has(node.type))) return false;
    if (deferred?.has(node.type)) {
      node.defer(this, cursor.currentDescendantIndex, depth);
      return false;
    }
    return true;
  }

  /**
   * Copies the subtree under the cursor's node into `top`, which sits at `depth` (the root at 1), down to
   * MAX_SYNTAX_DEPTH; the cursor ends where it started.
   */
  private copyBelow(cursor: TreeCursor, top: SyntaxNode, depth: number): void {
    if (!cursor.gotoFirstChild()) return;
    const path = [top];
    for (;;) {
      const parent = path[path.length - 1];
      const node = this.node(cursor, parent);
      parent.adopt(node);
      const level = depth + path.length;
      if (this.descends(cursor, node, level)) {
        if (level < MAX_SYNTAX_DEPTH && cursor.gotoFirstChild()) {
          path.push(node);
          continue;
        }
        if (level >= MAX_SYNTAX_DEPTH && this.tooDeepAt === undefined && cursor.gotoFirstChild()) {
          this.tooDeepAt = cursor.startIndex;
          cursor.gotoParent();
        }
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        path.pop();
        if (path.length === 0) return;
      }
    }
  }
}
