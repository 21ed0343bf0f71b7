import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { assertFixed, findingsOf, fixture, SAMPLE_DIGEST, where } from '../dockerfile/helpers';

before(() => initEngine());

const RULE = 'image-digest-missing';

describe(`${RULE} in Dockerfiles`, () => {
  const text = fixture('images.Dockerfile');

  test('finds tags without digests: # syntax, FROM with ARGs, --mount from, registries with ports', () => {
    const found = findingsOf(RULE, text);
    assert.deepEqual(
      found.map((f) => [where(f), f.severity]),
      [
        ['1:10-1:31', 'info'],
        ['5:32-5:52', 'info'],
        ['9:28-9:47', 'info'],
        ['12:6-12:19', 'info'],
        ['28:6-28:49', 'info'],
      ],
    );
    assert.match(found[1].message, /`golang:1\.22` has a tag but no digest/);
  });

  test('stays silent on digests, latest (the other rule), scratch and stages', () => {
    for (const silent of ['FROM nginx:1.25@sha256:' + 'b'.repeat(64) + '\n', 'FROM nginx\n', 'FROM nginx:latest\n', 'FROM scratch\n', 'FROM a:1@sha256:' + 'b'.repeat(64) + ' AS x\nFROM x\n']) {
      assert.deepEqual(findingsOf(RULE, silent), [], silent);
    }
  });

  test('the digest fix keeps the tag, for FROM, --mount from and # syntax; each re-lints clean', () => {
    const [syntax, golang, xx, node, registry] = findingsOf(RULE, text);
    assertFixed(text, syntax, text.replace('# syntax=docker/dockerfile:1.7', `# syntax=docker/dockerfile:1.7@${SAMPLE_DIGEST}`));
    assertFixed(text, xx, text.replace('from=tonistiigi/xx:1.4.0,', `from=tonistiigi/xx:1.4.0@${SAMPLE_DIGEST},`));
    assertFixed(text, node, text.replace('ARG NODE_IMAGE=node:20-bookworm-slim', `ARG NODE_IMAGE=node:20-bookworm-slim@${SAMPLE_DIGEST}`));
    assertFixed(text, registry, text.replace('base:2024.05', `base:2024.05@${SAMPLE_DIGEST}`));
    assertFixed(text, golang, text.replace('ARG GO_VERSION=1.22', `ARG GO_VERSION=1.22@${SAMPLE_DIGEST}`));
  });

  test('no automatic fix when the ARG is shared, and the message says so', () => {
    const [finding] = findingsOf(RULE, 'ARG V=1.22\nFROM golang:${V}\nRUN echo ${V}\n');
    assert.deepEqual(finding.fixes, []);
    assert.match(finding.message, /cannot be pinned automatically: .*ARG `V`, which is used elsewhere/);
  });
});
