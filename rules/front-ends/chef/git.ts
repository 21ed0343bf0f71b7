import { COMMIT_PLACEHOLDER, type Facts } from '../../types';
import { propertyOf, type Resource } from './resources';
import { rubyNodes } from './prism';
import { staticText, valueSpan } from './ruby-strings';
import type { RubySource } from './source';

/**
 * A `git` checkout and the ref it follows: `revision` (or its aliases `reference`, `branch`); none means
 * Chef's default, HEAD. A ref computed at run time (`node['app']['rev']`) is left alone: it cannot be judged.
 */
export function addGitFacts(resource: Resource, source: RubySource, facts: Facts): void {
  const repo = staticText(propertyOf(resource, 'repository')?.args[0]);
  const revision = propertyOf(resource, 'revision', 'reference', 'branch');
  if (!revision) {
    facts.gitCheckouts.push({ repo, span: resource.firstLine });
    return;
  }
  const node = revision.args[0];
  const ref = staticText(node);
  if (!node || ref === undefined) return;
  const span = valueSpan(node, source);
  const quoted = node instanceof rubyNodes().StringNode && span.end - span.start === ref.length && source.text.slice(span.start, span.end) === ref;
  facts.gitCheckouts.push({ repo, ref, span, ...(quoted ? { pin: [{ span, newText: COMMIT_PLACEHOLDER }] } : {}) });
}
