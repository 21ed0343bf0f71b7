import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import type { CommitFix } from '../../rules/types';
import { lintPath } from '../../server/workspace/lint-path';
import { applyFix, SAMPLE_COMMIT } from '../support/fixes';

before(() => initEngine());

const REPO = 'https://git.example.com/acme/tools.git';

/** The git-unpinned finding's commit fix, or undefined when it has none. */
function commitFix(path: string, text: string): CommitFix | undefined {
  const findings = lintPath(path, text, { explicit: true }).findings.filter((f) => f.rule === 'git-unpinned');
  assert.equal(findings.length, 1, `one git-unpinned finding in ${path}`);
  return findings[0].fixes.find((f): f is CommitFix => f.kind === 'commit');
}

/** Applies the fix and checks the finding is gone from the result. */
function pinned(path: string, text: string): string {
  const fix = commitFix(path, text);
  assert.ok(fix, `a commit fix in ${path}`);
  const fixed = applyFix(text, fix);
  assert.deepEqual(lintPath(path, fixed, { explicit: true }).findings.filter((f) => f.rule === 'git-unpinned'), []);
  return fixed;
}

test('Ansible git: a plain version is written quoted, a quoted one inside its quotes, a free-form one in place', () => {
  const task = (version: string) => `- hosts: all\n  tasks:\n    - ansible.builtin.git:\n        repo: ${REPO}\n        dest: /srv\n        version: ${version}\n`;
  assert.equal(pinned('play.yml', task('main')), task(`"${SAMPLE_COMMIT}"`));
  assert.equal(pinned('play.yml', task("'develop'")), task(`'${SAMPLE_COMMIT}'`));
  const freeForm = (version: string) => `- hosts: all\n  tasks:\n    - git: repo=${REPO} dest=/srv version=${version}\n`;
  assert.equal(pinned('play.yml', freeForm('main')), freeForm(SAMPLE_COMMIT));
  assert.deepEqual(commitFix('play.yml', task('"ma\\x69n"')), undefined, 'an escaped value is not rewritten');
});

test('Chef git: the commit goes inside the revision string; no https repository, no fix', () => {
  const recipe = (repo: string, revision: string) => `git '/srv/app' do\n  repository '${repo}'\n  revision ${revision}\nend\n`;
  assert.equal(pinned('cookbooks/app/recipes/default.rb', recipe(REPO, "'main'")), recipe(REPO, `'${SAMPLE_COMMIT}'`));
  assert.equal(commitFix('cookbooks/app/recipes/default.rb', recipe('git@git.example.com:acme/tools.git', "'main'")), undefined);
});

test('Puppet vcsrepo: a bare word becomes a quoted commit, a string keeps its quotes', () => {
  const manifest = (revision: string) => `vcsrepo { '/srv/app':\n  ensure   => present,\n  provider => git,\n  source   => '${REPO}',\n  revision => ${revision},\n}\n`;
  assert.equal(pinned('manifests/init.pp', manifest('main')), manifest(`'${SAMPLE_COMMIT}'`));
  assert.equal(pinned('manifests/init.pp', manifest('"develop"')), manifest(`"${SAMPLE_COMMIT}"`));
});

test('Terraform: ?ref= of a git:: source and of the github.com/ shorthand (asked at https://github.com/<owner>/<repo>.git)', () => {
  const module = (source: string) => `module "net" {\n  source = "${source}"\n}\n`;
  assert.equal(pinned('main.tf', module(`git::${REPO}//net?ref=main`)), module(`git::${REPO}//net?ref=${SAMPLE_COMMIT}`));
  assert.equal(pinned('main.tf', module('github.com/acme/modules//net?depth=1&ref=main')), module(`github.com/acme/modules//net?depth=1&ref=${SAMPLE_COMMIT}`));
  assert.deepEqual(commitFix('main.tf', module('github.com/acme/modules?ref=main'))?.repository, { url: 'https://github.com/acme/modules.git' });
});

test('Dockerfile ADD <git-url>#<ref>[:subdir]: the ref is replaced, the subdirectory stays', () => {
  assert.equal(pinned('Dockerfile', `FROM scratch\nADD ${REPO}#main:src /src\n`), `FROM scratch\nADD ${REPO}#${SAMPLE_COMMIT}:src /src\n`);
});
