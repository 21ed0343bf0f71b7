// The YAML front ends' numbers (issue 3): files/s over the shared corpus in process and through the CLI end to end,
// and p50/p99 per lint of a generated 10,000-line multi-document manifest, with peak RSS.
// Targets on the 2-core machine: a 10,000-line manifest in < 150 ms in process, >= 500 corpus files/s through the CLI,
// and (issue 21) >= 10x yamllint over the same corpus, when yamllint is installed (`npm run setup:system`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileProbe } from '../rules/types';
import { corpusDir } from '../test/support/requirements';
import { bundledEngine, type Engine } from './bundled-engine';
import { generateManifest } from './generate-manifest';
import { median, percentile, printCliRuns, runChild, runCli } from './measure';

const CLI_RUNS = 5;
const CORPUS_PASSES = 3;
const MANIFEST_LINES = 10_000;
const WARMUP = 5;
const SAMPLES = 60;
/** yamllint takes tens of seconds over the corpus: fewer paired rounds than the CLI's own runs. */
const YAMLLINT_ROUNDS = 3;

const probe: FileProbe = { exists: existsSync, read: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/i.test(e.name) ? [full] : [];
  });
}

async function corpusInProcess(engine: Engine, dir: string): Promise<void> {
  const files = yamlFiles(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  const walls: number[] = [];
  const cpus: number[] = [];
  let findings = 0;
  for (let pass = 0; pass < CORPUS_PASSES; pass++) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    findings = 0;
    // A different text each pass, so the per-text parse cache never answers.
    for (const f of files) findings += engine.lint({ path: f.path, text: pass === 0 ? f.text : `${f.text}\n# pass ${pass}\n` }, { probe }).findings.length;
    walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  const mid = median(walls);
  const cpuMid = median(cpus);
  console.log(`In process, the corpus: ${files.length} YAML files, ${(bytes / 1e6).toFixed(1)} MB, ${findings} findings, ${CORPUS_PASSES} passes:`);
  console.log(`  median ${mid.toFixed(0)} ms = ${((files.length / mid) * 1000).toFixed(0)} files/s, ${(bytes / 1e3 / mid).toFixed(1)} MB/s`);
  console.log(`  CPU time ${cpuMid.toFixed(0)} ms = ${((files.length / cpuMid) * 1000).toFixed(0)} files per CPU-second (wall time is inflated when the machine is busy)`);
}

async function corpusThroughCli(dir: string): Promise<void> {
  const runs = await runCli([dir], CLI_RUNS);
  printCliRuns('CLI end to end over the corpus', runs, 500);
  // The files/s above count the files a front end linted; the CLI reads and parses every YAML file of the
  // corpus, infrastructure or not, so this is the rate over the whole corpus.
  const all = yamlFiles(dir).length;
  console.log(`  over all ${all} YAML files of the corpus: median ${((all / median(runs.wallsMs)) * 1000).toFixed(0)} files/s`);
  // With a warm --cache (one untimed run fills it): what a CI re-run over unchanged files waits for.
  const cacheDir = mkdtempSync(join(tmpdir(), 'driftless-bench-results-'));
  try {
    const cached = ['--cache', '--cache-location', join(cacheDir, 'results.json'), dir];
    await runCli(cached, 1);
    printCliRuns('CLI end to end over the corpus, --cache warm', await runCli(cached, CLI_RUNS), 500);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** Whether a `yamllint` is on the PATH: it is a Python tool, not a dependency of this package. */
function hasYamllint(): boolean {
  const probe = spawnSync('yamllint', ['--version'], { stdio: 'ignore' });
  if (probe.error && 'code' in probe.error && probe.error.code === 'ENOENT') return false;
  if (probe.error) throw probe.error;
  return probe.status === 0;
}

/**
 * yamllint and the CLI over the same corpus folder, in turn, so that the machine's load touches both alike.
 * yamllint reads every YAML file for syntax and style; Driftless reads every YAML file and lints those a front end
 * claims. yamllint exits 1 when it finds problems; a run that failed writes to stderr.
 */
async function againstYamllint(dir: string): Promise<void> {
  if (!hasYamllint()) {
    console.log('CLI against yamllint: yamllint is not installed (npm run setup:system installs it)');
    return;
  }
  const cli = join(__dirname, '..', 'dist', 'cli.js');
  const theirs: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < YAMLLINT_ROUNDS; round++) {
    const yamllint = await runChild('yamllint', ['--format', 'parsable', dir], dir);
    if ((yamllint.status !== 0 && yamllint.status !== 1) || yamllint.stderr !== '') throw new Error(`yamllint exited ${yamllint.status}: ${yamllint.stderr.slice(0, 500)}`);
    theirs.push(yamllint.wallMs);
    const driftless = await runChild(process.execPath, [cli, '--format', 'json', '--failure-threshold', 'none', dir], dir);
    if (driftless.status !== 0) throw new Error(`CLI exited ${driftless.status}: ${driftless.stderr.slice(0, 500)}`);
    ours.push(driftless.wallMs);
  }
  const all = yamlFiles(dir).length;
  console.log(`CLI against yamllint over all ${all} YAML files of the corpus, ${YAMLLINT_ROUNDS} runs each in turn:`);
  console.log(`  yamllint median ${median(theirs).toFixed(0)} ms; Driftless median ${median(ours).toFixed(0)} ms: ${(median(theirs) / median(ours)).toFixed(1)}x as fast (target >= 10x)`);
}

function manifestLatency(engine: Engine): void {
  const text = generateManifest(MANIFEST_LINES);
  const lines = text.split('\n').length - 1;
  const first = engine.lint({ path: '/bench/manifest.yaml', text }, { probe });
  if (first.kind !== 'kubernetes') throw new Error('the generated manifest was not linted as Kubernetes (is the front end registered?)');
  const lintOnce = (i: number): number => {
    const variant = `${text}# run ${i}\n`;
    const t0 = process.hrtime.bigint();
    engine.lint({ path: '/bench/manifest.yaml', text: variant }, { probe });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < WARMUP; i++) lintOnce(i);
  const cpu0 = process.cpuUsage();
  const times = Array.from({ length: SAMPLES }, (_, i) => lintOnce(WARMUP + i)).sort((a, b) => a - b);
  const cpu = process.cpuUsage(cpu0);
  console.log(`In process, one generated ${lines}-line manifest (${first.findings.length} findings), ${SAMPLES} lints after ${WARMUP} warm-up, parse cache defeated:`);
  console.log(`  p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms (target < 150 ms); CPU ${((cpu.user + cpu.system) / 1000 / SAMPLES).toFixed(1)} ms per lint`);
  console.log(`  peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
}

async function main(): Promise<void> {
  const engine = await bundledEngine();
  await engine.initEngine();
  manifestLatency(engine);
  const dir = corpusDir();
  if (!existsSync(join(dir, 'MANIFEST.md'))) {
    console.log(`corpus not found at ${dir} (set DRIFTLESS_CORPUS): corpus numbers skipped`);
    return;
  }
  await corpusInProcess(engine, dir);
  await corpusThroughCli(dir);
  await againstYamllint(dir);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
