import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, MessageType } from 'vscode-languageserver-protocol/node';
import { runCli } from '../cli/support';
import { TestClient } from './client';
import { TempWorkspace } from './workspace';

// `FROM ubuntu:24.04` is image-digest-missing, info in a Dockerfile; `curl -k` is integrity-bypass, an error.
const DOCKERFILE = 'FROM ubuntu:24.04\nRUN curl -k https://example.com/x -o /x\n';
const AUDIT = 'driftless/audit';

function severities(diagnostics: { code?: number | string; severity?: number }[]): string[] {
  return diagnostics.map((d) => `${d.code}=${d.severity}`);
}

test('info findings are hints in the editor by default, information with the setting; other severities and the CLI are unchanged', async () => {
  const ws = new TempWorkspace({ 'Dockerfile': DOCKERFILE, 'other/Dockerfile': DOCKERFILE });
  const client = await TestClient.spawn({ root: ws.root });
  try {
    const uri = ws.uri('Dockerfile');
    const opened = await client.open(ws.path('Dockerfile'), DOCKERFILE, 'dockerfile');
    assert.deepEqual(severities(opened.diagnostics), [`image-digest-missing=${DiagnosticSeverity.Hint}`, `integrity-bypass=${DiagnosticSeverity.Error}`]);

    const next = client.nextDiagnostics(uri, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Information);
    await client.changeSettings({ infoSeverityInEditor: 'information' });
    assert.deepEqual(severities((await next).diagnostics), [`image-digest-missing=${DiagnosticSeverity.Information}`, `integrity-bypass=${DiagnosticSeverity.Error}`]);

    const closed = client.nextDiagnostics(ws.uri('other/Dockerfile'));
    await client.connection.sendRequest(AUDIT, {});
    assert.deepEqual(severities((await closed).diagnostics), [`image-digest-missing=${DiagnosticSeverity.Information}`, `integrity-bypass=${DiagnosticSeverity.Error}`], 'an audited closed file follows the setting too');

    const back = client.nextDiagnostics(uri, (p) => p.diagnostics[0]?.severity === DiagnosticSeverity.Hint);
    await client.changeSettings({ infoSeverityInEditor: 'hint' });
    await back;

    const cli = runCli(['--format', 'json', '--failure-threshold', 'none', 'Dockerfile'], { cwd: ws.root });
    const findings = (JSON.parse(cli.stdout) as { findings: { rule: string; severity: string }[] }).findings;
    assert.deepEqual(findings.map((f) => `${f.rule} ${f.severity}`), ['image-digest-missing info', 'integrity-bypass error'], 'the CLI keeps info');
  } finally {
    await client.dispose();
    ws.remove();
  }
});

test('an unknown driftless.infoSeverityInEditor value is named in a warning and the default (hint) stays', async () => {
  const ws = new TempWorkspace({ 'Dockerfile': DOCKERFILE });
  const client = await TestClient.spawn({ root: ws.root, settings: { infoSeverityInEditor: 'info' } });
  try {
    const warned = await client.message((m) => m.type === MessageType.Warning);
    assert.equal(warned.message, 'Driftless: driftless.infoSeverityInEditor: expected hint or information (ignored).');
    const opened = await client.open(ws.path('Dockerfile'), DOCKERFILE, 'dockerfile');
    assert.equal(opened.diagnostics[0].severity, DiagnosticSeverity.Hint);
  } finally {
    await client.dispose();
    ws.remove();
  }
});
