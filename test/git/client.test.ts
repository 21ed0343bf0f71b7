import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { GitClient, type RefResult } from '../../server/git/client';
import { DELIM, FLUSH, pktLine, readPackets } from '../../server/git/pkt-line';
import { checkAdvertisement, parseLsRefs } from '../../server/git/refs';
import { DEFAULT_TRANSPORT, Transport } from '../../server/registry/transport';
import { git, GIT_HTTP_BACKEND, serveRepositoriesForSuite, toolsRepositories } from '../support/git-http';
import { requireComponent } from '../support/requirements';

const fastTransport = () => new Transport({ ...DEFAULT_TRANSPORT, attempts: 1, timeoutMs: 5_000 });

test('pkt-line: lengths in hex include the header; flush and delim; a truncated or non-hex frame is refused', () => {
  assert.equal(pktLine('command=ls-refs\n'), '0014command=ls-refs\n');
  const packets = readPackets(Buffer.from(`${pktLine('a\n')}${DELIM}${pktLine('b')}${FLUSH}`));
  assert.deepEqual(packets.map((p) => (p.kind === 'data' ? p.payload.toString() : p.kind)), ['a\n', 'delim', 'b', 'flush']);
  assert.throws(() => readPackets(Buffer.from('0009abc')), /bad pkt-line length 9/);
  assert.throws(() => readPackets(Buffer.from('00zzabc')), /bad pkt-line header/);
  assert.throws(() => readPackets(Buffer.from('0003')), /bad pkt-line length 3/);
});

const fixture = serveRepositoriesForSuite(
  (root) => {
    const made = toolsRepositories(root);
    git(made.toolsGitDir, ['update-ref', 'refs/tags/v1.2.3-rc.1', made.release]);
    return { ...made, tagObject: git(made.toolsGitDir, ['rev-parse', 'v1.2.3']), releaseBranch: made.first };
  },
  { basicAuth: { prefix: '/private/', username: 'ci', password: 'token-123' } },
);

function ok(result: RefResult | undefined): Extract<RefResult, { ok: true }> {
  assert.ok(result?.ok, `resolved: ${JSON.stringify(result)}`);
  return result;
}

test('git client: branches, annotated and lightweight tags resolve to commits, in one ls-refs over protocol v2', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const { server, main, release, tagObject } = served;
  const before = server.seen.length;
  const results = await new GitClient({ transport: fastTransport() }).resolve(`${server.origin}/acme/tools`, ['main', 'v1.2.3', 'v1', 'v1.2.3-rc.1']);
  assert.deepEqual(ok(results.get('main')), { ok: true, commit: main, via: 'branch', label: 'main' });
  const annotated = ok(results.get('v1.2.3'));
  assert.notEqual(tagObject, release);
  assert.deepEqual(annotated, { ok: true, commit: release, via: 'tag', label: 'v1.2.3' });
  assert.deepEqual(ok(results.get('v1')), { ok: true, commit: release, via: 'tag', label: 'v1.2.3' });
  assert.deepEqual(ok(results.get('v1.2.3-rc.1')), { ok: true, commit: release, via: 'tag', label: 'v1.2.3-rc.1' });
  const requests = server.seen.slice(before);
  assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['GET /acme/tools/info/refs', 'POST /acme/tools/git-upload-pack']);
  assert.ok(requests.every((r) => r.gitProtocol === 'version=2' && r.authorization === undefined));
});

test('git client: a branch and a tag of the same name: the branch wins, as in GitHub Actions', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const results = await new GitClient({ transport: fastTransport() }).resolve(`${served.server.origin}/acme/tools`, ['stable']);
  assert.deepEqual(ok(results.get('stable')), { ok: true, commit: served.releaseBranch, via: 'branch', label: 'stable' });
});

test('git client: a missing ref, a missing repository, and a ref that cannot be asked are failures naming it', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const client = new GitClient({ transport: fastTransport() });
  const missing = await client.resolve(`${served.server.origin}/acme/tools`, ['v9', 'bad ref\n']);
  assert.deepEqual(missing.get('v9'), { ok: false, reason: 'ref-unknown', message: `${served.server.origin}/acme/tools has no branch or tag named v9` });
  assert.deepEqual(missing.get('bad ref\n'), { ok: false, reason: 'ref-unknown', message: '"bad ref\\n" is not a ref name that can be looked up' });
  const nowhere = await client.resolve(`${served.server.origin}/acme/none`, ['main']);
  assert.deepEqual(nowhere.get('main'), {
    ok: false,
    reason: 'repository-unknown',
    message: `cannot resolve main in ${served.server.origin}/acme/none: ${served.server.origin}/acme/none is not a repository (HTTP 404)`,
  });
});

