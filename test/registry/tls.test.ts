import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createResolver, type ResolveResult } from '../../server/registry';
import { findRegistryBinary, REGISTRY_BINARY, removeStorage, seededStorage, singleImage, startRegistry, type RunningRegistry } from '../support/registry';
import { makeCertificates, OPENSSL_BINARY } from '../support/registry-auth';
import { REPO_ROOT, requireComponent } from '../support/requirements';

const run = promisify(execFile);
const image = singleImage('secure/app', '5.0', 'oci');

describe('a registry serving TLS with a private CA', () => {
  let dir: string | undefined;
  let storage: string | undefined;
  let registry: RunningRegistry | undefined;
  let caCert = '';

  before(async () => {
    const binary = findRegistryBinary();
    const openssl = OPENSSL_BINARY.find((p) => existsSync(p));
    if (!binary || !openssl) return;
    dir = mkdtempSync(join(tmpdir(), 'driftless-tls-'));
    const certs = makeCertificates(openssl, dir);
    caCert = certs.caCert;
    storage = await seededStorage(binary, [image]);
    registry = await startRegistry(binary, { storageDir: storage, tls: { certificate: certs.serverCert, key: certs.serverKey } });
  });
  after(async () => {
    await registry?.stop();
    if (storage) removeStorage(storage);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('trusted through NODE_EXTRA_CA_CERTS (set before the process starts): resolves over HTTPS', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !requireComponent(t, 'openssl', OPENSSL_BINARY) || !registry) return;
    const reference = `${registry.host}/${image.repository}:${image.tag}`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/resolve-child.ts'), reference], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caCert },
    });
    const result = JSON.parse(stdout) as ResolveResult;
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.digest, image.manifest.digest);
  });

  test('not trusted: a TLS error naming the registry, no fallback to plain HTTP', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !requireComponent(t, 'openssl', OPENSSL_BINARY) || !registry) return;
    const reference = `${registry.host}/${image.repository}:${image.tag}`;
    const result = await createResolver({ cache: false }).resolve(reference);
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.reason, 'tls');
    assert.equal(result.ok ? '' : result.message, `${reference}: TLS error talking to https://${registry.host}: unable to verify the first certificate`);
  });
});
