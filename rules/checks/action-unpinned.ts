import type { ActionRef, CommitFix, Rule, RuleFinding } from '../types';
import { COMMIT_PIN_FIX, pinToCommit } from './commit-pin';

const COMMIT = /^[0-9a-f]{40}$/i;

function message(ref: ActionRef): string {
  const what = ref.reusableWorkflow ? 'The reusable workflow' : 'The action';
  return (
    `${what} \`${ref.action}@${ref.ref}\` runs whatever \`${ref.ref}\` points to when the job starts, with this workflow's token and secrets: ` +
    `tags and branches move. Pin it to a full commit SHA (\`${ref.action}@<40-hex> # ${ref.ref}\`).`
  );
}

/** `@<commit> # <tag>`, resolved in `owner/repo` on the GitHub that `github.url` names. */
function commitFix(ref: ActionRef): CommitFix[] {
  if (!ref.pin) return [];
  const repository = ref.action.split('/').slice(0, 2).join('/');
  return pinToCommit(`${ref.action}@${ref.ref}`, { github: repository }, ref.ref, ref.pin);
}

/** GitHub Actions `uses: owner/repo[/path]@ref` whose ref is not a full commit SHA. */
export const actionUnpinned: Rule = {
  id: 'action-unpinned',
  title: 'Action or reusable workflow not pinned to a commit',
  severity: { ci: 'warning' },
  summary: 'A GitHub Actions `uses: owner/repo[/path]@<ref>` (a step or a reusable workflow) whose ref is a tag or a branch, not a 40-hex commit.',
  docs: [
    'A tag or a branch of an action is a name its owner can move: `actions/checkout@v4` runs the code `v4`',
    'points to when the job starts, with the repository token and every secret the job can read. A',
    'compromised or careless release changes your pipeline without a change in your repository.',
    '',
    'Pin the full commit SHA and keep the version as a comment for the reader and for Dependabot or Renovate:',
    '`uses: actions/checkout@<40-hex> # v4.2.2`. Local actions (`./path`) move with your repository and stay',
    'silent; `docker://` images go to the image rules.',
  ].join('\n'),
  fix: COMMIT_PIN_FIX,
  check(facts) {
    return facts.actionRefs
      .filter((ref) => !COMMIT.test(ref.ref))
      .map((ref): RuleFinding => ({ span: ref.span, message: message(ref), fixes: commitFix(ref) }));
  },
};
