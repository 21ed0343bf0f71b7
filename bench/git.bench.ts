// Commit pinning's numbers (issue 17): the 100 action references of one generated workflow (25 repositories,
// four refs each: a branch, an annotated tag, a lightweight major tag, a missing ref) pinned against git's own
// `git http-backend` on loopback through the pin pipeline `--pin` runs (the engine's commit fixes, one `ls-refs`
// per repository, 8 lookups in flight): cold (a fresh client) and warm (its cache).
import { availableParallelism, loadavg } from 'node:os';
import { initEngine, lint } from '../rules/engine';
import type { CommitFix } from '../rules/types';
import { GitClient } from '../server/git/client';
import { commitFixResolver } from '../server/pinning/commit';
import { pinFixes } from '../server/pinning/pin-fixes';
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

/** Pins the workflow's fixes; the number of references pinned (grouped: one per distinct action@ref). */
async function pinAll(client: GitClient, origin: string, text: string, fixes: CommitFix[]): Promise<number> {
  const result = await pinFixes(text, fixes, { commit: commitFixResolver(client, { githubUrl: origin }) }, { concurrency: IN_FLIGHT });
  return result.outcomes.filter((o) => o.ok).length;
}

async function main(): Promise<void> {
  const backend = findGitHttpBackend();
  if (!backend) throw new Error('git http-backend not found: install git');
  await initEngine(['github-actions']);
  const text = workflow();
  const fixes = lint({ path: '.github/workflows/pin.yml', text }).findings.flatMap((f) => f.fixes.filter((x): x is CommitFix => x.kind === 'commit'));
  if (fixes.length !== REPOSITORIES * REFS.length) throw new Error(`${fixes.length} commit fixes, expected ${REPOSITORIES * REFS.length}`);
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
      resolved = await pinAll(client, server.origin, text, fixes);
      cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const requests = server.seen.length - requestsBefore;
      if (requests !== 2 * REPOSITORIES) throw new Error(`${requests} requests for ${REPOSITORIES} repositories: expected one info/refs and one ls-refs each`);
      t0 = process.hrtime.bigint();
      await pinAll(client, server.origin, text, fixes);
      warm.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log(`${fixes.length} action references pinned in one workflow, ${REPOSITORIES} repositories, ${IN_FLIGHT} in flight, ${RUNS} runs (${resolved} pinned, ${fixes.length - resolved} missing refs):`);
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
