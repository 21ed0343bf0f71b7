// Digest pinning's numbers (issue 6): pinning 100 distinct images in one Dockerfile against a local
// Distribution registry (Debian's docker-registry), cold (a fresh resolver, no cache) and warm (the
// process cache), in process and through the CLI (`--pin`, process start included); then the same over
// Bearer auth (a token per repository). Lookups are bounded to 4 in flight per registry.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initEngine, lint } from '../rules/engine';
import type { DigestFix } from '../rules/types';
import { createResolver, MemoryCache, type ResolverOptions } from '../server/registry';
import { pinText } from '../server/registry/pin';
import { findRegistryBinary, multiPlatformImage, removeStorage, seededStorage, singleImage, startRegistry, type TestImage } from '../test/support/registry';
import { makeCertificates, OPENSSL_BINARY, startTokenServer } from '../test/support/registry-auth';
import { median, runChild } from './measure';

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const IMAGES = 100;
const RUNS = 5;

function benchImages(): TestImage[] {
  return Array.from({ length: IMAGES }, (_, i) => {
    const name = `bench/img-${String(i).padStart(3, '0')}`;
    return i % 4 === 0 ? multiPlatformImage(name, '1.0', 'oci', ['linux/amd64', 'linux/arm64']) : singleImage(name, '1.0', i % 2 ? 'docker' : 'oci');
  });
}

function dockerfile(host: string, images: readonly TestImage[]): string {
  return images.map((image, i) => `FROM ${host}/${image.repository}:${image.tag} AS stage${i}\nRUN true\n`).join('');
}

function digestFixes(text: string): DigestFix[] {
  return lint({ path: 'Dockerfile', text }, {}).findings.flatMap((f) => f.fixes.filter((x): x is DigestFix => x.kind === 'digest'));
}

async function pinRuns(label: string, text: string, options: ResolverOptions, images: readonly TestImage[]): Promise<void> {
  const fixes = digestFixes(text);
  if (new Set(fixes.map((f) => f.image)).size !== IMAGES) throw new Error(`expected ${IMAGES} images to pin, the engine offered ${fixes.length} fixes`);
  const cold: number[] = [];
  let pinned = '';
  for (let run = 0; run < RUNS; run++) {
    const resolver = createResolver({ ...options, cache: false });
    const started = performance.now();
    const result = await pinText(text, fixes, resolver);
    cold.push(performance.now() - started);
    const failed = result.outcomes.filter((o) => !o.ok);
    if (failed.length > 0) throw new Error(`${failed.length} images not pinned: ${failed[0].ok ? '' : failed[0].message}`);
    pinned = result.text;
  }
  for (const image of images) {
    if (!pinned.includes(`/${image.repository}:${image.tag}@${image.manifest.digest} `)) throw new Error(`${image.repository} pinned to the wrong digest`);
  }
  const cache = new MemoryCache();
  const warmResolver = createResolver({ ...options, cache });
  await pinText(text, fixes, warmResolver);
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await pinText(text, fixes, warmResolver);
    warm.push(performance.now() - started);
  }
  const mid = median(cold);
  console.log(`${label}: ${IMAGES} distinct images, ${RUNS} runs each`);
  console.log(`  cold (no cache): median ${mid.toFixed(0)} ms total = ${(mid / IMAGES).toFixed(2)} ms/image; best ${Math.min(...cold).toFixed(0)} ms, worst ${Math.max(...cold).toFixed(0)} ms`);
  console.log(`  warm (cached):   median ${median(warm).toFixed(2)} ms total`);
}

async function cliRuns(label: string, text: string, dir: string): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build`);
  const walls: number[] = [];
  const file = join(dir, 'Dockerfile');
  for (let run = 0; run < RUNS; run++) {
    writeFileSync(file, text);
    const result = await runChild(process.execPath, [CLI, '--pin', '--format', 'json', file], dir);
    if (result.status !== 0) throw new Error(`driftless --pin exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    if (readFileSync(file, 'utf8').split('@sha256:').length - 1 !== IMAGES) throw new Error('the CLI did not pin every image');
    walls.push(result.wallMs);
  }
  console.log(`  CLI end to end (${label}): driftless --pin Dockerfile, median ${median(walls).toFixed(0)} ms, best ${Math.min(...walls).toFixed(0)} ms (process start, lint, ${IMAGES} lookups, write)`);
}

async function main(): Promise<void> {
  const binary = findRegistryBinary();
  if (!binary) {
    console.log('docker-registry not installed: run `npm run setup:system`');
    process.exitCode = 1;
    return;
  }
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await initEngine();
  const images = benchImages();
  const seedStart = performance.now();
  const storage = await seededStorage(binary, images);
  console.log(`seeded ${IMAGES} images in ${(performance.now() - seedStart).toFixed(0)} ms`);
  const dir = mkdtempSync(join(tmpdir(), 'driftless-pin-bench-'));
  try {
    const registry = await startRegistry(binary, { storageDir: storage });
    try {
      const text = dockerfile(registry.host, images);
      await pinRuns('anonymous registry', text, {}, images);
      await cliRuns('anonymous', text, dir);
    } finally {
      await registry.stop();
    }
    const openssl = OPENSSL_BINARY.find((p) => existsSync(p));
    if (!openssl) {
      console.log('openssl missing: Bearer numbers skipped');
      return;
    }
    const certs = makeCertificates(openssl, dir);
    const tokens = await startTokenServer({
      issuer: 'bench',
      service: 'bench-registry',
      certificate: certs.tokenCert,
      key: certs.tokenKey,
      users: {},
      anonymousPull: true,
    });
    const secured = await startRegistry(binary, {
      storageDir: storage,
      auth: { token: { realm: tokens.realm, service: 'bench-registry', issuer: 'bench', rootCertBundle: certs.tokenCert } },
    });
    try {
      const before = tokens.requests.length;
      await pinRuns('Bearer auth (anonymous tokens, one per repository)', dockerfile(secured.host, images), {}, images);
      console.log(`  token requests: ${tokens.requests.length - before} over ${RUNS + 1} resolvers`);
    } finally {
      await secured.stop();
      await tokens.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    removeStorage(storage);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
