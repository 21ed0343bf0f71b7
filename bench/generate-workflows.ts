// Writes a deterministic tree of realistic CI pipelines for the benchmarks: repositories with GitHub Actions
// workflows (matrices, containers and services, docker:// steps, reusable-workflow calls, bash and PowerShell
// steps with block scalars and expressions), a composite action each, and a .gitlab-ci.yml.
// Usage: node --import tsx bench/generate-workflows.ts [repos] [outDir]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chance, pick, seededRandom, type Random } from './generate-dockerfiles';
import { GENERATED_SHELL_COMMANDS } from './shell-commands';

export const DEFAULT_REPOS = 250;
export const DEFAULT_OUT = join(__dirname, 'out', 'workflows');
const WORKFLOWS_PER_REPO = 3;
const SEED = 0xc1_f10;

const between = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

const ACTIONS = [
  'actions/checkout@v4',
  'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  'actions/setup-node@v4',
  'actions/setup-python@v5',
  'actions/cache@v4',
  'docker/setup-buildx-action@master',
  'docker/build-push-action@v6',
  'docker://aquasec/trivy:0.58.1',
  './.github/actions/setup',
];
const RUNNERS = ['ubuntu-latest', 'ubuntu-24.04', '[self-hosted, linux, x64]', 'macos-latest', '${{ matrix.os }}', 'windows-latest'];
const IMAGES = ['node:22', 'postgres:16', 'redis', 'ghcr.io/acme/build:1.4.0', 'alpine@sha256:' + '0a'.repeat(32)];

function runStep(rand: Random): string {
  const chain = Array.from({ length: between(rand, 1, 4) }, () => pick(rand, GENERATED_SHELL_COMMANDS));
  if (chance(rand, 0.1)) return `      - name: Windows step\n        shell: pwsh\n        run: Write-Host "${pick(rand, GENERATED_SHELL_COMMANDS).replaceAll('"', "'")}"\n`;
  if (chance(rand, 0.5)) return `      - name: Script\n        run: |\n${chain.map((c) => `          ${c}`).join('\n')}\n          echo "\${{ github.sha }}"\n`;
  return `      - run: npm ci && npm test -- --shard=\${{ matrix.shard }}\n`;
}

function job(rand: Random, name: string): string {
  const lines = [`  ${name}:`, `    runs-on: ${pick(rand, RUNNERS)}`];
  if (chance(rand, 0.3)) lines.push(`    container:`, `      image: ${pick(rand, IMAGES)}`);
  if (chance(rand, 0.3)) lines.push(`    services:`, `      db:`, `        image: ${pick(rand, IMAGES)}`, `        ports: ['5432:5432']`);
  lines.push('    strategy:', '      matrix:', '        os: [ubuntu-latest, macos-latest]', '        shard: [1, 2, 3]', '    steps:');
  const steps = Array.from({ length: between(rand, 3, 8) }, () => (chance(rand, 0.5) ? `      - uses: ${pick(rand, ACTIONS)}\n` : runStep(rand)));
  return `${lines.join('\n')}\n${steps.join('')}`;
}

function workflow(rand: Random, index: number): string {
  const jobs = Array.from({ length: between(rand, 1, 4) }, (_, j) => job(rand, `job${j}`));
  if (chance(rand, 0.3)) jobs.push(`  deploy:\n    needs: job0\n    uses: acme/platform/.github/workflows/deploy.yml@${pick(rand, ['main', 'v2', '0123456789abcdef0123456789abcdef01234567'])}\n    secrets: inherit\n`);
  return `name: Workflow ${index}\n\non:\n  push:\n    branches: [main]\n  pull_request:\n\npermissions:\n  contents: read\n\njobs:\n${jobs.join('\n')}`;
}

const COMPOSITE = `name: Set up
description: Shared setup
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
    - shell: bash
      run: |
        sudo apt-get update
        sudo apt-get install -y jq
`;

function gitlabPipeline(rand: Random): string {
  const jobs = Array.from({ length: between(rand, 2, 6) }, (_, j) =>
    [
      `job${j}:`,
      `  stage: ${pick(rand, ['build', 'test', 'deploy'])}`,
      `  image: ${pick(rand, IMAGES)}`,
      ...(chance(rand, 0.4) ? ['  services:', `    - name: ${pick(rand, IMAGES)}`, '      alias: svc'] : []),
      '  script:',
      ...Array.from({ length: between(rand, 1, 4) }, () => `    - ${JSON.stringify(pick(rand, GENERATED_SHELL_COMMANDS))}`),
      '',
    ].join('\n'),
  );
  return `stages: [build, test, deploy]\n\nimage: ruby:3.3\n\ndefault:\n  before_script:\n    - apt-get update -qq\n\n${jobs.join('\n')}`;
}

/** Writes `repos` repositories; returns the folder and the number of files a CLI run lints there. */
export function generateWorkflows(repos = DEFAULT_REPOS, out = DEFAULT_OUT): { dir: string; files: number } {
  const rand = seededRandom(SEED);
  rmSync(out, { recursive: true, force: true });
  let files = 0;
  for (let r = 0; r < repos; r++) {
    const repo = join(out, `repo${r}`);
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(repo, '.github', 'actions', 'setup'), { recursive: true });
    for (let w = 0; w < WORKFLOWS_PER_REPO; w++) writeFileSync(join(repo, '.github', 'workflows', `ci${w}.yml`), workflow(rand, w));
    writeFileSync(join(repo, '.github', 'actions', 'setup', 'action.yml'), COMPOSITE);
    writeFileSync(join(repo, '.gitlab-ci.yml'), gitlabPipeline(rand));
    files += WORKFLOWS_PER_REPO + 2;
  }
  return { dir: out, files };
}

if (require.main === module) {
  const [repos, out] = process.argv.slice(2);
  const result = generateWorkflows(repos ? Number(repos) : DEFAULT_REPOS, out ?? DEFAULT_OUT);
  console.log(`${result.files} pipeline files in ${result.dir}`);
}
