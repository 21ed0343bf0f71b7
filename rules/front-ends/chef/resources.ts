import type { BlockNode, CallNode, Node } from '@ruby/prism';
import type { Span, TextEdit } from '../../types';
import { childrenOf, rubyNodes, walkNodes } from './prism';
import type { RubySource } from './source';

/** A property set in a resource's block: `version '1.2'`, `action :upgrade`. */
export interface Property {
  name: string;
  call: CallNode;
  args: Node[];
  /** The property's name word. */
  nameSpan: Span;
}

/** A Chef resource: a receiver-less call with a name argument and an optional `do … end` block. */
export interface Resource {
  type: string;
  call: CallNode;
  /** The resource type word (`package`). */
  typeSpan: Span;
  /** The name arguments (`'nginx'`, `%w(a b)`). */
  args: Node[];
  block: BlockNode | undefined;
  /** Properties in source order; a later one overrides an earlier one of the same name. */
  properties: Property[];
  /** From the type word to the block's `end`, heredoc bodies included. */
  span: Span;
  /** The resource's first line, without surrounding blanks. */
  firstLine: Span;
  /** Removes the whole resource (its lines, when it has them to itself); undefined where that would break the code. */
  removal: TextEdit[] | undefined;
}

/** Calls with arguments that are recipe/resource DSL, not resources: their blocks hold resources, not properties. */
const NOT_RESOURCES = new Set([
  'action',
  'action_class',
  'attribute',
  'default_action',
  'define_method',
  'include',
  'include_recipe',
  'load_current_value',
  'property',
  'provides',
  'raise',
  'require',
  'require_relative',
  'resource_name',
  'with_run_context',
]);

/** Containers whose statements still belong to the enclosing resource block (`version '1' if pinned`). */
function conditionalBodies(node: Node): Node[] | undefined {
  const P = rubyNodes();
  if (node instanceof P.StatementsNode) return node.body;
  if (node instanceof P.IfNode) return [node.statements, node.subsequent].filter(isNode);
  if (node instanceof P.UnlessNode) return [node.statements, node.elseClause].filter(isNode);
  if (node instanceof P.ElseNode) return [node.statements].filter(isNode);
  if (node instanceof P.CaseNode) return [...node.conditions, node.elseClause].filter(isNode);
  if (node instanceof P.WhenNode) return [node.statements].filter(isNode);
  if (node instanceof P.BeginNode) return [node.statements].filter(isNode);
  if (node instanceof P.ParenthesesNode) return [node.body].filter(isNode);
  return undefined;
}

function isNode<T extends Node>(node: T | null): node is T {
  return node !== null;
}

/** One step of the walk in findResources: the steps of a node are pushed in reverse, so that they run in order. */
type Step = { visit: Node } | { collect: Node; resource: Resource } | { enter: Node } | { leave: true };

export function findResources(program: Node, source: RubySource): Resource[] {
  const P = rubyNodes();
  const resources: Resource[] = [];
  /** Ancestors of the node being visited, nearest last. */
  const ancestors: Node[] = [];
  // An explicit stack, not recursion: a line of 5,000 `&&` is a tree 5,000 deep.
  const pending: Step[] = [{ visit: program }];
  const inOrder = (steps: readonly Step[]): void => {
    for (let i = steps.length - 1; i >= 0; i--) pending.push(steps[i]);
  };
  const visits = (nodes: readonly Node[]): Step[] => nodes.map((node) => ({ visit: node }));
  const withChildren = (node: Node): Step[] => [{ enter: node }, ...visits(childrenOf(node)), { leave: true }];
  for (let step = pending.pop(); step; step = pending.pop()) {
    if ('enter' in step) ancestors.push(step.enter);
    else if ('leave' in step) ancestors.pop();
    else if ('visit' in step) {
      const node = step.visit;
      if (!(node instanceof P.CallNode && isResourceCall(node))) {
        inOrder(withChildren(node));
        continue;
      }
      const resource = toResource(node, ancestors, source);
      resources.push(resource);
      const body = resource.block?.body;
      const block: Step[] = resource.block && body ? [{ enter: resource.block }, { collect: body, resource }, { leave: true }] : [];
      inOrder([{ enter: node }, ...visits(resource.args), ...block, { leave: true }]);
    } else {
      // Receiver-less calls in the block (through conditionals) are properties; anything else is code to search.
      const { collect: node, resource } = step;
      const inner = conditionalBodies(node);
      if (inner) {
        const predicate = (node instanceof P.IfNode || node instanceof P.UnlessNode) && node.predicate ? visits([node.predicate]) : [];
        inOrder([{ enter: node }, ...predicate, ...inner.map((child): Step => ({ collect: child, resource })), { leave: true }]);
      } else if (node instanceof P.CallNode && node.receiver === null && node.messageLoc) {
        resource.properties.push({
          name: node.name,
          call: node,
          args: node.arguments_?.arguments_ ?? [],
          nameSpan: source.span(node.messageLoc),
        });
        inOrder(withChildren(node));
      } else {
        inOrder(visits([node]));
      }
    }
  }
  return resources;
}

