import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { lintFixture, ready, summary } from './support';

before(ready);

/** Per-rule counts over the realistic modules: a change in what the front end reads shows up here. */
const EXPECTED_COUNTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'vpc-asg/main.tf': {
    'module-unpinned': 1,
    'ami-floating': 1,
    'in-place-upgrade': 2,
    'package-unpinned': 2,
    'remote-unverified': 1,
    'live-config-edit': 1,
    'drift-ignored': 2,
    'integrity-bypass': 1,
  },
  'eks/main.tf': { 'module-unpinned': 1, 'ami-floating': 2, 'image-digest-missing': 2, 'pull-always-mutable': 1, 'image-latest-tag': 1 },
  'ecs/main.tf': { 'registry-tags-mutable': 2, 'image-latest-tag': 2, 'image-digest-missing': 3, 'drift-ignored': 1, 'remote-unverified': 1 },
  'git-modules/main.tf': {
    'git-unpinned': 2,
    'live-provisioner': 3,
    'in-place-upgrade': 1,
    'remote-unverified': 1,
    'package-unpinned': 1,
    'integrity-bypass': 1,
  },
  'silent/main.tf': {},
};

function counts(rules: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rule of rules) out[rule] = (out[rule] ?? 0) + 1;
  return out;
}

for (const [fixture, expected] of Object.entries(EXPECTED_COUNTS)) {
  test(`${fixture}: per-rule counts, no syntax error`, () => {
    const linted = lintFixture(fixture);
    assert.equal(linted.kind, 'terraform');
    assert.deepEqual(counts(linted.findings.map((f) => f.rule)), expected, summary(linted).join('\n'));
  });
}

test('the Checkov skip above the legacy repository silences it, and only it', () => {
  const linted = lintFixture('ecs/main.tf');
  assert.deepEqual(summary(linted, 'registry-tags-mutable'), ['registry-tags-mutable@MUTABLE', 'registry-tags-mutable@resource "aws_ecr_repository" "worker"']);
});
