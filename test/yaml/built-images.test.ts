import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText, probeOf, summarize } from './support';

const SKAFFOLD = `apiVersion: skaffold/v4beta6
kind: Config
build:
  artifacts:
  - image: adservice
    context: src/adservice
  - image: gcr.io/acme/frontend
profiles:
- name: debug
  build:
    artifacts:
    - image: loadgenerator
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
      - name: ads
        image: adservice
        imagePullPolicy: Always
        securityContext: {readOnlyRootFilesystem: true}
      - name: web
        image: gcr.io/acme/frontend:v1
        securityContext: {readOnlyRootFilesystem: true}
      - name: load
        image: loadgenerator
        securityContext: {readOnlyRootFilesystem: true}
      - name: cache
        image: redis
        securityContext: {readOnlyRootFilesystem: true}
`;

test("images Skaffold builds (build.artifacts, a profile's too) are left to Skaffold; other images of the manifest are reported", async () => {
  const probe = probeOf({ '/repo/skaffold.yaml': SKAFFOLD });
  const result = await lintText('/repo/kubernetes-manifests/shop.yaml', DEPLOYMENT, probe);
  assert.deepEqual(summarize(result), ['image-latest-tag 20:16 "redis"']);
  assert.deepEqual(
    result.facts?.images.map((i) => [i.text, i.builtBy]),
    [
      ['adservice', 'a Skaffold artifact of skaffold.yaml'],
      ['gcr.io/acme/frontend:v1', 'a Skaffold artifact of skaffold.yaml'],
      ['loadgenerator', 'a Skaffold artifact of skaffold.yaml'],
      ['redis', undefined],
    ],
  );
});

test('without a skaffold.yaml within three folders above, the same manifest is reported in full', async () => {
  const tooFar = probeOf({ '/repo/skaffold.yaml': SKAFFOLD });
  const result = await lintText('/repo/a/b/c/d/shop.yaml', DEPLOYMENT, tooFar);
  assert.deepEqual(
    summarize(result).map((s) => s.split(' ')[0]),
    ['image-latest-tag', 'pull-always-mutable', 'image-digest-missing', 'image-latest-tag', 'image-latest-tag'],
  );
});

test('a Kustomize newTag the pipeline substitutes (CONTAINER_IMAGES_TAG, ${TAG}) is not a pull; a real tag still is', async () => {
  const text = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'images:',
    '- name: adservice',
    '  newName: gcr.io/acme/adservice',
    '  newTag: CONTAINER_IMAGES_TAG',
    '- name: web',
    '  newTag: ${IMAGE_TAG}',
    '- name: redis',
    '  newTag: "7.2"',
    '- name: nginx',
    '  newTag: LATEST',
    '',
  ].join('\n');
  const result = await lintText('/repo/kustomization.yaml', text, probeOf({}));
  assert.deepEqual(summarize(result), ['image-digest-missing 10:12 "7.2"', 'image-digest-missing 12:11 "LATEST"']);
});
