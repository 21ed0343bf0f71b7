import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { initEngine, lint } from '../../rules/engine';
import { suppressionFixes } from '../../rules/suppression';
import { applyEdits } from '../../rules/text';
import type { FileKind, Finding, LocalFix } from '../../rules/types';

before(() => initEngine());

const lintAs = (path: string, text: string, kind?: FileKind) => lint({ path, text }, { kind });

function preferred(finding: Finding | undefined): LocalFix {
  const fix = finding?.fixes.find((f): f is LocalFix => f.kind === 'local' && f.preferred === true);
  assert.ok(fix, 'a preferred local fix');
  return fix;
}

/** Neither end of any finding's span falls between a CR and its LF. */
function splitsOfCrlf(text: string, findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [f.span.start, f.span.end].filter((at) => text[at - 1] === '\r' && text[at] === '\n').map((at) => `${f.rule} at ${at}`));
}

describe('fix and range defects found by mutation (issue 14 item 11)', () => {
  test('the Ansible upgrade fix in a `shell: |` block with a whitespace-only blank line leaves valid YAML', () => {
    const text = '- hosts: all\n  tasks:\n    - name: up\n      shell: |\n        apt-get upgrade -y\n        \n        echo hi\n';
    const upgrade = lintAs('/p/playbook.yml', text, 'ansible').findings.find((f) => f.rule === 'in-place-upgrade');
    const fixed = applyEdits(text, preferred(upgrade).edits);
    assert.equal(fixed, '- hosts: all\n  tasks:\n    - name: up\n      shell: |\n        \n        echo hi\n');
    assert.deepEqual(parseAllDocuments(fixed).flatMap((d) => d.errors.map((e) => e.message)), []);
    assert.deepEqual(parseAllDocuments(fixed)[0].toJS()[0].tasks[0].shell, '\necho hi\n');
  });

  test('found by the fuzzer: a command removed from a CRLF block scalar takes the whole `\\r\\n` before it', () => {
    const text = '- name: patch\r\n  shell: |\r\n    apt-get update\r\n    apt-get -y dist-upgrade\r\n  changed_when: false\r\n';
    const upgrade = lintAs('/p/tasks/main.yml', text, 'ansible').findings.find((f) => f.rule === 'in-place-upgrade');
    assert.equal(applyEdits(text, preferred(upgrade).edits), '- name: patch\r\n  shell: |\r\n    apt-get update\r\n  changed_when: false\r\n');
  });

  test('yaml-syntax and ruby-syntax ranges never fall inside a CRLF pair', () => {
    for (const text of ['foo(\r\n', 'x = 1 +\r\n', 'x.\r\n']) {
      const findings = lintAs('r.rb', text, 'chef').findings;
      assert.ok(findings.some((f) => f.rule === 'ruby-syntax'), text);
      assert.deepEqual(splitsOfCrlf(text, findings), [], JSON.stringify(text));
    }
    const yaml = 'apiVersion: v1\r\nkind: Pod\r\nspec: [\r\n  a: b: c\r\n';
    const findings = lintAs('/k/pod.yaml', yaml, 'kubernetes').findings;
    assert.ok(findings.some((f) => f.rule === 'yaml-syntax'));
    assert.deepEqual(splitsOfCrlf(yaml, findings), []);
  });

  test('file-level and next-line pragmas on the first line of a file with a BOM', () => {
    const cases: [string, string, FileKind][] = [
      ['/d/Dockerfile', 'FROM ubuntu\n', 'dockerfile'],
      ['/k/pod.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx\n      securityContext:\n        readOnlyRootFilesystem: true\n', 'kubernetes'],
      ['/c/recipes/default.rb', "package 'curl'\n", 'chef'],
      ['/m/init.pp', "package { 'curl': ensure => latest }\n", 'puppet'],
    ];
    for (const [path, body, kind] of cases) {
      assert.ok(lintAs(path, `\uFEFF${body}`, kind).findings.length > 0, `${kind} finds something`);
      assert.deepEqual(lintAs(path, `\uFEFF# driftless-disable-file\n${body}`, kind).findings, [], `${kind}: file pragma`);
      const firstStatement = `\uFEFF# driftless-disable-next-line\n${body}`;
      assert.ok(lintAs(path, firstStatement, kind).findings.length < lintAs(path, `\uFEFF${body}`, kind).findings.length, `${kind}: next-line pragma`);
    }
  });

  test('the suppression quick fixes insert after a BOM, so the first instruction stays an instruction', () => {
    const text = '\uFEFFFROM ubuntu\n';
    const result = lintAs('/d/Dockerfile', text);
    const finding = result.findings.find((f) => f.rule === 'image-latest-tag');
    assert.ok(finding && result.facts);
    for (const fix of suppressionFixes(finding, result.facts, text)) {
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.startsWith('\uFEFF# driftless-disable-'), fix.title);
      assert.deepEqual(lintAs('/d/Dockerfile', fixed).findings.filter((f) => f.rule === 'image-latest-tag'), [], fix.title);
    }
  });

  test('`# driftless-disable-file` above a CustomResourceDefinition covers the whole file', () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x\n';
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx\n';
    assert.ok(lintAs('/k/all.yaml', `${crd}---\n${pod}`, 'kubernetes').findings.length > 0);
    assert.deepEqual(lintAs('/k/all.yaml', `# driftless-disable-file\n${crd}---\n${pod}`, 'kubernetes').findings, []);
    assert.deepEqual(lintAs('/k/all.yaml', `---\n# driftless-disable-file image-latest-tag\n${crd}---\n${pod}`, 'kubernetes').findings.map((f) => f.rule), ['writable-root-filesystem']);
  });
});
