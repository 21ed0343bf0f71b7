import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barChart, renderReport } from '../../client/report-html';
import type { AuditResult } from '../../server/protocol';

const RESULT: AuditResult = {
  files: 2,
  findings: 3,
  byRule: { 'package-latest': 2, 'image-latest-tag': 1 },
  byKind: { ansible: 2, dockerfile: 1 },
  filesByKind: { ansible: 1, dockerfile: 1 },
  durationMs: 12,
  examined: 3,
  unclassified: 1,
  unread: 0,
  findingList: [
    { uri: 'file:///ws/Dockerfile', path: 'Dockerfile', kind: 'dockerfile', rule: 'image-latest-tag', severity: 'warning', message: 'FROM <b>ubuntu</b>', line: 0, character: 5, endLine: 0, endCharacter: 11 },
    { uri: 'file:///ws/site.yml', path: 'site.yml', kind: 'ansible', rule: 'package-latest', severity: 'error', message: 'state: latest', line: 5, character: 15, endLine: 5, endCharacter: 21 },
    { uri: 'file:///ws/site.yml', path: 'site.yml', kind: 'ansible', rule: 'package-latest', severity: 'error', message: 'state: latest', line: 9, character: 15, endLine: 9, endCharacter: 21 },
  ],
  images: [
    { uri: 'file:///ws/Dockerfile', path: 'Dockerfile', kind: 'dockerfile', line: 0, character: 5, reference: 'ubuntu', repository: 'ubuntu', pinned: false, source: 'from' },
    { uri: 'file:///ws/Dockerfile', path: 'Dockerfile', kind: 'dockerfile', line: 3, character: 5, reference: `alpine:3.20@sha256:${'a'.repeat(64)}`, repository: 'alpine', tag: '3.20', digest: `sha256:${'a'.repeat(64)}`, pinned: true, source: 'from' },
  ],
  skipped: [{ path: 'big.yaml', reason: 'larger than 10 MB (12.0 MB)' }],
};

test('the report shows totals with stable ids, one bar per rule and kind, the image inventory and linked findings', () => {
  const html = renderReport({ nonce: 'n0nce', cspSource: 'vscode-webview://x', result: RESULT });
  assert.match(html, /<span id="total-files" data-value="2">2<\/span> files/);
  assert.match(html, /<span id="total-findings" data-value="3">3<\/span> findings/);
  assert.match(html, /<span id="total-images" data-value="2">/);
  assert.match(html, /<span id="total-unpinned" data-value="1">/);
  assert.deepEqual([...html.matchAll(/<svg id="(chart-by-\w+)"/g)].map((m) => m[1]), ['chart-by-rule', 'chart-by-kind']);
  assert.deepEqual([...html.matchAll(/<g class="bar" data-label="([^"]+)" data-count="(\d+)"/g)].map((m) => `${m[1]}=${m[2]}`), [
    'package-latest=2',
    'image-latest-tag=1',
    'ansible=2',
    'dockerfile=1',
  ]);
  assert.deepEqual([...html.matchAll(/<tr class="image" data-reference="([^"]+)" data-pinned="(\w+)"/g)].map((m) => `${m[1]} ${m[2]}`), [
    'ubuntu false',
    `alpine:3.20@sha256:${'a'.repeat(64)} true`,
  ]);
  assert.match(html, /<a href="#" class="location" data-uri="file:\/\/\/ws\/site\.yml" data-line="5" data-character="15">site\.yml:6:16<\/a>/);
  assert.ok(html.includes('FROM &lt;b&gt;ubuntu&lt;/b&gt;'), 'messages are escaped');
  assert.ok(html.includes('big.yaml: larger than 10 MB'));
});

test('the report loads nothing remote and runs only its own nonce-tagged script and style', () => {
  const html = renderReport({ nonce: 'n0nce', cspSource: 'vscode-webview://x', result: RESULT });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.equal(csp, "default-src 'none'; img-src vscode-webview://x data:; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';");
  assert.doesNotMatch(html, /(src|href)="https?:/);
  assert.deepEqual([...html.matchAll(/<(script|style)([^>]*)>/g)].map((m) => m[2]), [' nonce="n0nce"', ' nonce="n0nce"']);
});

test('an empty chart says there is nothing to draw', () => {
  assert.equal(barChart('chart-by-rule', 'Findings by rule', {}), '<p id="chart-by-rule" class="empty">No findings.</p>');
});
