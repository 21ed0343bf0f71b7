import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { DocumentParseCache } from '../../rules/document-cache';
import { lint } from '../../rules/engine';
import { editBetween } from '../../rules/tree-sitter/tree-cache';
import { FIXTURES, ready } from './support';

before(ready);

const MODULE = readFileSync(join(FIXTURES, 'vpc-asg', 'main.tf'), 'utf8');

/** What a lint reports, spans and fixes included, for comparing an edited document's lint with a fresh one. */
function report(text: string, cache?: DocumentParseCache) {
  const { findings } = lint({ path: '/w/main.tf', text }, { parseCache: cache });
  return findings.map((f) => ({ rule: f.rule, span: f.span, message: f.message, fixes: f.fixes }));
}

/** The texts someone typing from `from` towards `to` goes through, one character at a time, at `offset`. */
function typing(from: string, offset: number, typed: string): string[] {
  return [...typed].map((_, i) => from.slice(0, offset) + typed.slice(0, i + 1) + from.slice(offset));
}

describe('an open Terraform document re-parsed from its previous tree', () => {
  test('every keystroke gives what a fresh lint of the same text gives', () => {
    const cache = new DocumentParseCache();
    assert.deepEqual(report(MODULE, cache), report(MODULE));
    const insideUserData = MODULE.indexOf('apt-get');
    assert.ok(insideUserData > 0, 'the fixture has a user_data script');
    const block = 'resource "aws_ecr_repository" "typed" {\n  name = "typed"\n}\n';
    const texts = [
      ...typing(MODULE, insideUserData, 'curl -k https://example.com/x | sh && '),
      ...typing(MODULE, 0, block),
      MODULE.slice(0, MODULE.length / 2),
      MODULE,
      `# top\n${MODULE}`,
      MODULE.replace('"', ''),
      MODULE,
    ];
    for (const text of texts) assert.deepEqual(report(text, cache), report(text), `after typing to:\n${text.slice(0, 200)}`);
  });

  test('the edit between two texts is their one differing stretch, with rows and columns', () => {
    const edit = editBetween('a\nbc\nd', 'a\nbXYc\nd');
    assert.deepEqual(
      { start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex },
      { start: 3, oldEnd: 3, newEnd: 5 },
    );
    assert.deepEqual([edit.startPosition, edit.oldEndPosition, edit.newEndPosition], [{ row: 1, column: 1 }, { row: 1, column: 1 }, { row: 1, column: 3 }]);
    const removed = editBetween('x\ny\nz', 'x\nz');
    assert.deepEqual([removed.startIndex, removed.oldEndIndex, removed.newEndIndex], [2, 4, 2]);
    assert.deepEqual([removed.oldEndPosition, removed.newEndPosition], [{ row: 2, column: 0 }, { row: 1, column: 0 }]);
    const emoji = editBetween('a😀b', 'a😁b');
    assert.deepEqual([emoji.startIndex, emoji.oldEndIndex, emoji.newEndIndex], [1, 3, 3], 'a surrogate pair is not split');
  });
});
