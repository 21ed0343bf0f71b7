// The long fuzz run: `npm run fuzz -- [--seed N] [--count PER_KIND] [--minutes M] [--out DIR]`.
// Prints inputs, failures and the slowest lint per front end; writes each failing input to DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initEngine } from '../../rules/engine';
import { fuzz, loadSeeds, type Failure } from './fuzzer';
import { LONG_RUN } from './mutations';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      count: { type: 'string', default: '1000' },
      minutes: { type: 'string', default: '10' },
      out: { type: 'string', default: 'fuzz-failures' },
    },
  });
  const seed = Number(values.seed);
  const started = Date.now();
  await initEngine();
  const seeds = loadSeeds();
  console.log(`seed ${seed}, ${seeds.length} seed files, up to ${values.count} inputs per kind or ${values.minutes} minutes`);
  mkdirSync(values.out, { recursive: true });
  const onFailure = (f: Failure): void => {
    const file = join(values.out, `${seed}-${f.input}-${f.kind}`);
    writeFileSync(file, f.text);
    console.log(`FAIL ${f.kind} #${f.input} ${f.seed} (${f.mutations.join('+')}) ${f.problem.check}: ${f.problem.detail.split('\n')[0]} → ${file}`);
  };
  const { stats, failures } = fuzz(seeds, {
    seed,
    perKind: Number(values.count),
    scale: LONG_RUN,
    maxFixes: 10,
    deadline: started + Number(values.minutes) * 60_000,
    onFailure,
  });
  console.log(`\n${'front end'.padEnd(16)}${'inputs'.padStart(8)}${'failures'.padStart(10)}${'slowest ms'.padStart(12)}${'>1 s'.padStart(6)}`);
  for (const [kind, s] of [...stats].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`${kind.padEnd(16)}${String(s.inputs).padStart(8)}${String(s.failures).padStart(10)}${s.slowest.toFixed(0).padStart(12)}${String(s.overOneSecond).padStart(6)}`);
  }
  console.log(`${failures.length} failures in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

void main();
