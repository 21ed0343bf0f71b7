import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { appendAll } from '../../rules/arrays';
import { initEngine, lint } from '../../rules/engine';
import type { FileKind } from '../../rules/types';
import { REPO_ROOT } from '../support/requirements';

before(() => initEngine());

function lintAs(path: string, text: string, kind?: FileKind) {
  return lint({ path, text }, { kind });
}

/** `rule line:col message` of every finding. */
function described(path: string, text: string, kind?: FileKind): string[] {
  return lintAs(path, text, kind).findings.map((f) => `${f.rule} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

describe('deep nesting is a syntax finding, never a crash (issue 14 item 8)', () => {
  test('YAML: 1,100 nested `- ` (which aborted the process) and 1,300 flow collections', () => {
    const blockSeq = `${'- '.repeat(1_100)}a\n`;
    assert.deepEqual(described('/repo/pod.yaml', blockSeq, 'kubernetes'), ['yaml-syntax 1:513 YAML syntax error: nested deeper than 256 levels; this document is not read']);
    const indented = `apiVersion: v1\nkind: Pod\nx:\n${Array.from({ length: 1_100 }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n')}a\n`;
    assert.deepEqual(described('/repo/pod.yaml', indented, 'kubernetes'), ['yaml-syntax 259:513 YAML syntax error: nested deeper than 256 levels; this document is not read']);
    const flow = `apiVersion: v1\nkind: Pod\nx: ${'['.repeat(1_300)}${']'.repeat(1_300)}\n`;
    assert.deepEqual(described('/repo/pod.yaml', flow, 'kubernetes'), ['yaml-syntax 3:259 YAML syntax error: nested deeper than 256 levels; this document is not read']);
  });

  test('YAML: a run of 5,000 `- ` starting a line inside a flow collection (the parser nests one block sequence each)', () => {
    const text = `apiVersion: v1\nkind: Pod\nx: [\n  "a",\n  ${'- '.repeat(5_000)}\n]\n`;
    assert.deepEqual(described('/repo/pod.yaml', text, 'kubernetes'), ['yaml-syntax 5:511 YAML syntax error: nested deeper than 256 levels; this document is not read']);
    const scalars = `apiVersion: v1\nkind: Pod\nx: [ a - b, ${Array.from({ length: 300 }, (_, i) => `c${i} - d`).join(', ')} ]\n`;
    assert.ok(!described('/repo/pod.yaml', scalars, 'kubernetes').some((f) => f.includes('nested deeper')), 'a `- ` inside plain scalars is one level at most');
  });

  test('YAML: steps indented under a value holding `: `, which the parser recovers from by nesting once per step (found by npm run fuzz)', () => {
    const steps = '          tags: x\n      - name: Scan\n        uses: docker://a\n          push: true\n'.repeat(500);
    const text = `on: push\njobs:\n  notes:\n    runs-on: ubunt          push: true\n${steps}u\n`;
    const found = described('/repo/.github/workflows/ci.yml', text, 'github-actions');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^yaml-syntax \d+:1 YAML syntax error: nested deeper than 256 levels; this document is not read$/);
  });

  test('Terraform: a JSON heredoc of container definitions with a line of 5,000 `- ` (found by npm run fuzz) is a syntax finding', () => {
    const definitions = (line: string) =>
      [
        'resource "aws_ecs_task_definition" "x" {',
        '  container_definitions = <<-DEFINITIONS',
        '    [',
        '      {',
        '        "name": "worker",',
        '        "image": "nginx:latest",',
        `        ${line}`,
        '      }',
        '    ]',
        '  DEFINITIONS',
        '}',
        '',
      ].join('\n');
    assert.deepEqual(described('/repo/main.tf', definitions('- '.repeat(5_000))), ['hcl-syntax 7:515 HCL syntax error: the heredoc nests deeper than 256 levels; it is not read']);
    assert.deepEqual(described('/repo/main.tf', definitions('"cpu": 256')).map((f) => f.split(' ')[0]), ['image-latest-tag']);
  });

  test('YAML: only the too-deep document is refused; 200 levels still parse', () => {
    const deep = `x: ${'{a: '.repeat(300)}1${'}'.repeat(300)}\n`;
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: nginx:latest\n';
    const rules = lintAs('/repo/pods.yaml', `${pod}---\n${deep}`).findings.map((f) => f.rule);
    assert.ok(rules.includes('yaml-syntax') && rules.includes('image-latest-tag'), rules.join());
    const fine = `${pod}  labels: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    assert.ok(!described('/repo/pod.yaml', fine).some((f) => f.includes('nested deeper')));
  });

  test('Ruby: deep nesting is refused before prism sees it, and a trap in prism breaks no later file', () => {
    assert.deepEqual(described('r.rb', '('.repeat(130), 'chef'), ['ruby-syntax 1:65 Ruby syntax error: nested deeper than 64 levels; the file is not read']);
    assert.deepEqual(described('r.rb', `${'begin\n'.repeat(200)}`, 'chef'), ['ruby-syntax 65:1 Ruby syntax error: nested deeper than 64 levels; the file is not read']);
    // A chain of 250 assignments is no nesting the scan counts; prism's WASM stack overflows on it (a trap).
    const trap = described('r.rb', `package 'curl'\n${'x = '.repeat(250)}1\n`, 'chef');
    assert.equal(trap.length, 1);
    assert.match(trap[0], /^ruby-syntax 1:1 Ruby syntax error: the Ruby parser failed on this file \(.+\); the file is not read$/);
    assert.deepEqual(lintAs('r.rb', "package 'curl'\n", 'chef').findings.map((f) => f.rule), ['package-unpinned']);
  });

  test('Terraform and Puppet: 5,000 nested brackets; the parsers still work after', () => {
    // An attribute no rule reads keeps its value in the tree (TreeShape.deferred): nothing deep is walked, nothing is cut.
    assert.deepEqual(described('/m/main.tf', `x = ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`), []);
    assert.deepEqual(described('/m/main.tf', `locals {\n${'  x {\n'.repeat(1_000)}${'  }\n'.repeat(1_000)}}\n`).map((f) => f.split(' 1:')[0].split(' ')[0]), ['hcl-syntax']);
    assert.deepEqual(described('/m/init.pp', `$x = ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`), [
      'puppet-syntax 1:503 Puppet syntax error: nested deeper than 500 levels; what lies deeper is not read',
    ]);
    assert.deepEqual(lintAs('/m/main.tf', 'module "m" {\n  source = "git::https://example.com/m.git"\n}\n').findings.map((f) => f.rule), ['git-unpinned']);
  });
});

describe('input-sized shapes are walked without recursion or spread (issue 14 item 9b)', () => {
  const pinned = `FROM alpine@sha256:${'a'.repeat(64)}\n`;

  test('an `&&` chain of 400 commands: every command read; of 6,000: no stack overflow', () => {
    const chain = (n: number) => `${pinned}RUN ${Array.from({ length: n }, (_, i) => `apt-get install -y p${i}`).join(' && ')}\n`;
    assert.equal(lintAs('/d/Dockerfile', chain(400)).findings.filter((f) => f.rule === 'package-unpinned').length, 400);
    assert.doesNotThrow(() => lintAs('/d/Dockerfile', chain(6_000)));
  });

  test('10,000 nested `$(` and 3,000 nested subshells', () => {
    assert.doesNotThrow(() => lintAs('/d/Dockerfile', `${pinned}RUN echo ${'$('.repeat(10_000)}x${')'.repeat(10_000)}\n`));
    assert.doesNotThrow(() => lintAs('/d/Dockerfile', `${pinned}RUN ${'('.repeat(3_000)}apt-get upgrade${')'.repeat(3_000)}\n`));
  });

  test('a `;`-sequence: each command removable alone, the separators kept right', () => {
    const text = `${pinned}RUN apt-get update; apt-get upgrade -y; echo done # c\n`;
    const upgrade = lintAs('/d/Dockerfile', text).findings.find((f) => f.rule === 'in-place-upgrade');
    const fix = upgrade?.fixes.find((f) => f.kind === 'local');
    assert.ok(fix?.kind === 'local');
    assert.deepEqual(fix.edits.map((e) => text.slice(e.span.start, e.span.end)), ['; apt-get upgrade -y']);
  });

  test('appendAll takes more items than a call can pass as arguments', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    assert.throws(() => [].push(...(many as never[])), RangeError);
    const target = [-1];
    appendAll(target, many);
    assert.equal(target.length, 300_001);
    assert.equal(target[300_000], 299_999);
  });

  test('no engine module spreads an array into push()', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && /\.(push|unshift)\(\.\.\.|Math\.(max|min)\(\.\.\./.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    walk(join(REPO_ROOT, 'rules'));
    assert.deepEqual(offenders.filter((p) => !p.endsWith('arrays.ts')), []);
  });
});
