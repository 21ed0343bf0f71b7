import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/requirements';
import { CLI, tempTree } from './support';

const BAD_DOCKERFILE = 'FROM ubuntu\nRUN curl -k https://example.com/x -o /x\n';
const GOOD_DOCKERFILE = `FROM debian:12@sha256:${'a'.repeat(64)}\n`;

/** A folder holding a `driftless` command that runs the built CLI, as `npm install -g driftless-cli` provides. */
function driftlessOnPath(dir: string): string {
  const bin = join(dir, '.bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'driftless'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'driftless'), 0o755);
  return `${bin}:${process.env.PATH ?? ''}`;
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  // stdin not a socket: bash would take the run for an ssh session and read ~/.bashrc.
  const run = spawnSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, ...env } });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** As `bash`, without blocking the event loop: the action's upload talks to a server in this process. */
function bashAsync(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface ActionStep {
  id?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
}

interface ActionRun {
  exitCode: number;
  outputs: Record<string, string>;
  log: string;
}

/**
 * Runs action.yml's composite steps as the Actions runner does, for the expressions the file uses: inputs (with
 * their defaults), `github.token`, earlier steps' outputs, and `if:` comparisons of an input. An expression it does
 * not know fails the test, so the file cannot quietly outgrow this runner.
 */
async function runAction(workspace: string, inputs: Record<string, string>, api: string): Promise<ActionRun> {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { using: string; steps: ActionStep[] } };
  assert.equal(action.runs.using, 'composite');
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) values[name] = inputs[name] ?? input.default ?? '';
  const stepOutputs: Record<string, Record<string, string>> = {};
  const evaluate = (expression: string): string => {
    const e = expression.trim();
    let m = /^inputs\.([\w-]+)$/.exec(e);
    if (m) return values[m[1]];
    if (e === 'github.token') return 'test-token';
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
    if (m) return stepOutputs[m[1]]?.[m[2]] ?? '';
    m = /^inputs\.([\w-]+) == '([^']*)'$/.exec(e);
    if (m) return String(values[m[1]] === m[2]);
    throw new Error(`action.yml uses an expression this runner does not know: ${e}`);
  };
  const substitute = (text: string): string => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => evaluate(e));
  for (const name of Object.keys(values)) values[name] = substitute(values[name]);
  let log = '';
  for (const step of action.runs.steps) {
    assert.equal(step.uses, undefined, 'every step is ours: no third-party action to pin');
    if (step.if !== undefined && evaluate(step.if) !== 'true') continue;
    assert.equal(step.shell, 'bash');
    assert.ok(step.run);
    const outputFile = join(workspace, `.github-output-${step.id ?? 'step'}`);
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_API_URL: api,
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
    };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(value);
    const result = await bashAsync(step.run, workspace, env);
    log += result.stdout + result.stderr;
    if (step.id) stepOutputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    if (result.status !== 0) return { exitCode: result.status ?? -1, outputs: stepOutputs.lint ?? {}, log };
  }
  return { exitCode: 0, outputs: stepOutputs.lint ?? {}, log };
}

test('action.yml lints, uploads the SARIF to code scanning, and fails only at the threshold', async (t) => {
  const uploads: { auth?: string; body: { commit_sha: string; ref: string; sarif: string; tool_name: string } }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      assert.equal(req.method, 'POST');
      assert.equal(req.url, '/repos/acme/infra/code-scanning/sarifs');
      uploads.push({ auth: req.headers.authorization, body: JSON.parse(body) });
      res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  const api = `http://127.0.0.1:${address.port}`;
  const { dir, cleanup } = tempTree({ 'svc/Dockerfile': BAD_DOCKERFILE, 'ok/Dockerfile': GOOD_DOCKERFILE });
  t.after(cleanup);

  const failing = await runAction(dir, { paths: 'svc ok' }, api);
  assert.equal(failing.exitCode, 1, failing.log);
  assert.equal(failing.outputs['exit-code'], '1');
  assert.match(failing.log, /::error::Driftless found problems at or above the failure threshold/);
  assert.equal(uploads.length, 1);
  assert.equal(uploads[0].auth, 'Bearer test-token');
  assert.deepEqual({ ...uploads[0].body, sarif: undefined }, { commit_sha: 'c'.repeat(40), ref: 'refs/heads/main', sarif: undefined, tool_name: 'driftless' });
  const uploaded = gunzipSync(Buffer.from(uploads[0].body.sarif, 'base64')).toString('utf8');
  assert.equal(uploaded, readFileSync(join(dir, 'driftless.sarif'), 'utf8'));
  assert.deepEqual(JSON.parse(uploaded).runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['image-latest-tag', 'integrity-bypass']);

  const lenient = await runAction(dir, { paths: 'svc', 'failure-threshold': 'none', upload: 'false' }, api);
  assert.equal(lenient.exitCode, 0, lenient.log);
  assert.equal(uploads.length, 1, 'upload: false uploads nothing');

  const trouble = await runAction(dir, { paths: 'nowhere' }, api);
  assert.equal(trouble.exitCode, 2, 'an unreadable path stops the job before any upload');
  assert.equal(uploads.length, 1);

  const plainHttp = await runAction(dir, { paths: 'ok' }, 'http://api.example.com');
  assert.equal(plainHttp.exitCode, 1);
  assert.match(plainHttp.log, /not uploaded: http:\/\/api\.example\.com is not https/, 'the token never goes over plain HTTP off this machine');
});

