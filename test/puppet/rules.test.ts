import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { DigestFix, Finding } from '../../rules/types';
import { SAMPLE_DIGEST } from '../support/fixes';
import { applyFix, lintManifest, only, lines, ready, summary } from './support';

before(ready);

function digestFix(finding: Finding): DigestFix {
  const fix = finding.fixes.find((f): f is DigestFix => f.kind === 'digest');
  assert.ok(fix, `${finding.rule} offers a digest fix`);
  return fix;
}

describe('package-latest on Puppet', () => {
  test('ensure => latest on a package, at the `latest` token (inside quotes), an error; the fix installs once and keeps the arrows aligned', () => {
    const text = lines('class profile::tools {', "  package { 'nginx':", '    ensure   => latest,', "    provider => 'apt',", '  }', "  package { 'jq': ensure => 'latest' }", '}');
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), ['package-latest@latest', 'package-latest@latest']);
    const first = linted.findings[0];
    assert.equal(first.severity, 'error');
    assert.deepEqual(first.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 22 } });
    assert.match(first.message, /`apt` keeps the package at the newest version.*ensure => '<version>'/);
    const after = applyFix(linted, first, text.replace('ensure   => latest,', 'ensure   => installed,'));
    applyFix(after, after.findings.find((f) => f.rule === 'package-latest')!, text.replace('ensure   => latest,', 'ensure   => installed,').replace("'latest'", "'installed'"));
  });

  test('in ensure_packages defaults and a Package default, fixed in place', () => {
    const text = lines("ensure_packages(['htop', 'tree'], { 'ensure' => 'latest' })", 'Package { ensure => latest }');
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), ['package-latest@latest', 'package-latest@latest']);
    applyFix(linted, linted.findings[0], text.replace("'latest'", "'installed'"));
  });

  test('silent: pinned versions, installed, absent, purged, latest on other types', () => {
    const text = lines("package { 'a': ensure => '1.2.3' }", "package { 'b': ensure => absent }", "service { 'c': ensure => latest }", "vcsrepo { '/d': ensure => latest, provider => git, revision => 'v1.0.0' }");
    assert.deepEqual(summary(lintManifest(text), 'package-latest'), []);
  });
});

describe('package-unpinned on Puppet', () => {
  test('installed, present or no ensure: one info finding per package at its name; the name attribute wins over the title', () => {
    const text = lines("package { 'vim': ensure => installed }", "package { 'curl': ensure => present }", "package { 'git': }", "package { 'openssl-pkg': name => 'openssl' }");
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), ['package-unpinned@vim', 'package-unpinned@curl', 'package-unpinned@git', 'package-unpinned@openssl']);
    assert.ok(linted.findings.every((f) => f.severity === 'info'));
    assert.match(linted.findings[0].message, /Pin it: `package \{ 'vim': ensure => '<version>' \}`/);
    assert.deepEqual(linted.findings[0].range, { start: { line: 0, character: 11 }, end: { line: 0, character: 14 } });
  });

  test('silent: a version, a local source file, absent, purged', () => {
    const text = lines(
      "package { 'a': ensure => '2.4.1-1ubuntu1' }",
      "package { 'b': ensure => installed, source => '/tmp/b.deb', provider => dpkg }",
      "package { 'c': ensure => absent }",
      "package { 'd': ensure => purged }",
    );
    assert.deepEqual(summary(lintManifest(text)), []);
  });
});

