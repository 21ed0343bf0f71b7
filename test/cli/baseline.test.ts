import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Log } from 'sarif';
import { runCli, tempTree } from './support';

const DOCKERFILE = ['FROM ubuntu', 'RUN apt-get update && apt-get upgrade -y', 'FROM ubuntu AS again', ''].join('\n');

const PLAYBOOK = [
  '- hosts: web',
  '  tasks:',
  '    - name: nginx',
  '      ansible.builtin.apt:',
  '        name: nginx',
  '        state: latest',
  '    - name: curl',
  '      ansible.builtin.apt:',
  '        name: curl',
  '        state: latest',
  '',
].join('\n');

interface JsonFinding {
  file: string;
  rule: string;
  line: number;
  fingerprint: string;
}

function findings(dir: string, ...args: string[]): JsonFinding[] {
  const run = runCli(['--format', 'json', '--failure-threshold', 'none', ...args], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
}

const identity = (f: JsonFinding) => `${f.file} ${f.rule} ${f.fingerprint}`;

test('fingerprints survive inserted lines and re-indentation, and tell apart findings that look alike', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: DOCKERFILE, 'site.yml': PLAYBOOK });
  t.after(cleanup);
  const before = findings(dir);
  assert.equal(new Set(before.map((f) => f.fingerprint)).size, before.length, 'no two findings share a fingerprint');
  assert.ok(before.every((f) => /^[0-9a-f]{32}:\d+$/.test(f.fingerprint)));

  writeFileSync(join(dir, 'Dockerfile'), `# syntax notes\n\n${DOCKERFILE.replace('RUN ', 'RUN  ')}`);
  writeFileSync(join(dir, 'site.yml'), PLAYBOOK.replace('  tasks:\n', '  vars:\n    a: 1\n  tasks:\n'));
  const after = findings(dir);
  assert.deepEqual(after.map((f) => f.line), before.map((f) => f.line + 2), 'every finding moved two lines down');
  assert.deepEqual(after.map(identity), before.map(identity));

  writeFileSync(join(dir, 'site.yml'), PLAYBOOK.replace('name: curl\n        state: latest', 'name: wget\n        state: latest'));
  const changed = findings(dir, 'site.yml');
  const previous = before.filter((f) => f.file === 'site.yml');
  assert.equal(changed[0].fingerprint, previous.find((f) => f.rule === changed[0].rule && f.line === changed[0].line)?.fingerprint, 'the untouched task keeps its fingerprint');
  assert.ok(changed.some((f) => !previous.some((p) => p.fingerprint === f.fingerprint)), 'the edited task has a new one');
});

test('--update-baseline writes the findings; --baseline then fails only on new ones, wherever the old ones moved', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: DOCKERFILE, 'site.yml': PLAYBOOK });
  t.after(cleanup);
  const all = findings(dir);
  const update = runCli(['--baseline', 'driftless-baseline.json', '--update-baseline'], { cwd: dir });
  assert.equal(update.status, 0);
  assert.equal(update.stderr, `driftless: driftless-baseline.json: ${all.length} findings written to the baseline\n`);
  const written = JSON.parse(readFileSync(join(dir, 'driftless-baseline.json'), 'utf8')) as { version: number; findings: { fingerprint: string; rule: string; file: string }[] };
  assert.equal(written.version, 1);
  assert.deepEqual(written.findings.map((f) => f.fingerprint).sort(), all.map((f) => f.fingerprint).sort());

  const clean = runCli(['--baseline', 'driftless-baseline.json'], { cwd: dir });
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, 'No findings in 2 files.\n');
  assert.equal(clean.stderr, `driftless: driftless-baseline.json: ${all.length} known findings not shown\n`);

  writeFileSync(join(dir, 'Dockerfile'), `# moved\n${DOCKERFILE}RUN curl -k https://example.com/x -o /x\n`);
  const fresh = runCli(['--baseline', 'driftless-baseline.json'], { cwd: dir });
  assert.equal(fresh.status, 1);
  const reported = fresh.stdout.split('\n').filter((l) => l.startsWith('Dockerfile:') || l.startsWith('site.yml:'));
  assert.deepEqual(reported.map((l) => l.split(' ').slice(0, 3).join(' ')), ['Dockerfile:5:10 error integrity-bypass']);

  writeFileSync(join(dir, 'site.yml'), PLAYBOOK.replaceAll('state: latest', 'state: present'));
  const fixed = runCli(['--baseline', 'driftless-baseline.json', '--failure-threshold', 'error', '--quiet'], { cwd: dir });
  assert.equal(fixed.status, 1, 'the new integrity-bypass is an error');
  const loud = runCli(['--baseline', 'driftless-baseline.json', '--failure-threshold', 'none'], { cwd: dir });
  assert.match(loud.stderr, /driftless-baseline\.json: \d+ known findings not shown; 2 of its entries no longer found \(--update-baseline drops them\)\n$/);
});

test('SARIF results carry the fingerprint the baseline matches in partialFingerprints', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: DOCKERFILE });
  t.after(cleanup);
  const json = findings(dir);
  const sarif = JSON.parse(runCli(['--format', 'sarif'], { cwd: dir }).stdout) as Log;
  const prints = sarif.runs[0].results?.map((r) => r.partialFingerprints?.['driftlessFindingHash/v1']);
  assert.deepEqual(prints, json.map((f) => f.fingerprint));
});

test('a missing, broken or foreign baseline stops the run with exit code 2 and says why; nothing is written', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: DOCKERFILE, 'broken.json': '{"version": 1, "findings": [', 'foreign.json': '{"runs": []}', 'hostile.json': '{"version": 1, "findings": [{"fingerprint": "\\u001b[31mx"}]}' });
  t.after(cleanup);
  const cases: [string, RegExp][] = [
    ['missing.json', /^driftless: missing\.json: cannot read the baseline: .*\(--update-baseline writes it\)\n$/],
    ['broken.json', /^driftless: broken\.json: the baseline is not JSON: /],
    ['foreign.json', /^driftless: foreign\.json: not a Driftless baseline/],
    ['hostile.json', /^driftless: hostile\.json: baseline entry 1 has no valid fingerprint\n$/],
  ];
  for (const [file, message] of cases) {
    const run = runCli(['--baseline', file], { cwd: dir });
    assert.equal(run.status, 2, file);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
  assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), DOCKERFILE);
  const usage = runCli(['--update-baseline'], { cwd: dir });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--update-baseline needs --baseline <file>/);
});
