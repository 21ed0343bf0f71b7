// Writes a deterministic corpus of realistic Dockerfiles for the benchmarks: multi-stage builds, apt/apk/yum,
// pip/npm/gem/go installs, curl | sh, ARG-substituted bases, heredocs, digests, suppression comments.
// Usage: node --import tsx bench/generate-dockerfiles.ts [count] [outDir]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_COUNT = 5000;
export const DEFAULT_OUT = join(__dirname, 'out', 'dockerfiles');
const SEED = 0x5eed_d0c;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
export const chance = (rand: Random, p: number): boolean => rand() < p;
/** Between min and max distinct items, in a random order. */
const some = <T>(rand: Random, items: readonly T[], min: number, max: number): T[] => {
  const pool = [...items];
  const n = Math.min(pool.length, min + Math.floor(rand() * (max - min + 1)));
  return Array.from({ length: n }, () => pool.splice(Math.floor(rand() * pool.length), 1)[0]);
};

const DIGEST = 'sha256:4b1e9f1c5ad2e8a7d62f1b6d8a5f0c2b9e7d3a1f6c8b0e2d4a6f8c0b2d4e6f80';
const DEBIAN_BASES = ['ubuntu', 'ubuntu:22.04', 'ubuntu:24.04', 'debian:bookworm-slim', 'debian:12', 'buildpack-deps:bookworm', `debian:bookworm@${DIGEST}`];
const ALPINE_BASES = ['alpine', 'alpine:3.20', 'alpine:latest', `alpine:3.19@${DIGEST}`];
const LANG_BASES = ['python:3.12-slim', 'node:20-bookworm', 'node:lts', 'golang:1.22', 'ruby:3.3', 'eclipse-temurin:21-jre', 'ghcr.io/acme/base:1.4.2', 'registry.example.com:5000/team/builder:2024.06'];
const APT = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'python3-pip', 'unzip', 'jq', 'gnupg', 'openssh-client', 'tzdata', 'locales', 'libssl-dev=3.0.11-1~deb12u2', 'nginx=1.22.1-9'];
const APK = ['curl', 'bash', 'git', 'ca-certificates', 'openssl', 'tini', 'su-exec', 'python3=3.12.3-r1', 'make', 'gcc', 'musl-dev'];
const PIP = ['flask', 'requests==2.32.3', 'gunicorn', 'psycopg2-binary==2.9.9', 'boto3', 'uvicorn[standard]', 'django>=4.2', 'numpy==1.26.4'];
const NPM = ['pm2', 'typescript@5.4.5', 'yarn', 'pnpm@9.1.0', 'serve', 'nodemon'];
const URLS = ['https://get.docker.com', 'https://sh.rustup.rs', 'https://deb.nodesource.com/setup_20.x', 'https://install.python-poetry.org', 'https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh'];

function aptBlock(rand: Random): string[] {
  const lines = ['RUN apt-get update \\'];
  if (chance(rand, 0.3)) lines.push('    && apt-get upgrade -y \\');
  const flags = chance(rand, 0.1) ? ' --allow-unauthenticated' : '';
  lines.push(`    && apt-get install -y --no-install-recommends${flags} \\`);
  for (const p of some(rand, APT, 2, 7)) lines.push(`        ${p} \\`);
  lines.push('    && rm -rf /var/lib/apt/lists/*');
  return lines;
}

function apkBlock(rand: Random): string[] {
  const upgrade = chance(rand, 0.25) ? 'apk upgrade --no-cache && ' : '';
  return [`RUN ${upgrade}apk add --no-cache ${some(rand, APK, 2, 6).join(' ')}`];
}

function languageBlock(rand: Random): string[] {
  switch (pick(rand, ['pip', 'npm', 'gem', 'go'] as const)) {
    case 'pip':
      return chance(rand, 0.4)
        ? ['COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt']
        : [`RUN pip install --no-cache-dir ${some(rand, PIP, 1, 4).join(' ')}${chance(rand, 0.1) ? ' --trusted-host pypi.internal' : ''}`];
    case 'npm':
      return ['COPY package*.json ./', 'RUN npm ci --omit=dev', ...(chance(rand, 0.5) ? [`RUN npm install -g ${some(rand, NPM, 1, 2).join(' ')}`] : [])];
    case 'gem':
      return [`RUN gem install bundler${chance(rand, 0.5) ? ' -v 2.5.9' : ''} && bundle install --jobs 4`];
    case 'go':
      return ['COPY go.mod go.sum ./', 'RUN go mod download', `RUN go install ${pick(rand, ['golang.org/x/tools/gopls@latest', 'github.com/go-delve/delve/cmd/dlv@v1.22.1'])}`];
  }
}

