import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartTemplatesOf } from '../../rules/front-ends/helm-template-tags';
import { applyEdits } from '../../rules/text';
import { DIGEST_PLACEHOLDER, type DigestFix, type Finding } from '../../rules/types';
import { lintText, probeOf, streamChanges, summarize } from './support';

const CHART = '/charts/app';
const VALUES = `${CHART}/values.yaml`;
const CHART_YAML = 'apiVersion: v2\nname: app\nversion: 0.3.0\nappVersion: "1.2.3"\n';

const V_DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "app.fullname" . }}',
  '  labels:',
  '    app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "{{ .Values.image.repository }}:v{{- .Values.image.tag | default .Chart.AppVersion }}"',
  '',
].join('\n');

const PLAIN_DEPLOYMENT = V_DEPLOYMENT.replace(':v{{-', ':{{-');

function values(tag: string): string {
  return ['image:', '  repository: ghcr.io/acme/app', `  tag: ${tag}`, '  pullPolicy: IfNotPresent', ''].join('\n');
}

/** The chart folder: Chart.yaml, the values file and the given templates (relative to the chart). */
function chart(valuesText: string, templates: Record<string, string>, chartYaml = CHART_YAML) {
  const files: Record<string, string> = { [`${CHART}/Chart.yaml`]: chartYaml, [VALUES]: valuesText };
  for (const [name, text] of Object.entries(templates)) files[`${CHART}/${name}`] = text;
  return probeOf(files);
}

async function lintChart(valuesText: string, templates: Record<string, string>, chartYaml?: string) {
  return lintText(VALUES, valuesText, chart(valuesText, templates, chartYaml));
}

function digestFix(finding: Finding): DigestFix {
  const fix = finding.fixes.find((f): f is DigestFix => f.kind === 'digest');
  assert.ok(fix, `${finding.rule} has no digest fix`);
  return fix;
}

test('helm values: a template writing :v before a written tag: the reference and its pin are v-prefixed, and the message says why', async () => {
  const text = values('1.2.3');
  const result = await lintChart(text, { 'templates/deployment.yaml': V_DEPLOYMENT });
  assert.deepEqual(summarize(result), ['image-digest-missing 3:8 "1.2.3"']);
  const [finding] = result.findings;
  assert.equal(result.facts!.images[0].text, 'ghcr.io/acme/app:v1.2.3');
  assert.match(finding.message, /ghcr\.io\/acme\/app:v1\.2\.3/);
  assert.match(finding.message, /templates\/deployment\.yaml writes the tag with a v before it: v1\.2\.3\./);
  const fix = digestFix(finding);
  assert.equal(fix.image, 'ghcr.io/acme/app:v1.2.3');
  assert.equal(fix.title, 'Pin ghcr.io/acme/app:v1.2.3 to digest');
  const digest = `sha256:${'c'.repeat(64)}`;
  const pinned = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: e.newText.replace(DIGEST_PLACEHOLDER, digest) })));
  assert.deepEqual(streamChanges(text, pinned), [{ path: '#0.image.digest', kind: 'added', after: digest }]);
  assert.deepEqual(summarize(await lintChart(pinned, { 'templates/deployment.yaml': V_DEPLOYMENT })), []);
});

