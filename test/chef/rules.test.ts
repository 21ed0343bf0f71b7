import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { applyEdits } from '../../rules/text';
import { DIGEST_PLACEHOLDER, type DigestFix, type Finding } from '../../rules/types';
import { applyFix, assertParses, at, lintFixture, lintRecipe, localFix, only, ready, relatedTexts, summary } from './support';

before(ready);

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function digestFix(finding: Finding): DigestFix {
  const fix = finding.fixes.find((f): f is DigestFix => f.kind === 'digest');
  assert.ok(fix, `${finding.rule} offers a digest fix`);
  return fix;
}

describe('Chef fixture cookbook', () => {
  test('the default recipe: one of each finding, at its range, with the platform severity', () => {
    const linted = lintFixture('recipes/default.rb');
    assert.equal(linted.kind, 'chef');
    assert.deepEqual(summary(linted), [
      'package-latest@:upgrade',
      'package-latest@:upgrade',
      'package-unpinned@curl',
      'in-place-upgrade@apt-get -y dist-upgrade',
      'in-place-upgrade@yum -y update',
      'remote-unverified@https://downloads.example.com/app-2.1.tar.gz',
      'git-unpinned@main',
      "git-unpinned@git '/srv/tools' do",
      "live-config-edit@ruby_block 'listen on all interfaces'",
      "live-config-edit@sed -i 's/^Port 22/Port 2222/' /etc/ssh/sshd_config",
      'integrity-bypass@gpgcheck',
      'image-digest-missing@1.25',
      'image-latest-tag@latest',
    ]);
    const severities = Object.fromEntries(linted.findings.map((f) => [f.rule, f.severity]));
    assert.deepEqual(severities, {
      'package-latest': 'error',
      'package-unpinned': 'info',
      'in-place-upgrade': 'error',
      'remote-unverified': 'warning',
      'git-unpinned': 'warning',
      'live-config-edit': 'warning',
      'integrity-bypass': 'error',
      'image-digest-missing': 'warning',
      'image-latest-tag': 'error',
    });
    const upgrade = only(linted, 'in-place-upgrade', 'yum -y update');
    assert.deepEqual(upgrade.range, { start: { line: 19, character: 4 }, end: { line: 19, character: 17 } });
  });

  test('must stay silent: look-alike words (log, echo, python code), pinned versions, checksums, commits, tags, digests, removals', () => {
    const linted = lintFixture('recipes/silent.rb');
    assert.equal(linted.kind, 'chef');
    assert.deepEqual(summary(linted), []);
  });

  test('resources inside a custom resource action are resources, not properties', () => {
    assert.deepEqual(summary(lintFixture('resources/site.rb')), ['package-latest@:upgrade', 'in-place-upgrade@apt-get upgrade -y']);
  });
});

describe('package-latest on Chef', () => {
  test('action :upgrade on package and every *_package, chef_gem, in arrays and as a string', () => {
    const text = [
      "apt_package 'nginx' do",
      '  action :upgrade',
      'end',
      "gem_package 'bundler' do",
      '  action [:install, :upgrade]',
      'end',
      "chef_gem 'aws-sdk' do",
      "  action 'upgrade'",
      'end',
      "service 'nginx' do",
      '  action :upgrade',
      'end',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text), 'package-latest'), ['package-latest@:upgrade', 'package-latest@:upgrade', 'package-latest@upgrade']);
  });

  test('declare_resource / edit_resource name the type in their first argument', () => {
    const text = "declare_resource(:apt_package, 'nginx') do\n  action :upgrade\nend\nedit_resource!(:execute, 'apt-get -y upgrade')\n";
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted), ['package-latest@:upgrade', 'in-place-upgrade@apt-get -y upgrade']);
    applyFix(linted, only(linted, 'in-place-upgrade'), "declare_resource(:apt_package, 'nginx') do\n  action :upgrade\nend\n");
  });

  test('the fix writes action :install and nothing else; the recipe parses and the finding is gone', () => {
    const text = "# Größe\npackage 'nginx' do\n  action :upgrade\n  options '--no-install-recommends'\nend\n";
    const linted = lintRecipe(text);
    const finding = only(linted, 'package-latest', ':upgrade');
    assert.equal(localFix(finding).title, 'Install the package once instead of upgrading it (action :install)');
    applyFix(linted, finding, text.replace(':upgrade', ':install'));
  });

  test('the fix inside an action array and on a string action', () => {
    const array = "yum_package 'httpd' do\n  action [:install, :upgrade]\nend\n";
    const linted = lintRecipe(array);
    applyFix(linted, only(linted, 'package-latest'), array.replace(':upgrade', ':install'));
    const string = "chef_gem 'aws-sdk' do\n  action 'upgrade'\nend\n";
    const strung = lintRecipe(string);
    applyFix(strung, only(strung, 'package-latest'), string.replace("'upgrade'", "'install'"));
  });
});