test('.pre-commit-hooks.yaml: the hook, given the staged files pre-commit selects, fails on findings and is silent on the rest', (t) => {
  const [hook] = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
  assert.equal(hook.id, 'driftless');
  assert.equal(hook.language, 'system');
  // pre-commit's `files` is a Python regex searched in each path; `(?i)` is its inline ignore-case flag.
  const files = hook.files.startsWith('(?i)') ? new RegExp(hook.files.slice(4), 'i') : new RegExp(hook.files);
  const staged = ['svc/Dockerfile', 'ok/Containerfile', 'ok/api.Dockerfile', 'deploy/app.yaml', '.pre-commit-config.yaml', 'README.md', 'src/main.go', 'infra/main.tf'];
  const selected = staged.filter((f) => files.test(f));
  assert.deepEqual(selected, ['svc/Dockerfile', 'ok/Containerfile', 'ok/api.Dockerfile', 'deploy/app.yaml', '.pre-commit-config.yaml', 'infra/main.tf']);
  const { dir, cleanup } = tempTree({
    'svc/Dockerfile': BAD_DOCKERFILE,
    'ok/Containerfile': GOOD_DOCKERFILE,
    'ok/api.Dockerfile': GOOD_DOCKERFILE,
    'deploy/app.yaml': 'greeting: hello\n',
    '.pre-commit-config.yaml': 'repos: []\n',
    'infra/main.tf': 'variable "region" {}\n',
  });
  t.after(cleanup);
  // The hook's --cache keeps its results in the user cache folder: this test's own.
  const env = { PATH: driftlessOnPath(dir), XDG_CACHE_HOME: join(dir, '.user-cache') };
  const quote = (s: string) => `'${s}'`;
  const failing = bash(`${hook.entry} ${selected.map(quote).join(' ')}`, dir, env);
  assert.ok(readdirSync(join(dir, '.user-cache', 'driftless')).some((name) => /^results-[0-9a-f]+\.json$/.test(name)), 'the hook keeps its results');
  assert.deepEqual(bash(`${hook.entry} ${selected.map(quote).join(' ')}`, dir, env), failing, 'the next commit\'s run, from the cache, says the same');
  assert.equal(failing.status, 1);
  assert.deepEqual(failing.stdout.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 3).join(' ')), ['svc/Dockerfile:1:6 warning image-latest-tag', 'svc/Dockerfile:2:10 error integrity-bypass']);
  assert.equal(failing.stderr, '', 'files that are not infrastructure pass without a word');
  const passing = bash(`${hook.entry} ${selected.filter((f) => !f.startsWith('svc/')).map(quote).join(' ')}`, dir, env);
  assert.equal(passing.status, 0, passing.stdout + passing.stderr);
  assert.equal(passing.stdout + passing.stderr, '');
});

test('the GitLab CI job writes a code quality report GitLab accepts and fails at the threshold', (t) => {
  const job = (parse(readFileSync(join(REPO_ROOT, 'docs', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; artifacts: { when: string; reports: { codequality: string } } }>).driftless;
  const [install, ...commands] = job.script;
  assert.match(install, /^npm install -g .*\bdriftless-cli@\d+\.\d+\.\d+$/, 'installs the package scripts/pack-cli.mjs builds');
  assert.equal(job.artifacts.when, 'always', 'the report is kept when the job fails');
  const { dir, cleanup } = tempTree({ 'svc/Dockerfile': BAD_DOCKERFILE, 'ok/Dockerfile': GOOD_DOCKERFILE });
  t.after(cleanup);
  const run = bash(commands.join('\n'), dir, { PATH: driftlessOnPath(dir) });
  assert.equal(run.status, 1, run.stderr);
  const issues = JSON.parse(readFileSync(join(dir, job.artifacts.reports.codequality), 'utf8')) as {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: string;
    location: { path: string; lines: { begin: number } };
  }[];
  assert.deepEqual(
    issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
    [
      ['image-latest-tag', 'major', 'svc/Dockerfile', 1],
      ['integrity-bypass', 'critical', 'svc/Dockerfile', 2],
    ],
  );
  for (const issue of issues) {
    assert.ok(issue.description.length > 0 && issue.fingerprint.length > 0);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'GitLab needs a unique fingerprint per issue');
});
