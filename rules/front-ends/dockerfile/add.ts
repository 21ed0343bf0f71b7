import type { Add } from 'dockerfile-ast';
import type { LineIndex } from '../../text';
import { CHECKSUM_PLACEHOLDER, COMMIT_PLACEHOLDER, type Download, type Facts, type TextEdit } from '../../types';

/** Docker treats these sources as git repositories rather than files to download. */
const GIT_URL = /^(git@|git:\/\/)|^[a-z]+:\/\/[^#?]*\.git(?:[#?/]|$)/i;
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `ADD <url>` without `--checksum=` -> a download; `ADD <git-url>#<ref>` -> a git checkout. */
export function addSources(add: Add, text: string, lines: LineIndex, facts: Facts): void {
  const checksumFlag = add.getFlags().find((f) => f.getName().toLowerCase() === 'checksum');
  const verified = checksumFlag !== undefined && (checksumFlag.getValue() ?? '') !== '';
  const json = add.getJSONStrings();
  const args = json.length > 0 ? json : add.getArguments();
  const sources = args.slice(0, -1);
  for (const source of sources) {
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
      const download: Download = { url, span, how: 'add', verified };
      if (!verified) {
        const blocker = checksumBlocker(url, sources.length, checksumFlag !== undefined);
        if (blocker) download.pinBlocker = blocker;
        else download.pin = [checksumFlagEdit(add, lines)];
      }
      facts.downloads.push(download);
    }
  }
}

/** Why `ADD` cannot take a `--checksum` for this source, or undefined when it can. */
function checksumBlocker(url: string, sources: number, emptyFlag: boolean): string | undefined {
  if (emptyFlag) return 'its `--checksum=` is empty: fill it in or remove it';
  if (sources > 1) return '`--checksum` covers one source, and this `ADD` has several';
  if (url.includes('$')) return 'the URL is built from variables';
  if (!/^https?:\/\//i.test(url)) return '`ADD --checksum` verifies HTTP(S) sources only';
  return undefined;
}

/** `--checksum=sha256:<hex> ` before the instruction's first flag or argument. */
function checksumFlagEdit(add: Add, lines: LineIndex): TextEdit {
  const starts = [...add.getFlags().map((f) => f.getRange().start), ...add.getArgumentsRanges().map((r) => r.start)].map((p) => lines.offset(p));
  const at = starts.reduce((min, offset) => Math.min(min, offset), Infinity);
  return { span: { start: at, end: at }, newText: `--checksum=sha256:${CHECKSUM_PLACEHOLDER} ` };
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
