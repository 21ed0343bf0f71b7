import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { generateCorpus } from '../../bench/generate-dockerfiles';
import { initEngine } from '../../rules/engine';
import type { JobResult, LintJob } from '../../server/cli/lint-files';
import { lintFiles, PARALLEL_MIN_FILES, workersFor, type LintFilesOptions } from '../../server/cli/lint-pool';
import { discoverFiles } from '../../server/workspace/discover';
import { REPO_ROOT } from '../support/requirements';
import { tempTree } from './support';

const BUNDLE = join(REPO_ROOT, 'dist', 'cli-main.js');

before(() => initEngine(['dockerfile']));

/** The generated Dockerfiles of a fresh folder, as the CLI's jobs. */
async function dockerfileJobs(t: { after: (fn: () => void) => void }, count: number): Promise<{ dir: string; jobs: LintJob[] }> {
  const { dir, cleanup } = tempTree({});
  t.after(cleanup);
  const root = join(dir, 'corpus');
  generateCorpus(count, root);
  const { files } = await discoverFiles([root], { ignores: () => false });
  return { dir, jobs: files.map((file) => ({ file, rules: {}, root })) };
}

/**
 * A worker script: the CLI bundle's lint worker, with each result it sends marked as a worker's, so that a test
 * can tell which thread linted a file. The mark is taken off before results are compared.
 */
function markingWorker(dir: string): string {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
  const script = join(dir, 'marking-worker.cjs');
  writeFileSync(
    script,
    `const { parentPort } = require('node:worker_threads');
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (m) => post('results' in m ? { ...m, results: m.results.map((r) => ({ ...r, byWorker: true })) } : m);
require(${JSON.stringify(BUNDLE)});
`,
  );
  return script;
}

function workerScript(dir: string, name: string, source: string): string {
  const script = join(dir, name);
  writeFileSync(script, source);
  return script;
}

/** Blocks the main thread, as a slow file would: gives a starting worker the time to take part. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function collect(jobs: readonly LintJob[], options: LintFilesOptions, onProgress?: (done: number, total: number) => void): Promise<JobResult[]> {
  const results: JobResult[] = [];
  await lintFiles(jobs, { ...options, onProgress }, (result) => results.push(result));
  return results;
}

test('--jobs N is the main thread and N-1 workers; without it, a large run has a thread per core unless the machine is busy', () => {
  assert.equal(workersFor(5000, 1, 8, 0), 0, '--jobs 1: the main thread only');
  assert.equal(workersFor(5000, 2, 2, 0), 1);
  assert.equal(workersFor(5000, 4, 2, 7), 3, '--jobs is what the user asked for, whatever the cores and load');
  assert.equal(workersFor(40, 8, 2, 0), 2, 'never more workers than chunks of 32 files');
  assert.equal(workersFor(0, 4, 2, 0), 0);
  assert.equal(workersFor(1, undefined, 2, 0), 0, 'one file: no worker');
  assert.equal(workersFor(PARALLEL_MIN_FILES - 1, undefined, 16, 0), 0, 'a small run stays on the main thread');
  assert.equal(workersFor(PARALLEL_MIN_FILES, undefined, 2, 0.6), 1, 'on 2 cores, one worker beside the main thread');
  assert.equal(workersFor(PARALLEL_MIN_FILES, undefined, 2, 2.9), 1);
  assert.equal(workersFor(PARALLEL_MIN_FILES, undefined, 2, 3), 0, 'a busy machine: no worker');
  assert.equal(workersFor(PARALLEL_MIN_FILES, undefined, 1, 0), 0);
  assert.equal(workersFor(100_000, undefined, 16, 2), 7, 'at most 8 threads');
});

test('the main thread and a worker hand on the same results as the main thread alone, in order, with progress', async (t) => {
  const { dir, jobs } = await dockerfileJobs(t, 400);
  const options = { cwd: dir, fix: false, kinds: ['dockerfile'] as const };
  const progressAlone: number[] = [];
  const alone = await collect(jobs, { ...options, jobs: 1 }, (done, total) => {
    assert.equal(total, jobs.length);
    progressAlone.push(done);
  });
  assert.equal(alone.length, jobs.length);
  assert.deepEqual(progressAlone, jobs.map((_, i) => i + 1));

  let workerSeen = false;
  const progress: number[] = [];
  const together: (JobResult & { byWorker?: boolean })[] = [];
  await lintFiles(jobs, { ...options, jobs: 2, workerScript: markingWorker(dir), onProgress: (done, total) => {
    assert.equal(total, jobs.length);
    progress.push(done);
    if (!workerSeen) sleep(30);
  } }, (result: JobResult & { byWorker?: boolean }) => {
    workerSeen ||= result.byWorker === true;
    together.push(result);
  });
  const byWorker = together.filter((r) => r.byWorker).length;
  assert.ok(byWorker > 0, 'the worker linted some files');
  assert.ok(byWorker < jobs.length, 'the main thread linted some files');
  assert.deepEqual(together.map(({ byWorker: _, ...result }) => result), alone);
  assert.ok(progress.every((done, i) => i === 0 || done > progress[i - 1]), 'progress only goes forward');
  assert.equal(progress.at(-1), jobs.length);
});

test('a worker that fails to start stops the run with its error; what was handed on is in order', async (t) => {
  const { dir, jobs } = await dockerfileJobs(t, 200);
  const handed: string[] = [];
  const run = lintFiles(
    jobs,
    { cwd: dir, fix: false, kinds: ['dockerfile'], jobs: 2, workerScript: workerScript(dir, 'broken.cjs', "throw new Error('the worker broke');\n"), onProgress: () => sleep(20) },
    (result) => handed.push(result.report?.path ?? ''),
  );
  await assert.rejects(run, /the worker broke/);
  assert.ok(handed.length < jobs.length);
  assert.deepEqual(handed, jobs.slice(0, handed.length).map((job) => job.file.path));
});

test('a worker that exits early, or fails on a chunk, stops the run and says so', async (t) => {
  const { dir, jobs } = await dockerfileJobs(t, 200);
  const options = { cwd: dir, fix: false, kinds: ['dockerfile'] as const, jobs: 2 };
  const slowly = (): void => sleep(20);
  const exiting = workerScript(dir, 'exiting.cjs', 'process.exit(3);\n');
  await assert.rejects(collect(jobs, { ...options, workerScript: exiting }, slowly), /a lint worker stopped early \(exit code 3\)/);
  const failing = workerScript(
    dir,
    'failing.cjs',
    `const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => parentPort.postMessage({ error: 'Error: the rule broke\\n    at check (rule.ts:1:1)' }));
parentPort.postMessage({ ready: true });
`,
  );
  await assert.rejects(collect(jobs, { ...options, workerScript: failing }, slowly), /Error: the rule broke\n {4}at check/);
});
