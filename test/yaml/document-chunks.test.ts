import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { documentChunks } from '../../rules/yaml/document-chunks';
import { applyFix, byRule, lintText, localFix, spanText } from './support';

const CRD = [
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata:',
  '  name: widgets.example.com',
  'spec:',
  '  versions:',
  '    - name: v1',
  '      schema:',
  '        openAPIV3Schema:',
  '          properties:',
  '            containers:',
  '              description: |',
  '                image: nginx:latest is only text here',
  '                kind: Deployment',
  '',
].join('\n');

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web # the front end',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: nginx:latest',
  '',
].join('\n');

function kindsOf(text: string): { text: string; schema: boolean }[] {
  const chunks = documentChunks(text);
  assert.ok(chunks);
  return chunks.map((c) => ({ text: text.slice(c.start, c.end), schema: c.schema }));
}

describe('CustomResourceDefinition documents are recognised from their text', () => {
  test('the stream is cut at `---` (starting a chunk) and after `...` (ending one); only the CRD is a schema', () => {
    const text = `# bundle\n---\n${CRD}...\n---\n${DEPLOYMENT}`;
    assert.deepEqual(kindsOf(text), [
      { text: '# bundle\n', schema: false },
      { text: `---\n${CRD}...\n`, schema: true },
      { text: `---\n${DEPLOYMENT}`, schema: false },
    ]);
  });

  test('quoted kinds, trailing comments and CRLF still count; a near miss does not', () => {
    const crlf = 'apiVersion: apiextensions.k8s.io/v1\r\nkind: "CustomResourceDefinition" # generated\r\nspec: {}\r\n';
    assert.equal(kindsOf(crlf)[0].schema, true);
    for (const text of [
      'apiVersion: v1\nkind: CustomResourceDefinitionList\nitems: []\n',
      'kind: CustomResourceDefinition\nspec: {}\n',
      'apiVersion: v1\nkind: CustomResourceDefinition\nkind: Deployment\n',
      '---\n  kind: CustomResourceDefinition\n',
      '--- |\n  apiVersion: v1\n  kind: CustomResourceDefinition\n',
    ]) {
      assert.deepEqual(kindsOf(text).map((c) => c.schema), kindsOf(text).map(() => false), text);
    }
  });

  test('`---text` is not a marker; a `%` directive leaves the stream whole', () => {
    assert.equal(kindsOf('a: 1\n---x: 2\n').length, 1);
    assert.equal(documentChunks('%YAML 1.2\n---\napiVersion: v1\nkind: CustomResourceDefinition\n'), undefined);
  });
});

describe('linting a stream with CustomResourceDefinitions in it', () => {
  test('findings after a skipped schema sit at their place in the file, with comments and errors', async () => {
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: 1\n  x: 2\n';
    const text = `---\n${CRD}---\n${DEPLOYMENT}---\n${CRD}---\n${broken}`;
    const result = await lintText('/manifests/bundle.yaml', text);
    assert.equal(result.kind, 'kubernetes');
    const latest = byRule(result.findings, 'image-latest-tag');
    assert.equal(latest.length, 1, 'the image in the CRD description is text, not an image');
    assert.equal(latest[0].span.start, text.indexOf('nginx:latest', text.indexOf('kind: Deployment')));
    assert.equal(spanText(text, latest[0]), 'nginx:latest');
    const syntax = byRule(result.findings, 'yaml-syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].span.start, text.lastIndexOf('x: 2'));
    assert.equal(spanText(text, byRule(result.findings, 'mutable-configmap')[0]), 'ConfigMap');
    assert.ok(result.facts?.comments.some((c) => text.slice(c.span.start, c.span.end) === '# the front end'));
  });

  test('a suppression comment after a schema silences its line', async () => {
    const deployment = DEPLOYMENT.replace('          image: nginx:latest', '          # driftless-disable-next-line image-latest-tag\n          image: nginx:latest');
    const result = await lintText('/manifests/bundle.yaml', `${CRD}---\n${deployment}`);
    assert.deepEqual(byRule(result.findings, 'image-latest-tag'), []);
  });

  test('a fix after a schema edits the right bytes and leaves the schema as it was', async () => {
    const text = `${CRD}---\n${DEPLOYMENT}`;
    const result = await lintText('/manifests/bundle.yaml', text);
    const [writable] = byRule(result.findings, 'writable-root-filesystem');
    const fixed = applyFix(text, localFix(writable));
    assert.ok(fixed.startsWith(CRD));
    const docs = parseAllDocuments(fixed);
    assert.deepEqual(docs.flatMap((d) => d.errors), []);
    assert.equal(docs[1].getIn(['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'readOnlyRootFilesystem']), true);
    assert.deepEqual(byRule((await lintText('/manifests/bundle.yaml', fixed)).findings, 'writable-root-filesystem'), []);
  });

  test('a file of schemas alone is a Kubernetes file with nothing to report, a syntax error inside one included', async () => {
    const result = await lintText('/manifests/crds.yaml', `${CRD}---\n${CRD.replace('  name: widgets.example.com', '  name: [unclosed')}`);
    assert.equal(result.kind, 'kubernetes');
    assert.deepEqual(result.findings, []);
  });
});
