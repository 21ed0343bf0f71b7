import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSha256Digest, parseImageReference } from '../../rules/image-reference';

const DIGEST = 'sha256:' + 'a'.repeat(64);

test('splits registry, repository, tag and digest per the reference grammar', () => {
  assert.deepEqual(parseImageReference('nginx'), { registry: undefined, repository: 'nginx', tag: undefined, digest: undefined, tagStart: undefined, digestStart: undefined });
  assert.equal(parseImageReference('nginx:1.25')?.tag, '1.25');
  assert.equal(parseImageReference('nginx:1.25')?.tagStart, 6);
  const full = parseImageReference(`ghcr.io/team/app/api:v1.2.3@${DIGEST}`);
  assert.equal(full?.registry, 'ghcr.io');
  assert.equal(full?.repository, 'team/app/api');
  assert.equal(full?.tag, 'v1.2.3');
  assert.equal(full?.digest, DIGEST);
  assert.equal(full?.digestStart, 'ghcr.io/team/app/api:v1.2.3@'.length);
});

test('a first component with a dot, a port or named localhost is a registry host', () => {
  assert.equal(parseImageReference('localhost/app')?.registry, 'localhost');
  assert.equal(parseImageReference('127.0.0.1:5000/app:1')?.registry, '127.0.0.1:5000');
  assert.equal(parseImageReference('127.0.0.1:5000/app:1')?.tag, '1');
  assert.equal(parseImageReference('registry:5000/app')?.registry, 'registry:5000');
  assert.equal(parseImageReference('library/nginx')?.registry, undefined);
  assert.equal(parseImageReference('library/nginx')?.repository, 'library/nginx');
});

test('invalid references are undefined, never a throw', () => {
  for (const bad of ['', 'team/Upper', 'nginx:', 'nginx:-bad', 'a//b', 'nginx@sha256:short', '${IMAGE}', 'x:'.padEnd(200, 'y')]) {
    assert.equal(parseImageReference(bad), undefined, bad);
  }
});

test('isSha256Digest wants sha256 and 64 lower-case hex digits', () => {
  assert.equal(isSha256Digest(DIGEST), true);
  assert.equal(isSha256Digest('sha256:' + 'A'.repeat(64)), false);
  assert.equal(isSha256Digest('sha512:' + 'a'.repeat(128)), false);
  assert.equal(isSha256Digest(undefined), false);
});
