import type { Node } from 'web-tree-sitter';

/**
 * web-tree-sitter answers `node.type` and `node.isNamed` with a call into WASM each time (marshalling the node
 * first); the walk asks several times per node, so the answers are kept on the node object (a WeakMap cost more
 * in garbage collection than it saved).
 */
const TYPE = Symbol('driftless.type');
const NAMED = Symbol('driftless.named');
type Annotated = Node & { [TYPE]?: string; [NAMED]?: boolean };

export function typeOf(node: Node): string {
  return ((node as Annotated)[TYPE] ??= node.type);
}

export function isNamed(node: Node): boolean {
  return ((node as Annotated)[NAMED] ??= node.isNamed);
}
