import assert from 'node:assert/strict';
import { test } from 'node:test';
import { suppressionFixes } from '../../rules/suppression';
import { applyEdits } from '../../rules/text';
import { DIGEST_PLACEHOLDER, type DigestFix } from '../../rules/types';
import { byRule, checkFix, fixture, lintFixture, lintText, streamChanges, summarize } from './support';

test('a Deployment: images of init and regular containers, pull policy, writable root filesystems, hostPath', async () => {
  const result = await lintFixture('k8s/deployment.yaml');
  assert.equal(result.kind, 'kubernetes');
  assert.deepEqual(summarize(result), [
    'writable-root-filesystem 19:11 "name: migrate"',
    'image-digest-missing 20:19 "registry.example.com/shop/migrate:2.3.1"',
    'writable-root-filesystem 24:11 "name: web"',
    'image-digest-missing 25:18 "nginx:1.25"',
    'pull-always-mutable 26:28 "Always"',
    'image-latest-tag 35:18 "redis"',
    'writable-root-filesystem 37:37 "false"',
    'writable-root-filesystem 38:12 "name: sidecar"',
    'image-latest-tag 38:35 "busybox:latest"',
    'host-path-volume 41:11 "hostPath"',
  ]);
  const severities = Object.fromEntries(result.findings.map((f) => [f.rule, f.severity]));
  assert.deepEqual(severities, {
    'writable-root-filesystem': 'warning',
    'image-digest-missing': 'warning',
    'pull-always-mutable': 'warning',
    'image-latest-tag': 'error',
    'host-path-volume': 'warning',
  });
});

test('the digest-pinned container with pull policy Always and readOnlyRootFilesystem: true stays silent', async () => {
  const result = await lintFixture('k8s/deployment.yaml');
  const metricsLines = new Set([29, 30, 31, 32, 33]);
  assert.deepEqual(result.findings.filter((f) => metricsLines.has(f.range.start.line + 1)), []);
});

test('pull-always-mutable offers the digest fix of its image, keeping the tag', async () => {
  const { path, text } = fixture('k8s/deployment.yaml');
  const result = await lintText(path, text);
  const [finding] = byRule(result.findings, 'pull-always-mutable');
  const fix = finding.fixes[0] as DigestFix;
  assert.equal(fix.kind, 'digest');
  assert.equal(fix.image, 'nginx:1.25');
  const digest = `sha256:${'a'.repeat(64)}`;
  const pinned = applyEdits(text, fix.edits.map((e) => ({ ...e, newText: e.newText.replace(DIGEST_PLACEHOLDER, digest) })));
  assert.match(pinned, new RegExp(`image: nginx:1\\.25@${digest}\\n`));
  const again = await lintText(path, pinned);
  assert.deepEqual(byRule(again.findings, 'pull-always-mutable'), []);
});

test('writable-root-filesystem: adding securityContext to a block container keeps indentation and comments', async () => {
  const { path, text } = fixture('k8s/deployment.yaml');
  const result = await lintText(path, text);
  const web = byRule(result.findings, 'writable-root-filesystem').find((f) => f.range.start.line === 23)!;
  const fixed = await checkFix(path, text, web, [
    { path: '#0.spec.template.spec.containers[0].securityContext', kind: 'added', after: { readOnlyRootFilesystem: true } },
  ]);
  assert.ok(fixed.includes('          image: nginx:1.25\n          securityContext:\n            readOnlyRootFilesystem: true\n          imagePullPolicy: Always\n'));
});

test('writable-root-filesystem: a key added to an existing securityContext, false set to true, a flow container extended', async () => {
  const { path, text } = fixture('k8s/deployment.yaml');
  const findings = byRule((await lintText(path, text)).findings, 'writable-root-filesystem');
  const [migrate, , cache, sidecar] = findings;
  const migrated = await checkFix(path, text, migrate, [
    { path: '#0.spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem', kind: 'added', after: true },
  ]);
  assert.ok(migrated.includes('            runAsNonRoot: true\n            readOnlyRootFilesystem: true\n      containers:'));
  const cached = await checkFix(path, text, cache, [
    { path: '#0.spec.template.spec.containers[2].securityContext.readOnlyRootFilesystem', kind: 'changed', before: false, after: true },
  ]);
  assert.ok(cached.includes('readOnlyRootFilesystem: true # needs to write dump.rdb'));
  const extended = await checkFix(path, text, sidecar, [
    { path: '#0.spec.template.spec.containers[3].securityContext', kind: 'added', after: { readOnlyRootFilesystem: true } },
  ]);
  assert.ok(extended.includes("- {name: sidecar, image: 'busybox:latest', securityContext: {readOnlyRootFilesystem: true}}"));
});

test('ConfigMaps and Secrets: missing and false immutable are found at the kind value and fixed; immutable: true is silent', async () => {
  const { path, text } = fixture('k8s/config.yaml');
  const result = await lintText(path, text);
  assert.deepEqual(summarize(result), ['mutable-configmap 2:7 "ConfigMap"', 'mutable-configmap 9:7 "Secret"', 'mutable-configmap 26:7 "ConfigMap"']);
  assert.ok(result.findings.every((f) => f.severity === 'info'));
  const [plain, secret, flow] = result.findings;
  const added = await checkFix(path, text, plain, [{ path: '#0.immutable', kind: 'added', after: true }]);
  assert.ok(added.startsWith('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\nimmutable: true\ndata:\n'));
  await checkFix(path, text, secret, [{ path: '#1.immutable', kind: 'changed', before: false, after: true }]);
  const flowFixed = await checkFix(path, text, flow, [{ path: '#3.immutable', kind: 'added', after: true }]);
  assert.ok(flowFixed.endsWith('metadata: {name: flow-style}\nimmutable: true\ndata: {a: "1"}\n'));
});

