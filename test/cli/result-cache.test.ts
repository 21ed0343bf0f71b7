import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { engineBuild } from '../../server/cli/engine-build';
import { lintJob } from '../../server/cli/lint-files';
import { textHash } from '../../server/cli/probe-record';
import { initEngine } from '../../rules/engine';
import { runCli } from '../../server/cli/run';
import { MAX_CACHE_BYTES, MAX_ENTRIES } from '../../server/cli/result-cache';
import { tempTreesForSuite } from '../support/temp-tree';
import { runCli as runBuiltCli } from './support';

const tempTree = tempTreesForSuite('driftless-result-cache-');

const DOCKERFILE = 'FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\n';
const PLANTED = 'planted in the cache by the test';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process, as the engine build `engine`. */
async function driftless(cwd: string, args: readonly string[], options: { engine?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    cwd,
    env: options.env ?? {},
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    engineBuild: () => options.engine ?? 'engine A',
  });
  return { status, stdout, stderr };
}

interface StoredEntry {
  path: string;
  outcome: { report?: { findings: Record<string, unknown>[] } };
}

function entriesOf(cacheFile: string): StoredEntry[] {
  return (JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: StoredEntry[] }).entries;
}

/**
 * Rewrites every finding's message in the cache to `message`: a run that prints it took the result from the
 * cache, one that does not linted the file.
 */
function plant(cacheFile: string, message = PLANTED): void {
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: StoredEntry[] };
  for (const entry of cache.entries) for (const found of entry.outcome.report?.findings ?? []) found.message = message;
  writeFileSync(cacheFile, JSON.stringify(cache));
}

/** A folder with a Dockerfile, its run without the cache, and one with the cache that filled `cache.json`. */
async function filledCache(files: Record<string, string> = { Dockerfile: DOCKERFILE }, args: readonly string[] = ['.']): Promise<{ dir: string; cache: string; fresh: Run }> {
  const dir = tempTree(files);
  const cache = join(dir, '.cache', 'cache.json');
  mkdirSync(join(dir, '.cache'), { mode: 0o700 });
  const fresh = await driftless(dir, args);
  const first = await driftless(dir, ['--cache', '--cache-location', cache, ...args]);
  assert.deepEqual(first, fresh, 'the run that fills the cache prints what a run without it does');
  assert.equal(statSync(cache).mode & 0o777, 0o600);
  return { dir, cache, fresh };
}

