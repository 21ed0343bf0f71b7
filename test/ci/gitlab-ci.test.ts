import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, SAMPLE_DIGEST } from '../support/fixes';
import { byRule, checkFix, lintText, summarize } from '../yaml/support';
import { lintCiFixture } from './support';

const PIPELINE = 'gitlab-ci/.gitlab-ci.yml';

test('gitlab ci: global, default and job images and services (string or name:), every script key as shell; variables skipped', async () => {
  const result = await lintCiFixture(PIPELINE);
  assert.equal(result.kind, 'gitlab-ci');
  assert.deepEqual(summarize(result), [
    'image-digest-missing 6:8 "ruby:3.3"',
    'in-place-upgrade 10:29 "apt-get upgrade -y"',
    'image-digest-missing 15:11 "docker:27"',
    'image-digest-missing 18:7 "docker:27-dind"',
    'image-digest-missing 30:13 "postgres:16"',
    'image-latest-tag 32:7 "redis"',
    'package-unpinned 39:21 "yamllint"',
    'integrity-bypass 40:12 "-k"',
    'remote-unverified 46:7 "wget -qO- https://example.com/deploy.sh | sh"',
  ]);
  assert.deepEqual(result.facts!.images.map((i) => i.text), [
    'ruby:3.3',
    'docker:27',
    'docker:27-dind',
    'postgres:16',
    'redis',
    'alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  ]);
});

test('gitlab ci: removing an upgrade from a before_script line keeps the rest of the line', async () => {
  const result = await lintCiFixture(PIPELINE);
  const [upgrade] = byRule(result.findings, 'in-place-upgrade');
  await checkFix('repo/.gitlab-ci.yml', result.text, upgrade, [
    { path: '#0.default.before_script[0]', kind: 'changed', before: 'apt-get update -qq && apt-get upgrade -y', after: 'apt-get update -qq' },
  ]);
});

test('gitlab ci: a script line that is only an upgrade goes whole when other lines stay', async () => {
  const text = 'build:\n  image: debian:12\n  script:\n    - apt-get upgrade -y\n    - make\n';
  const result = await lintText('.gitlab-ci.yml', text);
  const [upgrade] = byRule(result.findings, 'in-place-upgrade');
  const fixed = await checkFix('.gitlab-ci.yml', text, upgrade, [
    { path: '#0.build.script', kind: 'changed', before: ['apt-get upgrade -y', 'make'], after: ['make'] },
  ]);
  assert.equal(fixed, 'build:\n  image: debian:12\n  script:\n    - make\n');
});

test('gitlab ci: the digest fix of an image: name: keeps the map and the tag', async () => {
  const result = await lintCiFixture(PIPELINE);
  const docker = byRule(result.findings, 'image-digest-missing').find((f) => result.text.slice(f.span.start, f.span.end) === 'docker:27')!;
  const after = applyFix(result.text, docker.fixes[0]);
  assert.ok(after.includes(`    name: docker:27@${SAMPLE_DIGEST}\n    entrypoint: [""]\n`));
});

test('gitlab ci: only .gitlab-ci.yml is a pipeline; the same keys in another file are not', async () => {
  const text = 'test:\n  image: ruby\n  script: [apt-get upgrade -y]\n';
  assert.equal((await lintText('ci/gitlab.yml', text)).kind, undefined);
  assert.equal((await lintText('sub/project/.gitlab-ci.yml', text)).kind, 'gitlab-ci');
});
