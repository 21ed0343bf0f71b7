import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { classify } from '../../rules/engine';
import { extractChefFacts } from '../../rules/front-ends/chef';
import { applyEdits } from '../../rules/text';
import { REPO_ROOT } from '../support/requirements';
import { suppressionFixes } from '../../rules/suppression';
import { assertParses, at, COOKBOOK, FILES, lintFixture, lintRecipe, lintText, ready, summary } from './support';

before(ready);

describe('Chef classification', () => {
  test('recipes/ and resources/ of a cookbook (metadata.rb or metadata.json) are Chef', () => {
    assert.equal(classify({ path: join(COOKBOOK, 'recipes', 'default.rb'), text: '' }, FILES), 'chef');
    assert.equal(classify({ path: join(COOKBOOK, 'resources', 'site.rb'), text: '' }, FILES), 'chef');
    const withJson = { exists: (p: string) => p === join('/cb', 'metadata.json') };
    assert.equal(classify({ path: '/cb/recipes/default.rb', text: '' }, withJson), 'chef');
  });

  test('other Ruby is not: attributes/, a recipes/ folder outside a cookbook, .rb elsewhere, non-Ruby files', () => {
    assert.equal(classify({ path: join(COOKBOOK, 'attributes', 'default.rb'), text: '' }, FILES), undefined);
    assert.equal(classify({ path: join(COOKBOOK, 'metadata.rb'), text: '' }, FILES), undefined);
    assert.equal(classify({ path: '/elsewhere/recipes/default.rb', text: '' }, FILES), undefined);
    assert.equal(classify({ path: join(COOKBOOK, 'recipes', 'notes.md'), text: '' }, FILES), undefined);
    const loose = join(REPO_ROOT, 'test', 'fixtures', 'chef', 'loose', 'helper.rb');
    assert.equal(lintText(loose, "package 'nginx' do\n  action :upgrade\nend\n").kind, undefined);
  });

  test('a .rb named explicitly is linted as Chef (kind: chef)', () => {
    const linted = lintText('helper.rb', "package 'nginx' do\n  action :upgrade\nend\n", 'chef');
    assert.deepEqual(summary(linted), ['package-latest@:upgrade']);
  });
});

describe('Chef parsing', () => {
  test('ranges are UTF-16 offsets after non-ASCII text (prism counts UTF-8 bytes)', () => {
    const text = "# Größe: 🚀 café\npackage 'ñandú' do\n  action :upgrade # ¡sí!\nend\n";
    const linted = lintRecipe(text);
    const finding = linted.findings.find((f) => f.rule === 'package-latest');
    assert.ok(finding);
    assert.equal(at(text, finding.span), ':upgrade');
    assert.deepEqual(finding.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 17 } });
    const facts = extractChefFacts(text);
    assert.deepEqual(
      facts.comments.map((c) => [c.text, at(text, c.span)]),
      [
        [' Größe: 🚀 café', '# Größe: 🚀 café'],
        [' ¡sí!', '# ¡sí!'],
      ],
    );
    assert.equal(at(text, facts.statements[0]), "package 'ñandú' do\n  action :upgrade # ¡sí!\nend");
  });

  test('a syntax error is one ruby-syntax info at the first error; resources around it are still linted', () => {
    const text = [
      "package 'nginx' do",
      '  action :upgrade',
      'end',
      "execute 'broken' do",
      '  command(',
      'end',
      "package 'curl' do",
      '  action :upgrade',
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    const syntax = linted.findings.filter((f) => f.rule === 'ruby-syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].severity, 'info');
    assert.equal(syntax[0].message, "Ruby syntax error: unexpected 'end'; expected a `)` to close the arguments");
    assert.deepEqual(syntax[0].range, { start: { line: 5, character: 0 }, end: { line: 5, character: 3 } });
    assert.deepEqual(
      linted.findings.filter((f) => f.rule === 'package-latest').map((f) => f.range.start.line),
      [1, 7],
    );
  });

  test('with several errors, the finding sits at the earliest and says how many more follow', () => {
    const linted = lintRecipe("package 'nginx' do\n  version '1.0'\n\nfoo(\n");
    const syntax = linted.findings.filter((f) => f.rule === 'ruby-syntax');
    assert.equal(syntax.length, 1);
    assert.deepEqual(syntax[0].range, { start: { line: 0, character: 16 }, end: { line: 0, character: 18 } });
    assert.equal(syntax[0].message, 'Ruby syntax error: expected a block beginning with `do` to end with `end` (and 2 more)');
  });

  test('a recipe cut anywhere still lints: no exception, spans inside the text, every local fix applies', () => {
    const text = lintFixture('recipes/default.rb').text;
    for (let cut = 0; cut <= text.length; cut += 5) {
      for (const variant of [text.slice(0, cut), text.slice(cut)]) {
        const linted = lintRecipe(variant);
        for (const finding of linted.findings) {
          assert.ok(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= variant.length);
          for (const fix of finding.fixes) if (fix.kind === 'local') applyEdits(variant, fix.edits);
        }
      }
    }
  });

  test('a clean recipe has no ruby-syntax finding', () => {
    assert.deepEqual(summary(lintFixture('recipes/silent.rb'), 'ruby-syntax'), []);
  });

  test('our comments suppress; # rubocop:disable is not ours', () => {
    const text = [
      '# driftless-disable-next-line package-latest -- patched by the vendor',
      "package 'nginx' do",
      '  action :upgrade',
      'end',
      "package 'curl' do # rubocop:disable Chef/Style",
      '  action :upgrade',
      'end',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text)), ['package-latest@:upgrade']);
    assert.equal(lintRecipe(text).findings[0].range.start.line, 5);
  });

  test('"suppress for this line" on a finding inside a heredoc comments the resource, not the heredoc', () => {
    const text = "package 'a' do\n  version '1'\nend\nbash 'patch' do\n  code <<-EOH\n    yum -y update\n  EOH\nend\n";
    const linted = lintRecipe(text);
    const finding = linted.findings.find((f) => f.rule === 'in-place-upgrade');
    assert.ok(finding && linted.facts);
    const [line] = suppressionFixes(finding, linted.facts, text);
    const fixed = applyEdits(text, line.edits);
    assert.equal(fixed, text.replace("bash 'patch' do", "# driftless-disable-next-line in-place-upgrade\nbash 'patch' do"));
    assertParses(fixed);
    assert.deepEqual(summary(lintRecipe(fixed)), []);
  });

  test('driftless-disable-file silences the rule in the whole recipe', () => {
    const text = "# driftless-disable-file package-latest\npackage 'a' do\n  action :upgrade\nend\n";
    assert.deepEqual(summary(lintRecipe(text)), []);
  });

  test('loading prism keeps stdout clean and holds back only the WASI warning', () => {
    const script = [
      "const { loadRubyParser } = require('./rules/front-ends/chef/prism');",
      "loadRubyParser().then(() => process.emitWarning('still shown', 'DeprecationWarning'));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.doesNotMatch(run.stderr, /WASI/);
    assert.match(run.stderr, /still shown/);
  });
});
