import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../rules/catalogue';
import { MAX_FILE_BYTES } from '../../server/workspace/limits';
import { sarifSchemaErrors } from './sarif-schema';
import { CLI, runCli, tempTree } from './support';

// Dockerfile findings per the rule pages (docs/rules/): `ubuntu` has no tag (image-latest-tag, warning), `apt-get upgrade`
// patches in place (in-place-upgrade, info), `curl -k` skips TLS verification (integrity-bypass, error).
const DOCKERFILE = [
  'FROM ubuntu', //                                               1:6 image-latest-tag
  'RUN apt-get update && apt-get upgrade -y && apt-get clean', // 2:23 in-place-upgrade
  'RUN curl -k -fsSL -o /tmp/x https://example.com/x', //        3:10 integrity-bypass
  '',
].join('\n');

const PLAYBOOK = [
  '- hosts: web',
  '  tasks:',
  '    - name: Install nginx',
  '      ansible.builtin.apt:',
  '        name: nginx',
  '        state: latest',
  '',
].join('\n');

interface JsonFinding {
  file: string;
  kind: string;
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

/** `file:line:col severity rule` of each finding line. */
function positions(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => /^\S+:\d+:\d+ /.test(l))
    .map((l) => l.split(' ').slice(0, 3).join(' '));
}

test('text: file:line:col severity rule message per finding, a summary line, exit 1 at the default threshold', (t) => {
  const { dir, cleanup } = tempTree({ 'app/Dockerfile': DOCKERFILE, 'deploy/site.yml': PLAYBOOK });
  t.after(cleanup);
  const run = runCli([], { cwd: dir });
  assert.equal(run.stderr, '');
  assert.deepEqual(positions(run.stdout), [
    'app/Dockerfile:1:6 warning image-latest-tag',
    'app/Dockerfile:2:23 info in-place-upgrade',
    'app/Dockerfile:3:10 error integrity-bypass',
    'deploy/site.yml:6:16 error package-latest',
  ]);
  assert.match(run.stdout, /^app\/Dockerfile:1:6 warning image-latest-tag \S.*$/m);
  assert.match(run.stdout, /^deploy\/site\.yml:6:16 error package-latest `apt` keeps the package at the newest version/m);
  assert.match(run.stdout, /\n4 findings \(2 errors, 1 warning, 1 info\) in 2 files\.\n$/);
  assert.equal(run.status, 1);
  assert.doesNotMatch(run.stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
  assert.match(runCli([], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[31merror\x1b\[39m/);
});

test('exit codes follow --failure-threshold', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: 'FROM ubuntu:24.04\n' });
  t.after(cleanup);
  // image-digest-missing is the only finding: info in a Dockerfile.
  assert.equal(runCli(['--failure-threshold', 'warning'], { cwd: dir }).status, 0);
  assert.equal(runCli(['--failure-threshold', 'info'], { cwd: dir }).status, 1);
  assert.equal(runCli(['--failure-threshold', 'none'], { cwd: dir }).status, 0);
  const clean = tempTree({ Dockerfile: `FROM alpine:3.20@sha256:${'a'.repeat(64)}\n` });
  t.after(clean.cleanup);
  const run = runCli(['--failure-threshold', 'info'], { cwd: clean.dir });
  assert.equal(run.stdout, 'No findings in 1 file.\n');
  assert.equal(run.status, 0);
});

test('--quiet prints only the findings at or above the threshold, and no summary', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: DOCKERFILE });
  t.after(cleanup);
  const run = runCli(['--quiet', '--failure-threshold', 'error'], { cwd: dir });
  assert.deepEqual(positions(run.stdout), ['Dockerfile:3:10 error integrity-bypass']);
  assert.equal(run.stdout.split('\n').length, 2);
  assert.equal(run.status, 1);
});

