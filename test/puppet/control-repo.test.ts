import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import { FIXTURES, lintFixture, ready, summary } from './support';

before(ready);

const REPO = join(FIXTURES, 'control-repo');

function manifests(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? manifests(full) : name.endsWith('.pp') ? [relative(FIXTURES, full)] : [];
    })
    .sort();
}

describe('a role/profile control repository with Hiera-driven classes', () => {
  test('per-rule counts over every manifest', () => {
    const counts: Record<string, number> = {};
    for (const manifest of manifests(REPO)) {
      for (const finding of lintFixture(manifest).findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
    }
    assert.deepEqual(counts, {
      'package-latest': 2,
      'package-unpinned': 1,
      'in-place-upgrade': 1,
      'live-config-edit': 3,
      'image-digest-missing': 1,
      'image-latest-tag': 1,
      'remote-unverified': 2,
      'git-unpinned': 2,
      'integrity-bypass': 1,
    });
  });

  test('roles and the node classifier only include classes: no findings', () => {
    for (const manifest of manifests(REPO).filter((m) => !m.includes('/profile/'))) assert.deepEqual(summary(lintFixture(manifest)), [], manifest);
  });

  test('Hiera-fed values stay unknown: a version, a release, a tag and a package list from class parameters are not judged', () => {
    assert.deepEqual(summary(lintFixture('control-repo/site/profile/manifests/web/nginx.pp'), 'package-unpinned'), ['package-unpinned@nginx-extras']);
    assert.deepEqual(summary(lintFixture('control-repo/site/profile/manifests/web/app.pp'), 'git-unpinned'), ['git-unpinned@main', "git-unpinned@vcsrepo { '/srv/vendor/theme'"]);
    assert.deepEqual(summary(lintFixture('control-repo/site/profile/manifests/containers.pp'), 'image-digest-missing'), ['image-digest-missing@v0.26.1']);
    assert.deepEqual(summary(lintFixture('control-repo/site/profile/manifests/base.pp'), 'package-unpinned'), []);
  });

  test('the base profile: its suppressed file_line stays silent, the rest is found at its range', () => {
    assert.deepEqual(summary(lintFixture('control-repo/site/profile/manifests/base.pp')), [
      'package-latest@latest',
      'in-place-upgrade@/usr/bin/apt-get -y upgrade',
      "live-config-edit@augeas { 'sshd no root login'",
    ]);
  });
});
