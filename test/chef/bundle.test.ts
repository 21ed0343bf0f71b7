import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/requirements';

const DIST = join(REPO_ROOT, 'dist');

test('the bundled CLI loads prism.wasm from beside itself, with no node_modules in reach, and keeps stderr quiet', (t) => {
  assert.ok(existsSync(join(DIST, 'cli.js')), 'dist/cli.js exists (npm test builds it first; run `npm run build`)');
  const dir = mkdtempSync(join(tmpdir(), 'driftless-chef-bundle-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of readdirSync(DIST).filter((n) => n === 'cli.js' || n === 'cli-main.js' || n === 'prism.js' || n.endsWith('.wasm'))) cpSync(join(DIST, name), join(dir, 'bin', name));
  cpSync(join(REPO_ROOT, 'examples', 'chef'), join(dir, 'chef'), { recursive: true });
  const run = spawnSync(process.execPath, [join(dir, 'bin', 'cli.js'), '--format', 'json', 'chef'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 1, 'findings at or above the threshold');
  const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string }> };
  const rules = new Set(report.findings.map((f) => f.rule));
  for (const rule of ['package-latest', 'in-place-upgrade', 'remote-unverified', 'git-unpinned']) assert.ok(rules.has(rule), `${rule} in ${run.stdout}`);
});

test('a run without Chef recipes never loads the Ruby parser: the CLI works with prism.js and prism.wasm absent', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-no-ruby-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of readdirSync(DIST).filter((n) => n === 'cli.js' || n === 'cli-main.js' || (n.endsWith('.wasm') && n !== 'prism.wasm'))) cpSync(join(DIST, name), join(dir, 'bin', name));
  cpSync(join(REPO_ROOT, 'examples', 'ansible'), join(dir, 'ansible'), { recursive: true });
  const run = spawnSync(process.execPath, [join(dir, 'bin', 'cli.js'), '--format', 'json', '--failure-threshold', 'none', 'ansible'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string }> };
  assert.ok(report.findings.some((f) => f.rule === 'in-place-upgrade'), run.stdout);
});
