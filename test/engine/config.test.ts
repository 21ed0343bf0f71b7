import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig } from '../../rules/config';

const KNOWN = new Set(['image-latest-tag', 'host-path-volume']);

test('reads rule severities, off, ignore globs, insecure registries and a platform', () => {
  const config = parseConfig(
    ['rules:', '  image-latest-tag: warning', '  host-path-volume: off', 'ignore:', '  - "vendor/**"', 'insecureRegistries: [registry.lan:5000]', 'platform: linux/arm64', ''].join('\n'),
    '.driftless.yaml',
    KNOWN,
  );
  assert.deepEqual(config, {
    rules: { 'image-latest-tag': 'warning', 'host-path-volume': 'off' },
    ignore: ['vendor/**'],
    insecureRegistries: ['registry.lan:5000'],
    platform: 'linux/arm64',
  });
});

test('an empty file is the default configuration', () => {
  assert.deepEqual(parseConfig('', '.driftless.yaml', KNOWN), { rules: {}, ignore: [], insecureRegistries: [] });
  assert.deepEqual(parseConfig('# nothing yet\n', '.driftless.yaml', KNOWN).rules, {});
});

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, 'repo/.driftless.yaml', KNOWN);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail('expected a ConfigError');
}

test('a broken config is an error naming the file and the line, never a silent default', () => {
  const unknownRule = errorOf('rules:\n  image-latest-tag: error\n  no-such-rule: off\n');
  assert.equal(unknownRule.message, 'repo/.driftless.yaml:3: unknown rule `no-such-rule`');
  const badSeverity = errorOf('rules:\n  image-latest-tag: loud\n');
  assert.equal(badSeverity.line, 2);
  assert.match(badSeverity.message, /expected error, warning, info or off/);
  const syntax = errorOf('rules:\n  image-latest-tag: [error\n');
  assert.equal(syntax.file, 'repo/.driftless.yaml');
  assert.ok(syntax.line >= 2);
  assert.match(errorOf('ignore: vendor\n').message, /:1: `ignore` must be a list of strings/);
  assert.match(errorOf('rulez: {}\n').message, /unknown setting `rulez`/);
  assert.match(errorOf('- a\n- b\n').message, /expected a mapping/);
  assert.match(errorOf('platform: amd64\n').message, /linux\/amd64/);
});

test('github: where actions live and a token; anything but an origin or a plain token is an error naming the line', () => {
  assert.deepEqual(parseConfig('github:\n  url: https://github.example.com/\n  token: ghs_abc123\n', '.driftless.yaml', KNOWN).github, {
    url: 'https://github.example.com',
    token: 'ghs_abc123',
  });
  assert.equal(errorOf('github:\n  url: https://github.example.com/api/v3\n').message, 'repo/.driftless.yaml:2: `github.url` must be an https:// origin, e.g. https://github.example.com');
  assert.match(errorOf('github:\n  url: https://user:pw@github.example.com\n').message, /:2: `github.url` must be an https:\/\/ origin/);
  assert.match(errorOf('github:\n  token: "a b"\n').message, /:2: `github.token` must be a token/);
  assert.match(errorOf('github:\n  host: x\n').message, /:2: unknown setting `github.host` \(expected url, token\)/);
  assert.match(errorOf('github: https://github.example.com\n').message, /:1: `github` must be a mapping/);
});

test('true and false are not severities: each is an error at its line saying what to write instead', () => {
  const off = errorOf('rules:\n  image-latest-tag: false\n');
  assert.equal(off.message, 'repo/.driftless.yaml:2: rule `image-latest-tag`: `false` is not a severity; write off to turn the rule off, or error, warning or info');
  const on = errorOf('rules:\n  image-latest-tag: error\n  host-path-volume: true\n');
  assert.equal(on.line, 3);
  assert.match(on.detail, /`true` is not a severity/);
  assert.deepEqual(parseConfig('rules:\n  image-latest-tag: off\n', '.driftless.yaml', KNOWN).rules, { 'image-latest-tag': 'off' });
});
