import { appendAll } from '../../arrays';
import type { Span } from '../../types';
import type { SyntaxNode } from './parse';
import { stringLiteral } from './values';

/** An HCL block: `resource "aws_instance" "web" { … }`, `lifecycle { … }`. */
export interface HclBlock {
  type: string;
  /** Label values; undefined for a label that is not a plain string. */
  labels: (string | undefined)[];
  span: Span;
  /** From the block type to its last label: what names the block. */
  header: Span;
  attributes: HclAttribute[];
  blocks: HclBlock[];
  /** The `{` and `}` of the block. */
  open: Span;
  close: Span;
}

/** `name = expression`. */
export interface HclAttribute {
  name: string;
  span: Span;
  nameSpan: Span;
  /** Where the `=` sits. */
  equals: Span;
  /** The `expression` node. */
  value: SyntaxNode;
}

const spanOf = (node: SyntaxNode): Span => ({ start: node.startIndex, end: node.endIndex });

/** The blocks and attributes of a `body` node (the file's, or a block's). */
export function readBody(body: SyntaxNode | undefined): { attributes: HclAttribute[]; blocks: HclBlock[] } {
  const attributes: HclAttribute[] = [];
  const blocks: HclBlock[] = [];
  for (const child of body?.children ?? []) {
    if (child.type === 'attribute') {
      const attribute = readAttribute(child);
      if (attribute) attributes.push(attribute);
    } else if (child.type === 'block') {
      const block = readBlock(child);
      if (block) blocks.push(block);
    }
  }
  return { attributes, blocks };
}

function readAttribute(node: SyntaxNode): HclAttribute | undefined {
  const [name, equals, value] = node.children;
  if (name?.type !== 'identifier' || equals?.type !== '=' || value?.type !== 'expression') return undefined;
  return { name: name.text, span: spanOf(node), nameSpan: spanOf(name), equals: spanOf(equals), value };
}

function readBlock(node: SyntaxNode): HclBlock | undefined {
  const [type] = node.children;
  const open = node.children.find((c) => c.type === 'block_start');
  const close = node.children.find((c) => c.type === 'block_end');
  if (type?.type !== 'identifier' || !open || !close) return undefined;
  const labelNodes = node.children.filter((c) => c.type === 'string_lit' || (c.type === 'identifier' && c !== type));
  const labels = labelNodes.map((label) => (label.type === 'identifier' ? label.text : stringLiteral(label)?.value));
  const body = readBody(node.children.find((c) => c.type === 'body'));
  const last = labelNodes.length > 0 ? labelNodes[labelNodes.length - 1] : type;
  return {
    type: type.text,
    labels,
    span: spanOf(node),
    header: { start: type.startIndex, end: last.endIndex },
    attributes: body.attributes,
    blocks: body.blocks,
    open: spanOf(open),
    close: spanOf(close),
  };
}

export function attribute(block: HclBlock, name: string): HclAttribute | undefined {
  return block.attributes.find((a) => a.name === name);
}

export function blocksNamed(block: HclBlock, type: string): HclBlock[] {
  return block.blocks.filter((b) => b.type === type);
}

const flattened = new WeakMap<readonly HclBlock[], readonly HclBlock[]>();

/**
 * The blocks and every block nested in them, depth first; listed once per array of blocks, since each fact
 * reader walks them all.
 */
export function allBlocks(blocks: readonly HclBlock[]): readonly HclBlock[] {
  let all = flattened.get(blocks);
  if (!all) {
    const out: HclBlock[] = [];
    for (const block of blocks) {
      out.push(block);
      appendAll(out, allBlocks(block.blocks));
    }
    all = out;
    flattened.set(blocks, all);
  }
  return all;
}
