import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_IDS } from '../../rules/catalogue';
import { parseConfig } from '../../rules/config';
import { applyEdits } from '../../rules/text';
import { folderConfigText, rebaseGlob, turnOffRuleEdit } from '../../server/workspace/config-edit';

function turnedOff(text: string, rule = 'package-unpinned'): string {
  const edit = turnOffRuleEdit(text, rule);
  assert.ok(edit, text);
  return applyEdits(text, [edit]);
}

test('"Turn off <rule> in .driftless.yaml" sets the rule off and leaves every other byte alone', () => {
  const cases: [string, string][] = [
    ['', 'rules:\n  package-unpinned: off\n'],
    ['# our settings\n', '# our settings\nrules:\n  package-unpinned: off\n'],
    ['ignore:\n  - vendor/', 'ignore:\n  - vendor/\nrules:\n  package-unpinned: off\n'],
    ['rules:\nignore: [a/]\n', 'rules:\n  package-unpinned: off\nignore: [a/]\n'],
    ['rules:\n    image-latest-tag: error   # strict\nignore: [a/]\n', 'rules:\n    image-latest-tag: error   # strict\n    package-unpinned: off\nignore: [a/]\n'],
    ['rules:\n  package-unpinned: warning # why\n', 'rules:\n  package-unpinned: off # why\n'],
    ['rules: {image-latest-tag: error}\n', 'rules: {image-latest-tag: error, package-unpinned: off}\n'],
    ['rules: {}\n', 'rules: {package-unpinned: off}\n'],
    ['rules:\r\n  image-latest-tag: error\r\n', 'rules:\r\n  image-latest-tag: error\r\n  package-unpinned: off\r\n'],
    ['ignore: []\r\n', 'ignore: []\r\nrules:\r\n  package-unpinned: off\r\n'],
  ];
  for (const [before, after] of cases) {
    const fixed = turnedOff(before);
    assert.equal(fixed, after, JSON.stringify(before));
    assert.equal(parseConfig(fixed, '.driftless.yaml', RULE_IDS).rules['package-unpinned'], 'off');
  }
  assert.equal(turnOffRuleEdit('rules: [a\n', 'package-unpinned'), undefined, 'a config that does not parse is fixed by hand first');
  assert.equal(turnOffRuleEdit('- a\n', 'package-unpinned'), undefined);
});

test('a folder config carries the one in force over, its ignore globs rebased, with the rule off', () => {
  const parent = parseConfig(
    'rules:\n  image-latest-tag: error\nignore:\n  - "*.tmp"\n  - svc/generated/\n  - /other/\n  - "**/fixtures"\n  - "!svc/keep.yaml"\ninsecureRegistries: [registry.lan:5000]\nplatform: linux/arm64\n',
    '.driftless.yaml',
    RULE_IDS,
  );
  const text = folderConfigText({ config: parent, relativePath: '../.driftless.yaml' }, 'svc', 'package-unpinned');
  const config = parseConfig(text, 'svc/.driftless.yaml', RULE_IDS);
  assert.deepEqual(config, {
    rules: { 'image-latest-tag': 'error', 'package-unpinned': 'off' },
    ignore: ['*.tmp', '/generated/', '**/fixtures', '!/keep.yaml'],
    insecureRegistries: ['registry.lan:5000'],
    platform: 'linux/arm64',
  });
  assert.match(text, /settings of \.\.\/\.driftless\.yaml are carried over/);
  assert.deepEqual(parseConfig(folderConfigText(undefined, 'a/b', 'git-unpinned'), 'x', RULE_IDS).rules, { 'git-unpinned': 'off' });
  assert.equal(rebaseGlob('a/b/c', 'a/b'), '/c');
  assert.equal(rebaseGlob('a/b', 'a/b'), undefined, 'the folder itself is not a glob inside it');
});
