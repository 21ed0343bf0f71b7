// The Dockerfile front end's numbers (issue 2): files/s through the CLI end to end over 5,000 generated
// Dockerfiles (process start included), p50/p99 in-process lint time of one 300-line Dockerfile, peak RSS.
// Targets on the 2-core machine: >= 1,000 files/s through the CLI, p99 < 5 ms.
import { loadavg } from 'node:os';
import { bundledEngine, type Engine } from './bundled-engine';
import { DEFAULT_COUNT, generateCorpus, generateLongDockerfile } from './generate-dockerfiles';
import { percentile, printCliRuns, runCli } from './measure';

const CLI_RUNS = 5;
const WARMUP = 200;
const SAMPLES = 2000;

async function cliThroughput(): Promise<void> {
  const runs = await runCli([generateCorpus(DEFAULT_COUNT)], CLI_RUNS, DEFAULT_COUNT);
  printCliRuns(`CLI end to end, ${DEFAULT_COUNT} Dockerfiles`, runs, 1000);
}

async function singleFileLatency(engine: Engine): Promise<void> {
  const text = generateLongDockerfile(300);
  const file = { path: '/bench/Dockerfile', text };
  const started = process.hrtime.bigint();
  await engine.initEngine();
  const initMs = Number(process.hrtime.bigint() - started) / 1e6;
  const first = engine.lint(file);
  if (first.kind !== 'dockerfile') throw new Error('the 300-line Dockerfile was not linted as a Dockerfile (is the front end registered?)');
  for (let i = 0; i < WARMUP; i++) engine.lint(file);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    engine.lint(file);
    const c = process.cpuUsage(c0);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  console.log(`In process, one ${text.split('\n').length - 1}-line Dockerfile (${first.findings.length} findings), ${SAMPLES} lints after ${WARMUP} warm-up:`);
  console.log(`  initEngine ${initMs.toFixed(1)} ms; p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms (target p99 < 5 ms)`);
  console.log(`  CPU time per lint: p50 ${percentile(cpuTimes, 50).toFixed(3)} ms, p99 ${percentile(cpuTimes, 99).toFixed(3)} ms (load average ${loadavg()[0].toFixed(1)})`);
  console.log(`  peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
}

async function main(): Promise<void> {
  // Latency first, while this process's heap holds nothing else (the CLI runs leave ~100 MB of parsed JSON behind).
  await singleFileLatency(await bundledEngine());
  await cliThroughput();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
