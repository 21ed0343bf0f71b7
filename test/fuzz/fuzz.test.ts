import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { fuzz, loadSeeds } from './fuzzer';
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
