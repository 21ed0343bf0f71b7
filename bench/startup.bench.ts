// Start-up (issue 21): the CLI against `node -e 0` on an empty folder and on one 20-line Dockerfile (best of 7,
// the commands run in turn), the CLI against dockerfilelint on the same 161 Dockerfiles (a cold process each),
// and the language server from spawn to `initialize` answered and to the first diagnostics of a 300-line
// Dockerfile. Targets on 2 cores: within 1.4x and 1.8x of Node, >= 3x dockerfilelint, < 150 ms and < 300 ms.
// The parsers alone (bench/dockerfile-parse-floor.ts) are timed beside them: the floor of a cold run.
// The CLI with `--cache` is timed beside it, warm (the untimed first run fills the cache): what a pre-commit hook or a
// CI re-run over unchanged files waits for.
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from '../test/lsp/client';
import { generateCorpus, generateLongDockerfile } from './generate-dockerfiles';
import { median, runChild, type ChildRun } from './measure';

const ROUNDS = 7;
const CLI = join(__dirname, '..', 'dist', 'cli.js');
/** The size of the real-Dockerfile set the issue measured dockerfilelint on; these are generated (see generate-dockerfiles.ts). */
const DOCKERFILE_SET = 161;

const TWENTY_LINE_DOCKERFILE = `FROM node:20-alpine AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build
FROM nginx:1.25
RUN apt-get update && apt-get install -y curl
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 80
ENV NODE_ENV=production
LABEL maintainer="ops@example.com"
ARG VERSION=1
RUN echo "$VERSION" > /version
USER nginx
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
VOLUME /data
ENTRYPOINT ["nginx"]
CMD ["-g", "daemon off;"]
STOPSIGNAL SIGQUIT
`;

interface Command {
  label: string;
  args: string[];
  /** Whether a run finished its work; by default, exit 0 or 1 (findings). */
  finished?: (run: ChildRun) => boolean;
}

interface Timings {
  walls: number[];
  cpus: number[];
}

/**
 * Runs the commands in turn, `ROUNDS` times, so that a change in the machine's load touches them alike, after one
 * untimed run each (which writes the V8 code cache a user's second run starts from).
 */
async function inTurn(commands: readonly Command[], cwd: string): Promise<Map<string, Timings>> {
  const timings = new Map(commands.map((c) => [c.label, { walls: [] as number[], cpus: [] as number[] }]));
  for (const command of commands) check(command, await runChild(process.execPath, command.args, cwd));
  for (let round = 0; round < ROUNDS; round++) {
    for (const command of commands) {
      const run = await runChild(process.execPath, command.args, cwd);
      check(command, run);
      const t = timings.get(command.label)!;
      t.walls.push(run.wallMs);
      t.cpus.push(run.cpuMs);
    }
  }
  return timings;
}

function check(command: Command, run: ChildRun): void {
  const finished = command.finished ?? ((r) => r.status === 0 || r.status === 1);
  if (finished(run)) return;
  throw new Error(`${command.label} exited ${run.status}: ${run.stderr.split('\n').slice(0, 5).join('\n')}`);
}

function line(label: string, t: Timings, base?: Timings, target?: number): string {
  const best = Math.min(...t.walls);
  const ratio = base ? ` = ${(best / Math.min(...base.walls)).toFixed(2)}x${target ? ` (target <= ${target}x)` : ''}` : '';
  const cpuRatio = base ? ` = ${(median(t.cpus) / median(base.cpus)).toFixed(2)}x` : '';
  return `  ${label.padEnd(24)} best ${best.toFixed(0).padStart(5)} ms${ratio}; median ${median(t.walls).toFixed(0).padStart(5)} ms; CPU median ${median(t.cpus).toFixed(0).padStart(4)} ms${cpuRatio}`;
}

