import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ChildRun {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set of the child (VmHWM), sampled until it exits; 0 where /proc is missing. */
  peakRssKb: number;
  /** CPU time (user + system, all threads) of the child at its last sample: a load-independent cost. */
  cpuMs: number;
}

/** Runs a command, timing it from spawn to exit, and samples its peak RSS from /proc. */
export function runChild(command: string, args: readonly string[], cwd: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRssKb = 0;
    let cpuMs = 0;
    const sample = (): void => {
      peakRssKb = Math.max(peakRssKb, highWaterMarkKb(child.pid));
      cpuMs = Math.max(cpuMs, cpuTimeMs(child.pid));
    };
    const timer = setInterval(sample, 5);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      sample();
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
      resolve({ status, stdout, stderr, wallMs: Number(process.hrtime.bigint() - started) / 1e6, peakRssKb, cpuMs });
    });
  });
}

function highWaterMarkKb(pid: number | undefined): number {
  const status = readProc(pid, 'status');
  const match = status === undefined ? null : /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) : 0;
}

/** utime + stime from /proc/<pid>/stat, in ms (Linux clock ticks are 1/100 s). */
function cpuTimeMs(pid: number | undefined): number {
  const stat = readProc(pid, 'stat');
  if (stat === undefined) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function readProc(pid: number | undefined, file: string): string | undefined {
  if (pid === undefined) return undefined;
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch (error) {
    // The child has exited between samples, or this system has no /proc: keep the last sample.
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
  peaksKb: number[];
  cpusMs: number[];
}

/**
 * Runs the built CLI `runs` times over `targets` (JSON out, never failing on findings), end to end from spawn
 * to exit. Throws when a run fails or, given `expectedFiles`, lints another number of files.
 */
export async function runCli(targets: readonly string[], runs: number, expectedFiles?: number): Promise<CliRuns> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);
  const out: CliRuns = { files: 0, findings: 0, wallsMs: [], peaksKb: [], cpusMs: [] };
  for (let i = 0; i < runs; i++) {
    const run = await runChild(process.execPath, [CLI, '--format', 'json', '--failure-threshold', 'none', ...targets], REPO);
    if (run.status !== 0) throw new Error(`CLI exited ${run.status}: ${run.stderr.split('\n').slice(0, 5).join('\n')}`);
    const { summary } = JSON.parse(run.stdout) as { summary: { files: number; findings: number } };
    if (expectedFiles !== undefined && summary.files !== expectedFiles) throw new Error(`CLI linted ${summary.files} files, expected ${expectedFiles}: ${run.stderr}`);
    out.files = summary.files;
    out.findings = summary.findings;
    out.wallsMs.push(run.wallMs);
    out.peaksKb.push(run.peakRssKb);
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
  console.log(`  peak RSS of the CLI process: ${(Math.max(...runs.peaksKb) / 1024).toFixed(1)} MB`);
}
