import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, FileChangeType, MessageType } from 'vscode-languageserver-protocol/node';
import { runCli } from '../cli/support';
import { TestClient } from './client';
import { PLAYBOOK, TempWorkspace } from './workspace';

function severities(diagnostics: { code?: number | string; severity?: number }[]): string[] {
  return diagnostics.map((d) => `${d.code}=${d.severity}`);
}

test('severities come from the rule pages, then .driftless.yaml, then the editor settings; a change applies without restart', async () => {
  const ws = new TempWorkspace({ '.driftless.yaml': 'rules:\n  package-latest: warning\n' });
  const client = await TestClient.spawn({ root: ws.root });
  try {
    const uri = ws.uri('site.yml');
    const opened = await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    assert.deepEqual(severities(opened.diagnostics), [`package-latest=${DiagnosticSeverity.Warning}`, `live-config-edit=${DiagnosticSeverity.Warning}`]);

    let next = client.nextDiagnostics(uri, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Hint);
    await client.changeSettings({ rules: { 'package-latest': 'info' } });
    assert.deepEqual(severities((await next).diagnostics), [`package-latest=${DiagnosticSeverity.Hint}`, `live-config-edit=${DiagnosticSeverity.Warning}`]);

    next = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 1);
    await client.changeSettings({ rules: { 'live-config-edit': 'off' } });
    assert.deepEqual(severities((await next).diagnostics), [`package-latest=${DiagnosticSeverity.Warning}`]);

    next = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.changeSettings({ enable: false });
    await next;

    next = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 2);
    await client.changeSettings({});
    ws.write('.driftless.yaml', 'rules:\n  live-config-edit: error\n');
    const reloading = client.nextDiagnostics(uri, (p) => p.diagnostics[1]?.severity === DiagnosticSeverity.Error);
    await client.filesChanged([{ uri: ws.uri('.driftless.yaml'), type: FileChangeType.Changed }]);
    const reloaded = await reloading;
    assert.deepEqual(severities(reloaded.diagnostics), [`package-latest=${DiagnosticSeverity.Error}`, `live-config-edit=${DiagnosticSeverity.Error}`]);
    await next;
  } finally {
    await client.dispose();
    ws.remove();
  }
});

test('a broken .driftless.yaml is reported with file and line, and the last valid settings stay in force', async () => {
  const ws = new TempWorkspace({ '.driftless.yaml': 'rules:\n  package-latest: info\n' });
  const client = await TestClient.spawn({ root: ws.root });
  try {
    const uri = ws.uri('site.yml');
    const opened = await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    assert.equal(opened.diagnostics[0].severity, DiagnosticSeverity.Hint);

    ws.write('.driftless.yaml', 'rules:\n  package-latest: info\n  no-such-rule: error\n');
    const configDiagnostics = client.nextDiagnostics(ws.uri('.driftless.yaml'));
    const relinted = client.nextDiagnostics(uri);
    await client.filesChanged([{ uri: ws.uri('.driftless.yaml'), type: FileChangeType.Changed }]);
    const [problem] = (await configDiagnostics).diagnostics;
    assert.equal(problem.range.start.line, 2);
    assert.equal(problem.severity, DiagnosticSeverity.Error);
    assert.match(typeof problem.message === 'string' ? problem.message : problem.message.value, /unknown rule `no-such-rule`/);
    assert.equal((await relinted).diagnostics[0].severity, DiagnosticSeverity.Hint, 'the last valid config still applies');
    const shown = await client.message((m) => m.type === MessageType.Error);
    assert.match(shown.message, /^Driftless: .*\.driftless\.yaml:3: unknown rule `no-such-rule`\. Using the last valid settings until it is fixed\.$/);

    ws.write('.driftless.yaml', 'rules:\n  package-latest: warning\n');
    const clearedConfig = client.nextDiagnostics(ws.uri('.driftless.yaml'), (p) => p.diagnostics.length === 0);
    const fixing = client.nextDiagnostics(uri, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Warning);
    await client.filesChanged([{ uri: ws.uri('.driftless.yaml'), type: FileChangeType.Changed }]);
    await clearedConfig;
    const fixed = await fixing;
    assert.equal(fixed.diagnostics.length, 2);
  } finally {
    await client.dispose();
    ws.remove();
  }
});

