import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barChart, renderReport } from '../../client/report-html';
import { groupFindings, groupImages, pinnedShareByKind, topFiles } from '../../client/report-model';
import type { AuditFinding, AuditImage, AuditResult } from '../../server/protocol';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function finding(path: string, rule: string, severity: AuditFinding['severity'], line: number, message = `${rule} here`): AuditFinding {
  const kind = path.endsWith('Dockerfile') ? 'dockerfile' : 'ansible';
  return { uri: `file:///ws/${path}`, path, kind, rule, severity, message, line, character: 4, endLine: line, endCharacter: 9 };
}

function image(path: string, line: number, reference: string, kind: AuditImage['kind'] = 'dockerfile'): AuditImage {
  const digest = reference.includes('@') ? reference.slice(reference.indexOf('@') + 1) : undefined;
  const [repository, tag] = reference.split('@')[0].split(':');
  return { uri: `file:///ws/${path}`, path, kind, line, character: 5, reference, repository, tag, digest, pinned: digest !== undefined, source: 'from' };
}

const FINDINGS: AuditFinding[] = [
  finding('Dockerfile', 'image-latest-tag', 'warning', 0, 'FROM <b>ubuntu</b> uses `latest`'),
  finding('site.yml', 'package-latest', 'error', 5),
  finding('site.yml', 'package-latest', 'error', 9),
  finding('site.yml', 'live-config-edit', 'warning', 12),
  finding('roles/a/tasks/main.yml', 'package-unpinned', 'info', 2),
  finding('roles/a/tasks/main.yml', 'package-unpinned', 'info', 3),
  finding('roles/a/tasks/main.yml', 'package-unpinned', 'info', 4),
  finding('roles/a/tasks/main.yml', 'package-unpinned', 'info', 5),
];

const IMAGES: AuditImage[] = [
  image('Dockerfile', 0, 'ubuntu:latest'),
  image('Dockerfile', 3, `alpine:3.20@${DIGEST}`),
  image('compose.yaml', 4, 'ubuntu:latest', 'compose'),
  image('compose.yaml', 4, 'ubuntu:latest', 'compose'),
  image('compose.yaml', 9, 'nginx:1.25', 'compose'),
  image('k8s/a.yaml', 7, 'ubuntu:latest', 'kubernetes'),
  image('k8s/b.yaml', 7, 'ubuntu:latest', 'kubernetes'),
  image('k8s/c.yaml', 7, 'ubuntu:latest', 'kubernetes'),
  image('k8s/c.yaml', 12, `alpine:3.20@${DIGEST}`, 'kubernetes'),
];

const RESULT: AuditResult = {
  files: 5,
  findings: FINDINGS.length,
  byRule: { 'package-unpinned': 4, 'package-latest': 2, 'image-latest-tag': 1, 'live-config-edit': 1 },
  byKind: { ansible: 7, dockerfile: 1 },
  filesByKind: { ansible: 2, dockerfile: 1, compose: 1, kubernetes: 1 },
  durationMs: 12,
  examined: 8,
  unclassified: 2,
  unread: 1,
  findingList: FINDINGS,
  images: IMAGES,
  skipped: [{ path: 'big.yaml', reason: 'larger than 10 MB (12.0 MB)' }],
};

const html = renderReport({ nonce: 'n0nce', cspSource: 'vscode-webview://x', result: RESULT });

/** The opening tags of the elements matching a class, in document order. */
function tags(className: string, within = html): string[] {
  return [...within.matchAll(new RegExp(`<\\w+ class="${className}[" ][^>]*>`, 'g'))].map((m) => m[0]);
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];
}

function section(id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `#${id} is rendered`);
  const end = html.indexOf('</table>', start);
  return html.slice(start, end);
}