describe('--cache: a hit is the previous result', () => {
  test('an unchanged file gets the stored result, not a new lint', async () => {
    const { dir, cache } = await filledCache();
    plant(cache);
    const second = await driftless(dir, ['--cache', '--cache-location', cache, '.']);
    assert.match(second.stdout, new RegExp(`^Dockerfile:1:6 warning image-latest-tag ${PLANTED}$`, 'm'));
    assert.equal(second.status, 1);
  });

  test('text, JSON and SARIF: the same bytes with and without the cache, for every kind of outcome', async () => {
    const files = {
      Dockerfile: DOCKERFILE,
      'deploy/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
      'clean/Dockerfile': `FROM alpine:3.20@sha256:${'a'.repeat(64)}\n`,
      'other/settings.yaml': 'just: some yaml\n',
      'notes.txt': 'not infrastructure\n',
      'binary/Dockerfile': 'FROM \u0000\n',
    };
    for (const format of ['text', 'json', 'sarif']) {
      const args = ['--format', format, '.', 'notes.txt'];
      const { dir, cache, fresh } = await filledCache(files, args);
      const hit = await driftless(dir, ['--cache', '--cache-location', cache, ...args]);
      assert.deepEqual(hit, fresh, format);
      assert.deepEqual(entriesOf(cache).map((e) => e.path.slice(dir.length + 1)).sort(), [
        '.github/workflows/ci.yml',
        'Dockerfile',
        'clean/Dockerfile',
        'deploy/pod.yaml',
        'notes.txt',
        'other/settings.yaml',
      ]);
    }
  });

  test('from another working directory: display paths and fingerprints (which hash them) are made for it', async () => {
    const { dir, cache } = await filledCache({ Dockerfile: DOCKERFILE, 'sub/.keep': '' }, ['--format', 'json', '.']);
    const sub = join(dir, 'sub');
    for (const format of ['json', 'sarif', 'text']) {
      const fresh = await driftless(sub, ['--format', format, '..']);
      assert.deepEqual(await driftless(sub, ['--cache', '--cache-location', cache, '--format', format, '..']), fresh, format);
    }
    plant(cache);
    assert.match((await driftless(sub, ['--cache', '--cache-location', cache, '..'])).stdout, new RegExp(`^\\.\\./Dockerfile:1:6 warning image-latest-tag ${PLANTED}$`, 'm'));
  });

  test('the baseline and the failure threshold apply to a hit as to a lint', async () => {
    const { dir, cache } = await filledCache();
    const baseline = join(dir, 'baseline.json');
    await driftless(dir, ['--baseline', baseline, '--update-baseline', '.']);
    for (const args of [['--baseline', baseline, '.'], ['--failure-threshold', 'error', '.'], ['-q', '.']]) {
      const fresh = await driftless(dir, args);
      assert.deepEqual(await driftless(dir, ['--cache', '--cache-location', cache, ...args]), fresh, args.join(' '));
    }
  });

  test('by default the cache is a private file in the user\'s cache folder, one per set of folders', async () => {
    const dir = tempTree({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE, 'home/.keep': '' });
    const env = { XDG_CACHE_HOME: join(dir, 'home') };
    await driftless(dir, ['--cache', 'a'], { env });
    await driftless(dir, ['--cache', 'b'], { env });
    const folder = join(dir, 'home', 'driftless');
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    const written = readdirSync(folder).sort();
    assert.equal(written.length, 2);
    for (const name of written) assert.match(name, /^results-[0-9a-f]{16}\.json$/);
    plant(join(folder, written[0]));
    plant(join(folder, written[1]));
    assert.match((await driftless(dir, ['--cache', 'a'], { env })).stdout, new RegExp(PLANTED));
  });

  test('files named one by one (a pre-commit hook\'s staged files) share the working directory\'s cache', async () => {
    const dir = tempTree({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE, 'home/.keep': '' });
    const env = { XDG_CACHE_HOME: join(dir, 'home') };
    await driftless(dir, ['--cache', 'a/Dockerfile'], { env });
    await driftless(dir, ['--cache', 'a/Dockerfile', 'b/Dockerfile'], { env });
    await driftless(dir, ['--cache', '.'], { env });
    const written = readdirSync(join(dir, 'home', 'driftless'));
    assert.equal(written.length, 1, written.join(', '));
    assert.equal(entriesOf(join(dir, 'home', 'driftless', written[0])).length, 2);
  });
});

