import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classify } from '../../rules/engine';
import { extractPuppetFacts } from '../../rules/front-ends/puppet';
import { at, lintManifest, only, ready, relatedTexts, summary } from './support';

before(ready);

describe('Puppet manifests: classification', () => {
  test('a .pp file is Puppet by its name alone, wherever it sits; other names are not', () => {
    assert.equal(classify({ path: 'site/profile/manifests/web.pp', text: '' }), 'puppet');
    assert.equal(classify({ path: 'C:\\code\\manifests\\init.pp', text: '' }), 'puppet');
    assert.equal(classify({ path: 'manifests/init.pp.erb', text: '' }), undefined);
    assert.equal(classify({ path: 'templates/app.epp', text: '' }), undefined);
  });
});

describe('Puppet manifests: resources, titles and values', () => {
  test('a title array declares one resource per title; its packages are one finding naming each title', () => {
    const linted = lintManifest("package { ['nginx', \"curl\"]:\n  ensure => installed,\n}\n");
    assert.deepEqual(summary(linted), ['package-unpinned@nginx']);
    assert.deepEqual(relatedTexts(linted, only(linted, 'package-unpinned')), ['nginx', 'curl']);
  });

  test('several bodies in one declaration are several resources', () => {
    const linted = lintManifest("package {\n  'nginx': ensure => installed;\n  'curl': ensure => '8.5.0-2';\n  'jq': ensure => latest;\n}\n");
    assert.deepEqual(summary(linted), ['package-unpinned@nginx', 'package-latest@latest']);
  });

  test('resources nest in classes, defines, nodes, conditionals, case branches and lambdas', () => {
    const text = [
      'class profile::web (String $v = "1") {',
      "  if $facts['os']['family'] == 'Debian' { package { 'a': ensure => latest } }",
      "  else { package { 'b': ensure => latest } }",
      '  case $role { "web": { package { "c": ensure => latest } } default: {} }',
      "  ['d'].each |$p| { package { 'e': ensure => latest } }",
      '}',
      "define app::site() { package { 'f': ensure => latest } }",
      "node 'web01' { package { 'g': ensure => latest } }",
      '',
    ].join('\n');
    assert.equal(summary(lintManifest(text), 'package-latest').length, 6);
  });

  test('variables, interpolated strings, function calls and selectors are unknown, never guessed', () => {
    const text = [
      "package { $name: ensure => installed }",
      "package { 'a': ensure => $ensure }",
      "package { 'b': ensure => \"${v}\" }",
      "package { 'c': ensure => lookup('profile::c::ensure') }",
      "package { 'd': ensure => $latest ? { true => latest, default => installed } }",
      "package { \"${prefix}-e\": ensure => installed }",
      "exec { 'f': command => $cmd }",
      "exec { 'g': command => \"${apt} upgrade -y\" }",
      "vcsrepo { '/opt/h': provider => git, revision => $rev }",
      "vcsrepo { '/opt/i': provider => $p }",
      "docker::image { 'j': image_tag => $tag }",
      "docker::run { 'k': image => \"nginx:${tag}\" }",
      '',
    ].join('\n');
    assert.deepEqual(summary(lintManifest(text)), []);
  });

  test('Puppet string escapes: single quotes keep `\\n`, double quotes unescape it; interpolation is an expansion', () => {
    const linted = lintManifest(
      [
        "exec { 'a': command => 'sed -i \\'s/a/b/\\' /etc/a.conf' }",
        'exec { \'b\': command => "sed -i \\"s/a/b/\\" /etc/b.conf" }',
        'exec { \'c\': command => "echo \\$HOME && apt-get upgrade -y" }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(summary(linted), [
      "live-config-edit@sed -i \\'s/a/b/\\' /etc/a.conf",
      'live-config-edit@sed -i \\"s/a/b/\\" /etc/b.conf',
      'in-place-upgrade@apt-get upgrade -y',
    ]);
  });

  test('resource defaults and overrides count for package-latest, never for package-unpinned', () => {
    const linted = lintManifest("Package { ensure => 'latest' }\nPackage['nginx'] { ensure => latest }\n");
    assert.deepEqual(summary(linted), ['package-latest@latest', 'package-latest@latest']);
  });

  test('a Package default with an ensure leaves packages without one unjudged', () => {
    assert.deepEqual(summary(lintManifest("Package { ensure => '1.0' }\npackage { 'nginx': }\n")), []);
    assert.deepEqual(summary(lintManifest("Package { provider => apt }\npackage { 'nginx': }\n")), ['package-unpinned@nginx']);
  });

  test('ensure_packages: an array, a string or a hash of titles, with defaults; ensure_resource(s) with a literal type', () => {
    const text = [
      "ensure_packages(['a', 'b'], { ensure => latest })",
      "ensure_packages('c')",
      "stdlib::ensure_packages({ 'd' => { ensure => latest }, 'e' => { ensure => '1.2' } })",
      "ensure_resource('package', 'f', { 'ensure' => 'present' })",
      "ensure_resource('package', ['g', 'h'], { ensure => 'latest' })",
      "ensure_resources('package', { 'i' => { ensure => installed } }, { ensure => latest })",
      "ensure_resource($type, 'j', { ensure => latest })",
      '',
    ].join('\n');
    assert.deepEqual(summary(lintManifest(text)), [
      'package-latest@latest',
      'package-unpinned@c',
      'package-latest@latest',
      'package-unpinned@f',
      'package-latest@latest',
      'package-unpinned@i',
    ]);
  });

  test('comments are facts (for suppression) and each declaration, default and call is a statement', () => {
    const text = "# a\npackage { 'a': ensure => latest } # b\n/* c */\nPackage { ensure => latest }\nensure_packages(['x', 'y'])\n";
    const facts = extractPuppetFacts(text);
    assert.deepEqual(facts.comments.map((c) => c.text), [' a', ' b']);
    assert.deepEqual(facts.statements.map((s) => at(text, s)), ["package { 'a': ensure => latest }", 'Package { ensure => latest }', "ensure_packages(['x', 'y'])"]);
  });
});

describe('puppet-syntax', () => {
  test('a syntax error is one info finding at the first error; resources around it are still linted', () => {
    const text = "package { 'a': ensure => latest }\nfile { '/x' ensure => file }\nfile { '/y': ensure => }\npackage { 'b': ensure => latest }\n";
    const linted = lintManifest(text);
    const syntax = only(linted, 'puppet-syntax');
    assert.equal(syntax.severity, 'info');
    assert.match(syntax.message, /^Puppet syntax error: .*\(and \d+ more\)$/);
    assert.equal(syntax.range.start.line, 1);
    assert.equal(summary(linted, 'package-latest').length, 2);
  });

  test('a missing closing brace is reported as missing', () => {
    const linted = lintManifest("class a {\n  package { 'b': ensure => latest }\n");
    assert.match(only(linted, 'puppet-syntax').message, /missing `}`/);
    assert.deepEqual(summary(linted, 'package-latest'), ['package-latest@latest']);
  });

  test('a manifest that parses has none', () => {
    assert.deepEqual(summary(lintManifest("class a { package { 'b': ensure => '1.0' } }\n"), 'puppet-syntax'), []);
  });
});
