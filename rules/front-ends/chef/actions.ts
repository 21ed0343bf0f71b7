import type { Node } from '@ruby/prism';
import type { Span } from '../../types';
import { rubyNodes } from './prism';
import { propertyOf, type Resource } from './resources';
import { staticText, valueSpan } from './ruby-strings';
import type { RubySource } from './source';

export interface ActionToken {
  name: string;
  /** The `:upgrade` symbol (or `'upgrade'` string). */
  span: Span;
}

/**
 * The resource's `action` as written: `action :upgrade`, `action [:install, :upgrade]`, `action 'upgrade'`.
 * undefined when there is no `action` (the resource's default applies) or when it is not literal.
 */
export function actionsOf(resource: Resource, source: RubySource): ActionToken[] | undefined {
  const property = propertyOf(resource, 'action');
  if (!property) return undefined;
  const P = rubyNodes();
  const tokens: ActionToken[] = [];
  const add = (node: Node): boolean => {
    const name = staticText(node);
    if (name === undefined) return false;
    tokens.push({ name, span: node instanceof P.SymbolNode ? source.nodeSpan(node) : valueSpan(node, source) });
    return true;
  };
  for (const arg of property.args) {
    const elements = arg instanceof P.ArrayNode ? arg.elements : [arg];
    if (!elements.every(add)) return undefined;
  }
  return tokens;
}

/** Whether the resource runs one of `wanted`: its literal actions, or its default when none is written. */
export function runsAction(resource: Resource, source: RubySource, defaultAction: string, wanted: ReadonlySet<string>): boolean {
  const property = propertyOf(resource, 'action');
  if (!property) return wanted.has(defaultAction);
  const actions = actionsOf(resource, source);
  return actions !== undefined && actions.some((a) => wanted.has(a.name));
}
