import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { classify, initEngine } from '../../rules/engine';
import type { FileKind } from '../../rules/types';
import { REPO_ROOT } from '../support/requirements';
import { checkInput } from './check';
import { diskProbe, fuzz, loadSeeds } from './fuzzer';
import { SHORT_RUN } from './mutations';

// The short run: a fixed seed, two mutants per file kind. `npm run fuzz` runs the same checks at length.
test('mutated seeds of every front end: no exception, ranges inside the text, local fixes clean', async () => {
  await initEngine();
  const seeds = loadSeeds();
  const { stats, failures } = fuzz(seeds, { seed: 14, perKind: 2, scale: SHORT_RUN, maxFixes: 2 });
  assert.ok(stats.size >= 11, `seeds of every front end: ${[...stats.keys()].join(', ')}`);
  assert.deepEqual(
    failures.map((f) => `${f.kind} ${f.seed} (${f.mutations.join('+')}): ${f.problem.check}: ${f.problem.detail}`),
    [],
  );
});

// Inputs long runs found, kept as they were found (gzipped: they are large and repetitive), named for the file
// kind they are linted as (`__` for a folder: `.github__workflows__release.yml.gz`), or led by the kind where the
// name alone does not tell it (`chef@…`: a recipe is Chef beside its cookbook's metadata.rb). Each failed before
// its fix.
test('inputs npm run fuzz found: each passes every check now', async () => {
  await initEngine();
  const folder = join(REPO_ROOT, 'test', 'fuzz', 'regressions');
  for (const name of readdirSync(folder)) {
    const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
    const [, given, file] = /^(?:([a-z-]+)@)?(.*)\.gz$/.exec(name) ?? [];
    const path = join('/fuzz', ...file.split('__'));
    const kind = (given as FileKind | undefined) ?? classify({ path, text }, diskProbe);
    assert.ok(kind, `${name} is linted as some kind`);
    assert.deepEqual(checkInput(path, text, { kind, probe: diskProbe, maxFixes: 2 }).problems, [], name);
  }
});
