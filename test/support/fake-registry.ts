import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** A Docker v2 image manifest and its digest, as a misbehaving registry serves it. */
export const FAKE_MANIFEST = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'1'.repeat(64)}` },
    layers: [],
  }),
);
export const FAKE_MANIFEST_DIGEST = `sha256:${createHash('sha256').update(FAKE_MANIFEST).digest('hex')}`;
export const MANIFEST_HEADERS = { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' };

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface FakeServer {
  /** `host:port` as it goes into an image reference (`127.0.0.1:<port>` unless another host name was asked for). */
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** A loopback HTTP (or, with `tls`, HTTPS) server answering every request with `handler`. */
export async function fakeServer(handler: Handler, options: { hostname?: string; address?: string; tls?: { cert: string; key: string } } = {}): Promise<FakeServer> {
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, options.address ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `${options.hostname ?? options.address ?? '127.0.0.1'}:${port}`,
    port,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A registry whose `/v2/` answers 200 and whose manifests `manifests` answers. */
export function fakeRegistry(manifests: Handler, options: { address?: string } = {}): Promise<FakeServer> {
  return fakeServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
      return;
    }
    manifests(req, res);
  }, options);
}

/** Serves FAKE_MANIFEST for every tag (HEAD with its digest, GET with the body). */
export const serveManifest: Handler = (req, res) => {
  res.writeHead(200, { ...MANIFEST_HEADERS, 'Docker-Content-Digest': FAKE_MANIFEST_DIGEST });
  res.end(req.method === 'GET' ? FAKE_MANIFEST : undefined);
};

/** A `host:port` nothing listens on (a server started and stopped). */
export async function deadHost(): Promise<string> {
  const server = await fakeServer((_req, res) => res.end());
  await server.stop();
  return server.host;
}
