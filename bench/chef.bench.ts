// The Chef front end's numbers (issue 4): files/s through the CLI end to end (process start and prism's WASM
// load included) over a generated tree of cookbooks; p50/p99 in-process lint time of one large recipe.
// Target on the 2-core machine: >= 500 files/s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initEngine, lint } from '../rules/engine';
import { DEFAULT_COOKBOOKS, generateChef } from './generate-chef';
import { freshTextLatency, median, runChild } from './measure';

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const CLI_RUNS = 5;
const WARMUP = 100;
const SAMPLES = 1000;

interface Summary {
  summary: { files: number; findings: number };
}

async function cliThroughput(dir: string, expectedFiles: number): Promise<void> {
  const walls: number[] = [];
  const peaks: number[] = [];
  let summary: Summary['summary'] | undefined;
  for (let i = 0; i < CLI_RUNS; i++) {
    const run = await runChild(process.execPath, [CLI, '--format', 'json', '--failure-threshold', 'none', dir], REPO);
    if (run.status !== 0) throw new Error(`CLI exited ${run.status}: ${run.stderr}`);
    summary = (JSON.parse(run.stdout) as Summary).summary;
    if (summary.files !== expectedFiles) throw new Error(`CLI linted ${summary.files} files, expected ${expectedFiles}: ${run.stderr}`);
    walls.push(run.wallMs);
    peaks.push(run.peakRssKb);
  }
  const mid = median(walls);
  const best = Math.min(...walls);
  console.log(`CLI end to end, generated cookbooks in ${dir}: ${expectedFiles} recipes/resources linted (${summary?.findings} findings), ${CLI_RUNS} runs:`);
  console.log(`  median ${mid.toFixed(0)} ms = ${((expectedFiles / mid) * 1000).toFixed(0)} files/s; best ${best.toFixed(0)} ms = ${((expectedFiles / best) * 1000).toFixed(0)} files/s (target >= 500)`);
  console.log(`  peak RSS of the CLI process: ${(Math.max(...peaks) / 1024).toFixed(1)} MB`);
}

async function singleFileLatency(recipes: string[]): Promise<void> {
  const text = recipes.map((r) => readFileSync(r, 'utf8')).join('\n');
  const path = recipes[0];
  await initEngine();
  const first = lint({ path, text }, { kind: 'chef' });
  if (first.kind !== 'chef') throw new Error(`${path} was not linted as Chef (is the front end registered?)`);
  const latency = freshTextLatency((t) => lint({ path, text: t }, { kind: 'chef' }), text, WARMUP, SAMPLES);
  console.log(`In process, one ${text.split('\n').length}-line recipe (${first.findings.length} findings), ${SAMPLES} lints of fresh text:`);
  console.log(latency);
}

async function main(): Promise<void> {
  const generated = generateChef(DEFAULT_COOKBOOKS);
  await cliThroughput(generated.dir, generated.files);
  const cookbook = join(generated.dir, 'cookbook0', 'recipes');
  await singleFileLatency([0, 1, 2].map((r) => join(cookbook, `recipe${r}.rb`)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