test('json: the version 1 document with relative files and 1-based ranges', (t) => {
  const { dir, cleanup } = tempTree({ 'app/Dockerfile': DOCKERFILE, 'deploy/site.yml': PLAYBOOK });
  t.after(cleanup);
  const run = runCli(['--format', 'json'], { cwd: dir });
  assert.equal(run.status, 1);
  const doc = JSON.parse(run.stdout) as { version: number; summary: { files: number; findings: number; byRule: Record<string, number> }; findings: JsonFinding[] };
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.summary, {
    files: 2,
    findings: 4,
    byRule: { 'image-latest-tag': 1, 'in-place-upgrade': 1, 'integrity-bypass': 1, 'package-latest': 1 },
  });
  assert.deepEqual(Object.keys(doc.findings[0]), ['file', 'kind', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable', 'fingerprint']);
  assert.deepEqual(
    doc.findings.map((f) => [f.file, f.kind, f.rule, f.severity, f.line, f.column, f.endLine, f.endColumn, f.fixable]),
    [
      ['app/Dockerfile', 'dockerfile', 'image-latest-tag', 'warning', 1, 6, 1, 12, false],
      ['app/Dockerfile', 'dockerfile', 'in-place-upgrade', 'info', 2, 23, 2, 41, true],
      ['app/Dockerfile', 'dockerfile', 'integrity-bypass', 'error', 3, 10, 3, 12, true],
      ['deploy/site.yml', 'ansible', 'package-latest', 'error', 6, 16, 6, 22, true],
    ],
  );
});

test('markdown: totals, counts per rule and kind, the image inventory, every finding and the files not linted', (t) => {
  const { dir, cleanup } = tempTree({ 'app/Dockerfile': DOCKERFILE, 'deploy/site.yml': PLAYBOOK, 'bin/Dockerfile': 'FROM a\0b\n' });
  t.after(cleanup);
  const run = runCli(['--format', 'markdown'], { cwd: dir });
  assert.equal(run.status, 1);
  assert.equal(
    run.stdout,
    [
      '# Driftless audit',
      '',
      '2 files, 4 findings, 1 image references (1 not pinned by digest).',
      '',
      '## By rule',
      '',
      '| | findings |',
      '|---|---:|',
      '| `image-latest-tag` | 1 |',
      '| `in-place-upgrade` | 1 |',
      '| `integrity-bypass` | 1 |',
      '| `package-latest` | 1 |',
      '',
      '## By file kind',
      '',
      '| | findings |',
      '|---|---:|',
      '| `dockerfile` | 3 |',
      '| `ansible` | 1 |',
      '',
      '## Images',
      '',
      '| image | tag | pinned | where |',
      '|---|---|---|---|',
      '| `ubuntu` |  | no | app/Dockerfile:1 |',
      '',
      '## Findings',
      '',
      '| where | rule | severity | message |',
      '|---|---|---|---|',
      ...JSON.parse(runCli(['--format', 'json'], { cwd: dir }).stdout).findings.map(
        (f: JsonFinding & { message: string }) => `| ${f.file}:${f.line}:${f.column} | \`${f.rule}\` | ${f.severity} | ${f.message.replace(/\|/g, '\\|')} |`,
      ),
      '',
      '## Not linted',
      '',
      '- bin/Dockerfile: skipped: binary file (contains NUL bytes)',
      '',
    ].join('\n'),
  );
});

test('sarif: valid SARIF 2.1.0 with every catalogue rule documented, results, regions and fixes', (t) => {
  const { dir, cleanup } = tempTree({ 'app/Dockerfile': DOCKERFILE, 'deploy/site.yml': PLAYBOOK });
  t.after(cleanup);
  const run = runCli(['--format', 'sarif'], { cwd: dir });
  assert.equal(run.status, 1);
  const log = JSON.parse(run.stdout);
  assert.deepEqual(sarifSchemaErrors(log), []);
  const driver = log.runs[0].tool.driver;
  assert.deepEqual(
    driver.rules.map((r: { id: string }) => r.id),
    RULES.map((r) => r.id),
  );
  for (const rule of driver.rules) {
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown, rule.id);
    assert.equal(rule.helpUri, undefined, 'the help is carried whole, not linked');
    assert.match(rule.help.text, /\nFix: .*\n\nSuppress: /s);
  }
  assert.equal(driver.informationUri, undefined);
  assert.deepEqual(run.stdout.match(/https?:\/\/[^\s"]+/g), ['https://json.schemastore.org/sarif-2.1.0.json'], 'no link but the SARIF schema');
  const results = log.runs[0].results;
  assert.deepEqual(
    results.map((r: { ruleId: string; level: string; ruleIndex: number }) => [r.ruleId, r.level, driver.rules[r.ruleIndex].id]),
    [
      ['image-latest-tag', 'warning', 'image-latest-tag'],
      ['in-place-upgrade', 'note', 'in-place-upgrade'],
      ['integrity-bypass', 'error', 'integrity-bypass'],
      ['package-latest', 'error', 'package-latest'],
    ],
  );
  assert.deepEqual(results[3].locations[0].physicalLocation, {
    artifactLocation: { uri: 'deploy/site.yml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 6, startColumn: 16, endLine: 6, endColumn: 22 },
  });
  assert.deepEqual(results[3].fixes[0].artifactChanges[0].replacements, [
    { deletedRegion: { startLine: 6, startColumn: 16, endLine: 6, endColumn: 22 }, insertedContent: { text: 'present' } },
  ]);
  assert.equal(results[0].fixes, undefined);
});

test('--fix applies only safe fixes: unsafe ones are left, counted, and named with the option that applies them', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: DOCKERFILE, 'site.yml': PLAYBOOK });
  t.after(cleanup);
  const run = runCli(['--fix'], { cwd: dir });
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), DOCKERFILE);
  assert.equal(readFileSync(join(dir, 'site.yml'), 'utf8'), PLAYBOOK);
  assert.doesNotMatch(run.stdout, / fixed /);
  assert.equal(run.stderr, "driftless: 3 unsafe fixes not applied: --unsafe-fixes applies them (each rule's page says what it may break)\n");
  assert.equal(run.status, 1);
  const misuse = runCli(['--unsafe-fixes'], { cwd: dir });
  assert.equal(misuse.status, 2);
  assert.match(misuse.stderr, /--unsafe-fixes goes with --fix/);
});

