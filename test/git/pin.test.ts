import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../server/cli/run';
import { GIT_HTTP_BACKEND, serveRepositoriesForSuite, toolsRepositories } from '../support/git-http';
import { workflow } from '../support/workflow';
import { requireComponent } from '../support/requirements';
import { tempTreesForSuite } from '../support/temp-tree';

const fixture = serveRepositoriesForSuite(toolsRepositories, { basicAuth: { prefix: '/private/', username: 'x-access-token', password: 'token-123' } });

const project = tempTreesForSuite('driftless-commit-pin-');

async function pin(dir: string, paths: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(['--pin', '--format', 'json', ...paths], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, ...env },
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  return { status, stdout, stderr };
}

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

test('--pin: actions to `@<commit> # <tag>` (annotated and lightweight tags, a branch beating a tag), one ls-refs for the repository', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const { server, main, release, first } = served;
  const dir = project({
    '.driftless.yaml': `github:\n  url: ${server.origin}\n`,
    '.github/workflows/ci.yml': workflow([
      '      - uses: acme/tools@v1',
      "      - uses: 'acme/tools@v1.2.3' # the release",
      '      - uses: acme/tools/sub/dir@main',
      '      - uses: acme/tools@stable',
      '      - uses: acme/tools@v1',
    ]),
  });
  const before = server.seen.length;
  const run = await pin(dir, ['.github/workflows/ci.yml']);
  assert.equal(
    read(dir, '.github/workflows/ci.yml'),
    workflow([
      `      - uses: acme/tools@${release} # v1.2.3`,
      `      - uses: 'acme/tools@${release}' # v1.2.3 # the release`,
      `      - uses: acme/tools/sub/dir@${main} # main`,
      `      - uses: acme/tools@${first} # stable`,
      `      - uses: acme/tools@${release} # v1.2.3`,
    ]),
  );
  assert.deepEqual(run.stderr.trim().split('\n'), [
    `.github/workflows/ci.yml:6: pinned acme/tools@v1 to ${release} (v1.2.3)`,
    `.github/workflows/ci.yml:7: pinned acme/tools@v1.2.3 to ${release} (v1.2.3)`,
    `.github/workflows/ci.yml:8: pinned acme/tools@main to ${main} (main)`,
    `.github/workflows/ci.yml:9: pinned acme/tools@stable to ${first} (stable)`,
    'pinned 4 of 4 references',
  ]);
  assert.equal(run.status, 0);
  assert.deepEqual(server.seen.slice(before).map((r) => `${r.method} ${r.path}`), ['GET /acme/tools/info/refs', 'POST /acme/tools/git-upload-pack']);
  assert.deepEqual(JSON.parse(run.stdout).findings.filter((f: { rule: string }) => f.rule === 'action-unpinned'), []);
});

test('--pin: Terraform ?ref=, Ansible version:, Chef revision, Puppet revision and Dockerfile ADD #ref get the commit', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const { server, main } = served;
  const repo = `${server.origin}/acme/tools.git`;
  const files = {
    'main.tf': `module "tools" {\n  source = "git::${repo}//modules/net?ref=main"\n}\n`,
    'playbook.yml': `- hosts: all\n  tasks:\n    - name: tools\n      ansible.builtin.git:\n        repo: ${repo}\n        dest: /srv/tools\n        version: main\n`,
    'cookbooks/app/recipes/default.rb': `git '/srv/tools' do\n  repository '${repo}'\n  revision "main"\nend\n`,
    'manifests/init.pp': `vcsrepo { '/srv/tools':\n  ensure   => present,\n  provider => git,\n  source   => '${repo}',\n  revision => main,\n}\n`,
    Dockerfile: `FROM scratch\nADD ${repo}#main:modules /src\n`,
  };
  const dir = project(files);
  const run = await pin(dir, Object.keys(files));
  assert.equal(read(dir, 'main.tf'), `module "tools" {\n  source = "git::${repo}//modules/net?ref=${main}"\n}\n`);
  assert.equal(read(dir, 'playbook.yml'), files['playbook.yml'].replace('version: main', `version: "${main}"`));
  assert.equal(read(dir, 'cookbooks/app/recipes/default.rb'), files['cookbooks/app/recipes/default.rb'].replace('"main"', `"${main}"`));
  assert.equal(read(dir, 'manifests/init.pp'), files['manifests/init.pp'].replace('revision => main', `revision => '${main}'`));
  assert.equal(read(dir, 'Dockerfile'), `FROM scratch\nADD ${repo}#${main}:modules /src\n`);
  assert.equal(run.stderr.trim().split('\n').at(-1), 'pinned 5 of 5 references');
  assert.equal(run.status, 0);
  assert.deepEqual(JSON.parse(run.stdout).findings.filter((f: { rule: string }) => f.rule === 'git-unpinned'), []);
});

