import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, type Diagnostic, type LogMessageParams } from 'vscode-languageserver-protocol/node';
import { generateManifest } from '../../bench/generate-manifest';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../server/lsp/diagnostics';
import { FAILING_DISK } from '../support/failing-disk';
import { TestClient } from './client';
import { TempWorkspace } from './workspace';

// Issue 14, item 9c: one bad document never takes the language server down, and no document makes it grow
// without bound. Each test drives the real server (dist/server.js) over stdio.

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function peakRssMb(pid: number | undefined): number {
  assert.ok(pid !== undefined);
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(match);
  return Number(match[1]) / 1024;
}

describe('a language server that survives bad documents', () => {
  let ws: TempWorkspace;
  let client: TestClient;
  const logged: LogMessageParams[] = [];
  before(async () => {
    ws = new TempWorkspace({});
    // A disk that throws under the Helm values front end makes linting a values.yaml fail inside the engine.
    client = await TestClient.spawn({ root: ws.root, initializationOptions: { debounceMs: 0 }, nodeArgs: ['--require', FAILING_DISK] });
    client.connection.onNotification('window/logMessage', (p: LogMessageParams) => {
      logged.push(p);
    });
  });
  after(async () => {
    await client.dispose();
    ws.remove();
  });

  test('a didOpen whose text is null or a number is refused and logged; the server goes on', async () => {
    for (const [name, text] of [['null.Dockerfile', null], ['number.Dockerfile', 42]] as const) {
      const uri = ws.uri(name);
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: text as unknown as string },
      });
    }
    const published = await client.open(ws.path('Dockerfile'), 'FROM ubuntu\n', 'dockerfile');
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['image-latest-tag']);
    const refusals = logged.filter((m) => m.message.includes('as its text'));
    assert.equal(refusals.length, 2, JSON.stringify(logged));
    assert.match(refusals[0].message, /Driftless ignored a document opened with null as its text/);
    assert.match(refusals[1].message, /Driftless ignored a document opened with a number as its text/);
    assert.equal(client.published.has(ws.uri('null.Dockerfile')), false);
    await client.close(ws.uri('Dockerfile'));
  });

  test('a document the engine fails on gets the internal-error diagnostic; its stack is logged once, not on every change', async () => {
    const path = ws.path('charts/web/values.yaml');
    const published = await client.open(path, 'image:\n  repository: nginx\n', 'yaml');
    assert.deepEqual(published.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`), ['internal-error@0:0']);
    assert.equal(messageOf(published.diagnostics[0]), 'Driftless could not lint this file: Error: disk on fire. This is a defect in Driftless; the other files are linted.');
    const uri = pathToFileURL(path).href;
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
    await client.nextDiagnostics(uri, (p) => p.version === version);
    const stacks = logged.filter((m) => m.message.startsWith(`Driftless could not lint ${path} `));
    assert.equal(stacks.length, 1);
    assert.match(stacks[0].message, /Error: disk on fire\n +at /);
    const after = await client.open(ws.path('other/Dockerfile'), 'FROM ubuntu\n', 'dockerfile');
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['image-latest-tag'], 'the server goes on');
    await client.close(uri);
  });

  test('a document over 10 MB is not linted: one diagnostic says why; after close its memory is released', async () => {
    const path = ws.path('huge.yaml');
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n---\n';
    const text = pod.repeat(Math.ceil((20 * 1024 * 1024) / pod.length));
    const published = await client.open(path, text, 'yaml');
    assert.equal(published.diagnostics.length, 1);
    assert.match(messageOf(published.diagnostics[0]), /^Driftless does not lint this file: it is larger than 10 MB \(20\.0 MB\)/);
    await client.close(pathToFileURL(path).href);
    assert.ok(peakRssMb(client.pid) < 600, `peak RSS ${peakRssMb(client.pid).toFixed(0)} MB`);
  });

  test(`at most ${MAX_DIAGNOSTICS_PER_FILE} diagnostics per file, and one more that counts the rest`, async () => {
    const path = ws.path('many/Dockerfile');
    const published = await client.open(path, 'FROM ubuntu\n'.repeat(1500), 'dockerfile');
    assert.equal(published.diagnostics.length, MAX_DIAGNOSTICS_PER_FILE + 1);
    assert.ok(published.diagnostics.slice(0, MAX_DIAGNOSTICS_PER_FILE).every((d) => d.code === 'image-latest-tag'));
    const last = published.diagnostics[MAX_DIAGNOSTICS_PER_FILE];
    assert.equal(messageOf(last), `500 more Driftless findings in this file are not shown (at most ${MAX_DIAGNOSTICS_PER_FILE} per file); the CLI lists them all.`);
    assert.equal(last.range.start.line, MAX_DIAGNOSTICS_PER_FILE);
    await client.close(pathToFileURL(path).href);
  });

  test('a storm of 1,000 changes with debounce 0 is linted far fewer times than changed, ends on the last version, and stays bounded', async () => {
    const path = ws.path('storm.yaml');
    const uri = pathToFileURL(path).href;
    const text = `# storm\n${generateManifest(5000)}`;
    await client.open(path, text, 'yaml');
    let publications = 0;
    const counting = client.nextDiagnostics(uri, () => {
      publications++;
      return false;
    });
    void counting;
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 1000; i++) {
      sends.push(client.change(uri, [{ range: { start: { line: 0, character: 7 + i }, end: { line: 0, character: 7 + i } }, text: 'x' }]));
    }
    const versions = await Promise.all(sends);
    const last = versions[versions.length - 1];
    const settled = client.published.get(uri)?.version === last ? client.published.get(uri) : await client.nextDiagnostics(uri, (p) => p.version === last);
    assert.equal(settled?.version, 1001);
    assert.ok(publications < 250, `${publications} lints for 1,000 changes`);
    assert.ok(peakRssMb(client.pid) < 600, `peak RSS ${peakRssMb(client.pid).toFixed(0)} MB`);
    await client.close(uri);
  });

  test('a storm of full-text changes to a large file with debounce 0 ends on the diagnostics of its last version, linted far fewer times than changed', async () => {
    const path = ws.path('full-text-storm.yaml');
    const uri = pathToFileURL(path).href;
    const manifest = generateManifest(12000);
    const pod = (tag: number): string =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: storm\nspec:\n  containers:\n    - name: web\n      image: storm.example.com/web:1.${tag}\n---\n${manifest}`;
    await client.open(path, pod(0), 'yaml');
    const publishedVersions: (number | undefined)[] = [];
    void client.nextDiagnostics(uri, (p) => {
      publishedVersions.push(p.version);
      return false;
    });
    const sends: Promise<number>[] = [];
    for (let tag = 1; tag <= 60; tag++) sends.push(client.change(uri, [{ text: pod(tag) }]));
    const versions = await Promise.all(sends);
    const last = versions[versions.length - 1];
    if (client.published.get(uri)?.version !== last) await client.nextDiagnostics(uri, (p) => p.version === last);
    // A document opened after the storm is answered after anything the storm still had to publish.
    await client.open(ws.path('after-storm/Dockerfile'), 'FROM ubuntu\n', 'dockerfile');
    assert.equal(publishedVersions[publishedVersions.length - 1], last);
    const stormTags = (client.published.get(uri)?.diagnostics ?? []).flatMap((d) => /storm\.example\.com\/web:(1\.\d+)/.exec(messageOf(d))?.[1] ?? []);
    assert.deepEqual(stormTags, ['1.60']);
    assert.ok(publishedVersions.length <= 10, `${publishedVersions.length} lints for 60 changes`);
    await client.close(uri);
    await client.close(ws.uri('after-storm/Dockerfile'));
  });
});
