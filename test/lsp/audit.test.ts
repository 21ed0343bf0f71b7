import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, FileChangeType, ResponseError } from 'vscode-languageserver-protocol/node';
import { withAllFindings } from '../../client/audit-pages';
import type { AuditFinding, AuditResult } from '../../server/protocol';
import { TestClient } from './client';
import { CLEAN_PLAYBOOK, PLAYBOOK, TempWorkspace } from './workspace';

const AUDIT = 'driftless/audit';
const FINDINGS = 'driftless/auditFindings';

describe('driftless/audit', () => {
  let ws: TempWorkspace;
  let client: TestClient;
  before(async () => {
    ws = new TempWorkspace({
      'site.yml': PLAYBOOK,
      'clean.yml': CLEAN_PLAYBOOK,
      'roles/web/tasks/main.yml': '- name: upgrade\n  apt:\n    name: curl\n    state: latest\n',
      'app-config.yml': 'name: app\nstate: latest\n',
      'blob.yml': 'name: app\u0000\n',
      '.gitignore': 'generated/\n',
      'generated/site.yml': PLAYBOOK,
      'hidden/site.yml': PLAYBOOK,
      'vendor/site.yml': PLAYBOOK,
      '.driftless.yaml': 'ignore:\n  - vendor/\n',
    });
    client = await TestClient.spawn({ root: ws.root, filesExclude: { '**/hidden': true } });
  });
  after(async () => {
    await client.dispose();
    ws.remove();
  });

  test('lints every file the workspace holds, skipping .gitignore, config ignores and files.exclude, with progress', async () => {
    const published = client.nextDiagnostics(ws.uri('site.yml'));
    const result: AuditResult = await client.connection.sendRequest(AUDIT, { workDoneToken: 'audit-1' });
    assert.equal(result.files, 3, 'site.yml, clean.yml, roles/web/tasks/main.yml');
    assert.equal(result.findings, 3);
    assert.deepEqual(result.byRule, { 'package-latest': 2, 'live-config-edit': 1 });
    assert.deepEqual(result.byKind, { ansible: 3 });
    assert.deepEqual(result.filesByKind, { ansible: 3 });
    assert.deepEqual(
      result.findingList.map((f) => `${f.path}:${f.line + 1} ${f.rule} ${f.severity}`),
      ['roles/web/tasks/main.yml:4 package-latest error', 'site.yml:6 package-latest error', 'site.yml:8 live-config-edit warning'],
    );
    assert.deepEqual(
      (await published).diagnostics.map((d) => d.code),
      ['package-latest', 'live-config-edit'],
      'closed files get diagnostics too',
    );
    const kinds = client.progress.filter((p) => p.token === 'audit-1').map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    const reports = client.progress.filter((p) => p.token === 'audit-1' && p.value.kind === 'report');
    assert.equal(reports[reports.length - 1].value.message, '5 of 5 files', 'candidates by name (not .driftless.yaml), classified as they are read');
    assert.equal(result.examined, 5, 'the report counts the files the progress counted');
    assert.deepEqual(
      { linted: result.files, unclassified: result.unclassified, unread: result.unread },
      { linted: 3, unclassified: 1, unread: 1 },
      'app-config.yml is not infrastructure code; blob.yml is binary',
    );
    assert.equal(result.files + result.unclassified + result.unread, result.examined);
    assert.deepEqual(result.skipped, [{ path: 'blob.yml', reason: 'skipped: binary file (contains NUL bytes)' }]);
    assert.equal(client.published.has(ws.uri('generated/site.yml')), false);
    assert.equal(client.published.has(ws.uri('hidden/site.yml')), false);
    assert.equal(client.published.has(ws.uri('vendor/site.yml')), false);
  });

  test('the last audit exports as the CLI\'s JSON and SARIF, and as Markdown', async () => {
    const result: AuditResult = await client.connection.sendRequest(AUDIT, {});
    const json = JSON.parse(await client.connection.sendRequest<string>('driftless/exportAudit', { format: 'json' })) as {
      summary: { files: number; findings: number; byRule: Record<string, number> };
    };
    assert.deepEqual(json.summary, { files: result.files, findings: result.findings, byRule: result.byRule });
    const sarif = JSON.parse(await client.connection.sendRequest<string>('driftless/exportAudit', { format: 'sarif' })) as {
      version: string;
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0].results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`),
      result.findingList.map((f) => `${f.path} ${f.rule}`),
    );
    const markdown = await client.connection.sendRequest<string>('driftless/exportAudit', { format: 'markdown' });
    assert.match(markdown, /^# Driftless audit\n\n3 files, 3 findings, 0 image references/);
    assert.match(markdown, /\| site\.yml:8:7 \| `live-config-edit` \| warning \|/);
  });

  test('an audit answers its first findings up to findingLimit, and the others a page at a time as the extension fetches them', async () => {
    const whole: AuditResult = await client.connection.sendRequest(AUDIT, {});
    assert.equal(whole.findingList.length, 3);
    const first: AuditResult = await client.connection.sendRequest(AUDIT, { findingLimit: 1 });
    assert.equal(first.findings, 3);
    assert.deepEqual(first.byRule, whole.byRule);
    assert.deepEqual(first.findingList, whole.findingList.slice(0, 1));
    assert.notEqual(first.auditId, whole.auditId);
    const page: AuditFinding[] = await client.connection.sendRequest(FINDINGS, { auditId: first.auditId, offset: 1, limit: 1 });
    assert.deepEqual(page, whole.findingList.slice(1, 2));
    const paged = await withAllFindings(first, (params) => client.connection.sendRequest<AuditFinding[]>(FINDINGS, params));
    assert.deepEqual(paged.findingList, whole.findingList);
    await assert.rejects(client.connection.sendRequest(FINDINGS, { auditId: whole.auditId, offset: 0, limit: 1 }), {
      message: 'That audit is no longer the last one: run "Driftless: Audit Workspace" again.',
    });
  });

  test('a file fixed on disk is cleared by the next audit; a closed file changed on disk is linted again', async () => {
    await client.connection.sendRequest(AUDIT, {});
    ws.write('site.yml', CLEAN_PLAYBOOK);
    const cleared = client.nextDiagnostics(ws.uri('site.yml'), (p) => p.diagnostics.length === 0);
    const result: AuditResult = await client.connection.sendRequest(AUDIT, {});
    assert.equal(result.findings, 1);
    await cleared;

    ws.write('site.yml', PLAYBOOK);
    const relinted = client.nextDiagnostics(ws.uri('site.yml'), (p) => p.diagnostics.length > 0);
    await client.filesChanged([{ uri: ws.uri('site.yml'), type: FileChangeType.Changed }]);
    assert.deepEqual((await relinted).diagnostics.map((d) => d.code), ['package-latest', 'live-config-edit']);
  });
});

test('exporting before any audit says what to do', async () => {
  const ws = new TempWorkspace();
  const client = await TestClient.spawn({ root: ws.root });
  try {
    await assert.rejects(client.connection.sendRequest('driftless/exportAudit', { format: 'json' }), {
      message: 'No audit to export yet: run "Driftless: Audit Workspace" first.',
    });
  } finally {
    await client.dispose();
    ws.remove();
  }
});

describe('driftless/audit cancellation', () => {
  test('cancelling the request stops the audit and says how far it got', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`roles/r${i}/tasks/main.yml`] = '- apt:\n    name: curl\n    state: latest\n';
    const ws = new TempWorkspace(files);
    const client = await TestClient.spawn({ root: ws.root });
    try {
      const source = new CancellationTokenSource();
      const sawReport = new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (client.progress.some((p) => p.token === 'audit-c' && p.value.kind === 'report' && p.value.message !== '0 of 3000 files')) {
            clearInterval(timer);
            resolve();
          }
        }, 1);
      });
      const request = client.connection.sendRequest(AUDIT, { workDoneToken: 'audit-c' }, source.token);
      await sawReport;
      source.cancel();
      await assert.rejects(request, (error: unknown) => {
        assert.ok(error instanceof ResponseError);
        assert.equal(error.code, -32800);
        assert.match(error.message, /^Audit cancelled after \d+ of 3000 files$/);
        const done = Number(/after (\d+)/.exec(error.message)?.[1]);
        assert.ok(done > 0 && done < 3000);
        return true;
      });
      const kinds = client.progress.filter((p) => p.token === 'audit-c').map((p) => p.value.kind);
      assert.equal(kinds[kinds.length - 1], 'end');
    } finally {
      await client.dispose();
      ws.remove();
    }
  });
});
