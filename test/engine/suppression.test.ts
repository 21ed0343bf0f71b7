import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initEngine, lint } from '../../rules/engine';
import { parsePragma, Suppressions, suppressionFixes } from '../../rules/suppression';
import { applyEdits, LineIndex } from '../../rules/text';
import { emptyFacts, type Comment, type Facts, type Finding, type Span } from '../../rules/types';

const KNOWN = new Set(['image-latest-tag', 'package-unpinned', 'package-latest', 'git-unpinned', 'writable-root-filesystem', 'in-place-upgrade']);

/** Facts for a file whose comments are the lines starting with `#` and whose statements are the given line ranges. */
function factsOf(text: string, statementLines: Array<[number, number]> = []): Facts {
  const lines = new LineIndex(text);
  const facts = emptyFacts('dockerfile');
  let offset = 0;
  for (const line of text.split('\n')) {
    const hash = line.indexOf('#');
    if (hash >= 0) facts.comments.push({ text: line.slice(hash + 1), span: { start: offset + hash, end: offset + line.length } });
    offset += line.length + 1;
  }
  facts.statements = statementLines.map(([from, to]) => ({ start: lines.lineStart(from), end: lines.lineEnd(to) }));
  return facts;
}

function spanOf(text: string, needle: string): Span {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
}

const comment = (text: string): Comment => ({ text, span: { start: 0, end: text.length + 1 } });

test('parses our pragmas and the peers’, mapping peer IDs to ours', () => {
  assert.deepEqual(parsePragma(comment(' driftless-disable-next-line image-latest-tag,package-unpinned -- pinned by CI'), KNOWN)?.rules, ['image-latest-tag', 'package-unpinned']);
  assert.equal(parsePragma(comment(' driftless-disable-file'), KNOWN)?.rules, undefined, 'no list means every rule');
  assert.deepEqual(parsePragma(comment(' hadolint ignore=DL3006,DL3008'), KNOWN)?.rules, ['image-latest-tag', 'package-unpinned']);
  assert.deepEqual(parsePragma(comment(' noqa: package-latest latest[git]'), KNOWN)?.rules, ['package-latest', 'git-unpinned']);
  assert.deepEqual(parsePragma(comment('checkov:skip=CKV_K8S_22:read-only breaks the app'), KNOWN)?.rules, ['writable-root-filesystem']);
  assert.deepEqual(parsePragma(comment('trivy:ignore:AVD-KSV-0013'), KNOWN)?.rules, ['image-latest-tag']);
  assert.equal(parsePragma(comment(' just a comment about noqa-like things'), KNOWN), undefined);
  assert.deepEqual(parsePragma(comment(' hadolint ignore=DL9999'), KNOWN)?.rules, [], 'unknown peer IDs map to nothing');
});

test('next-line covers the whole statement that starts below the comment, through stacked comments', () => {
  const text = ['# hadolint ignore=DL3008', '# another note', 'RUN apt-get update \\', '  && apt-get install -y curl', 'RUN apt-get install -y git'].join('\n');
  const suppressions = new Suppressions(factsOf(text, [[2, 3], [4, 4]]), new LineIndex(text), KNOWN);
  assert.equal(suppressions.isSuppressed('package-unpinned', spanOf(text, 'curl')), true);
  assert.equal(suppressions.isSuppressed('package-unpinned', spanOf(text, 'git')), false, 'the next statement is not covered');
  assert.equal(suppressions.isSuppressed('image-latest-tag', spanOf(text, 'curl')), false, 'other rules are not covered');
});

test('noqa and checkov:skip reach the statement that holds them', () => {
  const text = ['- name: upgrade all', '  apt:', '    name: "*"', '    state: latest  # noqa: package-latest', '- name: other', '  apt: name=x state=latest'].join('\n');
  const suppressions = new Suppressions(factsOf(text, [[0, 3], [4, 5]]), new LineIndex(text), KNOWN);
  assert.equal(suppressions.isSuppressed('package-latest', spanOf(text, 'latest  #')), true);
  assert.equal(suppressions.isSuppressed('package-latest', spanOf(text, '"*"')), true, 'anywhere in the task');
  assert.equal(suppressions.isSuppressed('package-latest', spanOf(text, 'state=latest')), false);
});

test('driftless-disable-file silences a rule everywhere; scoped suppressions (a peer ID mapped to ours) silence their span', () => {
  const text = ['FROM a', '# driftless-disable-file image-latest-tag', 'FROM b'].join('\n');
  const facts = factsOf(text);
  facts.scopedSuppressions.push({ span: spanOf(text, 'FROM b'), ids: ['DL3005'] });
  const suppressions = new Suppressions(facts, new LineIndex(text), KNOWN);
  assert.equal(suppressions.isSuppressed('image-latest-tag', spanOf(text, 'FROM a')), true);
  assert.equal(suppressions.isSuppressed('in-place-upgrade', spanOf(text, 'FROM b')), true);
  assert.equal(suppressions.isSuppressed('in-place-upgrade', spanOf(text, 'FROM a')), false);
});

