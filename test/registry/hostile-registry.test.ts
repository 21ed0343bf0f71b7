import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createResolver } from '../../server/registry';
import { runBuiltCli } from '../support/cli-child';
import { fakeRegistry, fakeServer, FAKE_MANIFEST_DIGEST, serveManifest, type FakeServer } from '../support/fake-registry';
import { makeCertificates, OPENSSL_BINARY } from '../support/registry-auth';
import { requireComponent } from '../support/requirements';
import { tempTreesForSuite } from '../support/temp-tree';

const servers: FakeServer[] = [];
after(async () => {
  for (const server of servers) await server.stop();
});

const tree = tempTreesForSuite('driftless-hostile-');

async function started(server: Promise<FakeServer>): Promise<FakeServer> {
  const running = await server;
  servers.push(running);
  return running;
}

/** A registry whose `/v2/` and manifests answer 401 with `challenge`, and accept any Bearer token. */
function challenging(challenge: (self: string) => string, extra?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean): Promise<FakeServer> {
  let self = '';
  const server = fakeServer((req, res) => {
    if (extra?.(req, res)) return;
    if (req.url !== '/v2/' && req.headers.authorization?.startsWith('Bearer ')) {
      serveManifest(req, res);
      return;
    }
    res.writeHead(401, { 'WWW-Authenticate': challenge(self) });
    res.end();
  });
  return server.then((s) => {
    self = s.host;
    return s;
  });
}

describe('every error on a lookup path is that image failure, the run goes on (issue 14, item 4)', () => {
  test('token realms with ftp: and file: schemes, a port out of range, a token with a line break', async () => {
    const good = await started(fakeRegistry(serveManifest));
    const ftp = await started(challenging(() => 'Bearer realm="ftp://127.0.0.1/token",service="registry"'));
    const file = await started(challenging(() => 'Bearer realm="file:///etc/passwd",service="registry"'));
    const badToken = await started(
      challenging(
        (self) => `Bearer realm="http://${self}/token",service="registry"`,
        (req, res) => {
          if (!req.url?.startsWith('/token')) return false;
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ token: 'abc\r\nX-Injected: yes' }));
          return true;
        },
      ),
    );
    const lines = [
      `FROM ${ftp.host}/app:1`,
      `FROM ${file.host}/app:1`,
      'FROM 127.0.0.1:99999/app:1',
      `FROM ${badToken.host}/app:1`,
      `FROM ${good.host}/app:1`,
      '',
    ];
    const dir = tree({ Dockerfile: lines.join('\n') });
    const run = await runBuiltCli(['--pin', 'Dockerfile'], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), lines.join('\n').replace(`${good.host}/app:1`, `${good.host}/app:1@${FAKE_MANIFEST_DIGEST}`));
    assert.deepEqual(run.stdout.split('\n').slice(0, 6), [
      `Dockerfile:1: not pinned: ${ftp.host}/app:1: ${ftp.host} sent a Bearer challenge whose realm is not an HTTP(S) address (ftp:)`,
      `Dockerfile:2: not pinned: ${file.host}/app:1: ${file.host} sent a Bearer challenge whose realm is not an HTTP(S) address (file:)`,
      'Dockerfile:3: not pinned: 127.0.0.1:99999/app:1: 127.0.0.1:99999 is not a valid registry address (a port from 1 to 65535?)',
      `Dockerfile:4: not pinned: ${badToken.host}/app:1: the token server http://${badToken.host} answered with a token that cannot go in a header (spaces or control characters)`,
      `Dockerfile:5: pinned ${good.host}/app:1 to ${FAKE_MANIFEST_DIGEST}`,
      'pinned 1 of 5 images',
    ]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
  });

  test('the editor quick fix gets the same clean failure, never an exception', async () => {
    const ftp = await started(challenging(() => 'Bearer realm="ftp://127.0.0.1/token"'));
    assert.deepEqual(await createResolver({ cache: false }).resolve(`${ftp.host}/app:1`), {
      ok: false,
      reason: 'malformed',
      message: `${ftp.host}/app:1: ${ftp.host} sent a Bearer challenge whose realm is not an HTTP(S) address (ftp:)`,
    });
  });
});