describe('--cache: a miss lints again', () => {
  test('the file\'s text changed', async () => {
    const { dir, cache } = await filledCache();
    plant(cache);
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE.replace('curl', 'wget'));
    const run = await driftless(dir, ['--cache', '--cache-location', cache, '.']);
    assert.deepEqual(run, await driftless(dir, ['.']));
    assert.match(run.stdout, /`wget` is installed without a version/);
  });

  test('a rule\'s severity in .driftless.yaml changed', async () => {
    const { dir, cache } = await filledCache({ Dockerfile: DOCKERFILE, '.driftless.yaml': 'rules:\n  image-latest-tag: error\n' });
    plant(cache);
    writeFileSync(join(dir, '.driftless.yaml'), 'rules:\n  image-latest-tag: info\n');
    const run = await driftless(dir, ['--cache', '--cache-location', cache, '.']);
    assert.deepEqual(run, await driftless(dir, ['.']));
    assert.match(run.stdout, /^Dockerfile:1:6 info image-latest-tag The base image/m);
  });

  test('another engine build: nothing of the older one is used, and the file is written afresh', async () => {
    const { dir, cache } = await filledCache();
    plant(cache);
    const run = await driftless(dir, ['--cache', '--cache-location', cache, '.'], { engine: 'engine B' });
    assert.deepEqual(run, await driftless(dir, ['.']));
    assert.equal((JSON.parse(readFileSync(cache, 'utf8')) as { engine: string }).engine, 'engine B');
    plant(cache);
    assert.match((await driftless(dir, ['--cache', '--cache-location', cache, '.'], { engine: 'engine B' })).stdout, new RegExp(PLANTED));
  });

  test('a Helm values file whose Chart.yaml changed (the appVersion its empty tag falls back to)', async () => {
    const chart = (appVersion: string): string => `apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: "${appVersion}"\n`;
    const files = {
      'chart/Chart.yaml': chart('4.2.0'),
      'chart/values.yaml': 'image:\n  repository: ghcr.io/acme/shop\n  tag: ""\n',
      'chart/templates/deployment.yaml': 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n',
    };
    const { dir, cache, fresh } = await filledCache(files, ['chart/values.yaml']);
    plant(cache);
    writeFileSync(join(dir, 'chart', 'Chart.yaml'), chart('latest'));
    const run = await driftless(dir, ['--cache', '--cache-location', cache, 'chart/values.yaml']);
    const now = await driftless(dir, ['chart/values.yaml']);
    assert.notEqual(now.stdout, fresh.stdout, 'the chart\'s appVersion changes the findings');
    assert.deepEqual(run, now);
  });

  test('a Terraform templatefile() script changed', async () => {
    const files = {
      'main.tf': 'resource "aws_instance" "web" {\n  user_data = templatefile("${path.module}/init.sh", {})\n}\n',
      'init.sh': '#!/bin/sh\napt-get install -y nginx\n',
    };
    const { dir, cache, fresh } = await filledCache(files);
    plant(cache);
    writeFileSync(join(dir, 'init.sh'), '#!/bin/sh\napt-get install -y nginx\napt-get upgrade -y\n');
    const run = await driftless(dir, ['--cache', '--cache-location', cache, '.']);
    const now = await driftless(dir, ['.']);
    assert.notEqual(now.stdout, fresh.stdout);
    assert.match(now.stdout, /in-place-upgrade/);
    assert.deepEqual(run, now);
  });

  test('a file the lint looked for appeared (a Chef cookbook\'s metadata.rb)', async () => {
    const files = { 'cookbook/recipes/default.rb': "package 'nginx' do\n  action :upgrade\nend\n" };
    const { dir, cache, fresh } = await filledCache(files);
    plant(cache);
    writeFileSync(join(dir, 'cookbook', 'metadata.rb'), "name 'web'\n");
    const run = await driftless(dir, ['--cache', '--cache-location', cache, '.']);
    const now = await driftless(dir, ['.']);
    assert.notEqual(now.stdout, fresh.stdout, 'with its metadata.rb the recipe is linted as Chef');
    assert.deepEqual(run, now);
  });
});

describe('--cache keeps only results that depend on nothing but the input', () => {
  test('a Terraform file whose parse runs out of its budget is kept: the budget counts work, so every run reads it alike', async () => {
    // Blanks before a unary minus make tree-sitter's error recovery quadratic: the parse stops at its budget.
    const broken = `resource "aws_ecr_repository" "a" {\n  name = ${' '.repeat(100_000)}-\n}\n`;
    const { dir, cache } = await filledCache({ Dockerfile: DOCKERFILE, 'slow/main.tf': broken });
    assert.deepEqual(entriesOf(cache).map((e) => e.path).sort(), [join(dir, 'Dockerfile'), join(dir, 'slow', 'main.tf')]);
    const run = await driftless(dir, ['--cache', '--cache-location', cache, 'slow']);
    assert.match(run.stdout, /hcl-syntax HCL syntax error: parsing took far more work than a file of this size needs/);
    assert.deepEqual(run, await driftless(dir, ['slow']));
  });
});

