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

  test('heredocs read as YAML (task definitions, cloud-config) come from the document cache, moved where they now sit', () => {
    const ecs = readFileSync(join(FIXTURES, 'ecs', 'main.tf'), 'utf8');
    const cache = new DocumentParseCache();
    assert.deepEqual(report(ecs, cache), report(ecs));
    assert.ok(cache.yaml.size > 0, 'the task definition heredoc was parsed into the document cache');
    const image = ecs.indexOf('"acme/worker:1.8"') + '"acme/worker:1.8'.length;
    const inCloudConfig = MODULE.indexOf('      - fail2ban');
    const texts = [
      ...typing(ecs, 0, '# a\n'),
      ...typing(ecs, image, '@sha'),
      ecs,
      ecs.replace('"image": "redis"', '"image": "redis:7"'),
      ecs,
    ];
    for (const text of texts) assert.deepEqual(report(text, cache), report(text), `after typing to:\n${text.slice(0, 200)}`);
    const other = new DocumentParseCache();
    for (const text of [MODULE, ...typing(MODULE, inCloudConfig, '      - htop\n'), ...typing(MODULE, 0, '# b\n')]) {
      assert.deepEqual(report(text, other), report(text), `after typing to:\n${text.slice(0, 200)}`);
    }
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

describe('while someone types a syntax error', () => {
  // The blocks after the one being edited are indented: no line starts a block at column 0 to re-sync at.
  const module = (ami: string) =>
    [
      'resource "aws_instance" "a" {',
      `  ami           = ${ami}`,
      '  instance_type = "t3.micro"',
      '}',
      '  resource "aws_ecr_repository" "r" {',
      '    name = "r"',
      '  }',
      '  module "m" {',
      '    source = "terraform-aws-modules/vpc/aws"',
      '  }',
      '',
    ].join('\n');
  const rulesOf = (text: string, cache: DocumentParseCache) => lint({ path: '/w/main.tf', text }, { parseCache: cache }).findings.map((f) => `${f.rule}:${f.range.start.line}`);

  test('an unterminated string keeps the findings of the blocks after it, where the last good parse had them', () => {
    const cache = new DocumentParseCache();
    assert.deepEqual(rulesOf(module('"ami-0123"'), cache), ['registry-tags-mutable:4', 'module-unpinned:8']);
    for (const typed of ['"', '"a', '"ami-0', '"ami-0123']) {
      const found = rulesOf(module(typed), cache);
      assert.deepEqual(found.filter((f) => !f.startsWith('hcl-syntax')), ['registry-tags-mutable:4', 'module-unpinned:8'], `after typing ${typed}`);
      assert.ok(found.some((f) => f.startsWith('hcl-syntax:')), `the syntax error is reported after typing ${typed}`);
    }
    assert.deepEqual(rulesOf(module('"ami-0123"'), cache), ['registry-tags-mutable:4', 'module-unpinned:8'], 'closed again');
  });

  test('a block added since the last good parse and broken is blanked up to the next block that parse knew', () => {
    const cache = new DocumentParseCache();
    const clean = module('"ami-0123"');
    rulesOf(clean, cache);
    const added = `resource "aws_instance" "b" {\n  user_data = "apt-get upgrade -y\n}\n${clean}`;
    const found = rulesOf(added, cache);
    assert.deepEqual(found.filter((f) => !f.startsWith('hcl-syntax')), ['registry-tags-mutable:7', 'module-unpinned:11']);
  });
});
