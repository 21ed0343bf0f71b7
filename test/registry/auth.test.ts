import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { createResolver, type ResolveResult } from '../../server/registry';
import { findRegistryBinary, REGISTRY_BINARY, removeStorage, seededStorage, singleImage, startRegistry, type RunningRegistry } from '../support/registry';
import { HTPASSWD_BINARY, makeCertificates, OPENSSL_BINARY, startTokenServer, writeHtpasswd, type TokenServer } from '../support/registry-auth';
import { requireComponent } from '../support/requirements';

const image = singleImage('private/app', '1.0', 'docker');
const SERVICE = 'driftless-test-registry';
const ISSUER = 'driftless-test-issuer';

interface Setup {
  dir: string;
  storage: string;
  basic: RunningRegistry;
  bearer: RunningRegistry;
  bearerTokens: TokenServer;
  anonymous: RunningRegistry;
  anonymousTokens: TokenServer;
  elsewhere: RunningRegistry;
  elsewhereTokens: TokenServer;
}

function requireAll(t: TestContext): boolean {
  return Boolean(
    requireComponent(t, 'docker-registry', REGISTRY_BINARY) &&
      requireComponent(t, 'htpasswd (apache2-utils)', HTPASSWD_BINARY) &&
      requireComponent(t, 'openssl', OPENSSL_BINARY),
  );
}