test('helm values: an empty tag under a :v template is v + appVersion; a tag already starting with v is not doubled', async () => {
  const empty = await lintChart(values('""'), { 'templates/deployment.yaml': V_DEPLOYMENT });
  assert.deepEqual(summarize(empty), ['image-digest-missing 3:3 "tag: \\"\\""']);
  assert.equal(empty.facts!.images[0].text, 'ghcr.io/acme/app:v1.2.3');
  assert.match(empty.findings[0].message, /appVersion 1\.2\.3\. The chart's templates\/deployment\.yaml writes the tag with a v before it: v1\.2\.3\./);
  assert.equal(digestFix(empty.findings[0]).image, 'ghcr.io/acme/app:v1.2.3');

  const prefixed = await lintChart(values('v1.2.3'), { 'templates/deployment.yaml': V_DEPLOYMENT });
  assert.deepEqual(summarize(prefixed), ['image-digest-missing 3:8 "v1.2.3"']);
  assert.equal(prefixed.facts!.images[0].text, 'ghcr.io/acme/app:v1.2.3');
  assert.doesNotMatch(prefixed.findings[0].message, /vv1|v before it/);
});

test('helm values: printf "%s:v%s" in _helpers.tpl prefixes a nested block (.yml templates are read too)', async () => {
  const helpers = [
    '{{- define "app.controller.image" -}}',
    '{{- printf "%s:v%s" .Values.controller.image.repository (.Values.controller.image.tag | default .Chart.AppVersion | toString) -}}',
    '{{- end }}',
    '',
  ].join('\n');
  const text = ['controller:', '  image:', '    repository: ghcr.io/acme/controller', '    tag: 0.9.1', ''].join('\n');
  const result = await lintChart(text, { 'templates/_helpers.tpl': helpers, 'templates/statefulset.yml': 'kind: StatefulSet\n' });
  assert.deepEqual(result.facts!.images.map((i) => i.text), ['ghcr.io/acme/controller:v0.9.1']);
  assert.match(result.findings[0].message, /templates\/_helpers\.tpl writes the tag with a v before it/);
});

test('helm values: no template in the chart: a written tag as written, an empty tag as the appVersion (unchanged)', async () => {
  const written = await lintChart(values('1.2.3'), {});
  assert.deepEqual(written.facts!.images.map((i) => i.text), ['ghcr.io/acme/app:1.2.3']);
  assert.doesNotMatch(written.findings[0].message, /v before it/);
  const empty = await lintChart(values('""'), {});
  assert.deepEqual(empty.facts!.images.map((i) => i.text), ['ghcr.io/acme/app:1.2.3']);
  assert.match(empty.findings[0].message, /appVersion 1\.2\.3\./);
});

test('helm values: a template writing the tag plainly keeps the tag and the appVersion fallback as they are', async () => {
  const templates = { 'templates/deployment.yaml': PLAIN_DEPLOYMENT };
  const written = await lintChart(values('1.2.3'), templates);
  assert.deepEqual(written.facts!.images.map((i) => i.text), ['ghcr.io/acme/app:1.2.3']);
  const empty = await lintChart(values('""'), templates);
  assert.deepEqual(summarize(empty), ['image-digest-missing 3:3 "tag: \\"\\""']);
  assert.deepEqual(empty.facts!.images.map((i) => i.text), ['ghcr.io/acme/app:1.2.3']);
  assert.equal(digestFix(empty.findings[0]).image, 'ghcr.io/acme/app:1.2.3');
  assert.doesNotMatch(empty.findings[0].message, /v before it/);
});

test('helm values: templates that do not show how the tag is written: a written tag as written, an empty tag not guessed', async () => {
  const viaVariable = [
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        {{- $tag := .Values.image.tag | default .Chart.AppVersion }}',
    '        - name: app',
    '          image: "{{ .Values.image.repository }}:v{{ $tag }}"',
    '',
  ].join('\n');
  const templates = { 'templates/deployment.yaml': viaVariable };
  const written = await lintChart(values('1.2.3'), templates);
  assert.deepEqual(written.facts!.images.map((i) => i.text), ['ghcr.io/acme/app:1.2.3']);
  const empty = await lintChart(values('""'), templates);
  assert.deepEqual(summarize(empty), []);
  assert.deepEqual(empty.facts!.images, []);
});

test('helm values: an image block under a 100,000-character key is read as one no template shows, not a lint failure', async () => {
  const key = `i${'a'.repeat(100_000)}`;
  const result = await lintChart(`${key}:\n  repository: ghcr.io/acme/app\n  tag: 1.2.3\n`, { 'templates/deployment.yaml': PLAIN_DEPLOYMENT });
  assert.deepEqual(result.findings.filter((f) => f.rule === 'internal-error'), []);
  assert.deepEqual(result.facts!.images.map((i) => i.text), ['ghcr.io/acme/app:1.2.3']);
});

test('helm values: a subchart block gets neither the appVersion nor the chart template prefix', async () => {
  const chartYaml = `${CHART_YAML}dependencies:\n  - name: redis\n    version: 19.0.0\n    repository: https://charts.bitnami.com/bitnami\n`;
  const text = [
    'image:',
    '  repository: ghcr.io/acme/app',
    '  tag: 1.2.3',
    'redis:',
    '  image:',
    '    repository: bitnami/redis',
    '    tag: 7.2.4',
    '  sentinel:',
    '    image:',
    '      repository: bitnami/redis-sentinel',
    '      tag: ""',
    '',
  ].join('\n');
  const result = await lintChart(text, { 'templates/deployment.yaml': V_DEPLOYMENT }, chartYaml);
  assert.deepEqual(result.facts!.images.map((i) => i.text), ['ghcr.io/acme/app:v1.2.3', 'bitnami/redis:7.2.4']);
  assert.doesNotMatch(result.findings[1].message, /appVersion|v before it/);
});

test('chart templates: what the scanner recognises, and what it does not', () => {
  const templatesOf = (text: string) => chartTemplatesOf(VALUES, probeOf({ [`${CHART}/templates/job.yaml`]: text }));
  const tagOf = (text: string, path = ['image']) => templatesOf(text).tagOf(path)?.writing;
  assert.equal(tagOf('image: {{ $.Values.image.repository }}:v{{ $.Values.image.tag }}'), 'v-prefix');
  assert.equal(tagOf('image: "ghcr.io/acme/app:v{{ default .Chart.AppVersion .Values.image.tag }}"'), 'v-prefix');
  assert.equal(tagOf('image: {{ printf "%s:%s" .Values.image.repository .Values.image.tag | quote }}'), 'plain');
  assert.equal(tagOf('image: {{ printf "%s/%s:v%s" .Values.registry .Values.image.repository .Values.image.tag }}'), 'v-prefix');
  assert.equal(tagOf('image: {{ printf "%[2]s:v%[1]s" .Values.image.tag .Values.image.repository }}'), undefined);
  assert.equal(tagOf('version: {{ .Values.image.tag }}'), undefined);
  assert.equal(tagOf('{{ if .Values.image.tag }}image: x:{{ end }}'), undefined);
  assert.equal(tagOf('image: x:v{{ .Values.image.tagSuffix }}'), undefined);
  assert.equal(tagOf('image: x:v{{ include "tag" .Values.image.tag }}'), undefined);
  assert.equal(tagOf('a: x:v{{ .Values.image.tag }}\nb: y:{{ .Values.image.tag }}\n'), undefined, 'templates that disagree show nothing');
  assert.equal(tagOf('image: x:v{{ .Values.sidecar.image.tag }}', ['sidecar', 'image']), 'v-prefix');
  assert.equal(tagOf('image: x:v{{ .Values.image.tag }}', ['redis-ha', 'image']), undefined);
  assert.equal(templatesOf('').found, true);
  assert.equal(chartTemplatesOf(VALUES, probeOf({})).found, false);
});
