import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { lint } from '../../rules/engine';
import { fixText } from '../../rules/fixes';
import { applyEdits } from '../../rules/text';
import { DIGEST_PLACEHOLDER, type DigestFix, type FileProbe, type Finding } from '../../rules/types';
import { byRule, diskProbe, documentsOf, fixture, FIXTURES, lintFixture, lintText, summarize } from './support';

const DIGEST = `sha256:${'b'.repeat(64)}`;

function pinned(text: string, finding: Finding): string {
  const fix = finding.fixes.find((f): f is DigestFix => f.kind === 'digest');
  assert.ok(fix, `${finding.rule} has no digest fix`);
  return applyEdits(text, fix.edits.map((e) => ({ ...e, newText: e.newText.replace(DIGEST_PLACEHOLDER, DIGEST) })));
}

test('compose: services.*.image, anchors merged into services, pull_policy: always, variables read through their defaults; built images skipped', async () => {
  const result = await lintFixture('compose/docker-compose.yml');
  assert.equal(result.kind, 'compose');
  assert.deepEqual(summarize(result), [
    'image-digest-missing 4:10 "redis:7.2"',
    'image-digest-missing 8:13 "nginx:1.25"',
    'pull-always-mutable 9:18 "always"',
    'image-digest-missing 22:12 "${PROXY_IMAGE:-traefik:v3.1}"',
    'image-latest-tag 24:12 "memcached"',
  ]);
});

