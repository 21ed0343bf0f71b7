import type { Span } from '../../types';
import type { SyntaxNode } from './parse';
import { literalText } from './strings';
import { appendAll } from '../../arrays';

/** `name => value` in a resource body, a resource default or a hash argument. */
export interface Attribute {
  name: string;
  nameNode: SyntaxNode;
  value: SyntaxNode;
  node: SyntaxNode;
}

/** How a resource is declared. */
export type ResourceForm =
  /** `package { 'nginx': … }` */
  | 'declaration'
  /** `Package { … }` or `Package['nginx'] { … }`: attributes for resources declared elsewhere. */
  | 'default'
  /** `ensure_packages([…], {…})`, `ensure_resource('package', …)`, `ensure_resources('package', {…})` */
  | 'function';

/** One Puppet resource: a title array or a hash of titles declares one per title. */
export interface Resource {
  /** Lower case, namespaced as written: `package`, `docker::image`. */
  type: string;
  form: ResourceForm;
  /** The type word (`package`, `Package`, `'package'` in a function call). */
  typeNode: SyntaxNode;
  /** This resource's title (one element of a title array); undefined for a default without a reference. */
  title: SyntaxNode | undefined;
  /** In source order, defaults first for function forms: a later attribute of the same name wins. */
  attributes: Attribute[];
  /** The whole declaration, default or call. */
  node: SyntaxNode;
  /** The title expression this resource was declared with: a title array declares its resources together. */
  titles: Span;
  /** The declaration declares this resource alone (one body, one title) and is no operand of a `->`/`~>` chain. */
  alone: boolean;
}

/** The last attribute of that name (Puppet refuses duplicates in a body; a function's own hash overrides its defaults). */
export function attributeOf(resource: Resource, ...names: string[]): Attribute | undefined {
  for (let i = resource.attributes.length - 1; i >= 0; i--) {
    if (names.includes(resource.attributes[i].name)) return resource.attributes[i];
  }
  return undefined;
}

/** The literal value of an attribute; undefined when absent or built at compile time. */
export function literalAttribute(resource: Resource, ...names: string[]): string | undefined {
  return literalText(attributeOf(resource, ...names)?.value);
}

/**
 * Where resource-wide findings sit: `type { 'title'` for a resource declared alone with its title on the type's line,
 * else its title (one of a title array, a function's argument), else the type word.
 */
export function resourceName(resource: Resource, text: string): Span {
  const { typeNode, title } = resource;
  if (title && resource.alone && !text.slice(typeNode.startIndex, title.endIndex).includes('\n')) {
    return { start: typeNode.startIndex, end: title.endIndex };
  }
  return title ? { start: title.startIndex, end: title.endIndex } : { start: typeNode.startIndex, end: typeNode.endIndex };
}

const ENSURE_PACKAGES = new Set(['ensure_packages', 'stdlib::ensure_packages']);
const ENSURE_RESOURCE = new Set(['ensure_resource', 'stdlib::ensure_resource']);
const ENSURE_RESOURCES = new Set(['ensure_resources', 'stdlib::ensure_resources']);

/** Every resource in the manifest, in source order, wherever it sits (classes, defines, conditionals, lambdas). */
export function findResources(root: SyntaxNode): Resource[] {
  const resources: Resource[] = [];
  const visit = (node: SyntaxNode, parent: SyntaxNode | undefined): void => {
    if (node.type === 'resource_declaration') {
      appendAll(resources, declared(node, parent?.type === 'relation'));
      return;
    }
    if (node.type === 'resource_default') appendAll(resources, defaulted(node));
    else if (node.type === 'function_call') appendAll(resources, called(node));
    for (const child of node.children) if (child.isNamed) visit(child, node);
  };
  visit(root, undefined);
  return resources;
}

function attributeAt(node: SyntaxNode): Attribute | undefined {
  const nameNode = node.children.find((c) => c.field === 'name');
  const value = node.children.find((c) => c.field === 'value');
  const name = literalText(nameNode);
  return nameNode && value && name !== undefined ? { name, nameNode, value, node } : undefined;
}

