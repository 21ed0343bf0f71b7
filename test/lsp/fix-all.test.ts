import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../server/cli/run';
import { lintPath } from '../../server/workspace/lint-path';
import { TestClient } from './client';
import { TempWorkspace } from './workspace';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

/** A file whose fixes take two rounds (the editor then sends one replacement), and one whose fixes all go in one round. */
const CASES: { name: string; languageId: string; text: string; fixed: string; gone: string[] }[] = [
  {
    name: 'Dockerfile',
    languageId: 'dockerfile',
    // Each upgrade's removal takes the `&&` between them: the second is left for a second round, where it is the whole RUN.
    text: 'FROM debian:12\nRUN apt-get upgrade -y && apt-get dist-upgrade -y\nRUN curl -fsSLk https://x.example/a -o /a\n',
    fixed: 'FROM debian:12\nRUN curl -fsSL https://x.example/a -o /a\n',
    gone: ['in-place-upgrade', 'integrity-bypass'],
  },
  {
    name: 'upgrades.yml',
    languageId: 'yaml',
    text: '- hosts: all\n  tasks:\n    - name: base\n      apt:\n        name: nginx=1.24.0-1\n        state: latest\n    - name: everything\n      apt:\n        upgrade: dist\n',
    fixed: '- hosts: all\n  tasks:\n    - name: base\n      apt:\n        name: nginx=1.24.0-1\n        state: present\n',
    gone: ['in-place-upgrade', 'package-latest'],
  },
];

describe('fix-all in the editor, unsafe fixes allowed, gives the text `driftless --fix --unsafe-fixes` gives the file', () => {
  let ws: TempWorkspace;
  let client: TestClient;
  before(async () => {
    ws = new TempWorkspace();
    client = await TestClient.inProcess(async () => ({ ok: false, message: 'no registry in this test' }), { root: ws.root, settings: { unsafeFixes: true } });
  });
  after(async () => {
    await client.dispose();
    ws.remove();
  });

  for (const c of CASES) {
    test(`${c.name}: both take every round, and the result re-lints without those findings`, async () => {
      ws.write(c.name, c.text);
      const uri = ws.uri(c.name);
      await client.open(ws.path(c.name), c.text, c.languageId);
      const [fixAll] = await client.codeActions(uri, WHOLE, [], ['source.fixAll']);
      const resolved = await client.resolve(fixAll);
      assert.ok(resolved.edit);
      await client.apply(resolved.edit);
      const editorText = client.text(uri);
      await client.close(uri);

      const io = { cwd: ws.root, env: {}, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false };
      await runCli(['--fix', '--unsafe-fixes', '--failure-threshold', 'none', ws.path(c.name)], io);
      const cliText = readFileSync(ws.path(c.name), 'utf8');

      assert.equal(cliText, c.fixed);
      assert.equal(editorText, cliText);
      const left = lintPath(ws.path(c.name), cliText).findings.map((f) => f.rule);
      assert.deepEqual(left.filter((rule) => c.gone.includes(rule)), []);
    });
  }
});

/** The cases: fixes that change what runs, which neither fix-all nor `--fix` may apply unasked. */
const UNSAFE_ONLY: { name: string; text: string; rule: string; consequence: RegExp }[] = [
  {
    name: 'nginx.yaml',
    // Stock nginx writes to /var/cache/nginx: a read-only root filesystem crashes it on start.
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27@sha256:' + 'a'.repeat(64) + '\n',
    rule: 'writable-root-filesystem',
    consequence: /; the container must not write outside its volumes$/,
  },
  {
    name: 'explicit.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\nspec:\n  containers:\n    - name: tool\n      image: busybox:1.36@sha256:' + 'b'.repeat(64) + '\n      securityContext:\n        readOnlyRootFilesystem: false\n',
    rule: 'writable-root-filesystem',
    consequence: /; the container must not write outside its volumes$/,
  },
  {
    name: 'secret.yaml',
    // A Secret Helm keeps under a fixed name: once immutable, the next `helm upgrade` that changes it fails.
    text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-credentials\n  labels:\n    app.kubernetes.io/managed-by: Helm\ntype: Opaque\nstringData:\n  token: x\n',
    rule: 'mutable-configmap',
    consequence: /; the object must get a new name for each change/,
  },
];

describe('by default fix-all and `--fix` apply only safe fixes; unsafe ones stay quick fixes that name the consequence', () => {
  let ws: TempWorkspace;
  let client: TestClient;
  before(async () => {
    ws = new TempWorkspace();
    client = await TestClient.inProcess(async () => ({ ok: false, message: 'no registry in this test' }), { root: ws.root });
  });
  after(async () => {
    await client.dispose();
    ws.remove();
  });

  for (const c of UNSAFE_ONLY) {
    test(`${c.name}: no fix-all is offered, --fix writes nothing, the quick fix says what it takes`, async () => {
      ws.write(c.name, c.text);
      const uri = ws.uri(c.name);
      const opened = await client.open(ws.path(c.name), c.text, 'yaml');
      assert.deepEqual(opened.diagnostics.map((d) => d.code), [c.rule]);
      assert.deepEqual(await client.codeActions(uri, WHOLE, [], ['source.fixAll']), []);
      const quickFixes = await client.codeActions(uri, opened.diagnostics[0].range, opened.diagnostics, ['quickfix']);
      const fix = quickFixes.find((a) => !a.title.startsWith('Suppress'));
      assert.ok(fix, quickFixes.map((a) => a.title).join(', '));
      assert.match(fix.title, c.consequence);
      assert.notEqual(fix.isPreferred, true);
      await client.close(uri);

      let stderr = '';
      const io = { cwd: ws.root, env: {}, stdout: () => undefined, stderr: (t: string) => void (stderr += t), stdoutIsTTY: false, stderrIsTTY: false };
      await runCli(['--fix', ws.path(c.name)], io);
      assert.equal(readFileSync(ws.path(c.name), 'utf8'), c.text);
      assert.match(stderr, /1 unsafe fix not applied: --unsafe-fixes applies them/);
    });
  }
});
