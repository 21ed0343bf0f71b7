import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, SAMPLE_DIGEST } from '../support/fixes';
import { byRule, checkFix, lintText, summarize } from '../yaml/support';
import { lintCiFixture } from './support';

const NODE_CI = 'github-actions/.github/workflows/node-ci.yml';
const RELEASE = 'github-actions/.github/workflows/release.yml';

test('github actions: a Node CI with a matrix: unpinned actions, the literal runner, bash scripts; matrix expressions and Windows steps unknown', async () => {
  const result = await lintCiFixture(NODE_CI);
  assert.equal(result.kind, 'github-actions');
  assert.deepEqual(summarize(result), [
    'action-unpinned 23:15 "actions/setup-node@v4"',
    'runner-floating 31:14 "ubuntu-latest"',
    'action-unpinned 33:15 "actions/checkout@v4"',
    'package-unpinned 37:35 "shellcheck"',
    'remote-unverified 38:11 "curl -fsSL https://example.com/install-linter.sh | bash"',
    'in-place-upgrade 46:14 "apt-get upgrade -y"',
  ]);
  assert.deepEqual(result.facts!.runnerLabels.map((r) => r.label), ['ubuntu-latest', 'self-hosted', 'windows', 'x64']);
});

test('github actions: a release workflow: container and service images, docker:// steps, build-push-action, a workflow-wide bash default', async () => {
  const result = await lintCiFixture(RELEASE);
  assert.deepEqual(summarize(result), [
    'runner-floating 13:15 "ubuntu-latest"',
    'image-digest-missing 15:14 "node:22-bookworm"',
    'image-digest-missing 18:16 "registry:2"',
    'action-unpinned 22:15 "actions/checkout@v4.2.2"',
    'action-unpinned 23:15 "docker/setup-buildx-action@master"',
    'action-unpinned 24:15 "docker/login-action@v3"',
    'action-unpinned 30:15 "docker/build-push-action@v6"',
    'image-digest-missing 35:24 "aquasec/trivy:0.58.1"',
    'in-place-upgrade 39:14 "apt-get dist-upgrade -y"',
    'integrity-bypass 40:26 "--trusted-host"',
    'package-unpinned 40:58 "twine"',
    'image-latest-tag 44:16 "alpine"',
    'package-unpinned 50:22 "curl"',
  ]);
  assert.deepEqual(result.facts!.images.map((i) => i.text), [
    'node:22-bookworm',
    'registry:2',
    'redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'aquasec/trivy:0.58.1',
    'alpine',
  ]);
  const [checkout] = byRule(result.findings, 'action-unpinned');
  assert.equal(
    checkout.message,
    "The action `actions/checkout@v4.2.2` runs whatever `v4.2.2` points to when the job starts, with this workflow's token and secrets: tags and branches move. Pin it to a full commit SHA (`actions/checkout@<40-hex> # v4.2.2`).",
  );
});

test('github actions: reusable workflows: a remote call on a branch is reported, a commit and a local call are silent', async () => {
  const result = await lintCiFixture('github-actions/.github/workflows/deploy.yaml');
  assert.deepEqual(summarize(result), ['action-unpinned 12:11 "acme/platform/.github/workflows/deploy.yml@main"']);
  assert.match(result.findings[0].message, /^The reusable workflow `acme\/platform\/\.github\/workflows\/deploy\.yml@main`/);
  assert.deepEqual(result.facts!.actionRefs.map((r) => [r.action, r.ref, r.reusableWorkflow]), [
    ['acme/platform/.github/workflows/deploy.yml', 'main', true],
    ['acme/platform/.github/workflows/verify.yml', '0123456789abcdef0123456789abcdef01234567', true],
  ]);
});

test('github actions: a composite action: its uses: and bash steps, a folded script with an expression mapped to the file, python steps not read', async () => {
  const result = await lintCiFixture('github-actions/.github/actions/setup-tools/action.yml');
  assert.equal(result.kind, 'github-actions');
  assert.deepEqual(summarize(result), [
    'action-unpinned 10:13 "actions/cache@v4"',
    'remote-unverified 17:9 "curl -sSL \\"https://tools.example.com/${{ inputs.version }}/install.sh\\"\\n        | sh"',
    'package-unpinned 21:24 "requests"',
  ]);
});

test('github actions: a SHA with its version comment is silent; a short SHA, a branch and a tag are not', async () => {
  const text = [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
    '      - uses: actions/setup-go@0aaccfd',
    '      - uses: owner/repo/path/to/action@release/v2',
    "      - uses: 'owner/other@v1' # quoted",
    '      - uses: ./local/action',
    '      - uses: ${{ inputs.action }}',
    '',
  ].join('\n');
  const result = await lintText('repo/.github/workflows/ci.yml', text);
  assert.deepEqual(summarize(result), [
    'action-unpinned 7:15 "actions/setup-go@0aaccfd"',
    'action-unpinned 8:15 "owner/repo/path/to/action@release/v2"',
    'action-unpinned 9:16 "owner/other@v1"',
  ]);
});

