// The Terraform front end's numbers (issue 16): files/s through the CLI end to end (process start and the HCL
// WASM load included) over 2,000 generated modules; p50/p99 in-process lint time of a 3,000-line file,
// fresh each time (nothing cached) and as an editor re-lints it after one keystroke (the document's parse cache,
// whose tree the next parse edits). Targets on the 2-core machine: >= 500 files/s, p99 < 20 ms.
// CPU time per lint is printed beside the wall time: the machine is shared, and CPU time is what load does not add.
// The in-process figures are the editor's: the parsers' WASM runs in V8's baseline code (`--liftoff-only`), as
// the language server runs it (server/launch/server.ts); `--turbofan` lets V8 optimise it, as a plain Node process does.
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { bundledEngine, type Engine } from './bundled-engine';
import { DEFAULT_MODULES, generateTerraform, largeTerraformFile } from './generate-terraform';
import { percentile, printCliRuns, runCli } from './measure';

const CLI_RUNS = 5;
const WARMUP = 100;
const SAMPLES = 1000;
const LARGE_FILE_LINES = 3000;

interface Timed {
  wallMs: number[];
  cpuMs: number[];
}

function timeEach(count: number, run: (i: number) => void): Timed {
  const timed: Timed = { wallMs: [], cpuMs: [] };
  for (let i = 0; i < count; i++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    run(i);
    timed.wallMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpu);
    timed.cpuMs.push((used.user + used.system) / 1000);
  }
  return timed;
}

function printTimed(heading: string, timed: Timed): void {
  const line = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    return `p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
  };
  console.log(heading);
  console.log(`  wall ${line(timed.wallMs)} (target p99 < 20 ms)`);
  console.log(`  CPU  ${line(timed.cpuMs)}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
}

const wasmTier = process.argv.includes('--turbofan') ? 'WASM optimised by V8' : 'WASM in Liftoff, as the language server runs it';

async function singleFileLatency(engine: Engine): Promise<void> {
  const text = largeTerraformFile(LARGE_FILE_LINES);
  const path = '/bench/main.tf';
  await engine.initEngine();
  const first = engine.lint({ path, text });
  if (first.kind !== 'terraform') throw new Error(`${path} was not linted as Terraform (is the front end registered?)`);
  const lines = text.split('\n').length;
  // A different trailing comment each time: no cache keyed by text answers.
  const variant = (i: number): string => `${text}\n# run ${i}\n`;
  // The floor of a fresh lint: tree-sitter's parse of the file alone, with nothing copied out of it.
  const parser = await engine.loadGrammar('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
  const parse = (i: number): void => parser.parse(variant(i))?.delete();
  for (let i = 0; i < WARMUP; i++) parse(-i - 1);
  printTimed(`In process (${wasmTier}), the parse alone of the ${lines}-line file, ${SAMPLES} parses:`, timeEach(SAMPLES, parse));
  const fresh = (i: number): void => void engine.lint({ path, text: variant(i) });
  for (let i = 0; i < WARMUP; i++) fresh(-i - 1);
  printTimed(`In process (${wasmTier}), one ${lines}-line file (${first.findings.length} findings), ${SAMPLES} lints of fresh text:`, timeEach(SAMPLES, fresh));

  // One more character typed in the first line's comment each time, linted with the document's parse cache.
  const parseCache = new engine.DocumentParseCache();
  const typed = `# bench\n${text}`;
  const afterKeystroke = (i: number): string => `# bench${'abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, i % 100)}${typed.slice('# bench'.length)}`;
  const keystroke = (i: number): void => void engine.lint({ path, text: afterKeystroke(i) }, { parseCache });
  for (let i = 0; i < WARMUP; i++) keystroke(i);
  printTimed(`In process (${wasmTier}), the same file re-linted after each keystroke with its document parse cache (as the editor does), ${SAMPLES} keystrokes:`, timeEach(SAMPLES, (i) => keystroke(WARMUP + i)));
}

async function main(): Promise<void> {
  // Before any WASM is compiled in this process (the CLI runs are child processes with the CLI's own flags).
  if (!process.argv.includes('--turbofan')) setFlagsFromString('--liftoff-only');
  const generated = generateTerraform(DEFAULT_MODULES);
  // The CLI's own choice of threads (by files, cores and load), then one thread and two (main + one worker) forced.
  for (const jobs of [[], ['--jobs', '1'], ['--jobs', '2']]) {
    const runs = await runCli([...jobs, generated.dir], CLI_RUNS, generated.files);
    printCliRuns(`CLI end to end${jobs.length ? `, ${jobs.join(' ')}` : ''}, generated modules in ${generated.dir}`, runs, 500);
  }
  await singleFileLatency(await bundledEngine());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
