import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';

export interface ChildRun {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set of the child (VmHWM), with `sampleRss` only; 0 otherwise or where /proc is missing. */
  peakRssKb: number;
  /** CPU time (user + system, all threads) of the child, from its rusage once reaped: a load-independent cost. */
  cpuMs: number;
}

export interface ChildOptions {
  /**
   * Reads the child's /proc/<pid>/status every 5 ms for its peak RSS. The reads cost the parent CPU the child
   * then lacks on a small machine (about 3% of a CLI run on 2 cores), so timed runs go without.
   */
  sampleRss?: boolean;
}

/** Runs a command, timing it from spawn to exit. */
export function runChild(command: string, args: readonly string[], cwd: string, options: ChildOptions = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const cpuBefore = reapedChildrenCpuMs();
    const started = process.hrtime.bigint();
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRssKb = 0;
    const sample = (): void => {
      peakRssKb = Math.max(peakRssKb, highWaterMarkKb(child.pid));
    };
    const timer = options.sampleRss ? setInterval(sample, 5) : undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (timer) sample();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearInterval(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ status, stdout, stderr, wallMs, peakRssKb, cpuMs: reapedChildrenCpuMs() - cpuBefore });
    });
  });
}

function highWaterMarkKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const status = readProc(`/proc/${pid}/status`);
  const match = status === undefined ? null : /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) : 0;
}

/** cutime + cstime from /proc/self/stat: the CPU time of this process's children that have been waited for, in ms (clock ticks are 1/100 s). */
function reapedChildrenCpuMs(): number {
  const stat = readProc('/proc/self/stat');
  if (stat === undefined) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // The child has exited between samples, or this system has no /proc.
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ESRCH')) return undefined;
    throw error;
  }
}

export function percentile(sortedMs: readonly number[], p: number): number {
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/**
 * Times `lintOnce` on fresh variants of `text` (a comment appended each time, so no parse cache answers)
 * after `warmup` untimed runs, and returns the printed line: p50, p99 and max in ms.
 */
export function freshTextLatency(lintOnce: (text: string) => void, text: string, warmup: number, samples: number): string {
  for (let i = 0; i < warmup; i++) lintOnce(`${text}\n# ${i}\n`);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const variant = `${text}\n# run ${i}\n`;
    const t0 = process.hrtime.bigint();
    lintOnce(variant);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return `  p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms`;
}

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');

export interface CliRuns {
  files: number;
  findings: number;
  wallsMs: number[];
  cpusMs: number[];
  /** From one extra run, sampled (see ChildOptions). */
  peakRssKb: number;
}

/**
 * Runs the built CLI `runs` times over `targets` (JSON out, never failing on findings), end to end from spawn
 * to exit. Throws when a run fails or, given `expectedFiles`, lints another number of files.
 */
export async function runCli(targets: readonly string[], runs: number, expectedFiles?: number): Promise<CliRuns> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
  const out: CliRuns = { files: 0, findings: 0, wallsMs: [], cpusMs: [], peakRssKb: 0 };
  // The timed runs, then one more sampled for its peak RSS.
  for (let i = 0; i <= runs; i++) {
    const sampleRss = i === runs;
    const run = await runChild(process.execPath, [CLI, '--format', 'json', '--failure-threshold', 'none', ...targets], REPO, { sampleRss });
    if (run.status !== 0) throw new Error(`CLI exited ${run.status}: ${run.stderr.split('\n').slice(0, 5).join('\n')}`);
    const { summary } = JSON.parse(run.stdout) as { summary: { files: number; findings: number } };
    if (expectedFiles !== undefined && summary.files !== expectedFiles) throw new Error(`CLI linted ${summary.files} files, expected ${expectedFiles}: ${run.stderr}`);
    out.files = summary.files;
    out.findings = summary.findings;
    if (sampleRss) {
      out.peakRssKb = run.peakRssKb;
      continue;
    }
    out.wallsMs.push(run.wallMs);
    out.cpusMs.push(run.cpuMs);
  }
  return out;
}

/** The throughput lines every CLI figure prints: median and best files/s against the target, and peak RSS. */
export function printCliRuns(heading: string, runs: CliRuns, target: number): void {
  const mid = median(runs.wallsMs);
  const best = Math.min(...runs.wallsMs);
  const rate = (ms: number): string => ((runs.files / ms) * 1000).toFixed(0);
  console.log(`${heading} (${runs.files} files linted, ${runs.findings} findings), ${runs.wallsMs.length} runs:`);
  console.log(`  median ${mid.toFixed(0)} ms = ${rate(mid)} files/s; best ${best.toFixed(0)} ms = ${rate(best)} files/s (target >= ${target})`);
  const cpu = median(runs.cpusMs);
  console.log(`  CPU time (all threads) median ${cpu.toFixed(0)} ms = ${rate(cpu)} files per CPU-second; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  console.log(`  peak RSS of the CLI process: ${(runs.peakRssKb / 1024).toFixed(1)} MB`);
}