describe('package-unpinned on Chef', () => {
  test('installs without version: one finding per resource, on its first name token (resource name, %w array, package_name)', () => {
    const text = [
      "package 'curl'",
      'package %w(git vim) do',
      '  action :install',
      'end',
      "apt_package 'web server' do",
      "  package_name 'nginx'",
      'end',
      "gem_package 'rake'",
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted, 'package-unpinned'), ['package-unpinned@curl', 'package-unpinned@git', 'package-unpinned@nginx', 'package-unpinned@rake']);
    assert.deepEqual(relatedTexts(linted, only(linted, 'package-unpinned', 'git')), ['git', 'vim']);
    assert.deepEqual(only(linted, 'package-unpinned', 'curl').related, undefined);
    assert.deepEqual(only(linted, 'package-unpinned', 'curl').range, { start: { line: 0, character: 9 }, end: { line: 0, character: 13 } });
    assert.match(only(linted, 'package-unpinned', 'nginx').message, /Pin it: `apt_package 'nginx' do version '<version>' end`/);
    for (const f of linted.findings) assert.equal(f.severity, 'info');
  });

  test('silent: a version (even computed), removal actions, local package files, a dynamic name', () => {
    const text = [
      "package 'curl' do",
      "  version '7.88.1-10'",
      'end',
      "package 'telnet' do",
      '  action :purge',
      'end',
      "rpm_package '/tmp/app.rpm'",
      "package 'app' do",
      "  source '/tmp/app.deb'",
      'end',
      'node["pkgs"].each { |p| package p }',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text)), []);
  });
});

