import type { Node } from '@ruby/prism';
import type { Facts } from '../../types';
import { rubyNodes } from './prism';
import { propertyOf, type Resource } from './resources';
import { staticText, valueSpan } from './ruby-strings';
import type { RubySource } from './source';

const LOCAL = /^(?:file:|\/|\\\\|[A-Za-z]:[\\/])/;

/** `remote_file` sources (one or several URLs); verified when the resource sets a `checksum`. */
export function addRemoteFileFacts(resource: Resource, source: RubySource, facts: Facts): void {
  const P = rubyNodes();
  const sources = propertyOf(resource, 'source');
  if (!sources) return;
  const verified = propertyOf(resource, 'checksum') !== undefined;
  const urls: Node[] = sources.args.flatMap((arg) => (arg instanceof P.ArrayNode ? arg.elements : [arg]));
  for (const node of urls) {
    const url = staticText(node);
    if (url !== undefined && LOCAL.test(url)) continue;
    const span = valueSpan(node, source);
    facts.downloads.push({ url: url ?? source.slice(span), span, how: 'remote_file', verified });
  }
}
