import type { Tree } from 'web-tree-sitter';

/**
 * A tree-sitter node copied out of WASM memory. web-tree-sitter answers every `type`, `isNamed` and `children`
 * with a call into WASM and a new JS object per node; the walk asks several times per node. One cursor pass
 * copies what it needs, and the tree can be deleted right after.
 */
export class SyntaxNode {
  readonly children: SyntaxNode[] = [];

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The grammar field this node fills in its parent (`condition`, `body`…). */
    readonly field: string | undefined,
    private readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
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
}


/**
 * How deep a copied tree may go. Every walk of a syntax tree recurses once per level or more (the shell walk
 * about five frames per `$(…)`), and input sets the depth (nested brackets, a chain of 6,000 `&&`), so the
 * nodes below this depth are not copied: a front end reports a syntax error instead of a stack overflow.
 */
export const MAX_SYNTAX_DEPTH = 500;

export interface CopiedTree {
  root: SyntaxNode;
  /** The start of the first node left out for lying deeper than MAX_SYNTAX_DEPTH. */
  tooDeepAt: number | undefined;
}

/**
 * Copies `tree` (parsed from `source`) into SyntaxNodes, down to MAX_SYNTAX_DEPTH; the caller still deletes
 * the tree. `fieldsRead`: the parents whose children get their field names (the bash walk's by default;
 * another grammar passes its own).
 */
export function copyTree(tree: Tree, source: string, fieldsRead: ReadonlySet<string>): CopiedTree {
  const { language } = tree;
  const named: boolean[] = [];
  const cursor = tree.walk();
  let tooDeepAt: number | undefined;
  try {
    const here = (parent: SyntaxNode | undefined): SyntaxNode => {
      const id = cursor.nodeTypeId;
      return new SyntaxNode(
        language.types[id] ?? 'ERROR',
        (named[id] ??= language.nodeTypeIsNamed(id)),
        cursor.startIndex,
        cursor.endIndex,
        parent && fieldsRead.has(parent.type) ? (language.fields[cursor.currentFieldId] ?? undefined) : undefined,
        source,
      );
    };
    const root = here(undefined);
    const path = [root];
    const enter = (): void => {
      const parent = path[path.length - 1];
      const node = here(parent);
      parent.children.push(node);
      path.push(node);
    };
    for (;;) {
      if (path.length < MAX_SYNTAX_DEPTH && cursor.gotoFirstChild()) {
        enter();
        continue;
      }
      if (path.length >= MAX_SYNTAX_DEPTH && tooDeepAt === undefined && cursor.gotoFirstChild()) {
        tooDeepAt = cursor.startIndex;
        cursor.gotoParent();
      }
      for (;;) {
        if (path.length === 1) return { root, tooDeepAt };
        path.pop();
        if (cursor.gotoNextSibling()) {
          enter();
          break;
        }
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}
