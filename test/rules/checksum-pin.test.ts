import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { initEngine, lint } from '../../rules/engine';
import type { ChecksumFix, FileKind, Finding } from '../../rules/types';
import { assertParses as assertRubyParses } from '../chef/support';
import { assertParses as assertPuppetParses } from '../puppet/support';
import { at } from '../support/findings';
import { applyFix, SAMPLE_CHECKSUM } from '../support/fixes';

const RULE = 'remote-unverified';
const HEX = SAMPLE_CHECKSUM;

before(() => initEngine());

const lines = (...l: string[]): string => [...l, ''].join('\n');

function lintAs(kind: FileKind, path: string, text: string): Finding[] {
  return lint({ path, text }, { kind }).findings;
}

function downloadFinding(findings: readonly Finding[], text: string, url: string): Finding {
  const matches = findings.filter((f) => f.rule === RULE && at(text, f.span) === url);
  assert.equal(matches.length, 1, `one ${RULE} finding at ${url}`);
  return matches[0];
}

function checksumFix(finding: Finding): ChecksumFix {
  const fix = finding.fixes.find((f): f is ChecksumFix => f.kind === 'checksum');
  assert.ok(fix, `a checksum fix on ${finding.message}`);
  return fix;
}

/** `rule@text` of every finding, the one at `url` left out. */
function others(findings: readonly Finding[], text: string, url?: string): string[] {
  return findings.filter((f) => !(f.rule === RULE && at(text, f.span) === url)).map((f) => `${f.rule}@${at(text, f.span)}`);
}

/**
 * Pins the download at `url`: the fixed text is exactly `expected`, `parses` accepts it, the finding is gone and
 * every other finding is still there, as it was.
 */
function assertPinned(kind: FileKind, path: string, text: string, url: string, expected: string, parses: (text: string) => void): void {
  const found = lintAs(kind, path, text);
  const fix = checksumFix(downloadFinding(found, text, url));
  assert.equal(fix.title, 'Pin download to its checksum');
  assert.equal(fix.url, url);
  const fixed = applyFix(text, fix);
  assert.equal(fixed, expected);
  parses(fixed);
  const after = lintAs(kind, path, fixed);
  assert.deepEqual(others(after, fixed), others(found, text, url), 'the download finding is gone, nothing else changed');
}

/** Every finding at `url` (one per title of a title array) offers no fix and says why. */
function noFix(kind: FileKind, path: string, text: string, url: string, blocker: string): void {
  const findings = lintAs(kind, path, text).filter((f) => f.rule === RULE && at(text, f.span) === url);
  assert.ok(findings.length > 0, `a ${RULE} finding at ${url}`);
  for (const finding of findings) {
    assert.deepEqual(finding.fixes, []);
    assert.ok(finding.message.endsWith(` It cannot be pinned automatically: ${blocker}.`), finding.message);
  }
}

function yamlParses(text: string): void {
  for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], `the fixed YAML parses:\n${text}`);
}

const dockerfileParses = (text: string): void => {
  assert.ok(text.startsWith('FROM') || text.startsWith('#'));
};

describe('checksum pins in Dockerfiles', () => {
  const TINI = 'https://github.com/krallin/tini/releases/download/v0.19.0/tini';
  const text = lines(
    'FROM debian:12.8@sha256:' + 'a'.repeat(64),
    `ADD ${TINI} /tini`,
    'ADD --chown=app:app --chmod=755 https://example.com/tool.sh /usr/local/bin/tool',
    'ADD ["https://example.com/data.json", "/srv/data.json"]',
    'RUN chmod +x /tini',
  );

  test('the URL is the range; the fix writes --checksum= before the flags and sources', () => {
    assert.deepEqual(
      lintAs('dockerfile', 'Dockerfile', text).filter((f) => f.rule === RULE).map((f) => at(text, f.span)),
      [TINI, 'https://example.com/tool.sh', 'https://example.com/data.json'],
    );
    assertPinned('dockerfile', 'Dockerfile', text, TINI, text.replace(`ADD ${TINI}`, `ADD --checksum=sha256:${HEX} ${TINI}`), dockerfileParses);
    assertPinned(
      'dockerfile',
      'Dockerfile',
      text,
      'https://example.com/tool.sh',
      text.replace('ADD --chown', `ADD --checksum=sha256:${HEX} --chown`),
      dockerfileParses,
    );
    assertPinned('dockerfile', 'Dockerfile', text, 'https://example.com/data.json', text.replace('ADD ["', `ADD --checksum=sha256:${HEX} ["`), dockerfileParses);
  });

  test('a continued line and CRLF keep their bytes', () => {
    const crlf = `FROM scratch\r\nADD \\\r\n    ${TINI} \\\r\n    /tini\r\n`;
    assertPinned('dockerfile', 'Dockerfile', crlf, TINI, crlf.replace(`    ${TINI}`, `    --checksum=sha256:${HEX} ${TINI}`), dockerfileParses);
  });

  test('no fix for variables, several sources, an empty --checksum or a non-HTTP source; silent when verified', () => {
    noFix('dockerfile', 'Dockerfile', lines('FROM scratch', 'ARG V=1', 'ADD https://example.com/${V}/tool /tool'), 'https://example.com/${V}/tool', 'the URL is built from variables');
    noFix(
      'dockerfile',
      'Dockerfile',
      lines('FROM scratch', 'ADD https://example.com/a https://example.com/b /dst/'),
      'https://example.com/a',
      '`--checksum` covers one source, and this `ADD` has several',
    );
    noFix('dockerfile', 'Dockerfile', lines('FROM scratch', 'ADD --checksum= https://example.com/a /a'), 'https://example.com/a', 'its `--checksum=` is empty: fill it in or remove it');
    noFix('dockerfile', 'Dockerfile', lines('FROM scratch', 'ADD ftp://example.com/a /a'), 'ftp://example.com/a', '`ADD --checksum` verifies HTTP(S) sources only');
    assert.deepEqual(lintAs('dockerfile', 'Dockerfile', lines('FROM scratch', `ADD --checksum=sha256:${HEX} ${TINI} /tini`)), []);
  });

  test('suppressed: no finding, so no fix', () => {
    const suppressed = lines('FROM scratch', `# driftless-disable-next-line ${RULE} -- vendored`, `ADD ${TINI} /tini`);
    assert.deepEqual(lintAs('dockerfile', 'Dockerfile', suppressed), []);
  });
});

