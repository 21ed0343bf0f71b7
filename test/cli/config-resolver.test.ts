import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigResolver } from '../../server/workspace/config-resolver';
import { tempTree } from './support';

test('the nearest config wins; the search stops at a root or at the top of a repository', (t) => {
  const { dir, cleanup } = tempTree({
    '.driftless.yaml': 'rules:\n  package-latest: info\n',
    'a/b/Dockerfile': 'FROM x\n',
    'repo/svc/Dockerfile': 'FROM x\n',
    'rooted/Dockerfile': 'FROM x\n',
  });
  t.after(cleanup);
  mkdirSync(join(dir, 'repo', '.git'));
  const resolver = new ConfigResolver(() => [join(dir, 'rooted')]);
  assert.equal(resolver.forFile(join(dir, 'a/b/Dockerfile')).file, join(dir, '.driftless.yaml'));
  assert.deepEqual(resolver.forFile(join(dir, 'a/b/Dockerfile')).config.rules, { 'package-latest': 'info' });
  assert.equal(resolver.forFile(join(dir, 'repo/svc/Dockerfile')).file, undefined, 'not above the repository it is in');
  assert.equal(resolver.forFile(join(dir, 'rooted/Dockerfile')).file, undefined, 'not above a root');
});

test('a broken config keeps its last good settings beside the error; the listener hears both; a FIFO is refused, not read', (t) => {
  const { dir, cleanup } = tempTree({ '.driftless.yaml': 'rules:\n  package-latest: info\n', 'fifo/Dockerfile': 'FROM x\n' });
  t.after(cleanup);
  const heard: string[] = [];
  const resolver = new ConfigResolver(() => [dir], (file, error) => heard.push(`${file.slice(dir.length + 1)}: ${error?.detail ?? 'good'}`));
  const file = join(dir, 'Dockerfile');
  assert.deepEqual(resolver.forFile(file).config.rules, { 'package-latest': 'info' });
  writeFileSync(join(dir, '.driftless.yaml'), 'rules:\n  package-latest: loud\n');
  resolver.changed(join(dir, '.driftless.yaml'));
  const broken = resolver.forFile(file);
  assert.deepEqual(broken.config.rules, { 'package-latest': 'info' });
  assert.equal(broken.error?.line, 2);

  execFileSync('mkfifo', [join(dir, 'fifo', '.driftless.yaml')]);
  const fifo = resolver.forFile(join(dir, 'fifo', 'Dockerfile'));
  assert.equal(fifo.error?.detail, 'cannot read the config file: not a regular file');
  assert.deepEqual(heard, [
    '.driftless.yaml: good',
    '.driftless.yaml: rule `package-latest`: expected error, warning, info or off',
    'fifo/.driftless.yaml: cannot read the config file: not a regular file',
  ]);
});