test('git client: Basic credentials go to their own host only; without them the repository is unauthorised', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const url = `${served.server.origin}/private/secret`;
  const anonymous = await new GitClient({ transport: fastTransport() }).resolve(url, ['main']);
  assert.deepEqual(anonymous.get('main'), {
    ok: false,
    reason: 'unauthorized',
    message: `cannot resolve main in ${url}: ${url} needs credentials (HTTP 401)`,
  });
  const elsewhere = new GitClient({ transport: fastTransport(), credentials: [{ host: 'git.example.com', username: 'ci', password: 'token-123' }] });
  const before = served.server.seen.length;
  assert.equal((await elsewhere.resolve(url, ['main'])).get('main')?.ok, false);
  assert.ok(served.server.seen.slice(before).every((r) => r.authorization === undefined), 'no credentials sent to another host');
  const host = new URL(served.server.origin).host;
  const refused = new GitClient({ transport: fastTransport(), credentials: [{ host, username: 'ci', password: 'wrong' }] });
  assert.match(JSON.stringify((await refused.resolve(url, ['main'])).get('main')), /the ones configured for its host were refused/);
  const own = new GitClient({ transport: fastTransport(), credentials: [{ host, username: 'ci', password: 'token-123' }] });
  assert.equal(ok((await own.resolve(url, ['main'])).get('main')).via, 'branch');
});

test('git client: plain HTTP is refused for a host that is not loopback, before any request', async () => {
  const results = await new GitClient({ transport: fastTransport() }).resolve('http://git.example.com/acme/tools', ['v1']);
  assert.deepEqual(results.get('v1'), {
    ok: false,
    reason: 'insecure-transport',
    message: 'cannot resolve v1 in http://git.example.com/acme/tools: http://git.example.com is not HTTPS (plain HTTP is allowed to loopback only)',
  });
});

test('git client: a server that is not git smart HTTP is named as such', async () => {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>sign in</html>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme/tools`;
  try {
    const result = (await new GitClient({ transport: fastTransport() }).resolve(url, ['v1'])).get('v1');
    assert.deepEqual(result, {
      ok: false,
      reason: 'malformed',
      message: `cannot resolve v1 in ${url}: ${url} answered with text/html, not application/x-git-upload-pack-advertisement: not a git smart-HTTP server`,
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('git client: the answer for a repository is reused from the cache', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const client = new GitClient({ transport: fastTransport() });
  const url = `${served.server.origin}/acme/tools`;
  await client.resolve(url, ['main']);
  const before = served.server.seen.length;
  ok((await client.resolve(url, ['main'])).get('main'));
  assert.equal(served.server.seen.length, before, 'the second lookup is answered from the cache');
});

test('ls-refs answers are read strictly: a bad object id, a ref name with control bytes, a missing flush, a v0 server', () => {
  const packets = (text: string) => readPackets(Buffer.from(text));
  const oid = 'a'.repeat(40);
  assert.deepEqual(parseLsRefs(packets(`${pktLine(`${oid} refs/tags/v1 peeled:${'b'.repeat(40)}\n`)}${pktLine(`${oid} refs/heads/main symref-target:x\n`)}${FLUSH}`), 'S'), [
    { name: 'refs/tags/v1', oid, peeled: 'b'.repeat(40) },
    { name: 'refs/heads/main', oid },
  ]);
  assert.throws(() => parseLsRefs(packets(`${pktLine(`${'A'.repeat(40)} refs/heads/main\n`)}${FLUSH}`), 'S'), /S sent a ref line that is not/);
  assert.throws(() => parseLsRefs(packets(`${pktLine(`${oid} refs/heads/ma\x1bin\n`)}${FLUSH}`), 'S'), /S sent a ref line that is not/);
  assert.throws(() => parseLsRefs(packets(pktLine(`${oid} refs/heads/main\n`)), 'S'), /without a flush/);
  assert.throws(() => checkAdvertisement(packets(`${pktLine('# service=git-upload-pack\n')}${FLUSH}${pktLine(`${oid} HEAD\0multi_ack\n`)}${FLUSH}`), 'S'), /does not speak git protocol version 2/);
  assert.doesNotThrow(() => checkAdvertisement(packets(`${pktLine('# service=git-upload-pack\n')}${FLUSH}${pktLine('version 2\n')}${pktLine('ls-refs=unborn\n')}${FLUSH}`), 'S'));
});
