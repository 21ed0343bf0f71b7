import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine, lint } from '../../rules/engine';
import { OffsetMap } from '../../rules/shell/offset-map';
import { parseShell, shellParseCache } from '../../rules/shell/parse';
import { ShellParseCache } from '../../rules/shell/parse-cache';
import { TreeCache } from '../../rules/tree-sitter/tree-cache';
import { YamlChunkCache } from '../../rules/yaml/chunk-cache';

before(() => initEngine());

const DOCKERFILE = [
  '# build image',
  'FROM debian:12',
  'RUN apt-get update \\',
  '    && apt-get upgrade -y \\',
  '    && apt-get install -y curl',
  'RUN curl -fsSLk https://example.com/install.sh | sh',
  'RUN pip install flask && sed -i s/a/b/ /etc/x.conf',
  '',
].join('\n');

function lintWith(text: string, shellCache?: ShellParseCache) {
  const { findings } = lint({ path: '/w/Dockerfile', text }, { parseCache: shellCache && { shell: shellCache, yaml: new YamlChunkCache(), trees: new TreeCache() } });
  return findings.map((f) => ({ rule: f.rule, span: f.span, message: f.message, fixes: f.fixes }));
}

describe('the parse cache of an open document', () => {
  test('after an edit above the scripts, every finding and fix is what a fresh lint gives, at the moved place', () => {
    const cache = new ShellParseCache();
    assert.deepEqual(lintWith(DOCKERFILE, cache), lintWith(DOCKERFILE));
    const cached = cache.size;
    assert.ok(cached >= 3, `scripts kept: ${cached}`);
    for (const edited of [DOCKERFILE.replace('# build image', '# build the image'), DOCKERFILE.replace('# build image\n', '')]) {
      assert.deepEqual(lintWith(edited, cache), lintWith(edited));
    }
    assert.equal(cache.size, cached, 'moved scripts are found, not parsed again');
  });

  test('an edit inside a script parses that script again and only that one', () => {
    const cache = new ShellParseCache();
    lintWith(DOCKERFILE, cache);
    const before = cache.size;
    const edited = DOCKERFILE.replace('apt-get install -y curl', 'apt-get install -y curl=8.5.0-2');
    assert.deepEqual(lintWith(edited, cache), lintWith(edited));
    assert.equal(cache.size, before + 1);
  });

  test('the same text laid out differently in the file (a continuation moved) is a different entry', () => {
    const cache = new ShellParseCache();
    const one = OffsetMap.identity('apt-get upgrade', 10);
    const two = new OffsetMap().append('apt-get ', 10).append('upgrade', 30);
    const first = shellParseCache.run(cache, () => parseShell(one));
    const second = shellParseCache.run(cache, () => parseShell(two));
    assert.equal(cache.size, 2);
    assert.deepEqual(first.commands[0].args[0].span, { start: 18, end: 25 });
    assert.deepEqual(second.commands[0].args[0].span, { start: 30, end: 37 });
  });

  test('what a lint gets is a copy: changing it does not change the next answer', () => {
    const cache = new ShellParseCache();
    const map = OffsetMap.identity('curl -k https://x | sh', 0);
    const first = shellParseCache.run(cache, () => parseShell(map));
    first.commands[0].args.pop();
    first.commands[0].span.start = 99;
    const second = shellParseCache.run(cache, () => parseShell(map));
    assert.deepEqual(second, shellParseCache.run(undefined, () => parseShell(map)));
    const piped = second.commands[0].pipedInto;
    assert.equal(piped?.pipeline.commands[piped.next], second.commands[1], 'a piped-into command stays the same object as in the list');
    assert.equal(piped?.pipeline.commands[0], second.commands[0]);
  });

  test('the least recently used scripts go past the capacity', () => {
    const cache = new ShellParseCache(2);
    const parse = (text: string) => shellParseCache.run(cache, () => parseShell(OffsetMap.identity(text, 0)));
    parse('apt-get upgrade');
    parse('yum update');
    parse('apt-get upgrade');
    parse('apk upgrade');
    assert.equal(cache.size, 2);
    parse('apt-get upgrade');
    assert.equal(cache.size, 2, 'apt-get upgrade was used last, so yum update went');
  });

  test('without a cache nothing is kept between lints', () => {
    const cache = new ShellParseCache();
    lintWith(DOCKERFILE);
    assert.equal(cache.size, 0);
  });
});