describe('checksum pins in Ansible', () => {
  const NODE = 'https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz';
  const playbook = lines(
    '- hosts: web',
    '  become: true',
    '  tasks:',
    '    - name: Download node',
    '      ansible.builtin.get_url:',
    `        url: ${NODE}  # LTS`,
    '        dest: /opt/node.tar.xz',
    "        mode: '0644'",
    '    - name: Download jq',
    '      get_url: url=https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64 dest=/usr/local/bin/jq mode=0755',
    '    - name: Flow style',
    '      get_url: {url: "https://example.com/flow.tgz", dest: /tmp/flow.tgz}',
    '    - name: Upgrade',
    '      apt:',
    '        upgrade: dist',
  );

  test('map form: a `checksum:` line after `url:`, at its indentation, past its comment', () => {
    assertPinned(
      'ansible',
      'playbook.yml',
      playbook,
      NODE,
      playbook.replace(`# LTS\n`, `# LTS\n        checksum: "sha256:${HEX}"\n`),
      yamlParses,
    );
  });

  test('free form: ` checksum=sha256:<hex>` after the url= token', () => {
    const jq = 'https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64';
    assertPinned('ansible', 'playbook.yml', playbook, jq, playbook.replace(`url=${jq}`, `url=${jq} checksum=sha256:${HEX}`), yamlParses);
  });

  test('flow map: a new last entry', () => {
    assertPinned(
      'ansible',
      'playbook.yml',
      playbook,
      'https://example.com/flow.tgz',
      playbook.replace('dest: /tmp/flow.tgz}', `dest: /tmp/flow.tgz, checksum: "sha256:${HEX}"}`),
      yamlParses,
    );
  });

  test('args: in their own map, and CRLF', () => {
    const text = '- get_url:\r\n  args:\r\n    url: https://example.com/a.tgz\r\n    dest: /tmp/a.tgz\r\n';
    assertPinned('ansible', 'tasks/main.yml', text, 'https://example.com/a.tgz', text.replace('a.tgz\r\n    dest', `a.tgz\r\n    checksum: "sha256:${HEX}"\r\n    dest`), yamlParses);
  });

  test('no fix for templated URLs, win_get_url, unarchive or an empty checksum', () => {
    noFix('ansible', 'tasks/main.yml', lines('- get_url:', '    url: "https://example.com/{{ version }}/a.tgz"', '    dest: /tmp/a.tgz'), 'https://example.com/{{ version }}/a.tgz', 'the URL is built from Jinja templates');
    noFix(
      'ansible',
      'tasks/main.yml',
      lines('- win_get_url:', '    url: https://example.com/a.msi', '    dest: C:\\a.msi'),
      'https://example.com/a.msi',
      '`win_get_url` takes the checksum with a `checksum_algorithm`: add both by hand',
    );
    noFix(
      'ansible',
      'tasks/main.yml',
      lines('- unarchive:', '    src: https://example.com/a.tgz', '    dest: /opt', '    remote_src: true'),
      'https://example.com/a.tgz',
      '`unarchive` takes no checksum: download with `get_url` and a checksum, then unpack the local file',
    );
    noFix('ansible', 'tasks/main.yml', lines('- get_url:', '    url: https://example.com/a.tgz', '    dest: /tmp/a.tgz', '    checksum: ""'), 'https://example.com/a.tgz', 'its `checksum` is empty: fill it in or remove it');
  });
});