/** A Docker config folder holding `config`. */
function dockerConfig(setup: Setup, name: string, config: unknown): string {
  const dir = join(setup.dir, 'docker', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

function basicAuth(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}

function ok(result: ResolveResult): string {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.digest;
}

describe('registry authentication against a real registry', () => {
  let setup: Setup | undefined;

  before(async () => {
    const binary = findRegistryBinary();
    const openssl = OPENSSL_BINARY.find((p) => existsSync(p));
    const htpasswd = HTPASSWD_BINARY.find((p) => existsSync(p));
    if (!binary || !openssl || !htpasswd) return;
    const dir = mkdtempSync(join(tmpdir(), 'driftless-auth-'));
    const certs = makeCertificates(openssl, dir);
    const storage = await seededStorage(binary, [image]);
    const passwords = join(dir, 'htpasswd');
    writeHtpasswd(htpasswd, passwords, { alice: 's3cret' });
    const tokenServer = (anonymousPull: boolean, hostname?: string, accessTokenField?: boolean, denied?: string[]): Promise<TokenServer> =>
      startTokenServer({
        issuer: ISSUER,
        service: SERVICE,
        certificate: certs.tokenCert,
        key: certs.tokenKey,
        users: { bob: 'hunter2' },
        refreshTokens: { 'refresh-for-bob': 'bob' },
        anonymousPull,
        hostname,
        accessTokenField,
        denied,
      });
    const tokenRegistry = (server: TokenServer): Promise<RunningRegistry> =>
      startRegistry(binary, { storageDir: storage, auth: { token: { realm: server.realm, service: SERVICE, issuer: ISSUER, rootCertBundle: certs.tokenCert } } });
    const bearerTokens = await tokenServer(false);
    const anonymousTokens = await tokenServer(true, undefined, true, ['private/secret']);
    const elsewhereTokens = await tokenServer(false, 'localhost');
    setup = {
      dir,
      storage,
      basic: await startRegistry(binary, { storageDir: storage, auth: { htpasswd: passwords } }),
      bearer: await tokenRegistry(bearerTokens),
      bearerTokens,
      anonymous: await tokenRegistry(anonymousTokens),
      anonymousTokens,
      elsewhere: await tokenRegistry(elsewhereTokens),
      elsewhereTokens,
    };
  });

  after(async () => {
    if (!setup) return;
    for (const registry of [setup.basic, setup.bearer, setup.anonymous, setup.elsewhere]) await registry.stop();
    for (const server of [setup.bearerTokens, setup.anonymousTokens, setup.elsewhereTokens]) await server.stop();
    removeStorage(setup.storage);
    rmSync(setup.dir, { recursive: true, force: true });
  });

  const ref = (registry: RunningRegistry): string => `${registry.host}/${image.repository}:${image.tag}`;

  describe('Basic (htpasswd)', () => {
    test('credentials from config.json auths', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'basic-auths', { auths: { [setup.basic.host]: { auth: basicAuth('alice', 's3cret') } } });
      assert.equal(ok(await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic))), image.manifest.digest);
    });

    test('auths keyed by URL (https://host/) match the registry', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'basic-url-key', { auths: { [`https://${setup.basic.host}/v2/`]: { auth: basicAuth('alice', 's3cret') } } });
      assert.equal(ok(await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic))), image.manifest.digest);
    });

    test('no credentials: says where it looked', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = join(setup.dir, 'docker', 'none');
      const result = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic));
      assert.deepEqual(result, {
        ok: false,
        reason: 'unauthorized',
        message: `${ref(setup.basic)}: ${setup.basic.host} requires credentials for private/app; none found (tried no ${join(configDir, 'config.json')})`,
      });
    });

    test('wrong password: names the credential source, never the password', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'basic-wrong', { auths: { [setup.basic.host]: { auth: basicAuth('alice', 'wrong-password') } } });
      const result = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic));
      assert.deepEqual(result, {
        ok: false,
        reason: 'unauthorized',
        message: `${ref(setup.basic)}: ${setup.basic.host} rejected Basic credentials from auths in ${join(configDir, 'config.json')} for private/app (HTTP 401)`,
      });
      assert.doesNotMatch(JSON.stringify(result), /wrong-password/);
    });

    test('credentials from a credHelpers docker-credential-<name> on PATH', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'basic-helper', { credHelpers: { [setup.basic.host]: 'drifttest' } });
      withHelper(t, setup, 'drifttest', `read -r host
if [ "$host" = "${setup.basic.host}" ]; then
  printf '{"ServerURL":"%s","Username":"alice","Secret":"s3cret"}' "$host"
else
  echo "credentials not found in native keychain"; exit 1
fi`);
      assert.equal(ok(await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic))), image.manifest.digest);
    });

    test('a credsStore that has nothing for the host falls back to auths', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'basic-store', {
        credsStore: 'emptystore',
        auths: { [setup.basic.host]: { auth: basicAuth('alice', 's3cret') } },
      });
      withHelper(t, setup, 'emptystore', 'echo "credentials not found in native keychain"; exit 1');
      assert.equal(ok(await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic))), image.manifest.digest);
    });

    test('a helper that hangs is stopped after its timeout, and the message says so', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'basic-hang', { credHelpers: { [setup.basic.host]: 'hangs' } });
      withHelper(t, setup, 'hangs', 'sleep 30');
      const path = join(configDir, 'config.json');
      const result = await createResolver({ cache: false, dockerConfigDir: configDir, helperTimeoutMs: 300 }).resolve(ref(setup.basic));
      assert.deepEqual(result, {
        ok: false,
        reason: 'unauthorized',
        message: `${ref(setup.basic)}: ${setup.basic.host} requires credentials for private/app; none found (tried docker-credential-hangs (credHelpers in ${path}): no answer within 300 ms; auths in ${path}: no entry for ${setup.basic.host})`,
      });
    });

    test('a helper missing from PATH is named', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'basic-missing-helper', { credsStore: 'nosuchhelper' });
      const path = join(configDir, 'config.json');
      const result = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic));
      assert.equal(result.ok, false);
      assert.equal(
        result.ok ? '' : result.message,
        `${ref(setup.basic)}: ${setup.basic.host} requires credentials for private/app; none found (tried docker-credential-nosuchhelper (credsStore in ${path}): not found on PATH; auths in ${path}: no entry for ${setup.basic.host})`,
      );
    });

    test('a config.json that is not JSON is reported, not ignored', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'broken', '{"auths": {');
      const result = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.basic));
      assert.equal(result.ok, false);
      assert.equal(result.ok ? '' : result.reason, 'credentials-error');
      assert.equal(result.ok ? '' : result.message, `${ref(setup.basic)}: ${join(configDir, 'config.json')} is not valid JSON (line 1, column 12)`);
    });
  });

  describe('Bearer (token server, full challenge flow)', () => {
    test('credentials from config.json go to the token server; the token is cached for the repository', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'bearer-auths', { auths: { [setup.bearer.host]: { auth: basicAuth('bob', 'hunter2') } } });
      const resolver = createResolver({ cache: false, dockerConfigDir: configDir });
      const before = setup.bearerTokens.requests.length;
      assert.equal(ok(await resolver.resolve(ref(setup.bearer))), image.manifest.digest);
      assert.equal(ok(await resolver.resolve(ref(setup.bearer))), image.manifest.digest);
      assert.deepEqual(setup.bearerTokens.requests.slice(before), [
        { method: 'GET', withCredentials: true, scope: 'repository:private/app:pull', service: SERVICE },
      ]);
    });

    test('an identity token (OAuth refresh token) is exchanged with a POST', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'bearer-identity', { auths: { [setup.bearer.host]: { identitytoken: 'refresh-for-bob' } } });
      const before = setup.bearerTokens.requests.length;
      assert.equal(ok(await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.bearer))), image.manifest.digest);
      assert.deepEqual(setup.bearerTokens.requests.slice(before), [
        { method: 'POST', withCredentials: true, scope: 'repository:private/app:pull', service: SERVICE },
      ]);
    });

    test('wrong credentials: the token server refusal names the source', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'bearer-wrong', { auths: { [setup.bearer.host]: { auth: basicAuth('bob', 'not-it') } } });
      const result = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.bearer));
      const origin = new URL(setup.bearerTokens.realm).origin;
      assert.deepEqual(result, {
        ok: false,
        reason: 'unauthorized',
        message: `${ref(setup.bearer)}: the token server ${origin} refused credentials from auths in ${join(configDir, 'config.json')} (HTTP 401)`,
      });
    });

    test('anonymous pull where the token server allows it (access_token answer)', async (t) => {
      if (!requireAll(t) || !setup) return;
      const before = setup.anonymousTokens.requests.length;
      const result = await createResolver({ cache: false, dockerConfigDir: join(setup.dir, 'docker', 'none') }).resolve(ref(setup.anonymous));
      assert.equal(ok(result), image.manifest.digest);
      assert.deepEqual(setup.anonymousTokens.requests.slice(before), [
        { method: 'GET', withCredentials: false, scope: 'repository:private/app:pull', service: SERVICE },
      ]);
    });

    test('a token without access to the repository: the registry refuses it, and the message says what to check', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configPath = join(setup.dir, 'docker', 'none', 'config.json');
      const reference = `${setup.anonymous.host}/private/secret:1`;
      assert.deepEqual(await createResolver({ cache: false, dockerConfigDir: join(setup.dir, 'docker', 'none') }).resolve(reference), {
        ok: false,
        reason: 'unauthorized',
        message: `${reference}: ${setup.anonymous.host} rejected a token obtained with an anonymous request (no credentials for ${setup.anonymous.host}; tried no ${configPath}) for private/secret (HTTP 401): the repository may not exist, or needs other credentials`,
      });
    });

    test('credentials are not sent over plain HTTP to a token realm on another host', async (t) => {
      if (!requireAll(t) || !setup) return;
      const configDir = dockerConfig(setup, 'bearer-elsewhere', { auths: { [setup.elsewhere.host]: { auth: basicAuth('bob', 'hunter2') } } });
      const before = setup.elsewhereTokens.requests.length;
      const result = await createResolver({ cache: false, dockerConfigDir: configDir }).resolve(ref(setup.elsewhere));
      const realm = new URL(setup.elsewhereTokens.realm);
      assert.deepEqual(result, {
        ok: false,
        reason: 'unauthorized',
        message: `${ref(setup.elsewhere)}: the token server ${realm.origin} refused an anonymous request (credentials from auths in ${join(configDir, 'config.json')} not sent to ${realm.host}: the challenge naming it came over plain HTTP from ${setup.elsewhere.host}) (HTTP 401)`,
      });
      assert.deepEqual(
        setup.elsewhereTokens.requests.slice(before).map((r) => r.withCredentials),
        [false],
      );
    });
  });
});

/** Puts an executable `docker-credential-<name>` shell script first on PATH for this test. */
function withHelper(t: TestContext, setup: Setup, name: string, body: string): void {
  const bin = join(setup.dir, `bin-${name}`);
  mkdirSync(bin, { recursive: true });
  const script = join(bin, `docker-credential-${name}`);
  writeFileSync(script, `#!/bin/sh\n${body}\n`);
  chmodSync(script, 0o755);
  const saved = process.env.PATH;
  process.env.PATH = `${bin}${delimiter}${saved ?? ''}`;
  t.after(() => {
    process.env.PATH = saved;
  });
}
