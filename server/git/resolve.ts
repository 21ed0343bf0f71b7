import { commitOf, type AdvertisedRef } from './refs';

/** What a ref means now, and the tag to write beside the commit. */
export interface Resolution {
  commit: string;
  via: 'branch' | 'tag';
  /** The version tag to keep as a comment: a full version the user wrote, else the most specific tag on that commit. */
  label: string;
}

const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const VERSION = /^v?(\d+(?:\.\d+)*)(?:[-+][0-9A-Za-z.-]+)?$/;

/**
 * Resolves `ref` as GitHub Actions does: a branch of that name first, then a tag (an annotated tag peeled to its
 * commit). Undefined when neither exists.
 */
export function resolveRef(refs: readonly AdvertisedRef[], ref: string): Resolution | undefined {
  const branch = refs.find((r) => r.name === `refs/heads/${ref}`);
  const tag = branch ? undefined : refs.find((r) => r.name === `refs/tags/${ref}`);
  const found = branch ?? tag;
  if (!found) return undefined;
  const commit = commitOf(found);
  const label = tag && FULL_VERSION.test(ref) ? ref : (versionTagsOn(refs, commit)[0] ?? ref);
  return { commit, via: branch ? 'branch' : 'tag', label };
}

/** The version tags on `commit`, most specific first (`v4.2.2`, `v4.2`, `v4`); a release before a pre-release. */
export function versionTagsOn(refs: readonly AdvertisedRef[], commit: string): string[] {
  const tags: Array<{ name: string; parts: number; release: boolean }> = [];
  for (const ref of refs) {
    if (!ref.name.startsWith('refs/tags/') || commitOf(ref) !== commit) continue;
    const name = ref.name.slice('refs/tags/'.length);
    const version = VERSION.exec(name);
    if (!version) continue;
    tags.push({ name, parts: version[1].split('.').length, release: !/[-+]/.test(name) });
  }
  return tags.sort((a, b) => b.parts - a.parts || Number(b.release) - Number(a.release)).map((tag) => tag.name);
}
