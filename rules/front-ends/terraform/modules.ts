import { COMMIT_PLACEHOLDER, type Facts, type Span } from '../../types';
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
      const address = gitAddress(source.value);
      const ref = source.written && address.ref !== undefined ? refSpan(source.value, address.ref, source.span.start) : undefined;
      facts.gitCheckouts.push({ ...address, span: source.span, ...(ref ? { pin: [{ span: ref, newText: COMMIT_PLACEHOLDER }] } : {}) });
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

/** Where the `ref=` value of a source's query sits in the file, when it is written as is (not percent-encoded). */
function refSpan(source: string, ref: string, offset: number): Span | undefined {
  const query = source.indexOf('?');
  const match = /(?:^|&)ref=([^&]*)/.exec(source.slice(query + 1));
  if (query < 0 || !match || match[1] !== ref) return undefined;
  const start = offset + query + 1 + match.index + match[0].length - ref.length;
  return { start, end: start + ref.length };
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
