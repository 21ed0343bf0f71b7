import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKustomizePatch } from '../../rules/front-ends/kubernetes/kustomize-patches';
import { byRule, lintText, localFix, probeOf, summarize } from './support';

const OVERLAY_KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
  - extra-deployment.yaml
patches:
  - path: patches/api-resources.yaml
    target:
      kind: Deployment
      name: api
  - patches/api-config.yaml
  - patch: |-
      - op: replace
        path: /spec/replicas
        value: 3
    target: {kind: Deployment, name: worker}
patchesStrategicMerge:
  - worker-image.yaml
patchesJson6902:
  - target: {group: apps, version: v1, kind: Deployment, name: api}
    path: patches/api-env.json.yaml
`;

const API_RESOURCES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 4
  template:
    spec:
      containers:
        - name: api
          resources:
            limits:
              memory: 1Gi
`;

const API_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LOG_LEVEL: warn
`;

const WORKER_IMAGE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  template:
    spec:
      containers:
        - name: worker
          image: registry.example.com/shop/worker:2.4.0
          imagePullPolicy: Always
          securityContext:
            readOnlyRootFilesystem: false
        - name: metrics
          image: registry.example.com/shop/metrics@sha256:${'b'.repeat(64)}
          securityContext:
            runAsNonRoot: true
      volumes:
        - name: docker-sock
          hostPath:
            path: /var/run/docker.sock
`;

const probe = probeOf({ '/repo/deploy/overlays/prod/kustomization.yaml': OVERLAY_KUSTOMIZATION });

test('a Deployment patch listed under patches: (path:) is silent about what it leaves out; the same object unlisted is reported', async () => {
  const patch = await lintText('/repo/deploy/overlays/prod/patches/api-resources.yaml', API_RESOURCES, probe);
  assert.equal(patch.kind, 'kubernetes');
  assert.deepEqual(summarize(patch), []);
  const whole = await lintText('/repo/deploy/overlays/prod/extra-deployment.yaml', API_RESOURCES, probe);
  assert.deepEqual(summarize(whole), ['writable-root-filesystem 10:11 "name: api"']);
});

test('a ConfigMap patch listed as a plain string under patches: has no immutable to judge; immutable: false it sets is reported', async () => {
  const path = '/repo/deploy/overlays/prod/patches/api-config.yaml';
  assert.deepEqual(summarize(await lintText(path, API_CONFIG, probe)), []);
  assert.deepEqual(summarize(await lintText('/repo/deploy/overlays/prod/config.yaml', API_CONFIG, probe)), ['mutable-configmap 2:7 "ConfigMap"']);
  const setsMutable = API_CONFIG.replace('\ndata:', '\nimmutable: false\ndata:');
  const result = await lintText(path, setsMutable, probe);
  assert.deepEqual(summarize(result), ['mutable-configmap 2:7 "ConfigMap"']);
  assert.equal(localFix(result.findings[0]).title, 'Set immutable: true');
});

test('a patchesStrategicMerge patch is reported for what it sets: its image, pull policy, readOnlyRootFilesystem: false and hostPath', async () => {
  const result = await lintText('/repo/deploy/overlays/prod/worker-image.yaml', WORKER_IMAGE, probe);
  assert.deepEqual(summarize(result), [
    'image-digest-missing 10:18 "registry.example.com/shop/worker:2.4.0"',
    'pull-always-mutable 11:28 "Always"',
    'writable-root-filesystem 13:37 "false"',
    'host-path-volume 20:11 "hostPath"',
  ]);
  const [writable] = byRule(result.findings, 'writable-root-filesystem');
  assert.equal(localFix(writable).title, 'Set readOnlyRootFilesystem: true');
});

test('the kustomization is found in a parent folder and under any of its names; resources: and inline patches do not make a file a patch', () => {
  const nested = probeOf({ '/repo/app/Kustomization': 'patchesStrategicMerge:\n  - overlays/staging/patches/web.yaml\n' });
  assert.equal(isKustomizePatch('/repo/app/overlays/staging/patches/web.yaml', nested), true);
  assert.equal(isKustomizePatch('/repo/app/overlays/staging/patches/db.yaml', nested), false);
  assert.equal(isKustomizePatch('/repo/deploy/overlays/prod/patches/api-env.json.yaml', probe), true);
  assert.equal(isKustomizePatch('/repo/deploy/overlays/prod/extra-deployment.yaml', probe), false);
  assert.equal(isKustomizePatch('/repo/deploy/base/deployment.yaml', probe), false);
  const tooFar = probeOf({ '/repo/kustomization.yaml': 'patches:\n  - path: a/b/c/d/patch.yaml\n' });
  assert.equal(isKustomizePatch('/repo/a/b/c/d/patch.yaml', tooFar), false);
  assert.equal(isKustomizePatch('/repo/a/b/c/d/patch.yaml', { exists: () => true }), false);
});

test('a kustomization edited between lints is read as it is now: what it listed before does not linger', () => {
  const files: Record<string, string> = { '/repo/k/kustomization.yaml': 'patches:\n  - path: a.yaml\n' };
  const edited = probeOf(files);
  assert.equal(isKustomizePatch('/repo/k/a.yaml', edited), true);
  assert.equal(isKustomizePatch('/repo/k/b.yaml', edited), false);
  files['/repo/k/kustomization.yaml'] = 'patches:\n  - path: b.yaml\n';
  assert.equal(isKustomizePatch('/repo/k/a.yaml', edited), false);
  assert.equal(isKustomizePatch('/repo/k/b.yaml', edited), true);
  for (let i = 0; i < 40; i++) isKustomizePatch('/repo/k/b.yaml', probeOf({ '/repo/k/kustomization.yaml': `patches:\n  - path: p${i}.yaml\n` }));
  files['/repo/k/kustomization.yaml'] = 'patches:\n  - path: a.yaml\n';
  assert.equal(isKustomizePatch('/repo/k/a.yaml', edited), true, 'a kustomization read again after many others');
});