test('a file in a subfolder takes its nearest .driftless.yaml, as the CLI does; a broken one there is reported at its line', async () => {
  const ws = new TempWorkspace({
    '.driftless.yaml': 'rules:\n  package-latest: warning\n',
    'svc/.driftless.yaml': 'rules:\n  package-latest: off\n',
    'site.yml': PLAYBOOK,
    'svc/site.yml': PLAYBOOK,
  });
  const client = await TestClient.spawn({ root: ws.root });
  try {
    const top = await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    assert.deepEqual(severities(top.diagnostics), [`package-latest=${DiagnosticSeverity.Warning}`, `live-config-edit=${DiagnosticSeverity.Warning}`]);
    const nested = await client.open(ws.path('svc/site.yml'), PLAYBOOK, 'yaml');
    assert.deepEqual(severities(nested.diagnostics), [`live-config-edit=${DiagnosticSeverity.Warning}`]);
    const cli = runCli(['--format', 'json', '.'], { cwd: ws.root });
    const findings = (JSON.parse(cli.stdout) as { findings: { file: string; rule: string; severity: string }[] }).findings;
    assert.deepEqual(
      findings.map((f) => `${f.file} ${f.rule} ${f.severity}`),
      ['site.yml package-latest warning', 'site.yml live-config-edit warning', 'svc/site.yml live-config-edit warning'],
      'the CLI over the whole workspace agrees',
    );

    ws.write('svc/.driftless.yaml', 'rules:\n  package-latest: loud\n');
    const configDiagnostics = client.nextDiagnostics(ws.uri('svc/.driftless.yaml'));
    const relinted = client.nextDiagnostics(ws.uri('svc/site.yml'));
    await client.filesChanged([{ uri: ws.uri('svc/.driftless.yaml'), type: FileChangeType.Changed }]);
    assert.equal((await configDiagnostics).diagnostics[0].range.start.line, 1);
    assert.deepEqual(severities((await relinted).diagnostics), [`live-config-edit=${DiagnosticSeverity.Warning}`], 'its last good settings stay in force');
  } finally {
    await client.dispose();
    ws.remove();
  }
});

test('an unknown rule in the editor settings is named in a warning', async () => {
  const ws = new TempWorkspace();
  const client = await TestClient.spawn({ root: ws.root, settings: { rules: { 'no-such-rule': 'off' } } });
  try {
    await client.open(ws.path('site.yml'), PLAYBOOK, 'yaml');
    const shown = await client.message((m) => m.type === MessageType.Warning);
    assert.equal(shown.message, 'Driftless: driftless.rules: unknown rule `no-such-rule` (ignored).');
  } finally {
    await client.dispose();
    ws.remove();
  }
});

test('a .driftless.yaml open in the editor gets a diagnostic at the bad line as it is typed, and its saved state back on close', async () => {
  const ws = new TempWorkspace({ '.driftless.yaml': 'rules:\n  package-latest: warning\n' });
  const client = await TestClient.spawn({ root: ws.root });
  try {
    const uri = ws.uri('.driftless.yaml');
    const opened = await client.open(ws.path('.driftless.yaml'), 'rules:\n  package-latest: warning\n', 'yaml');
    assert.deepEqual(opened.diagnostics, []);
    const broken = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 1);
    await client.change(uri, [{ text: 'rules:\n  package-latest: warning\n  image-latest-tag: false\n' }]);
    const [problem] = (await broken).diagnostics;
    assert.equal(problem.range.start.line, 2);
    assert.equal(problem.code, 'config');
    assert.match(typeof problem.message === 'string' ? problem.message : problem.message.value, /`false` is not a severity; write off/);
    const closed = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.close(uri);
    await closed;
  } finally {
    await client.dispose();
    ws.remove();
  }
});
