import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateCorpus } from '../../bench/generate-dockerfiles';
import { runCli, tempTree } from './support';

const FILES = 90;

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(dir, sub.name))) out[`${sub.name}/${name}`] = readFileSync(join(dir, sub.name, name), 'utf8');
  }
  return out;
}

test('worker threads beside the main thread report exactly what the main thread alone reports, in every format', (t) => {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  generateCorpus(FILES, join(dir, 'corpus'));
  for (const format of ['text', 'json', 'sarif']) {
    const single = runCli(['-j', '1', '--format', format, '--failure-threshold', 'none', 'corpus'], { cwd: dir });
    assert.equal(single.stderr, '');
    if (format === 'json') {
      const doc = JSON.parse(single.stdout) as { summary: { files: number; findings: number } };
      assert.equal(doc.summary.files, FILES);
      assert.ok(doc.summary.findings > FILES, 'the generated Dockerfiles have findings');
    }
    for (const jobs of ['2', '3', '8']) {
      const threaded = runCli(['-j', jobs, '--format', format, '--failure-threshold', 'none', 'corpus'], { cwd: dir });
      assert.equal(threaded.stderr, '', `--format ${format} -j ${jobs}`);
      assert.equal(threaded.stdout, single.stdout, `--format ${format} -j ${jobs}`);
    }
  }
});

test('--fix on worker threads writes the same files as on the main thread', (t) => {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  generateCorpus(FILES, join(dir, 'a'));
  cpSync(join(dir, 'a'), join(dir, 'b'), { recursive: true });
  const before = snapshot(join(dir, 'a'));
  const single = runCli(['-j', '1', '--fix', '--unsafe-fixes', '--failure-threshold', 'none', 'a'], { cwd: dir });
  const threaded = runCli(['-j', '3', '--fix', '--unsafe-fixes', '--failure-threshold', 'none', 'b'], { cwd: dir });
  assert.equal(threaded.stdout.replaceAll('b/', 'a/'), single.stdout);
  const fixed = snapshot(join(dir, 'a'));
  assert.deepEqual(snapshot(join(dir, 'b')), fixed);
  assert.notDeepEqual(fixed, before, 'some generated files had local fixes');
});
