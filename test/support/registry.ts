import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';

/** Where Debian's docker-registry package installs CNCF Distribution 2.8. */
export const REGISTRY_BINARY = ['/usr/bin/docker-registry'];

/** The binary when installed; each test still calls requireComponent so a missing one skips or fails it. */
export function findRegistryBinary(): string | undefined {
  return REGISTRY_BINARY.find((p) => existsSync(p));
}

export interface RegistryAuth {
  /** An htpasswd file (bcrypt, `htpasswd -Bbn`). */
  htpasswd?: string;
  /** Token auth: the registry trusts JWTs signed by a key whose certificate is in `rootCertBundle`. */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
}

export interface RegistryOptions {
  /** Filesystem storage to serve (a seeded folder can be served by several registries). */
  storageDir?: string;
  auth?: RegistryAuth;
  tls?: { certificate: string; key: string };
}

export interface RunningRegistry {
  /** `127.0.0.1:<port>`: the registry part of an image reference. */
  host: string;
  /** `http://127.0.0.1:<port>` (https with TLS). */
  origin: string;
  storageDir: string;
  stop(): Promise<void>;
}

/** Starts `docker-registry serve` on a free loopback port, reading the port from its "listening on" log line. */
export async function startRegistry(binary: string, options: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'driftless-registry-'));
  const storageDir = options.storageDir ?? join(dir, 'storage');
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  formatter: json',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(storageDir)}`,
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    '  addr: 127.0.0.1:0',
    '  secret: driftless-test-secret',
  ];
  if (options.tls) {
    lines.push('  tls:', `    certificate: ${JSON.stringify(options.tls.certificate)}`, `    key: ${JSON.stringify(options.tls.key)}`);
  }
  if (options.auth?.htpasswd) {
    lines.push('auth:', '  htpasswd:', '    realm: driftless-test', `    path: ${JSON.stringify(options.auth.htpasswd)}`);
  } else if (options.auth?.token) {
    const t = options.auth.token;
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${JSON.stringify(t.realm)}`,
      `    service: ${JSON.stringify(t.service)}`,
      `    issuer: ${JSON.stringify(t.issuer)}`,
      `    rootcertbundle: ${JSON.stringify(t.rootCertBundle)}`,
    );
  }
  const config = join(dir, 'config.yml');
  writeFileSync(config, `${lines.join('\n')}\n`);
  const child = spawn(binary, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const log: string[] = [];
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`docker-registry did not start within 10 s:\n${log.join('\n')}`)), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`docker-registry exited with ${code}:\n${log.join('\n')}`));
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      log.push(line);
      const msg = parseLogMessage(line);
      const match = /^listening on (\S+?),?(?:\s|$)/.exec(msg ?? '');
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const port = address.slice(address.lastIndexOf(':') + 1);
  const host = `127.0.0.1:${port}`;
  return {
    host,
    origin: `${options.tls ? 'https' : 'http'}://${host}`,
    storageDir,
    stop: () => stopChild(child, killOnExit, dir),
  };
}

function parseLogMessage(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: unknown };
    return typeof entry.msg === 'string' ? entry.msg : undefined;
  } catch {
    return line;
  }
}