describe('in-place-upgrade on Chef', () => {
  test('execute (name or command, string or argv), bash and script code; the command words are the range', () => {
    const text = [
      "execute 'apt-get -y upgrade'",
      "execute 'patch' do",
      "  command 'zypper --non-interactive patch'",
      'end',
      "execute 'argv' do",
      "  command ['apk', 'upgrade']",
      'end',
      "bash 'heredoc' do",
      '  code <<~EOH',
      '    apt-get update',
      '    sudo apt-get -y dist-upgrade',
      '  EOH',
      'end',
      "script 'sh' do",
      "  interpreter 'bash'",
      "  code 'dnf -y upgrade'",
      'end',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text), 'in-place-upgrade'), [
      'in-place-upgrade@apt-get -y upgrade',
      'in-place-upgrade@zypper --non-interactive patch',
      "in-place-upgrade@'apk', 'upgrade'",
      'in-place-upgrade@apt-get -y dist-upgrade',
      'in-place-upgrade@dnf -y upgrade',
    ]);
  });

  test('silent: log, echo, a bash name that is only a label, python code, an execute that is not an upgrade', () => {
    const text = [
      "log 'yum update'",
      "execute 'echo \"apt-get upgrade\"'",
      "bash 'apt-get upgrade' do",
      "  code 'echo done'",
      'end',
      "python 'x' do",
      "  code 'apt-get upgrade'",
      'end',
      "script 'perl' do",
      "  interpreter 'perl'",
      "  code 'yum update'",
      'end',
      "execute 'yum install -y nginx-1.24.0'",
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text), 'in-place-upgrade'), []);
  });

  test('fix: only the upgrade leaves an && chain in the string', () => {
    const text = "execute 'apt-get update && apt-get -y dist-upgrade && apt-get install -y nginx=1.24.0-1'\n";
    const linted = lintRecipe(text);
    const finding = only(linted, 'in-place-upgrade');
    assert.match(localFix(finding).title, /apt-get -y dist-upgrade/);
    applyFix(linted, finding, "execute 'apt-get update && apt-get install -y nginx=1.24.0-1'\n");
  });

  test('fix: one line of a heredoc with other commands', () => {
    const text = "bash 'patch' do\n  code <<-EOH\n    apt-get update\n    apt-get -y upgrade\n    echo done\n  EOH\nend\n";
    const linted = lintRecipe(text);
    const fixed = applyEdits(text, localFix(only(linted, 'in-place-upgrade')).edits);
    assert.doesNotMatch(fixed, /upgrade/);
    assert.match(fixed, /apt-get update\n\s+echo done\n\s+EOH\nend\n$/);
    applyFix(linted, only(linted, 'in-place-upgrade'), fixed);
  });

  test('fix: a resource that is only the upgrade goes whole, from its first line to its end', () => {
    const text = [
      "package 'a' do",
      "  version '1'",
      'end',
      '',
      "bash 'patch the host' do",
      '  code <<-EOH',
      '    yum -y update',
      '  EOH',
      '  user "root"',
      'end',
      '',
      "execute 'apt-get -y upgrade'",
      "log 'done'",
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    const bash = only(linted, 'in-place-upgrade', 'yum -y update');
    assert.equal(localFix(bash).title, "Remove the `bash 'patch the host'` resource");
    applyFix(linted, bash, text.replace("bash 'patch the host' do\n  code <<-EOH\n    yum -y update\n  EOH\n  user \"root\"\nend\n", ''));
    const execute = only(linted, 'in-place-upgrade', 'apt-get -y upgrade');
    assert.equal(localFix(execute).title, "Remove the `execute 'apt-get -y upgrade'` resource");
    applyFix(linted, execute, text.replace("execute 'apt-get -y upgrade'\n", ''));
  });

  test('fix: a heredoc opened on the resource line is removed with its body; a modifier `if` goes with its resource', () => {
    const text = "execute <<~EOS.strip\n  apt-get -y upgrade\nEOS\nexecute 'yum -y update' if node['patch']\nlog 'kept'\n";
    const linted = lintRecipe(text);
    applyFix(linted, only(linted, 'in-place-upgrade', 'apt-get -y upgrade'), text.replace("execute <<~EOS.strip\n  apt-get -y upgrade\nEOS\n", ''));
    applyFix(linted, only(linted, 'in-place-upgrade', 'yum -y update'), text.replace("execute 'yum -y update' if node['patch']\n", ''));
  });

  test('fix: inside a custom resource action and inside a conditional, indentation and CRLF kept', () => {
    const text = "action :create do\r\n  if platform?('ubuntu')\r\n    execute 'apt-get upgrade -y'\r\n  end\r\nend\r\n";
    const linted = lintRecipe(text);
    applyFix(linted, only(linted, 'in-place-upgrade'), "action :create do\r\n  if platform?('ubuntu')\r\n  end\r\nend\r\n");
  });

  test('commands Ruby runs itself: shell_out!, system (string or argv), backticks, %x(); guards and other receivers are not runs', () => {
    const text = [
      "ruby_block 'patch' do",
      '  block do',
      "    shell_out!('apt-get update && apt-get -y upgrade')",
      "    system('yum', 'update', exception: true)",
      '    out = %x(apk upgrade)',
      '    say = `echo "zypper up"`',
      "    obj.system('dnf -y upgrade')",
      '  end',
      "  only_if { system('apt-get -s upgrade') }",
      'end',
      "execute 'noop' do",
      "  command 'true'",
      "  not_if 'apt-get -s dist-upgrade | grep -q ^0'",
      'end',
      "Kernel.system({ 'DEBIAN_FRONTEND' => 'noninteractive' }, 'pacman -Syu')",
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted, 'in-place-upgrade'), [
      'in-place-upgrade@apt-get -y upgrade',
      "in-place-upgrade@'yum', 'update'",
      'in-place-upgrade@apk upgrade',
      'in-place-upgrade@pacman -Syu',
    ]);
    applyFix(linted, only(linted, 'in-place-upgrade', 'apt-get -y upgrade'), text.replace(' && apt-get -y upgrade', ''));
    assert.deepEqual(only(linted, 'in-place-upgrade', 'apk upgrade').fixes.filter((f) => f.kind === 'local'), []);
  });

  test('no whole-resource fix where removing it would break the code (its value is used)', () => {
    const text = "r = execute 'apt-get -y upgrade'\n";
    const finding = only(lintRecipe(text), 'in-place-upgrade');
    assert.deepEqual(finding.fixes.filter((f) => f.kind === 'local'), []);
  });
});

