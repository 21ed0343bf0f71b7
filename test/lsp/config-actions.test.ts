import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FileChangeType, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './client';
import { PLAYBOOK, TempWorkspace } from './workspace';

/** Applies a quick fix's workspace edit to files on disk, as an editor does for files it has not open, then saves. */
function applyToDisk(action: CodeAction): string[] {
  const written: string[] = [];
  for (const change of action.edit?.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      assert.equal(existsSync(fileURLToPath(change.uri)), false, 'a create never overwrites');
      writeFileSync(fileURLToPath(change.uri), '');
      continue;
    }
    const path = fileURLToPath(change.textDocument.uri);
    const doc = TextDocument.create(change.textDocument.uri, 'yaml', 0, readFileSync(path, 'utf8'));
    writeFileSync(path, TextDocument.applyEdits(doc, change.edits.filter((e): e is { range: Range; newText: string } => 'newText' in e)));
    written.push(change.textDocument.uri);
  }
  return written;
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));

test('"Turn off <rule> in .driftless.yaml" and "… for this folder" write the config that silences it, and the file is linted again', async () => {
  const ws = new TempWorkspace({ '.driftless.yaml': '# team settings\nignore:\n  - svc/generated/\n', 'svc/site.yml': PLAYBOOK });
  const client = await TestClient.spawn({ root: ws.root, createsFiles: true });
  try {
    const uri = ws.uri('svc/site.yml');
    const opened = await client.open(ws.path('svc/site.yml'), PLAYBOOK, 'yaml');
    assert.deepEqual(codes(opened.diagnostics), ['package-latest', 'live-config-edit']);
    const actions = await client.codeActions(uri, opened.diagnostics[0].range, [opened.diagnostics[0]]);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Turn off package-latest in .driftless.yaml'), titles.join(', '));
    assert.ok(titles.includes('Turn off package-latest for this folder'), titles.join(', '));

    const inConfig = actions.find((a) => a.title === 'Turn off package-latest in .driftless.yaml');
    assert.ok(inConfig);
    assert.deepEqual(applyToDisk(inConfig), [ws.uri('.driftless.yaml')]);
    assert.equal(readFileSync(ws.path('.driftless.yaml'), 'utf8'), '# team settings\nignore:\n  - svc/generated/\nrules:\n  package-latest: off\n');
    let relinted = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 1);
    await client.filesChanged([{ uri: ws.uri('.driftless.yaml'), type: FileChangeType.Changed }]);
    assert.deepEqual(codes((await relinted).diagnostics), ['live-config-edit']);

    const [edit] = (await relinted).diagnostics;
    const folderActions = await client.codeActions(uri, edit.range, [edit]);
    const forFolder = folderActions.find((a) => a.title === 'Turn off live-config-edit for this folder');
    assert.ok(forFolder, folderActions.map((a) => a.title).join(', '));
    applyToDisk(forFolder);
    const written = readFileSync(ws.path('svc/.driftless.yaml'), 'utf8');
    assert.match(written, /rules:\n  package-latest: off\n  live-config-edit: off\nignore:\n  - "\/generated\/"\n$/, 'the settings in force are carried over, the ignore glob rebased');
    relinted = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.filesChanged([{ uri: ws.uri('svc/.driftless.yaml'), type: FileChangeType.Created }]);
    await relinted;
  } finally {
    await client.dispose();
    ws.remove();
  }
});

test('no "Turn off" over a broken config, for a rule the editor settings decide, or where the client cannot create the file', async () => {
  const ws = new TempWorkspace({ 'site.yml': PLAYBOOK, 'svc/.driftless.yaml': 'rules:\n  package-latest: loud\n', 'svc/site.yml': PLAYBOOK });
  const client = await TestClient.spawn({ root: ws.root, createsFiles: true, settings: { rules: { 'live-config-edit': 'error' } } });
  const plain = await TestClient.spawn({ root: ws.root });
  try {
    const turnOffs = async (c: TestClient, name: string) => {
      const opened = await c.open(ws.path(name), PLAYBOOK, 'yaml');
      const all = await Promise.all(opened.diagnostics.map((d) => c.codeActions(ws.uri(name), d.range, [d])));
      return all.flat().map((a) => a.title).filter((t) => t.startsWith('Turn off'));
    };
    assert.deepEqual(await turnOffs(client, 'svc/site.yml'), [], 'svc/.driftless.yaml does not parse');
    assert.deepEqual(await turnOffs(client, 'site.yml'), ['Turn off package-latest in .driftless.yaml'], 'live-config-edit is set in the editor settings');
    assert.deepEqual(await turnOffs(plain, 'site.yml'), [], 'creating .driftless.yaml needs resourceOperations');
  } finally {
    await client.dispose();
    await plain.dispose();
    ws.remove();
  }
});
