import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { credentialBarrier } from '../../server/registry/auth';
import { parseChallenges } from '../../server/registry/challenge';
import { isLoopback, normalizeReference } from '../../server/registry/reference';
import { platformMatches, parsePlatform } from '../../server/registry/platform';
import { retryAfterMs } from '../../server/registry/transport';

describe('reference normalisation (Docker reference grammar)', () => {
  const cases: Array<[string, { registry: string; apiHost: string; repository: string; tag: string; digest?: string }]> = [
    ['nginx', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['nginx:1.25', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.25' }],
    ['bitnami/redis:7', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['docker.io/nginx', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['index.docker.io/library/nginx:1', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/nginx', tag: '1' }],
    ['ghcr.io/org/team/app:v1', { registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'org/team/app', tag: 'v1' }],
    ['localhost/app', { registry: 'localhost', apiHost: 'localhost', repository: 'app', tag: 'latest' }],
    ['localhost:5000/a/b:c', { registry: 'localhost:5000', apiHost: 'localhost:5000', repository: 'a/b', tag: 'c' }],
    ['Registry.Example.com:443/app:1', { registry: 'registry.example.com:443', apiHost: 'registry.example.com:443', repository: 'app', tag: '1' }],
    [
      `nginx:1.25@sha256:${'a'.repeat(64)}`,
      { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/nginx', tag: '1.25', digest: `sha256:${'a'.repeat(64)}` },
    ],
  ];
  for (const [written, expected] of cases) {
    test(written, () => {
      assert.deepEqual(normalizeReference(written), { written, ...expected });
    });
  }

  test('invalid references are undefined, not exceptions', () => {
    for (const bad of ['', 'UPPER', 'nginx:', 'nginx:-bad', 'a//b', 'nginx@sha256:short', `x:${'t'.repeat(129)}`]) {
      assert.equal(normalizeReference(bad), undefined, bad);
    }
  });

  test('loopback hosts as Docker allows them over plain HTTP', () => {
    for (const host of ['localhost', 'localhost:5000', '127.0.0.1', '127.1.2.3:80', '[::1]:5000', '::1']) assert.equal(isLoopback(host), true, host);
    for (const host of ['registry.local', '10.0.0.1:5000', '128.0.0.1', 'localhost.example.com']) assert.equal(isLoopback(host), false, host);
  });
});

describe('WWW-Authenticate challenges', () => {
  test('Docker Hub Bearer challenge', () => {
    assert.deepEqual(
      parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'),
      [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' } }],
    );
  });

  test('several challenges, unknown schemes skipped, escaped quotes, token values', () => {
    assert.deepEqual(parseChallenges(['Negotiate abc, Basic realm="a \\"quoted\\" realm", charset=UTF-8', 'Bearer realm=https://x/t']), [
      { scheme: 'basic', params: { realm: 'a "quoted" realm', charset: 'UTF-8' } },
      { scheme: 'bearer', params: { realm: 'https://x/t' } },
    ]);
  });

  test('nothing usable', () => {
    assert.deepEqual(parseChallenges(undefined), []);
    assert.deepEqual(parseChallenges('Digest realm="x", nonce="y"'), []);
  });
});

describe('where credentials may go', () => {
  test('HTTPS anywhere; plain HTTP only to the loopback registry host itself', () => {
    assert.equal(credentialBarrier(new URL('https://auth.example.com/token'), new URL('https://registry.example.com/')), undefined);
    assert.equal(credentialBarrier(new URL('http://127.0.0.1:9000/token'), new URL('http://127.0.0.1:5000/')), undefined);
    assert.equal(
      credentialBarrier(new URL('http://registry.example.com/'), new URL('http://registry.example.com/')),
      'not sent over plain HTTP to registry.example.com',
    );
    assert.equal(
      credentialBarrier(new URL('http://localhost:9000/token'), new URL('https://127.0.0.1:5000/')),
      'not sent over plain HTTP to localhost:9000, another host than the registry',
    );
  });

  test('a challenge that came over plain HTTP gets credentials only for its own host, even with an HTTPS realm', () => {
    assert.equal(
      credentialBarrier(new URL('https://auth.example.com/token'), new URL('http://127.0.0.1:5000/')),
      'not sent to auth.example.com: the challenge naming it came over plain HTTP from 127.0.0.1:5000',
    );
    assert.equal(
      credentialBarrier(new URL('https://localhost:9000/token'), new URL('http://127.0.0.1:5000/')),
      'not sent to localhost:9000: the challenge naming it came over plain HTTP from 127.0.0.1:5000',
    );
  });
});

describe('platforms and Retry-After', () => {
  test('platform matching treats a missing variant as the default one', () => {
    const arm64 = parsePlatform('linux/arm64')!;
    assert.equal(platformMatches(arm64, { os: 'linux', architecture: 'arm64', variant: 'v8' }), true);
    assert.equal(platformMatches(arm64, { os: 'linux', architecture: 'arm64' }), true);
    assert.equal(platformMatches(parsePlatform('linux/arm/v6')!, { os: 'linux', architecture: 'arm', variant: 'v7' }), false);
    assert.equal(platformMatches(parsePlatform('linux/amd64')!, { os: 'windows', architecture: 'amd64' }), false);
    assert.equal(parsePlatform('amd64'), undefined);
  });

  test('Retry-After in seconds or as a date', () => {
    assert.equal(retryAfterMs('7'), 7000);
    assert.equal(retryAfterMs(undefined), undefined);
    assert.equal(retryAfterMs('soon'), undefined);
    const inAMinute = retryAfterMs(new Date(Date.now() + 60_000).toUTCString());
    assert.ok(inAMinute !== undefined && inAMinute > 55_000 && inAMinute <= 60_000, String(inAMinute));
  });
});