test('--pin: a missing ref or repository leaves the file exactly as it was, names it, and exits 1', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const { server } = served;
  const text = workflow(['      - uses: acme/tools@v9', '      - uses: acme/none@v1']);
  const dir = project({ '.driftless.yaml': `github:\n  url: ${server.origin}\n`, '.github/workflows/ci.yml': text });
  const run = await pin(dir, ['.github/workflows/ci.yml']);
  assert.equal(read(dir, '.github/workflows/ci.yml'), text);
  assert.deepEqual(run.stderr.trim().split('\n'), [
    `.github/workflows/ci.yml:6: not pinned: ${server.origin}/acme/tools has no branch or tag named v9`,
    `.github/workflows/ci.yml:7: not pinned: cannot resolve v1 in ${server.origin}/acme/none: ${server.origin}/acme/none is not a repository (HTTP 404)`,
    'pinned 0 of 2 references',
  ]);
  assert.equal(run.status, 1);
});

test('--pin: a repository behind Basic auth gets the token (from .driftless.yaml or $GITHUB_TOKEN) for its own host only', async (t) => {
  const served = fixture();
  if (!requireComponent(t, 'git http-backend (git)', GIT_HTTP_BACKEND) || !served) return;
  const { server, secret } = served;
  const text = workflow(['      - uses: private/secret@main']);
  const anonymous = project({ '.driftless.yaml': `github:\n  url: ${server.origin}\n`, '.github/workflows/ci.yml': text });
  const refused = await pin(anonymous, ['.github/workflows/ci.yml']);
  assert.equal(read(anonymous, '.github/workflows/ci.yml'), text);
  assert.match(refused.stderr, new RegExp(`not pinned: cannot resolve main in ${server.origin}/private/secret: .* needs credentials \\(HTTP 401\\)`));
  assert.equal(refused.status, 1);

  const configured = project({ '.driftless.yaml': `github:\n  url: ${server.origin}\n  token: token-123\n`, '.github/workflows/ci.yml': text });
  assert.equal((await pin(configured, ['.github/workflows/ci.yml'])).status, 0);
  assert.equal(read(configured, '.github/workflows/ci.yml'), workflow([`      - uses: private/secret@${secret} # main`]));

  const fromEnvironment = project({ '.driftless.yaml': `github:\n  url: ${server.origin}\n`, '.github/workflows/ci.yml': text });
  assert.equal((await pin(fromEnvironment, ['.github/workflows/ci.yml'], { GITHUB_TOKEN: 'token-123' })).status, 0);
  assert.equal(read(fromEnvironment, '.github/workflows/ci.yml'), workflow([`      - uses: private/secret@${secret} # main`]));

  const elsewhere = project({ '.github/workflows/ci.yml': text, Dockerfile: `FROM scratch\nADD ${server.origin}/acme/tools.git#main /src\n` });
  const before = server.seen.length;
  await pin(elsewhere, ['Dockerfile'], { GITHUB_TOKEN: 'token-123' });
  const sent = server.seen.slice(before);
  assert.ok(sent.length > 0 && sent.every((r) => r.authorization === undefined), 'the GitHub token goes to the GitHub host only');
});

test('--pin: a git server that refuses the connection is named as a git server, and the file is left as it was', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const text = workflow(['      - uses: acme/tools@v1']);
  const dir = project({ '.driftless.yaml': `github:\n  url: http://${host}\n`, '.github/workflows/ci.yml': text });
  const run = await pin(dir, ['.github/workflows/ci.yml']);
  assert.equal(read(dir, '.github/workflows/ci.yml'), text);
  assert.deepEqual(run.stderr.trim().split('\n'), [
    `.github/workflows/ci.yml:6: not pinned: cannot resolve v1 in http://${host}/acme/tools: ${host} refused the connection (git server down?)`,
    'pinned 0 of 1 reference',
  ]);
  assert.equal(run.status, 1);
});

test('--pin: a ref that cannot be asked or placed is reported, escaped, and nothing is written or sent', async () => {
  const text = workflow(['      - uses: "acme/tools@v1\\e[31m"', '      - {uses: acme/tools@main}']);
  const dir = project({ '.driftless.yaml': 'github:\n  url: https://git.invalid\n', '.github/workflows/ci.yml': text });
  const run = await pin(dir, ['.github/workflows/ci.yml']);
  assert.equal(read(dir, '.github/workflows/ci.yml'), text);
  assert.deepEqual(run.stderr.trim().split('\n'), [
    '.github/workflows/ci.yml:6: not pinned: "acme/tools@v1\\u001b[31m": written where a `# <tag>` comment cannot follow it, or not a ref name that can be asked',
    '.github/workflows/ci.yml:7: not pinned: acme/tools@main: written where a `# <tag>` comment cannot follow it, or not a ref name that can be asked',
    'pinned 0 of 2 references',
  ]);
  assert.equal(run.status, 1);
});
