import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAlias, isSeq } from 'yaml';
import { viewsOf } from '../../rules/yaml/documents';
import { MAX_ALIAS_RESOLUTIONS } from '../../rules/yaml/nodes';
import { parseYaml, withYamlParseMemo } from '../../rules/yaml/parse';
import { maskTemplate } from '../../rules/yaml/template-mask';
import { byRule, checkFix, fixture, lintFixture, lintText, summarize } from './support';

test('every comment line that ends a document before the next --- is kept (a file pragma there still counts)', async () => {
  // Parsed as one stream, the yaml token stream keeps only the first comment after a key without a value here.
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: settings}',
    'data:',
    '# first',
    '# driftless-disable-file image-latest-tag',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: web}',
    'spec:',
    '  containers:',
    '    - name: web',
    '      image: nginx:latest',
    '',
  ].join('\n');
  assert.deepEqual(parseYaml(text).comments.map((c) => c.text), [' first', ' driftless-disable-file image-latest-tag']);
  assert.deepEqual(byRule((await lintText('/k8s/pod.yaml', text)).findings, 'image-latest-tag'), []);
});

test('comments come from the token stream: # inside block scalars and quoted strings is not a comment', () => {
  const text = '# head\nkey: "a # b" # tail\nscript: |\n  # not a comment\n  run\nlist: [1, 2] # flow\n';
  const parsed = parseYaml(text);
  assert.deepEqual(parsed.comments.map((c) => c.text), [' head', ' tail', ' flow']);
  for (const c of parsed.comments) assert.equal(text.slice(c.span.start, c.span.end), `#${c.text}`);
});

test('parseYaml is memoised within one lint (classify and extract share a parse), and the parse goes with it', () => {
  const text = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: memo}\n';
  const [first, again] = withYamlParseMemo(() => [parseYaml(text), parseYaml(text)]);
  assert.equal(first, again);
  assert.notEqual(withYamlParseMemo(() => parseYaml(text)), first, 'a later lint parses afresh');
  assert.notEqual(parseYaml(text), parseYaml(text), 'outside a lint nothing is kept');
});

test('template masking keeps every offset: whole-line actions become comments, inline ones same-length scalars', () => {
  const text = '{{- if .Values.on }}\nname: {{ include "x" . }}-svc\n  {{- toYaml .Values.extra | nindent 2 }}\nq: "{{ printf "}}" }}"\n{{- end }}\n';
  const mask = maskTemplate(text);
  assert.equal(mask.masked.length, text.length);
  assert.deepEqual(mask.masked.split('\n').map((l) => l.length), text.split('\n').map((l) => l.length));
  assert.equal(mask.masked.split('\n')[0], '#{- if .Values.on }}');
  assert.equal(mask.masked.split('\n')[1], `name: ${'_'.repeat('{{ include "x" . }}'.length)}-svc`);
  assert.equal(mask.masked.split('\n')[3], `q: "${'_'.repeat('{{ printf "}}" }}'.length)}"`);
  assert.deepEqual(mask.templateLines.map((l) => [l.line, l.indent, l.emits]), [[0, 0, false], [2, 2, true], [4, 0, false]]);
});

test('a Go comment opens only right after the delimiter: a /* further in does not run the action to the end of the file', () => {
  const text = 'a: {{/* x }} */}}\nb: {{- /* y */ -}}\nname: {{ .Rete \\\n  rm -rf /var/lib/apt/*\nlease.Name }}-svc\ndata:\n  k: v\n';
  const mask = maskTemplate(text);
  assert.deepEqual(
    mask.actions.map((a) => text.slice(a.start, a.end)),
    ['{{/* x }} */}}', '{{- /* y */ -}}', '{{ .Rete \\\n  rm -rf /var/lib/apt/*\nlease.Name }}'],
  );
  assert.deepEqual(mask.masked.split('\n').slice(-3), ['data:', '  k: v', '']);
});

