import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { applyEdits } from '../../rules/text';
import { applyFix, at, lintFixture, lintText, load, localFix, only, ready, summary } from './support';

before(ready);

describe('package-latest on Ansible', () => {
  test('state: latest in map form, key=value form, action: and local_action:, FQCN and ansible.legacy names', () => {
    const linted = lintFixture('roles/web/tasks/main.yml');
    assert.equal(linted.kind, 'ansible');
    assert.deepEqual(summary(linted, 'package-latest'), ['package-latest@latest', 'package-latest@latest', 'package-latest@latest']);
    const lines = linted.findings
      .filter((f) => f.rule === 'package-latest')
      .map((f) => linted.text.split('\n')[f.range.start.line].trim());
    assert.deepEqual(lines, ['ansible.legacy.dnf: name=nginx state=latest', 'action: pip name=requests state=latest', 'state: latest']);
    for (const f of linted.findings.filter((x) => x.rule === 'package-latest')) assert.equal(f.severity, 'error');
  });

  test('the range is the `latest` token', () => {
    const text = '- hosts: all\n  tasks:\n    - apt: name=nginx state=latest\n';
    const finding = only(lintText('site.yml', text), 'package-latest', 'latest');
    assert.deepEqual(finding.range, { start: { line: 2, character: 28 }, end: { line: 2, character: 34 } });
  });

  test('fix in key=value form writes state=present and nothing else', () => {
    const text = '- hosts: all\n  tasks:\n    - name: nginx\n      ansible.builtin.apt: name=nginx state=latest update_cache=yes\n';
    const linted = lintText('site.yml', text);
    const finding = only(linted, 'package-latest', 'latest');
    const fix = localFix(finding);
    assert.equal(fix.title, 'Use state=present');
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, text.replace('state=latest', 'state=present'));
    applyFix(linted, finding);
  });

  test('fix in map form (quoted too) writes state: present; the rest of the play loads the same', () => {
    const text = [
      '- hosts: all',
      '  tasks:',
      '    - name: requests',
      '      pip:',
      '        name: requests',
      '        state: "latest"  # keep it fresh',
      '    - name: after',
      '      debug: msg=hi',
      '',
    ].join('\n');
    const linted = lintText('site.yml', text);
    const finding = only(linted, 'package-latest', 'latest');
    assert.equal(localFix(finding).title, 'Use state: present');
    const fixed = applyEdits(text, localFix(finding).edits);
    assert.equal(fixed, text.replace('"latest"', '"present"'));
    const [before] = load(text) as Array<Array<{ tasks: Array<Record<string, unknown>> }>>;
    before[0].tasks[0].pip = { name: 'requests', state: 'present' };
    assert.deepEqual(load(fixed), [before]);
    applyFix(linted, finding);
  });

  test('a templated module (`action:` / `local_action:` "{{ pkg_mgr }} …") with state=latest and name= or pkg= is package-latest, without a fix', () => {
    const text = [
      '- hosts: all',
      '  vars:',
      "    pkg_mgr: \"{{ 'dnf' if ansible_os_family == 'RedHat' else 'apt' }}\"",
      '  tasks:',
      '    - name: keep the agent current',
      '      action: "{{ pkg_mgr }} name=datadog-agent state=latest"',
      '    - name: build tools on the controller',
      '      local_action: "{{ ansible_pkg_mgr }} pkg=gcc state=latest"',
      '    - name: installed once',
      '      action: "{{ pkg_mgr }} name=curl state=present"',
      '    - name: no package argument',
      '      action: "{{ cache_module }} path=/var/cache/app state=latest"',
      '    - name: a templated module in map form',
      '      action:',
      '        module: "{{ pkg_mgr }}"',
      '        name: jq',
      '        state: latest',
      '',
    ].join('\n');
    const linted = lintText('site.yml', text);
    const findings = linted.findings.filter((f) => f.rule === 'package-latest');
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character, at(text, f.span)]),
      [
        [5, 54, 60, 'latest'],
        [7, 57, 63, 'latest'],
        [16, 15, 21, 'latest'],
      ],
    );
    assert.deepEqual(findings.map((f) => f.fixes), [[], [], []]);
    assert.match(findings[0].message, /^`\{\{ pkg_mgr \}\}` keeps the package at the newest version/);
  });

  test('handlers are tasks too', () => {
    assert.deepEqual(summary(lintFixture('roles/web/handlers/main.yml'), 'package-latest'), ['package-latest@latest']);
  });

  test('silent: present, absent, pinned, non-package modules, `name: "*"` (that is an upgrade), vars files', () => {
    assert.deepEqual(summary(lintFixture('silent.yml'), 'package-latest'), []);
    const star = lintText('t/tasks/main.yml', "- yum:\n    name: '*'\n    state: latest\n");
    assert.deepEqual(summary(star, 'package-latest'), []);
    assert.deepEqual(lintFixture('group_vars/all.yml').findings, []);
    assert.deepEqual(lintFixture('roles/web/defaults/main.yml').findings, []);
    const other = lintText('t/tasks/main.yml', '- service: name=nginx state=latest\n- copy: src=a dest=b state=latest\n');
    assert.deepEqual(summary(other, 'package-latest'), []);
  });

  test('# noqa: package-latest on the task or the line silences it; other rules stay', () => {
    const text = [
      '- name: keep newest  # noqa: package-latest',
      '  apt:',
      '    name: nginx',
      '    state: latest',
      '- apt: name=curl state=latest  # noqa package-latest',
      '- apt: name=git state=latest',
      '',
    ].join('\n');
    const linted = lintText('roles/x/tasks/main.yml', text);
    assert.deepEqual(
      linted.findings.filter((f) => f.rule === 'package-latest').map((f) => f.range.start.line),
      [5],
    );
    assert.equal(at(text, linted.findings.find((f) => f.rule === 'package-latest')!.span), 'latest');
  });
});
