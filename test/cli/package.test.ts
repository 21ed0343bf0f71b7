import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/requirements';
import { tempTree } from './support';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the npm package installs offline with `npm install -g` and `driftless` works from any folder', (t) => {
  const work = mkdtempSync(join(tmpdir(), 'driftless-pack-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const packed = run(process.execPath, [join(REPO_ROOT, 'scripts', 'pack-cli.mjs'), '--out', work], REPO_ROOT);
  assert.equal(packed.status, 0, packed.stderr);
  const tarball = packed.stdout.trim();
  assert.match(tarball, /driftless-cli-\d+\.\d+\.\d+\.tgz$/);

  const listing = run('tar', ['tzf', tarball], work).stdout.split('\n').filter(Boolean).sort();
  assert.deepEqual(listing.filter((f) => !f.endsWith('.wasm')), ['package/LICENSE', 'package/README.md', 'package/cli-main.js', 'package/cli.js', 'package/package.json', 'package/prism.js']);
  const manifest = JSON.parse(run('tar', ['xzOf', tarball, 'package/package.json'], work).stdout) as Record<string, unknown>;
  assert.equal(manifest.name, 'driftless-cli');
  assert.deepEqual(manifest.bin, { driftless: 'cli.js' });
  assert.equal(manifest.dependencies, undefined, 'nothing to fetch at install time');

  // --offline: the install must not need the registry; an empty cache proves nothing came from an earlier run.
  const prefix = join(work, 'prefix');
  const installed = run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'cache'), tarball], work);
  assert.equal(installed.status, 0, installed.stderr);

  const { dir, cleanup } = tempTree({ 'svc/Dockerfile': 'FROM ubuntu\nRUN apt-get update && apt-get upgrade -y\n' });
  t.after(cleanup);
  const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` };
  const version = run('driftless', ['--version'], dir, env);
  assert.equal(version.stdout, `${JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version}\n`);
  const lint = run('driftless', ['--format', 'json', 'svc'], dir, env);
  assert.equal(lint.status, 1, lint.stderr);
  assert.deepEqual((JSON.parse(lint.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule), ['image-latest-tag', 'in-place-upgrade']);
});