describe('remote-unverified on Chef', () => {
  test('remote_file without checksum: the URL (each of several sources)', () => {
    const text = [
      "remote_file '/opt/a.tgz' do",
      "  source 'https://a.example.com/a.tgz', 'https://mirror.example.com/a.tgz'",
      'end',
      "remote_file '/opt/b.tgz' do",
      "  source \"https://b.example.com/#{node['v']}/b.tgz\"",
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted, 'remote-unverified'), [
      'remote-unverified@https://a.example.com/a.tgz',
      'remote-unverified@https://mirror.example.com/a.tgz',
      "remote-unverified@\"https://b.example.com/#{node['v']}/b.tgz\"",
    ]);
    assert.deepEqual(only(linted, 'remote-unverified', 'https://a.example.com/a.tgz').range, {
      start: { line: 1, character: 10 },
      end: { line: 1, character: 37 },
    });
  });

  test('silent: with checksum, a local file:// source, cookbook_file and template', () => {
    const text = [
      "remote_file '/opt/a.tgz' do",
      "  source 'https://a.example.com/a.tgz'",
      "  checksum 'f2ca1bb6c7e907d06dafe4687e579fce76b37e4e93b7605022da52e6ccc26fd2'",
      'end',
      "remote_file '/opt/b' do",
      "  source 'file:///mnt/b'",
      'end',
      "cookbook_file '/etc/c' do",
      "  source 'c'",
      'end',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text)), []);
  });
});

describe('git-unpinned on Chef', () => {
  test('a branch, HEAD, or no revision (the first line); reference and branch are revision aliases', () => {
    const text = [
      "git '/srv/a' do",
      "  repository 'https://example.com/a.git'",
      "  revision 'develop'",
      'end',
      "git '/srv/b' do",
      "  repository 'https://example.com/b.git'",
      'end',
      "git '/srv/c' do",
      "  repository 'https://example.com/c.git'",
      "  reference 'HEAD'",
      'end',
      "git '/srv/d' do",
      "  branch 'release'",
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted, 'git-unpinned'), [
      'git-unpinned@develop',
      "git-unpinned@git '/srv/b' do",
      'git-unpinned@HEAD',
      'git-unpinned@release',
    ]);
    assert.deepEqual(only(linted, 'git-unpinned', 'develop').range, { start: { line: 2, character: 12 }, end: { line: 2, character: 19 } });
  });

  test('silent: a 40-hex commit, a version tag, a computed revision', () => {
    const text = [
      "git '/srv/a' do",
      "  revision '3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c'",
      'end',
      "git '/srv/b' do",
      "  revision 'v1.2.3'",
      'end',
      "git '/srv/c' do",
      "  revision node['app']['rev']",
      'end',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text)), []);
  });
});