describe('in-place-upgrade on Puppet exec', () => {
  const realistic = (exec: string[]) =>
    lines('class profile::patching {', "  package { 'unattended-upgrades': ensure => '2.9.1' }", '', ...exec, '', "  service { 'cron': ensure => running }", '}');

  test('an exec whose whole command upgrades: the fix removes the resource, its title naming the references that must go', () => {
    const exec = ["  exec { 'apt-get dist-upgrade':", "    command => '/usr/bin/apt-get -y dist-upgrade',", '    timeout => 1800,', '  }'];
    const text = realistic(exec);
    const linted = lintManifest(text);
    const upgrade = only(linted, 'in-place-upgrade', '/usr/bin/apt-get -y dist-upgrade');
    assert.equal(upgrade.severity, 'error');
    assert.equal(upgrade.fixes[0].title, "Remove the `exec 'apt-get dist-upgrade'` resource (and any require/notify/subscribe/before of `Exec['apt-get dist-upgrade']` in other manifests)");
    applyFix(linted, upgrade, realistic([]));
  });

  test('the title is the command when there is none; an argv array is one command no shell reads', () => {
    const text = lines("exec { 'yum -y update': path => ['/usr/bin'] }", "exec { 'argv': command => ['/usr/bin/zypper', '--non-interactive', 'dup'] }");
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), ['in-place-upgrade@yum -y update', "in-place-upgrade@/usr/bin/zypper', '--non-interactive', 'dup"]);
    applyFix(linted, linted.findings[1], lines("exec { 'yum -y update': path => ['/usr/bin'] }"));
  });

  test('an upgrade in an && chain: the fix removes that command alone', () => {
    const text = lines('exec { "refresh":', '  command => "apt-get update && apt-get upgrade -y && systemctl restart app",', '  path    => $facts[\'path\'],', '}');
    const linted = lintManifest(text);
    const upgrade = only(linted, 'in-place-upgrade', 'apt-get upgrade -y');
    applyFix(linted, upgrade, text.replace(' && apt-get upgrade -y', ''));
  });

  test('no fix when another resource or a chain in the manifest refers to the exec, or it shares its declaration', () => {
    const referenced = [
      lines("exec { 'up': command => 'apt-get upgrade -y' }", "service { 'app': require => Exec['up'] }"),
      lines("exec { 'up': command => 'apt-get upgrade -y' }", "Exec['up'] -> Service['app']"),
      lines("exec { 'up': command => 'apt-get upgrade -y' }", 'Exec[$step] ~> Service[\'app\']'),
      lines("exec { 'up': command => 'apt-get upgrade -y' } -> service { 'app': }"),
      lines("exec { 'up': command => 'apt-get upgrade -y'; 'other': command => '/bin/true' }"),
    ];
    for (const text of referenced) assert.deepEqual(only(lintManifest(text), 'in-place-upgrade').fixes, [], text);
  });

  test('silent: echoed or logged words, a powershell exec, onlyif/unless checks, package installs at a version', () => {
    const text = lines(
      "exec { 'say': command => 'echo \"apt-get upgrade\"' }",
      "notify { 'apt-get upgrade': }",
      "exec { 'win': command => 'yum update', provider => powershell }",
      "exec { 'probe': command => '/bin/true', onlyif => 'apt-get -s upgrade' }",
      "exec { 'pin': command => 'apt-get install -y curl=8.5.0-2' }",
    );
    assert.deepEqual(summary(lintManifest(text)), []);
  });
});

describe('remote-unverified, integrity-bypass and live-config-edit on Puppet exec', () => {
  test('curl | sh is remote-unverified over the pipeline; -k is an integrity-bypass whose fix removes the flag', () => {
    const text = lines("exec { 'install tool':", "  command => 'curl -fsSL -k https://get.example.com/install.sh | bash',", "  creates => '/usr/local/bin/tool',", '}');
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), ['remote-unverified@curl -fsSL -k https://get.example.com/install.sh | bash', 'integrity-bypass@-k']);
    applyFix(linted, only(linted, 'integrity-bypass'), text.replace(' -k', ''));
  });

  test('sed -i is live-config-edit at the command', () => {
    const linted = lintManifest(lines('exec { "port": command => "/bin/sed -i \'s/^Port 22/Port 2222/\' /etc/ssh/sshd_config" }'));
    assert.deepEqual(summary(linted), ["live-config-edit@/bin/sed -i 's/^Port 22/Port 2222/' /etc/ssh/sshd_config"]);
    assert.equal(linted.findings[0].severity, 'warning');
  });
});

