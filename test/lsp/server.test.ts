import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  type Diagnostic,
  type DidChangeWatchedFilesRegistrationOptions,
} from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';
import { PLAYBOOK, TempWorkspace } from './workspace';

function byRule(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

describe('language server over stdio (dist/server.js)', () => {
  let ws: TempWorkspace;
  let client: TestClient;
  before(async () => {
    ws = new TempWorkspace({ 'site.yml': PLAYBOOK });
    client = await TestClient.spawn({ root: ws.root });
  });
  after(async () => {
    await client.dispose();
    ws.remove();
  });

  test('publishes a diagnostic per finding, with rule id, source, documentation link, severity and data', async () => {
    const published = await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    assert.equal(published.version, 1);
    assert.deepEqual(byRule(published.diagnostics), ['package-latest@5:15-5:21', 'live-config-edit@7:6-7:16']);
    const [latest, edit] = published.diagnostics;
    assert.equal(latest.source, 'driftless');
    assert.equal(latest.severity, DiagnosticSeverity.Error);
    assert.equal(edit.severity, DiagnosticSeverity.Warning);
    assert.match(latest.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\/package-latest\.md$/);
    await client.close(ws.uri('site.yml'));
  });

  test("a grouped finding's other places are its relatedInformation, in the same document", async () => {
    const text = 'FROM debian:12\nRUN apt-get install -y curl git\n';
    const published = await client.open(ws.path('Dockerfile'), text, 'dockerfile');
    const unpinned = published.diagnostics.find((d) => d.code === 'package-unpinned');
    assert.ok(unpinned);
    assert.deepEqual(
      unpinned.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.character, r.location.range.end.character, r.message]),
      [
        [ws.uri('Dockerfile'), 23, 27, '`curl` has no version'],
        [ws.uri('Dockerfile'), 28, 31, '`git` has no version'],
      ],
    );
    await client.close(ws.uri('Dockerfile'));
  });

  test('an incremental change is linted again; the quick fix, resolved, removes the finding and nothing else', async () => {
    const uri = ws.uri('site.yml');
    await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    const version = await client.change(uri, [{ range: { start: { line: 4, character: 14 }, end: { line: 4, character: 19 } }, text: 'apache2' }]);
    const changed = await client.nextDiagnostics(uri, (p) => p.version === version);
    const latest = changed.diagnostics.find((d) => d.code === 'package-latest');
    assert.ok(latest);

    const actions = await client.codeActions(uri, latest.range, [latest]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred === true]),
      [
        // Unsafe: titled with what the user accepts, never preferred (auto fix would apply it unseen), not in fix-all.
        ['Use state: present; the host keeps the version it has until one is written here', CodeActionKind.QuickFix, false],
        ['Suppress package-latest on this line', CodeActionKind.QuickFix, false],
        ['Suppress package-latest in this file', CodeActionKind.QuickFix, false],
      ],
    );
    assert.equal(actions[0].edit, undefined, 'edits are computed in codeAction/resolve');
    assert.deepEqual(actions[0].diagnostics, [latest]);
    const resolved = await client.resolve(actions[0]);
    assert.ok(resolved.edit);
    await client.apply(resolved.edit);
    const expected = PLAYBOOK.replace('name: nginx=', 'name: apache2=').replace('state: latest', 'state: present');
    assert.equal(client.text(uri), expected);
    const after = await client.nextDiagnostics(uri, (p) => p.version === version + 1);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['live-config-edit']);
    await client.close(uri);
  });

  test('"Suppress on this line" inserts the pragma above the task and silences only that finding', async () => {
    const uri = ws.uri('site.yml');
    const opened = await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    const edit = opened.diagnostics.find((d) => d.code === 'live-config-edit');
    assert.ok(edit);
    const actions = await client.codeActions(uri, edit.range, [edit]);
    const suppress = actions.find((a) => a.title === 'Suppress live-config-edit on this line');
    assert.ok(suppress);
    const resolved = await client.resolve(suppress);
    assert.ok(resolved.edit);
    await client.apply(resolved.edit);
    assert.equal(client.text(uri), PLAYBOOK.replace('    - name: tune nginx', '    # driftless-disable-next-line live-config-edit\n    - name: tune nginx'));
    const after = await client.nextDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['package-latest']);
    await client.close(uri);
  });

  test('"Suppress in this file" puts the file pragma on the first line', async () => {
    const uri = ws.uri('site.yml');
    const opened = await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    const latest = opened.diagnostics.find((d) => d.code === 'package-latest');
    assert.ok(latest);
    const actions = await client.codeActions(uri, latest.range, [latest]);
    const suppress = actions.find((a) => a.title === 'Suppress package-latest in this file');
    assert.ok(suppress);
    const resolved = await client.resolve(suppress);
    assert.ok(resolved.edit);
    await client.apply(resolved.edit);
    assert.equal(client.text(uri), `# driftless-disable-file package-latest\n${PLAYBOOK}`);
    const after = await client.nextDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['live-config-edit']);
    await client.close(uri);
  });

  test('source.fixAll.driftless (as editor.codeActionsOnSave asks) applies no unsafe fix, and every local fix once driftless.unsafeFixes allows them', async () => {
    const uri = ws.uri('site.yml');
    await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    const whole = { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } };
    assert.deepEqual(await client.codeActions(uri, whole, [], ['source.fixAll']), [], 'package-latest\'s fix is unsafe');
    const relinted = client.nextDiagnostics(uri);
    await client.changeSettings({ unsafeFixes: true });
    await relinted;
    const actions = await client.codeActions(uri, whole, [], ['source.fixAll']);
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.driftless']);
    const resolved = await client.resolve(actions[0]);
    assert.ok(resolved.edit);
    const reset = client.nextDiagnostics(uri);
    await client.changeSettings({});
    await reset;
    await client.apply(resolved.edit);
    assert.equal(client.text(uri), PLAYBOOK.replace('state: latest', 'state: present'));
    const quickfixOnly = await client.codeActions(uri, whole, [], [CodeActionKind.QuickFix]);
    assert.ok(quickfixOnly.every((a) => a.kind === CodeActionKind.QuickFix));
    await client.close(uri);
  });

  test('after a line is added above the RUNs (scripts answered from the parse cache), diagnostics and fixes sit where a fresh open puts them', async () => {
    const dockerfile = 'FROM debian:12\nRUN apt-get update \\\n    && apt-get upgrade -y \\\n    && apt-get install -y curl\nRUN curl -k https://x.example/i.sh | sh\n';
    const uri = ws.uri('Dockerfile');
    await client.open(ws.path('Dockerfile'), dockerfile, 'dockerfile');
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# base\n' }]);
    const changed = await client.nextDiagnostics(uri, (p) => p.version === version);
    await client.close(uri);
    const fresh = await client.open(ws.path('Dockerfile'), `# base\n${dockerfile}`, 'dockerfile');
    assert.deepEqual(changed.diagnostics, fresh.diagnostics);
    const upgrade = changed.diagnostics.find((d) => d.code === 'in-place-upgrade');
    assert.ok(upgrade);
    const [fix] = await client.codeActions(uri, upgrade.range, [upgrade]);
    const resolved = await client.resolve(fix);
    assert.ok(resolved.edit);
    await client.apply(resolved.edit);
    assert.equal(client.text(uri), `# base\n${dockerfile.replace('    && apt-get upgrade -y \\\n', '')}`);
    await client.close(uri);
  });

  test('a document that is not infrastructure code gets no diagnostics', async () => {
    const text = 'name: my-app\nimage: busybox\nstate: latest\n';
    const published = await client.open(ws.path('app-config.yml'), text, 'yaml');
    assert.deepEqual(published.diagnostics, []);
    await client.close(ws.uri('app-config.yml'));
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = ws.uri('site.yml');
    await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });
});

