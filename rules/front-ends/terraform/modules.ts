import type { Facts } from '../../types';
import { attribute, type HclBlock } from './hcl';
import { stringLiteral } from './values';

/** `<namespace>/<name>/<provider>`, after an optional registry host, with an optional `//subdir`. */
const REGISTRY_ADDRESS = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\/)?[a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*\/[a-z0-9]+(?:\/\/.*)?$/i;
/** Sources Terraform fetches with git: the forced `git::` prefix, and the hosts and scp-like form it detects as git. */
const GIT_SOURCE = /^(?:git::|git@|(?:github\.com|bitbucket\.org)\/)/;

/** `module` blocks: registry addresses with their `version`, git sources as checkouts. */
export function addModuleFacts(blocks: readonly HclBlock[], facts: Facts): void {
  for (const block of blocks) {
    if (block.type !== 'module') continue;
    const source = stringLiteral(attribute(block, 'source')?.value);
    if (!source) continue;
    if (GIT_SOURCE.test(source.value)) {
      facts.gitCheckouts.push({ ...gitAddress(source.value), span: source.span });
      continue;
    }
    const registry = REGISTRY_ADDRESS.test(source.value);
    const versionAttribute = attribute(block, 'version');
    const version = stringLiteral(versionAttribute?.value);
    // A version built from a variable is unknown: it is not reported as missing.
    if (versionAttribute && !version) continue;
    facts.moduleSources.push({ source: source.value, span: source.span, registry, version: version && { text: version.value, span: version.span } });
  }
}

/** The repository and the `?ref=` of a git module source. */
function gitAddress(source: string): { repo: string; ref?: string } {
  const bare = source.replace(/^git::/, '');
  const query = bare.indexOf('?');
  const address = query < 0 ? bare : bare.slice(0, query);
  const ref = query < 0 ? undefined : (new URLSearchParams(bare.slice(query + 1)).get('ref') ?? undefined);
  const scheme = address.indexOf('://');
  const subdir = address.indexOf('//', scheme < 0 ? 0 : scheme + 3);
  return { repo: subdir < 0 ? address : address.slice(0, subdir), ref };
}
