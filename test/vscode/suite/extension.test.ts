/// <reference types="mocha" />
// The extension's behaviour through the vscode API, inside a real extension host.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const SOURCE = 'driftless';

function workspaceFile(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the e2e fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Resolves with the file's Driftless diagnostics once the predicate holds for them. */
function diagnosticsOf(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  if (predicate(current())) return Promise.resolve(current());
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString()) || !predicate(current())) return;
      listener.dispose();
      resolve(current());
    });
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function registerExtensionTests(): void {
  suite('Driftless in the extension host', () => {
    test('opening a Dockerfile publishes its findings with rule ids, severities, ranges and documentation links', async () => {
      const uri = workspaceFile('app/Dockerfile');
      await vscode.window.showTextDocument(uri);
      const diagnostics = await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'image-latest-tag'));
      const latest = diagnostics.find((d) => codeOf(d) === 'image-latest-tag');
      assert.ok(latest);
      assert.equal(latest.severity, vscode.DiagnosticSeverity.Warning);
      assert.deepEqual([latest.range.start.line, latest.range.start.character, latest.range.end.character], [0, 5, 18]);
      const code = latest.code;
      assert.ok(typeof code === 'object' && code.target.path.endsWith('docs/rules/image-latest-tag.md'));
    });

    test('the quick fix for an apt-get upgrade removes it from the RUN chain, and nothing else', async () => {
      const uri = workspaceFile('fixes/Dockerfile');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const diagnostics = await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'in-place-upgrade'));
      const upgrade = diagnostics.find((d) => codeOf(d) === 'in-place-upgrade');
      assert.ok(upgrade);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, upgrade.range, vscode.CodeActionKind.QuickFix.value, 10);
      const titles = actions.map((a) => a.title);
      const remove = actions.find((a) => a.title.startsWith('Remove `apt-get upgrade -y` from the RUN chain; '));
      assert.ok(remove?.edit, `offered: ${JSON.stringify(titles)}`);
      assert.ok(titles.includes('Suppress in-place-upgrade on this line'), `offered: ${JSON.stringify(titles)}`);
      const before = document.getText();
      assert.ok(await vscode.workspace.applyEdit(remove.edit));
      assert.equal(document.getText(), before.replace('apt-get upgrade -y && ', ''));
      await diagnosticsOf(uri, (d) => !d.some((x) => codeOf(x) === 'in-place-upgrade'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    test('the workspace audit publishes findings for files that were never opened', async () => {
      const manifest = workspaceFile('k8s/web.yaml');
      assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === manifest.toString()), false);
      await vscode.commands.executeCommand('driftless.auditWorkspace');
      const diagnostics = await diagnosticsOf(manifest, (d) => d.length > 0);
      assert.deepEqual(diagnostics.map(codeOf).sort(), ['image-digest-missing', 'pull-always-mutable', 'writable-root-filesystem']);
    });
  });
}
