import type { BlockNode, CallNode, Node } from '@ruby/prism';
import { walkNodes, rubyNodes } from './prism';
import { staticText } from './ruby-strings';

/** `%w[curl git].each do |pkg|`: an `each` over an array of literals, its one block parameter taking each. */
interface LiteralLoop {
  parameter: string;
  /** The array's elements, each a string or symbol literal. */
  elements: Node[];
  /** Set when the block assigns to the parameter: its reads no longer name the elements. */
  reassigned: boolean;
}

export interface LiteralLoops {
  /** Each `each` over literals: a statement from the array to the block's `end`. */
  calls: CallNode[];
  /** The elements a read of a loop's parameter stands for; undefined for any other node. */
  elementsOf(node: Node): Node[] | undefined;
}

/**
 * Finds the loops over literal arrays and the reads of their parameter, scope by scope (prism's `depth`
 * counts the scopes a read climbs to the local it names). A parameter over anything else is unknown.
 */
export function findLiteralLoops(program: Node): LiteralLoops {
  const P = rubyNodes();
  const calls: CallNode[] = [];
  const reads = new Map<Node, LiteralLoop>();
  const bodies = new Map<BlockNode, LiteralLoop>();
  /** Per open scope (the program, a block, a method…), the literal loop whose body it is. */
  const scopes: (LiteralLoop | undefined)[] = [];
  const bound = (name: string, depth: number): LiteralLoop | undefined => {
    const loop = scopes[scopes.length - 1 - depth];
    return loop?.parameter === name ? loop : undefined;
  };
  walkNodes(program, (node) => {
    if (node instanceof P.LocalVariableReadNode) {
      const loop = bound(node.name, node.depth);
      if (loop) reads.set(node, loop);
    } else if (
      node instanceof P.LocalVariableWriteNode ||
      node instanceof P.LocalVariableOperatorWriteNode ||
      node instanceof P.LocalVariableOrWriteNode ||
      node instanceof P.LocalVariableAndWriteNode ||
      node instanceof P.LocalVariableTargetNode
    ) {
      const loop = bound(node.name, node.depth);
      if (loop) loop.reassigned = true;
    } else if (node instanceof P.CallNode && node.block instanceof P.BlockNode) {
      const loop = literalLoopOf(node, node.block);
      if (loop) {
        calls.push(node);
        bodies.set(node.block, loop);
      }
    }
    const opensScope =
      node instanceof P.ProgramNode ||
      node instanceof P.BlockNode ||
      node instanceof P.LambdaNode ||
      node instanceof P.DefNode ||
      node instanceof P.ClassNode ||
      node instanceof P.ModuleNode ||
      node instanceof P.SingletonClassNode;
    if (!opensScope) return;
    scopes.push(node instanceof P.BlockNode ? bodies.get(node) : undefined);
    return () => scopes.pop();
  });
  return {
    calls,
    elementsOf(node) {
      const loop = reads.get(node);
      return loop && !loop.reassigned ? loop.elements : undefined;
    },
  };
}

/** The loop a block is the body of: `<literal array>.each { |one| … }`, else undefined. */
function literalLoopOf(call: CallNode, block: BlockNode): LiteralLoop | undefined {
  const P = rubyNodes();
  if (call.name !== 'each' || call.arguments_ !== null || !(call.receiver instanceof P.ArrayNode)) return undefined;
  const elements = call.receiver.elements;
  if (elements.length === 0 || !elements.every((e) => (e instanceof P.StringNode || e instanceof P.SymbolNode) && staticText(e) !== undefined)) {
    return undefined;
  }
  const parameters = block.parameters instanceof P.BlockParametersNode ? block.parameters.parameters : null;
  if (!parameters) return undefined;
  const { requireds, optionals, rest, posts, keywords, keywordRest, block: blockParameter } = parameters;
  if (requireds.length !== 1 || optionals.length + posts.length + keywords.length > 0 || rest || keywordRest || blockParameter) return undefined;
  const [required] = requireds;
  if (!(required instanceof P.RequiredParameterNode)) return undefined;
  return { parameter: required.name, elements, reassigned: false };
}
