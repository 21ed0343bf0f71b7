import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { isPinnedRef } from '../../rules/checks/git-unpinned';
import { initEngine } from '../../rules/engine';
import { findingsOf, fixture, where } from '../dockerfile/helpers';

before(() => initEngine());

const RULE = 'git-unpinned';

describe(`${RULE} in Dockerfiles`, () => {
  const text = fixture('git.Dockerfile');

  test('finds ADD <git-url> with a branch, HEAD or no ref, at the URL', () => {
    const found = findingsOf(RULE, text);
    assert.deepEqual(
      found.map((f) => [where(f), f.severity]),
      [
        ['2:5-2:48', 'warning'],
        ['3:5-3:37', 'warning'],
        ['4:5-4:44', 'warning'],
      ],
    );
    assert.match(found[0].message, /takes `master`, a branch or tag that can move/);
    assert.match(found[1].message, /names no ref/);
    assert.match(found[2].message, /takes `HEAD`/);
  });

  test('a 40-hex commit or a version-like tag passes; other names do not', () => {
    for (const ref of ['8b2d0ed2bc1de8a67b6a3f5c4b1e29ca3a6c8f4e', 'v1.2.3', '1.2', 'v0.13.2-rc.1']) assert.equal(isPinnedRef(ref), true, ref);
    for (const ref of [undefined, 'HEAD', 'main', 'release-1.2', 'v1', '8b2d0ed']) assert.equal(isPinnedRef(ref), false, String(ref));
  });

  test('plain https downloads are not git checkouts', () => {
    assert.deepEqual(findingsOf(RULE, 'FROM a\nADD https://example.com/x.tgz /x\n'), []);
  });
});
