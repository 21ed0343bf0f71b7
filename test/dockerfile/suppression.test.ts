import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { RULE_IDS } from '../../rules/catalogue';
import { parseConfig } from '../../rules/config';
import { suppressionFixes } from '../../rules/suppression';
import { applyFix, factsOf, fixture, lintDockerfile, where } from './helpers';

before(() => initEngine());

describe('suppression in Dockerfiles', () => {
  const text = fixture('suppressed.Dockerfile');

  test('driftless-disable-file, hadolint ignore= (DL3006, DL3008, DL3005) and driftless-disable-next-line over a multi-line RUN', () => {
    const found = lintDockerfile(text);
    assert.deepEqual(found.map((f) => [f.rule, where(f)]), [['package-unpinned', '11:24-11:28']]);
  });

  test('without the pragmas the same file has every finding', () => {
    const bare = text
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    assert.deepEqual(
      lintDockerfile(bare).map((f) => f.rule),
      ['image-latest-tag', 'in-place-upgrade', 'package-unpinned', 'package-unpinned', 'package-unpinned', 'remote-unverified'],
    );
  });

  test('a pragma for another rule does not silence', () => {
    const source = '# hadolint ignore=DL3008\nFROM ubuntu\n';
    assert.deepEqual(lintDockerfile(source).map((f) => f.rule), ['image-latest-tag']);
  });

  test('the suppress-this-line fix goes above the whole RUN and silences the finding', () => {
    const source = 'FROM debian:12@sha256:' + 'd'.repeat(64) + '\nRUN apt-get update \\\n    && apt-get install -y curl\n';
    const [finding] = lintDockerfile(source);
    assert.equal(where(finding), '3:27-3:31');
    const [line, file] = suppressionFixes(finding, factsOf(source), source);
    const fixed = applyFix(source, line);
    assert.equal(fixed, source.replace('RUN apt-get', '# driftless-disable-next-line package-unpinned\nRUN apt-get'));
    assert.deepEqual(lintDockerfile(fixed), []);
    assert.deepEqual(lintDockerfile(applyFix(source, file)), []);
  });

  test('the suppress-in-file fix goes below the # syntax directive, keeping it a directive', () => {
    const source = '# syntax=docker/dockerfile:1@sha256:' + 'e'.repeat(64) + '\nFROM ubuntu\n';
    const [finding] = lintDockerfile(source);
    const fixed = applyFix(source, suppressionFixes(finding, factsOf(source), source)[1]);
    assert.ok(fixed.startsWith('# syntax=docker/dockerfile:1@sha256:'));
    assert.deepEqual(lintDockerfile(fixed), []);
  });
});

describe('.driftless.yaml severities on Dockerfiles', () => {
  test('a rule set to off or to another severity in the config changes the findings', () => {
    const config = parseConfig('rules:\n  package-unpinned: off\n  image-latest-tag: error\n', '.driftless.yaml', RULE_IDS);
    const found = lintDockerfile('FROM ubuntu\nRUN apt-get install -y curl\n', config.rules);
    assert.deepEqual(found.map((f) => [f.rule, f.severity]), [['image-latest-tag', 'error']]);
  });
});