test('github actions: runs-on as a string, a list and a group with labels; expressions and groups are not labels', async () => {
  const text = [
    'jobs:',
    '  a: { runs-on: macos-latest, steps: [{run: echo a}] }',
    '  b:',
    '    runs-on: [self-hosted, Windows-Latest]',
    '    steps: [{run: echo b}]',
    '  c:',
    '    runs-on:',
    '      group: ubuntu-latest',
    '      labels: ubuntu-latest',
    '    steps: [{run: echo c}]',
    '  d:',
    '    runs-on: ${{ inputs.runner || \'ubuntu-latest\' }}',
    '    steps: [{run: echo d}]',
    '',
  ].join('\n');
  const result = await lintText('.github/workflows/matrix.yaml', text);
  assert.deepEqual(summarize(result), [
    'runner-floating 2:17 "macos-latest"',
    'runner-floating 4:28 "Windows-Latest"',
    'runner-floating 9:15 "ubuntu-latest"',
  ]);
});

test('github actions: the shell a run: step gets: its own, the job default, the workflow default, PowerShell on Windows', async () => {
  const text = [
    'defaults:',
    '  run:',
    '    shell: pwsh',
    'jobs:',
    '  default-pwsh:',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    '      - run: apt-get upgrade -y',
    '      - run: apt-get upgrade -y',
    '        shell: bash -e {0}',
    '  job-bash:',
    '    runs-on: ubuntu-24.04',
    '    defaults: { run: { shell: bash } }',
    '    steps:',
    '      - run: apk upgrade',
    '      - run: apk upgrade',
    '        shell: ${{ inputs.shell }}',
    '      - run: apk upgrade',
    '        shell: python',
    '',
  ].join('\n');
  const result = await lintText('.github/workflows/shells.yml', text);
  assert.deepEqual(summarize(result), ['in-place-upgrade 9:14 "apt-get upgrade -y"', 'in-place-upgrade 15:14 "apk upgrade"']);
});

test('github actions: expressions in a script are unknown words, never package names or URLs', async () => {
  const text = [
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-24.04',
    '    steps:',
    '      - run: |',
    '          pip install ${{ matrix.package }} "tool==${{ env.V }}"',
    '          curl -fsSL ${{ env.INSTALLER }} | sh',
    '',
  ].join('\n');
  const result = await lintText('.github/workflows/expr.yml', text);
  assert.deepEqual(summarize(result), ['remote-unverified 7:11 "curl -fsSL ${{ env.INSTALLER }} | sh"']);
});

test('github actions: told by place and shape; a uses: key elsewhere is not a pipeline', async () => {
  const workflow = 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
  assert.equal((await lintText('app/config/pipeline.yml', workflow)).kind, undefined);
  assert.equal((await lintText('.github/workflows/nested/ci.yml', workflow)).kind, undefined);
  assert.equal((await lintText('C:\\src\\repo\\.github\\workflows\\ci.yml', workflow)).kind, 'github-actions');
  const action = 'name: x\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n';
  assert.equal((await lintText('tools/setup/action.yml', action)).kind, 'github-actions');
  assert.equal((await lintText('action.yaml', action)).kind, 'github-actions');
  assert.equal((await lintText('tools/action.yml', 'name: x\nsteps:\n  - uses: a/b@v1\n')).kind, undefined);
  assert.equal((await lintText('.github/actions/x/action.yml', 'name: x\n')).kind, 'github-actions');
  const dockerAction = 'runs:\n  using: docker\n  image: docker://alpine:3.20\n';
  assert.deepEqual(summarize(await lintText('action.yml', dockerAction)), ['image-digest-missing 3:19 "alpine:3.20"']);
});

test('github actions: the digest fix of a docker:// step writes the digest after the tag and keeps the scheme', async () => {
  const result = await lintCiFixture(RELEASE);
  const [trivy] = byRule(result.findings, 'image-digest-missing').filter((f) => result.text.slice(f.span.start, f.span.end) === 'aquasec/trivy:0.58.1');
  const fix = trivy.fixes[0];
  assert.equal(fix.kind, 'digest');
  const after = applyFix(result.text, fix);
  assert.ok(after.includes(`        uses: docker://aquasec/trivy:0.58.1@${SAMPLE_DIGEST}\n`));
  assert.equal(after.length - result.text.length, SAMPLE_DIGEST.length + 1);
});

test('github actions: removing a whole-step upgrade takes the step out; the workflow re-parses with that step gone', async () => {
  const result = await lintCiFixture(NODE_CI);
  const [upgrade] = byRule(result.findings, 'in-place-upgrade');
  await checkFix(
    'repo/.github/workflows/node-ci.yml',
    result.text,
    upgrade,
    [
      {
        path: '#0.jobs.windows-smoke.steps',
        kind: 'changed',
        before: [{ run: 'choco install -y nodejs' }, { run: 'apt-get upgrade -y', shell: 'bash' }],
        after: [{ run: 'choco install -y nodejs' }],
      },
    ],
  );
});
