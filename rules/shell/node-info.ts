import type { Node } from 'web-tree-sitter';

/**
 * web-tree-sitter answers `node.type` and `node.isNamed` with a call into WASM each time (marshalling the node
 * first); the walk asks several times per node, so the answers are kept per node object.
 */
const types = new WeakMap<Node, string>();
const named = new WeakMap<Node, boolean>();

export function typeOf(node: Node): string {
  let type = types.get(node);
  if (type === undefined) {
    type = node.type;
    types.set(node, type);
  }
  return type;
}

export function isNamed(node: Node): boolean {
  let answer = named.get(node);
  if (answer === undefined) {
    answer = node.isNamed;
    named.set(node, answer);
  }
  return answer;
}
