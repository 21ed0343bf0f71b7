import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { discoverFiles, type Discovery } from '../../server/workspace/discover';
import { ConfigResolver } from '../../server/workspace/config-resolver';
import { UnreadablePathError } from '../../server/workspace/errors';
import { tempTree } from './support';

const FROM = 'FROM alpine:3.20\n';

function found(discovery: Discovery, dir: string): string[] {
  return discovery.files.map((f) => relative(dir, f.path));
}

test('picks Dockerfiles by name and YAML/Ruby files as content candidates, nothing else', async (t) => {
  const { dir, cleanup } = tempTree({
    Dockerfile: FROM,
    'Dockerfile.dev': FROM,
    'api.Dockerfile': FROM,
    'web.dockerfile': FROM,
    Containerfile: FROM,
    'Containerfile.prod': FROM,
    'Containerfile-dev': FROM,
    'lower/dockerfile': FROM,
    'upper/DOCKERFILE': FROM,
    'web.containerfile': FROM,
    'overlay/Kustomization': 'images: []\n',
    'k8s/deploy.yaml': 'kind: Pod\n',
    'play.yml': '- hosts: all\n',
    'cookbooks/recipes/default.rb': "package 'x'\n",
    'README.md': '# FROM ubuntu\n',
    'main.go': 'package main\n',
    'Dockerfiles.txt': FROM,
  });
  t.after(cleanup);
  const discovery = await discoverFiles([dir]);
  assert.deepEqual(found(discovery, dir), [
    'Containerfile',
    'Containerfile-dev',
    'Containerfile.prod',
    'Dockerfile',
    'Dockerfile.dev',
    'api.Dockerfile',
    'cookbooks/recipes/default.rb',
    'k8s/deploy.yaml',
    'lower/dockerfile',
    'overlay/Kustomization',
    'play.yml',
    'upper/DOCKERFILE',
    'web.containerfile',
    'web.dockerfile',
  ]);
  assert.ok(discovery.files.every((f) => !f.explicit));
  assert.deepEqual(discovery.notices, []);
});

test('skips node_modules and .git, and honours nested .gitignore files with re-inclusion', async (t) => {
  const { dir, cleanup } = tempTree({
    'node_modules/pkg/Dockerfile': FROM,
    '.git/Dockerfile': FROM,
    '.gitignore': 'build/\n*.generated.yaml\n',
    'build/Dockerfile': FROM,
    'app/x.generated.yaml': 'kind: Pod\n',
    'app/Dockerfile': FROM,
    'svc/.gitignore': 'Dockerfile.*\n!Dockerfile.keep\n',
    'svc/Dockerfile.tmp': FROM,
    'svc/Dockerfile.keep': FROM,
    'svc/Dockerfile': FROM,
  });
  t.after(cleanup);
  assert.deepEqual(found(await discoverFiles([dir]), dir), ['app/Dockerfile', 'svc/Dockerfile', 'svc/Dockerfile.keep']);
});

test("applies the ignore globs of each path's nearest config, relative to the config's folder", async (t) => {
  const { dir, cleanup } = tempTree({
    '.driftless.yaml': 'ignore: [vendor/, deploy/test/**, other/skipped/]\n',
    'vendor/Dockerfile': FROM,
    'deploy/test/Dockerfile': FROM,
    'deploy/prod/Dockerfile': FROM,
    'other/.driftless.yaml': 'ignore: [kept/old.Dockerfile]\n',
    'other/skipped/Dockerfile': FROM,
    'other/kept/old.Dockerfile': FROM,
    'other/kept/Dockerfile': FROM,
  });
  t.after(cleanup);
  const resolver = new ConfigResolver(() => [dir]);
  const ignores = (path: string, isDir: boolean) => resolver.ignores(resolver.forFile(path), path, isDir);
  assert.deepEqual(found(await discoverFiles([join(dir, 'deploy')], { ignores }), dir), ['deploy/prod/Dockerfile']);
  // other/ has its own config, which replaces the top one there: other/skipped/ is walked, old.Dockerfile is not.
  assert.deepEqual(found(await discoverFiles([dir], { ignores }), dir), [
    'deploy/prod/Dockerfile',
    'other/kept/Dockerfile',
    'other/skipped/Dockerfile',
  ]);
});

