import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generatedSha256, startFileServer, type FileServer } from '../support/file-server';
import { makeCertificates, OPENSSL_BINARY } from '../support/registry-auth';
import { runBuiltCli as driftless } from '../support/cli-child';
import { requireComponent } from '../support/requirements';
import { tempTreesForSuite } from '../support/temp-tree';

const MiB = 1024 * 1024;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');


const lines = (...l: string[]): string => [...l, ''].join('\n');

describe('driftless --pin: downloads pinned to their checksums (built CLI, a file server on loopback)', () => {
  let server: FileServer;

  const project = tempTreesForSuite('driftless-checksum-cli-');
  const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

  before(async () => {
    server = await startFileServer({
      '/tini': { body: 'tini binary\n' },
      '/node.tar.xz': { body: 'node release\n' },
      '/app.tar.gz': { body: 'app release\n' },
      '/jq': { body: 'jq binary\n' },
      '/large.bin': { size: 40 * MiB },
      '/slow.sh': { slowBody: 'echo installed\n', pieces: 5, delayMs: 150 },
      '/to-http': { redirect: 'http://downloads.example.com/tool.tar.gz' },
      '/two-mib.bin': { size: 2 * MiB },
    });
  });
  after(async () => {
    await server.stop();
  });

  test('every kind of file: the checksum written where each tool reads it, one line per download, exit 0', async () => {
    const url = (path: string): string => server.url(path);
    const dir = project({
      Dockerfile: lines('FROM scratch', `ADD ${url('/tini')} /tini`, `ADD ${url('/large.bin')} /data/large.bin`),
      'playbook.yml': lines('- hosts: all', '  tasks:', '    - get_url:', `        url: ${url('/node.tar.xz')}`, '        dest: /opt/node.tar.xz'),
      'cookbooks/app/metadata.rb': "name 'app'\n",
      'cookbooks/app/recipes/default.rb': lines("remote_file '/opt/app.tar.gz' do", `  source '${url('/app.tar.gz')}'`, 'end'),
      'manifests/init.pp': lines("file { '/usr/local/bin/jq':", `  source => '${url('/jq')}',`, '}'),
    });
    const run = await driftless(['--pin', '--failure-threshold', 'none', '.'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(read(dir, 'Dockerfile'), lines('FROM scratch', `ADD --checksum=sha256:${sha256('tini binary\n')} ${url('/tini')} /tini`, `ADD --checksum=sha256:${generatedSha256(40 * MiB)} ${url('/large.bin')} /data/large.bin`));
    assert.equal(
      read(dir, 'playbook.yml'),
      lines('- hosts: all', '  tasks:', '    - get_url:', `        url: ${url('/node.tar.xz')}`, `        checksum: "sha256:${sha256('node release\n')}"`, '        dest: /opt/node.tar.xz'),
    );
    assert.equal(read(dir, 'cookbooks/app/recipes/default.rb'), lines("remote_file '/opt/app.tar.gz' do", `  source '${url('/app.tar.gz')}'`, `  checksum '${sha256('app release\n')}'`, 'end'));
    assert.equal(read(dir, 'manifests/init.pp'), lines("file { '/usr/local/bin/jq':", `  source         => '${url('/jq')}',`, "  checksum       => 'sha256',", `  checksum_value => '${sha256('jq binary\n')}',`, '}'));
    const pinned = run.stdout.split('\n').filter((l) => /^[^ ]+:\d+: pinned /.test(l) || l.startsWith('pinned '));
    assert.deepEqual(pinned, [
      `Dockerfile:2: pinned ${url('/tini')} to sha256:${sha256('tini binary\n')}`,
      `Dockerfile:3: pinned ${url('/large.bin')} to sha256:${generatedSha256(40 * MiB)}`,
      `cookbooks/app/recipes/default.rb:2: pinned ${url('/app.tar.gz')} to sha256:${sha256('app release\n')}`,
      `manifests/init.pp:2: pinned ${url('/jq')} to sha256:${sha256('jq binary\n')}`,
      `playbook.yml:4: pinned ${url('/node.tar.xz')} to sha256:${sha256('node release\n')}`,
      'pinned 5 of 5 references',
    ]);
    const again = await driftless(['--pin', '.'], dir);
    assert.equal(again.status, 0, again.stdout);
    assert.match(again.stdout, /^nothing to pin$/m, 'pinned downloads are no findings any more');
  });

  test('a slow server that gets there: pinned', async () => {
    const text = lines('FROM scratch', `ADD ${server.url('/slow.sh')} /slow.sh`);
    const dir = project({ Dockerfile: text });
    const run = await driftless(['--pin', 'Dockerfile'], dir);
    assert.equal(run.status, 0, run.stdout);
    assert.equal(read(dir, 'Dockerfile'), text.replace('ADD ', `ADD --checksum=sha256:${sha256('echo installed\n')} `));
  });

  test('404, a redirect to plain HTTP, a URL built from variables: nothing written, each line says why, exit 1', async () => {
    const text = lines(
      'FROM scratch',
      'ARG V=1',
      `ADD ${server.url('/gone.tar.gz')} /gone`,
      `ADD ${server.url('/to-http')} /tool`,
      `ADD ${server.url('/tools/${V}/x')} /x`,
      `ADD ${server.url('/tini')} /tini`,
    );
    const dir = project({ Dockerfile: text });
    const run = await driftless(['--pin', 'Dockerfile'], dir);
    assert.equal(run.status, 1);
    assert.equal(read(dir, 'Dockerfile'), text.replace(`ADD ${server.url('/tini')}`, `ADD --checksum=sha256:${sha256('tini binary\n')} ${server.url('/tini')}`), 'only the download that resolved is written');
    const pinLines = run.stdout.split('\n').filter((l) => /^Dockerfile:\d+: (pinned|not pinned:) /.test(l));
    assert.deepEqual(pinLines, [
      `Dockerfile:3: not pinned: ${server.url('/gone.tar.gz')}: not found (HTTP 404)`,
      `Dockerfile:4: not pinned: ${server.url('/to-http')}: redirects to http://downloads.example.com/tool.tar.gz, which is not HTTPS (plain HTTP is allowed to loopback only)`,
      `Dockerfile:5: not pinned: ${server.url('/tools/${V}/x')}: the URL is built from variables`,
      `Dockerfile:6: pinned ${server.url('/tini')} to sha256:${sha256('tini binary\n')}`,
    ]);
    assert.match(run.stdout, /^pinned 1 of 4 references$/m);
  });

  test('over the size cap (--download-limit, or downloadLimit in .driftless.yaml): refused after the HEAD, file untouched', async () => {
    const text = lines('FROM scratch', `ADD ${server.url('/two-mib.bin')} /data.bin`);
    const dir = project({ Dockerfile: text });
    const start = server.seen.length;
    const run = await driftless(['--pin', '--download-limit', '1MiB', 'Dockerfile'], dir);
    assert.equal(run.status, 1);
    assert.equal(read(dir, 'Dockerfile'), text);
    assert.match(run.stdout, new RegExp(`^Dockerfile:2: not pinned: ${server.url('/two-mib.bin').replace(/[.]/g, '\\.')}: 2 MiB, over the download limit of 1 MiB$`, 'm'));
    assert.deepEqual(server.seen.slice(start), [{ method: 'HEAD', path: '/two-mib.bin' }], 'not a byte of the body was asked for');

    const configured = project({ Dockerfile: text, '.driftless.yaml': 'downloadLimit: 1.5MiB\n' });
    const byConfig = await driftless(['--pin', 'Dockerfile'], configured);
    assert.equal(byConfig.status, 1);
    assert.equal(read(configured, 'Dockerfile'), text);
    assert.match(byConfig.stdout, /: 2 MiB, over the download limit of 1\.5 MiB$/m);

    const raised = await driftless(['--pin', '--download-limit', '3MiB', 'Dockerfile'], configured);
    assert.equal(raised.status, 0, raised.stdout);
    assert.equal(read(configured, 'Dockerfile'), text.replace('ADD ', `ADD --checksum=sha256:${generatedSha256(2 * MiB)} `));
  });

  test('a bad --download-limit is a usage error', async () => {
    const dir = project({ Dockerfile: 'FROM scratch\n' });
    const run = await driftless(['--pin', '--download-limit', 'lots', 'Dockerfile'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--download-limit must be a size such as 1GiB, 500MB or 1048576 \(bytes\) \(got 'lots'\)/);
  });
});

describe('driftless --pin following a redirect to HTTPS on another server', () => {
  let dir: string | undefined;
  let secure: FileServer | undefined;
  let plain: FileServer | undefined;
  let caFile = '';

  before(async () => {
    const openssl = OPENSSL_BINARY.find((p) => existsSync(p));
    if (!openssl) return;
    dir = mkdtempSync(join(tmpdir(), 'driftless-checksum-tls-'));
    const certs = makeCertificates(openssl, dir);
    caFile = certs.caCert;
    secure = await startFileServer({ '/v2/tool.tar.gz': { body: 'tool v2\n' } }, { cert: readFileSync(certs.serverCert, 'utf8'), key: readFileSync(certs.serverKey, 'utf8') });
    plain = await startFileServer({ '/latest/tool.tar.gz': { redirect: secure.url('/v2/tool.tar.gz') } });
  });
  after(async () => {
    await secure?.stop();
    await plain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the CA trusted through NODE_EXTRA_CA_CERTS: the bytes behind the redirect are pinned; untrusted: a TLS error, file untouched', async (t) => {
    if (!requireComponent(t, 'openssl', OPENSSL_BINARY) || !secure || !plain || !dir) return;
    const text = lines('FROM scratch', `ADD ${plain.url('/latest/tool.tar.gz')} /tool.tar.gz`);
    writeFileSync(join(dir, 'Dockerfile'), text);
    const untrusted = await driftless(['--pin', 'Dockerfile'], dir);
    assert.equal(untrusted.status, 1);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.match(untrusted.stdout, new RegExp(`: TLS error talking to https://${new URL(secure.origin).host.replace(/[.]/g, '\\.')}: unable to verify the first certificate$`, 'm'));

    const trusted = await driftless(['--pin', 'Dockerfile'], dir, { NODE_EXTRA_CA_CERTS: caFile });
    assert.equal(trusted.status, 0, trusted.stdout + trusted.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text.replace('ADD ', `ADD --checksum=sha256:${sha256('tool v2\n')} `));
  });
});
