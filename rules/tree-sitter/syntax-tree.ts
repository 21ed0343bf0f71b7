import type { Tree } from 'web-tree-sitter';
import type { Span } from '../types';

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
}


/**
 * Copies `tree` (parsed from `source`) into ShellNodes; the caller still deletes the tree. `fieldsRead`: the
 * parents whose children get their field names (the bash walk's by default; another grammar passes its own).
 */
export function copyTree(tree: Tree, source: string, fieldsRead: ReadonlySet<string>): SyntaxNode {
  const { language } = tree;
  const named: boolean[] = [];
  const cursor = tree.walk();
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
      if (cursor.gotoFirstChild()) {
        enter();
        continue;
      }
      for (;;) {
        if (path.length === 1) return root;
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