/** An address of this machine that is not loopback, or undefined on a machine without one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;
}

describe('credentials and plain HTTP (issue 14, item 5)', () => {
  test('a challenge over plain HTTP naming an HTTPS realm on another host gets no credentials', async (t) => {
    const openssl = requireComponent(t, 'openssl', OPENSSL_BINARY);
    if (!openssl) return;
    const certDir = tree({});
    const certs = makeCertificates(openssl, certDir);
    const seen: Array<string | undefined> = [];
    // The token server holds a certificate for 127.0.0.1; the registry is reached as localhost, over plain HTTP.
    const tokens = await started(
      fakeServer(
        (req, res) => {
          seen.push(req.headers.authorization);
          res.writeHead(req.headers.authorization ? 200 : 401, { 'Content-Type': 'application/json' });
          res.end(req.headers.authorization ? JSON.stringify({ token: 'granted-to-the-password' }) : '{}');
        },
        { tls: { cert: readFileSync(certs.serverCert, 'utf8'), key: readFileSync(certs.serverKey, 'utf8') } },
      ),
    );
    const registry = await started(challenging(() => `Bearer realm="https://${tokens.host}/token",service="registry"`));
    const host = `localhost:${registry.port}`;
    const text = `FROM ${host}/team/app:1\n`;
    const dir = tree({ Dockerfile: text, 'docker/config.json': JSON.stringify({ auths: { [host]: { auth: Buffer.from('erin:pa55word').toString('base64') } } }) });
    const run = await runBuiltCli(['--pin', 'Dockerfile'], dir, { DOCKER_CONFIG: join(dir, 'docker'), NODE_EXTRA_CA_CERTS: certs.caCert });
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.deepEqual(seen, [undefined]);
    assert.deepEqual(run.stdout.split('\n').slice(0, 2), [
      `Dockerfile:1: not pinned: ${host}/team/app:1: the token server https://${tokens.host} refused an anonymous request (credentials from auths in ${join(dir, 'docker', 'config.json')} not sent to ${tokens.host}: the challenge naming it came over plain HTTP from ${host}) (HTTP 401)`,
      'pinned 0 of 1 image',
    ]);
    assert.equal(run.status, 1);
  });

  test('insecureRegistries in a/.driftless.yaml lets a/ use plain HTTP, not b/ in the same run', async (t) => {
    const address = externalAddress();
    if (!address) {
      t.skip('this machine has no non-loopback IPv4 address');
      return;
    }
    const registry = await started(fakeRegistry(serveManifest, { address }));
    const text = `FROM ${registry.host}/app:1\n`;
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'a/.driftless.yaml': `insecureRegistries:\n  - ${registry.host}\n`,
      'a/Dockerfile': text,
      'b/Dockerfile': text,
    });
    const run = await runBuiltCli(['--pin', 'a', 'b'], dir);
    assert.equal(readFileSync(join(dir, 'a/Dockerfile'), 'utf8'), `FROM ${registry.host}/app:1@${FAKE_MANIFEST_DIGEST}\n`);
    assert.equal(readFileSync(join(dir, 'b/Dockerfile'), 'utf8'), text);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], `a/Dockerfile:1: pinned ${registry.host}/app:1 to ${FAKE_MANIFEST_DIGEST}`);
    assert.match(lines[1], new RegExp(`^b/Dockerfile:1: not pinned: ${registry.host.replace(/\./g, '\\.')}/app:1: TLS error talking to https://`));
    assert.equal(lines[2], 'pinned 1 of 2 images');
    assert.equal(run.status, 1);
  });
});

describe('no leaks, no injection in output (issue 14, item 6)', () => {
  test('a registry error with line breaks, a workflow command and terminal escapes is printed escaped on one line', async () => {
    const registry = await started(
      fakeRegistry((req, res) => {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(req.method === 'GET' ? JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN\n::error file=x::owned\u001b[31m\u009b2J\u202e' }] }) : undefined);
      }),
    );
    const h = registry.host;
    const text = `FROM ${h}/app:1\n`;
    const dir = tree({ Dockerfile: text });
    const run = await runBuiltCli(['--pin', 'Dockerfile'], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.deepEqual(run.stdout.split('\n').slice(0, 2), [
      `Dockerfile:1: not pinned: ${h}/app:1: tag 1 not found in ${h}/app (MANIFEST_UNKNOWN\\x0a::error file=x::owned\\x1b[31m\\x9b2J\\u{202e})`,
      'pinned 0 of 1 image',
    ]);
    assert.equal(run.status, 1);
  });

  test('a failing credential helper stderr and a broken config.json never reach the message', async () => {
    const registry = await started(
      fakeServer((_req, res) => {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="private"' });
        res.end();
      }),
    );
    const h = registry.host;
    const text = `FROM ${h}/app:1\n`;
    const brokenConfig = `{"auths": {"${h}": {"auth": "${Buffer.from('frank:hunter2-secret').toString('base64')}" "password": "hunter2-secret"}}}`;
    const dir = tree({
      Dockerfile: text,
      'helper/config.json': JSON.stringify({ credHelpers: { [h]: 'leaky' } }),
      'broken/config.json': brokenConfig,
      'bin/docker-credential-leaky': '#!/bin/sh\necho "login failed for frank with password hunter2-secret" >&2\nexit 3\n',
    });
    chmodSync(join(dir, 'bin/docker-credential-leaky'), 0o755);
    const env = (config: string): NodeJS.ProcessEnv => ({ DOCKER_CONFIG: join(dir, config), PATH: `${join(dir, 'bin')}:${process.env.PATH}` });
    const helper = await runBuiltCli(['--pin', 'Dockerfile'], dir, env('helper'));
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.equal(
      helper.stdout.split('\n')[0],
      `Dockerfile:1: not pinned: ${h}/app:1: ${h} requires credentials for app; none found (tried docker-credential-leaky (credHelpers in ${join(dir, 'helper', 'config.json')}): exited with 3 (its error output may hold secrets and is not shown: run docker-credential-leaky get to see it); auths in ${join(dir, 'helper', 'config.json')}: no entry for ${h})`,
    );
    assert.equal(helper.status, 1);
    const broken = await runBuiltCli(['--pin', 'Dockerfile'], dir, env('broken'));
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.equal(broken.stdout.split('\n')[0], `Dockerfile:1: not pinned: ${h}/app:1: ${join(dir, 'broken', 'config.json')} is not valid JSON (line 1, column ${brokenConfig.indexOf('"password') + 1})`);
    assert.doesNotMatch(helper.stdout + helper.stderr + broken.stdout + broken.stderr, /hunter2/);
    assert.equal(broken.status, 1);
  });
});

describe('an overall deadline per image (issue 14, item 7)', () => {
  test('a registry answering each request just under the timeout is given up at the deadline, which the message names', async () => {
    const registry = await started(
      fakeRegistry((_req, res) => {
        setTimeout(() => {
          res.writeHead(503);
          res.end();
        }, 700);
      }),
    );
    const h = registry.host;
    const text = `FROM ${h}/slow:1\n`;
    const dir = tree({ Dockerfile: text });
    const run = await runBuiltCli(['--pin', '--lookup-deadline', '1', 'Dockerfile'], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.deepEqual(run.stdout.split('\n').slice(0, 2), [
      `Dockerfile:1: not pinned: ${h}/slow:1: no answer from ${h} within 1 s (the lookup deadline per image)`,
      'pinned 0 of 1 image',
    ]);
    assert.equal(run.status, 1);
  });

  test('the deadline is an option of the resolver too (the editor default is 30 s)', async () => {
    const registry = await started(fakeRegistry(() => undefined));
    const result = await createResolver({ cache: false, lookupDeadlineMs: 300 }).resolve(`${registry.host}/hang:1`);
    assert.deepEqual(result, {
      ok: false,
      reason: 'timeout',
      message: `${registry.host}/hang:1: no answer from ${registry.host} within 0.3 s (the lookup deadline per image)`,
    });
  });
});

