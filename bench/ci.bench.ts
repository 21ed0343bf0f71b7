// The CI pipelines front ends' numbers (issue 17): files/s through the CLI end to end (process start included)
// over generated repositories (GitHub Actions workflows, composite actions, GitLab pipelines), and the p50/p99
// in-process lint time of one workflow. Target on the 2-core machine: >= 500 files/s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledEngine } from './bundled-engine';
import { freshTextLatency, printCliRuns, runCli } from './measure';
import { DEFAULT_REPOS, generateWorkflows } from './generate-workflows';

const CLI_RUNS = 5;
const WARMUP = 100;
const SAMPLES = 1000;

async function main(): Promise<void> {
  const generated = generateWorkflows(DEFAULT_REPOS);
  printCliRuns(`CLI end to end, generated pipelines in ${generated.dir}`, await runCli([generated.dir], CLI_RUNS, generated.files), 500);
  const engine = await bundledEngine();
  await engine.initEngine();
  const path = join(generated.dir, 'repo0', '.github', 'workflows', 'ci0.yml');
  const text = readFileSync(path, 'utf8');
  const first = engine.lint({ path, text });
  if (first.kind !== 'github-actions') throw new Error(`${path} was not linted as a GitHub Actions workflow (is the front end registered?)`);
  console.log(`In process, one ${text.split('\n').length}-line workflow (${first.findings.length} findings), ${SAMPLES} lints of fresh text:`);
  console.log(freshTextLatency((t) => engine.lint({ path, text: t }), text, WARMUP, SAMPLES));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