async function cliStart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-bench-start-'));
  try {
    const empty = join(dir, 'empty');
    const one = join(dir, 'one');
    mkdirSync(empty);
    mkdirSync(one);
    writeFileSync(join(one, 'Dockerfile'), TWENTY_LINE_DOCKERFILE);
    const t = await inTurn(
      [
        { label: 'node -e 0', args: ['-e', '0'] },
        { label: 'CLI, empty folder', args: [CLI, empty] },
        { label: 'CLI, 20-line Dockerfile', args: [CLI, one] },
        { label: 'CLI --cache, warm', args: [CLI, '--cache', one] },
      ],
      dir,
    );
    const node = t.get('node -e 0')!;
    console.log(`CLI start against Node's, best of ${ROUNDS} in turn (CPU time is user + system of the child):`);
    console.log(line('node -e 0', node));
    console.log(line('CLI, empty folder', t.get('CLI, empty folder')!, node, 1.4));
    console.log(line('CLI, 20-line Dockerfile', t.get('CLI, 20-line Dockerfile')!, node, 1.8));
    console.log(line('CLI --cache, warm', t.get('CLI --cache, warm')!, node, 1.8));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** dockerfilelint's CLI, when the devDependency is installed. */
function dockerfilelintBin(): string | undefined {
  try {
    return join(require.resolve('dockerfilelint/package.json'), '..', 'bin', 'dockerfilelint');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

async function againstDockerfilelint(): Promise<void> {
  const bin = dockerfilelintBin();
  if (!bin) {
    console.log('Dockerfiles against dockerfilelint: dockerfilelint is not installed (npm install, it is a devDependency)');
    return;
  }
  const dir = generateCorpus(DOCKERFILE_SET, join(__dirname, 'out', `dockerfiles-${DOCKERFILE_SET}`));
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /(docker|container)file/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  if (files.length !== DOCKERFILE_SET) throw new Error(`${dir} holds ${files.length} Dockerfiles, expected ${DOCKERFILE_SET}`);
  const floor = join(__dirname, 'out', 'dockerfile-parse-floor.js');
  buildSync({ entryPoints: [join(__dirname, 'dockerfile-parse-floor.ts')], bundle: true, platform: 'node', outfile: floor, logLevel: 'warning' });
  const t = await inTurn(
    [
      // dockerfilelint exits with the number of issues it found; a failure is an exit with something on stderr.
      { label: 'dockerfilelint', args: [bin, ...files], finished: (r) => r.status !== null && r.stderr === '' && r.stdout !== '' },
      { label: 'the parsers alone', args: [floor, ...files], finished: (r) => r.status === 0 },
      { label: 'Driftless CLI', args: [CLI, '--failure-threshold', 'none', ...files] },
      { label: 'Driftless CLI --cache', args: [CLI, '--cache', '--failure-threshold', 'none', ...files] },
    ],
    dir,
  );
  const theirs = t.get('dockerfilelint')!;
  console.log(`${files.length} generated Dockerfiles, one cold process per run, best of ${ROUNDS} in turn:`);
  console.log(line('dockerfilelint', theirs));
  const parsers = t.get('the parsers alone')!;
  console.log(line('the parsers alone', parsers));
  console.log(`  (Node, the reads, dockerfile-ast and unbash: the floor of a cold run, ${(Math.min(...theirs.walls) / Math.min(...parsers.walls)).toFixed(2)}x as fast as dockerfilelint)`);
  for (const label of ['Driftless CLI', 'Driftless CLI --cache']) {
    const ours = t.get(label)!;
    console.log(line(label, ours));
    console.log(`  ${label} is ${(Math.min(...theirs.walls) / Math.min(...ours.walls)).toFixed(2)}x as fast (best wall; target >= 3x), ${(median(theirs.cpus) / median(ours.cpus)).toFixed(2)}x by CPU time`);
  }
}

/**
 * What activation costs: the extension's activate() starts dist/server.js, so what the user waits for is the
 * server's time from spawn to `initialize` answered and to the first diagnostics.
 */
async function serverStart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-bench-start-'));
  const text = generateLongDockerfile(300);
  const initialized: number[] = [];
  const firstDiagnostics: number[] = [];
  try {
    for (let run = 0; run < ROUNDS; run++) {
      const started = process.hrtime.bigint();
      const client = await TestClient.spawn({ root: dir, initializationOptions: { debounceMs: 0 } });
      initialized.push(Number(process.hrtime.bigint() - started) / 1e6);
      try {
        await client.open(join(dir, 'Dockerfile'), text, 'dockerfile');
        firstDiagnostics.push(Number(process.hrtime.bigint() - started) / 1e6);
      } finally {
        await client.dispose();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Language server (dist/server.js), ${ROUNDS} starts, from spawn:`);
  console.log(`  initialize answered: median ${median(initialized).toFixed(0)} ms, best ${Math.min(...initialized).toFixed(0)} ms (target < 150 ms)`);
  console.log(`  first diagnostics of a 300-line Dockerfile: median ${median(firstDiagnostics).toFixed(0)} ms, best ${Math.min(...firstDiagnostics).toFixed(0)} ms (target < 300 ms)`);
}

async function main(): Promise<void> {
  // The children's V8 code caches go in a folder of the bench's own: in ~/.cache/driftless, a run of another
  // build (another checkout on the same machine) replaces this build's cache, and the next start compiles anew.
  const cacheHome = mkdtempSync(join(tmpdir(), 'driftless-bench-cache-'));
  process.env.XDG_CACHE_HOME = cacheHome;
  try {
    await cliStart();
    await againstDockerfilelint();
    await serverStart();
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
