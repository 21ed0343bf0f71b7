import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createResolver } from '../../server/registry';
import { findRegistryBinary, REGISTRY_BINARY, removeStorage, seededStorage, singleImage, startRegistry, type RunningRegistry } from '../support/registry';
import { requireComponent } from '../support/requirements';

const MANIFEST = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'1'.repeat(64)}` },
    layers: [],
  }),
);
const MANIFEST_DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const WRONG_DIGEST = `sha256:${'0'.repeat(64)}`;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A tiny local server speaking just enough of the registry API to misbehave in one way. */
async function fakeRegistry(manifests: Handler): Promise<{ host: string; stop: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    manifests(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => close(server) };
}

function close(server: http.Server | net.Server): Promise<void> {
  if (server instanceof http.Server) server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

function manifestHeaders(digest?: string): Record<string, string> {
  return { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json', ...(digest ? { 'Docker-Content-Digest': digest } : {}) };
}

const fast = { transport: { retryBaseMs: 5 } };

describe('misbehaving registries', () => {
  test('no digest header on HEAD: the digest is the sha256 of the GET body', async () => {
    const registry = await fakeRegistry((req, res) => {
      res.writeHead(200, manifestHeaders());
      res.end(req.method === 'GET' ? MANIFEST : undefined);
    });
    try {
      const result = await createResolver({ cache: false }).resolve(`${registry.host}/app:1`);
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(result.digest, MANIFEST_DIGEST);
    } finally {
      await registry.stop();
    }
  });

  test('a digest header that does not match the body on GET is refused', async () => {
    const registry = await fakeRegistry((req, res) => {
      res.writeHead(200, manifestHeaders(req.method === 'GET' ? WRONG_DIGEST : undefined));
      res.end(req.method === 'GET' ? MANIFEST : undefined);
    });
    try {
      assert.deepEqual(await createResolver({ cache: false }).resolve(`${registry.host}/app:1`), {
        ok: false,
        reason: 'digest-mismatch',
        message: `${registry.host}/app:1: ${registry.host} sent Docker-Content-Digest ${WRONG_DIGEST} but the manifest it sent hashes to ${MANIFEST_DIGEST}`,
      });
    } finally {
      await registry.stop();
    }
  });

  test('a manifest that is not JSON is a malformed answer', async () => {
    const registry = await fakeRegistry((req, res) => {
      res.writeHead(200, manifestHeaders());
      res.end(req.method === 'GET' ? '<html>proxy login</html>' : undefined);
    });
    try {
      assert.deepEqual(await createResolver({ cache: false }).resolve(`${registry.host}/app:1`), {
        ok: false,
        reason: 'malformed',
        message: `${registry.host}/app:1: ${registry.host} sent a manifest that is not JSON`,
      });
    } finally {
      await registry.stop();
    }
  });

  test('429 with Retry-After is retried; persistent 503 gives up after the attempts', async () => {
    let heads = 0;
    const registry = await fakeRegistry((req, res) => {
      if (req.url?.startsWith('/v2/busy/')) {
        heads++;
        if (heads === 1) {
          res.writeHead(429, { 'Retry-After': '0' });
          res.end();
          return;
        }
        res.writeHead(200, manifestHeaders(MANIFEST_DIGEST));
        res.end();
        return;
      }
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(req.method === 'GET' ? JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'down' }] }) : undefined);
    });
    try {
      const resolver = createResolver({ cache: false, ...fast });
      const busy = await resolver.resolve(`${registry.host}/busy:1`);
      assert.ok(busy.ok, busy.ok ? '' : busy.message);
      assert.equal(busy.digest, MANIFEST_DIGEST);
      assert.equal(heads, 2);
      assert.deepEqual(await resolver.resolve(`${registry.host}/down:1`), {
        ok: false,
        reason: 'registry-error',
        message: `${registry.host}/down:1: ${registry.host} answered HTTP 503 for ${registry.host}/down:1`,
      });
    } finally {
      await registry.stop();
    }
  });

  test('a rate limit longer than the longest wait is reported with its Retry-After', async () => {
    const registry = await fakeRegistry((_req, res) => {
      res.writeHead(429, { 'Retry-After': '3600' });
      res.end();
    });
    try {
      assert.deepEqual(await createResolver({ cache: false }).resolve(`${registry.host}/app:1`), {
        ok: false,
        reason: 'rate-limited',
        message: `${registry.host}/app:1: ${registry.host} is rate limiting requests (HTTP 429; retry after 3600 s)`,
      });
    } finally {
      await registry.stop();
    }
  });

  test('at most 4 requests at once go to one registry', async () => {
    let inFlight = 0;
    let most = 0;
    const registry = await fakeRegistry((_req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, manifestHeaders(MANIFEST_DIGEST));
        res.end();
      }, 200);
    });
    try {
      const resolver = createResolver({ cache: false });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => resolver.resolve(`${registry.host}/app${i}:1`)));
      assert.deepEqual(results.map((r) => r.ok), Array(20).fill(true));
      assert.equal(most, 4);
    } finally {
      await registry.stop();
    }
  });

  test('403 names what was sent', async () => {
    const registry = await fakeRegistry((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end();
    });
    try {
      assert.deepEqual(await createResolver({ cache: false }).resolve(`${registry.host}/team/app:1`), {
        ok: false,
        reason: 'denied',
        message: `${registry.host}/team/app:1: ${registry.host} denied anonymous access to team/app (HTTP 403)`,
      });
    } finally {
      await registry.stop();
    }
  });

  test('a registry that challenges /v2/ but serves the manifest anonymously is still read without credentials', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/v2/') {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="registry"' });
        res.end();
        return;
      }
      res.writeHead(200, manifestHeaders(MANIFEST_DIGEST));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const configDir = mkdtempSync(join(tmpdir(), 'driftless-nocreds-'));
    try {
      const result = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(`${host}/public/app:1`);
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(result.digest, MANIFEST_DIGEST);
    } finally {
      await close(server);
      rmSync(configDir, { recursive: true, force: true });
    }
  });

  test('an unknown host (offline, or a typo) says the host cannot be resolved', async () => {
    const result = await createResolver({ cache: false }).resolve('registry.invalid/team/app:1');
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.reason, 'unreachable');
    assert.equal(result.ok ? '' : result.message, 'registry.invalid/team/app:1: cannot resolve registry.invalid (offline?)');
  });
});

/** An address of this machine that is not loopback, or undefined on a machine without one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;
}

describe('insecureRegistries: plain HTTP to a host that is not loopback', () => {
  test('HTTPS only by default; plain HTTP when listed; credentials never sent over it', async (t) => {
    const address = externalAddress();
    if (!address) {
      t.skip('this machine has no non-loopback IPv4 address');
      return;
    }
    let authorizations = 0;
    const server = http.createServer((req, res) => {
      if (req.headers.authorization) authorizations++;
      if (req.url?.startsWith('/v2/private/')) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="private"' });
        res.end();
        return;
      }
      res.writeHead(200, manifestHeaders(MANIFEST_DIGEST));
      res.end(req.url === '/v2/' ? '{}' : undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    const host = `${address}:${(server.address() as AddressInfo).port}`;
    const configDir = mkdtempSync(join(tmpdir(), 'driftless-insecure-'));
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: Buffer.from('dave:secret').toString('base64') } } }));
    try {
      const strict = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(`${host}/app:1`);
      assert.equal(strict.ok ? '' : strict.reason, 'tls');
      assert.match(strict.ok ? '' : strict.message, new RegExp(`^${host.replace(/\./g, '\\.')}/app:1: TLS error talking to https://${host.replace(/\./g, '\\.')}: `));
      const insecure = createResolver({ cache: false, dockerConfigDir: configDir, insecureRegistries: [host] });
      const plain = await insecure.resolve(`${host}/app:1`);
      assert.ok(plain.ok, plain.ok ? '' : plain.message);
      assert.equal(plain.digest, MANIFEST_DIGEST);
      assert.deepEqual(await insecure.resolve(`${host}/private/app:1`), {
        ok: false,
        reason: 'unauthorized',
        message: `${host}/private/app:1: ${host} requires credentials for private/app; credentials from auths in ${join(configDir, 'config.json')} not sent over plain HTTP to ${host}`,
      });
      assert.equal(authorizations, 0);
    } finally {
      await close(server);
      rmSync(configDir, { recursive: true, force: true });
    }
  });
});

