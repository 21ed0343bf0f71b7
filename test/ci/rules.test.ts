import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LATEST_RUNNER_LABELS, RUNNER_TABLE_CHECKED } from '../../rules/checks/runner-floating';
import { localFix } from '../support/findings';
import { byRule, checkFix, lintText, summarize } from '../yaml/support';
import { lintCiFixture } from './support';

test('runner-floating: the fix writes the release the table gives, inside the quotes, and the finding is gone', async () => {
  const result = await lintCiFixture('github-actions/.github/workflows/release.yml');
  const [runner] = byRule(result.findings, 'runner-floating');
  assert.equal(runner.severity, 'info');
  assert.equal(localFix(runner).title, `Use \`ubuntu-26.04\`, what \`ubuntu-latest\` means as of ${RUNNER_TABLE_CHECKED}`);
  const fixed = await checkFix('repo/.github/workflows/release.yml', result.text, runner, [
    { path: '#0.jobs.image.runs-on', kind: 'changed', before: 'ubuntu-latest', after: 'ubuntu-26.04' },
  ]);
  assert.ok(fixed.includes('    runs-on: "ubuntu-26.04"\n'));
});

test('runner-floating: each -latest label has a concrete release in the table; concrete and self-hosted labels are silent', async () => {
  assert.deepEqual(Object.keys(LATEST_RUNNER_LABELS).sort(), ['macos-latest', 'ubuntu-latest', 'windows-latest']);
  for (const concrete of Object.values(LATEST_RUNNER_LABELS)) assert.match(concrete, /^(?:ubuntu-\d\d\.\d\d|windows-\d{4}|macos-\d+)$/);
  const text = 'jobs:\n  a:\n    runs-on: [self-hosted, linux, ubuntu-24.04, macos-15, windows-2022, latest]\n    steps: [{run: echo}]\n';
  assert.deepEqual(summarize(await lintText('.github/workflows/a.yml', text)), []);
});

test('runner-floating: a list label is fixed alone; the other labels stay', async () => {
  const text = 'on: push\njobs:\n  a:\n    runs-on: [self-hosted, windows-latest] # build farm\n    steps:\n      - run: echo hi\n';
  const result = await lintText('.github/workflows/a.yml', text);
  const fixed = await checkFix('.github/workflows/a.yml', text, result.findings[0], [
    { path: '#0.jobs.a.runs-on[1]', kind: 'changed', before: 'windows-latest', after: 'windows-2025' },
  ]);
  assert.equal(fixed, text.replace('windows-latest', 'windows-2025'));
});

test('action-unpinned and runner-floating follow next-line pragmas on a step and a job', async () => {
  const text = [
    'jobs:',
    '  a:',
    '    # driftless-disable-next-line runner-floating -- we track the newest image on purpose',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      # driftless-disable-next-line action-unpinned',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/cache@v4',
    '',
  ].join('\n');
  assert.deepEqual(summarize(await lintText('.github/workflows/a.yml', text)), ['action-unpinned 8:15 "actions/cache@v4"']);
});

test('action-unpinned: severity per layer is CI only; no fix until commit pinning', async () => {
  const result = await lintCiFixture('github-actions/.github/workflows/node-ci.yml');
  for (const finding of byRule(result.findings, 'action-unpinned')) {
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.fixes, []);
  }
});