test('compose: an image from a variable is judged by its default, said so, and not pinned in place; no default, no finding', async () => {
  const text = [
    'services:',
    '  cache:',
    '    image: redis:${REDIS_TAG:-7.2}',
    '  app:',
    '    image: "${APP_IMAGE-ghcr.io/acme/app:latest}"   # set by CI',
    '  db:',
    '    image: postgres:${PG_TAG}',
    '  required:',
    '    image: ${BASE:?set BASE}',
    '',
  ].join('\n');
  const result = await lintText('docker-compose.yml', text);
  assert.deepEqual(summarize(result), ['image-digest-missing 3:12 "redis:${REDIS_TAG:-7.2}"', 'image-latest-tag 5:13 "${APP_IMAGE-ghcr.io/acme/app:latest}"']);
  const [cache, app] = result.findings;
  assert.match(cache.message, /^The image `redis:7\.2` has a tag but no digest.* \(`redis:\$\{REDIS_TAG:-7\.2\}` read with its variables' defaults\.\) It cannot be pinned automatically: it comes from a variable; pin it where the value is set\.$/);
  assert.match(app.message, /^The image `ghcr\.io\/acme\/app:latest` uses the `:latest` tag/);
  assert.deepEqual([cache.fixes, app.fixes], [[], []]);
});

test('compose: a digest fix inside quotes keeps the quotes and the trailing comment', async () => {
  const { path, text } = fixture('compose/docker-compose.yml');
  const result = await lintText(path, text);
  const [finding] = byRule(result.findings, 'pull-always-mutable');
  const after = pinned(text, finding);
  assert.ok(after.includes(`    image: "nginx:1.25@${DIGEST}"   # front door\n`));
  assert.deepEqual(byRule((await lintText(path, after)).findings, 'pull-always-mutable'), []);
});

test('compose by content: top-level services that look like services, whatever the file name', async () => {
  const { text } = fixture('compose/stack.yaml');
  assert.equal((await lintText('deploy/stack.yaml', text)).kind, 'compose');
  assert.equal((await lintText('deploy/settings.yaml', 'services:\n  mail: {enabled: true}\n')).kind, undefined);
  assert.equal((await lintText('docker-compose.override.yml', 'services: {}\n')).kind, 'compose');
});

test('kustomize: newTag without digest, at the newTag value; digest entries and renames are silent', async () => {
  const result = await lintFixture('kustomize/kustomization.yaml');
  assert.equal(result.kind, 'kustomize');
  assert.deepEqual(summarize(result), [
    'image-digest-missing 8:14 "2.4.0"',
    'image-latest-tag 11:13 "latest"',
    'image-digest-missing 17:27 "v1.31.0"',
  ]);
  assert.deepEqual(result.facts!.images.map((i) => i.text), ['acme/storefront:2.4.0', 'registry.example.com/mirror/nginx:latest', 'envoy:v1.31.0']);
});

test('kustomize: the pin adds a digest key beside newTag, in block and flow entries', async () => {
  const { path, text } = fixture('kustomize/kustomization.yaml');
  const [storefront, , envoy] = (await lintText(path, text)).findings;
  const block = pinned(text, storefront);
  assert.ok(block.includes(`    newTag: "2.4.0"   # bumped by CI\n    digest: ${DIGEST}\n  - name: nginx`));
  const flow = pinned(text, envoy);
  assert.ok(flow.includes(`  - {name: envoy, newTag: v1.31.0, digest: ${DIGEST}}`));
  for (const after of [block, flow]) assert.equal(documentsOf(after).length, 1);
  assert.deepEqual(byRule((await lintText(path, block)).findings, 'image-digest-missing').length, 1);
});

test('helm values: image blocks (nested too); an empty tag falls back to the chart appVersion', async () => {
  const result = await lintFixture('chart/values.yaml');
  assert.equal(result.kind, 'helm-values');
  assert.deepEqual(summarize(result), [
    'pull-always-mutable 5:15 "Always"',
    'image-digest-missing 7:3 "tag: \\"\\""',
    'image-digest-missing 14:10 "v1.31.0"',
  ]);
  const [shop, envoy, metrics] = result.facts!.images;
  assert.equal(shop.text, 'acme/shop:1.16.0');
  assert.match(result.findings[1].message, /appVersion 1\.16\.0/);
  assert.equal(envoy.text, 'ghcr.io/acme/envoy-proxy:v1.31.0');
  assert.equal(metrics.digest, `sha256:${'4'.repeat(64)}`);
});

test('helm values: pins add digest beside tag (quoted like it) or fill an empty digest', async () => {
  const { path, text } = fixture('chart/values.yaml');
  const [, shop, envoy] = (await lintText(path, text)).findings;
  const shopPinned = pinned(text, shop);
  assert.ok(shopPinned.includes(`  tag: ""\n  digest: "${DIGEST}"\n\nsidecar:`));
  const envoyPinned = pinned(text, envoy);
  assert.ok(envoyPinned.includes(`    tag: v1.31.0   # matched to the mesh\n    digest: "${DIGEST}"\n`));
  for (const after of [shopPinned, envoyPinned]) {
    const again = await lintText(path, after);
    assert.equal(byRule(again.findings, 'image-digest-missing').length, 1);
  }
});

test('helm values: image strings with a tag or digest; a bare repository is left to its imageTag', async () => {
  const result = await lintFixture('chart/values-strings.yaml');
  assert.equal(result.kind, 'helm-values');
  assert.deepEqual(summarize(result), [
    'image-digest-missing 4:13 "envoyproxy/envoy:v1.31.0"',
    'pull-always-mutable 5:22 "Always"',
    'image-digest-missing 6:12 "busybox:1.36"',
  ]);
  assert.deepEqual(result.facts!.images.map((i) => i.text), ['envoyproxy/envoy:v1.31.0', 'busybox:1.36', `alpine@sha256:${'5'.repeat(64)}`]);
});

test('helm values: a string image pin appends the digest inside the quotes, comments kept', async () => {
  const { path, text } = fixture('chart/values-strings.yaml');
  const [envoy, , busybox] = (await lintText(path, text)).findings;
  const envoyPinned = pinned(text, envoy);
  assert.equal(envoyPinned, text.replace('"envoyproxy/envoy:v1.31.0"', `"envoyproxy/envoy:v1.31.0@${DIGEST}"`));
  const both = pinned(envoyPinned, (await lintText(path, envoyPinned)).findings.find((f) => f.rule === 'image-digest-missing')!);
  assert.equal(both, envoyPinned.replace('initImage: busybox:1.36', `initImage: busybox:1.36@${DIGEST}`));
  assert.deepEqual(summarize(await lintText(path, both)), []);
  assert.equal(busybox.rule, 'image-digest-missing');
});

test('helm values: only values files beside a Chart.yaml', async () => {
  const { text } = fixture('chart/values.yaml');
  assert.equal((await lintText(join(FIXTURES, 'compose', 'values.yaml'), text)).kind, undefined);
  assert.equal((await lintText(join(FIXTURES, 'chart', 'values-prod.yaml'), text)).kind, 'helm-values');
});

test('helm templates: literal values reported, templated ones not, and never a syntax error', async () => {
  const deployment = await lintFixture('chart/templates/deployment.yaml');
  assert.equal(deployment.kind, 'kubernetes');
  assert.deepEqual(summarize(deployment), [
    'writable-root-filesystem 18:11 "name: envoy"',
    'image-digest-missing 19:18 "envoyproxy/envoy:v1.31.0"',
    'image-digest-missing 25:18 "prom/statsd-exporter:v0.27.1"',
    'host-path-volume 30:11 "hostPath"',
  ]);
  const configmap = await lintFixture('chart/templates/configmap.yaml');
  assert.deepEqual(summarize(configmap), ['mutable-configmap 2:7 "ConfigMap"']);
});

test('helm templates: the securityContext fix lands after the image, clear of template actions', async () => {
  const { path, text } = fixture('chart/templates/deployment.yaml');
  const [envoy] = (await lintText(path, text)).findings;
  const fixed = applyEdits(text, envoy.fixes[0].edits);
  assert.ok(
    fixed.includes(
      '          image: envoyproxy/envoy:v1.31.0\n          securityContext:\n            readOnlyRootFilesystem: true\n          {{- with .Values.sidecar.resources }}\n',
    ),
  );
  assert.deepEqual(byRule((await lintText(path, fixed)).findings, 'writable-root-filesystem'), []);
});

test('helm templates: an inserted key goes after the template lines that fill the value above it', async () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "shop.labels" . | nindent 4 }}\ndata:\n  a: b\n';
  const path = join(FIXTURES, 'chart', 'templates', 'cm.yaml');
  const [finding] = (await lintText(path, text)).findings;
  assert.equal(finding.rule, 'mutable-configmap');
  const fixed = applyEdits(text, finding.fixes[0].edits);
  assert.equal(fixed, text.replace('nindent 4 }}\n', 'nindent 4 }}\nimmutable: true\n'));
  assert.deepEqual((await lintText(path, fixed)).findings, []);
});

