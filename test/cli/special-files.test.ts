import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { diskProbe } from '../../server/workspace/probe';
import { readRegularFile, readRegularFileSync } from '../../server/workspace/regular-file';
import { CLI, tempTree } from './support';

// Issue 14, item 9: every file Driftless opens (the file to lint, `.gitignore`, `.driftless.yaml`, `--config`,
// a chart's `Chart.yaml`, a kustomization) is read only when it is a regular file, and at most up to a cap. A
// FIFO without a writer would block a plain open forever; a link to /dev/zero would be read without end.

/** The CLI as a subprocess, killed after 60 s: a FIFO that blocks it fails the test instead of hanging it. */
function runCliBounded(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH } });
  if (result.error) throw result.error;
  assert.notEqual(result.signal, 'SIGTERM', 'the CLI blocked and was killed after 60 s');
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

test('a FIFO and a link to /dev/zero are refused at once, without blocking or reading', async (t) => {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  mkfifo(join(dir, 'fifo'));
  symlinkSync('/dev/zero', join(dir, 'zero'));
  for (const name of ['fifo', 'zero']) {
    assert.deepEqual(readRegularFileSync(join(dir, name)), { status: 'unreadable', reason: 'not a regular file' }, name);
    assert.deepEqual(await readRegularFile(join(dir, name)), { status: 'unreadable', reason: 'not a regular file' }, name);
    assert.equal(diskProbe.read?.(join(dir, name)), undefined, name);
  }
});

test('a regular file is read whole up to the cap, and not past it', async (t) => {
  const { dir, cleanup } = tempTree({ small: 'FROM alpine:3.20\n', exact: 'x'.repeat(64), over: 'x'.repeat(65) });
  t.after(cleanup);
  const reads = [
    ['small', 'FROM alpine:3.20\n', readRegularFileSync(join(dir, 'small'), 64)],
    ['exact', 'x'.repeat(64), readRegularFileSync(join(dir, 'exact'), 64)],
    ['exact', 'x'.repeat(64), await readRegularFile(join(dir, 'exact'), 64)],
  ] as const;
  for (const [name, text, read] of reads) {
    assert.equal(read.status, 'bytes', name);
    if (read.status === 'bytes') assert.equal(read.bytes.toString(), text, name);
  }
  assert.deepEqual(readRegularFileSync(join(dir, 'over'), 64), { status: 'too-large', size: 65 });
  assert.deepEqual(await readRegularFile(join(dir, 'over'), 64), { status: 'too-large', size: 65 });
  assert.deepEqual(readRegularFileSync(join(dir, 'gone')), { status: 'unreadable', reason: 'no such file or directory' });
});

test('a file that reports no size (as /proc files do) is still read to its end', () => {
  const read = readRegularFileSync('/proc/self/status');
  assert.equal(read.status, 'bytes');
  if (read.status === 'bytes') assert.match(read.bytes.toString(), /^VmHWM:/m);
});

test('a FIFO .driftless.yaml found above a file stops the run at once with exit 2, naming it', (t) => {
  const { dir, cleanup } = tempTree({ 'config/Dockerfile': 'FROM ubuntu\n' });
  t.after(cleanup);
  mkfifo(join(dir, 'config', '.driftless.yaml'));
  const run = runCliBounded([], dir);
  assert.equal(run.stderr, 'driftless: config/.driftless.yaml:1: cannot read the config file: not a regular file\n');
  assert.equal(run.stdout, '');
  assert.equal(run.status, 2);
});

test('the CLI walks past a FIFO .gitignore, a FIFO kustomization and a Chart.yaml linked to /dev/zero: the .gitignore is named, every other file is linted, and the exit code is 2', (t) => {
  const { dir, cleanup } = tempTree({
    'app/Dockerfile': 'FROM ubuntu\n',
    'chart/values.yaml': 'image:\n  repository: nginx\n  tag: "1.27"\n',
    'kustomize/deployment.yaml': 'apiVersion: apps/v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx\n',
  });
  t.after(cleanup);
  mkfifo(join(dir, 'app', '.gitignore'));
  mkfifo(join(dir, 'kustomize', 'kustomization.yaml'));
  symlinkSync('/dev/zero', join(dir, 'chart', 'Chart.yaml'));
  const run = runCliBounded(['--format', 'json'], dir);
  assert.equal(run.stderr, 'driftless: app/.gitignore: ignored: not a regular file\n');
  const doc = JSON.parse(run.stdout) as { findings: { file: string; rule: string }[] };
  assert.deepEqual([...new Set(doc.findings.map((f) => f.file))].sort(), ['app/Dockerfile', 'chart/values.yaml', 'kustomize/deployment.yaml']);
  assert.equal(run.status, 2);
});

test('--config naming a FIFO or a link to /dev/zero exits 2 at once, naming it', (t) => {
  const { dir, cleanup } = tempTree({ Dockerfile: 'FROM ubuntu\n' });
  t.after(cleanup);
  mkfifo(join(dir, 'fifo.yaml'));
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  for (const name of ['fifo.yaml', 'zero.yaml']) {
    const run = runCliBounded(['--config', name], dir);
    assert.equal(run.stderr, `driftless: ${name}: not a regular file\n`);
    assert.equal(run.stdout, '');
    assert.equal(run.status, 2);
  }
});

test('a FIFO or a device named as the file to lint is refused with exit 2; found in a walk, it is passed over', (t) => {
  const { dir, cleanup } = tempTree({ 'ok/Dockerfile': 'FROM ubuntu\n' });
  t.after(cleanup);
  mkfifo(join(dir, 'Dockerfile'));
  symlinkSync('/dev/zero', join(dir, 'ok', 'Containerfile'));
  const named = runCliBounded(['Dockerfile'], dir);
  assert.equal(named.stderr, 'driftless: Dockerfile: not a regular file or folder\n');
  assert.equal(named.status, 2);
  const walked = runCliBounded(['--format', 'json'], dir);
  assert.equal(walked.stderr, '');
  const doc = JSON.parse(walked.stdout) as { findings: { file: string }[] };
  assert.deepEqual([...new Set(doc.findings.map((f) => f.file))], ['ok/Dockerfile']);
  assert.equal(walked.status, 1);
});