test('--fix --unsafe-fixes rewrites each fixable finding in place, reports it, and leaves every other byte alone', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: DOCKERFILE, 'site.yml': PLAYBOOK });
  t.after(cleanup);
  const run = runCli(['--fix', '--unsafe-fixes'], { cwd: dir });
  assert.equal(
    readFileSync(join(dir, 'Dockerfile'), 'utf8'),
    ['FROM ubuntu', 'RUN apt-get update && apt-get clean', 'RUN curl -fsSL -o /tmp/x https://example.com/x', ''].join('\n'),
  );
  assert.equal(readFileSync(join(dir, 'site.yml'), 'utf8'), PLAYBOOK.replace('state: latest', 'state: present'));
  assert.match(run.stdout, /^Dockerfile:2:23 fixed in-place-upgrade /m);
  assert.match(run.stdout, /^Dockerfile:3:10 fixed integrity-bypass /m);
  assert.match(run.stdout, /^site\.yml:6:16 fixed package-latest /m);
  // Kept at `latest`, nginx's missing version was not worth a second finding; `present`, it is.
  assert.deepEqual(positions(run.stdout).filter((p) => !p.includes(' fixed ')), ['Dockerfile:1:6 warning image-latest-tag', 'site.yml:5:15 info package-unpinned']);
  assert.match(run.stdout, /2 findings \(1 warning, 1 info\) in 2 files, 3 fixes applied\.\n$/);
  assert.equal(run.status, 1);
  assert.equal(run.stderr, '');
  const again = runCli(['--fix', '--unsafe-fixes', '--failure-threshold', 'error'], { cwd: dir });
  assert.doesNotMatch(again.stdout, / fixed /);
  assert.equal(again.status, 0);
});