test('CronJob jobTemplate, List items, a Pod with empty securityContexts, an ephemeral container and a CRD with a pod template', async () => {
  const { path, text } = fixture('k8s/workloads.yaml');
  const result = await lintText(path, text);
  assert.deepEqual(summarize(result), [
    'image-digest-missing 14:20 "ghcr.io/acme/report:v4"',
    'writable-root-filesystem 26:7 "name: shell"',
    'image-digest-missing 27:14 "alpine:3.20"',
    'writable-root-filesystem 30:7 "name: probe"',
    'image-digest-missing 31:14 "busybox:1.36"',
    'image-digest-missing 42:18 "quay.io/acme/app:1.0.0"',
  ]);
  const [shell, probe] = byRule(result.findings, 'writable-root-filesystem');
  const shellFixed = await checkFix(path, text, shell, [
    { path: '#1.items[0].spec.containers[0].securityContext', kind: 'changed', before: null, after: { readOnlyRootFilesystem: true } },
  ]);
  assert.ok(shellFixed.includes('      securityContext:\n        readOnlyRootFilesystem: true\n    ephemeralContainers:'));
  const probeFixed = await checkFix(path, text, probe, [
    { path: '#1.items[0].spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem', kind: 'added', after: true },
  ]);
  assert.ok(probeFixed.includes('securityContext: {readOnlyRootFilesystem: true}\n- apiVersion: argoproj.io'));
});

test('a securityContext written as ~, null or "" is empty and filled by the fix; any other scalar is not judged', async () => {
  const path = '/repo/k8s/null-contexts.yaml';
  const container = (name: string, context: string): string => `    - name: ${name}\n      image: nginx@sha256:${'a'.repeat(64)}\n      securityContext: ${context}\n`;
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: nulls\nspec:\n  containers:\n${container('tilde', '~')}${container('word', 'null')}${container('quoted', '""')}${container('other', 'restricted')}`;
  const result = await lintText(path, text);
  assert.deepEqual(summarize(result), [
    'writable-root-filesystem 7:7 "name: tilde"',
    'writable-root-filesystem 10:7 "name: word"',
    'writable-root-filesystem 13:7 "name: quoted"',
  ]);
  const [tilde, word, quoted] = result.findings;
  for (const [finding, index, before] of [[tilde, 0, null], [word, 1, null], [quoted, 2, '']] as const) {
    const fixed = await checkFix(path, text, finding, [
      { path: `#0.spec.containers[${index}].securityContext`, kind: 'changed', before, after: { readOnlyRootFilesystem: true } },
    ]);
    assert.ok(fixed.includes(`securityContext: {readOnlyRootFilesystem: true}\n    - name: ${['word', 'quoted', 'other'][index]}`));
  }
});

test('suppression: kube-linter and checkov annotations on the object, checkov:skip and driftless-disable-next-line comments', async () => {
  const result = await lintFixture('k8s/suppressed.yaml');
  assert.deepEqual(summarize(result), []);
  const facts = result.facts!;
  assert.deepEqual(facts.scopedSuppressions.map((s) => s.ids), [['no-read-only-root-fs', 'CKV_K8S_43']]);
  assert.equal(facts.containers.length, 2);
  assert.equal(facts.hostPathVolumes.length, 1);
});

test('the same objects without their suppressions are reported', async () => {
  const { path, text } = fixture('k8s/suppressed.yaml');
  const bare = text
    .replace(/ {4}ignore-check[^\n]*\n/, '')
    .replace(/ {4}checkov\.io[^\n]*\n/, '')
    .replace(/ *# checkov:skip[^\n]*\n/, '')
    .replace(/ *# driftless-disable[^\n]*\n/, '');
  const result = await lintText(path, bare);
  assert.deepEqual(
    result.findings.map((f) => f.rule),
    ['writable-root-filesystem', 'image-digest-missing', 'writable-root-filesystem', 'host-path-volume'],
  );
});

test("an app's own config with image: and hostPath keys is not Kubernetes: no kind, no findings", async () => {
  const result = await lintFixture('k8s/app-config.yaml');
  assert.equal(result.kind, undefined);
  assert.deepEqual(result.findings, []);
});

test('"suppress on this line" for a container finding writes a comment that re-parses and silences only that finding', async () => {
  const { path, text } = fixture('k8s/deployment.yaml');
  const result = await lintText(path, text);
  const image = byRule(result.findings, 'image-digest-missing').find((f) => f.range.start.line === 24)!;
  const [line] = suppressionFixes(image, result.facts!, text);
  const suppressed = applyEdits(text, line.edits);
  assert.ok(suppressed.includes('      containers:\n        # driftless-disable-next-line image-digest-missing\n        - name: web\n'));
  assert.deepEqual(streamChanges(text, suppressed), []);
  const again = await lintText(path, suppressed);
  const withoutLines = (r: typeof result) => r.findings.map((f) => `${f.rule} ${r.text.slice(f.span.start, f.span.end)}`);
  const expected = withoutLines(result).filter((s) => s !== 'image-digest-missing nginx:1.25');
  assert.deepEqual(withoutLines(again), expected);
});

test('a service-account token Secret is filled in by the token controller: mutable-configmap stays silent', async () => {
  const secret = (type: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\n  annotations: {kubernetes.io/service-account.name: builder}\ntype: ${type}\n`;
  assert.deepEqual(summarize(await lintText('t.yaml', secret('kubernetes.io/service-account-token'))), []);
  assert.deepEqual(summarize(await lintText('t.yaml', secret('Opaque'))), ['mutable-configmap 2:7 "Secret"']);
});
