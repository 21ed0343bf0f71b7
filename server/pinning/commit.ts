import { COMMIT_PLACEHOLDER, TAG_PLACEHOLDER, type CommitFix, type GitRepository, type TextEdit } from '../../rules/types';
import type { GitClient, RefResult } from '../git/client';
import type { FixResolver, LookupFailure, Verified } from './resolver';

export const DEFAULT_GITHUB_URL = 'https://github.com';

/** What is written as a commit: exactly 40 lower-case hex. */
const COMMIT = /^[0-9a-f]{40}$/;
/** What is written as a tag comment: a plain ref name, nothing a YAML comment or a terminal would read otherwise. */
const TAG = /^[0-9A-Za-z][0-9A-Za-z._/+-]{0,127}$/;

export interface CommitPinOptions {
  /** Where actions (`owner/repo`) live: `github.url` of `.driftless.yaml`. */
  githubUrl?: string;
}

/** The URL a fix's repository is asked at. */
export function repositoryUrl(repository: GitRepository, githubUrl = DEFAULT_GITHUB_URL): string {
  return 'url' in repository ? repository.url : `${githubUrl.replace(/\/+$/, '')}/${repository.github}`;
}

/** How outcome lines name a ref: `actions/checkout@v4`, or `main of https://example.com/app.git`. */
export function commitSubject(fix: Pick<CommitFix, 'repository' | 'ref'>): string {
  return 'github' in fix.repository ? `${fix.repository.github}@${fix.ref}` : `${fix.ref} of ${fix.repository.url}`;
}

/** The fix's edits with the commit (and tag) written in, after checking both are exactly what may be written. */
export function commitEdits(fix: Pick<CommitFix, 'edits' | 'repository' | 'ref'>, answer: Pick<Verified, 'value' | 'label'>): TextEdit[] | LookupFailure {
  const fail = (detail: string): LookupFailure => ({ ok: false, reason: 'malformed', message: `${commitSubject(fix)}: ${detail}; nothing was written` });
  if (!COMMIT.test(answer.value)) return fail('the answer is not a 40-hex commit');
  const tagged = fix.edits.some((edit) => edit.newText.includes(TAG_PLACEHOLDER));
  if (tagged && (answer.label === undefined || !TAG.test(answer.label))) return fail('the tag on that commit is not a plain version name');
  return fix.edits.map((edit) => ({
    span: edit.span,
    newText: edit.newText
      .split(COMMIT_PLACEHOLDER)
      .join(answer.value)
      .split(TAG_PLACEHOLDER)
      .join(answer.label ?? ''),
  }));
}

/**
 * Git ref -> commit through the git smart-HTTP client. `prepare` collects every ref asked of a repository, so the
 * first lookup there asks them all in one `ls-refs`; a ref seen later asks again with the whole set.
 */
export function commitFixResolver(client: GitClient, options: CommitPinOptions = {}): FixResolver<CommitFix> {
  const batches = new Map<string, { refs: Set<string>; answer?: Promise<Map<string, RefResult>> }>();
  const urlOf = (fix: CommitFix): string => repositoryUrl(fix.repository, options.githubUrl);
  const batchOf = (url: string) => {
    let batch = batches.get(url);
    if (!batch) {
      batch = { refs: new Set() };
      batches.set(url, batch);
    }
    return batch;
  };
  return {
    noun: 'reference',
    key: (fix) => `${urlOf(fix)}\n${fix.ref}`,
    subject: commitSubject,
    prepare(fixes) {
      for (const fix of fixes) batchOf(urlOf(fix)).refs.add(fix.ref);
    },
    async resolve(fix) {
      const url = urlOf(fix);
      const batch = batchOf(url);
      if (!batch.answer || !batch.refs.has(fix.ref)) {
        batch.refs.add(fix.ref);
        batch.answer = client.resolve(url, [...batch.refs]);
      }
      const result = (await batch.answer).get(fix.ref);
      if (!result) return { ok: false, reason: 'ref-unknown', message: `${commitSubject(fix)}: not asked` };
      if (!result.ok) return result;
      return { ok: true, value: result.commit, label: result.label, cached: false };
    },
    edits: commitEdits,
  };
}