test('--fix with --format json keeps stdout JSON and reports the remaining findings', (t) => {
  const { dir, cleanup } = tempTree({ 'site.yml': PLAYBOOK });
  t.after(cleanup);
  const run = runCli(['--fix', '--unsafe-fixes', '--format', 'json'], { cwd: dir });
  assert.deepEqual(JSON.parse(run.stdout).summary, { files: 1, findings: 1, byRule: { 'package-unpinned': 1 } });
  assert.equal(run.status, 0);
  assert.equal(readFileSync(join(dir, 'site.yml'), 'utf8'), PLAYBOOK.replace('state: latest', 'state: present'));
});

test('.driftless.yaml: severities, off and ignore globs, found from the path upward; --config overrides', (t) => {
  const { dir, cleanup } = tempTree({
    '.driftless.yaml': 'rules:\n  image-latest-tag: error\n  in-place-upgrade: off\nignore:\n  - legacy/\n',
    'svc/Dockerfile': DOCKERFILE,
    'legacy/Dockerfile': DOCKERFILE,
    'ci.yaml': 'rules:\n  integrity-bypass: off\n',
  });
  t.after(cleanup);
  const run = runCli(['svc'], { cwd: dir });
  assert.deepEqual(positions(run.stdout), ['svc/Dockerfile:1:6 error image-latest-tag', 'svc/Dockerfile:3:10 error integrity-bypass']);
  const custom = runCli(['--config', 'ci.yaml', '.'], { cwd: dir });
  assert.deepEqual(positions(custom.stdout), [
    'legacy/Dockerfile:1:6 warning image-latest-tag',
    'legacy/Dockerfile:2:23 info in-place-upgrade',
    'svc/Dockerfile:1:6 warning image-latest-tag',
    'svc/Dockerfile:2:23 info in-place-upgrade',
  ]);
});

test('each file takes the nearest .driftless.yaml above it, whichever path names it: `driftless .` and `driftless svc` agree', (t) => {
  const { dir, cleanup } = tempTree({
    '.driftless.yaml': 'rules:\n  integrity-bypass: info\n',
    'svc/.driftless.yaml': 'rules:\n  image-latest-tag: off\n',
    'svc/Dockerfile': DOCKERFILE,
    'web/Dockerfile': DOCKERFILE,
  });
  t.after(cleanup);
  const svcOnly = ['svc/Dockerfile:2:23 info in-place-upgrade', 'svc/Dockerfile:3:10 error integrity-bypass'];
  assert.deepEqual(positions(runCli(['svc'], { cwd: dir }).stdout), svcOnly);
  assert.deepEqual(positions(runCli(['svc/Dockerfile'], { cwd: dir }).stdout), svcOnly);
  assert.deepEqual(positions(runCli(['.'], { cwd: dir }).stdout), [
    ...svcOnly,
    'web/Dockerfile:1:6 warning image-latest-tag',
    'web/Dockerfile:2:23 info in-place-upgrade',
    'web/Dockerfile:3:10 info integrity-bypass',
  ]);
  assert.deepEqual(positions(runCli(['.'], { cwd: join(dir, 'svc') }).stdout), svcOnly.map((line) => line.slice('svc/'.length)));
});

test('a folder walk reads every file a front end declares, in any case Docker accepts: dockerfile, DOCKERFILE, Containerfile-dev', (t) => {
  const { dir, cleanup } = tempTree({ 'a/dockerfile': DOCKERFILE, 'b/DOCKERFILE': DOCKERFILE, 'c/Containerfile-dev': DOCKERFILE });
  t.after(cleanup);
  const walked = positions(runCli(['.'], { cwd: dir }).stdout).filter((line) => line.includes('image-latest-tag'));
  assert.deepEqual(walked, ['a/dockerfile:1:6 warning image-latest-tag', 'b/DOCKERFILE:1:6 warning image-latest-tag', 'c/Containerfile-dev:1:6 warning image-latest-tag']);
  const named = positions(runCli(['a/dockerfile', 'b/DOCKERFILE', 'c/Containerfile-dev'], { cwd: dir }).stdout).filter((line) => line.includes('image-latest-tag'));
  assert.deepEqual(named, walked);
});

