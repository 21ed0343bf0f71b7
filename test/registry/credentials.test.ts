import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CredentialStore } from '../../server/registry/credentials';

const dir = mkdtempSync(join(tmpdir(), 'driftless-creds-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function store(config: unknown, name: string): { store: CredentialStore; path: string } {
  const configDir = join(dir, name);
  mkdirSync(configDir);
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config));
  return { store: new CredentialStore({ configDir, helperTimeoutMs: 5_000 }), path: join(configDir, 'config.json') };
}

describe('Docker credentials', () => {
  test('Docker Hub is found under https://index.docker.io/v1/', async () => {
    const { store: s, path } = store({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('eve:tok:en').toString('base64') } } }, 'hub');
    const found = await s.lookup('docker.io');
    assert.deepEqual(found, {
      credential: { username: 'eve', secret: 'tok:en', identityToken: false, source: `auths in ${path}` },
      tried: [`auths in ${path}`],
    });
  });

  test('a helper is asked for Docker Hub by its server URL on stdin; <token> means an identity token', async (t) => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const helper = join(bin, 'docker-credential-hubtest');
    writeFileSync(helper, '#!/bin/sh\nread -r url\n[ "$url" = "https://index.docker.io/v1/" ] || exit 3\necho \'{"Username":"<token>","Secret":"refresh-me"}\'\n');
    chmodSync(helper, 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${delimiter}${saved ?? ''}`;
    t.after(() => {
      process.env.PATH = saved;
    });
    const { store: s, path } = store({ credHelpers: { 'index.docker.io': 'hubtest' } }, 'hub-helper');
    const source = `docker-credential-hubtest (credHelpers in ${path})`;
    assert.deepEqual(await s.lookup('docker.io'), {
      credential: { username: '', secret: 'refresh-me', identityToken: true, source },
      tried: [source],
    });
  });

  test('an auth entry that is not user:password is named, not used', async () => {
    const { store: s, path } = store({ auths: { 'ghcr.io': { auth: Buffer.from('no-colon').toString('base64') } } }, 'bad-auth');
    assert.deepEqual(await s.lookup('ghcr.io'), { tried: [`auths in ${path}: \`auth\` is not base64 of user:password`] });
  });
});