describe('what a lint records for the cache', () => {
  test('a file read by the lint itself (its text not handed on): the hash of that text, the probe\'s answers, each finding\'s context', async () => {
    await initEngine(['helm-values']);
    const values = 'image:\n  repository: nginx\n  tag: latest\n';
    const dir = tempTree({ 'chart/values.yaml': values, 'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n' });
    const path = join(dir, 'chart', 'values.yaml');
    const result = lintJob({ file: { path, explicit: false }, rules: {}, root: dir, record: true }, dir, false);
    assert.equal(result.keep?.text, textHash(values));
    const chart = join(dir, 'chart', 'Chart.yaml');
    assert.deepEqual(
      result.keep?.answers.filter((a) => a.path === chart),
      [
        { path: chart, exists: true },
        { path: chart, read: textHash('apiVersion: v2\nname: c\nversion: 1.0.0\n') },
      ],
    );
    assert.equal(result.keep?.contexts.length, result.report?.findings.length);
    assert.ok((result.report?.findings.length ?? 0) > 0);
  });
});

describe('--cache keeps a bounded file', () => {
  test('entries of files this run did not see stay, behind this run\'s, up to MAX_ENTRIES in all', async () => {
    const { dir, cache } = await filledCache();
    const stored = JSON.parse(readFileSync(cache, 'utf8')) as { entries: { path: string }[] };
    const others = Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => ({ path: `/elsewhere/${i}/Dockerfile` }));
    writeFileSync(cache, JSON.stringify({ ...stored, entries: [...others, ...stored.entries] }));
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE.replace('curl', 'wget'));
    await driftless(dir, ['--cache', '--cache-location', cache, '.']);
    const paths = entriesOf(cache).map((e) => e.path);
    assert.equal(paths.length, MAX_ENTRIES);
    assert.equal(paths[0], join(dir, 'Dockerfile'));
    assert.equal(paths[1], '/elsewhere/0/Dockerfile');
    assert.equal(paths.at(-1), `/elsewhere/${MAX_ENTRIES - 2}/Dockerfile`);
  });
});

describe('--cache is not used by runs that write files', () => {
  test('--fix neither reads nor writes the cache', async () => {
    const { dir, cache } = await filledCache();
    plant(cache);
    const before = readFileSync(cache);
    const run = await driftless(dir, ['--cache', '--cache-location', cache, '--fix', '--verbose', '.']);
    assert.doesNotMatch(run.stdout, new RegExp(PLANTED));
    assert.equal(run.stderr, 'driftless: --cache: not used with --fix, which writes files\n');
    assert.deepEqual(readFileSync(cache), before);
  });

  test('--pin neither reads nor writes the cache', async () => {
    const pinned = `FROM alpine:3.20@sha256:${'b'.repeat(64)}\nRUN apk add curl\n`;
    const { dir, cache } = await filledCache({ Dockerfile: pinned });
    plant(cache);
    const before = readFileSync(cache);
    const run = await driftless(dir, ['--cache', '--cache-location', cache, '--pin', '.']);
    assert.doesNotMatch(run.stdout, new RegExp(PLANTED));
    assert.match(run.stdout, /package-unpinned/);
    assert.deepEqual(readFileSync(cache), before);
  });
});

