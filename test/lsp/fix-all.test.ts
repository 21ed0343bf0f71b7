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

describe('fix-all in the editor gives the text `driftless --fix` gives the file', () => {
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
      await runCli(['--fix', '--failure-threshold', 'none', ws.path(c.name)], io);
      const cliText = readFileSync(ws.path(c.name), 'utf8');

      assert.equal(cliText, c.fixed);
      assert.equal(editorText, cliText);
      const left = lintPath(ws.path(c.name), cliText).findings.map((f) => f.rule);
      assert.deepEqual(left.filter((rule) => c.gone.includes(rule)), []);
    });
  }
});
