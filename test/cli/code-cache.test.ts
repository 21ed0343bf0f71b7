import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempTree } from './support';

const DOCKERFILE = 'FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\n';
const CACHE_NAME = /^cli-main-[0-9a-f]{16}-v[\d.]+-\w+\.v8cache$/;

function lintWithCacheHome(cacheHome: string, cwd: string): ReturnType<typeof runCli> {
  // A hang (a loop in creating the folder) fails the test instead of stalling the suite.
  return runCli(['--format', 'json', '.'], { cwd, env: { XDG_CACHE_HOME: cacheHome }, timeoutMs: 60_000 });
}

function cacheFiles(cacheHome: string): string[] {
  return readdirSync(join(cacheHome, 'driftless'));
}

test('the first run writes a private V8 code cache in place of an older build\'s, the next runs from it unchanged', (t) => {
  const { dir, cleanup } = tempTree({
    'project/Dockerfile': DOCKERFILE,
    'cache/driftless/cli-main-0123456789abcdef-v20.0.0-x64.v8cache': 'an older build',
    'cache/driftless/server-main-0123456789abcdef-v20.0.0-x64.v8cache': 'the server bundle',
  });
  t.after(cleanup);
  const cacheHome = join(dir, 'cache');
  chmodSync(join(cacheHome, 'driftless'), 0o700);
  const first = lintWithCacheHome(cacheHome, join(dir, 'project'));
  assert.equal(first.stderr, '');
  const [name, ...others] = cacheFiles(cacheHome).filter((n) => n.startsWith('cli-main-'));
  assert.match(name, CACHE_NAME);
  assert.deepEqual(others, [], 'the older build\'s cache is gone');
  assert.ok(cacheFiles(cacheHome).includes('server-main-0123456789abcdef-v20.0.0-x64.v8cache'), 'other bundles\' caches stay');
  const file = join(cacheHome, 'driftless', name);
  assert.equal(statSync(join(cacheHome, 'driftless')).mode & 0o777, 0o700);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const written = readFileSync(file);

  const second = lintWithCacheHome(cacheHome, join(dir, 'project'));
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.stderr, '');
  assert.equal(second.status, first.status);
  // V8 took the cache: a rejected one is written again at exit.
  assert.deepEqual(readFileSync(file), written);
});

test('a corrupt cache file is turned down by V8: the run lints as without one and writes a good cache', (t) => {
  const { dir, cleanup } = tempTree({ 'project/Dockerfile': DOCKERFILE, 'cache/.keep': '' });
  t.after(cleanup);
  const cacheHome = join(dir, 'cache');
  const clean = lintWithCacheHome(cacheHome, join(dir, 'project'));
  const [name] = cacheFiles(cacheHome);
  const file = join(cacheHome, 'driftless', name);
  const good = readFileSync(file);
  const garbage = Buffer.from(good);
  for (let i = 0; i < garbage.length; i += 7) garbage[i] ^= 0xa5;
  writeFileSync(file, garbage);

  const run = lintWithCacheHome(cacheHome, join(dir, 'project'));
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, clean.stdout);
  assert.equal(run.status, clean.status);
  assert.notDeepEqual(readFileSync(file), garbage);
});

test('a cache folder others may write to is not used: nothing is read from it or written to it', (t) => {
  const { dir, cleanup } = tempTree({ 'project/Dockerfile': DOCKERFILE });
  t.after(cleanup);
  const cacheHome = join(dir, 'cache');
  mkdirSync(join(cacheHome, 'driftless'), { recursive: true });
  chmodSync(join(cacheHome, 'driftless'), 0o777);
  const run = lintWithCacheHome(cacheHome, join(dir, 'project'));
  assert.equal(run.stderr, '');
  assert.equal(run.status, 1, run.stdout);
  assert.deepEqual(cacheFiles(cacheHome), []);
});

test('a cache home that cannot be created (under /proc) costs nothing but the cache', (t) => {
  const { dir, cleanup } = tempTree({ 'project/Dockerfile': DOCKERFILE });
  t.after(cleanup);
  const run = lintWithCacheHome('/proc/driftless-no-such-cache', join(dir, 'project'));
  assert.equal(run.stderr, '');
  assert.equal(run.status, 1, run.stdout);
  const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string }> };
  assert.deepEqual(report.findings.map((f) => f.rule).sort(), ['image-latest-tag', 'package-unpinned']);
});