describe('a cache file is hostile input: anything odd about it and the run lints as without one', () => {
  const shapes: [string, (cache: string, dir: string) => void, RegExp][] = [
    ['garbage bytes', (cache) => writeFileSync(cache, Buffer.from([0xff, 0x00, 0x7b, 0x22, 0x9c])), /: not used: not JSON$/],
    ['truncated', (cache) => writeFileSync(cache, readFileSync(cache).subarray(0, 200)), /: not used: not JSON$/],
    ['another version', (cache) => writeFileSync(cache, JSON.stringify({ version: 2, engine: 'engine A', entries: [] })), /: not used: not a Driftless result cache of version 1$/],
    ['entries of the wrong type', (cache) => writeFileSync(cache, JSON.stringify({ version: 1, engine: 'engine A', entries: { a: 1 } })), /: not used: not a Driftless result cache of version 1$/],
    ['larger than the cap', (cache) => truncateSync(cache, MAX_CACHE_BYTES + 1), /: not used: larger than 256 MB$/],
    ['a symbolic link to a good cache', (cache, dir) => {
      const elsewhere = join(dir, 'elsewhere.json');
      writeFileSync(elsewhere, readFileSync(cache), { mode: 0o600 });
      rmSync(cache);
      symlinkSync(elsewhere, cache);
    }, /: not used: a symbolic link$/],
    ['a folder', (cache) => {
      rmSync(cache);
      mkdirSync(cache);
    }, /: not used: not a regular file$/],
    ['writable by others', (cache) => chmodSync(cache, 0o666), /: not used: writable by other users$/],
    ['in a folder others may write to', (_cache, dir) => chmodSync(join(dir, '.cache'), 0o777), /: not used: its folder .* is writable by other users$/],
  ];
  for (const [shape, spoil, note] of shapes) {
    test(shape, async () => {
      const spoiled = async (): Promise<{ dir: string; cache: string; fresh: Run }> => {
        const filled = await filledCache();
        plant(filled.cache);
        spoil(filled.cache, filled.dir);
        return filled;
      };
      const { dir, cache, fresh } = await spoiled();
      const quiet = await driftless(dir, ['--cache', '--cache-location', cache, '.']);
      assert.deepEqual(quiet, fresh, 'no note without --verbose');
      const again = await spoiled();
      const verbose = await driftless(again.dir, ['--cache', '--cache-location', again.cache, '--verbose', '.']);
      assert.equal(verbose.stdout, again.fresh.stdout);
      const lines = verbose.stderr.split('\n').filter(Boolean);
      assert.ok(lines.length >= 1 && lines.length <= 2, verbose.stderr);
      assert.match(lines[0], /^driftless: --cache: /);
      assert.match(lines[0], note);
    });
  }

  test('owned by another user', { skip: process.getuid?.() !== 0 && 'changing a file\'s owner needs root' }, async () => {
    const { dir, cache, fresh } = await filledCache();
    plant(cache);
    chownSync(cache, 65534, 65534);
    const verbose = await driftless(dir, ['--cache', '--cache-location', cache, '--verbose', '.']);
    assert.equal(verbose.stdout, fresh.stdout);
    assert.match(verbose.stderr, /: not used: owned by another user\n/);
  });

  const entryShapes: [string, (finding: Record<string, unknown>) => void][] = [
    ['a message with a terminal escape', (f) => void (f.message = '\u001b[2J\u001b[31mgotcha')],
    ['a message with a line break', (f) => void (f.message = 'one\nDockerfile:9:9 error fake-rule two')],
    ['a message of the wrong type', (f) => void (f.message = 42)],
    ['an unknown rule', (f) => void (f.rule = 'no-such-rule')],
    ['a negative position', (f) => void (f.range = [-1, 0, 0, 0])],
    ['a position of the wrong shape', (f) => void (f.range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } })],
    ['a fingerprint of the wrong shape', (f) => void (f.fingerprint = '\u001b]8;;https://example.com\u0007x')],
    ['an unknown severity', (f) => void (f.severity = 'fatal')],
  ];
  for (const [shape, spoil] of entryShapes) {
    test(`an entry holding ${shape} is not used; the file is linted`, async () => {
      // JSON prints every field of a finding (its fingerprint too).
      const { dir, cache, fresh } = await filledCache({ Dockerfile: DOCKERFILE }, ['--format', 'json', '.']);
      const stored = JSON.parse(readFileSync(cache, 'utf8')) as { entries: StoredEntry[] };
      spoil(stored.entries[0].outcome.report?.findings[0] ?? {});
      writeFileSync(cache, JSON.stringify(stored));
      assert.deepEqual(await driftless(dir, ['--cache', '--cache-location', cache, '--format', 'json', '.']), fresh);
    });
  }

  test('a cache that cannot be written costs a --verbose note, nothing else', async () => {
    const dir = tempTree({ Dockerfile: DOCKERFILE, 'blocker': 'a file where a folder would be' });
    const fresh = await driftless(dir, ['.']);
    const cache = join(dir, 'blocker', 'cache.json');
    assert.deepEqual(await driftless(dir, ['--cache', '--cache-location', cache, '.']), fresh);
    const verbose = await driftless(dir, ['--cache', '--cache-location', cache, '--verbose', '.']);
    assert.equal(verbose.stdout, fresh.stdout);
    assert.match(verbose.stderr, /^driftless: --cache: .*cache\.json: not used: .*\ndriftless: --cache: .*cache\.json: not written: .*\n$/);
  });
});

