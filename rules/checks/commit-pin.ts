import type { CommitFix, FixDeclaration, GitRepository, TextEdit } from '../types';

/** The git rules' fix: write the commit a ref points to now. */
export const COMMIT_PIN_FIX: FixDeclaration = {
  needs: 'network',
  asks: 'git',
  safe: true,
  why: 'The commit written is the one the branch or tag points to now: the next run checks out the code a run checks out today.',
};

/** What may be asked and printed: printable ASCII without spaces (a ref or URL from the workspace is untrusted text). */
const PRINTABLE = /^[\x21-\x7e]{1,255}$/;

/** Terraform reads `github.com/<owner>/<repo>` as that repository over HTTPS. */
const GITHUB_SHORTHAND = /^github\.com\/[\w.-]+\/[\w.-]+$/;

/** The repository a git source names, when it can be asked over HTTP(S); SSH and scp-like addresses cannot. */
export function httpRepository(repo: string | undefined): GitRepository | undefined {
  if (!repo) return undefined;
  const bare = repo.replace(/^git::/, '');
  if (GITHUB_SHORTHAND.test(bare)) return { url: `https://${bare.endsWith('.git') ? bare : `${bare}.git`}` };
  return /^https?:\/\/[^#?]+$/i.test(bare) && PRINTABLE.test(bare) ? { url: bare } : undefined;
}

/** The commit fix, for a ref that can be asked (printable, no spaces); none for another. */
export function pinToCommit(what: string, repository: GitRepository, ref: string, edits: TextEdit[]): CommitFix[] {
  return PRINTABLE.test(ref) && PRINTABLE.test(what) ? [{ kind: 'commit', title: `Pin ${what} to commit`, repository, ref, edits }] : [];
}

/** Text from the workspace as a message may show it: as written when printable, else quoted with escapes. */
export function shownRef(text: string): string {
  return PRINTABLE.test(text) ? text : JSON.stringify(text);
}