test('helm templates: an inserted key goes after an action that runs over several lines; the fix loop inserts it once', async () => {
  const path = join(FIXTURES, 'chart', 'templates', 'cm.yaml');
  const relint = (t: string) => lint({ path, text: t }, { probe: diskProbe });
  for (const [text, after] of [
    ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "shop.fullname"\n    . }}\ndata:\n  a: b\n', '    . }}\n'],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {{- include "shop.labels"\n      . | nindent 4 }}\ndata:\n  a: b\n', 'nindent 4 }}\n'],
  ]) {
    const linted = await lintText(path, text);
    assert.deepEqual(summarize(linted), ['mutable-configmap 2:7 "ConfigMap"']);
    const expected = text.replace(after, `${after}immutable: true\n`);
    assert.equal(applyEdits(text, linted.findings[0].fixes[0].edits), expected);
    const fixed = fixText(text, linted, relint, { unsafe: true });
    assert.equal(fixed.text, expected, 'inserted once, not once per round');
    assert.deepEqual(fixed.result.findings, []);
  }
});

test('helm templates: a column-0 include or Files.Get indented under labels or into a block scalar adds no top-level key', async () => {
  const path = join(FIXTURES, 'chart', 'templates', 'cm.yaml');
  const labels = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: {{ include "shop.fullname" . }}-db',
    '  labels:',
    '    app.kubernetes.io/component: db',
    '{{- include "shop.labels" . | nindent 4 }}',
    'type: Opaque',
    'data:',
    '  password: {{ .Values.db.password | b64enc | quote }}',
    '',
  ].join('\n');
  const secret = await lintText(path, labels);
  assert.deepEqual(summarize(secret), ['mutable-configmap 2:7 "Secret"']);
  const fixed = applyEdits(labels, secret.findings[0].fixes[0].edits);
  assert.equal(fixed, labels.replace('nindent 4 }}\n', 'nindent 4 }}\nimmutable: true\n'));
  const files = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginx-conf\ndata:\n  nginx.conf: |-\n{{ .Files.Get "files/nginx.conf" | indent 4 }}\n';
  assert.deepEqual(summarize(await lintText(path, files)), ['mutable-configmap 2:7 "ConfigMap"']);
});

test('helm templates: an action writing at the object key column, or a templated key, may supply immutable: silent', async () => {
  const path = join(FIXTURES, 'chart', 'templates', 'cm.yaml');
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';
  for (const line of [
    '{{- with .Values.immutable }}immutable: {{ . }}{{ end }}',
    '{{ toYaml .Values.extra | nindent 0 }}',
    '{{- include "shop.extra" . | indent .Values.width }}',
  ]) {
    assert.deepEqual(summarize(await lintText(path, `${head}${line}\ndata:\n  a: b\n`)), [], line);
  }
});