describe('the built CLI with --cache', () => {
  // Counts the WebAssembly modules the process compiles (every parser is one) and says so at exit.
  const COUNT_WASM = [
    'let compiled = 0;',
    "for (const name of ['compile', 'instantiate']) {",
    '  const original = WebAssembly[name];',
    '  WebAssembly[name] = function (...args) { compiled++; return original.apply(this, args); };',
    '}',
    "process.on('exit', () => process.stderr.write(`wasm modules compiled: ${compiled}\\n`));",
    '',
  ].join('\n');

  test('a second run over unchanged files loads no parser, and prints the same', () => {
    const dir = tempTree({
      'project/Dockerfile': DOCKERFILE,
      'project/k8s/pod.yaml': 'kind: Pod\napiVersion: v1\nspec:\n  containers:\n    - image: nginx\n',
      'project/infra/main.tf': 'resource "aws_instance" "web" {\n  ami = "ami-0abcdef1234567890"\n}\n',
      'count-wasm.cjs': COUNT_WASM,
      'home/.keep': '',
    });
    const env = { XDG_CACHE_HOME: join(dir, 'home'), NODE_OPTIONS: `--require ${join(dir, 'count-wasm.cjs')}` };
    const cwd = join(dir, 'project');
    const uncached = runBuiltCli(['--format', 'sarif', '.'], { cwd, env });
    const first = runBuiltCli(['--cache', '--format', 'sarif', '.'], { cwd, env });
    const second = runBuiltCli(['--cache', '--format', 'sarif', '.'], { cwd, env });
    assert.match(uncached.stderr, /^wasm modules compiled: [1-9]\d*\n$/, 'the counter sees the parsers load');
    assert.equal(first.stderr, uncached.stderr);
    assert.equal(second.stderr, 'wasm modules compiled: 0\n');
    assert.equal(first.stdout, uncached.stdout);
    assert.equal(second.stdout, uncached.stdout);
    assert.equal(second.status, uncached.status);
  });
});

describe('the engine build a cache belongs to', () => {
  test('the bundle\'s digest (from the launcher, or hashed), the parsers beside it, Node\'s version', () => {
    const dir = tempTree({ 'cli-main.js': 'the bundle', 'tree-sitter-puppet.wasm': 'grammar', 'prism.js': 'ruby', 'notes.md': 'not a parser' });
    const bundle = join(dir, 'cli-main.js');
    const digest = createHash('sha256').update('the bundle').digest('hex');
    const built = engineBuild(bundle);
    assert.equal(built, `cli-main.js ${digest} prism.js:4 tree-sitter-puppet.wasm:7 ${process.version}`);
    assert.equal(engineBuild(bundle, digest), built);
    writeFileSync(join(dir, 'tree-sitter-puppet.wasm'), 'a newer grammar');
    assert.notEqual(engineBuild(bundle), built);
  });
});
