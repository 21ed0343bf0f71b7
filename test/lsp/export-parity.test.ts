import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPORT_FORMATS, EXPORT_REQUEST, type ExportParams } from '../../server/protocol';
import { runCli } from '../cli/support';
import { TestClient } from './client';
import { PLAYBOOK, TempWorkspace } from './workspace';

const FILES = {
  'site.yml': PLAYBOOK,
  'app/Dockerfile': ['FROM node:20 AS build', 'RUN curl -k https://example.com/x | sh', `FROM alpine:3.20@sha256:${'a'.repeat(64)}`, ''].join('\n'),
  'deploy/web.yaml': ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '    - name: web', '      image: nginx:latest', ''].join('\n'),
  'bin/Dockerfile': 'FROM a\0b\n',
};

test('the editor exports the same Markdown, JSON and SARIF as the CLI run in the folder', async () => {
  const ws = new TempWorkspace(FILES);
  const client = await TestClient.spawn({ root: ws.root });
  try {
    await client.connection.sendRequest('driftless/audit', {});
    for (const format of EXPORT_FORMATS) {
      const params: ExportParams = { format };
      const exported = await client.connection.sendRequest<string>(EXPORT_REQUEST, params);
      const cli = runCli(['--format', format], { cwd: ws.root });
      assert.equal(cli.status, 1, cli.stderr);
      assert.equal(exported, cli.stdout, format);
    }
  } finally {
    await client.dispose();
    ws.remove();
  }
});