test('helm templates: a column-0 include written at the securityContext keys may set readOnlyRootFilesystem: silent', async () => {
  const path = join(FIXTURES, 'chart', 'templates', 'deploy.yaml');
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '          securityContext:',
    '            runAsNonRoot: true',
    '{{- include "shop.securityContext" . | nindent 12 }}',
    '        - name: worker',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '          securityContext:',
    '            runAsNonRoot: true',
    '',
  ].join('\n');
  assert.deepEqual(summarize(await lintText(path, text)), ['writable-root-filesystem 14:11 "name: worker"']);
});

/** A chart folder held in memory: `Chart.yaml` and the values file under test. */
function chartProbe(chartYaml: string): FileProbe {
  const chart = join(FIXTURES, 'memory-chart', 'Chart.yaml');
  return { exists: (path) => path === chart, read: (path) => (path === chart ? chartYaml : undefined) };
}

const VALUES_PATH = join(FIXTURES, 'memory-chart', 'values.yaml');

test('helm values: image + tag siblings are an image block; a chart-wide pullPolicy: Always covers blocks without their own', async () => {
  const text = [
    'global:',
    '  image:',
    '    pullPolicy: Always',
    'exporter:',
    '  image: ghcr.io/acme/exporter',
    '  tag: v1.75.0',
    '  port: 9100',
    'server:',
    '  image:',
    '    repository: ghcr.io/acme/server',
    '    tag: v2.3.1',
    '    pullPolicy: IfNotPresent',
    'legacy:',
    '  image: jenkins/jenkins',
    '  imageTag: lts',
    '',
  ].join('\n');
  const result = await lintText(VALUES_PATH, text, chartProbe('apiVersion: v2\nname: acme\nversion: 1.0.0\n'));
  assert.deepEqual(summarize(result), [
    'pull-always-mutable 3:17 "Always"',
    'image-digest-missing 6:8 "v1.75.0"',
    'image-digest-missing 11:10 "v2.3.1"',
  ]);
  assert.match(result.findings[0].message, /ghcr\.io\/acme\/exporter:v1\.75\.0/);
  assert.ok(pinned(text, result.findings[1]).includes(`  tag: v1.75.0\n  digest: ${DIGEST}\n  port: 9100\n`));
  const images = text.replace('global:\n  image:\n    pullPolicy: Always', 'images:\n  pullPolicy: Always');
  const imagesResult = await lintText(VALUES_PATH, images, chartProbe('apiVersion: v2\nname: acme\nversion: 1.0.0\n'));
  assert.deepEqual(summarize(imagesResult), ['pull-always-mutable 2:15 "Always"', 'image-digest-missing 5:8 "v1.75.0"', 'image-digest-missing 10:10 "v2.3.1"']);
});

test('helm values: subchart blocks get neither appVersion nor the chart-wide policy; a registry alone is no image', async () => {
  const chart = [
    'apiVersion: v2',
    'name: platform',
    'version: 0.9.0',
    'appVersion: "2.4.0"',
    'dependencies:',
    '  - name: redis-ha',
    '    version: 4.26.1',
    '    repository: https://dandydeveloper.github.io/charts',
    '  - name: grafana',
    '    alias: dashboards',
    '    version: 7.3.0',
    '    repository: https://grafana.github.io/helm-charts',
    '',
  ].join('\n');
  const text = [
    'global:',
    '  imageRegistry: ghcr.io/acme',
    'images:',
    '  pullPolicy: Always',
    'image:',
    '  repository: acme/platform',
    '  tag: ""',
    'redis-ha:',
    '  image:',
    '    repository: redis',
    '    tag: ""',
    'dashboards:',
    '  image:',
    '    repository: grafana/grafana',
    '    tag: 10.4.1',
    'mirror:',
    '  image: registry.acme.internal:5000',
    '  tag: nightly',
    '',
  ].join('\n');
  const result = await lintText(VALUES_PATH, text, chartProbe(chart));
  assert.deepEqual(summarize(result), [
    'pull-always-mutable 4:15 "Always"',
    'image-digest-missing 7:3 "tag: \\"\\""',
    'image-digest-missing 15:10 "10.4.1"',
  ]);
  assert.deepEqual(result.facts!.images.map((i) => i.text), ['acme/platform:2.4.0', 'grafana/grafana:10.4.1']);
  assert.match(result.findings[0].message, /acme\/platform:2\.4\.0/);
  assert.equal(result.findings[2].message.includes('appVersion'), false);
});
