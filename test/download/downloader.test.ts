import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Downloader } from '../../server/download/client';
import { generatedSha256, startFileServer, type FileServer } from '../support/file-server';
import { makeCertificates, OPENSSL_BINARY } from '../support/registry-auth';
import { requireComponent } from '../support/requirements';

const MiB = 1024 * 1024;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('Downloader against a file server on loopback', () => {
  let server: FileServer;

  before(async () => {
    server = await startFileServer({
      '/tool.tar.gz': { body: 'the tool\n' },
      '/large.bin': { size: 24 * MiB },
      '/chunked.bin': { size: 3 * MiB, chunked: true },
      '/moved': { redirect: '/tool.tar.gz', status: 301 },
      '/to-http': { redirect: 'http://downloads.example.com/tool.tar.gz' },
      '/loop': { redirect: '/loop' },
      '/gzip': { body: 'compressed?', contentEncoding: 'gzip' },
      '/stalls': { declaredSize: 2 * MiB, bytes: 64 * 1024, then: 'stall' },
      '/cut': { declaredSize: 2 * MiB, bytes: 64 * 1024, then: 'close' },
      '/silent': { silent: true },
      '/private': { status: 403 },
      '/broken': { status: 500 },
    });
  });
  after(() => server.stop());

  test('hashes the bytes, after a HEAD that learns the size', async () => {
    const start = server.seen.length;
    const result = await new Downloader().checksum(server.url('/tool.tar.gz'));
    assert.deepEqual(result, { ok: true, url: server.url('/tool.tar.gz'), sha256: sha256('the tool\n'), size: 9 });
    assert.deepEqual(server.seen.slice(start), [
      { method: 'HEAD', path: '/tool.tar.gz' },
      { method: 'GET', path: '/tool.tar.gz' },
    ]);
  });

  test('size: what the HEAD says, without a GET', async () => {
    const start = server.seen.length;
    assert.deepEqual(await new Downloader().size(server.url('/large.bin')), { ok: true, url: server.url('/large.bin'), size: 24 * MiB });
    assert.deepEqual(server.seen.slice(start), [{ method: 'HEAD', path: '/large.bin' }]);
  });

  test('a large file streams through the hash, reporting progress', async () => {
    const seen: number[] = [];
    const result = await new Downloader().checksum(server.url('/large.bin'), { onProgress: (received, total) => {
      assert.equal(total, 24 * MiB);
      seen.push(received);
    } });
    assert.deepEqual(result, { ok: true, url: server.url('/large.bin'), sha256: generatedSha256(24 * MiB), size: 24 * MiB });
    assert.ok(seen.length > 1);
    assert.equal(seen[seen.length - 1], 24 * MiB);
  });

  test('over the cap by the HEAD: refused before any GET', async () => {
    const start = server.seen.length;
    const result = await new Downloader({ maxBytes: 16 * MiB }).checksum(server.url('/large.bin'));
    assert.deepEqual(result, { ok: false, reason: 'too-big', message: `${server.url('/large.bin')}: 24 MiB, over the download limit of 16 MiB` });
    assert.deepEqual(server.seen.slice(start), [{ method: 'HEAD', path: '/large.bin' }]);
  });

  test('over the cap without a Content-Length: stops reading at the cap', async () => {
    const result = await new Downloader({ maxBytes: MiB }).checksum(server.url('/chunked.bin'));
    assert.deepEqual(result, { ok: false, reason: 'too-big', message: `${server.url('/chunked.bin')}: over the download limit of 1 MiB` });
  });

  test('without a Content-Length under the cap: hashed', async () => {
    const result = await new Downloader().checksum(server.url('/chunked.bin'));
    assert.deepEqual(result, { ok: true, url: server.url('/chunked.bin'), sha256: generatedSha256(3 * MiB), size: 3 * MiB });
  });

  test('404: names the URL and the status', async () => {
    const result = await new Downloader().checksum(server.url('/gone.tar.gz'));
    assert.deepEqual(result, { ok: false, reason: 'not-found', message: `${server.url('/gone.tar.gz')}: not found (HTTP 404)` });
  });

  test('403 and 500 are named as such', async () => {
    assert.deepEqual(await new Downloader().checksum(server.url('/private')), {
      ok: false,
      reason: 'denied',
      message: `${server.url('/private')}: needs credentials (HTTP 403)`,
    });
    assert.deepEqual(await new Downloader().checksum(server.url('/broken')), {
      ok: false,
      reason: 'http-error',
      message: `${server.url('/broken')}: answered HTTP 500`,
    });
  });

  test('a redirect on the same server is followed; the result names where the bytes came from', async () => {
    const result = await new Downloader().checksum(server.url('/moved'));
    assert.deepEqual(result, { ok: true, url: server.url('/tool.tar.gz'), sha256: sha256('the tool\n'), size: 9 });
  });

  test('a redirect to plain HTTP off loopback: refused, nothing requested there', async () => {
    const result = await new Downloader().checksum(server.url('/to-http'));
    assert.deepEqual(result, {
      ok: false,
      reason: 'insecure-redirect',
      message: `${server.url('/to-http')}: redirects to http://downloads.example.com/tool.tar.gz, which is not HTTPS (plain HTTP is allowed to loopback only)`,
    });
  });

  test('a redirect loop stops at the limit', async () => {
    const result = await new Downloader({ maxRedirects: 3 }).checksum(server.url('/loop'));
    assert.deepEqual(result, { ok: false, reason: 'too-many-redirects', message: `${server.url('/loop')}: redirects more than 3 times` });
  });

  test('plain HTTP off loopback and URLs with credentials are not downloaded', async () => {
    const downloader = new Downloader();
    assert.deepEqual(await downloader.checksum('http://downloads.example.com/tool.tar.gz'), {
      ok: false,
      reason: 'insecure-transport',
      message: 'http://downloads.example.com/tool.tar.gz: not HTTPS (plain HTTP is allowed to loopback only)',
    });
    assert.deepEqual(await downloader.checksum('https://user:secret@downloads.example.com/x'), {
      ok: false,
      reason: 'invalid-url',
      message: 'https://***@downloads.example.com/x: a URL carrying credentials is not downloaded',
    });
    assert.deepEqual(await downloader.checksum('ftp://downloads.example.com/x'), {
      ok: false,
      reason: 'invalid-url',
      message: 'ftp://downloads.example.com/x: ftp: URLs are not downloaded, only https:',
    });
  });

  test('a compressed answer nobody asked for is refused: its checksum would depend on the client', async () => {
    const result = await new Downloader().checksum(server.url('/gzip'));
    assert.deepEqual(result, {
      ok: false,
      reason: 'encoded',
      message: `${server.url('/gzip')}: sent compressed (Content-Encoding: gzip) though that was not asked for: its checksum would depend on the client`,
    });
  });

  test('a slow server: the idle timeout names the host', async () => {
    const host = new URL(server.origin).host;
    const stalled = await new Downloader({ idleTimeoutMs: 300 }).checksum(server.url('/stalls'));
    assert.deepEqual(stalled, { ok: false, reason: 'timeout', message: `${server.url('/stalls')}: ${host} sent nothing for 300 ms after 64 KiB` });
    const silent = await new Downloader({ idleTimeoutMs: 300 }).checksum(server.url('/silent'));
    assert.deepEqual(silent, { ok: false, reason: 'timeout', message: `${server.url('/silent')}: ${host} did not answer within 300 ms` });
  });

  test('a connection closed before the announced length: truncated, no checksum', async () => {
    const result = await new Downloader().checksum(server.url('/cut'));
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.reason, 'truncated');
    assert.match(result.ok ? '' : result.message, /^http:\/\/127\.0\.0\.1:\d+\/cut: the connection closed after 64 KiB of 2 MiB$/);
  });

  test('cancelled through the AbortSignal, mid-body and before the start', async () => {
    const controller = new AbortController();
    const pending = new Downloader().checksum(server.url('/stalls'), {
      signal: controller.signal,
      onProgress: (received) => {
        if (received === 64 * 1024) controller.abort();
      },
    });
    assert.deepEqual(await pending, { ok: false, reason: 'cancelled', message: `${server.url('/stalls')}: cancelled after 64 KiB` });
    const start = server.seen.length;
    assert.deepEqual(await new Downloader().checksum(server.url('/tool.tar.gz'), { signal: AbortSignal.abort() }), {
      ok: false,
      reason: 'cancelled',
      message: `${server.url('/tool.tar.gz')}: cancelled`,
    });
    assert.equal(server.seen.length, start);
  });

  test('a server that is down: refused connection named', async () => {
    const down = await startFileServer({});
    const url = down.url('/x');
    await down.stop();
    const result = await new Downloader().checksum(url);
    assert.deepEqual(result, { ok: false, reason: 'unreachable', message: `${url}: ${new URL(url).host} refused the connection` });
  });
});

