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
    private start: number,
    private end: number,
    /** The grammar field this node fills in its parent (`condition`, `body`…). */
    readonly field: string | undefined,
    private source: string,
  ) {
    this.copied = [];
  }

  get startIndex(): number {
    return this.start;
  }

  get endIndex(): number {
    return this.end;
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

  /**
   * @internal Moves this copied subtree into the next copy (whose tree holds the same text `by` characters on,
   * in `source`, and its nodes `indexShift` descendants on): no call into WASM, no allocation. Lists the nodes
   * `listed` names. A node still deferred is read from the next copy's tree.
   */
  moveInto(copy: TreeCopy, source: string, by: number, indexShift: number, listed: ReadonlySet<string> | undefined, found: SyntaxNode[]): void {
    const pending: SyntaxNode[] = [this];
    for (let node = pending.pop(); node; node = pending.pop()) {
      node.start += by;
      node.end += by;
      node.source = source;
      if (listed?.has(node.type)) found.push(node);
      const { deferred } = node;
      if (deferred) node.deferred = { copy, descendantIndex: deferred.descendantIndex + indexShift, depth: deferred.depth };
      for (const child of node.copied) pending.push(child);
    }
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
  /**
   * Node types (top-level blocks) that a copy takes whole from the previous copy of the same document when their
   * text is unchanged and free of syntax errors: a keystroke re-copies only the block it touched (see CopiedNodes).
   */
  reused?: ReadonlySet<string>;
}

/**
 * The outermost nodes of `reused` types of a document's last copy, by text: what the next copy of that document
 * may take instead of copying the same text again. Each node goes to one copy at a time.
 */
export class CopiedNodes {
  private readonly byText = new Map<string, KeptNode[]>();

  /** `node`, which sat at `depth` (the root at 1) and `descendantIndex` (the root is 0) in its tree. */
  add(node: SyntaxNode, depth: number, descendantIndex: number): void {
    const text = node.text;
    const kept = { node, depth, descendantIndex };
    const same = this.byText.get(text);
    if (same) same.push(kept);
    else this.byText.set(text, [kept]);
  }

  /** A node copied from the same text at the same depth, taken out of the pool. */
  take(text: string, depth: number): KeptNode | undefined {
    const same = this.byText.get(text);
    return same?.[same.length - 1]?.depth === depth ? same.pop() : undefined;
  }
}

interface KeptNode {
  node: SyntaxNode;
  depth: number;
  descendantIndex: number;
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
  /** The outermost nodes of the shape's `reused` types in this copy, for the document's next copy. */
  private readonly kept = new CopiedNodes();

  constructor(
    private readonly tree: Tree,
    private readonly source: string,
    private readonly shape: TreeShape,
    /**
     * The previous copy's nodes of the same document (see TreeShape.reused); without them, as in the CLI, nothing
     * is taken or kept.
     */
    private readonly previous?: CopiedNodes,
  ) {
    this.language = tree.language;
  }

  /**
   * The outermost nodes of the shape's `reused` types without a syntax error, for the next copy of the document
   * to take, once this one has been read (they move into the next copy); none when a node lay too deep to copy.
   */
  reusable(): CopiedNodes {
    return this.tooDeepAt === undefined ? this.kept : new CopiedNodes();
  }

  root(): SyntaxNode {
    const cursor = this.walker();
    const root = this.node(cursor, undefined);
    this.copyBelow(cursor, root, 1, true);
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
    this.copyBelow(cursor, node, depth, false);
  }

  /** The copy's cursor, made once (a cursor is a WASM allocation): every walk and every deferred node's copy use it. */
  private walker(): TreeCursor {
    this.cursor ??= this.tree.walk();
    return this.cursor;
  }

  /**
   * The previous copy's node for the cursor's node (outermost of a `reused` type, error-free, at `depth` and
   * `descendantIndex`), moved into this copy, when it was copied from the same text at that depth; else undefined.
   */
  private reuse(cursor: TreeCursor, depth: number, descendantIndex: number): SyntaxNode | undefined {
    const start = cursor.startIndex;
    const old = this.previous?.take(this.source.slice(start, cursor.endIndex), depth);
    if (!old) return undefined;
    old.node.moveInto(this, this.source, start - old.node.startIndex, descendantIndex - old.descendantIndex, this.shape.listed, this.listed);
    return old.node;
  }

  private typeAt(cursor: TreeCursor): string {
    return this.language.types[cursor.nodeTypeId] ?? 'ERROR';
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
  private copyBelow(cursor: TreeCursor, top: SyntaxNode, depth: number, reuses: boolean): void {
    if (!cursor.gotoFirstChild()) return;
    const path = [top];
    /** How long `path` was when the copy entered the outermost node of a `reused` type it is in; 0 outside any. */
    let reusedAt = reuses ? 0 : 1;
    const reused = this.previous && this.shape.reused;
    for (;;) {
      const parent = path[path.length - 1];
      const level = depth + path.length;
      const outermost = reusedAt === 0 && reused?.has(this.typeAt(cursor)) === true;
      // A node with a syntax error is neither taken nor kept: the same text may parse otherwise in another context.
      const keptAt = outermost && !cursor.currentNode.hasError ? cursor.currentDescendantIndex : undefined;
      const taken = keptAt === undefined ? undefined : this.reuse(cursor, level, keptAt);
      const node = taken ?? this.node(cursor, parent);
      if (keptAt !== undefined) this.kept.add(node, level, keptAt);
      parent.adopt(node);
      if (!taken && this.descends(cursor, node, level)) {
        if (level < MAX_SYNTAX_DEPTH && cursor.gotoFirstChild()) {
          path.push(node);
          if (outermost) reusedAt = path.length;
          continue;
        }
        if (level >= MAX_SYNTAX_DEPTH && this.tooDeepAt === undefined && cursor.gotoFirstChild()) {
          this.tooDeepAt = cursor.startIndex;
          cursor.gotoParent();
        }
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        if (path.length === reusedAt) reusedAt = 0;
        path.pop();
        if (path.length === 0) return;
      }
    }
  }
}
