import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initEngine } from '../../rules/engine';
import { findingsOf, fixture, lintDockerfile, where } from '../dockerfile/helpers';

before(() => initEngine());

const RULE = 'package-unpinned';

describe(`${RULE} in Dockerfiles`, () => {
  const text = fixture('packages.Dockerfile');

  test('finds unpinned installs at the package name: info for OS packages, warning for pip/npm/gem/go', () => {
    const found = findingsOf(RULE, text);
    assert.deepEqual(
      found.map((f) => [where(f), text.slice(f.span.start, f.span.end), f.severity]),
      [
        ['4:8-4:12', 'curl', 'info'],
        ['7:69-7:74', 'flask', 'warning'],
        ['8:28-8:47', '"uvicorn[standard]"', 'warning'],
        ['9:32-9:42', 'typescript', 'warning'],
        ['10:17-10:24', 'bundler', 'warning'],
        ['11:16-11:47', 'golang.org/x/tools/gopls@latest', 'warning'],
      ],
    );
    assert.match(found[0].message, /`curl` is installed without a version \(apt-get\).*`curl=<version>`/);
    assert.match(found[1].message, /`flask==<version>`/);
  });

  test('a wrapper (sudo, env, nice) is never taken for the package or the manager: the message names both as installed', () => {
    const wrapped = 'FROM a\nRUN sudo apt-get install -y curl && sudo -E pip install flask && env A=1 apt-get install -y git && nice -n 5 npm install -g typescript\n';
    const found = findingsOf(RULE, wrapped);
    assert.deepEqual(
      found.map((f) => wrapped.slice(f.span.start, f.span.end)),
      ['curl', 'flask', 'git', 'typescript'],
    );
    const pins = ['`curl=<version>`', '`flask==<version>`', '`git=<version>`', '`typescript@<version>`'];
    found.forEach((f, i) => {
      assert.ok(f.message.endsWith(`Pin it: ${pins[i]}.`), f.message);
      assert.doesNotMatch(f.message, /`(sudo|env|nice)\b|\((sudo|env|nice)\)/, f.message);
    });
  });

  test('stays silent on pinned versions, requirement files, constraints, local paths and lookalikes', () => {
    for (const silent of [
      'FROM a\nRUN apt-get install -y curl=7.88.1-10 && apk add jq=1.7.1-r0 && yum install -y httpd-2.4.57\n',
      'FROM a\nRUN pip install -r requirements.txt && pip install -c constraints.txt flask && pip install . ./pkg\n',
      'FROM a\nRUN npm ci && npm install -g pnpm@8.15.1 && gem install rails -v 7.1.3 && go install x.io/y@v1.2.3\n',
      'FROM a\nRUN echo "apt-get install -y curl"\n',
    ]) {
      assert.deepEqual(findingsOf(RULE, silent), [], silent);
    }
  });

  test('configured severity wins over the per-ecosystem default', () => {
    assert.deepEqual(lintDockerfile(text, { [RULE]: 'error' }).filter((f) => f.rule === RULE).map((f) => f.severity).filter((s) => s !== 'error'), []);
  });

  test('no fix is offered (there is no version to guess)', () => {
    assert.ok(findingsOf(RULE, text).every((f) => f.fixes.length === 0));
  });
});