describe('diagnostics scheduling', () => {
  test('rapid edits are linted once, for the last version only', async () => {
    const ws = new TempWorkspace();
    const client = await TestClient.spawn({ root: ws.root, initializationOptions: { debounceMs: 400 } });
    try {
      const uri = ws.uri('site.yml');
      await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
      const seen: (number | undefined)[] = [];
      const last = client.nextDiagnostics(uri, (p) => {
        seen.push(p.version);
        return p.version === 4;
      });
      for (const word of ['a', 'b', 'c']) {
        await client.change(uri, [{ range: { start: { line: 2, character: 25 }, end: { line: 2, character: 25 } }, text: word }]);
      }
      const published = await last;
      assert.deepEqual(seen, [4], 'no diagnostics for the intermediate versions');
      assert.equal(published.diagnostics.length, 2);
    } finally {
      await client.dispose();
      ws.remove();
    }
  });

  test('a client without codeAction/resolve gets the edits up front', async () => {
    const ws = new TempWorkspace();
    const client = await TestClient.spawn({ root: ws.root, noResolve: true });
    try {
      const uri = ws.uri('site.yml');
      const opened = await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
      const actions = await client.codeActions(uri, opened.diagnostics[0].range, opened.diagnostics);
      const fix = actions.find((a) => a.title.startsWith('Use state: present;'));
      assert.ok(fix?.edit);
      await client.apply(fix.edit);
      assert.equal(client.text(uri), PLAYBOOK.replace('state: latest', 'state: present'));
    } finally {
      await client.dispose();
      ws.remove();
    }
  });
});

test('a client that lets the server register watchers is asked to watch every file a front end declares, and the config files', async () => {
  const ws = new TempWorkspace();
  const client = await TestClient.spawn({ root: ws.root, watchesFiles: true });
  try {
    const registration = await client.registration(DidChangeWatchedFilesNotification.method);
    const { watchers } = registration.registerOptions as DidChangeWatchedFilesRegistrationOptions;
    assert.equal(watchers.length, 1);
    const glob = watchers[0].globPattern;
    assert.equal(typeof glob, 'string');
    const watched = picomatch(glob as string, { dot: true });
    for (const path of ['svc/Dockerfile', 'a/dockerfile', 'b/DOCKERFILE', 'c/Containerfile-dev', 'k8s/deploy.yaml', 'site.YML', 'cookbooks/web/recipes/default.rb', 'svc/.driftless.yaml']) {
      assert.ok(watched(path), path);
    }
    for (const path of ['README.md', 'main.go', 'notes.txt']) assert.ok(!watched(path), path);
  } finally {
    await client.dispose();
    ws.remove();
  }
});