/** `declare_resource(:package, 'nginx') do … end` and friends: the type is the first argument. */
const DECLARING = new Set(['declare_resource', 'edit_resource', 'edit_resource!']);

function isResourceCall(node: CallNode): boolean {
  if (node.receiver !== null || !node.messageLoc || NOT_RESOURCES.has(node.name)) return false;
  const args = node.arguments_?.arguments_ ?? [];
  if (args.length === 0) return false;
  return DECLARING.has(node.name) || /^[a-z_][a-z0-9_]*$/.test(node.name);
}

function toResource(call: CallNode, ancestors: readonly Node[], source: RubySource): Resource {
  const P = rubyNodes();
  const block = call.block instanceof P.BlockNode ? call.block : undefined;
  const start = source.nodeSpan(call).start;
  const span = { start, end: Math.max(source.nodeSpan(call).end, heredocEnd(call, source)) };
  const args = call.arguments_?.arguments_ ?? [];
  const declared = DECLARING.has(call.name) && args[0] instanceof P.SymbolNode ? args[0] : undefined;
  return {
    type: declared ? declared.unescaped.value : call.name,
    call,
    typeSpan: source.span(declared?.location ?? call.messageLoc ?? call.location),
    args: declared ? args.slice(1) : args,
    block,
    properties: [],
    span,
    firstLine: firstLineOf(source.text, start),
    removal: removalOf(call, span, ancestors, source),
  };
}

/** Heredoc bodies sit after the line that opens them, outside the call's own location. */
function heredocEnd(node: Node, source: RubySource): number {
  if (!source.mayHoldHeredocs) return 0;
  const P = rubyNodes();
  let end = 0;
  walkNodes(node, (n) => {
    if (
      (n instanceof P.StringNode || n instanceof P.InterpolatedStringNode || n instanceof P.XStringNode || n instanceof P.InterpolatedXStringNode) &&
      n.openingLoc &&
      n.closingLoc &&
      source.slice(source.span(n.openingLoc)).startsWith('<<')
    ) {
      end = Math.max(end, source.span(n.closingLoc).end);
    }
  });
  return end;
}

function firstLineOf(text: string, start: number): Span {
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  while (end > start && /[ \t]/.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * Edits that delete the resource statement: the call, or the `if`/`unless`/`rescue` modifier wrapping it.
 * Only a statement of a statement list can go; when it has its lines to itself, the lines go with it.
 */
function removalOf(call: CallNode, callSpan: Span, ancestors: readonly Node[], source: RubySource): TextEdit[] | undefined {
  const P = rubyNodes();
  const at = (distance: number): Node | undefined => ancestors[ancestors.length - 1 - distance];
  let unit = callSpan;
  let container: Node | undefined;
  const parent = at(0);
  const grandparent = at(1);
  if (parent instanceof P.RescueModifierNode && parent.expression === call) {
    unit = { start: callSpan.start, end: Math.max(callSpan.end, source.nodeSpan(parent).end) };
    container = grandparent;
  } else if (
    parent instanceof P.StatementsNode &&
    (grandparent instanceof P.IfNode || grandparent instanceof P.UnlessNode) &&
    grandparent.statements === parent &&
    source.nodeSpan(grandparent).start === callSpan.start
  ) {
    unit = { start: callSpan.start, end: Math.max(callSpan.end, source.nodeSpan(grandparent).end) };
    container = at(2);
  } else {
    container = parent;
  }
  if (!(container instanceof P.StatementsNode)) return undefined;
  return [{ span: wholeLines(source.text, unit) ?? unit, newText: '' }];
}

/** The span grown to whole lines (with the last line break and a trailing comment), when nothing else shares them. */
function wholeLines(text: string, span: Span): Span | undefined {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') return undefined;
  let end = span.end;
  if (text[end - 1] === '\n') return { start, end };
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (text[end] === '#') while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (end === text.length) return { start, end };
  if (text.startsWith('\r\n', end)) return { start, end: end + 2 };
  if (text[end] === '\n' || text[end] === '\r') return { start, end: end + 1 };
  return undefined;
}

/** The last property of that name (Chef: a later call overrides an earlier one). */
export function propertyOf(resource: Resource, ...names: string[]): Property | undefined {
  for (let i = resource.properties.length - 1; i >= 0; i--) {
    if (names.includes(resource.properties[i].name)) return resource.properties[i];
  }
  return undefined;
}
