import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/requirements';

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  repository: { pragma: { match: string; captures: Record<string, { name: string }> } };
}

test('the injection grammar marks the pragma, its rules and its reason inside # comments', () => {
  const grammar = JSON.parse(readFileSync(join(REPO_ROOT, 'syntaxes', 'driftless-pragma.tmLanguage.json'), 'utf8')) as Grammar;
  assert.equal(grammar.injectionSelector, 'L:comment.line.number-sign');
  const pattern = new RegExp(grammar.repository.pragma.match);
  const m = pattern.exec('# driftless-disable-next-line image-latest-tag, package-unpinned -- base image is rebuilt nightly');
  assert.ok(m);
  assert.deepEqual(m.slice(1), ['driftless-disable-next-line', 'image-latest-tag, package-unpinned', '--', 'base image is rebuilt nightly']);
  assert.deepEqual(pattern.exec('# driftless-disable-file package-latest')?.slice(1, 3), ['driftless-disable-file', 'package-latest']);
  assert.equal(pattern.exec('# just a comment about drift'), null);
  assert.deepEqual(Object.values(grammar.repository.pragma.captures).map((c) => c.name.split('.')[0]), ['keyword', 'entity', 'punctuation', 'string']);
});