test('a broken config or a missing --config file exits 2 with one line naming the file and line', (t) => {
  const { dir, cleanup } = tempTree({ '.driftless.yaml': 'rules:\n  image-latest-tag: loud\n', Dockerfile: DOCKERFILE });
  t.after(cleanup);
  const broken = runCli([], { cwd: dir });
  assert.equal(broken.status, 2);
  assert.equal(broken.stdout, '');
  assert.equal(broken.stderr, 'driftless: .driftless.yaml:2: rule `image-latest-tag`: expected error, warning, info or off\n');
  const missing = runCli(['--config', 'nope.yaml'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'driftless: nope.yaml: no such file or directory\n');
});

test('suppression comments silence what they name, ours and hadolint\'s', (t) => {
  const { dir, cleanup } = tempTree({
    Dockerfile: [
      '# hadolint ignore=DL3007,DL3006',
      'FROM ubuntu',
      '# driftless-disable-next-line integrity-bypass -- vendor mirror has a private CA',
      'RUN curl -k -fsSL -o /tmp/x https://example.com/x',
      '',
    ].join('\n'),
  });
  t.after(cleanup);
  const run = runCli(['--failure-threshold', 'info'], { cwd: dir });
  assert.equal(run.stdout, 'No findings in 1 file.\n');
  assert.equal(run.status, 0);
});

test('usage errors, unknown paths: exit 2 with one line on stderr', (t) => {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  const bad = runCli(['--format', 'xml'], { cwd: dir });
  assert.deepEqual([bad.status, bad.stdout, bad.stderr], [2, '', "driftless: --format must be one of text, json, sarif, markdown, codeclimate (got 'xml') (see driftless --help)\n"]);
  const unknown = runCli(['--pinn'], { cwd: dir });
  assert.deepEqual([unknown.status, unknown.stderr], [2, "driftless: unknown option '--pinn' (see driftless --help)\n"]);
  const missing = runCli(['no/such/Dockerfile'], { cwd: dir });
  assert.deepEqual([missing.status, missing.stdout, missing.stderr], [2, '', 'driftless: no/such/Dockerfile: no such file or directory\n']);
  const help = runCli(['--help'], { cwd: dir });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: driftless \[options\] \[paths\.\.\.\]/);
  const version = runCli(['--version'], { cwd: dir });
  assert.deepEqual([version.status, version.stdout], [0, `${JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version}\n`]);
});

test('a file named explicitly is linted whatever its name; a walk picks Dockerfiles by name only', (t) => {
  const { dir, cleanup } = tempTree({ 'build/image.txt': 'ARG BASE=ubuntu\nFROM ${BASE}\n', 'notes.txt': 'FROM ubuntu\n' });
  t.after(cleanup);
  assert.deepEqual(positions(runCli(['build/image.txt'], { cwd: dir }).stdout), ['build/image.txt:2:6 warning image-latest-tag']);
  assert.equal(runCli(['.'], { cwd: dir }).stdout, 'No findings in 0 files.\n');
});

test('a file named explicitly that is no kind Driftless reads (a shell script, a Helm helper) is passed over with a notice, exit code unchanged', (t) => {
  const { dir, cleanup } = tempTree({
    'provision.sh': '#!/bin/bash\nset -e\napt-get update && apt-get upgrade -y\n',
    'chart/templates/_helpers.tpl': '{{- define "app.image" -}}\nFROM {{ .Values.image }}\n{{- end }}\n',
    'Dockerfile': 'FROM ubuntu:24.04@sha256:' + 'a'.repeat(64) + '\n',
  });
  t.after(cleanup);
  const run = runCli(['provision.sh', 'chart/templates/_helpers.tpl', 'Dockerfile'], { cwd: dir });
  assert.equal(run.status, 0);
  assert.equal(run.stdout, 'No findings in 1 file.\n');
  assert.equal(run.stderr, 'driftless: provision.sh: not a supported file kind\ndriftless: chart/templates/_helpers.tpl: not a supported file kind\n');
});