describe('checksum pins in Chef', () => {
  const recipe = lines(
    "remote_file '/opt/app.tar.gz' do",
    "  source 'https://downloads.example.com/app-2.1.tar.gz' # release",
    "  mode '0644'",
    'end',
    '',
    "remote_file '/opt/one.sh' do source 'https://example.com/one.sh' end",
    '',
    "package 'curl' do",
    '  action :upgrade',
    'end',
  );

  test("a `checksum '<hex>'` line after `source`, at its indentation", () => {
    assertPinned(
      'chef',
      'recipe.rb',
      recipe,
      'https://downloads.example.com/app-2.1.tar.gz',
      recipe.replace("# release\n", `# release\n  checksum '${HEX}'\n`),
      assertRubyParses,
    );
  });

  test('source on the resource line: `; checksum` after it', () => {
    assertPinned('chef', 'recipe.rb', recipe, 'https://example.com/one.sh', recipe.replace("'https://example.com/one.sh' end", `'https://example.com/one.sh'; checksum '${HEX}' end`), assertRubyParses);
  });

  test('no fix for interpolated URLs or several sources; silent with a checksum', () => {
    noFix(
      'chef',
      'recipe.rb',
      lines("remote_file '/opt/a' do", '  source "https://example.com/#{node[\'v\']}/a"', 'end'),
      `"https://example.com/#{node['v']}/a"`,
      'the URL is built at run time (interpolation or a variable)',
    );
    noFix(
      'chef',
      'recipe.rb',
      lines("remote_file '/opt/a' do", "  source 'https://a.example.com/a', 'https://b.example.com/a'", 'end'),
      'https://a.example.com/a',
      'the resource has several sources, and one `checksum` must match each of them',
    );
    assert.deepEqual(lintAs('chef', 'recipe.rb', lines("remote_file '/opt/a' do", "  source 'https://example.com/a'", `  checksum '${HEX}'`, 'end')), []);
  });
});

describe('checksum pins in Puppet', () => {
  const manifest = lines(
    'class profile::tools {',
    "  archive { '/tmp/node.tar.xz':",
    "    ensure => present,",
    "    source => 'https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz',",
    "    extract => true,",
    "  }",
    "  file { '/usr/local/bin/jq':",
    "    ensure => file,",
    "    source => 'https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64',",
    "    mode   => '0755',",
    '  }',
    "  package { 'nginx': ensure => latest }",
    '}',
  );

  test('archive: `checksum` and `checksum_type => sha256`, arrows aligned', () => {
    const expected = lines(
      'class profile::tools {',
      "  archive { '/tmp/node.tar.xz':",
      "    ensure        => present,",
      "    source        => 'https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz',",
      "    extract       => true,",
      `    checksum      => '${HEX}',`,
      "    checksum_type => 'sha256',",
      "  }",
      "  file { '/usr/local/bin/jq':",
      "    ensure => file,",
      "    source => 'https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64',",
      "    mode   => '0755',",
      '  }',
      "  package { 'nginx': ensure => latest }",
      '}',
    );
    assertPinned('puppet', 'manifests/init.pp', manifest, 'https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz', expected, assertPuppetParses);
  });

  test('file: `checksum => sha256` and `checksum_value`', () => {
    const expected = manifest.replace(
      "    ensure => file,\n    source => 'https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64',\n    mode   => '0755',\n",
      [
        '    ensure         => file,',
        "    source         => 'https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64',",
        "    mode           => '0755',",
        "    checksum       => 'sha256',",
        `    checksum_value => '${HEX}',`,
        '',
      ].join('\n'),
    );
    assertPinned('puppet', 'manifests/init.pp', manifest, 'https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64', expected, assertPuppetParses);
  });

  test('a checksum algorithm already sha256 stays; another one blocks the fix', () => {
    const sha = lines("file { '/a':", "  source   => 'https://example.com/a',", "  checksum => 'sha256',", '}');
    assertPinned('puppet', 'manifests/a.pp', sha, 'https://example.com/a', sha.replace("'sha256',\n", `'sha256',\n  checksum_value => '${HEX}',\n`).replace("  source   =>", '  source         =>').replace("  checksum =>", '  checksum       =>'), assertPuppetParses);
    noFix('puppet', 'manifests/a.pp', lines("file { '/a':", "  source   => 'https://example.com/a',", "  checksum => 'md5',", '}'), 'https://example.com/a', 'its `checksum` is not `sha256`: set it to sha256 or remove it');
  });

  test('no fix for interpolated URLs, title arrays, checksum_verify => false', () => {
    noFix('puppet', 'manifests/a.pp', lines("archive { '/tmp/a':", '  source => "https://example.com/${version}/a.tgz",', '}'), 'https://example.com/${version}/a.tgz', 'the URL is built from variables');
    noFix(
      'puppet',
      'manifests/a.pp',
      lines("file { ['/a', '/b']:", "  source => 'https://example.com/a',", '}'),
      'https://example.com/a',
      'the resource shares its attributes with others (a title array or a function call); declare it on its own',
    );
    noFix(
      'puppet',
      'manifests/a.pp',
      lines("archive { '/tmp/a':", "  source          => 'https://example.com/a',", "  checksum        => 'abc',", "  checksum_verify => false,", '}'),
      'https://example.com/a',
      '`checksum_verify => false` switches the check off: remove it',
    );
  });
});
