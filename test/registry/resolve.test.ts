import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createResolver, MemoryCache, type ResolveResult } from '../../server/registry';
import { requireComponent } from '../support/requirements';
import { REGISTRY_BINARY, seededRegistryForSuite, standardImages, startRegistry } from '../support/registry';

const images = standardImages();

function digestOf(result: ResolveResult): string {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.digest;
}

describe('resolving tags against a real registry (anonymous)', () => {
  const suite = seededRegistryForSuite(Object.values(images));

  const ref = (image: { repository: string; tag: string }): string => `${suite.registry!.host}/${image.repository}:${image.tag}`;

  test('an OCI image index resolves to the index digest, and to the platform manifest when asked', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY)) return;
    const resolver = createResolver({ cache: false });
    const plain = await resolver.resolve(ref(images.ociIndex));
    assert.equal(digestOf(plain), images.ociIndex.manifest.digest);
    assert.equal(plain.ok && plain.index, true);
    assert.equal(plain.ok && plain.platformDigest, undefined);
    const arm = await resolver.resolve(ref(images.ociIndex), { platform: 'linux/arm64' });
    assert.equal(digestOf(arm), images.ociIndex.manifest.digest);
    assert.equal(arm.ok && arm.platformDigest, images.ociIndex.platforms['linux/arm64']);
  });

  test('a Docker manifest list resolves to the list digest; arm/v7 picks that child', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY)) return;
    const resolver = createResolver({ cache: false });
    const result = await resolver.resolve(ref(images.dockerList), { platform: 'linux/arm/v7' });
    assert.equal(digestOf(result), images.dockerList.manifest.digest);
    assert.equal(result.ok && result.mediaType, 'application/vnd.docker.distribution.manifest.list.v2+json');
    assert.equal(result.ok && result.platformDigest, images.dockerList.platforms['linux/arm/v7']);
  });

  test('single Docker v2 and OCI manifests resolve to their own digest', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY)) return;
    const resolver = createResolver({ cache: false });
    const docker = await resolver.resolve(ref(images.dockerSingle));
    assert.equal(digestOf(docker), images.dockerSingle.manifest.digest);
    assert.equal(docker.ok && docker.index, false);
    const oci = await resolver.resolve(ref(images.ociSingle), { platform: 'linux/amd64' });
    assert.equal(digestOf(oci), images.ociSingle.manifest.digest);
    assert.equal(oci.ok && oci.mediaType, 'application/vnd.oci.image.manifest.v1+json');
  });

  test('a nested repository (team/app/api) resolves', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY)) return;
    const result = await createResolver({ cache: false }).resolve(ref(images.nested));
    assert.equal(digestOf(result), images.nested.manifest.digest);
    assert.equal(result.ok && result.canonical, `${suite.registry!.host}/team/app/api:1.2.3`);
  });

  test('an unknown tag is MANIFEST_UNKNOWN, an unknown repository NAME_UNKNOWN, an absent platform lists those present', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY)) return;
    const resolver = createResolver({ cache: false });
    assert.deepEqual(await resolver.resolve(`${suite.registry!.host}/oci/multi:9.9`), {
      ok: false,
      reason: 'manifest-unknown',
      message: `${suite.registry!.host}/oci/multi:9.9: tag 9.9 not found in ${suite.registry!.host}/oci/multi (MANIFEST_UNKNOWN)`,
    });
    assert.deepEqual(await resolver.resolve(`${suite.registry!.host}/no/such:1`), {
      ok: false,
      reason: 'repository-unknown',
      message: `${suite.registry!.host}/no/such:1: repository ${suite.registry!.host}/no/such not found (NAME_UNKNOWN)`,
    });
    assert.deepEqual(await resolver.resolve(ref(images.ociIndex), { platform: 'linux/s390x' }), {
      ok: false,
      reason: 'platform-unknown',
      message: `${ref(images.ociIndex)}: no linux/s390x image in the index (it has linux/amd64, linux/arm64)`,
    });
  });

  test('invalid references and platforms are failures, not crashes', async () => {
    const resolver = createResolver({ cache: false });
    assert.deepEqual(await resolver.resolve('Not/A:Valid:Ref'), {
      ok: false,
      reason: 'invalid-reference',
      message: 'Not/A:Valid:Ref: not a valid image reference',
    });
    const badPlatform = await resolver.resolve('nginx:1', { platform: 'amd64' });
    assert.equal(badPlatform.ok, false);
    assert.match(badPlatform.ok ? '' : badPlatform.message, /^nginx:1: platform "amd64" is not os\/arch\[\/variant\]$/);
  });

  test('answers are cached: a second lookup does not touch the registry, even once it is gone', async (t) => {
    const found = requireComponent(t, 'docker-registry', REGISTRY_BINARY);
    if (!found) return;
    const own = await startRegistry(found, { storageDir: suite.storage });
    const resolver = createResolver({ cache: new MemoryCache(60_000) });
    const reference = `${own.host}/${images.dockerSingle.repository}:${images.dockerSingle.tag}`;
    const first = await resolver.resolve(reference);
    assert.equal(first.ok && first.cached, false);
    await own.stop();
    const second = await resolver.resolve(reference);
    assert.equal(digestOf(second), images.dockerSingle.manifest.digest);
    assert.equal(second.ok && second.cached, true);
  });

  test('a registry stopped mid-run: lookups after it stopped fail as unreachable', async (t) => {
    const found = requireComponent(t, 'docker-registry', REGISTRY_BINARY);
    if (!found) return;
    const own = await startRegistry(found, { storageDir: suite.storage });
    const resolver = createResolver({ cache: false });
    assert.equal(digestOf(await resolver.resolve(`${own.host}/${images.ociSingle.repository}:${images.ociSingle.tag}`)), images.ociSingle.manifest.digest);
    await own.stop();
    const reference = `${own.host}/${images.nested.repository}:${images.nested.tag}`;
    assert.deepEqual(await resolver.resolve(reference), {
      ok: false,
      reason: 'unreachable',
      message: `${reference}: ${own.host} refused the connection (registry down?)`,
    });
  });
});