describe('a slow registry (a delaying proxy in front of the real one)', () => {
  const image = singleImage('slow/app', '1', 'oci');
  let storage: string | undefined;
  let registry: RunningRegistry | undefined;

  before(async () => {
    const binary = findRegistryBinary();
    if (!binary) return;
    storage = await seededStorage(binary, [image]);
    registry = await startRegistry(binary, { storageDir: storage });
  });
  after(async () => {
    await registry?.stop();
    if (storage) removeStorage(storage);
  });

  /** Forwards TCP to the registry, holding every answer back by `delayMs`. */
  async function delayingProxy(target: RunningRegistry, delayMs: number): Promise<{ host: string; stop: () => Promise<void> }> {
    const port = Number(target.host.split(':')[1]);
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
      const upstream = net.connect(port, '127.0.0.1');
      sockets.add(client).add(upstream);
      client.pipe(upstream);
      upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), delayMs));
      upstream.on('end', () => setTimeout(() => client.end(), delayMs));
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
      stop: () => {
        for (const socket of sockets) socket.destroy();
        return close(server);
      },
    };
  }

  test('answers slower than the timeout fail with a timeout naming the host', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !registry) return;
    const proxy = await delayingProxy(registry, 1500);
    try {
      const reference = `${proxy.host}/${image.repository}:${image.tag}`;
      assert.deepEqual(await createResolver({ cache: false, timeoutMs: 300 }).resolve(reference), {
        ok: false,
        reason: 'timeout',
        message: `${reference}: ${proxy.host} did not answer within 300 ms (the per-request timeout)`,
      });
    } finally {
      await proxy.stop();
    }
  });

  test('the same proxy within the timeout resolves (the proxy itself works)', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !registry) return;
    const proxy = await delayingProxy(registry, 50);
    try {
      const result = await createResolver({ cache: false, timeoutMs: 10_000 }).resolve(`${proxy.host}/${image.repository}:${image.tag}`);
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(result.digest, image.manifest.digest);
    } finally {
      await proxy.stop();
    }
  });
});
