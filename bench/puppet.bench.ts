// The Puppet front end's numbers (issue 18): files/s through the CLI end to end (process start and the grammars'
// WASM load included) over a generated control repository; p50/p99 in-process lint time of a 2,000-line manifest.
// Target on the 2-core machine: >= 500 files/s.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledEngine, type Engine } from './bundled-engine';
import { DEFAULT_PROFILES, generatePuppet } from './generate-puppet';
import { freshTextLatency, printCliRuns, runCli } from './measure';

const CLI_RUNS = 5;
const WARMUP = 100;
const SAMPLES = 1000;
const MANIFEST_LINES = 2000;

async function cliThroughput(dir: string, expectedFiles: number): Promise<void> {
  printCliRuns(`CLI end to end, generated control repository in ${dir}`, await runCli([dir], CLI_RUNS, expectedFiles), 500);
}

/** Whole profiles joined until the manifest has at least MANIFEST_LINES lines. */
function largeManifest(profileDir: string): string {
  const lines: string[] = [];
  for (const name of readdirSync(profileDir).sort()) {
    if (lines.length >= MANIFEST_LINES) break;
    lines.push(...readFileSync(join(profileDir, name), 'utf8').split('\n'));
  }
  return lines.join('\n');
}

async function singleFileLatency(engine: Engine, text: string): Promise<void> {
  const path = 'manifests/large.pp';
  await engine.initEngine(['puppet']);
  const first = engine.lint({ path, text });
  if (first.kind !== 'puppet') throw new Error(`${path} was not linted as Puppet (is the front end registered?)`);
  if (first.findings.some((f) => f.rule === 'puppet-syntax')) throw new Error('the large manifest does not parse');
  const latency = freshTextLatency((t) => engine.lint({ path, text: t }), text, WARMUP, SAMPLES);
  console.log(`In process, one ${text.split('\n').length}-line manifest (${first.findings.length} findings), ${SAMPLES} lints of fresh text:`);
  console.log(latency);
}

async function main(): Promise<void> {
  const generated = generatePuppet(DEFAULT_PROFILES);
  await cliThroughput(generated.dir, generated.files);
  await singleFileLatency(await bundledEngine(), largeManifest(join(generated.dir, 'site', 'profile', 'manifests')));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
