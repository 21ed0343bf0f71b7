import { COMMIT_PLACEHOLDER, type Facts } from '../../types';
import { attributeOf, literalAttribute, resourceName, type Resource } from './resources';
import { isVerbatimString, literalText, valueSpan } from './strings';

/**
 * A `vcsrepo` git checkout and the ref it follows: `revision` (none means the remote's default branch). A provider,
 * `ensure` or revision built at compile time is left alone: it cannot be judged.
 */
export function addVcsrepoFacts(resource: Resource, text: string, facts: Facts): void {
  const provider = attributeOf(resource, 'provider');
  if (provider && literalText(provider.value) !== 'git') return;
  if (literalAttribute(resource, 'ensure') === 'absent') return;
  const repo = literalAttribute(resource, 'source');
  const revision = attributeOf(resource, 'revision');
  if (!revision) {
    facts.gitCheckouts.push({ repo, span: resourceName(resource, text) });
    return;
  }
  const ref = literalText(revision.value);
  if (ref === undefined) return;
  const span = valueSpan(revision.value);
  // A verbatim string takes the commit inside its quotes, a bare word is replaced by a quoted commit, an escaped string is left alone.
  const newText = revision.value.type !== 'string' ? `'${COMMIT_PLACEHOLDER}'` : isVerbatimString(revision.value) ? COMMIT_PLACEHOLDER : undefined;
  facts.gitCheckouts.push({ repo, ref, span, ...(newText ? { pin: [{ span, newText }] } : {}) });
}
