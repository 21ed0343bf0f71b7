import type { CommitFix, FixDeclaration, GitRepository, TextEdit } from '../types';

/** The git rules' fix: write the commit a ref points to now. */
export const COMMIT_PIN_FIX: FixDeclaration = {
  needs: 'network',
  asks: 'git',
  safe: true,
  why: 'The commit written is the one the branch or tag points to now: the next run checks out the code a run checks out today.',
};

/** Terraform reads `github.com/<owner>/<repo>` as that repository over HTTPS. */
const GITHUB_SHORTHAND = /^github\.com\/[\w.-]+\/[\w.-]+$/;

/** The repository a git source names, when it can be asked over HTTP(S); SSH and scp-like addresses cannot. */
export function httpRepository(repo: string | undefined): GitRepository | undefined {
  if (!repo) return undefined;
  const bare = repo.replace(/^git::/, '');
  if (GITHUB_SHORTHAND.test(bare)) return { url: `https://${bare.endsWith('.git') ? bare : `${bare}.git`}` };
  return /^https?:\/\/[^\s#?]+$/i.test(bare) ? { url: bare } : undefined;
}

export function pinToCommit(what: string, repository: GitRepository, ref: string, edits: TextEdit[]): CommitFix {
  return { kind: 'commit', title: `Pin ${what} to commit`, repository, ref, edits };
}