/** Stops the registry and removes its config folder (and its storage when it owned it). */
async function stopChild(child: ChildProcess, killOnExit: () => void, dir: string): Promise<void> {
  process.off('exit', killOnExit);
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// Tiny deterministic images.
// ---------------------------------------------------------------------------

export interface Content {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

export interface TestImage {
  repository: string;
  tag: string;
  /** Config and layer blobs. */
  blobs: Content[];
  /** Manifests an index points to, pushed by digest first. */
  children: Content[];
  /** What the tag names. */
  manifest: Content;
  /** For an index: platform (`linux/arm64`) -> that child's digest. */
  platforms: Record<string, string>;
}

export type ImageFlavour = 'docker' | 'oci';

const TYPES = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function content(mediaType: string, value: unknown): Content {
  const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  return { digest: sha256(bytes), mediaType, bytes };
}

function descriptor(c: Content): { mediaType: string; size: number; digest: string } {
  return { mediaType: c.mediaType, size: c.bytes.length, digest: c.digest };
}

function platformImage(flavour: ImageFlavour, label: string, platform: string): { blobs: Content[]; manifest: Content } {
  const [os, architecture, variant] = platform.split('/');
  const types = TYPES[flavour];
  const layer = content(types.layer, `driftless test layer ${label} ${platform}`);
  const config = content(types.config, {
    architecture,
    os,
    ...(variant ? { variant } : {}),
    rootfs: { type: 'layers', diff_ids: [layer.digest] },
    config: { Labels: { 'driftless.test': label } },
  });
  const manifest = content(types.manifest, {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: descriptor(config),
    layers: [descriptor(layer)],
  });
  return { blobs: [config, layer], manifest };
}

/** One image manifest (no index), Docker v2 or OCI. */
export function singleImage(repository: string, tag: string, flavour: ImageFlavour): TestImage {
  const image = platformImage(flavour, `${repository}:${tag}`, 'linux/amd64');
  return { repository, tag, blobs: image.blobs, children: [], manifest: image.manifest, platforms: {} };
}

/** A multi-platform image: an OCI image index or a Docker manifest list. */
export function multiPlatformImage(repository: string, tag: string, flavour: ImageFlavour, platforms: readonly string[]): TestImage {
  const parts = platforms.map((p) => ({ platform: p, ...platformImage(flavour, `${repository}:${tag}`, p) }));
  const types = TYPES[flavour];
  const index = content(types.index, {
    schemaVersion: 2,
    mediaType: types.index,
    manifests: parts.map((p) => {
      const [os, architecture, variant] = p.platform.split('/');
      return { ...descriptor(p.manifest), platform: { architecture, os, ...(variant ? { variant } : {}) } };
    }),
  });
  return {
    repository,
    tag,
    blobs: parts.flatMap((p) => p.blobs),
    children: parts.map((p) => p.manifest),
    manifest: index,
    platforms: Object.fromEntries(parts.map((p) => [p.platform, p.manifest.digest])),
  };
}

/** The images most registry tests resolve. */
export function standardImages(): Record<'ociIndex' | 'dockerList' | 'dockerSingle' | 'ociSingle' | 'nested', TestImage> {
  return {
    ociIndex: multiPlatformImage('oci/multi', '1.0', 'oci', ['linux/amd64', 'linux/arm64']),
    dockerList: multiPlatformImage('docker/multi', '2.1', 'docker', ['linux/amd64', 'linux/arm/v7']),
    dockerSingle: singleImage('docker/single', '3', 'docker'),
    ociSingle: singleImage('oci/single', 'v4.0.1', 'oci'),
    nested: singleImage('team/app/api', '1.2.3', 'docker'),
  };
}

// ---------------------------------------------------------------------------
// Seeding over the registry's HTTP API.
// ---------------------------------------------------------------------------

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(method: string, url: URL, headers: Record<string, string>, body?: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function expect(response: RawResponse, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${response.status}: ${response.body}`);
}

async function pushBlob(origin: string, repository: string, blob: Content): Promise<void> {
  const start = await raw('POST', new URL(`/v2/${repository}/blobs/uploads/`, origin), {});
  expect(start, 202, `start upload to ${repository}`);
  const location = new URL(String(start.headers.location), origin);
  location.searchParams.set('digest', blob.digest);
  const done = await raw('PUT', location, { 'Content-Type': 'application/octet-stream' }, blob.bytes);
  expect(done, 201, `upload ${blob.digest} to ${repository}`);
}

async function pushManifest(origin: string, repository: string, reference: string, manifest: Content): Promise<void> {
  const response = await raw('PUT', new URL(`/v2/${repository}/manifests/${reference}`, origin), { 'Content-Type': manifest.mediaType }, manifest.bytes);
  expect(response, 201, `push manifest ${repository}:${reference}`);
  if (response.headers['docker-content-digest'] !== manifest.digest) {
    throw new Error(`registry stored ${repository}:${reference} as ${String(response.headers['docker-content-digest'])}, expected ${manifest.digest}`);
  }
}

/** Pushes images to an anonymous plain-HTTP registry: blobs, then an index's children by digest, then the tag. */
export async function seedImages(origin: string, images: readonly TestImage[]): Promise<void> {
  for (const image of images) {
    for (const blob of image.blobs) await pushBlob(origin, image.repository, blob);
    for (const child of image.children) await pushManifest(origin, image.repository, child.digest, child);
    await pushManifest(origin, image.repository, image.tag, image.manifest);
  }
}

/** Starts an anonymous registry, seeds it and stops it: the storage folder can then be served by registries with auth or TLS. */
export async function seededStorage(binary: string, images: readonly TestImage[]): Promise<string> {
  const storageDir = mkdtempSync(join(tmpdir(), 'driftless-storage-'));
  const registry = await startRegistry(binary, { storageDir });
  try {
    await seedImages(registry.origin, images);
  } finally {
    await registry.stop();
  }
  return storageDir;
}

export function removeStorage(storageDir: string): void {
  rmSync(storageDir, { recursive: true, force: true });
}

/** A registry seeded with `images` for one describe block: started before its tests, stopped (and its storage removed) after. */
export interface SuiteRegistry {
  registry?: RunningRegistry;
  storage?: string;
}

export function seededRegistryForSuite(images: readonly TestImage[]): SuiteRegistry {
  const suite: SuiteRegistry = {};
  before(async () => {
    const binary = findRegistryBinary();
    if (!binary) return;
    suite.storage = await seededStorage(binary, images);
    suite.registry = await startRegistry(binary, { storageDir: suite.storage });
  });
  after(async () => {
    await suite.registry?.stop();
    if (suite.storage) removeStorage(suite.storage);
  });
  return suite;
}