/** The attributes among a node's children (a resource default's, a hash's). */
function attributesIn(node: SyntaxNode | undefined): Attribute[] {
  if (!node) return [];
  return node.children.flatMap((child) => {
    const attribute = child.type === 'attribute' ? attributeAt(child) : undefined;
    return attribute ? [attribute] : [];
  });
}

/** The titles a title expression names: each element of an array, else the expression itself. */
function titlesOf(title: SyntaxNode): SyntaxNode[] {
  return title.type === 'array' ? title.namedChildren : [title];
}

/** `type { 'a': x => 1; ['b', 'c']: y => 2 }`: bodies start at each `title` field; attributes follow it. */
function declared(node: SyntaxNode, chained: boolean): Resource[] {
  const typeNode = node.children.find((c) => c.field === 'type');
  if (!typeNode) return [];
  const bodies: { title: SyntaxNode; attributes: Attribute[] }[] = [];
  for (const child of node.children) {
    if (child.field === 'title') bodies.push({ title: child, attributes: [] });
    else if (child.type === 'attribute' && bodies.length > 0) {
      const attribute = attributeAt(child);
      if (attribute) bodies[bodies.length - 1].attributes.push(attribute);
    }
  }
  const alone = !chained && bodies.length === 1 && bodies[0].title.type !== 'array';
  return bodies.flatMap((body) =>
    titlesOf(body.title).map((title) => ({
      type: typeNode.text.toLowerCase(),
      form: 'declaration' as const,
      typeNode,
      title,
      attributes: body.attributes,
      node,
      titles: body.title.span,
      alone,
    })),
  );
}

/** `Package { ensure => latest }`, `Package['nginx'] { ensure => latest }` (an override of declared resources). */
function defaulted(node: SyntaxNode): Resource[] {
  const typeField = node.children.find((c) => c.field === 'type');
  if (!typeField) return [];
  const typeNode = typeField.type === 'resource_reference' ? typeField.firstNamedChild : typeField;
  if (!typeNode || typeNode.type === 'resource_reference') return [];
  const attributes = attributesIn(node);
  const titles = typeField.type === 'resource_reference' ? typeField.namedChildren.slice(1) : [undefined];
  return titles.map((title) => ({ type: typeNode.text.toLowerCase(), form: 'default' as const, typeNode, title, attributes, node, titles: typeField.span, alone: false }));
}

/** The resources `ensure_packages`, `ensure_resource` and `ensure_resources` declare, when their type is literal. */
function called(node: SyntaxNode): Resource[] {
  const [callee, ...args] = node.namedChildren.filter((c) => c.type !== 'lambda');
  const name = callee?.text;
  if (!name) return [];
  if (ENSURE_PACKAGES.has(name)) return titledResources(node, 'package', callee, args[0], args[1]);
  if (!ENSURE_RESOURCE.has(name) && !ENSURE_RESOURCES.has(name)) return [];
  const type = literalText(args[0]);
  if (type === undefined) return [];
  if (ENSURE_RESOURCES.has(name)) return args[1]?.type === 'hash' ? titledResources(node, type.toLowerCase(), args[0], args[1], args[2]) : [];
  return titledResources(node, type.toLowerCase(), args[0], args[1], args[2]);
}

/**
 * Resources from a title argument (a string, an array of titles, or a hash of title => attributes) and a hash of
 * attributes every one of them takes (their own, or defaults a hash of titles overrides).
 */
function titledResources(
  node: SyntaxNode,
  type: string,
  typeNode: SyntaxNode,
  titles: SyntaxNode | undefined,
  hash: SyntaxNode | undefined,
): Resource[] {
  if (!titles) return [];
  const common = hash?.type === 'hash' ? attributesIn(hash) : [];
  const make = (title: SyntaxNode, own: Attribute[]): Resource => ({
    type,
    form: 'function',
    typeNode,
    title,
    attributes: [...common, ...own],
    node,
    titles: titles.span,
    alone: false,
  });
  if (titles.type !== 'hash') return titlesOf(titles).map((title) => make(title, []));
  return attributesIn(titles).map((entry) => make(entry.nameNode, entry.value.type === 'hash' ? attributesIn(entry.value) : []));
}