describe('Downloader following a redirect to HTTPS on another server', () => {
  let dir: string | undefined;
  let secure: FileServer | undefined;
  let plain: FileServer | undefined;
  let ca = '';

  before(async () => {
    const openssl = OPENSSL_BINARY.find((p) => existsSync(p));
    if (!openssl) return;
    dir = mkdtempSync(join(tmpdir(), 'driftless-download-tls-'));
    const certs = makeCertificates(openssl, dir);
    ca = readFileSync(certs.caCert, 'utf8');
    secure = await startFileServer({ '/release.tar.gz': { body: 'release bytes' } }, { cert: readFileSync(certs.serverCert, 'utf8'), key: readFileSync(certs.serverKey, 'utf8') });
    plain = await startFileServer({ '/latest': { redirect: secure.url('/release.tar.gz') } });
  });
  after(async () => {
    await secure?.stop();
    await plain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('followed: the HTTPS server is asked, and its bytes hashed', async (t) => {
    if (!requireComponent(t, 'openssl', OPENSSL_BINARY) || !secure || !plain) return;
    const result = await new Downloader({ ca }).checksum(plain.url('/latest'));
    assert.deepEqual(result, { ok: true, url: secure.url('/release.tar.gz'), sha256: sha256('release bytes'), size: 13 });
    assert.deepEqual(secure.seen, [
      { method: 'HEAD', path: '/release.tar.gz' },
      { method: 'GET', path: '/release.tar.gz' },
    ]);
  });

  test('a certificate nobody vouches for: a TLS error, never skipped', async (t) => {
    if (!requireComponent(t, 'openssl', OPENSSL_BINARY) || !secure || !plain) return;
    const result = await new Downloader().checksum(plain.url('/latest'));
    assert.deepEqual(result, {
      ok: false,
      reason: 'tls',
      message: `${plain.url('/latest')}: TLS error talking to https://${new URL(secure.origin).host}: unable to verify the first certificate`,
    });
  });
});