test('a file named explicitly is returned whatever its name, and flagged explicit', async (t) => {
  const { dir, cleanup } = tempTree({ 'build.txt': FROM, 'ignored/Dockerfile': FROM, '.gitignore': 'ignored/\n' });
  t.after(cleanup);
  const discovery = await discoverFiles([join(dir, 'build.txt'), join(dir, 'ignored', 'Dockerfile')]);
  assert.deepEqual(
    discovery.files.map((f) => [relative(dir, f.path), f.explicit]),
    [
      ['build.txt', true],
      ['ignored/Dockerfile', true],
    ],
  );
});

test('follows a directory symlink out of the tree, walks one into it only once, and reports a loop', async (t) => {
  const { dir, cleanup } = tempTree({ 'repo/real/Dockerfile': FROM, 'repo/a/b/Dockerfile': FROM, 'outside/Dockerfile.shared': FROM });
  t.after(cleanup);
  const repo = join(dir, 'repo');
  symlinkSync(join(repo, 'a'), join(repo, 'a', 'b', 'back-to-a'));
  symlinkSync(join(repo, 'real'), join(repo, 'linked'));
  symlinkSync(join(dir, 'outside'), join(repo, 'shared'));
  symlinkSync(join(repo, 'missing'), join(repo, 'dangling'));
  const discovery = await discoverFiles([repo]);
  assert.deepEqual(found(discovery, repo), ['a/b/Dockerfile', 'real/Dockerfile', 'shared/Dockerfile.shared']);
  assert.deepEqual(
    discovery.notices.map((n) => [relative(repo, n.path), n.message, n.unreadable]),
    [['a/b/back-to-a', 'symbolic link loop, not followed', false]],
  );
});

test('a path that does not exist is an UnreadablePathError naming it', async (t) => {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  mkdirSync(join(dir, 'empty'));
  assert.deepEqual((await discoverFiles([join(dir, 'empty')])).files, []);
  await assert.rejects(discoverFiles([join(dir, 'nope')]), (error: unknown) => {
    assert.ok(error instanceof UnreadablePathError);
    assert.equal(error.message, `${join(dir, 'nope')}: no such file or directory`);
    return true;
  });
});

test('the synchronous walk (the CLI\'s) finds the files, notices and errors the asynchronous one does', async (t) => {
  const { dir, cleanup } = tempTree({
    'repo/node_modules/pkg/Dockerfile': FROM,
    'repo/.gitignore': 'build/\n',
    'repo/build/Dockerfile': FROM,
    'repo/svc/.gitignore': 'Dockerfile.*\n!Dockerfile.keep\n',
    'repo/svc/Dockerfile.tmp': FROM,
    'repo/svc/Dockerfile.keep': FROM,
    'repo/a/b/Dockerfile': FROM,
    'repo/a/deploy.yaml': 'kind: Pod\n',
    'repo/vendor/Dockerfile': FROM,
    'outside/Dockerfile.shared': FROM,
  });
  t.after(cleanup);
  const repo = join(dir, 'repo');
  symlinkSync(join(repo, 'a'), join(repo, 'a', 'b', 'back-to-a'));
  symlinkSync(join(dir, 'outside'), join(repo, 'shared'));
  symlinkSync(join(repo, 'missing'), join(repo, 'dangling'));
  const ignores = (path: string) => path.startsWith(join(repo, 'vendor'));
  const walk = (synchronous: boolean) => discoverFiles([repo, join(dir, 'outside', 'Dockerfile.shared')], { ignores, synchronous });
  const asynchronous = await walk(false);
  assert.deepEqual(found(asynchronous, repo), ['../outside/Dockerfile.shared', 'a/b/Dockerfile', 'a/deploy.yaml', 'shared/Dockerfile.shared', 'svc/Dockerfile.keep']);
  assert.equal(asynchronous.notices.length, 1);
  assert.deepEqual(await walk(true), asynchronous);
  const missing = join(dir, 'nope');
  const failure = async (synchronous: boolean) => discoverFiles([missing], { synchronous }).then(() => undefined, (error: unknown) => error);
  const [thrown, thrownSync] = [await failure(false), await failure(true)];
  assert.ok(thrown instanceof UnreadablePathError && thrownSync instanceof UnreadablePathError);
  assert.equal(thrownSync.message, thrown.message);
});
