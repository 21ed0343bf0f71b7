// The Terraform front end's numbers (issue 16): files/s through the CLI end to end (process start and the HCL
// and bash WASM loads included) over 2,000 generated modules; p50/p99 in-process lint time of a 3,000-line file.
// Targets on the 2-core machine: >= 500 files/s, p99 < 20 ms.
import { bundledEngine, type Engine } from './bundled-engine';
import { DEFAULT_MODULES, generateTerraform, largeTerraformFile } from './generate-terraform';
import { freshTextLatency, printCliRuns, runCli } from './measure';

const CLI_RUNS = 5;
const WARMUP = 100;
const SAMPLES = 1000;
const LARGE_FILE_LINES = 3000;

async function singleFileLatency(engine: Engine): Promise<void> {
  const text = largeTerraformFile(LARGE_FILE_LINES);
  const path = 'main.tf';
  await engine.initEngine();
  const first = engine.lint({ path, text });
  if (first.kind !== 'terraform') throw new Error(`${path} was not linted as Terraform (is the front end registered?)`);
  const latency = freshTextLatency((t) => engine.lint({ path, text: t }), text, WARMUP, SAMPLES);
  console.log(`In process, one ${text.split('\n').length}-line file (${first.findings.length} findings), ${SAMPLES} lints of fresh text:`);
  console.log(latency);
}

async function main(): Promise<void> {
  const generated = generateTerraform(DEFAULT_MODULES);
  printCliRuns(`CLI end to end, generated modules in ${generated.dir}`, await runCli([generated.dir], CLI_RUNS, generated.files), 500);
  await singleFileLatency(await bundledEngine());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
