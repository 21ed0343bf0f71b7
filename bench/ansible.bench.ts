// The Ansible front end's numbers (issue 4): files/s through the CLI end to end (process start included)
// over a generated tree of roles and playbooks, and over the corpus's Ansible folders when present;
// p50/p99 in-process lint time of one large playbook. Target on the 2-core machine: >= 500 files/s.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { corpusDir } from '../test/support/requirements';
import { bundledEngine, type Engine } from './bundled-engine';
import { DEFAULT_ROLES, generateAnsible } from './generate-ansible';
import { freshTextLatency, printCliRuns, runCli } from './measure';

const CLI_RUNS = 5;
const WARMUP = 100;
const SAMPLES = 1000;

async function cliThroughput(label: string, targets: string[], expectedFiles?: number): Promise<void> {
  printCliRuns(`CLI end to end, ${label}`, await runCli(targets, CLI_RUNS, expectedFiles), 500);
}

/** The corpus folders MANIFEST.md lists with Ansible YAML in them. */
function corpusAnsibleFolders(corpus: string): string[] {
  const manifest = readFileSync(join(corpus, 'MANIFEST.md'), 'utf8');
  const folders: string[] = [];
  for (const line of manifest.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const folder = /^([\w.-]+)\/$/.exec(cells[1] ?? '');
    if (folder && Number(cells[7]) > 0) folders.push(join(corpus, folder[1]));
  }
  return folders;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name));
}

/** Lint throughput of the engine alone (texts read up front), by wall and by CPU time: CPU time holds on a busy machine. */
async function inProcessThroughput(engine: Engine, dir: string): Promise<void> {
  const files = filesUnder(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  let linted = 0;
  const wall0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (const file of files) if (engine.lint(file).kind === 'ansible') linted++;
  const cpu = process.cpuUsage(cpu0);
  const wallMs = Number(process.hrtime.bigint() - wall0) / 1e6;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`In process, ${files.length} files read up front (${linted} Ansible), one pass:`);
  console.log(`  ${wallMs.toFixed(0)} ms wall = ${((files.length / wallMs) * 1000).toFixed(0)} files/s; ${cpuMs.toFixed(0)} ms CPU = ${((files.length / cpuMs) * 1000).toFixed(0)} files per CPU-second`);
}

async function singleFileLatency(engine: Engine, playbook: string): Promise<void> {
  const text = readFileSync(playbook, 'utf8');
  const file = { path: playbook, text };
  const first = engine.lint(file);
  if (first.kind !== 'ansible') throw new Error(`${playbook} was not linted as Ansible (is the front end registered?)`);
  const latency = freshTextLatency((t) => engine.lint({ path: playbook, text: t }), text, WARMUP, SAMPLES);
  console.log(`In process, one ${text.split('\n').length}-line playbook (${first.findings.length} findings), ${SAMPLES} lints of fresh text:`);
  console.log(latency);
}

async function main(): Promise<void> {
  const generated = generateAnsible(DEFAULT_ROLES);
  await cliThroughput(`generated roles and playbooks in ${generated.dir}`, [generated.dir], generated.files);
  const corpus = corpusDir();
  if (existsSync(join(corpus, 'MANIFEST.md'))) await cliThroughput('the corpus Ansible folders (vars files included)', corpusAnsibleFolders(corpus));
  else console.log(`corpus not found at ${corpus}: set DRIFTLESS_CORPUS to measure it too`);
  const engine = await bundledEngine();
  await engine.initEngine();
  await inProcessThroughput(engine, generated.dir);
  await singleFileLatency(engine, join(generated.dir, `site${DEFAULT_ROLES - 1}.yml`));
  console.log(`  load average while measuring: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