test('a template action left open to the end of the file: the ConfigMap is reported, but no edit is offered in it', async () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x.fullname" . }}-config\n  labels: {{- include "x.labels" . | nindent 4\n';
  assert.equal(maskTemplate(text).unclosed, true);
  assert.equal(maskTemplate(`${text}}}\n`).unclosed, false);
  const [configMap] = byRule((await lintText('chart/templates/cm.yaml', text)).findings, 'mutable-configmap');
  assert.ok(configMap, 'the ConfigMap is still reported');
  assert.deepEqual(configMap.fixes.filter((f) => f.kind === 'local'), [], 'an insertion after the open action would land inside it');
  const closed = byRule((await lintText('chart/templates/cm.yaml', text.replace('nindent 4', 'nindent 4 }}'))).findings, 'mutable-configmap');
  assert.equal(closed[0].fixes.filter((f) => f.kind === 'local').length, 1);
});

test('template lines know where their output lands: nindent at its width, indent after the action, a width from a variable anywhere', () => {
  const text = [
    '  labels:',
    '{{- include "x.labels" . | nindent 4 }}',
    '  {{ .Files.Get "a.conf" | indent 2 }}',
    '{{- with .Values.extra }}{{ toYaml . | indent (add 1 1) }}{{ end }}',
    '{{ toYaml .Values.extra | nindent .Values.width }}',
    '  {{ include "x.name" . }}',
    '{{- end }}',
  ].join('\n');
  assert.deepEqual(
    maskTemplate(text).templateLines.map((l) => [l.line, l.output]),
    [[1, [4]], [2, [2, 4]], [3, 'any'], [4, 'any'], [5, [2]], [6, []]],
  );
});

test('a Helm template never reports a syntax error; the same text as plain YAML outside templates/ does', async () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{- if .Values.data }}\ndata: {{ .Values.data | toYaml | nindent 2 }}\n{{- end }}\nimmutable: true\n';
  const template = await lintText('chart/templates/cm.yaml', text);
  assert.deepEqual(byRule(template.findings, 'yaml-syntax'), []);
  const masked = parseYaml(text, { templates: 'auto', path: 'elsewhere/cm.yaml' });
  assert.ok(masked.template, 'YAML that fails plain but holds {{ }} is parsed as a template');
  assert.deepEqual(masked.errors, []);
});

test('a YAML syntax error is one info finding at the error, and the file is still checked', async () => {
  const result = await lintFixture('messy/broken.yaml');
  const [syntax, ...others] = byRule(result.findings, 'yaml-syntax');
  assert.deepEqual(others, []);
  assert.equal(syntax.severity, 'info');
  assert.equal(syntax.range.start.line, 5);
  assert.match(syntax.message, /^YAML syntax error: /);
  assert.ok(result.findings.some((f) => f.rule === 'image-digest-missing'));
  assert.ok(result.findings.every((f) => f.fixes.every((x) => x.kind !== 'local')), 'no local fix on a broken document');
});

test('tabs as indentation and duplicate keys are syntax errors with a clear message', async () => {
  const tabs = await lintFixture('messy/tabs.yaml');
  assert.deepEqual(byRule(tabs.findings, 'yaml-syntax').map((f) => [f.message, f.range.start.line]), [['YAML syntax error: Tabs are not allowed as indentation', 3]]);
  const dup = await lintFixture('messy/duplicate-keys.yaml');
  assert.deepEqual(byRule(dup.findings, 'yaml-syntax').map((f) => [f.message, f.range.start.line]), [['YAML syntax error: Map keys must be unique', 8]]);
});

test('tabs as separators after a key are fine', async () => {
  const result = await lintText('pod.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image:\tnginx:1.25\n    securityContext: {readOnlyRootFilesystem: true}\n');
  assert.deepEqual(summarize(result), ['image-digest-missing 6:12 "nginx:1.25"']);
});

test('anchors, aliases and merge keys: a merged container reports its image once, an aliased securityContext counts', async () => {
  const result = await lintFixture('messy/anchors.yaml');
  assert.deepEqual(summarize(result), ['image-digest-missing 11:18 "acme/base:1.0"', 'image-digest-missing 17:18 "acme/third:2.0"']);
});

