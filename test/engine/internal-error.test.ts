import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, test } from 'node:test';
import { check, initEngine, lint } from '../../rules/engine';
import { emptyFacts, type FileProbe, type ImageRef } from '../../rules/types';
import { CLI, tempTree } from '../cli/support';
import { FAILING_DISK } from '../support/failing-disk';

// Issue 14, item 9c: an unexpected error in a front end or a rule becomes one `internal-error` finding on the
// file, naming the cause; the rules that ran keep their findings; the run goes on.

before(() => initEngine());

/** A disk that fails under the front end: a chart's values file asks for its Chart.yaml. */
const failingDisk: FileProbe = {
  exists: (path) => path.endsWith('/Chart.yaml'),
  read: () => {
    throw new Error('disk on fire\n\x1b[31mred\x1b[0m');
  },
};

test('a front end that throws gives one internal-error finding at the start of the file, with the cause on one line', () => {
  const result = lint({ path: '/charts/web/values.yaml', text: 'image:\n  repository: nginx\n  tag: "1.27"\n' }, { probe: failingDisk });
  assert.equal(result.kind, 'helm-values');
  assert.deepEqual(
    result.findings.map((f) => [f.rule, f.severity, f.range.start.line, f.range.start.character, f.message]),
    [['internal-error', 'warning', 0, 0, 'Driftless could not lint this file: Error: disk on fire\\u000a\\u001b[31mred\\u001b[0m. This is a defect in Driftless; the other files are linted.']],
  );
  assert.match(result.failure?.stack ?? '', /^Error: disk on fire\n[^]*\n +at /);
  assert.equal(result.failure?.cause, 'Error: disk on fire\\u000a\\u001b[31mred\\u001b[0m');
});

test('its severity follows the settings, and off silences it (the failure is still returned for the log)', () => {
  const file = { path: '/charts/web/values.yaml', text: 'image:\n  repository: nginx\n' };
  assert.equal(lint(file, { probe: failingDisk, rules: { 'internal-error': 'error' } }).findings[0].severity, 'error');
  const off = lint(file, { probe: failingDisk, rules: { 'internal-error': 'off' } });
  assert.deepEqual(off.findings, []);
  assert.ok(off.failure);
});

test('a rule that throws is named; the other rules keep their findings', () => {
  const facts = emptyFacts('dockerfile');
  // An image fact without a reference: image-latest-tag and image-digest-missing read `image.tag`, pull-always-mutable nothing.
  facts.images.push(null as unknown as ImageRef);
  facts.upgrades.push({ span: { start: 0, end: 4 }, command: 'apt-get upgrade', fix: undefined } as unknown as (typeof facts.upgrades)[number]);
  const findings = check(facts, 'RUN apt-get upgrade\n', {});
  const failed = findings.filter((f) => f.rule === 'internal-error');
  assert.ok(failed.length >= 1);
  assert.match(failed[0].message, /^Driftless could not check the rule image-[a-z-]+ on this file: TypeError: /);
  assert.ok(findings.some((f) => f.rule === 'in-place-upgrade'), 'in-place-upgrade still ran');
});

test('CLI: a file the engine fails on (its disk throws under the front end) gets the finding; the other files are linted; --verbose logs the stack once', (t) => {
  const { dir, cleanup } = tempTree({ 'app/Dockerfile': 'FROM ubuntu\n', 'charts/web/Chart.yaml': 'name: web\nversion: 1.0.0\n', 'charts/web/values.yaml': 'image:\n  repository: nginx\n' });
  t.after(cleanup);
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--require', FAILING_DISK, CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const quiet = run(['--format', 'json']);
  const doc = JSON.parse(quiet.stdout) as { summary: { files: number }; findings: { file: string; rule: string; line: number; message: string }[] };
  assert.deepEqual(doc.findings.map((f) => `${f.file}:${f.line} ${f.rule}`), ['app/Dockerfile:1 image-latest-tag', 'charts/web/values.yaml:1 internal-error']);
  assert.equal(doc.findings[1].message, 'Driftless could not lint this file: Error: disk on fire. This is a defect in Driftless; the other files are linted.');
  assert.equal(doc.summary.files, 2);
  assert.equal(quiet.stderr, '', 'without --verbose the finding says it all');
  assert.equal(quiet.status, 1);
  const verbose = run(['--verbose', '--failure-threshold', 'error']);
  assert.equal(verbose.stderr.match(/internal error/g)?.length, 1);
  assert.match(verbose.stderr, /^driftless: charts\/web\/values\.yaml: internal error \(a defect in Driftless, please report it\): Error: disk on fire\n +at /);
  assert.match(verbose.stdout, /^charts\/web\/values\.yaml:1:1 warning internal-error /m);
  assert.equal(verbose.status, 0, 'exit code as the findings say: none at or above error');
});
