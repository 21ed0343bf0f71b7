import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageType, type CodeAction, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { bareRepository, git, GIT_HTTP_BACKEND, serveRepositoriesForSuite } from '../support/git-http';
import { requireComponent } from '../support/requirements';
import { workflow } from '../support/workflow';
import { noDigests, TestClient } from './client';
import { TempWorkspace } from './workspace';

const PIN_ALL = 'source.pinDigests.driftless';

function actionDiagnostic(diagnostics: Diagnostic[], line: number): Diagnostic {
  const found = diagnostics.find((d) => d.code === 'action-unpinned' && d.range.start.line === line);
  assert.ok(found, `no action-unpinned finding on line ${line + 1}`);
  return found;
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no "${title}" among ${actions.map((a) => a.title).join(', ')}`);
  return action;
}

describe('"Pin <ref> to commit" against git http-backend', () => {
  const repositories = serveRepositoriesForSuite((root) => {
    const tools = bareRepository(root, 'acme/tools');
    const release = tools.commit('release 1.2.3');
    const main = tools.commit('work after the release');
    git(tools.gitDir, ['update-ref', 'refs/heads/main', main]);
    git(tools.gitDir, ['tag', '-a', 'v1.2.3', '-m', 'release 1.2.3', release]);
    git(tools.gitDir, ['update-ref', 'refs/tags/v1', release]);
    return { release, main };
  });

  test('the menu offers the pin without a lookup; picking it writes `@<commit> # <tag>`; the hover names the tag', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server, release } = served;
    const ws = new TempWorkspace({ '.driftless.yaml': `github:\n  url: ${server.origin}\n` });
    const client = await TestClient.inProcess(noDigests, { root: ws.root });
    try {
      const uri = ws.uri('.github/workflows/ci.yml');
      const opened = await client.open(ws.path('.github/workflows/ci.yml'), workflow(['      - uses: acme/tools@v1 # tools']), 'yaml');
      const diagnostic = actionDiagnostic(opened.diagnostics, 5);
      const before = server.seen.length;
      const pin = titled(await client.codeActions(uri, diagnostic.range, [diagnostic]), 'Pin acme/tools@v1 to commit');
      assert.equal(pin.edit, undefined);
      assert.equal(server.seen.length, before, 'the git server is asked only when the user picks the action');
      const resolved = await client.resolve(pin);
      assert.ok(resolved.edit);
      await client.apply(resolved.edit);
      assert.equal(client.text(uri), workflow([`      - uses: acme/tools@${release} # v1.2.3 # tools`]));
      const after = await client.nextDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(after.diagnostics.filter((d) => d.code === 'action-unpinned'), []);
      const hover = await client.connection.sendRequest<{ contents: MarkupContent } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 5, character: 30 },
      });
      assert.ok(hover);
      const [tags, session, ...rest] = hover.contents.value.split('\n\n');
      assert.equal(tags, `\`acme/tools@${release.slice(0, 7)}…\` is \`v1.2.3\` (also \`v1\`).`);
      assert.match(session, /^Pinned this session from `acme\/tools@v1` \(looked up at \d\d:\d\d:\d\d UTC\)\.$/);
      assert.deepEqual(rest, []);
    } finally {
      await client.dispose();
      ws.remove();
    }
  });

  test('"Pin all references in this file" pins every ref with one ls-refs; a missing ref is named and left as it was', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server, release, main } = served;
    const ws = new TempWorkspace({ '.driftless.yaml': `github:\n  url: ${server.origin}\n` });
    const client = await TestClient.inProcess(noDigests, { root: ws.root });
    try {
      const uri = ws.uri('.github/workflows/ci.yml');
      await client.open(ws.path('.github/workflows/ci.yml'), workflow(['      - uses: acme/tools@v1', '      - uses: acme/tools@main', '      - uses: acme/tools@v9']), 'yaml');
      const whole = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
      const actions = await client.codeActions(uri, whole, [], [PIN_ALL]);
      assert.deepEqual(actions.map((a) => a.title), ['Pin all references in this file']);
      const before = server.seen.length;
      const resolved = await client.resolve(actions[0]);
      assert.deepEqual(server.seen.slice(before).map((r) => `${r.method} ${r.path}`), ['GET /acme/tools/info/refs', 'POST /acme/tools/git-upload-pack']);
      const shown = await client.message((m) => m.type === MessageType.Error);
      assert.equal(shown.message, `Driftless: could not pin ${server.origin}/acme/tools has no branch or tag named v9. The file was not changed for these references.`);
      assert.ok(resolved.edit);
      await client.apply(resolved.edit);
      assert.equal(client.text(uri), workflow([`      - uses: acme/tools@${release} # v1.2.3`, `      - uses: acme/tools@${main} # main`, '      - uses: acme/tools@v9']));
    } finally {
      await client.dispose();
      ws.remove();
    }
  });

  test('in an untrusted workspace nothing is looked up and nothing edited, unless the same setting as digests allows it', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server } = served;
    const ws = new TempWorkspace();
    const client = await TestClient.inProcess(noDigests, { root: ws.root, initializationOptions: { workspaceTrusted: false } });
    try {
      const uri = ws.uri('.github/workflows/ci.yml');
      const text = workflow(['      - uses: acme/tools@v1']);
      const opened = await client.open(ws.path('.github/workflows/ci.yml'), text, 'yaml');
      const diagnostic = actionDiagnostic(opened.diagnostics, 5);
      const before = server.seen.length;
      const refused = await client.resolve(titled(await client.codeActions(uri, diagnostic.range, [diagnostic]), 'Pin acme/tools@v1 to commit'));
      assert.equal(refused.edit, undefined);
      assert.match((await client.message((m) => m.type === MessageType.Error)).message, /^Driftless: not pinned: .*untrusted workspace/);
      assert.equal(server.seen.length, before);
      assert.equal(client.text(uri), text);
    } finally {
      await client.dispose();
      ws.remove();
    }
  });
});
