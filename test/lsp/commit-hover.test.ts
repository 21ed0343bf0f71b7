import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { bareRepository, git, GIT_HTTP_BACKEND, serveRepositoriesForSuite } from '../support/git-http';
import { GitClient } from '../../server/git/client';
import { RepositoryTags } from '../../server/lsp/repository-tags';
import { requireComponent } from '../support/requirements';
import { workflow } from '../support/workflow';
import { noDigests, TestClient } from './client';
import { TempWorkspace } from './workspace';


async function hover(client: TestClient, uri: string, line: number, character: number): Promise<string | undefined> {
  const answer = await client.connection.sendRequest<{ contents: MarkupContent } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  return answer?.contents.value;
}

describe('the hover on a pinned commit names its tags, asked of git http-backend', () => {
  const repositories = serveRepositoriesForSuite((root) => {
    const tools = bareRepository(root, 'acme/tools');
    const released = tools.commit('release 1.2.3');
    const untagged = tools.commit('work after the release');
    git(tools.gitDir, ['tag', '-a', 'v1.2.3', '-m', 'release 1.2.3', released]);
    git(tools.gitDir, ['update-ref', 'refs/tags/v1.2', released]);
    git(tools.gitDir, ['update-ref', 'refs/tags/v1', released]);
    git(tools.gitDir, ['update-ref', 'refs/tags/nightly', untagged]);
    git(tools.gitDir, ['update-ref', 'refs/heads/main', untagged]);
    return { released, untagged };
  });

  test('an annotated and lightweight tags on the commit: the most specific first; one ls-refs per repository', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server, released, untagged } = served;
    const ws = new TempWorkspace({ '.driftless.yaml': `github:\n  url: ${server.origin}\n` });
    const client = await TestClient.inProcess(noDigests, { root: ws.root });
    try {
      const uri = ws.uri('.github/workflows/ci.yml');
      await client.open(ws.path('.github/workflows/ci.yml'), workflow([`      - uses: acme/tools/setup@${released.toUpperCase()}`, `      - uses: acme/tools@${untagged} # nightly`]), 'yaml');
      const before = server.seen.length;
      assert.equal(await hover(client, uri, 5, 20), `\`acme/tools/setup@${released.slice(0, 7)}…\` is \`v1.2.3\` (also \`v1.2\`, \`v1\`).`);
      assert.equal(await hover(client, uri, 6, 20), `\`acme/tools@${untagged.slice(0, 7)}…\`: no version tag points at this commit.`);
      assert.deepEqual(server.seen.slice(before).map((r) => `${r.method} ${r.path}`), ['GET /acme/tools/info/refs', 'POST /acme/tools/git-upload-pack']);
      assert.equal(await hover(client, uri, 3, 6), undefined, 'no hover off a commit');
    } finally {
      await client.dispose();
      ws.remove();
    }
  });

  test('a checkout of a commit (Dockerfile `ADD <git-url>#<sha>`) asks the repository it names', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server, released } = served;
    const ws = new TempWorkspace();
    const client = await TestClient.inProcess(noDigests, { root: ws.root });
    try {
      const uri = ws.uri('Dockerfile');
      const repository = `${server.origin}/acme/tools.git`;
      await client.open(ws.path('Dockerfile'), `FROM scratch\nADD ${repository}#${released} /src\n`, 'dockerfile');
      assert.equal(await hover(client, uri, 1, 10), `\`${released.slice(0, 7)}… of ${repository}\` is \`v1.2.3\` (also \`v1.2\`, \`v1\`).`);
    } finally {
      await client.dispose();
      ws.remove();
    }
  });

  test('a missing repository: one short line naming it and why', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server, released } = served;
    const ws = new TempWorkspace({ '.driftless.yaml': `github:\n  url: ${server.origin}\n` });
    const client = await TestClient.inProcess(noDigests, { root: ws.root });
    try {
      const uri = ws.uri('.github/workflows/ci.yml');
      await client.open(ws.path('.github/workflows/ci.yml'), workflow([`      - uses: acme/missing@${released}`]), 'yaml');
      const where = `${server.origin}/acme/missing`;
      assert.equal(await hover(client, uri, 5, 20), `\`acme/missing@${released.slice(0, 7)}…\`: \`cannot list the tags of ${where}: ${where} is not a repository (HTTP 404)\``);
    } finally {
      await client.dispose();
      ws.remove();
    }
  });

  test('the session keeps a bounded number of repositories, least recently asked dropped first, and no failure', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server } = served;
    const tags = new RepositoryTags(1);
    const client = new GitClient({ cacheTtlMs: 0 });
    const tools = `${server.origin}/acme/tools`;
    const missing = `${server.origin}/acme/missing`;
    const { seen } = server;
    const asked = (from: number): string[] => seen.slice(from).filter((r) => r.method === 'POST' || r.path.endsWith('/info/refs')).map((r) => r.path.split('/')[2]);
    const before = server.seen.length;
    assert.equal((await tags.of(client, tools)).ok, true);
    assert.equal((await tags.of(client, tools)).ok, true);
    assert.equal((await tags.of(client, missing)).ok, false);
    assert.equal((await tags.of(client, missing)).ok, false);
    assert.equal((await tags.of(client, tools)).ok, true);
    assert.deepEqual(asked(before), ['tools', 'tools', 'missing', 'missing', 'tools', 'tools']);
  });

  test('in an untrusted workspace nothing is looked up, and the hover says why', async (t) => {
    const served = repositories();
    if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
    const { server, released } = served;
    const ws = new TempWorkspace();
    const client = await TestClient.inProcess(noDigests, { root: ws.root, initializationOptions: { workspaceTrusted: false } });
    try {
      const uri = ws.uri('Dockerfile');
      await client.open(ws.path('Dockerfile'), `FROM scratch\nADD ${server.origin}/acme/tools.git#${released} /src\n`, 'dockerfile');
      const before = server.seen.length;
      const shown = await hover(client, uri, 1, 10);
      assert.match(shown ?? '', /^`[0-9a-f]{7}… of http:\/\/127\.0\.0\.1:\d+\/acme\/tools\.git`: its tags were not looked up: network lookups are off in an untrusted workspace /);
      assert.equal(server.seen.length, before);
    } finally {
      await client.dispose();
      ws.remove();
    }
  });
});

describe('the hover on a pinned commit does not wait for a slow git server', () => {
  let slow: http.Server;
  let origin = '';

  before(async () => {
    slow = http.createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  });
  after(async () => {
    slow.closeAllConnections();
    await new Promise<void>((resolve) => slow.close(() => resolve()));
  });

  test('after the bound it answers without the tags', async () => {
    const ws = new TempWorkspace({ '.driftless.yaml': `github:\n  url: ${origin}\n` });
    const client = await TestClient.inProcess(noDigests, { root: ws.root });
    try {
      const uri = ws.uri('.github/workflows/ci.yml');
      const commit = 'a'.repeat(40);
      await client.open(ws.path('.github/workflows/ci.yml'), workflow([`      - uses: acme/tools@${commit}`]), 'yaml');
      assert.equal(await hover(client, uri, 5, 20), '`acme/tools@aaaaaaa…`: its tags are still being looked up (more than 3 s); hover again to see them.');
    } finally {
      await client.dispose();
      ws.remove();
    }
  });
});