test('bad input is data: binary, invalid UTF-8, empty, oversized and unterminated-heredoc files', (t) => {
  const { dir, cleanup } = tempTree({
    'bin/Dockerfile': new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00, 0xff, 0x00]),
    'latin1/Dockerfile': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nFROM ubuntu\n')]),
    'empty/Dockerfile': '',
    'heredoc/Dockerfile': 'FROM alpine:3.20\nRUN <<EOF\napk upgrade\nwget --no-check-certificate https://example.com/x\n',
  });
  t.after(cleanup);
  writeFileSync(join(dir, 'big.Dockerfile'), `FROM ubuntu\n${'RUN true\n'.repeat(Math.ceil((50 * 1024 * 1024) / 9))}`);
  const run = runCli(['--format', 'json'], { cwd: dir });
  assert.equal(run.stderr, [
    'driftless: big.Dockerfile: skipped: larger than 10 MB (50.0 MB)',
    'driftless: bin/Dockerfile: skipped: binary file (contains NUL bytes)',
    'driftless: latin1/Dockerfile: skipped: not valid UTF-8 text',
    '',
  ].join('\n'));
  assert.ok(MAX_FILE_BYTES < 50 * 1024 * 1024);
  const doc = JSON.parse(run.stdout) as { summary: { files: number }; findings: JsonFinding[] };
  assert.equal(doc.summary.files, 2, 'the empty file and the heredoc file are linted');
  assert.ok(doc.findings.every((f) => f.file === 'heredoc/Dockerfile'));
  assert.ok(doc.findings.some((f) => f.line === 1 && f.rule === 'image-digest-missing'), 'the file with the open heredoc is still linted');
});

test('a directory symlink loop is reported and not followed; the rest is linted', (t) => {
  const { dir, cleanup } = tempTree({ 'a/Dockerfile': 'FROM ubuntu\n' });
  t.after(cleanup);
  symlinkSync(join(dir, 'a'), join(dir, 'a', 'loop'));
  const run = runCli([], { cwd: dir });
  assert.equal(run.stderr, 'driftless: a/loop: symbolic link loop, not followed\n');
  assert.deepEqual(positions(run.stdout), ['a/Dockerfile:1:6 warning image-latest-tag']);
  assert.equal(run.status, 1);
});

test('an unreadable file is named on stderr, the others are linted, and the exit code is 2', (t) => {
  const { dir, cleanup } = tempTree({ 'a/Dockerfile': 'FROM ubuntu\n', 'b/Dockerfile': 'FROM ubuntu\n' });
  t.after(cleanup);
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'b', 'Dockerfile'), 0o000);
  // Root reads anything: drop to an unprivileged user for the run when we are root, with a copy of the
  // bundle that user can read wherever the checkout lives.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const bundle = join(dir, 'dist');
  cpSync(join(CLI, '..'), bundle, { recursive: true });
  const run = runCli(['a', 'b'], { cwd: dir, cli: join(bundle, 'cli.js'), ...asUser });
  assert.equal(run.stderr, 'driftless: b/Dockerfile: cannot read: permission denied\n');
  assert.deepEqual(positions(run.stdout), ['a/Dockerfile:1:6 warning image-latest-tag']);
  assert.equal(run.status, 2);
});

test('the bundle runs with node_modules out of reach (WASM beside it)', (t) => {
  const { dir, cleanup } = tempTree({ 'project/Dockerfile': DOCKERFILE });
  t.after(cleanup);
  cpSync(join(CLI, '..'), join(dir, 'dist'), { recursive: true });
  const run = runCli(['--format', 'json'], { cwd: join(dir, 'project'), cli: join(dir, 'dist', 'cli.js') });
  assert.equal(run.stderr, '');
  const doc = JSON.parse(run.stdout) as { findings: JsonFinding[] };
  assert.deepEqual(doc.findings.map((f) => f.rule), ['image-latest-tag', 'in-place-upgrade', 'integrity-bypass']);
});

test('a reader that closes the pipe early (driftless | head -c 10) ends the run quietly', (t) => {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  for (let i = 0; i < 40; i++) writeFileSync(join(dir, `Dockerfile.${i}`), DOCKERFILE);
  // A real pipe (a shell's `|`), not the socket pair spawn() gives: only a pipe raises EPIPE.
  const run = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" --format sarif | head -c 10 > /dev/null`], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
});
