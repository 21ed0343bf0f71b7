import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { assertFixed, findingsOf, fixture, lintDockerfile, SAMPLE_DIGEST, where } from '../dockerfile/helpers';

before(() => initEngine());

const RULE = 'image-latest-tag';

describe(`${RULE} in Dockerfiles`, () => {
  const text = fixture('images.Dockerfile');

  test('finds no tag and :latest, in FROM and COPY --from, with the range of the reference', () => {
    const found = findingsOf(RULE, text);
    assert.deepEqual(found.map((f) => [where(f), f.severity]), [
      ['21:29-21:35', 'warning'],
      ['23:13-23:27', 'warning'],
    ]);
    assert.match(found[0].message, /`ubuntu` has no tag, so it means `:latest`/);
    assert.match(found[1].message, /`busybox:latest` uses the `:latest` tag/);
  });

  test('stays silent on tags, digests, scratch, stage names and unresolvable ARGs', () => {
    for (const silent of [
      'FROM nginx:1.25\n',
      'FROM nginx:latest@sha256:' + 'a'.repeat(64) + '\n',
      'FROM nginx@sha256:' + 'a'.repeat(64) + '\n',
      'FROM scratch\n',
      'FROM golang:1.22 AS build\nFROM build\nCOPY --from=build /a /a\nCOPY --from=0 /a /b\n',
      'FROM ${IMAGE}\n',
    ]) {
      assert.deepEqual(findingsOf(RULE, silent), [], silent);
    }
  });

  test('the digest fix pins the reference as written (tag kept) and the finding is gone', () => {
    const [ubuntu, busybox] = findingsOf(RULE, text);
    assert.equal(ubuntu.fixes[0].kind, 'digest');
    assert.equal(ubuntu.fixes[0].title, 'Pin ubuntu to digest');
    assert.equal(ubuntu.fixes[0].kind === 'digest' && ubuntu.fixes[0].platform, 'linux/amd64');
    assertFixed(text, ubuntu, text.replace('FROM --platform=linux/amd64 ubuntu\n', `FROM --platform=linux/amd64 ubuntu@${SAMPLE_DIGEST}\n`));
    assertFixed(text, busybox, text.replace('--from=busybox:latest ', `--from=busybox:latest@${SAMPLE_DIGEST} `));
  });

  test('an ARG-substituted latest image is pinned in its ARG line', () => {
    const source = 'ARG BASE=alpine\nFROM ${BASE}\nRUN true\n';
    const [finding] = findingsOf(RULE, source);
    assert.equal(where(finding), '2:6-2:13');
    assert.match(finding.message, /`alpine` has no tag/);
    assertFixed(source, finding, `ARG BASE=alpine@${SAMPLE_DIGEST}\nFROM \${BASE}\nRUN true\n`);
  });

  test('severity can be changed or turned off through settings', () => {
    assert.deepEqual(lintDockerfile('FROM ubuntu\n', { [RULE]: 'error' }).map((f) => f.severity), ['error']);
    assert.deepEqual(lintDockerfile('FROM ubuntu\n', { [RULE]: 'off' }), []);
  });
});