describe('live-config-edit on Chef', () => {
  test('ruby_block with Chef::Util::FileEdit, sed -i in execute/bash, the line cookbook resources', () => {
    const text = [
      "ruby_block 'edit hosts' do",
      '  block do',
      "    fe = ::Chef::Util::FileEdit.new('/etc/hosts')",
      "    fe.insert_line_if_no_match(/app/, '10.0.0.1 app')",
      '    fe.write_file',
      '  end',
      'end',
      "bash 'tune' do",
      "  code \"sed -i -e 's/a/b/' /etc/sysctl.conf\"",
      'end',
      "replace_or_add 'motd' do",
      "  path '/etc/motd'",
      "  pattern 'Welcome'",
      "  line 'Welcome to prod'",
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted, 'live-config-edit'), [
      "live-config-edit@ruby_block 'edit hosts'",
      "live-config-edit@sed -i -e 's/a/b/' /etc/sysctl.conf",
      "live-config-edit@replace_or_add 'motd'",
    ]);
  });

  test('FileEdit outside a resource sits on the constant', () => {
    const text = "fe = Chef::Util::FileEdit.new('/etc/hosts')\nfe.write_file\n";
    assert.deepEqual(summary(lintRecipe(text)), ['live-config-edit@Chef::Util::FileEdit']);
  });

  test('silent: a ruby_block without FileEdit, template, sed without -i', () => {
    const text = [
      "ruby_block 'reload' do",
      "  block { Chef::Log.info('hi') }",
      'end',
      "template '/etc/app.conf' do",
      "  source 'app.conf.erb'",
      'end',
      "execute \"sed 's/a/b/' /etc/a > /tmp/a\"",
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text)), []);
  });
});

describe('integrity-bypass on Chef', () => {
  test('yum/zypper gpgcheck false, sslverify false, apt trusted true, and curl -k in execute; fixes set the verifying value', () => {
    const text = [
      "yum_repository 'epel' do",
      "  baseurl 'https://example.com/epel'",
      '  gpgcheck false',
      '  sslverify false',
      'end',
      "apt_repository 'vendor' do",
      "  uri 'https://apt.example.com'",
      '  trusted true',
      'end',
      "zypper_repository 'extra' do",
      '  gpgcheck false',
      'end',
      "execute 'curl -k -o /tmp/x https://example.com/x'",
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted, 'integrity-bypass'), [
      'integrity-bypass@gpgcheck',
      'integrity-bypass@sslverify',
      'integrity-bypass@trusted',
      'integrity-bypass@gpgcheck',
      'integrity-bypass@-k',
    ]);
    const trusted = only(linted, 'integrity-bypass', 'trusted');
    assert.equal(localFix(trusted).title, 'Set trusted false');
    applyFix(linted, trusted, text.replace('trusted true', 'trusted false'));
    const sslverify = only(linted, 'integrity-bypass', 'sslverify');
    applyFix(linted, sslverify, text.replace('sslverify false', 'sslverify true'));
  });

  test('package options that switch signature checks off; the fix removes the flag from the string', () => {
    const text = [
      "yum_package 'app' do",
      "  version '2.1'",
      "  options '--nogpgcheck --setopt=tsflags=nodocs'",
      'end',
      "apt_package 'tool' do",
      "  version '1.0'",
      '  options "--force-yes"',
      'end',
      "package 'lib' do",
      "  version '3'",
      "  options '--allow-unauthenticated'",
      'end',
      "apt_package 'safe' do",
      "  version '1'",
      "  options '--no-install-recommends'",
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted, 'integrity-bypass'), [
      'integrity-bypass@--nogpgcheck',
      'integrity-bypass@--force-yes',
      'integrity-bypass@--allow-unauthenticated',
    ]);
    applyFix(linted, only(linted, 'integrity-bypass', '--nogpgcheck'), text.replace('--nogpgcheck ', ''));
    applyFix(linted, only(linted, 'integrity-bypass', '--force-yes'), text.replace('"--force-yes"', '""'));
  });

  test('silent: verification on (or left at its default)', () => {
    const text = "yum_repository 'epel' do\n  gpgcheck true\nend\napt_repository 'x' do\n  trusted false\nend\n";
    assert.deepEqual(summary(lintRecipe(text)), []);
  });
});