function findingAt(text: string, needle: string, rule: string): Finding {
  const span = spanOf(text, needle);
  return { rule, severity: 'info', message: '', span, fixes: [], range: new LineIndex(text).range(span) };
}

test('the suppress fixes insert a pragma above the statement, indented, that then silences the finding', () => {
  const text = ['FROM debian:12', 'RUN apt-get update \\', '  && apt-get install -y curl', ''].join('\n');
  const facts = factsOf(text, [[0, 0], [1, 2]]);
  const finding = findingAt(text, 'curl', 'package-unpinned');
  const [line, file] = suppressionFixes(finding, facts, text);
  assert.equal(line.title, 'Suppress package-unpinned on this line');
  const fixed = applyEdits(text, line.edits);
  assert.equal(fixed, ['FROM debian:12', '# driftless-disable-next-line package-unpinned', 'RUN apt-get update \\', '  && apt-get install -y curl', ''].join('\n'));
  const after = new Suppressions(factsOf(fixed, [[0, 0], [2, 3]]), new LineIndex(fixed), KNOWN);
  assert.equal(after.isSuppressed('package-unpinned', spanOf(fixed, 'curl')), true);
  assert.equal(applyEdits(text, file.edits), '# driftless-disable-file package-unpinned\n' + text);
});

test('the file-wide suppress fix goes below Dockerfile parser directives and keeps CRLF', () => {
  const text = '# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM x\r\n';
  const facts = factsOf(text.replace(/\r/g, ' '), [[2, 2]]);
  const [, file] = suppressionFixes(findingAt(text, 'x', 'image-latest-tag'), facts, text);
  assert.equal(applyEdits(text, file.edits), '# syntax=docker/dockerfile:1\r\n# escape=`\r\n# driftless-disable-file image-latest-tag\r\nFROM x\r\n');
});

test('YAML list items get the comment at the item’s indentation', () => {
  const text = ['tasks:', '  - name: x', '    apt: name=y state=latest'].join('\n');
  const facts = { ...factsOf(text, [[1, 2]]), kind: 'ansible' as const };
  const [line] = suppressionFixes(findingAt(text, 'latest', 'package-latest'), facts, text);
  assert.equal(applyEdits(text, line.edits), ['tasks:', '  # driftless-disable-next-line package-latest', '  - name: x', '    apt: name=y state=latest'].join('\n'));
});

test('next-line reaches a line that ends in its own comment, and a comment at the end of a line is not a comment line', () => {
  const text = ['# driftless-disable-next-line image-latest-tag', 'FROM a   # pinned later', 'FROM b', '# stacked', 'FROM c # note'].join('\n');
  const facts = factsOf(text);
  const suppressions = new Suppressions(facts, new LineIndex(text), KNOWN);
  assert.equal(suppressions.isSuppressed('image-latest-tag', spanOf(text, 'FROM a')), true);
  assert.equal(suppressions.isSuppressed('image-latest-tag', spanOf(text, 'FROM b')), false);
  assert.equal(suppressions.isSuppressed('image-latest-tag', spanOf(text, 'FROM c')), false);
});

test('a trailing comment on the suppressed line: a Kubernetes image and an Ansible free-form task (the engine, end to end)', async () => {
  await initEngine(['kubernetes', 'ansible']);
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    'spec:',
    '  containers:',
    '    - name: web',
    '      securityContext:',
    '        readOnlyRootFilesystem: true',
    '      # driftless-disable-next-line image-digest-missing',
    '      image: "nginx:1.25"   # pinned by the release job',
    '',
  ].join('\n');
  assert.deepEqual(lint({ path: 'k8s/pod.yaml', text: pod }).findings.map((f) => f.rule), []);
  const unsuppressed = pod.replace('      # driftless-disable-next-line image-digest-missing\n', '');
  assert.deepEqual(lint({ path: 'k8s/pod.yaml', text: unsuppressed }).findings.map((f) => f.rule), ['image-digest-missing']);
  const play = ['- hosts: all', '  tasks:', '    # driftless-disable-next-line package-latest', '    - apt: name=curl state=latest # keep current', ''].join('\n');
  assert.deepEqual(lint({ path: 'site.yml', text: play }).findings.map((f) => f.rule), []);
  assert.deepEqual(lint({ path: 'site.yml', text: play.replace('    # driftless-disable-next-line package-latest\n', '') }).findings.map((f) => f.rule), ['package-latest']);
});