test('billion laughs: aliases are never expanded, the lint finishes and reports what is literal', async () => {
  const result = await lintFixture('messy/billion-laughs.yaml');
  assert.deepEqual(summarize(result), [
    'mutable-configmap 2:7 "ConfigMap"',
    'writable-root-filesystem 18:32 "name: loop"',
    'image-digest-missing 18:52 "acme/loop:1"',
  ]);
});

test(`alias resolution stops after ${MAX_ALIAS_RESOLUTIONS} dereferences per document`, () => {
  const count = MAX_ALIAS_RESOLUTIONS + 5;
  const text = `a: &a 1\nlist:\n${'  - *a\n'.repeat(count)}`;
  const [view] = viewsOf(parseYaml(text));
  const list = view.getSeq(view.map(view.doc.contents), 'list')!;
  assert.ok(isSeq(list));
  const resolved = list.items.filter((item) => isAlias(item) && view.deref(item) !== undefined).length;
  assert.equal(resolved, MAX_ALIAS_RESOLUTIONS);
});

test('CRLF: same findings, and a fix writes CRLF line breaks', async () => {
  const { path, text } = fixture('k8s/deployment.yaml');
  const crlf = text.replace(/\n/g, '\r\n');
  const result = await lintText(path, crlf);
  assert.deepEqual(summarize(result).map((s) => s.split(' ').slice(0, 2).join(' ')), summarize(await lintText(path, text)).map((s) => s.split(' ').slice(0, 2).join(' ')));
  const web = byRule(result.findings, 'writable-root-filesystem')[1];
  const fixed = await checkFix(path, crlf, web, [
    { path: '#0.spec.template.spec.containers[0].securityContext', kind: 'added', after: { readOnlyRootFilesystem: true } },
  ]);
  assert.ok(fixed.includes('nginx:1.25\r\n          securityContext:\r\n            readOnlyRootFilesystem: true\r\n          imagePullPolicy'));
  assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF');
});

test('BOM: columns are counted after it, an inserted top-level key starts at column 0', async () => {
  const text = '\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\n';
  const result = await lintText('cm.yaml', text);
  assert.deepEqual(summarize(result), ['mutable-configmap 2:7 "ConfigMap"']);
  const fixed = await checkFix('cm.yaml', text, result.findings[0], [{ path: '#0.immutable', kind: 'added', after: true }]);
  assert.equal(fixed, '\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\nimmutable: true\n');
});

test('a file without a final line break: the inserted key goes on a new last line', async () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: b';
  const result = await lintText('s.yaml', text);
  const fixed = await checkFix('s.yaml', text, result.findings[0], [{ path: '#0.immutable', kind: 'added', after: true }]);
  assert.equal(fixed, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nimmutable: true\nstringData:\n  a: b');
});

test('a Deployment written entirely in flow style is read and fixed in flow style', async () => {
  const text = '{"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "nginx:1.25"}]}}}}\n';
  const result = await lintText('flow.yaml', text);
  assert.deepEqual(summarize(result), ['writable-root-filesystem 1:96 "\\"name\\": \\"a\\""', 'image-digest-missing 1:119 "nginx:1.25"']);
  const fixed = await checkFix('flow.yaml', text, result.findings[0], [
    { path: '#0.spec.template.spec.containers[0].securityContext', kind: 'added', after: { readOnlyRootFilesystem: true } },
  ]);
  assert.ok(fixed.includes('"image": "nginx:1.25", securityContext: {readOnlyRootFilesystem: true}}]'));
});

test('a huge multi-document file: every document is read', async () => {
  const doc = (i: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: acme/app-${i}:1.${i}\n          securityContext:\n            readOnlyRootFilesystem: true\n`;
  const text = Array.from({ length: 3000 }, (_, i) => doc(i)).join('---\n');
  const result = await lintText('huge.yaml', text);
  assert.equal(result.findings.length, 3000);
  assert.ok(result.findings.every((f) => f.rule === 'image-digest-missing'));
  assert.equal(result.findings[2999].range.start.line, 2999 * 13 + 9);
});