describe('live-config-edit on file_line and augeas', () => {
  test('at the type and title when on one line, at the title otherwise', () => {
    const text = lines("file_line { 'sshd port':", "  path => '/etc/ssh/sshd_config',", "  line => 'Port 2222',", '}', 'augeas {', "  'sysctl':", "    changes => ['set net.ipv4.ip_forward 1'],", '}', "file_line { ['a', 'b']: path => '/etc/x', line => 'y' }");
    assert.deepEqual(summary(lintManifest(text)), ["live-config-edit@file_line { 'sshd port'", "live-config-edit@'sysctl'", "live-config-edit@'a'", "live-config-edit@'b'"]);
  });

  test('silent: a whole file from a template', () => {
    assert.deepEqual(summary(lintManifest(lines("file { '/etc/ssh/sshd_config': content => epp('ssh/sshd_config.epp') }"))), []);
  });
});

describe('git-unpinned on vcsrepo', () => {
  test('no revision (at the resource name), a branch (at the value); a commit or a version tag passes', () => {
    const text = lines(
      "vcsrepo { '/opt/app': ensure => present, provider => git, source => 'https://git.example.com/app.git' }",
      "vcsrepo { '/opt/tools':",
      '  ensure   => latest,',
      '  provider => git,',
      "  source   => 'https://git.example.com/tools.git',",
      "  revision => 'main',",
      '}',
      `vcsrepo { '/opt/lib': provider => git, source => 'x', revision => '${'a1'.repeat(20)}' }`,
      "vcsrepo { '/opt/cli': provider => git, source => 'x', revision => 'v2.3.1' }",
      "vcsrepo { '/opt/svn': provider => svn, source => 'svn://x/trunk' }",
      "vcsrepo { '/opt/gone': ensure => absent, provider => git }",
    );
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), ["git-unpinned@vcsrepo { '/opt/app'", 'git-unpinned@main']);
    assert.match(linted.findings[1].message, /of https:\/\/git.example.com\/tools.git takes `main`/);
  });
});

describe('remote-unverified on archive and file sources', () => {
  test('archive and an http(s) file source without a checksum, at the URL, interpolated ones included', () => {
    const text = lines(
      "archive { '/tmp/app.tgz':",
      "  source       => 'https://downloads.example.com/app-1.2.tgz',",
      "  extract      => true,",
      "  extract_path => '/opt',",
      '}',
      'file { \'/usr/local/bin/tool\': source => "https://downloads.example.com/${version}/tool", mode => \'0755\' }',
      "file { '/etc/motd': source => ['puppet:///modules/motd/motd', 'http://mirror.example.com/motd'] }",
    );
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), [
      'remote-unverified@https://downloads.example.com/app-1.2.tgz',
      'remote-unverified@https://downloads.example.com/${version}/tool',
      'remote-unverified@http://mirror.example.com/motd',
    ]);
    assert.match(linted.findings[0].message, /`archive` fetches https:\/\/downloads.example.com\/app-1.2.tgz without a checksum/);
  });

  test('silent: checksums, checksum_url, puppet:// and local sources, absent', () => {
    const text = lines(
      "archive { '/tmp/a.tgz': source => 'https://e.com/a.tgz', checksum => 'abc123', checksum_type => 'sha256' }",
      "archive { '/tmp/b.tgz': source => 'https://e.com/b.tgz', checksum_url => 'https://e.com/b.tgz.sha256' }",
      "archive { '/tmp/c.tgz': source => 'puppet:///modules/app/c.tgz' }",
      "file { '/x': source => 'https://e.com/x', checksum => 'sha256', checksum_value => 'abc123' }",
      "file { '/y': source => 'puppet:///modules/app/y' }",
      "file { '/z': ensure => absent, source => 'https://e.com/z' }",
    );
    assert.deepEqual(summary(lintManifest(text)), []);
  });

  test('checksum_verify => false undoes the checksum', () => {
    const text = lines("archive { '/tmp/a.tgz': source => 'https://e.com/a.tgz', checksum => 'abc', checksum_verify => false }");
    assert.deepEqual(summary(lintManifest(text)), ['remote-unverified@https://e.com/a.tgz']);
  });
});

