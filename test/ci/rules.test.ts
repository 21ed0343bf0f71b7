import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LATEST_RUNNER_LABELS, RUNNER_TABLE_CHECKED } from '../../rules/checks/runner-floating';
import { localFix } from '../support/findings';
import { SAMPLE_COMMIT, SAMPLE_TAG } from '../support/fixes';
import { applyFix, byRule, checkFix, lintText, spanText, streamChanges, summarize } from '../yaml/support';
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

test('action-unpinned: a warning whose commit fix writes `@<commit> # <tag>` in place: the file re-parses, only that value changed, the finding is gone', async () => {
  const result = await lintCiFixture('github-actions/.github/workflows/node-ci.yml');
  const findings = byRule(result.findings, 'action-unpinned');
  assert.ok(findings.length > 0);
  for (const finding of findings) {
    assert.equal(finding.severity, 'warning');
    const [fix] = finding.fixes;
    assert.ok(fix?.kind === 'commit', `${spanText(result.text, finding)} has a commit fix`);
    const written = spanText(result.text, finding);
    const [action, ref] = [written.slice(0, written.lastIndexOf('@')), written.slice(written.lastIndexOf('@') + 1)];
    assert.deepEqual({ title: fix.title, repository: fix.repository, ref: fix.ref }, {
      title: `Pin ${written} to commit`,
      repository: { github: action.split('/').slice(0, 2).join('/') },
      ref,
    });
    const fixed = applyFix(result.text, fix);
    const changes = streamChanges(result.text, fixed);
    assert.equal(changes.length, 1);
    assert.deepEqual({ ...changes[0], path: '' }, { path: '', kind: 'changed', before: written, after: `${action}@${SAMPLE_COMMIT}` });
    assert.ok(fixed.includes(`${action}@${SAMPLE_COMMIT} # ${SAMPLE_TAG}\n`));
    const again = await lintText('.github/workflows/node-ci.yml', fixed);
    assert.ok(!again.findings.some((f) => f.rule === 'action-unpinned' && f.range.start.line === finding.range.start.line));
  }
});

test('action-unpinned: the tag comment goes after the quotes and before a comment already there; in a flow collection there is no fix', async () => {
  const text = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: 'acme/tool@main' # keep\n      - {uses: acme/other@v1, with: {a: 1}}\n";
  const result = await lintText('.github/workflows/a.yml', text);
  const [quoted, flow] = byRule(result.findings, 'action-unpinned');
  assert.equal(applyFix(text, quoted.fixes[0]), text.replace("'acme/tool@main' # keep", `'acme/tool@${SAMPLE_COMMIT}' # ${SAMPLE_TAG} # keep`));
  assert.deepEqual(flow.fixes, []);
});
