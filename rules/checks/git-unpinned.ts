import type { CommitFix, GitCheckout, Rule, RuleFinding } from '../types';
import { COMMIT_PIN_FIX, httpRepository, pinToCommit } from './commit-pin';

const COMMIT = /^[0-9a-f]{40}$/i;
const VERSION_TAG = /^v?\d+(\.\d+)+([-+][0-9A-Za-z.-]+)?$/;

/** A ref that names fixed content: a full commit hash or a version-like tag. */
export function isPinnedRef(ref: string | undefined): boolean {
  return ref !== undefined && (COMMIT.test(ref) || VERSION_TAG.test(ref));
}

function describe(checkout: GitCheckout): string {
  const repo = checkout.repo ? ` of ${checkout.repo}` : '';
  if (checkout.ref === undefined) return `The git checkout${repo} names no ref: it takes the default branch as it is today.`;
  if (checkout.ref === 'HEAD') return `The git checkout${repo} takes \`HEAD\`: whatever was pushed last.`;
  return `The git checkout${repo} takes \`${checkout.ref}\`, a branch or tag that can move.`;
}

/** The commit in place of the ref, for a checkout that names one in a repository reachable over HTTP(S). */
function commitFix(checkout: GitCheckout): CommitFix[] {
  const repository = httpRepository(checkout.repo);
  if (!checkout.pin || !repository || checkout.ref === undefined) return [];
  return pinToCommit(checkout.ref, repository, checkout.ref, checkout.pin);
}

/** Ansible `git` without `version`, Chef `git` without `revision`, `ADD <git-url>#<branch>`. */
export const gitUnpinned: Rule = {
  id: 'git-unpinned',
  title: 'Git checkout of a moving ref',
  severity: { dockerfile: 'warning', host: 'warning', terraform: 'warning', ci: 'warning', puppet: 'warning' },
  summary: 'A git checkout of a branch, `HEAD` or no ref at all; a 40-hex commit or a version tag (`v1.2.3`) passes.',
  docs: [
    'A branch is a moving pointer: checking it out today and tomorrow gives different code, and nothing in',
    'the Dockerfile, play or recipe shows the difference.',
    '',
    'Check out a full commit hash, or a release tag (`v1.2.3`) the project does not move. Update it through a',
    'reviewed change.',
  ].join('\n'),
  fix: COMMIT_PIN_FIX,
  check(facts) {
    return facts.gitCheckouts
      .filter((checkout) => !isPinnedRef(checkout.ref))
      .map((checkout): RuleFinding => ({
        span: checkout.span,
        message: `${describe(checkout)} Pin a full commit hash or a release tag instead.`,
        fixes: commitFix(checkout),
      }));
  },
};
