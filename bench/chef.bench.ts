// The Chef front end's numbers (issue 4): files/s through the CLI end to end (process start and prism's WASM
// load included) over a generated tree of cookbooks; p50/p99 in-process lint time of one large recipe.
// Target on the 2-core machine: >= 500 files/s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledEngine, type Engine } from './bundled-engine';
import { DEFAULT_COOKBOOKS, generateChef } from './generate-chef';
import { freshTextLatency, printCliRuns, runCli } from './measure';

const CLI_RUNS = 5;
const WARMUP = 100;
const SAMPLES = 1000;

async function cliThroughput(dir: string, expectedFiles: number): Promise<void> {
  printCliRuns(`CLI end to end, generated cookbooks in ${dir}`, await runCli([dir], CLI_RUNS, expectedFiles), 500);
}

async function singleFileLatency(engine: Engine, recipes: string[]): Promise<void> {
  const text = recipes.map((r) => readFileSync(r, 'utf8')).join('\n');
  const path = recipes[0];
  await engine.initEngine();
  const first = engine.lint({ path, text }, { kind: 'chef' });
  if (first.kind !== 'chef') throw new Error(`${path} was not linted as Chef (is the front end registered?)`);
  const latency = freshTextLatency((t) => engine.lint({ path, text: t }, { kind: 'chef' }), text, WARMUP, SAMPLES);
  console.log(`In process, one ${text.split('\n').length}-line recipe (${first.findings.length} findings), ${SAMPLES} lints of fresh text:`);
  console.log(latency);
}

async function main(): Promise<void> {
  const generated = generateChef(DEFAULT_COOKBOOKS);
  await cliThroughput(generated.dir, generated.files);
  const cookbook = join(generated.dir, 'cookbook0', 'recipes');
  await singleFileLatency(await bundledEngine(), [0, 1, 2].map((r) => join(cookbook, `recipe${r}.rb`)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
