// Commit resolution's numbers (issue 17): the 100 action references of one generated workflow (25 repositories,
// four refs each: a branch, an annotated tag, a lightweight major tag, a missing ref) resolved against git's own
// `git http-backend` on loopback, one `ls-refs` per repository, repositories looked up 8 at a time: cold (a fresh
// client) and warm (its cache). The workflow's refs come from the engine's facts, as a pin would read them.
import { availableParallelism, loadavg } from 'node:os';
import { initEngine, lint } from '../rules/engine';
import { GitClient } from '../server/git/client';
import { mapBounded } from '../server/registry/limiter';
import { bareRepository, findGitHttpBackend, git, repositoryRoot, startGitServer } from '../test/support/git-http';
import { median } from './measure';

const REPOSITORIES = 25;
const REFS = ['main', 'v1.2.3', 'v1', 'v9'];
const RUNS = 5;
const IN_FLIGHT = 8;

function seed(root: string): void {
  for (let r = 0; r < REPOSITORIES; r++) {
    const repository = bareRepository(root, `acme/action-${r}`);
    const release = repository.commit('release');
    git(repository.gitDir, ['update-ref', 'refs/heads/main', repository.commit('work')]);
    git(repository.gitDir, ['tag', '-a', 'v1.2.3', '-m', 'release', release]);
    git(repository.gitDir, ['update-ref', 'refs/tags/v1', release]);
  }
}

function workflow(): string {
  const steps = Array.from({ length: REPOSITORIES }, (_, r) => REFS.map((ref) => `      - uses: acme/action-${r}@${ref}\n`).join('')).join('');
  return `on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n${steps}`;
}

async function resolveAll(client: GitClient, origin: string, byRepository: Map<string, string[]>): Promise<number> {
  const answers = await mapBounded([...byRepository], IN_FLIGHT, ([repository, refs]) => client.resolve(`${origin}/${repository}`, refs));
  return answers.reduce((n, results) => n + [...results.values()].filter((r) => r.ok).length, 0);
}

async function main(): Promise<void> {
  const backend = findGitHttpBackend();
  if (!backend) throw new Error('git http-backend not found: install git');
  await initEngine(['github-actions']);
  const refs = lint({ path: '.github/workflows/pin.yml', text: workflow() }).facts?.actionRefs ?? [];
  const byRepository = new Map<string, string[]>();
  for (const ref of refs) byRepository.set(ref.action, [...(byRepository.get(ref.action) ?? []), ref.ref]);
  const { root, remove } = repositoryRoot();
  seed(root);
  const server = await startGitServer(backend, root);
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    let resolved = 0;
    for (let run = 0; run < RUNS; run++) {
      const client = new GitClient();
      const requestsBefore = server.seen.length;
      let t0 = process.hrtime.bigint();
      resolved = await resolveAll(client, server.origin, byRepository);
      cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const requests = server.seen.length - requestsBefore;
      if (requests !== 2 * REPOSITORIES) throw new Error(`${requests} requests for ${REPOSITORIES} repositories: expected one info/refs and one ls-refs each`);
      t0 = process.hrtime.bigint();
      await resolveAll(client, server.origin, byRepository);
      warm.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log(`${refs.length} action references in one workflow, ${REPOSITORIES} repositories, ${IN_FLIGHT} in flight, ${RUNS} runs (${resolved} resolved, ${refs.length - resolved} missing refs):`);
    console.log(`  cold (fresh client, 2 requests per repository): median ${median(cold).toFixed(0)} ms, best ${Math.min(...cold).toFixed(0)} ms`);
    console.log(`  warm (the client's cache): median ${median(warm).toFixed(2)} ms`);
    console.log(`  load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  } finally {
    await server.stop();
    remove();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