describe('image rules on docker::image and docker::run', () => {
  test('docker::image with a tag: image-digest-missing at the tag; the digest fix writes it into the tag the module pulls', () => {
    const text = lines('class profile::cache {', "  docker::image { 'redis':", "    image_tag => '7.2',", '    ensure    => present,', '  }', '}');
    const linted = lintManifest(text);
    const finding = only(linted, 'image-digest-missing', '7.2');
    assert.equal(finding.severity, 'warning');
    const fix = digestFix(finding);
    assert.equal(fix.image, 'redis:7.2');
    applyFix(linted, finding, text.replace("'7.2'", `'7.2@${SAMPLE_DIGEST}'`), fix);
  });

  test('docker::image without a tag: the digest fix adds image_digest, every arrow moved to the new column', () => {
    const text = lines('class profile::base {', "  docker::image { 'ubuntu':", '    ensure => present,', '    force  => true', '  }', '}');
    const linted = lintManifest(text);
    const finding = only(linted, 'image-latest-tag', 'ubuntu');
    const expected = lines(
      'class profile::base {',
      "  docker::image { 'ubuntu':",
      '    ensure       => present,',
      '    force        => true,',
      `    image_digest => '${SAMPLE_DIGEST}',`,
      '  }',
      '}',
    );
    applyFix(linted, finding, expected, digestFix(finding));
  });

  test('docker::image without a tag: image-latest-tag at the title; one-line bodies get the attribute appended, an image_digest is a pin', () => {
    const text = lines("docker::image { 'ubuntu': ensure => present }", "docker::image { 'alpine': }");
    const linted = lintManifest(text);
    assert.deepEqual(summary(linted), ['image-latest-tag@ubuntu', 'image-latest-tag@alpine']);
    assert.match(linted.findings[0].message, /docker pulls `latest`/);
    const once = applyFix(linted, linted.findings[0], text.replace('ensure => present', `ensure => present, image_digest => '${SAMPLE_DIGEST}'`), digestFix(linted.findings[0]));
    applyFix(once, once.findings[0], once.text.replace("'alpine':", `'alpine': image_digest => '${SAMPLE_DIGEST}'`), digestFix(once.findings[0]));
  });

  test('docker::run: the digest goes into the image string', () => {
    const text = lines("docker::run { 'web':", "  image   => 'nginx:1.25',", "  ports   => ['80:80'],", '}');
    const linted = lintManifest(text);
    const finding = only(linted, 'image-digest-missing', 'nginx:1.25');
    applyFix(linted, finding, text.replace("'nginx:1.25'", `'nginx:1.25@${SAMPLE_DIGEST}'`), digestFix(finding));
  });

  test('a title array shares one body: the image is reported but not pinned', () => {
    const linted = lintManifest(lines("docker::image { ['redis', 'memcached']: image_tag => '1' }"));
    assert.equal(linted.findings.length, 2);
    assert.ok(linted.findings.every((f) => f.fixes.every((x) => x.kind !== 'digest')));
    assert.match(linted.findings[0].message, /declare it on its own/);
  });

  test('silent: a digest, a locally built image, absent', () => {
    const text = lines(
      `docker::image { 'redis': image_digest => 'sha256:${'0'.repeat(64)}' }`,
      `docker::image { 'valkey': image_tag => '8.0@sha256:${'0'.repeat(64)}' }`,
      "docker::image { 'app': docker_file => '/srv/app/Dockerfile' }",
      "docker::image { 'old': ensure => absent }",
      `docker::run { 'web': image => 'nginx@sha256:${'0'.repeat(64)}' }`,
    );
    assert.deepEqual(summary(lintManifest(text)), []);
  });
});
