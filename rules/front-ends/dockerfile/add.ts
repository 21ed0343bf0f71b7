import type { Add } from 'dockerfile-ast';
import type { LineIndex } from '../../text';
import { COMMIT_PLACEHOLDER, type Facts } from '../../types';

/** Docker treats these sources as git repositories rather than files to download. */
const GIT_URL = /^(git@|git:\/\/)|^[a-z]+:\/\/[^#?]*\.git(?:[#?/]|$)/i;
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `ADD <url>` without `--checksum=` -> a download; `ADD <git-url>#<ref>` -> a git checkout. */
export function addSources(add: Add, text: string, lines: LineIndex, facts: Facts): void {
  const verified = add.getFlags().some((f) => f.getName().toLowerCase() === 'checksum' && (f.getValue() ?? '') !== '');
  const json = add.getJSONStrings();
  const args = json.length > 0 ? json : add.getArguments();
  for (const source of args.slice(0, -1)) {
    const range = source.getRange();
    let span = { start: lines.offset(range.start), end: lines.offset(range.end) };
    let url = text.slice(span.start, span.end);
    if (json.length > 0) {
      span = { start: span.start + 1, end: span.end - 1 };
      url = text.slice(span.start, span.end);
    }
    if (GIT_URL.test(url)) {
      const { repo, ref } = splitGitUrl(url);
      const hash = url.indexOf('#');
      const written = ref !== undefined && hash >= 0 && url.startsWith(ref, hash + 1);
      const at = span.start + hash + 1;
      facts.gitCheckouts.push({ repo, ref, span, ...(written ? { pin: [{ span: { start: at, end: at + ref.length }, newText: COMMIT_PLACEHOLDER }] } : {}) });
    } else if (REMOTE.test(url)) {
      facts.downloads.push({ url, span, how: 'add', verified });
    }
  }
}

/** `https://host/x.git#v1.2.3:subdir` or `…x.git?ref=v1.2.3&subdir=…`: the repository and the ref. */
function splitGitUrl(url: string): { repo: string; ref?: string } {
  const hash = url.indexOf('#');
  if (hash >= 0) {
    const ref = url.slice(hash + 1).split(':')[0];
    return { repo: url.slice(0, hash), ref: ref === '' ? undefined : ref };
  }
  const query = url.indexOf('?');
  if (query >= 0) {
    const params = new URLSearchParams(url.slice(query + 1));
    const ref = params.get('ref') ?? params.get('tag') ?? params.get('commit') ?? params.get('branch') ?? undefined;
    return { repo: url.slice(0, query), ref: ref ?? undefined };
  }
  return { repo: url };
}
