import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { suppressionFixes } from '../../rules/suppression';
import { applyEdits } from '../../rules/text';
import { assertParses, lintRecipe, only, ready, relatedTexts, summary, type Linted } from './support';

before(ready);

/** `rule@covered text:line` for each finding, in file order. */
function placed(linted: Linted): string[] {
  return summary(linted).map((s, i) => `${s}:${linted.findings[i].range.start.line}`);
}

describe('Chef resources inside control flow', () => {
  test('case … when … else choosing packages per platform: every branch is linted', () => {
    const text = [
      "case node['platform_family']",
      "when 'debian', 'ubuntu'",
      "  package 'apt-transport-https'",
      "  package 'openjdk-17-jre-headless' do",
      "    version '17.0.9+9-1~deb12u1'",
      '  end',
      "when 'rhel', 'amazon'",
      "  package 'java-17-openjdk' do",
      '    action :upgrade',
      '  end',
      'else',
      "  raise \"unsupported platform #{node['platform_family']}\"",
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(placed(linted), ['package-unpinned@apt-transport-https:2', 'package-latest@:upgrade:8']);
    assert.deepEqual(only(linted, 'package-latest').range, { start: { line: 8, character: 11 }, end: { line: 8, character: 19 } });
    assert.deepEqual(only(linted, 'package-unpinned').range, { start: { line: 2, character: 11 }, end: { line: 2, character: 30 } });
  });

  test('a case used as a value and a when … then on one line', () => {
    const text = [
      'java = case node[:platform]',
      "       when 'ubuntu' then package('default-jre') { action :upgrade }",
      "       else package('java-latest') { version '21.0.1' }",
      '       end',
      '',
    ].join('\n');
    assert.deepEqual(placed(lintRecipe(text)), ['package-latest@:upgrade:1']);
  });

  test('unless, if/elsif/else: an execute patching the host in any branch', () => {
    const text = [
      "unless node['app']['immutable']",
      "  execute 'apt-get upgrade -y' do",
      "    environment 'DEBIAN_FRONTEND' => 'noninteractive'",
      '  end',
      'end',
      "if platform_family?('debian')",
      "  execute 'apt-get update'",
      "elsif platform_family?('rhel')",
      "  execute 'yum -y update'",
      'else',
      "  execute 'zypper --non-interactive patch'",
      'end',
      '',
    ].join('\n');
    assert.deepEqual(placed(lintRecipe(text)), [
      'in-place-upgrade@apt-get upgrade -y:1',
      'in-place-upgrade@yum -y update:8',
      'in-place-upgrade@zypper --non-interactive patch:10',
    ]);
  });

  test('begin … rescue … ensure around a download: the body, the fallback and the clean-up are resources', () => {
    const text = [
      'begin',
      "  remote_file '/opt/app/app.tar.gz' do",
      "    source 'https://downloads.example.com/app/2.4.1/app.tar.gz'",
      '  end',
      'rescue Net::HTTPClientException, Errno::ECONNREFUSED => e',
      "  Chef::Log.warn(\"primary mirror failed: #{e}\")",
      "  remote_file '/opt/app/app.tar.gz' do",
      "    source 'https://mirror.example.org/app/2.4.1/app.tar.gz'",
      "    checksum 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'",
      '  end',
      'ensure',
      "  git '/opt/app/plugins' do",
      "    repository 'https://github.com/example/app-plugins.git'",
      "    revision 'main'",
      '  end',
      'end',
      '',
    ].join('\n');
    assert.deepEqual(placed(lintRecipe(text)), [
      'remote-unverified@https://downloads.example.com/app/2.4.1/app.tar.gz:2',
      'git-unpinned@main:13',
    ]);
  });

  test('Ruby code in a when branch: the commands it runs and the files it edits in place', () => {
    const text = [
      "ruby_block 'patch host' do",
      '  block do',
      "    case node['platform_family']",
      "    when 'debian' then shell_out!('apt-get -y dist-upgrade')",
      "    when 'rhel'",
      "      Chef::Util::FileEdit.new('/etc/yum.conf').tap { |f| f.insert_line_if_no_match(/^exclude=/, 'exclude=kernel*') }.write_file",
      '    end',
      '  end',
      'end',
      '',
    ].join('\n');
    assert.deepEqual(placed(lintRecipe(text)), ['live-config-edit@ruby_block \'patch host\':0', 'in-place-upgrade@apt-get -y dist-upgrade:3']);
  });

  test('a next-line pragma covers the resource it sits above inside a branch, not the other branches', () => {
    const text = [
      "case node['platform_family']",
      "when 'debian'",
      '  # driftless-disable-next-line package-latest -- security updates from the vendor mirror',
      "  package 'openssl' do",
      '    action :upgrade',
      '  end',
      "when 'rhel'",
      "  package 'openssl' do",
      '    action :upgrade',
      '  end',
      'end',
      '',
    ].join('\n');
    assert.deepEqual(placed(lintRecipe(text)), ['package-latest@:upgrade:8']);
  });

  test('"suppress for this line" inside a when branch comments the resource, at its indentation', () => {
    const text = "case node['platform']\nwhen 'ubuntu'\n  package 'curl' do\n    action :upgrade\n  end\nend\n";
    const linted = lintRecipe(text);
    const finding = only(linted, 'package-latest');
    assert.ok(linted.facts);
    const [line] = suppressionFixes(finding, linted.facts, text);
    const fixed = applyEdits(text, line.edits);
    assert.equal(fixed, text.replace("  package 'curl' do", "  # driftless-disable-next-line package-latest\n  package 'curl' do"));
    assertParses(fixed);
    assert.deepEqual(summary(lintRecipe(fixed)), []);
  });
});

describe('Chef resources in loops over literal arrays', () => {
  test('%w[…].each { |p| package p }: each word is a package of the one resource, at its place in the array', () => {
    const text = "%w[curl git].each { |p| package p }\n";
    const linted = lintRecipe(text);
    assert.deepEqual(placed(linted), ['package-unpinned@curl:0']);
    const finding = only(linted, 'package-unpinned', 'curl');
    assert.deepEqual(finding.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 7 } });
    assert.deepEqual(relatedTexts(linted, finding), ['curl', 'git']);
    assert.deepEqual(finding.related?.[1].range, { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } });
    assert.match(finding.message, /^`curl` and `git` are installed/);
    assert.match(finding.message, /Pin them: `package 'curl' do version '<version>' end` and `package 'git' do version '<version>' end`/);
  });

  test("do |pkg| … end over ['a', 'b'], and package_name inside the resource; action :upgrade is one finding at its token", () => {
    const text = [
      "['build-essential', 'libssl-dev'].each do |pkg|",
      '  package pkg',
      'end',
      '%w(',
      '  nginx',
      '  logrotate',
      ').each do |pkg|',
      '  package "install #{pkg}" do',
      '    package_name pkg',
      '  end',
      'end',
      '%w[openssl ca-certificates].each do |pkg|',
      '  package pkg do',
      '    action :upgrade',
      '  end',
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(placed(linted), ['package-unpinned@build-essential:0', 'package-unpinned@nginx:4', 'package-latest@:upgrade:13']);
    const first = only(linted, 'package-unpinned', 'build-essential');
    assert.deepEqual(relatedTexts(linted, first), ['build-essential', 'libssl-dev']);
    assert.deepEqual(first.related?.[1].range, { start: { line: 0, character: 21 }, end: { line: 0, character: 31 } });
    assert.deepEqual(relatedTexts(linted, only(linted, 'package-unpinned', 'nginx')), ['nginx', 'logrotate']);
    assert.deepEqual(only(linted, 'package-latest').range, { start: { line: 13, character: 11 }, end: { line: 13, character: 19 } });
  });

  test('a loop inside a loop: the inner block reads the outer parameter', () => {
    const text = [
      "%w[php8.2-fpm php8.2-cli].each do |pkg|",
      "  node['app']['sites'].each do |site|",
      '    package pkg',
      '  end',
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(placed(linted), ['package-unpinned@php8.2-fpm:0']);
    assert.deepEqual(relatedTexts(linted, only(linted, 'package-unpinned')), ['php8.2-fpm', 'php8.2-cli']);
  });

  test('silent: loops over attributes or variables, interpolated words, pinned versions, a parameter reassigned or shadowed', () => {
    const text = [
      "node['app']['packages'].each { |p| package p }",
      'base_packages = %w[curl git]',
      'base_packages.each { |p| package p }',
      "%W[libpq-dev postgresql-client-#{node['pg']['version']}].each { |p| package p }",
      "%w[curl git].each { |p| package p do version node['versions'][p] end }",
      "%w[dev doc].each { |suffix| package \"libxml2-#{suffix}\" }",
      '%w[curl git].each do |p|',
      '  p = "#{p}-minimal"',
      '  package p',
      'end',
      '%w[curl git].each do |p|',
      "  node['extras'].each { |p| package p }",
      'end',
      '%w[curl git].each_with_index { |p, i| package p }',
      '',
    ].join('\n');
    assert.deepEqual(placed(lintRecipe(text)), []);
  });

  test('the loop is a statement: a pragma above it covers every word of a multi-line array', () => {
    const text = [
      '# driftless-disable-next-line package-unpinned -- versions come from the base image',
      '%w[',
      '  curl',
      '  git',
      '].each { |p| package p }',
      "package 'jq'",
      '',
    ].join('\n');
    assert.deepEqual(placed(lintRecipe(text)), ['package-unpinned@jq:5']);
  });

  test('"suppress for this line" on the packages of a multi-line array comments the loop', () => {
    const text = "%w[\n  curl\n  git\n].each do |p|\n  package p\nend\n";
    const linted = lintRecipe(text);
    assert.ok(linted.facts);
    const [line] = suppressionFixes(only(linted, 'package-unpinned', 'curl'), linted.facts, text);
    const fixed = applyEdits(text, line.edits);
    assert.equal(fixed, `# driftless-disable-next-line package-unpinned\n${text}`);
    assertParses(fixed);
    assert.deepEqual(summary(lintRecipe(fixed)), []);
  });
});
