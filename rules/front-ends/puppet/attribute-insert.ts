import { lineBreakOf } from '../../text';
import type { TextEdit } from '../../types';
import type { SyntaxNode } from './parse';
import type { Attribute, Resource } from './resources';

/**
 * Edits adding `name => value` to a resource declared alone: a new line after the last attribute with the block's
 * indentation and `=>` column (every arrow moved out when the new name is longer, as puppet-lint's arrow alignment
 * wants), or `, name => value` on a one-line body. For a resource declared alone: a shared body would change them all.
 */
export function insertAttribute(resource: Resource, name: string, value: string, text: string): TextEdit[] {
  return insertAttributes(resource, [[name, value]], text);
}

/** Edits adding several `name => value` attributes, in this order, as `insertAttribute` adds one. */
export function insertAttributes(resource: Resource, entries: ReadonlyArray<readonly [name: string, value: string]>, text: string): TextEdit[] {
  const attributes = resource.attributes;
  const last = attributes[attributes.length - 1];
  const inline = entries.map(([name, value]) => `${name} => ${value}`).join(', ');
  if (!last) {
    const colon = resource.node.children.find((c) => c.type === ':');
    if (!colon) throw new Error('tree-sitter-puppet gave a resource body without `:`');
    return [{ span: { start: colon.endIndex, end: colon.endIndex }, newText: ` ${inline}` }];
  }
  const lineStarts = attributes.map((a) => lineStart(text, a.node.startIndex));
  const ownLines = new Set(lineStarts).size === attributes.length && lineStarts[0] > lineStart(text, resource.node.startIndex);
  if (!ownLines) return [{ span: { start: last.node.endIndex, end: last.node.endIndex }, newText: `, ${inline}` }];
  const indent = text.slice(lineStarts[attributes.length - 1], last.node.startIndex);
  const longest = entries.reduce((widest, [name]) => Math.max(widest, name.length), 0);
  const arrowColumn = attributes.reduce((widest, a, i) => Math.max(widest, arrowOf(a).startIndex - lineStarts[i]), indent.length + longest + 1);
  const edits: TextEdit[] = [];
  attributes.forEach((attribute, i) => {
    const nameEnd = attribute.nameNode.endIndex;
    const arrow = arrowOf(attribute).startIndex;
    const padding = ' '.repeat(arrowColumn - (nameEnd - lineStarts[i]));
    if (text.slice(nameEnd, arrow) !== padding) edits.push({ span: { start: nameEnd, end: arrow }, newText: padding });
  });
  const comma = nextComma(resource.node, last);
  const after = comma ? comma.endIndex : last.node.endIndex;
  const eol = lineBreakOf(text);
  const lines = entries.map(([name, value]) => `${eol}${indent}${name}${' '.repeat(arrowColumn - indent.length - name.length)}=> ${value},`);
  edits.push({ span: { start: after, end: after }, newText: `${comma ? '' : ','}${lines.join('')}` });
  return edits;
}

function arrowOf(attribute: Attribute): SyntaxNode {
  const arrow = attribute.node.children.find((c) => c.type === '=>');
  if (!arrow) throw new Error('tree-sitter-puppet gave an attribute without `=>`');
  return arrow;
}

/** The `,` right after an attribute in its body, if any. */
function nextComma(body: SyntaxNode, attribute: Attribute): SyntaxNode | undefined {
  const index = body.children.indexOf(attribute.node);
  const next = body.children[index + 1];
  return next?.type === ',' ? next : undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
