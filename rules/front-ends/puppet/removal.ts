import type { TextEdit } from '../../types';
import type { SyntaxNode } from './parse';
import type { Resource } from './resources';
import { literalText } from './strings';

/** Removes a declaration: its whole lines (and their line break) when it has them to itself, else its text alone. */
export function declarationRemoval(node: SyntaxNode, text: string): TextEdit[] {
  let start = node.startIndex;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = node.endIndex;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const ownsLines = (start === 0 || text[start - 1] === '\n') && (end === text.length || text[end] === '\n' || text[end] === '\r');
  if (!ownsLines) return [{ span: { start: node.startIndex, end: node.endIndex }, newText: '' }];
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return [{ span: { start, end }, newText: '' }];
}

/**
 * The resources of one type the manifest refers to (`Exec['x']` in `require`, `notify`, `subscribe`, `before`, and in
 * `->`/`~>` chains), read once per manifest. A reference or collector whose titles are not literal may name any of them.
 */
export class References {
  private readonly titles = new Map<string, SyntaxNode[]>();
  private unknown = false;

  constructor(root: SyntaxNode, type: string) {
    const visit = (node: SyntaxNode): void => {
      if (node.type === 'resource_reference' && node.firstNamedChild?.text.toLowerCase() === type) {
        for (const title of node.namedChildren.slice(1)) {
          const value = literalText(title);
          if (value === undefined) this.unknown = true;
          else this.titles.set(value, [...(this.titles.get(value) ?? []), node]);
        }
      } else if (node.type === 'resource_collector' && node.firstNamedChild?.text.toLowerCase() === type) {
        this.unknown = true;
      }
      for (const child of node.children) if (child.isNamed) visit(child);
    };
    visit(root);
  }

  /** Whether something outside the resource's own declaration may refer to it. */
  mayReferTo(resource: Resource): boolean {
    if (this.unknown) return true;
    const title = literalText(resource.title);
    if (title === undefined) return this.titles.size > 0;
    return (this.titles.get(title) ?? []).some((ref) => ref.startIndex < resource.node.startIndex || ref.endIndex > resource.node.endIndex);
  }
}
