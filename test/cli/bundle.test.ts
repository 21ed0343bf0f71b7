import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/requirements';
import { CLI, tempTree } from './support';

const BUNDLE = join(__dirname, '..', '..', 'dist', 'cli-main.js');
const BUILTINS_AT_EXIT = join(REPO_ROOT, 'test', 'support', 'builtins-at-exit.cjs');

test('the CLI bundle every start reads is ASCII (V8 holds it as one-byte text) with lines short enough to quote in a stack trace', () => {
  const bytes = readFileSync(BUNDLE);
  const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
  const at = firstNonAscii === -1 ? '' : bytes.subarray(Math.max(0, firstNonAscii - 60), firstNonAscii + 20).toString('utf8');
  assert.equal(firstNonAscii, -1, `a non-ASCII byte in dist/cli-main.js: ${at}`);
  const longest = Math.max(...bytes.toString('latin1').split('\n').map((line) => line.length));
  assert.ok(longest <= 1000, `a line of ${longest} characters`);
});

test('a run with nothing to lint loads none of the built-ins only some runs use (each costs every start milliseconds)', (t) => {
  const { dir, cleanup } = tempTree({ 'empty/.keep': '' });
  t.after(cleanup);
  const out = join(dir, 'builtins.json');
  const run = spawnSync(process.execPath, ['--require', BUILTINS_AT_EXIT, CLI, join(dir, 'empty')], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, XDG_CACHE_HOME: join(dir, 'cache'), DRIFTLESS_TEST_BUILTINS: out },
    timeout: 60_000,
  });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0, run.stdout);
  const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
  assert.ok(loaded.includes('vm'), `the list is the process's own: ${loaded.join(', ')}`);
  for (const unused of ['crypto', 'worker_threads', 'timers/promises', 'child_process', 'https', 'zlib', 'net', 'tty']) {
    assert.ok(!loaded.includes(unused), `node:${unused} was loaded`);
  }
});