function downloadBlock(rand: Random): string[] {
  switch (pick(rand, ['pipe', 'add', 'verified', 'heredoc', 'git'] as const)) {
    case 'pipe':
      return [`RUN curl ${chance(rand, 0.2) ? '-k ' : ''}-fsSL ${pick(rand, URLS)} | ${pick(rand, ['sh', 'bash', 'sh -s -- -y'])}`];
    case 'add':
      return [`ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini`, 'RUN chmod +x /tini'];
    case 'verified':
      return [
        `ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini`,
      ];
    case 'heredoc':
      return [
        'RUN <<EOF',
        'set -eux',
        `wget ${chance(rand, 0.2) ? '--no-check-certificate ' : ''}-qO /tmp/tool.tgz https://example.com/tool-1.2.3.tgz`,
        'tar -xzf /tmp/tool.tgz -C /usr/local/bin',
        'rm /tmp/tool.tgz',
        'EOF',
      ];
    case 'git':
      return [`ADD ${pick(rand, ['https://github.com/acme/config.git#main', 'https://github.com/acme/config.git#v1.4.0'])} /etc/acme`];
  }
}

function stage(rand: Random, name: string | undefined, argBase: boolean): string[] {
  const family = pick(rand, ['debian', 'alpine', 'lang'] as const);
  const base = pick(rand, family === 'debian' ? DEBIAN_BASES : family === 'alpine' ? ALPINE_BASES : LANG_BASES);
  const lines: string[] = [];
  let from = base;
  if (argBase) {
    const [image, tag] = base.split(/:(?=[^/]*$)/);
    lines.push(`ARG BASE_TAG=${tag ?? 'latest'}`);
    from = `${image}:\${BASE_TAG}`;
  }
  const platform = chance(rand, 0.15) ? '--platform=$BUILDPLATFORM ' : '';
  lines.push(`FROM ${platform}${from}${name ? ` AS ${name}` : ''}`);
  if (chance(rand, 0.5)) lines.push(`LABEL org.opencontainers.image.source="https://github.com/acme/app-${Math.floor(rand() * 1000)}"`);
  lines.push(`WORKDIR /${pick(rand, ['app', 'src', 'srv/app', 'opt/service'])}`);
  if (chance(rand, 0.3)) lines.push('# hadolint ignore=DL3008');
  if (family === 'alpine') lines.push(...apkBlock(rand));
  else if (family === 'debian' || chance(rand, 0.5)) lines.push(...aptBlock(rand));
  if (chance(rand, 0.7)) lines.push(...languageBlock(rand));
  if (chance(rand, 0.5)) lines.push(...downloadBlock(rand));
  lines.push('COPY . .');
  if (chance(rand, 0.4)) lines.push(`RUN ${pick(rand, ['make build', 'npm run build', 'go build -o /out/app ./cmd/app', 'python -m compileall .'])}`);
  return lines;
}

/** One realistic Dockerfile: one to three stages (or `stages`), each later one copying from the one before. */
export function generateDockerfile(rand: Random, stages = 1 + Math.floor(rand() * 3)): string {
  const lines: string[] = [];
  if (chance(rand, 0.2)) lines.push('# syntax=docker/dockerfile:1.7');
  for (let i = 0; i < stages; i++) {
    const last = i === stages - 1;
    lines.push(...stage(rand, last ? undefined : `stage${i}`, chance(rand, 0.2)));
    if (i > 0) lines.push(`COPY --from=stage${i - 1} /out /usr/local/bin`);
    lines.push('');
  }
  lines.push(`EXPOSE ${pick(rand, ['80', '8080', '3000', '5000'])}`);
  if (chance(rand, 0.5)) lines.push('USER 10001');
  lines.push(`CMD ["${pick(rand, ['/usr/local/bin/app', 'python', 'node', 'nginx'])}"${chance(rand, 0.5) ? ', "server.js"' : ''}]`);
  return `${lines.join('\n')}\n`;
}

/** A many-stage Dockerfile of about `lines` lines (the first stage count that reaches it), for the per-file latency bench. */
export function generateLongDockerfile(lines: number, seed = SEED): string {
  for (let stages = 1; ; stages++) {
    const text = generateDockerfile(seededRandom(seed), stages);
    if (text.split('\n').length > lines) return text;
  }
}

/**
 * Writes `count` Dockerfiles into `outDir`, or reuses what is there when a stamp says it was made by this
 * generator with the same seed and count. Built in a temporary folder and renamed into place, so a
 * benchmark running at the same time never sees a half-written corpus.
 */
export function generateCorpus(count = DEFAULT_COUNT, outDir = DEFAULT_OUT): string {
  const stamp = `${SEED}:${count}:${createHash('sha256').update(readFileSync(__filename)).digest('hex')}`;
  if (readStamp(outDir) === stamp) return outDir;
  const building = `${outDir}.tmp-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const rand = seededRandom(SEED);
  for (let i = 0; i < count; i++) {
    const dir = join(building, `service-${String(Math.floor(i / 50)).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    const n = String(i).padStart(4, '0');
    const name = pick(rand, [`Dockerfile.${n}`, `Dockerfile.${n}`, `Containerfile.${n}`, `Dockerfile.prod-${n}`, `api-${n}.Dockerfile`]);
    writeFileSync(join(dir, name), generateDockerfile(rand));
  }
  writeFileSync(join(building, STAMP_FILE), stamp);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(building, outDir);
  return outDir;
}

const STAMP_FILE = '.generated';

function readStamp(outDir: string): string | undefined {
  try {
    return readFileSync(join(outDir, STAMP_FILE), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? DEFAULT_COUNT);
  const out = generateCorpus(count, process.argv[3] ?? DEFAULT_OUT);
  console.log(`${count} Dockerfiles in ${out}`);
}
