import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import { DocumentParseCache } from '../../rules/document-cache';
import { initEngine } from '../../rules/engine';
import { YamlChunkCache } from '../../rules/yaml/chunk-cache';
import { parseYaml, yamlChunkCache } from '../../rules/yaml/parse';
import { lintPath } from '../../server/workspace/lint-path';
import { requireCorpus } from '../support/requirements';
import { FIXTURES } from './support';

before(() => initEngine());

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/i.test(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** What a lint reports, without object identity: kind, findings with their fixes, comments. */
function outcome(path: string, text: string, parseCache?: DocumentParseCache): string {
  const result = lintPath(path, text, { parseCache });
  return JSON.stringify({ kind: result.kind, findings: result.findings, comments: result.facts?.comments, errors: result.facts?.parseErrors });
}

/** Edits a user might make between two lints: above everything, inside the first document, at the end. */
function edits(text: string): string[] {
  const firstBreak = text.indexOf('\n');
  return [`# edited\n${text}`, firstBreak < 0 ? `${text} ` : `${text.slice(0, firstBreak)} \n${text.slice(firstBreak + 1)}`, `${text}\n---\nextra: 1\n`];
}

/** Lints `text`, then each edit and its undo with the same cache, and checks every answer against a lint without one. */
function assertSameAsUncached(path: string, text: string): void {
  const cache = new DocumentParseCache();
  assert.equal(outcome(path, text, cache), outcome(path, text), `${path}: first lint`);
  for (const edited of edits(text)) {
    assert.equal(outcome(path, edited, cache), outcome(path, edited), `${path}: after an edit`);
    assert.equal(outcome(path, text, cache), outcome(path, text), `${path}: the edit undone`);
  }
}

describe('the YAML document cache of an open document', () => {
  test('every YAML fixture lints the same with and without it, before and after edits', () => {
    const files = yamlFiles(FIXTURES);
    assert.ok(files.length > 10, `fixtures found: ${files.length}`);
    for (const file of files) assertSameAsUncached(file, readFileSync(file, 'utf8'));
  });

  test('every corpus file lints the same with and without it, before and after edits', (t) => {
    const dir = requireCorpus(t);
    if (!dir) return;
    for (const file of yamlFiles(dir)) {
      try {
        assertSameAsUncached(file, readFileSync(file, 'utf8'));
      } catch (error) {
        assert.fail(`${relative(dir, file)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });

  test('an edit in one document of a stream parses that document again and only that one', () => {
    const doc = (name: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name} # ${name}\ndata: {a: "1"}\n`;
    const text = ['one', 'two', 'three'].map(doc).join('');
    const cache = new YamlChunkCache();
    const first = yamlChunkCache.run(cache, () => parseYaml(text));
    assert.equal(cache.size, 3);
    const edited = `# top\n${text.replace('name: two', 'name: deux')}`;
    const second = yamlChunkCache.run(cache, () => parseYaml(edited));
    assert.equal(cache.size, 5, 'two new entries: the comment put above the stream and the edited document');
    assert.equal(second.documents.length, 3);
    const name = second.documents[2].getIn(['metadata', 'name'], true) as { range: number[] };
    assert.equal(edited.slice(name.range[0], name.range[1]), 'three', 'a reused document sits at its new place');
    assert.deepEqual(second.comments.map((c) => edited.slice(c.span.start, c.span.end)), ['# top', '# one', '# two', '# three']);
    assert.equal(first.documents.length, 3);
  });

  test('the same document twice in one stream: each is read at its own place, before and after an edit', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n';
    const text = `---\n${pod}---\n${pod}`;
    const cache = new DocumentParseCache();
    for (const version of [text, `# top\n${text}`, `# top\n# more\n${text}`]) {
      const spans = JSON.parse(outcome('/k8s/pods.yaml', version, cache)).findings
        .filter((f: { rule: string }) => f.rule === 'image-latest-tag')
        .map((f: { span: { start: number } }) => f.span.start);
      const first = version.indexOf('nginx:latest');
      assert.deepEqual(spans, [first, version.indexOf('nginx:latest', first + 1)]);
    }
  });

  test('the least recently used documents go past the capacity', () => {
    const cache = new YamlChunkCache(2);
    const parse = (text: string) => yamlChunkCache.run(cache, () => parseYaml(text));
    parse('a: 1\n---\nb: 2\n---\nc: 3\n');
    assert.equal(cache.size, 2);
  });

  test('the text kept is bounded: the oldest documents go past maxChars, and one larger than a quarter of it is not kept', () => {
    const cache = new YamlChunkCache(512, 400);
    const parse = (text: string) => yamlChunkCache.run(cache, () => parseYaml(text));
    const doc = (n: number) => `---\nkey${n}: ${'x'.repeat(80)}\n`;
    parse(`${doc(1)}${doc(2)}${doc(3)}${doc(4)}${doc(5)}`);
    assert.equal(cache.size, 4, 'five documents of about 95 characters: four fit in 400');
    parse(`big: ${'y'.repeat(120)}\n`);
    assert.equal(cache.size, 4, 'a document over 100 characters is parsed, not kept');
  });
});
