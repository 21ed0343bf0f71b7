import type { LocalFix, Rule, RuleFinding, RunnerLabel } from '../types';

/** The day the table below was last checked. */
export const RUNNER_TABLE_CHECKED = '2026-12-06';

/**
 * What each GitHub-hosted `-latest` label means, as announced in actions/runner-images: `ubuntu-latest` moved to
 * Ubuntu 26.04 from 2026-10-19 to 2026-11-19 (issue 14748; that the rollout finished is not confirmed by a source
 * we could read), `windows-latest` to Windows Server 2025 in September 2025 (issue 12677), `macos-latest` to
 * macOS 26 from 2026-06-15 to 2026-07-15 (issue 14167). Checked on RUNNER_TABLE_CHECKED; update both together.
 */
export const LATEST_RUNNER_LABELS: Readonly<Record<string, string>> = {
  'ubuntu-latest': 'ubuntu-26.04',
  'windows-latest': 'windows-2025',
  'macos-latest': 'macos-26',
};

function concreteFix(runner: RunnerLabel, concrete: string): LocalFix {
  return { kind: 'local', title: `Use \`${concrete}\`, what \`${runner.label}\` means as of ${RUNNER_TABLE_CHECKED}`, edits: [{ span: runner.span, newText: concrete }], preferred: true };
}

/** `runs-on: ubuntu-latest`, `windows-latest`, `macos-latest`: a runner image GitHub moves to a new OS release. */
export const runnerFloating: Rule = {
  id: 'runner-floating',
  title: 'CI runner image that moves',
  severity: { ci: 'info' },
  summary: 'A GitHub Actions `runs-on` label `ubuntu-latest`, `windows-latest` or `macos-latest`.',
  docs: [
    'The `-latest` labels follow the newest OS release GitHub supports: when GitHub moves one, every job',
    'using it gets a new operating system, compilers, system libraries and preinstalled tools, without a',
    'change in the workflow.',
    '',
    'Name the release (`ubuntu-26.04`) and move to the next one in a reviewed change. The fix writes the',
    `release each label meant on ${RUNNER_TABLE_CHECKED} (${Object.entries(LATEST_RUNNER_LABELS).map(([l, c]) => `\`${l}\` is \`${c}\``).join(', ')}).`,
  ].join('\n'),
  fix: {
    needs: 'local',
    safe: false,
    why: 'The label written is the release the table says `-latest` meant when it was checked: if GitHub has moved the label since, or a job still ran on the older image during a rollout, the job changes OS.',
    consequence: 'check the job still works on that release',
  },
  check(facts) {
    const findings: RuleFinding[] = [];
    for (const runner of facts.runnerLabels) {
      const concrete = LATEST_RUNNER_LABELS[runner.label.toLowerCase()];
      if (!concrete) continue;
      findings.push({
        span: runner.span,
        message: `\`${runner.label}\` is a runner image GitHub moves to each new OS release (it meant \`${concrete}\` on ${RUNNER_TABLE_CHECKED}): the job's whole OS can change under it. Name the release (\`${concrete}\`) and move it deliberately.`,
        fixes: [concreteFix(runner, concrete)],
      });
    }
    return findings;
  },
};