test('the file total is the number the progress counted, with what became of each file', () => {
  assert.match(html, /<span class="value" id="total-files" data-value="8">8<\/span><span class="label">files examined<\/span>/);
  assert.match(html, /id="files-breakdown" data-linted="5" data-unclassified="2" data-unread="1">5 linted · 2 not infrastructure code · 1 not read</);
  const allLinted = renderReport({ nonce: 'n', cspSource: 'c', result: { ...RESULT, examined: 5, unclassified: 0, unread: 0 } });
  assert.match(allLinted, /data-unread="0">5 linted<\/span>/, 'a breakdown leaves out what did not happen');
  assert.match(html, /id="total-findings" data-value="8"/);
  assert.match(html, /id="total-images" data-value="9"/);
  assert.match(html, /id="total-unpinned" data-value="7"/);
});

test('images: one row per reference, each place once and linked, not pinned first, then the most used', () => {
  const rows = tags('image', section('images'));
  assert.deepEqual(
    rows.map((r) => `${attribute(r, 'data-reference')} ${attribute(r, 'data-pinned')} ${attribute(r, 'data-count')}`),
    ['ubuntu:latest false 5', 'nginx:1.25 false 1', `alpine:3.20@${DIGEST} true 2`],
  );
  const ubuntu = section('images').split('<tr class="image"')[1];
  assert.deepEqual(
    [...ubuntu.matchAll(/data-uri="([^"]+)" data-line="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`),
    ['file:///ws/Dockerfile:0', 'file:///ws/compose.yaml:4', 'file:///ws/k8s/a.yaml:7', 'file:///ws/k8s/b.yaml:7', 'file:///ws/k8s/c.yaml:7'],
  );
  assert.match(ubuntu, /<details><summary>2 more<\/summary>/, 'places past the third fold away');
  assert.match(ubuntu, /<code class="ellipsis" title="ubuntu:latest">/, 'a long reference is cut with its full text in the title');
});

test('rows carry the keys the page sorts by, and each sortable column a button', () => {
  const [ubuntu] = tags('image', section('images'));
  assert.equal(attribute(ubuntu, 'data-sort-count'), '5');
  assert.equal(attribute(ubuntu, 'data-sort-pinned'), '0');
  assert.equal(attribute(ubuntu, 'data-sort-tag'), 'latest');
  assert.deepEqual(
    [...section('images').matchAll(/<button class="sort" data-sort="(\w+)" data-type="(\w+)">/g)].map((m) => `${m[1]}:${m[2]}`),
    ['reference:text', 'tag:text', 'pinned:number', 'count:number', 'where:text'],
  );
  const rows = tags('finding severity-\\w+', section('findings-by-rule'));
  assert.deepEqual(
    rows.map((r) => attribute(r, 'data-sort-severity')),
    ['3', '3', '1', '1', '1', '1', '2', '2'],
  );
  assert.deepEqual(
    rows.map((r) => attribute(r, 'data-order')),
    ['0', '1', '2', '3', '4', '5', '6', '7'],
  );
  const where = rows.map((r) => attribute(r, 'data-sort-where') ?? '');
  assert.ok(where[2] < where[3], 'line 3 sorts before line 4 as text');
  assert.equal(where[0], 'site.yml:00000005:000004');
});

test('findings are grouped by rule and, in a second table hidden until asked, by file; heaviest group first', () => {
  const byRule = section('findings-by-rule');
  assert.match(html, /<table id="findings-by-rule" class="findings sortable" data-group-by="rule" data-total="8">/);
  assert.match(html, /<table id="findings-by-file" class="findings sortable" data-group-by="file" data-total="8" hidden>/);
  assert.deepEqual(
    tags('group severity-\\w+', byRule).map((t) => `${attribute(t, 'data-key')}=${attribute(t, 'data-count')} ${/severity-(\w+)/.exec(t)?.[1]}`),
    ['package-latest=2 error', 'package-unpinned=4 info', 'image-latest-tag=1 warning', 'live-config-edit=1 warning'],
  );
  assert.deepEqual(
    tags('group severity-\\w+', section('findings-by-file')).map((t) => `${attribute(t, 'data-key')}=${attribute(t, 'data-count')}`),
    ['site.yml=3', 'roles/a/tasks/main.yml=4', 'Dockerfile=1'],
  );
  assert.match(
    byRule,
    /<tr class="finding severity-error" data-rule="package-latest" data-severity="error" data-path="site.yml" [^>]*><td><a href="#" class="location" title="site.yml:6:5" data-uri="file:\/\/\/ws\/site.yml" data-line="5" data-character="4"><span class="path">site.yml<\/span><span class="suffix">:6:5<\/span><\/a>/,
  );
  assert.match(html, /<div class="group-line"><button class="twisty" aria-expanded="true"[^>]*>.*?<code>package-latest<\/code><\/button><span class="chips"><span class="sev severity-error" data-severity="error" data-count="2">/);
});

test('severity filter toggles carry each count; severities are coloured by the theme, not fixed colours', () => {
  assert.deepEqual(
    tags('toggle severity-toggle severity-\\w+').map((t) => `${attribute(t, 'data-severity')} ${attribute(t, 'aria-pressed')}`),
    ['error true', 'warning true', 'info true'],
  );
  assert.match(html, /data-severity="error" aria-pressed="true" title="Show errors"><span class="dot"><\/span>errors <span class="badge">2<\/span>/);
  assert.match(html, /\.severity-error \{ --severity: var\(--vscode-editorError-foreground\); \}/);
  assert.match(html, /\.severity-warning \{ --severity: var\(--vscode-editorWarning-foreground\); \}/);
  assert.match(html, /\.severity-info \{ --severity: var\(--vscode-editorInfo-foreground\); \}/);
  const style = /<style nonce="n0nce">([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(style, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i, 'no colour outside the theme');
  assert.doesNotMatch(html, / style="/, 'no inline style (the CSP would block it)');
});

test('messages are Markdown, rendered safely', () => {
  assert.ok(html.includes('<td class="message">FROM &lt;b&gt;ubuntu&lt;/b&gt; uses <code>latest</code></td>'));
  const hostile = renderReport({
    nonce: 'n',
    cspSource: 'c',
    result: {
      ...RESULT,
      findingList: [finding('a"><script>x</script>.yml', 'r', 'error', 0, '`<script>alert(1)</script>` [go](javascript:alert(1)) \u001b[2J\u202e')],
      images: [image('<img src=x>.yaml', 0, 'evil"onmouseover="x:1')],
      skipped: [{ path: '<b>x</b>', reason: '\u0007bell' }],
    },
  });
  assert.doesNotMatch(hostile, /<script>x|<script>alert|<img src|<b>x|"onmouseover="|href="javascript/);
  assert.ok(hostile.includes('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code> [go](javascript:alert(1)) \\x1b[2J\\u{202e}'));
  assert.ok(hostile.includes('&lt;b&gt;x&lt;/b&gt;: \\x07bell'));
  assert.equal([...hostile.matchAll(/<script/g)].length, 1, 'the page\'s own script only');
});

test('the platform lead sees the pinned share per file kind and the files to fix first', () => {
  assert.deepEqual(
    tags('share').map((t) => `${attribute(t, 'data-kind')} ${attribute(t, 'data-pinned')}/${attribute(t, 'data-total')}`),
    ['kubernetes 1/4', 'compose 0/2', 'dockerfile 1/2'],
  );
  assert.match(html, /data-kind="kubernetes"[^>]*>.*?<rect class="fill" width="25" height="8" rx="4"><\/rect><\/svg><span class="figure">25% <span class="muted">1 of 4<\/span>/);
  assert.doesNotMatch(html.slice(html.indexOf('data-kind="compose"'), html.indexOf('data-kind="dockerfile"')), /class="fill"/, 'nothing pinned, no bar');
  assert.deepEqual(
    tags('top-file').map((t) => `${attribute(t, 'data-path')}=${attribute(t, 'data-score')}`),
    ['site.yml=21', 'roles/a/tasks/main.yml=4', 'Dockerfile=3'],
  );
});

test('grouping and ranking, without HTML', () => {
  assert.deepEqual(groupImages([...IMAGES].reverse()).map((g) => `${g.reference} ${g.places.map((p) => `${p.path}:${p.line}`).join(',')}`), [
    'ubuntu:latest Dockerfile:0,compose.yaml:4,k8s/a.yaml:7,k8s/b.yaml:7,k8s/c.yaml:7',
    'nginx:1.25 compose.yaml:9',
    `alpine:3.20@${DIGEST} Dockerfile:3,k8s/c.yaml:12`,
  ]);
  assert.deepEqual(pinnedShareByKind([]), []);
  assert.deepEqual(groupFindings(FINDINGS, 'rule').map((g) => `${g.key} ${g.score}`), ['package-latest 18', 'package-unpinned 4', 'image-latest-tag 3', 'live-config-edit 3']);
  assert.deepEqual(topFiles(FINDINGS, 2).map((g) => g.key), ['site.yml', 'roles/a/tasks/main.yml']);
  assert.deepEqual(topFiles([], 10), []);
});

test('the report loads nothing remote and runs only its own nonce-tagged script and style', () => {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.equal(csp, "default-src 'none'; img-src vscode-webview://x data:; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';");
  assert.doesNotMatch(html, /(src|href)="https?:/);
  assert.deepEqual([...html.matchAll(/<(script|style)([^>]*)>/g)].map((m) => m[2]), [' nonce="n0nce"', ' nonce="n0nce"']);
  assert.doesNotMatch(html, / on\w+="/, 'no inline event handlers');
});

test('buttons are the theme\'s, not the browser\'s', () => {
  const buttons = [...html.matchAll(/<button class="([^"]+)"/g)].map((m) => m[1].split(' ')[0]);
  assert.ok(buttons.length > 0);
  assert.deepEqual([...new Set(buttons)].sort(), ['button', 'sort', 'toggle', 'twisty']);
  assert.match(html, /\.button \{[^}]*\}|\.button, \.toggle \{[\s\S]*?background: var\(--vscode-button-secondaryBackground\)/);
  assert.match(html, /\.button\.primary \{ background: var\(--vscode-button-background\); color: var\(--vscode-button-foreground\); \}/);
});

test('empty charts, tables and lists say there is nothing to show', () => {
  assert.equal(barChart('chart-by-rule', 'Findings by rule', {}), '<p id="chart-by-rule" class="empty">No findings.</p>');
  const empty = renderReport({ nonce: 'n', cspSource: 'c', result: { ...RESULT, findings: 0, byRule: {}, byKind: {}, findingList: [], images: [], skipped: [] } });
  assert.match(empty, /<p class="empty" id="images">No image references\.<\/p>/);
  assert.match(empty, /<p id="pinned-by-kind" class="empty">No image references\.<\/p>/);
  assert.match(empty, /<p id="top-files" class="empty">Nothing to fix\.<\/p>/);
  assert.match(empty, /<p class="empty">Nothing mutable found\.<\/p>/);
  assert.doesNotMatch(empty, /id="skipped"/);
});

test('a chart has one bar per entry, largest first, coloured by the worst severity of its rule', () => {
  assert.deepEqual(
    tags('bar[^"]*').filter((t) => t.startsWith('<g')).map((t) => `${attribute(t, 'class')} ${attribute(t, 'data-label')}=${attribute(t, 'data-count')}`),
    [
      'bar severity-info package-unpinned=4',
      'bar severity-error package-latest=2',
      'bar severity-warning image-latest-tag=1',
      'bar severity-warning live-config-edit=1',
      'bar ansible=7',
      'bar dockerfile=1',
    ],
  );
});

test('the page script is valid JavaScript and talks to the panel only through the messages it handles', () => {
  const script = /<script nonce="n0nce">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  assert.doesNotThrow(() => new Function(script));
  assert.deepEqual([...new Set([...script.matchAll(/postMessage\(\{ type: '(\w+)'/g)].map((m) => m[1]))].sort(), ['export', 'open', 'openExternal']);
  assert.doesNotMatch(script, /innerHTML|insertAdjacentHTML|eval\(|document\.write/, 'the script never turns text into markup');
});
