// The Dockerfile front end's numbers (issue 2): files/s through the CLI end to end over 5,000 generated
// Dockerfiles (process start included), p50/p99 in-process lint time of one 300-line Dockerfile, peak RSS.
// Targets on the 2-core machine: >= 1,000 files/s through the CLI, p99 < 5 ms.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { initEngine, lint } from '../rules/engine';
import { DEFAULT_COUNT, generateCorpus, generateLongDockerfile } from './generate-dockerfiles';
import { median, percentile, runChild } from './measure';

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const CLI_RUNS = 5;
const WARMUP = 200;
const SAMPLES = 2000;

async function cliThroughput(): Promise<void> {
  const corpus = generateCorpus(DEFAULT_COUNT);
  const walls: number[] = [];
  const peaks: number[] = [];
  const cpus: number[] = [];
  let findings = 0;
  for (let i = 0; i < CLI_RUNS; i++) {
    const run = await runChild(process.execPath, [CLI, '--format', 'json', '--failure-threshold', 'none', corpus], REPO);
    if (run.status !== 0) throw new Error(`CLI exited ${run.status}: ${run.stderr.split('\n').slice(0, 5).join('\n')}`);
    const summary = (JSON.parse(run.stdout) as { summary: { files: number; findings: number } }).summary;
    if (summary.files !== DEFAULT_COUNT) throw new Error(`CLI linted ${summary.files} files, expected ${DEFAULT_COUNT}`);
    findings = summary.findings;
    walls.push(run.wallMs);
    peaks.push(run.peakRssKb);
    cpus.push(run.cpuMs);
  }
  const best = Math.min(...walls);
  const mid = median(walls);
  console.log(`CLI end to end, ${DEFAULT_COUNT} Dockerfiles (${findings} findings), ${CLI_RUNS} runs:`);
  console.log(`  median ${mid.toFixed(0)} ms = ${((DEFAULT_COUNT / mid) * 1000).toFixed(0)} files/s; best ${best.toFixed(0)} ms = ${((DEFAULT_COUNT / best) * 1000).toFixed(0)} files/s (target >= 1000)`);
  const cpu = median(cpus);
  console.log(`  CPU time (all threads) median ${cpu.toFixed(0)} ms = ${((DEFAULT_COUNT / cpu) * 1000).toFixed(0)} files per CPU-second; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  console.log(`  peak RSS of the CLI process: ${(Math.max(...peaks) / 1024).toFixed(1)} MB`);
}

async function singleFileLatency(): Promise<void> {
  const text = generateLongDockerfile(300);
  const file = { path: '/bench/Dockerfile', text };
  const started = process.hrtime.bigint();
  await initEngine();
  const initMs = Number(process.hrtime.bigint() - started) / 1e6;
  const first = lint(file);
  if (first.kind !== 'dockerfile') throw new Error('the 300-line Dockerfile was not linted as a Dockerfile (is the front end registered?)');
  for (let i = 0; i < WARMUP; i++) lint(file);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    lint(file);
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
  await singleFileLatency();
  await cliThroughput();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
