import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { MessageType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { startFileServer, type FileServer } from '../support/file-server';
import { TestClient } from './client';
import { TempWorkspace } from './workspace';

const COMMAND = 'driftless.pinDownloadChecksum';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const noRegistry = async () => ({ ok: false as const, message: 'no registry in this test' });

function downloadDiagnostic(diagnostics: Diagnostic[]): Diagnostic {
  const found = diagnostics.find((d) => d.code === 'remote-unverified');
  assert.ok(found, 'a remote-unverified diagnostic');
  return found;
}

async function pinAction(client: TestClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction> {
  const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
  const pin = actions.find((a) => a.title === 'Pin download to its checksum');
  assert.ok(pin, `no checksum pin among ${actions.map((a) => a.title).join(', ')}`);
  return pin;
}

/** Opens `text` as `name`, picks "Pin download to its checksum" on its download and runs its command. */
async function runPin(client: TestClient, ws: TempWorkspace, name: string, text: string): Promise<void> {
  const opened = await client.open(ws.path(name), text, 'dockerfile');
  const pin = await pinAction(client, ws.uri(name), downloadDiagnostic(opened.diagnostics));
  assert.equal(pin.edit, undefined, 'nothing is downloaded to show the menu');
  assert.equal(pin.command?.command, COMMAND);
  await client.executeCommand(COMMAND, pin.command?.arguments ?? []);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.ok(condition(), `timed out waiting for ${what}`);
}

describe('"Pin download to its checksum" in the editor (a file server on loopback)', () => {
  let server: FileServer;
  let ws: TempWorkspace;
  let client: TestClient;

  before(async () => {
    server = await startFileServer({
      '/tool.tar.gz': { body: 'the tool, 26 bytes long..\n' },
      '/gone.tar.gz': { status: 404 },
      '/stalls.bin': { declaredSize: 4 * 1024 * 1024, bytes: 64 * 1024, then: 'stall' },
      '/slow.sh': { slowBody: 'echo slow\n', pieces: 5, delayMs: 200 },
      '/big.bin': { size: 3 * 1024 * 1024 },
    });
    ws = new TempWorkspace({ 'limited/.driftless.yaml': 'downloadLimit: 1MiB\n' });
    client = await TestClient.inProcess(noRegistry, { root: ws.root });
  });
  after(async () => {
    await client.dispose();
    await server.stop();
    ws.remove();
  });

  test('asks with the size from a HEAD, downloads with progress, and writes the checksum into the version linted', async () => {
    const url = server.url('/tool.tar.gz');
    const text = `FROM scratch\nADD ${url} /tool.tar.gz\n`;
    client.answer = () => 'Download';
    const asked = client.questions.length;
    const start = server.seen.length;
    await runPin(client, ws, 'Dockerfile', text);
    assert.equal(client.text(ws.uri('Dockerfile')), `FROM scratch\nADD --checksum=sha256:${sha256('the tool, 26 bytes long..\n')} ${url} /tool.tar.gz\n`);
    assert.deepEqual(
      client.questions.slice(asked).map((q) => [q.type, q.message, q.actions?.map((a) => a.title)]),
      [[MessageType.Info, `Driftless: download ${url} (26 bytes) to pin it to the sha256 of its bytes?`, ['Download', 'Cancel']]],
    );
    assert.equal(server.seen[start].method, 'HEAD', 'the size is learnt before anything is downloaded');
    assert.ok(server.seen.slice(start).some((r) => r.method === 'GET'));
    const begun = client.progress.find((p) => p.value.kind === 'begin' && p.value.message === url);
    assert.ok(begun, 'a progress notification names the URL');
    assert.equal(begun.value.cancellable, true);
    assert.ok(client.progress.some((p) => p.token === begun.token && p.value.kind === 'end'));
    const relinted = await client.nextDiagnostics(ws.uri('Dockerfile'), (p) => p.version === 2);
    assert.deepEqual(relinted.diagnostics.filter((d) => d.code === 'remote-unverified'), []);
    await client.close(ws.uri('Dockerfile'));
  });

  test('dismissing the question downloads nothing and changes nothing', async () => {
    const text = `FROM scratch\nADD ${server.url('/big.bin')} /big.bin\n`;
    client.answer = () => undefined;
    const start = server.seen.length;
    const edits = client.appliedEdits.length;
    await runPin(client, ws, 'dismissed.Dockerfile', text);
    assert.equal(client.text(ws.uri('dismissed.Dockerfile')), text);
    assert.deepEqual(server.seen.slice(start), [{ method: 'HEAD', path: '/big.bin' }]);
    assert.equal(client.appliedEdits.length, edits);
    assert.match(client.questions[client.questions.length - 1].message, /\(3 MiB\) to pin it/);
    await client.close(ws.uri('dismissed.Dockerfile'));
  });

  test('a 404 is an error naming the URL, before any question; the file is untouched', async () => {
    const text = `FROM scratch\nADD ${server.url('/gone.tar.gz')} /gone\n`;
    const asked = client.questions.length;
    await runPin(client, ws, 'gone.Dockerfile', text);
    const shown = await client.message((m) => m.message.includes('/gone.tar.gz'));
    assert.deepEqual(shown, { type: MessageType.Error, message: `Driftless: could not pin ${server.url('/gone.tar.gz')}: not found (HTTP 404). The file was not changed.` });
    assert.equal(client.questions.length, asked);
    assert.equal(client.text(ws.uri('gone.Dockerfile')), text);
    await client.close(ws.uri('gone.Dockerfile'));
  });

  test("over the .driftless.yaml downloadLimit: refused from the HEAD's size, before any question", async () => {
    const text = `FROM scratch\nADD ${server.url('/big.bin')} /big.bin\n`;
    const asked = client.questions.length;
    const start = server.seen.length;
    await runPin(client, ws, 'limited/Dockerfile', text);
    const shown = await client.message((m) => m.message.includes('over the download limit'));
    assert.deepEqual(shown, { type: MessageType.Error, message: `Driftless: could not pin ${server.url('/big.bin')}: 3 MiB, over the download limit of 1 MiB. The file was not changed.` });
    assert.equal(client.questions.length, asked);
    assert.deepEqual(server.seen.slice(start), [{ method: 'HEAD', path: '/big.bin' }]);
    assert.equal(client.text(ws.uri('limited/Dockerfile')), text);
    await client.close(ws.uri('limited/Dockerfile'));
  });

  test('Cancel on the progress notification stops the download; the file is untouched', async () => {
    const url = server.url('/stalls.bin');
    const text = `FROM scratch\nADD ${url} /stalls.bin\n`;
    client.answer = () => 'Download';
    const seen = client.progress.length;
    const opened = await client.open(ws.path('cancel.Dockerfile'), text, 'dockerfile');
    const pin = await pinAction(client, ws.uri('cancel.Dockerfile'), downloadDiagnostic(opened.diagnostics));
    const running = client.executeCommand(COMMAND, pin.command?.arguments ?? []);
    await until(() => client.progress.slice(seen).some((p) => p.value.kind === 'begin'), 'the progress to begin');
    const begun = client.progress.slice(seen).find((p) => p.value.kind === 'begin');
    assert.ok(begun);
    await client.cancelProgress(begun.token);
    await running;
    const shown = await client.message((m) => m.message.includes('was cancelled'));
    assert.deepEqual(shown, { type: MessageType.Info, message: `Driftless: not pinned: the download of ${url} was cancelled. The file was not changed.` });
    assert.equal(client.text(ws.uri('cancel.Dockerfile')), text);
    await client.close(ws.uri('cancel.Dockerfile'));
  });

  test('the document changed during the download: nothing is written into the new text', async () => {
    const url = server.url('/slow.sh');
    const text = `FROM scratch\nADD ${url} /slow.sh\n`;
    client.answer = () => 'Download';
    const seen = client.progress.length;
    const edits = client.appliedEdits.length;
    const opened = await client.open(ws.path('edited.Dockerfile'), text, 'dockerfile');
    const pin = await pinAction(client, ws.uri('edited.Dockerfile'), downloadDiagnostic(opened.diagnostics));
    const running = client.executeCommand(COMMAND, pin.command?.arguments ?? []);
    await until(() => client.progress.slice(seen).some((p) => p.value.kind === 'begin'), 'the progress to begin');
    const typed = `${text}RUN true\n`;
    await client.change(ws.uri('edited.Dockerfile'), [{ text: typed }]);
    await client.nextDiagnostics(ws.uri('edited.Dockerfile'), (p) => p.version === 2);
    await running;
    const shown = await client.message((m) => m.message.includes('changed while'));
    assert.deepEqual(shown, { type: MessageType.Error, message: `Driftless: not pinned: the file changed while ${url} was downloading; try again.` });
    assert.equal(client.text(ws.uri('edited.Dockerfile')), typed);
    assert.equal(client.appliedEdits.length, edits);
    await client.close(ws.uri('edited.Dockerfile'));
  });
});

describe('"Pin download to its checksum" in an untrusted workspace', () => {
  test('no request reaches the server; the message says how to allow lookups', async () => {
    const server = await startFileServer({ '/tool.tar.gz': { body: 'tool' } });
    const ws = new TempWorkspace();
    const client = await TestClient.inProcess(noRegistry, { root: ws.root, initializationOptions: { workspaceTrusted: false } });
    try {
      const text = `FROM scratch\nADD ${server.url('/tool.tar.gz')} /tool.tar.gz\n`;
      client.answer = () => 'Download';
      await runPin(client, ws, 'Dockerfile', text);
      const shown = await client.message((m) => m.type === MessageType.Error);
      assert.equal(
        shown.message,
        'Driftless: not pinned: network lookups are off in an untrusted workspace (trust the workspace, or allow them with the setting driftless.pinning.allowInUntrustedWorkspace).',
      );
      assert.deepEqual(server.seen, []);
      assert.equal(client.text(ws.uri('Dockerfile')), text);
    } finally {
      await client.dispose();
      await server.stop();
      ws.remove();
    }
  });
});
