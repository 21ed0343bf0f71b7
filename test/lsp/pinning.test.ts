import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MessageType, type CodeAction, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { findRegistryBinary, REGISTRY_BINARY, removeStorage, seedImages, startRegistry, standardImages, type RunningRegistry } from '../support/registry';
import { fakeServer } from '../support/fake-registry';
import { requireComponent } from '../support/requirements';
import { TestClient } from './client';
import { TempWorkspace } from './workspace';

const PIN_ALL = 'source.pinDigests.driftless';

function pinAction(actions: CodeAction[]): CodeAction {
  const pin = actions.find((a) => a.title.startsWith('Pin ') && a.title.endsWith(' to digest'));
  assert.ok(pin, `no pin action among ${actions.map((a) => a.title).join(', ')}`);
  return pin;
}

function imageDiagnostic(diagnostics: Diagnostic[]): Diagnostic {
  const found = diagnostics.find((d) => d.code === 'image-digest-missing' || d.code === 'image-latest-tag');
  assert.ok(found, 'no image finding');
  return found;
}

describe('"Pin to digest" against a real registry (Debian docker-registry)', () => {
  const images = standardImages();
  let registry: RunningRegistry | undefined;
  let ws: TempWorkspace;
  let client: TestClient;
  let host: string;

  before(async () => {
    const binary = findRegistryBinary();
    if (!binary) return;
    registry = await startRegistry(binary);
    await seedImages(registry.origin, [images.ociIndex, images.dockerSingle]);
    host = registry.host;
    ws = new TempWorkspace();
    client = await TestClient.spawn({ root: ws.root });
  });
  after(async () => {
    if (!registry) return;
    await client.dispose();
    await registry.stop();
    removeStorage(registry.storageDir);
    ws.remove();
  });

  test('the menu offers the pin without a lookup; picking it writes the index digest and keeps the tag', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !registry) return;
    const text = `FROM ${host}/oci/multi:1.0 AS build\nRUN true\n`;
    const opened = await client.open(ws.path('Dockerfile'), text, 'dockerfile');
    const diagnostic = imageDiagnostic(opened.diagnostics);
    const actions = await client.codeActions(ws.uri('Dockerfile'), diagnostic.range, [diagnostic]);
    const pin = pinAction(actions);
    assert.equal(pin.title, `Pin ${host}/oci/multi:1.0 to digest`);
    assert.equal(pin.edit, undefined, 'the registry is asked only when the user picks the action');
    const resolved = await client.resolve(pin);
    assert.ok(resolved.edit);
    await client.apply(resolved.edit);
    assert.equal(client.text(ws.uri('Dockerfile')), `FROM ${host}/oci/multi:1.0@${images.ociIndex.manifest.digest} AS build\nRUN true\n`);
    const after = await client.nextDiagnostics(ws.uri('Dockerfile'), (p) => p.version === 2);
    assert.equal(after.diagnostics.filter((d) => String(d.code).startsWith('image-')).length, 0);

    const hover = await client.connection.sendRequest<{ contents: MarkupContent } | null>('textDocument/hover', {
      textDocument: { uri: ws.uri('Dockerfile') },
      position: { line: 0, character: 8 },
    });
    assert.ok(hover);
    assert.match(hover.contents.value, new RegExp(`^\`${host}/oci/multi:1\\.0\` resolves to \`${images.ociIndex.manifest.digest}\` \\(looked up at \\d\\d:\\d\\d:\\d\\d UTC\\); the pinned digest is current\\.$`));
    await client.close(ws.uri('Dockerfile'));
  });

  test('"Pin all images in this file" pins every image in one edit', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !registry) return;
    const text = `FROM ${host}/oci/multi:1.0 AS build\nFROM ${host}/docker/single:3\nCOPY --from=build /a /a\n`;
    await client.open(ws.path('multi.Dockerfile'), text, 'dockerfile');
    const whole = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    const actions = await client.codeActions(ws.uri('multi.Dockerfile'), whole, [], [PIN_ALL]);
    assert.deepEqual(actions.map((a) => a.title), ['Pin all images in this file to digests']);
    const resolved = await client.resolve(actions[0]);
    assert.ok(resolved.edit);
    await client.apply(resolved.edit);
    assert.equal(
      client.text(ws.uri('multi.Dockerfile')),
      `FROM ${host}/oci/multi:1.0@${images.ociIndex.manifest.digest} AS build\nFROM ${host}/docker/single:3@${images.dockerSingle.manifest.digest}\nCOPY --from=build /a /a\n`,
    );
    await client.close(ws.uri('multi.Dockerfile'));
  });

  test('an unknown tag shows an error naming the image and changes nothing', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !registry) return;
    const text = `FROM ${host}/oci/multi:9.9\n`;
    const opened = await client.open(ws.path('unknown.Dockerfile'), text, 'dockerfile');
    const diagnostic = imageDiagnostic(opened.diagnostics);
    const resolved = await client.resolve(pinAction(await client.codeActions(ws.uri('unknown.Dockerfile'), diagnostic.range, [diagnostic])));
    assert.equal(resolved.edit, undefined);
    const shown = await client.message((m) => m.type === MessageType.Error && m.message.includes('oci/multi:9.9'));
    assert.match(shown.message, /^Driftless: could not pin .*oci\/multi:9\.9.*\. The file was not changed\.$/);
    assert.equal(client.text(ws.uri('unknown.Dockerfile')), text);
    await client.close(ws.uri('unknown.Dockerfile'));
  });

  test('with the registry stopped, the menu still opens; the pin fails with a message and no edit', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !registry) return;
    const stopped = await startRegistry(REGISTRY_BINARY[0]);
    const deadHost = stopped.host;
    await stopped.stop();
    removeStorage(stopped.storageDir);
    const text = `FROM ${deadHost}/oci/multi:1.0\n`;
    const opened = await client.open(ws.path('down.Dockerfile'), text, 'dockerfile');
    const diagnostic = imageDiagnostic(opened.diagnostics);
    const pin = pinAction(await client.codeActions(ws.uri('down.Dockerfile'), diagnostic.range, [diagnostic]));
    const resolved = await client.resolve(pin);
    assert.equal(resolved.edit, undefined);
    const shown = await client.message((m) => m.type === MessageType.Error && m.message.includes(deadHost));
    assert.match(shown.message, new RegExp(`^Driftless: could not pin ${deadHost.replace(/\./g, '\\.')}/oci/multi:1\\.0: .+\\. The file was not changed\\.$`));
    assert.equal(client.text(ws.uri('down.Dockerfile')), text);
    await client.close(ws.uri('down.Dockerfile'));
  });

  test('a token server answering a token with a line break: a clean message naming the image, no edit, the server goes on', async (t) => {
    if (!requireComponent(t, 'docker-registry', REGISTRY_BINARY) || !registry) return;
    let self = '';
    const hostile = await fakeServer((req, res) => {
      if (req.url?.startsWith('/token')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ token: 'abc\r\nX-Injected: yes' }));
        return;
      }
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${self}/token"` });
      res.end();
    });
    self = hostile.host;
    try {
      const text = `FROM ${hostile.host}/app:1\n`;
      const opened = await client.open(ws.path('hostile.Dockerfile'), text, 'dockerfile');
      const diagnostic = imageDiagnostic(opened.diagnostics);
      const resolved = await client.resolve(pinAction(await client.codeActions(ws.uri('hostile.Dockerfile'), diagnostic.range, [diagnostic])));
      assert.equal(resolved.edit, undefined);
      const shown = await client.message((m) => m.type === MessageType.Error && m.message.includes(hostile.host));
      assert.equal(
        shown.message,
        `Driftless: could not pin ${hostile.host}/app:1: the token server http://${hostile.host} answered with a token that cannot go in a header (spaces or control characters). The file was not changed.`,
      );
      assert.equal(client.text(ws.uri('hostile.Dockerfile')), text);
      pinAction(await client.codeActions(ws.uri('hostile.Dockerfile'), diagnostic.range, [diagnostic]));
      await client.close(ws.uri('hostile.Dockerfile'));
    } finally {
      await hostile.stop();
    }
  });
});

