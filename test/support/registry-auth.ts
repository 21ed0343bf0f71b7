import { execFileSync } from 'node:child_process';
import { randomUUID, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const OPENSSL_BINARY = ['/usr/bin/openssl'];
export const HTPASSWD_BINARY = ['/usr/bin/htpasswd'];

export interface TestCertificates {
  /** A private CA, and a server certificate it signed for IP 127.0.0.1. */
  caCert: string;
  serverCert: string;
  serverKey: string;
  /** A self-signed certificate and key the token server signs JWTs with (the registry's rootcertbundle). */
  tokenCert: string;
  tokenKey: string;
}

export function makeCertificates(openssl: string, dir: string): TestCertificates {
  const path = (name: string): string => join(dir, name);
  const run = (...args: string[]): void => {
    execFileSync(openssl, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', path('ca.key'), '-out', path('ca.pem'), '-days', '2', '-subj', '/CN=Driftless Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', ...ec, '-keyout', path('server.key'), '-out', path('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(path('server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  run('x509', '-req', '-in', path('server.csr'), '-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-CAcreateserial',
    '-out', path('server.pem'), '-days', '2', '-extfile', path('server.ext'));
  run('req', '-x509', ...ec, '-keyout', path('token.key'), '-out', path('token.pem'), '-days', '2', '-subj', '/CN=Driftless Test Token Issuer');
  return {
    caCert: path('ca.pem'),
    serverCert: path('server.pem'),
    serverKey: path('server.key'),
    tokenCert: path('token.pem'),
    tokenKey: path('token.key'),
  };
}

/** `htpasswd -Bbn user password` lines, written to a file the registry reads. */
export function writeHtpasswd(htpasswd: string, file: string, users: Record<string, string>): void {
  const lines = Object.entries(users).map(([user, password]) => execFileSync(htpasswd, ['-Bbn', user, password], { encoding: 'utf8' }).trim());
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export interface TokenRequest {
  method: string;
  /** Whether the request carried credentials (Basic or a refresh token), never their value. */
  withCredentials: boolean;
  scope?: string;
  service?: string;
}

export interface TokenServerOptions {
  issuer: string;
  service: string;
  certificate: string;
  key: string;
  /** user -> password accepted with Basic. */
  users: Record<string, string>;
  /** refresh token -> user, for the identity-token (OAuth) grant. */
  refreshTokens?: Record<string, string>;
  /** Anonymous requests get a token (with pull access) instead of 401. */
  anonymousPull: boolean;
  /** Repositories whose tokens grant nothing (the registry then answers 401 insufficient_scope). */
  denied?: readonly string[];
  /** Answer with `access_token` instead of `token`. */
  accessTokenField?: boolean;
  /** Listen on this host name (`127.0.0.1` or `localhost`). */
  hostname?: string;
}

export interface TokenServer {
  realm: string;
  requests: TokenRequest[];
  stop(): Promise<void>;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** A minimal Docker token server: Basic or refresh-token credentials in, ES256 JWT with an x5c header out. */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const certPem = readFileSync(options.certificate, 'utf8');
  const der = certPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const key = readFileSync(options.key, 'utf8');
  const requests: TokenRequest[] = [];

  const issue = (user: string | undefined, scope: string | undefined): string => {
    const now = Math.floor(Date.now() / 1000);
    const access = (scope ?? '')
      .split(' ')
      .filter((s) => s.startsWith('repository:'))
      .map((s) => {
        const parts = s.split(':');
        const name = parts.slice(1, -1).join(':');
        const actions = options.denied?.includes(name) ? [] : parts[parts.length - 1].split(',').filter((a) => a === 'pull');
        return { type: 'repository', name, actions };
      });
    const header = { alg: 'ES256', typ: 'JWT', x5c: [der] };
    const claims = { iss: options.issuer, sub: user ?? '', aud: options.service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    return `${input}.${base64url(signature)}`;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://token');
      const form = new URLSearchParams(req.method === 'POST' ? Buffer.concat(chunks).toString('utf8') : '');
      const scope = form.get('scope') ?? url.searchParams.get('scope') ?? undefined;
      const service = form.get('service') ?? url.searchParams.get('service') ?? undefined;
      const authorization = req.headers.authorization;
      let user: string | undefined;
      let rejected = false;
      if (req.method === 'POST') {
        user = options.refreshTokens?.[form.get('refresh_token') ?? ''];
        rejected = form.get('grant_type') !== 'refresh_token' || user === undefined;
      } else if (authorization?.startsWith('Basic ')) {
        const [name, ...rest] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
        rejected = options.users[name] === undefined || options.users[name] !== rest.join(':');
        user = name;
      } else {
        rejected = !options.anonymousPull;
      }
      requests.push({ method: req.method ?? '', withCredentials: req.method === 'POST' || authorization !== undefined, scope, service });
      if (rejected || service !== options.service) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
        return;
      }
      const token = issue(user, scope);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(options.accessTokenField ? { access_token: token, expires_in: 300 } : { token, expires_in: 300 }));
    });
  });
  const hostname = options.hostname ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, hostname === 'localhost' ? '127.0.0.1' : hostname, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://${hostname}:${port}/token`,
    requests,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
