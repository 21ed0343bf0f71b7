import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { lintManifest, lines, ready, summary } from './support';

before(ready);

describe('Puppet suppression', () => {
  test('driftless-disable-next-line covers the whole resource below it, and only that one', () => {
    const text = lines(
      '# driftless-disable-next-line package-latest,package-unpinned -- pinned by the platform team',
      "package { ['nginx', 'curl']:",
      '  ensure => latest,',
      '}',
      "package { 'jq': ensure => latest }",
    );
    assert.deepEqual(summary(lintManifest(text)), ['package-latest@latest']);
    assert.equal(lintManifest(text).findings[0].range.start.line, 4);
  });

  test('driftless-disable-file silences the rule everywhere', () => {
    assert.deepEqual(summary(lintManifest(lines('# driftless-disable-file package-unpinned', "package { 'a': }", "package { 'b': }"))), []);
  });

  test('lint:ignore at the end of a line silences that line only, as puppet-lint does', () => {
    const text = lines("package { 'nginx':", '  ensure => latest, # lint:ignore:package_ensure upstream pins it', '}', "package { 'jq': ensure => latest }");
    assert.deepEqual(summary(lintManifest(text)), ['package-latest@latest']);
    assert.equal(lintManifest(text).findings[0].range.start.line, 3);
  });

  test('a lint:ignore block on lines of their own reaches to lint:endignore; our IDs work with - or _', () => {
    const text = lines(
      '# lint:ignore:package_latest lint:ignore:in-place-upgrade',
      "package { 'a': ensure => latest }",
      "exec { 'apt-get upgrade -y': }",
      '# lint:endignore',
      "package { 'b': ensure => latest }",
      "exec { 'yum update -y': }",
    );
    assert.deepEqual(summary(lintManifest(text)), ['package-latest@latest', 'in-place-upgrade@yum update -y']);
  });

  test('blocks nest as a stack; an unclosed block and a check that names none of our rules silence nothing', () => {
    const nested = lines(
      '# lint:ignore:package-latest',
      '# lint:ignore:140chars',
      "package { 'a': ensure => latest }",
      '# lint:endignore',
      "package { 'b': ensure => latest }",
      '# lint:endignore',
      "package { 'c': ensure => latest }",
    );
    assert.deepEqual(summary(lintManifest(nested)).length, 1);
    assert.equal(lintManifest(nested).findings[0].range.start.line, 6);
    const unclosed = lines('# lint:ignore:package-latest', "package { 'a': ensure => latest }");
    assert.deepEqual(summary(lintManifest(unclosed)), ['package-latest@latest']);
    assert.deepEqual(summary(lintManifest(lines("package { 'a': ensure => latest } # lint:ignore:arrow_alignment"))), ['package-latest@latest']);
  });
});