describe('image rules on Chef', () => {
  test('docker_image and docker_container: tag value as range, repo/container_name/name for the repository', () => {
    const text = [
      "docker_image 'nginx' do",
      "  tag '1.25'",
      'end',
      "docker_image 'busybox'",
      "docker_container 'web' do",
      "  repo 'ghcr.io/example/web'",
      "  tag 'latest'",
      'end',
      "docker_container 'redis' do",
      '  port "6379:6379"',
      'end',
      '',
    ].join('\n');
    const linted = lintRecipe(text);
    assert.deepEqual(summary(linted), [
      'image-digest-missing@1.25',
      'image-latest-tag@busybox',
      'image-latest-tag@latest',
      'image-latest-tag@redis',
    ]);
    assert.match(only(linted, 'image-latest-tag', 'busybox').message, /docker cookbook pulls `latest`/);
  });

  test('silent: a digest in the tag, a build, a container being deleted, a computed tag', () => {
    const text = [
      "docker_image 'nginx' do",
      `  tag '1.25@${DIGEST}'`,
      'end',
      "docker_image 'app' do",
      "  source '/src/app'",
      '  action :build',
      'end',
      "docker_container 'old' do",
      '  action :delete',
      'end',
      "docker_image 'x' do",
      "  tag node['x']['tag']",
      'end',
      '',
    ].join('\n');
    assert.deepEqual(summary(lintRecipe(text)), []);
  });

  test('the digest fix writes the digest into the tag: the cookbook runs "repo:tag@sha256:…"', () => {
    const text = "docker_image 'nginx' do\n  tag '1.25'\nend\n";
    const linted = lintRecipe(text);
    const fix = digestFix(only(linted, 'image-digest-missing'));
    assert.equal(fix.image, 'nginx:1.25');
    const fixed = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: e.newText.replace(DIGEST_PLACEHOLDER, DIGEST) })));
    assert.equal(fixed, `docker_image 'nginx' do\n  tag '1.25@${DIGEST}'\nend\n`);
    assertParses(fixed);
    assert.deepEqual(summary(lintRecipe(fixed)), []);
  });

  test('no tag property: the fix adds tag latest@digest, inside the block or in a new one', () => {
    const cases: Array<[string, string]> = [
      ["docker_image 'busybox'\n", `docker_image 'busybox' do\n  tag 'latest@${DIGEST}'\nend\n`],
      ["  docker_container 'redis' do\n    port '6379'\n  end\n", `  docker_container 'redis' do\n    port '6379'\n    tag 'latest@${DIGEST}'\n  end\n`],
      ["docker_image('busybox') { action :pull }\n", `docker_image('busybox') { action :pull ; tag 'latest@${DIGEST}' }\n`],
    ];
    for (const [text, expected] of cases) {
      const linted = lintRecipe(text);
      const fix = digestFix(only(linted, 'image-latest-tag'));
      const fixed = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: e.newText.replace(DIGEST_PLACEHOLDER, DIGEST) })));
      assert.equal(fixed, expected);
      assertParses(fixed);
      assert.deepEqual(summary(lintRecipe(fixed)), [], `no finding left in ${JSON.stringify(fixed)}`);
    }
  });

  test('a repo that carries its own tag is not pinned by adding another', () => {
    const text = "docker_image 'nginx:1.25'\n";
    const finding = only(lintRecipe(text), 'image-digest-missing');
    assert.deepEqual(finding.fixes.filter((f) => f.kind === 'digest'), []);
    assert.match(finding.message, /move it to the `tag` property/);
  });

  test('a tag that is not a plain literal cannot take the digest: the finding says why', () => {
    const text = "docker_image 'nginx' do\n  tag \"1.25\\u0031\"\nend\n";
    const finding = only(lintRecipe(text), 'image-digest-missing');
    assert.deepEqual(finding.fixes.filter((f) => f.kind === 'digest'), []);
    assert.match(finding.message, /cannot be pinned automatically/);
    assert.equal(at(text, finding.span), '1.25\\u0031');
  });
});