describe('pinning in an untrusted workspace', () => {
  test('no lookup without consent: the pin says why and edits nothing; with the user setting it resolves', async () => {
    const ws = new TempWorkspace();
    const lookups: string[] = [];
    const digest = `sha256:${'b'.repeat(64)}`;
    const client = await TestClient.inProcess(
      async (reference) => {
        lookups.push(reference);
        return { ok: true, digest };
      },
      { root: ws.root, initializationOptions: { workspaceTrusted: false } },
    );
    try {
      const text = 'FROM nginx:1.25\n';
      const uri = ws.uri('Dockerfile');
      const opened = await client.open(ws.path('Dockerfile'), text, 'dockerfile');
      const diagnostic = imageDiagnostic(opened.diagnostics);
      const refused = await client.resolve(pinAction(await client.codeActions(uri, diagnostic.range, [diagnostic])));
      assert.equal(refused.edit, undefined);
      const shown = await client.message((m) => m.type === MessageType.Error);
      assert.equal(
        shown.message,
        'Driftless: not pinned: network lookups are off in an untrusted workspace (trust the workspace, or allow them with the setting driftless.pinning.allowInUntrustedWorkspace).',
      );
      assert.deepEqual(lookups, []);

      const relinted = client.nextDiagnostics(uri);
      await client.changeSettings({ pinning: { allowInUntrustedWorkspace: true } });
      await relinted;
      const allowed = await client.resolve(pinAction(await client.codeActions(uri, diagnostic.range, [diagnostic])));
      assert.ok(allowed.edit);
      await client.apply(allowed.edit);
      assert.equal(client.text(uri), `FROM nginx:1.25@${digest}\n`);
      assert.deepEqual(lookups, ['nginx:1.25']);
    } finally {
      await client.dispose();
      ws.remove();
    }
  });
});
