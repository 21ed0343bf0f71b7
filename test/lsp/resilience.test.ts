import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, type Diagnostic, type LogMessageParams } from 'vscode-languageserver-protocol/node';
import { generateManifest } from '../../bench/generate-manifest';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../server/lsp/diagnostics';
import { FAILING_TERRAFORM } from '../support/failing-input';
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
    // A small stack makes a real recursion inside a front end fail (FAILING_TERRAFORM), as a defect would.
    client = await TestClient.spawn({ root: ws.root, initializationOptions: { debounceMs: 0 }, nodeArgs: ['--stack-size=200'] });
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
    const path = ws.path('main.tf');
    const text = FAILING_TERRAFORM;
    const published = await client.open(path, text, 'terraform');
    assert.deepEqual(published.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`), ['internal-error@0:0'], 'the input no longer fails: pick another');
    assert.match(messageOf(published.diagnostics[0]), /^Driftless could not lint this file: RangeError: Maximum call stack size exceeded\. /);
    const uri = pathToFileURL(path).href;
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }]);
    await client.nextDiagnostics(uri, (p) => p.version === version);
    const stacks = logged.filter((m) => m.message.startsWith(`Driftless could not lint ${path} `));
    assert.equal(stacks.length, 1);
    assert.match(stacks[0].message, /RangeError: Maximum call stack size exceeded\n +at /);
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
});
