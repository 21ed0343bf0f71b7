import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentParseCache } from '../../rules/document-cache';
import { initEngine, lint as engineLint } from '../../rules/engine';
import type { FileProbe } from '../../rules/types';
import { lintText, summarize } from '../yaml/support';

const ROOT = '/repo/';
const PIPELINE = `${ROOT}.gitlab-ci.yml`;

const BUILD = ['build:', '  image: node:22', '  script:', '    - npm ci', '    - apt-get upgrade -y', ''].join('\n');
const DEPLOY = ['deploy:', '  services: [redis]', '  script: curl -k https://example.com/x', ''].join('\n');
const OUTSIDE = ['evil:', '  image: ruby', ''].join('\n');
const NESTED = ['include: ci/build.yml', 'nested:', '  image: alpine', ''].join('\n');

/** The files under /repo (and one beside it), with every path the engine asked for. */
function recordingProbe(): FileProbe & { asked: string[] } {
  const files: Record<string, string> = {
    [`${ROOT}ci/build.yml`]: BUILD,
    [`${ROOT}ci/deploy.yml`]: DEPLOY,
    [`${ROOT}ci/nested.yml`]: NESTED,
    [`${ROOT}ci/*.yml`]: OUTSIDE,
    '/outside.yml': OUTSIDE,
  };
  const asked: string[] = [];
  return {
    asked,
    exists: (path) => path in files,
    read(path) {
      asked.push(path);
      return files[path];
    },
  };
}

async function lintPipeline(lines: string[], probe = recordingProbe()) {
  return { ...(await lintText(PIPELINE, lines.join('\n'), probe)), asked: probe.asked };
}

test('gitlab ci include: an included file is checked, each finding at the include naming the file and line, without fixes', async () => {
  const result = await lintPipeline(['include:', "  - local: 'ci/build.yml'", 'test:', '  script: make', '']);
  assert.deepEqual(summarize(result), [
    `image-digest-missing 2:12 "'ci/build.yml'"`,
    `in-place-upgrade 2:12 "'ci/build.yml'"`,
  ]);
  const [digest, upgrade] = result.findings;
  assert.match(digest.message, /`node:22`.* \(ci\/build\.yml, line 2\)$/);
  assert.match(upgrade.message, /`apt-get upgrade`.* \(ci\/build\.yml, line 5\)$/);
  for (const finding of result.findings) assert.deepEqual(finding.fixes, [], 'no fix: its edits would be in the other file');
  assert.deepEqual(result.asked, [`${ROOT}ci/build.yml`]);
});

test('gitlab ci include: every local form GitLab reads, a leading / being the repository root', async () => {
  const forms: Record<string, string[]> = {
    string: ["include: 'ci/deploy.yml'"],
    'rooted string': ['include: /ci/deploy.yml'],
    'list of strings': ['include:', '  - /ci/deploy.yml'],
    'list of maps': ['include:', '  - local: ci/deploy.yml', '    rules:', '      - if: $CI_COMMIT_BRANCH'],
    map: ['include:', '  local: ./ci/deploy.yml'],
  };
  for (const [form, lines] of Object.entries(forms)) {
    const result = await lintPipeline(lines);
    assert.deepEqual(
      result.findings.map((f) => `${f.rule} ${f.message.slice(f.message.lastIndexOf('('))}`),
      ['image-latest-tag (ci/deploy.yml, line 2)', 'integrity-bypass (ci/deploy.yml, line 3)'],
      form,
    );
    assert.match(result.text.slice(result.findings[0].span.start, result.findings[0].span.end), /ci\/deploy\.yml'?$/, form);
  }
});

test('gitlab ci include: silent for remote, project, template and component includes, URLs, missing files, paths leaving the root, globs and variables', async () => {
  const result = await lintPipeline([
    'include:',
    '  - https://example.com/ci/build.yml',
    '  - remote: https://example.com/ci/build.yml',
    '  - project: group/ci',
    '    file: /ci/build.yml',
    '  - template: Auto-DevOps.gitlab-ci.yml',
    '  - component: gitlab.com/group/ci/build@1.0',
    '  - ci/missing.yml',
    '  - ../outside.yml',
    '  - /../outside.yml',
    '  - local: ci/../../outside.yml',
    "  - 'ci/*.yml'",
    '  - $CI_PROJECT_DIR/ci/build.yml',
    '  - .gitlab-ci.yml',
    '',
  ]);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.facts!.included, undefined);
  assert.deepEqual(result.asked, [`${ROOT}ci/missing.yml`], 'only the missing local file is asked for');
});

test('gitlab ci include: a pragma above the include silences what the included file holds', async () => {
  const result = await lintPipeline([
    'include:',
    '  # driftless-disable-next-line in-place-upgrade -- the runner image is rebuilt nightly',
    '  - ci/build.yml',
    '',
  ]);
  assert.deepEqual(summarize(result), ['image-digest-missing 3:5 "ci/build.yml"']);
});

test('gitlab ci include: each file is read once, and the includes of an included file are not followed', async () => {
  const result = await lintPipeline(['include:', '  - ci/build.yml', '  - /ci/build.yml', '  - local: ./ci/build.yml', '  - ci/nested.yml', '']);
  assert.deepEqual(result.asked, [`${ROOT}ci/build.yml`, `${ROOT}ci/nested.yml`]);
  assert.deepEqual(summarize(result), [
    'image-digest-missing 2:5 "ci/build.yml"',
    'in-place-upgrade 2:5 "ci/build.yml"',
    'image-latest-tag 5:5 "ci/nested.yml"',
  ]);
});

test('gitlab ci include: a relative .gitlab-ci.yml path reads includes relative to its own folder', async () => {
  const probe = recordingProbe();
  await lintText('.gitlab-ci.yml', 'include: ci/build.yml\n', probe);
  assert.deepEqual(probe.asked, ['ci/build.yml']);
});

test("gitlab ci include: an included file sharing a document with the pipeline leaves the editor's parse cache of the pipeline intact", async () => {
  const job = ['---', 'job:', '  image: node:22', ''].join('\n');
  const pipeline = `include: ci/same.yml\n${job}`;
  const probe: FileProbe = { exists: () => true, read: (path) => (path === `${ROOT}ci/same.yml` ? `spec: {}\n${job}` : undefined) };
  await initEngine();
  const parseCache = new DocumentParseCache();
  for (let lint = 1; lint <= 2; lint++) {
    const result = { ...engineLint({ path: PIPELINE, text: pipeline }, { probe, parseCache }), text: pipeline };
    assert.deepEqual(summarize(result), ['image-digest-missing 1:10 "ci/same.yml"', 'image-digest-missing 4:10 "node:22"'], `lint ${lint}`);
  }
});
